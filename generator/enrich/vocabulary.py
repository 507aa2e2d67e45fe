"""The topic vocabulary file (`seeds/topics.yml`) and its use: papers and lecture sections get topics.

A broken file becomes Problems with the file's line, and the build goes on; without the file there
are simply no topic tags. `python -m generator check` reports papers without a topic (with the
topics closest in meaning, embeddings.py) and topics that match no paper, so the vocabulary can be improved. Matching itself is in `topics.py`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.enrich.embeddings import closest_topics
from generator.enrich.topics import VOCABULARY_NAME, Topic, Vocabulary, fold, topic_inputs
from generator.library import Library
from generator.model import Paper, Problem, Section, Severity
from generator.read.yaml_lines import error_line, line_of, load_yaml_with_lines
from generator.speed.memo import Memo, digest
from generator.speed.parallel import map_in_halves

_KNOWN_KEYS = {"name", "description", "phrases", "parent"}
_SPACE = re.compile(r"\s+")


def load_vocabulary(seeds_dir: Path) -> tuple[Vocabulary | None, list[Problem]]:
    """Read `seeds/topics.yml`: None when it does not parse (a problem) or is not there.

    Without the file there are no topic tags and nothing to report: a list may do without topics.
    """
    path = seeds_dir / VOCABULARY_NAME
    if not path.is_file():
        return None, []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem(VOCABULARY_NAME, 1, f"not UTF-8 ({error.reason}); no topic tags")]
    return parse_vocabulary(text)


def parse_vocabulary(text: str, path: str = VOCABULARY_NAME) -> tuple[Vocabulary | None, list[Problem]]:
    """Parse the YAML text of a vocabulary; every entry that is wrong is reported and skipped."""
    problems: list[Problem] = []
    try:
        data = load_yaml_with_lines(text)
    except yaml.YAMLError as error:
        first = str(error).strip().split("\n")[0]
        return None, [Problem(path, error_line(error), f"YAML does not parse: {first}; no topic tags")]
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return None, [Problem(path, 1, "expected a top-level 'topics:' list; no topic tags")]
    topics: list[Topic] = []
    seen: dict[str, int] = {}
    lines = _item_lines(text)
    for index, entry in enumerate(entries):
        topic = _read_topic(entry, lines[index] if index < len(lines) else 1, path, problems)
        if topic is None:
            continue
        key = fold(topic.name).casefold()
        if key in seen:
            problems.append(Problem(path, topic.line, f"topic {topic.name!r} is already defined on line "
                                    f"{seen[key]}; this one is ignored"))
            continue
        seen[key] = topic.line
        topics.append(topic)
    topics = _check_parents(topics, path, problems)
    return Vocabulary(topics, path), problems


def _item_lines(text: str) -> list[int]:
    """The 1-based line of each item of the `topics:` list, scalars included."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "topics" and isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
    return []


def _read_topic(entry: Any, line: int, path: str, problems: list[Problem]) -> Topic | None:
    if not isinstance(entry, dict):
        problems.append(Problem(path, line, f"a topic must be a mapping with name, description, phrases "
                                f"and parent, not {entry!r}; skipped"))
        return None
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(path, line, "topic without a name; skipped"))
        return None
    name = _SPACE.sub(" ", name).strip()
    for key in sorted(set(entry) - _KNOWN_KEYS, key=str):
        problems.append(Problem(path, line_of(entry, str(key)), f"topic {name!r}: unknown field {key!r} "
                                f"(known: {', '.join(sorted(_KNOWN_KEYS))}); ignored", Severity.WARNING))
    description = entry.get("description")
    if not isinstance(description, str) or not description.strip():
        problems.append(Problem(path, line, f"topic {name!r} has no one-line description", Severity.WARNING))
        description = ""
    phrases = entry.get("phrases")
    if phrases is None:
        phrases = []
    if isinstance(phrases, str):
        phrases = [phrases]
    if not isinstance(phrases, list) or not all(isinstance(item, (str, int, float)) for item in phrases):
        problems.append(Problem(path, line_of(entry, "phrases"), f"topic {name!r}: phrases must be a list "
                                "of strings; ignored"))
        phrases = []
    phrases = [_SPACE.sub(" ", str(item)).strip() for item in phrases if str(item).strip()]
    parent = entry.get("parent")
    if parent is not None and (not isinstance(parent, str) or not parent.strip()):
        problems.append(Problem(path, line_of(entry, "parent"), f"topic {name!r}: parent must be a topic "
                                f"name, not {parent!r}; ignored"))
        parent = None
    return Topic(name, _SPACE.sub(" ", description).strip(), tuple(phrases),
                 _SPACE.sub(" ", parent).strip() if parent else None, line)


