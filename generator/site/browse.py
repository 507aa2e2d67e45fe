"""Pages to browse the list by: tags, years and authors.

Only the index of each kind goes into the nav (see mkdocs.yml); the pages for one tag, year or
person are linked from there and from the paper pages. A listing longer than PAGE_SIZE entries is
split over several pages, so no generated page grows past about a megabyte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.enrich.authors import People, Person
from generator.site.escape import html_text
from generator.enrich.identity import base_slug
from generator.model import Paper
from generator.enrich.tags import ARXIV_CATEGORY_NAMES, category_name, is_arxiv_category

if TYPE_CHECKING:
    from generator.site.render import Rendered, Renderer

PAGE_SIZE = 1000  # papers of a listing per page: about 400 bytes of HTML each
PEOPLE_PER_PAGE = 500  # entries of one authors page: each about 500 bytes of HTML
MOST_PAPERS = 30  # the people the authors index names first: those with the most papers
COAUTHORS = 8  # co-authors named in the entry of a person with several papers, most shared first
UNKNOWN_YEAR = "unknown"
BROWSE_DIRS = ("tags", "years", "authors")  # owned by the generator, like papers/ and collections/


@dataclass(slots=True)
class TagInfo:
    """One tag as the tag pages show it: its kind, its page, its papers."""

    name: str
    kind: str  # "topic", "category" (arXiv) or "hand" (set in a seed)
    slug: str = ""
    description: str = ""
    code: str = ""  # the arXiv code of a category tag
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    papers: list[str] = field(default_factory=list)  # slugs


@dataclass(slots=True)
class PeoplePage:
    """One page of the authors index: the people of one initial, or a stretch of them.

    A page per person would be tens of thousands of pages at 10,000 papers, most holding one
    paper; pages by initial keep the site small and still give every person an anchor to link.
    """

    file: str  # relative to authors/: "s.md", "s-2.md", "other.md"
    letter: str  # "S", or "#" for names that do not start with A-Z
    persons: list[Person]

    @property
    def span(self) -> str:
        """"Sab – Sch": where the page starts and ends in the alphabet."""
        first, last = (person.sort_key[0][:3].capitalize() for person in (self.persons[0], self.persons[-1]))
        return first if first == last else f"{first} – {last}"


def people_pages(people: People) -> list[PeoplePage]:
    """The authors pages in alphabetical order; also tells each person which page holds them."""
    by_letter: dict[str, list[Person]] = {}
    for person in people.persons:
        by_letter.setdefault(person.initial, []).append(person)
    pages: list[PeoplePage] = []
    for letter, persons in by_letter.items():
        base = "other" if letter == "#" else letter.lower()
        for number, part in enumerate(chunks(persons, PEOPLE_PER_PAGE), start=1):
            page = PeoplePage(page_name(base, number), letter, part)
            for person in part:
                person.page = page.file
            pages.append(page)
    return pages


def tag_infos(renderer: Renderer) -> dict[str, TagInfo]:
    """Every tag used by a paper (and every topic), in display order: topics, categories, hand tags."""
    library = renderer.library
    infos: dict[str, TagInfo] = {}
    vocabulary = library.vocabulary
    if vocabulary is not None:
        for topic in vocabulary.topics:
            infos[topic.name] = TagInfo(topic.name, "topic", description=topic.description, parent=topic.parent)
        for topic in vocabulary.topics:
            if topic.parent in infos:
                infos[topic.parent].children.append(topic.name)
    codes: dict[str, set[str]] = {}
    for code in {code for paper in library.papers for code in paper.categories if is_arxiv_category(code)}:
        codes.setdefault(category_name(code), set()).add(code)
    for name in sorted(codes, key=str.casefold):
        if name not in infos:
            code = ", ".join(sorted(codes[name]))
            known = any(code in ARXIV_CATEGORY_NAMES for code in codes[name])
            infos[name] = TagInfo(name, "category", code=code, description=f"arXiv category {code}"
                                  + ("" if known else " (no readable name known)"))
    for name in sorted({tag for paper in library.papers for tag in paper.tags}, key=str.casefold):
        if name not in infos:
            infos[name] = TagInfo(name, "hand", description="A tag set by hand in the seeds.")
    for paper in library.papers:
        for tag in paper.tags:
            infos[tag].papers.append(paper.slug)
    taken = {"index"}
    for info in infos.values():
        slug, number = base_slug(info.name), 1
        while slug in taken:
            number += 1
            slug = f"{base_slug(info.name)}-{number}"
        taken.add(slug)
        info.slug = slug
    return {name: info for name, info in infos.items() if info.papers or info.kind == "topic"}


def topic_tree(infos: dict[str, TagInfo]) -> list[tuple[TagInfo, int]]:
    """The topics depth first, each with its depth: top-level topics in vocabulary order."""
    rows: list[tuple[TagInfo, int]] = []

    def visit(info: TagInfo, depth: int) -> None:
        rows.append((info, depth))
        for child in info.children:
            if child in infos and all(child != seen.name for seen, _ in rows):
                visit(infos[child], depth + 1)

    for info in infos.values():
        if info.kind == "topic" and (info.parent is None or info.parent not in infos):
            visit(info, 0)
    return rows


def chunks(items: list[Any], size: int | None = None) -> list[list[Any]]:
    """`items` in consecutive pieces of at most `size` (PAGE_SIZE); always at least one piece."""
    size = size or PAGE_SIZE
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


def page_name(base: str, number: int) -> str:
    """The file of page `number` (1-based) of a split listing: base.md, base-2.md, ..."""
    return f"{base}.md" if number == 1 else f"{base}-{number}.md"


def year_of(paper: Paper) -> str:
    return str(paper.effective_year) if paper.effective_year else UNKNOWN_YEAR


def browse_pages(renderer: Renderer) -> dict[str, Rendered]:
    """Every page under tags/, years/ and authors/, by path relative to docs/."""
    pages: dict[str, Rendered] = {}
    pages.update(_tag_pages(renderer))
    pages.update(_year_pages(renderer))
    pages.update(_author_pages(renderer))
    return pages


def _tag_pages(renderer: Renderer) -> dict[str, Rendered]:
    infos = renderer.tags
    pages = {"tags/index.md": renderer.render_page(
        "tags/index.md", "tags_index.md.j2", {"title": "Tags", "description": "Every tag of the reading list, with its papers"},
        topics=topic_tree(infos),
        categories=[info for info in infos.values() if info.kind == "category"],
        hand=[info for info in infos.values() if info.kind == "hand"],
        infos=infos)}
    for info in infos.values():
        papers = sorted((renderer.papers[slug] for slug in info.papers), key=newest_first)
        parts = chunks(papers)
        for number, part in enumerate(parts, start=1):
            path = f"tags/{page_name(info.slug, number)}"
            pages[path] = renderer.render_page(
                path, "tag.md.j2", {"title": html_text(info.name) + (f" (page {number})" if len(parts) > 1 else ""),
                              "description": html_text(info.description or info.name)},
                tag=info, infos=infos, papers=part, number=number,
                pages=[page_name(info.slug, n) for n in range(1, len(parts) + 1)])
    return pages


def newest_first(paper: Paper) -> tuple[bool, int, str]:
    """Dated papers newest first, then those with only a year, then undated; ties by slug."""
    if paper.date:
        return (False, -paper.date.toordinal(), paper.slug)
    return (True, -(paper.effective_year or 0), paper.slug)


def _year_pages(renderer: Renderer) -> dict[str, Rendered]:
    by_year: dict[str, list[Paper]] = {}
    for paper in renderer.library.papers:
        by_year.setdefault(year_of(paper), []).append(paper)
    years = sorted(by_year, key=lambda year: (year == UNKNOWN_YEAR, -int(year) if year.isdigit() else 0))
    split = {year: chunks(sorted(by_year[year], key=newest_first)) for year in years}
    pages = {"years/index.md": renderer.render_page(
        "years/index.md", "years_index.md.j2", {"title": "Years", "description": "The papers of the reading list by year"},
        years=[(year, len(by_year[year])) for year in years])}
    for year in years:
        parts = split[year]
        title = f"Papers of {year}" if year != UNKNOWN_YEAR else "Papers without a known year"
        for number, part in enumerate(parts, start=1):
            path = f"years/{page_name(year, number)}"
            pages[path] = renderer.render_page(
                path, "year.md.j2", {"title": title + (f" (page {number})" if len(parts) > 1 else ""),
                               "description": f"{len(by_year[year])} papers"},
                year=year, heading=title, papers=part, number=number,
                pages=[page_name(year, n) for n in range(1, len(parts) + 1)], total=len(by_year[year]))
    return pages


def _author_pages(renderer: Renderer) -> dict[str, Rendered]:
    people, parts = renderer.people, renderer.people_pages
    frequent = sorted((person for person in people.persons if len(person.papers) > 1),
                      key=lambda person: (-len(person.papers), person.sort_key))
    by_letter: dict[str, list[PeoplePage]] = {}
    for part in parts:
        by_letter.setdefault(part.letter, []).append(part)
    pages = {"authors/index.md": renderer.render_page(
        "authors/index.md", "authors_index.md.j2", {"title": "Authors", "description": "Everyone who wrote a paper of the reading list"},
        by_letter=by_letter, frequent=frequent[:MOST_PAPERS], total=len(people.persons),
        unnamed=[paper for paper in renderer.library.papers if not paper.authors])}
    for part in parts:
        title = f"Authors: {part.letter}" + (f" ({part.span})" if len(by_letter[part.letter]) > 1 else "")
        pages[f"authors/{part.file}"] = renderer.render_page(
            f"authors/{part.file}", "authors_page.md.j2",
            {"title": html_text(title), "description": f"{len(part.persons)} people", "hide": ["toc"]},
            title=title, part=part, siblings=by_letter[part.letter],
            papers={slug: renderer.papers[slug] for person in part.persons for slug in person.papers},
            coauthors={person.slug: people.coauthors(person, renderer.papers)[:COAUTHORS]
                       for person in part.persons if len(person.papers) > 1})
    return pages
