"""The topic vocabulary: phrase matching, the YAML file and its problems, tagging and coverage."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.build import load_library
from generator.config import BuildConfig
from generator.enrich.tags import is_arxiv_category, tag_papers
from generator.enrich.topics import Topic, Vocabulary, compile_phrases, fold
from generator.enrich.vocabulary import apply_vocabulary, load_vocabulary, parse_vocabulary
from generator.library import Library
from generator.model import Collection, Paper, Section, Severity, SourceRef

ROOT = Path(__file__).resolve().parents[2]


def matches(phrase: str, text: str) -> bool:
    return any(pattern.search(fold(text)) for pattern in compile_phrases([phrase]))


# Matching ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "text", "expected"), [
    # whole words only
    pytest.param("GAN", "a GAN for faces", True, id="acronym-alone"),
    pytest.param("GAN", "organ transplants", False, id="acronym-inside-word"),
    pytest.param("ViT", "human activity recognition", False, id="mixed-case-inside-word"),
    pytest.param("segment", "segmentation of cells", False, id="prefix-of-longer-word"),
    pytest.param("art", "state-of-the-art results", False, id="end-of-hyphenated-word"),
    pytest.param("tracking", "an eye-tracking study", False, id="after-hyphen-is-inside"),
    pytest.param("transformer", "a transformer-based model", True, id="before-hyphen-is-fine"),
    pytest.param("LLM", "LLM's outputs", True, id="possessive"),
    pytest.param("CLIP", "(CLIP)", True, id="in-parentheses"),
    # plurals of the last word
    pytest.param("transformer", "Transformers for images", True, id="plural-s"),
    pytest.param("anomaly", "finding anomalies", True, id="plural-ies"),
    pytest.param("day", "two days", True, id="vowel-y-plural-s"),
    pytest.param("box", "bounding boxes", True, id="plural-es"),
    pytest.param("LLM", "open LLMs", True, id="acronym-plural"),
    pytest.param("diffusion model", "latent diffusion models", True, id="phrase-plural"),
    pytest.param("object detection", "objects detection", False, id="only-last-word-plural"),
    pytest.param("transformer", "transformerss", False, id="no-double-plural"),
    # hyphens and spaces
    pytest.param("self-supervised", "self supervised learning", True, id="hyphen-matches-space"),
    pytest.param("self-supervised", "selfsupervised learning", True, id="hyphen-matches-nothing"),
    pytest.param("self-supervised", "self\u2013supervised", True, id="hyphen-matches-en-dash"),
    pytest.param("multi-modal", "Multimodal models", True, id="hyphen-joined-and-case"),
    pytest.param("object detection", "object-detection models", True, id="space-matches-hyphen"),
    pytest.param("object detection", "objectdetection", False, id="space-needs-a-separator"),
    pytest.param("object detection", "object\n   detection", True, id="any-whitespace"),
    # case
    pytest.param("object detection", "OBJECT DETECTION", True, id="case-ignored"),
    pytest.param("SAM", "Sam and Max", False, id="acronym-case-sensitive"),
    pytest.param("SAM", "SAM 2 segments", True, id="acronym-exact"),
    pytest.param("ViT", "VIT backbones", True, id="mixed-case-is-case-insensitive"),
    # accents and special characters
    pytest.param("naive bayes", "a na\u00efve Bayes classifier", True, id="accent-in-text"),
    pytest.param("na\u00efve", "naive", True, id="accent-in-phrase"),
    pytest.param("R-CNN", "Faster R-CNN", True, id="hyphen-in-acronym"),
    pytest.param("R-CNN", "Faster RCNN", True, id="hyphen-in-acronym-dropped"),
    pytest.param("2.5D", "a 2.5D view", True, id="dot-is-literal"),
    pytest.param("2.5D", "a 235D view", False, id="dot-is-not-a-wildcard"),
    pytest.param("C++", "written in C++ code", True, id="regex-specials"),
])
def test_phrase_matching(phrase: str, text: str, expected: bool) -> None:
    assert matches(phrase, text) is expected
    # The vocabulary looks a phrase's first word up among the text's words before searching:
    # that shortcut must give the same answer, for every rule above.
    vocabulary = Vocabulary([Topic("Topic", "", (phrase,))])
    assert vocabulary.matches(text) == (["Topic"] if expected else [])


def test_empty_phrase_matches_nothing() -> None:
    assert compile_phrases(["", "  "]) == []


def test_matches_in_vocabulary_order_without_ancestors() -> None:
    vocabulary = Vocabulary([
        Topic("Vision", "Seeing.", ("vision",)),
        Topic("Detection", "Boxes.", ("detection",), parent="Vision"),
        Topic("Audio", "Sound.", ("audio",)),
    ])
    assert vocabulary.matches("audio and detection") == ["Detection", "Audio"]
    assert vocabulary.with_ancestors(["Detection"]) == ["Vision", "Detection"]
    assert vocabulary.ancestors("Detection") == ("Vision",)
    assert vocabulary.get("detection") is vocabulary.topics[1]


# Loading -----------------------------------------------------------------------------------------

GOOD = """\
topics:
  - name: Vision
    description: Seeing.
    phrases: [vision, image]
  - name: Detection
    description: Boxes.
    phrases: [object detection]
    parent: vision
