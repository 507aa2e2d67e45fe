"""Real-browser tests: the built site served on localhost and driven in Debian's Chromium.

Playwright drives `/usr/bin/chromium` (never a browser download of its own). The flags keep
Chromium from reaching for the network, which this machine does not have.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bench.search_in_browser import CHROMIUM, CHROMIUM_FLAGS, served
from tests.conftest import copy_project
from tests.test_site import mkdocs_build

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-screenshots"


def watch(page: Page, site_url: str) -> tuple[list[str], list[str]]:
    """Every console error of the page, and every request that leaves the site's origin, from now on."""
    origin = urlsplit(site_url).netloc
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def check(request) -> None:  # noqa: ANN001 - Playwright's Request
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and parts.netloc != origin:
            foreign.append(request.url)

    page.on("request", check)
    return errors, foreign


def build_site(project: Path, strict: bool = True, site_url: str | None = None) -> Path:
    result = mkdocs_build(project, strict=strict, site_url=site_url)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install chromium (make test does it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("browser-site")) / "site"


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The bundled seeds' site, served on localhost.

    It is built once the port is known: with `site_url` set to its own address, as on GitHub
    Pages, the sitemap lists its pages and Material's instant navigation takes over the links.
    """
    with served(site_dir) as url:
        build_site(site_dir.parent, site_url=f"{url}/")
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
