"""`python -m generator annotate`: one entry edited, every other byte of the user's file kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.annotate_command import AnnotateError, Changes, annotate
from generator.build import load_library
from generator.config import BuildConfig
from tests.enrich.test_annotations import FIRST, SECOND, THIRD, small_project
from tests.test_cli import run_cli

TODAY = dt.date(2025, 6, 1)
HEAD = """\
# header comment
# second line

sparse-codes-for-neural-features:   # the first
  status: to-read
  priority: 2

# comment before the second, kept where it is
"""
ENTRY = """\
"10.1000/xyz.1":
  status: reading    # started in May
  # a comment inside the entry
  tags: [bottlenecks]
  added: 2025-05-01
"""
TAIL = """
weather-forecasting-with-radar:
  rating: 2
"""


def annotations_of(config: BuildConfig) -> str:
    return (config.seeds_dir / "annotations.yml").read_text(encoding="utf-8")


def test_an_edit_keeps_every_byte_outside_the_edited_entry(tmp_path: Path) -> None:
    config = small_project(tmp_path, HEAD + ENTRY + TAIL)
    slug = annotate(config, SECOND, Changes(status="read", rating=4, tags=("sparsity",), note="Reread *it*."), TODAY)
    text = annotations_of(config)
    assert slug == SECOND
    assert text.startswith(HEAD) and text.endswith(TAIL)
    assert text[len(HEAD):-len(TAIL)] == (
        '"10.1000/xyz.1":\n'
        "  status: read       # started in May\n"
        "  # a comment inside the entry\n"
        "  rating: 4\n"
        "  notes: Reread *it*.\n"
        "  tags: [bottlenecks, sparsity]\n"
        "  added: 2025-05-01\n"
        "  finished: 2025-06-01\n")
    annotation = load_library(config).by_slug()[SECOND].annotation
    assert annotation is not None and (annotation.status, annotation.rating, annotation.finished) == (
        "read", 4, TODAY)


def test_any_key_of_the_paper_finds_its_entry(tmp_path: Path) -> None:
    original = HEAD + ENTRY + TAIL
    config = small_project(tmp_path, original)
    annotate(config, "arXiv:2310.00001", Changes(priority=1), TODAY)  # its entry is under the slug
    annotate(config, "turing2024discrete", Changes(rating=2), TODAY)  # a BibTeX key; its entry is under the DOI
    assert annotations_of(config) == original.replace("  priority: 2\n", "  priority: 1\n").replace(
        "  # a comment inside the entry\n", "  # a comment inside the entry\n  rating: 2\n")


def test_a_paper_without_an_entry_gets_one_under_its_slug_at_the_end(tmp_path: Path) -> None:
    config = small_project(tmp_path, ENTRY)
    annotate(config, "lovelace2023sparse", Changes(status="read", rating=5, summary="Codes: sparse"), TODAY)
    assert annotations_of(config) == ENTRY + (
        f"\n{FIRST}:\n  status: read\n  rating: 5\n  summary: 'Codes: sparse'\n  added: 2025-06-01\n"
        "  finished: 2025-06-01\n")


def test_a_missing_file_is_created(tmp_path: Path) -> None:
    config = small_project(tmp_path, None)
    annotate(config, FIRST, Changes(tags=("sparsity", "codes", "sparsity")), TODAY)
    assert annotations_of(config) == f"{FIRST}:\n  tags: [sparsity, codes]\n  added: 2025-06-01\n"


def test_notes_grow_by_one_paragraph_at_a_time(tmp_path: Path) -> None:
    config = small_project(tmp_path, f"{FIRST}:\n  notes: First thought.\n")
    annotate(config, FIRST, Changes(note="Second thought."), TODAY)
    annotate(config, FIRST, Changes(note="Third thought."), TODAY)
    assert annotations_of(config) == (
        f"{FIRST}:\n  notes: |\n    First thought.\n\n    Second thought.\n\n    Third thought.\n")
    assert load_library(config).by_slug()[FIRST].annotation.notes == (  # type: ignore[union-attr]
        "First thought.\n\nSecond thought.\n\nThird thought.")


def test_finished_is_set_once(tmp_path: Path) -> None:
    config = small_project(tmp_path, f"{FIRST}:\n  status: read\n  finished: 2024-12-24\n")
    annotate(config, FIRST, Changes(status="read", rating=3), TODAY)
    assert annotations_of(config) == f"{FIRST}:\n  status: read\n  rating: 3\n  finished: 2024-12-24\n"


def test_line_endings_are_kept(tmp_path: Path) -> None:
    original = (HEAD + ENTRY + TAIL).replace("\n", "\r\n")
    config = small_project(tmp_path, None)
    (config.seeds_dir / "annotations.yml").write_bytes(original.encode("utf-8"))
    annotate(config, THIRD, Changes(rating=3), TODAY)
    assert (config.seeds_dir / "annotations.yml").read_bytes() == original.replace(
        "rating: 2", "rating: 3").encode("utf-8")


@pytest.mark.parametrize(("text", "message"), [
    pytest.param(f"{FIRST}:\n  status: [read\n", "annotations.yml:2: error: YAML does not parse",
                 id="yaml-does-not-parse"),
    pytest.param(f"{FIRST}:\n  rating: 1\n{FIRST}:\n  rating: 2\n",
                 f"annotations.yml:3: error: '{FIRST}' is annotated again", id="key-repeated"),
    pytest.param(f"{FIRST}:\n  status: read\n  status: reading\n",
                 "annotations.yml:1: cannot edit this entry: while constructing a mapping", id="field-repeated"),
])
def test_a_file_that_does_not_parse_is_left_untouched(tmp_path: Path, text: str, message: str) -> None:
    config = small_project(tmp_path, text)
    with pytest.raises(AnnotateError, match=message.replace("[", r"\[")):
        annotate(config, FIRST, Changes(status="read"), TODAY)
    assert annotations_of(config) == text


def test_an_unknown_key_fails_and_leaves_the_file_untouched(project_copy: Path) -> None:
    path = project_copy / "seeds/annotations.yml"
    before = path.read_bytes()
    result = run_cli(project_copy, "annotate", "no-such-paper", "--status", "read")
    assert result.returncode == 1
    assert result.stderr == ("error: no paper has the key 'no-such-paper' (a key is a slug, a BibTeX key, an arXiv "
                             "id or a DOI); nothing written\n")
    assert path.read_bytes() == before
    nothing = run_cli(project_copy, "annotate", "fast-r-cnn")
    assert nothing.returncode == 2 and path.read_bytes() == before
    bad_rating = run_cli(project_copy, "annotate", "fast-r-cnn", "--rating", "9")
    assert bad_rating.returncode == 2 and "invalid choice: 9" in bad_rating.stderr
    assert path.read_bytes() == before


def test_the_command_edits_the_bundled_file_and_the_build_applies_it(project_copy: Path) -> None:
    path = project_copy / "seeds/annotations.yml"
    before = path.read_text(encoding="utf-8")
    result = run_cli(project_copy, "annotate", "girshick2015fast", "--status", "to read", "--priority", "3")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "annotations.yml: annotated fast-r-cnn\n"
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before) and after[len(before):].startswith("\nfast-r-cnn:\n  status: to-read\n"
                                                                       "  priority: 3\n  added: ")
    check = run_cli(project_copy, "check", "--strict")
    assert check.returncode == 0 and "0 problems" in check.stderr
