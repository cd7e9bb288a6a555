"""The cache of the as-of tables for the command line: one answer per stretch of dates, kept per data content.

`timeline.asof` answers from a table that the timeline builds once: the answer changes only at known dates of the
data, so one answer per stretch between those dates answers every day (answer.py fills one in for a day).

`aztimeline asof` keeps the tables of validated data in the user's cache folder (see cache.py), keyed by the bytes
of the data files as the folder pass reads them (datafiles.py) and by the tool, and answers from them without loading
pydantic, PyYAML or the models. This module must stay light: it imports only the standard library, cache.py and
answer.py (and, to store, source.py and precision.py); it never imports timeline, whose caller hands it the tables.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeGuard

from . import cache
from .answer import fill

KIND = "asof"


# --- the cache of the command line ------------------------------------------------------------------------


Tables = dict[str, tuple[list[dt.date], list[dict[str, Any]]]]
"""Per country id, the as-of table: the dates at which the answer may change, and one template per stretch."""


SHARED_PARTS = ("announced", "codified", "in_force", "citations", "placement", "previous", "new", "not_established", "later", "inference", "fate")
"""Parts of a rule or fact of the status that many stretches repeat: the cache keeps each once, by its index."""

FROM_PROVISION = ("title_nl", "title_en", "summary_nl", "summary_en", "groups", "citations")
"""Fields of a rule of the status that repeat its provision's (in the version it names): the cache keeps them once."""


class _Parts:
    """Values kept once each, in order of first use, named by their index."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[str, int] = {}

    def once(self, item: Any) -> int:
        key = json.dumps(item, sort_keys=True, ensure_ascii=False)
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(item)
        return self._index[key]

    def pack(self, item: dict[str, Any], own: dict[str, Any] | None) -> int:
        """A rule or fact of the status: its SHARED_PARTS by index, and without what its provision (own) tells."""
        if own is not None and all(item.get(k) == own.get(k) for k in FROM_PROVISION):
            item = {k: v for k, v in item.items() if k not in FROM_PROVISION}
        return self.once({k: ({"$": self.once(v)} if k in SHARED_PARTS and v is not None else v) for k, v in item.items()})


def to_cache(tables: Tables) -> dict[str, Any]:
    """The tables of every country as JSON, each version's provisions stored once rather than once per stretch, and
    each rule and fact of the status, and each of their SHARED_PARTS, stored once and named by its index."""
    countries: dict[str, Any] = {}
    for cid, (cuts, templates) in tables.items():
        provisions = {t["version"]["id"]: t["version"]["provisions"] for t in templates if t.get("version") is not None}
        by_id = {vid: {p["id"]: p for p in ps} for vid, ps in provisions.items()}
        parts = _Parts()
        rows = []
        for t in templates:
            ver = t.get("version")
            if ver is not None:
                t = {**t, "version": {**ver, "provisions": ver["id"]}}
            st = t.get("status")
            if st is not None:
                rules = [parts.pack(r, by_id.get(r["version"], {}).get(r["provision"])) for r in st["rules"]]
                t = {**t, "status": {**st, "rules": rules, "context": [parts.pack(c, None) for c in st["context"]]}}
            rows.append(t)
        countries[cid] = {"starts": [c.isoformat() for c in cuts], "templates": rows, "provisions": provisions, "parts": parts.items}
    return {"countries": countries}


def _unpack(table: dict[str, Any], i: int) -> dict[str, Any]:
    """A rule or fact of the status from a cached table's parts and provisions, its keys in their first order (see to_cache)."""
    parts = table["parts"]
    item = {k: (parts[v["$"]] if isinstance(v, dict) and "$" in v else v) for k, v in parts[i].items()}
    if "provision" in item and "title_nl" not in item:
        own = next(p for p in table["provisions"][item["version"]] if p["id"] == item["provision"])
        head = {k: item[k] for k in ("provision", "version", "text_of")}
        return {**head, **{k: own[k] for k in FROM_PROVISION}, **item}
    return item


def quote_key(c: dict[str, Any]) -> str:
    return f"{c['source']}\x1f{c['anchor']}\x1f{c['quote']}"


def lookup(digest: str | None, day: dt.date, country: str | None) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The cached answer for day and the cached text helps (the group vocabulary, quotes as shown), or (None, {}).

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
        template = dict(table["templates"][bisect.bisect_right(table["starts"], day.isoformat())])  # starts: ISO dates, in order
        ver = template.get("version")
        if ver is not None:
            template["version"] = {**ver, "provisions": table["provisions"][ver["provisions"]]}
        st = template.get("status")
        if st is not None:
            template["status"] = {**st, **{k: [_unpack(table, i) for i in st[k]] for k in ("rules", "context")}}
        return fill(template, day), body["text"]
    except (KeyError, IndexError, TypeError, AttributeError, StopIteration):  # a well-formed entry of another shape: not ours
        return None, {}


def _well_formed(body: Any) -> TypeGuard[dict[str, Any]]:
    """Whether a cache entry has the shape store writes: checked before any of it is used."""
    if not isinstance(body, dict) or not isinstance(body.get("countries"), dict) or not body["countries"]:
        return False
    text = body.get("text")
    if not isinstance(text, dict) or not isinstance(text.get("groups"), list) or not isinstance(text.get("quotes"), dict):
        return False
    if not all(isinstance(g, dict) for g in text["groups"]) or not all(isinstance(q, str) for q in text["quotes"].values()):
        return False
    for table in body["countries"].values():
        if not isinstance(table, dict):
            return False
        starts, templates, provisions, parts = table.get("starts"), table.get("templates"), table.get("provisions"), table.get("parts")
        if not isinstance(starts, list) or not all(isinstance(d, str) for d in starts):
            return False
        if not isinstance(templates, list) or not templates or not all(isinstance(t, dict) for t in templates):
            return False
        if not isinstance(provisions, dict) or not all(isinstance(p, list) for p in provisions.values()):
            return False
        if not isinstance(parts, list):
            return False
    return True


def store(digest: str | None, v: Any, tables: Tables, data: Path) -> None:
    """Write the as-of tables of validated data v under digest, the DataFiles.digest of the bytes v was loaded from
    (the data folder data; the cache is never written inside it).

    tables are the as-of tables of v's countries (timeline.asof_tables(v)): the caller makes them, so this module
    needs nothing of the timeline.
    """
    if digest is None:
        return
    from .precision import group_vocabulary
    from .source import quote_display

    body = to_cache(tables)
    sources = {sid: s for cd in v.dataset.countries.values() for sid, s in cd.sources.items()}
    quotes: dict[str, str] = {}
    for table in body["countries"].values():
        for c in _citations([table["provisions"], table["parts"]]):
            k = quote_key(c)
            if k not in quotes:
                quotes[k] = quote_display(SimpleNamespace(**c), sources.get(c["source"]))
    vocabulary = [g for cd in v.dataset.countries.values() for g in group_vocabulary(cd.country)]
    body["text"] = {"groups": vocabulary, "quotes": quotes}
    cache.write(KIND, cache.key(KIND, digest), body, outside=data)


def _citations(obj: Any) -> Any:
    """Every citation object ({source, anchor, quote, ...}) in JSON-like data."""
    if isinstance(obj, dict):
        if {"source", "anchor", "quote"} <= obj.keys() and isinstance(obj["quote"], str):
            yield obj
            return
        for v in obj.values():
            yield from _citations(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _citations(v)


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
