"""Meaning vectors of papers: WordLlama's static token embeddings, pooled to the same bits on every machine.

WordLlama (`l2_supercat`, 256 dimensions) is a table of one vector per token, shipped inside the
`wordllama` wheel with its tokenizer; a text's vector is the mean of its tokens' vectors, less the
mean of the whole table: a direction every text shares, which makes any two texts look alike (taken
out, the mix with TF-IDF finds the conference page's similar papers more often). Nothing
is downloaded: the files are loaded from the installed package, and a missing file is an error
that says what to reinstall, never a download attempt.

Related papers compare these vectors by their dot products, which must be the same on every
machine and in every order of summation (BLAS kernels differ). So every step is either exact or
one correctly rounded operation per number: the table is read as integers (its values are
float16 numbers, multiples of 2^-24), token vectors are summed as integers, and the unit vector
is rounded to multiples of GRID, where the dot product of two is an exact float64 sum.

Besides related papers (related.py), meaning suggests topics for a paper whose text matched no
topic's phrase (`closest_topics`, listed by `python -m generator check`).
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import scipy.sparse as sp

from generator.enrich.topics import Topic
from generator.model import Paper
from generator.speed.parallel import in_parallel, worth_forking

if TYPE_CHECKING:  # imported when the model is loaded, not before
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

MODEL = "l2_supercat"  # WordLlama's configuration whose weights and tokenizer ship in the wheel
DIMENSIONS = 256
TABLE_SCALE = 2.0 ** 24  # the table's values are multiples of 2^-24: times this, integers
# Components are rounded to multiples of GRID (as related_terms.QUANTUM): a product of two is a multiple
# of 2^-52 and a dot product of unit vectors stays below 2, so float64 holds every partial sum exactly.
GRID = 2.0 ** -26
FINE = 2.0 ** -20  # an intermediate grid on which a vector's squared norm is an exact sum


class ModelMissing(RuntimeError):
    """The WordLlama files are not in the installed package: related papers cannot be computed."""


class Model(NamedTuple):
    """The token table as integers, its mean row, and the tokenizer."""

    table: np.ndarray  # int64, tokens x DIMENSIONS: the float16 values times TABLE_SCALE
    mean: np.ndarray  # float64, the table's mean row, in the table's integer units
    tokenizer: Tokenizer


def package_folder() -> Path:
    """Where `wordllama` is installed, found without importing it."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing("the Python package 'wordllama' is not installed: install the project again "
                           "(pip install -e .), which brings it with its model")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def model() -> Model:
    """The model, loaded once per process from the installed package; never from the network."""
    folder = package_folder()
    loaded = _load_quietly(folder)
    table = loaded.embedding.astype(np.float64) * TABLE_SCALE
    integers = np.round(table).astype(np.int64)  # exact for the shipped table; a rounding for any other
    mean = integers.sum(axis=0).astype(np.float64) / integers.shape[0]  # an exact integer sum, one division
    tokenizer = loaded.tokenizer
    tokenizer.no_padding()  # one text at a time: no padding to mask
    return Model(integers, mean, tokenizer)


def _load_quietly(folder: Path) -> WordLlamaInference:
    """`WordLlama.load` from the package's own folder, downloads off; importing wordllama configures
    the root logger (logging.basicConfig), which is undone so the build's log stays as it was."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from wordllama import WordLlama
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    try:
        return WordLlama.load(MODEL, dim=DIMENSIONS, cache_dir=folder, disable_download=True)
    except (OSError, ValueError) as error:  # FileNotFoundError among them: the tokenizer's, with downloads off
        raise ModelMissing(f"WordLlama's model {MODEL}_{DIMENSIONS} could not be loaded from {folder} "
                           f"({error}); reinstall the 'wordllama' package, whose wheel ships it") from error


def text_of(paper: Paper) -> str:
    """What a paper means: its title and abstract (its TL;DR when it has no abstract)."""
    return "\n".join(part for part in (paper.title, paper.abstract or paper.tldr or "") if part)


def embed_papers(papers: Sequence[Paper]) -> np.ndarray:
    """`embed` of each paper's `text_of`."""
    return embed([text_of(paper) for paper in papers])


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit meaning vectors on GRID, one row per text (zeros for a text without tokens).

    The halves are tokenised in this process and in a forked copy (the tokenizer is most of the time),
    which finds the model loaded.
    """
    model()
    middle = len(texts) // 2
    first, second = in_parallel(lambda: _embedded(texts[:middle]), lambda: _embedded(texts[middle:]),
                                fork=worth_forking(len(texts)))
    return np.vstack([first, second])


def _embedded(texts: Sequence[str]) -> np.ndarray:
    loaded = model()
    ids = [loaded.tokenizer.encode(text, add_special_tokens=False).ids for text in texts]
    lengths = np.array([len(row) for row in ids], dtype=np.int64)
    counts = sp.csr_matrix((np.ones(int(lengths.sum()), dtype=np.int64),
                            np.concatenate([np.asarray(row, dtype=np.int64) for row in ids] or [np.zeros(0, np.int64)]),
                            np.concatenate([[0], np.cumsum(lengths)])), shape=(len(texts), loaded.table.shape[0]))
    counts.sum_duplicates()  # a token repeated in a text: one count, so one product
    sums = np.asarray(counts @ loaded.table, dtype=np.int64)  # integer arithmetic: exact in any order
    return unit_on_grid(sums.astype(np.float64) / np.maximum(lengths, 1)[:, None] - loaded.mean, lengths > 0)


def unit_on_grid(vectors: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length and rounded to GRID, by operations that round the same everywhere;
    rows where `keep` is False (and all-zero rows) become zeros."""
    largest = np.abs(vectors).max(axis=1, initial=0.0)
    keep = keep & (largest > 0)
    scaled = np.zeros_like(vectors)
    scaled[keep] = np.round(vectors[keep] / largest[keep, None] / FINE) * FINE  # |x| <= 1, multiples of 2^-20
    norms = np.sqrt((scaled * scaled).sum(axis=1))  # squares are multiples of 2^-40 below 256: an exact sum
    unit = np.zeros_like(vectors)
    unit[keep] = np.round(scaled[keep] / norms[keep, None] / GRID) * GRID
    return unit


def topic_text(topic: Topic) -> str:
    """What a topic means: its name, description and phrases."""
    return ". ".join(part for part in (topic.name, topic.description, ", ".join(topic.phrases)) if part)


def closest_topics(papers: Sequence[Paper], topics: Sequence[Topic], count: int = 2) -> list[tuple[str, ...]]:
    """For each paper, the `count` topics closest in meaning to its title and abstract (ties by name):
    suggestions for papers whose text matched no topic's phrase."""
    if not papers or not topics:
        return [() for _ in papers]
    scores = embed_papers(papers) @ embed([topic_text(topic) for topic in topics]).T  # exact sums: on a grid
    names = np.array([topic.name for topic in topics])
    name_order = np.argsort(np.argsort(names, kind="stable"))
    return [tuple(str(names[k]) for k in np.lexsort((name_order, -row))[:count]) for row in scores]
