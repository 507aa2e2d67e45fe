"""Making untrusted seed text inert: it must show as the literal text on the page.

Markdown pages are rendered by Python-Markdown inside MkDocs, whose theme templates insert page
titles without escaping. So seed text gets two treatments:
- in the Markdown body, every character Markdown, HTML, Jinja or MkDocs extensions could read as
  syntax becomes a numeric character reference (`*` -> `&#42;`), which renders as itself;
- in front matter (title, description, tags), HTML is escaped, because the theme inserts those
  values into HTML as they are.
Only http and https URLs ever become links.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from markupsafe import Markup

# Everything ASCII that is not a letter, digit, space or a few harmless marks.
_MARKDOWN_SYNTAX = set("\\`*_{}[]()<>#+-.!|~^=$:&\"'@%/;?")
_REFERENCES = str.maketrans({char: f"&#{ord(char)};" for char in _MARKDOWN_SYNTAX})
_SPACE = re.compile(r"\s+")


def markdown_text(text: object) -> str:
    """Inline Markdown that renders as exactly `text`, on one line."""
    return markdown_characters(one_line(text))


def one_line(text: object) -> str:
    """White space collapsed, as a browser would show it."""
    return _SPACE.sub(" ", str(text)).strip()


def markdown_characters(text: str) -> str:
    """Each character Markdown could read as syntax, as a character reference."""
    return text.translate(_REFERENCES)


def html_text(text: object) -> str:
    """Text for a place the theme puts into HTML unescaped (front matter values)."""
    return html.escape(one_line(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def external_link(label: object, url: str | None, css_class: str = "") -> Markup:
    """An HTML link for an external URL, or the bare label when the URL is not http(s).

    `css_class` comes from a template (e.g. "md-button", to show the link as a button), never from a seed.
    """
    target = safe_url(url)
    if target is None:
        return Markup(markdown_text(label))
    attributes = f' class="{html.escape(css_class, quote=True)}"' if css_class else ""
    return Markup(f'<a href="{html.escape(target, quote=True)}"{attributes}>{markdown_text(label)}</a>')


def finalize(value: object) -> str:
    """Jinja's last step for every `{{ }}`: escape, unless a filter already made it markup."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    return markdown_text(value)
