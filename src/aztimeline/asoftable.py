"""The as-of table: one answer per stretch of dates, filled in for a day; and its cache for the command line.

`timeline.asof` answers from a table that the timeline builds once: the answer changes only at known dates of the
data, so one answer per stretch between those dates answers every day. Within a stretch only two things depend on
the day itself: the `date` field, and the words "On 1 December 2020" in the basis sentence. The table holds them as
a marker that `fill` replaces.

`aztimeline asof` keeps the table of validated data in the user's cache folder (see cache.py), keyed by the data's
content and the tool, and answers from it without loading pydantic, PyYAML or the data. This module must stay
light: it imports only the standard library, cache.py and dates.py.
"""

from __future__ import annotations

import bisect
import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from . import cache
from .dates import long_date

ON_MARK = {"nl": "\x00op\x00", "en": "\x00on\x00"}
"""Stands in the table where the basis sentence names the day; YAML text cannot hold a NUL, so data never does."""

KIND = "asof"


def on_words(day: dt.date, lang: str, name_day: bool) -> str:
    """ "Op 1 december 2020" / "On 1 December 2020", or "Op deze datum" / "On this date"."""
    if lang == "nl":
        return f"Op {long_date(day, 'nl')}" if name_day else "Op deze datum"
    return f"On {long_date(day, 'en')}" if name_day else "On this date"


def fill(template: dict[str, Any], day: dt.date, *, name_day: bool = True, date: bool = True) -> dict[str, Any]:
    """The answer for day from its stretch's template (which has no `date`, and markers in the basis sentence).

    The answer shares the template's nested lists and dicts (provisions, codification, currency): read them,
    do not change them.
    """
    out: dict[str, Any] = {"date": day.isoformat()} if date else {}
    out.update(template)
    basis = template.get("basis")
    if basis:
        basis = dict(basis)
        for lang in ("nl", "en"):
            text = basis.get(f"text_{lang}")
            if isinstance(text, str):
                basis[f"text_{lang}"] = text.replace(ON_MARK[lang], on_words(day, lang, name_day))
        out["basis"] = basis
    return out


def stretch(starts: list[str], day: dt.date) -> int:
    """Which stretch holds day: starts are the ISO dates at which the answer may change, in order."""
    return bisect.bisect_right(starts, day.isoformat())


# --- the cache of the command line ------------------------------------------------------------------------


def to_cache(tables: dict[str, tuple[list[dt.date], list[dict[str, Any]]]]) -> dict[str, Any]:
    """The tables of every country as JSON, each version's provisions stored once rather than once per stretch."""
    countries: dict[str, Any] = {}
    for cid, (cuts, templates) in tables.items():
        provisions: dict[str, Any] = {}
        rows = []
        for t in templates:
            ver = t.get("version")
            if ver is not None:
                provisions[ver["id"]] = ver["provisions"]
                t = {**t, "version": {**ver, "provisions": ver["id"]}}
            rows.append(t)
        countries[cid] = {"starts": [c.isoformat() for c in cuts], "templates": rows, "provisions": provisions}
    return {"countries": countries}


def quote_key(c: dict[str, Any]) -> str:
    return f"{c['source']}\x1f{c['anchor']}\x1f{c['quote']}"


def lookup(data: Path, day: dt.date, country: str | None) -> tuple[dict[str, Any] | None, dict[str, Any], str | None]:
    """The cached answer for day and the cached text helps (group labels, quotes as shown), with the data's digest.

    (None, {}, digest) when there is no usable entry; digest is None when there is no cache at all or the data
    cannot be read (then the uncached path reports it). Raises UsageError for a missing or unknown --country
    exactly as the uncached path does.
    """
    if cache.cache_dir() is None:
        return None, {}, None
    try:
        digest = cache.data_digest(data)
    except OSError:
        return None, {}, None
    body = cache.read(KIND, cache.key(KIND, digest))
    if not isinstance(body, dict):
        return None, {}, digest
    try:
        countries = body["countries"]
        cid = pick_country(sorted(countries), country)
        table = countries[cid]
        template = dict(table["templates"][stretch(table["starts"], day)])
        ver = template.get("version")
        if ver is not None:
            template["version"] = {**ver, "provisions": table["provisions"][ver["provisions"]]}
        return fill(template, day), body["text"], digest
    except (KeyError, IndexError, TypeError, AttributeError):  # a well-formed entry of another shape: not ours
        return None, {}, digest


def store(data: Path, digest: str | None, v: Any) -> None:
    """Write the as-of tables of validated data v, if the data still has the digest taken before it was loaded.

    The digest is taken before loading and again now: data that changed in between is not cached, so an entry
    always holds answers computed from exactly the bytes its key describes.
    """
    if digest is None:
        return
    from .source import quote_display
    from .timeline import asof_table, load_timeline

    tables = {cid: asof_table(load_timeline(cd, v.changes)) for cid, cd in v.dataset.countries.items()}
    body = to_cache(tables)
    sources = {sid: s for cd in v.dataset.countries.values() for sid, s in cd.sources.items()}
    quotes: dict[str, str] = {}
    for table in body["countries"].values():
        for provisions in table["provisions"].values():
            for p in provisions:
                for c in p.get("citations", []):
                    k = quote_key(c)
                    if k not in quotes:
                        quotes[k] = quote_display(SimpleNamespace(**c), sources.get(c["source"]))
    body["text"] = {"groups": {g.id: g.label_en for cd in v.dataset.countries.values() for g in cd.country.groups}, "quotes": quotes}
    try:
        if cache.data_digest(data) != digest:
            return
    except OSError:
        return
    cache.write(KIND, cache.key(KIND, digest), body)


def pick_country(known: list[str], country: str | None) -> str:
    """The country to answer for: the only one, or the one asked for."""
    from .errors import UsageError

    if country is None:
        if len(known) != 1:
            raise UsageError(f"the data holds several countries; pass --country ({', '.join(known)})")
        return known[0]
    if country not in known:
        raise UsageError(f"unknown country {country!r}; known: {', '.join(known)}")
    return country
