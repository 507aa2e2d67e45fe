"""A BibTeX library (Zotero, Better BibTeX, DBLP, Google Scholar, arXiv exports): one paper per entry.

bibtexparser's splitter cuts the file into blocks and keeps a block that does not parse, with
its line, so the next one still parses. The rest is BibTeX's own semantics, done here:
- `@string` macros, in file order (an entry sees the macros defined above it), the standard
  month macros, and `#` concatenation; an unknown macro reads as empty, as in BibTeX;
- `crossref`: an entry inherits every field it lacks from the entry it names (and the parent's
  title as its booktitle); a @proceedings only referenced as a container gets no page;
- `@comment` and text between entries are ignored; `@preamble` is kept with the entries, since
  their LaTeX may need it;
- keys compare without case, as in BibTeX; a repeated key or field is reported.
Text to show (title, authors, venue, abstract) is decoded from LaTeX to Unicode; the entry
offered for copy is the user's own (`Paper.source_bibtex`): their fields, in their order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bibtexparser.model import (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ParsingFailedBlock, Preamble,
                                String)
from bibtexparser.splitter import Splitter

from generator.cite.bibtex_names import split_names
from generator.cite.latex import to_text
from generator.model import Author, BibEntry, Paper
from generator.read.manifest import SourceInfo
from generator.read.readers.base import ReadResult, SeedDocument, new_collection, new_paper, normalise_space
from generator.site.escape import safe_url

FORMAT = "bibtex"
MONTH_MACROS = {name: full for name, full in zip(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"))}
CONTAINER_TYPES = {"proceedings", "mvproceedings", "collection", "mvcollection", "book", "mvbook"}
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(][ \t]*[^\s,{}()]*[ \t]*,", re.MULTILINE)
_BLOCK_START = re.compile(r"^[ \t]*@[ \t]*(string|preamble|comment)[ \t]*[{(]", re.MULTILINE | re.IGNORECASE)
_ARXIV_IN_TEXT = re.compile(r"arXiv:\s*(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?", re.IGNORECASE)
_ARXIV_VERSION = re.compile(r"^(.*?)(v\d+)?$")


def looks_like(text: str) -> bool:
    """Entries (`@article{key,`) and nothing before the first block (entry, @string, ...) but comments."""
    entry = _ENTRY_START.search(text)
    if entry is None:
        return False
    block = _BLOCK_START.search(text, 0, entry.start())
    before = text[:block.start() if block else entry.start()]
    return all(not line.strip() or line.lstrip().startswith("%") for line in before.splitlines())


@dataclass(slots=True)
class _Raw:
    """An entry with its fields evaluated: macros and `#` resolved, still LaTeX."""

    entry_type: str
    key: str
    line: int
    fields: list[tuple[str, str]] = field(default_factory=list)  # user's names and order

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.fields if key.lower() == name), None)


def read(document: SeedDocument, source: SourceInfo) -> ReadResult:
    result = ReadResult(new_collection(document, source, FORMAT))
    macros = dict(MONTH_MACROS)
    preambles: list[str] = []
    entries: list[_Raw] = []
    first_line: dict[str, int] = {}
    for block in Splitter(document.text).split().blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateFieldKeyBlock):
            block = block.ignore_error_block  # repeated fields: reported below, the first kept
        elif isinstance(block, DuplicateBlockKeyBlock):
            block = block.ignore_error_block  # repeated keys: compared without case below
        elif isinstance(block, ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", None) or str(block.error)
            result.problem(document, line, f"BibTeX block does not parse: {_one_line(reason)}; skipped")
            continue
        if isinstance(block, String):
            macros[block.key.lower()] = _evaluate(block.value, macros, document, line, f"@string {block.key}",
                                                  result)
        elif isinstance(block, Preamble):
            preambles.append(_evaluate(block.value, macros, document, line, "@preamble", result))
        elif isinstance(block, Entry):
            raw = _evaluate_entry(block, macros, document, result)
            previous = first_line.get(raw.key.lower())
            if previous is not None:
                result.problem(document, raw.line, f"key {raw.key!r} is used already on line {previous}; BibTeX "
                               "would skip this entry: it gets a page and a key of its own", warning=True)
            else:
                first_line[raw.key.lower()] = raw.line
            entries.append(raw)
    containers = _resolve_crossrefs(entries, document, result)
    for raw in entries:
        if id(raw) in containers:
            continue
        paper = _paper(raw, tuple(preambles), document, source, result)
        if paper is not None:
            result.papers.append(paper)
    return result


def _evaluate_entry(block: Entry, macros: dict[str, str], document: SeedDocument, result: ReadResult) -> _Raw:
    line = (block.start_line or 0) + 1
    raw = _Raw(block.entry_type.lower(), block.key.strip(), line)
    if not raw.key:
        result.problem(document, line, "entry without a key: it gets one", warning=True)
    seen: set[str] = set()
    for item in block.fields:
        name = item.key.strip()
        field_line = (item.start_line or block.start_line or 0) + 1
        if name.lower() in seen:
            result.problem(document, field_line, f"field {name!r} repeats in entry {raw.key!r}; the first value "
                           "is kept, as BibTeX does", warning=True)
            continue
        seen.add(name.lower())
        if name.lower() == "month" and item.value.strip().lower() in MONTH_MACROS and \
                macros.get(item.value.strip().lower()) == MONTH_MACROS[item.value.strip().lower()]:
            raw.fields.append((name, item.value.strip().lower()))  # stays the style's macro
            continue
        raw.fields.append((name, _evaluate(item.value, macros, document, field_line, f"field {name!r}", result)))
    return raw


def _evaluate(expression: str, macros: dict[str, str], document: SeedDocument, line: int, where: str,
              result: ReadResult) -> str:
    """A BibTeX value: `{...}`, `"..."`, numbers and macros joined by `#`, as LaTeX."""
    pieces = []
    for part in _split_concatenation(expression):
        part = part.strip()
        if len(part) >= 2 and part[0] + part[-1] in ("{}", '""'):
            pieces.append(part[1:-1])
        elif part.isdigit():
            pieces.append(part)
        elif part:
            value = macros.get(part.lower())
            if value is None:
                result.problem(document, line, f"unknown @string macro {part!r} in {where}; read as empty, as "
                               "BibTeX does", warning=True)
                value = ""
            pieces.append(value)
    return "".join(pieces)


def _split_concatenation(expression: str) -> list[str]:
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(expression):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(expression[start:index])
            start = index + 1
    parts.append(expression[start:])
    return parts


def _resolve_crossrefs(entries: list[_Raw], document: SeedDocument, result: ReadResult) -> set[int]:
    """Copy inherited fields into each child; return the containers that get no page of their own."""
    by_key = {}
    for raw in entries:
        by_key.setdefault(raw.key.lower(), raw)
    containers: set[int] = set()
    resolved: set[int] = set()

    def resolve(raw: _Raw, chain: tuple[int, ...]) -> None:
        if id(raw) in resolved:
            return
        resolved.add(id(raw))
        target = raw.get("crossref")
        if target is None:
            return
        raw.fields = [(name, value) for name, value in raw.fields if name.lower() != "crossref"]
        parent = by_key.get(target.strip().lower())
        if parent is None or id(parent) in chain or parent is raw:
            result.problem(document, raw.line, f"entry {raw.key!r} has crossref {target!r}, which is not an "
                           "entry of this file; nothing inherited", warning=True)
            return
        resolve(parent, (*chain, id(raw)))
        if parent.entry_type in CONTAINER_TYPES:
            containers.add(id(parent))
        have = {name.lower() for name, _ in raw.fields}
        if "booktitle" not in have and parent.get("booktitle") is None and parent.get("title") is not None:
            raw.fields.append(("booktitle", parent.get("title") or ""))
            have.add("booktitle")
        for name, value in parent.fields:
            if name.lower() not in have and name.lower() not in ("title", "ids"):
                raw.fields.append((name, value))

    for raw in entries:
        resolve(raw, ())
    return containers


def _paper(raw: _Raw, preambles: tuple[str, ...], document: SeedDocument, source: SourceInfo,
           result: ReadResult) -> Paper | None:
    title = raw.get("title")
    if not title or not title.strip():
        result.problem(document, raw.line, f"entry {raw.key!r} has no title; no page made")
        return None
    paper = new_paper(text(title), document, source, raw.line, FORMAT)
    paper.entry_type = raw.entry_type
    fields = tuple((name, " ".join(value.split())) for name, value in raw.fields)  # as BibTeX reads them
    paper.source_bibtex = BibEntry(raw.entry_type, raw.key, fields, preambles)
    paper.authors = [Author(name) for name in split_names(raw.get("author") or "")]
    for name in ("journal", "booktitle", "volume", "number", "publisher"):
        if raw.get(name):
            setattr(paper, name, text(raw.get(name) or ""))
    if raw.get("pages"):
        paper.pages = text(raw.get("pages") or "")
    howpublished = text(raw.get("howpublished") or "") or None
    publisher = paper.publisher if raw.entry_type in CONTAINER_TYPES else None  # a book's venue is its press
    paper.venue = paper.journal or paper.booktitle or howpublished or publisher or paper.venue
    if raw.get("abstract"):
        paper.abstract = text(raw.get("abstract") or "")
    if raw.get("note"):
        paper.comment = text(raw.get("note") or "")
    _read_dates(paper, raw, document, result)
    _read_identifiers(paper, raw, document, result)
    if raw.get("keywords"):
        paper.hand_tags = [normalise_space(word) for word in re.split(r"[,;]", text(raw.get("keywords") or ""))
                           if word.strip()]
    return paper


def text(latex: str) -> str:
    """A field's text to show: LaTeX decoded, white space collapsed."""
    return normalise_space(to_text(latex))


