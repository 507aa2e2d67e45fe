"""Updating related papers after an edit gives exactly what relating from scratch gives (related_index.py)."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.enrich.neighbours as neighbours
import generator.enrich.related as related
import generator.enrich.related_terms as related_terms
import generator.speed.related_index as related_index
from generator.enrich.embeddings import embed_papers
from generator.enrich.related import relate
from generator.model import Paper, Relation
from generator.speed.related_index import RelatedIndex, related_again

# A small vocabulary, so most papers share words, scores tie and IDF moves with every edit.
COMMON = "model learning image network data training".split()
RARE = [f"word{number}" for number in range(150)]
TOPICS = ["Vision", "Language", "Audio", "Graphs"]
COUNT = 5


def sentence(rng: random.Random, length: int) -> str:
    return " ".join(rng.choice(COMMON) if rng.random() < 0.15 else rng.choice(RARE) for _ in range(length)) + "."


def corpus(rng: random.Random, size: int) -> list[Paper]:
    papers = []
    for number in range(size):
        paper = Paper(sentence(rng, rng.randint(1, 5)), abstract=sentence(rng, rng.randint(0, 20)) or None,
                      slug=f"paper-{number:03d}")
        paper.topics = sorted(rng.sample(TOPICS, rng.randint(0, 2)))
        paper.tags = list(paper.topics)
        papers.append(paper)
    return papers


def copied(papers: list[Paper]) -> list[Paper]:
    """The same papers, without what relating set."""
    fresh = []
    for paper in papers:
        twin = Paper(paper.title, abstract=paper.abstract, slug=paper.slug)
        twin.topics, twin.tags = list(paper.topics), list(paper.tags)
        fresh.append(twin)
    return fresh


def from_scratch(papers: list[Paper]) -> list[list[Relation]]:
    fresh = copied(papers)
    relate(fresh, COUNT)
    return [paper.related_reasons for paper in fresh]


def edit(rng: random.Random, papers: list[Paper]) -> None:
    """Change the text of one to twelve papers, the way a reader fixes or extends abstracts."""
    for paper in rng.sample(papers, rng.randint(1, 12)):
        kind = rng.choice(["common word", "rare word", "new word", "sentence", "clear", "copy"])
        words = (paper.abstract or "").rstrip(".").split()
        if kind == "common word" and words:
            words[rng.randrange(len(words))] = rng.choice(COMMON)
        elif kind == "rare word" and words:
            words[rng.randrange(len(words))] = rng.choice(RARE)
        elif kind == "new word":
            words.append(f"unseen{rng.randrange(10**6)}")
        elif kind == "sentence":
            words.extend(sentence(rng, 8).rstrip(".").split())
        elif kind == "clear":
            words = []
        else:  # the same text as another paper: exact ties
            words = (rng.choice(papers).abstract or "").rstrip(".").split()
        paper.abstract = " ".join(words) + "." if words else None


def index_of(papers: list[Paper]) -> RelatedIndex:
    return RelatedIndex.computed(papers, COUNT, None, b"key")


@pytest.fixture(autouse=True)
def always_update(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the update path however many rows an edit reaches (a real build relates from scratch past
    a quarter), with short shortlists, so that bounds decide often."""
    monkeypatch.setattr(related_index, "AFFECTED_SHARE", 1)
    monkeypatch.setattr(neighbours, "SHORTLIST", COUNT + 2)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_updates_after_random_edits_equal_relating_from_scratch(seed: int) -> None:
    rng = random.Random(seed)
    papers = corpus(rng, 120)
    index = index_of(papers)
    for _ in range(6):  # each update starts from the last one's shortlists
        edit(rng, papers)
        updated = index.updated(papers)
        assert updated is not None
        assert updated.relations == from_scratch(papers)
        assert_shortlists_bound_every_score(updated, papers)
        index = updated


def assert_shortlists_bound_every_score(index: RelatedIndex, papers: list[Paper]) -> None:
    """What the next update relies on: a shortlisted score is the row's score now, and no row left out scores higher than the bound."""
    text, _ = related_terms.text_features(papers)
    matrix = related.with_meanings(text, embed_papers(papers), related.MEANING_WEIGHT)
    scores = (matrix @ matrix.T).toarray()
    shortlists = index.relating.shortlists
    for row in range(len(papers)):
        listed = shortlists.rows[row]
        assert (shortlists.scores[row][listed != row] == scores[row, listed[listed != row]]).all()
        left_out = np.setdiff1d(np.arange(len(papers)), [*listed, row])
        assert (scores[row, left_out] <= shortlists.bounds[row]).all()


def test_a_new_word_recomputes_only_the_edited_row() -> None:
    papers = corpus(random.Random(7), 200)
    index = index_of(papers)
    papers[10].abstract = (papers[10].abstract or "") + " zebrafish"
    updated = index.updated(papers)
    assert updated is not None
    # A word no other paper has changes no other paper's weights: the edited row is computed again,
    # and only rows that list it (its scores moved) pick their best again.
    listing = {row for relations in (index.relations, updated.relations) for row, found in enumerate(relations)
               if "paper-010" in [relation.slug for relation in found]}
    assert 1 < updated.recomputed <= 1 + len(listing)
    assert updated.relations == from_scratch(papers)


def test_a_shared_word_recomputes_the_rows_that_hold_it() -> None:
    papers = corpus(random.Random(8), 200)
    index = index_of(papers)
    holders = [row for row, paper in enumerate(papers) if "word7" in re.findall(r"\w+", f"{paper.title} {paper.abstract}")]
    edited = next(row for row in range(len(papers)) if row not in holders)
    papers[edited].abstract = (papers[edited].abstract or "") + " word7"
    updated = index.updated(papers)
    assert updated is not None
    assert 10 < len(holders) + 1 <= updated.recomputed  # word7's IDF moved: every row holding it has new weights
    assert updated.relations == from_scratch(papers)


def test_no_text_change_keeps_everything() -> None:
    papers = corpus(random.Random(9), 50)
    index = index_of(papers)
    papers[3].venue = "Another venue"  # not part of what relating reads
    updated = index.updated(papers)
    assert updated is not None and updated.recomputed == 0 and updated.relations == index.relations


def test_a_paper_added_or_retagged_is_related_from_scratch() -> None:
    rng = random.Random(10)
    papers = corpus(rng, 60)
    index = related_again(papers, COUNT, None, None)
    papers[5].abstract = (papers[5].abstract or "") + " zebrafish"
    index = related_again(papers, COUNT, None, index)
    assert index.recomputed < len(papers) // 4
    papers.append(Paper("Zebrafish models", abstract="A zebrafish image model.", slug="paper-999"))
    index = related_again(papers, COUNT, None, index)  # every IDF changes with the number of papers
    assert index.recomputed == len(papers)
    papers[0].tags = [*papers[0].tags, "Graphs"]  # tags give reasons: an update cannot know which changed
    index = related_again(papers, COUNT, None, index)
    assert index.recomputed == len(papers)
    assert [paper.related_reasons for paper in papers] == from_scratch(papers)


def test_past_the_share_of_affected_rows_an_update_declines(monkeypatch: pytest.MonkeyPatch) -> None:
    papers = corpus(random.Random(11), 100)
    index = index_of(papers)
    monkeypatch.setattr(related_index, "AFFECTED_SHARE", 4)
    for paper in papers[:30]:
        paper.abstract = (paper.abstract or "") + " model"
    assert index.updated(papers) is None
