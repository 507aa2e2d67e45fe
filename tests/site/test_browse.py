"""The pages to browse by: tags, years, authors, the syllabus, and the nav."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader

import generator.site.browse as browse
from generator.build import load_library, render_site
from generator.config import BuildConfig
from generator.library import Library
from generator.model import Paper

ROOT = Path(__file__).resolve().parents[2]
MEGABYTE = 1_000_000


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> BuildConfig:
    return BuildConfig(seeds_dir=ROOT / "seeds", docs_dir=tmp_path_factory.mktemp("docs"),
                       templates_dir=ROOT / "site_templates")


@pytest.fixture(scope="module")
def library(config: BuildConfig) -> Library:
    return load_library(config)


@pytest.fixture(scope="module")
def site(library: Library, config: BuildConfig) -> dict[str, str]:
    return render_site(library, config)


def front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def test_one_page_per_tag_listing_its_papers(site: dict[str, str], library: Library) -> None:
    tags = {tag for paper in library.papers for tag in paper.tags}
    infos = render_infos(library)
    assert tags <= set(infos)
    index = site["tags/index.md"]
    for tag in tags:
        page = site[f"tags/{infos[tag].slug}.md"]
        carriers = [paper for paper in library.papers if tag in paper.tags]
        assert f"**{len(carriers)}** paper" in page
        assert {f"../papers/{paper.slug}.md" for paper in carriers} == set(re.findall(r"\]\((\.\./papers/[^)]+)\)", page))
        assert f"]({infos[tag].slug}.md) ({len(carriers)})" in index or f"]({infos[tag].slug}.md) | " in index, tag


def test_paper_pages_link_every_tag(site: dict[str, str], library: Library) -> None:
    infos = render_infos(library)
    for paper in library.papers:
        page = site[f"papers/{paper.slug}.md"]
        meta = page.split('<div class="paper-meta" markdown>')[1].split("</div>")[0]
        assert {f"../tags/{infos[tag].slug}.md" for tag in paper.tags} == set(re.findall(r"\((\.\./tags/[^)]+)\)", meta))


def render_infos(library: Library) -> dict[str, browse.TagInfo]:
    from generator.site.render import Renderer, SiteInfo
    return Renderer(ROOT / "site_templates", library, SiteInfo("Test", "")).tags


def test_year_pages(site: dict[str, str], library: Library) -> None:
    years = {browse.year_of(paper) for paper in library.papers}
    assert {f"years/{year}.md" for year in years} <= set(site)
    for paper in library.papers:
        assert f"../papers/{paper.slug}.md" in site[f"years/{browse.year_of(paper)}.md"]
    assert "[Year unknown](unknown.md)" in site["years/index.md"]


def test_every_person_has_one_entry_on_the_page_of_their_initial(site: dict[str, str], library: Library) -> None:
    pages = {path: text for path, text in site.items() if path.startswith("authors/") and path != "authors/index.md"}
    anchors = [anchor for text in pages.values() for anchor in re.findall(r"^### .* \{ #(\S+) \}$", text, re.MULTILINE)]
    assert len(anchors) == len(set(anchors))  # one entry per person, each with its own anchor
    names = {author.name for paper in library.papers for author in paper.authors}
    assert 0 < len(anchors) <= len(names)
    assert len(pages) <= 27  # a page per initial (and one for other scripts), not one per person
    page = site["papers/segment-anything.md"]
    assert "[Ross Girshick](../authors/g.md#ross-girshick)" in page
    entry = site["authors/g.md"].split("### Ross Girshick { #ross-girshick }")[1].split("\n### ")[0]
    assert "../papers/segment-anything.md" in entry
    assert "Co-authors: " in entry and "[Piotr Dollár](d.md#piotr-dollar)" in entry
    assert "[Piotr Dollár](d.md#piotr-dollar)" in site["authors/index.md"]  # among those with the most papers


def test_every_author_link_reaches_an_entry(site: dict[str, str]) -> None:
    anchors = {f"{path.removeprefix('authors/')}#{anchor}" for path, text in site.items() if path.startswith("authors/")
               for anchor in re.findall(r"^### .* \{ #(\S+) \}$", text, re.MULTILINE)}
    links = {link for path, text in site.items() if path.startswith("papers/")
             for link in re.findall(r"\]\(\.\./authors/([^)]+)\)", text)}
    assert links and links <= anchors


def test_paper_page_shows_related_reasons_and_topics(site: dict[str, str]) -> None:
    page = site["papers/segment-anything.md"]
    related = page.split("## Related papers")[1].split("## BibTeX")[0]
    items = [line for line in related.splitlines() if line.startswith("- ")]
    assert len(items) == 5
    assert all("Shared terms:" in item or "Shared tags:" in item or "Close in meaning" in item for item in items)
    assert sum("Close in meaning" in text for path, text in site.items() if path.startswith("papers/")) > 50
    assert "- **Topics:** [Segmentation](../tags/segmentation.md)" in page
    assert "[2023&#45;04&#45;05](../years/2023.md)" in page


def test_syllabus_lists_the_other_papers_on_each_topic(site: dict[str, str], library: Library) -> None:
    page = site["collections/deep-learning-lecture-6.md"]
    section = page.split("### 6. Object Detection")[1].split("### 7.")[0]
    assert "Topic: [Object detection and tracking](../tags/object-detection-and-tracking.md)" in section
    named, others = section.split("**Other papers of the list on this topic")
    for paper in library.papers:
        link = f"(../papers/{paper.slug}.md)"
        if "Object detection and tracking" in paper.topics:
            assert link in section, paper.title
        if link in others:
            assert link not in named


def test_catalog_keeps_computed_and_stated_apart(site: dict[str, str]) -> None:
    records = {record["slug"]: record for record in json.loads(site["catalog.json"])["papers"]}
    subject = records["self-supervised-learning-for-astronomical-image-classification"]
    assert subject["similar_stated"] and subject["related_computed"]
    assert [r["slug"] for r in subject["related_reasons"]] == subject["related_computed"]
    assert all(r["shared_terms"] or r["shared_tags"] or r["close_in_meaning"] for r in subject["related_reasons"])
    assert subject["topics"][0] == "Transfer learning"


def test_every_page_is_small(site: dict[str, str]) -> None:
    assert max(len(text.encode()) for path, text in site.items() if path.endswith(".md")) < MEGABYTE


def test_long_listings_are_split(monkeypatch: pytest.MonkeyPatch, library: Library, config: BuildConfig) -> None:
    monkeypatch.setattr(browse, "PAGE_SIZE", 10)
    monkeypatch.setattr(browse, "PEOPLE_PER_PAGE", 40)
    site = render_site(library, config)
    year = "2022"
    count = sum(browse.year_of(paper) == year for paper in library.papers)
    parts = [path for path in site if re.fullmatch(rf"years/{year}(-\d+)?\.md", path)]
    assert len(parts) == -(-count // 10)
    assert "[2](2022-2.md)" in site["years/2022.md"]
    infos = render_infos(library)
    biggest = max(infos.values(), key=lambda info: len(info.papers))
    assert f"tags/{biggest.slug}-{-(-len(biggest.papers) // 10)}.md" in site
    assert f"[2]({biggest.slug}-2.md)" in site[f"tags/{biggest.slug}.md"]
    letter = max(("authors/" + path for path in ("b.md", "c.md", "g.md", "k.md", "l.md", "s.md", "w.md", "z.md")),
                 key=lambda path: site[path].count("\n### "))
    count = site[letter].count("\n### ")
    assert count <= 40
    later = [path for path in site if re.fullmatch(rf"{letter[:-3]}-\d+\.md", path)]
    assert later, "a letter with more than 40 people is split"
    second = later[0].removeprefix("authors/")
    assert f"]({second})" in site["authors/index.md"] and f"]({second})" in site[letter]


def test_chunks() -> None:
    assert browse.chunks([], 3) == [[]]
    assert browse.chunks([1, 2, 3, 4], 3) == [[1, 2, 3], [4]]
    assert [browse.page_name("2020", n) for n in (1, 2)] == ["2020.md", "2020-2.md"]


def test_nav_holds_only_index_pages() -> None:
    # MkDocs' own YAML loader, which knows the `!ENV` tag of site_url.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())  # noqa: S506
    targets = [target for entry in config["nav"] for target in entry.values()]
    assert "tags/index.md" in targets and "years/index.md" in targets and "authors/index.md" in targets
    for target in targets:
        assert target.endswith("index.md") or "/" not in target, target


def test_hand_tags_get_pages(config: BuildConfig) -> None:
    library = load_library(config)
    library.papers[0].hand_tags.append("Reading group, week 3")
    library.papers[0].tags.append("Reading group, week 3")
    site = render_site(library, config)
    assert "tags/reading-group-week-3.md" in site
    assert "[Reading group, week 3](reading-group-week-3.md) | 1 |" in site["tags/index.md"]


def test_tag_info_kinds(library: Library, config: BuildConfig) -> None:
    from generator.site.render import Renderer, SiteInfo
    renderer = Renderer(config.templates_dir, library, SiteInfo("x", "y"))
    kinds = {info.kind for info in renderer.tags.values()}
    assert {"topic", "category"} <= kinds <= {"topic", "category", "hand"}
    cv = renderer.tags["Computer Vision and Pattern Recognition"]
    assert cv.code == "cs.CV" and cv.slug == "computer-vision-and-pattern-recognition"
    assert renderer.tags["Object detection"].parent == "Object detection and tracking"
    assert "Object detection" in renderer.tags["Object detection and tracking"].children
    assert not any(isinstance(p, Paper) for p in renderer.tags)


def test_a_long_list_of_all_papers_links_the_year_pages(monkeypatch: pytest.MonkeyPatch, library: Library,
                                                        config: BuildConfig) -> None:
    short = render_site(library, config)["papers/index.md"]
    monkeypatch.setattr(browse, "PAGE_SIZE", 10)
    long = render_site(library, config)["papers/index.md"]
    count = sum(browse.year_of(paper) == "2022" for paper in library.papers)
    assert "## 2022" in short and "## 2022" not in long
    assert f"- [2022](../years/2022.md): {count} papers" in long
    assert len(long) < len(short) / 10
