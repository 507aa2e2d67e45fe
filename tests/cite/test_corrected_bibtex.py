"""Corrections from annotations.yml reach the BibTeX of a paper that comes from the user's own .bib."""

from __future__ import annotations

import json
from pathlib import Path

from generator.build import build
from tests.test_build import config_for


def test_a_correction_rewrites_that_field_of_the_users_entry_and_keeps_the_rest(project_copy: Path) -> None:
    annotations = project_copy / "seeds/annotations.yml"
    annotations.write_text(annotations.read_text(encoding="utf-8") + (
        "\nvaswani2017attention:\n  corrections:\n    year: 2018\n    pages: 1-11\n"), encoding="utf-8")
    report = build(config_for(project_copy))
    assert report.library.problems == []
    records = json.loads((project_copy / "docs/catalog.json").read_text(encoding="utf-8"))["papers"]
    [record] = [r for r in records if r["title"] == "Attention Is All You Need"]
    entry = record["bibtex"]
    assert "year = {2018}" in entry and "year = {2017}" not in entry
    assert "pages = {1--11}" in entry
    assert "keywords = {attention,transformers}" in entry  # the user's own field stays
    assert entry.index("title =") < entry.index("year =") < entry.index("pages =")  # the user's order
