"""The scale benchmark: synthetic reading lists through the generator and `mkdocs build`.

For each size it makes a project in a temporary folder (bench/synthetic.py seeds, the project's
templates, mkdocs.yml and hand-written pages), then, each in a fresh process so peak memory is
that run's own:
1. the generator, every stage timed (seconds and the process's peak memory after each stage);
2. the generator again with nothing changed (it must write no file);
3. `mkdocs build` (skipped with --skip-mkdocs), timed, its peak memory from RUSAGE_CHILDREN, once
   per search engine asked for (`--search material|pagefind|both`, the `search` setting of the
   reading-list plugin);
4. the search in Chromium (bench/search_in_browser.py; skipped with --skip-browser): seconds from
   opening the home page to the first result of a surname, and the bytes fetched;
5. with --serve N, `mkdocs serve --dirty` on N papers: seconds from a seed edit to the page
   served (bench/serve_reload.py), the median of three edits, printed under the table;
6. with --anchors, the same generated pages built without our plugin, by MkDocs with Material
   (a naive Material site) and by Hugo (bench/anchors.py), each as a ratio to our build;
and prints one table, a column per size and engine: per stage and MkDocs, files written, site
size, search index size (and per paper), search timings, and the largest page.

    .venv/bin/python bench/benchmark.py --sizes 1000 10000 50000 [--skip-mkdocs] [--keep DIR]
    .venv/bin/python bench/benchmark.py --sizes 1000 --search both   # lunr against Pagefind
    .venv/bin/python bench/benchmark.py --sizes 1000 10000 --anchors   # against naive Material and Hugo
    .venv/bin/python bench/benchmark.py --quick     # 300 papers, a smoke test of the benchmark itself
"""

from __future__ import annotations

import argparse
import json
import re
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
ENGINES = ("material", "pagefind")
# What a browser must fetch to answer any query, not the code that asks: lunr's one index, or
# Pagefind's index chunks, page fragments and metadata (its .js, .css and wasm files excluded).
PAGEFIND_CODE = re.compile(r"\.(js|css)$|^wasm\.")


