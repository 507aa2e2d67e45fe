"""The records every stage of the pipeline passes along: papers, their sources, collections and problems.

Readers create these; later stages only add to them. Nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: an error loses data, a warning only degrades it."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a seed, reported as data so the build can go on.

    `path` is relative to the seeds folder so messages read the same on every machine.
    """

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR
    # Problems of one file with one cause (a removed seed's annotations, say) are reported as one
    # line, this template filled with {count} and {subjects} (problem_lines.py), each naming its `subject`.
    cause: str | None = None
    subject: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity.value}: {self.message}"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a paper was found: which collection, which file, which line."""

    collection: str
    path: str
    line: int
    format: str = ""  # the reader that read it: curated formats win when sources disagree
    section: str | None = None  # for a lecture: the agenda topic that names the paper


@dataclass(frozen=True, slots=True)
class BibEntry:
    """An entry as a user's own BibTeX file gives it, to be offered back as they wrote it.

    `fields` keep the user's order and LaTeX, with @string macros, `#` and crossref resolved;
    `preambles` are the file's @preamble texts, which the entry may need to compile.
    """

    entry_type: str
    key: str
    fields: tuple[tuple[str, str], ...]
    preambles: tuple[str, ...] = ()


@dataclass(slots=True)
class Author:
    """One person; `name` is the display form ("Given Family")."""

    name: str


@dataclass(frozen=True, slots=True)
class Relation:
    """Why a computed related paper is related: its score, the terms and tags both share, and
    whether the two are close in meaning (their meaning vectors, related_reasons.MEANING_SHOWN)."""

    slug: str
    score: float
    terms: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    close_in_meaning: bool = False


@dataclass(slots=True)
class Paper:
    """One work of the reading list, as read from one or more seeds.

    Fields a source does not know stay empty; `merge` fills them from the other sources.
    """

    title: str
    sources: list[SourceRef] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    author_count: int | None = None  # when a listing gives only "N authors"
    organisation: str | None = None  # when a listing names the submitter instead of authors
    date: dt.date | None = None
    year: int | None = None
    updated: dt.date | None = None
    venue: str | None = None  # short form shown on pages, e.g. "ICPR 2020"
    entry_type: str | None = None  # BibTeX type a curated source states
    booktitle: str | None = None
    journal: str | None = None
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    publisher: str | None = None
    abstract: str | None = None
    abstract_truncated: bool = False
    tldr: str | None = None
    arxiv_id: str | None = None
    arxiv_version: str | None = None
    doi: str | None = None
    categories: list[str] = field(default_factory=list)  # arXiv categories, primary first
    other_classes: list[str] = field(default_factory=list)  # e.g. MSC codes listed with them
    links: dict[str, str] = field(default_factory=dict)  # kind ("pdf", "code", ...) -> URL
    materials: list[str] = field(default_factory=list)  # what a page offers without a URL ("slides")
    comment: str | None = None
    journal_ref: str | None = None
    upvotes: int | None = None
    names: list[str] = field(default_factory=list)  # short names a lecture uses ("ViT")
    hand_tags: list[str] = field(default_factory=list)
    stated_similar: list[str] = field(default_factory=list)  # titles a source lists as similar
    source_bibtex: BibEntry | None = None  # the user's own entry, when a .bib seed gives one
    # Filled in by later stages.
    slug: str = ""
    topics: list[str] = field(default_factory=list)  # names from the topic vocabulary, ancestors included
    tags: list[str] = field(default_factory=list)
    similar: list[str] = field(default_factory=list)  # slugs, resolved from stated_similar
    related: list[str] = field(default_factory=list)  # slugs, computed
    related_reasons: list[Relation] = field(default_factory=list)  # why, in the order of `related`
    bibtex_key: str = ""
    bibtex: str = ""
    annotation: Annotation | None = None  # the reader's own layer, from seeds/annotations.yml

    @property
    def effective_year(self) -> int | None:
        """The year to show and cite: the stated year, else the date's."""
        if self.year is not None:
            return self.year
        return self.date.year if self.date else None

    @property
    def primary_category(self) -> str | None:
        return self.categories[0] if self.categories else None


@dataclass(slots=True)
class Section:
    """One part of a collection that has an order of its own, like a lecture's agenda topic."""

    title: str
    group: str | None = None
    path: str = ""  # the file the section was read from
    line: int = 0
    text: str = ""  # the section's raw text, searched for the names of works
    papers: list[str] = field(default_factory=list)  # slugs, in order of first mention
    topics: list[str] = field(default_factory=list)  # the vocabulary's topics its title names


@dataclass(slots=True)
class Collection:
    """One seed document (or a group of them) as the reader sees it: a list with a story."""

    name: str  # stable identifier, used in URLs
    title: str
    description: str = ""
    origin: str | None = None
    listing_date: dt.date | None = None
    format: str = ""
    paths: list[str] = field(default_factory=list)
    intro: str = ""  # prose the document opens with
    sections: list[Section] = field(default_factory=list)
    subject_title: str | None = None  # the paper a "Similar papers" page is about, as read
    subject: str | None = None  # ... and its slug, once papers have slugs


@dataclass(slots=True)
class Annotation:
    """What the reader says about one paper in `seeds/annotations.yml`; never read from a seed document.

    Corrections are not kept here: they are written into the paper's own fields, so every later
    stage sees them; `corrected` only names those fields, for pages to say so.
    """

    keys: list[str] = field(default_factory=list)  # the keys of the file's entries for this paper
    line: int = 0  # where the first of those entries starts
    status: str | None = None  # one of reading.STATUSES
    rating: int | None = None
    summary: str | None = None  # one line, plain text
    notes: str | None = None  # Markdown written by the site owner
    tags: list[str] = field(default_factory=list)
    added: dt.date | None = None
    finished: dt.date | None = None
    priority: int | None = None  # 1 comes first in the queue
    corrected: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Ignored:
    """A file or folder left out on purpose, and the rule that did it, for `check` to list."""

    path: str  # relative to the seeds folder; a folder's ends with "/"
    rule: str  # HIDDEN, or where in .seedignore: ".seedignore:3 (README*)"

    def __str__(self) -> str:
        return f"{self.path}: {self.rule}"
