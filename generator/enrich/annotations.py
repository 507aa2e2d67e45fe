"""The reader's own layer: `seeds/annotations.yml`, what I think of each paper and what I correct.

The file is a YAML mapping from a paper's key to its annotation:

    efficientad-accurate-visual-anomaly-detection-at-millisecond-level-latencies:
      status: read              # to-read | reading | read
      rating: 4                 # 1 to 5
      summary: One line of my own.
      notes: |
        Markdown of my own (see notes.py for what it may contain).
      tags: [anomaly detection]
      added: 2025-10-02         # when it joined the queue
      finished: 2025-10-20      # when I read it
      priority: 1               # 1 is read first
      corrections:              # any field, in the vocabulary of a papers-yaml seed
        authors: [Kilian Batzner, Lars Heckler, Rebecca König]

A key is a slug, a BibTeX key, an arXiv id or a DOI. A BibTeX key is the one the seeds alone
give the paper: a correction of authors, year or title changes the key shown afterwards, so the
`annotate` command always writes the slug.

Where it runs: after merging, slugs and the links between seed documents (which match the titles
the seeds wrote), before tags, related papers and BibTeX, so a correction reaches all of those
and catalog.json. The slug stays the one of the seeds' title even when the title is corrected:
URLs and annotation keys must not move. Corrections never merge or split papers either.

Each top-level entry is parsed on its own, so a broken entry costs only itself: its problem names
the line, and every other entry still applies. The seed documents themselves are never edited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from generator.cite import bibtex
from generator.enrich.annotation_values import (CORRECTIONS, Invalid, date_value, line_value, priority_value,
                                                rating_value, status_value, strings_value, text_value)
from generator.enrich.identity import arxiv_key, doi_key, identifier_keys
from generator.library import Library
from generator.model import Annotation, Paper, Problem, Severity
from generator.read.readers.base import SeedDocument, decode_seed
from generator.read.yaml_lines import LineDict, error_line, error_message, line_of, load_yaml_with_lines

ANNOTATIONS_NAME = "annotations.yml"
KEY_KINDS = "a slug, a BibTeX key, an arXiv id or a DOI"
# A seed removed leaves every annotation of its papers without a paper: one line for all of them.
_UNMATCHED = f"{{count}} keys match no paper (a key is {KEY_KINDS}): {{subjects}}; entries skipped"


@dataclass(frozen=True, slots=True)
class Block:
    """One top-level entry as written: lines `line` to `end` (1-based, inclusive).

    Comment lines and blank lines after an entry belong to what follows, not to the entry.
    """

    line: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One parsed entry: the key it was written under, its line, and its fields."""

    key: str
    line: int
    fields: dict[str, Any]


def split_blocks(text: str) -> list[Block]:
    """The file cut into top-level entries: each starts at a line that begins in column 0."""
    lines = text.split("\n")
    starts = [index for index, line in enumerate(lines) if _starts_entry(line)]
    blocks = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        while end > start + 1 and _between_entries(lines[end - 1]):
            end -= 1
        blocks.append(Block(start + 1, end, "\n".join(lines[start:end]) + "\n"))
    return blocks


def _starts_entry(line: str) -> bool:
    return bool(line) and line[0] not in " \t#" and not line.startswith(("---", "..."))


def _between_entries(line: str) -> bool:
    return not line.strip() or line.startswith("#")


def read_entries(document: SeedDocument) -> tuple[list[Entry], list[Problem]]:
    """Every well-formed entry of the file, and a problem for each one that is not."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for block in split_blocks(document.text):
        try:
            data = load_yaml_with_lines(block.text, first_line=block.line)
        except yaml.YAMLError as error:
            problems.append(Problem(document.path, block.line - 1 + error_line(error),
                                    f"YAML does not parse: {error_message(error)}; this entry is skipped"))
            continue
        if not isinstance(data, LineDict) or len(data) != len(data.key_lines):
            problems.append(Problem(document.path, block.line, "expected 'KEY:' followed by the paper's "
                                    "annotation; this entry is skipped"))
            continue
        for (key, line), fields in zip(data.key_lines.items(), data.values()):
            entry, problem = _entry(key, line, fields, first_line, document.path)
            if problem is not None:
                problems.append(problem)
            if entry is not None:
                first_line[key] = line
                entries.append(entry)
    return entries, problems


def _entry(key: str, line: int, fields: Any, first_line: dict[str, int],
           path: str) -> tuple[Entry | None, Problem | None]:
    if key in first_line:
        return None, Problem(path, line, f"{key!r} is annotated again (first at line {first_line[key]}); "
                             "this entry is skipped")
    if fields is None:
        return None, Problem(path, line, f"the annotation of {key!r} is empty; nothing to apply",
                             Severity.WARNING)
    if not isinstance(fields, dict):
        return None, Problem(path, line, f"the annotation of {key!r} must be a mapping of fields, not "
                             f"{_shown(fields)}; this entry is skipped")
    return Entry(key, line, fields), None


def apply_annotations(library: Library, seeds_dir: Path) -> None:
    """Apply `seeds/annotations.yml`, if there is one, to the library's papers."""
    path = seeds_dir / ANNOTATIONS_NAME
    if not path.is_file():
        return
    document, problems = decode_seed(path, ANNOTATIONS_NAME)
    library.problems.extend(problems)
    if document is None:
        return
    entries, problems = read_entries(document)
    library.problems.extend(problems)
    index = paper_index(library.papers)
    for entry in entries:
        library.problems.extend(apply_entry(entry, index, document.path))


