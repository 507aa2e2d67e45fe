"""Fast paths must give exactly what the slow paths they skip would give."""

from __future__ import annotations

import re
import unicodedata

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cite.latex import _LATEX_SYNTAX, _decode, to_text
from generator.site.escape import html_text, markdown_characters
from generator.site.markdown_pages import front_matter

PLAIN = st.text(st.characters(blacklist_characters="\\{}$~%&#^_`"), max_size=40).filter(
    lambda text: "--" not in text and "''" not in text)


@given(PLAIN)
def test_text_without_latex_syntax_reads_as_pylatexenc_reads_it(text: str) -> None:
    assert _LATEX_SYNTAX.search(text) is None
    assert to_text(text) == unicodedata.normalize("NFC", _decode(text))


def test_latex_syntax_still_goes_through_pylatexenc() -> None:
    assert to_text(r"Schr{\"o}dinger -- {GAN}s") == "Schrödinger – GANs"


@given(st.text(max_size=30), st.lists(st.text(max_size=10), max_size=3))
def test_front_matter_is_what_the_pure_python_dumper_writes(text: str, tags: list[str]) -> None:
    values = {"title": html_text(text), "description": text, "tags": tags}
    expected = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1_000_000)
    assert str(front_matter(values)) == f"---\n{expected}---\n"


@given(st.text(max_size=40))
def test_markdown_escaping_replaces_exactly_the_syntax_characters(text: str) -> None:
    syntax = set("\\`*_{}[]()<>#+-.!|~^=$:&\"'@%/;?")
    expected = "".join(f"&#{ord(char)};" if char in syntax else char for char in text)
    assert markdown_characters(text) == expected


def _bundled_vocabulary():  # noqa: ANN202 - a Vocabulary
    from pathlib import Path

    from generator.enrich.vocabulary import load_vocabulary
    vocabulary, _ = load_vocabulary(Path(__file__).resolve().parents[2] / "seeds")
    return vocabulary


VOCABULARY = _bundled_vocabulary()
PHRASES = sorted({phrase for topic in VOCABULARY.topics for phrase in topic.phrases})
PHRASE_WORDS = sorted({word for phrase in PHRASES for word in phrase.replace("-", " ").split()})


@st.composite
def written_phrase(draw: st.DrawFn) -> str:
    """A phrase of the vocabulary as a text may write it: hyphens kept, dropped or spaced, spaces
    hyphenated, another case, a plural or other ending, a word dropped."""
    words = []
    for piece in re.split(r"([ -])", draw(st.sampled_from(PHRASES))):
        if piece == "-":
            words.append(draw(st.sampled_from(["", "", "-", " "])))  # written together most often: the hard case
        elif piece == " ":
            words.append(draw(st.sampled_from([" ", "-", "  "])))
        elif piece and not draw(st.integers(0, 9)) == 0:
            words.append(draw(st.sampled_from([str, str.lower, str.upper, str.title]))(piece))
    return "".join(words) + draw(st.sampled_from(["", "s", "es", "ies", "ing", "-based"]))


@settings(max_examples=300)
@given(st.lists(st.one_of(written_phrase(), st.sampled_from(PHRASE_WORDS)), max_size=6),
       st.sampled_from([" ", ". ", "-", ", "]))
def test_topic_triggers_find_what_searching_every_phrase_finds(pieces: list[str], separator: str) -> None:
    """Phrases are tried only when the text has a word one could start with (topics._triggers) and
    a form of each later word; that must find exactly what searching with every phrase finds."""
    from generator.enrich.topics import compile_phrases, fold

    text = separator.join(pieces)
    everywhere = [topic.name for topic in VOCABULARY.topics
                  if any(pattern.search(fold(text)) for pattern in compile_phrases(topic.phrases))]
    assert VOCABULARY.matches(text) == everywhere
