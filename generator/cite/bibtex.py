"""BibTeX for every paper: the entry its page shows, and the text of the .bib files the site offers.

Entries are built as bibtexparser blocks and written by bibtexparser; this module decides the
entry type and the fields, `latex` makes their text safe, `citation_keys` picks the keys.

What an entry says, by what the sources know:
- a paper from a user's .bib seed: the user's own entry, fields and LaTeX as they wrote them
  (macros and crossref resolved, non-ASCII letters spelled as LaTeX), re-keyed only if its key is
  taken;
- an arXiv paper: arXiv's own export (`@misc` with eprint, archivePrefix, primaryClass, url), plus
  the DOI and the journal reference as a note when known, or the publisher's type when a
  curated source states one;
- a conference paper: `@inproceedings` with the proceedings' booktitle and the year;
- anything else: `@misc` with the url and the venue as a note.
Nothing is invented. Without author names an entry gets a `key` field (the submitting
organisation, else the title before any colon) so styles can sort and label it without a
warning. An entry type whose required fields are missing would make BibTeX warn, so the entry
falls back to `@misc` and keeps what it knows in a note.
Entries on pages leave the abstract out (the page shows it above); the .bib downloads carry it.
"""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Entry, Field, ImplicitComment, Preamble
from bibtexparser.writer import BibtexFormat

from generator.cite import citation_keys
from generator.cite.bibtex_names import names_to_latex
from generator.cite.latex import encode_non_ascii, title_to_latex, to_latex
from generator.model import Paper
from generator.site.escape import safe_url

NO_DATE = "n.d."  # author-year styles (plainnat) warn on an empty year; "no date" is what they print
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# What plain.bst checks for each type (besides title); a missing one is a BibTeX warning.
REQUIRED = {
    "article": ("author", "journal", "year"),
    "inproceedings": ("author", "booktitle", "year"),
    "conference": ("author", "booktitle", "year"),
    "incollection": ("author", "booktitle", "publisher", "year"),
    "book": ("author", "publisher", "year"),
    "misc": (),
}
# Types that print volume or number, not both ("can't use both volume and number").
_VOLUME_OR_NUMBER = {"inproceedings", "conference", "incollection", "book"}
# Fields whose value is an identifier or a path, not text: written as given.
VERBATIM_FIELDS = {"url", "doi", "eprint", "file", "isbn", "issn", "archiveprefix", "primaryclass"}

_FORMAT = BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.block_separator = "\n"


def assign_keys(papers: list[Paper]) -> None:
    citation_keys.assign_keys(papers)


def render_entry(paper: Paper) -> str:
    """The entry a paper's page shows: no abstract, no preamble."""
    return _write([entry_for(paper, abstract=False)]).strip() + "\n"


def render_entries(papers: list[Paper], header: str | None = None,
                   entry_texts: dict[str, str] | None = None) -> str:
    """A .bib file: an optional comment, the @preambles the entries need, then every entry with
    its abstract, in the order given. `entry_texts` (slug -> `entry_text`) saves writing an entry
    again for each file it is in."""
    blocks: list = []
    if header:
        safe = header.replace("@", " at ")  # BibTeX starts an entry at any "@", even in a comment
        blocks.append(ImplicitComment("\n".join(f"% {line}".rstrip() for line in safe.splitlines())))
    preambles: list[str] = []
    for paper in papers:
        for preamble in paper.source_bibtex.preambles if paper.source_bibtex else ():
            if preamble not in preambles:
                preambles.append(preamble)
    blocks.extend(Preamble(f"{{{preamble}}}") for preamble in preambles)
    texts = entry_texts or {}
    # bibtexparser writes each block on its own and joins them with the block separator
    pieces = [_write([block]) for block in blocks]
    pieces += [texts[paper.slug] if paper.slug in texts else entry_text(paper) for paper in papers]
    return _FORMAT.block_separator.join(pieces)


def entry_text(paper: Paper) -> str:
    """The paper's entry with its abstract, as a .bib file writes it."""
    return _write([entry_for(paper, abstract=True)])


def _write(blocks: list) -> str:
    library = bibtexparser.Library(blocks)
    stack = default_unparse_stack(allow_inplace_modification=True)  # our blocks are fresh: no copies
    return bibtexparser.write_string(library, unparse_stack=stack, bibtex_format=_FORMAT)


def entry_for(paper: Paper, abstract: bool = False) -> Entry:
    """The paper's entry as a bibtexparser block (see the module docstring)."""
    if paper.source_bibtex is not None:
        return _user_entry(paper, abstract)
    return _generated_entry(paper, abstract)


