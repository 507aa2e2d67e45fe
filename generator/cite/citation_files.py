"""The RIS and CSL-JSON downloads, beside each .bib file of `docs/bib/`: the same papers, the same paths, other formats.

For every .bib file `bibfiles` makes (one per paper, the whole list, one per collection and one
per tag) there is a `.ris` and a `.json` (CSL-JSON) of the same papers in the same order. Each
paper's record is written once, by `text_of`, and joined into every file that lists the paper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.cite import bibfiles
from generator.cite.csl import csl_file, item_json
from generator.cite.ris import ris_file, ris_record
from generator.library import Library
from generator.model import Paper


@dataclass(frozen=True, slots=True)
class Format:
    """One download format: its name on the pages, its file extension, and how a paper and a file are written."""

    label: str
    extension: str
    record: Callable[[Paper], str]
    join: Callable[[list[Paper], dict[str, str]], str]


FORMATS = (Format("RIS", ".ris", ris_record, ris_file), Format("CSL-JSON", ".json", item_json, csl_file))
# What the download links offer, BibTeX first: (label, extension).
LINKS = (("BibTeX", ".bib"), *((found.label, found.extension) for found in FORMATS))

TextOf = Callable[[str, Paper, Callable[[Paper], str]], str]  # (kind, paper, make) -> text, e.g. Renderer.of_paper


def in_format(bib_path: str, extension: str) -> str:
    """The path of the file in another format beside the .bib file `bib_path`."""
    return bib_path.removesuffix(".bib") + extension


def citation_files(library: Library, text_of: TextOf | None = None) -> dict[str, str]:
    """Every RIS and CSL-JSON file, by path relative to `docs/`."""
    groups = _groups(library)
    files: dict[str, str] = {}
    for found in FORMATS:
        texts = {paper.slug: text_of(found.label, paper, found.record) if text_of else found.record(paper)
                 for paper in library.papers}
        files.update({in_format(path, found.extension): found.join(papers, texts) for path, papers in groups.items()})
    return files


def _groups(library: Library) -> dict[str, list[Paper]]:
    """The papers of each .bib file, by its path: each paper alone, the whole list, each collection, each tag."""
    groups = {bibfiles.paper_file(paper): [paper] for paper in library.papers}
    groups[bibfiles.WHOLE_LIST] = library.papers
    for name in library.collections:
        groups[bibfiles.collection_file(name)] = [paper for paper in library.papers
                                                  if any(source.collection == name for source in paper.sources)]
    groups.update(bibfiles.papers_by_tag(library))
    return groups
