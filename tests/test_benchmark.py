"""The benchmark's own logic on small inputs: the table it prints and the sizes it reports."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import PROJECT


def load_benchmark(name: str = "benchmark") -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, PROJECT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


benchmark = load_benchmark()
search_in_browser = load_benchmark("search_in_browser")


def row(papers: int, with_mkdocs: bool = True) -> dict:
    stages = {stage: 0.5 for stage in benchmark.STAGES}
    first = {"seconds": 3.5, "stages": stages, "peaks": {stage: 100.0 for stage in stages}, "papers": papers,
             "written": papers * 3, "unchanged": 0, "peak_mb": 120.0}
    result = {"papers": papers, "first": first, "second": {**first, "seconds": 0.25, "written": 0},
              "largest_md": ("authors/index.md", 2048)}
    if with_mkdocs:
        result["mkdocs"] = {"seconds": 10.0, "peak_mb": 300.0, "returncode": 0, "stderr": ""}
        result["site"] = {"site_bytes": 5 * 2**20, "html_pages": papers * 2, "search_bytes": 1536 * papers,
                          "largest_bytes": 2**20, "largest_page": "tags/index.html"}
    return result


def test_human_bytes_in_powers_of_1024() -> None:
    assert [benchmark.human_bytes(size) for size in (512, 1536, 3 * 2**20, 2**31)] == [
        "512 B", "1.5 KB", "3.0 MB", "2.00 GB"]


def test_table_has_one_column_per_size_and_a_row_per_stage() -> None:
    lines = benchmark.table_lines([row(1000), row(10000)])
    assert lines[0] == "| | 1,000 papers | 10,000 papers |"
    assert all(line.count("|") == 4 for line in lines)
    assert [line.split(":")[0] for line in lines[2:9]] == [f"| {stage}" for stage in benchmark.STAGES]
    assert "| search index (per paper) | 1.5 MB (1.5 KB) | 14.6 MB (1.5 KB) |" in lines
    assert "| **generator + MkDocs: s** | **13.5** | **13.5** |" in lines
    assert "| second run: files written | 0 | 0 |" in lines


def test_table_without_mkdocs_leaves_out_the_site_rows() -> None:
    lines = benchmark.table_lines([row(1000, with_mkdocs=False)])
    assert not any("search index" in line or "MkDocs" in line for line in lines)
    assert "| files written | 3,000 |" in lines


def test_site_facts_find_the_largest_page_and_the_search_index(tmp_path: Path) -> None:
    (tmp_path / "site/search").mkdir(parents=True)
    (tmp_path / "site/search/search_index.json").write_text("x" * 300)
    (tmp_path / "site/big.html").write_text("x" * 200)
    (tmp_path / "site/small.html").write_text("x" * 10)
    facts = benchmark.site_facts(tmp_path)
    assert facts == {"site_bytes": 510, "html_pages": 2, "search_bytes": 300, "search_files_bytes": 300,
                     "largest_bytes": 200, "largest_page": "big.html"}


def test_a_pagefind_index_counts_its_data_apart_from_its_code(tmp_path: Path) -> None:
    bundle = tmp_path / "site/pagefind"
    for name, size in {"index/en_1.pf_index": 100, "fragment/en_2.pf_fragment": 50, "pagefind.en_3.pf_meta": 7,
                       "pagefind-entry.json": 3, "pagefind.js": 1000, "pagefind-ui.css": 200, "wasm.en.pagefind": 500}.items():
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / name).write_text("x" * size)
    assert benchmark.search_facts(tmp_path / "site") == {"search_bytes": 160, "fragment_bytes": 50,
                                                         "search_files_bytes": 1860}


def test_the_engine_is_switched_in_the_projects_mkdocs_yml(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - reading-list:\n      search: material\n  - search:\n      separator: x\n")
    benchmark.use_search_engine(tmp_path, "pagefind")
    assert config.read_text() == "plugins:\n  - reading-list:\n      search: pagefind\n  - search:\n      separator: x\n"
    config.write_text("plugins:\n  - search\n")
    with pytest.raises(SystemExit):
        benchmark.use_search_engine(tmp_path, "pagefind")


def test_each_engine_gets_a_column_with_its_search_timings() -> None:
    timings = {"query": "Geirhos", "loaded_s": 0.4, "usable_s": 1.25, "after_typing_s": 0.5,
               "all_bytes": 3 * 2**20, "search_bytes": 2**20, "query_bytes": 40 * 1024}
    rows = [{**row(1000), "engine": "material", "browser": timings},
            {**row(1000), "engine": "pagefind", "browser": {"error": "TimeoutError"}}]
    lines = benchmark.table_lines(rows)
    assert lines[0] == "| | 1,000 papers, material | 1,000 papers, pagefind |"
    assert "| **search usable: s from opening the site to a first result** | **1.25** | failed |" in lines
    assert "| search bytes fetched once the reader types | 40.0 KB | failed |" in lines
    assert "| query (a surname) | Geirhos | failed |" in lines


def test_bytes_fetched_are_those_of_the_files_served(tmp_path: Path) -> None:
    (tmp_path / "papers/a").mkdir(parents=True)
    (tmp_path / "papers/a/index.html").write_text("x" * 10)
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind/pagefind.js").write_text("x" * 5)
    urls = ["http://127.0.0.1:8000/papers/a/", "http://127.0.0.1:8000/pagefind/pagefind.js",
            "http://127.0.0.1:8000/missing.css", "https://example.org/pagefind/pagefind.js"]
    assert search_in_browser.fetched_bytes(tmp_path, urls) == 15
    assert [search_in_browser.is_search_file(url) for url in urls] == [False, True, False, True]


def test_a_small_synthetic_list_builds_and_its_second_run_writes_nothing(tmp_path: Path) -> None:
    project = benchmark.make_project(tmp_path / "project", 40)
    first = benchmark.in_subprocess("run-generator", project)
    second = benchmark.in_subprocess("run-generator", project)
    assert first["papers"] == 40 and first["written"] > 80
    assert set(benchmark.STAGES) <= set(first["stages"])
    assert second["written"] == 0 and second["unchanged"] == first["written"]
