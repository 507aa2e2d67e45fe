"""What a reader gets from a page's HTML, for comparing two builds: tags, attributes and words, in order.

White space is folded outside <pre> (a browser shows any run of it as one space), attributes are sorted (their
order means nothing), and character references are read (`&#42;` and `*` are the same text).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "track"}
_SPACE = re.compile(r"\s+")


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[str] = []
        self.text: list[str] = []
        self.in_pre = 0

    def flush(self) -> None:
        words = "".join(self.text) if self.in_pre else _SPACE.sub(" ", "".join(self.text)).strip()
        if words:
            self.tokens.append(f"text {words}")
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.flush()
        shown = " ".join(f'{key}="{value}"' if value is not None else key for key, value in sorted(attrs))
        self.tokens.append(f"<{tag} {shown}>".replace(" >", ">"))
        self.in_pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        self.flush()
        if tag not in VOID:
            self.tokens.append(f"</{tag}>")
        self.in_pre -= tag == "pre" and self.in_pre > 0

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page_tokens(html: str) -> list[str]:
    """The page's tags (with sorted attributes) and its words, one token a line."""
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.tokens


def article(html: str) -> str:
    """The content of a Material page: what lies inside its <article>."""
    start = html.index("<article")
    return html[html.index(">", start) + 1:html.rindex("</article>")]
