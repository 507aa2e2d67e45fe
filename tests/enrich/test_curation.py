"""The curator's list: papers lacking authors, year or venue, reported but never fatal."""

from __future__ import annotations

from pathlib import Path

from generator.enrich.curation import missing_metadata, summary_lines
from generator.library import Library
from generator.model import Author, Paper, SourceRef
from tests.test_cli import run_cli


def test_what_is_missing_is_named() -> None:
    complete = Paper("Complete", [SourceRef("c", "a.txt", 1)], authors=[Author("Ada")], year=2020, venue="ICML")
    count_only = Paper("Count Only", [SourceRef("c", "b.txt", 7)], author_count=3, arxiv_id="2101.00001")
    bare = Paper("Bare", [SourceRef("c", "c.txt", 9)])
    entries = missing_metadata([complete, count_only, bare])
    assert [(entry.paper.title, entry.missing) for entry in entries] == [
        ("Count Only", ("authors", "year")), ("Bare", ("authors", "year", "venue"))]
    assert summary_lines(entries) == ["b.txt:7: Count Only: no authors, no year",
                                      "c.txt:9: Bare: no authors, no year, no venue"]


def test_bundled_seeds_lab_page_lacks_everything(bundled_library: Library) -> None:
    entries = {entry.paper.title: entry.missing for entry in missing_metadata(bundled_library.papers)}
    assert entries["Adversarial Alignment for Source Free Object Detection"] == ("authors", "year", "venue")
    assert "Fast R-CNN" not in entries


def test_check_lists_missing_metadata_and_still_passes_strict(project_copy: Path) -> None:
    result = run_cli(project_copy, "check", "--strict")
    assert result.returncode == 0
    assert "Missing metadata (92 papers; not problems, never fatal):" in result.stderr
    assert "  000_0629105ea6b49950.txt:42: Adversarial Alignment for Source Free Object Detection: no authors, " \
           "no year, no venue" in result.stderr
