"""What one build hands to the next in the same process, for `mkdocs serve`.

Under `mkdocs serve` every seed edit runs the whole pipeline again, and most of its work gives
the same results as last time. The plugin keeps one `Reuse` for the server's lifetime, so:
- a seed file whose bytes did not change is not read again;
- a paper whose text did not change keeps its topics;
- related papers are updated rather than computed again: only the rows an edited text reaches
  are computed (related_index.py).

Each result is keyed by a digest of exactly what it was computed from, never by file times or
names alone, so a kept result is always the one computing it again would give
(tests/test_reuse.py edits seeds and compares every byte with a fresh build). Only what the last
build used is kept: memory stays that of one build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from .related_index import RelatedIndex

Value = TypeVar("Value")


def digest(*parts: object) -> bytes:
    """A digest of values whose repr shows all they hold (text, numbers, tuples, lists, dataclasses), or bytes.

    By repr, not pickle: a pickle also records which equal objects are one object, and that differs
    between a value just computed and the same value kept from the last build.
    """
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.digest()


class Memo(Generic[Value]):
    """Results by key, holding what the current build used and what the one before it used."""

    def __init__(self) -> None:
        self.previous: dict[Hashable, Value] = {}
        self.current: dict[Hashable, Value] = {}
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        if key in self.current:
            self.hits += 1
            return self.current[key]
        if key in self.previous:
            self.hits += 1
            value = self.previous[key]
        else:
            self.misses += 1
            value = compute()
        self.current[key] = value
        return value

    def get_many(self, keys: list[Hashable], compute: Callable[[list[Hashable]], list[Value]]) -> list[Value]:
        """`get` for each key; `compute` is given every key not kept, at once (so it can share them out)."""
        missing = [key for key in dict.fromkeys(keys) if key not in self.current and key not in self.previous]
        computed = dict(zip(missing, compute(missing)))
        return [self.get(key, lambda key=key: computed[key]) for key in keys]

    def start_build(self) -> None:
        """Forget what no build since the last call used."""
        if self.current:
            self.previous, self.current = self.current, {}
        self.hits = self.misses = 0


class Reuse:
    """The memos of one `mkdocs serve` session; `build(..., reuse)` uses them (see the module docstring)."""

    def __init__(self) -> None:
        self.seed_files: Memo[bytes] = Memo()  # pickled: the papers read are changed by later stages
        self.topics: Memo[tuple[str, ...]] = Memo()
        self.related: RelatedIndex | None = None  # the last build's, updated by the next

    def start_build(self) -> None:
        for memo in (self.seed_files, self.topics):
            memo.start_build()

    def summary(self) -> str:
        """'seed files 7 of 8 kept, topics ..., related papers ...': what the last build reused."""
        counts = [(name, memo.hits, memo.hits + memo.misses)
                  for name, memo in (("seed files", self.seed_files), ("topics", self.topics))]
        if self.related is not None:
            rows = len(self.related.texts)
            counts.append(("related papers", rows - self.related.recomputed, rows))
        return ", ".join(f"{name} {kept} of {total} kept" for name, kept, total in counts if total)