def make_project(folder: Path, count: int) -> Path:
    """A project of `count` synthetic papers (and the bundled topics): seeds, templates, mkdocs.yml, docs."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import make_reading_list

    make_reading_list(folder / "seeds", count)
    shutil.copy(ROOT / "seeds" / "topics.yml", folder / "seeds" / "topics.yml")  # a list keeps its topics
    shutil.copytree(ROOT / "site_templates", folder / "site_templates")
    shutil.copytree(ROOT / "overrides", folder / "overrides")  # mkdocs.yml's custom_dir
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
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


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
    return {"site_bytes": sum(path.stat().st_size for path in files), "html_pages": len(pages),
            **search_facts(site),
            "largest_bytes": largest.stat().st_size if largest else 0,
            "largest_page": largest.relative_to(site).as_posix() if largest else "-"}


def search_facts(site: Path) -> dict[str, int]:
    """The search index, for whichever engine built the site: its data, and all its files.

    Material: search/search_index.json, the one file lunr loads. Pagefind: site/pagefind/, whose
    data (index chunks, fragments, metadata) is counted apart from its code (UI, worker, wasm);
    of the data, the fragments (a page's text, fetched only for a result shown) apart again.
    """
    lunr = site / "search" / "search_index.json"
    bundle = [path for path in (site / "pagefind").rglob("*") if path.is_file()]
    if bundle:
        data = [path for path in bundle if not PAGEFIND_CODE.search(path.name)]
        return {"search_bytes": sum(path.stat().st_size for path in data),
                "fragment_bytes": sum(path.stat().st_size for path in data if path.parent.name == "fragment"),
                "search_files_bytes": sum(path.stat().st_size for path in bundle)}
    size = lunr.stat().st_size if lunr.exists() else 0
    return {"search_bytes": size, "search_files_bytes": size}


def use_search_engine(project: Path, engine: str) -> None:
    """Set the reading-list plugin's `search` in the project's mkdocs.yml, as a user would."""
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^(\s+search: )(?:material|pagefind)\s*$", rf"\g<1>{engine}",
                          config.read_text(encoding="utf-8"))
    if count != 1:
        raise SystemExit(f"{config}: no 'search: material|pagefind' line in the reading-list plugin")
    config.write_text(text, encoding="utf-8")


def largest_markdown(project: Path) -> tuple[str, int]:
    docs = project / "docs"
    largest = max(docs.rglob("*.md"), key=lambda path: path.stat().st_size)
    return largest.relative_to(docs).as_posix(), largest.stat().st_size


def measure(count: int, folder: Path, engines: list[str] | None, with_browser: bool = True,
            with_anchors: bool = False) -> list[dict[str, Any]]:
    """Every figure of one size: one row of the table per search engine (one row if `engines` is None)."""
    project = make_project(folder / f"papers-{count}", count)
    first = in_subprocess("run-generator", project)
    second = in_subprocess("run-generator", project)
    row: dict[str, Any] = {"papers": first["papers"], "first": first, "second": second,
                           "largest_md": largest_markdown(project)}
    if engines is None:
        return [row]
    rows = [{**row, **measure_site(project, engine, with_browser)} for engine in engines]
    if with_anchors:
        sys.path.insert(0, str(ROOT / "bench"))
        from anchors import hugo_build, naive_material_build

        anchors = {"naive_s": naive_material_build(project), "hugo_s": hugo_build(project)}
        rows = [{**row, "anchors": anchors} for row in rows]
    return rows


def measure_site(project: Path, engine: str, with_browser: bool) -> dict[str, Any]:
    """`mkdocs build` with one search engine, the site it wrote, and its search in the browser."""
    use_search_engine(project, engine)
    figures: dict[str, Any] = {"engine": engine, "mkdocs": in_subprocess("run-mkdocs", project),
                               "site": site_facts(project)}
    if with_browser and figures["mkdocs"]["returncode"] == 0:
        sys.path.insert(0, str(ROOT / "bench"))
        from search_in_browser import time_search

        try:
            figures["browser"] = time_search(project / "site", engine)
        except Exception as error:  # noqa: BLE001 - a failed timing is reported in the table, the rest still counts
            figures["browser"] = {"error": f"{type(error).__name__}: {error}"[:500]}
    return figures


def human_bytes(size: float) -> str:
    """1536 -> '1.5 KB': sizes in the table, in powers of 1024."""
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.2f} GB"


def table_lines(rows: list[dict[str, Any]]) -> list[str]:
    """A Markdown table, one column per size: what the README shows."""
    columns = [f"{row['papers']:,} papers" + (f", {row['engine']}" if "engine" in row else "") for row in rows]
    lines = ["| | " + " | ".join(columns) + " |", "| --- |" + " ---: |" * len(rows)]

    def add(label: str, cells: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    for stage in STAGES:
        add(f"{stage}: s (peak MB)", [f"{row['first']['stages'].get(stage, 0):.2f} "
                                      f"({row['first']['peaks'].get(stage, 0):.0f})" for row in rows])
    add("**generator: s (peak MB)**", [f"**{row['first']['seconds']:.1f}** ({row['first']['peak_mb']:.0f})"
                                       for row in rows])
    add("forked worker's peak MB (generator/speed/parallel.py)", [f"{row['first'].get('worker_peak_mb', 0):.0f}"
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
        if all("anchors" in row for row in rows):
            for label, cells in anchor_rows(rows):
                add(label, cells)
        add("HTML pages", [f"{row['site']['html_pages']:,}" for row in rows])
        add("site size", [human_bytes(row["site"]["site_bytes"]) for row in rows])
        add("search index (per paper)", [per_paper(row["site"]["search_bytes"], row) for row in rows])
        if any("fragment_bytes" in row["site"] for row in rows):
            add("of which Pagefind's page fragments (per paper)",
                [per_paper(row["site"]["fragment_bytes"], row) if "fragment_bytes" in row["site"] else "-"
                 for row in rows])
        if any("search_files_bytes" in row["site"] for row in rows):
            add("search files, code included (per paper)",
                [per_paper(row["site"].get("search_files_bytes", 0), row) for row in rows])
        add("largest HTML page", [f"{human_bytes(row['site']['largest_bytes'])} ({row['site']['largest_page']})"
                                  for row in rows])
    if any("browser" in row for row in rows):
        for label, cells in browser_rows(rows):
            add(label, cells)
    return lines


def anchor_rows(rows: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """The same pages built without us: naive Material and Hugo, and our whole build as a ratio to each."""
    def ours(row: dict[str, Any]) -> float:
        return row["first"]["seconds"] + row["mkdocs"]["seconds"]

    def ratio(row: dict[str, Any], seconds: float | None) -> str:
        return f"{seconds:.1f} s (ours / it: **{ours(row) / seconds:.2f}**)" if seconds else "not installed"

    return [
        ("naive Material build of the same pages, no plugin", [ratio(row, row["anchors"]["naive_s"]) for row in rows]),
        ("Hugo, the same pages, a minimal layout", [ratio(row, row["anchors"]["hugo_s"]) for row in rows]),
    ]


def per_paper(size: float, row: dict[str, Any]) -> str:
    """'1.5 MB (1.5 KB)': a size and its share per paper."""
    return f"{human_bytes(size)} ({human_bytes(size / max(row['papers'], 1))})"


def browser_rows(rows: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """The search rows: how soon a reader gets a first result in Chromium, and what it costs in bytes."""
    def cells(text: Any) -> list[str]:
        return [("failed" if "error" in row["browser"] else text(row["browser"])) if "browser" in row else "-"
                for row in rows]

    return [
        ("**search usable: s from opening the site to a first result**", cells(lambda b: f"**{b['usable_s']:.2f}**")),
        ("home page loaded: s", cells(lambda b: f"{b['loaded_s']:.2f}")),
        ("first result: s after the last key", cells(lambda b: f"{b['after_typing_s']:.2f}")),
        ("search bytes fetched, page load and query", cells(lambda b: human_bytes(b["search_bytes"]))),
        ("search bytes fetched once the reader types", cells(lambda b: human_bytes(b["query_bytes"]))),
        ("all bytes fetched", cells(lambda b: human_bytes(b["all_bytes"]))),
        ("query (a surname)", cells(lambda b: b["query"])),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--quick", action="store_true", help=f"one list of {QUICK_SIZE} papers")
    parser.add_argument("--skip-mkdocs", action="store_true", help="only the generator")
    parser.add_argument("--search", choices=[*ENGINES, "both"], default="material",
                        help="the search engine of the site built (both: a column for each)")
    parser.add_argument("--skip-browser", action="store_true", help="no search timing in Chromium")
    parser.add_argument("--serve", type=int, metavar="N", help="also time a seed edit under mkdocs serve at N papers")
    parser.add_argument("--anchors", action="store_true", help="also build the pages with naive Material and Hugo")
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
        engines = None if args.skip_mkdocs else (list(ENGINES) if args.search == "both" else [args.search])
        for count in sizes:
            print(f"{count:,} papers ...", file=sys.stderr, flush=True)
            measured = measure(count, folder, engines, not args.skip_browser, args.anchors and engines is not None)
            for row in measured:
                if "mkdocs" in row and row["mkdocs"]["returncode"] != 0:
                    print(row["mkdocs"]["stderr"], file=sys.stderr)
                if "error" in row.get("browser", {}):
                    print(f"search in the browser ({row['engine']}): {row['browser']['error']}", file=sys.stderr)
            rows.extend(measured)
        reloads = serve_rows(args.serve, folder) if args.serve else []
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print("\n".join(table_lines(rows)) if rows else "")
    for line in reloads:
        print(line)
    return 0


def serve_rows(size: int, folder: Path) -> list[str]:
    """`mkdocs serve --dirty` at `size` papers: three seed edits, each until the page is served."""
    sys.path.insert(0, str(ROOT / "bench"))
    from serve_reload import measure_reload

    print(f"mkdocs serve, {size:,} papers ...", file=sys.stderr, flush=True)
    timings = measure_reload(size, 3, folder)
    edits = sorted(seconds for label, seconds, _ in timings if label.startswith("edit"))
    return ["", f"| `mkdocs serve --dirty`, {size:,} papers | seconds |", "| --- | ---: |",
            f"| first build, until serving | {timings[0][1]:.1f} |",
            f"| **seed edit -> page served, median of {len(edits)}** (all: {', '.join(f'{s:.1f}' for s in edits)}) "
            f"| **{edits[len(edits) // 2]:.1f}** |"]


if __name__ == "__main__":
    sys.exit(main())
