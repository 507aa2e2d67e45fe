"""The BibTeX reader: a user's .bib becomes papers; broken input is reported and the rest read."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cite import bibtex, citation_keys
from generator.read.manifest import SourceInfo
from generator.read.readers import bibtex_file, reader_for
from generator.read.readers.base import ReadResult, SeedDocument, decode_seed

NEXT = """
@misc{next2020, title = {The Next Entry}, author = {Ada Lovelace}, year = 2020}
"""


def read(text: str, path: str = "library.bib") -> ReadResult:
    return bibtex_file.read(SeedDocument(path, text), SourceInfo(file=path, collection="mine", title="Mine"))


def problems(result: ReadResult) -> list[str]:
    return [str(problem) for problem in result.problems]


def titles(result: ReadResult) -> list[str]:
    return [paper.title for paper in result.papers]


def test_macros_concatenation_and_month_macros() -> None:
    result = read(r"""
@string{ iclr = "International Conference on Learning Representations" }
@STRING{ Conf = iclr # " ({ICLR})" }
@inproceedings{kingma2015adam,
  author    = {Diederik P. Kingma and Jimmy Ba},
  title     = {Adam: {A} Method for Stochastic Optimization},
  booktitle = "3rd " # conf # ", " # 2015,
  year      = 2015,
  month     = may,
}
""")
    assert problems(result) == []
    (paper,) = result.papers
    assert paper.booktitle == "3rd International Conference on Learning Representations (ICLR), 2015"
    assert paper.year == 2015
    assert paper.title == "Adam: A Method for Stochastic Optimization"
    assert paper.source_bibtex is not None
    assert dict(paper.source_bibtex.fields)["month"] == "may"
    citation_keys.assign_keys([paper])
    written = bibtex.render_entry(paper)
    assert "month = may\n" in written  # still the macro, unbraced
    assert "booktitle = {3rd International Conference on Learning Representations ({ICLR}), 2015}" in written


def test_crossref_inherits_fields_and_the_container_gets_no_page() -> None:
    result = read(r"""
@inproceedings{DBLP:conf/cvpr/HeZRS16,
  author   = {Kaiming He and Xiangyu Zhang},
  title    = {Deep Residual Learning for Image Recognition},
  pages    = {770--778},
  crossref = {DBLP:conf/cvpr/2016}
}
@proceedings{DBLP:conf/cvpr/2016,
  title     = {2016 {IEEE} Conference on Computer Vision and Pattern Recognition, {CVPR} 2016},
  publisher = {{IEEE} Computer Society},
  year      = {2016}
}
""")
    assert problems(result) == []
    (paper,) = result.papers
    assert paper.booktitle == "2016 IEEE Conference on Computer Vision and Pattern Recognition, CVPR 2016"
    assert paper.publisher == "IEEE Computer Society" and paper.year == 2016
    assert paper.source_bibtex is not None
    names = [name for name, _ in paper.source_bibtex.fields]
    assert names == ["author", "title", "pages", "booktitle", "publisher", "year"]  # theirs, then inherited
    assert paper.source_bibtex.key == "DBLP:conf/cvpr/2016".replace("2016", "HeZRS16")


def test_accents_and_names_decoded_for_display() -> None:
    result = read(r"""
@article{jegou2011,
  author  = {J{\'e}gou, Herv{\'e} and Douze, Matthijs and {\L}ukasz Kaiser and {The {ACME} Team} and
             King, Jr., Martin Luther},
  title   = {{\"U}ber Schr\"{o}dinger's {$\alpha$}-Quantization --- and \emph{more}},
  journal = {{IEEE} Trans.~{PAMI}},
  year    = {2011}
}
""")
    (paper,) = result.papers
    assert [author.name for author in paper.authors] == [
        "Hervé Jégou", "Matthijs Douze", "Łukasz Kaiser", "The ACME Team", "Martin Luther King Jr."]
    assert paper.title == "Über Schrödinger's $\\alpha$-Quantization — and more"
    assert paper.journal == "IEEE Trans. PAMI"


def test_entry_offered_for_copy_is_the_users_own() -> None:
    result = read(r"""
@preamble{ "\providecommand{\noopsort}[1]{}" }
@book{scholkopf2002,
  author    = {Sch{\"o}lkopf, Bernhard and Smola, Alexander J.},
  title     = {Learning with Kernels},
  publisher = {{MIT} Press},
  address   = {Cambridge, MA},
  year      = {2002},
  abstract  = {Schölkopf's book.},
  keywords  = {kernels; SVM}
}
""")
    (paper,) = result.papers
    citation_keys.assign_keys([paper])
    assert bibtex.render_entry(paper) == (
        "@book{scholkopf2002,\n"
        "  author = {Sch{\\\"o}lkopf, Bernhard and Smola, Alexander J.},\n"
        "  title = {Learning with Kernels},\n"
        "  publisher = {{MIT} Press},\n"
        "  address = {Cambridge, MA},\n"
        "  year = {2002},\n"
        "  keywords = {kernels; SVM}\n"
        "}\n")
    download = bibtex.render_entries([paper])
    assert download.startswith("@preamble{{\\providecommand{\\noopsort}[1]{}}}\n")
    assert "abstract = {Sch{\\\"o}lkopf's book.}" in download  # non-ASCII spelled for 8-bit BibTeX
    assert paper.hand_tags == ["kernels", "SVM"]


def test_arxiv_identifiers_from_eprint_and_from_scholar_style_journal() -> None:
    result = read(r"""
@misc{a, title = {A}, author = {A B}, year = 2021, eprint = {2010.11929v2}, archivePrefix = {arXiv},
  primaryClass = {cs.CV}, url = {https://arxiv.org/abs/2010.11929}, doi = {https://doi.org/10.1/x\_y}}
@article{b, title = {B}, author = {A B}, journal = {arXiv preprint arXiv:1706.03762}, year = 2017}
""")
    first, second = result.papers
    assert (first.arxiv_id, first.arxiv_version, first.categories) == ("2010.11929", "v2", ["cs.CV"])
    assert first.doi == "10.1/x_y" and first.links["url"] == "https://arxiv.org/abs/2010.11929"
    assert second.arxiv_id == "1706.03762"


def test_comments_and_text_between_entries_are_ignored() -> None:
    result = read("""% Encoding: UTF-8
Some notes the user left @ the top of a line? no: in the middle.
@comment{jabref-meta: databaseType:bibtex;}
@misc{a, title = {Only Entry}, year = 2020}
""")
    assert titles(result) == ["Only Entry"] and problems(result) == []


BROKEN = [
    pytest.param("@article{broken, title = {Unbalanced {brace}, year = 2020\n",
                 ["library.bib:1: error: BibTeX block does not parse: Unexpected block start: `@misc`. Was still "
                  "looking for field-value closing `}`; skipped"], id="unbalanced-braces"),
    pytest.param("@misc{next2020, title = {A Twin}, year = 2019}\n",
                 ["library.bib:3: warning: key 'next2020' is used already on line 1; BibTeX would skip this entry: "
                  "it gets a page and a key of its own"], id="duplicate-key"),
    pytest.param("@misc{NEXT2020, title = {A Twin}, year = 2019}\n",
                 ["library.bib:3: warning: key 'next2020' is used already on line 1; BibTeX would skip this entry: "
                  "it gets a page and a key of its own"], id="duplicate-key-other-case"),
    pytest.param("@misc{dup, title = {First}, Title = {Second}, year = 2019}\n",
                 ["library.bib:1: warning: field 'Title' repeats in entry 'dup'; the first value is kept, as "
                  "BibTeX does"], id="duplicate-field"),
    pytest.param("@misc{mac, title = {Macro}, booktitle = cvpr # { 2020}, year = 2020}\n",
                 ["library.bib:1: warning: unknown @string macro 'cvpr' in field 'booktitle'; read as empty, as "
                  "BibTeX does"], id="unknown-macro"),
    pytest.param("@misc{orphan, title = {Orphan}, crossref = {nowhere}, year = 2020}\n",
                 ["library.bib:1: warning: entry 'orphan' has crossref 'nowhere', which is not an entry of this "
                  "file; nothing inherited"], id="unknown-crossref"),
    pytest.param("@misc{js, title = {Link}, url = {javascript:alert(1)}, year = 2020}\n",
                 ["library.bib:1: warning: entry 'js': url 'javascript:alert(1)' is not an http(s) URL; not linked "
                  "(your entry keeps it)"], id="non-http-url"),
    pytest.param("@misc{untitled, author = {A B}, year = 2020}\n",
                 ["library.bib:1: error: entry 'untitled' has no title; no page made"], id="no-title"),
]


@pytest.mark.parametrize("bad, expected", BROKEN)
def test_broken_input_is_reported_and_the_next_entry_still_read(bad: str, expected: list[str]) -> None:
    if "next2020" in bad:
        result = read(NEXT.lstrip("\n") + "\n" + bad)
        problems_seen = problems(result)
    else:
        result = read(bad + NEXT)
        problems_seen = problems(result)
    assert problems_seen == expected
    assert "The Next Entry" in titles(result)


def test_duplicate_keys_both_become_pages_with_their_own_keys() -> None:
    result = read(NEXT + "@misc{next2020, title = {A Twin}, year = 2019}\n")
    citation_keys.assign_keys(result.papers)
    keys = sorted(paper.bibtex_key for paper in result.papers)
    assert keys[0] == "next2020" and keys[1].startswith("next2020-")


def test_a_file_that_is_not_utf8_is_reported_with_its_line_and_still_read(tmp_path: Path) -> None:
    path = tmp_path / "old.bib"
    path.write_bytes("@misc{a,\n  title = {Caf\xe9 Society},\n  year = 2020\n}\n".encode("latin-1"))
    document, decode_problems = decode_seed(path, "old.bib")
    assert document is not None
    (problem,) = decode_problems  # the wording is the seed decoder's; file and line are what matter here
    assert (problem.path, problem.line, problem.severity.value) == ("old.bib", 2, "warning")
    assert "not valid UTF-8" in problem.message
    assert titles(read(document.text, "old.bib")) == ["Café Society"]


def test_registry_reads_bib_files_by_extension_and_by_content() -> None:
    assert reader_for(SeedDocument("refs.bib", "anything"), None) is bibtex_file
    assert reader_for(SeedDocument("refs.txt", "% exported\n\n@article{a,\n title={T}}\n"), None) is bibtex_file
    assert reader_for(SeedDocument("x.bib", ""), "bibtex") is bibtex_file
    macros_first = '% exported\n@preamble{ "\\providecommand{\\x}{}" }\n@string{ j = "J" }\n@article{a,\n title={T}}\n'
    assert reader_for(SeedDocument("refs", macros_first), None) is bibtex_file


@pytest.mark.parametrize("text", [
    "Machine Learning\n\nOur team, reachable @ lab, works on models.\n",
    "### A Title\n- **Authors**: A, B\n",
], ids=["prose-with-at", "arxiv-listing"])
def test_other_seeds_do_not_look_like_bibtex(text: str) -> None:
    assert not bibtex_file.looks_like(text)
