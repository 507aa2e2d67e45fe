"""Pagefind, the chunked search for large lists: what it indexes on a page, and running it.

Material's search (lunr) sends the browser one JSON index and builds the whole lunr index there
before the first result: fine for hundreds of papers, a 25 MB download and 8 s of waiting at ten
thousand. Pagefind splits its index into chunks and fetches only those a query needs. The
plugin (`search: pagefind`) marks each page's HTML with Pagefind's attributes here, and runs the
`pagefind` binary (PyPI package `pagefind[bin]`) on the written site.

What Pagefind indexes mirrors what lunr indexes:
- a page whose front matter says `search: exclude: true` (the listings) gets no
  `data-pagefind-body`, so Pagefind skips it, since other pages have one;
- a heading marked `{ data-search-exclude }` leaves its section out (up to the next heading, as
  Material's search does), and any other element so marked is left out with its children.
A paper's tags are in its metadata block, so they are indexed like its other words. They are not
made Pagefind filters: Pagefind writes its filter index in a different order on each run, which
would end byte-identical builds, and Pagefind UI draws filter values as HTML.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

EXCLUDE = "data-search-exclude"
IGNORE = ' data-pagefind-ignore="all"'
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PERMALINK = '<a class="headerlink"'  # the "¶" the toc extension adds to each heading: not part of a title
OUTPUT = "pagefind"  # Pagefind writes its bundle to site/pagefind/; the header's search loads it from there
LAYOUT = "pagefind-layout.html"  # pagefind_theme's page layout, which a theme override's main.html extends


@dataclass
class Tag:
    """One start tag of the page: where it is, how deep, and whether it is marked for exclusion."""

    name: str
    start: int
    depth: int
    excluded: bool


@dataclass
class Close:
    """One end tag: where it is, and the depth of the element it closes."""

    start: int
    depth: int


class TagEvents:
    """The tags met so far, in order, each with the depth it opens or closes at."""

    def __init__(self) -> None:
        self.open: list[str] = []
        self.events: list[Tag | Close] = []

    def start(self, name: str, position: int, excluded: bool) -> None:
        self.events.append(Tag(name, position, len(self.open), excluded))
        if name not in VOID:
            self.open.append(name)  # a self-closing tag is closed at once by a matching `end`

    def end(self, name: str, position: int) -> None:
        if name not in self.open:
            return  # a stray end tag closes nothing
        while self.open and self.open.pop() != name:
            pass
        self.events.append(Close(position, len(self.open)))


class TagScanner(HTMLParser):
    """Finds start and end tags with their offsets in the string and their nesting depth."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0]  # HTMLParser counts lines by "\n" alone
        for line in text.split("\n"):
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.tags = TagEvents()

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.start(tag, self.position(), any(key == EXCLUDE for key, _ in attrs))

    def handle_endtag(self, tag: str) -> None:  # HTMLParser's handle_startendtag calls both
        self.tags.end(tag, self.position())


def scan(text: str) -> list[Tag | Close]:
    """Every tag of the page: by regular expressions when the HTML is as Python-Markdown writes it.

    HTMLParser reads any HTML, at about 3 ms a paper page, a tenth of MkDocs' time for it; the
    expressions take a tenth of that. Anything they might read otherwise than HTMLParser (a
    comment, a script, a `<` that starts no tag, an attribute they cannot take apart) sends the
    page to HTMLParser.
    """
    return _scan_tags(text) or _parse_tags(text)


def _parse_tags(text: str) -> list[Tag | Close]:
    scanner = TagScanner(text)
    scanner.feed(text)
    scanner.close()
    return scanner.tags.events


