"""The per-paper cost of the citation formats: APA (citeproc-py), RIS and CSL-JSON, on a synthetic list.

Builds the library of a synthetic project (bench/benchmark.py's `make_project`) up to rendering,
then formats every paper in this one process and prints, per format, the CPU seconds in all and
per paper (CPU time, so other work on a shared machine counts less), and the same for APA
without the caches of generator/cite/apa.py (on `--uncached N` papers, in a fresh process).

    .venv/bin/python bench/citations.py --size 10000 [--uncached 300]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchmark import make_project  # noqa: E402

from generator.__main__ import config_from_mkdocs  # noqa: E402
from generator.build import load_library  # noqa: E402
from generator.cite.apa import apa_reference, apa_references  # noqa: E402
from generator.cite.csl import csl_item, item_json  # noqa: E402
from generator.cite.ris import ris_record  # noqa: E402
from generator.model import Paper  # noqa: E402


def cpu_seconds(make: Callable[[Paper], str], papers: list[Paper]) -> float:
    started = time.process_time()
    for paper in papers:
        make(paper)
    return time.process_time() - started


def uncached_seconds(papers: list[Paper]) -> float:
    """CPU seconds of citeproc-py without our caches (with our two CSL fixes) for these papers, in a fresh process."""
    script = ("import json, sys, time; from generator.cite import apa; apa._install(caches=False); items = json.load(sys.stdin); "
              "apa.apa_references(items[:1]); started = time.process_time(); apa.apa_references(items); "
              "print(time.process_time() - started)")
    items = [csl_item(paper, abstract=False) for paper in papers]
    result = subprocess.run([sys.executable, "-c", script], input=json.dumps(items), capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return float(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--uncached", type=int, default=300, help="papers formatted without the caches")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder), options.size)
        papers = load_library(config_from_mkdocs(project / "mkdocs.yml")).papers
    apa_references([csl_item(papers[0], abstract=False)])  # the style parsed once, as in a build
    rows = [(name, cpu_seconds(make, papers)) for name, make in
            (("APA", apa_reference), ("RIS", ris_record), ("CSL-JSON", item_json))]
    sample = papers[:options.uncached]
    rows.append((f"APA without the caches ({len(sample)} papers)", uncached_seconds(sample) * len(papers) / len(sample)))
    print(f"| {len(papers):,} papers | CPU s in all | ms a paper |\n| --- | ---: | ---: |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} | {seconds / len(papers) * 1000:.2f} |")


if __name__ == "__main__":
    main()
