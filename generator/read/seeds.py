"""Reading the seeds folder: every file, through its reader, into one Library.

Which files are seeds, and which are left out by a visible rule, is seed_folder.py's to say; a
file no reader recognises is reported with what to do about it, never dropped in silence.
"""

from __future__ import annotations

import itertools
import pickle
from pathlib import Path
from typing import NamedTuple

from generator.library import Library
from generator.model import Collection, Paper, Problem, Severity
from generator.read.limits import enforce_limits
from generator.read.manifest import MANIFEST_NAME, SourceInfo, default_source_info, load_manifest
from generator.read.readers import READERS, reader_for
from generator.read.readers.base import decode_bytes
from generator.read.seed_folder import CONFIG_NAMES, IGNORE_NAME, scan_seeds
from generator.speed.memo import Memo, digest
from generator.speed.parallel import in_parallel

FORK_BYTES = 2_000_000  # seeds of about 1,000 papers: below this a fork costs more than it saves
NOT_A_SEED = f"if it is not a seed, name it in {IGNORE_NAME}"
_MISSING = "describes {count} files that are not in the seeds folder: {subjects}; their entries are not used"


def read_seeds(seeds_dir: Path, memo: Memo[bytes] | None = None) -> Library:
    """Read every seed file in name order; a file that fails is reported and the rest go on."""
    library = Library()
    manifest, problems = load_manifest(seeds_dir)
    library.problems.extend(problems)
    folder = scan_seeds(seeds_dir, manifest)
    library.ignored = folder.ignored
    library.problems.extend(folder.problems)
    jobs = []
    for relative in folder.files:
        job = _job(seeds_dir, relative, manifest)
        if isinstance(job, Problem):
            library.problems.append(job)
        else:
            jobs.append(job)
    for collection, papers, file_problems in _read_all(jobs, memo):
        if collection is not None:
            library.add_collection(collection)
        library.papers.extend(papers)
        library.problems.extend(file_problems)
    library.problems.extend(unused_entries(manifest, set(folder.files)))
    return library


def _job(seeds_dir: Path, relative: str, manifest: dict[str, SourceInfo]) -> SeedJob | Problem:
    """A seed file's bytes and manifest entry, or why it cannot be read (gone since the scan, say)."""
    try:
        data = (seeds_dir / relative).read_bytes()
    except OSError as error:
        return Problem(relative, 1, f"cannot be read ({error.strerror}); skipped")
    return SeedJob(data, relative, manifest.get(relative) or default_source_info(relative))


def unused_entries(manifest: dict[str, SourceInfo], read: set[str]) -> list[Problem]:
    """Manifest entries of files that were not read: one line for all of them in `check`."""
    problems = []
    for name, info in sorted(manifest.items(), key=lambda item: (item[1].line, item[0])):
        if name in read:
            continue
        why = "configures the build and is not read as a seed" if name in CONFIG_NAMES else (
            "is not in the seeds folder")
        problems.append(Problem(MANIFEST_NAME, info.line, f"describes {name!r}, which {why}; entry not used",
                                Severity.WARNING, None if name in CONFIG_NAMES else _MISSING, name))
    return problems


class SeedJob(NamedTuple):
    """One seed file to read: its bytes, its path relative to the seeds folder, its manifest entry."""

    data: bytes
    relative: str
    source: SourceInfo


FileResult = tuple[Collection | None, list[Paper], list[Problem]]


def _read_all(jobs: list[SeedJob], memo: Memo[bytes] | None) -> list[FileResult]:
    """Each file's result; with a `memo` (under `mkdocs serve`), only files whose bytes or manifest entry changed are read."""
    if memo is None:
        return _read_in_halves(jobs)
    by_key = {digest(job.relative, job.source, job.data): job for job in jobs}
    kept = memo.get_many(list(by_key), lambda missing: [  # pickled: each build changes its own papers
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
    document, problems = decode_bytes(data, relative, "" if source.format else NOT_A_SEED)
    if document is None:
        return None, [], problems
    reader = reader_for(document, source.format)
    if reader is None:
        return None, [], [*problems, _no_reader(relative, source)]
    result = reader.read(document, source)
    return result.collection, result.papers, [*problems, *result.problems, *enforce_limits(result.papers)]


def _no_reader(relative: str, source: SourceInfo) -> Problem:
    """Why no reader took the file, and what the user can do about it."""
    formats = ", ".join(READERS)
    if source.format:
        return Problem(MANIFEST_NAME, source.line, f"format {source.format!r} of {relative!r} is not one of "
                       f"{formats}; file skipped")
    return Problem(relative, 1, f"not recognised as any seed format ({formats}); skipped: set its 'format' in "
                   f"{MANIFEST_NAME}, or {NOT_A_SEED}", Severity.WARNING)
