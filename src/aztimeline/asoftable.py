"""The as-of table: one answer per stretch of dates, filled in for a day; and its cache for the command line.

`timeline.asof` answers from a table that the timeline builds once: the answer changes only at known dates of the
data, so one answer per stretch between those dates answers every day. Within a stretch only two things depend on
the day itself: the `date` field, and the words "On 1 December 2020" in the basis sentence. The table holds them as
a marker that `fill` replaces.

`aztimeline asof` keeps the table of validated data in the user's cache folder (see cache.py), keyed by the bytes
of the data files as the folder pass reads them (datafiles.py) and by the tool, and answers from it without loading
pydantic, PyYAML or the models. This module must stay light: it imports only the standard library, cache.py and
dates.py.
"""

from __future__ import annotations

import bisect
import datetime as dt
from types import SimpleNamespace
from typing import Any, TypeGuard

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


def lookup(digest: str | None, day: dt.date, country: str | None) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The cached answer for day and the cached text helps (group labels, quotes as shown), or (None, {}).

    digest is DataFiles.digest of the data as the folder pass read it, or None when the pass found problems (the
    uncached path reports them). Raises UsageError for a missing or unknown --country exactly as the uncached path
    does.
    """
    if digest is None:
        return None, {}
    body = cache.read(KIND, cache.key(KIND, digest))
    if not _well_formed(body):
        return None, {}
    countries = body["countries"]
    cid = pick_country(sorted(countries), country)
    table = countries[cid]
    try:
        template = dict(table["templates"][stretch(table["starts"], day)])
        ver = template.get("version")
        if ver is not None:
            template["version"] = {**ver, "provisions": table["provisions"][ver["provisions"]]}
        return fill(template, day), body["text"]
    except (KeyError, IndexError, TypeError, AttributeError):  # a well-formed entry of another shape: not ours
        return None, {}


def _well_formed(body: Any) -> TypeGuard[dict[str, Any]]:
    """Whether a cache entry has the shape store writes: checked before any of it is used."""
    if not isinstance(body, dict) or not isinstance(body.get("countries"), dict) or not body["countries"]:
        return False
    text = body.get("text")
    if not isinstance(text, dict) or not isinstance(text.get("groups"), dict) or not isinstance(text.get("quotes"), dict):
        return False
    if not all(isinstance(v, str) for part in (text["groups"], text["quotes"]) for v in part.values()):
        return False
    for table in body["countries"].values():
        if not isinstance(table, dict):
            return False
        starts, templates, provisions = table.get("starts"), table.get("templates"), table.get("provisions")
        if not isinstance(starts, list) or not all(isinstance(d, str) for d in starts):
            return False
        if not isinstance(templates, list) or not templates or not all(isinstance(t, dict) for t in templates):
            return False
        if not isinstance(provisions, dict) or not all(isinstance(p, list) for p in provisions.values()):
            return False
    return True


def store(digest: str | None, v: Any) -> None:
    """Write the as-of tables of validated data v under digest, the DataFiles.digest of the bytes v was loaded from."""
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
