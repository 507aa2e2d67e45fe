"""Shared fixtures: the bundled seeds, read once, and a way to read a snippet with any reader."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import threading
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

from generator.build import load_library
from generator.config import BuildConfig
from generator.library import Library
from generator.read.manifest import SourceInfo
from generator.read.readers.base import ReadResult, SeedDocument
from generator.speed import parallel

PROJECT = Path(__file__).resolve().parent.parent

# Property tests check what the code gives, never how fast: no deadline, so a busy machine (CI, or
# a build running beside the tests) cannot fail them. Speed is measured in bench/.
settings.register_profile("reading-list", deadline=None)
settings.load_profile("reading-list")
SEEDS = PROJECT / "seeds"


def bundled_config(tmp_path: Path | None = None) -> BuildConfig:
    docs = (tmp_path / "docs") if tmp_path else PROJECT / "docs"
    return BuildConfig(seeds_dir=SEEDS, docs_dir=docs, templates_dir=PROJECT / "site_templates",
                       site_name="Test list")


@pytest.fixture(scope="session")
def bundled_library() -> Library:
    """The bundled seeds through every stage but rendering; read once for the whole run."""
    return load_library(bundled_config())


def read_snippet(reader: ModuleType, text: str, path: str = "snippet.txt",
                 listing_date: dt.date | None = None, **defaults: object) -> ReadResult:
    """Run one reader on a piece of text, as if it were a seed file."""
    source = SourceInfo(file=path, collection="test", title="Test", listing_date=listing_date,
                        **defaults)  # type: ignore[arg-type]
    return reader.read(SeedDocument(path, text), source)


def copy_project(target: Path) -> Path:
    """A private copy of the project's inputs (seeds, templates, hand-written docs, mkdocs.yml)."""
    for name in ("seeds", "site_templates", "overrides"):
        shutil.copytree(PROJECT / name, target / name)
    (target / "docs").mkdir()
    for page in hand_written_docs():
        destination = target / page.relative_to(PROJECT)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, destination)
    shutil.copy(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def hand_written_docs() -> list[Path]:
    """The pages of docs/ that git tracks: generated ones left by a local build are not inputs."""
    listed = subprocess.run(["git", "ls-files", "docs"], cwd=PROJECT, capture_output=True, text=True, check=True)
    return [PROJECT / name for name in listed.stdout.split()]


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


@pytest.fixture
def forking_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a build's own process: the browser tests' servers may still run threads in this one."""
    monkeypatch.delenv(parallel.WORKERS_VARIABLE, raising=False)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
