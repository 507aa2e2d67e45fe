"""Problems of one file with one cause are reported as one line naming each subject and its line."""

from __future__ import annotations

from generator.model import Problem, Severity
from generator.problem_lines import report_lines

CAUSE = "{count} keys match no paper: {subjects}; entries skipped"
WARNING = Severity.WARNING


def unmatched(key: str, line: int, path: str = "annotations.yml", severity: Severity = WARNING) -> Problem:
    return Problem(path, line, f"{key!r} matches no paper; entry skipped", severity, CAUSE, repr(key))


def test_one_line_per_cause_at_its_first_line_with_every_subject_and_line() -> None:
    problems = [Problem("a.txt", 3, "record without a title; skipped"), unmatched("b", 20), unmatched("a", 9),
                Problem("b.txt", 1, "empty file; nothing to read", WARNING), unmatched("c", 31)]
    assert report_lines(problems) == [
        "a.txt:3: error: record without a title; skipped",
        "annotations.yml:9: warning: 3 keys match no paper: 'a' (line 9), 'b' (line 20), 'c' (line 31); "
        "entries skipped",
        "b.txt:1: warning: empty file; nothing to read"]


def test_a_cause_met_once_keeps_its_own_message() -> None:
    assert report_lines([unmatched("a", 9)]) == ["annotations.yml:9: warning: 'a' matches no paper; entry skipped"]


def test_other_files_or_severities_are_other_lines() -> None:
    problems = [unmatched("a", 9), unmatched("b", 4, path="mine.yml"), unmatched("c", 12, severity=Severity.ERROR)]
    assert report_lines(problems) == [str(problem) for problem in problems]


def test_problems_without_a_cause_are_never_merged() -> None:
    problems = [Problem("a.txt", 5, "record without a title; skipped")] * 2
    assert report_lines(problems) == ["a.txt:5: error: record without a title; skipped"] * 2


def test_subjects_on_one_line_are_not_given_a_line_each() -> None:
    problems = [Problem("x.yml", 1, f"{name} missing", WARNING, "{count} missing: {subjects}", name)
                for name in ("b", "a")]
    assert report_lines(problems) == ["x.yml:1: warning: 2 missing: a, b"]
