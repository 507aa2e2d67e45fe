"""How related papers scale: time and peak memory of `relate` for synthetic lists of n papers.

Each paper gets a title and an abstract drawn (with a fixed seed) from the words of the bundled
seeds, and two topics out of fifty. Every n runs in a fresh process, so peak memory is its own.
The meaning vectors are timed apart (loading WordLlama, then embedding every paper), then
relating with them; `--meaning-weight 0` times TF-IDF alone. The last column is what one dense
n x n float64 similarity matrix alone would take.

    .venv/bin/python bench/related_scale.py [--sizes 1000 10000 50000] [--k 5] [--meaning-weight W]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.enrich.related import MEANING_WEIGHT  # noqa: E402


def words_of_seeds() -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8", errors="replace") for path in sorted((ROOT / "seeds").glob("*.txt")))
    return re.findall(r"[A-Za-z]{3,}", text)


def run_one(n: int, k: int, meaning_weight: float) -> dict[str, float]:
    from generator.enrich.embeddings import embed_papers, model
    from generator.enrich.related import relate
    from generator.model import Paper

    words = words_of_seeds()
    rng = random.Random(n)
    topics = [f"Topic {i}" for i in range(50)]
    papers = []
    for index in range(n):
        paper = Paper(" ".join(rng.choices(words, k=8)), abstract=" ".join(rng.choices(words, k=150)),
                      slug=f"paper-{index:06d}")
        paper.topics = rng.sample(topics, 2)
        paper.tags = list(paper.topics)
        papers.append(paper)
    start = time.perf_counter()
    meanings = None
    if meaning_weight > 0:
        model()
        loaded = time.perf_counter()
        meanings = embed_papers(papers)
    embedded = time.perf_counter()
    relate(papers, k, meaning_weight=meaning_weight, meanings=meanings)
    done = time.perf_counter()
    assert all(len(paper.related) == k for paper in papers)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "load": loaded - start if meaning_weight > 0 else 0.0,
            "embed": embedded - loaded if meaning_weight > 0 else 0.0, "relate": done - embedded,
            "seconds": done - start, "peak_mb": peak_mb, "dense_mb": n * n * 8 / 2**20}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--meaning-weight", type=float, default=MEANING_WEIGHT)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.k, args.meaning_weight)))
        return 0
    print(f"meaning weight {args.meaning_weight:g}, top {args.k}")
    print("| papers | load model | embed | relate | total | peak MB | n x n float64 MB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in args.sizes:
        output = subprocess.run([sys.executable, __file__, "--one", str(n), "--k", str(args.k),
                                 "--meaning-weight", str(args.meaning_weight)],
                                check=True, capture_output=True, text=True).stdout
        result = json.loads(output)
        print(f"| {result['n']:,} | {result['load']:.2f} s | {result['embed']:.1f} s | {result['relate']:.1f} s "
              f"| {result['seconds']:.1f} s | {result['peak_mb']:,.0f} | {result['dense_mb']:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
