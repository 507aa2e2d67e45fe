"""What one relate keeps, so that the next, after a few papers' texts changed, redoes only the rows they reach.

Under `mkdocs serve` every seed edit builds again, and one changed word in an abstract had every
paper related again (3.5 s at 5,000 papers). But each cosine is an exact sum (related_terms.QUANTUM):
the similarity of two papers whose weights did not change is the same, bit for bit. A paper's
weights change when its text changes, or when one of its terms is now found in more or fewer
papers (that term's IDF changes, and with it the paper's norm); its meaning vector changes only
with its own title and abstract (embeddings.py: on a grid too, so meaning cosines are exact sums
as well), and is kept for every other paper. Only those rows are computed whole. Every other row kept its SHORTLIST highest scores and a bound no other score exceeds: its
new best are picked from those and the changed rows, unless the bound cannot rule out a row left
out, and then that row is computed whole too. The result is the one relating from scratch gives
(tests/speed/test_related_index.py compares them after random edits).

An update needs the same papers in the same order, with the same topics and tags (they break
ties and give reasons), and every pair compared (related.EXACT_UP_TO). A paper added or removed
changes every IDF, so then the papers are related from scratch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp

from generator.enrich.embeddings import embed, text_of
from generator.enrich.neighbours import EPSILON, Neighbours, Ranking, decides
from generator.enrich.related import (MEANING_WEIGHT, TOPIC_WEIGHT, Relating, Shortlists, relate, slug_ranks,
                                      with_meanings)
from generator.enrich.related_reasons import Reasons
from generator.enrich.related_terms import TermCounts, analyse, paper_text, term_weights, topic_features
from generator.enrich.topics import Vocabulary
from generator.model import Paper, Relation
from generator.speed.memo import digest

AFFECTED_SHARE = 4  # past 1/AFFECTED_SHARE of the rows affected, relating from scratch on two cores is as fast


def related_again(papers: list[Paper], count: int, vocabulary: Vocabulary | None, kept: RelatedIndex | None,
                  meaning_weight: float = MEANING_WEIGHT) -> RelatedIndex:
    """`relate`, as an update of the last build's index (`kept`) where it can be: under `mkdocs serve`."""
    key = digest(count, TOPIC_WEIGHT, meaning_weight, vocabulary,
                 [(paper.slug, paper.topics, paper.tags) for paper in papers])
    index = kept.updated(papers) if kept is not None and kept.key == key else None
    if index is None:
        index = RelatedIndex.computed(papers, count, vocabulary, key, meaning_weight)
    for paper, relations in zip(papers, index.relations):
        paper.related_reasons = list(relations)
        paper.related = [relation.slug for relation in relations]
    return index


@dataclass(slots=True)
class RelatedIndex:
    """One relate's result, and what updating it needs."""

    key: bytes  # digest of what must not change for an update: count, weights, vocabulary, slugs, topics, tags
    count: int
    vocabulary: Vocabulary | None
    texts: list[tuple[str, str]]  # related_terms.paper_text and embeddings.text_of of each paper
    relations: list[list[Relation]]
    relating: Relating | None  # None: no paper could be related (too few papers, no words)
    recomputed: int  # rows computed by the build that made this index
    meaning_weight: float = MEANING_WEIGHT

    @classmethod
    def computed(cls, papers: list[Paper], count: int, vocabulary: Vocabulary | None, key: bytes,
                 meaning_weight: float = MEANING_WEIGHT) -> RelatedIndex:
        """Relating from scratch."""
        relating = relate(papers, count, vocabulary, meaning_weight=meaning_weight)
        return cls(key, count, vocabulary, _texts(papers), [paper.related_reasons for paper in papers],
                   relating, len(papers), meaning_weight)

    def updated(self, papers: list[Paper]) -> RelatedIndex | None:
        """The index for `papers`, whose slugs, topics and tags are those of this one; None when
        relating from scratch is needed (or as fast)."""
        texts = _texts(papers)
        changed = np.array([row for row, (old, new) in enumerate(zip(self.texts, texts)) if old != new], dtype=np.int64)
        if changed.size == 0:
            return replace(self, recomputed=0)
        if self.relating is None or self.relating.shortlists is None:
            return None
        counts = _recounted(self.relating.counts, {int(row): texts[row][0] for row in changed})
        affected = _affected(self.relating.counts, counts, changed)
        if affected.size * AFFECTED_SHARE > len(papers):
            return None
        text_matrix, terms = term_weights(counts, len(papers))
        if text_matrix is None:
            return None
        meanings = self._meanings(texts, changed)
        matrix = with_meanings(text_matrix, meanings, self.meaning_weight)
        update = _Update(self, papers, matrix, Reasons(papers, text_matrix, terms, self.vocabulary, meanings))
        relating = update.run(affected, counts, meanings)
        return RelatedIndex(self.key, self.count, self.vocabulary, texts, update.relations, relating,
                            update.recomputed, self.meaning_weight)

    def _meanings(self, texts: list[tuple[str, str]], changed: np.ndarray) -> np.ndarray | None:
        """The meaning vectors, the changed rows' embedded again, every other row's kept."""
        kept = self.relating.meanings if self.relating is not None else None
        if kept is None:
            return None
        meanings = kept.copy()
        meanings[changed] = embed([texts[row][1] for row in changed])
        return meanings


