"""Property tests: any Unicode text survives being written as BibTeX and read back.

"The same text" means the same characters once white space is collapsed (pages show it so)
and composed as Unicode NFC; control characters are not text and are dropped.
"""

from __future__ import annotations

import unicodedata

import bibtexparser
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.cite import bibtex, citation_keys
from generator.model import Author, Paper
from generator.read.manifest import SourceInfo
from generator.read.readers import bibtex_file
from generator.read.readers.base import SeedDocument, normalise_space

TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=60)
# Mostly the characters that matter to LaTeX and BibTeX, so hypothesis finds their corner cases.
SPICY = st.lists(st.sampled_from(list("\\{}&%$#_~^<>|\"'`-–—?!,.@ =aAbZ0é ſﬁ") + ["and", " and ", "Jr.", "others"]),
                min_size=1, max_size=30).map("".join)
TITLE = st.one_of(TEXT, SPICY).filter(lambda text: normalise_space(text) != "")
NAME = st.one_of(TEXT, SPICY).filter(lambda text: normalise_space(text) != "")


def same(text: str) -> str:
    return normalise_space(unicodedata.normalize("NFC", "".join(
        char for char in text if unicodedata.category(char) != "Cc" or char in "\t\n\r")))


def round_trip(paper: Paper) -> Paper:
    paper.slug = "the-paper"
    citation_keys.assign_keys([paper])
    text = bibtex.render_entries([paper])
    parsed = bibtexparser.parse_string(text)
    assert parsed.failed_blocks == [], text
    result = bibtex_file.read(SeedDocument("back.bib", text), SourceInfo(file="back.bib", collection="c", title="C"))
    assert [str(problem) for problem in result.problems] == [], text
    (back,) = result.papers
    return back


@settings(max_examples=300, deadline=None)
@given(TITLE)
@example("Learning $k$-means in $\\mathcal{O}(n)$ -- fast")
@example("``Quoted'' ?` !` ,, << >> | {braces} \\ ~^")
@example("ﬁ 中文 😀 e\u0301 \u00a0 ŁÆß")
def test_any_title_survives(title: str) -> None:
    assert round_trip(Paper(title=title, year=2020)).title == same(title)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME, min_size=1, max_size=5))
@example(["Llama Team, AI @ Meta", "Martin Luther King Jr.", "others", "Barnes and Noble", "{Braced}"])
def test_any_author_list_survives(names: list[str]) -> None:
    names = [name for name in names if same(name)]
    back = round_trip(Paper(title="A title", authors=[Author(name) for name in names], year=2020))
    assert [author.name for author in back.authors] == [same(name) for name in names]


@settings(max_examples=300, deadline=None)
@given(TITLE)
def test_any_abstract_survives(abstract: str) -> None:
    assert round_trip(Paper(title="A title", abstract=abstract, year=2020)).abstract == same(abstract)


@settings(max_examples=200, deadline=None)
@given(TITLE, st.lists(NAME, min_size=0, max_size=3))
def test_written_entries_are_balanced_for_bibtex(title: str, names: list[str]) -> None:
    """BibTeX counts every brace, escaped or not: each field must balance on its own."""
    paper = Paper(title=title, authors=[Author(name) for name in names if same(name)], year=2020, slug="p")
    citation_keys.assign_keys([paper])
    for line in bibtex.render_entry(paper).splitlines()[1:-1]:
        depth = 0
        for char in line:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, line
        assert depth == 0, line
