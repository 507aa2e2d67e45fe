"""The Atom feed of the papers added last, read back by feedparser as a feed reader would."""

from __future__ import annotations

import datetime as dt
import time

import feedparser

from generator.model import Annotation, Author, Collection, Paper, SourceRef
from generator.site.feed import FEED_LENGTH, atom_feed

COLLECTIONS = {"daily": Collection("daily", "Daily", listing_date=dt.date(2025, 10, 31)),
               "bib": Collection("bib", "My .bib")}


def paper(slug: str, collection: str = "bib", date: str | None = None, added: str | None = None,
          **fields: object) -> Paper:
    found = Paper(title=slug.replace("-", " ").title(), slug=slug, sources=[SourceRef(collection, "x", 1)],
                  date=dt.date.fromisoformat(date) if date else None, **fields)  # type: ignore[arg-type]
    if added:
        found.annotation = Annotation(added=dt.date.fromisoformat(added))
    return found


PAPERS = [
    paper("old-bib-paper", date="2016-06-27", authors=[Author("Kaiming He"), Author("Jian Sun")],
          abstract="Residual learning.", tags=["Image classification", "cs.CV"]),
    paper("daily-paper", "daily", date="2025-10-12", organisation="NVIDIA", tldr="A short summary."),
    paper("annotated-paper", date="2020-10-22", added="2025-10-02", authors=[Author("Alexey Dosovitskiy")]),
    paper("undated-paper"),
]


def parse(text: str, url: str = "https://example.org/list/feed.xml") -> feedparser.FeedParserDict:
    parsed = feedparser.parse(text, response_headers={"content-location": url, "content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def day(struct: time.struct_time) -> str:
    return time.strftime("%Y-%m-%d", struct)


def test_the_feed_lists_the_papers_added_last_newest_first_with_their_dates() -> None:
    parsed = parse(atom_feed(PAPERS, COLLECTIONS, "My list", "Papers I read", "https://example.org/list/"))
    entries = parsed.entries
    assert [entry.title for entry in entries] == ["Daily Paper", "Annotated Paper", "Old Bib Paper"]
    assert [day(entry.updated_parsed) for entry in entries] == ["2025-10-31", "2025-10-02", "2016-06-27"]
    assert [day(entry.published_parsed) for entry in entries] == ["2025-10-12", "2020-10-22", "2016-06-27"]
    assert day(parsed.feed.updated_parsed) == "2025-10-31"  # the newest entry's, never the build's time
    assert parsed.feed.title == "My list: recently added" and parsed.feed.subtitle == "Papers I read"


def test_with_a_site_url_links_are_absolute_and_ids_are_the_pages_urls() -> None:
    parsed = parse(atom_feed(PAPERS, COLLECTIONS, "My list", "", "https://example.org/list"))
    entry = parsed.entries[2]
    assert entry.link == entry.id == "https://example.org/list/papers/old-bib-paper/"
    assert parsed.feed.id == "https://example.org/list/"
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "alternate": "https://example.org/list/", "self": "https://example.org/list/feed.xml"}


def test_without_a_site_url_links_resolve_against_the_feeds_address_and_ids_stay_put() -> None:
    text = atom_feed(PAPERS, COLLECTIONS, "My list", "", None, directory_urls=False)
    parsed = parse(text, url="http://localhost:8000/feed.xml")
    assert parsed.entries[0].link == "http://localhost:8000/papers/daily-paper.html"
    assert {link.rel: link.href for link in parsed.feed.links}["self"] == "http://localhost:8000/feed.xml"
    ids = [entry.id for entry in parsed.entries]
    assert all(identifier.startswith("urn:uuid:") for identifier in ids) and len(set(ids)) == 3
    assert ids == [entry.id for entry in parse(atom_feed(PAPERS[::-1], COLLECTIONS, "My list", "", None)).entries]
    other_site = parse(atom_feed(PAPERS, COLLECTIONS, "Another list", "", None)).entries
    assert not set(ids) & {entry.id for entry in other_site}


def test_entries_name_only_the_authors_the_sources_name() -> None:
    entries = parse(atom_feed(PAPERS, COLLECTIONS, "My list", "", None)).entries
    assert [author.name for author in entries[2].authors] == ["Kaiming He", "Jian Sun"]
    assert "authors" not in entries[0]  # no names (an organisation): the feed's own author stands
    assert parse(atom_feed(PAPERS, COLLECTIONS, "My list", "", None)).feed.author == "My list"
    assert entries[0].summary == "A short summary." and entries[2].summary == "Residual learning."
    assert [tag.term for tag in entries[2].tags] == ["Image classification", "cs.CV"]


def test_the_same_papers_give_the_same_bytes_whatever_their_order() -> None:
    assert atom_feed(PAPERS, COLLECTIONS, "L", "", None) == atom_feed(PAPERS[::-1], COLLECTIONS, "L", "", None)


def test_the_feed_keeps_the_newest_papers_only() -> None:
    many = [paper(f"paper-{number:03}", date=(dt.date(2020, 1, 1) + dt.timedelta(days=number)).isoformat())
            for number in range(FEED_LENGTH + 20)]
    entries = parse(atom_feed(many, COLLECTIONS, "L", "", None)).entries
    assert len(entries) == FEED_LENGTH
    assert entries[0].title == f"Paper {FEED_LENGTH + 19:03}" and entries[-1].title == "Paper 020"


def test_a_list_with_no_dated_paper_still_gives_a_valid_feed() -> None:
    parsed = parse(atom_feed([paper("undated")], COLLECTIONS, "L", "", None))
    assert parsed.entries == [] and day(parsed.feed.updated_parsed) == "1970-01-01"


def test_hostile_text_is_text_and_characters_xml_cannot_hold_are_dropped() -> None:
    hostile = 'A ]]> <script>alert("x")</script> &amp; \x00\x07\x1b\ud800 end'
    text = atom_feed([paper("hostile", date="2025-01-01", authors=[Author(hostile)], abstract=hostile,
                            tags=[hostile, "\x01"])], COLLECTIONS, hostile, hostile, None)
    entry = parse(text).entries[0]
    clean = 'A ]]> <script>alert("x")</script> &amp;  end'
    assert entry.author == clean and entry.summary == clean
    assert [tag.term for tag in entry.tags] == [clean]  # a tag of control characters alone is left out
    assert "<script>" not in text
