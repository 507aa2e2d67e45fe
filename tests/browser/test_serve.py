"""`mkdocs serve`: editing a seed regenerates the pages it affects, the browser reloads, and the
server settles: the generator's own writes to docs/ do not wake MkDocs again (docs_watch.py), while
a hand-written page there still does.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import copy_project

PAPER = "fast-r-cnn"
SUMMARY = "Written while the site was being served"
BUILD_STARTED = "Building documentation"
GENERATED = re.compile(r"reading-list: \d+ papers; (\d+) files written")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout: float, what: str) -> None:  # noqa: ANN001 - any callable
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


@contextlib.contextmanager
def mkdocs_serve(project: Path) -> Iterator[tuple[str, list[str]]]:
    """`mkdocs serve` of a project on a free port: its address and the server's log lines."""
    port = free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stdout), daemon=True).start()  # type: ignore[arg-type]
    try:
        wait_for(lambda: any("Serving on" in line for line in log) or server.poll() is not None, 300,
                 "mkdocs serve to start")
        assert server.poll() is None, "".join(log)
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, list[str]]]:
    """A copy of the project under `mkdocs serve` on a free port, and the server's log lines."""
    project = copy_project(tmp_path)
    with mkdocs_serve(project) as (url, log):
        yield project, url, log


def builds(log: list[str]) -> int:
    return sum(BUILD_STARTED in line for line in log)


def test_editing_a_seed_reloads_the_page_and_serving_settles(served, page: Page) -> None:
    project, url, log = served
    annotations = project / "seeds/annotations.yml"
    assert PAPER not in annotations.read_text(encoding="utf-8")
    page.goto(f"{url}/papers/{PAPER}/")
    expect(page.locator(".md-content h1")).to_contain_text("Fast R-CNN")
    pages = sorted((project / "docs/papers").glob("*.md"))
    before = {path: path.stat().st_mtime_ns for path in pages}
    builds_before = builds(log)
    edited_at = len(log)

    with annotations.open("a", encoding="utf-8") as stream:
        stream.write(f"\n{PAPER}:\n  status: reading\n  summary: {SUMMARY}\n")

    # The open page reloads by itself and shows the new text.
    expect(page.locator(".md-content")).to_contain_text(SUMMARY, timeout=180_000)
    # The rebuild wrote the page of that one paper; every other paper's page was left alone.
    rewritten = [path.stem for path in pages if path.stat().st_mtime_ns != before[path]]
    assert rewritten == [PAPER]
    # One build per edit: the pages the generator wrote do not wake MkDocs again.
    settled = builds(log)
    assert settled == builds_before + 1, "".join(log[edited_at:])
    time.sleep(10)
    assert builds(log) == settled, "".join(log[-20:])


def test_editing_a_hand_written_page_of_docs_reloads_it(served, page: Page) -> None:
    project, url, log = served
    page.goto(f"{url}/about/")
    about = project / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nAdded by hand while serving.\n", encoding="utf-8")
    expect(page.locator(".md-content")).to_contain_text("Added by hand while serving", timeout=180_000)
