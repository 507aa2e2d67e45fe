"""Work shared with a forked copy of the process: same results, failures reported, safe fallbacks."""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from pathlib import Path

import pytest

from generator.build import build
from generator.config import BuildConfig
from generator.read import seeds
from generator.speed import parallel
from generator.speed.parallel import WorkerError, first_then_map, in_parallel, map_in_halves
from tests.conftest import PROJECT

REAL_THREAD_COUNT = threading.active_count


pytestmark = pytest.mark.usefixtures("forking_allowed")  # tests/conftest.py


def test_the_second_piece_runs_in_another_process_at_the_same_time() -> None:
    here, there = in_parallel(os.getpid, os.getpid)
    assert here == os.getpid()
    assert there != os.getpid()


def test_map_in_halves_keeps_the_order_of_a_serial_map() -> None:
    items = list(range(1001))
    assert map_in_halves(lambda n: (n, n * n), items) == [(n, n * n) for n in items]


def test_what_the_copy_changes_stays_in_the_copy() -> None:
    """The contract callers rely on: only the returned value comes back."""
    seen: list[int] = []
    in_parallel(lambda: None, lambda: seen.append(1))
    assert seen == []


def test_a_failure_in_the_copy_is_raised_here_with_its_traceback() -> None:
    def fails() -> None:
        raise ValueError("bad seed value 42")

    with pytest.raises(WorkerError, match="(?s)Traceback.*ValueError: bad seed value 42"):
        in_parallel(lambda: None, fails)


def test_a_copy_that_dies_is_replaced_by_doing_its_work_here() -> None:
    parent = os.getpid()

    def dies_unless_here() -> str:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "done here"

    assert in_parallel(lambda: "mine", dies_unless_here) == ("mine", "done here")


def test_no_fork_when_asked_not_to(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "1")
    assert in_parallel(os.getpid, os.getpid) == (os.getpid(), os.getpid())


def test_no_fork_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """As under `mkdocs serve`: a fork of a threaded process could inherit a held lock."""
    monkeypatch.setattr(threading, "active_count", REAL_THREAD_COUNT)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert in_parallel(os.getpid, os.getpid) == (os.getpid(), os.getpid())
    finally:
        release.set()
        thread.join()


def test_small_work_is_not_forked() -> None:
    assert set(map_in_halves(lambda _: os.getpid(), range(parallel.MIN_ITEMS - 1))) == {os.getpid()}
    assert len(set(map_in_halves(lambda _: os.getpid(), range(parallel.MIN_ITEMS)))) == 2


def test_a_build_shared_between_two_processes_equals_a_serial_build(project_copy: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled 298 papers are enough to fork in tag, relate (terms, meaning vectors, then blocks), bibtex,
    render and write."""
    forks: list[int] = []
    real_fork = os.fork

    def counting_fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    def contents(folder: Path) -> dict[str, bytes]:
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}

    shared = BuildConfig(project_copy / "seeds", project_copy / "docs", project_copy / "site_templates", "Test")
    serial = BuildConfig(shared.seeds_dir, project_copy / "serial-docs", shared.templates_dir, "Test")
    monkeypatch.setattr(os, "fork", counting_fork)
    build(shared)
    assert len(forks) == 7
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "1")
    build(serial)
    assert len(forks) == 7
    generated = contents(serial.docs_dir)  # the project's docs/ also holds hand-written pages
    assert len(generated) > 800
    assert {path: data for path, data in contents(shared.docs_dir).items() if path in generated} == generated


def test_seed_files_read_in_two_processes_come_back_in_file_order(monkeypatch: pytest.MonkeyPatch) -> None:
    def read() -> tuple[list, list, list]:
        library = seeds.read_seeds(PROJECT / "seeds")
        return ([(paper.title, paper.sources[0].path) for paper in library.papers],
                [str(problem) for problem in library.problems], list(library.collections))

    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    monkeypatch.setattr(seeds, "FORK_BYTES", 0)  # the bundled seeds are too small to fork otherwise
    shared = read()
    assert len(forks) == 1
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "1")
    assert read() == shared
    assert len(forks) == 1 and len(shared[0]) > 290


def test_first_then_map_shares_the_loop_and_keeps_its_order() -> None:
    def slow_first() -> str:
        time.sleep(0.2)  # the copy maps alone meanwhile
        return "listings"

    def work(item: int) -> tuple[int, int]:
        time.sleep(0.001)
        return item, os.getpid()

    first, mapped = first_then_map(slow_first, work, range(1000))
    assert first == "listings"
    assert [item for item, _ in mapped] == list(range(1000))
    assert {pid for _, pid in mapped[:32]} != {os.getpid()}  # the copy started at once
    assert os.getpid() in {pid for _, pid in mapped}  # and this process joined in when free


def test_first_then_map_redoes_the_chunks_of_a_copy_that_died() -> None:
    parent = os.getpid()

    def work(item: int) -> int:
        if item == 500 and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return item * 2

    first, mapped = first_then_map(lambda: time.sleep(0.1), work, range(1000))
    assert mapped == [item * 2 for item in range(1000)]


def test_no_fork_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS has fork, but its system libraries are not safe in a forked copy."""
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert in_parallel(os.getpid, os.getpid) == (os.getpid(), os.getpid())


def test_without_a_fork_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert in_parallel(os.getpid, os.getpid) == (os.getpid(), os.getpid())


def test_an_answer_cut_short_counts_as_none_and_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """As when the copy is killed halfway through sending a large answer."""
    def send_half(writer: int, work: object) -> None:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(pickle.dumps((True, "x" * 1000))[:500])

    monkeypatch.setattr(parallel, "_send", send_half)
    assert in_parallel(lambda: "mine", lambda: "theirs") == ("mine", "theirs")
