"""A lecture's slides as text: not a list of papers but an agenda of topics.

The reader recovers the agenda and cuts the slides into one section per agenda topic; the
works the lecture names are matched to papers later (`syllabus.py`), once every seed is read.
"""

from __future__ import annotations

import re

from generator.model import Section
from generator.read.manifest import SourceInfo
from generator.read.readers.base import ReadResult, SeedDocument, new_collection

FORMAT = "lecture-slides"
_AGENDA = "agenda"
_BULLET = re.compile(r"^\s*[-*]\s+")
_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = {"a", "an", "and", "the", "of", "in", "from", "on", "for", "to", "with"}
_MAX_AGENDA_LINES = 60


def looks_like(text: str) -> bool:
    return any(line.strip().lower() == _AGENDA for line in text.split("\n")[:80])


def read(document: SeedDocument, source: SourceInfo) -> ReadResult:
    result = ReadResult(new_collection(document, source, FORMAT))
    lines = document.lines
    agenda_start = next((i for i, line in enumerate(lines) if line.strip().lower() == _AGENDA), None)
    if agenda_start is None:
        result.problem(document, 1, "no 'Agenda' slide; the lecture is read as one section")
        result.collection.sections = [Section(source.title, path=document.path, line=1, text=document.text)]
        return result
    result.collection.intro = " — ".join(line.strip() for line in lines[:agenda_start] if line.strip())
    sections, body_start = _read_agenda(lines, agenda_start + 1)
    if not sections:
        result.problem(document, agenda_start + 1, "the 'Agenda' slide lists no topics")
    result.collection.sections = _cut_into_sections(lines, body_start, sections, document, result)
    return result


def _read_agenda(lines: list[str], start: int) -> tuple[list[Section], int]:
    """Agenda lines are group headings, each followed by "- topic, topic" bullets.

    A group with no bullets is a topic itself. The agenda ends where a group heading repeats.
    """
    sections: list[Section] = []
    groups: list[str] = []
    group_has_topics: list[bool] = []
    index = start
    for index in range(start, min(len(lines), start + _MAX_AGENDA_LINES)):
        text = lines[index].strip()
        if not text:
            continue
        if _BULLET.match(text):
            group = groups[-1] if groups else None
            for topic in _BULLET.sub("", text).split(","):
                if topic.strip():
                    sections.append(Section(topic.strip(), group=group, line=index + 1))
            if group_has_topics:
                group_has_topics[-1] = True
            continue
        if text.lower() in (group.lower() for group in groups):
            break
        groups.append(text)
        group_has_topics.append(False)
    else:
        index = min(len(lines), start + _MAX_AGENDA_LINES)
    topic_groups = [Section(group, group=None, line=0) for group, has in zip(groups, group_has_topics) if not has]
    ordered = _in_agenda_order(sections, topic_groups, groups)
    return ordered, index


def _in_agenda_order(topics: list[Section], lone_groups: list[Section], groups: list[str]) -> list[Section]:
    """Topics keep their group's place; a group without bullets stands where it was listed."""
    ordered: list[Section] = []
    for group in groups:
        ordered.extend(topic for topic in topics if topic.group == group)
        ordered.extend(lone for lone in lone_groups if lone.title == group)
    return ordered


def _cut_into_sections(lines: list[str], start: int, sections: list[Section], document: SeedDocument,
                       result: ReadResult) -> list[Section]:
    """Walk the slides; a line that names the next agenda topic opens its section."""
    current: int | None = None
    texts: dict[int, list[str]] = {}
    for number in range(start, len(lines)):
        line = lines[number].strip()
        heading = _heading_for(line, sections, current)
        if heading is not None:
            for skipped in range(0 if current is None else current + 1, heading):
                result.problem(document, number + 1, f"agenda topic {sections[skipped].title!r} has no "
                               "slides of its own", warning=True)
            current = heading
            sections[current].line = number + 1
        if current is not None:
            texts.setdefault(current, []).append(lines[number])
    for index, section in enumerate(sections):
        section.text = "\n".join(texts.get(index, []))
        section.path = document.path
    return sections


def _heading_for(line: str, sections: list[Section], current: int | None) -> int | None:
    """The index of a later topic whose words include all of this line's words, if any."""
    if not line or _BULLET.match(line) or len(line) > 80 or line.endswith(":"):
        return None  # bullets and "Challenges:"-style labels are slide content, not headings
    words = _words(line)
    if not words:
        return None
    for index in range(0 if current is None else current + 1, len(sections)):
        if words <= _words(sections[index].title):
            return index
    return None


def _words(text: str) -> set[str]:
    return {word.rstrip("s") for word in _WORD.findall(text.lower()) if word not in _STOP_WORDS}
