"""Tags for each paper: its topics, tags set by hand, and its arXiv categories under readable names.

Topics come from the vocabulary (`topics.py`) and are set on `paper.topics` before tagging.
"""

from __future__ import annotations

import re

from generator.model import Paper

ARXIV_CATEGORY_NAMES = {
    "cs.AI": "Artificial Intelligence",
    "cs.AR": "Hardware Architecture",
    "cs.CC": "Computational Complexity",
    "cs.CE": "Computational Engineering, Finance, and Science",
    "cs.CG": "Computational Geometry",
    "cs.CL": "Computation and Language",
    "cs.CR": "Cryptography and Security",
    "cs.CV": "Computer Vision and Pattern Recognition",
    "cs.CY": "Computers and Society",
    "cs.DB": "Databases",
    "cs.DC": "Distributed, Parallel, and Cluster Computing",
    "cs.DL": "Digital Libraries",
    "cs.DM": "Discrete Mathematics",
    "cs.DS": "Data Structures and Algorithms",
    "cs.ET": "Emerging Technologies",
    "cs.FL": "Formal Languages and Automata Theory",
    "cs.GR": "Graphics",
    "cs.GT": "Computer Science and Game Theory",
    "cs.HC": "Human-Computer Interaction",
    "cs.IR": "Information Retrieval",
    "cs.IT": "Information Theory",
    "cs.LG": "Machine Learning",
    "cs.LO": "Logic in Computer Science",
    "cs.MA": "Multiagent Systems",
    "cs.MM": "Multimedia",
    "cs.MS": "Mathematical Software",
    "cs.NA": "Numerical Analysis",
    "cs.NE": "Neural and Evolutionary Computing",
    "cs.NI": "Networking and Internet Architecture",
    "cs.PL": "Programming Languages",
    "cs.RO": "Robotics",
    "cs.SE": "Software Engineering",
    "cs.SI": "Social and Information Networks",
    "cs.SD": "Sound",
    "cs.SY": "Systems and Control",
    "astro-ph.GA": "Astrophysics of Galaxies",
    "astro-ph.IM": "Instrumentation and Methods for Astrophysics",
    "astro-ph.SR": "Solar and Stellar Astrophysics",
    "eess.AS": "Audio and Speech Processing",
    "eess.IV": "Image and Video Processing",
    "eess.SP": "Signal Processing",
    "eess.SY": "Systems and Control",
    "math.NA": "Numerical Analysis",
    "math.OC": "Optimization and Control",
    "physics.ao-ph": "Atmospheric and Oceanic Physics",
    "physics.chem-ph": "Chemical Physics",
    "physics.med-ph": "Medical Physics",
    "physics.optics": "Optics",
    "q-bio.BM": "Biomolecules",
    "q-bio.NC": "Neurons and Cognition",
    "q-bio.QM": "Quantitative Methods",
    "quant-ph": "Quantum Physics",
    "stat.ML": "Machine Learning (Statistics)",
    "stat.ME": "Methodology",
}


# An arXiv category ("cs.CV", "quant-ph"); a listing's Categories field also carries MSC and ACM
# classes ("68T07 (Primary)", "I.2.6; I.2.10"), which are not tags.
_ARXIV_CATEGORY = re.compile(r"[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[a-z]+)?)?")


def is_arxiv_category(code: str) -> bool:
    return bool(_ARXIV_CATEGORY.fullmatch(code))


def category_name(category: str) -> str:
    """A readable name for an arXiv category; an unknown one keeps its code."""
    return ARXIV_CATEGORY_NAMES.get(category, category)


def tag_papers(papers: list[Paper]) -> None:
    """Tags in a fixed order: topics, then hand tags, then categories, primary first, no repeats.

    A hand tag that names a topic is already among the topics, under the topic's own spelling.
    """
    for paper in papers:
        tags: list[str] = []
        folded_topics = {topic.casefold() for topic in paper.topics}
        hand = [tag for tag in paper.hand_tags if tag.casefold() not in folded_topics]
        categories = [category_name(code) for code in paper.categories if is_arxiv_category(code)]
        for tag in [*paper.topics, *hand, *categories]:
            if tag not in tags:
                tags.append(tag)
        paper.tags = tags
