"""Who a paper is: the keys that find the same paper across seeds, and its stable slug.

A slug depends only on the paper's own title (and, for two different papers with the same
title, on its own identifier), so adding or removing other papers never changes it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from generator.model import Paper

_WORD = re.compile(r"[a-z0-9]+")
_ARXIV_VERSION = re.compile(r"v\d+$")
MAX_SLUG_LENGTH = 80


# Letters NFKD does not take apart into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                                 "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
                                 "Þ": "TH", "ı": "i"})


def strip_accents(text: str) -> str:
    """Letters without their accents: "Søren Jégou" -> "Soren Jegou"; other scripts are kept."""
    if text.isascii():  # most names and titles: nothing to take apart
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_title(title: str) -> str:
    """Lowercase ASCII words: "Écoles & U-Net!" and "ecoles u net" are the same title."""
    ascii_text = strip_accents(title).encode("ascii", "ignore").decode("ascii")  # drops ’ and other scripts
    return " ".join(_WORD.findall(ascii_text.lower()))


def arxiv_key(arxiv_id: str | None) -> str | None:
    return _ARXIV_VERSION.sub("", arxiv_id.strip().lower()) if arxiv_id else None


def doi_key(doi: str | None) -> str | None:
    if not doi:
        return None
    doi = doi.strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        doi = doi.removeprefix(prefix)
    return doi


def identifier_keys(paper: Paper) -> list[str]:
    """The keys that prove two records are one paper, strongest first."""
    keys = []
    if arxiv := arxiv_key(paper.arxiv_id):
        keys.append(f"arxiv:{arxiv}")
    if doi := doi_key(paper.doi):
        keys.append(f"doi:{doi}")
    return keys


def title_key(paper: Paper) -> str:
    return f"title:{normalise_title(paper.title)}"


def base_slug(title: str) -> str:
    """The title as a URL part; a long one is cut at a word and keeps a hash of the whole."""
    slug = normalise_title(title).replace(" ", "-") or "untitled"
    if len(slug) <= MAX_SLUG_LENGTH:
        return slug
    cut = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return f"{cut}-{short_hash(slug)}"


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def assign_slugs(papers: list[Paper]) -> None:
    """Give each paper its slug; papers sharing a title are told apart by their own identifiers."""
    by_slug: dict[str, list[Paper]] = {}
    for paper in papers:
        by_slug.setdefault(base_slug(paper.title), []).append(paper)
    for slug, group in by_slug.items():
        for paper in group:
            if len(group) == 1:
                paper.slug = slug
            else:
                own = (identifier_keys(paper) or [paper.sources[0].path + str(paper.sources[0].line)])[0]
                paper.slug = f"{slug}-{short_hash(own)}"
