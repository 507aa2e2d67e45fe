"""What a paper page's head tells indexers: Highwire Press tags, Open Graph and schema.org JSON-LD.

Google Scholar reads the Highwire Press tags (`citation_title`, one `citation_author` per author
in order, ...), link previews read Open Graph, search engines read JSON-LD. They are computed
here from the paper alone into the page's meta (`head_tags`, `head_json_ld`), which
`overrides/main.html` writes into Material's `extrahead` block. Only what the sources say is
tagged: a paper whose source gives an author count or a submitting organisation and no names
gets no `citation_author`.

Journal or conference: the BibTeX entry type decides (stated by a curated source, a .bib seed
or a correction); without one, a `booktitle` (a conference page's proceedings, a manifest
default) means proceedings and a `journal` means a journal. `@article` gives
`citation_journal_title`, `@inproceedings` / `@conference` give `citation_conference_title` (the
booktitle, else the venue). Anything else (`@misc`, preprints, a bare venue name, an arXiv
"Journal" reference, which may name either) gets neither.

`head_tags` maps each name to its value, or to the list of values of a repeated name (the
authors, in order): one entry a name keeps the front matter short and cheap to write. What the
page's meta already holds is not repeated: the override takes `citation_title`, `og:title` and
`og:description` from the page's title and description, and writes the site-wide `og:type` and `og:site_name`
itself. Values are plain text here and the override escapes each one (MkDocs' theme environment
does not autoescape). The JSON-LD is made safe for a `<script>` element here: `<`, `>` and `&`
are written as JSON escapes, so no seed text can close the element or open a comment.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.model import Paper
from generator.site.escape import safe_url

HEAD_TAGS = "head_tags"  # page meta: {name: value, or [values] of a repeated name}, in the head's order
HEAD_JSON_LD = "head_json_ld"  # page meta: the JSON-LD text, safe inside <script>
JOURNAL_TYPES = frozenset({"article"})
CONFERENCE_TYPES = frozenset({"inproceedings", "conference"})
_PAGE_RANGE = re.compile(r"\s*[-–—]+\s*")

HeadTags = dict[str, "str | list[str]"]


def page_meta(paper: Paper, description: str) -> dict[str, Any]:
    """The paper page's meta entries for the head (front matter and docs/.rendered alike)."""
    return {HEAD_TAGS: head_tags(paper), HEAD_JSON_LD: json_ld(paper, description)}


def venue(paper: Paper) -> tuple[str, str] | None:
    """("journal" or "conference", its title), when the paper's type says which (module docstring)."""
    stated = (paper.entry_type or "").lower() or (
        "inproceedings" if paper.booktitle else "article" if paper.journal else "")
    if stated in JOURNAL_TYPES and paper.journal:
        return "journal", paper.journal
    title = paper.booktitle or paper.venue
    if stated in CONFERENCE_TYPES and title:
        return "conference", title
    return None


def publication_date(paper: Paper) -> str | None:
    """"2020/10/22", or the year alone when no day is known or the date is another year's (a preprint's)."""
    year = paper.effective_year
    if paper.date is not None and paper.date.year == year:
        return f"{year:04d}/{paper.date.month:02d}/{paper.date.day:02d}"
    return str(year) if year else None


def head_tags(paper: Paper) -> HeadTags:
    """Google Scholar's tags after `citation_title` (the page's title, which the override writes
    first), in the order of its inclusion guidelines, then Open Graph's date; only those the paper knows."""
    kind = venue(paper)
    first, last = _page_range(paper.pages)
    day = publication_date(paper)
    values = (
        ("citation_author", [name for name in (_one_line(author.name) for author in paper.authors) if name]),
        ("citation_publication_date", day),
        ("citation_journal_title", kind[1] if kind and kind[0] == "journal" else None),
        ("citation_conference_title", kind[1] if kind and kind[0] == "conference" else None),
        ("citation_volume", paper.volume),
        ("citation_issue", paper.number),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_publisher", paper.publisher),
        ("citation_doi", paper.doi),
        ("citation_arxiv_id", paper.arxiv_id),
        ("citation_pdf_url", safe_url(paper.links.get("pdf"))),
        ("article:published_time", _iso(day) if day and len(day) == 10 else None),
    )
    tags: HeadTags = {}
    for name, value in values:
        text = value if isinstance(value, list) else _one_line(value) if value else None
        if text:
            tags[name] = text
    return tags


def json_ld(paper: Paper, description: str) -> str:
    """schema.org `ScholarlyArticle`, as JSON safe to put inside a <script> element."""
    text = json.dumps(scholarly_article(paper, description), ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def scholarly_article(paper: Paper, description: str) -> dict[str, Any]:
    """The paper as schema.org data; keys without a value are left out.

    The page's short description rather than the whole abstract, which the page shows anyway:
    every byte here is written twice per paper (front matter and docs/.rendered).
    """
    kind = venue(paper)
    day = publication_date(paper)
    names = (_one_line(author.name) for author in paper.authors)
    record: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": _one_line(paper.title),
        "author": [{"@type": "Person", "name": name} for name in names if name],
        "datePublished": _iso(day) if day else None,
        "isPartOf": {"@type": "Periodical" if kind[0] == "journal" else "Book", "name": kind[1]} if kind else None,
        "description": _one_line(description),
        "sameAs": [url for url in (f"https://doi.org/{paper.doi}" if paper.doi else None,
                                   f"https://arxiv.org/abs/{paper.arxiv_id}" if paper.arxiv_id else None) if url],
    }
    return {key: value for key, value in record.items() if value}


def _one_line(text: str) -> str:
    """White space collapsed (escape.one_line's result, without its regular expression: this runs
    about twenty times a paper)."""
    return " ".join(text.split())


def _iso(day: str) -> str:
    return day.replace("/", "-")


def _page_range(pages: str | None) -> tuple[str | None, str | None]:
    """"128-138" -> ("128", "138"); "42" -> ("42", None)."""
    if not pages:
        return None, None
    parts = [part for part in _PAGE_RANGE.split(pages.strip()) if part]
    if not parts:
        return None, None
    return parts[0], parts[-1] if len(parts) > 1 else None
