"""The serve worker: builds in a forked process, keeps what edits did not change, fails loudly."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import signal
import threading
from pathlib import Path

import jinja2
import pytest
from mkdocs.exceptions import PluginError

from generator.build import build
from generator.config import BuildConfig
from generator.mkdocs.build_worker import BuildWorker, WorkerGone, summarize
from generator.mkdocs.plugin import ReadingListPlugin
from generator.speed.compiled_templates import CompiledTemplates
from generator.speed.parallel import WorkerError


def config_for(project: Path, docs: str = "docs") -> BuildConfig:
    return BuildConfig(project / "seeds", project / docs, project / "site_templates", "Test")


@pytest.fixture
def worker() -> BuildWorker:
    started = BuildWorker()
    yield started
    started.close()


def test_a_build_in_the_worker_reports_what_a_build_here_reports(project_copy: Path, worker: BuildWorker) -> None:
    there = worker.build(config_for(project_copy))
    here = summarize(build(config_for(project_copy, "docs-here")), None)
    assert there.papers == here.papers == 298
    assert there.written == here.written > 800
    assert there.problems == here.problems
    assert (project_copy / "docs/papers").is_dir()


def test_the_worker_saves_the_build_cache_after_answering(project_copy: Path, worker: BuildWorker) -> None:
    worker.build(config_for(project_copy))
    worker.close()  # waits for the worker, which saves the cache before it reads the next request
    again = build(config_for(project_copy))
    assert list(again.progress.seconds) == ["check"]  # the cache answered: nothing read, nothing written
    assert again.written.written == []


def test_the_worker_keeps_what_an_edit_did_not_change(project_copy: Path, worker: BuildWorker) -> None:
    worker.build(config_for(project_copy))
    annotations = project_copy / "seeds/annotations.yml"
    annotations.write_text(annotations.read_text(encoding="utf-8").replace("  rating: 5\n", "  rating: 4\n", 1),
                           encoding="utf-8")
    summary = worker.build(config_for(project_copy))
    assert summary.written >= 1
    reused = re.fullmatch(r"seed files 7 of 7 kept, topics 298 of 298 kept, related papers 298 of 298 kept, "
                          r"pages (\d+) of (\d+) kept", summary.reused)
    assert reused, summary.reused
    kept, pages = map(int, reused.groups())
    assert pages * 0.9 < kept < pages  # only the rated paper's page and the listings that show it are rendered again


def test_the_first_edit_after_a_start_from_the_build_cache_keeps_what_it_did_not_change(
        project_copy: Path, worker: BuildWorker) -> None:
    build(config_for(project_copy))  # `make site` earlier: `mkdocs serve` then starts from the build cache
    started = worker.build(config_for(project_copy))
    assert started.written == 0 and started.reused == ""  # the cache answered
    worker.build(config_for(project_copy))  # answered once the worker has run the pipeline meanwhile
    annotations = project_copy / "seeds/annotations.yml"
    annotations.write_text(annotations.read_text(encoding="utf-8").replace("  rating: 5\n", "  rating: 4\n", 1),
                           encoding="utf-8")
    summary = worker.build(config_for(project_copy))
    assert summary.written >= 1
    assert summary.reused.startswith("seed files 7 of 7 kept, topics 298 of 298 kept, related papers 298 of 298 kept")


def test_a_failing_build_raises_with_the_workers_traceback(project_copy: Path, tmp_path: Path,
                                                          worker: BuildWorker) -> None:
    no_templates = dataclasses.replace(config_for(project_copy), templates_dir=tmp_path)
    with pytest.raises(WorkerError, match="(?s)Traceback.*TemplateNotFound: '[a-z_]+.md.j2' not found"):
        worker.build(no_templates)
    assert worker.build(config_for(project_copy)).papers == 298  # the worker goes on serving


def test_a_killed_worker_is_reported_gone(project_copy: Path, worker: BuildWorker) -> None:
    os.kill(worker.pid, signal.SIGKILL)
    with pytest.raises(WorkerGone):
        worker.build(config_for(project_copy))


@pytest.fixture
def forking_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """As at mkdocs serve's startup: the browser tests' servers may still run threads in this process."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.delenv("READING_LIST_WORKERS", raising=False)


@pytest.mark.usefixtures("forking_allowed")
def test_the_plugin_builds_itself_when_its_worker_is_gone(project_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    plugin = ReadingListPlugin()
    plugin.on_startup(command="serve", dirty=True)
    assert plugin.worker is not None
    os.kill(plugin.worker.pid, signal.SIGKILL)
    with caplog.at_level(logging.WARNING):
        summary = plugin.run_build(config_for(project_copy))
    assert summary.papers == 298
    assert "building in this process from now on" in caplog.text
    assert plugin.worker is None and plugin.reuse is not None
    plugin.on_shutdown()


@pytest.mark.usefixtures("forking_allowed")
def test_a_failing_build_in_the_worker_fails_the_mkdocs_build(project_copy: Path, tmp_path: Path) -> None:
    plugin = ReadingListPlugin()
    plugin.on_startup(command="serve", dirty=False)
    try:
        with pytest.raises(PluginError, match="the build failed"):
            plugin.run_build(dataclasses.replace(config_for(project_copy), templates_dir=tmp_path))
    finally:
        plugin.on_shutdown()


def test_only_serve_starts_a_worker() -> None:
    plugin = ReadingListPlugin()
    plugin.on_startup(command="build", dirty=False)
    assert plugin.worker is None and plugin.reuse is None  # a one-off build has nothing to keep


def test_compiled_templates_are_kept_across_environments_and_recompiled_when_edited(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    compiled_templates = CompiledTemplates()
    compiles: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting_compile(self: jinja2.Environment, source: str, name: str | None = None, *args: object) -> object:
        compiles.append(name or "")
        return compile_source(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)

    def render() -> str:  # as MkDocs does on every build: a new environment
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=compiled_templates)
        return env.get_template("main.html").render(title="T")

    assert render() == render() == "<p>T</p>"
    assert compiles == ["main.html"]
    (tmp_path / "main.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert render() == "<h1>T</h1>"
    assert compiles == ["main.html", "main.html"]


def test_serve_gives_mkdocs_the_kept_templates_and_build_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READING_LIST_WORKERS", "1")  # no worker: this test is about the templates
    built, served = ReadingListPlugin(), ReadingListPlugin()
    built.on_startup(command="build", dirty=False)
    served.on_startup(command="serve", dirty=True)
    assert built.on_env(jinja2.Environment(), config=None, files=None).bytecode_cache is None  # type: ignore[arg-type]
    for _ in range(2):  # every rebuild's new environment
        env = served.on_env(jinja2.Environment(), config=None, files=None)  # type: ignore[arg-type]
        assert isinstance(env.bytecode_cache, CompiledTemplates) and env.bytecode_cache is served.compiled_templates
