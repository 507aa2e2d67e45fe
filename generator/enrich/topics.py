"""The topic vocabulary (`seeds/topics.yml`) and how its phrases are found in a paper's text.

A topic has a name, a one-line description, the phrases that signal it and an optional parent.
A paper gets every topic whose phrases occur in its title, abstract, TL;DR or hand tags (a BibTeX
entry's keywords), every topic a hand tag names, and the ancestors of those topics. Matching
rules, pinned by the tests:

- whole words only: "GAN" is not found in "organ", "ViT" not in "activity"; nor does a phrase
  continue a hyphenated word on its left: "tracking" is not found in "eye-tracking", "art" not in
  "state-of-the-art" (on the right a hyphen is fine: "transformer" is found in "transformer-based");
- the last word may be plural: "transformer" finds "transformers", "anomaly" finds "anomalies",
  "LLM" finds "LLMs" (write phrases in the singular);
- a hyphen in a phrase matches a hyphen, a space or nothing ("self-supervised" finds "self
  supervised" and "selfsupervised"); a space matches a space or a hyphen ("object detection"
  finds "object-detection");
- case is ignored, except in a phrase without lowercase letters (an acronym such as "SAM" or
  "GAN"), which must match exactly, so "SAM" is not found in "Sam";
- accents are ignored on both sides, and any Unicode dash counts as a hyphen.

Reading the file, and giving papers their topics, is `vocabulary.py`'s part.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.model import Paper

VOCABULARY_NAME = "topics.yml"
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_SPACE = re.compile(r"\s+")
_SEPARATOR = re.compile(r"(\s+|-)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Topic:
    """One entry of the vocabulary; `line` is where it starts in the file."""

    name: str
    description: str
    phrases: tuple[str, ...] = ()
    parent: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase of a topic, ready to match: its pattern, and what lets most texts skip it fast."""

    pattern: re.Pattern[str]
    key: str  # text every match contains (see `_prefilter_key`)
    exact: bool  # an acronym: the key is looked for in the text as it is, not lowercased
    triggers: frozenset[str] | None  # see `_triggers`; None: always search
    later_words: tuple[frozenset[str], ...] = ()  # see `_later_words`: the text has a word of each

    def found_in(self, folded: str, lower: str, words: set[str]) -> bool:
        """Whether the phrase occurs in `folded` (`lower` is it lowercased, `words` its words)."""
        if self.triggers is not None and self.triggers.isdisjoint(words):
            return False
        if any(forms.isdisjoint(words) for forms in self.later_words):
            return False
        return _found(folded, folded if self.exact else lower, self.key, self.pattern)