def paper_index(papers: list[Paper]) -> dict[str, Paper]:
    """Every key an annotation may use, to its paper; BibTeX keys are the seeds' own."""
    bibtex.assign_keys(papers)  # assigned again, corrections included, by the build
    index: dict[str, Paper] = {}
    for paper in papers:
        for key in (paper.slug, paper.bibtex_key, *identifier_keys(paper)):
            index.setdefault(key, paper)
    return index


def find_paper(key: str, index: dict[str, Paper]) -> Paper | None:
    """The paper a key names: as a slug or BibTeX key, else as an arXiv id, else as a DOI."""
    text = key.strip()
    arxiv = arxiv_key(text[len("arxiv:"):] if text.lower().startswith("arxiv:") else text)
    for candidate in (text, f"arxiv:{arxiv}", f"doi:{doi_key(text)}"):
        if candidate in index:
            return index[candidate]
    return None


def apply_entry(entry: Entry, index: dict[str, Paper], path: str = ANNOTATIONS_NAME) -> list[Problem]:
    """Write one entry into its paper: the annotation, the extra tags, the corrections."""
    paper = find_paper(entry.key, index)
    if paper is None:
        return [Problem(path, entry.line, f"{entry.key!r} matches no paper (a key is {KEY_KINDS}); "
                        "entry skipped", Severity.WARNING, _UNMATCHED, repr(entry.key))]
    annotation, problems = _annotation_of(paper, entry, path)
    for name, value in entry.fields.items():
        line = line_of(entry.fields, str(name))
        if name == "corrections":
            problems.extend(_apply_corrections(paper, annotation, value, line, path))
        elif name in _FIELDS:
            problems.extend(_checked(path, line, name, value, partial(_FIELDS[name], annotation, paper)))
        else:
            known = ", ".join(sorted([*_FIELDS, "corrections"]))
            problems.append(Problem(path, line, f"unknown field {_shown(name)} (known: {known}); ignored",
                                    Severity.WARNING))
    return problems


def _annotation_of(paper: Paper, entry: Entry, path: str) -> tuple[Annotation, list[Problem]]:
    """The paper's annotation, new or (when two keys name one paper) the one to add to."""
    problems = []
    if paper.annotation is None:
        paper.annotation = Annotation(line=entry.line)
    else:
        first = paper.annotation
        problems.append(Problem(path, entry.line, f"{entry.key!r} annotates the same paper as "
                                f"{first.keys[0]!r} (line {first.line}); both apply, this one wins "
                                "where they differ", Severity.WARNING))
    paper.annotation.keys.append(entry.key)
    return paper.annotation, problems


def _apply_corrections(paper: Paper, annotation: Annotation, corrections: Any, line: int,
                       path: str) -> list[Problem]:
    """Each correction replaces what the seeds say; the field is named in `corrected`."""
    if not isinstance(corrections, dict):
        return [Problem(path, line, f"corrections must be a mapping of field: value, not "
                        f"{_shown(corrections)}; ignored")]
    problems = []
    for name, value in corrections.items():
        field_line = line_of(corrections, str(name))
        correct = CORRECTIONS.get(name)
        if correct is None:
            problems.append(Problem(path, field_line, f"unknown correction {_shown(name)} (known: "
                                    f"{', '.join(sorted(CORRECTIONS))}); ignored", Severity.WARNING))
            continue
        found = _checked(path, field_line, f"corrections.{name}", value, partial(correct, paper))
        problems.extend(found)
        if not found and name not in annotation.corrected:
            annotation.corrected.append(name)
    return problems


def _checked(path: str, line: int, name: str, value: Any, apply: Callable[[Any], None]) -> list[Problem]:
    """Apply a value; one that does not fit its field becomes a problem and is ignored."""
    try:
        apply(value)
    except Invalid as error:
        return [Problem(path, line, f"{name} {_shown(value)} {error}; ignored")]
    return []


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _add_tags(annotation: Annotation, paper: Paper, value: Any) -> None:
    """Extra tags join the paper's hand tags, so the tag pages and related papers see them."""
    for tag in strings_value(value):
        for tags in (annotation.tags, paper.hand_tags):
            if tag not in tags:
                tags.append(tag)


def _setter(attribute: str, convert: Callable[[Any], Any]) -> Callable[[Annotation, Paper, Any], None]:
    """Set one attribute of the annotation (the paper itself is left alone)."""
    return lambda annotation, _paper, value: setattr(annotation, attribute, convert(value))


_FIELDS: dict[str, Callable[[Annotation, Paper, Any], None]] = {
    "status": _setter("status", status_value),
    "rating": _setter("rating", rating_value),
    "summary": _setter("summary", line_value),
    "notes": _setter("notes", text_value),
    "tags": _add_tags,
    "added": _setter("added", date_value),
    "finished": _setter("finished", date_value),
    "priority": _setter("priority", priority_value),
}


def catalog_record(annotation: Annotation | None) -> dict[str, Any] | None:
    """The annotation as catalog.json gives it (corrections are in the paper's own fields)."""
    if annotation is None:
        return None
    return {
        "keys": annotation.keys,
        "status": annotation.status,
        "rating": annotation.rating,
        "summary": annotation.summary,
        "notes": annotation.notes,
        "tags": annotation.tags,
        "added": annotation.added.isoformat() if annotation.added else None,
        "finished": annotation.finished.isoformat() if annotation.finished else None,
        "priority": annotation.priority,
        "corrected": annotation.corrected,
    }
