"""The head tags of a paper page: Highwire Press for Google Scholar, Open Graph, schema.org JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config

from generator.mkdocs.plugin import PAGEFIND_THEME
from generator.model import Author, Paper
from generator.site.escape import html_text, one_line
from generator.site.scholar_meta import (HEAD_JSON_LD, HEAD_TAGS, head_tags, json_ld, page_meta, publication_date,
                                         scholarly_article, venue)
from tests.mkdocs.test_pagefind import use_search

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"


def paper(**fields: object) -> Paper:
    return Paper(**{"title": "A Paper", "slug": "a-paper", **fields})  # type: ignore[arg-type]


def test_a_conference_paper_gets_every_tag_it_knows_in_order() -> None:
    found = head_tags(paper(
        title="Deep Residual Learning", authors=[Author("Kaiming He"), Author("Xiangyu Zhang")],
        date=dt.date(2015, 12, 10), year=2016, entry_type="inproceedings", venue="CVPR",
        booktitle="Proceedings of CVPR", pages="770--778", publisher="IEEE", doi="10.1109/CVPR.2016.90",
        arxiv_id="1512.03385", links={"pdf": "https://arxiv.org/pdf/1512.03385", "code": "https://github.com/x/y"}))
    assert list(found.items()) == [  # citation_title is the page's title, which the override writes first
        ("citation_author", ["Kaiming He", "Xiangyu Zhang"]),
        ("citation_publication_date", "2016"),  # the date is the preprint's, the year the proceedings'
        ("citation_conference_title", "Proceedings of CVPR"),
        ("citation_firstpage", "770"),
        ("citation_lastpage", "778"),
        ("citation_publisher", "IEEE"),
        ("citation_doi", "10.1109/CVPR.2016.90"),
        ("citation_arxiv_id", "1512.03385"),
        ("citation_pdf_url", "https://arxiv.org/pdf/1512.03385"),
    ]


def test_a_journal_article_gets_its_journal_volume_issue_and_pages() -> None:
    found = head_tags(paper(entry_type="article", journal="Nature", volume="521", number="7553",
                            pages="436–444", date=dt.date(2015, 5, 27), venue="Nature"))
    assert list(found.items()) == [
        ("citation_publication_date", "2015/05/27"), ("citation_journal_title", "Nature"),
        ("citation_volume", "521"), ("citation_issue", "7553"), ("citation_firstpage", "436"),
        ("citation_lastpage", "444"), ("article:published_time", "2015-05-27")]


@pytest.mark.parametrize(("fields", "expected"), [
    ({"booktitle": "25th ICPR", "venue": "ICPR 2020"}, ("conference", "25th ICPR")),  # a conference page's manifest
    ({"journal": "TPAMI"}, ("journal", "TPAMI")),
    ({"entry_type": "inproceedings", "venue": "ICLR"}, ("conference", "ICLR")),  # stated type, venue alone
    ({"entry_type": "INPROCEEDINGS", "booktitle": "NeurIPS"}, ("conference", "NeurIPS")),
    ({"entry_type": "conference", "booktitle": "ECCV"}, ("conference", "ECCV")),
    ({"entry_type": "article", "journal": "JMLR", "booktitle": "ignored"}, ("journal", "JMLR")),
    ({"entry_type": "article", "venue": "Nature"}, None),  # an article whose journal no source names
    ({"entry_type": "misc", "venue": "arXiv"}, None),
    ({"entry_type": "book", "publisher": "MIT Press"}, None),
    ({"venue": "GitHub"}, None),  # a bare venue says neither
    ({"journal_ref": "CVPR 2022"}, None),  # arXiv's "Journal" field may name either
    ({"entry_type": "misc", "journal": "Nature"}, None),  # the stated type wins
], ids=["booktitle", "journal", "stated-venue", "type-case", "conference", "article-wins", "article-no-journal",
        "misc", "book", "bare-venue", "journal-ref", "stated-misc"])
def test_journal_or_conference_is_decided_by_the_entry_type(fields: dict[str, str],
                                                             expected: tuple[str, str] | None) -> None:
    assert venue(paper(**fields)) == expected
    tags = head_tags(paper(**fields))
    assert ("citation_journal_title" in tags, "citation_conference_title" in tags) == (
        expected is not None and expected[0] == "journal", expected is not None and expected[0] == "conference")


@pytest.mark.parametrize("fields", [{"author_count": 3}, {"organisation": "NVIDIA"}, {}],
                         ids=["author-count", "organisation", "nothing"])
def test_a_paper_without_author_names_gets_no_citation_author(fields: dict[str, object]) -> None:
    assert head_tags(paper(**fields)) == {}
    assert "author" not in scholarly_article(paper(**fields), "A Paper")


@pytest.mark.parametrize(("fields", "expected"), [
    ({"date": dt.date(2022, 9, 29)}, "2022/09/29"),
    ({"date": dt.date(2022, 9, 29), "year": 2022}, "2022/09/29"),
    ({"date": dt.date(2022, 9, 29), "year": 2023}, "2023"),
    ({"year": 2020}, "2020"),
    ({}, None),
], ids=["date", "date-and-its-year", "another-year", "year", "none"])
def test_the_publication_date_is_a_day_only_when_it_is_the_publications(fields: dict[str, object],
                                                                        expected: str | None) -> None:
    assert publication_date(paper(**fields)) == expected


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a.pdf", "/local.pdf", ""])
def test_only_an_http_pdf_url_is_tagged(url: str) -> None:
    assert "citation_pdf_url" not in head_tags(paper(links={"pdf": url}))
    assert head_tags(paper(links={"pdf": "http://example.org/a.pdf"}))["citation_pdf_url"] == "http://example.org/a.pdf"


def test_values_are_one_line_and_empty_ones_are_left_out() -> None:
    found = head_tags(paper(authors=[Author("  "), Author("Ada\nLovelace")], doi="", volume=" ",
                            publisher="A\n  Press\twith  space"))
    assert found == {"citation_author": ["Ada Lovelace"], "citation_publisher": "A Press with space"}


def test_json_ld_is_a_scholarly_article_with_its_authors_in_order() -> None:
    record = json.loads(json_ld(paper(
        title="SAM", authors=[Author("Alexander Kirillov"), Author("Eric Mintun")], date=dt.date(2023, 4, 5),
        entry_type="article", journal="Nature", doi="10.1/x", arxiv_id="2304.02643", tags=["Segmentation"]),
        "Segment anything."))
    assert record == {
        "@context": "https://schema.org", "@type": "ScholarlyArticle", "name": "SAM",
        "author": [{"@type": "Person", "name": "Alexander Kirillov"}, {"@type": "Person", "name": "Eric Mintun"}],
        "datePublished": "2023-04-05", "isPartOf": {"@type": "Periodical", "name": "Nature"},
        "description": "Segment anything.",
        "sameAs": ["https://doi.org/10.1/x", "https://arxiv.org/abs/2304.02643"],
    }
    proceedings = scholarly_article(paper(booktitle="Proceedings of ICCV", year=2017), "x")
    assert proceedings["isPartOf"] == {"@type": "Book", "name": "Proceedings of ICCV"}
    assert proceedings["datePublished"] == "2017"


HOSTILE = '</script><script>alert("x")</script><!-- & \'quote\' \u2028 {{ 7*7 }}'


def test_json_ld_cannot_close_its_script_element_or_open_a_comment() -> None:
    text = json_ld(paper(title=HOSTILE, authors=[Author(HOSTILE)]), HOSTILE)
    assert "<" not in text and ">" not in text and "&" not in text
    record = json.loads(text)
    assert record["name"] == record["author"][0]["name"] == record["description"] == one_line(HOSTILE)
    assert "{{ 7*7 }}" in record["name"]  # text, never a template


def test_page_meta_holds_the_tags_and_the_json_ld() -> None:
    meta = page_meta(paper(title="T", authors=[Author("A B")]), "D")
    assert meta[HEAD_TAGS] == {"citation_author": ["A B"]}
    assert json.loads(meta[HEAD_JSON_LD])["name"] == "T"


def render_head(meta: dict[str, object], canonical_url: str | None = None) -> str:
    """overrides/main.html's head, as MkDocs renders it: no autoescape, Material's base.html reduced to its block."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(OVERRIDES),
                                  jinja2.DictLoader({"base.html": "{% block extrahead %}{% endblock %}"})])
    environment = jinja2.Environment(loader=loader, autoescape=False)
    environment.filters["url"] = lambda path: f"../../{path}"
    page = {"meta": meta, "canonical_url": canonical_url}
    return environment.get_template("main.html").render(page=page, config={"site_name": "Site <b>"})


