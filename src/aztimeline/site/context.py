"""What every page renderer needs: the validated data, the timeline, the language, links and escaping."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from dataclasses import dataclass, field
from typing import Any

from ..load import CountryData
from ..models import ChangeRecord, Citation, Provision, Version
from ..timeline import MONTHS, Timeline, load_timeline, long_date
from ..validate import Validated
from .labels import OTHER, T


def h(text: object) -> str:
    """Escape data text for HTML (element content or attribute), collapsing whitespace."""
    return html.escape(" ".join(str(text).split()), quote=True)


def page_url(md_path: str) -> str:
    """The directory URL MkDocs gives a page: versions/x.md -> versions/x/, index.md -> ''."""
    stem = md_path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def rel(from_md: str, to: str, anchor: str = "", *, file: bool = False) -> str:
    """A relative link from page from_md to a page (x.md), or to a file when file is true, with an optional anchor."""
    base = page_url(from_md) or "."
    page = to.endswith(".md") and not file
    target = page_url(to) if page else to
    path = posixpath.relpath(target or ".", base)
    if page:
        path = "./" if path == "." else path + "/"
    return path + (f"#{anchor}" if anchor else "")


@dataclass
class Site:
    """One edition (language) of the site."""

    v: Validated
    lang: str
    stamp: dict[str, Any]
    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    history: dict[str, list[Any]] = field(default_factory=dict)
    history_notice: str | None = None
    corrections: list[Any] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.t = T[self.lang]
        self.timelines: dict[str, Timeline] = {
            cid: load_timeline(cd, {aid: self.v.changes.get(aid, []) for aid in cd.amendments})
            for cid, cd in self.v.dataset.countries.items()
        }

    # --- lookups ---------------------------------------------------------------------------------------

    @property
    def countries(self) -> list[CountryData]:
        return list(self.v.dataset.countries.values())

    def country_of_version(self, vid: str) -> CountryData:
        return next(cd for cd in self.countries if vid in cd.versions)

    def records(self) -> list[ChangeRecord]:
        return [r for recs in self.v.changes.values() for r in recs]

    def section(self, cd: CountryData, sid: str) -> str:
        for s in cd.country.sections:
            if s.id == sid:
                return f"{s.number} {s.title_nl if self.lang == 'nl' else s.title_en}"
        return sid

    # --- text ------------------------------------------------------------------------------------------

    def pick(self, obj: Any, name: str) -> str:
        """The field name_nl or name_en of obj, for this edition's language."""
        return str(getattr(obj, f"{name}_{self.lang}") if not isinstance(obj, dict) else obj.get(f"{name}_{self.lang}", ""))

    def date(self, value: dt.date | str | None, unknown: str | None = None) -> str:
        """A date written out in this language (18 november 2020 / 18 November 2020)."""
        if isinstance(value, str) and len(value) == 10:
            value = dt.date.fromisoformat(value)
        if isinstance(value, dt.date):
            return long_date(value, self.lang)
        if isinstance(value, str) and len(value) == 7 and value[4] == "-":
            return f"{MONTHS[self.lang][int(value[5:]) - 1]} {value[:4]}"
        return unknown or self.t["unknown"]

    def time(self, value: dt.date | str | None) -> str:
        """A <time> element for a known date, or the word for unknown."""
        if isinstance(value, dt.date):
            return f'<time datetime="{value.isoformat()}">{h(self.date(value))}</time>'
        if isinstance(value, str) and len(value) in (7, 10) and value[:4].isdigit():
            return f'<time datetime="{h(value)}">{h(self.date(value))}</time>'
        return h(self.t["unknown"])

    def ours(self, text: str, *, tag: str = "p") -> str:
        """Our own summary text, marked as ours (and as an unofficial translation in English)."""
        return f'<{tag} class="azt-ours"><span class="azt-label">{h(self.t["ours"])}:</span> {h(text)}</{tag}>'

    def quote(self, page: str, c: Citation) -> str:
        """A verbatim quotation in Dutch, linked to its paragraph on the source page."""
        src = self._source(c.source)
        ref = f"{src.meta.kind.capitalize()} {self.date(src.meta.date)}"
        if src.meta.kenmerk != "unknown":
            ref += f", kenmerk {src.meta.kenmerk}"
        href = rel(page, f"sources/{c.source}.md", c.anchor)
        return (
            f'<blockquote class="azt-quote" lang="nl" cite="{h(href)}"><p>\u201c{h(c.quote)}\u201d</p>'
            f'<footer>\u2014 <a href="{h(href)}" lang="{self.lang}">{h(ref)}, {h(self.para_label(c.anchor))}</a></footer></blockquote>'
        )

    def para_label(self, anchor: str) -> str:
        n = anchor[1:]
        if anchor.startswith("p"):
            return f"alinea {n}" if self.lang == "nl" else f"paragraph {n}"
        return f"{'onderdeel' if self.lang == 'nl' else 'item'} {anchor}"

    def _source(self, sid: str) -> Any:
        for cd in self.countries:
            if sid in cd.sources:
                return cd.sources[sid]
        raise KeyError(sid)

    def other_lang_title(self, obj: Any, name: str = "title") -> str:
        """The title in the other language, for readers and for search in both languages."""
        other = OTHER[self.lang]
        label = self.t["other_title"]
        return f'<p class="azt-other-title"><span class="azt-label">{h(label)}:</span> <span lang="{other}">{h(getattr(obj, f"{name}_{other}"))}</span></p>'

    def provision_title(self, p: Provision | dict[str, Any]) -> str:
        return self.pick(p, "title")

    def version_title(self, v: Version) -> str:
        return self.pick(v, "title")
