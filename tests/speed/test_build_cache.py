"""The build cache: an unchanged second run does no work; any change of input or output rebuilds."""

from __future__ import annotations

from pathlib import Path

from generator.build import build
from generator.speed import build_cache
from tests.test_build import config_for


def test_an_unchanged_second_run_is_served_from_the_cache_and_writes_nothing(project_copy: Path) -> None:
    first = build(config_for(project_copy))
    again = build(config_for(project_copy))
    assert (again.written.written, again.written.removed) == ([], [])
    assert "read" not in again.progress.seconds  # no stage after the check ran
    assert again.written.unchanged == len(first.written.written)
    assert [paper.slug for paper in again.library.papers] == [paper.slug for paper in first.library.papers]


def test_an_edited_seed_rebuilds(project_copy: Path) -> None:
    build(config_for(project_copy))
    listing = next((project_copy / "seeds").glob("004_*.txt"))
    listing.write_text(listing.read_text(encoding="utf-8").replace(
        "Intrinsic Dimensionality Estimation", "Extrinsic Dimensionality Estimation", 1), encoding="utf-8")
    again = build(config_for(project_copy))
    assert "read" in again.progress.seconds
    assert any(path.startswith("papers/extrinsic-dimensionality") for path in again.written.written)


def test_a_deleted_or_hand_edited_page_is_written_again(project_copy: Path) -> None:
    build(config_for(project_copy))
    page = project_copy / "docs/papers/index.md"
    text = page.read_text(encoding="utf-8")
    page.unlink()
    assert build(config_for(project_copy)).written.written == ["papers/index.md"]
    page.write_text(text + "hand edit\n", encoding="utf-8")
    assert build(config_for(project_copy)).written.written == ["papers/index.md"]
    assert page.read_text(encoding="utf-8") == text


def test_a_corrupt_cache_means_a_full_build(project_copy: Path) -> None:
    config = config_for(project_copy)
    build(config)
    build_cache.cache_file(config).write_bytes(b"not a pickle")
    again = build(config)
    assert "read" in again.progress.seconds and again.written.written == []


def test_the_cache_is_outside_docs(project_copy: Path) -> None:
    config = config_for(project_copy)
    assert config.docs_dir.resolve() not in build_cache.cache_file(config).parents
