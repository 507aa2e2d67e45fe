"""The serve watch of docs/: hand-written files wake MkDocs, the generator's own writes do not."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from watchdog.events import DirCreatedEvent, FileCreatedEvent, FileModifiedEvent, FileMovedEvent

from generator.build import OWNED_DIRS, OWNED_FILES, load_library, render_site
from generator.config import BuildConfig
from generator.mkdocs.docs_watch import HandWrittenDocs, watch_hand_written_docs


class FakeServer:
    """What the handler uses of MkDocs' LiveReloadServer, and a record of what it was asked."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False
        self.observer = self
        self.unwatched: list[str] = []
        self.scheduled: list[tuple[object, str, bool]] = []

    def unwatch(self, path: str) -> None:
        self.unwatched.append(path)

    def schedule(self, handler: object, path: str, recursive: bool) -> None:
        self.scheduled.append((handler, path, recursive))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return tmp_path / "docs"


def wakes(docs: Path, event: object) -> bool:
    server = FakeServer()
    HandWrittenDocs(server, docs, OWNED_DIRS, OWNED_FILES).dispatch(event)
    return server._want_rebuild


@pytest.mark.parametrize("relative", ["papers/fast-r-cnn.md", "tags/index.md", "bib/papers/x.bib",
                                      "authors/s-2.md", "index.md", "catalog.json", "missing-metadata.md",
                                      ".catalog.json.k2j4.tmp", "papers/.fast-r-cnn.md.x8.tmp"])
def test_the_generators_own_files_do_not_wake_mkdocs(docs: Path, relative: str) -> None:
    assert not wakes(docs, FileModifiedEvent(str(docs / relative)))
    assert not wakes(docs, FileCreatedEvent(str(docs / relative)))


def test_a_generated_file_written_through_a_temporary_file_does_not_wake_mkdocs(docs: Path) -> None:
    assert not wakes(docs, FileMovedEvent(str(docs / ".index.md.k2j4.tmp"), str(docs / "index.md")))


@pytest.mark.parametrize("relative", ["about.md", "stylesheets/extra.css", "guide/setup.md", "faq.md",
                                      "index.md.bak", ".about.md.k2j4.tmp", "papersx/a.md"])
def test_hand_written_files_wake_mkdocs(docs: Path, relative: str) -> None:
    assert wakes(docs, FileModifiedEvent(str(docs / relative)))


def test_a_file_moved_out_of_a_generated_folder_wakes_mkdocs(docs: Path) -> None:
    assert wakes(docs, FileMovedEvent(str(docs / "papers/a.md"), str(docs / "a.md")))


def test_the_watch_replaces_mkdocs_own_watch_of_docs_and_skips_the_generated_folders(docs: Path) -> None:
    for folder in ("papers", "tags", "stylesheets", "guide/deeper"):
        (docs / folder).mkdir(parents=True)
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    server = FakeServer()
    assert watch_hand_written_docs(server, docs, OWNED_DIRS, OWNED_FILES)
    assert server.unwatched == [str(docs)]
    assert [(path, recursive) for _, path, recursive in server.scheduled] == [
        (str(docs), False), (str(docs / "guide"), True), (str(docs / "stylesheets"), True)]
    assert all(isinstance(handler, HandWrittenDocs) for handler, _, _ in server.scheduled)


def test_a_new_folder_of_the_users_is_watched_and_a_generated_one_is_not(docs: Path) -> None:
    server = FakeServer()
    handler = HandWrittenDocs(server, docs, OWNED_DIRS, OWNED_FILES)
    handler.dispatch(DirCreatedEvent(str(docs / "papers")))
    handler.dispatch(DirCreatedEvent(str(docs / "guide/deeper")))  # inside a watched folder: already seen
    assert server.scheduled == [] and not server._want_rebuild
    handler.dispatch(DirCreatedEvent(str(docs / "guide")))
    assert [(path, recursive) for _, path, recursive in server.scheduled] == [(str(docs / "guide"), True)]
    assert server._want_rebuild


def test_a_server_of_another_kind_keeps_mkdocs_own_watch(docs: Path) -> None:
    server = FakeServer()
    del server._rebuild_cond
    assert not watch_hand_written_docs(server, docs, OWNED_DIRS, OWNED_FILES)
    assert server.unwatched == [] and server.scheduled == []


def test_every_file_the_generator_writes_is_one_the_watch_ignores(project_copy: Path) -> None:
    config = BuildConfig(project_copy / "seeds", project_copy / "docs", project_copy / "site_templates", "Test")
    outputs = render_site(load_library(config), config)
    handler = HandWrittenDocs(FakeServer(), config.docs_dir, OWNED_DIRS, OWNED_FILES)
    assert [path for path in outputs if not handler.generated(str(config.docs_dir / path))] == []
    assert not handler.generated(str(config.docs_dir / "about.md"))
