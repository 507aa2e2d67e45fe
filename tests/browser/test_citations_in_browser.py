"""A paper page's citations in Chromium: the APA copy button copies the exact reference; RIS and CSL-JSON are served."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
import rispy
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import watch
from tests.cite.test_apa import EXPECTED

PAPER = "deeplab-semantic-image-segmentation-with-deep-convolutional-nets-atrous-169dc8"


@pytest.fixture
def clipboard_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def test_copy_button_puts_exactly_the_apa_reference_on_the_clipboard(clipboard_page: Page, site_url: str) -> None:
    page = clipboard_page
    errors, foreign = watch(page, site_url)
    page.goto(f"{site_url}/papers/{PAPER}/")
    block = page.locator(".md-content .paper-apa div.highlight")
    expect(block).to_have_count(1)
    assert block.evaluate("node => getComputedStyle(node.querySelector('code')).whiteSpace") == "pre-wrap"
    block.hover()
    block.locator("button[data-clipboard-target]").click()  # Material's copy button
    expect(page.locator(".md-dialog")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == EXPECTED[PAPER]
    assert errors == [] and foreign == []


def test_ris_and_csl_json_downloads_are_served(page: Page, site_url: str) -> None:
    url = f"{site_url}/papers/{PAPER}/"
    page.goto(url)
    links = {name: page.locator(f".md-content a[download$='.{name}']") for name in ("bib", "ris", "json")}
    for link in links.values():
        expect(link).to_have_count(1)
    ris = page.request.get(urljoin(url, links["ris"].get_attribute("href") or ""))
    assert ris.ok
    [record] = rispy.loads(ris.text())
    assert record["type_of_reference"] == "JOUR" and record["doi"] == "10.1109/TPAMI.2017.2699184"
    csl = page.request.get(urljoin(url, links["json"].get_attribute("href") or ""))
    assert csl.ok
    [item] = json.loads(csl.text())
    assert item["id"] == links["json"].get_attribute("download").removesuffix(".json")
    assert item["title"].startswith("DeepLab: Semantic Image Segmentation")
