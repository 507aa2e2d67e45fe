"""The site's HTML for the generated pages, so MkDocs never parses Markdown the generator wrote.

Every generated page is rendered twice from one context: as Markdown for `docs/` (people read
and diff those files) and as HTML through the templates in `site_templates/html/`. The HTML goes
into a JSON file beside the pages (`docs/.rendered/`, which MkDocs skips as a hidden folder) with
what MkDocs would otherwise learn by converting the Markdown: the table of contents, the front
matter, and the entries Material's search index needs. The plugin hands these to MkDocs.

Seed text is escaped by Jinja's autoescape here; only filters that build markup (links, math,
the highlighted BibTeX) return `Markup`, and they escape what they put in.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from pathlib import Path
from typing import Any, TypedDict

import jinja2
from markdown.extensions.toc import slugify
from markupsafe import Markup, escape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name

from generator.enrich import reading
from generator.enrich.tags import category_name
from generator.site.escape import safe_url
from generator.site.mathml import text_with_math
from generator.site.notes import render_notes

RENDERED_DIR = ".rendered"  # under docs/; MkDocs leaves out hidden folders of docs/
HTML_TEMPLATES = "html"  # the HTML templates' folder, inside the templates folder
PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'
SEARCH_KEPT_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}  # as Material's search keeps them
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"( data-search-exclude)?>(.*?)</h\1>', re.DOTALL)
_PERMALINK_TAG = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')
_SPACE = re.compile(r"\s+")
_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


class TocToken(TypedDict):
    """One heading, as Python-Markdown's toc extension reports it to MkDocs."""

    level: int
    id: str
    name: str
    children: list[TocToken]


