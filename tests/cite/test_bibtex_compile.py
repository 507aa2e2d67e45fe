"""The whole list's .bib through real BibTeX and pdflatex: no error, no BibTeX warning.

Needs TeX Live's `bibtex` and `pdflatex` (Debian: texlive-latex-base, which `make test`
installs). Without them the test is skipped on a developer's machine and fails in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build import load_library, render_site
from generator.config import BuildConfig

PROJECT = Path(__file__).resolve().parents[2]
TOOLS = ("bibtex", "pdflatex")
# Classic styles, the strictest about missing fields, and natbib's author-year style.
STYLES = ["plain", "unsrt", "alpha", "plainnat"]

DOCUMENT = r"""\documentclass{article}
\usepackage{url}
\usepackage{amsmath,amssymb}
%(packages)s
\begin{document}
\nocite{*}
\bibliographystyle{%(style)s}
\bibliography{%(bib)s}
\end{document}
"""


@pytest.fixture(scope="module")
def bib_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} not installed: `make test` installs texlive-latex-base")
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install texlive-latex-base)")
    config = BuildConfig(seeds_dir=PROJECT / "seeds", docs_dir=tmp_path_factory.mktemp("docs"),
                         templates_dir=PROJECT / "site_templates")
    outputs = render_site(load_library(config), config)
    return {path: text for path, text in outputs.items() if path.endswith(".bib")}


def run(command: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300,
                          encoding="latin-1")


def compile_bib(bib_text: str, style: str, folder: Path) -> tuple[str, str]:
    """pdflatex, bibtex, pdflatex twice; returns BibTeX's output and the last LaTeX log."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.bib").write_text(bib_text, encoding="utf-8")
    packages = r"\usepackage{natbib}" if style.endswith("nat") else ""
    (folder / "doc.tex").write_text(DOCUMENT % {"packages": packages, "style": style, "bib": "refs"})
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    first = run(latex, folder)
    assert first.returncode == 0, first.stdout[-3000:]
    bibtex_run = run(["bibtex", "doc"], folder)
    assert bibtex_run.returncode == 0, bibtex_run.stdout
    for _ in range(2):
        last = run(latex, folder)
        assert last.returncode == 0, last.stdout[-3000:]
    return bibtex_run.stdout, (folder / "doc.log").read_text(encoding="latin-1")


@pytest.mark.parametrize("style", STYLES)
def test_whole_list_compiles_without_warning(bib_files: dict[str, str], style: str, tmp_path: Path) -> None:
    output, log = compile_bib(bib_files["bib/reading-list.bib"], style, tmp_path)
    assert "Warning--" not in output, output
    assert "error message" not in output, output
    assert "Missing character" not in log
    assert "There were undefined" not in log
    blg = (tmp_path / "doc.blg").read_text(encoding="latin-1")
    assert "(There were" not in blg, blg  # "(There were N warnings)" / "(There was 1 error message)"


def test_every_download_is_a_bib_that_compiles(bib_files: dict[str, str], tmp_path: Path) -> None:
    """The per-collection and per-tag files and a few per-paper ones, each on its own."""
    chosen = [path for path in sorted(bib_files) if not path.startswith("bib/papers/")]
    chosen += sorted(path for path in bib_files if path.startswith("bib/papers/"))[::60]
    combined = []
    for index, path in enumerate(chosen):
        combined.append(path)
        output, _ = compile_bib(bib_files[path], "plain", tmp_path / str(index))
        assert "Warning--" not in output and "error message" not in output, (path, output)
    assert len(combined) > 5


def test_the_check_would_see_a_warning(bib_files: dict[str, str], tmp_path: Path) -> None:
    """An article without a journal makes plain.bst warn; the harness must notice it."""
    output, _ = compile_bib("@article{bad, author = {A B}, title = {T}, year = 2020}\n", "plain", tmp_path)
    assert "Warning--empty journal in bad" in output
