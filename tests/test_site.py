"""`mkdocs build --strict` runs the generator as a plugin and makes an offline, searchable site."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import copy_project
from tests.page_text import page_tokens


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert "not included in the \"nav\"" not in result.stderr  # mkdocs.yml's not_in_nav: no page listed
    (project / "build.log").write_text(result.stderr, encoding="utf-8")
    return project / "site"


def mkdocs_build(project: Path, *args: str, strict: bool = True, site_url: str | None = None,
                 config_file: str = "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    # A fixed SOURCE_DATE_EPOCH pins the one date MkDocs writes (the sitemap's lastmod).
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    environment.pop("READING_LIST_WORKERS", None)
    environment.pop("SITE_URL", None)
    if site_url:
        environment["SITE_URL"] = site_url  # mkdocs.yml reads its site_url from here
    command = [sys.executable, "-m", "mkdocs", "build", "-f", config_file, *(["--strict"] if strict else []), *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment)


def contents(folder: Path) -> dict[Path, bytes]:
    return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def assert_same_files(first: dict[Path, bytes], second: dict[Path, bytes]) -> None:
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_two_builds_give_a_byte_identical_site(built_site: Path) -> None:
    project = built_site.parent
    assert mkdocs_build(project, "--site-dir", "site-again").returncode == 0
    assert_same_files(contents(built_site), contents(project / "site-again"))


def through_python_markdown(project: Path) -> str:
    """A copy of the project's mkdocs.yml with `html: false`: MkDocs converts the generated Markdown itself."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    changed = text.replace("      search: material\n", "      search: material\n      html: false\n")
    assert changed != text
    (project / "mkdocs-markdown.yml").write_text(changed, encoding="utf-8")
    return "mkdocs-markdown.yml"


@pytest.fixture(scope="module")
def markdown_site(built_site: Path) -> Path:
    """The same project built with MkDocs converting the Markdown pages (Python-Markdown, its toc, Material's search parse)."""
    project = built_site.parent
    result = mkdocs_build(project, "--site-dir", "site-markdown", config_file=through_python_markdown(project))
    assert result.returncode == 0, result.stderr
    return project / "site-markdown"


def test_the_generators_html_says_what_python_markdown_makes_of_the_markdown(built_site: Path,
                                                                            markdown_site: Path) -> None:
    """Every page, whole (text, links, anchors, toc, buttons, copy blocks, head), as a reader gets it."""
    pages = sorted(path.relative_to(built_site) for path in built_site.rglob("*.html"))
    assert len(pages) > 400
    different = [str(page) for page in pages
                 if page_tokens((built_site / page).read_text(encoding="utf-8"))
                 != page_tokens((markdown_site / page).read_text(encoding="utf-8"))]
    assert different == []
    assert sorted(path.relative_to(markdown_site) for path in markdown_site.rglob("*.html")) == pages


def test_the_generators_search_entries_are_those_material_makes(built_site: Path, markdown_site: Path) -> None:
    def entries(site: Path) -> list[dict[str, object]]:
        index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
        return [{key: " ".join(value.split()) if isinstance(value, str) else value for key, value in entry.items()}
                for entry in index["docs"]]

    generated = entries(built_site)
    assert len(generated) > 600
    assert generated == entries(markdown_site)


def test_every_paper_has_an_html_page(built_site: Path) -> None:
    records = json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))["papers"]
    for record in records:
        assert (built_site / "papers" / record["slug"] / "index.html").exists()


def test_no_asset_comes_from_another_origin(built_site: Path) -> None:
    external = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*(?:src|href)=["']?(?:https?:)?//""", re.I)
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not external.search(text), f"{page} loads an asset from another origin"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


class _NavLinks(HTMLParser):
    """The links inside the page's <nav> elements (the home page's own text links to papers)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag == "nav"
        href = dict(attrs).get("href")
        if self.depth and tag == "a" and href and not href.startswith("#"):
            self.links.add(href)

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "nav" and self.depth > 0


def test_paper_pages_stay_out_of_the_navigation(built_site: Path) -> None:
    parser = _NavLinks()
    parser.feed((built_site / "index.html").read_text(encoding="utf-8"))
    links = parser.links
    assert {"collections/", "papers/", "tags/", "about/", "reading/"} <= links
    assert [link for link in links if link.startswith("papers/") and link != "papers/"] == []


def test_search_index_has_paper_titles_and_authors(built_site: Path) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    assert "Codebook Features: Sparse and Discrete Interpretability for Neural Networks" in titles
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("papers/fast-r-cnn/"))
    assert "Ross Girshick" in text


class _Anchors(HTMLParser):
    """The ids a page defines and the links and assets it points to."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        target = values.get("href") if tag in ("a", "link") else values.get("src") if tag in ("script", "img") else None
        if target:
            self.targets.append(target)


def broken_links(site: Path) -> list[str]:
    """Every link or asset of the site's pages that points into the site and finds nothing there.

    A link to a page's fragment (`page/#bibtex`) must also find that id on the page.
    """
    pages: dict[Path, _Anchors] = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Anchors()
        parser.feed(page.read_text(encoding="utf-8"))
        pages[page] = parser
    broken = []
    for page, parser in pages.items():
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                continue  # another origin (a paper's arXiv page): not ours to check
            folder = site if parts.path.startswith("/") else page.parent  # 404.html links from the root
            path = (folder / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file() or not path.resolve().is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)}: {target}")
            elif parts.fragment and path in pages and unquote(parts.fragment) not in pages[path].ids:
                broken.append(f"{page.relative_to(site)}: {target} (no such id)")
    return broken


def test_every_internal_link_of_the_site_resolves(built_site: Path) -> None:
    assert len(list(built_site.rglob("*.html"))) > 298
    assert broken_links(built_site) == []


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    (tmp_path / "papers/a").mkdir(parents=True)
    (tmp_path / "papers/a/index.html").write_text('<h2 id="bibtex">B</h2><a href="../b/">b</a>'
                                                  '<a href="#bibtex">ok</a><a href="#nope">x</a>'
                                                  '<a href="https://arxiv.org/">arXiv</a>')
    assert broken_links(tmp_path) == ["papers/a/index.html: ../b/", "papers/a/index.html: #nope (no such id)"]


def test_search_index_has_the_bibtex_key_outside_the_bibtex_block(built_site: Path) -> None:
    records = json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))["papers"]
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    text = {doc["location"]: doc["text"] for doc in index["docs"]}
    for record in records:
        assert record["bibtex_key"] in text[f"papers/{record['slug']}/"], record["slug"]


def test_search_index_holds_papers_not_listings_or_repeated_sections(built_site: Path) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert "papers/fast-r-cnn/" in locations and "papers/fast-r-cnn/#abstract" in locations
    for listing in ("authors/", "years/", "tags/", "reading/", "missing-metadata/", "bib/"):
        assert not [location for location in locations if location.startswith(listing)], listing
    for repeated in ("#related-papers", "#bibtex", "#details"):
        assert not [location for location in locations if location.endswith(repeated)], repeated
