"""seeds/annotations.yml: keys, validation with file and line, and corrections that reach everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import build, load_library
from generator.config import BuildConfig
from generator.enrich.annotations import apply_entry, read_entries
from generator.library import Library
from generator.model import Paper
from generator.read.readers.base import SeedDocument
from tests.conftest import PROJECT

PAPERS = """\
papers:
  - title: Sparse Codes for Neural Features
    authors: [Ada Lovelace]
    year: 2023
    arxiv: "2310.00001"
    abstract: Sparse discrete codes make the features of neural networks interpretable.
  - title: Discrete Bottlenecks in Transformers
    authors: [Alan Turing]
    year: 2024
    doi: 10.1000/xyz.1
    abstract: Discrete bottlenecks make transformer features sparse and interpretable.
  - title: Weather Forecasting with Radar
    year: 2022
    abstract: Precipitation nowcasting from radar images of clouds.
"""
FIRST, SECOND, THIRD = ("sparse-codes-for-neural-features", "discrete-bottlenecks-in-transformers",
                        "weather-forecasting-with-radar")
# Appended to every validation case: it must apply whatever went wrong before it.
NEXT_ENTRY = f"{SECOND}:\n  status: read\n"


def small_project(root: Path, annotations: str | None) -> BuildConfig:
    """Three papers in one YAML seed, and the given annotations file."""
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "mine.yml").write_text(PAPERS, encoding="utf-8")
    if annotations is not None:
        (seeds / "annotations.yml").write_text(annotations, encoding="utf-8")
    return BuildConfig(seeds_dir=seeds, docs_dir=root / "docs", templates_dir=PROJECT / "site_templates",
                       site_name="Test list")


def library_with(tmp_path: Path, annotations: str) -> Library:
    return load_library(small_project(tmp_path, annotations))


def paper(library: Library, slug: str) -> Paper:
    return library.by_slug()[slug]


VALIDATION_CASES = [
    pytest.param(f"{FIRST}:\n  status: [read\n",
                 ["annotations.yml:2: error: YAML does not parse: while parsing a flow sequence: expected ',' "
                  "or ']', but got '<stream end>'; this entry is skipped"], id="yaml-does-not-parse"),
    pytest.param(f"# mine\n{THIRD}:\n  rating: 2\n\n{FIRST}:\n  added: 2025-01-01\n  status: [read\n",
                 ["annotations.yml:7: error: YAML does not parse: while parsing a flow sequence: expected ',' "
                  "or ']', but got '<stream end>'; this entry is skipped"], id="yaml-does-not-parse-further-down"),
    pytest.param(f'{FIRST}:\n  notes: "never closed\n  rating: 3\n',
                 ["annotations.yml:2: error: YAML does not parse: while scanning a quoted scalar: found "
                  "unexpected end of stream; this entry is skipped"], id="unclosed-quote"),
    pytest.param("no-such-paper:\n  status: read\n",
                 ["annotations.yml:1: warning: 'no-such-paper' matches no paper (a key is a slug, a BibTeX key, "
                  "an arXiv id or a DOI); entry skipped"], id="key-matches-no-paper"),
    pytest.param(f"{FIRST}:\n  status: done\n  rating: 3\n",
                 ["annotations.yml:2: error: status 'done' is not one of to-read, reading, read; ignored"],
                 id="unknown-status"),
    pytest.param(f"{THIRD}:\n  rating: 2\n# a comment\n\n{FIRST}:\n  rating: 3\n  status: done\n",
                 ["annotations.yml:7: error: status 'done' is not one of to-read, reading, read; ignored"],
                 id="unknown-status-further-down"),
    pytest.param(f"{FIRST}:\n  rating: 6\n",
                 ["annotations.yml:2: error: rating 6 is not a whole number from 1 to 5; ignored"],
                 id="rating-out-of-range"),
    pytest.param(f"{FIRST}:\n  rating: 0\n",
                 ["annotations.yml:2: error: rating 0 is not a whole number from 1 to 5; ignored"],
                 id="rating-zero"),
    pytest.param(f"{FIRST}:\n  rating: great\n",
                 ["annotations.yml:2: error: rating 'great' is not a whole number from 1 to 5; ignored"],
                 id="rating-not-a-number"),
    pytest.param(f"{FIRST}:\n  rating: 3\n  colour: blue\n",
                 ["annotations.yml:3: warning: unknown field 'colour' (known: added, corrections, finished, "
                  "notes, priority, rating, status, summary, tags); ignored"], id="unknown-field"),
    pytest.param(f"{FIRST}:\n  added: yesterday\n",
                 ["annotations.yml:2: error: added 'yesterday' is not a date YYYY-MM-DD; ignored"],
                 id="date-not-a-date"),
    pytest.param(f"{FIRST}:\n  finished: 2025-13-45\n",
                 ["annotations.yml:2: error: finished '2025-13-45' is not a date YYYY-MM-DD; ignored"],
                 id="date-that-is-no-real-date"),
    pytest.param(f"{FIRST}:\n  corrections:\n    code: javascript:alert(1)\n",
                 ["annotations.yml:3: error: corrections.code 'javascript:alert(1)' is not an http(s) URL; "
                  "ignored"], id="link-correction-not-http"),
    pytest.param(f"{FIRST}:\n  priority: 0\n",
                 ["annotations.yml:2: error: priority 0 is not a whole number from 1 up (1 is read first); "
                  "ignored"], id="priority-zero"),
    pytest.param(f"{FIRST}:\n  summary: [a, list]\n",
                 ["annotations.yml:2: error: summary ['a', 'list'] is not a line of text; ignored"],
                 id="summary-not-text"),
    pytest.param(f"{FIRST}:\n  corrections:\n    year: soon\n    venue: ICML 2024\n",
                 ["annotations.yml:3: error: corrections.year 'soon' is not a four-digit year; ignored"],
                 id="correction-of-wrong-type"),
    pytest.param(f"{FIRST}:\n  corrections:\n    colour: blue\n",
                 ["annotations.yml:3: warning: unknown correction 'colour' (known: abstract, arxiv, authors, "
                  "booktitle, code, comment, date, doi, entry_type, journal, journal_ref, number, organisation, "
                  "pages, pdf, primary_class, project, publisher, title, tldr, url, venue, volume, year); ignored"],
                 id="unknown-correction"),
    pytest.param(f"{FIRST}:\n  corrections: [authors]\n",
                 ["annotations.yml:2: error: corrections must be a mapping of field: value, not ['authors']; "
                  "ignored"], id="corrections-not-a-mapping"),
    pytest.param(f"{FIRST}: read\n",
                 [f"annotations.yml:1: error: the annotation of '{FIRST}' must be a mapping of fields, not "
                  "'read'; this entry is skipped"], id="entry-not-a-mapping"),
    pytest.param(f"{FIRST}:\n",
                 [f"annotations.yml:1: warning: the annotation of '{FIRST}' is empty; nothing to apply"],
                 id="empty-entry"),
    pytest.param(f"- {FIRST}\n",
                 ["annotations.yml:1: error: expected 'KEY:' followed by the paper's annotation; this entry "
                  "is skipped"], id="not-a-mapping-at-all"),
    pytest.param(f"{FIRST}:\n  rating: 3\n{FIRST}:\n  rating: 1\n",
                 [f"annotations.yml:3: error: '{FIRST}' is annotated again (first at line 1); this entry is "
                  "skipped"], id="key-repeated"),
    pytest.param(f"{FIRST}:\n  rating: 1\n'2310.00001':\n  rating: 3\n",
                 ["annotations.yml:3: warning: '2310.00001' annotates the same paper as "
                  f"'{FIRST}' (line 1); both apply, this one wins where they differ"], id="same-paper-two-keys"),
]


@pytest.mark.parametrize(("text", "expected"), VALIDATION_CASES)
def test_a_bad_annotation_is_reported_with_its_line_and_the_next_one_still_applies(
        tmp_path: Path, text: str, expected: list[str]) -> None:
    library = library_with(tmp_path, text + NEXT_ENTRY)
    assert [str(problem) for problem in library.problems] == expected
    annotation = paper(library, SECOND).annotation
    assert annotation is not None and annotation.status == "read"


@pytest.mark.parametrize("text", [
    pytest.param(f"{FIRST}:\n  status: done\n  rating: 3\n", id="after-a-bad-status"),
    pytest.param(f"{FIRST}:\n  rating: 3\n  colour: blue\n", id="after-an-unknown-field"),
    pytest.param(f"{FIRST}:\n  rating: 1\n'2310.00001':\n  rating: 3\n", id="the-later-entry-wins"),
])
def test_the_good_fields_of_a_flawed_entry_still_apply(tmp_path: Path, text: str) -> None:
    annotation = paper(library_with(tmp_path, text), FIRST).annotation
    assert annotation is not None and annotation.rating == 3


def test_a_broken_entry_does_not_stop_the_later_corrections(tmp_path: Path) -> None:
    text = (f"{FIRST}:\n  status: [read\n\n# a comment between entries\n{THIRD}:\n  corrections:\n"
            "    authors: [Grace Hopper]\n")
    library = library_with(tmp_path, text)
    assert len(library.problems) == 1 and library.problems[0].line == 2
    assert [author.name for author in paper(library, THIRD).authors] == ["Grace Hopper"]


@pytest.mark.parametrize("key", [
    pytest.param(FIRST, id="slug"),
    pytest.param("lovelace2023sparse", id="bibtex-key"),
    pytest.param("'2310.00001'", id="arxiv-id"),
    pytest.param("2310.00001", id="arxiv-id-unquoted"),
    pytest.param("arXiv:2310.00001v2", id="arxiv-id-with-prefix-and-version"),
])
def test_every_kind_of_key_finds_the_paper(tmp_path: Path, key: str) -> None:
    library = library_with(tmp_path, f"{key}:\n  status: reading\n")
    assert library.problems == []
    assert paper(library, FIRST).annotation.status == "reading"  # type: ignore[union-attr]


@pytest.mark.parametrize("key", ["10.1000/xyz.1", "https://doi.org/10.1000/XYZ.1"], ids=["doi", "doi-url"])
def test_a_doi_finds_the_paper(tmp_path: Path, key: str) -> None:
    library = library_with(tmp_path, f"{key}:\n  status: to read\n")
    assert library.problems == []
    assert paper(library, SECOND).annotation.status == "to-read"  # type: ignore[union-attr]


def test_without_an_annotations_file_nothing_is_annotated(tmp_path: Path) -> None:
    library = load_library(small_project(tmp_path, None))
    assert library.problems == [] and all(p.annotation is None for p in library.papers)


CORRECTED = f"""\
# my corrections
{THIRD}:
  status: read
  rating: 4
  summary: Radar nowcasting, *corrected*.
  notes: |
    Worth **rereading**.
  tags: [nowcasting]
  corrections:
    title: Radar Nowcasting of Precipitation
    authors: [Grace Hopper, Edsger Dijkstra]
    year: 2021
    venue: ICML 2021
    entry_type: inproceedings
    booktitle: International Conference on Machine Learning
    abstract: Sparse discrete codes make neural network features interpretable, for radar too.
