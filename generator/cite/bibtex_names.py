"""Author names between our display form ("Given Family") and BibTeX's `author` field.

Writing: a personal name goes as written (arXiv's export does the same; BibTeX reads
"First von Last"), except that a trailing "Jr."/"III" is written "Last, Jr., First" so BibTeX
does not take it for the surname. A name BibTeX would split or misread is braced whole: corporate
authors ("{Gemini Team, Google}", "{Llama Team, AI @ Meta}"), and any name with a comma, the word
"and", or that is just "others".

Reading: the field is split on top-level " and ", each name's "Last, First" or
"Last, Jr, First" form is turned back into "First Last [Jr]", and LaTeX is decoded to text.
"""

from __future__ import annotations

import re

from generator.cite.latex import to_latex, to_text
from generator.enrich.identity import strip_accents

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"}
# Words that mark a name as an organisation's, not a person's.
_ORGANISATION_WORDS = {
    "team", "consortium", "collaboration", "group", "inc", "inc.", "ltd", "ltd.", "llc", "lab", "labs",
    "laboratory", "laboratories", "institute", "university", "project", "committee", "association",
    "society", "foundation", "corporation", "corp.", "organization", "organisation", "center", "centre",
    "contributors", "google", "meta", "microsoft", "openai", "deepmind", "anthropic", "nvidia",
    "research", "@", "&",
}
_NAME_STOP_WORDS = {"the", "a", "an", "of", "and", "for"}


def is_organisation(name: str) -> bool:
    words = name.lower().replace(",", " ").split()
    return any(word in _ORGANISATION_WORDS for word in words)


def _needs_braces(name: str) -> bool:
    words = name.lower().split()
    return ("," in name or "and" in words or name.strip().lower() == "others" or is_organisation(name)
            or "{" in name or "}" in name)


def name_to_latex(name: str) -> str:
    """One display name as BibTeX should read it."""
    name = " ".join(name.split())
    if _needs_braces(name):
        return "{" + to_latex(name) + "}"
    words = name.split(" ")
    if len(words) >= 3 and words[-1].lower() in _SUFFIXES:
        return f"{to_latex(words[-2])}, {to_latex(words[-1])}, {to_latex(' '.join(words[:-2]))}"
    return to_latex(name)


def names_to_latex(names: list[str]) -> str:
    return " and ".join(name_to_latex(name) for name in names if name.strip())


def split_names(field: str) -> list[str]:
    """An `author`/`editor` field's names, as display text, in order."""
    return [name for name in (_display(part) for part in _top_level_split(field, r"\s+and\s+")) if name]


def _display(latex_name: str) -> str:
    latex_name = latex_name.strip()
    if latex_name.startswith("{") and latex_name.endswith("}") and _encloses(latex_name):
        return " ".join(to_text(latex_name[1:-1]).split())
    parts = [part.strip() for part in _top_level_split(latex_name, r",")]
    if len(parts) == 2:
        last, first = parts
        ordered = [first, last]
    elif len(parts) >= 3:
        last, junior, first = parts[0], parts[1], ", ".join(parts[2:])
        ordered = [first, last, junior]
    else:
        ordered = parts
    return " ".join(" ".join(to_text(part) for part in ordered if part).split())


def _encloses(text: str) -> bool:
    """The first brace is closed by the last character (counting braces as BibTeX does)."""
    depth = 0
    for index, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index == len(text) - 1
    return False


def _top_level_split(text: str, separator: str) -> list[str]:
    """Split at `separator` where it is outside braces (BibTeX counts every brace)."""
    pattern = re.compile(separator, re.IGNORECASE)
    parts, depth, start, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            match = pattern.match(text, index)
            if match and match.end() > match.start():
                parts.append(text[start:index])
                start = index = match.end()
                continue
        index += 1
    parts.append(text[start:])
    return parts


def family_word(name: str) -> str:
    """The word a citation key takes from a name: the surname, or an organisation's first word."""
    words = name.replace(",", " ").split()
    if not words:
        return ""
    if is_organisation(name):
        significant = [word for word in words if ascii_word(word) and word.lower() not in _NAME_STOP_WORDS]
        return ascii_word(significant[0]) if significant else ""
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words = words[:-1]
    return ascii_word(words[-1])


def ascii_word(text: str) -> str:
    """Lowercase ASCII letters and digits only: "Łukasz" -> "lukasz", "Jörn-Henrik" -> "jornhenrik"."""
    return re.sub(r"[^a-z0-9]", "", strip_accents(text).lower())


def name_parts(name: str) -> tuple[str, str, str, str] | None:
    """(given, particle, family, suffix) as BibTeX reads the name `name_to_latex` writes ("First von
    Last", or "Last, Jr, First"), for formats that store names in parts; None for a name written
    braced whole (an organisation), which has no parts."""
    name = " ".join(name.split())
    if not name or _needs_braces(name):
        return None
    words = name.split(" ")
    if len(words) >= 3 and words[-1].lower() in _SUFFIXES:
        return " ".join(words[:-2]), "", words[-2], words[-1]
    lower = [index for index, word in enumerate(words[:-1]) if word[:1].islower()]
    if not lower:
        return " ".join(words[:-1]), "", words[-1], ""
    first, last = lower[0], lower[-1]
    return " ".join(words[:first]), " ".join(words[first:last + 1]), " ".join(words[last + 1:]), ""
