"""The MkDocs plugin: `mkdocs build` and `mkdocs serve` run the generator before reading `docs/`.

Configured in `mkdocs.yml`:

    plugins:
      - reading-list:
          seeds_dir: seeds
          templates_dir: site_templates
          related: 5
          related_meaning: 0.2 # share of related papers' similarity from meaning, the rest from TF-IDF
          search: material     # or pagefind
      - search                 # Material's search: used with `search: material`

`search` chooses the site's search engine:
- `material` (the default): Material's built-in search. Its `search` plugin writes one lunr index
  that the browser loads whole; quick to set up, right for lists of hundreds of papers.
- `pagefind`: Pagefind (PyPI `pagefind[bin]`), whose index the browser fetches in chunks, as a
  query needs them; for lists of thousands of papers. This plugin then turns Material's `search`
  plugin off (so it may stay listed, and switching back is one word), marks each page for
  Pagefind (`generator/mkdocs/pagefind.py`), adds the header's search button and panel
  (`generator/mkdocs/pagefind_theme/`, in front of Material's templates) and runs Pagefind on the
  written site after each build, under `mkdocs serve` too.

Under `mkdocs serve` the generator runs in a build worker forked at startup (`build_worker.py`),
which uses both cores and keeps from one rebuild to the next what an edit did not change; and the
theme's compiled templates are kept too (`CompiledTemplates`). MkDocs' watch of `docs/` is
replaced by one that ignores the generator's own writes (`docs_watch.py`), so an edit makes one
build, not two.

The generator renders its pages to HTML itself (`html_pages.py`): MkDocs reads each generated
page from its JSON in `docs/.rendered/` (`RenderedPage`) instead of converting its Markdown, and
Material's search gets the page's entries from there instead of parsing the HTML again. With
`html: false` in mkdocs.yml, MkDocs converts the Markdown files of `docs/` as for any site.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.build import OWNED_DIRS, OWNED_FILES, build
from generator.config import BuildConfig, Share
from generator.enrich.related import MEANING_WEIGHT
from generator.mkdocs import pagefind
from generator.mkdocs.build_worker import BuildSummary, BuildWorker, WorkerGone, summarize
from generator.mkdocs.docs_watch import watch_hand_written_docs
from generator.mkdocs.rendered_page import GeneratedEntriesIndex, RenderedPage
from generator.progress import Progress
from generator.site.html_pages import rendered_path
from generator.speed.compiled_templates import CompiledTemplates
from generator.speed.parallel import WorkerError, can_fork
from generator.speed.reuse import Reuse

log = logging.getLogger("mkdocs.plugins.reading-list")

ENGINES = ("material", "pagefind")
MATERIAL_SEARCH = ("material/search", "search")  # Material's search plugin, however mkdocs.yml names it
PAGEFIND_THEME = Path(__file__).resolve().parent / "pagefind_theme"


class ReadingListConfig(base.Config):
    seeds_dir = options.Type(str, default="seeds")
    templates_dir = options.Type(str, default="site_templates")
    related = options.Type(int, default=5)
    related_meaning = Share(default=MEANING_WEIGHT)  # related papers: share of meaning (embeddings) against TF-IDF
    search = options.Choice(ENGINES, default="material")
    html = options.Type(bool, default=True)  # the generator's HTML; false: MkDocs converts the Markdown


def material_search(mkdocs_config: MkDocsConfig) -> BasePlugin | None:
    """Material's search plugin, if mkdocs.yml lists it."""
    for name in MATERIAL_SEARCH:
        if name in mkdocs_config.plugins:
            return mkdocs_config.plugins[name]
    return None


