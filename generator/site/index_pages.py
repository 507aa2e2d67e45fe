"""The site's index pages: home, all papers, collections, reading, missing metadata and the citation downloads."""

from __future__ import annotations

from generator.cite.citation_files import LINKS
from generator.enrich import reading
from generator.enrich.curation import missing_metadata
from generator.enrich.recent import recently_added
from generator.library import Library
from generator.model import Collection, Paper
from generator.site import browse
from generator.site.browse import year_of
from generator.site.escape import html_text
from generator.site.render import HOME_NEWEST, HOME_TOPICS, NOT_IN_SEARCH, Rendered, Renderer


def home_page(renderer: Renderer) -> Rendered:
    matter = {"title": html_text(renderer.site.name), "description": html_text(renderer.site.description)}
    topics = sorted((info for info in renderer.tags.values() if info.kind == "topic" and info.papers),
                    key=lambda info: (-len(info.papers), info.name.casefold()))
    dated = sorted((paper for paper in renderer.library.papers if paper.date),
                   key=lambda paper: (paper.date, paper.slug), reverse=True)
    return renderer.render("index.md", "home.md.j2", front_matter=matter, library=renderer.library,
                        collections=_collection_counts(renderer.library),
                        people=len(renderer.people.persons),
                        top_topics=topics[:HOME_TOPICS], topic_count=len(topics),
                        newest=recently_added(renderer.library.papers, renderer.library.collections)[:HOME_NEWEST],
                        example=next((paper for paper in dated + renderer.library.papers if paper.authors), None),
                        queue=reading.queue(renderer.library.papers)[:reading.HOME_QUEUE_LENGTH],
                        recent=reading.recently_read(renderer.library.papers)[:reading.HOME_RECENT_LENGTH])


def reading_pages(renderer: Renderer) -> dict[str, Rendered]:
    """`reading/index.md` and one page per reading status, by path relative to `docs/`."""
    by_status = {status: reading.with_status(renderer.library.papers, status) for status in reading.STATUSES}
    matter = {"title": "Reading", "description": "What I read, am reading and will read next", **NOT_IN_SEARCH}
    pages = {"reading/index.md": renderer.render("reading/index.md", "reading_index.md.j2", front_matter=matter,
                                              by_status=by_status)}
    for status, papers in by_status.items():
        matter = {"title": reading.STATUS_TITLES[status], "description": reading.STATUS_DESCRIPTIONS[status], **NOT_IN_SEARCH}
        pages[f"reading/{status}.md"] = renderer.render(f"reading/{status}.md", "status.md.j2", front_matter=matter,
                                                     status=status, papers=papers)
    return pages


def papers_index(renderer: Renderer) -> Rendered:
    matter = {"title": "All papers", "description": html_text(f"Every paper of {renderer.site.name}"), **NOT_IN_SEARCH}
    by_year: dict[str, list[Paper]] = {}
    year_pages: dict[str, str] = {}
    for paper in sorted(renderer.library.papers, key=lambda p: (-(p.effective_year or 0), p.slug)):
        by_year.setdefault(str(paper.effective_year or "Year unknown"), []).append(paper)
        year_pages.setdefault(str(paper.effective_year or "Year unknown"), f"../years/{year_of(paper)}.md")
    # Past one page's worth, every title would make a page of megabytes: link the year pages instead.
    return renderer.render("papers/index.md", "papers_index.md.j2", front_matter=matter, by_year=by_year,
                        year_pages=year_pages if len(renderer.library.papers) > browse.PAGE_SIZE else None)


def collections_index(renderer: Renderer) -> Rendered:
    matter = {"title": "Collections", "description": "The documents this reading list was made from"}
    return renderer.render("collections/index.md", "collections_index.md.j2", front_matter=matter,
                        collections=_collection_counts(renderer.library))


def missing_metadata_page(renderer: Renderer) -> Rendered:
    matter = {"title": "Missing metadata", "description": "Papers whose sources leave out authors, year or venue", **NOT_IN_SEARCH}
    entries = missing_metadata(renderer.library.papers)
    counts = [(kind, sum(kind in entry.missing for entry in entries)) for kind in ("authors", "year", "venue")]
    return renderer.render("missing-metadata.md", "missing.md.j2", front_matter=matter, entries=entries, counts=counts,
                        total=len(renderer.library.papers))


def bib_index(renderer: Renderer, whole_list: str, collections: list[tuple[Collection, str, int]],
              tags: list[tuple[str, str, int]]) -> Rendered:
    """The page listing the downloads (.bib, and the .ris and .json beside each); paths are relative to the page."""
    matter = {"title": "Citations", "description": html_text(f"Every entry of {renderer.site.name} as BibTeX, "
                                                              "RIS and CSL-JSON files"), **NOT_IN_SEARCH}
    return renderer.render("bib/index.md", "bib_index.md.j2", front_matter=matter, whole_list=whole_list,
                        count=len(renderer.library.papers), collections=collections, tags=tags, formats=LINKS)


def _collection_counts(library: Library) -> list[tuple[Collection, int]]:
    counts = {name: 0 for name in library.collections}
    for paper in library.papers:
        for name in {source.collection for source in paper.sources}:
            counts[name] = counts.get(name, 0) + 1
    return [(collection, counts[name]) for name, collection in library.collections.items()]
