"""Related papers computed from title, abstract and topics: TF-IDF and meaning vectors, cosine similarity, top k.

A paper's similarity to another is a weighted sum of two cosines: of their meaning vectors
(embeddings.py: WordLlama's token embeddings of title and abstract), with share `meaning_weight`
(MEANING_WEIGHT unless mkdocs.yml says otherwise), and of their TF-IDF vectors, with the rest.
The TF-IDF vector holds the weights of the words and word pairs of the title (counted twice), the
abstract, TL;DR and the short names a lecture uses for the paper. Papers the scores cannot tell
apart, and the slots left when a paper's scores are all zero (a title-only record like
"Detectron2", with meaning off), are decided by the cosine of their IDF-weighted topic vectors,
then by slug, so the result is the same on every run. (Blending topics into the score itself,
`topic_weight`, measured worse: see bench/related_quality.py.)
Similarities are computed a block of rows at a time, so memory grows with n times k rather than n
squared (a block holds BLOCK_CELLS similarities, whatever n). Past EXACT_UP_TO papers, a first
score of every pair counts only the terms distinctive of both papers (common words make the sparse
product grow with n squared) besides the meaning cosine, and each paper's best first scores are
scored again with every term (`LongListNeighbours`).

The words are weighed in related_terms.py and the best others found in neighbours.py. Each
related paper comes with its reasons (related_reasons.py): the terms whose weights add most to
the similarity, the tags both papers carry (the most specific of them), and "close in meaning"
when their meaning vectors are (cosine at least MEANING_SHOWN).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from generator.enrich.embeddings import embed_papers
from generator.enrich.neighbours import DistinctiveNeighbours, ExactNeighbours, LongListNeighbours, Neighbours, Ranking
from generator.enrich.related_reasons import Reasons
from generator.enrich.related_terms import TermCounts, counted_terms, scaled, term_weights, topic_features, with_topics
from generator.enrich.topics import Vocabulary
from generator.model import Paper, Relation
from generator.speed.parallel import in_parallel, worth_forking

BLOCK_CELLS = 1 << 22  # similarities held at once (32 MB): a block has BLOCK_CELLS // n rows
EXACT_UP_TO = 10_000  # up to this many papers every pair is compared; beyond, see _most_similar_by_distinctive_terms
TOPIC_WEIGHT = 0.0  # share of the similarity from shared topics; bench/related_quality.py: 0 measures best
# Share of the similarity from the meaning vectors. bench/related_quality.py: from 0.2 on, the
# conference page's similar papers are found best (5 of 5 for its subject, 3.06 per listed paper
# against 2.08 with TF-IDF alone); past it, the lecture's section mates are found less often.
MEANING_WEIGHT = 0.2


class Shortlists(NamedTuple):
    """Every row's `Neighbours.shortlist` and scores, stacked, with `bounds`: no row outside a row's
    shortlist scores above its bound. related_index.py updates them after an edit."""

    rows: np.ndarray
    scores: np.ndarray
    bounds: np.ndarray


class Relating(NamedTuple):
    """What `relate` computed besides the papers' related lists: the term counts, each row's best
    (index, score), the shortlists when every pair was compared exactly (None past EXACT_UP_TO),
    and the meaning vectors (None when `meaning_weight` is 0)."""

    counts: TermCounts
    best: list[list[tuple[int, float]]]
    shortlists: Shortlists | None
    meanings: np.ndarray | None = None


def relate(papers: list[Paper], count: int, vocabulary: Vocabulary | None = None,
           topic_weight: float = TOPIC_WEIGHT, meaning_weight: float = MEANING_WEIGHT,
           meanings: np.ndarray | None = None) -> Relating | None:
    """Set `related` (slugs) and `related_reasons` of each paper to its `count` most similar others.

    `meanings`, the papers' meaning vectors if already known, saves embedding them again.
    The blocks of rows are shared out between this process and a forked copy (parallel.py);
    each cosine is an exact sum (QUANTUM), so the result is the same either way.
    """
    for paper in papers:
        paper.related, paper.related_reasons = [], []
    if len(papers) < 2 or count <= 0:
        return None
    counts = counted_terms(papers)
    text_matrix, terms = term_weights(counts, len(papers))
    if meaning_weight > 0 and meanings is None:
        meanings = embed_papers(papers)
    meanings = meanings if meaning_weight > 0 else None
    if text_matrix is None:
        if meanings is None:
            return None
        text_matrix = sp.csr_matrix((len(papers), 0))
    topic_matrix = topic_features(papers)
    matrix = with_topics(text_matrix, topic_matrix, topic_weight)
    ranking = Ranking(topic_matrix.toarray(), slug_ranks(papers), count)  # a curated vocabulary: few topic columns
    finder = _finder(matrix, meanings, meaning_weight, ranking)
    reasons = Reasons(papers, text_matrix, terms, vocabulary, meanings)

    def found_in(blocks: Sequence[range]) -> list[tuple[Neighbours, list[Relation]]]:
        found = [neighbours for block in blocks for neighbours in finder.best_in(block)]
        return list(zip(found, reasons.of_rows([(neighbours.index, neighbours.best) for neighbours in found])))

    blocks = _blocks(len(papers))
    middle = len(blocks) // 2
    first, second = in_parallel(lambda: found_in(blocks[:middle]), lambda: found_in(blocks[middle:]),
                                fork=worth_forking(len(papers)))
    found = sorted(first + second, key=lambda pair: pair[0].index)
    for neighbours, relations in found:
        papers[neighbours.index].related_reasons = relations
        papers[neighbours.index].related = [relation.slug for relation in relations]
    exact = isinstance(finder, ExactNeighbours) and matrix is text_matrix
    neighbours_of = [neighbours for neighbours, _ in found]
    return Relating(counts, [neighbours.best for neighbours in neighbours_of],
                    _stacked(neighbours_of) if exact else None, meanings)


def _finder(matrix: sp.csr_matrix, meanings: np.ndarray | None, meaning_weight: float,
            ranking: Ranking) -> ExactNeighbours | DistinctiveNeighbours | LongListNeighbours:
    """Every pair compared up to EXACT_UP_TO papers; past that, the long lists' way, with meaning or without."""
    if matrix.shape[0] <= EXACT_UP_TO:
        return ExactNeighbours(with_meanings(matrix, meanings, meaning_weight), ranking)
    if meanings is None:
        return DistinctiveNeighbours(matrix, ranking)
    return LongListNeighbours(matrix, meanings, meaning_weight, ranking)