class ReadingListPlugin(BasePlugin[ReadingListConfig]):
    """Generates the paper pages; each seed problem becomes a MkDocs warning (fatal under --strict)."""

    worker: BuildWorker | None = None  # under `mkdocs serve`: the process that builds (on_startup)
    reuse: Reuse | None = None  # under `mkdocs serve` without a worker: what a rebuild may keep
    compiled_templates: CompiledTemplates | None = None  # under `mkdocs serve`: kept for the next rebuild
    layout: str | None = None  # the page layout a theme override builds on, when not Material's base.html

    @property
    def pagefind(self) -> bool:
        return self.config.search == "pagefind"

    def build_config(self, mkdocs_config: MkDocsConfig) -> BuildConfig:
        root = Path(mkdocs_config.config_file_path or ".").resolve().parent
        return BuildConfig(
            seeds_dir=root / self.config.seeds_dir,
            docs_dir=Path(mkdocs_config.docs_dir),
            templates_dir=root / self.config.templates_dir,
            site_name=mkdocs_config.site_name,
            site_description=mkdocs_config.site_description or "",
            related_count=self.config.related,
            directory_urls=mkdocs_config.use_directory_urls,
            related_meaning=self.config.related_meaning,
            site_url=mkdocs_config.site_url,
        )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        search = material_search(config)
        self.layout = pagefind.LAYOUT if self.pagefind else None
        if self.pagefind:
            self.use_pagefind(config, search)
        elif search is None or not search.config.get("enabled", True):
            log.warning("reading-list: search is 'material' but Material's search plugin is not on: "
                        "the site has no search (add '- search' to plugins, or set search: pagefind)")
        return config

    def use_pagefind(self, config: MkDocsConfig, search: BasePlugin | None) -> None:
        """Material's search off (one engine, one index), Pagefind's button and panel in the header."""
        if search is not None and search.config.get("enabled", True):
            search.config["enabled"] = False
            log.info("reading-list: search: pagefind, so Material's search plugin is turned off")
        dirs = config.theme.dirs
        if str(PAGEFIND_THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(PAGEFIND_THEME))  # after the user's own overrides

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Called once per `mkdocs` command; having it keeps this plugin alive across serve's rebuilds.

        Under `mkdocs serve`, builds run in a worker forked now, before the server's threads start
        (generator/mkdocs/build_worker.py), so they can use both cores and keep what an edit did not change.
        """
        if command != "serve":
            return
        self.compiled_templates = CompiledTemplates()
        if can_fork():
            self.worker = BuildWorker()
        else:
            self.reuse = Reuse()

    def on_shutdown(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        search = material_search(config)
        if self.config.html and search is not None and hasattr(search, "search_index"):
            search.search_index.__class__ = GeneratedEntriesIndex  # made by its on_config, for this build
        summary = self.run_build(self.build_config(config))
        for problem in summary.problems:
            log.warning(problem)
        if summary.ignored:
            log.info(f"reading-list: not read, as the hidden-file rule or .seedignore says: {', '.join(summary.ignored)}")
        log.info(f"reading-list: {summary.papers} papers; {summary.written} files written, "
                 f"{summary.unchanged} unchanged, {summary.removed} removed")
        if summary.reused:
            log.info(f"reading-list: from the last build: {summary.reused}")

    def run_build(self, build_config: BuildConfig) -> BuildSummary:
        """The generator, in the serve worker when there is one, else here."""
        if self.worker is not None:
            try:
                return self.worker.build(build_config)
            except WorkerError as error:
                raise PluginError(f"reading-list: the build failed:\n{error}") from error
            except WorkerGone as error:
                log.warning(f"reading-list: {error}; building in this process from now on")
                self.worker, self.reuse = None, Reuse()
        return summarize(build(build_config, Progress.for_terminal(), self.reuse), self.reuse)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Generated pages are read from their HTML (docs/.rendered/), so `--dirty` sees when it changed."""
        if not self.config.html:
            return files
        docs_dir = Path(config.docs_dir)
        for file in files.documentation_pages():
            rendered = docs_dir / rendered_path(file.src_uri)
            if rendered.is_file():
                file.abs_src_path = str(rendered)
                file.rendered = True  # type: ignore[attr-defined]
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if getattr(page.file, "rendered", False):
            page.__class__ = RenderedPage  # the same Page MkDocs made and the nav holds
        return page

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        return pagefind.mark_page(html, page.meta) if self.pagefind else html

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Any) -> jinja2.Environment:
        if self.layout is not None:  # what a theme override's main.html extends (overrides/main.html)
            env.globals["reading_list_layout"] = self.layout
        if self.compiled_templates is not None:
            env.bytecode_cache = self.compiled_templates
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.pagefind:
            return
        try:
            report = pagefind.run_pagefind(Path(config.site_dir))
        except pagefind.PagefindError as error:
            raise PluginError(f"reading-list: {error}") from error
        log.info(f"reading-list: pagefind: {report.summary()}")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        build_config = self.build_config(config)
        server.watch(str(build_config.seeds_dir))
        server.watch(str(build_config.templates_dir))
        watch_hand_written_docs(server, build_config.docs_dir, OWNED_DIRS, OWNED_FILES)  # not our own writes
        return server
