"""The listing pages' filters in Chromium: they narrow to exactly the right papers, across pages, by keyboard too.

The site is the bundled list plus the hostile seed, with listings split every 20 papers (so the
all-papers page links its years and a tag's listing has several pages). What each filter should
leave is computed here from `catalog.json`, never read back from the script.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.search_in_browser import served
from tests.browser.conftest import SCREENSHOTS, watch
from tests.browser.test_hostile_in_browser import watch_for_scripts
from tests.conftest import copy_project
from tests.site.test_hostile import HOSTILE_SEED, TITLE

PAGE_SIZE = 20
TAG = "Transfer learning"  # 67 bundled papers: four pages of 20
HOSTILE_TAG = "<b>tag</b>"
# mkdocs build with shorter listing pages: the generator runs in MkDocs' process, so the setting holds.
SHORT_PAGES = (f"import sys, generator.site.browse as browse; browse.PAGE_SIZE = {PAGE_SIZE}; "
               "from mkdocs.__main__ import cli; sys.exit(cli())")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The site's address and folder; built once the port is known, so instant navigation is on."""
    project = copy_project(tmp_path_factory.mktemp("filters-browser"))
    (project / "seeds/hostile.yml").write_text(HOSTILE_SEED, encoding="utf-8")
    with served(project / "site") as url:
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"{url}/"}
        result = subprocess.run([sys.executable, "-c", SHORT_PAGES, "build"], cwd=project, env=environment,
                                capture_output=True, text=True)  # not --strict: the hostile seed has a reported problem
        assert result.returncode == 0, result.stderr
        yield url, project / "site"


@pytest.fixture
def watched(page: Page, site: tuple[str, Path]) -> Iterator[Page]:
    """The page; at the end, no console error and no request that left the site."""
    errors, foreign = watch(page, site[0])
    yield page
    assert errors == []
    assert foreign == []


@pytest.fixture(scope="module")
def records(site: tuple[str, Path]) -> list[dict]:
    return json.loads((site[1] / "catalog.json").read_text(encoding="utf-8"))["papers"]


@pytest.fixture(scope="module")
def tag_slugs(site: tuple[str, Path]) -> dict[str, str]:
    """Tag name -> the slug of its page, which the address and the select's values use."""
    return {name: slug for name, slug, _ in json.loads((site[1] / "filters.json").read_text(encoding="utf-8"))["tags"]}


def expected(records: list[dict], tag: str | None = None, year: str | None = None,
             collection: str | None = None, status: str | None = None) -> set[str]:
    """The slugs of the papers that match every given filter, from the catalog."""
    def keeps(record: dict) -> bool:
        return ((tag is None or tag in record["tags"])
                and (year is None or str(record["year"] or "unknown") == year)
                and (collection is None or collection in {source["collection"] for source in record["sources"]})
                and (status is None or (record["annotation"] or {}).get("status") == status))
    return {record["slug"] for record in records if keeps(record)}


def open_listing(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".reading-filters[data-state=ready]")


def shown(page: Page) -> list[str]:
    """The slugs of the papers the filtered listing shows, in order."""
    hrefs = page.locator(".reading-filters__results li > a").evaluate_all("links => links.map(link => link.href)")
    return [re.fullmatch(r".*/papers/([^/]+)/", href).group(1) for href in hrefs]  # type: ignore[union-attr]


def listed(page: Page) -> list[str]:
    """The slugs of the page's own listing, as far as it is shown."""
    hrefs = page.locator(".md-content ul:not(.reading-filters__results) li > a[href*='papers/']").evaluate_all(
        "links => links.filter(link => link.checkVisibility()).map(link => link.href)")
    return [re.fullmatch(r".*/papers/([^/]+)/", href).group(1) for href in hrefs]  # type: ignore[union-attr]


def status_text(page: Page) -> str:
    return page.locator(".reading-filters__status").inner_text()


def busiest(values: list[str]) -> str:
    """The value most papers have (ties: the first in sorted order), so the test does not hard-code data."""
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], value))


