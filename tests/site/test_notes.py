"""The reader's notes render as Markdown, and nothing in them can run script or load foreign content."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.notes import render_notes, sanitise
from tests.conftest import copy_project

HOSTILE_NOTES = [
    pytest.param("<script>alert(1)</script>", id="script-tag"),
    pytest.param('<img src=x onerror="alert(1)">', id="img-onerror"),
    pytest.param("[click](javascript:alert(1))", id="javascript-link"),
    pytest.param("[click](&#106;avascript:alert(1))", id="javascript-link-as-character-reference"),
    pytest.param("[click](JaVaScRiPt:alert(1))", id="javascript-link-mixed-case"),
    pytest.param("[click](data:text/html,<script>alert(1)</script>)", id="data-url"),
    pytest.param("![x](https://tracker.example/pixel.png)", id="remote-image"),
    pytest.param('[a](https://ok.example "t"){: onclick="alert(1)"}', id="attr-list-handler"),
    pytest.param("<div onclick=alert(1)>\n\ntext\n\n</div>", id="html-block"),
    pytest.param("<iframe src=https://evil.example></iframe>", id="iframe"),
    pytest.param("<a href=javascript:alert(1)>x</a>", id="raw-anchor"),
    pytest.param("<!-- material/tags -->", id="material-tags-marker"),
    pytest.param("```\n</code></pre><script>alert(1)</script>\n```", id="fenced-code-breakout"),
    pytest.param("<style>body{display:none}</style>", id="style-tag"),
]
SAFE_TAGS = {"div", "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "del",
             "table", "thead", "tbody", "tr", "th", "td", "h3", "h4", "h5", "h6"}


class _Markup(HTMLParser):
    """Every tag, attribute and comment of an HTML fragment, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def assert_inert(fragment: str) -> None:
    """Only plain document tags; no attribute but http(s) links and the classes we write."""
    markup = _Markup()
    markup.feed(fragment)
    assert markup.comments == []
    for tag, attrs in markup.tags:
        assert tag in SAFE_TAGS, fragment
        allowed = {"a": {"href"}, "code": {"class"}, "div": {"class"}}.get(tag, set())
        assert set(attrs) <= allowed, fragment
        assert re.match(r"https?://", attrs.get("href") or "https://"), fragment


@pytest.mark.parametrize("notes", HOSTILE_NOTES)
def test_hostile_notes_render_inert(notes: str) -> None:
    rendered = render_notes(notes)
    assert rendered.startswith('<div class="reader-notes">\n') and rendered.endswith("\n</div>")
    assert_inert(rendered)


def test_raw_html_in_notes_shows_as_text() -> None:
    assert render_notes("a <b>bold</b> claim") == '<div class="reader-notes">\n<p>a &lt;b&gt;bold&lt;/b&gt; claim</p>\n</div>'


def test_notes_are_markdown() -> None:
    rendered = render_notes("# Idea\n\n*one* **two** `three`\n\n- [link](https://example.org/a?b=1&c=2)\n\n"
                            "```python\nx = 1\n\ny = 2\n```")
    assert rendered == (
        '<div class="reader-notes">\n<h3>Idea</h3>\n<p><em>one</em> <strong>two</strong> <code>three</code></p>\n'
        '<ul>\n<li><a href="https://example.org/a?b=1&amp;c=2">link</a></li>\n</ul>\n'
        '<pre><code class="language-python">x = 1\n\ny = 2\n</code></pre>\n</div>')


def test_an_image_becomes_a_link_to_it() -> None:
    assert render_notes("![the figure](https://example.org/f.png)") == (
        '<div class="reader-notes">\n<p><a href="https://example.org/f.png">the figure</a></p>\n</div>')


@pytest.mark.parametrize(("fragment", "expected"), [
    pytest.param('<p onclick="x">a</p>', "<p>a</p>", id="attribute-dropped"),
    pytest.param("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>", id="script-dropped-with-its-content"),
    pytest.param("<span>a</span>", "a", id="unknown-tag-unwrapped"),
    pytest.param('<a href="javascript:x">a</a>', "a", id="unsafe-link-unwrapped"),
    pytest.param("<em>open", "<em>open</em>", id="unclosed-tag-closed"),
    pytest.param('<code class="language-x onclick">a</code>', "<code>a</code>", id="odd-class-dropped"),
    pytest.param("<h1>a</h1><h5>b</h5>", "<h3>a</h3><h6>b</h6>", id="headings-moved-down"),
])
def test_sanitise_keeps_only_the_allowlist(fragment: str, expected: str) -> None:
    assert sanitise(fragment) == expected


@pytest.fixture(scope="module")
def built_notes_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The HTML MkDocs makes of a paper page whose notes hold every hostile case."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    notes = "\n\n".join(str(case.values[0]) for case in HOSTILE_NOTES) + "\n\n**kept** <https://example.org>"
    indented = "\n".join(f"    {line}" if line else "" for line in notes.split("\n"))
    (project / "seeds/annotations.yml").write_text(f"fast-r-cnn:\n  status: read\n  notes: |\n{indented}\n",
                                                   encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    assert result.returncode == 0, result.stderr
    return (project / "site/papers/fast-r-cnn/index.html").read_text(encoding="utf-8")


def test_mkdocs_passes_the_notes_through_and_they_stay_inert(built_notes_page: str) -> None:
    start = built_notes_page.index('<div class="reader-notes">')
    notes = built_notes_page[start:built_notes_page.index("</div>", start)]
    assert "<strong>kept</strong>" in notes and '<a href="https://example.org">https://example.org</a>' in notes
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in notes
    assert_inert(notes)


@pytest.mark.parametrize("fragment", ['<img src="x">', '<a href="javascript:x">a</a>', '<p onclick="x">a</p>',
                                      "<!-- material/tags -->", '<a href="data:text/html,x">a</a>'])
def test_the_inertness_check_itself_catches_markup(fragment: str) -> None:
    with pytest.raises(AssertionError):
        assert_inert(fragment)