def _generated_entry(paper: Paper, abstract: bool) -> Entry:
    entry_type = entry_type_for(paper)
    fields: list[tuple[str, str | None]] = [
        ("title", title_to_latex(paper.title)),
        ("author", names_to_latex([author.name for author in paper.authors]) or None),
        ("key", None if paper.authors else to_latex(_sort_key(paper))),
        ("journal", to_latex(paper.journal) if entry_type == "article" and paper.journal else None),
        ("booktitle", to_latex(paper.booktitle) if entry_type in ("inproceedings", "conference", "incollection")
         and paper.booktitle else None),
        ("volume", to_latex(paper.volume) if paper.volume and entry_type != "misc" else None),
        ("number", to_latex(paper.number) if paper.number and entry_type != "misc" and not (
            paper.volume and entry_type in _VOLUME_OR_NUMBER) else None),
        ("pages", _pages(paper.pages) if paper.pages and entry_type != "misc" else None),
        ("publisher", to_latex(paper.publisher) if paper.publisher and entry_type != "misc" else None),
        ("year", str(paper.effective_year) if paper.effective_year else NO_DATE),
        ("month", MONTHS[paper.date.month - 1] if paper.date and paper.date.year == paper.effective_year
         and entry_type == "misc" and not paper.arxiv_id else None),
        ("eprint", paper.arxiv_id),
        ("archivePrefix", "arXiv" if paper.arxiv_id else None),
        ("primaryClass", paper.primary_category if paper.arxiv_id else None),
        ("doi", _verbatim(paper.doi) if paper.doi else None),
        ("url", _url(paper)),
        ("note", _note(paper, entry_type)),
        ("abstract", to_latex(paper.abstract) if abstract and paper.abstract and not paper.abstract_truncated
         else None),
    ]
    entry = Entry(entry_type, paper.bibtex_key, [Field(name, value) for name, value in fields if value])
    for field in entry.fields:
        if field.key == "month":
            field.enclosing = "no-enclosing"  # the style's macro: "sep" prints as "September"
    return entry


def entry_type_for(paper: Paper) -> str:
    """The stated or guessed type, unless BibTeX would warn about a missing required field."""
    stated = paper.entry_type or ("inproceedings" if paper.booktitle else "article" if paper.journal else "misc")
    have = {"author": bool(paper.authors), "journal": bool(paper.journal), "booktitle": bool(paper.booktitle),
            "publisher": bool(paper.publisher), "year": bool(paper.effective_year)}
    required = REQUIRED.get(stated)
    if required is None or not all(have[name] for name in required):
        return "misc"
    return stated


def _user_entry(paper: Paper, abstract: bool) -> Entry:
    """The user's own entry; fields their annotations correct are replaced by the corrected ones."""
    source = paper.source_bibtex
    assert source is not None
    corrected = _corrected_fields(paper, abstract)
    fields = []
    for name, value in source.fields:
        lower = name.lower()
        if lower == "abstract" and not abstract:
            continue
        if lower in corrected:
            fields.append(corrected.pop(lower))
            continue
        field = Field(name, value if lower in VERBATIM_FIELDS else encode_non_ascii(value))
        if lower == "month" and value.lower() in MONTHS:
            field.enclosing = "no-enclosing"
        fields.append(field)
    fields.extend(corrected.values())
    return Entry(source.entry_type, paper.bibtex_key, fields)


# Which BibTeX fields an annotation's correction (seeds/annotations.yml) rewrites.
_CORRECTION_FIELDS = {"title": ("title",), "authors": ("author",), "year": ("year",), "booktitle": ("booktitle",),
                      "journal": ("journal",), "volume": ("volume",), "number": ("number",), "pages": ("pages",),
                      "publisher": ("publisher",), "doi": ("doi",), "arxiv": ("eprint", "archiveprefix"),
                      "url": ("url",), "abstract": ("abstract",)}


def _corrected_fields(paper: Paper, abstract: bool) -> dict[str, Field]:
    """Our own rendering of each field the owner corrected, by lowercase name."""
    names = {field for correction in (paper.annotation.corrected if paper.annotation else ())
             for field in _CORRECTION_FIELDS.get(correction, ())}
    if not names:
        return {}
    generated = _generated_entry(paper, abstract)
    return {field.key.lower(): field for field in generated.fields if field.key.lower() in names}


def _sort_key(paper: Paper) -> str:
    """What styles sort and label an entry without authors by: who submitted it, or its title."""
    if paper.organisation:
        return paper.organisation
    return paper.title.split(":")[0].strip() or paper.title


def _pages(pages: str) -> str:
    """"665-673" or "665–673" as BibTeX's range "665--673"."""
    return "--".join(to_latex(part.strip()) for part in re.split(r"\s*[-–—]+\s*", pages))


def _verbatim(value: str) -> str:
    """An identifier or URL: only what would break the field or LaTeX is escaped."""
    value = value.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")
    return value.replace("%", r"\%").replace("#", r"\#")


def _url(paper: Paper) -> str | None:
    """The first http(s) URL of the paper's own page, its abstract page or its project page."""
    for kind in ("url", "abstract", "project"):
        url = safe_url(paper.links.get(kind))
        if url:
            return _verbatim(url)
    return None


def _note(paper: Paper, entry_type: str) -> str | None:
    if entry_type != "misc":
        return None
    if paper.journal_ref:
        return to_latex(paper.journal_ref)
    venue = paper.venue or paper.booktitle or paper.journal
    if venue and not paper.arxiv_id:
        return to_latex(venue)
    return None
