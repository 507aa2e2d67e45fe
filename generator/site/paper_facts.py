"""What a paper's page shows beyond its fields: the buttons under its title and a one-sentence description."""

from __future__ import annotations

from generator.model import Paper
from generator.site.escape import safe_url

DESCRIPTION_LENGTH = 200

# The buttons under a paper's title, in this order: label and where the URL is.
BUTTONS = (("arXiv", "abstract"), ("PDF", "pdf"), ("DOI", "doi"), ("Code", "code"),
           ("Project page", "project"), ("Publisher page", "url"))


def link_buttons(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) of each button the paper's page shows: only http(s) URLs, each URL once."""
    buttons: list[tuple[str, str]] = []
    for label, kind in BUTTONS:
        url = safe_url(f"https://doi.org/{paper.doi}" if kind == "doi" and paper.doi else paper.links.get(kind))
        if url and url not in (seen for _, seen in buttons):
            buttons.append((label, url))
    return buttons


def describe(paper: Paper) -> str:
    """A one-sentence page description from the TL;DR or the start of the abstract."""
    text = paper.tldr or paper.abstract or paper.title
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + " …"
