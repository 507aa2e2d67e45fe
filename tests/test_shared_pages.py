"""MkDocs' conversion of generated pages, shared with a forked copy: the same pages, warnings kept."""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from generator import parallel, shared_pages
from generator.parallel import Forked, result_of
from generator.shared_pages import Claims, Conversions, SharedPage, share_conversions

PAGES = 300
BROKEN = PAGES - 1  # the copy converts from the back, so this page is the copy's first


pytestmark = pytest.mark.usefixtures("forking_allowed")  # tests/conftest.py


def make_site(folder: Path) -> MkDocsConfig:
    """A docs folder with a nav page and PAGES generated papers, one of them linking to a missing page."""
    papers = folder / "docs" / "papers"
    papers.mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Home\n\nThe [first paper](papers/paper-000.md).\n")
    for number in range(PAGES):
        link = "missing.md" if number == BROKEN else f"{name((number + 1) % PAGES)}#abstract"
        (papers / name(number)).write_text(
            f"# Paper {number}\n\nNext: [a paper]({link}), [home](../index.md).\n\n"
            f"## Abstract\n\nWords *{number}* and `code`.\n\n- one\n- two\n")
    (folder / "mkdocs.yml").write_text("site_name: Test\nplugins: []\nnav:\n  - Home: index.md\n"
                                       "markdown_extensions:\n  - toc:\n      permalink: true\n")
    return load_config(config_file=str(folder / "mkdocs.yml"))


def name(number: int) -> str:
    """Numbered so that MkDocs reads them in that order."""
    return f"paper-{number:03d}.md"


def read_every_page(config: MkDocsConfig, share: bool) -> tuple[dict[str, tuple], Conversions | None]:
    """What MkDocs' reading loop leaves on each page (content, title, toc, anchors, links), by path."""
    files = get_files(config)
    nav = get_navigation(files, config)
    conversions = share_conversions(config, files, nav, ("papers",)) if share else None
    for file in files.documentation_pages():
        file.page.read_source(config)
        file.page.render(config, files)
    if conversions is not None:
        conversions.close()
    return {file.src_uri: facts(file.page) for file in files.documentation_pages()}, conversions


def facts(page: Page) -> tuple[object, ...]:
    links = {to_file.src_uri: anchors for to_file, anchors in (page.links_to_anchors or {}).items()}
    return page.content, page.title, str(page.toc), sorted(page.present_anchor_ids or ()), links


