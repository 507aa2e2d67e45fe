"""`search: pagefind`: what each page gives Pagefind, the plugin's switch, and a built site.

What a reader finds in the browser is proven in tests/browser/test_pagefind_in_browser.py.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator.mkdocs import pagefind
from generator.mkdocs.plugin import PAGEFIND_THEME, material_search
from tests.conftest import copy_project
from tests.test_site import assert_same_files, contents, mkdocs_build

IGNORE = '<div data-pagefind-ignore="all">'


def use_search(project: Path, engine: str) -> Path:
    """Switch a copied project's mkdocs.yml to a search engine, as a user would edit it."""
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^(\s+search: )material$", rf"\g<1>{engine}", config.read_text(encoding="utf-8"))
    assert count == 1, "mkdocs.yml has no 'search: material' line in the reading-list plugin"
    config.write_text(text, encoding="utf-8")
    return project


def without_marks(text: str) -> str:
    """The HTML less what ignore_excluded adds: it must only ever add."""
    return text.replace(IGNORE, "").replace("</div>", "").replace(pagefind.IGNORE, "")


# --- finding the tags: regular expressions where they agree with HTMLParser ----------------------

def html_fragments() -> st.SearchStrategy[str]:
    """HTML as Python-Markdown writes it, and as a hand-written page might: tags of any kind, quoted
    and unquoted attributes (with ">", quotes and "/" in them), stray end tags, "<" as text, comments."""
    name = st.sampled_from(["div", "p", "h2", "H3", "a", "span", "br", "img", "ul", "li", "code", "pre", "x-y"])
    value = st.sampled_from(['"a > b"', "'it''s'", "'x'", "x/", "x", '""', '"a\'b"', "a'b", "{}"])
    attribute = st.one_of(st.sampled_from(["data-search-exclude", "DATA-SEARCH-EXCLUDE", "id", "class", "href"]),
                          st.tuples(st.sampled_from(["id", "class", "href", "data-search-exclude"]), value)
                          .map(lambda pair: f"{pair[0]}={pair[1]}"))
    start = st.tuples(name, st.lists(attribute, max_size=3), st.sampled_from([">", "/>", " />", " >"])).map(
        lambda parts: f"<{parts[0]}{''.join(' ' + each for each in parts[1])}{parts[2]}")
    end = name.map(lambda tag: f"</{tag}>")
    text = st.sampled_from(["words", " ", "\n", "&lt;b&gt;", "a > b", "x = 'y'", "<", "< b", "</ p>", "<!-- c -->",
                            "<script>var a = '<p>';</script>", "<3"])
    return st.lists(st.one_of(start, end, text), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(html_fragments())
def test_the_regular_expressions_find_the_tags_htmlparser_finds_or_leave_it_to_htmlparser(html: str) -> None:
    found = pagefind._scan_tags(html)
    if found is not None:
        assert found == pagefind._parse_tags(html)
    assert pagefind.scan(html) == pagefind._parse_tags(html)


def test_the_regular_expressions_read_what_python_markdown_writes() -> None:
    """A paper page's HTML must not need HTMLParser: that is where the time goes."""
    html = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc", "pymdownx.highlight", "pymdownx.superfences"],
                             extension_configs={"toc": {"permalink": True}}).convert(PAPER_MARKDOWN)
    found = pagefind._scan_tags(html)
    assert found is not None and len(found) > 40
    assert found == pagefind._parse_tags(html)
    assert [tag.name for tag in found if isinstance(tag, pagefind.Tag) and tag.excluded] == ["h2", "h2"]


PAPER_MARKDOWN = """# A &#42;title&#42;

<div class="paper-meta" markdown>

- **Authors:** [Ada Lovelace](../authors/l.md#ada-lovelace), [Alan Turing](../authors/t.md#alan-turing)
- **Cite as:** <code class="paper-key">lovelace1843</code> ([BibTeX below](#bibtex))

</div>

<a href="https://arxiv.org/abs/1" class="md-button">arXiv</a>
{: .paper-links }

## Abstract

Words &#60;b&#62; and more&#46;

## Related papers { data-search-exclude }

- [Other](other.md). Shared terms: *words*

## BibTeX { data-search-exclude }

```bibtex
@misc{lovelace1843,
  title = {A title},
}
```
"""


