"""The seeds manifest: every bundled seed described, mistakes reported with their line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.read.manifest import load_manifest
from generator.read.seed_folder import scan_seeds

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_every_bundled_seed_is_described_with_its_format() -> None:
    infos, problems = load_manifest(SEEDS)
    assert problems == []
    folder = scan_seeds(SEEDS, infos)
    assert set(infos) == set(folder.files) and folder.ignored == [] and folder.problems == []
    assert all(info.format and info.description and info.origin for info in infos.values())
    assert infos["002_4e7f277c3fa91482.txt"].listing_date == dt.date(2025, 10, 31)
    assert infos["001_8a80a7cfc049401a.txt"].venue == "ICPR 2020"


def test_broken_entries_are_reported_with_their_line(tmp_path: Path) -> None:
    (tmp_path / "sources.yml").write_text(
        "sources:\n"
        "  - file: good.txt\n    collection: good\n"
        "  - collection: no-file\n"
        "  - file: bad-date.txt\n    listing_date: last tuesday\n",
        encoding="utf-8")
    infos, problems = load_manifest(tmp_path)
    assert list(infos) == ["good.txt"]
    assert [str(p) for p in problems] == [
        "sources.yml:4: error: sources[1]: each entry needs a 'file' name; entry ignored",
        "sources.yml:6: error: sources[2]: listing_date must be a date YYYY-MM-DD, not 'last tuesday'; "
        "entry ignored",
    ]


def test_unparseable_manifest(tmp_path: Path) -> None:
    (tmp_path / "sources.yml").write_text("sources:\n  - file: [x\n", encoding="utf-8")
    infos, problems = load_manifest(tmp_path)
    assert infos == {}
    assert problems[0].line == 2 and problems[0].message.startswith("cannot parse the manifest")


def test_each_entry_knows_its_line_and_a_second_entry_for_a_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "sources.yml").write_text(
        "sources:\n  - file: a.txt\n    collection: first\n  - file: b.txt\n  - file: a.txt\n    collection: second\n",
        encoding="utf-8")
    infos, problems = load_manifest(tmp_path)
    assert [(info.file, info.line, info.collection) for info in infos.values()] == [
        ("a.txt", 5, "second"), ("b.txt", 4, "b")]
    assert [str(p) for p in problems] == [
        "sources.yml:5: warning: 'a.txt' is described again (first at line 2); this entry is used, the first is not"]
