"""The only module that writes files: generated pages go to `docs/`, atomically and only if changed.

The generator owns a few folders of `docs/` (and a few files); anything in those folders that
this build did not produce is stale and removed, so a paper dropped from the seeds loses its page.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.speed.parallel import in_parallel, worth_forking

FileStamp = tuple[int, int]  # size, modification time in nanoseconds


@dataclass(slots=True)
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


class WrittenFiles:
    """What the last build of this process left in `docs/`: each file's text and stamp (for `mkdocs serve`).

    A file whose text is the one written last time, and whose size and modification time have not
    moved since, holds that text: it need not be read back to be compared.
    """

    def __init__(self) -> None:
        self.files: dict[str, tuple[str, FileStamp]] = {}

    def holds(self, docs_dir: Path, relative: str, text: str) -> bool:
        last = self.files.get(relative)
        return last is not None and (last[0] is text or last[0] == text) and stamp(docs_dir / relative) == last[1]

    def untouched(self, docs_dir: Path) -> bool:
        """Whether every file is as the last build left it (none, before any build)."""
        return bool(self.files) and all(stamp(docs_dir / relative) == found for relative, (_, found) in self.files.items())

    def remember(self, docs_dir: Path, outputs: dict[str, str]) -> None:
        self.files = {relative: (text, found) for relative, text in outputs.items()
                      if (found := self._stamp_of(docs_dir, relative, text)) is not None}

    def _stamp_of(self, docs_dir: Path, relative: str, text: str) -> FileStamp | None:
        last = self.files.get(relative)
        return last[1] if last is not None and last[0] is text else stamp(docs_dir / relative)


def write_outputs(docs_dir: Path, outputs: dict[str, str], owned_dirs: tuple[str, ...],
                  written_before: WrittenFiles | None = None) -> WriteReport:
    """Write each `relative path -> text`; remove files in `owned_dirs` that are not outputs.

    The second half of the files is written by a forked copy of the process (parallel.py), which
    already holds their text and sends back only which of them it wrote. Files `written_before`
    vouches for are not even compared.
    """
    paths = sorted(relative for relative, text in outputs.items()
                   if written_before is None or not written_before.holds(docs_dir, relative, text))
    middle = len(paths) // 2
    first, second = in_parallel(lambda: _write_each(docs_dir, outputs, paths[:middle]),
                                lambda: _write_each(docs_dir, outputs, paths[middle:]),
                                fork=worth_forking(len(paths)))
    report = WriteReport(written=first + second, unchanged=len(outputs) - len(first) - len(second))
    if written_before is not None:
        written_before.remember(docs_dir, outputs)
    for relative in sorted(_files_in(docs_dir, owned_dirs) - outputs.keys()):
        (docs_dir / relative).unlink()
        report.removed.append(relative)
    return report


def _files_in(docs_dir: Path, folders: tuple[str, ...]) -> set[str]:
    """Every file under `folders` of `docs_dir`, as a path relative to it with forward slashes."""
    found: set[str] = set()
    for folder in folders:
        for directory, _, names in os.walk(docs_dir / folder):
            prefix = Path(directory).relative_to(docs_dir).as_posix()
            found.update(f"{prefix}/{name}" for name in names)
    return found


def _write_each(docs_dir: Path, outputs: dict[str, str], paths: list[str]) -> list[str]:
    """Those of `paths` whose file had to be written; the others already held their text."""
    return [relative for relative in paths if write_if_changed(docs_dir / relative, outputs[relative])]


def stamp(path: Path) -> FileStamp | None:
    """The file's size and modification time, or None if it is not there."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def write_if_changed(path: Path, text: str) -> bool:
    """Write through a temporary file and a rename, so no reader ever sees half a file."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
