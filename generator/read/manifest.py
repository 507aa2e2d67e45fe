"""`seeds/sources.yml`: what each seed document is, where it came from and how to read it.

A file the manifest does not describe still gets read: its format is recognised by content
and its collection is named after the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.model import Problem, Severity
from generator.read.yaml_lines import error_line, error_message, line_of, load_yaml_with_lines

MANIFEST_NAME = "sources.yml"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """The manifest's description of one seed file, with the defaults its papers inherit."""

    file: str
    collection: str
    title: str
    description: str = ""
    origin: str | None = None
    url: str | None = None
    listing_date: dt.date | None = None
    venue: str | None = None
    year: int | None = None
    booktitle: str | None = None
    format: str | None = None
    # Where its entry starts in the manifest, for messages; not part of what a reading depends on.
    line: int = field(default=1, compare=False, repr=False)


def default_source_info(file_name: str) -> SourceInfo:
    """What we assume about a seed the manifest does not mention."""
    stem = Path(file_name).stem
    return SourceInfo(file=file_name, collection=_slug_like(stem), title=stem.replace("_", " "))


def load_manifest(seeds_dir: Path) -> tuple[dict[str, SourceInfo], list[Problem]]:
    """Read the manifest; a broken entry is reported and the file falls back to sniffing."""
    path = seeds_dir / MANIFEST_NAME
    if not path.exists():
        return {}, []
    try:
        data = load_yaml_with_lines(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return {}, [Problem(MANIFEST_NAME, error_line(error), f"cannot parse the manifest: {error_message(error)}")]
    except UnicodeDecodeError as error:
        return {}, [Problem(MANIFEST_NAME, 1, f"the manifest is not UTF-8: {error}")]
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}, [Problem(MANIFEST_NAME, 1, "expected a top-level 'sources:' list")]
    infos: dict[str, SourceInfo] = {}
    problems: list[Problem] = []
    for index, entry in enumerate(entries):
        info, problem = _parse_entry(entry, index)
        if problem:
            problems.append(problem)
        if info and info.file in infos:
            problems.append(_described_again(info, infos[info.file]))
        if info:
            infos[info.file] = info
    return infos, problems


def _described_again(info: SourceInfo, first: SourceInfo) -> Problem:
    """A second entry for one file: the last one is used, as the user last wrote it."""
    return Problem(MANIFEST_NAME, info.line, f"{info.file!r} is described again (first at line {first.line}); "
                   "this entry is used, the first is not", Severity.WARNING)


def _parse_entry(entry: Any, index: int) -> tuple[SourceInfo | None, Problem | None]:
    where = f"sources[{index}]"
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
        message = f"{where}: each entry needs a 'file' name; entry ignored"
        return None, Problem(MANIFEST_NAME, line_of(entry), message)
    defaults = default_source_info(entry["file"])
    listing_date = entry.get("listing_date")
    if listing_date is not None and not isinstance(listing_date, dt.date):
        message = f"{where}: listing_date must be a date YYYY-MM-DD, not {listing_date!r}; entry ignored"
        return None, Problem(MANIFEST_NAME, line_of(entry, "listing_date"), message)
    year = entry.get("year")
    if year is not None and not isinstance(year, int):
        message = f"{where}: year must be a whole number, not {year!r}; entry ignored"
        return None, Problem(MANIFEST_NAME, line_of(entry, "year"), message)
    info = SourceInfo(
        file=entry["file"],
        collection=str(entry.get("collection") or defaults.collection),
        title=str(entry.get("title") or defaults.title),
        description=str(entry.get("description") or "").strip(),
        origin=_optional_str(entry.get("origin")),
        url=_optional_str(entry.get("url")),
        listing_date=listing_date,
        venue=_optional_str(entry.get("venue")),
        year=year,
        booktitle=_optional_str(entry.get("booktitle")),
        format=_optional_str(entry.get("format")),
        line=line_of(entry),
    )
    return info, None


def _optional_str(value: Any) -> str | None:
    return str(value).strip() if value not in (None, "") else None


def _slug_like(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-") or "seed"
