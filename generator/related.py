"""Related papers computed from title, abstract and topics: TF-IDF vectors, cosine similarity, top k.

Each paper is a vector of TF-IDF weights of the words and word pairs of its title (counted twice),
its abstract, TL;DR and the short names a lecture uses for it. Papers are ranked by the cosine of
these vectors; papers the text cannot tell apart, and the slots left when a paper's text shares too
few words with others (a title-only record like "Detectron2"), are decided by the cosine of their
IDF-weighted topic vectors, then by slug, so the result is the same on every run. (Blending topics
into the score itself, `topic_weight`, measured worse: see bench/related_quality.py.)
Similarities are computed a block of rows at a time, so memory grows with n times k rather than n
squared (a block holds BLOCK_CELLS similarities, whatever n). Past EXACT_UP_TO papers, only pairs
that share one of their distinctive terms are compared, so time stops growing with n squared.

Each related paper comes with its reasons: the terms whose weights add most to the similarity, and
the tags both papers carry (the most specific of them).
"""

from __future__ import annotations

import pickle
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer
from sklearn.preprocessing import normalize

from .model import Paper, Relation
from .parallel import in_parallel, worth_forking
from .reuse import Reuse, digest
from .topics import Vocabulary

BLOCK_CELLS = 1 << 22  # similarities held at once (32 MB): a block has BLOCK_CELLS // n rows
SHORTLIST = 32  # a row's highest scores among which its best `count` are looked for first
DENSE_SHARE = 8  # a column in at least 1/DENSE_SHARE of the rows goes into the dense product
EXACT_UP_TO = 10_000  # up to this many papers every pair is compared; beyond, see _most_similar_by_distinctive_terms
DISTINCTIVE_TERMS = 24  # terms per paper through which a long list finds and scores its related papers
TOPIC_WEIGHT = 0.0  # share of the similarity from shared topics; bench/related_quality.py: 0 measures best
MAX_TERMS = 3
MAX_TAGS = 4
_EPSILON = 1e-6
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


def relate(papers: list[Paper], count: int, vocabulary: Vocabulary | None = None,
           topic_weight: float = TOPIC_WEIGHT) -> None:
    """Set `related` (slugs) and `related_reasons` of each paper to its `count` most similar others.

    The blocks of rows are shared out between this process and a forked copy (parallel.py);
    each row is computed within the same block either way, so the result is the same.
    """
    for paper in papers:
        paper.related, paper.related_reasons = [], []
    if len(papers) < 2 or count <= 0:
        return
    text_matrix, terms = _text_features(papers)
    if text_matrix is None:
        return
    topic_matrix = _topic_features(papers)
    matrix = _combine(text_matrix, topic_matrix, topic_weight)
    order = np.argsort(np.array([paper.slug for paper in papers]), kind="stable")
    rank_of = np.empty(len(papers), dtype=np.int64)
    rank_of[order] = np.arange(len(papers))
    finder_type = ExactNeighbours if len(papers) <= EXACT_UP_TO else DistinctiveNeighbours
    finder = finder_type(matrix, topic_matrix.toarray(), rank_of, count)  # a curated vocabulary: few topic columns
    term_array = np.array(terms)

    def relations_in(blocks: Sequence[range]) -> list[tuple[int, list[Relation]]]:
        return [(index, [Relation(slug=papers[other].slug, score=round(max(score, 0.0), 4),
                                  terms=shared_terms(text_matrix, term_array, index, other),
                                  tags=shared_tags(papers[index], papers[other], vocabulary))
                         for other, score in others])
                for block in blocks for index, others in finder.best_in(block)]

    blocks = _blocks(len(papers))
    middle = len(blocks) // 2
    first, second = in_parallel(lambda: relations_in(blocks[:middle]), lambda: relations_in(blocks[middle:]),
                                fork=worth_forking(len(papers)))
    for index, relations in first + second:
        papers[index].related_reasons = relations
        papers[index].related = [relation.slug for relation in relations]


def relate_or_reuse(papers: list[Paper], count: int, vocabulary: Vocabulary | None, reuse: Reuse | None) -> None:
    """`relate`, or the related papers of the last build when nothing relating reads has changed."""
    if reuse is None:
        relate(papers, count, vocabulary)
        return
    inputs = [(paper.slug, paper_text(paper), paper.topics, paper.tags) for paper in papers]

    def computed() -> bytes:
        relate(papers, count, vocabulary)
        return pickle.dumps([(paper.related, paper.related_reasons) for paper in papers], pickle.HIGHEST_PROTOCOL)

    kept = reuse.relations.get(digest(count, TOPIC_WEIGHT, vocabulary, inputs), computed)
    for paper, (related, reasons) in zip(papers, pickle.loads(kept)):
        paper.related, paper.related_reasons = related, reasons


