"""Under `mkdocs serve`: rebuild when a hand-written file of `docs/` changes, not when the generator writes.

MkDocs watches the whole of `docs/`, which costs twice:
- the pages the generator writes after a seed edit wake it again: every edit made MkDocs build
  twice and the browser reload twice, the second time for nothing (about 1.2 s of work at 5,000
  papers, during which the next edit waits);
- its watcher polls every file twice a second: at 5,000 papers (10,000 files) that kept a quarter
  of a core busy all along, competing with every rebuild on a two-core machine.

The plugin swaps MkDocs' watch of `docs/` for `HandWrittenDocs`, which watches the top level of
`docs/` and each folder there the generator does not own (a new one as soon as it appears), and
lets through only the events of files the generator does not write. Seeds and templates are
watched as before.

This uses two internals of MkDocs' `LiveReloadServer`: its watchdog observer and the condition its
own watch callback sets. `watch_hand_written_docs` checks for them and, on a MkDocs without them,
leaves MkDocs' own watch in place (the second build comes back; nothing else changes).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler

log = logging.getLogger("mkdocs.plugins.reading-list")

_SERVER_INTERNALS = ("observer", "_rebuild_cond", "_want_rebuild", "unwatch")


class HandWrittenDocs(FileSystemEventHandler):
    """Asks the server for a rebuild on any change in `docs/` but those of the generator's files."""

    def __init__(self, server: Any, docs_dir: Path, owned_dirs: Collection[str], owned_files: Collection[str]) -> None:
        self.server = server
        self.docs_dir = docs_dir
        self.owned_dirs = set(owned_dirs)
        self.owned_files = set(owned_files)

    def start(self) -> None:
        """Watch the top level of docs/ and every folder there but the generator's."""
        self.server.observer.schedule(self, str(self.docs_dir), recursive=False)
        for folder in sorted(self.docs_dir.iterdir()) if self.docs_dir.is_dir() else ():
            if folder.is_dir() and folder.name not in self.owned_dirs:
                self.server.observer.schedule(self, str(folder), recursive=True)

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = Path(os.fsdecode(event.src_path))
        if event.is_directory:
            if event.event_type == "created" and path.parent == self.docs_dir and path.name not in self.owned_dirs:
                self.server.observer.schedule(self, str(path), recursive=True)  # a new folder of the user's
                self.rebuild()  # for what it held before it was watched
            return
        paths = [path, *([Path(os.fsdecode(event.dest_path))] if getattr(event, "dest_path", "") else [])]
        if not all(self.generated(str(each)) for each in paths):
            self.rebuild()

    def rebuild(self) -> None:
        with self.server._rebuild_cond:  # what MkDocs' own watch callback does
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()

    def generated(self, path: str) -> bool:
        """A file the generator writes: anything in the folders it owns, or one of its top-level
        files, or the temporary file such a file is written through (output.py)."""
        try:
            parts = Path(path).relative_to(self.docs_dir).parts
        except ValueError:
            return False
        if len(parts) > 1:
            return parts[0] in self.owned_dirs
        name = parts[0] if parts else ""
        return name in self.owned_files or any(
            name.startswith(f".{owned}.") and name.endswith(".tmp") for owned in self.owned_files)


def watch_hand_written_docs(server: Any, docs_dir: Path, owned_dirs: Collection[str],
                            owned_files: Collection[str]) -> bool:
    """Replace MkDocs' watch of `docs/` by `HandWrittenDocs`; False (and MkDocs' watch kept) if the
    server is not the kind this knows."""
    docs_dir = Path(os.path.abspath(docs_dir))  # as MkDocs names the path it watches
    if not all(hasattr(server, name) for name in _SERVER_INTERNALS):
        log.debug("reading-list: MkDocs' server is not as expected: docs/ stays watched by MkDocs")
        return False
    try:
        server.unwatch(str(docs_dir))
    except KeyError:  # MkDocs did not watch it (under that name): nothing to replace
        return False
    HandWrittenDocs(server, docs_dir, owned_dirs, owned_files).start()
    log.info("reading-list: watching docs/ for changes, but for the pages the generator writes")
    return True
