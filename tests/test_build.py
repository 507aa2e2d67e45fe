"""The whole pipeline on the bundled seeds and on altered copies of them."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from generator.build import build
from generator.config import BuildConfig
from generator.model import Paper
from generator.site.paper_facts import link_buttons
from tests.conftest import PROJECT


def config_for(project: Path) -> BuildConfig:
    return BuildConfig(seeds_dir=project / "seeds", docs_dir=project / "docs",
                       templates_dir=project / "site_templates", site_name="Test list")


def catalog(project: Path) -> list[dict]:
    return json.loads((project / "docs/catalog.json").read_text(encoding="utf-8"))["papers"]


def test_every_paper_gets_a_page_and_a_catalog_record(project_copy: Path) -> None:
    report = build(config_for(project_copy))
    records = catalog(project_copy)
    assert len(records) == len(report.library.papers) == 298
    pages = {path.name for path in (project_copy / "docs/papers").glob("*.md")} - {"index.md"}
    assert pages == {f"{record['slug']}.md" for record in records}
    first = next(r for r in records if r["title"].startswith("Intrinsic Dimensionality Estimation"))
    assert first["page"] == f"papers/{first['slug']}.md"
    assert first["sources"] == [{"collection": "arxiv-cs-cv-2022-09-29", "file": "004_e7dc5dfea51801c0.txt",
                                 "line": 2, "format": "arxiv-listing", "section": None}]
    assert first["bibtex"].startswith(f"@misc{{{first['bibtex_key']},")
    assert len(first["related_computed"]) == 5 and first["slug"] not in first["related_computed"]
    subject = next(r for r in records if r["title"] == "Self-Supervised Learning for Astronomical Image Classification")
    assert len(subject["similar_stated"]) == 48


def test_paper_page_shows_what_the_sources_know(project_copy: Path) -> None:
    build(config_for(project_copy))
    record = next(r for r in catalog(project_copy) if r["title"].startswith("Codebook Features"))
    page = (project_copy / "docs" / record["page"]).read_text(encoding="utf-8")
    front, body = page.split("---\n", 2)[1:]
    assert "title: 'Codebook Features: Sparse and Discrete Interpretability for Neural Networks'" in front
    assert "**Authors:** 3 authors (the source does not name them)" in body
    assert '<a href="https://github.com/taufeeque9/codebook-features" class="md-button md-button--primary">Code</a>' in body
    assert "```bibtex\n@misc{" in body
    assert "[Daily Papers&#58; trending papers](../collections/daily-papers-trending.md)" in body


def test_the_same_seeds_give_byte_identical_docs(project_copy: Path) -> None:
    config = config_for(project_copy)
    other = BuildConfig(config.seeds_dir, project_copy / "other-docs", config.templates_dir, config.site_name)
    build(config)
    build(other)

    def contents(folder: Path) -> dict[Path, bytes]:
        return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}

    first, second = contents(config.docs_dir), contents(other.docs_dir)
    for hand_written in ("about.md", "stylesheets/extra.css", "stylesheets/filters.css", "javascripts/filters.js"):
        del first[Path(hand_written)]
    top = sorted(str(path) for path in first if len(path.parts) == 1)
    assert top == ["catalog.json", "feed.xml", "filters.json", "index.md", "missing-metadata.md"]
    # a page per paper; collections/ (6 and their index), reading/ (3 statuses and the index), papers/index.md
    assert len([path for path in first if path.parts[0] not in ("bib", "tags", "years", "authors", ".rendered")
                and len(path.parts) > 1]) == 298 + 7 + 4 + 1
    pages = {path.with_suffix("") for path in first if path.suffix == ".md"}
    assert {path.relative_to(".rendered").with_suffix("") for path in first if path.parts[0] == ".rendered"} == pages
    assert first == second


def test_a_second_build_writes_nothing(project_copy: Path) -> None:
    build(config_for(project_copy))
    again = build(config_for(project_copy))
    assert (again.written.written, again.written.removed) == ([], [])


def test_a_paper_removed_from_the_seeds_loses_its_page_and_the_links_to_it(project_copy: Path) -> None:
    build(config_for(project_copy))
    record = next(r for r in catalog(project_copy) if r["title"] == "Mixture of Hidden-Dimensions Transformer")
    seed = project_copy / "seeds/002_4e7f277c3fa91482.txt"
    text = seed.read_text(encoding="utf-8")
    start = text.index("Mixture of Hidden-Dimensions Transformer")
    end = text.index("Dec 7, 2024") + len("Dec 7, 2024\n")
    seed.write_text(text[:start] + text[end:], encoding="utf-8")
    report = build(config_for(project_copy))
    assert f"papers/{record['slug']}.md" in report.written.removed
    assert len(catalog(project_copy)) == 297
    mentions = [p for p in (project_copy / "docs").rglob("*.md") if record["slug"] in p.read_text(encoding="utf-8")]
    assert mentions == []


def test_a_record_without_title_is_reported_and_every_other_paper_still_renders(project_copy: Path) -> None:
    seed = project_copy / "seeds/004_e7dc5dfea51801c0.txt"
    text = seed.read_text(encoding="utf-8")
    broken = text.replace("### Re-Imagen: Retrieval-Augmented Text-to-Image Generator", "### ", 1)
    seed.write_text(broken, encoding="utf-8")
    line = broken[:broken.index("### \n")].count("\n") + 1
    report = build(config_for(project_copy))
    assert [str(p) for p in report.library.problems] == [
        f"004_e7dc5dfea51801c0.txt:{line}: error: record without a title; skipped"]
    assert len(catalog(project_copy)) == 297
    assert not any(r["title"].startswith("Re-Imagen") for r in catalog(project_copy))


def test_generated_pages_link_only_to_pages_that_exist(project_copy: Path) -> None:
    build(config_for(project_copy))
    docs = project_copy / "docs"
    for page in docs.rglob("*.md"):
        for target in re.findall(r"\]\(([^)#]+\.md)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).resolve().exists(), f"{page.relative_to(docs)} links to missing {target}"


def test_git_ignores_generated_files_and_nothing_of_the_code() -> None:
    """Git's own verdict: generated output is ignored, and no module or test (generator/site/, tests/site/) is."""
    paths = ["site/index.html", "docs/papers/x.md", "docs/collections/x.md", "docs/index.md", "docs/catalog.json",
             "docs/filters.json", "docs/.rendered/x.json", "generator/site/render.py", "generator/site/new_module.py",
             "tests/site/test_new.py", "site_templates/paper.md.j2"]
    checked = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=PROJECT, capture_output=True, text=True)
    assert checked.stdout.split() == paths[:7]


def test_paper_buttons_link_only_http_urls_each_once() -> None:
    paper = Paper(title="T", doi="10.1/x", links={"abstract": "https://arxiv.org/abs/1", "pdf": "https://arxiv.org/pdf/1",
                                                  "code": "javascript:alert(1)", "url": "https://arxiv.org/abs/1"})
    assert link_buttons(paper) == [("arXiv", "https://arxiv.org/abs/1"), ("PDF", "https://arxiv.org/pdf/1"),
                                   ("DOI", "https://doi.org/10.1/x")]
