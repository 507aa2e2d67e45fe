"""A digest of every file the bundled seeds build into, to prove a refactoring changed nothing.

Run it before and after a change and compare the two outputs; an empty diff means the generated
pages in `docs/` and the whole `site/` are byte-identical:

    python scripts/site_digest.py > /tmp/before.txt
    ...change the code...
    python scripts/site_digest.py | diff /tmp/before.txt - && echo identical

The build runs in a private copy of the project's inputs, with MkDocs' one date pinned
(SOURCE_DATE_EPOCH, the sitemap's lastmod), so the digest depends on the code and the seeds only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
INPUTS = ("seeds", "site_templates", "overrides", "mkdocs.yml")
FIXED_DATE = "1767225600"


def copy_inputs(target: Path) -> None:
    """The project's inputs: seeds, templates, theme overrides, mkdocs.yml and the tracked docs/ files."""
    for name in INPUTS:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy(source, target / name)
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=PROJECT, capture_output=True, text=True, check=True)
    for name in tracked.stdout.split():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / name, destination)


def build(project: Path) -> None:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_DATE, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("SITE_URL", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project,
                   env=environment, check=True)


def digest_lines(project: Path) -> list[str]:
    """One `sha256  path` line per file in docs/ and site/, sorted by path."""
    files = sorted(path for folder in ("docs", "site") for path in (project / folder).rglob("*") if path.is_file())
    return [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(project)}" for path in files]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        copy_inputs(project)
        build(project)
        print("\n".join(digest_lines(project)))


if __name__ == "__main__":
    main()
