"""filters.json: every paper once with its facets and listing line, the same bytes every build, seed text as data."""

from __future__ import annotations

import html
import json
import random
import re
from pathlib import Path

import pytest

from generator.build import build, load_library, render_site
from generator.config import BuildConfig
from generator.library import Library
from generator.site import filters
from generator.site.render import Renderer, SiteInfo
from tests.conftest import PROJECT, bundled_config, copy_project
from tests.site.test_hostile import HOSTILE_SEED, TITLE


@pytest.fixture(scope="module")
def site(bundled_library: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return render_site(bundled_library, bundled_config(tmp_path_factory.mktemp("filters")))


@pytest.fixture(scope="module")
def data(site: dict[str, str]) -> dict:
    return json.loads(site["filters.json"])


def rows(data: dict) -> list[dict]:
    """The papers of filters.json as dicts, by the field names the file itself declares, slugs expanded."""
    papers = [dict(zip(data["fields"], row)) for row in data["papers"]]
    for paper in papers:
        paper["slug"] = expand(paper["slug"], paper["title"], data["slug_length"])
    return papers


def expand(stored: str, title: str, length: int) -> str:
    """A row's slug as filters.js rebuilds it (the rule short_slug's docstring states)."""
    if stored and not stored.startswith("-"):
        return stored
    words = "-".join(re.findall(r"[a-z0-9]+", title.lower()))
    return words if not stored else words[:length].rsplit("-", 1)[0] + stored


def catalog(site: dict[str, str]) -> dict[str, dict]:
    return {record["slug"]: record for record in json.loads(site["catalog.json"])["papers"]}


def test_every_paper_once_with_what_its_filters_match(site: dict[str, str], data: dict) -> None:
    records = catalog(site)
    papers = rows(data)
    assert sorted(paper["slug"] for paper in papers) == sorted(records)
    tag_names = [name for name, _, _ in data["tags"]]
    collections = [name for name, _ in data["collections"]]
    statuses = [status for status, _ in data["statuses"]]
    for paper in papers:
        record = records[paper["slug"]]
        assert paper["title"] == record["title"]
        assert paper["year"] == record["year"]
        assert paper["date"] == (record["date"] or "")
        assert paper["venue"] == (record["venue"] or "")
        assert [tag_names[index] for index in paper["tags"]] == record["tags"]
        assert {collections[index] for index in paper["collections"]} == {s["collection"] for s in record["sources"]}
        status = (record["annotation"] or {}).get("status")
        assert (statuses[paper["status"]] if paper["status"] is not None else None) == status
    assert sum(paper["status"] is not None for paper in papers) == 7  # the bundled annotations.yml's statuses


def test_the_tables_name_what_the_pages_show(site: dict[str, str], data: dict) -> None:
    assert data["format"] == filters.FORMAT and data["paper_url"] == "papers/{slug}/"
    for name, slug, kind in data["tags"]:
        assert f"tags/{slug}.md" in site and kind in ("topic", "category", "hand")
        assert f"\n# {name}\n" in html.unescape(site[f"tags/{slug}.md"])
    assert [name for name, _ in data["collections"]] == [
        path.removeprefix("collections/").removesuffix(".md") for path in site
        if path.startswith("collections/") and path.endswith(".md") and path != "collections/index.md"]
    assert data["statuses"] == [["to-read", "To read"], ["reading", "Reading"], ["read", "Read"]]


def test_a_line_says_what_the_listing_line_says(site: dict[str, str], data: dict) -> None:
    """Date, first three authors then "et al.", venue: as paper_line.md.j2 writes them on the year pages."""
    line_of = {}
    for path, text in site.items():
        if path.startswith("years/") and path != "years/index.md":
            for slug, rest in re.findall(r"^- \[.*?\]\(\.\./papers/(.+?)\.md\)(.*)$", text, re.M):
                line_of[slug] = html.unescape(rest)
    assert len(line_of) == len(data["papers"])
    for paper in rows(data):
        details = [paper["date"] or str(paper["year"] or ""), paper["authors"], paper["venue"]]
        expected = "".join(f" · {detail}" for detail in details if detail)
        assert line_of[paper["slug"]] == expected, paper["slug"]
    assert any(paper["authors"].endswith(" et al.") for paper in rows(data))


def test_papers_come_in_the_order_the_listings_show_them(site: dict[str, str], data: dict) -> None:
    """Newest first, as on each year's page: the script keeps the file's order."""
    by_year: dict[str, list[str]] = {}
    for paper in rows(data):
        by_year.setdefault(str(paper["year"] or "unknown"), []).append(paper["slug"])
    for year, slugs in by_year.items():
        assert re.findall(r"\]\(\.\./papers/(.+?)\.md\)", site[f"years/{year}.md"]) == slugs
    dates = [paper["date"] for paper in rows(data)]
    dated = [date for date in dates if date]
    assert dated == sorted(dated, reverse=True) and dates[:len(dated)] == dated  # the undated come last


def test_listing_pages_carry_the_filter_box_in_both_template_sets(site: dict[str, str], data: dict) -> None:
    tag_slug = data["tags"][0][1]
    for page, scope in (("papers/index.md", "all"), (f"tags/{tag_slug}.md", f"tag:{tag_slug}"),
                        ("years/2022.md", "year:2022"), ("years/unknown.md", "year:unknown")):
        box = f'<div class="reading-filters" data-scope="{scope}" hidden></div>'
        assert f"\n\n{box}\n\n" in site[page]
        assert box in json.loads(site[f".rendered/{page.removesuffix('.md')}.json"])["content"]
    assert "reading-filters" not in site["tags/index.md"] + site["years/index.md"] + site["index.md"]


def test_same_library_same_bytes_whatever_the_order_it_was_read_in(bundled_library: Library, site: dict[str, str]) -> None:
    again = load_library(bundled_config())
    random.Random(4).shuffle(again.papers)
    renderer = Renderer(PROJECT / "site_templates", again, SiteInfo("Test list", ""))
    assert filters.filters_json(renderer.library, renderer.tags, renderer.directory_urls) == site["filters.json"]


def test_without_directory_urls_papers_are_html_files(bundled_library: Library) -> None:
    renderer = Renderer(PROJECT / "site_templates", bundled_library, SiteInfo("x", ""), directory_urls=False)
    assert json.loads(filters.filters_json(renderer.library, renderer.tags, renderer.directory_urls))["paper_url"] == "papers/{slug}.html"


def test_hostile_seed_text_stays_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "seeds/hostile.yml").write_text(HOSTILE_SEED, encoding="utf-8")
    config = BuildConfig(project / "seeds", project / "docs", project / "site_templates", "Test list")
    build(config)
    data = json.loads((project / "docs/filters.json").read_text(encoding="utf-8"))
    paper = next(paper for paper in rows(data) if paper["slug"] == "script-alert-title-script-bold-7-7-raw")
    assert paper["title"] == TITLE
    assert paper["authors"] == "<img src=x onerror=alert(1)>, [x](javascript:alert(2))"
    assert paper["venue"] == "</title><script>alert(6)</script>"
    tags = {name: slug for name, slug, _ in data["tags"]}
    assert {"<b>tag</b>", "{{ tag }}"} <= {data["tags"][index][0] for index in paper["tags"]}
    assert re.fullmatch(r"[a-z0-9-]+", tags["<b>tag</b>"])  # slugs, the page's data-scope, are plain


