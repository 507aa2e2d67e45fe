"""Property-based fuzzing of every reader: no input crashes, every record is either read or reported.

Inputs are built from the pieces each format is made of (headings, field lines, bullets, dates,
separators) mixed with arbitrary text, so the fuzzer reaches the readers' real branches.
"""

from __future__ import annotations

from types import ModuleType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.read.manifest import SourceInfo
from generator.read.readers import READERS
from generator.read.readers.base import SeedDocument

PIECES = [
    "### ", "- **Arxiv ID**: http://arxiv.org/abs/2209.14475v1", "- **Summary**: ", "- **Authors**: A, B",
    "- **Published**: 2022-09-29 00:00:11+00:00", "- **Categories**: **cs.CV**, cs.LG", "- **Links**: [PDF](x)",
    "  continued", "Responsive image", "Auto-TLDR; x", "Slides Poster Similar", "Similar papers",
    "  • 3 authors", "·", "Oct 26, 2023", "May 22 4", "Agenda", "- Topic, Other", "papers:", "  - title: x",
    "    year: 20x", "    authors: [", "Title Line", "An abstract sentence.", "", "", "\t", "{{ x }}", "<script>",
]
lines = st.one_of(st.sampled_from(PIECES), st.text(max_size=40))
documents = st.lists(lines, max_size=40).map("\n".join)


def read_safely(reader: ModuleType, text: str) -> None:
    source = SourceInfo(file="fuzz.txt", collection="fuzz", title="Fuzz")
    result = reader.read(SeedDocument("fuzz.txt", text), source)
    line_count = text.count("\n") + 2
    for paper in result.papers:
        assert paper.title.strip(), "a paper without a title must be reported, not read"
        assert 1 <= paper.sources[0].line <= line_count
    for problem in result.problems:
        assert problem.path == "fuzz.txt" and 1 <= problem.line <= line_count
        assert problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents, format_name=st.sampled_from(sorted(READERS)))
def test_no_input_crashes_a_reader(text: str, format_name: str) -> None:
    read_safely(READERS[format_name], text)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=300), format_name=st.sampled_from(sorted(READERS)))
def test_no_arbitrary_text_crashes_a_reader(text: str, format_name: str) -> None:
    read_safely(READERS[format_name], text)


@settings(max_examples=60, deadline=None)
@given(titles=st.lists(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1,
                                max_size=60).map(str.strip).filter(bool), min_size=1, max_size=5))
def test_arxiv_titles_survive_reading_whatever_their_characters(titles: list[str]) -> None:
    text = "".join(f"### {title}\n- **Arxiv ID**: http://arxiv.org/abs/2209.1{n:04d}v1\n- **Authors**: A\n"
                   f"- **Published**: 2022-09-29 00:00:11+00:00\n- **Summary**: S\n\n" for n, title in enumerate(titles))
    source = SourceInfo(file="fuzz.txt", collection="fuzz", title="Fuzz")
    result = READERS["arxiv-listing"].read(SeedDocument("fuzz.txt", text), source)
    assert [paper.title for paper in result.papers] == [" ".join(title.split()) for title in titles]
    assert result.problems == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents, format_name=st.sampled_from(sorted(READERS)))
def test_no_seed_crashes_the_whole_pipeline(text: str, format_name: str) -> None:
    import tempfile
    from pathlib import Path

    from generator.build import load_library, render_site
    from generator.config import BuildConfig
    from tests.conftest import PROJECT

    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder)
        (seeds / "sources.yml").write_text(f"sources:\n  - file: fuzz.txt\n    format: {format_name}\n"
                                           "    listing_date: 2025-10-31\n", encoding="utf-8")
        (seeds / "fuzz.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        config = BuildConfig(seeds, seeds / "docs", PROJECT / "site_templates")
        library = load_library(config)
        outputs = render_site(library, config)
        assert len([path for path in outputs if path.startswith("papers/")]) == len(library.papers) + 1