@dataclass(slots=True)
class Vocabulary:
    """The topics in file order, with compiled patterns; `path` is relative to the seeds folder."""

    topics: list[Topic]
    path: str = VOCABULARY_NAME
    _phrases: dict[str, list[Phrase]] = field(default_factory=dict, repr=False)
    _by_folded_name: dict[str, Topic] = field(default_factory=dict, repr=False)
    # Each phrase once, with its topic's place: under each word that can start a match, or always tried.
    _by_trigger: dict[str, list[tuple[int, Phrase]]] = field(default_factory=dict, repr=False)
    _always_tried: list[tuple[int, Phrase]] = field(default_factory=list, repr=False)
    _ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)  # by name asked

    def __post_init__(self) -> None:
        for place, topic in enumerate(self.topics):
            usable = _usable(topic.phrases)
            self._phrases[topic.name] = [
                Phrase(pattern, _prefilter_key(phrase), _is_acronym(phrase), _triggers(phrase), _later_words(phrase))
                for phrase, pattern in zip(usable, compile_phrases(usable))]
            self._by_folded_name[fold(topic.name).casefold()] = topic
            for phrase in self._phrases[topic.name]:
                if phrase.triggers is None:
                    self._always_tried.append((place, phrase))
                for word in phrase.triggers or ():
                    self._by_trigger.setdefault(word, []).append((place, phrase))

    def __iter__(self) -> Iterable[Topic]:  # type: ignore[override]
        return iter(self.topics)

    def get(self, name: str) -> Topic | None:
        """The topic called `name`, ignoring case and accents."""
        return self._by_folded_name.get(fold(name).casefold())

    def ancestors(self, name: str) -> tuple[str, ...]:
        """The parent, its parent, ... of a topic (a cycle is cut where it closes).

        Kept per name: relating asks for the ancestors of every tag two related papers share.
        """
        known = self._ancestors.get(name)
        if known is None:
            known = self._ancestors[name] = tuple(self._chain_of_parents(name))
        return known

    def _chain_of_parents(self, name: str) -> list[str]:
        chain: list[str] = []
        topic = self.get(name)
        while topic is not None and topic.parent and topic.parent not in chain and topic.parent != name:
            chain.append(topic.parent)
            topic = self.get(topic.parent)
        return chain

    def children(self, name: str) -> list[Topic]:
        return [topic for topic in self.topics if topic.parent == name]

    def matches(self, text: str) -> list[str]:
        """Names of the topics whose phrases occur in `text`, in vocabulary order (no ancestors)."""
        folded = fold(text)
        lower = folded.lower()
        if len(lower) != len(folded):  # a letter whose lowercase is longer: no shortcut
            return [topic.name for topic in self.topics
                    if any(phrase.pattern.search(folded) for phrase in self._phrases[topic.name])]
        words = set(_WORD.findall(lower)) | set(_WORD.findall(folded))
        # Only phrases one of the text's words can start are tried: a few of the hundreds.
        found: set[int] = set()
        for word in words & self._by_trigger.keys():
            for place, phrase in self._by_trigger[word]:
                if place not in found and phrase.found_in(folded, lower, words):
                    found.add(place)
        for place, phrase in self._always_tried:
            if place not in found and phrase.found_in(folded, lower, words):
                found.add(place)
        return [self.topics[place].name for place in sorted(found)]

    def with_ancestors(self, names: Iterable[str]) -> list[str]:
        """`names` plus their ancestors, in vocabulary order, each once."""
        wanted: set[str] = set()
        for name in names:
            if self.get(name) is not None:
                wanted.add(self.get(name).name)  # type: ignore[union-attr]
                wanted.update(self.ancestors(name))
        return [topic.name for topic in self.topics if topic.name in wanted]

    def topics_for(self, paper: Paper) -> list[str]:
        """The topics of a paper: from its title, abstract, TL;DR and hand tags, and hand tags naming one."""
        return self.topics_from(*topic_inputs(paper))

    def topics_from(self, title: str, abstract: str | None, tldr: str | None, hand_tags: tuple[str, ...]) -> list[str]:
        text = " \n ".join(part for part in (title, abstract, tldr, *hand_tags) if part)
        named = [tag for tag in hand_tags if self.get(tag) is not None]
        return self.with_ancestors([*self.matches(text), *named])


def topic_inputs(paper: Paper) -> tuple[str, str | None, str | None, tuple[str, ...]]:
    """All of a paper that its topics depend on."""
    return paper.title, paper.abstract, paper.tldr, tuple(paper.hand_tags)


def fold(text: str) -> str:
    """Text as the matcher sees it: accents removed, dashes unified, runs of space made one space."""
    if text.isascii():
        return _SPACE.sub(" ", text).strip()
    decomposed = unicodedata.normalize("NFKD", text.translate(_DASHES))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACE.sub(" ", plain).strip()


def compile_phrases(phrases: Iterable[str]) -> list[re.Pattern[str]]:
    """One pattern per (non-empty) phrase, following the rules in the module docstring."""
    return [re.compile(phrase_pattern(phrase), 0 if _is_acronym(phrase) else re.IGNORECASE)
            for phrase in _usable(phrases)]


