"""Meaning vectors (embeddings.py): loaded from the wheel without the network, the same bits in any order."""

from __future__ import annotations

import hashlib
import importlib.util
import math
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import generator.enrich.embeddings as embeddings
from generator.enrich.embeddings import GRID, ModelMissing, closest_topics, embed
from generator.enrich.topics import Topic
from generator.model import Paper

TEXTS = [
    "Segment Anything\nWe introduce a promptable segmentation model and a data set of a billion masks.",
    "Masked autoencoders are scalable vision learners",
    "Neural vocoders turn spectrograms into speech.",
    "Anomaly detection in industrial images with a memory bank of patch features.",
]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails at once (here nothing is reachable, and a try could hang)."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was asked for")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def fresh_model() -> Iterator[None]:
    """The model loaded again by the test, and again by whoever needs it next."""
    embeddings.model.cache_clear()
    yield
    embeddings.model.cache_clear()


@pytest.mark.usefixtures("no_network", "fresh_model")
def test_the_model_loads_from_the_installed_wheel_without_the_network() -> None:
    loaded = embeddings.model()
    assert loaded.table.shape == (32000, embeddings.DIMENSIONS) and loaded.table.dtype == np.int64
    assert embed(TEXTS[:1]).shape == (1, embeddings.DIMENSIONS)


@pytest.mark.usefixtures("no_network", "fresh_model")
def test_a_missing_tokenizer_fails_loudly_instead_of_downloading(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    monkeypatch.setattr(embeddings, "package_folder", lambda: tmp_path)  # a folder without the model's files
    with pytest.raises(ModelMissing, match=r"could not be loaded from .*reinstall the 'wordllama' package"):
        embeddings.model()


@pytest.mark.usefixtures("fresh_model")
def test_without_the_package_the_message_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelMissing, match="'wordllama' is not installed"):
        embeddings.model()


def test_loading_leaves_the_root_logger_as_it_was() -> None:
    """Importing wordllama calls logging.basicConfig: the build's log must not change."""
    code = ("import logging; from generator.enrich.embeddings import model; model(); "
            "print(len(logging.getLogger().handlers), logging.getLogger().level)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", str(30)]  # no handler, WARNING: Python's own defaults


def test_vectors_are_unit_length_on_the_grid() -> None:
    vectors = embed(TEXTS)
    assert vectors.dtype == np.float64
    assert np.array_equal(vectors / GRID, np.round(vectors / GRID))
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)


def test_dot_products_are_exact_whatever_the_order_of_the_sum() -> None:
    vectors = embed(TEXTS)
    for one in vectors:
        for other in vectors:
            products = one * other
            assert float(one @ other) == math.fsum(products) == sum(products[::-1].tolist()) == sum(products.tolist())


def test_a_text_gets_the_same_bits_alone_or_among_others() -> None:
    together = embed(TEXTS)
    for row, text in enumerate(TEXTS):
        assert np.array_equal(embed([text])[0], together[row])
    assert np.array_equal(embed(TEXTS[::-1])[::-1], together)


def test_the_same_bits_as_on_the_machine_that_wrote_this_test() -> None:
    """Every step is exact or one correctly rounded operation, so any machine gets these bits
    (a new wordllama model or tokenizer would change them: then check and update the digest)."""
    assert hashlib.sha256(embed(TEXTS).astype("<f8").tobytes()).hexdigest()[:16] == GOLDEN_DIGEST


GOLDEN_DIGEST = "8df71bb647eb88ed"  # wordllama 0.4.0.post1, l2_supercat_256


def test_a_text_without_tokens_is_the_zero_vector() -> None:
    vectors = embed(["", "Segment Anything"])
    assert not vectors[0].any() and vectors[1].any()


def test_related_texts_are_closer_than_unrelated_ones() -> None:
    sam, mae, vocoder, anomaly = embed(TEXTS)
    assert sam @ mae > sam @ vocoder
    assert anomaly @ sam > anomaly @ vocoder


def test_closest_topics_by_meaning() -> None:
    topics = [Topic("Speech", "Recognising and synthesising spoken language.", ("speech", "audio")),
              Topic("Segmentation", "Labelling every pixel of an image.", ("segmentation", "mask")),
              Topic("Anomaly detection", "Finding defects and outliers.", ("anomaly", "defect"))]
    papers = [Paper("Voices from spectrograms", abstract="A vocoder makes waveforms people can listen to."),
              Paper("Finding scratches on metal parts", abstract="Inspection of manufactured goods for faults.")]
    assert [found[0] for found in closest_topics(papers, topics, 2)] == ["Speech", "Anomaly detection"]
    assert closest_topics([], topics) == [] and closest_topics(papers, []) == [(), ()]
