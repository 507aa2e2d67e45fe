"""The .bib downloads: every paper page links its own, and the site offers the list, collections, tags."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest

from generator.build import OWNED_DIRS, load_library, render_site
from generator.cite import bibfiles
from generator.config import BuildConfig
from generator.library import Library

PROJECT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\]\(([^)\s]+\.(?:bib|md))\)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, dict[str, str]]:
    config = BuildConfig(seeds_dir=PROJECT / "seeds", docs_dir=tmp_path_factory.mktemp("docs"),
                         templates_dir=PROJECT / "site_templates", site_name="Test list")
    library = load_library(config)
    return library, render_site(library, config)


def keys_in(text: str) -> list[str]:
    parsed = bibtexparser.parse_string(text)
    assert parsed.failed_blocks == []
    return [entry.key for entry in parsed.entries]


def resolve(page: str, target: str) -> str:
    parts = page.split("/")[:-1]
    for part in target.split("/"):
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def test_every_paper_page_links_its_own_bib(site: tuple[Library, dict[str, str]]) -> None:
    library, outputs = site
    for paper in library.papers:
        page = outputs[f"papers/{paper.slug}.md"]
        target = f"../bib/papers/{paper.slug}.bib"
        assert f"]({target}){{ download=" in page, paper.slug
        assert keys_in(outputs[resolve(f"papers/{paper.slug}.md", target)]) == [paper.bibtex_key]
        assert paper.bibtex in page  # the entry shown is the one in the code block


def test_links_to_bib_files_and_bib_index_resolve(site: tuple[Library, dict[str, str]]) -> None:
    _, outputs = site
    checked = 0
    for page, text in outputs.items():
        if not page.endswith(".md"):
            continue
        for target in LINK.findall(text):
            if target.endswith(".bib") or "bib/" in target:
                assert resolve(page, target) in outputs, (page, target)
                checked += 1
    assert checked > 300


def test_whole_list_collections_and_tags(site: tuple[Library, dict[str, str]]) -> None:
    library, outputs = site
    assert keys_in(outputs[bibfiles.WHOLE_LIST]) == [paper.bibtex_key for paper in library.papers]
    for name in library.collections:
        expected = [p.bibtex_key for p in library.papers if any(s.collection == name for s in p.sources)]
        assert keys_in(outputs[bibfiles.collection_file(name)]) == expected, name
    tags = {tag for paper in library.papers for tag in paper.tags}
    assert tags
    for tag in tags:
        expected = [p.bibtex_key for p in library.papers if any(bibfiles.tag_file(t) == bibfiles.tag_file(tag)
                                                                  for t in p.tags)]
        assert keys_in(outputs[bibfiles.tag_file(tag)]) == expected, tag
    assert "bib" in OWNED_DIRS


def test_user_preamble_travels_with_its_entries(site: tuple[Library, dict[str, str]]) -> None:
    _, outputs = site
    assert outputs[bibfiles.WHOLE_LIST].count("@preamble{") == 1
    assert "@preamble" in outputs[bibfiles.collection_file("my-bibtex-library")]
    assert "@preamble" not in outputs[bibfiles.collection_file("arxiv-cs-cv-2022-09-29")]


def test_download_names_are_file_names() -> None:
    assert bibfiles.download_name("DBLP:conf/cvpr/HeZRS16") == "DBLP_conf_cvpr_HeZRS16"


def test_strict_mkdocs_build_serves_the_bib_files(tmp_path: Path) -> None:
    for name in ("seeds", "site_templates", "overrides"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    (tmp_path / "docs").mkdir()
    for page in ("about.md",):
        shutil.copy(PROJECT / "docs" / page, tmp_path / "docs" / page)
    shutil.copy(PROJECT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    run = subprocess.run([str(mkdocs), "build", "--strict"], cwd=tmp_path, capture_output=True, text=True,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    site = tmp_path / "site"
    assert (site / "bib" / "reading-list.bib").read_text(encoding="utf-8").startswith("% ")
    html = (site / "papers" / "deep-residual-learning-for-image-recognition" / "index.html").read_text("utf-8")
    assert ('<a class="md-button" download="DBLP_conf_cvpr_HeZRS16.bib" '
            'href="../../bib/papers/deep-residual-learning-for-image-recognition.bib">') in html
    assert (site / "bib" / "papers" / "deep-residual-learning-for-image-recognition.bib").exists()
    assert (site / "bib" / "index.html").exists()
