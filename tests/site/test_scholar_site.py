"""The built bundled site (no site_url, as `make site` builds it): paper heads for indexers, and the feed."""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from generator.site.feed import FEED_LENGTH
from tests.conftest import copy_project
from tests.test_site import mkdocs_build

CVPR_PROCEEDINGS = "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR)"
RESNET = "papers/deep-residual-learning-for-image-recognition/index.html"
ANONYMOUS = "papers/abstopk-rethinking-sparse-autoencoders-for-bidirectional-features/index.html"  # "3 authors"
EFFICIENTAD = "efficientad-accurate-visual-anomaly-detection-at-millisecond-level-latencies"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("scholar"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


class Head(HTMLParser):
    """The <meta> tags, alternate links and JSON-LD of a page's head, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.alternates: list[dict[str, str | None]] = []
        self.json_ld: list[str] = []
        self.in_head = self.in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.in_head = self.in_head or tag == "head"
        if self.in_head and tag == "meta" and (found.get("name") or found.get("property")):
            self.meta.append((found.get("name") or found.get("property") or "", found.get("content") or ""))
        if self.in_head and tag == "link" and found.get("rel") == "alternate":
            self.alternates.append(found)
        self.in_json_ld = tag == "script" and found.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self.in_head = self.in_head and tag != "head"
        self.in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self.in_json_ld:
            self.json_ld.append(data)


def head(site: Path, page: str) -> Head:
    parser = Head()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser


def test_a_paper_pages_head_has_its_highwire_tags_in_order(site: Path) -> None:
    tags = [tag for tag in head(site, RESNET).meta if tag[0].startswith("citation_")]
    assert tags == [
        ("citation_title", "Deep Residual Learning for Image Recognition"),
        ("citation_author", "Kaiming He"), ("citation_author", "Xiangyu Zhang"),
        ("citation_author", "Shaoqing Ren"), ("citation_author", "Jian Sun"),
        ("citation_publication_date", "2016"),
        ("citation_conference_title", CVPR_PROCEEDINGS),
        ("citation_firstpage", "770"), ("citation_lastpage", "778"), ("citation_publisher", "IEEE"),
        ("citation_doi", "10.1109/CVPR.2016.90"), ("citation_arxiv_id", "1512.03385"),
        ("citation_pdf_url", "https://arxiv.org/pdf/1512.03385"),
    ]


def test_a_paper_with_only_an_author_count_gets_no_citation_author(site: Path) -> None:
    found = head(site, ANONYMOUS)
    names = [name for name, _ in found.meta]
    assert "citation_author" not in names and "citation_title" in names
    assert ("citation_publication_date", "2025/09/30") in found.meta
    assert "author" not in json.loads("".join(found.json_ld))


def test_a_paper_known_by_its_title_alone_gets_citation_title_and_no_other(site: Path) -> None:
    found = head(site, "papers/a-new-hope-ai-research-is-conquering-todays-computer-vision-plateau/index.html")
    tags = [tag for tag in found.meta if tag[0].startswith("citation_")]
    assert tags == [("citation_title", "A New Hope: AI Research is Conquering Today’s Computer Vision Plateau")]
    assert json.loads("".join(found.json_ld))["@type"] == "ScholarlyArticle"


def test_open_graph_and_json_ld_describe_the_paper(site: Path) -> None:
    found = head(site, RESNET)
    graph = dict(tag for tag in found.meta if tag[0].startswith("og:"))
    assert graph["og:type"] == "article" and graph["og:title"] == "Deep Residual Learning for Image Recognition"
    assert "og:url" not in graph  # no site_url, no absolute address for the page
    record = json.loads("".join(found.json_ld))
    assert record["@type"] == "ScholarlyArticle" and record["author"][0] == {"@type": "Person", "name": "Kaiming He"}


def test_listings_and_hand_written_pages_carry_no_paper_tags_but_link_the_feed(site: Path) -> None:
    for page in ("index.html", "about/index.html", "tags/index.html", RESNET):
        found = head(site, page)
        assert [link["type"] for link in found.alternates] == ["application/atom+xml"]
        href = found.alternates[0]["href"] or ""
        assert (site / page).parent.joinpath(href).resolve() == (site / "feed.xml").resolve()
        if page != RESNET:
            assert not [name for name, _ in found.meta if name.startswith(("citation_", "og:"))]


@pytest.fixture(scope="module")
def feed(site: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / "feed.xml").read_bytes(),
                              response_headers={"content-location": "http://localhost:8000/feed.xml",
                                                "content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_the_feed_lists_the_daily_listings_newest_papers_first(feed: feedparser.FeedParserDict) -> None:
    """The Daily Papers listing (taken 2025-10-31) is the latest the bundled seeds have: all 50 come from it."""
    entries = feed.entries
    assert len(entries) == FEED_LENGTH
    assert {time.strftime("%Y-%m-%d", entry.updated_parsed) for entry in entries} == {"2025-10-31"}
    published = [entry.published_parsed for entry in entries]
    assert published == sorted(published, reverse=True)
    assert entries[0].title.startswith("The Hidden DNA of LLM-Generated JavaScript")
    assert not [entry for entry in entries if EFFICIENTAD in entry.link]  # its annotation says it was added 2025-10-02
    assert time.strftime("%Y-%m-%d", feed.feed.updated_parsed) == "2025-10-31"


def test_every_feed_link_is_a_page_of_the_site(site: Path, feed: feedparser.FeedParserDict) -> None:
    for entry in feed.entries:
        path = entry.link.removeprefix("http://localhost:8000/")
        assert (site / path / "index.html").is_file(), entry.link


def test_the_home_pages_recently_added_are_the_feeds_first_entries(site: Path, feed: feedparser.FeedParserDict) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    section = home.split('id="recently-added"', 1)[1].split("<h2", 1)[0]
    listed = re.findall(r'<li><a href="(papers/[^"]+)"', section)
    assert len(listed) == 8
    assert [f"http://localhost:8000/{link}" for link in listed] == [entry.link for entry in feed.entries[:8]]
    assert '<a href="feed.xml">Atom feed</a>' in section
