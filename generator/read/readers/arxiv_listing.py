"""An arXiv daily listing in Markdown: `### Title`, then `- **Field**: value` lines.

Values may wrap onto indented continuation lines; "None" means the field is empty.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.enrich.tags import is_arxiv_category
from generator.model import Author, Paper
from generator.read.manifest import SourceInfo
from generator.read.readers.base import ReadResult, SeedDocument, find_links, new_collection, new_paper, normalise_space

FORMAT = "arxiv-listing"
_HEADING = re.compile(r"^### (.*)$")
_FIELD = re.compile(r"^- \*\*([^*]+)\*\*:\s?(.*)$")
_ARXIV_URL = re.compile(r"arxiv\.org/abs/([^\s/v]+(?:/\d+)?)(v\d+)?", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((\S+?)\)")
_EXPECTED_FIELDS = ("Arxiv ID", "Authors", "Published", "Summary")
_KNOWN_FIELDS = {"Arxiv ID", "DOI", "Categories", "Links", "Published", "Updated", "Authors", "Comment",
                 "Journal", "Summary"}


def looks_like(text: str) -> bool:
    return re.search(r"^### ", text, re.MULTILINE) is not None and "- **Arxiv ID**:" in text


def read(document: SeedDocument, source: SourceInfo) -> ReadResult:
    result = ReadResult(new_collection(document, source, FORMAT))
    for title_line, title, fields in _records(document, result):
        paper = new_paper(title, document, source, title_line, FORMAT)
        paper.venue, paper.year = None, None  # an arXiv record states its own
        for name, (line, value) in fields.items():
            _apply_field(paper, name, value, line, document, result)
        if not paper.title:
            result.problem(document, title_line, "record without a title; skipped")
            continue
        missing = [name for name in _EXPECTED_FIELDS if name not in fields]
        if missing:
            result.problem(document, title_line, f"paper {paper.title!r} has no {', '.join(missing)} "
                           "(a truncated record?); read without", warning=True)
        result.papers.append(paper)
    return result


def _records(document: SeedDocument, result: ReadResult) -> list[tuple[int, str, dict[str, tuple[int, str]]]]:
    """Group lines into (title line, title, {field: (line, value)}), joining continuation lines."""
    records: list[tuple[int, str, dict[str, tuple[int, str]]]] = []
    current_field: str | None = None
    for number, line in enumerate(document.lines, start=1):
        heading = _HEADING.match(line)
        field = _FIELD.match(line)
        if heading:
            records.append((number, normalise_space(heading.group(1)), {}))
            current_field = None
        elif field and records:
            current_field = field.group(1).strip()
            fields = records[-1][2]
            if current_field in fields:
                result.problem(document, number, f"field {current_field!r} given twice; the first is kept",
                               warning=True)
                current_field = None
            else:
                fields[current_field] = (number, field.group(2))
        elif line.startswith((" ", "\t")) and line.strip() and current_field and records:
            start, value = records[-1][2][current_field]
            records[-1][2][current_field] = (start, value + " " + line.strip())
        elif line.strip() and not line.startswith("# "):
            result.problem(document, number, f"line outside any field: {line.strip()[:60]!r}; skipped",
                           warning=True)
            current_field = None
        else:
            current_field = None
    return records


def _apply_field(paper: Paper, name: str, raw: str, line: int, document: SeedDocument,
                 result: ReadResult) -> None:
    value = normalise_space(raw)
    if value in ("", "None"):
        return
    if name == "Arxiv ID":
        match = _ARXIV_URL.search(value)
        paper.arxiv_id, paper.arxiv_version = (match.group(1), match.group(2)) if match else (value, None)
        paper.links["abstract"] = f"https://arxiv.org/abs/{paper.arxiv_id}"
    elif name == "DOI":
        paper.doi = value
    elif name == "Categories":
        paper.categories, paper.other_classes = _categories(value)
    elif name == "Links":
        for label, url in _MARKDOWN_LINK.findall(value):
            paper.links[label.strip().lower()] = url.replace("http://arxiv.org", "https://arxiv.org")
    elif name in ("Published", "Updated"):
        date = _parse_timestamp(value)
        if date is None:
            result.problem(document, line, f"{name}: {value!r} is not a date", warning=True)
        elif name == "Published":
            paper.date = date
        else:
            paper.updated = date
    elif name == "Authors":
        paper.authors = [Author(part.strip()) for part in value.split(",") if part.strip()]
    elif name == "Comment":
        paper.comment = value
        for kind, url in find_links(value).items():
            paper.links.setdefault(kind, url)
    elif name == "Journal":
        paper.journal_ref = value
    elif name == "Summary":
        paper.abstract = value
        for kind, url in find_links(value).items():
            paper.links.setdefault(kind, url)
    else:
        result.problem(document, line, f"unknown field {name!r}; ignored (known: "
                       f"{', '.join(sorted(_KNOWN_FIELDS))})", warning=True)


def _categories(value: str) -> tuple[list[str], list[str]]:
    """"**cs.LG**, cs.CV, 68T07 (Primary)": the bold one is the primary category and goes first;
    what is not an arXiv category (MSC or ACM classes) is kept apart."""
    names = [part.strip() for part in value.split(",") if part.strip()]
    primary = [name.strip("*") for name in names if name.startswith("**")]
    others = [name.strip("*") for name in names if not name.startswith("**")]
    ordered = primary + others
    return ([name for name in ordered if is_arxiv_category(name)],
            [name for name in ordered if not is_arxiv_category(name)])


def _parse_timestamp(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None
