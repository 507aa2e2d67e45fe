"""`search: pagefind` in Chromium: the header's search finds papers and opens them, offline.

One site: the bundled seeds plus the hostile seed, Pagefind selected, built with `site_url` set
to the first server's address. That server gets Material's instant navigation; a second server
of the same folder has another address, so Material finds none of its links in the sitemap and
loads every page in full: both ways of following a result are tested on one build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bench.search_in_browser import served
from tests.browser.conftest import SCREENSHOTS, build_site, watch
from tests.browser.test_hostile_in_browser import HOSTILE_NOTES, watch_for_scripts
from tests.browser.test_serve import mkdocs_serve, wait_for
from tests.conftest import copy_project
from tests.mkdocs.test_pagefind import use_search
from tests.site.test_hostile import HOSTILE_SEED, TITLE

PAPER = "shortcut-learning-in-deep-neural-networks"
HOSTILE = "script-alert-title-script-bold-7-7-raw"
HOSTILE_TAG = "<img src=x onerror=alert('tag')>"
# A tag whose words only the paper's tags carry: its title and abstract have neither.
CATEGORY, CATEGORY_PAPER = "Solar and Stellar Astrophysics", "large-scale-spatial-cross-calibration-of-hinode-sot-sp-and-sdo-hmi"


@pytest.fixture(scope="module")
def pagefind_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = use_search(copy_project(tmp_path_factory.mktemp("pagefind-browser")), "pagefind")
    (project / "seeds/hostile.yml").write_text(HOSTILE_SEED, encoding="utf-8")
    notes = HOSTILE_NOTES.replace("  status: to-read\n", f"  status: to-read\n  tags: [{json.dumps(HOSTILE_TAG)}]\n")
    (project / "seeds/annotations.yml").write_text(notes, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def servers(pagefind_project: Path) -> Iterator[dict[str, str]]:
    """{"instant": url, "full page loads": url}, both serving the one site built for the first."""
    site = pagefind_project / "site"
    site.mkdir()
    with served(site) as instant, served(site) as full:
        # The hostile seed carries a reported problem (a javascript: URL), so it is built without --strict.
        build_site(pagefind_project, strict=False, site_url=f"{instant}/")
        yield {"instant": instant, "full page loads": full}


def catalog(project: Path) -> dict[str, dict[str, Any]]:
    records = json.loads((project / "site/catalog.json").read_text(encoding="utf-8"))["papers"]
    return {record["slug"]: record for record in records}


def open_search(page: Page, how: str) -> None:
    """Open the header's search as a reader would: a click, or the "/" or "s" key."""
    if how == "click":
        page.locator(".md-header .pagefind-search__open").click()
    else:
        page.keyboard.press(how)
    expect(page.locator("#__pagefind_search")).to_be_visible()


def search(page: Page, query: str, how: str = "click") -> None:
    open_search(page, how)
    page.keyboard.type(query)  # key by key, at once: keys typed before Pagefind UI is there still count


def result_link(page: Page, slug: str):  # noqa: ANN201 - Playwright's Locator
    """The result that links to a paper: the list is drawn again as each key arrives."""
    return page.locator(f".pagefind-ui__result-link[href$='/papers/{slug}/']").first


@pytest.mark.parametrize("navigation", ["instant", "full page loads"])
@pytest.mark.parametrize(("query", "how"), [("Geirhos", "/"), ("shortcut learning deep", "click"),
                                            ("geirhos2020shortcut", "s")],
                         ids=["author surname", "title words", "bibtex key"])
def test_search_finds_the_paper_and_opens_its_page(page: Page, servers: dict[str, str], pagefind_project: Path,
                                                   navigation: str, query: str, how: str) -> None:
    url = servers[navigation]
    errors, foreign = watch(page, url)
    title = catalog(pagefind_project)[PAPER]["title"]
    page.goto(url)
    page.evaluate("window.__same_document = true")
    search(page, query, how)
    link = result_link(page, PAPER)
    link.wait_for(timeout=15_000)
    expect(link).to_have_text(title)
    expect(page.locator(".pagefind-ui__result-excerpt mark").first).to_be_visible()  # the words found are marked
    link.click()
    page.wait_for_url(re.compile(rf"/papers/{PAPER}/$"))
    expect(page.locator(".md-content h1").first).to_contain_text(title)
    expect(page.locator("#__pagefind_search")).to_be_hidden()  # the panel closes on the way
    assert page.evaluate("window.__same_document === true") is (navigation == "instant")
    page.wait_for_load_state("networkidle")
    assert errors == []
    assert foreign == []


def test_search_finds_a_paper_by_a_tag_only_its_tags_name(page: Page, servers: dict[str, str],
                                                          pagefind_project: Path) -> None:
    record = catalog(pagefind_project)[CATEGORY_PAPER]
    assert CATEGORY in record["tags"]
    assert "stellar" not in f"{record['title']} {record['abstract']}".lower()
    page.goto(servers["instant"])
    search(page, "stellar astrophysics")
    link = result_link(page, CATEGORY_PAPER)
    link.wait_for(timeout=15_000)
    link.click()
    page.wait_for_url(re.compile(rf"/papers/{CATEGORY_PAPER}/$"))
    expect(page.locator(".md-content .paper-meta")).to_contain_text(CATEGORY)


