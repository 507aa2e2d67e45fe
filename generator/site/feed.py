"""The Atom feed of the papers that joined the list last (`docs/feed.xml`), written through feedgen.

The papers and their order are the home page's "Recently added" (recent.py), the newest
`FEED_LENGTH` of them. The feed says nothing that depends on when it was built: each entry's
`updated` is the day its paper joined, `published` the paper's own date, and the feed's
`updated` its newest entry's (the Unix epoch for a feed without entries).

Addresses: with `site_url` (mkdocs.yml reads it from $SITE_URL), every link is absolute and each
entry's id is its page's URL, as feed readers expect. Without it, links are relative to the
feed, which sits at the site's root (readers resolve them against the feed's own address), and
ids are `urn:uuid:` names made from the site's name and the paper's slug, so they stay the same
from one build to the next; they change once if a site_url is set later.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping

from feedgen.feed import FeedGenerator

from generator.enrich.recent import Added, recently_added
from generator.model import Collection, Paper
from generator.site.html_pages import page_url

FEED_PATH = "feed.xml"  # under docs/, so at the site's root
FEED_LENGTH = 50
FEED_TYPE = "application/atom+xml"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
# What XML 1.0 cannot hold (control characters, lone surrogates): dropped, so seed text never breaks the feed.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feed_title(site_name: str) -> str:
    return f"{site_name}: recently added"


def atom_feed(papers: list[Paper], collections: Mapping[str, Collection], site_name: str, site_description: str,
              site_url: str | None, directory_urls: bool = True) -> str:
    """The feed's XML text."""
    base = _base(site_url)
    added = recently_added(papers, collections)[:FEED_LENGTH]
    feed = FeedGenerator()
    feed.id(base or _urn(site_name, ""))
    feed.title(xml_text(feed_title(site_name)))
    if site_description:
        feed.subtitle(xml_text(site_description))
    feed.author(name=xml_text(site_name))  # the entries' author where a paper names none
    feed.link(href=base or "./", rel="alternate", type="text/html")
    feed.link(href=base + FEED_PATH, rel="self", type=FEED_TYPE)
    feed.generator(generator="reading-list generator")  # no version: the same feed whatever feedgen's
    feed.updated(_midnight(added[0].date) if added else EPOCH)
    for entry in added:
        _add_entry(feed, entry, base, site_name, directory_urls)
    return feed.atom_str(pretty=True).decode("utf-8")  # UTF-8, with its XML declaration


def _add_entry(feed: FeedGenerator, added: Added, base: str, site_name: str, directory_urls: bool) -> None:
    paper = added.paper
    entry = feed.add_entry(order="append")  # feedgen puts each new entry first unless told
    url = base + page_url(f"papers/{paper.slug}.md", directory_urls)
    entry.id(url if base else _urn(site_name, paper.slug))
    entry.title(xml_text(paper.title) or paper.slug)
    entry.link(href=url, rel="alternate", type="text/html")
    entry.updated(_midnight(added.date))
    if paper.date is not None:
        entry.published(_midnight(paper.date))
    for author in paper.authors:
        entry.author(name=xml_text(author.name))
    summary = xml_text(paper.tldr or paper.abstract or "")
    if summary:
        entry.summary(summary, type="text")
    for term in filter(None, map(xml_text, paper.tags)):
        entry.category(term=term)


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def _base(site_url: str | None) -> str:
    """The site's address ending in "/", or "" for links relative to the feed."""
    return site_url.rstrip("/") + "/" if site_url else ""


def _urn(site_name: str, slug: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"reading-list:{xml_text(site_name)}:{slug}").urn


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.timezone.utc)
