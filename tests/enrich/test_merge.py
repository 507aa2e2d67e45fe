"""Merging records of the same paper from several seeds."""

from __future__ import annotations

from generator.enrich.merge import merge_duplicates
from generator.model import Author, Paper, SourceRef


def record(title: str, path: str, fmt: str = "daily-papers", **fields: object) -> Paper:
    return Paper(title=title, sources=[SourceRef("c", path, 1, fmt)], **fields)  # type: ignore[arg-type]


def test_same_arxiv_id_merges_whatever_the_version_and_title() -> None:
    a = record("Old Title", "a.txt", arxiv_id="2101.00001v1")
    b = record("New Title", "b.txt", "arxiv-listing", arxiv_id="2101.00001v3", abstract="Full abstract.")
    [merged] = merge_duplicates([a, b])
    assert merged.title == "New Title"  # the arXiv listing outranks a daily listing
    assert [s.path for s in merged.sources] == ["a.txt", "b.txt"]
    assert merged.abstract == "Full abstract."


def test_same_normalised_title_merges_and_unions_fields() -> None:
    a = record("Deep Nets: A Study", "a.txt", author_count=3, links={"code": "https://github.com/x/y"},
               upvotes=4)
    b = record("deep nets - a study", "b.txt", "conference-similar",
               authors=[Author("Ada Lovelace")], tldr="Short.", links={"code": "https://other", "pdf": "https://p"})
    [merged] = merge_duplicates([a, b])
    assert [author.name for author in merged.authors] == ["Ada Lovelace"]
    assert (merged.author_count, merged.upvotes, merged.tldr) == (3, 4, "Short.")
    assert merged.links == {"code": "https://github.com/x/y", "pdf": "https://p"}


def test_same_title_but_different_identifiers_stay_apart() -> None:
    a = record("Introduction", "a.txt", doi="10.1/a")
    b = record("Introduction", "b.txt", doi="10.1/b")
    assert len(merge_duplicates([a, b])) == 2


def test_curated_fields_win_and_the_longest_abstract_otherwise() -> None:
    listing = record("T", "a.txt", "arxiv-listing", year=2020, abstract="A longer abstract than the other.")
    page = record("T", "b.txt", "conference-similar", year=2021, abstract="Short one.")
    curated = record("T", "c.yml", "papers-yaml", year=2022)
    [merged] = merge_duplicates([page, listing, curated])
    assert merged.year == 2022
    assert merged.abstract == "A longer abstract than the other."


def test_unrelated_papers_keep_their_order() -> None:
    papers = [record(f"Paper {n}", f"{n}.txt") for n in range(5)]
    assert [p.title for p in merge_duplicates(papers)] == [f"Paper {n}" for n in range(5)]


def test_chains_merge_transitively() -> None:
    a = record("One Title", "a.txt", arxiv_id="2101.00001")
    b = record("Other Title", "b.txt", arxiv_id="2101.00001", doi="10.1/x")
    c = record("Third Title", "c.txt", doi="10.1/X")
    assert len(merge_duplicates([a, b, c])) == 1
