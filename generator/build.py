"""The pipeline, top to bottom: seeds -> library -> merged papers -> pages in `docs/`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.cite import bibfiles, bibtex, citation_files
from generator.config import BuildConfig
from generator.enrich.annotations import apply_annotations
from generator.enrich.authors import People, group_people
from generator.enrich.identity import assign_slugs
from generator.enrich.merge import merge_duplicates
from generator.enrich.related import relate
from generator.enrich.syllabus import link_similar, link_syllabus
from generator.enrich.tags import tag_papers
from generator.enrich.vocabulary import apply_vocabulary
from generator.library import Library
from generator.model import Paper
from generator.progress import Progress
from generator.read.seeds import read_seeds
from generator.site import feed, filters, index_pages
from generator.site.browse import BROWSE_DIRS
from generator.site.browse_pages import browse_pages
from generator.site.catalog import catalog_json
from generator.site.html_pages import RENDERED_DIR, rendered_path
from generator.site.output import WriteReport, write_outputs
from generator.site.render import PaperInputs, Rendered, Renderer, SiteInfo
from generator.speed import build_cache
from generator.speed.compiled_templates import OUR_TEMPLATES
from generator.speed.memo import digest
from generator.speed.parallel import first_then_map, map_in_halves
from generator.speed.related_index import related_again
from generator.speed.reuse import Reuse

# What the generator owns in docs/: these folders entirely, and these files of its top level.
OWNED_DIRS = ("papers", "collections", "bib", "reading", *BROWSE_DIRS, RENDERED_DIR)
OWNED_FILES = ("index.md", "missing-metadata.md", "catalog.json", filters.FILTERS_FILE, feed.FEED_PATH)


@dataclass(slots=True)
class BuildReport:
    library: Library
    written: WriteReport
    progress: Progress
    save_cache: Callable[[], None] | None = None  # when the caller saves the build cache itself, later


def load_library(config: BuildConfig, progress: Progress | None = None, reuse: Reuse | None = None) -> Library:
    """Everything up to rendering: read, merge, identify, link, annotate, tag, relate, cite."""
    progress = progress or Progress()
    with progress.stage("read"):
        library = read_seeds(config.seeds_dir, reuse.seed_files if reuse else None)
    with progress.stage("merge", len(library.papers)):
        library.papers = merge_duplicates(library.papers)
        assign_slugs(library.papers)
        library.papers.sort(key=lambda paper: paper.slug)
        link_similar(library)
        link_syllabus(library)
        apply_annotations(library, config.seeds_dir)  # the reader's own layer, corrections before tags
    with progress.stage("tag", len(library.papers)):
        apply_vocabulary(library, config.seeds_dir, reuse.topics if reuse else None)
        tag_papers(library.papers)
    with progress.stage("relate", len(library.papers)):
        if reuse is None:
            relate(library.papers, config.related_count, library.vocabulary, meaning_weight=config.related_meaning)
        else:  # under `mkdocs serve`: only the rows the edited papers reach are related again
            reuse.related = related_again(library.papers, config.related_count, library.vocabulary, reuse.related,
                                          config.related_meaning)
    with progress.stage("bibtex", len(library.papers)) as stage:
        bibtex.assign_keys(library.papers)
        for paper, entry in zip(library.papers, _bibtex_entries(library.papers, reuse)):
            paper.bibtex = entry
        stage.advance(len(library.papers))
    return library


def _bibtex_entries(papers: list[Paper], reuse: Reuse | None) -> list[str]:
    """Each paper's BibTeX entry; under `mkdocs serve`, kept for papers that did not change."""
    if reuse is None:
        return map_in_halves(bibtex.render_entry, papers)
    keys = [digest("bibtex entry", paper) for paper in papers]
    paper_of = dict(zip(keys, papers))
    return reuse.pages.get_many(keys, lambda missing: map_in_halves(bibtex.render_entry,
                                                                   [paper_of[key] for key in missing]))


def _people(library: Library, reuse: Reuse | None) -> People:
    """The persons behind the author names; under `mkdocs serve`, kept while no paper's authors changed."""
    if reuse is None:
        return group_people(library.papers)
    authors = [(paper.slug, [author.name for author in paper.authors]) for paper in library.papers]
    return reuse.people.get(digest("people", authors), lambda: group_people(library.papers))


