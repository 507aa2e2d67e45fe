"""Size limits on seed text, so one runaway record cannot bloat every page that shows it.

Real titles stay under 300 characters and real abstracts under 5,000; a longer one is almost
always a parsing accident (a whole file read as one field). It is cut, with a warning that names
the record, and the paper still gets its page.
"""

from __future__ import annotations

from generator.model import Paper, Problem, Severity

MAX_TITLE = 500
MAX_ABSTRACT = 20_000


def enforce_limits(papers: list[Paper]) -> list[Problem]:
    """Cut over-long titles and abstracts in place; one warning per cut."""
    problems: list[Problem] = []
    for paper in papers:
        source = paper.sources[0]
        if len(paper.title) > MAX_TITLE:
            length = len(paper.title)
            paper.title = _cut(paper.title, MAX_TITLE)
            problems.append(Problem(source.path, source.line, f"title is {length:,} characters long; cut to "
                                    f"{MAX_TITLE} on the site: {paper.title[:40]!r}…", Severity.WARNING))
        if paper.abstract and len(paper.abstract) > MAX_ABSTRACT:
            length = len(paper.abstract)
            paper.abstract = _cut(paper.abstract, MAX_ABSTRACT)
            paper.abstract_truncated = True
            problems.append(Problem(source.path, source.line, f"abstract of {paper.title[:60]!r} is {length:,} "
                                    f"characters long; cut to {MAX_ABSTRACT:,}", Severity.WARNING))
    return problems


def _cut(text: str, limit: int) -> str:
    """The longest run of whole words within `limit` characters, marked as cut."""
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip() + " …"
