"""MkDocs' Markdown conversion of the generated pages, shared with a forked copy of the process.

`mkdocs build` converts the pages' Markdown to HTML one after the other, on one core: about 10 ms
a paper page in Python-Markdown, over half of MkDocs' time on a large list. The plugin's
`on_nav`, the last event before MkDocs reads the pages, makes the generated pages outside the nav
`SharedPage`s and forks a copy of the process (`share_conversions`). The copy converts them from
the last one back while MkDocs converts them here from the first one on; `Claims`, two counters
in shared memory, give each page to whichever process reaches it first, so the two meet in the
middle. When MkDocs reaches a page the copy took, it reads what the copy sends once it is done,
and `SharedPage.render` sets on the page what `Page.render` set on it in the copy, provided MkDocs
read the same Markdown here. Otherwise, and for a page whose conversion failed in the copy, or
when the copy died, the page is converted here, as MkDocs would.

In the copy a page goes through what MkDocs does before converting it (the `pre_page` event,
reading the file, the `page_markdown` event); MkDocs runs all of that here again, so whatever the
copy's plugins did there stays in the copy and is done here once. Warnings the copy's conversion
logged (a link to a missing page, say) are logged here when MkDocs reaches the page, so
`--strict` counts them. The copy also does what the plugin's own `page_content` event does (marking
the HTML for Pagefind) to the pages it converts, and the event here takes that when no other
plugin changed the HTML in between. Not shared: rebuilds under `mkdocs serve` (its threads rule
out forking, and a `--dirty` rebuild converts only the pages that changed; its first build, before
the threads start, is shared), `--dirty` builds, lists too small to repay a fork
(`parallel.worth_forking`), and sites with a plugin that might keep what it sees of a page's
conversion (any but those in `KNOWN_PLUGINS`; the Markdown extensions of `mkdocs.yml` keep nothing
from one page to the next).
"""

from __future__ import annotations

import hashlib
import io
import logging
import multiprocessing
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .parallel import Forked, result_of, worth_forking

log = logging.getLogger("mkdocs.plugins.reading-list")

LogLine = tuple[str, int, str]  # a logged record, as the logger's name, level and message
Finish = Callable[[str, Page], str]  # what the plugin's own `page_content` event does to a page's HTML
UNSET = object()  # an attribute the page did not have before its conversion
LOCK_SECONDS = 10.0  # the claims' lock is held for microseconds; longer, its holder died holding it
# Plugins known to keep nothing of what they see while a page is converted. Another plugin might
# (mkdocs-autorefs records every heading its Markdown extension sees), and what it kept in the
# copy would be missing here: with one listed, MkDocs converts every page in this process.
KNOWN_PLUGINS = frozenset({"reading-list", "search", "material/search"})