def _blocks(size: int) -> list[range]:
    """Row ranges holding at most BLOCK_CELLS similarities each."""
    rows_per_block = max(1, BLOCK_CELLS // size)
    return [range(start, min(start + rows_per_block, size)) for start in range(0, size, rows_per_block)]


class ExactNeighbours:
    """Each row's `count` best other rows (index, score) among all rows, as `top_indices` orders them.

    A row's best are first looked for among its SHORTLIST highest scores, found for a whole block
    at once; only when ties or too few scored rows make that shortlist unsafe is the whole row used.
    """

    def __init__(self, matrix: sp.csr_matrix, topics: np.ndarray, rank_of: np.ndarray, count: int) -> None:
        self.size = matrix.shape[0]
        self.products = Products(matrix)
        self.topics, self.rank_of, self.count = topics, rank_of, count
        self.shortlist = min(self.size, max(SHORTLIST, count + 1))

    def best_in(self, rows: range) -> Iterator[tuple[int, list[tuple[int, float]]]]:
        size, topics = self.size, self.topics
        block = self.products.rows(rows.start, rows.stop)
        block[np.arange(len(rows)), np.arange(rows.start, rows.stop)] = -1.0  # not itself
        shortlists = np.argpartition(block, size - self.shortlist, axis=1)[:, size - self.shortlist:]
        for index, scores, candidates in zip(rows, block, shortlists):
            if not _shortlist_decides(scores[candidates], self.count):
                candidates = np.arange(size)
            topic_scores = topics[candidates] @ topics[index]
            topic_scores[candidates == index] = -1.0
            best = candidates[top_indices(scores[candidates], self.rank_of[candidates], self.count, topic_scores)]
            yield index, [(int(other), float(scores[other])) for other in best]


class DistinctiveNeighbours:
    """Like `ExactNeighbours` for long lists, where comparing every pair would take time n².

    Each paper keeps only its DISTINCTIVE_TERMS heaviest terms; two papers are compared only
    when they share one of them, and scored by the dot product of those kept weights. Common words, which
    make almost every pair comparable, drop out, and with them most of the work.
    """

    def __init__(self, matrix: sp.csr_matrix, topics: np.ndarray, rank_of: np.ndarray, count: int) -> None:
        self.size = matrix.shape[0]
        self.distinctive = _heaviest_terms(matrix, DISTINCTIVE_TERMS)
        self.transposed = self.distinctive.T.tocsc()
        self.topics, self.rank_of, self.count = topics, rank_of, count

    def best_in(self, rows: range) -> Iterator[tuple[int, list[tuple[int, float]]]]:
        size, topics = self.size, self.topics
        block = (self.distinctive[rows.start:rows.stop] @ self.transposed).tocsr()
        for offset, index in enumerate(rows):
            row = slice(block.indptr[offset], block.indptr[offset + 1])
            candidates, scores = block.indices[row], block.data[row]
            scored = candidates != index
            candidates, scores = candidates[scored], scores[scored]
            if np.count_nonzero(scores > _EPSILON) < self.count:  # too few: topics decide the rest
                every_score = np.zeros(size)
                every_score[candidates] = scores
                candidates, scores = np.arange(size), every_score
                scores[index] = -1.0
            topic_scores = topics[candidates] @ topics[index]
            topic_scores[candidates == index] = -1.0
            best = top_indices(scores, self.rank_of[candidates], self.count, topic_scores)
            yield index, [(int(candidates[k]), float(scores[k])) for k in best]


def _heaviest_terms(matrix: sp.csr_matrix, keep: int) -> sp.csr_matrix:
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


def _shortlist_decides(shortlisted: np.ndarray, count: int) -> bool:
    """Whether the best `count` of a row are surely among its shortlisted scores.

    They are when at least `count` shortlisted scores are positive and the count-th best (to 6
    decimals, as `top_indices` compares) beats the lowest shortlisted one, which is at least
    every score left out; ties with it could be left out, so then the whole row is used.
    """
    rounded = np.sort(np.round(shortlisted, 6))[::-1]
    return rounded.size > count and rounded[count - 1] > _EPSILON and rounded[count - 1] > rounded[-1]


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
        self.sparse_transposed = self.sparse.T.tocsc()

    def rows(self, start: int, stop: int) -> np.ndarray:
        """Rows start..stop of the product, as a dense array."""
        block = (self.sparse[start:stop] @ self.sparse_transposed).toarray()
        if self.dense.shape[1]:
            block += self.dense[start:stop] @ self.dense.T
        return block


def _text_features(papers: Sequence[Paper]) -> tuple[sp.csr_matrix | None, list[str]]:
    """Rows of L2-normalised TF-IDF weights (sublinear tf, smoothed idf, as scikit-learn computes them).

    A term found in one paper only cannot add to any similarity, but it does count in that paper's
    norm: rows are normalised with every term, then such terms are dropped. The cosines are the same
    as with the full matrix, which has four times the columns (most word pairs occur once).
    """
    middle = len(papers) // 2  # two cores: the second half is counted in a forked copy
    counted = _joined(*in_parallel(lambda: _count_terms(papers[:middle]), lambda: _count_terms(papers[middle:]),
                                   fork=worth_forking(len(papers))))
    if not counted.terms:  # no usable words at all
        return None, []
    vocabulary, column_array, counts, row_lengths = counted
    rows = np.repeat(np.arange(len(papers)), row_lengths)
    document_frequency = np.bincount(column_array, minlength=len(vocabulary))
    idf = np.log((1 + len(papers)) / (1 + document_frequency)) + 1.0
    weights = (1.0 + np.log(counts.astype(np.float64))) * idf[column_array]
    norms = np.sqrt(np.bincount(rows, weights=weights ** 2, minlength=len(papers)))
    weights = np.round(weights / norms[rows] / QUANTUM) * QUANTUM
    shared = document_frequency > 1
    kept = shared[column_array]
    renumber = np.cumsum(shared) - 1
    matrix = sp.csr_matrix((weights[kept], (rows[kept], renumber[column_array[kept]])),
                           shape=(len(papers), int(shared.sum())))
    matrix.sort_indices()
    terms = [term for term, keep in zip(vocabulary, shared) if keep]
    return matrix, terms


class TermCounts(NamedTuple):
    """Papers' term counts: `columns[i]` (an index into `terms`) occurs `counts[i]` times, a paper's
    terms `row_lengths[paper]` entries in a row; terms are numbered in the order papers first use them."""

    terms: list[str]
    columns: np.ndarray
    counts: np.ndarray
    row_lengths: np.ndarray


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


def _topic_features(papers: Sequence[Paper]) -> sp.csr_matrix:
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


def _combine(text: sp.csr_matrix, topics: sp.csr_matrix, topic_weight: float) -> sp.csr_matrix:
    """Text and topic blocks side by side, so cosine = (1-w) text cosine + w topic cosine."""
    if topics.shape[1] == 0 or topic_weight <= 0:
        return text
    weight = min(topic_weight, 1.0)
    combined = sp.hstack([text * np.sqrt(1.0 - weight), topics * np.sqrt(weight)], format="csr")
    return sp.csr_matrix(normalize(combined))


def top_indices(scores: np.ndarray, rank_of: np.ndarray, count: int,
                tie_break: np.ndarray | None = None) -> list[int]:
    """Indices of the highest positive scores; equal scores (to 6 decimals) by `tie_break`, then slug.

    An index with no score but a positive `tie_break` still qualifies, after every scored one.
    """
    if tie_break is None:
        tie_break = np.zeros_like(scores)
    candidates = np.flatnonzero((scores > _EPSILON) | (tie_break > _EPSILON))
    if candidates.size == 0:
        return []
    text = np.where(scores[candidates] > _EPSILON, np.round(scores[candidates], 6), 0.0)
    if candidates.size > count:  # only those at least as good as the count-th best can make the cut
        kth = np.partition(text, candidates.size - count)[candidates.size - count]
        keep = text >= kth
        candidates, text = candidates[keep], text[keep]
    keys = np.lexsort((rank_of[candidates], -np.round(tie_break[candidates], 6), -text))
    return [int(i) for i in candidates[keys[:count]]]


def shared_terms(text: sp.csr_matrix, terms: np.ndarray, one: int, other: int,
                 limit: int = MAX_TERMS) -> tuple[str, ...]:
    """The terms that add most to the text similarity of two papers, without repeating words.

    A term whose words all appear in terms already chosen is skipped ("anomaly" after "anomaly
    detection"), and a word pair replaces the chosen words it contains.
    """
    first, second = slice(*text.indptr[one:one + 2]), slice(*text.indptr[other:other + 2])
    columns, left, right = np.intersect1d(text.indices[first], text.indices[second], assume_unique=True,
                                          return_indices=True)
    if columns.size == 0:
        return ()
    weights = np.round(text.data[first][left] * text.data[second][right], 9)
    names = terms[columns]
    order = np.lexsort((names, -weights))  # heaviest first; equal weights by term
    chosen: list[str] = []
    for k in order:
        term = str(names[k])
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
