"""The only module that writes files: generated pages go to `docs/`, atomically and only if changed.

The generator owns a few folders of `docs/` (and a few files); anything in those folders that
this build did not produce is stale and removed, so a paper dropped from the seeds loses its page.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .parallel import in_parallel, worth_forking


@dataclass(slots=True)
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def write_outputs(docs_dir: Path, outputs: dict[str, str], owned_dirs: tuple[str, ...]) -> WriteReport:
    """Write each `relative path -> text`; remove files in `owned_dirs` that are not outputs.

    The second half of the files is written by a forked copy of the process (parallel.py), which
    already holds their text and sends back only which of them it wrote.
    """
    paths = sorted(outputs)
    middle = len(paths) // 2
    first, second = in_parallel(lambda: _write_each(docs_dir, outputs, paths[:middle]),
                                lambda: _write_each(docs_dir, outputs, paths[middle:]),
                                fork=worth_forking(len(paths)))
    report = WriteReport(written=first + second, unchanged=len(paths) - len(first) - len(second))
    for folder in owned_dirs:
        for path in sorted((docs_dir / folder).rglob("*")):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and relative not in outputs:
                path.unlink()
                report.removed.append(relative)
    return report


def _write_each(docs_dir: Path, outputs: dict[str, str], paths: list[str]) -> list[str]:
    """Those of `paths` whose file had to be written; the others already held their text."""
    return [relative for relative in paths if write_if_changed(docs_dir / relative, outputs[relative])]


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