# --- what one page gives Pagefind -------------------------------------------------------------

def test_a_marked_heading_leaves_out_its_section_up_to_the_next_heading() -> None:
    page = ('<h1 id="t">Title</h1>\n<p>keep 1</p>\n<h2 id="a" data-search-exclude>Details</h2>\n<ul>\n<li>drop 1</li>\n'
            '</ul>\n<p>drop 2<br>still</p><img src="x.png" alt="">\n<h3 id="c">Next</h3>\n<p>keep 2</p>')
    marked = pagefind.ignore_excluded(page)
    assert marked == page.replace('<h2 id="a"', IGNORE + '<h2 id="a"').replace("<h3", "</div><h3")
    ignored = marked[marked.index(IGNORE):marked.index("</div>") + len("</div>")]
    assert "drop 1" in ignored and "drop 2" in ignored and "x.png" in ignored
    assert "keep" not in ignored and "Next" not in ignored
    assert without_marks(marked) == page


def test_a_section_ends_where_its_container_ends() -> None:
    page = '<div class="box"><h3 data-search-exclude>X</h3><p>drop</p></div><p>keep</p>'
    marked = pagefind.ignore_excluded(page)
    assert marked == f'<div class="box">{IGNORE}<h3 data-search-exclude>X</h3><p>drop</p></div></div><p>keep</p>'


def test_every_marked_section_is_left_out_and_the_last_runs_to_the_end() -> None:
    page = ('<h2 data-search-exclude>A</h2><p>a</p><h2>B</h2><p>b</p>'
            '<h2 data-search-exclude>C</h2><pre><code>@misc{c, eprint = {1}}</code></pre>')
    marked = pagefind.ignore_excluded(page)
    assert marked == (f'{IGNORE}<h2 data-search-exclude>A</h2><p>a</p></div><h2>B</h2><p>b</p>'
                      f'{IGNORE}<h2 data-search-exclude>C</h2><pre><code>@misc{{c, eprint = {{1}}}}</code></pre></div>')


def test_any_other_marked_element_is_left_out_with_its_children() -> None:
    page = '<p>keep</p><div class="note" data-search-exclude><p>drop</p></div>'
    assert pagefind.ignore_excluded(page) == '<p>keep</p><div data-pagefind-ignore="all" class="note" data-search-exclude><p>drop</p></div>'


def test_a_page_without_marks_is_returned_as_it_is() -> None:
    page = "<h2>Abstract</h2><p>data-search text is not a mark</p>"
    assert pagefind.ignore_excluded(page) is page


def test_the_page_body_is_marked_but_not_on_listing_pages() -> None:
    content = '<h1 id="t">Title<a class="headerlink" href="#t" title="Permanent link">&para;</a></h1><p>x</p>'
    marked = pagefind.mark_page(content, {"tags": ["Topic A", "Topic B"]})
    assert marked.startswith("<div data-pagefind-body>") and marked.endswith("</div>")
    assert '<a class="headerlink" data-pagefind-ignore="all" href="#t"' in marked  # no "¶" in titles
    assert pagefind.mark_page(content, {"search": {"exclude": True}}) == content


# --- running Pagefind --------------------------------------------------------------------------

def test_pagefind_indexes_a_folder_of_pages(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<html lang="en"><body><div data-pagefind-body><h1>Alpha</h1>'
                                          "<p>Some words.</p></div></body></html>", encoding="utf-8")
    report = pagefind.run_pagefind(tmp_path)
    assert "Indexed 1 page" in report.summary()
    assert (tmp_path / "pagefind/pagefind.js").is_file()


