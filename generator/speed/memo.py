"""Results kept by key from one build to the next: digests of what a result was computed from, and memos.

A kept result is keyed by a digest of exactly what it was computed from, never by file times or
names alone, so it is always the result computing it again would give.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import re
from collections.abc import Callable, Hashable
from dataclasses import fields, is_dataclass
from typing import Any, Generic, TypeVar

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


_LEAVES = (str, int, float, bool, type(None), bytes, datetime.date, enum.Enum)


class Unkeyable(TypeError):
    """A value `Fingerprints` cannot vouch for (its repr may not show all it holds): the page that
    holds it is rendered every time, never kept."""


class Fingerprints:
    """Short digests of what a page is rendered from, for one build: equal digests, equal inputs.

    Text, numbers and dates are their own fingerprints; lists and tuples are taken apart; dicts,
    sets and dataclasses are digested, dataclasses by their repr, which shows every field, except
    types in `walk` (the library), which are taken apart so their papers are digested once each.
    Anything else is `Unkeyable`. What is digested is remembered for the build by identity (and
    kept alive, so no other object can take its identity): the papers, people and tags thousands
    of pages share cost once. So nothing given to a page may change during the build.
    """

    def __init__(self, walk: tuple[type, ...] = ()) -> None:
        self.walk = walk
        self.known: dict[int, object] = {}
        self.alive: list[object] = []

    def of(self, value: Any) -> object:
        """`value`'s fingerprint: itself if it is a plain value, else a tuple or a digest."""
        if isinstance(value, _LEAVES):
            return value
        if isinstance(value, (list, tuple)):
            return tuple(map(self.of, value))
        known = self.known.get(id(value))
        if known is not None:
            return known
        found = self._digested(value)
        self.known[id(value)] = found
        self.alive.append(value)
        return found

    def _digested(self, value: Any) -> bytes:
        if isinstance(value, dict):
            return digest(*((key, self.of(item)) for key, item in value.items()))
        if isinstance(value, (set, frozenset)):
            return digest(*sorted(repr(self.of(item)) for item in value))
        if is_dataclass(value) and not isinstance(value, type):
            if isinstance(value, self.walk):
                return digest(type(value).__qualname__, *(self.of(getattr(value, field.name)) for field in fields(value)))
            return digest(value)
        if isinstance(value, re.Pattern):
            return digest(value.pattern, value.flags)
        raise Unkeyable(f"no fingerprint for a {type(value).__qualname__}")


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