"""


def test_parse_good_vocabulary() -> None:
    vocabulary, problems = parse_vocabulary(GOOD)
    assert problems == []
    assert vocabulary is not None
    assert [(t.name, t.parent, t.line) for t in vocabulary.topics] == [("Vision", None, 2), ("Detection", "Vision", 5)]
    assert vocabulary.topics[0].phrases == ("vision", "image")


def test_yaml_error_names_its_line() -> None:
    vocabulary, problems = parse_vocabulary("topics:\n  - name: A\n    description: one: two\n")
    assert vocabulary is None
    assert [(p.path, p.line) for p in problems] == [("topics.yml", 3)]
    assert "YAML does not parse" in problems[0].message


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "topics: {a: 1}\n"], ids=["empty", "list", "mapping"])
def test_not_a_topic_list(text: str) -> None:
    vocabulary, problems = parse_vocabulary(text)
    assert vocabulary is None
    assert [(p.line, p.message) for p in problems] == [(1, "expected a top-level 'topics:' list; no topic tags")]


@pytest.mark.parametrize(("entry", "line", "message", "severity"), [
    pytest.param("  - just a string\n", 2, "a topic must be a mapping", Severity.ERROR, id="not-a-mapping"),
    pytest.param("  - description: no name\n", 2, "topic without a name; skipped", Severity.ERROR, id="no-name"),
    pytest.param("  - name: X\n    description: x\n    parent: Nowhere\n", 2,
                 "topic 'X': parent 'Nowhere' is not a topic", Severity.ERROR, id="unknown-parent"),
    pytest.param("  - name: X\n    description: x\n    phrases: {a: 1}\n", 4, "topic 'X': phrases must be a list",
                 Severity.ERROR, id="phrases-not-a-list"),
    pytest.param("  - name: X\n    description: x\n    colour: red\n", 4, "topic 'X': unknown field 'colour'",
                 Severity.WARNING, id="unknown-field"),
    pytest.param("  - name: X\n", 2, "topic 'X' has no one-line description", Severity.WARNING,
                 id="no-description"),
])
def test_bad_entry_is_reported_and_the_next_still_parses(entry: str, line: int, message: str,
                                                          severity: Severity) -> None:
    # the bad entry first (line 2 on), then a good one, so the good one always parses after it
    text = "topics:\n" + entry + "  - name: Vision\n    description: Seeing.\n    phrases: [vision]\n"
    vocabulary, problems = parse_vocabulary(text)
    assert len(problems) == 1, problems
    assert problems[0].message.startswith(message)
    assert (problems[0].line, problems[0].severity) == (line, severity)
    assert vocabulary is not None and vocabulary.get("Vision") is not None


def test_duplicate_reports_the_second_entry() -> None:
    text = "topics:\n  - name: A\n    description: a\n  - name: a\n    description: again\n"
    vocabulary, problems = parse_vocabulary(text)
    assert [(p.line, p.message) for p in problems] == [
        (4, "topic 'a' is already defined on line 2; this one is ignored")]
    assert vocabulary is not None and [t.name for t in vocabulary.topics] == ["A"]


def test_parent_cycle_is_cut() -> None:
    text = ("topics:\n  - name: A\n    description: a\n    parent: B\n"
            "  - name: B\n    description: b\n    parent: A\n")
    vocabulary, problems = parse_vocabulary(text)
    assert vocabulary is not None
    assert [p.line for p in problems] == [2]
    assert "makes a cycle" in problems[0].message
    assert vocabulary.ancestors("B") == ("A",) and vocabulary.ancestors("A") == ()


def test_without_a_vocabulary_there_are_no_topics_and_no_problems(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    (tmp_path / "topics.yml").unlink()
    assert load_vocabulary(tmp_path) == (None, [])
    apply_vocabulary(library, tmp_path)
    assert library.vocabulary is None and library.problems == []
    assert all(paper.topics == [] for paper in library.papers)


# Applying ----------------------------------------------------------------------------------------

def small_library(tmp_path: Path, vocabulary: str = GOOD) -> Library:
    (tmp_path / "topics.yml").write_text(vocabulary, encoding="utf-8")
    papers = [
        Paper("Object detection in the wild", sources=[SourceRef("c", "list.txt", 3)], slug="a"),
        Paper("Something else entirely", sources=[SourceRef("c", "list.txt", 7)], slug="b",
              hand_tags=["DETECTION", "my own tag"], categories=["cs.CV", "68T07 (Primary)"]),
        Paper("Nothing to see", sources=[SourceRef("c", "list.txt", 11)], slug="c"),
    ]
    collection = Collection("c", "C", sections=[Section("Object Detection & Tracking"), Section("Recap")])
    return Library(papers=papers, collections={"c": collection})


def test_apply_vocabulary(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    apply_vocabulary(library, tmp_path)
    a, b, c = library.papers
    assert a.topics == ["Vision", "Detection"]  # the parent comes with the child
    assert b.topics == ["Vision", "Detection"]  # a hand tag naming a topic, whatever its case
    assert c.topics == []
    sections = library.collections["c"].sections
    assert [s.topics for s in sections] == [["Vision"], []]  # the most general topic the title names
    messages = [(p.path, p.line, p.severity) for p in library.problems]
    assert messages == [("list.txt", 11, Severity.WARNING)]
    assert "'Nothing to see' has no topic tag" in library.problems[0].message
    suggested = library.problems[0].message.split("(closest in meaning: ")[1].rstrip(")").split(", ")
    assert sorted(suggested) == ["Detection", "Vision"]  # the vocabulary's two topics, by meaning


def test_hand_tags_are_matched_like_text(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    library.papers[2].hand_tags = ["Object Detection", "misc"]  # a BibTeX entry's keywords
    apply_vocabulary(library, tmp_path)
    assert library.papers[2].topics == ["Vision", "Detection"]


def test_topic_without_papers_is_reported(tmp_path: Path) -> None:
    library = small_library(tmp_path, GOOD + "  - name: Audio\n    description: Sound.\n    phrases: [audio]\n")
    apply_vocabulary(library, tmp_path)
    assert [(p.path, p.line, p.message) for p in library.problems if p.path == "topics.yml"] == [
        ("topics.yml", 9, "topic 'Audio' matches no paper")]


def test_tags_order_and_categories(tmp_path: Path) -> None:
    library = small_library(tmp_path)
    apply_vocabulary(library, tmp_path)
    tag_papers(library.papers)
    # topics first (the topic's own spelling), then other hand tags, then arXiv categories only
    assert library.papers[1].tags == ["Vision", "Detection", "my own tag", "Computer Vision and Pattern Recognition"]


@pytest.mark.parametrize(("code", "expected"), [
    ("cs.CV", True), ("quant-ph", True), ("physics.ao-ph", True), ("q-bio.BM", True),
    ("68T07 (Primary)", False), ("68T07", False), ("I.2.6; I.2.10", False),
])
def test_only_arxiv_categories_become_tags(code: str, expected: bool) -> None:
    assert is_arxiv_category(code) is expected


def test_tagging_is_deterministic(tmp_path: Path) -> None:
    results = []
    for _ in range(2):
        library = small_library(tmp_path)
        apply_vocabulary(library, tmp_path)
        tag_papers(library.papers)
        results.append([(p.topics, p.tags) for p in library.papers])
    assert results[0] == results[1]


# The bundled seeds -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Library:
    config = BuildConfig(seeds_dir=ROOT / "seeds", docs_dir=tmp_path_factory.mktemp("docs"),
                         templates_dir=ROOT / "site_templates")
    return load_library(config)


def test_bundled_vocabulary_parses_cleanly() -> None:
    vocabulary, problems = load_vocabulary(ROOT / "seeds")
    assert problems == []
    assert vocabulary is not None and len(vocabulary.topics) >= 40
    agenda = ["Transfer learning", "Self-supervised learning", "Shortcut learning and robustness",
              "Image and video understanding", "Object detection and tracking", "Segmentation",
              "Multi-modal and vision-language models"]
    assert [t.name for t in vocabulary.topics if t.parent is None][:7] == agenda


def test_the_word_lookup_changes_no_bundled_paper_s_topics(bundled: Library) -> None:
    vocabulary = bundled.vocabulary
    texts = [" \n ".join(part for part in (paper.title, paper.abstract, paper.tldr) if part) for paper in bundled.papers]
    with_lookup = [vocabulary.matches(text) for text in texts]
    for name, phrases in vocabulary._phrases.items():  # "always search": the matcher as it was without the lookup
        vocabulary._phrases[name] = [dataclasses.replace(phrase, triggers=None) for phrase in phrases]
    assert [vocabulary.matches(text) for text in texts] == with_lookup
    assert sum(map(len, with_lookup)) > len(texts)


def test_every_bundled_paper_has_a_topic_and_every_topic_a_paper(bundled: Library) -> None:
    assert [p.title for p in bundled.papers if not p.topics] == []
    used = {topic for paper in bundled.papers for topic in paper.topics}
    assert bundled.vocabulary is not None
    assert [t.name for t in bundled.vocabulary.topics if t.name not in used] == []
    assert bundled.problems == []


def test_lecture_agenda_maps_to_topics(bundled: Library) -> None:
    sections = bundled.collections["deep-learning-lecture-6"].sections
    mapped = {s.title: s.topics for s in sections}
    assert mapped["Transfer learning"] == ["Transfer learning"]
    assert mapped["Shortcuts in learning"] == ["Shortcut learning and robustness"]
    assert mapped["Object Detection & Tracking"] == ["Object detection and tracking"]
    assert mapped["Multi-Modal Vision & Large Vision Models"] == ["Multi-modal and vision-language models"]
