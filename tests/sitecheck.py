"""Helpers to read a built site: its HTML files, links, anchors and text."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """The links, ids, quotes and text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.quotes: list[tuple[str, str]] = []  # (quote text, link of its footer)
        self._in_quote = 0
        self._quote_text: list[str] = []
        self._quote_href = ""
        self._skip = 0
        self._in_footer = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if key in a:
                self.links.append((tag, key, a[key]))
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "blockquote" and "azt-quote" in a.get("class", ""):
            self._in_quote += 1
            self._quote_text, self._quote_href = [], ""
        elif self._in_quote and tag == "a" and not self._quote_href:
            self._quote_href = a.get("href", "")
        if self._in_quote and tag == "footer":
            self._in_footer = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "footer":
            self._in_footer = False
        if tag == "blockquote" and self._in_quote:
            self._in_quote -= 1
            self.quotes.append((" ".join("".join(self._quote_text).split()), self._quote_href))

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._in_quote and not self._in_footer:
            self._quote_text.append(data)


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The file a relative link on page points to (None for external or special links), and its anchor."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None, ""
    fragment = parts.fragment.split(":~:", 1)[0]  # a text directive (a quote's words) is no anchor
    if not parts.path:
        return page, fragment
    base = page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    path = site / target
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, fragment


def visible_text(page: Page) -> str:
    return " ".join("".join(page.text).split())


QUOTE_MARKS = re.compile("^\u201c(?:\\[\u2026\\] )?|(?: \\[\u2026\\])?\u201d$")
"""The quotation marks around a shown quote, and the "[\u2026]" that marks words left out of its sentence."""
