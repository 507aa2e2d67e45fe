"""`python -m generator build|check`: settings from mkdocs.yml, problems on stderr, --strict exits 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True,
                          text=True, env=environment, check=False)


def test_check_on_the_bundled_seeds_passes_strict(project_copy: Path) -> None:
    result = run_cli(project_copy, "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert "298 papers read" in result.stderr
    assert "0 problems (0 errors)" in result.stderr
    assert not (project_copy / "docs/papers").exists()  # check writes nothing


def test_a_broken_seed_fails_strict_with_file_and_line(project_copy: Path) -> None:
    (project_copy / "seeds/mine.yml").write_text("papers:\n  - {title: Fine, tags: [Transfer learning]}\n  - authors: [No Title]\n",
                                                  encoding="utf-8")
    strict = run_cli(project_copy, "build", "--strict")
    assert strict.returncode == 1
    assert "mine.yml:3: error: paper without a title; skipped" in strict.stderr
    assert "1 problem (1 errors)" in strict.stderr
    lenient = run_cli(project_copy, "build")
    assert lenient.returncode == 0
    assert (project_copy / "docs/papers/fine.md").exists()


def test_an_unrecognised_seed_is_reported_not_ignored(project_copy: Path) -> None:
    (project_copy / "seeds/notes.txt").write_text("Remember the milk.\n", encoding="utf-8")
    result = run_cli(project_copy, "check", "--strict")
    assert result.returncode == 1
    assert ("notes.txt:1: warning: not recognised as any seed format (papers-yaml, bibtex, arxiv-listing, "
            "conference-similar, daily-papers, lecture-slides, publications-page); skipped: set its 'format' in "
            "sources.yml, or if it is not a seed, name it in .seedignore") in result.stderr


def test_a_removed_seed_is_one_line_per_cause(project_copy: Path) -> None:
    (project_copy / "seeds/lecture_works.yml").unlink()  # ResNet, Mask R-CNN and SAM are annotated
    (project_copy / "seeds/004_e7dc5dfea51801c0.txt").unlink()  # 2209.14475 is annotated by arXiv id
    result = run_cli(project_copy, "check", "--strict")
    assert result.returncode == 1
    lines = [line for line in result.stderr.split("Missing metadata")[1].splitlines()[1:] if not line.startswith("  ")]
    assert lines[:2] == [
        "sources.yml:54: warning: describes 2 files that are not in the seeds folder: lecture_works.yml (line 54), "
        "004_e7dc5dfea51801c0.txt (line 62); their entries are not used",
        "annotations.yml:36: warning: 4 keys match no paper (a key is a slug, a BibTeX key, an arXiv id or a DOI): "
        "'1512.03385' (line 36), '10.1109/ICCV.2017.322' (line 63), 'kirillov2023segment' (line 86), "
        "'2209.14475' (line 91); entries skipped"]
    assert lines[2].startswith("topics.yml:") and " topics match no paper: " in lines[2]  # what those papers held
    assert lines[3:] == ["10 problems (0 errors)"]


def test_check_lists_what_it_ignored_and_that_is_no_problem(project_copy: Path) -> None:
    (project_copy / "seeds/README.md").write_text("# My seeds\n\nWhere they come from.\n", encoding="utf-8")
    (project_copy / "seeds/.seedignore").write_text("README.md\n", encoding="utf-8")
    (project_copy / "seeds/.DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    result = run_cli(project_copy, "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert ("Ignored in the seeds folder (2, by rule; not problems, never fatal):\n  .DS_Store: hidden\n"
            "  README.md: .seedignore:1 (README.md)\n") in result.stderr


def test_check_suggests_topics_by_meaning_for_a_paper_no_phrase_matched(project_copy: Path) -> None:
    (project_copy / "seeds/mine.yml").write_text(
        "papers:\n  - title: Counting penguins from the air\n"
        "    abstract: Drone photographs of colonies are annotated so that a network can count the birds.\n",
        encoding="utf-8")
    result = run_cli(project_copy, "check")
    line = next(line for line in result.stderr.splitlines() if "Counting penguins" in line and "topic" in line)
    assert line.startswith("mine.yml:2: warning: paper 'Counting penguins from the air' has no topic tag")
    assert line.endswith(")") and "(closest in meaning: " in line
    suggested = line.split("(closest in meaning: ")[1].rstrip(")").split(", ")
    assert len(suggested) == 2 and all(f"- name: {name}\n" in (project_copy / "seeds/topics.yml").read_text(
        encoding="utf-8") for name in suggested)


def test_related_meaning_must_be_a_share(project_copy: Path) -> None:
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("related_meaning: 0.2", "related_meaning: 1.5"),
                      encoding="utf-8")
    result = run_cli(project_copy, "check")
    assert result.returncode != 0
    assert "expected a number from 0 to 1, got 1.5" in result.stderr
