"""How each field of `annotations.yml` is read: values checked and converted, and corrections.

Each `*_value` turns what YAML gave into the field's type or raises `Invalid` with the reason;
`CORRECTIONS` maps each correctable field (the vocabulary of a papers-yaml seed) to the function
that writes it into the paper's own fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from generator.enrich.reading import RATING_MAX, STATUSES, normalise_status
from generator.model import Author, Paper
from generator.read.readers.base import normalise_space
from generator.read.readers.yaml_papers import ENTRY_TYPES
from generator.site.escape import safe_url


class Invalid(ValueError):
    """A value that does not fit its field; the message says why, after the value."""


# Values: each turns what YAML gave into the field's type, or raises Invalid.

def status_value(value: Any) -> str:
    status = normalise_status(value) if isinstance(value, str) else ""
    if status not in STATUSES:
        raise Invalid(f"is not one of {', '.join(STATUSES)}")
    return status


def rating_value(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= RATING_MAX:
        raise Invalid(f"is not a whole number from 1 to {RATING_MAX}")
    return value


def priority_value(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid("is not a whole number from 1 up (1 is read first)")
    return value


def date_value(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid("is not a date YYYY-MM-DD") from None


def year_value(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
        raise Invalid("is not a four-digit year")
    return value


def line_value(value: Any) -> str:
    """Text on one line; numbers are accepted as text (a volume of 3, pages 127)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
        raise Invalid("is not a line of text")
    return normalise_space(str(value))


def text_value(value: Any) -> str:
    """Text that may hold paragraphs: each paragraph's spacing is kept as written."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid("is not text")
    return value.strip()


def strings_value(value: Any) -> list[str]:
    """A list of names or tags; a single one may be given without the list."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, (str, int, float)) for item in items):
        raise Invalid("is not a list of text")
    return [normalise_space(str(item)) for item in items if str(item).strip()]


# Corrections: the vocabulary of a papers-yaml seed, written into the paper's own fields.

def _correct_field(attribute: str, convert: Callable[[Any], Any]) -> Callable[[Paper, Any], None]:
    return lambda paper, value: setattr(paper, attribute, convert(value))


def _correct_link(kind: str) -> Callable[[Paper, Any], None]:
    def correct(paper: Paper, value: Any) -> None:
        url = safe_url(line_value(value))
        if url is None:
            raise Invalid("is not an http(s) URL")
        paper.links[kind] = url
    return correct


def _correct_authors(paper: Paper, value: Any) -> None:
    paper.authors = [Author(name) for name in strings_value(value)]
    paper.author_count = None  # the count comes from the list now


def _correct_abstract(paper: Paper, value: Any) -> None:
    paper.abstract = text_value(value)
    paper.abstract_truncated = False


def _correct_arxiv(paper: Paper, value: Any) -> None:
    """A corrected arXiv id also corrects the links made from it."""
    paper.arxiv_id = line_value(value)
    paper.links["abstract"] = f"https://arxiv.org/abs/{paper.arxiv_id}"
    paper.links["pdf"] = f"https://arxiv.org/pdf/{paper.arxiv_id}"


def _correct_primary_class(paper: Paper, value: Any) -> None:
    category = line_value(value)
    paper.categories = [category, *(c for c in paper.categories if c != category)]


def entry_type_value(value: Any) -> str:
    if value not in ENTRY_TYPES:
        raise Invalid(f"is not one of {', '.join(sorted(ENTRY_TYPES))}")
    return str(value)


_LINE_FIELDS = ("title", "venue", "booktitle", "journal", "volume", "number", "pages", "publisher",
                "organisation", "tldr", "comment", "journal_ref", "doi")
CORRECTIONS: dict[str, Callable[[Paper, Any], None]] = {
    **{name: _correct_field(name, line_value) for name in _LINE_FIELDS},
    "year": _correct_field("year", year_value),
    "date": _correct_field("date", date_value),
    "entry_type": _correct_field("entry_type", entry_type_value),
    "authors": _correct_authors,
    "abstract": _correct_abstract,
    "arxiv": _correct_arxiv,
    "primary_class": _correct_primary_class,
    **{kind: _correct_link(kind) for kind in ("url", "pdf", "code", "project")},
}
