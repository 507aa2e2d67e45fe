"""Which papers joined the list last: one order for the home page's "Recently added" and the feed.

A paper joined the list on the day the owner's annotation says (`added` in annotations.yml);
else on the day its listing was taken (a collection's `listing_date` in sources.yml: the
earliest, if several of its sources have one); else, as the last resort, on its own date. A
paper with none of these has no known day and is left out. The order is total: latest joined
first, then the paper's own date (newest first, undated last), then slug.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from generator.model import Collection, Paper


class Added(NamedTuple):
    """A paper and the day it joined the list."""

    paper: Paper
    date: dt.date


def date_added(paper: Paper, collections: Mapping[str, Collection]) -> dt.date | None:
    """The day the paper joined the list, as far as anything says (see the module docstring)."""
    if paper.annotation is not None and paper.annotation.added is not None:
        return paper.annotation.added
    days = (collections[source.collection].listing_date for source in paper.sources if source.collection in collections)
    listed = [day for day in days if day is not None]
    return min(listed) if listed else paper.date


def recently_added(papers: list[Paper], collections: Mapping[str, Collection]) -> list[Added]:
    """Every paper with a known day, the latest joined first."""
    found = [Added(paper, day) for paper in papers if (day := date_added(paper, collections)) is not None]
    return sorted(found, key=_latest_first)


def _latest_first(added: Added) -> tuple[int, int, str]:
    own = added.paper.date
    return (-added.date.toordinal(), -(own.toordinal() if own else 0), added.paper.slug)
