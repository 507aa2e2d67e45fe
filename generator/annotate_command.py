"""`python -m generator annotate KEY --status read --rating 4`: edit `seeds/annotations.yml` for the user.

The file is the user's own, with their comments and their order, so an edit touches one entry
and nothing else: the file is cut into its top-level entries (as the build reads it), only the
entry of the paper is re-written, and every other byte stays as it was. The entry itself goes
through ruamel.yaml's round trip, which keeps its comments, its key order and its quoting; new
fields are put in a fixed order, and a new entry is appended under the paper's slug, the one
key that never changes. The file is written through a temporary file and a rename.

Dates come from the clock: a new entry gets `added: today`, and `--status read` sets
`finished: today` unless the entry already has one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from generator.build import load_library
from generator.config import BuildConfig
from generator.enrich.annotations import (ANNOTATIONS_NAME, KEY_KINDS, Block, find_paper, paper_index, read_entries,
                                          split_blocks)
from generator.enrich.reading import RATING_MAX, STATUSES, normalise_status
from generator.model import Paper, Severity
from generator.read.readers.base import SeedDocument
from generator.site.output import write_if_changed

# The order fields are written in when an entry gains one.
FIELD_ORDER = ("status", "rating", "priority", "summary", "notes", "tags", "added", "finished", "corrections")


class AnnotateError(Exception):
    """Something that stops the edit; the file is left untouched."""


@dataclass(frozen=True, slots=True)
class Changes:
    """What the command line asks to change in one paper's entry."""

    status: str | None = None
    rating: int | None = None
    priority: int | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None

    def __bool__(self) -> bool:
        return any(value not in (None, ()) for value in (self.status, self.rating, self.priority, self.summary,
                                                          self.tags, self.note))


def main(argv: list[str], load_config: Callable[[Path], BuildConfig]) -> int:
    """Run the command; `load_config` reads the build settings from a mkdocs.yml."""
    args = _parser().parse_args(argv)
    changes = Changes(args.status, args.rating, args.priority, args.summary, tuple(args.tag), args.note)
    if not changes:
        print("error: nothing to change: give --status, --rating, --priority, --summary, --tag or --note",
              file=sys.stderr)
        return 2
    try:
        slug = annotate(load_config(Path(args.config)), args.key, changes, dt.date.today())
    except AnnotateError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{ANNOTATIONS_NAME}: annotated {slug}", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator annotate", description=__doc__.split("\n")[0])
    parser.add_argument("key", help=f"the paper: {KEY_KINDS}")
    parser.add_argument("--status", type=normalise_status, choices=STATUSES)
    parser.add_argument("--rating", type=int, choices=range(1, RATING_MAX + 1))
    parser.add_argument("--priority", type=_positive, help="1 is read first")
    parser.add_argument("--summary", help="one line of your own")
    parser.add_argument("--tag", action="append", default=[], help="an extra tag (repeat for more)")
    parser.add_argument("--note", help="a paragraph of Markdown, added to the notes")
    parser.add_argument("--config", default="mkdocs.yml", help="the MkDocs configuration (default: mkdocs.yml)")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a whole number from 1 up")
    return value


def annotate(config: BuildConfig, key: str, changes: Changes, today: dt.date) -> str:
    """Edit the annotation of the paper `key` names; returns its slug."""
    library = load_library(config)
    paper = find_paper(key, _command_index(library.papers))
    if paper is None:
        raise AnnotateError(f"no paper has the key {key!r} (a key is {KEY_KINDS}); nothing written")
    path = config.seeds_dir / ANNOTATIONS_NAME
    original = _read(path)
    bom = "\ufeff" if original.startswith("\ufeff") else ""  # kept as found, like the line endings
    newline = "\r\n" if "\r\n" in original else "\n"
    text = edit_text(original.removeprefix(bom).replace("\r\n", "\n"), paper, changes, today)
    write_if_changed(path, bom + text.replace("\n", newline))
    return paper.slug


def _command_index(papers: list[Paper]) -> dict[str, Paper]:
    """The build's keys, with the BibTeX keys as the pages show them and the file's own keys."""
    index = paper_index(papers)
    for paper in papers:
        for key in paper.annotation.keys if paper.annotation else []:
            index.setdefault(key, paper)
    return index