def _found(text: str, haystack: str, key: str, pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` matches `text`, tried only where its first word `key` occurs in `haystack`
    (`text` itself, or lowercased with the same length): much faster than a search from every position."""
    start = haystack.find(key)
    while start >= 0:
        if pattern.match(text, start):
            return True
        start = haystack.find(key, start + 1)
    return False


def _triggers(phrase: str) -> frozenset[str] | None:
    """Words of which a text must contain one for the phrase to match it, or None to always try.

    A match starts a word of the text with the phrase's first word, and a hyphen in the phrase may
    be written as nothing ("pre-training" matches "pretraining"): so the text's word is the first
    word, or the first words a hyphen joins, written together, with a plural ending when they are
    all the phrase's words. Looking these up in the set of the text's words skips most phrases
    without searching at all.
    """
    parts = _SEPARATOR.split(fold(phrase))
    words = _words(parts)
    if not words or len(parts) != 2 * len(words) - 1 or not all(_WORD.fullmatch(word) for word in words):
        return None
    if not _is_acronym(phrase):
        words = [word.lower() for word in words]
    separators = parts[1::2]
    triggers: set[str] = set()
    joined = ""
    for index, word in enumerate(words):
        joined += word
        if index == len(words) - 1:
            triggers.update(_plural_forms(joined))
            break
        triggers.add(joined)
        if separators[index] != "-":
            break
    return frozenset(triggers)


def _later_words(phrase: str) -> tuple[frozenset[str], ...]:
    """For each word after the first of a phrase of words joined by spaces, the forms a match
    writes it in (the last word may be plural): a text lacking every form of one cannot match.
    Empty when a hyphen joins words, which a match may write as one ("self-supervised": "selfsupervised")."""
    parts = _SEPARATOR.split(fold(phrase))
    words = _words(parts)
    if "-" in parts or len(words) < 2 or not all(_WORD.fullmatch(word) for word in words):
        return ()
    if not _is_acronym(phrase):
        words = [word.lower() for word in words]
    return (*(frozenset({word}) for word in words[1:-1]), frozenset(_plural_forms(words[-1])))


def _plural_forms(word: str) -> set[str]:
    """The word and the plurals `_plural` matches, in the case a match can have."""
    if not word[-1].isalpha():
        return {word}
    if word[-1] in "yY" and len(word) > 1 and word[-2].lower() not in "aeiou":
        return {word[:-1] + ending for ending in ("y", "ies", "Y", "IES")}
    if word.lower().endswith(("s", "x", "z", "ch", "sh")):
        return {word, word + "es"}
    return {word, word + "s", word + "es"}


def _words(parts: list[str]) -> list[str]:
    """The words of a phrase split by `_SEPARATOR` (the separators left out)."""
    return [part for part in parts if part.strip() and part != "-"]


def _usable(phrases: Iterable[str]) -> list[str]:
    return [phrase for phrase in phrases if fold(phrase)]


def _prefilter_key(phrase: str) -> str:
    """Text every match of the phrase contains: its first word (without a final "y", which a
    plural replaces), lowercased unless the phrase is an acronym."""
    words = _words(_SEPARATOR.split(fold(phrase)))
    first = words[0] if words else ""
    if len(words) == 1 and first[-1:] in ("y", "Y"):
        first = first[:-1]
    return first if _is_acronym(phrase) else first.lower()


def phrase_pattern(phrase: str) -> str:
    """The regular expression for one phrase (see the module docstring)."""
    parts = _SEPARATOR.split(fold(phrase))
    pieces: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a separator
            pieces.append("[- ]?" if part == "-" else "[- ]")
        elif part:
            last_word = index == len(parts) - 1
            pieces.append(_plural(part) if last_word else re.escape(part))
    return rf"(?<![\w-]){''.join(pieces)}(?!\w)"


def _plural(word: str) -> str:
    """A word and its regular plurals: -s, -es, and -y -> -ies after a consonant."""
    if not word[-1].isalpha():
        return re.escape(word)
    if word[-1] in "yY" and len(word) > 1 and word[-2].lower() not in "aeiou":
        return f"{re.escape(word[:-1])}(?:y|ies|Y|IES)"
    if word.lower().endswith(("s", "x", "z", "ch", "sh")):
        return f"{re.escape(word)}(?:es)?"
    return f"{re.escape(word)}(?:s|es)?"


def _is_acronym(phrase: str) -> bool:
    """A phrase without lowercase letters but with an uppercase one is matched case-sensitively."""
    return not any(char.islower() for char in phrase) and any(char.isupper() for char in phrase)
