"""The generator's HTML pages: links as MkDocs writes them, headings as the toc extension makes them."""

from __future__ import annotations

import json
import posixpath

import markdown
import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from generator.site.html_pages import Headings, relative_link, rendered_json, search_text

PAGES = ["index.md", "papers/index.md", "papers/fast-r-cnn.md", "tags/segmentation-2.md", "missing-metadata.md",
         "bib/index.md", "authors/s.md"]
TARGETS = ["../authors/s.md#jane-doe", "s.md", "fast-r-cnn.md", "index.md", "../bib/papers/x.bib", "papers/index.md", "x.md", "../index.md",
           "reading/to-read.md", "#bibtex", "bib/reading-list.bib"]


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "file-urls"])
@pytest.mark.parametrize("page", PAGES)
def test_links_are_the_urls_mkdocs_would_write(page: str, directory_urls: bool) -> None:
    source = File(page, "docs", "site", directory_urls)
    for target in TARGETS:
        path, _, fragment = target.partition("#")
        if not path:
            assert relative_link(page, target, directory_urls) == target
            continue
        linked = File(_resolve(page, path), "docs", "site", directory_urls)
        expected = get_relative_url(linked.url, source.url) + (f"#{fragment}" if fragment else "")
        assert relative_link(page, target, directory_urls) == expected, (page, target)


def _resolve(page: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def test_headings_get_the_ids_and_toc_of_python_markdowns_toc_extension() -> None:
    source = "# Fast R-CNN: *10x*\n\n## Abstract\n\n### Jane Doe { #jane }\n\n## Abstract\n\n## Détails & co\n"
    converter = markdown.Markdown(extensions=["toc", "attr_list"], extension_configs={"toc": {"permalink": True}})
    expected_html = converter.convert(source)
    headings = Headings()
    made = "\n".join([headings.add(1, "Fast R-CNN: *10x*"), headings.add(2, "Abstract"), headings.add(3, "Jane Doe", id="jane"),
                      headings.add(2, "Abstract"), headings.add(2, "Détails & co")])

    def shape(tokens: list[dict[str, object]]) -> list[object]:
        return [(token["level"], token["id"], shape(token["children"])) for token in tokens]  # type: ignore[arg-type]

    assert shape(headings.toc()) == shape(converter.toc_tokens)  # type: ignore[attr-defined]
    assert [line.split(">")[0] for line in made.split("\n")] == [
        line.split(">")[0] for line in expected_html.replace("<em>", "*").replace("</em>", "*").split("\n")]


def test_seed_text_in_a_heading_is_escaped() -> None:
    heading = Headings().add(1, '<img src=x onerror="alert(1)">')
    assert "<img" not in heading and "&lt;img" in heading


def test_search_entries_leave_out_excluded_sections_and_keep_materials_tags() -> None:
    headings = Headings()
    content = "\n".join([headings.add(1, "Title"), '<div class="paper-meta"><ul><li><strong>Authors:</strong> '
                         '<a href="x">Ada</a></li></ul></div>', headings.add(2, "Abstract"), "<p>A &amp; B &lt;c&gt;</p>",
                         headings.add(2, "BibTeX", exclude=True), "<pre><code>@misc{k}</code></pre>"])
    document = json.loads(rendered_json({"title": "Title", "tags": ["Segmentation"]}, content, headings))
    assert document["search"] == [
        {"location": "", "title": "Title", "text": "<ul><li>Authors: Ada</li></ul>", "tags": ["Segmentation"]},
        {"location": "#abstract", "title": "Abstract", "text": "<p>A &amp; B &lt;c&gt;</p>", "tags": ["Segmentation"]},
    ]
    assert [token["id"] for token in document["toc"][0]["children"]] == ["abstract", "bibtex"]


def test_a_page_kept_out_of_search_has_no_entries() -> None:
    headings = Headings()
    content = headings.add(1, "Tags") + "<p>text</p>"
    assert json.loads(rendered_json({"title": "Tags", "search": {"exclude": True}}, content, headings))["search"] == []


def test_search_text_folds_white_space_and_drops_other_tags() -> None:
    assert search_text('<p class="x">a\n  <em>b</em></p>\n<table><tr><td>c</td></tr></table>') == "<p>a b</p> c"


def test_seed_text_cannot_become_a_kept_tag_in_the_search_text() -> None:
    assert search_text("<p>\x00script\x01alert(1)\x00/script\x01</p>") == "<p>scriptalert(1)/script</p>"
    assert search_text("<p>&lt;script&gt;</p>") == "<p>&lt;script&gt;</p>"