def paper_page_meta(found: Paper, description: str) -> dict[str, object]:
    """A paper page's meta as render.Renderer.paper_page makes it (title and description escaped there)."""
    return {"title": html_text(found.title), "description": html_text(description), **page_meta(found, description)}


def test_the_override_writes_every_tag_in_order_with_open_graph_from_the_pages_own_meta() -> None:
    found = paper(title="ViT", authors=[Author("Alexey Dosovitskiy"), Author("Lucas Beyer")],
                  date=dt.date(2020, 10, 22), arxiv_id="2010.11929")
    head = render_head(paper_page_meta(found, "Patches."), canonical_url="https://example.org/papers/vit/")
    tags = re.findall(r'<meta (name|property)="([^"]+)" content="([^"]*)">', head)
    assert tags == [
        ("name", "citation_title", "ViT"), ("name", "citation_author", "Alexey Dosovitskiy"),
        ("name", "citation_author", "Lucas Beyer"), ("name", "citation_publication_date", "2020/10/22"),
        ("name", "citation_arxiv_id", "2010.11929"), ("property", "article:published_time", "2020-10-22"),
        ("property", "og:type", "article"), ("property", "og:title", "ViT"),
        ("property", "og:description", "Patches."), ("property", "og:site_name", "Site &lt;b&gt;"),
        ("property", "og:url", "https://example.org/papers/vit/"),
    ]
    assert '<script type="application/ld+json">{"@context":"https://schema.org"' in head


