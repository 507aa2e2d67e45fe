"""Page contexts: what each kind of generated page is given, rendered as Markdown and as HTML.

Each page is rendered from one context twice: as Markdown by the templates in `site_templates/`
(the files of `docs/`, `markdown_pages.py`) and as HTML by those in `site_templates/html/` (what
the site shows, `html_pages.py`). In the Markdown, every `{{ }}` value is escaped by the
environment's `finalize` unless a filter marked it as markup; in the HTML, by Jinja's autoescape.
Either way a template cannot forget to escape seed text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from generator.cite.apa import apa_reference
from generator.cite.citation_files import LINKS
from generator.enrich.authors import People, group_people
from generator.library import Library
from generator.model import Collection, Paper
from generator.site import browse
from generator.site.browse import tag_infos, year_of
from generator.site.escape import html_text
from generator.site.filters import filter_scope
from generator.site.html_pages import Headings, make_html_environment, relative_link, rendered_json
from generator.site.markdown_pages import front_matter, make_environment
from generator.site.paper_facts import describe, link_buttons
from generator.site.scholar_meta import page_meta
from generator.speed.memo import Fingerprints, Memo, Unkeyable, digest
from generator.speed.parallel import map_in_halves

PAPER_TEMPLATE = "paper.md.j2"
HTML_SUFFIX = ".html.j2"  # paper.md.j2 -> html/paper.html.j2
HOME_TOPICS = 12  # the most used topics on the home page
HOME_NEWEST = 8  # the newest papers on the home page
NOT_IN_SEARCH = {"search": {"exclude": True}}  # Material's search plugin skips the page


class Rendered(NamedTuple):
    """One generated page: its Markdown for `docs/`, and the JSON of its HTML for the plugin."""

    markdown: str
    html: str


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What the pages say about the site as a whole."""

    name: str
    description: str


class PaperInputs(NamedTuple):
    """Everything a paper's page shows, gathered from the library: the page is made from these alone."""

    paper: Paper
    collections: list[tuple[Collection, list[Any]]]
    similar: list[Paper]
    similar_to: list[Paper]  # papers whose source lists this one as similar
    related: list[Paper]
    author_links: list[tuple[str, str | None]]  # (name, entry on the authors pages)
    topic_links: list[tuple[str, str]]  # (topic, tag page)
    other_tag_links: list[tuple[str, str]]


