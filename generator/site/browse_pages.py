"""The pages to browse the list by, under tags/, years/ and authors/: an index of each, then one page per tag, year or letter."""

from __future__ import annotations

from generator.model import Paper
from generator.site.browse import (COAUTHORS, MOST_PAPERS, UNKNOWN_YEAR, PeoplePage, chunks, newest_first, page_name,
                                   topic_tree, year_of)
from generator.site.escape import html_text
from generator.site.render import Rendered, Renderer


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
