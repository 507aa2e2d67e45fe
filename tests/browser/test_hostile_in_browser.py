"""A browser proves that no script injected through seed text runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from bench.search_in_browser import served
from tests.browser.conftest import build_site
from tests.conftest import copy_project
from tests.site.test_hostile import HOSTILE_SEED, TITLE


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # The hostile seed carries a reported problem (a javascript: URL), so it is built without --strict.
    project = copy_project(tmp_path_factory.mktemp("hostile-browser"))
    (project / "seeds/hostile.yml").write_text(HOSTILE_SEED, encoding="utf-8")
    (project / "seeds/annotations.yml").write_text(HOSTILE_NOTES, encoding="utf-8")
    with served(build_site(project, strict=False)) as url:
        yield url


# The owner's notes are Markdown, but still may not run anything.
HOSTILE_NOTES = """script-alert-title-script-bold-7-7-raw:
  status: to-read
  summary: "<script>alert('summary')</script>"
  notes: |
    <script>alert('notes')</script> <img src=x onerror="alert('img')">
    [click](javascript:alert('link')) ![pixel](https://tracker.example/p.png)
"""


def watch_for_scripts(page: Page) -> list[str]:
    """Record every dialog and every call of the `alert` the injected code would make."""
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    page.add_init_script("window.__injected = []; window.alert = (m) => window.__injected.push(String(m));")
    return seen


def test_no_injected_script_runs_on_the_paper_page(page: Page, hostile_url: str) -> None:
    dialogs = watch_for_scripts(page)
    page.goto(f"{hostile_url}/papers/script-alert-title-script-bold-7-7-raw/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__injected") == []
    assert dialogs == []
    assert page.locator("h1").first.inner_text().replace("¶", "").strip() == TITLE
    assert page.locator("iframe").count() == 0
    assert page.locator("img[src*='tracker.example']").count() == 0  # nothing loads from elsewhere


def test_no_injected_script_runs_from_search_results(page: Page, hostile_url: str) -> None:
    dialogs = watch_for_scripts(page)
    page.goto(hostile_url)
    page.locator(".md-search__input").first.click()
    page.keyboard.type("alert")  # typed key by key: Material's search listens to keyboard events
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert any("<script>alert('title')</script>" in title for title in titles), titles
    assert page.evaluate("window.__injected") == []
    assert dialogs == []


def test_the_heads_tags_for_indexers_hold_the_hostile_title_as_text(page: Page, hostile_url: str) -> None:
    dialogs = watch_for_scripts(page)
    page.goto(f"{hostile_url}/papers/script-alert-title-script-bold-7-7-raw/")
    assert page.evaluate("document.querySelector('meta[name=citation_title]').content") == TITLE
    record = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert record["name"] == TITLE
    assert page.evaluate("document.head.querySelectorAll('script:not([type])').length") == 1  # Material's own, only
    assert page.evaluate("window.__injected") == [] and dialogs == []
