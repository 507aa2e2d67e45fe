"""`filters.json`: what the listing pages' filters (docs/javascripts/filters.js) narrow and show.

The browser filters by tag, year, collection and reading status without a server, and a filtered
listing shows its matches from every page of the listing, so it needs every paper's facets and
its listing line. One row per paper, in listing order (newest first), with the tags, collections
and statuses as indexes into their tables keeps the file small; seed text is JSON data here,
which the script puts into the page as text only.

Most slugs are the title's words (identity.base_slug), cut with a hash when long: a row then
holds "" (the title's words) or "-<hash>" (cut, then the hash) instead, which the script
expands; any other slug is written whole. A quarter of the file at 10,000 papers.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from markupsafe import Markup

from generator.enrich import reading
from generator.enrich.identity import MAX_SLUG_LENGTH
from generator.library import Library
from generator.model import Paper
from generator.site.browse import TagInfo, newest_first
from generator.site.html_pages import page_url

FILTERS_FILE = "filters.json"  # in docs/, so at the site's root
FORMAT = 1  # raise when a row's fields change, so a cached old file is not misread
FIELDS = ("slug", "title", "date", "authors", "venue", "year", "tags", "collections", "status")
LISTED_AUTHORS = 3  # as paper_line.md.j2 lists them, then "et al."
_SCOPE = re.compile(r"all|(?:tag|year):[^\s\"'<>&]+")
_WORD = re.compile(r"[a-z0-9]+")


def filters_json(library: Library, tag_infos: dict[str, TagInfo], directory_urls: bool) -> str:
    """The file, one paper a line (diffs stay readable), the same bytes for the same library."""
    tags = [info for info in tag_infos.values() if info.papers]
    tag_index = {info.name: number for number, info in enumerate(tags)}
    collections = list(library.collections.values())
    collection_index = {collection.name: number for number, collection in enumerate(collections)}
    status_index = {status: number for number, status in enumerate(reading.STATUSES)}
    head = {
        "format": FORMAT,
        "fields": list(FIELDS),
        "paper_url": page_url("papers/{slug}.md", directory_urls),
        "slug_length": MAX_SLUG_LENGTH,
        "tags": [[info.name, info.slug, info.kind] for info in tags],
        "collections": [[collection.name, collection.title] for collection in collections],
        "statuses": [[status, reading.STATUS_TITLES[status]] for status in reading.STATUSES],
    }
    rows = [_dumps(_row(paper, tag_index, collection_index, status_index))
            for paper in sorted(library.papers, key=newest_first)]
    return _dumps(head)[:-1] + ',"papers":[\n' + ",\n".join(rows) + "\n]}\n"


def _row(paper: Paper, tag_index: dict[str, int], collection_index: dict[str, int],
         status_index: dict[str, int]) -> list[Any]:
    """One paper as FIELDS says: what its listing line shows, then what it is filtered by."""
    authors = ", ".join(author.name for author in paper.authors[:LISTED_AUTHORS])
    if len(paper.authors) > LISTED_AUTHORS:
        authors += " et al."
    collections = sorted({collection_index[source.collection] for source in paper.sources
                          if source.collection in collection_index})
    status = paper.annotation.status if paper.annotation else None
    return [
        short_slug(paper.slug, paper.title),
        paper.title,
        paper.date.isoformat() if paper.date else "",
        authors,
        paper.venue or "",
        paper.effective_year,
        [tag_index[tag] for tag in paper.tags if tag in tag_index],
        collections,
        status_index.get(status) if status else None,
    ]


def short_slug(slug: str, title: str) -> str:
    """The slug as a row holds it: "" or "-<hash>" where the script can rebuild it from the title, else whole.

    The script lowercases an ASCII title and joins its runs of [a-z0-9] with "-"; past
    MAX_SLUG_LENGTH it cuts that at the last "-" within the length and appends the "-<hash>" it
    was given. Only a slug that rule rebuilds exactly is shortened.
    """
    if not title.isascii():
        return slug
    words = "-".join(_WORD.findall(title.lower()))
    if words == slug:
        return ""
    cut = words[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    tail = slug.removeprefix(cut)
    if len(words) > MAX_SLUG_LENGTH and tail != slug and re.fullmatch(r"-[0-9a-f]+", tail):
        return tail
    return slug


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # json.dumps would make one per row
_dumps = _ENCODER.encode


def filter_scope(scope: str) -> Markup:
    """The `data-scope` of a listing's filter box ("all", "tag:<slug>", "year:2024"), safe in an attribute.

    A template builds it from a tag's slug or a year; anything else is our bug, not seed text.
    """
    if not _SCOPE.fullmatch(scope):
        raise ValueError(f"not a filter scope: {scope!r}")
    return Markup(html.escape(scope, quote=True))
