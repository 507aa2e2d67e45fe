"""The order of "Recently added" and the feed: the day a paper joined the list, latest first."""

from __future__ import annotations

import datetime as dt

from generator.enrich.recent import date_added, recently_added
from generator.model import Annotation, Collection, Paper, SourceRef

COLLECTIONS = {
    "daily": Collection("daily", "Daily", listing_date=dt.date(2025, 10, 31)),
    "arxiv": Collection("arxiv", "arXiv", listing_date=dt.date(2022, 9, 29)),
    "bib": Collection("bib", "My .bib"),
}


def paper(slug: str, *collections: str, date: str | None = None, added: str | None = None) -> Paper:
    found = Paper(title=slug, slug=slug, sources=[SourceRef(name, f"{name}.txt", 1) for name in collections],
                  date=dt.date.fromisoformat(date) if date else None)
    if added:
        found.annotation = Annotation(added=dt.date.fromisoformat(added))
    return found


def test_the_annotations_added_wins_over_the_listing_and_the_papers_own_date() -> None:
    assert date_added(paper("a", "daily", date="2025-10-12", added="2025-10-02"), COLLECTIONS) == dt.date(2025, 10, 2)
    assert date_added(paper("b", "daily", date="2025-10-12"), COLLECTIONS) == dt.date(2025, 10, 31)
    assert date_added(paper("c", "bib", date="2016-06-27"), COLLECTIONS) == dt.date(2016, 6, 27)
    assert date_added(paper("d", "bib"), COLLECTIONS) is None


def test_a_paper_in_two_listings_joined_with_the_earlier() -> None:
    assert date_added(paper("a", "daily", "bib", "arxiv"), COLLECTIONS) == dt.date(2022, 9, 29)


def test_latest_joined_first_then_own_date_then_slug_and_undated_papers_left_out() -> None:
    papers = [
        paper("arxiv-paper", "arxiv", date="2022-09-28"),
        paper("daily-old", "daily", date="2025-08-01"),
        paper("daily-new", "daily", date="2025-10-12"),
        paper("daily-b-undated", "daily"),
        paper("daily-a-undated", "daily"),
        paper("annotated", "arxiv", date="2022-09-28", added="2025-10-30"),
        paper("bib-dated", "bib", date="2024-01-01"),
        paper("bib-undated", "bib"),
        paper("unknown-collection", "gone", date="2023-05-05"),
    ]
    found = [(added.paper.slug, added.date.isoformat()) for added in recently_added(papers, COLLECTIONS)]
    assert found == [
        ("daily-new", "2025-10-31"), ("daily-old", "2025-10-31"),
        ("daily-a-undated", "2025-10-31"), ("daily-b-undated", "2025-10-31"),
        ("annotated", "2025-10-30"), ("bib-dated", "2024-01-01"),
        ("unknown-collection", "2023-05-05"), ("arxiv-paper", "2022-09-29"),
    ]
