"""The orders of the reading pages: the queue by priority then age, what was read the latest first."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.enrich.reading import normalise_status, queue, recently_read, stars, with_status
from generator.model import Annotation, Paper


def annotated(slug: str, status: str, priority: int | None = None, added: str | None = None,
              finished: str | None = None) -> Paper:
    paper = Paper(title=slug, slug=slug)
    paper.annotation = Annotation(status=status, priority=priority,
                                  added=dt.date.fromisoformat(added) if added else None,
                                  finished=dt.date.fromisoformat(finished) if finished else None)
    return paper


def test_the_queue_goes_by_priority_then_oldest_added_then_slug() -> None:
    papers = [
        annotated("no-priority-old", "to-read", added="2020-01-01"),
        annotated("second", "to-read", priority=2, added="2020-01-01"),
        annotated("first-b", "to-read", priority=1),
        annotated("first-a-newer", "to-read", priority=1, added="2025-05-01"),
        annotated("first-a-older", "to-read", priority=1, added="2024-05-01"),
        annotated("no-priority-no-date", "to-read"),
        annotated("being-read", "reading", priority=1),
        Paper(title="not annotated", slug="plain"),
    ]
    assert [paper.slug for paper in queue(papers)] == [
        "first-a-older", "first-a-newer", "first-b", "second", "no-priority-old", "no-priority-no-date"]


def test_recently_read_puts_the_latest_first_and_undated_last() -> None:
    papers = [
        annotated("undated", "read"),
        annotated("older", "read", finished="2024-01-01"),
        annotated("newest", "read", finished="2025-03-01"),
        annotated("also-newest", "read", finished="2025-03-01"),
        annotated("queued", "to-read", finished="2026-01-01"),
    ]
    assert [paper.slug for paper in recently_read(papers)] == ["also-newest", "newest", "older", "undated"]


def test_with_status_reading_keeps_only_those_being_read() -> None:
    papers = [annotated("b", "reading", added="2025-01-02"), annotated("a", "reading", added="2025-01-03"),
              annotated("c", "read")]
    assert [paper.slug for paper in with_status(papers, "reading")] == ["b", "a"]


@pytest.mark.parametrize(("text", "expected"), [
    ("to-read", "to-read"), ("To read", "to-read"), ("to_read", "to-read"), ("  READ ", "read"),
    ("done", "done"),
])
def test_statuses_are_normalised_but_not_guessed(text: str, expected: str) -> None:
    assert normalise_status(text) == expected


def test_stars_show_the_rating_out_of_five() -> None:
    assert (stars(1), stars(4), stars(5)) == ("★☆☆☆☆", "★★★★☆", "★★★★★")
