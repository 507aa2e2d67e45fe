"""A file the manifest does not describe is recognised by its content."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.read.readers import reader_for
from generator.read.readers.base import SeedDocument, decode_seed

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.mark.parametrize(("prefix", "expected"), [
    ("000_", "publications-page"),
    ("001_", "conference-similar"),
    ("002_", "daily-papers"),
    ("003_", "lecture-slides"),
    ("004_", "arxiv-listing"),
    ("lecture_works", "papers-yaml"),
], ids=["lab-page", "conference", "daily", "lecture", "arxiv", "yaml"])
def test_each_bundled_seed_is_recognised_without_the_manifest(prefix: str, expected: str) -> None:
    path = next(SEEDS.glob(f"{prefix}*"))
    document = SeedDocument(path.name, path.read_text(encoding="utf-8"))
    reader = reader_for(document, declared_format=None)
    assert reader is not None and reader.FORMAT == expected


def test_unrecognised_text_has_no_reader() -> None:
    assert reader_for(SeedDocument("notes.txt", "Just a note.\n"), declared_format=None) is None


@pytest.mark.parametrize(("data", "text", "warned"), [
    ("Zoë".encode("utf-8"), "Zoë", False),
    (b"\xef\xbb\xbfZo\xc3\xab", "Zoë", False),
    ("Zoë".encode("utf-16"), "Zoë", False),
    ("Zoë".encode("latin-1"), "Zoë", True),
    (b"a\r\nb\rc", "a\nb\nc", False),
], ids=["utf8", "utf8-bom", "utf16-bom", "latin1", "crlf"])
def test_decoding(tmp_path: Path, data: bytes, text: str, warned: bool) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(data)
    document, problems = decode_seed(path, "seed.txt")
    assert document is not None and document.text == text
    assert bool(problems) == warned


def test_binary_file_is_skipped_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    document, problems = decode_seed(path, "image.png")
    assert document is None
    assert [str(p) for p in problems] == ["image.png:1: error: binary file, not text; skipped"]
