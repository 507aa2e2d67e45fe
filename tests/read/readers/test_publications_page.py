"""The lab's publications page: intro prose, then title / abstract pairs, no authors or dates."""

from __future__ import annotations

from generator.library import Library
from generator.model import Paper
from generator.read.readers import publications_page
from tests.conftest import read_snippet


def paper_titled(library: Library, title: str) -> Paper:
    return next(paper for paper in library.papers if paper.title == title)


def test_first_paper_fields(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library,
                         "Camouflaged Object Detection with Feature Decomposition and Edge Reconstruction")
    assert paper.abstract.startswith("Camouflaged object detection (COD) aims to address the tough issue")
    assert paper.abstract.endswith("with cheaper computational and memory costs.")
    assert (paper.authors, paper.author_count, paper.date, paper.effective_year) == ([], None, None, None)
    assert [(s.path, s.line) for s in paper.sources] == [("000_0629105ea6b49950.txt", 10)]


def test_last_paper_of_a_file_without_final_newline(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library,
                         "Binding Peptide Generation for MHC Class I Proteins with Deep Reinforcement Learning")
    assert paper.abstract.startswith("Motivation: MHC Class I protein plays an important role")
    assert paper.abstract.endswith("at a much lower time cost than previous deep-learning methods.")


def test_awkward_title_with_colon_and_curly_apostrophe(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library, "A New Hope: AI Research is Conquering Today’s Computer Vision Plateau")
    assert paper.abstract.startswith("The age of computer vision is upon us")


def test_intro_prose_becomes_the_collection_intro(bundled_library: Library) -> None:
    intro = bundled_library.collections["nec-labs-machine-learning"].intro
    assert intro.startswith("Machine LearningOur Machine Learning team has been at the forefront")
    assert intro.endswith("from our Machine Learning department.")
    assert "Camouflaged" not in intro


def test_title_without_abstract_is_kept_and_reported() -> None:
    text = "Intro sentence that ends a sentence.\n\nFirst Title\n\nAn abstract that is much longer than " \
           "its title, as abstracts are.\n\nLonely Title\n\nThird Title\n\nAnother abstract, long enough " \
           "to be one, with a full stop.\n"
    result = read_snippet(publications_page, text)
    assert [paper.title for paper in result.papers] == ["First Title", "Lonely Title", "Third Title"]
    assert result.papers[1].abstract is None
    assert [(problem.line, problem.message) for problem in result.problems] == [
        (7, "title 'Lonely Title' has no abstract after it; the paper is listed without one")]


def test_looks_like_accepts_the_bundled_page_and_rejects_prose() -> None:
    assert publications_page.looks_like("Title one\n\n" + "Long abstract text. " * 10 + "\n\nTitle two\n\n"
                                        + "Another long abstract. " * 10)
    assert not publications_page.looks_like("Just one paragraph of prose.\n\nAnd another one.\n")


def test_a_markdown_readme_does_not_look_like_a_lab_page() -> None:
    readme = "".join(f"## Part {n}\n\n" + "What this folder holds and how to add to it. " * 3 + "\n\n" for n in (1, 2, 3))
    assert publications_page.looks_like(readme.replace("## ", ""))  # without its headings it would
    assert not publications_page.looks_like(readme)
