"""The build cache: a run whose inputs did not change since the last one does no work at all.

Reading, relating and rendering 10,000 papers takes many seconds even when no page changes
(the writer then writes nothing, but must render everything to know it). So after each build the
cache keeps a fingerprint of every input (the seeds, the templates, the settings and the
generator's own code), the library it produced, and the size and modification time of every file
it wrote. The next run with the same fingerprint and untouched outputs loads that library instead
of building: same report, no file written. Anything else (a seed edited, a page deleted or edited
by hand, a new generator version) falls back to the full build.

The cache lives in `.cache/reading-list/` next to `docs/`, so it is never part of the site.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import astuple, dataclass
from pathlib import Path

from generator.config import BuildConfig
from generator.library import Library
from generator.site.output import FileStamp, stamp

CACHE_DIR = Path(".cache") / "reading-list"
_FORMAT = 2  # bump when the cache file's layout changes
_GENERATOR = Path(__file__).resolve().parents[1]  # the whole generator package

@dataclass(slots=True)
class CachedBuild:
    fingerprint: str
    library: Library
    outputs: dict[str, FileStamp]  # path relative to docs/ -> its stamp when written


def cache_file(config: BuildConfig) -> Path:
    """One cache per docs folder, so two sites built from one project do not overwrite each other."""
    name = hashlib.sha256(str(config.docs_dir.resolve()).encode()).hexdigest()[:16]
    return config.docs_dir.resolve().parent / CACHE_DIR / f"{name}.pickle"


def fingerprint(config: BuildConfig) -> str:
    """A hash of everything a build reads: seeds, templates, settings and the generator's code."""
    digest = hashlib.sha256(repr((_FORMAT, astuple(config))).encode())
    for folder in (config.seeds_dir, config.templates_dir, _GENERATOR):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(_content_digest(path))
    return digest.hexdigest()


def _content_digest(path: Path) -> bytes:
    """A file's digest; for one that cannot be read, the reason, which the build reports itself."""
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError as error:
        return f"unreadable: {error.strerror}".encode()


def load(config: BuildConfig, current: str) -> CachedBuild | None:
    """The last build, if its inputs were the same and every output is as it was written."""
    try:
        with cache_file(config).open("rb") as stream:
            if pickle.load(stream) != current:  # the fingerprint comes first: no need to load a library for nothing
                return None
            cached = pickle.load(stream)
    except Exception:  # noqa: BLE001 - a missing, truncated or outdated cache only means a full build
        return None
    if not isinstance(cached, CachedBuild) or cached.fingerprint != current:
        return None
    for relative, expected in cached.outputs.items():
        if stamp(config.docs_dir / relative) != expected:
            return None
    return cached


def save(config: BuildConfig, current: str, library: Library, outputs: list[str]) -> None:
    """Remember this build (its problems too: they are reported again on the next run)."""
    path = cache_file(config)
    stamps = {relative: stamp(config.docs_dir / relative) for relative in outputs}
    cached = CachedBuild(current, library, {k: v for k, v in stamps.items() if v is not None})
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as stream:
        pickle.dump(current, stream, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(cached, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
