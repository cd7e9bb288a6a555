"""What every page renderer needs: the validated data, the timeline, the language, links and escaping."""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
from dataclasses import dataclass, field
from typing import Any

from ..addresses import page_url
from ..load import CountryData, LoadedSource
from ..models import ChangeRecord
from ..timeline import Timeline, load_timeline
from ..validate import Validated
from .html import shown
from .labels import T
from .render import longdate


def h(text: object) -> str:
    """Escape data text for HTML (element content or attribute), collapsing whitespace."""
    return html.escape(" ".join(shown(str(text)).split()), quote=True)


@functools.lru_cache(maxsize=65536)
def _relpath(target: str, base: str) -> str:
    """posixpath.relpath of two site paths, from the site's root (so it never asks for the working directory)."""
    return posixpath.relpath("/" + target, "/" + base)


def rel(from_md: str, to: str, anchor: str = "", *, file: bool = False) -> str:
    """A relative link from page from_md to a page (x.md), or to a file when file is true, with an optional anchor."""
    base = page_url(from_md) or "."
    page = to.endswith(".md") and not file
    target = page_url(to) if page else to
    path = _relpath(target or ".", base)
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
    site_url: str | None = None
    """Where the Dutch edition is published (checked), or None: the feed and the downloads link their changes to it."""

    def __post_init__(self) -> None:
        self.t = T[self.lang]
        self.timelines: dict[str, Timeline] = {cid: load_timeline(cd, self.v.changes) for cid, cd in self.v.dataset.countries.items()}

    # --- lookups ---------------------------------------------------------------------------------------

    @property
    def countries(self) -> list[CountryData]:
        return list(self.v.dataset.countries.values())

    def country_of_version(self, vid: str) -> CountryData:
        return next(cd for cd in self.countries if vid in cd.versions)

    def origin(self, vid: str, pid: str) -> str:
        """The earliest version, up to vid, from which provision pid stands as it does in vid (vid itself when it
        is new or changed there): the version page that shows this text in full and is searched for it."""
        origins = self.cache.get("origins")
        if origins is None:
            origins = self.cache["origins"] = {}
            for cid, tl in self.timelines.items():
                versions, before = self.v.dataset.countries[cid].versions, None
                for period in tl.periods:
                    v = versions[period.version]
                    for p_id, p in v.provisions.items():
                        same = before is not None and before.provisions.get(p_id) == p
                        origins[v.id, p_id] = origins[before.id, p_id] if same and before is not None else v.id
                    before = v
        return str(origins.get((vid, pid), vid))

    def records(self) -> list[ChangeRecord]:
        return [r for recs in self.v.changes.values() for r in recs]

    def section(self, cd: CountryData, sid: str) -> str:
        """The title of a heading we group provisions under (ours): no number, which would read as the Vc's placement."""
        return next((self.pick(s, "title") for s in cd.country.sections if s.id == sid), sid)

    # --- text ------------------------------------------------------------------------------------------

    def pick(self, obj: Any, name: str) -> str:
        """The field name_nl or name_en of obj, for this edition's language."""
        return str(getattr(obj, f"{name}_{self.lang}") if not isinstance(obj, dict) else obj.get(f"{name}_{self.lang}", ""))

    def date(self, value: dt.date | str | None) -> str:
        """A date written out in this language (18 november 2020 / 18 November 2020)."""
        return longdate(value, self.lang)

    @functools.cached_property
    def sources(self) -> dict[str, LoadedSource]:
        """Every source of the data, by id."""
        return {sid: src for cd in self.countries for sid, src in cd.sources.items()}

    def source_name(self, src: LoadedSource) -> str:
        """A source as the pages name it: its kind and date ("Kamerbrief van 18 november 2020")."""
        kind = self.t["kamerbrief_word"] if src.meta.kind == "kamerbrief" else src.meta.kind.capitalize()
        return f"{kind} {self.t['source_of']} {self.date(src.meta.date)}"

    def source_ref(self, src: LoadedSource) -> str:
        """A source as a quotation cites it: its name and, where known, its kenmerk."""
        known = src.meta.kenmerk != "unknown"
        return self.source_name(src) + (f", {self.t['kenmerk_word']} {src.meta.kenmerk}" if known else "")
