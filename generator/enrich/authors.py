"""People: the same person found across sources, whatever the accents, with one entry each.

Two author names are one person when they agree after folding: accents removed ("Jörn" =
"Jorn"), German umlauts also read as "oe", "ae", "ue" ("Jörn" = "Joern"), case, dots and hyphens
ignored ("Jörn-Henrik" = "Jorn Henrik"), and middle initials dropped ("Felix A. Wichmann" = "Felix
Wichmann"). A bare initial is never matched to a full given name: "J. Hees" stays apart from "Jörn
Hees", since two people may share it. Names are grouped transitively (union-find), so "Jorn" and
"Joern" meet through "Jörn".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.enrich.identity import strip_accents
from generator.model import Paper

MAX_SLUG_LENGTH = 60
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_WORD = re.compile(r"[^\W_]+")


@dataclass(slots=True)
class Person:
    """One person: the name shown, every spelling seen, and the papers (slugs) in list order."""

    key: str
    name: str
    slug: str = ""  # the anchor of the person's entry
    page: str = ""  # the authors page holding that entry, e.g. "s-2.md" (set by browse)
    variants: list[str] = field(default_factory=list)
    papers: list[str] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[str, str]:
        """Family name first (the last word of the name), then the whole name."""
        words = self.key.split()
        return (words[-1] if words else "", self.key)

    @property
    def link(self) -> str:
        return f"{self.page}#{self.slug}"

    @property
    def initial(self) -> str:
        letter = self.sort_key[0][:1].upper()
        return letter if "A" <= letter <= "Z" else "#"


@dataclass(slots=True)
class People:
    """Everyone who authored a paper of the list, sorted by family name, and a lookup by spelling."""

    persons: list[Person] = field(default_factory=list)
    by_name: dict[str, Person] = field(default_factory=dict)

    def link_of(self, name: str) -> str | None:
        """Where the entry of the person who wrote as `name` is, relative to the authors folder."""
        person = self.by_name.get(name)
        return person.link if person else None

    def coauthors(self, person: Person, papers: dict[str, Paper]) -> list[tuple[Person, int]]:
        """The people who share papers with `person`, most shared first, then by name."""
        counts: dict[str, int] = {}
        by_key: dict[str, Person] = {}  # only the coauthors: a lookup of every person would be O(n²) overall
        for slug in person.papers:
            others = {self.by_name[a.name].key: self.by_name[a.name] for a in papers[slug].authors
                      if a.name in self.by_name}
            for key, other in others.items():
                if key != person.key:
                    counts[key] = counts.get(key, 0) + 1
                    by_key[key] = other
        return sorted(((by_key[key], count) for key, count in counts.items()),
                      key=lambda pair: (-pair[1], pair[0].sort_key))


def fold_name(name: str, umlauts: bool = False) -> str:
    """A name as words of plain lowercase letters; middle initials dropped."""
    text = name.translate(_UMLAUTS) if umlauts else name
    plain = strip_accents(text).casefold()
    words = _WORD.findall(plain)
    if len(words) > 2:
        words = [words[0], *(word for word in words[1:-1] if len(word) > 1), words[-1]]
    return " ".join(words)


def name_keys(name: str) -> set[str]:
    """The keys under which a name can meet another spelling of the same person."""
    return {key for key in (fold_name(name), fold_name(name, umlauts=True)) if key}


def group_people(papers: Iterable[Paper]) -> People:
    """Every author name of the papers, grouped into persons, with stable, unique slugs."""
    papers = list(papers)
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    names: dict[str, int] = {}  # spelling -> number of papers
    for paper in papers:
        for author in {author.name for author in paper.authors}:
            names[author] = names.get(author, 0) + 1
    keys_of = {name: sorted(name_keys(name)) for name in sorted(names)}
    for keys in keys_of.values():
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
        if keys:
            find(keys[0])
    groups: dict[str, list[str]] = {}
    for name, keys in keys_of.items():
        if keys:
            groups.setdefault(find(keys[0]), []).append(name)
    people = People()
    for spellings in groups.values():
        shown = spellings[0] if len(spellings) == 1 else max(
            spellings, key=lambda n: (names[n], sum(ord(c) > 127 for c in n), len(n), n))
        person = Person(key=fold_name(shown), name=shown, variants=sorted(spellings))
        people.persons.append(person)
        for spelling in spellings:
            people.by_name[spelling] = person
    for paper in papers:
        for author in paper.authors:
            person = people.by_name.get(author.name)
            if person is not None and paper.slug not in person.papers:
                person.papers.append(paper.slug)
    people.persons.sort(key=lambda person: person.sort_key)
    _assign_slugs(people.persons)
    return people


def _assign_slugs(persons: list[Person]) -> None:
    """Slugs from the folded name; a clash gets -2, -3, ... in name order."""
    taken: set[str] = set()
    for person in sorted(persons, key=lambda p: (p.key, p.name)):
        base = "-".join(person.key.split())[:MAX_SLUG_LENGTH].strip("-") or "person"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        person.slug = slug