def page_url(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a file of `docs/` (`papers/x.md` -> `papers/x/`), from the site's root."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5] if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_link(page: str, target: str, directory_urls: bool) -> str:
    """A link from the page at `page` to `target`, a path relative to that page's file, as MkDocs writes it."""
    path, hash_mark, fragment = target.partition("#")
    if not path:
        return target
    folder, _, name = page.rpartition("/")
    if path.endswith(name) and posixpath.normpath(posixpath.join(folder, path)) == page:
        link = "./" if directory_urls else page_url(name, directory_urls)  # the page itself
        return link + hash_mark + fragment
    # Pages of one folder link alike, but for an index page, whose URL is one level higher.
    return _relative_url(folder, name == "index.md", path, directory_urls) + hash_mark + fragment


@functools.lru_cache(maxsize=65536)
def _relative_url(folder: str, is_index: bool, path: str, directory_urls: bool) -> str:
    page = posixpath.join(folder, "index.md" if is_index else "page.md")
    resolved = posixpath.normpath(posixpath.join(folder, path))
    url = page_url(resolved, directory_urls)
    base = page_url(page, directory_urls)
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    relative = posixpath.relpath("/" + url, "/" + base_dir)
    if url.endswith("/") or not url:
        relative = relative.rstrip("/") + "/"
    return relative


class Headings:
    """The headings of one page as it is rendered: each gets a unique id and a permalink, like the toc extension."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.tokens: list[TocToken] = []

    def add(self, level: int, inner: object, id: str | None = None, exclude: bool = False) -> Markup:
        """`<hN>` for `inner` (escaped unless markup); `id` is a fixed anchor, else one made from the text."""
        inner_html = escape(inner)
        name = strip_tags(inner_html)
        anchor = self.unique(id or slugify(html.unescape(name), "-"))
        self.tokens.append(TocToken(level=level, id=anchor, name=name, children=[]))
        mark = " data-search-exclude" if exclude else ""
        permalink = PERMALINK.format(id=anchor)
        return Markup(f'<h{level} id="{anchor}"{mark}>{inner_html}{permalink}</h{level}>')

    def unique(self, anchor: str) -> str:
        candidate, number = anchor, 0
        while candidate in self.ids:
            number += 1
            candidate = f"{anchor}_{number}"
        self.ids.add(candidate)
        return candidate

    def toc(self) -> list[TocToken]:
        """The headings nested by level, as MkDocs' `get_toc` takes them."""
        roots: list[TocToken] = []
        open_tokens: list[TocToken] = []
        for token in self.tokens:
            while open_tokens and open_tokens[-1]["level"] >= token["level"]:
                open_tokens.pop()
            (open_tokens[-1]["children"] if open_tokens else roots).append(token)
            open_tokens.append(token)
        return roots


def strip_tags(fragment: str) -> str:
    return _TAG.sub("", fragment)


def search_entries(content: str, title: str, tags: list[str]) -> list[dict[str, Any]]:
    """Material's search index entries for a page: one per section, as its search plugin would make them.

    Sections start at the headings `Headings` wrote; a heading marked `data-search-exclude`
    leaves out its section. `location` is the anchor only: the plugin puts the page's URL in front.
    """
    entries: list[dict[str, Any]] = []
    matches = list(_HEADING.finditer(content))
    starts = [0, *(match.start() for match in matches)]
    for number, start in enumerate(starts):
        match = matches[number - 1] if number else None
        end = starts[number + 1] if number + 1 < len(starts) else len(content)
        if match is not None and match.group(3):
            continue
        text = search_text(content[match.end() if match else start:end])
        if match is None and not text:
            continue  # nothing before the first heading
        heading = search_text(_PERMALINK_TAG.sub("", match.group(4))) if match else title
        location = f"#{match.group(2)}" if match and number > 1 else ""
        entry: dict[str, Any] = {"location": location, "title": heading or title, "text": text}
        if tags:
            entry["tags"] = tags
        entries.append(entry)
    return entries


def search_text(fragment: str) -> str:
    """The text of an HTML fragment as Material's search keeps it: a few block tags, text escaped.

    Kept tags are swapped for markers while the text is unescaped and escaped again; markers
    already in the fragment are dropped first, so seed text can never turn into a tag.
    """
    marked = _TAG.sub(_marker, fragment.replace(_OPEN, "").replace(_CLOSE, ""))
    text = html.escape(html.unescape(marked), quote=False)
    return _SPACE.sub(" ", text.replace(_OPEN, "<").replace(_CLOSE, ">")).strip()


_OPEN, _CLOSE = "\x00", "\x01"


def _marker(tag: re.Match[str]) -> str:
    name = tag.group(2).lower()
    return f"{_OPEN}{tag.group(1)}{name}{_CLOSE}" if name in SEARCH_KEPT_TAGS else ""


def rendered_json(meta: dict[str, Any], content: str, headings: Headings) -> str:
    """What the plugin gives MkDocs for a page: its front matter, HTML, toc and search entries."""
    search = meta.get("search")
    excluded = isinstance(search, dict) and search.get("exclude")
    entries = [] if excluded else search_entries(content, str(meta.get("title", "")), list(meta.get("tags", [])))
    document = {"meta": meta, "toc": headings.toc(), "search": entries, "content": content}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def rendered_path(page: str) -> str:
    """Where the HTML of the page `page` (relative to docs/) is kept, relative to docs/."""
    return f"{RENDERED_DIR}/{page.removesuffix('.md')}.json"


def template_environment(folder: Path, compiled: jinja2.BytecodeCache | None, **options: Any) -> jinja2.Environment:
    """A Jinja environment of our templates with what both sets use; `options` say how values are escaped."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=compiled,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    environment.globals.update(status_titles=reading.STATUS_TITLES, status_descriptions=reading.STATUS_DESCRIPTIONS)
    environment.filters.update(
        category_name=category_name,
        paragraphs=lambda text: [part for part in (text or "").split("\n\n") if part.strip()],
        notes_html=lambda text: Markup(render_notes(text)),
        stars=reading.stars,
    )
    return environment


def make_html_environment(templates_dir: Path, directory_urls: bool,
                          compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The Jinja environment of the HTML templates: autoescaped, with filters that make our markup."""
    environment = template_environment(templates_dir / HTML_TEMPLATES, compiled, autoescape=True)
    environment.globals["directory_urls"] = directory_urls
    environment.filters.update(page_link=page_link, download_link=download_link, link=external_link, url=url_filter,
                               code_block=code_block,
                               with_math=lambda text: text_with_math(text, lambda part: str(escape(part))))
    return environment


@jinja2.pass_context
def url_filter(context: jinja2.runtime.Context, target: str) -> str:
    """The URL of `target` (a path relative to the page's file) from the page being rendered."""
    return relative_link(context["page_path"], target, context["directory_urls"])


@jinja2.pass_context
def page_link(context: jinja2.runtime.Context, title: object, target: str) -> Markup:
    """A link to one of our own pages; the target is a path we generated, relative to this page's file."""
    return Markup(f'<a href="{escape(url_filter(context, target))}">{escape(title)}</a>')


@jinja2.pass_context
def download_link(context: jinja2.runtime.Context, label: object, target: str, filename: str,
                  css_class: str = "") -> Markup:
    """A link to a file we generated, which the browser saves as `filename`."""
    safe_name, names = download_attributes(filename, css_class)
    attributes = f' class="{" ".join(names)}"' if names else ""
    href = escape(url_filter(context, target))
    return Markup(f'<a{attributes} download="{safe_name}" href="{href}">{escape(label)}</a>')


def download_attributes(filename: str, css_class: str) -> tuple[str, list[str]]:
    """A download link's file name and class names, reduced to characters that cannot leave an attribute.

    `css_class` comes from a template ("md-button"), never from seed text; the file name may hold a citation key.
    """
    return (re.sub(r"[^A-Za-z0-9._-]+", "_", filename),
            [name for name in css_class.split() if re.fullmatch(r"[\w-]+", name)])


def external_link(label: object, url: str | None, css_class: str = "") -> Markup:
    """A link to an external http(s) URL, or the bare label when the URL is not one."""
    target = safe_url(url)
    if target is None:
        return escape(label)
    attributes = f' class="{escape(css_class)}"' if css_class else ""
    return Markup(f'<a href="{escape(target)}"{attributes}>{escape(label)}</a>')


def code_block(text: str, language: str = "") -> Markup:
    """Highlighted code, as pymdownx.highlight writes a fenced block (Material adds the copy button)."""
    return Markup(highlight(text.rstrip() + "\n", _lexer(language or "text"), _FORMATTER).rstrip("\n"))


@functools.lru_cache(maxsize=None)
def _lexer(language: str) -> Lexer:
    return get_lexer_by_name(language)
