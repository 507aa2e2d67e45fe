"""How good are the computed related papers? Four measures, each for ours, TF-IDF alone and random.

1. The conference page's own "Similar papers" (collection `icpr-2020-similar`): how many of the
   papers it lists for its subject paper are in our top k for that subject. Random baseline:
   k times the share of the listed papers among all other papers.
2. The same page, per listed paper: how many of the other listed papers are in its top k.
3. Category agreement: of the related papers that have an arXiv category, the share with the
   paper's primary category. Random baseline: the expected share if the k related papers were
   drawn at random from the other papers with a category (computed exactly, no sampling).
4. The lecture's syllabus, a harder check: for each work the lecture names in a section that
   names others too, how many of those section mates are in its top k. The sections are broad
   ("Object Detection & Tracking" names 23 works from R-CNN to SAM 2), so this asks whether
   works the lecturer teaches together are found together.

And the topic suggestions `check` makes for papers whose phrases matched none
(embeddings.closest_topics), tried on the papers that do have topics: how often one of the
suggested topics is one of the paper's own. (Its phrases matched those papers' words, so this
flatters the suggestions somewhat; random baseline: the most frequent topics.)

Usage (from the project folder):

    .venv/bin/python bench/related_quality.py [--config mkdocs.yml] [--k 5] [--meaning-weight W]
                                              [--topic-weight W] [--long-list]

`--long-list` relates the bundled papers the way lists past related.EXACT_UP_TO papers are related.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import generator.enrich.related as related  # noqa: E402
from generator.__main__ import config_from_mkdocs  # noqa: E402
from generator.build import load_library  # noqa: E402
from generator.enrich.embeddings import closest_topics  # noqa: E402
from generator.library import Library  # noqa: E402
from generator.model import Paper  # noqa: E402

Measure = tuple[str, Callable[[Library, int], tuple[float, float]]]  # name, (observed, random baseline)


def category_agreement(library: Library, k: int) -> tuple[float, float]:
    """(observed share, random-baseline share) of related papers with the paper's primary category."""
    with_category = [paper for paper in library.papers if paper.primary_category]
    counts = Counter(paper.primary_category for paper in with_category)
    by_slug = library.by_slug()
    pairs = same = 0
    expected = 0.0
    others = len(with_category) - 1
    for paper in with_category:
        evaluated = [by_slug[slug] for slug in paper.related[:k] if by_slug[slug].primary_category]
        pairs += len(evaluated)
        same += sum(other.primary_category == paper.primary_category for other in evaluated)
        expected += len(evaluated) * (counts[paper.primary_category] - 1) / others
    return (same / pairs, expected / pairs) if pairs else (0.0, 0.0)


def similar_page(library: Library) -> tuple[Paper, set[str]] | None:
    """The subject of the "Similar papers" page and the slugs it lists."""
    by_slug = library.by_slug()
    for collection in library.collections.values():
        if collection.subject and collection.subject in by_slug:
            subject = by_slug[collection.subject]
            listed = set(subject.similar) or {
                paper.slug for paper in library.papers
                if paper.slug != subject.slug and any(s.collection == collection.name for s in paper.sources)}
            return subject, listed
    return None


def subject_recall(library: Library, k: int) -> tuple[float, float]:
    """Listed similar papers in the subject's top k, and the random baseline."""
    page = similar_page(library)
    if page is None:
        return 0.0, 0.0
    subject, listed = page
    return len(set(subject.related[:k]) & listed), k * len(listed) / (len(library.papers) - 1)


def per_listed_paper(library: Library, k: int) -> tuple[float, float]:
    """For each listed paper, other listed papers in its top k (mean), and the random baseline."""
    page = similar_page(library)
    if page is None:
        return 0.0, 0.0
    _, listed = page
    by_slug = library.by_slug()
    hits = sum(len(set(by_slug[slug].related[:k]) & (listed - {slug})) for slug in listed)
    return hits / len(listed), k * (len(listed) - 1) / (len(library.papers) - 1)


