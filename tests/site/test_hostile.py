"""Hostile seed text through the whole build: it shows as literal text and nothing of it runs."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.test_site import mkdocs_build

TITLE = "<script>alert('title')</script> *bold* {{ 7*7 }} {% raw %}"
ABSTRACT = ("<iframe src=javascript:alert(3)></iframe> !!! note | a | b | <!-- material/tags --> "
            "--8<-- 'x' # head --- [x](javascript:alert(7))")
HOSTILE_SEED = f"""papers:
  - title: {json.dumps(TITLE)}
    authors: ["<img src=x onerror=alert(1)>", "[x](javascript:alert(2))"]
    abstract: {json.dumps(ABSTRACT)}
    url: "javascript:alert(4)"
    code: "https://example.org/\\"><script>alert(5)</script>"
    tags: ["<b>tag</b>", "{{{{ tag }}}}"]
    venue: "</title><script>alert(6)</script>"
"""


class PageScan(HTMLParser):
    """Collects what could run (scripts, handlers, javascript: URLs, frames) and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self.text: list[str] = []
        self.h1: list[str] = []
        self._in_script = self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # JSON-LD is data the browser never runs (test_hostile_in_browser proves it parses whole)
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"
        self._in_h1 = self._in_h1 or tag == "h1"
        if tag in ("iframe", "img") and any("alert" in (value or "") or name.startswith("on") for name, value in attrs):
            self.dangers.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.dangers.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script
        self._in_h1 = False if tag == "h1" else self._in_h1

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert" in data:
            self.dangers.append(f"script: {data[:60]}")
        self.text.append(data)
        if self._in_h1:
            self.h1.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    (project / "seeds/hostile.yml").write_text(HOSTILE_SEED, encoding="utf-8")
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0, result.stderr
    assert "hostile.yml:5: warning: url 'javascript:alert(4)' is not an http(s) URL; ignored" in result.stderr
    return project / "site"


def scan(page: Path) -> PageScan:
    parser = PageScan()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_nothing_from_the_seed_can_run_on_any_page(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        assert scan(page).dangers == [], page


def test_the_hostile_text_shows_literally(hostile_site: Path) -> None:
    page = scan(hostile_site / "papers/script-alert-title-script-bold-7-7-raw/index.html")
    assert "".join(page.h1).replace("¶", "").strip() == TITLE
    text = " ".join(page.text)
    assert ABSTRACT in text
    assert "<img src=x onerror=alert(1)>" in text and "[x](javascript:alert(2))" in text
    assert "</title><script>alert(6)</script>" in text


def test_non_http_urls_do_not_become_links(hostile_site: Path) -> None:
    html = (hostile_site / "papers/script-alert-title-script-bold-7-7-raw/index.html").read_text(encoding="utf-8")
    assert "javascript:alert(4)" not in html  # reported and dropped by the reader
    # the quote that would close the attribute is a character reference (&quot; or &#34;): the URL stays one value
    assert re.search(r'href="https://example.org/(&quot;|&#34;)&gt;&lt;script&gt;alert\(5\)&lt;/script&gt;"', html)


def test_search_index_keeps_the_title_as_escaped_text(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"] if doc["location"].startswith("papers/script-alert")]
    assert "&lt;script&gt;alert('title')&lt;/script&gt; *bold* {{ 7*7 }} {% raw %}" in titles