"""


@pytest.fixture
def corrected_build(tmp_path: Path) -> Path:
    build(small_project(tmp_path, CORRECTED))
    return tmp_path / "docs"


def catalog_record(docs: Path, slug: str) -> dict:
    records = json.loads((docs / "catalog.json").read_text(encoding="utf-8"))["papers"]
    return next(record for record in records if record["slug"] == slug)


def test_corrections_reach_the_catalog_and_the_slug_stays(corrected_build: Path) -> None:
    record = catalog_record(corrected_build, THIRD)
    assert record["page"] == f"papers/{THIRD}.md"  # the slug of the seed's title, not of the correction
    assert (record["title"], record["authors"], record["year"], record["venue"]) == (
        "Radar Nowcasting of Precipitation", ["Grace Hopper", "Edsger Dijkstra"], 2021, "ICML 2021")
    assert record["author_count"] == 2
    assert record["tags"] == ["nowcasting"]
    assert record["annotation"] == {
        "keys": [THIRD], "status": "read", "rating": 4, "summary": "Radar nowcasting, *corrected*.",
        "notes": "Worth **rereading**.", "tags": ["nowcasting"], "added": None, "finished": None,
        "priority": None, "corrected": ["title", "authors", "year", "venue", "entry_type", "booktitle", "abstract"],
    }
    assert catalog_record(corrected_build, FIRST)["annotation"] is None


def test_corrections_reach_the_bibtex_entry(corrected_build: Path) -> None:
    record = catalog_record(corrected_build, THIRD)
    assert record["bibtex_key"] == "hopper2021radar"
    assert record["bibtex"].startswith("@inproceedings{hopper2021radar,\n")
    assert "author = {Grace Hopper and Edsger Dijkstra}" in record["bibtex"]
    assert "booktitle = {International Conference on Machine Learning}" in record["bibtex"]
    assert "year = {2021}" in record["bibtex"]


def test_corrections_reach_the_related_papers(tmp_path: Path, corrected_build: Path) -> None:
    # Its own abstract shares no word with the others; the corrected one shares many with FIRST's.
    # (Meaning relates any two papers a little, so with three papers THIRD may be related either way.)
    corrected = {reason["slug"]: reason for reason in catalog_record(corrected_build, FIRST)["related_reasons"]}
    assert corrected[THIRD]["shared_terms"]
    uncorrected = load_library(small_project(tmp_path / "plain", None))
    reasons = {reason.slug: reason for reason in paper(uncorrected, FIRST).related_reasons}
    assert THIRD not in reasons or reasons[THIRD].terms == ()


def test_the_paper_page_shows_my_reading_and_the_corrections(corrected_build: Path) -> None:
    page = (corrected_build / f"papers/{THIRD}.md").read_text(encoding="utf-8")
    assert "title: Radar Nowcasting of Precipitation" in page
    assert "**Authors:** [Grace Hopper](../authors/h.md#grace-hopper), [Edsger Dijkstra](../authors/d.md#edsger-dijkstra)" in page
    assert "- **Status:** [Read](../reading/read.md)" in page
    assert "- **Rating:** ★★★★☆ (4 of 5)" in page
    assert "- **In one line:** Radar nowcasting, &#42;corrected&#42;&#46;" in page  # the summary is plain text
    assert '<div class="reader-notes">\n<p>Worth <strong>rereading</strong>.</p>\n</div>' in page
    assert "*Corrected in my annotations: title, authors, year, venue, entry&#95;type, booktitle, abstract.*" in page
    assert "## My reading" not in (corrected_build / f"papers/{FIRST}.md").read_text(encoding="utf-8")


def test_each_status_has_a_page_and_the_home_page_shows_the_queue(tmp_path: Path) -> None:
    text = (f"{FIRST}:\n  status: to-read\n  priority: 2\n{SECOND}:\n  status: to-read\n  priority: 1\n"
            f"{THIRD}:\n  status: read\n  finished: 2025-01-02\n")
    report = build(small_project(tmp_path, text))
    docs = tmp_path / "docs"
    assert {"reading/index.md", "reading/to-read.md", "reading/reading.md", "reading/read.md"} <= set(
        report.written.written)
    queue = (docs / "reading/to-read.md").read_text(encoding="utf-8")
    assert queue.index(f"../papers/{SECOND}.md") < queue.index(f"../papers/{FIRST}.md")
    assert "No paper has this status yet" in (docs / "reading/reading.md").read_text(encoding="utf-8")
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "## Reading queue" in home and "## Read recently" in home
    assert home.index(f"(papers/{SECOND}.md)") < home.index(f"(papers/{FIRST}.md)") < home.index(
        f"(papers/{THIRD}.md)")


def test_the_reading_pages_are_generated_and_ignored_by_git() -> None:
    ignored = (PROJECT / ".gitignore").read_text(encoding="utf-8").split()
    assert "docs/reading/" in ignored
    assert "- Reading: reading/index.md" in (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_bundled_annotations_correct_a_daily_papers_entry(bundled_library: Library) -> None:
    assert [str(problem) for problem in bundled_library.problems] == []
    efficientad = paper(bundled_library, "efficientad-accurate-visual-anomaly-detection-at-millisecond-level-latencies")
    assert [author.name for author in efficientad.authors] == ["Kilian Batzner", "Lars Heckler", "Rebecca König"]
    assert efficientad.bibtex_key == "batzner2024efficientad"
    assert 'author = {Kilian Batzner and Lars Heckler and Rebecca K{\\"o}nig}' in efficientad.bibtex
    annotated = {p.slug: p.annotation.status for p in bundled_library.papers if p.annotation}
    assert len(annotated) == 7 and set(annotated.values()) == {"to-read", "reading", "read"}


YAML_PIECES = ["a:", "b", ":", " ", "  ", "\n", "\n  ", "- ", "#", "[", "]", "{", "}", ",", "'", '"', "|", ">", "&x ",
               "*x", "!!int ", "!!bool ", "!!timestamp ", "!!binary ", "? ", "<<: ", "2025-13-45", "2025-01-02", "7",
               "status: ", "rating: ", "tags: ", "notes: ", "added: ", "priority: ", "corrections:\n    ",
               "authors: ", "year: ", "title: ", "arxiv: ", "read", "\t", "~", "---\n", "\ufeff", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join))
def test_no_text_crashes_the_annotations_reader(text: str) -> None:
    target = Paper(title="A", slug="a")
    entries, problems = read_entries(SeedDocument("annotations.yml", text))
    for entry in entries:
        problems.extend(apply_entry(entry, {"a": target}))
    assert all(problem.path == "annotations.yml" and problem.line >= 1 for problem in problems)