def _read_dates(paper: Paper, raw: _Raw, document: SeedDocument, result: ReadResult) -> None:
    if raw.get("date"):
        try:
            paper.date = dt.date.fromisoformat(text(raw.get("date") or ""))
        except ValueError:
            pass
    year = raw.get("year")
    if year:
        match = re.search(r"\d{4}", year)
        if match:
            paper.year = int(match.group(0))
        else:
            result.problem(document, raw.line, f"entry {raw.key!r}: year {year!r} has no four-digit year; ignored",
                           warning=True)
    elif paper.date:
        paper.year = paper.date.year


def _read_identifiers(paper: Paper, raw: _Raw, document: SeedDocument, result: ReadResult) -> None:
    doi = raw.get("doi")
    if doi:
        doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", _unescape(doi).strip(), flags=re.IGNORECASE)
        paper.doi = doi or None
    url = raw.get("url")
    if url and safe_url(_unescape(url)):
        paper.links["url"] = _unescape(url).strip()
    elif url:
        result.problem(document, raw.line, f"entry {raw.key!r}: url {url!r} is not an http(s) URL; not linked "
                       "(your entry keeps it)", warning=True)
    eprint, prefix = raw.get("eprint"), (raw.get("archiveprefix") or raw.get("eprinttype") or "").lower()
    arxiv = None
    if eprint and (prefix == "arxiv" or re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", eprint.strip())):
        arxiv = eprint.strip()
    else:
        match = _ARXIV_IN_TEXT.search(" ".join(raw.get(name) or "" for name in ("journal", "note", "howpublished")))
        if match:
            arxiv = match.group(1) + (match.group(2) or "")
    if arxiv:
        identifier, version = _ARXIV_VERSION.match(_unescape(arxiv)).groups()  # type: ignore[union-attr]
        paper.arxiv_id, paper.arxiv_version = identifier, version
        paper.links.setdefault("abstract", f"https://arxiv.org/abs/{identifier}")
        paper.links.setdefault("pdf", f"https://arxiv.org/pdf/{identifier}")
    category = raw.get("primaryclass") or raw.get("eprintclass")
    if category:
        paper.categories = [category.strip()]


def _unescape(value: str) -> str:
    """An identifier or URL as written in a .bib: `\\_` -> `_`, braces dropped."""
    return re.sub(r"\\([_%#&$~])", r"\1", value).replace("{", "").replace("}", "")


def _one_line(text: str) -> str:
    return " ".join(text.split())