def _check_parents(topics: list[Topic], path: str, problems: list[Problem]) -> list[Topic]:
    """Parents must name topics and must not form a cycle; a bad parent is dropped."""
    names = {fold(topic.name).casefold(): topic.name for topic in topics}
    fixed: list[Topic] = []
    for topic in topics:
        parent = topic.parent
        if parent is not None:
            canonical = names.get(fold(parent).casefold())
            if canonical is None:
                problems.append(Problem(path, topic.line, f"topic {topic.name!r}: parent {parent!r} is not "
                                        "a topic of the vocabulary; ignored"))
            parent = canonical
        fixed.append(Topic(topic.name, topic.description, topic.phrases, parent, topic.line))
    parents = {topic.name: topic.parent for topic in fixed}
    result: list[Topic] = []
    for topic in fixed:
        seen, current = {topic.name}, topic.parent
        while current is not None and current not in seen:
            seen.add(current)
            current = parents.get(current)
        if current is not None:  # came back to a topic already on the chain: a cycle
            problems.append(Problem(path, topic.line, f"topic {topic.name!r}: parent {topic.parent!r} "
                                    "makes a cycle; parent ignored"))
            parents[topic.name] = None
            topic = Topic(topic.name, topic.description, topic.phrases, None, topic.line)
        result.append(topic)
    return result


# Applying ----------------------------------------------------------------------------------------


def apply_vocabulary(library: Library, seeds_dir: Path,
                     memo: Memo[tuple[str, ...]] | None = None) -> Vocabulary | None:
    """Give each paper and each lecture section its topics; report what the vocabulary misses.

    Reported as warnings: papers without a topic and topics that match no paper.
    """
    vocabulary, problems = load_vocabulary(seeds_dir)
    library.problems.extend(problems)
    library.vocabulary = vocabulary
    if vocabulary is None:
        return None
    for paper, topics in zip(library.papers, paper_topics(library.papers, vocabulary, memo)):
        paper.topics = topics
    for collection in library.collections.values():
        for section in collection.sections:
            section.topics = section_topics(section, vocabulary)
    library.problems.extend(coverage_problems(library.papers, vocabulary))
    return vocabulary


def paper_topics(papers: list[Paper], vocabulary: Vocabulary,
                 memo: Memo[tuple[str, ...]] | None) -> list[list[str]]:
    """Each paper's topics: on two cores, or kept from the last build for papers whose text is the same."""
    if memo is None:
        return map_in_halves(vocabulary.topics_for, papers)
    vocabulary_key = digest(vocabulary)
    keys = [(vocabulary_key, *topic_inputs(paper)) for paper in papers]
    kept = memo.get_many(keys, lambda missing: map_in_halves(
        lambda key: tuple(vocabulary.topics_from(*key[1:])), missing))
    return [list(topics) for topics in kept]


def section_topics(section: Section, vocabulary: Vocabulary) -> list[str]:
    """The topics a lecture section's title names, keeping the most general of related ones."""
    matched = vocabulary.with_ancestors(vocabulary.matches(section.title))
    return [name for name in matched if not set(vocabulary.ancestors(name)) & set(matched)]


def coverage_problems(papers: list[Paper], vocabulary: Vocabulary) -> list[Problem]:
    """Papers without any topic, and topics no paper has (directly or through a subtopic)."""
    problems: list[Problem] = []
    untagged = [paper for paper in papers if not paper.topics]
    for paper, closest in zip(untagged, closest_topics(untagged, vocabulary.topics)):
        source = paper.sources[0] if paper.sources else None
        problems.append(Problem(source.path if source else "?", source.line if source else 1,
                                f"paper {paper.title!r} has no topic tag: add a phrase to a topic of "
                                f"{vocabulary.path} or a hand tag naming a topic (closest in meaning: "
                                f"{', '.join(closest)})", Severity.WARNING))
    used = {name for paper in papers for name in paper.topics}
    for topic in vocabulary.topics:
        if topic.name not in used:
            problems.append(Problem(vocabulary.path, topic.line, f"topic {topic.name!r} matches no paper",
                                    Severity.WARNING, "{count} topics match no paper: {subjects}", repr(topic.name)))
    return problems
