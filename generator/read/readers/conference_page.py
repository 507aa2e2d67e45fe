"""A conference paper page with its "Similar papers": the first paper is the page's subject.

Each paper reads: title, author line, "Responsive image" (an image's alt text), "Auto-TLDR; ...",
a line of material links ("Slides Poster Similar"), then the abstract.
"""

from __future__ import annotations

import re

from generator.model import Author, Paper
from generator.read.manifest import SourceInfo
from generator.read.readers.base import (Paragraph, ReadResult, SeedDocument, find_links, new_collection, new_paper,
                                         paragraphs)

FORMAT = "conference-similar"
_IMAGE_ALT = "Responsive image"
_SIMILAR_HEADING = "Similar papers"
_TLDR = "Auto-TLDR;"
_MATERIALS = re.compile(r"^(Slides|Poster|Similar|Video|Paper)( (Slides|Poster|Similar|Video|Paper))*$")
_SHORT = 300


def looks_like(text: str) -> bool:
    return _TLDR in text and _IMAGE_ALT in text


def read(document: SeedDocument, source: SourceInfo) -> ReadResult:
    result = ReadResult(new_collection(document, source, FORMAT))
    current: Paper | None = None
    for part in paragraphs(document.lines):
        if part.text == _SIMILAR_HEADING:
            _report_missing_parts(current, document, result)
            current = None
        elif current is None or current.abstract is not None or _starts_new_paper(current, part):
            _report_missing_parts(current, document, result)
            current = new_paper(part.text, document, source, part.line, FORMAT)
            result.papers.append(current)
        else:
            _read_part(current, part.text)
    _report_missing_parts(current, document, result)
    _relate_to_subject(result)
    return result


def _read_part(paper: Paper, text: str) -> None:
    """One paragraph after the title: authors, image alt text, TL;DR, materials or the abstract."""
    if text == _IMAGE_ALT:
        return
    if text.startswith(_TLDR):
        paper.tldr = text[len(_TLDR):].strip() or None
    elif _MATERIALS.match(text):
        paper.materials = [word.lower() for word in text.split() if word != "Similar"]
    elif not paper.authors and len(text) <= _SHORT and not paper.tldr:
        paper.authors = [Author(name.strip()) for name in text.split(",") if name.strip()]
    else:
        paper.abstract = text
        paper.abstract_truncated = text.endswith(("...", "…"))
        paper.links.update(find_links(text))


def _starts_new_paper(current: Paper, part: Paragraph) -> bool:
    """A short line after the material links, where an abstract was due, is the next title."""
    text = part.text
    return bool(current.materials or current.tldr) and len(text) <= _SHORT and not text.endswith(".") \
        and text != _IMAGE_ALT and not _MATERIALS.match(text) and not text.startswith(_TLDR)


def _report_missing_parts(paper: Paper | None, document: SeedDocument, result: ReadResult) -> None:
    if paper is None:
        return
    line = paper.sources[0].line
    if paper.abstract is None:
        result.problem(document, line, f"paper {paper.title!r} has no abstract; listed without one", warning=True)
    if not paper.authors:
        result.problem(document, line, f"paper {paper.title!r} has no author line", warning=True)


def _relate_to_subject(result: ReadResult) -> None:
    """The page's first paper is its subject; the others are the page's similar papers."""
    if not result.papers:
        return
    subject, *similar = result.papers
    subject.stated_similar = [paper.title for paper in similar]
    result.collection.subject_title = subject.title
