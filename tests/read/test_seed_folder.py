"""Every file dropped into seeds/ is read by a reader or named in a problem; rules that leave files
out (hidden names, .seedignore) are listed, never silent."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from generator.build import BuildReport
from generator.mkdocs.build_worker import summarize
from generator.problem_lines import report_lines
from generator.progress import Progress
from generator.read import seeds
from generator.read.manifest import default_source_info, load_manifest
from generator.read.seed_folder import HIDDEN, Ignored, SeedFolder, scan_seeds
from generator.read.seeds import read_seed, read_seeds
from generator.site.output import WriteReport

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BUNDLED, _ = load_manifest(SEEDS)
ONE_OF_EACH = {info.format: name for name, info in reversed(BUNDLED.items())}  # the lecture's slides, not its works
ARXIV = ONE_OF_EACH["arxiv-listing"]
README = "# My seeds\n\nThe listings I collect for my reading list, a few every week, from arXiv and elsewhere.\n\n" \
         "## How to add one\n\nSave the page as text into this folder, run make site and read what it says.\n"


def titles_and_problems(seeds_dir: Path) -> tuple[list[str], list[str]]:
    library = read_seeds(seeds_dir)
    return [paper.title for paper in library.papers], report_lines(library.problems)


@pytest.mark.parametrize("extension", [".md", ".txt", ""], ids=["md", "txt", "none"])
@pytest.mark.parametrize("format_name", sorted(ONE_OF_EACH))
def test_each_format_is_read_by_its_content_under_any_extension(tmp_path: Path, format_name: str,
                                                                extension: str) -> None:
    data = (SEEDS / ONE_OF_EACH[format_name]).read_bytes()
    name = f"20180917{extension}"
    (tmp_path / name).write_bytes(data)
    library = read_seeds(tmp_path)  # no manifest: recognised by content alone
    _, declared, _ = read_seed(data, name, dataclasses.replace(default_source_info(name), format=format_name))
    _, bundled, _ = read_seed(data, ONE_OF_EACH[format_name], BUNDLED[ONE_OF_EACH[format_name]])
    assert library.papers == declared  # every field as if the format were declared
    assert [paper.title for paper in library.papers] == [paper.title for paper in bundled]
    assert [collection.format for collection in library.collections.values()] == [format_name]
    assert library.papers or format_name == "lecture-slides"  # the slides' works are in lecture_works.yml
    assert library.collections["20180917"].sections or format_name != "lecture-slides"


def test_the_manifest_still_wins_over_the_content(tmp_path: Path) -> None:
    (tmp_path / "listing.md").write_bytes((SEEDS / ARXIV).read_bytes())
    (tmp_path / "sources.yml").write_text("sources:\n  - file: listing.md\n    format: publications-page\n",
                                          encoding="utf-8")
    assert read_seeds(tmp_path).collections["listing"].format == "publications-page"


NOT_SEEDS = {
    "README.md": (README.encode(), "README.md:1: warning: not recognised as any seed format (papers-yaml, bibtex, "
                  "arxiv-listing, conference-similar, daily-papers, lecture-slides, publications-page); skipped: "
                  "set its 'format' in sources.yml, or if it is not a seed, name it in .seedignore"),
    "cover.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "cover.png:1: error: binary file, not text; skipped "
                  "(if it is not a seed, name it in .seedignore)"),
    "empty": (b"", "empty:1: warning: empty file; nothing to read (if it is not a seed, name it in .seedignore)"),
    "blank.txt": (b"\n  \n", "blank.txt:1: warning: empty file; nothing to read (if it is not a seed, name it in "
                  ".seedignore)"),
}


def test_each_file_that_is_no_seed_is_reported_once_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "20180917.md").write_bytes((SEEDS / ARXIV).read_bytes())
    for name, (data, _) in NOT_SEEDS.items():
        (tmp_path / name).write_bytes(data)
    titles, problems = titles_and_problems(tmp_path)
    assert sorted(problems) == sorted(message for _, message in NOT_SEEDS.values())
    _, bundled, _ = read_seed((SEEDS / ARXIV).read_bytes(), ARXIV, BUNDLED[ARXIV])
    assert titles == [paper.title for paper in bundled]  # the real seed beside them, whole


def test_hidden_names_and_seedignore_leave_files_out_and_say_so(tmp_path: Path) -> None:
    arxiv = (SEEDS / ARXIV).read_bytes()
    for name, data in {"README.md": README.encode(), "notes/cover.png": b"\x89PNG\x00", "drafts/a.txt": b"x", "drafts/b/keep.txt": arxiv,
                       ".DS_Store": b"\x00\x01", ".git/HEAD": b"ref: main\n", "sub/.listing.md.swp": b"\x00",
                       "sub/listing.md": arxiv, ".kept.md": arxiv}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    (tmp_path / ".seedignore").write_text("# not seeds\nREADME.md\n*.png\n\ndrafts/\n", encoding="utf-8")
    folder = scan_seeds(tmp_path, described={".kept.md", "drafts/b/keep.txt"})
    assert folder.files == [".kept.md", "drafts/b/keep.txt", "sub/listing.md"]  # named in the manifest: read anyway
    assert folder.ignored == [Ignored(".DS_Store", HIDDEN), Ignored(".git/", HIDDEN),
                              Ignored("README.md", ".seedignore:2 (README.md)"),
                              Ignored("drafts/a.txt", ".seedignore:5 (drafts/)"),
                              Ignored("notes/cover.png", ".seedignore:3 (*.png)"),
                              Ignored("sub/.listing.md.swp", HIDDEN)]
    assert folder.problems == []


def test_the_configuration_files_are_neither_seeds_nor_ignored(tmp_path: Path) -> None:
    for name in ("sources.yml", "topics.yml", "annotations.yml", ".seedignore", "sub/topics.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    folder = scan_seeds(tmp_path, described=())
    assert (folder.files, folder.ignored) == (["sub/topics.yml"], [])  # only at the top are they configuration


def test_a_line_of_seedignore_that_is_no_pattern_is_reported_and_the_others_apply(tmp_path: Path) -> None:
    (tmp_path / ".seedignore").write_text("!\n*.png\n", encoding="utf-8")
    (tmp_path / "a.png").write_bytes(b"\x00")
    folder = scan_seeds(tmp_path, described=())
    assert [str(problem) for problem in folder.problems] == [
        ".seedignore:1: warning: '!' is not a pattern (Invalid git pattern: '!'); line ignored"]
    assert folder.ignored == [Ignored("a.png", ".seedignore:2 (*.png)")]


def test_what_is_neither_file_nor_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real/seed.txt").write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe")  # read, it would hang the build
    folder = scan_seeds(tmp_path, described=())
    assert folder.files == ["real/seed.txt"]
    assert [str(problem) for problem in folder.problems] == [
        "gone.txt:1: warning: a link to something that is not there; skipped",
        "linked:1: warning: a link to a folder, which is not followed; skipped (move the folder itself into the "
        "seeds folder, or name it in .seedignore)",
        "pipe:1: warning: not a regular file (a pipe, socket or device); skipped"]


def test_a_file_gone_before_it_is_read_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seeds, "scan_seeds", lambda *_: SeedFolder(files=["gone.txt"]))
    assert titles_and_problems(tmp_path) == ([], ["gone.txt:1: error: cannot be read (No such file or directory); "
                                                  "skipped"])


def test_a_missing_seeds_folder_is_reported(tmp_path: Path) -> None:
    assert titles_and_problems(tmp_path / "seeds") == (
        [], ["seeds:1: warning: the seeds folder does not exist; no paper to read"])


def test_manifest_entries_of_missing_files_are_one_line_with_each_entry_line(tmp_path: Path) -> None:
    (tmp_path / "sources.yml").write_text(
        "sources:\n  - file: a.txt\n  - file: here.yml\n  - file: b.txt\n  - file: c.txt\n  - file: topics.yml\n",
        encoding="utf-8")
    (tmp_path / "here.yml").write_text("papers:\n  - title: Here\n", encoding="utf-8")
    titles, problems = titles_and_problems(tmp_path)
    assert titles == ["Here"]
    assert problems == [
        "sources.yml:2: warning: describes 3 files that are not in the seeds folder: a.txt (line 2), b.txt (line 4), "
        "c.txt (line 5); their entries are not used",
        "sources.yml:6: warning: describes 'topics.yml', which configures the build and is not read as a seed; "
        "entry not used"]


def test_an_unknown_declared_format_is_reported_at_its_manifest_line(tmp_path: Path) -> None:
    (tmp_path / "sources.yml").write_text("sources:\n  - file: a.txt\n    format: arxiv\n", encoding="utf-8")
    (tmp_path / "a.txt").write_bytes((SEEDS / ARXIV).read_bytes())
    assert titles_and_problems(tmp_path) == ([], [
        "sources.yml:2: error: format 'arxiv' of 'a.txt' is not one of papers-yaml, bibtex, arxiv-listing, "
        "conference-similar, daily-papers, lecture-slides, publications-page; file skipped"])


def test_mkdocs_gets_the_same_lines_and_the_ignored_files(tmp_path: Path) -> None:
    (tmp_path / "sources.yml").write_text("sources:\n  - file: a.txt\n  - file: b.txt\n", encoding="utf-8")
    (tmp_path / ".notes").write_text("mine", encoding="utf-8")
    summary = summarize(BuildReport(read_seeds(tmp_path), WriteReport(), Progress()), None)
    assert summary.problems == ["sources.yml:2: warning: describes 2 files that are not in the seeds folder: "
                                "a.txt (line 2), b.txt (line 3); their entries are not used"]
    assert summary.ignored == [".notes: hidden"]
