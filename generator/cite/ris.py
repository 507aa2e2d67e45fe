"""RIS for every paper: the tagged format EndNote, Zotero, Mendeley and RefWorks import.

A record is one `TAG  - value` line per field, from `TY` to `ER`. It says what the CSL-JSON
item says (`csl.csl_item`, so the same type, names, date and URL as the BibTeX): authors as
"Family, Given[, Suffix]" in order, the year in `PY` and the full date in `DA` when known. Every
value is put on one line with its white space folded and control characters dropped, so no seed
text can start a tag or end the record.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from generator.cite.csl import csl_item
from generator.model import Paper

NEWLINE = "\r\n"  # the RIS specification ends every line with CR LF
# CSL type -> RIS type: a preprint is an unpublished work (UNPB), a generic document GEN.
RIS_TYPES = {
    "article-journal": "JOUR",
    "paper-conference": "CPAPER",
    "chapter": "CHAP",
    "book": "BOOK",
    "report": "RPRT",
    "thesis": "THES",
    "article": "UNPB",
    "document": "GEN",
}


def ris_record(paper: Paper) -> str:
    """The paper's record, from `TY` to `ER`, with its abstract."""
    return record_of(csl_item(paper))


def record_of(item: dict[str, Any]) -> str:
    """One RIS record of a CSL-JSON item."""
    lines = [("TY", RIS_TYPES.get(item["type"], "GEN")), ("ID", item["id"]), ("TI", item["title"])]
    lines += [("AU", ris_name(name)) for name in item.get("author", [])]
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        lines.append(("PY", f"{parts[0]:04d}"))
    if len(parts) == 3:
        lines.append(("DA", "{:04d}/{:02d}/{:02d}".format(*parts)))
    lines += [(tag, item[key]) for tag, key in (("T2", "container-title"), ("VL", "volume"), ("IS", "issue"))
              if item.get(key)]
    lines += _pages(item.get("page"))
    lines += [(tag, item[key]) for tag, key in (("PB", "publisher"), ("AN", "number"), ("DO", "DOI"),
                                                ("UR", "URL"), ("N1", "note"), ("AB", "abstract")) if item.get(key)]
    text = "".join(f"{tag}  - {one_line(str(value))}{NEWLINE}" for tag, value in lines)
    return text + f"ER  - {NEWLINE}"


def ris_file(papers: list[Paper], record_texts: dict[str, str] | None = None) -> str:
    """A .ris file: the papers' records, a blank line apart; `record_texts` (slug -> `ris_record`) saves writing one again."""
    texts = record_texts or {}
    return NEWLINE.join(texts[paper.slug] if paper.slug in texts else ris_record(paper) for paper in papers)


def ris_name(name: dict[str, str]) -> str:
    """"Family, Given, Suffix" (the particle with the family name), or an organisation's name as it is."""
    if "literal" in name:
        return name["literal"]
    family = " ".join(part for part in (name.get("non-dropping-particle"), name.get("family")) if part)
    return ", ".join(part for part in (family, name.get("given"), name.get("suffix")) if part)


def one_line(text: str) -> str:
    """`text` on one line: white space (line breaks included) folded to single spaces, control characters dropped."""
    folded = " ".join(text.split())
    if folded.isprintable():
        return folded
    return "".join(char for char in folded if unicodedata.category(char) != "Cc")


def _pages(page: str | None) -> list[tuple[str, str]]:
    if not page:
        return []
    start, _, end = page.partition("-")
    return [("SP", start), ("EP", end)] if end else [("SP", start)]
