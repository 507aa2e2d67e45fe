"""What the head metadata and the feed add to a build: CPU seconds and bytes, measured on one list.

Per paper the generator computes its head tags and JSON-LD (scholar_meta.page_meta), which then
go through the front matter's YAML dump and the JSON of docs/.rendered/; once per build it
orders the list by the day each paper joined (recent.py) and writes the feed (feed.py). On
MkDocs' side, overrides/main.html writes them into each page's head: its block is rendered here
on its own (Material's base.html reduced to the block), as MkDocs would for each paper page.
Each part is timed in CPU seconds over every paper of the list (so a busy machine inflates it
less than wall time would), best of three runs.

    .venv/bin/python bench/benchmark.py --sizes 10000 --skip-mkdocs --keep /tmp/lists
    .venv/bin/python bench/head_cost.py /tmp/lists/papers-10000/mkdocs.yml
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.__main__ import config_from_mkdocs  # noqa: E402
from generator.build import load_library  # noqa: E402
from generator.enrich.recent import recently_added  # noqa: E402
from generator.site.feed import atom_feed  # noqa: E402
from generator.site.render import describe, front_matter  # noqa: E402
from generator.site.scholar_meta import page_meta  # noqa: E402


def best_of_three(work: Callable[[], object]) -> float:
    """The least CPU time of three runs of `work`."""
    times = []
    for _ in range(3):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def _override_template() -> jinja2.Template:
    """overrides/main.html as MkDocs' theme environment renders it: no autoescape, a `url` filter."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(ROOT / "overrides"),
                                  jinja2.DictLoader({"base.html": "{% block extrahead %}{% endblock %}"})])
    environment = jinja2.Environment(loader=loader)
    environment.filters["url"] = lambda path: f"../../{path}"
    return environment.get_template("main.html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config", type=Path, help="the list's mkdocs.yml")
    config = config_from_mkdocs(parser.parse_args().config)
    library = load_library(config)
    papers = library.papers
    metas = [page_meta(paper, describe(paper)) for paper in papers]
    plain = [{"title": paper.title, "description": describe(paper), "tags": paper.tags} for paper in papers]
    with_head = [{**matter, **meta} for matter, meta in zip(plain, metas)]
    figures = {
        "head tags and JSON-LD (page_meta)": best_of_three(
            lambda: [page_meta(paper, describe(paper)) for paper in papers]),
        "front matter YAML, added": best_of_three(lambda: [front_matter(m) for m in with_head])
        - best_of_three(lambda: [front_matter(m) for m in plain]),
        "docs/.rendered JSON, added": best_of_three(lambda: [json.dumps(m, ensure_ascii=False) for m in with_head])
        - best_of_three(lambda: [json.dumps(m, ensure_ascii=False) for m in plain]),
        "order by the day joined (recent.py)": best_of_three(lambda: recently_added(papers, library.collections)),
        "the feed (feed.py)": best_of_three(lambda: atom_feed(papers, library.collections, config.site_name,
                                                              config.site_description, None)),
    }
    override = _override_template()
    config_values = {"site_name": config.site_name}
    in_mkdocs = best_of_three(lambda: [override.render(page={"meta": matter, "canonical_url": None},
                                                       config=config_values) for matter in with_head])
    added_bytes = sum(len(str(front_matter(a))) - len(str(front_matter(b))) for a, b in zip(with_head, plain))
    added_bytes += sum(len(json.dumps(a, ensure_ascii=False)) - len(json.dumps(b, ensure_ascii=False))
                       for a, b in zip(with_head, plain))
    print(f"{len(papers):,} papers")
    for name, seconds in figures.items():
        print(f"  {name}: {seconds:.2f} s CPU ({seconds / len(papers) * 1e6:.0f} µs a paper)")
    print(f"  generator, all of the above: {sum(figures.values()):.2f} s CPU; bytes added to docs/: "
          f"{added_bytes / 1e6:.1f} MB ({added_bytes / len(papers) / 1e3:.2f} KB a paper)")
    print(f"  mkdocs build, overrides/main.html's block on every paper page: {in_mkdocs:.2f} s CPU "
          f"({in_mkdocs / len(papers) * 1e6:.0f} µs a page)")


if __name__ == "__main__":
    main()