def test_a_failed_pagefind_run_is_an_error_that_says_why(tmp_path: Path) -> None:
    with pytest.raises(pagefind.PagefindError, match="not able to build an index"):
        pagefind.run_pagefind(tmp_path)  # no page at all


# --- the plugin's switch -----------------------------------------------------------------------

def load(project: Path):  # noqa: ANN201 - MkDocs' config
    return load_config(config_file=str(project / "mkdocs.yml"))


def test_pagefind_turns_material_search_off_and_adds_its_templates(project_copy: Path) -> None:
    config = load(use_search(project_copy, "pagefind"))
    plugin = config.plugins["reading-list"]
    plugin.on_config(config)
    assert material_search(config).config["enabled"] is False
    assert config.theme.dirs[:2] == [str(project_copy / "overrides"), str(PAGEFIND_THEME)]  # after the site's own


def test_material_search_is_left_alone_by_default(project_copy: Path) -> None:
    config = load(project_copy)
    config.plugins["reading-list"].on_config(config)
    assert material_search(config).config["enabled"] is True
    assert str(PAGEFIND_THEME) not in config.theme.dirs


def test_material_without_its_search_plugin_is_a_warning(project_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = project_copy / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(re.sub(r"(?m)^  - search:.*\n(?:      .*\n)*", "", text), encoding="utf-8")
    config = load(project_copy)
    assert material_search(config) is None
    with caplog.at_level(logging.WARNING):
        config.plugins["reading-list"].on_config(config)
    assert "the site has no search" in caplog.text


def test_an_unknown_engine_is_a_configuration_error(project_copy: Path) -> None:
    with pytest.raises((ConfigurationError, Abort)):
        load(use_search(project_copy, "lunr"))


# --- a built site ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = use_search(copy_project(tmp_path_factory.mktemp("pagefind-project")), "pagefind")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert "reading-list: pagefind: Indexed" in result.stderr
    return project / "site"


def test_the_site_has_pagefind_and_not_lunr(pagefind_site: Path) -> None:
    assert (pagefind_site / "pagefind" / "pagefind-ui.js").is_file()
    assert (pagefind_site / "pagefind" / "pagefind.js").is_file()
    assert not (pagefind_site / "search" / "search_index.json").exists()
    assert (pagefind_site / "assets" / "reading-list" / "pagefind-search.js").is_file()


def test_papers_are_indexed_and_listings_are_not(pagefind_site: Path) -> None:
    paper = (pagefind_site / "papers/shortcut-learning-in-deep-neural-networks/index.html").read_text(encoding="utf-8")
    assert paper.count("data-pagefind-body") == 1
    assert paper.count(f"{IGNORE}<h2") == 4  # details, related papers, BibTeX, APA
    bibtex = paper.index('id="bibtex"')
    assert paper.rfind(IGNORE, 0, bibtex) > paper.rfind("</div>", 0, paper.rfind(IGNORE, 0, bibtex))
    for listing in ("papers/index.html", "tags/index.html", "authors/index.html", "bib/index.html"):
        assert "data-pagefind-body" not in (pagefind_site / listing).read_text(encoding="utf-8"), listing


def test_the_header_has_the_search_button_and_panel_on_every_page(pagefind_site: Path) -> None:
    for page in ("index.html", "papers/index.html", "papers/shortcut-learning-in-deep-neural-networks/index.html"):
        text = (pagefind_site / page).read_text(encoding="utf-8")
        header = text[text.index('<header class="md-header'):text.index("</header>")]
        assert "pagefind-search__open" in header, page
        assert 'id="__pagefind_search"' in text and "assets/reading-list/pagefind-search.js" in text
        assert 'for="__search"' not in text  # Material's own search button is gone with its plugin


def test_a_second_build_gives_the_same_site_and_search_bundle(pagefind_site: Path) -> None:
    project = pagefind_site.parent
    assert mkdocs_build(project, "--site-dir", "site-again").returncode == 0
    first = contents(pagefind_site)
    assert any(path.parts[0] == "pagefind" for path in first)
    assert_same_files(first, contents(project / "site-again"))
