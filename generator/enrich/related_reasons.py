"""Why two papers are related: the terms that add most to their similarity, shared tags, closeness in meaning."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from generator.enrich.topics import Vocabulary
from generator.model import Paper, Relation

MEANING_SHOWN = 0.8  # a meaning cosine from which "close in meaning" is a reason (the closest 1 % of bundled pairs)
MAX_TERMS = 3
MAX_TAGS = 4


class Reasons:
    """Rows' related papers as `Relation`s: score, shared terms, shared tags, closeness in meaning."""

    def __init__(self, papers: Sequence[Paper], text_matrix: sp.csr_matrix, terms: list[str],
                 vocabulary: Vocabulary | None, meanings: np.ndarray | None = None) -> None:
        self.papers, self.text_matrix, self.vocabulary, self.meanings = papers, text_matrix, vocabulary, meanings
        self.terms = np.array(terms)
        self.term_order = np.argsort(np.argsort(self.terms, kind="stable"))  # each term's place in sorted order

    def of(self, index: int, best: list[tuple[int, float]]) -> list[Relation]:
        return self.of_rows([(index, best)])[0]

    def of_rows(self, rows: Sequence[tuple[int, list[tuple[int, float]]]]) -> list[list[Relation]]:
        """The relations of each (row, its best); the shared terms of every pair are found at once."""
        ones = np.array([index for index, best in rows for _ in best], dtype=np.int64)
        others = np.array([other for _, best in rows for other, _ in best], dtype=np.int64)
        terms = shared_terms(self.text_matrix, self.terms, ones, others, self.term_order)
        close = iter(self.close_in_meaning(ones, others, terms))
        found = iter(terms)
        papers = self.papers
        return [[Relation(slug=papers[other].slug, score=round(max(score, 0.0), 4), terms=next(found),
                          tags=shared_tags(papers[index], papers[other], self.vocabulary),
                          close_in_meaning=next(close))
                 for other, score in best] for index, best in rows]

    def close_in_meaning(self, ones: np.ndarray, others: np.ndarray, terms: list[tuple[str, ...]]) -> list[bool]:
        """For each pair, whether its meaning cosine reaches MEANING_SHOWN, or is positive while the two
        share no term (then meaning is all that relates them). Exact sums: the vectors are on a grid."""
        if self.meanings is None or len(ones) == 0:
            return [False] * len(ones)
        cosines = (self.meanings[ones] * self.meanings[others]).sum(axis=1)
        return [bool(cosine >= MEANING_SHOWN or (cosine > 0 and not shared))
                for cosine, shared in zip(cosines, terms)]


def shared_terms(text: sp.csr_matrix, terms: np.ndarray, ones: np.ndarray, others: np.ndarray,
                 term_order: np.ndarray, limit: int = MAX_TERMS) -> list[tuple[str, ...]]:
    """For each pair of rows (ones[k], others[k]), the terms that add most to their text similarity,
    without repeating words; `term_order` is each term's place in alphabetical order (for ties).

    The products of every pair's shared weights come from one elementwise product of sparse rows,
    sorted at once: heaviest first, equal weights (to 9 decimals) by term.
    """
    if len(ones) == 0:
        return []
    products = text[ones].multiply(text[others]).tocsr()
    lengths = np.diff(products.indptr)
    pair = np.repeat(np.arange(len(ones)), lengths)
    order = np.lexsort((term_order[products.indices], -np.round(products.data, 9), pair))
    names = terms[products.indices[order]]
    bounds = products.indptr
    return [_without_repeats(names[bounds[k]:bounds[k + 1]], limit) for k in range(len(ones))]


def _without_repeats(names: np.ndarray, limit: int) -> tuple[str, ...]:
    """The first `limit` of `names` (heaviest first) that show a new word.

    A term whose words all appear in terms already chosen is skipped ("anomaly" after "anomaly
    detection"), and a word pair replaces the chosen words it contains.
    """
    chosen: list[str] = []
    for name in names:
        term = str(name)
        words = set(term.split())
        if words <= {word for earlier in chosen for word in earlier.split()}:
            continue
        # a pair takes the place of the single words it contains: "anomaly detection", not "anomaly"
        chosen = [earlier for earlier in chosen if not set(earlier.split()) <= words] + [term]
        if len(chosen) == limit:
            break
    return tuple(chosen)


def shared_tags(paper: Paper, other: Paper, vocabulary: Vocabulary | None,
                limit: int = MAX_TAGS) -> tuple[str, ...]:
    """The tags both papers carry, in the paper's order; a topic whose subtopic is shared is left out."""
    common = [tag for tag in paper.tags if tag in other.tags]
    if vocabulary is not None:
        implied = {ancestor for tag in common for ancestor in vocabulary.ancestors(tag)}
        common = [tag for tag in common if tag not in implied]
    return tuple(common[:limit])
