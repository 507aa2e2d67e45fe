"""The Daily Papers listing: author counts or organisations, dates with or without a year."""

from __future__ import annotations

import datetime as dt

from generator.library import Library
from generator.read.readers import daily_papers
from tests.conftest import read_snippet
from tests.read.readers.test_publications_page import paper_titled

LISTING = dt.date(2025, 10, 31)


def test_first_paper_fields(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library, "Codebook Features: Sparse and Discrete Interpretability for Neural Networks")
    assert (paper.author_count, paper.authors, paper.organisation) == (3, [], None)
    assert (paper.date, paper.upvotes) == (dt.date(2023, 10, 26), None)
    assert paper.links["code"] == "https://github.com/taufeeque9/codebook-features"
    assert paper.abstract.startswith("Understanding neural networks is challenging")


def test_last_paper_with_upvotes(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library, "Diffusion Models Beat GANs on Image Classification")
    assert (paper.author_count, paper.date, paper.upvotes) == (8, dt.date(2023, 7, 17), 1)


def test_organisation_instead_of_authors_and_a_date_without_year(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library, "CLUE: Non-parametric Verification from Experience via Hidden-State Clustering")
    assert (paper.organisation, paper.author_count) == ("Tencent", None)
    assert (paper.date, paper.upvotes) == (dt.date(2025, 10, 1), 1)  # "Oct 1 1": the year from the listing


def test_year_less_date_after_the_listing_day_belongs_to_the_year_before() -> None:
    text = "Daily Papers\n\nOct 31\n\nA Title\n\nAn abstract.\n\n  • 2 authors\n·\nDec 24 7\n"
    result = read_snippet(daily_papers, text, listing_date=LISTING)
    assert (result.papers[0].date, result.papers[0].upvotes) == (dt.date(2024, 12, 24), 7)
    assert result.problems == []


def test_year_less_date_without_listing_date_is_reported() -> None:
    text = "Oct 31\n\nA Title\n\nAn abstract.\n\n  • 1 author\n·\nMay 2\n"
    result = read_snippet(daily_papers, text)
    assert result.papers[0].date is None
    assert [(p.line, p.message) for p in result.problems] == [
        (9, "paper 'A Title': date 'May 2': no listing_date in sources.yml to take the year from")]


def test_record_without_abstract_is_kept_and_the_next_one_reads() -> None:
    text = ("Oct 31\n\nNo Abstract Here\n\n  • 3 authors\n·\nMay 2, 2024\n\n"
            "Second Paper\n\nIts abstract.\n\n  • 4 authors\n·\nMay 3, 2024 12\n")
    result = read_snippet(daily_papers, text, listing_date=LISTING)
    assert [(p.title, p.abstract, p.author_count) for p in result.papers] == [
        ("No Abstract Here", None, 3), ("Second Paper", "Its abstract.", 4)]
    assert [(p.line, p.message) for p in result.problems] == [
        (3, "paper 'No Abstract Here' has no abstract; listed without one")]
