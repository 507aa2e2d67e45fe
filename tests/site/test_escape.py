"""Seed text is data: whatever syntax it holds, it renders as the same literal text."""

from __future__ import annotations

import html

import markdown
import pytest

from generator.site.escape import external_link, html_text, markdown_text, safe_url

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "*bold* _em_ `code` **strong**",
    "[click](javascript:alert(1))",
    "{{ 7 * 7 }} {% if true %}x{% endif %}",
    "<!-- material/tags -->",
    "!!! note \"Admonition\"",
    "# Not a heading",
    "--- not a rule",
    "--8<-- \"secret.txt\"",
    "| a | b |",
    "1. not a list",
    "$x^2$ & 50% #hash ~tilde~ ^sup^",
    "a\\\\b \\*",
]


def rendered_text(markdown_source: str) -> str:
    """What a reader sees: the HTML Python-Markdown makes, tags stripped, entities decoded."""
    output = markdown.markdown(markdown_source, extensions=["attr_list", "tables", "pymdownx.superfences"])
    assert output.startswith("<p>") and output.endswith("</p>")
    inner = output[len("<p>"):-len("</p>")]
    assert "<" not in inner, f"markup leaked into the page: {inner}"
    return html.unescape(inner)


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_renders_as_the_literal_text(text: str) -> None:
    assert rendered_text(markdown_text(text)) == text


def test_html_text_escapes_quotes_for_attributes() -> None:
    assert html_text('"><script>') == "&quot;&gt;&lt;script&gt;"


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a?b=c", "https://example.org/a?b=c"),
    ("http://arxiv.org/abs/1", "http://arxiv.org/abs/1"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    ("data:text/html,<script>", None),
    ("//evil.example/x", None),
    ("https://", None),
    ("", None),
])
def test_only_http_urls_become_links(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_external_link_escapes_the_url_and_the_label() -> None:
    link = str(external_link("<b>PDF</b>", 'https://example.org/"onmouseover="x'))
    assert link.startswith('<a href="https://example.org/&quot;onmouseover=&quot;x">')
    assert "<b>" not in link
    assert str(external_link("PDF", "javascript:alert(1)")) == "PDF"


def test_external_link_as_a_button_keeps_only_http_urls() -> None:
    assert str(external_link("Code", "https://github.com/x/y", "md-button")) == (
        '<a href="https://github.com/x/y" class="md-button">Code</a>')
    assert str(external_link("Code", "javascript:alert(1)", "md-button")) == "Code"
