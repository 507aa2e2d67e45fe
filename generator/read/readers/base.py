"""What every reader shares: the document it reads, the result it returns, and text helpers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer

from generator.model import Collection, Paper, Problem, Severity, SourceRef
from generator.read.manifest import SourceInfo


@dataclass(frozen=True, slots=True)
class SeedDocument:
    """A seed file decoded to text; `path` is relative to the seeds folder, for messages."""

    path: str
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(slots=True)
class ReadResult:
    """A reader's whole output: the papers, the collection they form, and what went wrong."""

    collection: Collection
    papers: list[Paper] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, document: SeedDocument, line: int, message: str, warning: bool = False) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.problems.append(Problem(document.path, line, message, severity))


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Consecutive non-blank lines; `line` is the 1-based number of the first."""

    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(part.strip() for part in self.lines)


def decode_seed(path: Path, relative: str) -> tuple[SeedDocument | None, list[Problem]]:
    """Decode a seed's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else a guess.

    A guessed encoding is reported, so a mis-encoded file never passes unnoticed.
    """
    return decode_bytes(path.read_bytes(), relative)


def decode_bytes(data: bytes, relative: str, advice: str = "") -> tuple[SeedDocument | None, list[Problem]]:
    """`decode_seed` for bytes already read; `advice` ends the message of a file that has no text."""
    advice = f" ({advice})" if advice else ""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, problems = data.decode("utf-16"), []
    elif b"\x00" in data[:4096]:
        return None, [Problem(relative, 1, f"binary file, not text; skipped{advice}")]
    else:
        try:
            text, problems = data.decode("utf-8-sig"), []
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            encoding = guess_encoding(data)
            text = data.decode(encoding, errors="replace")
            message = (f"not valid UTF-8 (byte {error.start} of the file); read as {encoding}: check its "
                       "accented letters, or save the file as UTF-8")
            problems = [Problem(relative, line, message, Severity.WARNING)]
    if not text.strip():
        return None, [Problem(relative, 1, f"empty file; nothing to read{advice}", Severity.WARNING)]
    return SeedDocument(relative, text.replace("\r\n", "\n").replace("\r", "\n")), problems


def guess_encoding(data: bytes) -> str:
    """A multi-byte encoding (GBK, Shift JIS, ...) when detection finds one, else Windows-1252.

    Detection is unreliable on short Western text, where Windows-1252 (a superset of the
    printable Latin-1) is the likely truth; for CJK text, its byte patterns are unmistakable.
    """
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding in _MULTI_BYTE_ENCODINGS:
        return best.encoding
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def paragraphs(lines: list[str], start: int = 0) -> list[Paragraph]:
    """Split lines into blank-line separated paragraphs, keeping line numbers."""
    found: list[Paragraph] = []
    current: list[str] = []
    first = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip():
            if not current:
                first = index + 1
            current.append(line)
        elif current:
            found.append(Paragraph(first, tuple(current)))
            current = []
    if current:
        found.append(Paragraph(first, tuple(current)))
    return found


def new_collection(document: SeedDocument, source: SourceInfo, format_name: str) -> Collection:
    """The collection a seed forms, described by the manifest."""
    return Collection(
        name=source.collection,
        title=source.title,
        description=source.description,
        origin=source.origin,
        listing_date=source.listing_date,
        format=format_name,
        paths=[document.path],
    )


def new_paper(title: str, document: SeedDocument, source: SourceInfo, line: int, format_name: str) -> Paper:
    """A paper carrying the manifest's defaults (venue, year, booktitle) and its provenance."""
    return Paper(
        title=normalise_space(title),
        sources=[SourceRef(source.collection, document.path, line, format_name)],
        venue=source.venue,
        year=source.year,
        booktitle=source.booktitle,
    )


_MULTI_BYTE_ENCODINGS = {"gb18030", "gb2312", "gbk", "big5", "big5hkscs", "shift_jis", "cp932", "euc_jp",
                         "euc_kr", "cp949", "iso2022_jp", "johab"}
_SPACE = re.compile(r"\s+")
_URL = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co", "codeberg.org")


def normalise_space(text: str) -> str:
    """Collapse runs of white space, as HTML would."""
    return _SPACE.sub(" ", text).strip()


def find_links(text: str | None) -> dict[str, str]:
    """Code and project URLs that an abstract or comment mentions: code hosts are 'code'."""
    links: dict[str, str] = {}
    for match in _URL.finditer(text or ""):
        url = match.group(0).rstrip(".,;:")
        kind = "code" if any(host in url.lower() for host in _CODE_HOSTS) else "project"
        links.setdefault(kind, url)
    return links


_MONTHS = {name: index for index, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def month_day_date(month: str, day: int, year: int | None, listing: dt.date | None) -> dt.date | None:
    """A "May 22" style date; with no year, the latest such date not after the listing date."""
    number = _MONTHS.get(month[:3].lower())
    if number is None:
        return None
    if year is None:
        if listing is None:
            return None
        year = listing.year
        if (number, day) > (listing.month, listing.day):
            year -= 1
    try:
        return dt.date(year, number, day)
    except ValueError:
        return None
