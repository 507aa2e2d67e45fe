"""The lecture slides: an agenda cut into sections, each naming works of the list."""

from __future__ import annotations

from generator.library import Library
from generator.read.readers import lecture
from tests.conftest import read_snippet

AGENDA = ["Transfer learning", "Self-supervised learning", "Shortcuts in learning", "Short Recap (from CV lecture)",
          "Image & Video Understanding", "Object Detection & Tracking", "Semantic & Instance Segmentation",
          "Multi-Modal Vision & Large Vision Models", "Challenges & Future Directions"]


def section_names(library: Library, title: str) -> list[str]:
    """The short names of the works a section names, in order of first mention."""
    sections = library.collections["deep-learning-lecture-6"].sections
    section = next(section for section in sections if section.title == title)
    papers = library.by_slug()
    return [papers[slug].names[0] for slug in section.papers]


def test_agenda_in_order_with_groups(bundled_library: Library) -> None:
    sections = bundled_library.collections["deep-learning-lecture-6"].sections
    assert [section.title for section in sections] == AGENDA
    assert sections[0].group == "More Learning Paradigms"
    assert sections[4].group == "Core Computer Vision Applications"
    # Each section starts at its own title slide, in slide order.
    assert [section.line for section in sections] == sorted(section.line for section in sections)


def test_sections_name_the_works_of_their_slides(bundled_library: Library) -> None:
    assert section_names(bundled_library, "Transfer learning")[:1] == ["LoRA"]
    ssl = section_names(bundled_library, "Self-supervised learning")
    assert {"VICRegL", "DINOv2", "BarlowTwins"} <= set(ssl)
    segmentation = section_names(bundled_library, "Semantic & Instance Segmentation")
    assert {"FCN", "U-Net", "R-CNN", "Fast R-CNN", "Faster R-CNN", "Mask R-CNN"} <= set(segmentation)
    assert "SigLIP 2" in section_names(bundled_library, "Multi-Modal Vision & Large Vision Models")


def test_a_longer_name_hides_the_shorter_one_inside_it() -> None:
    from generator.enrich.syllabus import _mentions
    from generator.model import Paper
    faster, plain = Paper("Faster"), Paper("Plain")
    found = _mentions("Faster R-CNN (2015), not R-CNN", {"Faster R-CNN": [faster], "R-CNN": [plain]})
    assert [(offset, paper.title) for offset, paper in found] == [(0, "Faster"), (25, "Plain")]


def test_named_works_carry_the_section_as_a_source(bundled_library: Library) -> None:
    vit = next(paper for paper in bundled_library.papers if "ViT" in paper.names)
    lecture_sources = [source for source in vit.sources if source.format == "lecture-slides"]
    assert lecture_sources[0].section == "Image & Video Understanding"
    assert lecture_sources[0].path == "003_7775427ee0b73eb3.txt"


def test_slides_without_agenda_become_one_section_and_are_reported() -> None:
    result = read_snippet(lecture, "Title slide\n\nSome content\n", path="talk.txt")
    assert len(result.collection.sections) == 1
    assert [(p.line, p.message) for p in result.problems] == [
        (1, "no 'Agenda' slide; the lecture is read as one section")]


def test_agenda_topic_without_slides_is_reported() -> None:
    text = "Agenda\nPart\n- Alpha, Beta\n- Gamma\nPart\nAlpha\nabout alpha\nGamma\nabout gamma\n"
    result = read_snippet(lecture, text)
    assert [s.title for s in result.collection.sections] == ["Alpha", "Beta", "Gamma"]
    assert [(p.line, p.message) for p in result.problems] == [
        (8, "agenda topic 'Beta' has no slides of its own")]
    assert result.collection.sections[2].text == "Gamma\nabout gamma\n"
