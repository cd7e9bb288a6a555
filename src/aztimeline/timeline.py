"""Ordering of versions, validity periods, and the as-of answer: the version in force and what is pending."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .asoftable import ON_MARK, fill
from .dates import MONTHS, long_date  # noqa: F401 - timeline.MONTHS and timeline.long_date are used elsewhere
from .errors import Problem
from .precision import provision_json

if TYPE_CHECKING:
    from .load import CountryData
    from .models import ChangeRecord, Version


@dataclass(frozen=True)
class Period:
    """The validity of one version: from start (None when unknown) up to, not including, end (None when open)."""

    version: str
    start: dt.date | None
    end: dt.date | None

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def chain(cd: CountryData) -> tuple[list[str], list[Problem]]:
    """The amendments in order from the first version, with problems where versions do not form one line."""
    problems: list[Problem] = []
    incoming: dict[str, str] = {}
    outgoing: dict[str, str] = {}
    for aid, a in sorted(cd.amendments.items()):
        w = cd.amendment_where[aid]
        if a.version_from == a.version_to:
            problems.append(Problem(w.file, w.line("version_to"), "version_to", "an amendment must lead to another version"))
            continue
        if a.version_to in incoming:
            problems.append(
                Problem(
                    w.file,
                    w.line("version_to"),
                    "version_to",
                    f"{a.version_to} is already reached by amendment {incoming[a.version_to]}; each version has one predecessor",
                )
            )
            continue
        if a.version_from in outgoing:
            problems.append(
                Problem(
                    w.file,
                    w.line("version_from"),
                    "version_from",
                    f"{a.version_from} already leads to another version by amendment {outgoing[a.version_from]}; versions form one line",
                )
            )
            continue
        incoming[a.version_to] = aid
        outgoing[a.version_from] = aid
    roots = sorted(v for v in cd.versions if v not in incoming)
    order: list[str] = []
    if len(cd.versions) and len(roots) != 1:
        for vid in roots[1:]:
            w = cd.version_where[vid]
            problems.append(
                Problem(
                    w.file,
                    w.line("id"),
                    "id",
                    f"version {vid} has no amendment leading to it, and neither has {roots[0]}; "
                    "add an amendment in amendments/ that links it into the timeline",
                )
            )
        problems.extend(_cycles(cd, outgoing, set()))
        return order, problems
    current = roots[0] if roots else None
    seen = set()
    while current in outgoing and current not in seen:
        seen.add(current)
        aid = outgoing[current]
        order.append(aid)
        a = cd.amendments[aid]
        if a.version_to in cd.versions and current in cd.versions:
            problems.extend(_check_order(cd, aid, cd.versions[current], cd.versions[a.version_to]))
        current = a.version_to
    problems.extend(_cycles(cd, outgoing, set(order)))
    return order, problems


CYCLE = "the versions form a cycle"


def _cycles(cd: CountryData, outgoing: dict[str, str], on_line: set[str]) -> list[Problem]:
    """Amendments that lead round in a circle (v1 -> v2 -> v1), off the line from the first version."""
    problems: list[Problem] = []
    reported: set[str] = set()
    for start in sorted(outgoing):
        if outgoing[start] in on_line or outgoing[start] in reported:
            continue
        path, current = [start], cd.amendments[outgoing[start]].version_to
        while current in outgoing and current not in path:
            path.append(current)
            current = cd.amendments[outgoing[current]].version_to
        if current != start:
            continue
        circle = " -> ".join([*path, start])
        for vid in path:
            aid = outgoing[vid]
            reported.add(aid)
            w = cd.amendment_where[aid]
            problems.append(
                Problem(
                    w.file,
                    w.line("version_to"),
                    "version_to",
                    f"{CYCLE} ({circle}); each version must lead on to a later one, so remove or correct one amendment",
                )
            )
    return problems


def _check_order(cd: CountryData, aid: str, before: Version, after: Version) -> list[Problem]:
    w = cd.version_where[after.id]
    if after.effective_from == "unknown":
        return [
            Problem(
                w.file,
                w.line("effective_from"),
                "effective_from",
                f"only the first version may start on an unknown date; {after.id} follows {before.id} by {aid}",
            )
        ]
    if before.effective_from != "unknown" and not before.effective_from < after.effective_from:
        what = "the same day as" if before.effective_from == after.effective_from else "before"
        return [
            Problem(
                w.file,
                w.line("effective_from"),
                "effective_from",
                f"{after.effective_from} is {what} the start of the version before it ({before.id}, {before.effective_from}); "
                "versions must start in order and not overlap",
            )
        ]
    return []


def periods(cd: CountryData, order: list[str]) -> list[Period]:
    """The validity periods of the versions, in order; each ends where the next one starts."""
    if not cd.versions:
        return []
    ids = [cd.amendments[order[0]].version_from] if order else [next(iter(cd.versions))]
    ids += [cd.amendments[aid].version_to for aid in order]
    starts: list[dt.date | None] = []
    for vid in ids:
        eff = cd.versions[vid].effective_from
        starts.append(eff if isinstance(eff, dt.date) else None)
    return [Period(vid, starts[i], starts[i + 1] if i + 1 < len(ids) else None) for i, vid in enumerate(ids)]


@dataclass
class Timeline:
    """A country's versions in order, with fast as-of lookups."""

    country: CountryData
    order: list[str]
    periods: list[Period]
    changes: dict[str, list[ChangeRecord]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [p.start or dt.date.min for p in self.periods]
        self._memo: dict[str, Any] = {}
        self._table: tuple[list[dt.date], list[dict[str, Any]]] | None = None

    def memo(self, name: str, make: Any) -> Any:
        """A value derived from the timeline, computed once (the timeline does not change once built)."""
        if name not in self._memo:
            self._memo[name] = make()
        return self._memo[name]

    def period_on(self, day: dt.date) -> Period | None:
        """The period containing day, or None when nothing is recorded for that date."""
        i = bisect.bisect_right(self._starts, day) - 1
        if i < 0:
            return None
        p = self.periods[i]
        return p if p.contains(day) else None

    def version_in_force(self, day: dt.date) -> Version | None:
        """The version the as-of lookup gives for day."""
        p = self.period_on(day)
        return self.country.versions[p.version] if p else None


def load_timeline(cd: CountryData, changes: dict[str, list[ChangeRecord]]) -> Timeline:
    """Build the timeline of one validated country."""
    order, _ = chain(cd)
    own = {aid: changes.get(aid, []) for aid in order}
    cached = getattr(cd, "_timeline", None)
    if cached is not None and cached.order == order and cached.changes == own:
        return cached  # both editions, the feed and the API: one timeline, one index
    tl = Timeline(cd, order, periods(cd, order), own)
    cd._timeline = tl  # type: ignore[attr-defined]
    return tl


_STATE_TEXT = {
    "unknown": ("Geen bron vermeldt de codificatie van deze versie.", "No source gives the codification of this version."),
    "announced": ("Aangekondigd op {announced}, nog niet gecodificeerd in de Vc.", "Announced on {announced}; not yet codified in the Vc."),
    "signed": (
        "Aangekondigd op {announced}; wijzigingsbesluit getekend op {signed}, nog niet gepubliceerd.",
        "Announced on {announced}; the amending decision was signed on {signed} but not yet published.",
    ),
    "published": (
        "Gecodificeerd in de Vc: gepubliceerd op {published}; datum van inwerkingtreding {in_force_nl}.",
        "Codified in the Vc: published on {published}; date of entry into force {in_force_en}.",
    ),
    "in_force": ("In werking sinds {in_force}.", "In force since {in_force}."),
}


def codification(version: Version, day: dt.date) -> dict[str, Any]:
    """Where the version stood on day: announced, signed, published, in force, or unknown."""
    m = version.milestones
    dates = {name: getattr(m, name).date for name in ("announced", "signed", "published", "in_force")}
    known = {k: v for k, v in dates.items() if isinstance(v, dt.date)}
    state = "unknown"
    for name in ("announced", "signed", "published", "in_force"):
        if name in known and known[name] <= day:
            state = name
    iso = {k: (v.isoformat() if isinstance(v, dt.date) else "unknown") for k, v in dates.items()}
    texts = {}
    for lang, template in zip(("nl", "en"), _STATE_TEXT[state], strict=True):
        words = {k: long_date(v if isinstance(v, dt.date) else None, lang) for k, v in dates.items()}
        if not isinstance(dates["in_force"], dt.date):
            words["in_force"] = "niet gevonden" if lang == "nl" else "not found"
        texts[lang] = template.format(**words, in_force_nl=words["in_force"], in_force_en=words["in_force"])
    return {"state": state, "milestones": iso, "text_nl": texts["nl"], "text_en": texts["en"]}


def _amendment_to(tl: Timeline, vid: str) -> Any:
    """The amendment leading to a version (the first in timeline order), from an index built once."""

    def make() -> dict[str, Any]:
        out: dict[str, Any] = {}
        for aid in tl.order:
            a = tl.country.amendments[aid]
            out.setdefault(a.version_to, a)
        return out

    return tl.memo("amendment_to", make).get(vid)


def _instrument_words(tl: Timeline, amendment: Any, lang: str) -> str:
    """ "de brief" / "the letter" for a kamerbrief, else a neutral word."""
    src = tl.country.sources.get(amendment.instrument) if amendment is not None else None
    kind = src.meta.kind if src is not None else "other"
    words = {"kamerbrief": ("de brief", "the letter"), "wbv": ("het wijzigingsbesluit", "the amending decision")}
    nl, en = words.get(kind, ("het stuk", "the instrument"))
    return nl if lang == "nl" else en


def _codification_words(tl: Timeline, version: Version, day: dt.date, lang: str, on: str) -> str:
    """The second half of the basis sentence: where the codification stood on the day."""
    state = codification(version, day)["state"]
    m = version.milestones
    a = _amendment_to(tl, version.id)
    name = (a.codified_by_name if a is not None else None) or ("het wijzigingsbesluit" if lang == "nl" else "the amending decision")
    signed = m.signed.date if isinstance(m.signed.date, dt.date) else None
    published = m.published.date if isinstance(m.published.date, dt.date) else None
    in_force = m.in_force.date if isinstance(m.in_force.date, dt.date) else None
    d = lambda x: long_date(x, lang)  # noqa: E731
    if lang == "nl":
        if state == "unknown":
            return "Geen van onze bronnen vermeldt wanneer of bij welk besluit deze versie in de Vc is verwerkt."
        if state == "announced":
            later = f" ({name} is getekend op {d(signed)})" if signed else ""
            return f"{on} was de wijziging aangekondigd maar nog niet gecodificeerd in de Vc{later}."
        if state == "signed":
            pub = f" (gepubliceerd op {d(published)})" if published else ""
            return f"{on} was {name} getekend ({d(signed)}) maar nog niet gepubliceerd{pub}; de wijziging stond nog niet in de Vc."
        if state == "published":
            force = f"in werking getreden op {d(in_force)}" if in_force else "de datum van inwerkingtreding is niet gevonden"
            return f"{on} was {name}, dat de wijziging in de Vc opneemt, gepubliceerd ({d(published)}); {force}."
        return f"{on} was de wijziging in de Vc in werking (sinds {d(in_force)})."
    if state == "unknown":
        return "None of our sources says when or by which decision this version was put into the Vc."
    if state == "announced":
        later = f" ({name} was signed on {d(signed)})" if signed else ""
        return f"{on} the change was announced but not yet codified in the Vc{later}."
    if state == "signed":
        pub = f" (published on {d(published)})" if published else ""
        return f"{on} {name} had been signed ({d(signed)}) but not yet published{pub}; the change was not yet in the Vc."
    if state == "published":
        force = f"it entered into force on {d(in_force)}" if in_force else "the date it entered into force was not found"
        return f"{on} {name}, which puts the change into the Vc, had been published ({d(published)}); {force}."
    return f"{on} the change was in force in the Vc (since {d(in_force)})."


def basis_sentence(tl: Timeline, day: dt.date, lang: str, *, name_day: bool = True, on: str | None = None) -> str:
    """One plain sentence: which date the answer for day keys on and why, and the codification state on day.

    name_day=False says "on this date" instead of the date itself (for answers shared by a stretch of dates);
    on, when given, stands where the sentence names the day (the as-of table puts a marker there).
    """
    on = (
        on
        if on is not None
        else (
            (f"Op {long_date(day, 'nl')}" if name_day else "Op deze datum")
            if lang == "nl"
            else (f"On {long_date(day, 'en')}" if name_day else "On this date")
        )
    )
    period = tl.period_on(day)
    if period is None:
        first = tl.periods[0].start if tl.periods else None
        if lang == "nl":
            return f"Voor deze datum is niets vastgelegd; de eerste vastgelegde versie begint op {long_date(first, 'nl')}."
        return f"Nothing is recorded for this date; the first recorded version starts on {long_date(first, 'en')}."
    v = tl.country.versions[period.version]
    if period.start is None:
        nxt = next((p for p in tl.periods if p.start is not None and period.end is not None and p.start == period.end), None)
        a = _amendment_to(tl, nxt.version) if nxt else None
        what = _instrument_words(tl, a, lang)
        end = long_date(period.end, lang)
        if lang == "nl":
            return (
                f"aztimeline geeft voor datums vóór {end} het beleid zoals {what} van {end} het beschrijft; "
                "sinds wanneer dat beleid gold, is niet vastgelegd. " + _codification_words(tl, v, day, lang, on)
            )
        return (
            f"For dates before {end} aztimeline gives the policy as {what} of {end} describes it; "
            "since when that policy applied is not recorded. " + _codification_words(tl, v, day, lang, on)
        )
    a = _amendment_to(tl, v.id)
    what = _instrument_words(tl, a, lang)
    start = long_date(period.start, lang)
    if v.effective_from_basis == "announced":
        opening = (
            f"aztimeline past {what} toe vanaf de datum ervan, {start}."
            if lang == "nl"
            else f"aztimeline applies {what} from its date, {start}."
        )
    elif v.effective_from_basis == "in_force":
        opening = (
            f"aztimeline past deze versie toe vanaf de inwerkingtreding, {start}."
            if lang == "nl"
            else f"aztimeline applies this version from its entry into force, {start}."
        )
    else:
        opening = f"aztimeline past deze versie toe vanaf {start}." if lang == "nl" else f"aztimeline applies this version from {start}."
    return f"{opening} {_codification_words(tl, v, day, lang, on)}"


def currency(tl: Timeline, day: dt.date | None, *, version: str | None = None) -> dict[str, Any]:
    """How current the answer is: checked_until, beyond (day after checked_until; None without a day), and the
    known later developments that fall in the answered version's period and are not recorded as versions."""
    cur = tl.country.country.currency
    period = tl.period_on(day) if day is not None else next((p for p in tl.periods if p.version == version), None)
    facts = {f.id: f for f in tl.country.country.facts}
    known: list[dict[str, Any]] = []
    if period is not None:
        for k in sorted(cur.known_later, key=lambda k: (k.date, k.id)):
            if (period.start is None or k.date >= period.start) and (period.end is None or k.date < period.end):
                f = facts.get(k.fact)
                known.append(
                    {
                        "id": k.id,
                        "date": k.date.isoformat(),
                        "title_nl": k.title_nl,
                        "title_en": k.title_en,
                        "record": f.record if f else None,
                        "record_nl": (f.record_nl or f.record) if f else None,
                        "confidence": f.confidence if f else None,
                    }
                )
    return {
        "checked_until": cur.checked_until.isoformat(),
        "beyond": (day > cur.checked_until) if day is not None else None,
        "basis_nl": cur.basis_nl,
        "basis_en": cur.basis_en,
        "known_later": known,
    }


def basis_of_version(tl: Timeline, vid: str) -> dict[str, Any]:
    """The basis of a version's dates (for show): like change_basis, and for a first version with an unknown
    start, that its start is not recorded."""
    v = tl.country.versions[vid]
    if isinstance(v.effective_from, dt.date):
        return change_basis(tl, vid)
    period = next((p for p in tl.periods if p.version == vid), None)
    end = period.end if period else None
    return {
        "keyed_on": v.effective_from_basis,
        "date": None,
        "text_nl": f"Sinds wanneer deze versie gold, is niet vastgelegd; aztimeline past haar toe tot {long_date(end, 'nl')}."
        if end
        else "Sinds wanneer deze versie gold, is niet vastgelegd.",
        "text_en": f"Since when this version applied is not recorded; aztimeline applies it until {long_date(end, 'en')}."
        if end
        else "Since when this version applied is not recorded.",
    }


def change_basis(tl: Timeline, version_to: str) -> dict[str, Any]:
    """The basis of a change's dates: keyed_on, date, text_nl, text_en (for change records and exports)."""
    v = tl.country.versions[version_to]
    eff = v.effective_from if isinstance(v.effective_from, dt.date) else None
    texts = {}
    for lang in ("nl", "en"):
        a = _amendment_to(tl, v.id)
        what = _instrument_words(tl, a, lang)
        m = v.milestones
        name = (a.codified_by_name if a is not None else None) or ("het wijzigingsbesluit" if lang == "nl" else "the amending decision")
        parts = []
        for label, d in (("signed", m.signed.date), ("published", m.published.date)):
            if isinstance(d, dt.date):
                parts.append(
                    (("getekend op " if label == "signed" else "gepubliceerd op ") if lang == "nl" else (f"{label} on "))
                    + long_date(d, lang)
                )
        force = m.in_force.date
        if lang == "nl":
            first = (
                f"aztimeline past {what} toe vanaf de datum ervan, {long_date(eff, 'nl')}."
                if v.effective_from_basis == "announced"
                else f"aztimeline past deze versie toe vanaf {long_date(eff, 'nl')}."
            )
            cod = (
                f" Verwerkt in de Vc bij {name} ({', '.join(parts)})"
                if parts
                else " Geen van onze bronnen vermeldt de codificatie in de Vc"
            )
            cod += (
                f"; in werking getreden op {long_date(force, 'nl')}."
                if isinstance(force, dt.date)
                else "; de datum van inwerkingtreding is niet gevonden."
            )
        else:
            first = (
                f"aztimeline applies {what} from its date, {long_date(eff, 'en')}."
                if v.effective_from_basis == "announced"
                else f"aztimeline applies this version from {long_date(eff, 'en')}."
            )
            cod = f" Put into the Vc by {name} ({', '.join(parts)})" if parts else " None of our sources gives its codification in the Vc"
            cod += (
                f"; it entered into force on {long_date(force, 'en')}."
                if isinstance(force, dt.date)
                else "; the date it entered into force was not found."
            )
        texts[lang] = first + cod
    return {"keyed_on": v.effective_from_basis, "date": eff.isoformat() if eff else None, "text_nl": texts["nl"], "text_en": texts["en"]}


def asof(tl: Timeline, day: dt.date, *, name_day: bool = True) -> dict[str, Any]:
    """The as-of answer for a day: the version, how sure that is, its codification, pending changes, the basis
    of its date in one sentence, and how current it is (currency).

    Answered from the timeline's as-of table (built on first use, see asof_table): a binary search and a copy.
    The answer shares its nested lists and dicts with the table: read them, do not change them.
    """
    cuts, templates = asof_table(tl)
    return fill(templates[bisect.bisect_right(cuts, day)], day, name_day=name_day)


def asof_table(tl: Timeline) -> tuple[list[dt.date], list[dict[str, Any]]]:
    """The dates at which the as-of answer may change, and one answer (without its date) per stretch between them.

    Stretch i runs from cuts[i - 1] (from the beginning for i = 0) up to cuts[i]. Each answer is computed by
    asof_direct on the stretch's first day, with a marker where the basis sentence names the day.
    """
    if tl._table is None:
        cuts = sorted(_cut_dates(tl))
        templates = []
        for start in [None, *cuts]:
            probe = start if start else (cuts[0] - dt.timedelta(days=1) if cuts else dt.date(2000, 1, 1))
            answer = asof_direct(tl, probe, on=ON_MARK)
            del answer["date"]
            templates.append(answer)
        tl._table = (cuts, templates)
    return tl._table


def _cut_dates(tl: Timeline) -> set[dt.date]:
    """Every date at which some part of the as-of answer may change."""
    cuts: set[dt.date] = set()
    for p in tl.periods:
        if p.start:
            cuts.add(p.start)
    for v in tl.country.versions.values():
        for name in ("announced", "signed", "published", "in_force"):
            d = getattr(v.milestones, name).date
            if isinstance(d, dt.date):
                cuts.add(d)
    for aid in tl.order:
        cuts.add(tl.country.amendments[aid].announced)
    cuts.add(tl.country.country.currency.checked_until + dt.timedelta(days=1))  # currency.beyond turns true
    return cuts


def _pending(tl: Timeline, day: dt.date) -> list[str]:
    """Change records announced on or before day whose version had not started yet on day."""

    def make() -> list[tuple[dt.date, dt.date | None, list[str]]]:
        out = []
        for aid in tl.order:
            a = tl.country.amendments[aid]
            eff = tl.country.versions[a.version_to].effective_from
            out.append((a.announced, eff if isinstance(eff, dt.date) else None, [r.id for r in tl.changes.get(aid, [])]))
        return out

    pending: list[str] = []
    for announced, eff, ids in tl.memo("pending", make):
        if announced <= day and (eff is None or day < eff):
            pending.extend(ids)
    return pending


def _records_to(tl: Timeline, vid: str) -> list[str]:
    """The ids of the change records leading to a version."""

    def make() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for aid in tl.order:
            out.setdefault(tl.country.amendments[aid].version_to, []).extend(r.id for r in tl.changes.get(aid, []))
        return out

    return list(tl.memo("records_to", make).get(vid, []))


def _provisions(tl: Timeline, v: Version) -> list[dict[str, Any]]:
    """A version's provisions in the JSON contract's shape, made once per version.

    A version repeats most provisions of the version before it: a provision equal to the last one made under
    its id is given the same (read-only) JSON.
    """
    last: dict[str, tuple[Any, dict[str, Any]]] = tl.memo("provision_json", dict)

    def make() -> list[dict[str, Any]]:
        out = []
        for pid, p in v.provisions.items():
            hit = last.get(pid)
            if hit is None or not (hit[0] is p or hit[0] == p):
                hit = last[pid] = (p, provision_json(tl.country, pid, p))
            out.append(hit[1])
        return out

    return tl.memo(f"provisions:{v.id}", make)


def asof_direct(tl: Timeline, day: dt.date, *, name_day: bool = True, on: dict[str, str] | None = None) -> dict[str, Any]:
    """The as-of answer computed for day itself, without the table (the table is made of these answers).

    on, when given, holds per language the words that stand where the basis sentence names the day.
    """
    period = tl.period_on(day)
    pending = _pending(tl, day)
    result: dict[str, Any] = {
        "date": day.isoformat(),
        "country": tl.country.country.id,
        "version": None,
        "start_unknown": False,
        "note_nl": None,
        "note_en": None,
        "codification": None,
        "pending": pending,
        "not_yet_codified": [],
        "basis": {
            "keyed_on": None,
            "date": None,
            "text_nl": basis_sentence(tl, day, "nl", name_day=name_day, on=on["nl"] if on else None),
            "text_en": basis_sentence(tl, day, "en", name_day=name_day, on=on["en"] if on else None),
        },
        "currency": currency(tl, day),
    }
    if period is None:
        first = tl.periods[0].start if tl.periods else None
        result["note_nl"] = (
            f"Voor deze datum is niets vastgelegd; de eerste vastgelegde versie begint op {long_date(first, 'nl')}."
            if first
            else "Geen versies vastgelegd."
        )
        result["note_en"] = (
            f"Nothing is recorded for this date; the first recorded version starts on {long_date(first, 'en')}."
            if first
            else "No versions recorded."
        )
        return result
    v = tl.country.versions[period.version]
    result["basis"]["keyed_on"] = v.effective_from_basis
    result["basis"]["date"] = period.start.isoformat() if period.start else None
    result["version"] = {
        "id": v.id,
        "title_nl": v.title_nl,
        "title_en": v.title_en,
        "effective_from": period.start.isoformat() if period.start else None,
        "effective_to": period.end.isoformat() if period.end else None,
        "effective_from_basis": v.effective_from_basis,
        "provisions": _provisions(tl, v),
    }
    result["codification"] = codification(v, day)
    if result["codification"]["state"] in ("announced", "signed"):
        result["not_yet_codified"] = _records_to(tl, v.id)
    if period.start is None:
        result["start_unknown"] = True
        # the data keeps half-open periods; a reader gets the last day on which the version applied ("t/m")
        last = period.end - dt.timedelta(days=1) if period.end else None
        end_nl = f"t/m {long_date(last, 'nl')}" if last else "tot heden"
        end_en = f"up to and including {long_date(last, 'en')}" if last else "until now"
        result["note_nl"] = (
            f"De begindatum van deze versie is onbekend. Zij is de oudste vastgelegde versie en gold {end_nl}; "
            "of zij op deze datum al gold, is niet vastgelegd."
        )
        result["note_en"] = (
            f"The start date of this version is unknown. It is the earliest recorded version and applied {end_en}; "
            "whether it already applied on this date is not recorded."
        )
    return result


def asof_segments(tl: Timeline) -> list[dict[str, Any]]:
    """The as-of answer as a table: stretches of dates over which every part of the answer stays the same.

    The answer changes only at a known date of the data (a version's start, a milestone, an announcement),
    so one as-of answer per stretch between those dates answers every date. The site's as-of page uses
    this table without JavaScript, and its script only looks a date up in it.
    """
    cuts, templates = asof_table(tl)
    starts: list[dt.date | None] = [None, *cuts]
    out: list[dict[str, Any]] = []
    for i, (start, template) in enumerate(zip(starts, templates, strict=True)):
        end = cuts[i] if i < len(cuts) else None
        probe = start if start else (cuts[0] - dt.timedelta(days=1) if cuts else dt.date(2000, 1, 1))
        answer = fill(template, probe, name_day=False, date=False)
        segment = {"from": start.isoformat() if start else None, "to": end.isoformat() if end else None, "answer": answer}
        if out and out[-1]["answer"] == answer:
            out[-1]["to"] = segment["to"]  # merge stretches whose answers are the same
        else:
            out.append(segment)
    return out
