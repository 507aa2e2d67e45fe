"""The .bib files the site offers, under `docs/bib/`: one per paper, the whole list, one per
collection and one per tag, plus `bib/index.md`, the page that lists them.

Each file is a complete .bib: the @preambles its entries need, then the entries with their
abstracts, in the order of the list (by slug). MkDocs copies them to the site as they are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from generator.cite.bibtex import entry_text, render_entries
from generator.enrich.identity import base_slug
from generator.library import Library
from generator.model import Paper

FOLDER = "bib"
WHOLE_LIST = f"{FOLDER}/reading-list.bib"
INDEX = f"{FOLDER}/index.md"


def paper_file(paper: Paper) -> str:
    return f"{FOLDER}/papers/{paper.slug}.bib"


def collection_file(name: str) -> str:
    return f"{FOLDER}/collections/{name}.bib"


@functools.lru_cache(maxsize=None)  # asked for every tag of every paper, three times a build
def tag_file(tag: str) -> str:
    return f"{FOLDER}/tags/{base_slug(tag)}.bib"


def download_name(key: str) -> str:
    """A file name for a citation key (DBLP keys hold `:` and `/`)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("_.") or "entry"


def papers_by_tag(library: Library) -> dict[str, list[Paper]]:
    """Tags in order of first use; tags that share a file name share a file."""
    groups: dict[str, list[Paper]] = {}
    for paper in library.papers:
        for path in dict.fromkeys(tag_file(tag) for tag in paper.tags):  # each file once per paper
            groups.setdefault(path, []).append(paper)
    return groups


def bib_files(library: Library, site_name: str, text_of: Callable[[Paper], str] = entry_text) -> dict[str, str]:
    """Every .bib file of the site, by path relative to `docs/`; each entry is written once, by `text_of`."""
    texts = {paper.slug: text_of(paper) for paper in library.papers}
    files = {paper_file(paper): render_entries([paper], entry_texts=texts) for paper in library.papers}
    files[WHOLE_LIST] = render_entries(library.papers, header=f"{site_name}: every paper of the list, "
                                                              f"{len(library.papers)} entries.", entry_texts=texts)
    for name, collection in library.collections.items():
        members = [paper for paper in library.papers if any(s.collection == name for s in paper.sources)]
        files[collection_file(name)] = render_entries(members, header=f"{site_name}: {collection.title}, "
                                                                       f"{len(members)} entries.", entry_texts=texts)
    _, tags = index_entries(library)
    groups = papers_by_tag(library)
    for tag, relative, size in tags:
        path = f"{FOLDER}/{relative}"
        files[path] = render_entries(groups[path], header=f"{site_name}: papers tagged {tag}, {size} entries.",
                                     entry_texts=texts)
    return files


def index_entries(library: Library) -> tuple[list, list[tuple[str, str, int]]]:
    """What `bib/index.md` lists: (collection, path, size) and (tag, path, size), paths relative to it."""
    collections = []
    for name, collection in library.collections.items():
        size = sum(1 for paper in library.papers if any(s.collection == name for s in paper.sources))
        collections.append((collection, _relative(collection_file(name)), size))
    names: dict[str, str] = {}
    for paper in library.papers:
        for tag in paper.tags:
            names.setdefault(tag_file(tag), tag)
    tags = sorted(((names[path], _relative(path), len(members)) for path, members in papers_by_tag(library).items()),
                  key=lambda item: item[0].lower())
    return collections, tags


def _relative(path: str) -> str:
    return path.removeprefix(f"{FOLDER}/")
