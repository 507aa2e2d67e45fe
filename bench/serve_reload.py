"""How long `mkdocs serve` takes to show a seed edit, on a synthetic list (5,000 papers by default).

Makes the project as bench/benchmark.py does, starts `mkdocs serve` (with `--dirty` unless told
otherwise), waits for the first build, then appends a marker word to one paper's abstract in its
seed and polls that paper's page over HTTP until the marker is served. Prints a table: the first
build, and for each edit the seconds from saving the seed to the new page being served, with the
generator's own report of that rebuild.

    .venv/bin/python bench/serve_reload.py [--size 5000] [--edits 3] [--clean] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import make_project  # noqa: E402

GENERATED = re.compile(r"reading-list: \d+ papers; \d+ files written.*")
SUMMARY = re.compile(r"^- \*\*Summary\*\*: ", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(condition, timeout: float) -> float:  # noqa: ANN001 - any callable
    """Seconds until `condition()` held (polled every 50 ms), or raise after `timeout`."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"not within {timeout} s")
        time.sleep(0.05)
    return time.perf_counter() - started


def first_arxiv_paper(project: Path) -> tuple[Path, str]:
    """A seed file of the arXiv listing and the slug of its first paper (from the built catalog)."""
    import json
    seed = sorted((project / "seeds").glob("arxiv_*.txt"))[0]
    title = seed.read_text(encoding="utf-8").split("\n### ", 1)[1].split("\n", 1)[0]
    catalog = json.loads((project / "docs" / "catalog.json").read_text(encoding="utf-8"))
    slug = next(record["slug"] for record in catalog["papers"] if record["title"] == title)
    return seed, slug


def add_marker(seed: Path, marker: str) -> None:
    """Put `marker` at the start of the first abstract of the seed file."""
    text = seed.read_text(encoding="utf-8")
    seed.write_text(SUMMARY.sub(f"- **Summary**: {marker} ", text, count=1), encoding="utf-8")


def measure_reload(size: int, edits: int, folder: Path, clean: bool = False) -> list[tuple[str, float, str]]:
    """Start `mkdocs serve` on a synthetic list of `size` papers in `folder`, edit a seed `edits`
    times; each row: what was timed, its seconds, the generator's report of that rebuild."""
    project = make_project(folder / f"serve-{size}", size)
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
               *([] if clean else ["--dirty"])]
    server = subprocess.Popen(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stdout), daemon=True).start()  # type: ignore[arg-type]
    rows: list[tuple[str, float, str]] = []
    try:
        startup = wait_until(lambda: any("Serving on" in line for line in log), 1800)
        rows.append(("first build, until serving", startup, ""))
        seed, slug = first_arxiv_paper(project)
        url = f"http://127.0.0.1:{port}/papers/{slug}/"
        for number in range(1, edits + 1):
            time.sleep(3)  # let the server settle after the last build
            marker = f"benchmarkmarker{number}"
            seen = len(log)
            add_marker(seed, marker)
            seconds = wait_until(lambda: marker in fetch(url), 600)
            report = next((match.group(0) for line in log[seen:] if (match := GENERATED.search(line))), "")
            rows.append((f"edit {number}: seed saved -> page served", seconds, report))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--clean", action="store_true", help="plain `mkdocs serve`, without --dirty")
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="reading-list-serve-"))
    try:
        rows = measure_reload(args.size, args.edits, folder, args.clean)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    mode = "mkdocs serve" + ("" if args.clean else " --dirty")
    print(f"| {args.size:,} papers, `{mode}` | seconds | generator's report |\n| --- | ---: | --- |")
    for label, seconds, report in rows:
        print(f"| {label} | {seconds:.1f} s | {report} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