def section_mates(library: Library, k: int) -> tuple[float, float]:
    """For each work named in a lecture section with others, its section mates in its top k (mean)."""
    by_slug = library.by_slug()
    hits: list[int] = []
    baseline: list[float] = []
    for collection in library.collections.values():
        for section in collection.sections:
            mates = set(section.papers)
            if len(mates) < 2:
                continue
            for slug in mates:
                hits.append(len(set(by_slug[slug].related[:k]) & (mates - {slug})))
                baseline.append(k * (len(mates) - 1) / (len(library.papers) - 1))
    return (sum(hits) / len(hits), sum(baseline) / len(baseline)) if hits else (0.0, 0.0)


MEASURES: list[Measure] = [
    ("the ICPR subject's listed similar papers in its top k", subject_recall),
    ("per listed paper: other listed papers in its top k", per_listed_paper),
    ("related paper shares the paper's arXiv primary category", category_agreement),
    ("per work the lecture names: its section mates in its top k", section_mates),
]


def figures(library: Library, k: int, meaning_weight: float, topic_weight: float) -> list[tuple[float, float]]:
    """Relate with these weights, then every measure."""
    related.relate(library.papers, k, library.vocabulary, topic_weight=topic_weight, meaning_weight=meaning_weight)
    return [measure(library, k) for _, measure in MEASURES]


def suggestion_hits(library: Library, shown: int = 2) -> tuple[float, float]:
    """Share of topic-tagged papers with one of their topics among the `shown` suggested for them,
    and the same share for the `shown` most frequent topics."""
    tagged = [paper for paper in library.papers if paper.topics]
    if library.vocabulary is None or not tagged:
        return 0.0, 0.0
    suggestions = closest_topics(tagged, library.vocabulary.topics, shown)
    frequent = [name for name, _ in Counter(t for paper in tagged for t in paper.topics).most_common(shown)]
    hits = sum(bool(set(found) & set(paper.topics)) for paper, found in zip(tagged, suggestions))
    by_frequency = sum(bool(set(frequent) & set(paper.topics)) for paper in tagged)
    return hits / len(tagged), by_frequency / len(tagged)


def shown(value: float, name: str, k: int) -> str:
    if "category" in name:
        return f"{value:.1%}"
    return f"{value:.2f} of {k}" if "per " in name else f"{value:g} of {k}" if value == int(value) else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--k", type=int, default=None, help="related papers per paper (default: the plugin's)")
    parser.add_argument("--meaning-weight", type=float, default=None, help="default: the plugin's")
    parser.add_argument("--topic-weight", type=float, default=related.TOPIC_WEIGHT)
    parser.add_argument("--long-list", action="store_true", help="relate as past EXACT_UP_TO papers")
    args = parser.parse_args(argv)
    config = config_from_mkdocs(Path(args.config))
    library = load_library(config)
    k = args.k or config.related_count
    weight = config.related_meaning if args.meaning_weight is None else args.meaning_weight
    if args.long_list:
        related.EXACT_UP_TO = 0
    ours = figures(library, k, weight, args.topic_weight)
    words = figures(library, k, 0.0, args.topic_weight)
    way = "the long lists' way" if args.long_list else "every pair compared"
    print(f"{len(library.papers)} papers, top {k} related each, {way}; topic weight {args.topic_weight}\n")
    print(f"| measure (k = {k}) | ours (meaning {weight:g}) | TF-IDF alone | random |")
    print("| --- | ---: | ---: | ---: |")
    for (name, _), (observed, baseline), (tf_idf, _) in zip(MEASURES, ours, words):
        print(f"| {name.replace('top k', f'top {k}')} | {shown(observed, name, k)} | {shown(tf_idf, name, k)} "
              f"| {shown(baseline, name, k)} |")
    suggested, frequent = suggestion_hits(library)
    print(f"\ntopic suggestions (2 by meaning, as check lists them) include one of a tagged paper's own topics: {suggested:.1%} "
          f"(the 2 most frequent topics: {frequent:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
