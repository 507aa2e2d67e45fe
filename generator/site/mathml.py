"""Math in titles and abstracts: `$...$` becomes MathML at build time.

Browsers render MathML natively, so the site needs no math library at all (nothing to download,
nothing from a CDN). latex2mathml does the conversion; its output is then filtered to MathML
elements and presentation attributes only, since LaTeX like `\\href{javascript:...}` would
otherwise turn seed text into a link.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable

from latex2mathml.converter import convert
from markupsafe import Markup

from generator.site.escape import markdown_characters, one_line

MATHML = "http://www.w3.org/1998/Math/MathML"
# `$x$` but not "$5 and $10": the content must not start or end with a space, nor the closing
# dollar be followed by a digit or letter.
_INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?=\S)([^$\n]{1,300}?)(?<=\S)(?<!\\)\$(?![\w$])")
_ELEMENTS = {"math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub", "msubsup", "mfrac",
             "msqrt", "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded",
             "mphantom", "menclose", "mfenced", "semantics", "annotation"}
_ATTRIBUTES = {"display", "mathvariant", "stretchy", "fence", "separator", "accent", "accentunder", "lspace",
               "rspace", "columnalign", "rowalign", "rowspacing", "columnspacing", "width", "height", "depth",
               "linethickness", "displaystyle", "scriptlevel", "minsize", "maxsize", "movablelimits",
               "symmetric", "largeop", "form", "notation", "open", "close", "separators", "encoding"}

ElementTree.register_namespace("", MATHML)


def text_with_math(text: object, escape_text: Callable[[str], str] = markdown_characters) -> Markup:
    """`text` on one line: math spans as MathML, everything else escaped as literal text.

    `escape_text` escapes for where the text goes: Markdown (the default) or HTML.
    """
    source = one_line(text)
    parts: list[str] = []
    position = 0
    for match in _INLINE_MATH.finditer(source):
        mathml = latex_to_mathml(match.group(1))
        if mathml is None:
            continue  # not convertible: stays as text, dollars and all
        parts.append(escape_text(source[position:match.start()]))
        parts.append(mathml)
        position = match.end()
    parts.append(escape_text(source[position:]))
    return Markup("".join(parts))


def latex_to_mathml(latex: str) -> str | None:
    """Sanitised MathML for a LaTeX formula, or None when it cannot be converted."""
    try:
        root = ElementTree.fromstring(convert(latex))
    except Exception:  # latex2mathml raises many kinds of errors on malformed LaTeX
        return None
    _sanitise(root)
    return ElementTree.tostring(root, encoding="unicode", short_empty_elements=False).replace("\n", " ")


def _sanitise(element: ElementTree.Element) -> None:
    """Keep MathML presentation elements and attributes only; drop anything else with its content."""
    for name in list(element.attrib):
        if name not in _ATTRIBUTES:
            del element.attrib[name]
    for child in list(element):
        if child.tag.removeprefix(f"{{{MATHML}}}") not in _ELEMENTS:
            element.remove(child)
        else:
            _sanitise(child)
