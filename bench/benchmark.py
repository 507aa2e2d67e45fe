"""The scale benchmark: synthetic reading lists through the generator and `mkdocs build`.

For each size it makes a project in a temporary folder (bench/synthetic.py seeds, the project's
templates, mkdocs.yml and hand-written pages), then, each in a fresh process so peak memory is
that run's own:
1. the generator, every stage timed (seconds and the process's peak memory after each stage);
2. the generator again with nothing changed (it must write no file);
3. `mkdocs build` (skipped with --skip-mkdocs), timed, its peak memory from RUSAGE_CHILDREN;
and prints one table: per stage and MkDocs, files written, site size, search index size (and per
paper), and the largest page.

    .venv/bin/python bench/benchmark.py --sizes 1000 10000 50000 [--skip-mkdocs] [--keep DIR]
    .venv/bin/python bench/benchmark.py --quick     # 300 papers, a smoke test of the benchmark itself
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("read", "merge", "tag", "relate", "bibtex", "render", "write")
QUICK_SIZE = 300


def make_project(folder: Path, count: int) -> Path:
    """A project of `count` synthetic papers (and the bundled topics): seeds, templates, mkdocs.yml, docs."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import make_reading_list

    make_reading_list(folder / "seeds", count)
    shutil.copy(ROOT / "seeds" / "topics.yml", folder / "seeds" / "topics.yml")  # a list keeps its topics
    shutil.copytree(ROOT / "site_templates", folder / "site_templates")
    (folder / "docs").mkdir()
    for page in (ROOT / "docs").glob("*.md"):
        if page.name not in ("index.md", "missing-metadata.md"):
            shutil.copy(page, folder / "docs" / page.name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def run_generator(project: Path) -> dict[str, Any]:
    """One generator run in this process: stage seconds and peaks, files written, wall seconds."""
    sys.path.insert(0, str(ROOT))
    from generator.__main__ import config_from_mkdocs
    from generator.build import build

    started = time.perf_counter()
    report = build(config_from_mkdocs(project / "mkdocs.yml"))
    return {"seconds": time.perf_counter() - started, "stages": report.progress.seconds,
            "peaks": report.progress.peak_megabytes, "papers": len(report.library.papers),
            "written": len(report.written.written), "unchanged": report.written.unchanged,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_mkdocs(project: Path) -> dict[str, Any]:
    """`mkdocs build` as a child of this process, so RUSAGE_CHILDREN is that build alone."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml")],
                            capture_output=True, text=True, env=_quiet_env())
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "returncode": result.returncode, "stderr": result.stderr[-2000:]}


def _quiet_env() -> dict[str, str]:
    import os
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def in_subprocess(function: str, project: Path) -> dict[str, Any]:
    """Run `function` of this script in a fresh interpreter and return its JSON result."""
    output = subprocess.run([sys.executable, __file__, f"--{function}", str(project)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def site_facts(project: Path) -> dict[str, Any]:
    """Sizes of the built site: all of it, the search index, the largest HTML page."""
    site = project / "site"
    files = [path for path in site.rglob("*") if path.is_file()] if site.is_dir() else []
    pages = [path for path in files if path.suffix == ".html"]
    largest = max(pages, key=lambda path: path.stat().st_size, default=None)
    index = site / "search" / "search_index.json"
    return {"site_bytes": sum(path.stat().st_size for path in files), "html_pages": len(pages),
            "search_bytes": index.stat().st_size if index.exists() else 0,
            "largest_bytes": largest.stat().st_size if largest else 0,
            "largest_page": largest.relative_to(site).as_posix() if largest else "-"}


def largest_markdown(project: Path) -> tuple[str, int]:
    docs = project / "docs"
    largest = max(docs.rglob("*.md"), key=lambda path: path.stat().st_size)
    return largest.relative_to(docs).as_posix(), largest.stat().st_size


def measure(count: int, folder: Path, with_mkdocs: bool) -> dict[str, Any]:
    """Every figure of one size, as one row of the table."""
    project = make_project(folder / f"papers-{count}", count)
    first = in_subprocess("run-generator", project)
    second = in_subprocess("run-generator", project)
    row: dict[str, Any] = {"papers": first["papers"], "first": first, "second": second,
                           "largest_md": largest_markdown(project)}
    if with_mkdocs:
        row["mkdocs"] = in_subprocess("run-mkdocs", project)
        row["site"] = site_facts(project)
    return row


def human_bytes(size: float) -> str:
    """1536 -> '1.5 KB': sizes in the table, in powers of 1024."""
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.2f} GB"


def table_lines(rows: list[dict[str, Any]]) -> list[str]:
    """A Markdown table, one column per size: what the README shows."""
    columns = [f"{row['papers']:,} papers" for row in rows]
    lines = ["| | " + " | ".join(columns) + " |", "| --- |" + " ---: |" * len(rows)]

    def add(label: str, cells: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    for stage in STAGES:
        add(f"{stage}: s (peak MB)", [f"{row['first']['stages'].get(stage, 0):.2f} "
                                      f"({row['first']['peaks'].get(stage, 0):.0f})" for row in rows])
    add("**generator: s (peak MB)**", [f"**{row['first']['seconds']:.1f}** ({row['first']['peak_mb']:.0f})"
                                       for row in rows])
    add("files written", [f"{row['first']['written']:,}" for row in rows])
    add("second run, nothing changed: s", [f"{row['second']['seconds']:.2f}" for row in rows])
    add("second run: files written", [f"{row['second']['written']:,}" for row in rows])
    add("largest Markdown page", [f"{human_bytes(row['largest_md'][1])} ({row['largest_md'][0]})" for row in rows])
    if all("mkdocs" in row for row in rows):
        add("`mkdocs build`: s (peak MB)", [f"{row['mkdocs']['seconds']:.1f} ({row['mkdocs']['peak_mb']:.0f})"
                                            for row in rows])
        add("**generator + MkDocs: s**", [f"**{row['first']['seconds'] + row['mkdocs']['seconds']:.1f}**"
                                          for row in rows])
        add("HTML pages", [f"{row['site']['html_pages']:,}" for row in rows])
        add("site size", [human_bytes(row["site"]["site_bytes"]) for row in rows])
        add("search index (per paper)", [f"{human_bytes(row['site']['search_bytes'])} "
                                         f"({human_bytes(row['site']['search_bytes'] / max(row['papers'], 1))})"
                                         for row in rows])
        add("largest HTML page", [f"{human_bytes(row['site']['largest_bytes'])} ({row['site']['largest_page']})"
                                  for row in rows])
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--quick", action="store_true", help=f"one list of {QUICK_SIZE} papers")
    parser.add_argument("--skip-mkdocs", action="store_true", help="only the generator")
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--run-generator", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--run-mkdocs", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run_generator or args.run_mkdocs:
        result = run_generator(args.run_generator) if args.run_generator else run_mkdocs(args.run_mkdocs)
        print(json.dumps(result))
        return 0
    sizes = [QUICK_SIZE] if args.quick else args.sizes
    folder = args.keep or Path(tempfile.mkdtemp(prefix="reading-list-bench-"))
    rows = []
    try:
        for count in sizes:
            print(f"{count:,} papers ...", file=sys.stderr, flush=True)
            rows.append(measure(count, folder, not args.skip_mkdocs))
            if "mkdocs" in rows[-1] and rows[-1]["mkdocs"]["returncode"] != 0:
                print(rows[-1]["mkdocs"]["stderr"], file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print("\n".join(table_lines(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
