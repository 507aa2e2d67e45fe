"""The APA reference on every paper page: APA 7 as the manual gives it, the same text with or without our caches.

The expected strings are written from the APA 7 rules (Publication Manual, 7th edition, chapters
9 and 10), not copied from the output: authors as "Family, I. I." (a hyphenated given name keeps
its hyphen, "L.-C."), up to 20 of them, the last after "&"; the year in parentheses, "(n.d.)"
without one; a journal article as "Journal, volume(issue), pages. DOI"; a paper in regularly
published proceedings like a periodical, the proceedings as its source; a preprint with its
archive's identifier after the title and the archive as publisher; with no author, the title
moves to the author's place. Titles keep the case the sources give (CSL processors do not change
it), and plain text has no italics.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cite.apa import apa_reference, apa_references
from generator.cite.csl import csl_item
from generator.library import Library
from generator.model import Author, Paper

PROJECT = Path(__file__).resolve().parents[2]
EXPECTED = {
    # a journal article with five authors, volume, issue, pages and a DOI
    "deeplab-semantic-image-segmentation-with-deep-convolutional-nets-atrous-169dc8":
        "Chen, L.-C., Papandreou, G., Kokkinos, I., Murphy, K., & Yuille, A. L. (2018). DeepLab: Semantic Image "
        "Segmentation with Deep Convolutional Nets, Atrous Convolution, and Fully Connected CRFs. IEEE Transactions "
        "on Pattern Analysis and Machine Intelligence, 40(4), 834–848. https://doi.org/10.1109/TPAMI.2017.2699184",
    # a conference paper with eight authors: its proceedings (volume in their title) and pages as the source
    "attention-is-all-you-need":
        "Vaswani, A., Shazeer, N., Parmar, N., Uszkoreit, J., Jones, L., Gomez, A. N., Kaiser, Ł., & Polosukhin, I. "
        "(2017). Attention Is All You Need. Advances in Neural Information Processing Systems 30, 5998–6008. "
        "https://arxiv.org/abs/1706.03762",
    # a conference paper the ICPR page gives with no pages, DOI or URL
    "a-close-look-at-deep-learning-with-small-data":
        "Brigato, L., & Iocchi, L. (2020). A Close Look at Deep Learning with Small Data. 25th International "
        "Conference on Pattern Recognition (ICPR).",
    # an arXiv preprint: its identifier (lowercase "arXiv" kept), the archive, the abstract page
    "a-case-study-of-spatiotemporal-forecasting-techniques-for-weather-forecasting":
        "Sofi, S. S., & Oseledets, I. (2022). A case study of spatiotemporal forecasting techniques for weather "
        "forecasting (arXiv:2209.14782). arXiv. https://arxiv.org/abs/2209.14782",
    # no author and no date: the title in the author's place, once, then (n.d.)
    "a-new-hope-ai-research-is-conquering-todays-computer-vision-plateau":
        "A New Hope: AI Research is Conquering Today’s Computer Vision Plateau. (n.d.).",
}


@pytest.mark.parametrize("slug", list(EXPECTED), ids=lambda slug: slug[:30])
def test_bundled_papers_read_as_apa_7_gives_them(bundled_library: Library, slug: str) -> None:
    assert apa_reference(bundled_library.by_slug()[slug]) == EXPECTED[slug]


def test_twenty_one_authors_list_the_first_nineteen_then_the_last() -> None:
    paper = Paper(title="Many hands", authors=[Author(f"Given{n} Family{n}") for n in range(1, 22)], year=2024,
                  bibtex_key="family2024many", slug="many-hands")
    names = ", ".join(f"Family{n}, G." for n in range(1, 20))
    assert apa_reference(paper) == f"{names}, … Family21, G. (2024). Many hands."


def test_an_organisation_is_one_author_and_the_submitter_is_none() -> None:
    team = Paper(title="Gemini", authors=[Author("Gemini Team, Google")], year=2023, bibtex_key="gemini", slug="g")
    assert apa_reference(team) == "Gemini Team, Google. (2023). Gemini."
    submitted = Paper(title="Open weights", organisation="Meta", year=2024, bibtex_key="anon", slug="o")
    assert apa_reference(submitted) == "Open weights. (2024)."  # the submitter is not an author: nothing invented


def test_seed_text_stays_text() -> None:
    title = '<span class="nocase">x</span> <i>y</i> <script>alert(1)</script> & {{ 7*7 }}'
    paper = Paper(title=title, authors=[Author("Eve <b>Mallory</b>")], year=2024, bibtex_key="k", slug="k")
    assert apa_reference(paper) == f"<b>Mallory</b>, E. (2024). {title}."


def test_a_reference_does_not_depend_on_the_other_papers(bundled_library: Library) -> None:
    papers = bundled_library.papers
    together = apa_references([csl_item(paper, abstract=False) for paper in papers])
    assert together == [apa_reference(paper) for paper in papers]


def test_the_caches_do_not_change_any_reference(bundled_library: Library) -> None:
    """citeproc-py with only our two CSL fixes, in a fresh process, against our cached one, for every bundled paper."""
    items = [csl_item(paper, abstract=False) for paper in bundled_library.papers]
    uncached = subprocess.run(
        [sys.executable, "-c", "import json, sys; from generator.cite import apa; apa._install(caches=False); "
                               "print(json.dumps(apa.apa_references(json.load(sys.stdin))))"],
        input=json.dumps(items), capture_output=True, text=True, cwd=PROJECT, check=True)
    assert json.loads(uncached.stdout) == apa_references(items)
