"""Broken input, format by format: the exact problem is reported and the rest of the file is read.

Each case builds a seed of two papers in one format, spoils it in one way, reads it through the
whole seeds stage (decoding included), and checks the titles read and the problems reported.
Any problem makes a `--strict` run fail; that is checked once per case too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.__main__ import report_problems
from generator.read.seeds import read_seeds

ABSTRACT = "An abstract long enough to be one, about image segmentation with transformers."
SECOND = "Second Paper Stays"


def lab_page(title: str, abstract: str) -> str:
    return f"{title}\n\n{abstract}\n\n{SECOND}\n\n{ABSTRACT}\n"


def conference(title: str, abstract: str) -> str:
    record = "{}\n\nAda Lovelace, Alan Turing\n\nResponsive image\n\nAuto-TLDR; Short.\n\nSlides Poster\n\n{}\n\n"
    return record.format(title, abstract) + "Similar papers\n\n" + record.format(SECOND, ABSTRACT)


def daily(title: str, abstract: str) -> str:
    record = "{}\n\n{}\n\n  • 2 authors\n·\nMay 2, 2024 3\n\n"
    return "Daily Papers\n\nOct 31\n\n" + record.format(title, abstract) + record.format(SECOND, ABSTRACT)


def arxiv(title: str, abstract: str) -> str:
    record = ("### {}\n- **Arxiv ID**: http://arxiv.org/abs/2209.1447{}v1\n- **Authors**: Ada Lovelace\n"
              "- **Published**: 2022-09-29 00:00:11+00:00\n- **Summary**: {}\n\n\n")
    return "# Arxiv Papers\n" + record.format(title, 1, abstract) + record.format(SECOND, 2, ABSTRACT)


def yaml_list(title: str, abstract: str) -> str:
    record = '  - title: "{}"\n    authors: [Ada Lovelace]\n    abstract: "{}"\n'
    return "papers:\n" + record.format(title, abstract) + record.format(SECOND, ABSTRACT)


def bibtex_file(title: str, abstract: str) -> str:
    record = "@article{{{},\n  title = {{{}}},\n  author = {{Ada Lovelace}},\n  journal = {{J}},\n  year = 2020,\n" \
             "  abstract = {{{}}}\n}}\n\n"
    return record.format("first", title, abstract) + record.format("second", SECOND, ABSTRACT)


FORMATS: dict[str, tuple[str, Callable[[str, str], str]]] = {
    "publications-page": ("lab.txt", lab_page),
    "conference-similar": ("conf.txt", conference),
    "daily-papers": ("daily.txt", daily),
    "arxiv-listing": ("arxiv.txt", arxiv),
    "papers-yaml": ("mine.yml", yaml_list),
    "bibtex": ("mine.bib", bibtex_file),
}


def read(tmp_path: Path, format_name: str, data: bytes) -> tuple[list[str], list[str]]:
    """Titles read and problems reported for one seed file given as bytes."""
    file_name = FORMATS[format_name][0]
    (tmp_path / "sources.yml").write_text(f"sources:\n  - file: {file_name}\n    format: {format_name}\n"
                                          f"    listing_date: 2025-10-31\n", encoding="utf-8")
    (tmp_path / file_name).write_bytes(data)
    library = read_seeds(tmp_path)
    if library.problems:
        assert report_problems(library, strict=True) == 1
    return [paper.title for paper in library.papers], [str(problem) for problem in library.problems]


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def record_line(format_name: str, text: str, title: str) -> int:
    """Where a problem about the first record points: its title, or for BibTeX its entry."""
    return 1 if format_name == "bibtex" else line_of(text, title)


@pytest.fixture(params=sorted(FORMATS))
def format_name(request: pytest.FixtureRequest) -> str:
    return request.param


def build(format_name: str, title: str = "First Paper", abstract: str = ABSTRACT) -> str:
    return FORMATS[format_name][1](title, abstract)


def test_well_formed_seed_reads_without_problems(tmp_path: Path, format_name: str) -> None:
    assert read(tmp_path, format_name, build(format_name).encode()) == (["First Paper", SECOND], [])


def test_empty_file(tmp_path: Path, format_name: str) -> None:
    file_name = FORMATS[format_name][0]
    assert read(tmp_path, format_name, b"\n  \n") == ([], [f"{file_name}:1: warning: empty file; nothing to read"])


def test_binary_file(tmp_path: Path, format_name: str) -> None:
    file_name = FORMATS[format_name][0]
    titles, problems = read(tmp_path, format_name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    assert (titles, problems) == ([], [f"{file_name}:1: error: binary file, not text; skipped"])


@pytest.mark.parametrize(("encoding", "title", "guess"), [
    ("cp1252", "Zoë Müller's café", "cp1252"),  # Latin-1 letters; Windows-1252 also has the "•" bullet
    ("gbk", "深度学习的图像分割方法研究：一种新的视角与实验分析", "gb18030"),
], ids=["latin-1", "gbk"])
def test_other_encodings_are_read_and_reported(tmp_path: Path, format_name: str, encoding: str, title: str,
                                               guess: str) -> None:
    text = build(format_name, title=title)
    if format_name == "daily-papers" and encoding == "gbk":
        text = text.replace("•", "·")  # GBK has no "•"; such a page would show the middle dot
    data = text.encode(encoding)
    first_bad = next(index for index, byte in enumerate(data) if byte > 127)
    file_name = FORMATS[format_name][0]
    titles, problems = read(tmp_path, format_name, data)
    assert titles == [title, SECOND]
    assert problems == [f"{file_name}:{line_of(text, title)}: warning: not valid UTF-8 (byte {first_bad} of the "
                        f"file); read as {guess}: check its accented letters, or save the file as UTF-8"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"], ids=["utf-16-bom", "utf-8-bom"])
def test_byte_order_marks(tmp_path: Path, format_name: str, encoding: str) -> None:
    data = build(format_name, title="Zoë’s Paper").encode(encoding)
    assert read(tmp_path, format_name, data) == (["Zoë’s Paper", SECOND], [])


def test_windows_line_endings(tmp_path: Path, format_name: str) -> None:
    data = build(format_name).replace("\n", "\r\n").encode()
    assert read(tmp_path, format_name, data) == (["First Paper", SECOND], [])


def test_a_five_megabyte_abstract_is_cut(tmp_path: Path, format_name: str) -> None:
    huge = ("word " * 1_048_576).strip() + "."
    text = build(format_name, abstract=huge)
    file_name = FORMATS[format_name][0]
    titles, problems = read(tmp_path, format_name, text.encode())
    assert titles == ["First Paper", SECOND]
    assert problems == [f"{file_name}:{record_line(format_name, text, 'First Paper')}: warning: abstract of "
                        f"'First Paper' is "
                        f"{len(huge):,} characters long; cut to 20,000"]


LONG_TITLE = " ".join(f"Word{n:03d}" for n in range(250)) + "X"


def test_a_two_thousand_character_title_is_cut(tmp_path: Path, format_name: str) -> None:
    assert len(LONG_TITLE) == 2000
    text = build(format_name, title=LONG_TITLE)
    file_name = FORMATS[format_name][0]
    titles, problems = read(tmp_path, format_name, text.encode())
    assert len(titles[0]) <= 502 and titles[0].endswith(" …") and titles[1] == SECOND
    assert problems == [f"{file_name}:{record_line(format_name, text, LONG_TITLE)}: warning: title is 2,000 characters "
                        f"long; cut to "
                        f"500 on the site: 'Word000 Word001 Word002 Word003 Word004 '…"]


def test_a_truncated_bibtex_entry_is_reported_and_the_next_entry_read(tmp_path: Path) -> None:
    text = build("bibtex")
    truncated = text[:text.index("  abstract")] + text[text.index("@article{second"):]  # no abstract, no "}"
    assert read(tmp_path, "bibtex", truncated.encode()) == ([SECOND], [
        "mine.bib:1: error: BibTeX block does not parse: Expected a `=` after entry key, but found `@article`.; "
        "skipped"])


@pytest.mark.parametrize(("format_name", "expected"), [
    ("conference-similar", ["conf.txt:1: warning: paper 'First Paper' has no abstract; listed without one"]),
    ("daily-papers", ["daily.txt:5: warning: paper 'First Paper' has no abstract; listed without one"]),
    ("arxiv-listing", ["arxiv.txt:2: warning: paper 'First Paper' has no Summary (a truncated record?); "
                       "read without"]),
])
def test_a_truncated_record(tmp_path: Path, format_name: str, expected: list[str]) -> None:
    text = build(format_name)
    cut = text.index(ABSTRACT)
    rest = text[cut + len(ABSTRACT):]
    if format_name == "arxiv-listing":  # the Summary line goes with its value
        cut = text.rindex("\n", 0, cut) + 1
    titles, problems = read(tmp_path, format_name, (text[:cut] + rest.lstrip("\n")).encode())
    assert titles == ["First Paper", SECOND]
    assert problems == expected


def test_arxiv_fields_in_any_order_and_wrapped_values(tmp_path: Path) -> None:
    text = ("### Shuffled\n- **Summary**: Starts here\n  and goes on.\n- **Authors**: Ada Lovelace,\n  Alan Turing\n"
            "- **Published**: 2022-09-29 00:00:11+00:00\n- **Arxiv ID**: http://arxiv.org/abs/2209.14471v1\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    library = read_seeds(tmp_path)
    [paper] = library.papers
    assert (paper.abstract, paper.arxiv_id) == ("Starts here and goes on.", "2209.14471")
    assert [a.name for a in paper.authors] == ["Ada Lovelace", "Alan Turing"]
    assert library.problems == []


@pytest.mark.parametrize(("format_name", "expected"), [
    ("arxiv-listing", ["arxiv.txt:2: error: record without a title; skipped"]),
    ("papers-yaml", ["mine.yml:2: error: paper without a title; skipped"]),
    ("daily-papers", ["daily.txt:5: error: paper without a title: the record starts with its abstract "
                      "'An abstract long enough to be one, about'; skipped"]),
])
def test_a_missing_title(tmp_path: Path, format_name: str, expected: list[str]) -> None:
    text = build(format_name, title="")
    if format_name == "daily-papers":
        text = text.replace("Oct 31\n\n\n\n", "Oct 31\n\n", 1)
    titles, problems = read(tmp_path, format_name, text.encode())
    assert titles == [SECOND]
    assert problems == expected
