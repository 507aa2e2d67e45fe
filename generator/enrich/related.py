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

Each related paper comes with its reasons: the terms whose weights add most to the similarity,
the tags both papers carry (the most specific of them), and "close in meaning" when their
meaning vectors are (cosine at least MEANING_SHOWN).
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple, TypeVar

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer
from sklearn.preprocessing import normalize

from generator.enrich.embeddings import embed_papers
from generator.model import Paper, Relation
from generator.speed.parallel import in_parallel, worth_forking
from generator.enrich.topics import Vocabulary

BLOCK_CELLS = 1 << 22  # similarities held at once (32 MB): a block has BLOCK_CELLS // n rows
SHORTLIST = 32  # a row's highest scores among which its best `count` are looked for first
DENSE_SHARE = 8  # a column in at least 1/DENSE_SHARE of the rows goes into the dense product
EXACT_UP_TO = 10_000  # up to this many papers every pair is compared; beyond, see _most_similar_by_distinctive_terms
DISTINCTIVE_TERMS = 24  # terms per paper through which a long list finds and scores its related papers
TOPIC_WEIGHT = 0.0  # share of the similarity from shared topics; bench/related_quality.py: 0 measures best
# Share of the similarity from the meaning vectors. bench/related_quality.py: from 0.2 on, the
# conference page's similar papers are found best (5 of 5 for its subject, 3.06 per listed paper
# against 2.08 with TF-IDF alone); past it, the lecture's section mates are found less often.
MEANING_WEIGHT = 0.2
MEANING_SHOWN = 0.8  # a meaning cosine from which "close in meaning" is a reason (the closest 1 % of bundled pairs)
MAX_TERMS = 3
MAX_TAGS = 4
EPSILON = 1e-6
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


class Neighbours(NamedTuple):
    """A row's best other rows (index, score), and for an exact finder the shortlist it chose them from."""

    index: int
    best: list[tuple[int, float]]
    shortlist: np.ndarray | None = None  # the row's SHORTLIST highest-scoring rows ...
    scores: np.ndarray | None = None  # ... and their scores; no row left out scores higher than the lowest


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
    counts = _counted(papers)
    text_matrix, terms = term_weights(counts, len(papers))
    if meaning_weight > 0 and meanings is None:
        meanings = embed_papers(papers)
    meanings = meanings if meaning_weight > 0 else None
    if text_matrix is None:
        if meanings is None:
            return None
        text_matrix = sp.csr_matrix((len(papers), 0))
    topic_matrix = topic_features(papers)
    matrix = _combine(text_matrix, topic_matrix, topic_weight)
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
    text_part, meaning_part = _scaled(text, 1.0 - meaning_weight), _scaled(meanings, meaning_weight)
    return sp.csr_matrix(sp.hstack([text_part, sp.csr_matrix(meaning_part)], format="csr"))


def _scaled(weights: Weights, share: float) -> Weights:
    """`weights` (sparse or dense) times the square root of `share`, rounded to QUANTUM."""
    factor = math.sqrt(min(max(share, 0.0), 1.0))
    if sp.issparse(weights):
        scaled = sp.csr_matrix(weights, copy=True)
        scaled.data = np.round(scaled.data * factor / QUANTUM) * QUANTUM
        scaled.eliminate_zeros()
        return scaled
    return np.round(weights * factor / QUANTUM) * QUANTUM


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


def _blocks(size: int) -> list[range]:
    """Row ranges holding at most BLOCK_CELLS similarities each."""
    rows_per_block = max(1, BLOCK_CELLS // size)
    return [range(start, min(start + rows_per_block, size)) for start in range(0, size, rows_per_block)]


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
        self.distinctive = _heaviest_terms(matrix, DISTINCTIVE_TERMS)
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
        self.text = _scaled(text, 1.0 - meaning_weight)
        self.distinctive = _heaviest_terms(self.text, DISTINCTIVE_TERMS)
        self.transposed = self.distinctive.T.tocsr()  # csr @ csr: scipy would convert a csc at every block
        self.meanings = _scaled(meanings, meaning_weight)
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


def _text_features(papers: Sequence[Paper]) -> tuple[sp.csr_matrix | None, list[str]]:
    """Rows of TF-IDF weights of the papers' texts (see `term_weights`)."""
    return term_weights(_counted(papers), len(papers))


def _counted(papers: Sequence[Paper]) -> TermCounts:
    middle = len(papers) // 2  # two cores: the second half is counted in a forked copy
    return _joined(*in_parallel(lambda: _count_terms(papers[:middle]), lambda: _count_terms(papers[middle:]),
                                fork=worth_forking(len(papers))))


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
