"""Pages to browse the list by: tags, years and authors.

Only the index of each kind goes into the nav (see mkdocs.yml); the pages for one tag, year or
person are linked from there and from the paper pages. A listing longer than PAGE_SIZE entries is
split over several pages, so no generated page grows past about a megabyte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.enrich.authors import People, Person
from generator.enrich.identity import base_slug
from generator.enrich.tags import ARXIV_CATEGORY_NAMES, category_name, is_arxiv_category
from generator.library import Library
from generator.model import Paper

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


def tag_infos(library: Library) -> dict[str, TagInfo]:
    """Every tag used by a paper (and every topic), in display order: topics, categories, hand tags."""
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


def newest_first(paper: Paper) -> tuple[bool, int, str]:
    """Dated papers newest first, then those with only a year, then undated; ties by slug."""
    if paper.date:
        return (False, -paper.date.toordinal(), paper.slug)
    return (True, -(paper.effective_year or 0), paper.slug)