def test_a_tag_narrows_all_papers_to_exactly_its_papers_from_every_page(watched: Page, site, records, tag_slugs) -> None:
    page = watched
    open_listing(page, f"{site[0]}/papers/")
    assert listed(page) == []  # 298 papers > 20: the page itself only links the years
    page.select_option("#reading-filter-tag", tag_slugs[TAG])
    wanted = expected(records, tag=TAG)
    assert len(wanted) > 3 * PAGE_SIZE
    assert sorted(shown(page)) == sorted(wanted)
    assert status_text(page) == f"{len(wanted)} of {len(records)} papers match tag {TAG}."
    assert page.locator(".md-content h2").first.is_hidden()  # the page's own listing steps aside
    dates = [record["date"] for slug in shown(page) for record in records if record["slug"] == slug and record["date"]]
    assert dates == sorted(dates, reverse=True)  # newest first, like the listings


def test_filters_combine_and_each_option_counts_what_it_would_leave(watched: Page, site, records, tag_slugs) -> None:
    page = watched
    tagged = [record for record in records if TAG in record["tags"]]
    year = busiest([str(record["year"] or "unknown") for record in tagged])
    collection = busiest([source["collection"] for record in tagged if str(record["year"] or "unknown") == year
                          for source in record["sources"]])
    open_listing(page, f"{site[0]}/papers/")
    page.select_option("#reading-filter-tag", tag_slugs[TAG])
    page.select_option("#reading-filter-year", year)
    both = expected(records, tag=TAG, year=year)
    assert sorted(shown(page)) == sorted(both) and both < expected(records, tag=TAG)
    page.select_option("#reading-filter-collection", collection)
    all_three = expected(records, tag=TAG, year=year, collection=collection)
    assert sorted(shown(page)) == sorted(all_three)
    options = page.locator("#reading-filter-year option").evaluate_all(
        "options => options.map(o => [o.value, o.textContent, o.disabled])")
    assert len(options) > 5
    for value, text, disabled in options[1:]:  # after "Any year": what each year would leave with the others kept
        count = len(expected(records, tag=TAG, year=value, collection=collection))
        assert text == f"{value if value != 'unknown' else 'Year unknown'} ({count})"
        assert disabled == (count == 0 and value != year)
    assert options[0][1] == f"Any year ({len(expected(records, tag=TAG, collection=collection))})"
    page.goto(f"{site[0]}/papers/?status=read")
    page.wait_for_selector(".reading-filters[data-state=ready]")
    assert sorted(shown(page)) == sorted(expected(records, status="read")) and len(shown(page)) == 3


def test_clearing_restores_the_full_listing(watched: Page, site, records, tag_slugs) -> None:
    page = watched
    open_listing(page, f"{site[0]}/tags/{tag_slugs[TAG]}/")
    own = listed(page)
    assert len(own) == PAGE_SIZE
    pager = page.locator(".md-content p", has_text="Pages:")
    expect(pager).to_be_visible()
    page.select_option("#reading-filter-year", busiest([str(r["year"]) for r in records if TAG in r["tags"]]))
    assert listed(page) == [] and pager.is_hidden()
    page.get_by_role("button", name="Clear filters").click()
    assert page.locator(".reading-filters__results").is_hidden()
    assert listed(page) == own and pager.is_visible()
    assert "?" not in page.url
    assert status_text(page).startswith("Filters cleared. All ")


def test_a_filtered_view_survives_a_reload_and_back_and_forward(watched: Page, site, records, tag_slugs) -> None:
    page = watched
    page.goto(site[0])
    page.evaluate("window.__same_document = true")  # instant navigation keeps this document
    page.locator(".md-tabs a", has_text="All papers").click()
    page.wait_for_selector(".reading-filters[data-state=ready]")  # set up after an instant navigation too
    assert page.evaluate("window.__same_document") is True
    year = busiest([str(r["year"] or "unknown") for r in records if TAG in r["tags"]])
    page.select_option("#reading-filter-tag", tag_slugs[TAG])
    page.select_option("#reading-filter-year", year)
    assert page.url == f"{site[0]}/papers/?tag={tag_slugs[TAG]}&year={year}"
    wanted = sorted(expected(records, tag=TAG, year=year))
    page.reload()
    page.wait_for_selector(".reading-filters[data-state=ready]")
    assert page.locator("#reading-filter-tag").input_value() == tag_slugs[TAG]
    assert sorted(shown(page)) == wanted
    first = shown(page)[0]
    page.evaluate("window.__same_document = true")
    page.locator(".reading-filters__results a").first.click()
    page.wait_for_url(f"{site[0]}/papers/{first}/")
    page.go_back()
    page.wait_for_url(f"{site[0]}/papers/?tag={tag_slugs[TAG]}&year={year}")
    page.wait_for_selector(".reading-filters[data-state=ready]")
    assert sorted(shown(page)) == wanted
    assert page.evaluate("window.__same_document") is True
    page.go_forward()
    page.wait_for_url(f"{site[0]}/papers/{first}/")


