"""Every paper of every bundled seed is read: counts checked against the seed text itself."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from generator.library import Library

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}*")).read_text(encoding="utf-8")


def papers_read_from(library: Library, prefix: str) -> int:
    """Records read from one file, before merging (a merged paper keeps all its sources)."""
    return sum(1 for paper in library.papers for source in paper.sources
               if source.path.startswith(prefix) and source.format != "lecture-slides")


def test_bundled_seeds_have_no_problems(bundled_library: Library) -> None:
    assert [str(problem) for problem in bundled_library.problems] == []


def test_lab_page_every_title_abstract_pair(bundled_library: Library) -> None:
    # Ten papers: the paragraphs after the intro alternate title line / abstract.
    assert papers_read_from(bundled_library, "000_") == 10


def test_conference_page_every_paper(bundled_library: Library) -> None:
    expected = seed_text("001_").count("\nResponsive image\n")
    assert expected == 49
    assert papers_read_from(bundled_library, "001_") == expected


def test_daily_papers_every_paper(bundled_library: Library) -> None:
    expected = len(re.findall(r"^·$", seed_text("002_"), re.MULTILINE))
    assert expected == 85
    assert papers_read_from(bundled_library, "002_") == expected


def test_arxiv_listing_every_paper(bundled_library: Library) -> None:
    expected = len(re.findall(r"^### ", seed_text("004_"), re.MULTILINE))
    assert expected == 78
    assert papers_read_from(bundled_library, "004_") == expected


def test_lecture_works_every_entry(bundled_library: Library) -> None:
    expected = len(yaml.safe_load((SEEDS / "lecture_works.yml").read_text(encoding="utf-8"))["papers"])
    assert papers_read_from(bundled_library, "lecture_works.yml") == expected


def test_total_after_merging_is_reads_minus_duplicates(bundled_library: Library) -> None:
    reads = sum(1 for paper in bundled_library.papers for source in paper.sources
                if source.format != "lecture-slides")
    merged_away = sum(len({(s.path, s.line) for s in paper.sources if s.format != "lecture-slides"}) - 1
                      for paper in bundled_library.papers)
    assert len(bundled_library.papers) == reads - merged_away
    # The one paper both the conference page and the Daily Papers list: one page, two sources.
    both = [paper for paper in bundled_library.papers
            if {source.path[:4] for source in paper.sources} >= {"001_", "002_"}]
    assert [paper.title for paper in both] == [
        "Modeling the Distribution of Normal Data in Pre-Trained Deep Features for Anomaly Detection"]


def test_every_slug_and_citation_key_is_unique(bundled_library: Library) -> None:
    slugs = Counter(paper.slug for paper in bundled_library.papers)
    keys = Counter(paper.bibtex_key for paper in bundled_library.papers)
    assert slugs.most_common(1)[0][1] == 1
    assert keys.most_common(1)[0][1] == 1
