"""Results kept by key: a memo keeps what the last build used, and fingerprints tell inputs apart."""

from __future__ import annotations

import pytest

from generator.model import Paper, Relation
from generator.speed.memo import Fingerprints, Memo, Unkeyable


def test_a_memo_keeps_only_what_the_last_build_used() -> None:
    memo: Memo[int] = Memo()
    memo.get("a", lambda: 1)
    memo.start_build()
    memo.get("b", lambda: 2)
    memo.start_build()
    assert memo.get("a", lambda: 10) == 10  # "a" was not used by the build before
    assert memo.get("b", lambda: 20) == 2
    assert (memo.hits, memo.misses) == (1, 1)


def test_get_many_computes_every_key_not_kept_in_one_call() -> None:
    memo: Memo[object] = Memo()
    memo.get("a", lambda: 1)
    memo.start_build()
    asked: list[list[object]] = []

    def compute(keys: list[object]) -> list[object]:
        asked.append(keys)
        return [str(key).upper() for key in keys]

    assert memo.get_many(["a", "b", "c", "b"], compute) == [1, "B", "C", "B"]
    assert asked == [["b", "c"]]
    assert (memo.hits, memo.misses) == (2, 2)  # the second "b" was kept by this build


def test_fingerprints_tell_apart_what_a_page_could_show() -> None:
    fingerprints = Fingerprints()
    paper = Paper("A title", abstract="Words.", slug="a-title")
    same = Paper("A title", abstract="Words.", slug="a-title")
    assert fingerprints.of([paper, {"x": (1, "y")}]) == Fingerprints().of([same, {"x": (1, "y")}])
    same.related_reasons = [Relation("b", 0.5, ("words",))]  # a nested field
    assert Fingerprints().of(paper) != Fingerprints().of(same)
    assert Fingerprints().of({"b", "a"}) == Fingerprints().of({"a", "b"})
    assert Fingerprints().of(["1"]) != Fingerprints().of([1])


def test_a_value_without_a_fingerprint_is_refused() -> None:
    with pytest.raises(Unkeyable):
        Fingerprints().of(object())  # its repr shows an address, which another object may take later
