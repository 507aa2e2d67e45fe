"""The reading list proper: which papers are to read, being read or read, and in what order.

Orders are total (ties end at the slug), so the pages list papers the same way on every build.
"""

from __future__ import annotations

import datetime as dt

from generator.model import Paper

STATUSES = ("to-read", "reading", "read")
STATUS_TITLES = {"to-read": "To read", "reading": "Reading", "read": "Read"}
STATUS_DESCRIPTIONS = {
    "to-read": "The queue: what I will read next, by priority, then the oldest first.",
    "reading": "What I am reading now.",
    "read": "What I have read, the latest first.",
}
RATING_MAX = 5
HOME_QUEUE_LENGTH = 10
HOME_RECENT_LENGTH = 5


def normalise_status(text: str) -> str:
    """"To read", "to_read" and "to-read" are one status; the result may still be unknown."""
    return "-".join(text.strip().lower().replace("_", " ").split())


def with_status(papers: list[Paper], status: str) -> list[Paper]:
    """The papers of one status, in the order its page lists them."""
    chosen = [paper for paper in papers if paper.annotation and paper.annotation.status == status]
    if status == "read":
        return sorted(chosen, key=_recent_first)
    return sorted(chosen, key=_queue_order)


def queue(papers: list[Paper]) -> list[Paper]:
    """What to read next: by priority (1 first, none last), then oldest added, then slug."""
    return with_status(papers, "to-read")


def recently_read(papers: list[Paper]) -> list[Paper]:
    """What was read, the latest finished first; papers without a finished date come last."""
    return with_status(papers, "read")


def _queue_order(paper: Paper) -> tuple[bool, int, bool, dt.date, str]:
    annotation = paper.annotation
    priority = annotation.priority if annotation else None
    added = annotation.added if annotation else None
    return (priority is None, priority or 0, added is None, added or dt.date.min, paper.slug)


def _recent_first(paper: Paper) -> tuple[bool, int, str]:
    finished = paper.annotation.finished if paper.annotation else None
    return (finished is None, -(finished.toordinal() if finished else 0), paper.slug)


def stars(rating: int) -> str:
    """A rating as five stars, filled up to it: "★★★★☆"."""
    return "★" * rating + "☆" * (RATING_MAX - rating)
