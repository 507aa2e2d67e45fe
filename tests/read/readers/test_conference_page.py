"""The conference paper page with its "Similar papers"."""

from __future__ import annotations

from generator.library import Library
from generator.read.readers import conference_page
from tests.conftest import read_snippet
from tests.read.readers.test_publications_page import paper_titled

SUBJECT = "Self-Supervised Learning for Astronomical Image Classification"


def test_subject_paper_fields(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library, SUBJECT)
    assert [author.name for author in paper.authors] == ["Ana Martinazzo", "Mateus Espadoto", "Nina S. T. Hirata"]
    assert paper.tldr == "Unlabeled Astronomical Images for Deep Neural Network Pre-training"
    assert paper.materials == ["slides", "poster"]
    assert paper.abstract.startswith("In Astronomy, a huge amount of image data is generated daily")
    assert (paper.venue, paper.year) == ("ICPR 2020", 2020)
    assert paper.booktitle == "25th International Conference on Pattern Recognition (ICPR)"


def test_the_first_paper_is_the_subject_and_the_rest_are_its_similar_papers(bundled_library: Library) -> None:
    collection = bundled_library.collections["icpr-2020-similar"]
    subject = paper_titled(bundled_library, SUBJECT)
    assert collection.subject == subject.slug
    assert len(subject.similar) == 48
    assert subject.similar[0] == paper_titled(
        bundled_library, "The Color Out of Space: Learning Self-Supervised Representations for Earth "
        "Observation Imagery").slug
    # Stated relations stay apart from computed ones.
    assert all(slug != subject.slug for slug in subject.similar)


def test_last_paper_fields(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library,
                         "An Evaluation of DNN Architectures for Page Segmentation of Historical Newspapers")
    assert [author.name for author in paper.authors] == ["Manuel Burghardt", "Bernhard Liebl"]
    assert paper.tldr.startswith("Evaluation of Backbone Architectures for Optical Character Segmentation")
    assert paper.abstract.endswith("will be sufficient most of the time.")


def test_code_url_inside_an_abstract_becomes_a_code_link(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library, "Temporally Coherent Embeddings for Self-Supervised Video "
                                          "Representation Learning")
    assert paper.links["code"] == "https://github.com/csiro-robotics/TCE"


def test_accented_authors_and_materials_without_poster(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library, "Contextual Classification Using Self-Supervised Auxiliary Models "
                                          "for Deep Neural Networks")
    assert "Jörn Hees" in [author.name for author in paper.authors]
    without_poster = [p for p in bundled_library.papers if p.materials == ["slides"]]
    assert len(without_poster) == 8  # "Slides Similar" lines in the seed


def test_missing_author_line_is_reported_and_the_next_paper_still_reads() -> None:
    text = ("Paper One\n\nResponsive image\n\nAuto-TLDR; One\n\nSlides Poster\n\nAbstract one is long. " * 1
            + "\n\nSimilar papers\n\nPaper Two\n\nAda Lovelace, Alan Turing\n\nResponsive image\n\n"
            "Auto-TLDR; Two\n\nSlides Poster Similar\n\nAbstract two.\n")
    result = read_snippet(conference_page, text)
    assert [paper.title for paper in result.papers] == ["Paper One", "Paper Two"]
    assert [a.name for a in result.papers[1].authors] == ["Ada Lovelace", "Alan Turing"]
    assert [(p.line, p.message) for p in result.problems] == [(1, "paper 'Paper One' has no author line")]
    assert result.papers[0].stated_similar == ["Paper Two"]
