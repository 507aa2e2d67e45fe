"""CSL-JSON: valid against the CSL-JSON schema, the same names, type and facts as the BibTeX, nothing invented."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bibtexparser.middlewares.names import parse_single_name_into_parts

from generator.build import build, render_site
from generator.cite import bibfiles
from generator.cite.bibtex_names import name_to_latex
from generator.cite.citation_files import citation_files, in_format
from generator.cite.csl import csl_item, csl_name, item_json
from generator.library import Library
from generator.model import Author, Paper
from tests.conftest import bundled_config
from tests.test_build import config_for

SCHEMA = json.loads((Path(__file__).parents[1] / "fixtures/csl/csl-data.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def files(bundled_library: Library) -> dict[str, str]:
    return citation_files(bundled_library)


def test_every_file_validates_against_the_csl_json_schema(bundled_library: Library, files: dict[str, str]) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA)
    whole = json.loads(files[in_format(bibfiles.WHOLE_LIST, ".json")])
    assert [item["id"] for item in whole] == [paper.bibtex_key for paper in bundled_library.papers]
    assert list(validator.iter_errors(whole)) == []
    json_files = [path for path in files if path.endswith(".json")]
    assert len(json_files) > len(bundled_library.papers)  # each paper, the list, collections and tags
    for path in json_files:
        assert list(validator.iter_errors(json.loads(files[path]))) == [], path


def test_the_schema_catches_a_wrong_item() -> None:
    validator = jsonschema.Draft7Validator(SCHEMA)
    assert list(validator.iter_errors([{"id": "k", "type": "misc", "title": "T"}]))  # not a CSL type
    assert list(validator.iter_errors([{"id": "k", "type": "article", "author": [{"name": "X"}]}]))


def test_each_paper_file_is_its_item(bundled_library: Library, files: dict[str, str]) -> None:
    for paper in bundled_library.papers:
        assert json.loads(files[in_format(bibfiles.paper_file(paper), ".json")]) == [csl_item(paper)]


def test_types_follow_the_bibtex_types(bundled_library: Library) -> None:
    papers = bundled_library.by_slug()
    expected = {"deeplab-semantic-image-segmentation-with-deep-convolutional-nets-atrous-169dc8": "article-journal",
                "attention-is-all-you-need": "paper-conference",
                "a-case-study-of-spatiotemporal-forecasting-techniques-for-weather-forecasting": "article",
                "a-new-hope-ai-research-is-conquering-todays-computer-vision-plateau": "document"}
    assert {slug: csl_item(papers[slug])["type"] for slug in expected} == expected
    deeplab = csl_item(papers["deeplab-semantic-image-segmentation-with-deep-convolutional-nets-atrous-169dc8"])
    assert {key: deeplab[key] for key in ("container-title", "volume", "issue", "page", "DOI", "issued")} == {
        "container-title": "IEEE Transactions on Pattern Analysis and Machine Intelligence", "volume": "40",
        "issue": "4", "page": "834-848", "DOI": "10.1109/TPAMI.2017.2699184", "issued": {"date-parts": [[2018]]}}


@pytest.mark.parametrize("name", ["Ludwig van Beethoven", "Martin Luther King Jr.", "Liang-Chieh Chen", "Sergey",
                                  "Jean de la Fontaine", "Alan L. Yuille", "Aidan N. Gomez"])
def test_names_split_as_bibtex_reads_the_entry(name: str) -> None:
    """bibtexparser splits the `author` field our BibTeX writes into BibTeX's parts; CSL's parts are those."""
    parts = parse_single_name_into_parts(name_to_latex(name))
    expected = {"given": " ".join(parts.first), "non-dropping-particle": " ".join(parts.von),
                "family": " ".join(parts.last), "suffix": " ".join(parts.jr)}
    assert csl_name(name) == {key: value for key, value in expected.items() if value}


def test_organisations_are_literal_and_no_author_is_invented() -> None:
    assert csl_name("Llama Team, AI @ Meta") == {"literal": "Llama Team, AI @ Meta"}
    submitted = csl_item(Paper(title="Open weights", organisation="Meta", author_count=12, bibtex_key="anon"))
    assert "author" not in submitted and "issued" not in submitted
    assert submitted == {"id": "anon", "type": "document", "title": "Open weights"}


def test_seed_text_stays_text_in_json() -> None:
    title = '</script><script>alert(1)</script>"\n{{ 7*7 }}\u2028'
    paper = Paper(title=title, authors=[Author('Eve "}] Mallory')], bibtex_key="k", slug="k")
    [item] = json.loads(f"[{item_json(paper)}]")
    assert item["title"] == title and item["author"] == [{"literal": 'Eve "}] Mallory'}]  # braced whole in BibTeX
    assert "\n" not in item_json(paper)  # one item, one line


def test_corrections_reach_the_csl_json(project_copy: Path) -> None:
    annotations = project_copy / "seeds/annotations.yml"
    annotations.write_text(annotations.read_text(encoding="utf-8") + (
        "\nattention-is-all-you-need:\n  corrections:\n    year: 2018\n    authors: [Ashish Vaswani, Noam Shazeer]\n"),
        encoding="utf-8")
    report = build(config_for(project_copy))
    assert report.library.problems == []
    paper = report.library.by_slug()["attention-is-all-you-need"]
    [item] = json.loads((project_copy / "docs" / in_format(bibfiles.paper_file(paper), ".json")).read_text("utf-8"))
    assert item["issued"] == {"date-parts": [[2018]]}
    assert item["author"] == [{"family": "Vaswani", "given": "Ashish"}, {"family": "Shazeer", "given": "Noam"}]
    assert item["id"] == paper.bibtex_key == "vaswani2017attention"  # the user's own .bib key stays


def test_paper_pages_link_their_files(bundled_library: Library, tmp_path: Path) -> None:
    outputs = render_site(bundled_library, bundled_config(tmp_path))
    for paper in bundled_library.papers:
        page = outputs[f"papers/{paper.slug}.md"]
        for extension in (".ris", ".json"):
            target = f"../bib/papers/{paper.slug}{extension}"
            assert f"]({target}){{ download=" in page, paper.slug
            assert f"{bibfiles.FOLDER}/papers/{paper.slug}{extension}" in outputs