def test_a_later_page_of_a_listing_filters_the_whole_listing(watched: Page, site, records, tag_slugs) -> None:
    page = watched
    open_listing(page, f"{site[0]}/tags/{tag_slugs[TAG]}-2/")
    here = set(listed(page))
    year = busiest([str(r["year"] or "unknown") for r in records if TAG in r["tags"]])
    page.select_option("#reading-filter-year", year)
    wanted = expected(records, tag=TAG, year=year)
    assert sorted(shown(page)) == sorted(wanted)
    assert wanted - here, "some matches are on other pages of the listing"
    assert page.locator(f"#reading-filter-tag option[value='{tag_slugs[TAG]}']").count() == 0  # the page's own tag


def test_a_year_page_filters_by_tag_and_has_no_year_filter(watched: Page, site, records, tag_slugs) -> None:
    page = watched
    year = busiest([str(r["year"] or "unknown") for r in records])
    open_listing(page, f"{site[0]}/years/{year}/")
    assert page.locator("#reading-filter-year").count() == 0
    tag = busiest([tag for r in records if str(r["year"] or "unknown") == year for tag in r["tags"]])
    page.select_option("#reading-filter-tag", tag_slugs[tag])
    assert sorted(shown(page)) == sorted(expected(records, tag=tag, year=year))


def test_keyboard_only(watched: Page, site, records, tag_slugs) -> None:
    page = watched
    open_listing(page, f"{site[0]}/tags/{tag_slugs[TAG]}/")
    page.locator(".md-content h1").click(position={"x": 5, "y": 5})  # Tab goes on from here
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "reading-filter-tag":
            break
    assert page.evaluate("document.activeElement.id") == "reading-filter-tag"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "reading-filter-year"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "keyboard focus shows"
    live = page.locator(".reading-filters__status")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
    before = live.inner_text()
    page.keyboard.press("ArrowDown")
    year = page.locator("#reading-filter-year").input_value()
    assert year, "the arrow key chose a year"
    wanted = expected(records, tag=TAG, year=year)
    assert sorted(shown(page)) == sorted(wanted)
    assert live.inner_text() != before and live.inner_text().startswith(f"{len(wanted)} of ")
    assert page.locator("label[for=reading-filter-year]").inner_text() == "Year"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Clear filters":
            break
    page.keyboard.press("Enter")
    assert page.locator("#reading-filter-year").input_value() == ""
    assert len(listed(page)) == PAGE_SIZE and page.locator(".reading-filters__results").is_hidden()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")
    page.screenshot(path=str(SCREENSHOTS / "filters.png"))


def test_a_hostile_title_shows_as_text(watched: Page, site, records, tag_slugs) -> None:
    page = watched
    alerts = watch_for_scripts(page)
    open_listing(page, f"{site[0]}/papers/")
    option = page.locator(f"#reading-filter-tag option[value='{tag_slugs[HOSTILE_TAG]}']")
    assert option.inner_text() == f"{HOSTILE_TAG} (1)"
    page.select_option("#reading-filter-tag", tag_slugs[HOSTILE_TAG])
    results = page.locator(".reading-filters__results")
    assert results.locator("li > a").inner_text() == TITLE
    assert "<img src=x onerror=alert(1)>" in results.inner_text()
    assert results.locator("script, img, b, iframe").count() == 0
    assert status_text(page) == f"1 of {len(records)} papers match tag {HOSTILE_TAG}."
    assert page.evaluate("window.__injected") == [] and alerts == []


def test_without_javascript_the_listing_is_as_it_was(browser: Browser, site, tag_slugs) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site[0]}/tags/{tag_slugs[TAG]}/")
        assert page.locator(".reading-filters").is_hidden()
        assert page.locator(".reading-filters *").count() == 0
        assert len(listed(page)) == PAGE_SIZE
        expect(page.locator(".md-content p", has_text="Pages:")).to_be_visible()
    finally:
        context.close()
