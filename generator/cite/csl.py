"""CSL-JSON for every paper: the one mapping from a Paper to a citation item, for the .json downloads and for APA.

CSL-JSON is the input of citation processors (citeproc-js in Zotero and Mendeley, pandoc,
citeproc-py, which formats our APA references). The item says what the BibTeX entry says, from
the same fields (annotations' corrections already applied): the same type decision
(`bibtex.entry_type_for`), the same name splitting (`bibtex_names.name_parts`), the same URL.
Nothing is invented: a paper without author names has no `author`, one without a year no `issued`.
Values are plain text, as the sources give them.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.cite.bibtex import entry_type_for
from generator.cite.bibtex_names import name_parts
from generator.model import Paper
from generator.site.escape import safe_url

# BibTeX type -> CSL type; @misc is a preprint (CSL "article") when it is on arXiv, else a "document".
CSL_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "incollection": "chapter",
    "inbook": "chapter",
    "book": "book",
    "techreport": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
}
PREPRINT = "article"
GENERIC = "document"
_CONTAINER_TYPES = {"article-journal", "paper-conference", "chapter"}
_RANGE = re.compile(r"\s*[-–—]+\s*")


def csl_type(paper: Paper) -> str:
    """The CSL type of the paper's BibTeX type."""
    entry_type = entry_type_for(paper)
    if entry_type in CSL_TYPES:
        return CSL_TYPES[entry_type]
    return PREPRINT if paper.arxiv_id else GENERIC


def csl_item(paper: Paper, abstract: bool = True) -> dict[str, Any]:
    """The paper as one CSL-JSON item; `abstract=False` leaves the abstract out (APA does not print it)."""
    kind = csl_type(paper)
    item: dict[str, Any] = {"id": paper.bibtex_key or paper.slug, "type": kind, "title": paper.title}
    authors = [person for person in map(csl_name, (author.name for author in paper.authors)) if person]
    if authors:
        item["author"] = authors
    if paper.effective_year:
        item["issued"] = {"date-parts": [_date_parts(paper)]}
    container = paper.journal if kind == "article-journal" else paper.booktitle if kind in _CONTAINER_TYPES else None
    if container:
        item["container-title"] = container
    if kind != PREPRINT and kind != GENERIC:
        item.update(_locators(paper))
    if kind == PREPRINT:
        item["number"] = f"arXiv:{paper.arxiv_id}"
        item["publisher"] = "arXiv"
    note = _note(paper, kind)
    if note:
        item["note"] = note
    if paper.doi:
        item["DOI"] = paper.doi
    url = paper_url(paper)
    if url:
        item["URL"] = url
    if abstract and paper.abstract and not paper.abstract_truncated:
        item["abstract"] = paper.abstract
    return item


def csl_name(name: str) -> dict[str, str] | None:
    """A CSL name: family and given parts as BibTeX splits them, or the whole name as a literal (an organisation)."""
    if not name.strip():
        return None
    parts = name_parts(name)
    if parts is None:
        return {"literal": " ".join(name.split())}
    given, particle, family, suffix = parts
    person = {"family": family, "given": given, "non-dropping-particle": particle, "suffix": suffix}
    return {key: value for key, value in person.items() if value}


def paper_url(paper: Paper) -> str | None:
    """The first http(s) URL of the paper's own page, its abstract page or its project page (as the BibTeX's `url`)."""
    for kind in ("url", "abstract", "project"):
        url = safe_url(paper.links.get(kind))
        if url:
            return url
    return None


def item_json(paper: Paper) -> str:
    """The paper's item as one line of JSON, as the .json files hold it."""
    return json.dumps(csl_item(paper), ensure_ascii=False, sort_keys=False)


def csl_file(papers: list[Paper], item_texts: dict[str, str] | None = None) -> str:
    """A CSL-JSON file: an array of the papers' items, one a line; `item_texts` (slug -> `item_json`) saves dumping an item again."""
    texts = item_texts or {}
    lines = [texts[paper.slug] if paper.slug in texts else item_json(paper) for paper in papers]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def _date_parts(paper: Paper) -> list[int]:
    """Year, month and day when the date is of the cited year; else the year alone."""
    date = paper.date
    if date is not None and date.year == paper.effective_year:
        return [date.year, date.month, date.day]
    return [paper.effective_year]  # type: ignore[list-item]


def _locators(paper: Paper) -> dict[str, str]:
    values = {"volume": paper.volume, "issue": paper.number, "publisher": paper.publisher,
              "page": "-".join(_RANGE.split(paper.pages.strip())) if paper.pages else None}
    return {key: value for key, value in values.items() if value}


def _note(paper: Paper, kind: str) -> str | None:
    """What the BibTeX entry's note says: the journal reference, or for other works the venue."""
    if kind not in (PREPRINT, GENERIC):
        return None
    if paper.journal_ref:
        return paper.journal_ref
    if kind == GENERIC:
        return paper.venue or paper.booktitle or paper.journal
    return None
