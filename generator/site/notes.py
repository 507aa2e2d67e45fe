"""The reader's notes: Markdown the site owner writes, rendered to HTML that cannot run script.

Seed text is shown as literal text (`escape.py`); notes are different, they are the owner's own
writing and may use Markdown. They are still text typed into a YAML file, perhaps pasted from
elsewhere, so they must not be able to put script or foreign content on the page. The choice:

1. Notes are rendered here, by Python-Markdown with raw HTML turned off: an HTML tag written in
   a note shows as text, it is never passed through.
2. The HTML that comes out is sanitised with an allowlist: only plain document tags survive,
   without attributes, except `href` on links (http and https only, checked after decoding
   character references, so `&#106;avascript:` is caught) and the `language-*` class of code.
   Images become links, because the site loads nothing from other origins; headings move
   down two levels, so a note's `# Heading` does not compete with the page's title.
3. The result goes into the page as one HTML block, which MkDocs passes through unchanged, so
   the site's Markdown extensions (attr_list could add `onclick`) never see the notes.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown

from generator.site.escape import safe_url

_EXTENSIONS = ["fenced_code", "tables", "sane_lists"]
_ALLOWED = {"p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "del",
            "table", "thead", "tbody", "tr", "th", "td", "h3", "h4", "h5", "h6"}
_VOID = {"br", "hr"}
_DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "svg", "math"}
_HEADING_SHIFT = 2


def render_notes(text: str) -> str:
    """Notes as safe HTML, wrapped in one block for the page."""
    converter = markdown.Markdown(extensions=_EXTENSIONS)
    converter.preprocessors.deregister("html_block")  # raw HTML blocks stay text
    converter.inlinePatterns.deregister("html")  # and so do inline tags
    return f'<div class="reader-notes">\n{sanitise(converter.convert(text))}\n</div>'


def sanitise(fragment: str) -> str:
    """Keep only allowlisted tags and attributes of an HTML fragment; all text is re-escaped."""
    sanitiser = _Sanitiser()
    sanitiser.feed(fragment)
    sanitiser.close()
    return "".join(sanitiser.output)


class _Sanitiser(HTMLParser):
    """Rebuilds a fragment tag by tag; what is not allowed is left out, its text kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # attribute values and text arrive decoded
        self.output: list[str] = []
        self.open: list[str | None] = []  # per open tag, the tag written for it (None: left out)
        self.skipping = 0  # depth inside an element dropped with its content

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping += 1
            return
        written = _allowed_tag(tag, dict(attrs))
        if written is None:
            if tag == "img":
                self._image(dict(attrs))
            elif tag not in _VOID:
                self.open.append(None)
            return
        name, attributes = written
        if self.skipping:
            if name not in _VOID:
                self.open.append(None)
            return
        self.output.append(f"<{name}{attributes}>")
        if name not in _VOID:
            self.open.append(name)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID or tag == "img":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag in _VOID or tag == "img" or not self.open:
            return
        written = self.open.pop()
        if written is not None:
            self.output.append(f"</{written}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.output.append(html.escape(data, quote=False))

    def close(self) -> None:
        super().close()
        while self.open:  # a fragment cut short still closes what it opened
            written = self.open.pop()
            if written is not None:
                self.output.append(f"</{written}>")

    def _image(self, attrs: dict[str, str | None]) -> None:
        """An image is shown as a link to it, so the page itself loads nothing from elsewhere."""
        if self.skipping:
            return
        label = html.escape(attrs.get("alt") or "image", quote=False)
        target = safe_url(attrs.get("src"))
        if target is None:
            self.output.append(label)
        else:
            self.output.append(f'<a href="{html.escape(target, quote=True)}">{label}</a>')


def _allowed_tag(tag: str, attrs: dict[str, str | None]) -> tuple[str, str] | None:
    """The tag to write and its attribute text, or None when the tag is left out."""
    if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        tag = f"h{min(6, int(tag[1]) + _HEADING_SHIFT)}"
    if tag not in _ALLOWED:
        return None
    if tag == "a":
        target = safe_url(attrs.get("href"))
        return None if target is None else ("a", f' href="{html.escape(target, quote=True)}"')
    css_class = attrs.get("class") or ""
    if tag == "code" and css_class.startswith("language-") and css_class[9:].replace("-", "").isalnum():
        return "code", f' class="{css_class}"'
    return tag, ""
