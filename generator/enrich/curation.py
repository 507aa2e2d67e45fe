"""What the curator should fix: papers whose sources leave out authors, year or venue.

These are not problems of the seeds (a lab page that lists no authors is read correctly), so
they never fail a `--strict` build; `check` lists them and the site has a page of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Paper


@dataclass(frozen=True, slots=True)
class MissingMetadata:
    paper: Paper
    missing: tuple[str, ...]


def missing_metadata(papers: list[Paper]) -> list[MissingMetadata]:
    """Each paper lacking author names, a year or a venue, with what it lacks."""
    found = []
    for paper in papers:
        missing = tuple(name for name, absent in (
            ("authors", not paper.authors),
            ("year", paper.effective_year is None),
            ("venue", not (paper.venue or paper.booktitle or paper.journal or paper.arxiv_id or paper.journal_ref)),
        ) if absent)
        if missing:
            found.append(MissingMetadata(paper, missing))
    return found


def summary_lines(entries: list[MissingMetadata]) -> list[str]:
    """`check`'s report: one line per paper, `file:line: title: no authors, no year`."""
    return [f"{entry.paper.sources[0].path}:{entry.paper.sources[0].line}: {entry.paper.title}: "
            f"no {', no '.join(entry.missing)}" for entry in entries]
