"""Slugs: readable, unique, and stable when other papers come and go."""

from __future__ import annotations

from generator.enrich.identity import MAX_SLUG_LENGTH, assign_slugs, base_slug, normalise_title
from generator.model import Paper, SourceRef


def paper(title: str, **fields: object) -> Paper:
    return Paper(title=title, sources=[SourceRef("c", "x.txt", 1)], **fields)  # type: ignore[arg-type]


def test_normalised_titles_ignore_case_accents_and_punctuation() -> None:
    assert normalise_title("Écoles & U-Net: Ça va!") == "ecoles u net ca va"


def test_long_titles_are_cut_at_a_word_and_keep_a_hash_of_the_whole() -> None:
    long_a = "word " * 40 + "alpha"
    long_b = "word " * 40 + "beta"
    assert len(base_slug(long_a)) <= MAX_SLUG_LENGTH + 7
    assert base_slug(long_a) != base_slug(long_b)
    assert not base_slug(long_a).startswith("-")


def test_slug_does_not_change_when_other_papers_are_added_or_removed() -> None:
    alone = [paper("Attention Is All You Need")]
    assign_slugs(alone)
    crowd = [paper("A Survey"), paper("Attention Is All You Need"), paper("Zebra Finches")]
    assign_slugs(crowd)
    assert alone[0].slug == crowd[1].slug == "attention-is-all-you-need"


def test_different_papers_with_the_same_title_get_distinct_slugs_from_their_own_ids() -> None:
    twins = [paper("Introduction", doi="10.1/a"), paper("Introduction", doi="10.1/b")]
    assign_slugs(twins)
    assert len({p.slug for p in twins}) == 2
    reversed_twins = [paper("Introduction", doi="10.1/b"), paper("Introduction", doi="10.1/a")]
    assign_slugs(reversed_twins)
    assert {p.slug for p in twins} == {p.slug for p in reversed_twins}


def test_letters_without_a_decomposition_fold_too() -> None:
    # One folding for titles, people and citation keys: "ø" is "o", not dropped.
    assert normalise_title("Søren’s Łódź Straße") == "sorens lodz strasse"