class Renderer:
    """Renders every generated page of the site from the library.

    With a `memo` (kept by `mkdocs serve` from one build to the next), a page whose template and
    context did not change is taken from the last build instead of rendered again.
    """

    def __init__(self, templates_dir: Path, library: Library, site: SiteInfo, memo: Memo[Any] | None = None,
                 people: People | None = None, directory_urls: bool = True,
                 compiled: jinja2.BytecodeCache | None = None) -> None:
        self.environment = make_environment(templates_dir, compiled)
        self.html_environment = make_html_environment(templates_dir, directory_urls, compiled)
        self.directory_urls = directory_urls
        self.memo = memo
        self.fingerprints = Fingerprints(walk=(Library,))
        self.templates_digest = digest(*(path.read_bytes() for path in sorted(templates_dir.rglob("*"))
                                         if path.is_file())) if memo is not None else b""
        self.library = library
        self.site = site
        self.papers = library.by_slug()
        self.similar_to = _reverse(library.papers)
        self.people = people if people is not None else group_people(library.papers)
        self.people_pages = browse.people_pages(self.people)  # before any page links a person
        self.tags = tag_infos(library)
        self.listing_lines: dict[str, Markup] = {}
        self.html_listing_lines: dict[tuple[str, str], Markup] = {}
        self.environment.filters["listing_line"] = self.listing_line
        self.environment.filters["filter_scope"] = self.html_environment.filters["filter_scope"] = filter_scope
        self.html_environment.filters["listing_line"] = jinja2.pass_context(
            lambda context, paper: self.html_listing_line(context, paper))

    def listing_line(self, paper: Paper) -> Markup:
        """The paper's line in the year and tag listings (`paper_line.md.j2`), rendered once.

        A paper is listed under its year and each of its tags, all pages one folder deep, so
        every listing shows the same line; at 10,000 papers that is over 100,000 lines.
        """
        line = self.listing_lines.get(paper.slug)
        if line is None:
            line = self.listing_lines[paper.slug] = Markup(self.environment.get_template("paper_line.md.j2").render(
                site=self.site, paper=paper).rstrip("\n"))
        return line

    def html_listing_line(self, context: jinja2.runtime.Context, paper: Paper) -> Markup:
        """`listing_line` in HTML; its link depends on where the page it is on stands from `papers/`."""
        key = (paper.slug, relative_link(context["page_path"], "../papers/index.md", context["directory_urls"]))
        line = self.html_listing_lines.get(key)
        if line is None:
            template = self.html_environment.get_template("paper_line" + HTML_SUFFIX)
            line = self.html_listing_lines[key] = Markup(template.render(
                paper=paper, page_path=context["page_path"]).rstrip("\n"))
        return line

    def render(self, path: str, template: str, **context: Any) -> Rendered:
        """The page at `path` from `template` and `context`, or the last build's, if the memo kept it."""
        key = self.key_of(template, {"path": path, **context})
        if key is None:
            return self.render_now(path, template, context)
        return self.memo.get(key, lambda: self.render_now(path, template, context))  # type: ignore[union-attr]

    def render_now(self, path: str, template: str, context: dict[str, Any]) -> Rendered:
        """The page at `path` (relative to docs/) in Markdown and HTML, from `template` and `context`.

        Its `front_matter` is given as a dict of values, dumped as YAML here, only for pages rendered.
        """
        matter = context["front_matter"]
        markdown = self.environment.get_template(template).render(
            site=self.site, **{**context, "front_matter": front_matter(matter)})
        headings = Headings()
        html = self.html_environment.get_template(template.removesuffix(".md.j2") + HTML_SUFFIX).render(
            site=self.site, page_path=path, h=headings.add, **context)
        return Rendered(markdown, rendered_json(matter, html, headings))

    def of_paper(self, kind: str, paper: Paper, make: Callable[[Paper], str]) -> str:
        """`make(paper)` (its .bib entry, its catalog record), kept from the last build if the paper did not change."""
        if self.memo is None:
            return make(paper)
        return self.memo.get(digest(kind, self.fingerprints.of(paper)), lambda: make(paper))

    def key_of(self, template: str, inputs: object) -> bytes | None:
        """The memo key of a page: a digest of the templates, the site and what the page is made
        from (its context, or `PaperInputs`); None without a memo, or for inputs with no fingerprint."""
        if self.memo is None:
            return None
        try:
            return digest(template, self.templates_digest, self.site, self.directory_urls, self.fingerprints.of(inputs))
        except Unkeyable:
            return None

    def render_page(self, path: str, template: str, matter: dict[str, Any], **context: Any) -> Rendered:
        """A listing page from `template` with front matter `matter` (values already safe for HTML).

        Listings stay out of the search index: they only repeat what the paper pages hold, and
        at thousands of papers they would double the index the browser must load.
        """
        return self.render(path, template, front_matter={**matter, **NOT_IN_SEARCH}, **context)

    def paper_pages(self, papers: list[Paper], render: Callable[[list[PaperInputs]], list[Rendered]]) -> list[Rendered]:
        """Every paper's page. `render` is called once, with the inputs of the pages the memo does
        not keep (every page's without a memo), and renders them (`paper_page`), sharing them out."""
        if self.memo is None:
            return render([self.paper_inputs(paper) for paper in papers])
        # two cores: half the keys are computed in a forked copy, which sends back only the digests
        keys = map_in_halves(lambda paper: self.key_of(PAPER_TEMPLATE, self.paper_inputs(paper)), papers)
        if None in keys:
            return render([self.paper_inputs(paper) for paper in papers])
        paper_of = dict(zip(keys, papers))
        return self.memo.get_many(keys, lambda missing: render([self.paper_inputs(paper_of[key]) for key in missing]))

    def paper_inputs(self, paper: Paper) -> PaperInputs:
        return PaperInputs(
            paper=paper,
            collections=self._collections_of(paper),
            similar=[self.papers[slug] for slug in paper.similar],
            similar_to=[self.papers[slug] for slug in self.similar_to.get(paper.slug, [])],
            related=[self.papers[slug] for slug in paper.related],
            author_links=[(author.name, self.people.link_of(author.name)) for author in paper.authors],
            topic_links=[(topic, self.tags[topic].slug) for topic in paper.topics if topic in self.tags],
            other_tag_links=[(tag, self.tags[tag].slug) for tag in paper.tags
                             if tag in self.tags and tag not in paper.topics],
        )

    def paper_page(self, inputs: PaperInputs) -> Rendered:
        """The page, from its inputs alone (so a memo keyed by them is exact)."""
        paper = inputs.paper
        reasons = {reason.slug: reason for reason in paper.related_reasons}
        description = describe(paper)
        matter = {
            "title": html_text(paper.title),
            "description": html_text(description),
            "tags": [html_text(tag) for tag in paper.tags],
            **page_meta(paper, description),  # the head's tags for indexers (scholar_meta.py)
        }
        return self.render_now(f"papers/{paper.slug}.md", PAPER_TEMPLATE, dict(
            front_matter=matter,
            paper=paper,
            collections=inputs.collections,
            similar=inputs.similar,
            similar_to=inputs.similar_to,
            related=[(other, reasons.get(other.slug)) for other in inputs.related],
            author_links=inputs.author_links,
            topic_links=inputs.topic_links,
            other_tag_links=inputs.other_tag_links,
            year_page=year_of(paper),
            buttons=link_buttons(paper),
            apa=apa_reference(paper),
            formats=LINKS,
        ))

    def collection_page(self, collection: Collection) -> Rendered:
        members = [paper for paper in self.library.papers
                   if any(source.collection == collection.name for source in paper.sources)]
        named = {slug for section in collection.sections for slug in section.papers}
        matter = {"title": html_text(collection.title), "description": html_text(collection.description)}
        return self.render(
            f"collections/{collection.name}.md", "collection.md.j2",
            front_matter=matter,
            collection=collection,
            papers=members,
            papers_by_slug=self.papers,
            subject=self.papers.get(collection.subject or ""),
            unnamed=[paper for paper in members if paper.slug not in named],
            on_topic=[[paper for paper in self.library.papers if set(paper.topics) & set(section.topics)
                       and paper.slug not in section.papers] for section in collection.sections],
            topic_links={name: info.slug for name, info in self.tags.items()},
        )

    def _collections_of(self, paper: Paper) -> list[tuple[Collection, list[Any]]]:
        grouped: dict[str, list[Any]] = {}
        for source in paper.sources:
            grouped.setdefault(source.collection, []).append(source)
        return [(self.library.collections[name], sources) for name, sources in grouped.items()
                if name in self.library.collections]

def _reverse(papers: list[Paper]) -> dict[str, list[str]]:
    """For each paper, the papers whose source lists it as similar."""
    reverse: dict[str, list[str]] = {}
    for paper in papers:
        for slug in paper.similar:
            reverse.setdefault(slug, []).append(paper.slug)
    return reverse