# A start or end tag: a name, then attributes whose quoted values may hold ">".
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9:._-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = r"""\s+([^\s"'<>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_ATTRIBUTES = re.compile(rf"(?:{_ATTRIBUTE})*\s*(?P<closed>/?)")  # "<br/>" is closed, "<a href=x/>" is not
_ATTRIBUTE_NAMES = re.compile(_ATTRIBUTE)
# What HTMLParser reads in ways of its own: comments, declarations, processing instructions,
# elements whose text is not HTML, and a "<" that starts no tag.
_PARSER_ONLY = re.compile(r"<[!?]|<(?![a-zA-Z/])|</(?![a-zA-Z])|"
                          r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b",
                          re.IGNORECASE)


def _scan_tags(text: str) -> list[Tag | Close] | None:
    """The tags by regular expressions, or None when HTMLParser must read the page (see `scan`)."""
    if _PARSER_ONLY.search(text):
        return None
    matches = list(_TAG.finditer(text))
    if len(matches) != text.count("<"):
        return None  # a "<" that the expression did not read as a tag, or one inside an attribute
    tags = TagEvents()
    for match in matches:
        closing, name, attributes = match.groups()
        parts = _ATTRIBUTES.fullmatch(attributes)
        if parts is None:
            return None
        name = name.lower()
        if closing:
            tags.end(name, match.start())
            continue
        excluded = EXCLUDE in attributes.lower() and any(
            key.lower() == EXCLUDE for key in _ATTRIBUTE_NAMES.findall(attributes))
        tags.start(name, match.start(), excluded)
        if parts["closed"]:
            tags.end(name, match.start())
    return tags.events


def section_end(events: list[Tag | Close], index: int, length: int) -> int:
    """Where the section opened by the heading `events[index]` ends: the next heading beside it, or its parent's end."""
    depth = events[index].depth
    for event in events[index + 1:]:
        if isinstance(event, Close) and event.depth < depth:
            return event.start
        if isinstance(event, Tag) and event.depth == depth and event.name in HEADINGS:
            return event.start
    return length


def ignore_excluded(text: str) -> str:
    """The page's HTML with every part Material's search leaves out marked `data-pagefind-ignore`.

    A marked heading's section is wrapped in one `<div data-pagefind-ignore="all">`; any other
    marked element gets the attribute itself. Pages without a mark come back unchanged, unparsed.
    """
    if EXCLUDE not in text:
        return text
    events = scan(text)
    edits: list[tuple[int, int, str]] = []  # (position, order at that position, text to insert)
    for index, event in enumerate(events):
        if not (isinstance(event, Tag) and event.excluded):
            continue
        if event.name in HEADINGS:
            edits.append((event.start, 1, f"<div{IGNORE}>"))
            edits.append((section_end(events, index, len(text)), 0, "</div>"))
        else:
            edits.append((event.start + 1 + len(event.name), 1, IGNORE))
    for position, _, insert in sorted(edits, reverse=True):
        text = text[:position] + insert + text[position:]
    return text


def is_excluded_page(meta: dict[str, Any]) -> bool:
    """True for a page whose front matter keeps it out of Material's search (`search: exclude: true`)."""
    search = meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def mark_page(content: str, meta: dict[str, Any]) -> str:
    """A page's HTML as Pagefind should index it: its body, less what lunr leaves out too."""
    if is_excluded_page(meta):
        return content
    content = ignore_excluded(content).replace(PERMALINK, PERMALINK + IGNORE)
    return f"<div data-pagefind-body>{content}</div>"


class PagefindError(RuntimeError):
    """Pagefind is missing or failed: the build must say so rather than ship a site without search."""


@dataclass
class IndexReport:
    """One Pagefind run: how long it took and what it printed."""

    seconds: float
    output: str

    def summary(self) -> str:
        """Pagefind's own count lines ("Indexed 1482 pages", ...), one line for the build log."""
        counts = [line.strip() for line in self.output.splitlines() if line.strip().startswith("Indexed ")]
        return "; ".join(counts) + f"; {self.seconds:.1f} s"


def run_pagefind(site_dir: Path) -> IndexReport:
    """Index the written site with the `pagefind` binary; its bundle lands in site_dir/pagefind/."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT]
    started = time.perf_counter()
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise PagefindError(f"could not run pagefind: {error}") from error
    if result.returncode != 0:
        hint = " (install it: pip install 'pagefind[bin]')" if "No module named" in result.stderr else ""
        raise PagefindError(f"pagefind failed{hint}: {(result.stderr or result.stdout).strip()[-2000:]}")
    return IndexReport(time.perf_counter() - started, result.stdout)
