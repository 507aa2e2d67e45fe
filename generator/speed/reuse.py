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
(tests/speed/test_reuse.py edits seeds and compares every byte with a fresh build). Only what the last
build used is kept: memory stays that of one build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.site.output import WrittenFiles
from generator.speed.memo import Memo

if TYPE_CHECKING:
    from pathlib import Path

    from generator.enrich.authors import People
    from generator.library import Library
    from generator.speed.related_index import RelatedIndex


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