def pagefind_search(page: Page, query: str) -> list[dict[str, Any]]:
    """Every result of `query` through Pagefind's own JavaScript API: the URL and the indexed text."""
    return page.evaluate("""async (query) => {
        const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
        const search = await pagefind.search(query);
        return Promise.all(search.results.map(async (result) => {
            const data = await result.data();
            return {url: data.url, content: data.content, title: data.meta.title};
        }));
    }""", query)


def test_the_index_holds_what_lunr_holds_and_leaves_out_what_it_leaves_out(page: Page, servers: dict[str, str],
                                                                           pagefind_project: Path) -> None:
    papers = catalog(pagefind_project)
    record = papers[PAPER]
    page.goto(servers["full page loads"])
    [found] = [result for result in pagefind_search(page, record["bibtex_key"]) if PAPER in result["url"]]
    assert found["title"] == record["title"]  # no "¶" from the heading's permalink
    for text in (record["title"], "Geirhos", record["bibtex_key"], *record["tags"]):
        assert text in found["content"], text
    related = [papers[slug]["title"] for slug in record["related_computed"]]
    assert related
    for left_out in ("Computed from titles and abstracts", "archivePrefix", "@article", "volume 2", *related):
        assert left_out not in found["content"], left_out
    # A word only BibTeX blocks have is in no page's index, though 100+ paper pages show it. (Pagefind
    # answers a word it lacks with shorter prefixes of it, so the results are read, not counted.)
    pages = (pagefind_project / "site/papers").glob("*/index.html")
    assert sum(">eprint<" in path.read_text(encoding="utf-8") for path in pages) > 100
    assert [result["url"] for result in pagefind_search(page, "eprint") if "eprint" in result["content"]] == []
    # Listings are not indexed: only paper pages, collections, the home and about pages are.
    urls = {result["url"] for result in pagefind_search(page, "learning")}
    assert len([url for url in urls if url.startswith("/papers/")]) > 50
    listings = ("/papers/", "/bib/", "/missing-metadata/", "/tags/", "/authors/", "/years/", "/reading/")
    assert [url for url in urls if url in listings or url.startswith(listings[3:])] == []


def test_hostile_text_shows_as_text_in_results_and_runs_nothing(page: Page, servers: dict[str, str]) -> None:
    dialogs = watch_for_scripts(page)
    page.goto(servers["instant"])
    search(page, "onerror")
    link = result_link(page, HOSTILE)
    link.wait_for(timeout=15_000)
    expect(link).to_have_text(TITLE)  # the title as literal text, tags and all
    result = page.locator(".pagefind-ui__result", has=link)
    expect(result.locator(".pagefind-ui__result-excerpt")).to_contain_text("<img src=x onerror=alert(1)>")
    assert result.locator("img, script, iframe").count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "pagefind-hostile.png"))
    assert page.evaluate("window.__injected") == []
    assert dialogs == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_panel_follows_the_light_and_dark_palette(page: Page, servers: dict[str, str], scheme: str) -> None:
    page.goto(servers["instant"])
    if scheme == "slate":
        page.locator("label.md-header__button[for^='__palette']:visible").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    search(page, "segmentation")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15_000)
    colours = page.evaluate("""() => {
        const style = (selector) => getComputedStyle(document.querySelector(selector));
        return {body: style("body").backgroundColor, panel: style("#__pagefind_search").backgroundColor,
                text: style("body").color, title: style(".pagefind-ui__result-title").color};
    }""")
    assert colours["panel"] == colours["body"]
    assert colours["title"] != colours["panel"]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"pagefind-{scheme}.png"))
    page.keyboard.press("Escape")
    expect(page.locator("#__pagefind_search")).to_be_hidden()


def test_under_mkdocs_serve_each_rebuild_is_indexed_again(tmp_path: Path, page: Page) -> None:
    project = use_search(copy_project(tmp_path), "pagefind")
    indexed, reloaded = "reading-list: pagefind: Indexed", "Reloading browsers"
    with mkdocs_serve(project) as (url, log):
        assert sum(indexed in line for line in log) == 1
        page.goto(url)
        search(page, "Geirhos", "/")
        result_link(page, PAPER).wait_for(timeout=15_000)
        with (project / "seeds/annotations.yml").open("a", encoding="utf-8") as stream:
            stream.write("\nfast-r-cnn:\n  status: reading\n  summary: Quokkaplume, a word no paper has\n")
        # Pagefind ran on the rebuilt site, and the build is over: the server tells the open pages to reload.
        wait_for(lambda: sum(indexed in line for line in log) >= 2 and any(reloaded in line for line in log), 300,
                 "Pagefind to index the rebuilt site")
        fresh = page.context.new_page()  # the open page reloads by itself meanwhile; this one starts clean
        fresh.goto(url)
        search(fresh, "quokkaplume", "/")
        result_link(fresh, "fast-r-cnn").wait_for(timeout=15_000)