def source_digest(page: Page) -> bytes:
    """What a page's conversion and finishing are made from: its Markdown and its front matter."""
    source = repr((page.markdown, page.meta)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(source, digest_size=16).digest()


@dataclass
class Conversion:
    """What `Page.render` set on one page in the copy, what it logged there, and the HTML finished there."""

    source_digest: bytes  # of the Markdown and front matter converted: applied only to a page that read the same
    attributes: dict[str, Any]  # the page's attributes that render set (content, toc, anchors, ...)
    logged: list[LogLine]
    finished: str | None  # the content through the plugin's `finish`, if it has one

    def apply(self, page: Page) -> None:
        """Log here what the conversion logged in the copy, and set on the page what it set there."""
        for name, level, message in self.logged:
            logging.getLogger(name).log(level, message)
        vars(page).update(self.attributes)


class Claims:
    """Which process converts each page: this one claims pages from the front, the copy from the back.

    Two counters in shared memory (the next page from the front, the next from the back), changed
    under their lock, so no page is converted by both, and every page by one of them.
    """

    def __init__(self, count: int) -> None:
        self.bounds = multiprocessing.get_context("fork").Array("q", [0, count - 1])
        self.abandoned = False  # the lock could not be had: this process converts every page left

    def take_front(self, index: int) -> bool:
        """Claim page `index` for this process; False when the copy has claimed it already.

        True, too, once the lock could not be had (the copy died holding it): from then on every
        page is converted here, without waiting for the lock again.
        """
        lock = self.bounds.get_lock()
        if self.abandoned or not lock.acquire(timeout=LOCK_SECONDS):
            self.abandoned = True
            return True
        try:
            if index > self.bounds[1]:
                return False
            self.bounds[0] = max(self.bounds[0], index + 1)
            return True
        finally:
            lock.release()

    def take_back(self) -> int | None:
        """The last page nobody has claimed, now the copy's; None once the two have met (or the lock is lost)."""
        lock = self.bounds.get_lock()
        if not lock.acquire(timeout=LOCK_SECONDS):
            return None
        try:
            front, back = self.bounds[0], self.bounds[1]
            if back < front:
                return None
            self.bounds[1] = back - 1
            return back
        finally:
            lock.release()


class ReferencePickler(pickle.Pickler):
    """Pickles the File and Page objects a conversion refers to by their path, not as copies."""

    def persistent_id(self, obj: object) -> tuple[str, str] | None:
        if isinstance(obj, File):
            return ("file", obj.src_uri)
        if isinstance(obj, Page):
            return ("page", obj.file.src_uri)
        return None


class ReferenceUnpickler(pickle.Unpickler):
    """Turns the paths back into this process's own File and Page objects."""

    def __init__(self, data: bytes, files: dict[str, File]) -> None:
        super().__init__(io.BytesIO(data))
        self.files = files

    def persistent_load(self, reference: tuple[str, str]) -> object:
        kind, src_uri = reference
        file = self.files[src_uri]
        return file if kind == "file" else file.page


class LogLines(logging.Handler):
    """In the copy: every record logged, kept to be logged again in the main process."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[LogLine] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, record.levelno, record.getMessage()))

    def take(self) -> list[LogLine]:
        """What was logged since the last call."""
        lines, self.lines = self.lines, []
        return lines


class Conversions:
    """The pages shared with the copy, the claims on them, and the copy's conversions once read."""

    def __init__(self, config: MkDocsConfig, files: Files, finish: Finish | None = None) -> None:
        self.config = config
        self.files = files
        self.finish = finish  # done in the copy too, for the pages it converts (`finished`)
        self.finished_in_copy: dict[str, tuple[str, str]] = {}  # by path: (content, finished content)
        self.index: dict[str, int] = {}
        self.claims: Claims | None = None
        self.copy: Forked | None = None
        self.converted: dict[int, Conversion | None] | None = None  # None until read; then popped as applied
        self.copied: set[int] = set()  # the pages whose conversion the copy sent

    def start(self, pages: list[Page]) -> None:
        """Fork the copy, which converts `pages` from the last one back; without a fork, MkDocs converts them all."""
        self.index = {page.file.src_uri: number for number, page in enumerate(pages)}
        self.claims = Claims(len(pages))
        parent = os.getpid()
        try:
            self.copy = Forked(lambda: self.convert_from_the_back(pages, parent))
        except OSError as error:
            log.info(f"reading-list: MkDocs converts every page in one process: no fork ({error})")
            self.claims = None

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Convert `page` here, or take the copy's conversion of it."""
        number = self.index.get(page.file.src_uri)
        if number is None or self.claims is None or self.claims.take_front(number):
            Page.render(page, config, files)
            return
        conversion = self.copy_conversions().pop(number, None)
        if conversion is None or conversion.source_digest != source_digest(page):
            Page.render(page, config, files)
            return
        conversion.apply(page)
        if conversion.finished is not None:
            self.finished_in_copy[page.file.src_uri] = (page.content, conversion.finished)

    def finished(self, page: Page, html: str) -> str:
        """For the plugin's `page_content` event: `finish(html, page)`, done by the copy if it had the same HTML."""
        content, finished = self.finished_in_copy.pop(page.file.src_uri, (None, None))
        if finished is not None and content is html:  # as the copy converted it: no other plugin changed it
            return finished
        return self.finish(html, page) if self.finish is not None else html

    def copy_conversions(self) -> dict[int, Conversion | None]:
        """The copy's conversions, read when first needed; none if it died or failed (then MkDocs converts)."""
        if self.converted is None:
            outcome = self.copy.outcome() if self.copy is not None else None
            self.converted = {}
            try:
                if outcome is not None:
                    by_path = {file.src_uri: file for file in self.files}
                    self.converted = ReferenceUnpickler(result_of(outcome), by_path).load()
            except Exception as error:  # noqa: BLE001 - MkDocs converts those pages here instead
                log.info(f"reading-list: the forked copy's conversions failed, MkDocs converts its pages: {error}")
            self.copied = set(self.converted)
        return self.converted

    def close(self) -> None:
        """After MkDocs has read every page: end a copy whose work was never needed, and say what it did."""
        if self.copy is not None and self.converted is None:
            self.copy.cancel()
        self.copy = None
        log.info(f"reading-list: MkDocs' conversion shared: {len(self.copied)} of {len(self.index)} generated pages "
                 "converted in a forked copy")

    def convert_from_the_back(self, pages: list[Page], parent: int) -> bytes:
        """In the copy: convert the pages nobody has claimed, from the last one back; pickled.

        Stops early if MkDocs' process is gone (interrupted), since nobody would read the answer.
        """
        lines = LogLines()
        root, mkdocs_log = logging.getLogger(), logging.getLogger("mkdocs")
        root.handlers, mkdocs_log.handlers, mkdocs_log.propagate = [lines], [], True  # nothing printed twice
        converted: dict[int, Conversion | None] = {}
        assert self.claims is not None
        while os.getppid() == parent and (number := self.claims.take_back()) is not None:
            converted[number] = self.convert(pages[number], lines)
        data = io.BytesIO()
        ReferencePickler(data, protocol=pickle.HIGHEST_PROTOCOL).dump(converted)
        return data.getvalue()

    def convert(self, page: Page, lines: LogLines) -> Conversion | None:
        """What MkDocs does to read and convert one page; None if it failed (then MkDocs converts it)."""
        config, files = self.config, self.files
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            before = dict(vars(page))
            lines.take()  # what reading the page logged is logged here again when MkDocs reads it
            Page.render(page, config, files)
            changed = {name: value for name, value in vars(page).items() if before.get(name, UNSET) is not value}
            logged = lines.take()
            finished = self.finish(page.content, page) if self.finish is not None else None
            return Conversion(source_digest(page), changed, logged, finished)
        except Exception:  # noqa: BLE001 - MkDocs converts the page again and reports the error itself
            return None
        finally:
            config._current_page = None


class SharedPage(Page):
    """A generated page outside the nav, whose conversion may come from the copy (module docstring)."""

    conversions: Conversions

    @classmethod
    def adopt(cls, page: Page, conversions: Conversions) -> SharedPage:
        """The Page MkDocs made, made a SharedPage.

        The object stays the one MkDocs and other plugins hold, and Page.__init__ does not run
        again (it may log, about an `edit_uri`, say, and --strict would count that twice).
        """
        page.__class__ = cls
        assert isinstance(page, SharedPage)
        page.conversions = conversions
        return page

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.conversions.render(self, config, files)


def share_conversions(config: MkDocsConfig, files: Files, nav: Navigation, generated_dirs: tuple[str, ...],
                      finish: Finish | None = None) -> Conversions | None:
    """Make the generated pages outside the nav SharedPages, and fork the copy that converts from the back.

    `finish` is what the plugin's own `page_content` event does; the copy does it too for its pages,
    and the event takes it from `Conversions.finished`. None, and nothing changed, when there are
    too few pages to repay a fork, forking is not safe, or a plugin not in KNOWN_PLUGINS is on.
    """
    unknown = [name for name in config.plugins if name not in KNOWN_PLUGINS]
    if unknown:
        log.info(f"reading-list: MkDocs converts every page in one process: plugin {', '.join(unknown)} "
                 "may keep what it sees of a page's conversion, which a forked copy's would not give it")
        return None
    in_nav = {id(page) for page in nav.pages}
    generated = [file for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
                 if file.src_uri.split("/", 1)[0] in generated_dirs and id(file.page) not in in_nav]
    if not worth_forking(len(generated)):
        return None
    conversions = Conversions(config, files, finish)
    conversions.start([SharedPage.adopt(file.page, conversions) for file in generated])
    return conversions
