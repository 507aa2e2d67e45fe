"""Finding each paper's most similar others: similarities a block of rows at a time, and the best picked.

Up to EXACT_UP_TO papers (related.py) every pair is compared (`ExactNeighbours`); past it, the
long lists' ways compare papers through their distinctive terms (`DistinctiveNeighbours`) and the
meaning vectors (`LongListNeighbours`). `Ranking` picks a row's best the same way for all three.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from generator.enrich.related_terms import scaled

SHORTLIST = 32  # a row's highest scores among which its best `count` are looked for first
DENSE_SHARE = 8  # a column in at least 1/DENSE_SHARE of the rows goes into the dense product
DISTINCTIVE_TERMS = 24  # terms per paper through which a long list finds and scores its related papers
EPSILON = 1e-6


class Neighbours(NamedTuple):
    """A row's best other rows (index, score), and for an exact finder the shortlist it chose them from."""

    index: int
    best: list[tuple[int, float]]
    shortlist: np.ndarray | None = None  # the row's SHORTLIST highest-scoring rows ...
    scores: np.ndarray | None = None  # ... and their scores; no row left out scores higher than the lowest


class Ranking:
    """How a row's best `count` others are picked from scored candidates (`top_indices`): by score,
    then by the cosine of their topic vectors, then by slug."""

    def __init__(self, topics: np.ndarray, rank_of: np.ndarray, count: int) -> None:
        self.topics, self.rank_of, self.count = topics, rank_of, count
        self.shortlist = min(len(rank_of), max(SHORTLIST, count + 1))

    def best_among(self, index: int, candidates: np.ndarray, scores: np.ndarray) -> list[tuple[int, float]]:
        """The best of `candidates` (row indices, `scores` theirs) for row `index`."""
        topic_scores = self.topics[candidates] @ self.topics[index]
        topic_scores[candidates == index] = -1.0
        best = top_indices(scores, self.rank_of[candidates], self.count, topic_scores)
        return [(int(candidates[k]), float(scores[k])) for k in best]

    def best_of_rows(self, rows: Sequence[int], block: np.ndarray) -> Iterator[Neighbours]:
        """Each row's best, from `block`, its whole row of scores (self included, which is set aside).

        A row's best are first looked for among its SHORTLIST highest scores, found for the whole
        block at once; only when ties or too few scored rows make that shortlist unsafe is the whole
        row used.
        """
        size = block.shape[1]
        block[np.arange(len(rows)), np.asarray(rows)] = -1.0  # not itself
        # a copy: a view would keep the whole argpartition of the block alive with each kept shortlist
        shortlists = np.argpartition(block, size - self.shortlist, axis=1)[:, size - self.shortlist:].copy()
        for index, scores, candidates in zip(rows, block, shortlists):
            shortlisted = scores[candidates]
            if decides(shortlisted, shortlisted.min(), self.count):
                best = self.best_among(index, candidates, shortlisted)
            else:
                best = self.best_among(index, np.arange(size), scores)
            yield Neighbours(int(index), best, candidates, shortlisted)


class ExactNeighbours:
    """Each row's `count` best other rows (index, score) among all rows, as `Ranking` orders them."""

    def __init__(self, matrix: sp.csr_matrix, ranking: Ranking) -> None:
        self.products = Products(matrix)
        self.ranking = ranking

    def best_in(self, rows: range) -> Iterator[Neighbours]:
        return self.ranking.best_of_rows(rows, self.products.rows(rows.start, rows.stop))


class DistinctiveNeighbours:
    """Like `ExactNeighbours` for long lists, where comparing every pair would take time n².

    Each paper keeps only its DISTINCTIVE_TERMS heaviest terms; two papers are compared only
    when they share one of them, and scored by the dot product of those kept weights. Common words, which
    make almost every pair comparable, drop out, and with them most of the work.
    """

    def __init__(self, matrix: sp.csr_matrix, ranking: Ranking) -> None:
        self.size = matrix.shape[0]
        self.distinctive = heaviest_terms(matrix, DISTINCTIVE_TERMS)
        self.transposed = self.distinctive.T.tocsr()  # csr @ csr: scipy would convert a csc at every block
        self.ranking = ranking

    def best_in(self, rows: range) -> Iterator[Neighbours]:
        size = self.size
        block = (self.distinctive[rows.start:rows.stop] @ self.transposed).tocsr()
        for offset, index in enumerate(rows):
            row = slice(block.indptr[offset], block.indptr[offset + 1])
            candidates, scores = block.indices[row], block.data[row]
            scored = candidates != index
            candidates, scores = candidates[scored], scores[scored]
            if np.count_nonzero(scores > EPSILON) < self.ranking.count:  # too few: topics decide the rest
                every_score = np.zeros(size)
                every_score[candidates] = scores
                candidates, scores = np.arange(size), every_score
                scores[index] = -1.0
            yield Neighbours(index, self.ranking.best_among(index, candidates, scores))


