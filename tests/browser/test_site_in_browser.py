"""The bundled reading list in Chromium: what a reader does on the site, end to end.

Each test also leaves a screenshot in `test-screenshots/` (git-ignored) for a human to look at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS, watch

# A paper whose first author's surname no other author of the bundled seeds has.
PAPER = "shortcut-learning-in-deep-neural-networks"
TAG = "anomaly-detection"


def catalog(site_dir: Path) -> dict[str, dict]:
    records = json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))["papers"]
    return {record["slug"]: record for record in records}


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.wait_for_timeout(800)  # the navigation tabs fade in after the page loads
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def heading(page: Page) -> str:
    return page.locator(".md-content h1").first.inner_text().replace("¶", "").strip()


@pytest.fixture
def watched(page: Page, site_url: str) -> Iterator[tuple[Page, list[str], list[str]]]:
    """The page, with every console error and every request that leaves the site's origin."""
    errors, foreign = watch(page, site_url)
    yield page, errors, foreign


def test_home_page_loads_without_errors_and_only_from_its_own_origin(watched, site_url: str,
                                                                    site_dir: Path) -> None:
    page, errors, foreign = watched
    title = catalog(site_dir)[PAPER]["title"]
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".md-content h1")).to_contain_text("Reading list")
    expect(page.locator(".home-counts")).to_contain_text("papers")
    expect(page.locator(".md-content")).to_contain_text("Most used topics")
    expect(page.locator(".md-footer")).to_contain_text("Reading list")  # the footer names the list
    screenshot(page, "home")
    # Instant navigation: the next pages load without a new document, still only from here.
    page.evaluate("window.__same_document = true")
    page.locator(".md-tabs a", has_text="All papers").click()
    page.wait_for_url(f"{site_url}/papers/")
    page.get_by_role("link", name=title, exact=True).first.click()
    page.wait_for_url(f"{site_url}/papers/{PAPER}/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__same_document") is True
    assert errors == []
    assert foreign == []


@pytest.mark.parametrize("query", ["Geirhos", "shortcut learning deep", "geirhos2020shortcut"],
                         ids=["author surname", "title words", "bibtex key"])
def test_search_finds_the_paper_and_opens_its_page(page: Page, site_url: str, site_dir: Path, query: str) -> None:
    title = catalog(site_dir)[PAPER]["title"]
    page.goto(site_url)
    page.locator(".md-search__input").click()
    page.keyboard.type(query)  # key by key: Material's search listens to keyboard events
    # The paper's own result, not its author's page (which names it too). Found by its link, since
    # the list is drawn again as each key arrives.
    result = page.locator(f".md-search-result__item a[href*='papers/{PAPER}/']")
    result.first.wait_for(timeout=15_000)
    expect(result.first.locator("h1")).to_have_text(title)
    expect(page.locator(".md-search-result mark").first).to_be_visible()  # the words found are highlighted
    result.first.click()
    page.wait_for_url(re.compile(rf"/papers/{PAPER}/"))
    expect(page.locator(".md-content h1").first).to_contain_text(title)  # instant navigation swaps the content
    assert heading(page) == title
    if query != "geirhos2020shortcut":  # the key is one word of a code span, highlighted only on its own
        expect(page.locator(".md-content mark").first).to_be_visible()  # search.highlight marks the words found


def test_search_finds_a_paper_by_its_tag(page: Page, site_url: str, site_dir: Path) -> None:
    papers = catalog(site_dir)
    tagged = {papers[slug]["title"] for slug in papers if "Equivariant networks" in papers[slug]["tags"]}
    assert tagged
    page.goto(site_url)
    page.locator(".md-search__input").click()
    page.keyboard.type("equivariant networks")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert tagged <= {title.strip() for title in titles}, titles


def test_paper_page_shows_what_a_reader_needs(page: Page, site_url: str, site_dir: Path) -> None:
    record = catalog(site_dir)[PAPER]
    page.goto(f"{site_url}/papers/{PAPER}/")
    meta = page.locator(".paper-meta")
    expect(meta).to_contain_text(record["bibtex_key"])
    author = meta.get_by_role("link", name=record["authors"][0])
    buttons = page.locator(".paper-links a.md-button")
    expect(buttons.first).to_be_visible()
    for button in buttons.all():
        assert (button.get_attribute("href") or "").startswith(("https://", "http://", "../"))
    screenshot(page, "paper")
    author.click()
    page.wait_for_url(re.compile(r"/authors/[a-z]+(-\d+)?/#"))
    anchor = page.url.split("#")[1]
    entry = page.locator(f"h3[id='{anchor}']")
    expect(entry).to_contain_text(record["authors"][0])
    expect(entry).to_be_in_viewport()  # the browser scrolled to the person's entry


@pytest.fixture
def clipboard_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def test_copy_button_puts_exactly_the_bibtex_entry_on_the_clipboard(clipboard_page: Page, site_url: str,
                                                                     site_dir: Path) -> None:
    page = clipboard_page
    record = catalog(site_dir)[PAPER]
    page.goto(f"{site_url}/papers/{PAPER}/")
    block = page.locator(".md-content div.highlight", has_text=f"{{{record['bibtex_key']},").first
    block.hover()
    block.locator("button[data-clipboard-target]").click()  # Material's copy button
    expect(page.locator(".md-dialog")).to_contain_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == record["bibtex"].rstrip()


def test_tag_page_lists_its_papers(page: Page, site_url: str, site_dir: Path) -> None:
    papers = catalog(site_dir)
    page.goto(f"{site_url}/tags/{TAG}/")
    name = heading(page)
    expected = {record["title"] for record in papers.values() if name in record["tags"]}
    assert len(expected) > 1
    listed = page.locator(".md-content li a").all_inner_texts()
    assert expected <= {title.strip() for title in listed}
    screenshot(page, "tag")


def test_math_renders_as_mathml(page: Page, site_url: str, site_dir: Path) -> None:
    with_math = sorted(path for path in (site_dir / "papers").glob("*/index.html")
                       if "<math" in path.read_text(encoding="utf-8"))
    assert with_math, "no page of the bundled seeds has math"
    page.goto(f"{site_url}/papers/{with_math[0].parent.name}/")
    box = page.locator(".md-content math").first.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0


def test_light_dark_toggle_and_back_to_top(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/papers/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -200)  # Material shows "Back to top" when the reader scrolls up
    top = page.locator(".md-top")
    expect(top).to_be_visible()
    top.click()
    page.wait_for_function("window.scrollY === 0")
