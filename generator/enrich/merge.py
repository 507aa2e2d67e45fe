"""Merging: the same paper found in several seeds becomes one record naming every source.

Two records are the same paper when they share an arXiv id or a DOI, or when their normalised
titles match and no identifier says they differ. Where the sources disagree, curated formats
(hand-kept YAML and BibTeX) win, then the arXiv listing, then the others in seed order.
"""

from __future__ import annotations

from dataclasses import fields

from generator.enrich.identity import identifier_keys, title_key
from generator.model import Paper

# Lower ranks win when two sources give different values for the same field.
FORMAT_RANK = {"papers-yaml": 0, "bibtex": 0, "arxiv-listing": 1}
_LIST_UNIONS = ("names", "hand_tags", "stated_similar", "materials")
_SKIPPED = {"sources", "links", "authors", "abstract", "abstract_truncated", *_LIST_UNIONS}


def merge_duplicates(papers: list[Paper]) -> list[Paper]:
    """One paper per group of records that are the same work, in order of first appearance."""
    groups = _group(papers)
    return [_merge_group([papers[i] for i in group]) for group in groups]


def _group(papers: list[Paper]) -> list[list[int]]:
    """Union-find over shared identifiers, then over titles whose identifiers do not clash."""
    parent = list(range(len(papers)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def identifiers(root: int) -> dict[str, str]:
        return {key.split(":", 1)[0]: key for i in members[root] for key in identifier_keys(papers[i])}

    first_with: dict[str, int] = {}
    for index, paper in enumerate(papers):
        for key in identifier_keys(paper):
            if key in first_with:
                parent[find(index)] = find(first_with[key])
            else:
                first_with[key] = index
    members: dict[int, list[int]] = {}
    for index in range(len(papers)):
        members.setdefault(find(index), []).append(index)
    first_titled: dict[str, int] = {}
    for index, paper in enumerate(papers):
        key = title_key(paper)
        if key not in first_titled:
            first_titled[key] = index
            continue
        a, b = find(first_titled[key]), find(index)
        if a == b:
            continue
        ids_a, ids_b = identifiers(a), identifiers(b)
        if any(ids_a[kind] != ids_b[kind] for kind in ids_a.keys() & ids_b.keys()):
            continue  # same title, different papers
        low, high = min(a, b), max(a, b)
        parent[high] = low
        members[low].extend(members.pop(high))
    return sorted((sorted(group) for group in members.values()), key=lambda group: group[0])


def _merge_group(records: list[Paper]) -> Paper:
    if len(records) == 1:
        return records[0]
    ranked = sorted(records, key=_rank)
    merged = Paper(title=ranked[0].title)
    for field in fields(Paper):
        if field.name in _SKIPPED or field.name == "title":
            continue
        value = next((getattr(r, field.name) for r in ranked if getattr(r, field.name) not in (None, "", [], {})),
                     None)
        if value is not None:
            setattr(merged, field.name, value)
    merged.sources = [source for record in records for source in record.sources]
    merged.authors = max((r.authors for r in ranked), key=len)
    best_abstract = _best_abstract(ranked)
    if best_abstract is not None:
        merged.abstract, merged.abstract_truncated = best_abstract.abstract, best_abstract.abstract_truncated
    for record in ranked:
        for kind, url in record.links.items():
            merged.links.setdefault(kind, url)
        for name in _LIST_UNIONS:
            target = getattr(merged, name)
            target.extend(item for item in getattr(record, name) if item not in target)
    return merged


def _rank(paper: Paper) -> int:
    return min(FORMAT_RANK.get(source.format, 2) for source in paper.sources)


def _best_abstract(ranked: list[Paper]) -> Paper | None:
    """A curated abstract first; otherwise the longest complete one."""
    with_abstract = [paper for paper in ranked if paper.abstract]
    if not with_abstract:
        return None
    if _rank(with_abstract[0]) == 0:
        return with_abstract[0]
    return max(with_abstract, key=lambda paper: (not paper.abstract_truncated, len(paper.abstract or "")))
