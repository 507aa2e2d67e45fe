"""How soon a reader can search a built site: Chromium, from opening the home page to the first result.

The site is served by Python's http.server on a free localhost port (as a static host would serve
it) and opened in Debian's Chromium through Playwright, in a fresh profile: nothing cached. The
reader clicks the header's search and types a surname the list has, key by key; the clock runs
from the request of the home page until the first result is shown. With Material's search that
includes its worker fetching the whole lunr index and building it; with Pagefind, loading
Pagefind UI and the index chunks and fragments the query needs. Bytes are those the browser
fetched, read from the files served (the server sends them as they are, uncompressed).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

# Debian's Chromium, never a browser Playwright downloads; the flags keep it off the network.
# tests/browser uses these and `served` too.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OPENERS = {"material": ".md-search__input", "pagefind": ".md-header .pagefind-search__open"}
RESULTS = {"material": ".md-search-result__item", "pagefind": ".pagefind-ui__result"}
# Where each engine's files live: its index, and for Material the worker that builds the lunr index.
SEARCH_PATHS = ("/pagefind/", "/search/", "/assets/javascripts/workers/", "/assets/javascripts/lunr/")
TIMEOUT_MS = 600_000


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The site on a free localhost port, for as long as the block runs."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def query_for(site: Path) -> str:
    """A surname of the list: the first author of the middle paper in catalog.json."""
    papers = json.loads((site / "catalog.json").read_text(encoding="utf-8"))["papers"]
    named = [paper for paper in papers if paper.get("authors")]
    return named[len(named) // 2]["authors"][0].split()[-1]


def served_file(site: Path, url: str) -> Path:
    """The file behind a URL of the site, as http.server finds it."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def fetched_bytes(site: Path, urls: list[str]) -> int:
    """Bytes of the files these URLs fetched (URLs of other hosts, or of no file, count nothing)."""
    files = [served_file(site, url) for url in urls if urlsplit(url).hostname == "127.0.0.1"]
    return sum(path.stat().st_size for path in files if path.is_file())


def is_search_file(url: str) -> bool:
    return urlsplit(url).path.startswith(SEARCH_PATHS)


def time_search(site: Path, engine: str, query: str | None = None) -> dict[str, Any]:
    """Seconds and bytes from opening the home page to the first result of a surname.

    `search_bytes` counts every search file fetched (for lunr, its whole index); `query_bytes`
    those fetched once the reader types (for Pagefind, the chunks and fragments of this query).
    """
    from playwright.sync_api import sync_playwright

    query = query or query_for(site)
    requests: list[tuple[float, str]] = []
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.on("request", lambda request: requests.append((time.perf_counter(), request.url)))
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"{url}/", wait_until="load")
        loaded = time.perf_counter()
        page.locator(OPENERS[engine]).first.click()
        typing = time.perf_counter()
        page.keyboard.type(query)
        typed = time.perf_counter()
        page.locator(RESULTS[engine]).first.wait_for(timeout=TIMEOUT_MS)
        shown = time.perf_counter()
        browser.close()
    search_urls = [(at, url) for at, url in requests if is_search_file(url)]
    return {"query": query, "loaded_s": loaded - started, "usable_s": shown - started,
            "after_typing_s": shown - typed, "all_bytes": fetched_bytes(site, [url for _, url in requests]),
            "search_bytes": fetched_bytes(site, [url for _, url in search_urls]),
            "query_bytes": fetched_bytes(site, [url for at, url in search_urls if at >= typing])}
