"""Property tests: any title, names, date and pages give an APA reference, a RIS record that reads back and valid CSL-JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import rispy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.cite.apa import apa_reference
from generator.cite.csl import item_json
from generator.cite.ris import one_line, ris_record
from generator.model import Author, Paper
from tests.cite.test_bibtex_properties import NAME, TITLE

VALIDATOR = jsonschema.Draft7Validator(json.loads(
    (Path(__file__).parents[1] / "fixtures/csl/csl-data.json").read_text(encoding="utf-8")))
PAPERS = st.builds(
    Paper,
    title=TITLE,
    authors=st.lists(NAME.map(Author), max_size=4),
    year=st.one_of(st.none(), st.integers(1, 2100)),
    date=st.one_of(st.none(), st.dates(dt.date(1000, 1, 1), dt.date(2100, 12, 31))),
    entry_type=st.sampled_from([None, "article", "inproceedings", "misc", "book", "techreport"]),
    journal=st.one_of(st.none(), TITLE),
    booktitle=st.one_of(st.none(), TITLE),
    volume=st.one_of(st.none(), st.sampled_from(["1", "40", "x", "3-4"])),
    pages=st.one_of(st.none(), st.sampled_from(["1-11", "5998–6008", "e123", "12"])),
    arxiv_id=st.one_of(st.none(), st.sampled_from(["2209.14782", "math/0501001"])),
    bibtex_key=st.just("key"),
    slug=st.just("slug"),
)


@settings(max_examples=200, deadline=None)
@given(PAPERS)
@example(Paper(title="Ends with a question?", authors=[Author("Ann Lee")], year=2020, bibtex_key="k", slug="s"))
def test_any_paper_has_all_three_formats(paper: Paper) -> None:
    reference = apa_reference(paper)
    assert reference and "\n" not in reference
    [record] = rispy.loads(ris_record(paper))
    assert record["title"] == one_line(paper.title)
    assert len(record.get("authors", [])) == len([author for author in paper.authors if author.name.strip()])
    assert list(VALIDATOR.iter_errors([json.loads(item_json(paper))])) == []