class _Update:
    """The rows of a `RelatedIndex` after an edit: affected rows whole, the others from their shortlists."""

    def __init__(self, index: RelatedIndex, papers: list[Paper], matrix: sp.csr_matrix, reasons: Reasons) -> None:
        assert index.relating is not None and index.relating.shortlists is not None
        self.index, self.matrix, self.reasons = index, matrix, reasons
        self.ranking = Ranking(topic_features(papers).toarray(), slug_ranks(papers), index.count)
        self.best = list(index.relating.best)
        self.relations = list(index.relations)
        old = index.relating.shortlists
        self.shortlists = Shortlists(old.rows.copy(), old.scores.copy(), old.bounds.copy())
        self.recomputed = 0

    def run(self, affected: np.ndarray, counts: TermCounts, meanings: np.ndarray | None) -> Relating:
        block = (self.matrix[affected] @ self.matrix.T).toarray()
        others = np.setdiff1d(np.arange(self.matrix.shape[0]), affected)
        against_affected = block[:, others].T  # cosines are symmetric, and exact: row i's scores for the affected rows
        self._found(self.ranking.best_of_rows(affected, block))
        self._others(others, affected, against_affected)
        return Relating(counts, self.best, self.shortlists, meanings)

    def _others(self, others: np.ndarray, affected: np.ndarray, scores_of_affected: np.ndarray) -> None:
        """Rows not affected: shortlists refreshed with the affected rows' new scores, then best picked again
        where those could change them."""
        best_before = self.index.relating.best  # type: ignore[union-attr]
        old_best = _padded(best_before, self.ranking.count)[others]
        rows, scores, bounds = _merged(self.shortlists, others, affected, scores_of_affected)
        self.shortlists.rows[others], self.shortlists.scores[others], self.shortlists.bounds[others] = rows, scores, bounds
        kth = _kth_scores(best_before, others, self.ranking.count)
        unchanged = (~np.isin(old_best, affected).any(axis=1) & (kth > EPSILON)
                     & (np.round(scores_of_affected, 6).max(axis=1, initial=-1.0) < kth))
        whole: list[int] = []
        for position in np.flatnonzero(~unchanged):
            row = int(others[position])
            if decides(scores[position], bounds[position], self.ranking.count):
                self._set(row, self.ranking.best_among(row, rows[position], scores[position]))
            else:
                whole.append(row)
        if whole:
            self._found(self.ranking.best_of_rows(whole, (self.matrix[whole] @ self.matrix.T).toarray()))

    def _found(self, found: Iterator[Neighbours]) -> None:
        """Rows computed whole: their best, and a fresh shortlist bounded by its lowest score."""
        for neighbours in found:
            row = neighbours.index
            self.shortlists.rows[row], self.shortlists.scores[row] = neighbours.shortlist, neighbours.scores
            self.shortlists.bounds[row] = neighbours.scores.min()  # type: ignore[union-attr]
            self._set(row, neighbours.best)

    def _set(self, row: int, best: list[tuple[int, float]]) -> None:
        self.best[row] = best
        self.relations[row] = self.reasons.of(row, best)
        self.recomputed += 1


