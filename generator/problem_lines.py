"""Problems as the user reads them: one line each, but one line per cause where many share one.

A user who removes a seed would otherwise get a line for its manifest entry and one for every
annotation of its papers; problems of one file, severity and `cause` become a single line that
names each subject with its own line number, so file:line precision survives the grouping.
"""

from __future__ import annotations

from generator.model import Problem


def report_lines(problems: list[Problem]) -> list[str]:
    """One line per problem, or per group of problems with one cause, where the group's first stood."""
    groups: dict[object, list[Problem]] = {}
    for index, problem in enumerate(problems):
        key = (problem.path, problem.severity, problem.cause) if problem.cause else index
        groups.setdefault(key, []).append(problem)
    return [str(group[0]) if len(group) == 1 else _group_line(group) for group in groups.values()]


def _group_line(group: list[Problem]) -> str:
    """`path:first line: severity: the cause`, listing the subjects in line order."""
    ordered = sorted(group, key=lambda problem: (problem.line, problem.subject))
    one_line = len({problem.line for problem in ordered}) == 1
    subjects = ", ".join(problem.subject if one_line else f"{problem.subject} (line {problem.line})"
                         for problem in ordered)
    first = ordered[0]
    assert first.cause is not None  # only problems with a cause are grouped
    message = first.cause.format(count=len(ordered), subjects=subjects)
    return f"{first.path}:{first.line}: {first.severity.value}: {message}"
