"""A YAML list of papers kept by hand: `papers:` with one mapping per paper.

This is the format for curated metadata (the works a lecture names, a user's own additions).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from generator.model import Author, Paper
from generator.read.manifest import SourceInfo
from generator.read.readers.base import ReadResult, SeedDocument, new_collection, new_paper, normalise_space
from generator.read.yaml_lines import error_line, error_message, line_of, load_yaml_with_lines
from generator.site.escape import safe_url

FORMAT = "papers-yaml"
_TEXT_FIELDS = ("venue", "booktitle", "journal", "volume", "number", "pages", "publisher", "abstract",
                "tldr", "comment")
_LINK_FIELDS = {"url": "url", "pdf": "pdf", "code": "code", "project": "project"}
_KNOWN = {"title", "names", "authors", "year", "date", "entry_type", "arxiv", "primary_class", "doi",
          "tags", *_TEXT_FIELDS, *_LINK_FIELDS}
ENTRY_TYPES = {"article", "inproceedings", "misc", "techreport", "book", "incollection", "phdthesis",
               "mastersthesis", "unpublished"}


def looks_like(text: str) -> bool:
    return text.lstrip().startswith(("papers:", "#", "collection:")) and "\npapers:" in "\n" + text


def read(document: SeedDocument, source: SourceInfo) -> ReadResult:
    result = ReadResult(new_collection(document, source, FORMAT))
    try:
        data = load_yaml_with_lines(document.text)
    except yaml.YAMLError as error:
        result.problem(document, error_line(error), f"YAML does not parse: {error_message(error)}; "
                       "no paper of this file was read")
        return result
    entries = data.get("papers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        result.problem(document, 1, "expected a top-level 'papers:' list; nothing read")
        return result
    for entry in entries:
        paper = _read_entry(entry, document, source, result)
        if paper is not None:
            result.papers.append(paper)
    return result


def _read_entry(entry: Any, document: SeedDocument, source: SourceInfo, result: ReadResult) -> Paper | None:
    line = line_of(entry)
    if not isinstance(entry, dict):
        result.problem(document, line, f"a paper must be a mapping of fields, not {entry!r}; skipped")
        return None
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        result.problem(document, line, "paper without a title; skipped")
        return None
    paper = new_paper(title, document, source, line, FORMAT)
    for key in sorted(set(entry) - _KNOWN):
        result.problem(document, line_of(entry, key), f"unknown field {key!r}; ignored", warning=True)
    paper.names = _string_list(entry, "names", document, result)
    paper.authors = [Author(name) for name in _string_list(entry, "authors", document, result)]
    paper.hand_tags = _string_list(entry, "tags", document, result)
    for key in _TEXT_FIELDS:
        if entry.get(key) is not None:
            setattr(paper, key, normalise_space(str(entry[key])))
    for key, kind in _LINK_FIELDS.items():
        if entry.get(key) is None:
            continue
        url = safe_url(str(entry[key]))
        if url is None:
            result.problem(document, line_of(entry, key), f"{key} {entry[key]!r} is not an http(s) URL; ignored",
                           warning=True)
        else:
            paper.links[kind] = url
    _read_identifiers(paper, entry)
    _read_dates(paper, entry, document, result)
    entry_type = entry.get("entry_type")
    if entry_type is not None and entry_type not in ENTRY_TYPES:
        result.problem(document, line_of(entry, "entry_type"), f"entry_type {entry_type!r} is not one of "
                       f"{', '.join(sorted(ENTRY_TYPES))}; ignored", warning=True)
    elif entry_type is not None:
        paper.entry_type = entry_type
    return paper


def _read_identifiers(paper: Paper, entry: dict[str, Any]) -> None:
    if entry.get("arxiv"):
        paper.arxiv_id = str(entry["arxiv"]).strip()
        paper.links.setdefault("abstract", f"https://arxiv.org/abs/{paper.arxiv_id}")
        paper.links.setdefault("pdf", f"https://arxiv.org/pdf/{paper.arxiv_id}")
    if entry.get("primary_class"):
        paper.categories = [str(entry["primary_class"]).strip()]
    if entry.get("doi"):
        paper.doi = str(entry["doi"]).strip()


def _read_dates(paper: Paper, entry: dict[str, Any], document: SeedDocument, result: ReadResult) -> None:
    year, date = entry.get("year"), entry.get("date")
    if year is not None:
        if isinstance(year, int) and 1000 <= year <= 9999:
            paper.year = year
        else:
            result.problem(document, line_of(entry, "year"), f"year {year!r} is not a four-digit year; "
                           "ignored", warning=True)
    if date is not None:
        try:
            paper.date = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date))
        except ValueError:
            result.problem(document, line_of(entry, "date"), f"date {date!r} is not YYYY-MM-DD; ignored",
                           warning=True)


def _string_list(entry: dict[str, Any], key: str, document: SeedDocument, result: ReadResult) -> list[str]:
    value = entry.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, (str, int, float)) for item in value):
        result.problem(document, line_of(entry, key), f"{key} must be a list of strings; ignored",
                       warning=True)
        return []
    return [normalise_space(str(item)) for item in value if str(item).strip()]

