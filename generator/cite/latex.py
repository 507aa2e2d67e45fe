"""Text to LaTeX for BibTeX fields, and LaTeX back to text: the two directions agree.

Writing (`to_latex`, `title_to_latex`) makes any Unicode text safe inside a braced BibTeX field
and for 8-bit BibTeX and pdflatex:
- the ten specials `\\ { } & % $ # _ ~ ^` and `< > |` (which OT1 fonts print as other glyphs) are
  escaped; braces become `\\textbraceleft{}`/`\\textbraceright{}` because BibTeX counts `\\{` as a
  brace and would find the field unbalanced;
- ligatures LaTeX would form (`--`, ` `` `, `''`, `?``, `!``) are broken with `{}`, so the text
  prints as written;
- non-ASCII letters become accent commands via pylatexenc (`ö` -> `{\\"o}`); a character with no
  LaTeX form that reads back as itself stays as it is (UTF-8), so no text is ever lost;
- in titles, `$math$` stays math (braced, so styles do not lowercase it) when it is plain ASCII
  LaTeX with balanced braces, and words styles must not lowercase are braced: acronyms and words
  with inner capitals (`{ViT}`, `{U-Net}`, `{DINOv2}`), a few proper nouns (`{Bayesian}`), and in a
  sentence-case title every capitalised word after the first.

Reading (`to_text`) decodes LaTeX with pylatexenc: accents to Unicode, groups dropped, math kept
verbatim, unknown macros reduced to their arguments. `to_text(to_latex(s)) == s` for any text
in NFC without control characters; the property tests check it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pylatexenc import latexwalker
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexencode import UnicodeToLatexEncoder
from pylatexenc.macrospec import MacroSpec

_ASCII_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
}
# Pairs LaTeX (and pylatexenc) read as one glyph: "--" is an en dash, "``" an opening quote.
# Each is matched by its first character (a search the regex engine can skip ahead for), and a
# mark goes after it.
_LIGATURES = re.compile(r"[-\u2013\u2014](?=[-\u2013\u2014])|`(?=`)|'(?=')|[?!](?=`)|,(?=,)")
_DASHES = {"\u2013": "--", "\u2014": "---"}  # en and em dash, as LaTeX writes them
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MATH = re.compile(r"\$([^$]+)\$")
_SAFE_MATH = re.compile(r"[\x20-\x7e]+")
_ENCODER = UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                 unknown_char_policy="keep", unknown_char_warning=False)
_PLAIN_TO_LATEX = str.maketrans({"\x00": "{}", **_ASCII_ESCAPES, **_DASHES})  # one pass, in C
# Words that name someone or something: styles must not lowercase them even in Title Case.
PROPER_NOUNS = {
    "bayes", "bayesian", "bernoulli", "boltzmann", "chinese", "dirichlet", "english", "euclidean",
    "euler", "fourier", "french", "gaussian", "german", "gibbs", "hamiltonian", "hessian", "hilbert",
    "hopfield", "jacobian", "japanese", "kalman", "langevin", "laplace", "laplacian", "lipschitz",
    "lyapunov", "markov", "markovian", "monte", "carlo", "nash", "newton", "poisson", "riemann",
    "riemannian", "shapley", "transformer", "transformers", "wasserstein", "wikipedia",
}


def to_latex(text: str) -> str:
    """Plain text as the LaTeX of a BibTeX field value: prints as `text`, reads back as `text`."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    text = _LIGATURES.sub("\\g<0>\x00", text).translate(_PLAIN_TO_LATEX)  # "\x00": a `{}` between the two
    return _encode_letters(text)


def encode_non_ascii(latex: str) -> str:
    """LaTeX someone wrote, with only its non-ASCII letters spelled as LaTeX (for 8-bit BibTeX)."""
    return _encode_letters(unicodedata.normalize("NFC", latex))


def _encode_letters(text: str) -> str:
    """Each non-ASCII character as `_encode_char` spells it; most text is ASCII and skips the search."""
    return text if text.isascii() else _NON_ASCII.sub(lambda match: _encode_char(match.group()), text)


def title_to_latex(title: str) -> str:
    """A title: escaped, `$math$` kept as math, and words that must keep their case braced."""
    title = unicodedata.normalize("NFC", title)
    pieces = _split_math(title)
    sentence_case = _is_sentence_case(" ".join(text for text, is_math in pieces if not is_math))
    out = []
    at_start = True
    for text, is_math in pieces:
        if is_math:
            out.append("{" + text + "}")
            at_start = False
            continue
        for token in re.split(r"(\s+)", text):
            if not token or token.isspace():
                out.append(token)
                continue
            out.append(_protect_word(token, sentence_case and not at_start))
            at_start = token.endswith((":", ".", "?", "!"))
    return "".join(out)


