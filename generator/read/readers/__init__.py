"""Readers, one module per seed format, and the registry that picks one for a file.

Every reader module has `FORMAT`, `looks_like(text) -> bool` and
`read(document, source) -> ReadResult`. The manifest names a file's format; a file it does not
describe is recognised by its content, most specific format first.
"""

from __future__ import annotations

from types import ModuleType

from generator.read.readers import (arxiv_listing, bibtex_file, conference_page, daily_papers, lecture,
                                    publications_page, yaml_papers)
from generator.read.readers.base import ReadResult, SeedDocument

# Order matters for sniffing: the loosest test (publications page) comes last.
READERS: dict[str, ModuleType] = {
    module.FORMAT: module
    for module in (yaml_papers, bibtex_file, arxiv_listing, conference_page, daily_papers, lecture, publications_page)
}


_BY_EXTENSION = {".yml": yaml_papers, ".yaml": yaml_papers, ".bib": bibtex_file}


def reader_for(document: SeedDocument, declared_format: str | None) -> ModuleType | None:
    """The reader the manifest names, else the one for the file's extension, else by content."""
    if declared_format is not None:
        return READERS.get(declared_format)
    extension = "." + document.path.rsplit(".", 1)[-1].lower() if "." in document.path else ""
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    return next((module for module in READERS.values() if module.looks_like(document.text)), None)


__all__ = ["READERS", "ReadResult", "SeedDocument", "reader_for"]
