"""Linking a lecture's sections to the works they name, and "Similar papers" to their pages.

Names come from curated metadata (`names:` in a YAML seed). A longer name is matched first and
hides the shorter names inside it, so "Faster R-CNN" is not also counted as "R-CNN".
"""

from __future__ import annotations

import re

from generator.enrich.identity import normalise_title
from generator.library import Library
from generator.model import Paper, Problem, Severity, SourceRef


def link_syllabus(library: Library) -> None:
    """Fill each lecture section's `papers` and add the section to each named paper's sources."""
    named: dict[str, list[Paper]] = {}
    for paper in library.papers:
        for name in paper.names:
            named.setdefault(name, []).append(paper)
    mentioned: set[str] = set()
    for collection in library.collections.values():
        for section in collection.sections:
            for offset, paper in _mentions(section.text, named):
                if paper.slug not in section.papers:
                    section.papers.append(paper.slug)
                    line = section.line + section.text.count("\n", 0, offset)
                    paper.sources.append(SourceRef(collection.name, section.path, line,
                                                   "lecture-slides", section.title))
                mentioned.add(paper.slug)
    for paper in library.papers:
        if paper.names and paper.slug not in mentioned:
            source = paper.sources[0]
            library.problems.append(Problem(source.path, source.line, f"none of the names "
                                            f"{paper.names} of {paper.title!r} occurs in any lecture",
                                            Severity.WARNING))


def _mentions(text: str, named: dict[str, list[Paper]]) -> list[tuple[int, Paper]]:
    """(offset, paper) for each name found, in order of appearance.

    Longer names are matched first and hide the shorter names inside them; one name may stand
    for several papers ("LAION 400M-5B").
    """
    taken = [False] * len(text)
    found: list[tuple[int, Paper]] = []
    for name in sorted(named, key=lambda name: (-len(name), name)):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if any(taken[match.start():match.end()]):
                continue
            taken[match.start():match.end()] = [True] * (match.end() - match.start())
            found.extend((match.start(), paper) for paper in named[name])
    return sorted(found, key=lambda pair: pair[0])


def link_similar(library: Library) -> None:
    """Turn the titles a page lists as similar into slugs; report titles that match no paper."""
    by_title = {normalise_title(paper.title): paper for paper in library.papers}
    for paper in library.papers:
        for title in paper.stated_similar:
            other = by_title.get(normalise_title(title))
            if other is None:
                source = paper.sources[0]
                library.problems.append(Problem(source.path, source.line,
                                                f"similar paper {title!r} is not in the list"))
            elif other.slug not in paper.similar and other is not paper:
                paper.similar.append(other.slug)
    for collection in library.collections.values():
        if collection.subject_title:
            subject = by_title.get(normalise_title(collection.subject_title))
            collection.subject = subject.slug if subject else None
