"""Hand-kept YAML paper lists: every field read, every mistake reported with its line."""

from __future__ import annotations

import datetime as dt

from generator.read.readers import yaml_papers
from tests.conftest import read_snippet

GOOD = """papers:
  - names: [ViT]
    title: "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale"
    authors: [Alexey Dosovitskiy, Lucas Beyer]
    year: 2021
    date: "2020-10-22"
    entry_type: inproceedings
    venue: ICLR
    booktitle: International Conference on Learning Representations
    arxiv: "2010.11929"
    primary_class: cs.CV
    code: https://github.com/google-research/vision_transformer
"""


def test_every_field_is_read() -> None:
    result = read_snippet(yaml_papers, GOOD, path="works.yml")
    assert result.problems == []
    paper = result.papers[0]
    assert paper.names == ["ViT"]
    assert [a.name for a in paper.authors] == ["Alexey Dosovitskiy", "Lucas Beyer"]
    assert (paper.year, paper.date) == (2021, dt.date(2020, 10, 22))
    assert (paper.entry_type, paper.venue) == ("inproceedings", "ICLR")
    assert paper.booktitle == "International Conference on Learning Representations"
    assert (paper.arxiv_id, paper.categories) == ("2010.11929", ["cs.CV"])
    assert paper.links["code"] == "https://github.com/google-research/vision_transformer"
    assert paper.links["abstract"] == "https://arxiv.org/abs/2010.11929"
    assert paper.sources[0].line == 2


def test_entry_without_title_is_skipped_with_its_line_and_the_next_is_read() -> None:
    text = "papers:\n  - authors: [Nobody]\n    year: 2020\n  - title: Kept\n    year: nineteen\n    colour: red\n"
    result = read_snippet(yaml_papers, text, path="mine.yml")
    assert [paper.title for paper in result.papers] == ["Kept"]
    assert [str(p) for p in result.problems] == [
        "mine.yml:2: error: paper without a title; skipped",
        "mine.yml:6: warning: unknown field 'colour'; ignored",
        "mine.yml:5: warning: year 'nineteen' is not a four-digit year; ignored",
    ]


def test_yaml_syntax_error_names_its_line() -> None:
    result = read_snippet(yaml_papers, "papers:\n  - title: A\n  - title: [unclosed\n", path="bad.yml")
    assert result.papers == []
    assert result.problems[0].line == 3
    assert result.problems[0].message.startswith("YAML does not parse")


def test_no_papers_list() -> None:
    result = read_snippet(yaml_papers, "title: not a list\n", path="x.yml")
    assert [p.message for p in result.problems] == ["expected a top-level 'papers:' list; nothing read"]


def test_yaml_tags_cannot_build_python_objects() -> None:
    text = "papers:\n  - title: !!python/object/apply:os.system ['echo hacked']\n"
    result = read_snippet(yaml_papers, text, path="evil.yml")
    assert result.papers == []
    assert result.problems[0].message.startswith("YAML does not parse")


def test_a_date_that_is_no_real_date_is_reported_not_a_crash() -> None:
    result = read_snippet(yaml_papers, "papers:\n  - title: Kept\n    date: 2025-13-45\n", path="mine.yml")
    assert [paper.title for paper in result.papers] == ["Kept"] and result.papers[0].date is None
    assert [str(p) for p in result.problems] == ["mine.yml:3: warning: date '2025-13-45' is not YYYY-MM-DD; ignored"]
