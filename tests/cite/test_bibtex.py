"""BibTeX entries and citation keys: types and fields by source, escaping, keys that stay put."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import bibtexparser
import pytest

from generator.build import load_library
from generator.cite import bibtex, citation_keys
from generator.config import BuildConfig
from generator.enrich.identity import assign_slugs
from generator.library import Library
from generator.model import Author, BibEntry, Paper

PROJECT = Path(__file__).resolve().parents[2]


def paper(title: str, *authors: str, **fields: object) -> Paper:
    record = Paper(title=title, authors=[Author(name) for name in authors], **fields)  # type: ignore[arg-type]
    record.slug = record.slug or title.lower().replace(" ", "-")
    return record


def entry(record: Paper) -> dict[str, str]:
    """The entry as bibtexparser reads it back: type, key and fields."""
    if not record.bibtex_key:
        citation_keys.assign_keys([record])
    library = bibtexparser.parse_string(bibtex.render_entries([record]))
    assert not library.failed_blocks
    (parsed,) = library.entries
    return {"type": parsed.entry_type, "key": parsed.key, **{f.key: f.value for f in parsed.fields}}


@pytest.fixture(scope="module")
def bundled() -> Library:
    return load_library(BuildConfig(seeds_dir=PROJECT / "seeds", docs_dir=PROJECT / "docs",
                                    templates_dir=PROJECT / "site_templates"))


# --- entry types and fields -------------------------------------------------------------------

def test_arxiv_paper_as_arxiv_exports_it() -> None:
    record = paper("Dataset Distillation Using Parameter Pruning", "Guang Li", "Ren Togo", year=2022,
                   date=dt.date(2022, 9, 29), arxiv_id="2209.14609", categories=["cs.CV", "cs.LG"],
                   links={"abstract": "https://arxiv.org/abs/2209.14609"}, doi="10.1000/x_y")
    assert entry(record) == {
        "type": "misc", "key": "li2022dataset", "title": "Dataset Distillation Using Parameter Pruning",
        "author": "Guang Li and Ren Togo", "year": "2022", "eprint": "2209.14609", "archivePrefix": "arXiv",
        "primaryClass": "cs.CV", "doi": "10.1000/x_y", "url": "https://arxiv.org/abs/2209.14609"}


def test_conference_paper_is_inproceedings_with_booktitle() -> None:
    record = paper("A Close Look at Deep Learning with Small Data", "Lorenzo Brigato", "Luca Iocchi", year=2020,
                   venue="ICPR 2020", booktitle="25th International Conference on Pattern Recognition (ICPR)")
    fields = entry(record)
    assert fields["type"] == "inproceedings"
    assert fields["booktitle"] == "25th International Conference on Pattern Recognition (ICPR)"
    assert fields["year"] == "2020"
    assert "note" not in fields


def test_item_without_venue_is_misc_with_url_and_note() -> None:
    record = paper("A Tool", "Ada Lovelace", year=2021, venue="Workshop on Tools",
                   links={"url": "https://example.org/tool?a=1%20b#x"})
    fields = entry(record)
    assert fields["type"] == "misc"
    assert fields["note"] == "Workshop on Tools"
    assert fields["url"] == r"https://example.org/tool?a=1\%20b\#x"


def test_no_author_names_means_no_authors_but_a_key_and_no_date() -> None:
    record = paper("Codebook Features: Sparse and Discrete Interpretability", author_count=3,
                   date=dt.date(2023, 10, 26))
    fields = entry(record)
    assert "author" not in fields
    assert fields["key"] == "Codebook Features"
    assert fields["type"] == "misc"
    assert fields["month"] == "oct"  # the style's macro, not the text "oct"
    assert "month = oct\n" in bibtex.render_entry(record)
    undated = entry(paper("A New Hope: AI Research"))
    assert undated["year"] == "n.d."
    assert undated["key"] == "A New Hope"


def test_submitting_organisation_is_the_key_field_not_an_author() -> None:
    fields = entry(paper("CLUE: Verification from Experience", organisation="Tencent", year=2025))
    assert "author" not in fields
    assert fields["key"] == "Tencent"
    assert fields["type"] == "misc"


@pytest.mark.parametrize("name, written", [
    ("Llama Team, AI @ Meta", "{Llama Team, AI @ Meta}"),
    ("Gemini Team, Google", "{Gemini Team, Google}"),
    ("Barnes and Noble", "{Barnes and Noble}"),
    ("Martin Luther King Jr.", "King, Jr., Martin Luther"),
    ("Jörn-Henrik Jacobsen", r'J{\"o}rn-Henrik Jacobsen'),
    ("Mikołaj Bińkowski", r"Miko{\l}aj Bi{\'n}kowski"),
], ids=["llama-team", "gemini-team", "and-in-name", "suffix", "umlaut", "polish"])
def test_author_names_bibtex_reads_as_one_person(name: str, written: str) -> None:
    assert entry(paper("Title", name, year=2024))["author"] == written


@pytest.mark.parametrize("kind, fields, expected", [
    ("article", {"journal": "Nature"}, "article"),
    ("article", {}, "misc"),  # no journal: plain.bst would warn
    ("inproceedings", {}, "misc"),  # no booktitle
    ("techreport", {"publisher": "Lab"}, "misc"),  # no institution field to give
    ("book", {"publisher": "MIT Press"}, "book"),
], ids=["article", "article-without-journal", "inproceedings-without-booktitle", "techreport", "book"])
def test_stated_type_kept_only_with_its_required_fields(kind: str, fields: dict, expected: str) -> None:
    record = paper("Title", "Ada Lovelace", year=2020, entry_type=kind, **fields)
    assert bibtex.entry_type_for(record) == expected


def test_stated_type_without_authors_or_year_is_misc() -> None:
    assert bibtex.entry_type_for(paper("T", entry_type="article", journal="J", year=2020)) == "misc"
    assert bibtex.entry_type_for(paper("T", "A B", entry_type="article", journal="J")) == "misc"


def test_proceedings_volume_wins_over_number() -> None:
    fields = entry(paper("U-Net", "Olaf Ronneberger", year=2015, entry_type="inproceedings", booktitle="MICCAI",
                         volume="9351", number="3", pages="234–241"))
    assert fields["volume"] == "9351" and "number" not in fields and fields["pages"] == "234--241"


def test_page_entry_leaves_abstract_out_and_download_keeps_it() -> None:
    record = paper("Title", "Ada Lovelace", year=2020, abstract="We show 50% more.")
    citation_keys.assign_keys([record])
    assert "abstract" not in bibtex.render_entry(record)
    assert r"abstract = {We show 50\% more.}" in bibtex.render_entries([record])
    truncated = paper("Title two", "Ada Lovelace", year=2020, abstract="We show", abstract_truncated=True)
    assert "abstract" not in entry(truncated)


# --- LaTeX ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, written", [
    ("Costs & Benefits: 50% of $5 #1 in_situ {x} ~y^2 a\\b",
     r"Costs \& Benefits: 50\% of \$5 \#1 in\_situ \textbraceleft{}x\textbraceright{} "
     r"\textasciitilde{}y\textasciicircum{}2 a\textbackslash{}b"),
    ("Learning $k$-means in $\\mathcal{O}(n)$", r"Learning {$k$}-means in {$\mathcal{O}(n)$}"),
    ("3D UX-Net: A Large Kernel ConvNet for LiDAR", r"{3D} {UX-Net}: A Large Kernel {ConvNet} for {LiDAR}"),
    ("U-Net and DINOv2 with CNNs", r"{U-Net} and {DINOv2} with {CNNs}"),
    ("Shortcut learning in deep networks from Europe", r"Shortcut learning in deep networks from {Europe}"),
    ("Bayesian Deep Learning", r"{Bayesian} Deep Learning"),
    ("Today’s Plateau – a Review", r"Today{\textquoteright}s Plateau -- a Review"),
    ("En--dash or not", r"En-{}-dash or not"),
], ids=["specials", "math", "acronyms", "inner-capitals", "sentence-case-proper-noun", "proper-noun",
        "unicode-punctuation", "double-hyphen"])
def test_titles_escaped_and_protected(title: str, written: str) -> None:
    assert entry(paper(title, "Ada Lovelace", year=2020))["title"] == written


def test_math_that_would_break_latex_is_escaped_as_text() -> None:
    assert entry(paper("Gain of $50% or $", "A B", year=2020))["title"] == r"Gain of \$50\% or \$"


def test_non_ascii_spelled_for_8_bit_bibtex() -> None:
    written = bibtex.render_entry(paper("Über Schrödinger’s Ça", "Hervé Jégou", year=2020))
    assert written.isascii()


# --- citation keys -------------------------------------------------------------------------------

@pytest.mark.parametrize("record, key", [
    (paper("Shortcut learning in deep neural networks", "Robert Geirhos", year=2020), "geirhos2020shortcut"),
    (paper("The Llama 3 Herd of Models", "Llama Team, AI @ Meta", year=2024), "llama2024llama"),
    (paper("Gemini: A Family of Models", "Gemini Team, Google", year=2023), "gemini2023gemini"),
    (paper("Attention Is All You Need", "Łukasz Kaiser", year=2017), "kaiser2017attention"),
    (paper("Über alles", "Jörg Müller", year=2001), "muller2001uber"),
    (paper("Visualizing Data using t-SNE", "Laurens van der Maaten", year=2008), "maaten2008visualizing"),
    (paper("On the Origin", "Martin Luther King Jr.", year=1960), "king1960origin"),
    (paper("CLUE: Verification", organisation="Tencent", year=2025), "tencent2025clue"),
    (paper("A New Hope"), "anonnew"),
], ids=["plain", "corporate", "corporate-comma", "stroke", "umlaut", "particle", "suffix", "organisation",
        "nothing-known"])
def test_key_pattern(record: Paper, key: str) -> None:
    assert citation_keys.base_key(record) == key


def twins() -> list[Paper]:
    """Three papers by Li in 2022 whose titles all start with "Dataset"."""
    return [
        paper("Dataset Distillation Using Parameter Pruning", "Guang Li", year=2022, date=dt.date(2022, 9, 29),
              arxiv_id="2209.14609"),
        paper("Dataset Complexity Assessment", "Guang Li", year=2022, date=dt.date(2022, 9, 29),
              arxiv_id="2209.14743"),
        paper("Dataset Distillation for Medical Dataset Sharing", "Guang Li", year=2022,
              date=dt.date(2022, 9, 29), arxiv_id="2209.14603"),
    ]


def keys_of(papers: list[Paper]) -> dict[str, str]:
    citation_keys.assign_keys(papers)
    return {record.title: record.bibtex_key for record in papers}


def test_twins_eldest_keeps_the_plain_key_and_younger_extend_with_title_words() -> None:
    assert keys_of(twins()) == {
        "Dataset Distillation for Medical Dataset Sharing": "li2022dataset",  # lowest arXiv id
        "Dataset Distillation Using Parameter Pruning": "li2022datasetdistillation",
        "Dataset Complexity Assessment": "li2022datasetcomplexity",
    }


def test_keys_do_not_depend_on_seed_order() -> None:
    assert keys_of(twins()) == keys_of(list(reversed(twins())))


def test_adding_a_newer_twin_or_another_paper_changes_no_key() -> None:
    before = keys_of(twins()[:2])
    newer = paper("Dataset Condensation Revisited", "Guang Li", year=2022, date=dt.date(2022, 12, 1))
    unrelated = paper("Shortcut learning", "Robert Geirhos", year=2020)
    after = keys_of([*twins()[:2], newer, unrelated])
    assert {title: after[title] for title in before} == before
    assert after["Dataset Condensation Revisited"] == "li2022datasetcondensation"


def test_removing_a_paper_changes_only_its_younger_twin() -> None:
    full = keys_of(twins())
    without_eldest = keys_of(twins()[:2])
    assert without_eldest["Dataset Distillation Using Parameter Pruning"] == "li2022dataset"
    assert without_eldest["Dataset Complexity Assessment"] == full["Dataset Complexity Assessment"]


def test_identical_titles_fall_back_to_a_hash_of_the_paper_itself() -> None:
    first = paper("Segmentation", "Wei Zhang", year=2021, slug="segmentation-aaaaaa", date=dt.date(2021, 1, 1))
    second = paper("Segmentation", "Wei Zhang", year=2021, slug="segmentation-bbbbbb", date=dt.date(2021, 2, 1))
    citation_keys.assign_keys([second, first])
    keys = [first.bibtex_key, second.bibtex_key]
    assert keys[0] == "zhang2021segmentation"
    assert keys[1].startswith("zhang2021segmentation-") and len(keys[1]) == len("zhang2021segmentation-") + 4


def test_user_key_is_kept_and_wins_over_a_generated_one() -> None:
    mine = paper("Deep Residual Learning", "Kaiming He", year=2016)
    mine.source_bibtex = BibEntry("inproceedings", "geirhos2020shortcut", (("title", "Deep Residual Learning"),))
    theirs = paper("Shortcut learning", "Robert Geirhos", year=2020, date=dt.date(2020, 1, 1))
    keys = keys_of([theirs, mine])
    assert keys["Deep Residual Learning"] == "geirhos2020shortcut"
    assert keys["Shortcut learning"] == "geirhos2020shortcutlearning"


def test_two_user_entries_with_one_key_are_told_apart_without_case() -> None:
    first = paper("One", "A B", year=2001, date=dt.date(2001, 1, 1))
    first.source_bibtex = BibEntry("misc", "Same", (("title", "One"),))
    second = paper("Two", "A B", year=2002)
    second.source_bibtex = BibEntry("misc", "same", (("title", "Two"),))
    keys = keys_of([second, first])
    assert keys["One"] == "Same" and keys["Two"].startswith("same-")


# --- the bundled list ----------------------------------------------------------------------------

def test_whole_list_parses_back_one_entry_per_paper_with_unique_keys(bundled: Library) -> None:
    text = bibtex.render_entries(bundled.papers, header="test")
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    keys = [parsed.key for parsed in library.entries]
    assert len(keys) == len(bundled.papers)
    assert len({key.lower() for key in keys}) == len(keys)
    assert keys == [record.bibtex_key for record in bundled.papers]


def test_every_bundled_entry_is_ascii_with_balanced_braces(bundled: Library) -> None:
    for record in bundled.papers:
        text = bibtex.render_entries([record])
        assert text.isascii(), record.bibtex_key
        assert text.count("{") == text.count("}"), record.bibtex_key


def test_bundled_keys_follow_the_pattern(bundled: Library) -> None:
    keys = {record.title: record.bibtex_key for record in bundled.papers}
    assert keys["Shortcut learning in deep neural networks"] == "geirhos2020shortcut"
    assert keys["The Llama 3 Herd of Models"] == "llama2024llama"
    assert keys["Gemini: A Family of Highly Capable Multimodal Models"] == "gemini2023gemini"
    assert keys["Deep Residual Learning for Image Recognition"] == "DBLP:conf/cvpr/HeZRS16"  # the user's


def test_bundled_corporate_authors_are_braced(bundled: Library) -> None:
    by_title = {record.title: record for record in bundled.papers}
    assert "author = {{Llama Team, AI @ Meta}}" in by_title["The Llama 3 Herd of Models"].bibtex
    assert "author = {{Gemini Team, Google}}" in by_title["Gemini: A Family of Highly Capable Multimodal Models"].bibtex


def test_slugs_then_keys_on_a_fresh_list() -> None:
    papers = twins()
    assign_slugs(papers)
    citation_keys.assign_keys(papers)
    assert len({record.bibtex_key for record in papers}) == 3
