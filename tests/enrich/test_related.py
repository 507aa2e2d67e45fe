"""Related papers: the invariants (never self, at most N, deterministic, reasons), and the reasons."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.enrich.embeddings as embeddings
import generator.enrich.neighbours as neighbours
import generator.enrich.related as related
import generator.enrich.related_terms as related_terms
from generator.build import load_library
from generator.config import BuildConfig
from generator.enrich.neighbours import top_indices
from generator.enrich.related import relate
from generator.enrich.related_reasons import shared_terms
from generator.enrich.related_terms import analyse
from generator.model import Paper

ROOT = Path(__file__).resolve().parents[2]

ABSTRACTS = {
    "anomaly-a": ("Industrial anomaly detection", "We detect anomalies in industrial images with a memory bank."),
    "anomaly-b": ("Zero-shot anomaly detection", "Anomaly detection for industrial inspection without training data."),
    "anomaly-c": ("Video anomaly detection", "Anomaly detection in surveillance video with memory."),
    "seg-a": ("Semantic segmentation with transformers", "A transformer for semantic segmentation of street scenes."),
    "seg-b": ("Medical image segmentation", "U-shaped networks for segmentation of medical scans."),
    "seg-c": ("Panoptic segmentation", "Semantic and instance segmentation unified."),
    "speech": ("Speech synthesis", "Neural vocoders turn spectrograms into speech."),
    "lonely": ("Detectron2", ""),
}


def corpus(order: list[str] | None = None) -> list[Paper]:
    slugs = order or sorted(ABSTRACTS)
    papers = []
    for slug in slugs:
        title, abstract = ABSTRACTS[slug]
        paper = Paper(title, abstract=abstract or None, slug=slug)
        paper.topics = {"anomaly": ["Anomaly detection"], "seg": ["Segmentation"], "lonely": ["Segmentation"]}.get(
            slug.split("-")[0], [])
        paper.tags = list(paper.topics)
        papers.append(paper)
    return papers


def related_of(papers: list[Paper]) -> dict[str, list[str]]:
    return {paper.slug: paper.related for paper in papers}


def test_never_self_at_most_n_and_reasons_for_each() -> None:
    papers = corpus()
    relate(papers, 3)
    for paper in papers:
        assert paper.slug not in paper.related
        assert len(paper.related) <= 3
        assert len(set(paper.related)) == len(paper.related)
        assert [reason.slug for reason in paper.related_reasons] == paper.related
        for reason in paper.related_reasons:
            assert reason.terms or reason.tags or reason.close_in_meaning, (paper.slug, reason)


def test_the_closest_papers_come_first() -> None:
    papers = corpus()
    relate(papers, 2)
    found = related_of(papers)
    assert set(found["anomaly-a"]) == {"anomaly-b", "anomaly-c"}
    assert set(found["seg-a"]) <= {"seg-b", "seg-c"}
    reasons = papers[0].related_reasons  # anomaly-a
    assert "anomaly detection" in reasons[0].terms
    assert "anomaly" not in reasons[0].terms  # implied by "anomaly detection"
    assert reasons[0].tags == ("Anomaly detection",)


def test_deterministic_whatever_the_input_order() -> None:
    first = corpus()
    relate(first, 3)
    order = sorted(ABSTRACTS)
    random.Random(7).shuffle(order)
    second = corpus(order)
    relate(second, 3)
    assert related_of(first) == related_of(second)
    by_slug = {paper.slug: paper.related_reasons for paper in second}
    assert {paper.slug: paper.related_reasons for paper in first} == by_slug


def test_scores_are_symmetric() -> None:
    papers = corpus()
    relate(papers, len(papers))
    scores = {(paper.slug, reason.slug): reason.score for paper in papers for reason in paper.related_reasons}
    for (one, other), score in scores.items():
        if score > 0 and (other, one) in scores:
            assert scores[(other, one)] == pytest.approx(score, abs=1e-4)


def test_duplicates_find_each_other_first() -> None:
    papers = corpus() + [Paper("Speech synthesis again", abstract="Neural vocoders turn spectrograms into speech.",
                               slug="speech-twin")]
    relate(papers, 1)
    found = related_of(papers)
    assert found["speech"] == ["speech-twin"] and found["speech-twin"] == ["speech"]


def test_topics_fill_in_for_a_paper_whose_text_shares_nothing() -> None:
    papers = corpus()
    relate(papers, 5, meaning_weight=0.0)
    lonely = next(paper for paper in papers if paper.slug == "lonely")
    assert lonely.related == ["seg-a", "seg-b", "seg-c"]  # equal topic scores: slug order
    assert all(reason.terms == () and reason.tags == ("Segmentation",) and reason.score == 0.0
               and not reason.close_in_meaning for reason in lonely.related_reasons)


def test_meaning_relates_a_paper_whose_text_shares_nothing() -> None:
    papers = corpus()
    relate(papers, 5)
    lonely = next(paper for paper in papers if paper.slug == "lonely")
    assert len(lonely.related) == 5  # every other paper has a meaning cosine with it
    assert all(reason.terms == () and reason.score > 0 and reason.close_in_meaning
               for reason in lonely.related_reasons)


def test_meaning_finds_papers_that_share_no_word() -> None:
    texts = {"cars": ("Autonomous driving", "Self-driving vehicles steer through city traffic."),
             "lidar": ("Automobile perception", "Sensors on a car see pedestrians on the street."),
             "cells": ("Cell counting", "Microscopy slides of tissue are stained and counted."),
             "poems": ("Generating poetry", "A language model writes verse and rhyme.")}
    papers = [Paper(title, abstract=abstract, slug=slug) for slug, (title, abstract) in texts.items()]
    relate(papers, 1, meaning_weight=0.0)
    assert papers[0].related == []  # no word in common with anything: TF-IDF alone finds nothing
    relate(papers, 1)
    assert papers[0].related == ["lidar"] and papers[1].related == ["cars"]
    assert papers[0].related_reasons[0].close_in_meaning


def test_meaning_weight_one_is_meaning_alone() -> None:
    papers = corpus()
    relate(papers, 7, meaning_weight=1.0)
    meanings = embeddings.embed_papers(papers)
    for row, paper in enumerate(papers):
        cosines = {other.slug: float(meanings[row] @ meanings[column]) for column, other in enumerate(papers)}
        assert [reason.score for reason in paper.related_reasons] == [round(cosines[slug], 4) for slug in paper.related]
        assert [cosines[slug] for slug in paper.related] == sorted((cosines[slug] for slug in paper.related), reverse=True)


def test_no_related_for_count_zero_or_a_single_paper() -> None:
    papers = corpus()
    relate(papers, 0)
    assert all(paper.related == [] and paper.related_reasons == [] for paper in papers)
    single = corpus()[:1]
    relate(single, 5)
    assert single[0].related == []


def test_blocks_do_not_change_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = corpus()
    relate(whole, 3)
    monkeypatch.setattr(related, "BLOCK_CELLS", 2 * len(whole))  # blocks of two rows
    blocked = corpus()
    relate(blocked, 3)
    assert related_of(whole) == related_of(blocked)


def test_ties_are_broken_by_slug_then_by_topics() -> None:
    rank_of = np.array([2, 0, 1])  # slugs sort as: index 1, index 2, index 0
    scores = np.array([0.5, 0.5, 0.5])
    assert top_indices(scores, rank_of, 3) == [1, 2, 0]
    assert top_indices(scores, rank_of, 3, tie_break=np.array([0.0, 0.0, 0.9])) == [2, 1, 0]
    assert top_indices(np.array([0.0, 0.2, 0.0]), rank_of, 3, tie_break=np.array([0.3, 0.0, 0.0])) == [1, 0]
    assert top_indices(np.array([-1.0, 0.0, 0.0]), rank_of, 3) == []


def test_analyse_keeps_pairs_within_a_sentence() -> None:
    features = analyse("Segment Anything\nSAM. Masked autoencoders: scalable learners")
    assert "sam" in features and "masked autoencoders" in features
    assert "anything sam" not in features and "sam masked" not in features
    assert "autoencoders scalable" not in features
    assert "et" not in analyse("as shown by Smith et al.")


def test_shared_terms_skip_words_already_shown() -> None:
    terms = np.array(["anomaly", "anomaly detection", "detection", "memory"])
    one = sp.csr_matrix([[0.5, 0.6, 0.4, 0.1]])
    other = sp.csr_matrix([[0.5, 0.6, 0.4, 0.2]])
    matrix = sp.vstack([one, other], format="csr")
    order = np.argsort(np.argsort(terms))
    assert shared_terms(matrix, terms, np.array([0]), np.array([1]), order) == [("anomaly detection", "memory")]


def shared_terms_of_one_pair(text: sp.csr_matrix, terms: np.ndarray, one: int, other: int, limit: int) -> tuple[str, ...]:
    """The rule stated plainly, one pair at a time: every shared term with its product of weights,
    heaviest first (ties by term), then the words-not-yet-shown pass."""
    left, right = text[one].toarray()[0], text[other].toarray()[0]
    weighted = sorted((-round(left[k] * right[k], 9), str(terms[k])) for k in range(len(terms)) if left[k] and right[k])
    chosen: list[str] = []
    for _, term in weighted:
        shown = {word for earlier in chosen for word in earlier.split()}
        if set(term.split()) <= shown:
            continue
        chosen = [earlier for earlier in chosen if not set(earlier.split()) <= set(term.split())] + [term]
        if len(chosen) == limit:
            break
    return tuple(chosen)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_shared_terms_of_many_pairs_at_once_are_those_of_each_pair(data: st.DataObject) -> None:
    words = ["anomaly", "detection", "graph", "neural", "network", "vision", "memory"]
    vocabulary = sorted({*words, *(f"{a} {b}" for a in words for b in words if a != b)})
    terms = np.array(data.draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=14, unique=True)))
    weight = st.sampled_from([0.0, 0.0, 0.125, 0.25, 0.375, 0.5, 0.0625])  # repeats make ties
    rows = data.draw(st.integers(min_value=2, max_value=6))
    text = sp.csr_matrix(np.array([[data.draw(weight) for _ in terms] for _ in range(rows)]))
    pairs = data.draw(st.lists(st.tuples(st.integers(0, rows - 1), st.integers(0, rows - 1)), max_size=10))
    limit = data.draw(st.integers(min_value=1, max_value=4))
    ones, others = np.array([a for a, _ in pairs], dtype=np.int64), np.array([b for _, b in pairs], dtype=np.int64)
    found = shared_terms(text, terms, ones, others, np.argsort(np.argsort(terms)), limit)
    assert found == [shared_terms_of_one_pair(text, terms, a, b, limit) for a, b in pairs]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["graph", "neural", "network", "vision", "speech", "audio", "image",
                                          "segmentation", "tracking", "video"]), min_size=1, max_size=6),
                min_size=2, max_size=12),
       st.integers(min_value=1, max_value=6))
def test_invariants_hold_for_any_corpus(texts: list[list[str]], count: int) -> None:
    exact_up_to = related.EXACT_UP_TO
    try:
        for related.EXACT_UP_TO in (exact_up_to, 0):  # every pair, then the long lists' way
            papers = [Paper(" ".join(words), slug=f"p{index:02d}") for index, words in enumerate(texts)]
            relate(papers, count)
            for paper in papers:
                assert paper.slug not in paper.related
                assert len(paper.related) == len(set(paper.related)) <= count
                assert all(reason.terms or reason.close_in_meaning for reason in paper.related_reasons)
            again = [Paper(paper.title, slug=paper.slug) for paper in reversed(papers)]
            relate(again, count)
            assert related_of(papers) == related_of(again)
    finally:
        related.EXACT_UP_TO = exact_up_to


def test_bundled_papers_all_have_n_related_with_reasons(tmp_path: Path) -> None:
    config = BuildConfig(seeds_dir=ROOT / "seeds", docs_dir=tmp_path, templates_dir=ROOT / "site_templates")
    library = load_library(config)
    assert len(library.papers) > 200
    for paper in library.papers:
        assert len(paper.related) == config.related_count
        assert paper.slug not in paper.related
        assert all(reason.terms or reason.tags or reason.close_in_meaning for reason in paper.related_reasons)


def bundled_like_corpus(size: int = 60, seed: int = 3) -> list[Paper]:
    """Papers whose texts share many words, so scores tie and shortlists are tested."""
    rng = random.Random(seed)
    words = "anomaly detection segmentation memory bank video medical image transformer speech".split()
    texts = [(" ".join(rng.choices(words, k=3)), " ".join(rng.choices(words, k=12))) for _ in range(4)]
    slugs = rng.sample(range(size), size)  # list order is not slug order
    chosen = [rng.choice(texts) for _ in range(size)]  # many papers say the same: their scores tie
    return [Paper(f"{chosen[number][0]} {number}", abstract=chosen[number][1],
                  slug=f"paper-{slugs[number]:03d}") for number in range(size)]


def test_pruned_tf_idf_gives_scikit_learns_cosines() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    papers = corpus() + bundled_like_corpus(40)
    ours, terms = related_terms.text_features(papers)
    reference = TfidfVectorizer(analyzer=analyse, sublinear_tf=True).fit_transform(
        [related_terms.paper_text(paper) for paper in papers])
    ours_cosines, reference_cosines = (ours @ ours.T).toarray(), (reference @ reference.T).toarray()
    np.fill_diagonal(ours_cosines, 0.0)  # a paper with itself is never compared: there pruning shows
    np.fill_diagonal(reference_cosines, 0.0)
    np.testing.assert_allclose(ours_cosines, reference_cosines, atol=1e-12)
    assert len(terms) == ours.shape[1] < reference.shape[1]  # terms of one paper only were dropped


@pytest.mark.parametrize("dense_share", [1, 4, 10_000])
def test_split_products_equal_the_plain_product(monkeypatch: pytest.MonkeyPatch, dense_share: int) -> None:
    monkeypatch.setattr(neighbours, "DENSE_SHARE", dense_share)  # 1: no column dense; 10,000: all
    matrix = sp.random(50, 30, density=0.3, format="csr", random_state=np.random.default_rng(1))
    products = neighbours.Products(matrix)
    assert products.dense.shape[1] == (0 if dense_share == 1 else 30) or dense_share == 4
    np.testing.assert_allclose(np.vstack([products.rows(0, 20), products.rows(20, 50)]),
                               (matrix @ matrix.T).toarray(), atol=1e-12)


def test_shortlists_do_not_change_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = bundled_like_corpus()
    monkeypatch.setattr(neighbours, "SHORTLIST", 10_000)  # every row whole
    relate(whole, 5)
    monkeypatch.setattr(neighbours, "SHORTLIST", 6)  # the shortest allowed for 5: ties often fall back
    short = bundled_like_corpus()
    relate(short, 5)
    assert related_of(whole) == related_of(short)
    assert [[r.terms for r in paper.related_reasons] for paper in whole] == \
        [[r.terms for r in paper.related_reasons] for paper in short]


def test_long_lists_find_what_every_pair_would(monkeypatch: pytest.MonkeyPatch, bundled_library) -> None:  # noqa: ANN001
    """Past EXACT_UP_TO papers only pairs sharing a distinctive term are compared: on the bundled
    papers (real abstracts) the best related paper of the full comparison is still found for 87 %."""
    exact = [Paper(p.title, abstract=p.abstract, slug=p.slug, topics=list(p.topics)) for p in bundled_library.papers]
    relate(exact, 5)
    monkeypatch.setattr(related, "EXACT_UP_TO", 0)
    fast = [Paper(p.title, abstract=p.abstract, slug=p.slug, topics=list(p.topics)) for p in bundled_library.papers]
    relate(fast, 5)
    for paper in fast:
        assert paper.slug not in paper.related and len(paper.related) == 5
    found = sum(one.related[0] in other.related for one, other in zip(exact, fast) if one.related)
    assert found >= 0.8 * len(exact)


def test_long_lists_with_every_row_shortlisted_give_what_every_pair_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """`LongListNeighbours` scores its shortlist again with every term; with every row shortlisted,
    those are the exact combined scores, so the result is the exact finder's, bit for bit."""
    exact = bundled_like_corpus(80) + corpus()
    relate(exact, 5)
    monkeypatch.setattr(related, "EXACT_UP_TO", 0)
    monkeypatch.setattr(neighbours, "SHORTLIST", 10**6)
    monkeypatch.setattr(related, "BLOCK_CELLS", 7 * 88)  # blocks of seven rows
    long = bundled_like_corpus(80) + corpus()
    relate(long, 5)
    assert [paper.related_reasons for paper in long] == [paper.related_reasons for paper in exact]
