"""The Markdown of the generated pages: the templates' environment and the filters that keep seed text inert.

Every `{{ }}` value is escaped for Markdown by the environment's `finalize` unless a filter here
marked it as markup (a link to one of our pages, a code block no content can close, the front
matter PyYAML dumped). The HTML of the same pages is made in `html_pages.py`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from generator.site.escape import external_link, finalize, markdown_text
from generator.site.html_pages import download_attributes, template_environment
from generator.site.mathml import text_with_math

_BACKTICK_RUN = re.compile("`+")


def make_environment(templates_dir: Path, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The Jinja environment of the Markdown templates: `finalize` escapes every value for Markdown."""
    environment = template_environment(templates_dir, bytecode_cache, finalize=finalize, autoescape=False)
    environment.filters.update(
        link=external_link,
        page_link=page_link,
        download_link=download_link,
        code_block=code_block,
        with_math=text_with_math,
    )
    return environment


def page_link(title: object, target: str) -> Markup:
    """A Markdown link to one of our own pages; the target is a path we generated."""
    return Markup(f"[{markdown_text(title)}]({target})")


def download_link(label: object, target: str, filename: str, css_class: str = "") -> Markup:
    """A Markdown link to a file we generated, which the browser saves as `filename`."""
    safe_name, names = download_attributes(filename, css_class)
    classes = "".join(f" .{name}" for name in names)
    return Markup(f'[{markdown_text(label)}]({target}){{ download="{safe_name}"{classes} }}')


def code_block(text: str, language: str = "") -> Markup:
    """A fenced code block longer than any backtick run inside, so the content cannot close it."""
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    return Markup(f"{fence}{language}\n{text.rstrip()}\n{fence}")


def _longest_backtick_run(text: str) -> int:
    return max(map(len, _BACKTICK_RUN.findall(text)), default=0)


def front_matter(values: dict[str, Any]) -> Markup:
    """YAML front matter, dumped by PyYAML so no value can break out of it.

    libyaml's dumper is 7 times faster and writes the same bytes, except that it escapes
    characters beyond the Basic Multilingual Plane (emoji) and fails on lone surrogates: values
    with those, or with control characters, go through the pure-Python dumper.
    """
    dumper = _FAST_DUMPER if all(_bmp_printable(value) for value in values.values()) else yaml.SafeDumper
    dumped = yaml.dump(values, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    return Markup(f"---\n{dumped}---\n")


_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _bmp_printable(value: object) -> bool:
    if isinstance(value, list):
        return all(_bmp_printable(item) for item in value)
    text = str(value)
    return text.isprintable() and (text.isascii() or max(text) <= "\uffff")
