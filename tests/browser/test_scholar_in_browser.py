"""What indexers and feed readers get, as Chromium parses it: a paper page's head, and the feed it links."""

from __future__ import annotations

import feedparser
from playwright.sync_api import Page

CVPR_PROCEEDINGS = "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR)"
RESNET = "papers/deep-residual-learning-for-image-recognition/"
CITATION_TAGS = "Array.from(document.querySelectorAll('meta[name^=citation_]'), meta => [meta.name, meta.content])"
JSON_LD = "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
FEED_LINK = "document.querySelector('link[rel=alternate][type=\"application/atom+xml\"]').href"


def test_the_citation_tags_are_in_the_head_as_the_browser_parses_them(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/{RESNET}")
    assert page.evaluate(CITATION_TAGS) == [
        ["citation_title", "Deep Residual Learning for Image Recognition"],
        ["citation_author", "Kaiming He"], ["citation_author", "Xiangyu Zhang"],
        ["citation_author", "Shaoqing Ren"], ["citation_author", "Jian Sun"],
        ["citation_publication_date", "2016"],
        ["citation_conference_title", CVPR_PROCEEDINGS],
        ["citation_firstpage", "770"], ["citation_lastpage", "778"], ["citation_publisher", "IEEE"],
        ["citation_doi", "10.1109/CVPR.2016.90"], ["citation_arxiv_id", "1512.03385"],
        ["citation_pdf_url", "https://arxiv.org/pdf/1512.03385"],
    ]
    assert page.evaluate("document.head.querySelectorAll('meta[name^=citation_]').length") == 13  # all in the head
    og_url = page.evaluate("document.querySelector('meta[property=\"og:url\"]').content")
    assert og_url == f"{site_url}/{RESNET}" == page.url  # with site_url, the page's own address


def test_a_paper_without_author_names_has_no_citation_author(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/papers/abstopk-rethinking-sparse-autoencoders-for-bidirectional-features/")
    names = [name for name, _ in page.evaluate(CITATION_TAGS)]
    assert "citation_title" in names and "citation_author" not in names


def test_the_json_ld_parses_as_a_scholarly_article(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/{RESNET}")
    record = page.evaluate(JSON_LD)
    assert record["@context"] == "https://schema.org" and record["@type"] == "ScholarlyArticle"
    assert record["name"] == "Deep Residual Learning for Image Recognition"
    authors = [author["name"] for author in record["author"]]
    assert authors == ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"]


def test_the_feed_link_in_the_head_resolves_and_the_feed_is_served(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/{RESNET}")
    href = page.evaluate(FEED_LINK)
    assert href == f"{site_url}/feed.xml"
    response = page.request.get(href)
    assert response.status == 200 and "xml" in response.headers["content-type"]
    parsed = feedparser.parse(response.body(), response_headers={"content-location": href,
                                                                 "content-type": "application/atom+xml"})
    assert not parsed.bozo and parsed.entries
    first = parsed.entries[0]
    assert first.id == first.link and first.link.startswith(f"{site_url}/papers/")  # absolute, with site_url
    page.goto(first.link)
    assert page.locator(".md-content h1").first.inner_text().replace("¶", "").strip() == first.title


def test_the_home_page_links_the_feed_in_its_text_and_its_head(page: Page, site_url: str) -> None:
    page.goto(site_url)
    assert page.evaluate(FEED_LINK) == f"{site_url}/feed.xml"
    with page.expect_response(f"{site_url}/feed.xml") as response:
        page.get_by_role("link", name="Atom feed").click()  # not taken over by Material's instant navigation
    assert response.value.status == 200
    page.wait_for_url(f"{site_url}/feed.xml")
