"""A lab's publications page: some intro prose, then pairs of a title line and an abstract.

The page gives no authors and no dates; those stay empty rather than invented.
"""

from __future__ import annotations

import re

from generator.read.manifest import SourceInfo
from generator.read.readers.base import (Paragraph, ReadResult, SeedDocument, find_links, new_collection, new_paper,
                                         paragraphs)

FORMAT = "publications-page"
_MAX_TITLE = 300
_MARKDOWN_HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)


def looks_like(text: str) -> bool:
    """Alternating short title lines and long abstract paragraphs, without Markdown headings.

    A README or a page of notes in Markdown alternates headings and paragraphs just the same,
    but a lab page copied as text has no headings, and this reader would take them as titles.
    """
    if _MARKDOWN_HEADING.search(text):
        return False
    parts = paragraphs(text.split("\n"))
    pairs = sum(1 for a, b in zip(parts, parts[1:]) if _is_title(a) and len(b.text) > 2 * len(a.text))
    return pairs >= 2 and pairs * 2 >= len(parts) - 6


def read(document: SeedDocument, source: SourceInfo) -> ReadResult:
    result = ReadResult(new_collection(document, source, FORMAT))
    parts = paragraphs(document.lines)
    first_title = next((i for i, part in enumerate(parts) if _may_be_title(part)), len(parts))
    result.collection.intro = "\n\n".join(part.text for part in parts[:first_title])
    index = first_title
    while index < len(parts):
        title = parts[index]
        if not _may_be_title(title):
            result.problem(document, title.line, "paragraph without a title line before it; skipped")
            index += 1
            continue
        paper = new_paper(title.text, document, source, title.line, FORMAT)
        result.papers.append(paper)
        body = parts[index + 1] if index + 1 < len(parts) else None
        if body is None or _is_title(body):
            result.problem(document, title.line, f"title {title.text!r} has no abstract after it; "
                           "the paper is listed without one", warning=True)
            index += 1
            continue
        paper.abstract = body.text
        paper.links.update(find_links(body.text))
        index += 2
    return result


def _may_be_title(part: Paragraph) -> bool:
    """Where a title is due, any one line that does not end a sentence is taken as the title."""
    return len(part.lines) == 1 and not part.text.endswith((".", ":", "!"))


def _is_title(part: Paragraph) -> bool:
    """Where an abstract is due, only a short title-like line is taken as the next title."""
    return _may_be_title(part) and len(part.text) <= _MAX_TITLE