def test_written_like_every_generated_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    config = BuildConfig(project / "seeds", project / "docs", project / "site_templates", "Test list")
    assert filters.FILTERS_FILE in build(config, use_cache=False).written.written
    assert filters.FILTERS_FILE not in build(config, use_cache=False).written.written  # unchanged: not rewritten
    (project / "seeds/annotations.yml").write_text("", encoding="utf-8")
    assert filters.FILTERS_FILE in build(config, use_cache=False).written.written
    data = json.loads((project / "docs/filters.json").read_text(encoding="utf-8"))
    assert all(paper["status"] is None for paper in rows(data))


def test_most_slugs_are_rebuilt_from_the_title(data: dict) -> None:
    stored = [row[data["fields"].index("slug")] for row in data["papers"]]
    assert sum(slug == "" for slug in stored) > 150 and sum(slug.startswith("-") for slug in stored) > 50
    assert filters.short_slug("u-net-2", "U-Net") == "u-net-2"  # told apart from another "U-Net": whole
    assert filters.short_slug("ecoles", "Écoles") == "ecoles"  # not ASCII: whole
    assert filters.short_slug("untitled", "???") == "untitled"
    long = "word " * 30
    assert filters.short_slug("word-" * 15 + "word-abc123", long) == "-abc123"
    assert filters.short_slug("word-" * 15 + "word-abc123-2", long) == "word-" * 15 + "word-abc123-2"


@pytest.mark.parametrize("scope", ["all", "tag:transfer-learning", "year:2024", "year:unknown"])
def test_a_filter_scope_is_kept(scope: str) -> None:
    assert filters.filter_scope(scope) == scope


@pytest.mark.parametrize("scope", ["", "tag:", 'tag:x" onload="alert(1)', "tag:<b>", "author:x", "all "])
def test_anything_else_is_refused(scope: str) -> None:
    with pytest.raises(ValueError, match="not a filter scope"):
        filters.filter_scope(scope)