def _split_math(title: str) -> list[tuple[str, bool]]:
    """Text and `$math$` pieces; math that could break LaTeX or BibTeX counts as text."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _MATH.finditer(title):
        if not _is_safe_math(match.group(1)):
            continue
        pieces.append((title[position:match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    pieces.append((title[position:], False))
    return [(text, is_math) for text, is_math in pieces if text]


def _is_safe_math(body: str) -> bool:
    if not _SAFE_MATH.fullmatch(body) or any(char in body for char in "%#&") or body.endswith("\\"):
        return False
    if body != body.strip():
        return False
    return _balanced(body) and _balanced(re.sub(r"\\[{}]", "", body)) and "\\\\" not in body


def _balanced(text: str) -> bool:
    """Braces pair up; BibTeX counts `\\{` as a brace, LaTeX does not, so callers check both."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _is_sentence_case(text: str) -> bool:
    """Most longer words after the first are lowercase ("Shortcut learning in deep networks")."""
    words = [word for word in re.findall(r"[^\W\d_]{4,}", text)[1:]]
    if len(words) < 2:
        return False
    return sum(word[0].islower() for word in words) > len(words) / 2


_WORD_CORE = re.compile(r"^(\W*)(.*?\w)(\W*)$", re.DOTALL)


def _protect_word(token: str, capital_is_proper: bool) -> str:
    match = _WORD_CORE.match(token)
    if not match:
        return to_latex(token)
    lead, core, trail = match.groups()
    if _keeps_case(core, capital_is_proper):
        return to_latex(lead) + "{" + to_latex(core) + "}" + to_latex(trail)
    return to_latex(token)


def _keeps_case(word: str, capital_is_proper: bool) -> bool:
    parts = [part for part in re.split(r"[-/]", word) if part]
    for part in parts:
        letters = [char for char in part if char.isalpha()]
        if not letters:
            continue
        if any(char.isupper() for char in part[1:]):  # ViT, LiDAR, 3D, CNNs, DINOv2
            return True
        if len(part) == 1 and part.isupper() and len(parts) > 1:  # U-Net, X-ray
            return True
    if word.lower() in PROPER_NOUNS:
        return True
    return capital_is_proper and word[:1].isupper()


@functools.lru_cache(maxsize=4096)
def _encode_char(char: str) -> str:
    """pylatexenc's LaTeX for one character, if it reads back as that character; else itself."""
    latex = _ENCODER.unicode_to_latex(char)
    if latex != char and _decode(latex) != char:
        return char
    return latex


# Reading: pylatexenc's defaults, plus the macros our writer uses and a few common in .bib files.
_TEXT_MACROS = [
    MacroTextSpec("textless", "<"), MacroTextSpec("textgreater", ">"), MacroTextSpec("textbar", "|"),
    MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}"),
    MacroTextSpec("textasciicircum", "^"), MacroTextSpec("textasciitilde", "~"),
    MacroTextSpec("textbackslash", "\\"),
    MacroTextSpec("url", "%(1)s"), MacroTextSpec("href", "%(2)s"),
    MacroTextSpec("mbox", "%(1)s"), MacroTextSpec("hbox", "%(1)s"), MacroTextSpec("textnormal", "%(1)s"),
    MacroTextSpec("noopsort", ""), MacroTextSpec("relax", ""),
]
_WALKER_MACROS = [MacroSpec("url", "{"), MacroSpec("href", "{{"), MacroSpec("mbox", "{"), MacroSpec("hbox", "{"),
                  MacroSpec("textnormal", "{"), MacroSpec("noopsort", "{")]


@functools.lru_cache(maxsize=1)
def _decoder() -> tuple[LatexNodes2Text, object]:
    text_db = get_default_latex_context_db()
    text_db.add_context_category("bibtex", prepend=True, macros=_TEXT_MACROS)
    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category("bibtex", prepend=True, macros=_WALKER_MACROS)
    return LatexNodes2Text(latex_context=text_db, math_mode="verbatim", strict_latex_spaces=True), walker_db


def _decode(latex: str) -> str:
    converter, walker_db = _decoder()
    try:
        walker = latexwalker.LatexWalker(latex, latex_context=walker_db, tolerant_parsing=True)
        nodes, _, _ = walker.get_latex_nodes()
        return converter.nodelist_to_text(nodes)
    except Exception:  # noqa: BLE001 - pylatexenc fails on some malformed input; keep the text
        return latex.replace("{", "").replace("}", "")


# Text without any of these reads as itself: most abstracts and names, which skip pylatexenc (slow).
_LATEX_SYNTAX = re.compile(r"[\\{}$~%&#^_`]|--|''")


def to_text(latex: str) -> str:
    """A field's LaTeX as text to show: accents decoded, groups and formatting dropped, math kept."""
    if _LATEX_SYNTAX.search(latex) is None:
        return unicodedata.normalize("NFC", latex)
    return unicodedata.normalize("NFC", _decode(latex))