def _read(path: Path) -> str:
    if not path.exists():
        return ""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise AnnotateError(f"{ANNOTATIONS_NAME} is not UTF-8 ({error}); nothing written") from None


def edit_text(text: str, paper: Paper, changes: Changes, today: dt.date) -> str:
    """The file's text with one entry edited (or appended); every other line as it was."""
    entries, problems = read_entries(SeedDocument(ANNOTATIONS_NAME, text))
    errors = [str(problem) for problem in problems if problem.severity is Severity.ERROR]
    if errors:
        raise AnnotateError(f"{ANNOTATIONS_NAME} must parse before it is edited; nothing written:\n  "
                            + "\n  ".join(errors))
    keys = paper.annotation.keys if paper.annotation else []
    lines = [entry.line for entry in entries if entry.key in keys]
    block = _block_at(split_blocks(text), lines[-1]) if lines else None  # the last entry is the one that wins
    if block is None:
        return _appended(text, _dump({paper.slug: _edited(CommentedMap(), changes, today, new=True)}))
    rewritten = _rewritten(block, changes, today)
    all_lines = text.split("\n")
    return "\n".join([*all_lines[:block.line - 1], *rewritten.rstrip("\n").split("\n"), *all_lines[block.end:]])


def _block_at(blocks: list[Block], line: int) -> Block | None:
    return next((block for block in blocks if block.line <= line <= block.end), None)


def _appended(text: str, entry: str) -> str:
    if not text.strip():
        return entry
    separator = "" if text.endswith("\n\n") else "\n" if text.endswith("\n") else "\n\n"
    return f"{text}{separator}{entry}"


def _rewritten(block: Block, changes: Changes, today: dt.date) -> str:
    """One entry through ruamel.yaml's round trip, with the changes made."""
    try:
        data = _yaml().load(block.text)
    except YAMLError as error:
        raise AnnotateError(f"{ANNOTATIONS_NAME}:{block.line}: cannot edit this entry: "
                            f"{str(error).splitlines()[0]}; nothing written") from None
    key = next(iter(data))
    fields = data[key] if data[key] is not None else CommentedMap()
    data[key] = _edited(fields, changes, today, new=False)
    return _dump(data)


def _edited(fields: CommentedMap, changes: Changes, today: dt.date, new: bool) -> CommentedMap:
    """Make the changes in one entry's fields, keeping whatever they do not touch."""
    for name in ("status", "rating", "priority", "summary"):
        if getattr(changes, name) is not None:
            _put(fields, name, getattr(changes, name))
    if changes.tags:
        _put(fields, "tags", _with_tags(fields.get("tags"), changes.tags))
    if changes.note:
        _put(fields, "notes", _with_note(fields.get("notes"), changes.note))
    if new:
        _put(fields, "added", today)
    if changes.status == "read" and "finished" not in fields:
        _put(fields, "finished", today)
    return fields


def _put(fields: CommentedMap, name: str, value: Any) -> None:
    """Replace a field where it stands, or insert it after the fields that come before it."""
    if name in fields:
        fields[name] = value
        return
    before = FIELD_ORDER[:FIELD_ORDER.index(name)]
    position = max((index + 1 for index, key in enumerate(fields) if key in before), default=0)
    fields.insert(position, name, value)


def _with_tags(existing: Any, added: tuple[str, ...]) -> CommentedSeq:
    """The entry's tags with the new ones after them; a new list is written in flow style."""
    if isinstance(existing, CommentedSeq):
        tags = existing
    else:
        tags = CommentedSeq([existing] if isinstance(existing, str) else [])
        tags.fa.set_flow_style()
    for tag in added:
        if tag not in tags:
            tags.append(tag)
    return tags


def _with_note(existing: Any, note: str) -> str:
    """The notes with one more paragraph; several paragraphs are written as a literal block."""
    text = f"{str(existing).rstrip()}\n\n{note.strip()}" if existing else note.strip()
    return LiteralScalarString(text + "\n") if "\n" in text else text


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order and quoting are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda *_: True  # today's date twice is written twice, not as &id001
    return yaml


def _dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()
