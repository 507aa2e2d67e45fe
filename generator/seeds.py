"""Reading the seeds folder: every file, through its reader, into one Library."""

from __future__ import annotations

import pickle
from pathlib import Path


from .library import Library
from .limits import enforce_limits
from .manifest import MANIFEST_NAME, SourceInfo, default_source_info, load_manifest
from .model import Collection, Paper, Problem
from .readers import reader_for
from .readers.base import decode_bytes
from .reuse import Reuse, digest

# Files in seeds/ that configure the build rather than list papers.
RESERVED_NAMES = {MANIFEST_NAME, "topics.yml", "annotations.yml"}


def read_seeds(seeds_dir: Path, reuse: Reuse | None = None) -> Library:
    """Read every seed file in name order; a file that fails is reported and the rest go on."""
    library = Library()
    manifest, problems = load_manifest(seeds_dir)
    library.problems.extend(problems)
    files = seed_files(seeds_dir)
    for path in files:
        relative = path.relative_to(seeds_dir).as_posix()
        source = manifest.get(relative) or default_source_info(relative)
        data = path.read_bytes()
        if reuse is None:
            collection, papers, file_problems = read_seed(data, relative, source)
        else:  # pickled, so each build gets papers of its own to change
            kept = reuse.seed_files.get(digest(relative, source, data),
                                        lambda: pickle.dumps(read_seed(data, relative, source), pickle.HIGHEST_PROTOCOL))
            collection, papers, file_problems = pickle.loads(kept)
        if collection is not None:
            library.add_collection(collection)
        library.papers.extend(papers)
        library.problems.extend(file_problems)
    for name in sorted(set(manifest) - {path.relative_to(seeds_dir).as_posix() for path in files}):
        library.problems.append(Problem(MANIFEST_NAME, 1, f"describes {name!r}, which is not in the seeds folder"))
    return library


def read_seed(data: bytes, relative: str, source: SourceInfo) -> tuple[Collection | None, list[Paper], list[Problem]]:
    """One seed file's collection, papers and problems."""
    document, problems = decode_bytes(data, relative)
    if document is None:
        return None, [], problems
    reader = reader_for(document, source.format)
    if reader is None:
        wanted = f"format {source.format!r} is unknown" if source.format else "its format is not recognised"
        return None, [], [*problems, Problem(relative, 1, f"{wanted}; file skipped (set 'format' in {MANIFEST_NAME})")]
    result = reader.read(document, source)
    return result.collection, result.papers, [*problems, *result.problems, *enforce_limits(result.papers)]


def seed_files(seeds_dir: Path) -> list[Path]:
    """Every regular file below the seeds folder, except hidden and reserved ones, sorted."""
    return sorted(
        path for path in seeds_dir.rglob("*")
        if path.is_file() and path.name not in RESERVED_NAMES and not any(
            part.startswith(".") for part in path.relative_to(seeds_dir).parts)
        and path.suffix.lower() not in (".md",)
    )