def with_meanings(text: sp.csr_matrix, meanings: np.ndarray | None, meaning_weight: float) -> sp.csr_matrix:
    """Text weights and meaning vectors side by side, scaled so that a row's dot product with another
    is (1 - w) times their TF-IDF cosine plus w times their meaning cosine; every weight on QUANTUM
    again, so those dot products stay exact sums."""
    if meanings is None:
        return text
    text_part, meaning_part = scaled(text, 1.0 - meaning_weight), scaled(meanings, meaning_weight)
    return sp.csr_matrix(sp.hstack([text_part, sp.csr_matrix(meaning_part)], format="csr"))


def _stacked(found: list[Neighbours]) -> Shortlists:
    """The rows' shortlists as arrays (`found` is in row order)."""
    scores = np.vstack([neighbours.scores for neighbours in found])
    return Shortlists(np.vstack([neighbours.shortlist for neighbours in found]), scores, scores.min(axis=1))


def slug_ranks(papers: Sequence[Paper]) -> np.ndarray:
    """Each paper's place in slug order: the last tie-break."""
    order = np.argsort(np.array([paper.slug for paper in papers]), kind="stable")
    rank_of = np.empty(len(papers), dtype=np.int64)
    rank_of[order] = np.arange(len(papers))
    return rank_of


def _blocks(size: int) -> list[range]:
    """Row ranges holding at most BLOCK_CELLS similarities each."""
    rows_per_block = max(1, BLOCK_CELLS // size)
    return [range(start, min(start + rows_per_block, size)) for start in range(0, size, rows_per_block)]