def _merged(shortlists: Shortlists, others: np.ndarray, affected: np.ndarray,
            scores_of_affected: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The shortlists of rows `others` with the affected rows' old scores replaced by their new ones,
    cut back to the same width; the bound rises to the highest score cut, so it still bounds every row left out."""
    old_rows = shortlists.rows[others]
    width = old_rows.shape[1]
    rows = np.hstack([old_rows, np.broadcast_to(affected, scores_of_affected.shape)])
    scores = np.hstack([np.where(np.isin(old_rows, affected), -np.inf, shortlists.scores[others]), scores_of_affected])
    order = np.argpartition(scores, scores.shape[1] - width, axis=1)
    kept, cut = order[:, scores.shape[1] - width:], order[:, :scores.shape[1] - width]
    bounds = np.maximum(shortlists.bounds[others], np.take_along_axis(scores, cut, axis=1).max(axis=1))
    return np.take_along_axis(rows, kept, axis=1), np.take_along_axis(scores, kept, axis=1), bounds


def _texts(papers: list[Paper]) -> list[tuple[str, str]]:
    """What relating reads of each paper: its text for TF-IDF, and for its meaning."""
    return [(paper_text(paper), text_of(paper)) for paper in papers]


def _padded(best: list[list[tuple[int, float]]], count: int) -> np.ndarray:
    """Each row's best row indices, as an array padded with -1."""
    padded = np.full((len(best), count), -1, dtype=np.int64)
    for row, pairs in enumerate(best):
        padded[row, :len(pairs)] = [other for other, _ in pairs]
    return padded


def _kth_scores(best: list[list[tuple[int, float]]], rows: np.ndarray, count: int) -> np.ndarray:
    """Each row's count-th best score to 6 decimals (as `top_indices` compares), or -1 if it has fewer."""
    return np.array([round(best[row][count - 1][1], 6) if len(best[row]) >= count else -1.0 for row in rows])


def _recounted(counts: TermCounts, texts: dict[int, str]) -> TermCounts:
    """`counts` with the rows of `texts` counted again; terms not seen before are numbered after the others.

    (The numbering differs from counting from scratch; nothing depends on it: cosines are exact
    sums, and reasons order terms by weight and name.)
    """
    vocabulary = dict(zip(counts.terms, range(len(counts.terms))))
    starts = np.concatenate([[0], np.cumsum(counts.row_lengths)])
    columns: list[np.ndarray] = []
    numbers: list[np.ndarray] = []
    lengths = counts.row_lengths.copy()
    done = 0
    for row, text in sorted(texts.items()):
        columns.append(counts.columns[starts[done]:starts[row]])
        numbers.append(counts.counts[starts[done]:starts[row]])
        features = Counter(analyse(text))
        columns.append(np.array([vocabulary.setdefault(term, len(vocabulary)) for term in features], dtype=np.int64))
        numbers.append(np.array(list(features.values()), dtype=np.int64))
        lengths[row] = len(features)
        done = row + 1
    columns.append(counts.columns[starts[done]:])
    numbers.append(counts.counts[starts[done]:])
    return TermCounts(list(vocabulary), np.concatenate(columns), np.concatenate(numbers), lengths)


def _affected(old: TermCounts, new: TermCounts, changed: np.ndarray) -> np.ndarray:
    """Rows whose weights may differ: the changed ones, and every row with a term whose document frequency changed."""
    size = len(new.terms)
    moved = np.bincount(old.columns, minlength=size) != np.bincount(new.columns, minlength=size)
    rows = np.repeat(np.arange(len(new.row_lengths)), new.row_lengths)
    return np.union1d(rows[moved[new.columns]], changed)
