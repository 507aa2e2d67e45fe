"""Rebuilds that keep results from the last build (mkdocs serve) give exactly a fresh build's docs."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.config import BuildConfig
from generator.speed.reuse import Reuse

LISTING = "004_e7dc5dfea51801c0.txt"
ABSTRACT_END = "The theory is showcased in two simple experiments."


def contents(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_abstract(seeds: Path) -> None:
    """New words, but none that names a topic: only relating must see the change."""
    replace_in(seeds / LISTING, ABSTRACT_END, ABSTRACT_END + " We thank the reviewers for their patience.")


def edit_title(seeds: Path) -> None:
    """A title shown on other papers' pages (related, listings); its slug and words stay, so no
    other paper's related papers change: only the title they show."""
    replace_in(seeds / LISTING, "### Intrinsic Dimensionality Estimation within Tight Localities",
               "### Intrinsic Dimensionality Estimation within TIGHT Localities")


def edit_annotation(seeds: Path) -> None:
    replace_in(seeds / "annotations.yml", "  rating: 5\n", "  rating: 3\n")


def edit_topics(seeds: Path) -> None:
    replace_in(seeds / "topics.yml", "\n", "\n# a comment changes no topic\n")


def remove_listing(seeds: Path) -> None:
    (seeds / LISTING).unlink()


@pytest.fixture
def reuse() -> Reuse:
    return Reuse()


def rebuild_and_compare(project: Path, reuse: Reuse, edit: Callable[[Path], None]) -> Reuse:
    """Edit the seeds, rebuild with `reuse`, and check against a fresh build of the same seeds."""
    edit(project / "seeds")
    kept = BuildConfig(project / "seeds", project / "docs", project / "site_templates", "Test")
    fresh = BuildConfig(project / "seeds", project / "fresh-docs", project / "site_templates", "Test")
    build(kept, reuse=reuse)
    build(fresh)
    generated = contents(fresh.docs_dir)  # docs/ also holds hand-written pages
    assert len(generated) > 500
    assert {path: data for path, data in contents(kept.docs_dir).items() if path in generated} == generated
    return reuse


def test_an_abstract_edit_rereads_one_file_and_retags_one_paper(project_copy: Path, reuse: Reuse) -> None:
    rebuild_and_compare(project_copy, reuse, lambda seeds: None)
    files = reuse.seed_files.misses
    rebuild_and_compare(project_copy, reuse, edit_abstract)
    assert (reuse.seed_files.hits, reuse.seed_files.misses) == (files - 1, 1)
    assert reuse.topics.misses == 1 and reuse.topics.hits > 250
    papers = len(reuse.related.texts)
    assert 0 < reuse.related.recomputed < papers // 4  # new words: only the rows they reach are related again
    page = next((project_copy / "docs/papers").glob("in-search-of-projectively-equivariant-network*.md"))
    assert "reviewers for their patience" in page.read_text(encoding="utf-8")


def test_an_annotation_edit_keeps_the_related_papers(project_copy: Path, reuse: Reuse) -> None:
    rebuild_and_compare(project_copy, reuse, lambda seeds: None)
    rebuild_and_compare(project_copy, reuse, edit_annotation)
    assert reuse.seed_files.misses == 0 and reuse.topics.misses == 0
    assert reuse.related is not None and reuse.related.recomputed == 0


def test_a_vocabulary_edit_matches_topics_again(project_copy: Path, reuse: Reuse) -> None:
    rebuild_and_compare(project_copy, reuse, lambda seeds: None)
    rebuild_and_compare(project_copy, reuse, edit_topics)
    assert reuse.topics.hits == 0  # the vocabulary is part of every key


def test_a_removed_seed_file_takes_its_papers_along(project_copy: Path, reuse: Reuse) -> None:
    rebuild_and_compare(project_copy, reuse, lambda seeds: None)
    rebuild_and_compare(project_copy, reuse, remove_listing)
    assert reuse.seed_files.misses == 0
    assert reuse.related.recomputed == len(reuse.related.texts)  # fewer papers: every IDF changed


def test_a_generated_file_changed_by_hand_is_written_again(project_copy: Path, reuse: Reuse) -> None:
    rebuild_and_compare(project_copy, reuse, lambda seeds: None)
    page = next((project_copy / "docs/papers").glob("in-search-of-projectively-equivariant-network*.md"))
    page.write_text("edited by hand\n", encoding="utf-8")  # files the last build wrote are not read back unless touched
    rebuild_and_compare(project_copy, reuse, edit_annotation)
    assert "edited by hand" not in page.read_text(encoding="utf-8")


def test_a_title_edit_reaches_every_page_that_shows_it(project_copy: Path, reuse: Reuse) -> None:
    rebuild_and_compare(project_copy, reuse, lambda seeds: None)
    rebuild_and_compare(project_copy, reuse, edit_title)
    assert reuse.related.recomputed < 10  # the edited paper and those listing it: their related papers stay
    assert 0 < reuse.pages.misses < reuse.pages.hits


def test_a_rebuild_with_nothing_changed_needs_not_even_the_build_cache(project_copy: Path, reuse: Reuse) -> None:
    """mkdocs serve rebuilds again when the generator's own writes reach docs/: that rebuild is answered from memory."""
    config = BuildConfig(project_copy / "seeds", project_copy / "docs", project_copy / "site_templates", "Test")
    build(config, reuse=reuse)
    shutil.rmtree(project_copy / ".cache")
    again = build(config, reuse=reuse)
    assert list(again.progress.seconds) == ["check"] and again.written.written == []
    page = next((project_copy / "docs/papers").glob("in-search-of-projectively-equivariant-network*.md"))
    page.write_text("edited by hand\n", encoding="utf-8")
    restored = build(config, reuse=reuse)  # a file it wrote was touched: build
    assert "read" in restored.progress.seconds and "edited by hand" not in page.read_text(encoding="utf-8")


def test_an_author_edit_groups_the_people_again(project_copy: Path, reuse: Reuse) -> None:
    """A spelling that joins another person's ("Milos" and "Miloš" are one person), and a new name:
    the authors pages must show the grouping a fresh build makes."""
    rebuild_and_compare(project_copy, reuse, lambda seeds: None)
    rebuild_and_compare(project_copy, reuse, edit_annotation)
    assert (reuse.people.hits, reuse.people.misses) == (1, 0)  # no author changed: the people are kept
    rebuild_and_compare(project_copy, reuse, lambda seeds: replace_in(
        seeds / LISTING, "Laurent Amsaleg, Oussama Chelly", "Laurent Amsaleg, Ada Lovelace, Oussama Chelly"))
    assert reuse.people.misses == 1
