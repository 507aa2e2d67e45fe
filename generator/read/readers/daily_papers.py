"""A Daily Papers listing: title, abstract, then a three-line paragraph: "• N authors" (or the
submitting organisation), "·", and a date (the year left out for this year's papers) with an
optional upvote count.
"""

from __future__ import annotations

import re

from generator.model import Paper
from generator.read.manifest import SourceInfo
from generator.read.readers.base import (Paragraph, ReadResult, SeedDocument, find_links, month_day_date,
                                         new_collection, new_paper, paragraphs)

FORMAT = "daily-papers"
_SEPARATOR = "·"
_AUTHOR_COUNT = re.compile(r"^[•·]\s*(\d+)\s+authors?$")
_DATE = re.compile(r"^([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?(?: (\d+))?$")
_MAX_TITLE = 300
_HANDLE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def looks_like(text: str) -> bool:
    return "\n·\n" in text and re.search(r"^\s*•\s*\d+\s+authors?$", text, re.MULTILINE) is not None


def read(document: SeedDocument, source: SourceInfo) -> ReadResult:
    result = ReadResult(new_collection(document, source, FORMAT))
    parts = paragraphs(document.lines)
    start = _end_of_header(parts)
    for index, part in enumerate(parts):
        if index < start or not _is_meta(part):
            continue
        paper = _read_record(parts[start:index], part, document, source, result)
        if paper is not None:
            result.papers.append(paper)
        start = index + 1
    for part in parts[start:]:
        result.problem(document, part.line, f"text after the last paper, not part of any record: "
                       f"{part.text[:60]!r}; skipped")
    return result


def _end_of_header(parts: list[Paragraph]) -> int:
    """The page opens with a banner and the listing's own date ("Oct 31"); papers follow it."""
    for index, part in enumerate(parts[:12]):
        if _DATE.match(part.text):
            return index + 1
    return 0


def _is_meta(part: Paragraph) -> bool:
    """The paragraph that closes a record: who, then "·", then when."""
    return any(line.strip() == _SEPARATOR for line in part.lines)


def _read_record(body: list[Paragraph], meta: Paragraph, document: SeedDocument, source: SourceInfo,
                 result: ReadResult) -> Paper | None:
    if not body:
        result.problem(document, meta.line, f"{meta.text!r} follows no title; record skipped")
        return None
    title, *abstract = body
    if not abstract and (title.text.endswith(".") or len(title.text) > _MAX_TITLE):
        result.problem(document, title.line, f"paper without a title: the record starts with its abstract "
                       f"{title.text[:40]!r}; skipped")
        return None
    paper = new_paper(title.text, document, source, title.line, FORMAT)
    if len(title.lines) > 1:
        result.problem(document, title.line, f"title spans {len(title.lines)} lines; joined", warning=True)
    if not abstract:
        result.problem(document, title.line, f"paper {title.text!r} has no abstract; listed without one",
                       warning=True)
    elif len(abstract) > 1:
        result.problem(document, title.line, f"paper {title.text!r}: {len(abstract)} paragraphs where one "
                       "abstract was expected; all kept as its abstract", warning=True)
    if abstract:
        paper.abstract = "\n\n".join(part.text for part in abstract)
        paper.links.update(find_links(paper.abstract))
    lines = [line.strip() for line in meta.lines]
    separator = lines.index(_SEPARATOR)
    _read_who(paper, " ".join(lines[:separator]))
    _read_date(paper, " ".join(lines[separator + 1:]), meta.line + separator + 1, document, source, result)
    return paper


def _read_who(paper: Paper, text: str) -> None:
    count = _AUTHOR_COUNT.match(text)
    if count:
        paper.author_count = int(count.group(1))
        return
    words = text.split(" ", 1)
    # An organisation shows as its handle then its display name: "tencent Tencent".
    paper.organisation = (words[1] if len(words) == 2 and _HANDLE.match(words[0]) else text) or None


def _read_date(paper: Paper, text: str, line: int, document: SeedDocument, source: SourceInfo,
               result: ReadResult) -> None:
    match = _DATE.match(text)
    if not match:
        result.problem(document, line, f"paper {paper.title!r}: no date after '·' (found {text!r})",
                       warning=True)
        return
    month, day, year, upvotes = match.groups()
    paper.date = month_day_date(month, int(day), int(year) if year else None, source.listing_date)
    if paper.date is None:
        reason = "no listing_date in sources.yml to take the year from" if not year else "not a real date"
        result.problem(document, line, f"paper {paper.title!r}: date {text!r}: {reason}", warning=True)
    paper.upvotes = int(upvotes) if upvotes else None
