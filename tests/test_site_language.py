"""Each edition speaks its own language: every built page of the Dutch edition is scanned for English words, and every
page of the English edition for Dutch words, outside quotations and outside text marked as the other language.

Quotes stay in the original Dutch (blockquote, q, lang="nl" in the English edition); a link to the other edition
carries lang="en" in the Dutch one; code, file names and addresses are names, not words."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .sitecheck import html_files

ENGLISH = re.compile(
    r"\b(the|and|with|without|none|found|not|this|that|which|from|only|page|pages|available|letter|made|by|for|"
    r"unknown|version|versions|changes?|added|removed|modified|search|previous|next|skip|content|signed|published|"
    r"in force|announced|source|sources|corrections?|date|rules?)\b",
    re.IGNORECASE,
)
"""Words that do not occur in Dutch running text."""
DUTCH = re.compile(
    r"\b(het|een|niet|zijn|wordt|worden|deze|dit|ook|bij|naar|geen|wel|maar|onbekend|versie|wijziging|wijzigingen|"
    r"bron|bronnen|aangekondigd|getekend|gepubliceerd|datum|voor|tot)\b",
    re.IGNORECASE,
)
"""Words that do not occur in English running text. Dutch terms of art (risicogroep, vlucht- en
vestigingsalternatief, ...) and names (Jasper van Dijk, Staatssecretaris van Justitie en Veiligheid) are used in
English as they are; their words are not in this list."""
QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
"""Words in quotation marks in running text: quoted as they stand in the source (a running header, a term)."""
NAMES = re.compile(r"[\w./:#?=&%-]+\.(?:json|xml|csv|md|docx|xlsx|yaml|txt|html|png)\b|https?://\S+|\b[\w-]+/[\w./-]*")
"""File names, addresses and paths: names, in whichever language."""

SKIP = {"script", "style", "blockquote", "q", "code", "pre", "kbd", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """The words of a page that are in its own language: text and the labels a screen reader reads."""

    def __init__(self, other: str) -> None:
        super().__init__(convert_charrefs=True)
        self.other = other
        self.stack: list[bool] = []  # per open element: is this element's content skipped?
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        skipped = (self.stack and self.stack[-1]) or tag in SKIP or a.get("lang") == self.other or a.get("translate") == "no"
        if not skipped:
            self.words += [a[k] for k in ("aria-label", "title", "alt", "placeholder") if a.get(k)]
        if tag not in VOID:
            self.stack.append(bool(skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.words.append(data)


def foreign_words(path: Path, lang: str) -> list[str]:
    """The other language's tell-tale words on a page of the edition in lang, each with its surroundings."""
    other = "en" if lang == "nl" else "nl"
    parser = _Text(other)
    parser.feed(path.read_text(encoding="utf-8"))
    text = NAMES.sub(" ", QUOTED.sub(" ", " ".join(" ".join(parser.words).split())))
    for left in LEFT_IN_DATA if lang == "en" else ():
        text = text.replace(left, " ")
    pattern = ENGLISH if lang == "nl" else DUTCH
    return sorted({text[max(0, m.start() - 30) : m.end() + 30] for m in pattern.finditer(text)})


LEFT_IN_DATA = ("(Geen bijzonderheden)",)
"""Dutch in the data's English text, for its owners to mark (country.yaml: the Vc's heading, quoted without quotation
marks in text_en of two facts); the site prints data text as it is, so the scan skips exactly these words."""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_of_an_edition_is_in_its_language(built_site: Path, lang: str) -> None:
    root = built_site if lang == "nl" else built_site / "en"
    pages = [p for p in html_files(root) if lang == "en" or not p.relative_to(root).as_posix().startswith("en/")]
    assert len(pages) > 20
    found = {}
    for path in pages:
        name = path.relative_to(root).as_posix()
        hits = foreign_words(path, lang)
        if hits:
            found[name] = hits[:4]
    assert found == {}


def test_the_scan_finds_words_of_the_other_language(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        '<html><body><p>Deze versie is bekend.</p><blockquote>the letter</blockquote><a lang="en" href="x">English</a>'
        '<p aria-label="Search the site">x</p><p>Zie report.json en https://example.org/the/page</p></body></html>',
        encoding="utf-8",
    )
    found = " | ".join(foreign_words(page, "nl"))
    assert "Search the site" in found  # a label a screen reader reads
    assert "letter" not in found and "English" not in found and "example" not in found and "report" not in found
    page.write_text('<html><body><p>The rule <span lang="nl">geldt niet</span> applies; see het besluit.</p></body></html>', encoding="utf-8")
    assert foreign_words(page, "en") == ["The rule applies; see het besluit."]