class LongListNeighbours:
    """The long lists' way with meaning vectors. Every pair gets a first score: its meaning cosine, in
    dense blocks (a product BLAS computes fast, 256 numbers a paper), plus its TF-IDF cosine over the
    terms distinctive of both papers, as `DistinctiveNeighbours` scores it (the sparse product over
    every term grows with n squared, and most of it is common words). A row's best first scores
    (its shortlist) are then scored again with every term, exactly, and its related papers picked
    from those: only a paper left out of the shortlist can be missed."""

    def __init__(self, text: sp.csr_matrix, meanings: np.ndarray, meaning_weight: float, ranking: Ranking) -> None:
        self.text = scaled(text, 1.0 - meaning_weight)
        self.distinctive = heaviest_terms(self.text, DISTINCTIVE_TERMS)
        self.transposed = self.distinctive.T.tocsr()  # csr @ csr: scipy would convert a csc at every block
        self.meanings = scaled(meanings, meaning_weight)
        self.ranking = ranking

    def best_in(self, rows: range) -> Iterator[Neighbours]:
        size, width = self.meanings.shape[0], self.ranking.shortlist
        block = self.meanings[rows.start:rows.stop] @ self.meanings.T
        block += (self.distinctive[rows.start:rows.stop] @ self.transposed).toarray()
        block[np.arange(len(rows)), np.asarray(rows)] = -np.inf  # not itself
        # a row's shortlist: every row scoring at least its width-th best (ties all in); a partition of
        # the values and a comparison cost a third of an argpartition
        kth = np.partition(block, size - width, axis=1)[:, size - width]
        offsets, others = np.nonzero(block >= kth[:, None])
        ones = np.asarray(rows)[offsets]
        scores = (self.meanings[ones] * self.meanings[others]).sum(axis=1)  # exact sums, as every product here
        scores += np.asarray(self.text[ones].multiply(self.text[others]).sum(axis=1)).ravel()
        scores[ones == others] = -1.0  # itself, shortlisted only when every row is
        bounds = np.searchsorted(offsets, np.arange(len(rows) + 1))
        for offset, index in enumerate(rows):
            span = slice(bounds[offset], bounds[offset + 1])
            yield Neighbours(index, self.ranking.best_among(index, others[span], scores[span]))


def heaviest_terms(matrix: sp.csr_matrix, keep: int) -> sp.csr_matrix:
    """Each row with only its `keep` largest weights (ties by column, so the result is stable)."""
    rows, columns, weights = [], [], []
    for row in range(matrix.shape[0]):
        span = slice(matrix.indptr[row], matrix.indptr[row + 1])
        data, indices = matrix.data[span], matrix.indices[span]
        chosen = np.lexsort((indices, -data))[:keep]
        rows.append(np.full(chosen.size, row))
        columns.append(indices[chosen])
        weights.append(data[chosen])
    return sp.csr_matrix((np.concatenate(weights), (np.concatenate(rows), np.concatenate(columns))),
                         shape=matrix.shape)


def decides(shortlisted: np.ndarray, bound: float, count: int) -> bool:
    """Whether a row's best `count` are surely among its shortlisted scores, when no score left out exceeds `bound`.

    They are when the count-th best shortlisted score (to 6 decimals, as `top_indices` compares)
    is positive and beats the bound; a tie with the bound could be a row left out, so then the
    whole row is used.
    """
    if shortlisted.size < count:
        return False
    kth, bound = np.round([np.partition(shortlisted, shortlisted.size - count)[shortlisted.size - count], bound], 6)
    return bool(kth > EPSILON and kth > bound)


class Products:
    """Rows of M @ M.T, a block at a time; the same numbers, computed in two parts.

    In a sparse product a column found in d rows costs d² steps, so the few columns found in
    many rows (common words) make most of the work. Those go into a small dense matrix, whose
    product BLAS computes many times faster; the other columns stay sparse.
    """

    def __init__(self, matrix: sp.csr_matrix) -> None:
        frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
        frequent = frequency * DENSE_SHARE >= matrix.shape[0]
        columns = matrix.tocsc()
        self.dense = columns[:, frequent].toarray()
        self.sparse = sp.csr_matrix(columns[:, ~frequent])
        self.sparse_transposed = self.sparse.T.tocsr()  # csr @ csr: scipy would convert a csc at every block

    def rows(self, start: int, stop: int) -> np.ndarray:
        """Rows start..stop of the product, as a dense array."""
        block = (self.sparse[start:stop] @ self.sparse_transposed).toarray()
        if self.dense.shape[1]:
            block += self.dense[start:stop] @ self.dense.T
        return block


def top_indices(scores: np.ndarray, rank_of: np.ndarray, count: int,
                tie_break: np.ndarray | None = None) -> list[int]:
    """Indices of the highest positive scores; equal scores (to 6 decimals) by `tie_break`, then slug.

    An index with no score but a positive `tie_break` still qualifies, after every scored one.
    """
    if tie_break is None:
        tie_break = np.zeros_like(scores)
    candidates = np.flatnonzero((scores > EPSILON) | (tie_break > EPSILON))
    if candidates.size == 0:
        return []
    text = np.where(scores[candidates] > EPSILON, np.round(scores[candidates], 6), 0.0)
    if candidates.size > count:  # only those at least as good as the count-th best can make the cut
        kth = np.partition(text, candidates.size - count)[candidates.size - count]
        keep = text >= kth
        candidates, text = candidates[keep], text[keep]
    keys = np.lexsort((rank_of[candidates], -np.round(tie_break[candidates], 6), -text))
    return [int(i) for i in candidates[keys[:count]]]
