"""Golden files: the BibTeX of one small excerpt of each kind of seed, and what a user's .bib reads as.

The excerpts are in tests/fixtures/bibtex/seeds/ (lab page, conference page, Daily Papers with
only an author count, arXiv listing, curated YAML, a user's .bib with macros, crossref and
accents). After an intended change, regenerate and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests -k golden     (or: make golden)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.build import load_library
from generator.cite import bibtex
from generator.config import BuildConfig
from generator.library import Library

HERE = Path(__file__).resolve().parents[1]  # tests/
SEEDS = HERE / "fixtures" / "bibtex" / "seeds"
GOLDEN = HERE / "golden" / "bibtex"
COLLECTIONS = ["lab-page", "conference-page", "daily-papers", "arxiv-listing", "curated", "user-library"]


@pytest.fixture(scope="module")
def library() -> Library:
    loaded = load_library(BuildConfig(seeds_dir=SEEDS, docs_dir=HERE / "unused",
                                      templates_dir=HERE.parent / "site_templates"))
    assert [str(problem) for problem in loaded.problems] == []
    return loaded


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run UPDATE_GOLDEN=1 pytest tests -k golden"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_golden_entries_by_kind_of_source(library: Library, collection: str) -> None:
    papers = [paper for paper in library.papers if paper.sources[0].collection == collection]
    assert papers
    pages = "\n".join(paper.bibtex for paper in papers)
    check_golden(f"{collection}.page.bib", pages)
    check_golden(f"{collection}.download.bib", bibtex.render_entries(papers))


def test_golden_bibtex_input_as_read(library: Library) -> None:
    """Macros, # concatenation, crossref and accents: what the pages show."""
    papers = [paper for paper in library.papers if paper.sources[0].collection == "user-library"]
    shown = [{
        "key": paper.bibtex_key, "type": paper.entry_type, "title": paper.title,
        "authors": [author.name for author in paper.authors], "year": paper.year, "venue": paper.venue,
        "booktitle": paper.booktitle, "journal": paper.journal, "pages": paper.pages, "publisher": paper.publisher,
        "doi": paper.doi, "arxiv": paper.arxiv_id, "categories": paper.categories,
        "line": paper.sources[0].line,
    } for paper in papers]
    check_golden("user-library.read.json", json.dumps(shown, ensure_ascii=False, indent=1) + "\n")
