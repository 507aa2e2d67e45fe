"""Reading the seeds folder: every file, through its reader, into one Library."""

from __future__ import annotations

import itertools
import pickle
from pathlib import Path
from typing import NamedTuple

from .library import Library
from .limits import enforce_limits
from .manifest import MANIFEST_NAME, SourceInfo, default_source_info, load_manifest
from .model import Collection, Paper, Problem
from .parallel import in_parallel
from .readers import reader_for
from .readers.base import decode_bytes
from .reuse import Reuse, digest

# Files in seeds/ that configure the build rather than list papers.
RESERVED_NAMES = {MANIFEST_NAME, "topics.yml", "annotations.yml"}
FORK_BYTES = 2_000_000  # seeds of about 1,000 papers: below this a fork costs more than it saves


def read_seeds(seeds_dir: Path, reuse: Reuse | None = None) -> Library:
    """Read every seed file in name order; a file that fails is reported and the rest go on."""
    library = Library()
    manifest, problems = load_manifest(seeds_dir)
    library.problems.extend(problems)
    files = seed_files(seeds_dir)
    jobs = []
    for path in files:
        relative = path.relative_to(seeds_dir).as_posix()
        jobs.append(SeedJob(path.read_bytes(), relative, manifest.get(relative) or default_source_info(relative)))
    for collection, papers, file_problems in _read_all(jobs, reuse):
        if collection is not None:
            library.add_collection(collection)
        library.papers.extend(papers)
        library.problems.extend(file_problems)
    for name in sorted(set(manifest) - {path.relative_to(seeds_dir).as_posix() for path in files}):
        library.problems.append(Problem(MANIFEST_NAME, 1, f"describes {name!r}, which is not in the seeds folder"))
    return library


class SeedJob(NamedTuple):
    """One seed file to read: its bytes, its path relative to the seeds folder, its manifest entry."""

    data: bytes
    relative: str
    source: SourceInfo


FileResult = tuple[Collection | None, list[Paper], list[Problem]]


def _read_all(jobs: list[SeedJob], reuse: Reuse | None) -> list[FileResult]:
    """Each file's result; with `reuse`, only files whose bytes or manifest entry changed are read."""
    if reuse is None:
        return _read_in_halves(jobs)
    by_key = {digest(job.relative, job.source, job.data): job for job in jobs}
    kept = reuse.seed_files.get_many(list(by_key), lambda missing: [  # pickled: each build changes its own papers
        pickle.dumps(result, pickle.HIGHEST_PROTOCOL) for result in _read_in_halves([by_key[key] for key in missing])])
    return [pickle.loads(result) for result in kept]


def _read_in_halves(jobs: list[SeedJob]) -> list[FileResult]:
    """`read_seed` of each job; past FORK_BYTES, every other file in a forked copy (sizes say little
    about the work: a BibTeX file takes four times as long as an arXiv listing of the same size)."""
    here, there = in_parallel(lambda: [read_seed(*job) for job in jobs[0::2]],
                              lambda: [read_seed(*job) for job in jobs[1::2]],
                              fork=sum(len(job.data) for job in jobs) >= FORK_BYTES)
    results: list[FileResult] = []
    for pair in itertools.zip_longest(here, there):
        results.extend(result for result in pair if result is not None)
    return results


def read_seed(data: bytes, relative: str, source: SourceInfo) -> FileResult:
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
