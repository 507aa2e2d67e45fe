"""A generated page as MkDocs sees it: read from the HTML the generator wrote, never converted.

The plugin points each generated page's file at its JSON in `docs/.rendered/` (html_pages.py)
and makes the page a `RenderedPage`. MkDocs then runs its usual steps and events for it, but
`read_source` loads the JSON and `render` takes the HTML and table of contents from it instead
of running Python-Markdown. Material's search takes the page's entries from there too
(`GeneratedEntriesIndex`), so it does not parse the HTML again either.
"""

from __future__ import annotations

import json
from typing import Any

from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class RenderedPage(Page):
    """A page whose HTML, front matter, toc and search entries the generator wrote."""

    document: dict[str, Any]

    def read_source(self, config: MkDocsConfig) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        self.document = json.loads(source if source is not None else self.file.content_string)
        self.meta = self.document["meta"]
        self.markdown = self.document["content"]  # what `page_markdown` events see and may change

    def render(self, config: MkDocsConfig, files: Files) -> None:
        toc = self.document["toc"]
        self.content = self.markdown
        self.toc = get_toc(toc)
        self._title_from_render = toc[0]["name"] if toc and toc[0]["level"] == 1 else None
        self.present_anchor_ids = set(_anchor_ids(toc))
        self.links_to_anchors = {}  # our links are made from the pages themselves (tests/test_site.py checks them)

    def search_entries(self) -> list[dict[str, Any]]:
        """The entries of Material's search index, at this page's URL."""
        return [{**entry, "location": self.url + entry["location"]} for entry in self.document["search"]]


def _anchor_ids(tokens: list[dict[str, Any]]) -> list[str]:
    return [anchor for token in tokens for anchor in (token["id"], *_anchor_ids(token["children"]))]


class GeneratedEntriesIndex(SearchIndex):
    """Material's search index, taking a generated page's entries as they are instead of parsing its HTML."""

    def add_entry_from_context(self, page: Page) -> None:
        if isinstance(page, RenderedPage):
            self.entries.extend(page.search_entries())
        else:
            super().add_entry_from_context(page)
