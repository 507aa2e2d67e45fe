"""What one build hands to the next in the same process, for `mkdocs serve`.

Under `mkdocs serve` every seed edit runs the whole pipeline again, and most of its work gives
the same results as last time. The plugin keeps one `Reuse` for the server's lifetime, so:
- a seed file whose bytes did not change is not read again;
- a paper whose text did not change keeps its topics;
- the persons behind the author names are grouped again only when some paper's authors changed;
- related papers are updated rather than computed again: only the rows an edited text reaches
  are computed (related_index.py);
- a page (or .bib text) whose inputs did not change is not rendered again: its key is a digest
  of everything its template is given (`Fingerprints`);
- a file written by the last build, untouched since (same size and modification time) and given
  the same text, is not read back to be compared.

Each result is keyed by a digest of exactly what it was computed from, never by file times or
names alone, so a kept result is always the one computing it again would give
(tests/test_reuse.py edits seeds and compares every byte with a fresh build). Only what the last
build used is kept: memory stays that of one build.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import re
from collections.abc import Callable, Hashable
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from generator.site.output import WrittenFiles

if TYPE_CHECKING:
    from pathlib import Path

    from generator.enrich.authors import People
    from generator.library import Library
    from generator.speed.related_index import RelatedIndex

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


class Reuse:
    """The memos of one `mkdocs serve` session; `build(..., reuse)` uses them (see the module docstring)."""

    def __init__(self) -> None:
        self.seed_files: Memo[bytes] = Memo()  # pickled: the papers read are changed by later stages
        self.topics: Memo[tuple[str, ...]] = Memo()
        self.related: RelatedIndex | None = None  # the last build's, updated by the next
        self.pages: Memo[str] = Memo()  # rendered pages and .bib texts, by a digest of what they are made from
        self.people: Memo[People] = Memo()  # the persons behind the author names, by every paper's slug and authors
        self.written = WrittenFiles()  # what is in docs/ since the last build, so it need not be read back
        self.last_build: tuple[str, Library] | None = None  # its inputs' fingerprint (build_cache) and library

    def unchanged_build(self, fingerprint: str, docs_dir: Path) -> Library | None:
        """The last build's library if its inputs are the same and every file it wrote is untouched:
        then there is nothing to do, and nothing to load from the build cache either."""
        if self.last_build is None or self.last_build[0] != fingerprint or not self.written.untouched(docs_dir):
            return None
        return self.last_build[1]

    def start_build(self) -> None:
        for memo in (self.seed_files, self.topics, self.pages, self.people):
            memo.start_build()

    def summary(self) -> str:
        """'seed files 7 of 8 kept, topics ..., related papers ...': what the last build reused."""
        counts = [(name, memo.hits, memo.hits + memo.misses)
                  for name, memo in (("seed files", self.seed_files), ("topics", self.topics))]
        if self.related is not None:
            rows = len(self.related.texts)
            counts.append(("related papers", rows - self.related.recomputed, rows))
        counts.append(("pages", self.pages.hits, self.pages.hits + self.pages.misses))
        return ", ".join(f"{name} {kept} of {total} kept" for name, kept, total in counts if total)
