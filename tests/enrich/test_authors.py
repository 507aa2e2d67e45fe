"""People across sources: one person whatever the accents, stable slugs, co-authors."""

from __future__ import annotations

import pytest

from generator.enrich.authors import fold_name, group_people
from generator.model import Author, Paper


def paper(slug: str, *names: str) -> Paper:
    return Paper(slug.title(), authors=[Author(name) for name in names], slug=slug)


@pytest.mark.parametrize(("one", "other"), [
    pytest.param("Jörn Hees", "Jorn Hees", id="accent-dropped"),
    pytest.param("Jörn Hees", "Joern Hees", id="umlaut-transliterated"),
    pytest.param("JÖRN HEES", "jorn hees", id="case"),
    pytest.param("Jörn-Henrik Jacobsen", "Jorn Henrik Jacobsen", id="hyphen"),
    pytest.param("Felix A. Wichmann", "Felix Wichmann", id="middle-initial"),
    pytest.param("Philip H. S. Torr", "Philip Torr", id="middle-initials"),
    pytest.param("Søren Hauberg", "Soren Hauberg", id="o-slash"),
    pytest.param("Mikołaj Bińkowski", "Mikolaj Binkowski", id="l-stroke"),
    pytest.param("Aljoša Ošep", "Aljosa Osep", id="caron"),
    pytest.param("Hervé Jégou", "Herve\u0301 Je\u0301gou", id="combining-accents"),
])
def test_same_person(one: str, other: str) -> None:
    people = group_people([paper("a", one), paper("b", other)])
    assert len(people.persons) == 1
    assert people.by_name[one] is people.by_name[other]
    assert people.persons[0].papers == ["a", "b"]


@pytest.mark.parametrize(("one", "other"), [
    pytest.param("J. Hees", "Jörn Hees", id="initial-is-not-a-name"),
    pytest.param("Adrià Recasens", "Adrià Recasens Continente", id="extra-family-name"),
    pytest.param("Lu Wang", "Lu Wan", id="different-name"),
])
def test_different_people(one: str, other: str) -> None:
    people = group_people([paper("a", one), paper("b", other)])
    assert len(people.persons) == 2


def test_spellings_meet_through_a_third() -> None:
    people = group_people([paper("a", "Jorn Hees"), paper("b", "Joern Hees"), paper("c", "Jörn Hees")])
    assert [p.name for p in people.persons] == ["Jörn Hees"]  # the accented spelling is shown
    assert people.persons[0].variants == ["Joern Hees", "Jorn Hees", "Jörn Hees"]


def test_most_used_spelling_is_shown() -> None:
    people = group_people([paper("a", "Jorn Hees"), paper("b", "Jorn Hees"), paper("c", "Jörn Hees")])
    assert people.persons[0].name == "Jorn Hees"


def test_slugs_are_unique_and_stable() -> None:
    long = "Maximiliana Konstantina Alexandrovna Wolfeschlegelsteinhausen"  # the slug keeps 60 characters
    people = group_people([paper("a", f"{long}berger", f"{long}bergdorff", "Ann Lee"), paper("b", "Ann-Lee")])
    slugs = {person.name: person.slug for person in people.persons}
    assert people.by_name["Ann Lee"].slug == "ann-lee" and len(slugs) == 3  # "Ann-Lee" is the same person
    assert len(set(slugs.values())) == 3
    assert sorted(slugs.values())[1:] == [sorted(slugs.values())[1], sorted(slugs.values())[1] + "-2"]
    again = group_people([paper("b", "Ann Lee"), paper("a", "Ann-Lee", f"{long}bergdorff", f"{long}berger")])
    assert {person.name: person.slug for person in again.persons} == slugs


def test_sorted_by_family_name_and_coauthors() -> None:
    papers = [paper("a", "Zoe Adams", "Bob Young"), paper("b", "Bob Young", "Zoe Adams", "Cy Moore")]
    people = group_people(papers)
    assert [p.name for p in people.persons] == ["Zoe Adams", "Cy Moore", "Bob Young"]
    young = people.by_name["Bob Young"]
    by_slug = {p.slug: p for p in papers}
    assert [(other.name, count) for other, count in people.coauthors(young, by_slug)] == [
        ("Zoe Adams", 2), ("Cy Moore", 1)]


def test_corporate_names_and_names_without_letters() -> None:
    people = group_people([paper("a", "Gemini Team, Google", "—")])
    assert [p.name for p in people.persons] == ["Gemini Team, Google"]
    assert people.link_of("—") is None
    assert fold_name("Gemini Team, Google") == "gemini team google"