def render_site(library: Library, config: BuildConfig, progress: Progress | None = None,
                reuse: Reuse | None = None) -> dict[str, str]:
    """Every generated file of `docs/`, by path relative to it."""
    site = SiteInfo(config.site_name, config.site_description)
    renderer = Renderer(config.templates_dir, library, site, reuse.pages if reuse else None, _people(library, reuse),
                        config.directory_urls, OUR_TEMPLATES)
    with (progress or Progress()).stage("render", len(library.papers)) as stage:
        listings: dict[str, Rendered | str] = {}

        def render_with_listings(inputs: list[PaperInputs]) -> list[Rendered]:
            # two cores: a forked copy renders paper pages while this process renders the listings, then helps
            found, pages = first_then_map(lambda: _listing_pages(library, renderer, config), renderer.paper_page, inputs)
            listings.update(found)
            return pages

        pages = renderer.paper_pages(library.papers, render_with_listings)
        stage.advance(len(library.papers))
    return _as_files({**{f"papers/{paper.slug}.md": page for paper, page in zip(library.papers, pages)}, **listings})


def _as_files(outputs: dict[str, Rendered | str]) -> dict[str, str]:
    """Each page as its Markdown in `docs/` and its HTML in `docs/.rendered/`; other files as they are."""
    files: dict[str, str] = {}
    for path, output in outputs.items():
        if isinstance(output, Rendered):
            files[path] = output.markdown
            files[rendered_path(path)] = output.html
        else:
            files[path] = output
    return files


def _listing_pages(library: Library, renderer: Renderer, config: BuildConfig) -> dict[str, Rendered | str]:
    """Every generated file but the paper pages: collections, indexes, downloads, catalog."""
    outputs: dict[str, Rendered | str] = {}
    outputs.update({f"collections/{name}.md": renderer.collection_page(collection)
                    for name, collection in library.collections.items()})
    outputs["index.md"] = index_pages.home_page(renderer)
    outputs["papers/index.md"] = index_pages.papers_index(renderer)
    outputs["collections/index.md"] = index_pages.collections_index(renderer)
    outputs["missing-metadata.md"] = index_pages.missing_metadata_page(renderer)
    outputs.update(index_pages.reading_pages(renderer))
    outputs.update(browse_pages(renderer))
    outputs["catalog.json"] = catalog_json(library, renderer)
    outputs[filters.FILTERS_FILE] = filters.filters_json(library, renderer.tags, renderer.directory_urls)
    outputs[feed.FEED_PATH] = feed.atom_feed(library.papers, library.collections, config.site_name,
                                             config.site_description, config.site_url, config.directory_urls)
    outputs.update(bibfiles.bib_files(library, config.site_name,
                                      lambda paper: renderer.of_paper("bib", paper, bibtex.entry_text)))
    outputs.update(citation_files.citation_files(library, renderer.of_paper))  # the same files as RIS and CSL-JSON
    outputs[bibfiles.INDEX] = index_pages.bib_index(renderer, bibfiles.WHOLE_LIST.removeprefix("bib/"),
                                                     *bibfiles.index_entries(library))
    return outputs


def build(config: BuildConfig, progress: Progress | None = None, reuse: Reuse | None = None,
          save_cache_later: bool = False, use_cache: bool = True) -> BuildReport:
    """The whole pipeline; nothing at all when no input changed since the last build (build_cache).

    `reuse`, kept by `mkdocs serve` from one build to the next, saves redoing what no edit changed.
    With `save_cache_later`, the build cache is saved by calling the report's `save_cache`: the
    build worker does so after answering, while MkDocs builds the site. Without `use_cache`, the
    pipeline runs even when the cache could answer: the worker does so to fill `reuse`.
    """
    progress = progress or Progress()
    if reuse is not None:
        reuse.start_build()
    with progress.stage("check"):
        fingerprint = build_cache.fingerprint(config)
        kept = reuse.unchanged_build(fingerprint, config.docs_dir) if reuse is not None else None
        cached = build_cache.load(config, fingerprint) if kept is None and use_cache else None
    if kept is not None:  # under mkdocs serve: the rebuild its own writes to docs/ set off, say
        return BuildReport(kept, WriteReport(unchanged=len(reuse.written.files)), progress)  # type: ignore[union-attr]
    if cached is not None:
        return BuildReport(cached.library, WriteReport(unchanged=len(cached.outputs)), progress)
    library = load_library(config, progress, reuse)
    outputs = render_site(library, config, progress, reuse)
    with progress.stage("write", len(outputs)):
        written = write_outputs(config.docs_dir, outputs, OWNED_DIRS, reuse.written if reuse else None)
    if reuse is not None:
        reuse.last_build = (fingerprint, library)
    def save_cache() -> None:
        build_cache.save(config, fingerprint, library, list(outputs))

    if save_cache_later:
        return BuildReport(library, written, progress, save_cache)
    save_cache()
    return BuildReport(library, written, progress)
