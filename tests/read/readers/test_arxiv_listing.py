"""The arXiv daily listing: `- **Field**: value` lines, values wrapping onto indented lines."""

from __future__ import annotations

import datetime as dt

from generator.library import Library
from generator.read.readers import arxiv_listing
from tests.conftest import read_snippet
from tests.read.readers.test_publications_page import paper_titled


def test_first_paper_fields(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library, "Intrinsic Dimensionality Estimation within Tight Localities: "
                                          "A Theoretical and Experimental Analysis")
    assert (paper.arxiv_id, paper.arxiv_version, paper.doi) == ("2209.14475", "v1", None)
    assert paper.categories == ["cs.LG", "cs.CV", "cs.NE"]
    assert paper.links["pdf"] == "https://arxiv.org/pdf/2209.14475v1"
    assert (paper.date, paper.updated) == (dt.date(2022, 9, 29), dt.date(2022, 9, 29))
    assert [a.name for a in paper.authors] == ["Laurent Amsaleg", "Oussama Chelly", "Michael E. Houle",
                                               "Ken-ichi Kawarabayashi", "Miloš Radovanović",
                                               "Weeris Treeratanajaru"]
    assert paper.comment == "21 pages, 16 figures, 3 tables"
    assert paper.journal_ref is None
    assert paper.abstract.startswith("Accurate estimation of Intrinsic Dimensionality (ID)")


def test_last_paper_fields(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library, "Heterogeneous reconstruction of deformable atomic models in Cryo-EM")
    assert paper.arxiv_id == "2209.15121"
    assert paper.categories == ["q-bio.BM", "cs.CV", "eess.IV", "physics.chem-ph"]
    assert paper.authors[-1].name == "Frédéric Poitevin"


def test_wrapped_comment_and_non_arxiv_classes(bundled_library: Library) -> None:
    paper = paper_titled(bundled_library, "In Search of Projectively Equivariant Networks")
    assert paper.comment == ('v2: Significant rewrite. The title has been changed: "neural network" -> "network". '
                             "More general description of projectively equivariant linear layers, with new "
                             "proposed architectures, and a completely new accompanying experiment section, "
                             "as a result")
    assert (paper.categories, paper.other_classes) == (["cs.CV"], ["68T07 (Primary) 20C35 (Secondary)"])
    assert paper.updated == dt.date(2023, 5, 23)


def test_doi_journal_and_code_link_from_summary(bundled_library: Library) -> None:
    stop = next(p for p in bundled_library.papers if p.title.startswith("4D-StOP"))
    assert stop.journal_ref == "European Conference on Computer Vision Workshops 2022"
    assert stop.links["code"] == "https://github.com/LarsKreuzberg/4D-StOP"
    with_doi = [p for p in bundled_library.papers if p.doi == "10.1007/978-3-031-16446-0_42"]
    assert len(with_doi) == 1


RECORD = """### {title}
- **Arxiv ID**: http://arxiv.org/abs/2209.00001v2
- **Categories**: **cs.CV**
- **Published**: 2022-09-29 00:00:11+00:00
- **Authors**: Ada Lovelace,
  Alan Turing
- **Summary**: First line
  second line.
"""


def test_record_without_title_is_reported_and_the_next_record_reads() -> None:
    text = RECORD.format(title="") + "\n" + RECORD.format(title="Kept")
    result = read_snippet(arxiv_listing, text)
    assert [paper.title for paper in result.papers] == ["Kept"]
    assert [a.name for a in result.papers[0].authors] == ["Ada Lovelace", "Alan Turing"]
    assert result.papers[0].abstract == "First line second line."
    assert [(p.line, p.message) for p in result.problems] == [(1, "record without a title; skipped")]


def test_unknown_field_and_bad_date_are_reported() -> None:
    text = RECORD.format(title="T").replace("2022-09-29 00:00:11+00:00", "yesterday") + "- **Stars**: 5\n"
    result = read_snippet(arxiv_listing, text)
    messages = [(p.line, p.message) for p in result.problems]
    assert (4, "Published: 'yesterday' is not a date") in messages
    assert any(line == 9 and message.startswith("unknown field 'Stars'") for line, message in messages)
    assert result.papers[0].date is None
