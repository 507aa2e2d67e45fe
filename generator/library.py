"""The Library: every paper and collection read from the seeds, plus the problems found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.model import Collection, Ignored, Paper, Problem, Severity

if TYPE_CHECKING:
    from generator.enrich.topics import Vocabulary


@dataclass(slots=True)
class Library:
    """Papers in seed order (file name, then position in the file) until slugs sort them."""

    papers: list[Paper] = field(default_factory=list)
    collections: dict[str, Collection] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    vocabulary: Vocabulary | None = None  # the topic vocabulary, once loaded
    ignored: list[Ignored] = field(default_factory=list)  # what in seeds/ a rule left out, for `check` to list

    def add_collection(self, collection: Collection) -> None:
        """Two files may feed one collection (slides plus the metadata of what they name)."""
        existing = self.collections.get(collection.name)
        if existing is None:
            self.collections[collection.name] = collection
            return
        existing.paths.extend(collection.paths)
        if collection.sections and not existing.sections:
            existing.sections, existing.intro, existing.format = (
                collection.sections, collection.intro, collection.format)
        existing.subject_title = existing.subject_title or collection.subject_title

    def by_slug(self) -> dict[str, Paper]:
        return {paper.slug: paper for paper in self.papers}

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]
