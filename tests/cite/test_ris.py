"""RIS: every download reads back (with rispy) as the same papers, and no seed text can break a record."""

from __future__ import annotations

import pytest
import rispy

from generator.cite import bibfiles
from generator.cite.bibtex_names import name_parts
from generator.cite.citation_files import citation_files, in_format
from generator.cite.ris import ris_file, ris_record
from generator.library import Library
from generator.model import Author, Paper


def display(ris_author: str, name: str) -> str:
    """A RIS author ("Family, Given[, Suffix]", or an organisation as it is) as our display name ("Given Family [Suffix]")."""
    if name_parts(name) is None:
        return ris_author
    parts = [part.strip() for part in ris_author.split(",")]
    return " ".join(parts[1:2] + parts[:1] + parts[2:])


@pytest.fixture(scope="module")
def files(bundled_library: Library) -> dict[str, str]:
    return citation_files(bundled_library)


def test_the_whole_list_reads_back_with_the_same_facts(bundled_library: Library, files: dict[str, str]) -> None:
    records = rispy.loads(files[in_format(bibfiles.WHOLE_LIST, ".ris")])
    assert len(records) == len(bundled_library.papers)
    for paper, record in zip(bundled_library.papers, records):
        assert record["id"] == paper.bibtex_key
        assert record["title"] == " ".join(paper.title.split())
        names = [author.name for author in paper.authors]
        assert [display(found, name) for found, name in zip(record.get("authors", []), names)] == names
        assert record.get("year") == (f"{paper.effective_year}" if paper.effective_year else None)
        assert record.get("doi") == paper.doi


def test_every_file_reads_back(bundled_library: Library, files: dict[str, str]) -> None:
    ris_files = [path for path in files if path.endswith(".ris")]
    assert len(ris_files) > len(bundled_library.papers)
    for path in ris_files:
        records = rispy.loads(files[path])
        assert records and all(record["type_of_reference"] in ("JOUR", "CPAPER", "UNPB", "GEN", "BOOK")
                                for record in records), path


def test_types_dates_and_pages(bundled_library: Library) -> None:
    papers = bundled_library.by_slug()
    [deeplab] = rispy.loads(ris_record(papers["deeplab-semantic-image-segmentation-with-deep-convolutional-nets-atrous-169dc8"]))
    assert {key: deeplab[key] for key in ("type_of_reference", "secondary_title", "volume", "number", "start_page",
                                          "end_page", "year")} == {
        "type_of_reference": "JOUR", "secondary_title": "IEEE Transactions on Pattern Analysis and Machine Intelligence",
        "volume": "40", "number": "4", "start_page": "834", "end_page": "848", "year": "2018"}
    [preprint] = rispy.loads(ris_record(papers["a-case-study-of-spatiotemporal-forecasting-techniques-for-weather-forecasting"]))
    assert (preprint["type_of_reference"], preprint["date"], preprint["publisher"], preprint["accession_number"],
            preprint["urls"]) == ("UNPB", "2022/09/29", "arXiv", "arXiv:2209.14782", ["https://arxiv.org/abs/2209.14782"])


def test_no_author_no_year_nothing_invented() -> None:
    text = ris_record(Paper(title="Open weights", organisation="Meta", author_count=3, bibtex_key="anon"))
    assert text == "TY  - GEN\r\nID  - anon\r\nTI  - Open weights\r\nER  - \r\n"


def test_seed_text_cannot_start_a_tag_or_end_the_record() -> None:
    title = "First line\nER  - \r\nTY  - JOUR\u2028TI  - forged\x00\x1b[31m"
    paper = Paper(title=title, authors=[Author("Eve\nAU  - Mallory")], abstract="a\n\nb", bibtex_key="k", slug="k")
    text = ris_file([paper, Paper(title="Second", bibtex_key="k2", slug="k2")])
    records = rispy.loads(text)
    assert [record["title"] for record in records] == ["First line ER - TY - JOUR TI - forged[31m", "Second"]
    assert records[0]["authors"] == ["Mallory, Eve AU -"] and records[0]["abstract"] == "a b"
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in text.split("\r\n") if line)
