"""The words papers are compared by: TF-IDF weights of the words and word pairs of each paper's text.

Every weight is rounded to a multiple of QUANTUM, so that the cosines computed from them are exact
sums, the same in any order (see related.py).
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import NamedTuple, TypeVar

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer
from sklearn.preprocessing import normalize

from generator.model import Paper
from generator.speed.parallel import in_parallel, worth_forking

# Weights are rounded to multiples of QUANTUM. A product of two is then a multiple of 2^-52, and a
# cosine's partial sums stay below 2, so float64 holds every step exactly: a similarity is the same
# whatever the order of its sum (BLAS kernels, block shapes, the rows an update recomputes).
QUANTUM = 2.0 ** -26
# Words every abstract uses, on top of scikit-learn's English stop words: they explain nothing.
EXTRA_STOP_WORDS = frozenset("""
    al et paper propose proposed method methods approach approaches results result novel existing
    code available github com https http www
""".split())
STOP_WORDS = ENGLISH_STOP_WORDS | EXTRA_STOP_WORDS
Weights = TypeVar("Weights", sp.csr_matrix, np.ndarray)
_TOKEN = re.compile(r"\b\w\w+\b")  # scikit-learn's default: words of two or more characters
_SEGMENT = re.compile(r"[.!?;:]\s+|\n")  # word pairs never span these


def paper_text(paper: Paper) -> str:
    """The text a paper is compared by: the title twice, then abstract, TL;DR and short names."""
    parts = [paper.title, paper.title, paper.abstract or "", paper.tldr or "", *paper.names]
    return "\n".join(part for part in parts if part)


def analyse(text: str) -> list[str]:
    """Lowercase words and pairs of neighbouring words, without stop words; no pair spans a sentence."""
    features: list[str] = []
    for segment in _SEGMENT.split(text.lower()):
        words = [word for word in _TOKEN.findall(segment) if word not in STOP_WORDS]
        features.extend(words)
        features.extend(f"{first} {second}" for first, second in zip(words, words[1:]))
    return features


class TermCounts(NamedTuple):
    """Papers' term counts: `columns[i]` (an index into `terms`) occurs `counts[i]` times, a paper's
    terms `row_lengths[paper]` entries in a row; terms are numbered in the order papers first use them."""

    terms: list[str]
    columns: np.ndarray
    counts: np.ndarray
    row_lengths: np.ndarray


def counted_terms(papers: Sequence[Paper]) -> TermCounts:
    middle = len(papers) // 2  # two cores: the second half is counted in a forked copy
    return _joined(*in_parallel(lambda: _count_terms(papers[:middle]), lambda: _count_terms(papers[middle:]),
                                fork=worth_forking(len(papers))))


def _count_terms(papers: Sequence[Paper]) -> TermCounts:
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # a new term gets the next column number
    columns = array("q")  # machine integers: a list would hold an object for every (paper, term)
    counts = array("q")
    row_lengths = array("q")
    for paper in papers:
        features = Counter(analyse(paper_text(paper)))
        columns.extend(map(vocabulary.__getitem__, features))  # one C loop per paper, not one per term
        counts.extend(features.values())
        row_lengths.append(len(features))
    return TermCounts(list(vocabulary), *(np.frombuffer(numbers, dtype=np.int64)
                                          for numbers in (columns, counts, row_lengths)))


def _joined(first: TermCounts, second: TermCounts) -> TermCounts:
    """The counts of the papers of `first` then `second`, numbered as counting them all in one go would."""
    vocabulary: defaultdict[str, int] = defaultdict(None, zip(first.terms, range(len(first.terms))))
    vocabulary.default_factory = vocabulary.__len__
    renumbered = np.fromiter(map(vocabulary.__getitem__, second.terms), dtype=np.int64, count=len(second.terms))
    return TermCounts(list(vocabulary), np.concatenate([first.columns, renumbered[second.columns]]),
                      np.concatenate([first.counts, second.counts]),
                      np.concatenate([first.row_lengths, second.row_lengths]))


def text_features(papers: Sequence[Paper]) -> tuple[sp.csr_matrix | None, list[str]]:
    """Rows of TF-IDF weights of the papers' texts (see `term_weights`)."""
    return term_weights(counted_terms(papers), len(papers))


def term_weights(counted: TermCounts, size: int) -> tuple[sp.csr_matrix | None, list[str]]:
    """Rows of L2-normalised TF-IDF weights (sublinear tf, smoothed idf, as scikit-learn computes them).

    A term found in one paper only cannot add to any similarity, but it does count in that paper's
    norm: rows are normalised with every term, then such terms are dropped. The cosines are the same
    as with the full matrix, which has four times the columns (most word pairs occur once). A term
    no paper uses any more (after an edit, related_index.py) is dropped too.
    """
    if not counted.terms:  # no usable words at all
        return None, []
    vocabulary, column_array, counts, row_lengths = counted
    rows = np.repeat(np.arange(size), row_lengths)
    document_frequency = np.bincount(column_array, minlength=len(vocabulary))
    idf = np.log((1 + size) / (1 + document_frequency)) + 1.0
    weights = (1.0 + np.log(counts.astype(np.float64))) * idf[column_array]
    norms = np.sqrt(np.bincount(rows, weights=weights ** 2, minlength=size))
    weights = np.round(weights / norms[rows] / QUANTUM) * QUANTUM
    shared = document_frequency > 1
    kept = shared[column_array]
    renumber = np.cumsum(shared) - 1
    matrix = sp.csr_matrix((weights[kept], (rows[kept], renumber[column_array[kept]])),
                           shape=(size, int(shared.sum())))
    matrix.sort_indices()
    terms = [term for term, keep in zip(vocabulary, shared) if keep]
    return matrix, terms


def topic_features(papers: Sequence[Paper]) -> sp.csr_matrix:
    """One column per topic, IDF-weighted so a topic every paper has says little; rows normalised."""
    names = sorted({topic for paper in papers for topic in paper.topics})
    if not names:
        return sp.csr_matrix((len(papers), 0))
    column = {name: index for index, name in enumerate(names)}
    rows, cols = [], []
    for row, paper in enumerate(papers):
        for topic in set(paper.topics):
            rows.append(row)
            cols.append(column[topic])
    indicators = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(papers), len(names)))
    return sp.csr_matrix(TfidfTransformer(sublinear_tf=False).fit_transform(indicators))


def with_topics(text: sp.csr_matrix, topics: sp.csr_matrix, topic_weight: float) -> sp.csr_matrix:
    """Text and topic blocks side by side, so cosine = (1-w) text cosine + w topic cosine."""
    if topics.shape[1] == 0 or topic_weight <= 0:
        return text
    weight = min(topic_weight, 1.0)
    combined = sp.hstack([text * np.sqrt(1.0 - weight), topics * np.sqrt(weight)], format="csr")
    return sp.csr_matrix(normalize(combined))


def scaled(weights: Weights, share: float) -> Weights:
    """`weights` (sparse or dense) times the square root of `share`, rounded to QUANTUM."""
    factor = math.sqrt(min(max(share, 0.0), 1.0))
    if sp.issparse(weights):
        scaled = sp.csr_matrix(weights, copy=True)
        scaled.data = np.round(scaled.data * factor / QUANTUM) * QUANTUM
        scaled.eliminate_zeros()
        return scaled
    return np.round(weights * factor / QUANTUM) * QUANTUM