class HeadElements(HTMLParser):
    """Each element of a head as a browser's parser reads it: tag, attributes, text of a script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.elements and self.elements[-1][0] == "script":
            self.scripts.append(data)


def test_the_override_escapes_every_value_and_writes_the_json_ld_as_it_is() -> None:
    found = paper(title=HOSTILE, authors=[Author(HOSTILE)], publisher=HOSTILE)
    parsed = HeadElements()
    parsed.feed(render_head(paper_page_meta(found, HOSTILE)))
    # nothing else: no element made of the seed's text
    assert [tag for tag, _ in parsed.elements] == ["link", *["meta"] * 7, "script"]
    contents = {attributes.get("name") or attributes.get("property"): attributes["content"]
                for tag, attributes in parsed.elements if tag == "meta"}
    for name in ("citation_title", "citation_author", "citation_publisher", "og:title", "og:description"):
        assert contents[name] == one_line(HOSTILE), name  # the seed's text, read back as text
    assert json.loads(parsed.scripts[0])["name"] == one_line(HOSTILE)
    assert parsed.elements[0][1]["title"] == "Site <b>: recently added"


def test_a_paper_the_sources_say_little_about_still_gets_its_title_open_graph_and_json_ld() -> None:
    meta = paper_page_meta(paper(title="Only a title"), "Only a title")
    assert meta[HEAD_TAGS] == {}
    head = render_head(meta)
    assert '<meta name="citation_title" content="Only a title">' in head
    assert '<meta property="og:title" content="Only a title">' in head and "ld+json" in head
    assert "citation_author" not in head and "citation_publication_date" not in head


def test_the_override_writes_only_the_feed_link_on_a_page_without_tags() -> None:
    head = render_head({"title": "About"})
    assert "<meta" not in head and "ld+json" not in head
    assert 'type="application/atom+xml"' in head


def test_under_pagefind_the_override_builds_on_pagefinds_layout(project_copy: Path) -> None:
    """Both theme folders hold a main.html; the site's own wins, so it must extend Pagefind's layout."""
    config = load_config(config_file=str(use_search(project_copy, "pagefind") / "mkdocs.yml"))
    plugin = config.plugins["reading-list"]
    plugin.on_config(config)
    environment = plugin.on_env(jinja2.Environment(loader=jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([OVERRIDES, PAGEFIND_THEME]),
        jinja2.DictLoader({"base.html": "{% block extrahead %}{% endblock %}{% block header %}</nav>{% endblock %}"
                                        "{% block scripts %}{% endblock %}",
                           ".icons/material/magnify.svg": "<svg></svg>"})])), config=config, files=None)
    environment.filters["url"] = lambda path: path
    site = {"site_name": "S", "repo_url": None, "theme": {"icon": {}}}
    head = environment.get_template("main.html").render(page={"meta": {}}, config=site)
    assert "pagefind-search.css" in head and "pagefind-search__open" in head  # Pagefind's layout
    assert 'type="application/atom+xml"' in head  # and ours on top of it