def test_pages_converted_by_two_processes_equal_a_serial_conversion(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_site(tmp_path)
    serial, _ = read_every_page(config, share=False)
    parent, render = os.getpid(), Page.render
    converted_here: list[str] = []

    def counted(page: Page, config: MkDocsConfig, files: Files) -> None:
        if os.getpid() == parent:
            converted_here.append(page.file.src_uri)
        render(page, config, files)

    monkeypatch.setattr(Page, "render", counted)
    shared, conversions = read_every_page(config, share=True)
    assert shared == serial
    assert conversions is not None and conversions.copied  # the copy converted some pages
    assert len(converted_here) + len(conversions.copied) == PAGES + 1  # this process the others, and the home page


def test_the_pages_outside_the_nav_are_shared_and_the_nav_pages_kept(tmp_path: Path) -> None:
    config = make_site(tmp_path)
    files = get_files(config)
    nav = get_navigation(files, config)
    pages = {file.src_uri: file.page for file in files.documentation_pages()}
    conversions = share_conversions(config, files, nav, ("papers",))
    assert conversions is not None
    conversions.close()
    assert type(pages["index.md"]) is Page  # the nav's own Page, title and all
    assert all(isinstance(page, SharedPage) for path, page in pages.items() if path.startswith("papers/"))
    assert all(file.page is pages[file.src_uri] for file in files.documentation_pages())  # the same objects


def test_a_warning_of_the_copys_conversion_is_logged_here(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = make_site(tmp_path)
    with caplog.at_level(logging.WARNING):
        _, conversions = read_every_page(config, share=True)
    assert conversions is not None and BROKEN in conversions.copied  # the copy converted the broken page
    warnings = [record.getMessage() for record in caplog.records if "missing.md" in record.getMessage()]
    assert len(warnings) == 1 and f"papers/{name(BROKEN)}" in warnings[0]


def test_a_page_whose_markdown_differs_here_is_converted_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Say a plugin's page_markdown event gave the copy other Markdown: its conversion is not used."""
    config = make_site(tmp_path)
    serial, _ = read_every_page(config, share=False)
    parent, read_source = os.getpid(), Page.read_source

    def read_other_markdown_in_the_copy(page: Page, config: MkDocsConfig) -> None:
        read_source(page, config)
        if os.getpid() != parent:
            page.markdown += "\n\nOnly in the copy.\n"

    monkeypatch.setattr(Page, "read_source", read_other_markdown_in_the_copy)
    shared, conversions = read_every_page(config, share=True)
    assert conversions is not None and conversions.copied
    assert shared == serial


def test_pages_of_a_copy_that_died_are_converted_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_site(tmp_path)
    serial, _ = read_every_page(config, share=False)
    parent, convert = os.getpid(), Conversions.convert

    def dies_in_the_copy(self: Conversions, page: Page, lines: shared_pages.LogLines) -> shared_pages.Conversion | None:
        if os.getpid() != parent:
            os._exit(1)
        return convert(self, page, lines)

    monkeypatch.setattr(Conversions, "convert", dies_in_the_copy)
    shared, conversions = read_every_page(config, share=True)
    assert conversions is not None and conversions.copied == set()
    assert shared == serial


def test_too_few_pages_are_not_shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_site(tmp_path)
    files: Files = get_files(config)
    monkeypatch.setattr(parallel, "MIN_ITEMS", PAGES + 1)
    assert share_conversions(config, files, get_navigation(files, config), ("papers",)) is None
    assert not any(isinstance(file.page, SharedPage) for file in files.documentation_pages())


def test_two_processes_claim_every_page_once() -> None:
    count = 400
    claims = Claims(count)

    def take_from_the_back() -> list[int]:
        taken = []
        while (number := claims.take_back()) is not None:
            taken.append(number)
            time.sleep(0.0005)
        return taken

    copy = Forked(take_from_the_back)
    mine = []
    for number in range(count):
        if claims.take_front(number):
            mine.append(number)
            time.sleep(0.0005)
    theirs = result_of(copy.outcome())
    assert mine and theirs
    assert sorted(mine + theirs) == list(range(count))
    assert mine == list(range(len(mine)))  # this process from the front, the copy from the back


def test_the_copy_finishes_the_html_of_the_pages_it_converts(tmp_path: Path) -> None:
    """As the plugin's `page_content` event marks pages for Pagefind: in the copy for the copy's pages."""
    config = make_site(tmp_path)
    files = get_files(config)

    def finish(html: str, page: Page) -> str:
        return f"{html}<!-- finished in {os.getpid()} -->"

    conversions = share_conversions(config, files, get_navigation(files, config), ("papers",), finish)
    assert conversions is not None
    finished_by = {}
    for file in files.documentation_pages():
        file.page.read_source(config)
        file.page.render(config, files)
        file.page.content = conversions.finished(file.page, file.page.content)
        finished_by[file.src_uri] = int(file.page.content.rsplit(" ", 2)[1])
    conversions.close()
    by_copy = {f"papers/{name(number)}" for number in conversions.copied}
    assert by_copy and {path for path, pid in finished_by.items() if pid != os.getpid()} == by_copy

    changed = "<p>Changed by another plugin</p>"  # not the HTML the copy finished: finished here
    page = files.get_file_from_path("papers/paper-001.md").page
    conversions.finished_in_copy["papers/paper-001.md"] = ("<p>What the copy had</p>", "stale")
    assert conversions.finished(page, changed) == finish(changed, page)


def test_pages_are_converted_here_when_the_copys_answer_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    """Say a conversion left a value on a page that cannot be pickled: the copy's answer is an error."""
    config = make_site(tmp_path)
    serial, _ = read_every_page(config, share=False)

    def cannot_pickle(self: shared_pages.ReferencePickler, value: object) -> None:
        raise pickle.PicklingError("a page attribute that cannot be pickled")

    monkeypatch.setattr(shared_pages.ReferencePickler, "dump", cannot_pickle)
    with caplog.at_level(logging.INFO):
        shared, conversions = read_every_page(config, share=True)
    assert conversions is not None and conversions.copied == set()
    assert shared == serial
    assert "a page attribute that cannot be pickled" in caplog.text


def test_a_page_is_converted_here_when_the_claims_lock_is_held_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the copy died holding the lock: this process goes on, converting the page itself."""
    monkeypatch.setattr(shared_pages, "LOCK_SECONDS", 0.2)
    claims = Claims(10)
    holding = multiprocessing.Event()

    def hold_the_lock() -> None:
        with claims.bounds.get_lock():
            holding.set()
            time.sleep(2)

    copy = Forked(hold_the_lock)
    assert holding.wait(5)
    started = time.monotonic()
    assert [claims.take_front(number) for number in (7, 8, 9)] == [True, True, True]
    assert time.monotonic() - started < 2 * shared_pages.LOCK_SECONDS  # waited once, not once a page
    copy.cancel()


def test_no_sharing_with_a_plugin_that_might_keep_what_it_sees(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Say mkdocs-autorefs, which records the headings of every page converted: the copy's would be lost."""
    config = make_site(tmp_path)
    config.plugins["autorefs"] = BasePlugin()
    files = get_files(config)
    with caplog.at_level(logging.INFO):
        assert share_conversions(config, files, get_navigation(files, config), ("papers",)) is None
    assert "plugin autorefs may keep what it sees" in caplog.text
    assert not any(isinstance(file.page, SharedPage) for file in files.documentation_pages())
