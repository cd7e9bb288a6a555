"""Ordering of versions, validity periods, and the as-of answer: the version in force and what is pending."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import Problem

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
    return order, problems


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
    return Timeline(cd, order, periods(cd, order), {aid: changes.get(aid, []) for aid in order})


MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}


def long_date(day: dt.date | None, lang: str) -> str:
    """18 november 2020 / 18 November 2020; the word for unknown when there is no date."""
    if day is None:
        return "onbekend" if lang == "nl" else "unknown"
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


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


def asof(tl: Timeline, day: dt.date) -> dict[str, Any]:
    """The as-of answer for a day: the version, how sure that is, its codification, and pending changes."""
    period = tl.period_on(day)
    pending: list[str] = []
    for aid in tl.order:
        a = tl.country.amendments[aid]
        to = tl.country.versions[a.version_to]
        eff = to.effective_from
        if a.announced <= day and (not isinstance(eff, dt.date) or day < eff):
            pending.extend(r.id for r in tl.changes.get(aid, []))
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
    result["version"] = {
        "id": v.id,
        "title_nl": v.title_nl,
        "title_en": v.title_en,
        "effective_from": period.start.isoformat() if period.start else None,
        "effective_to": period.end.isoformat() if period.end else None,
        "effective_from_basis": v.effective_from_basis,
        "provisions": [{"id": pid} | p.model_dump(mode="json", exclude_none=True) for pid, p in v.provisions.items()],
    }
    result["codification"] = codification(v, day)
    if result["codification"]["state"] in ("announced", "signed"):
        result["not_yet_codified"] = [
            r.id for aid in tl.order for r in tl.changes.get(aid, []) if tl.country.amendments[aid].version_to == v.id
        ]
    if period.start is None:
        result["start_unknown"] = True
        end_nl = long_date(period.end, "nl") if period.end else "heden"
        end_en = long_date(period.end, "en") if period.end else "now"
        result["note_nl"] = (
            f"De begindatum van deze versie is onbekend. Zij is de oudste vastgelegde versie en gold tot {end_nl}; "
            "of zij op deze datum al gold, is niet vastgelegd."
        )
        result["note_en"] = (
            f"The start date of this version is unknown. It is the earliest recorded version and applied until {end_en}; "
            "whether it already applied on this date is not recorded."
        )
    return result


def asof_segments(tl: Timeline) -> list[dict[str, Any]]:
    """The as-of answer as a table: stretches of dates over which every part of the answer stays the same.

    The answer changes only at a known date of the data (a version's start, a milestone, an announcement),
    so one as-of answer per stretch between those dates answers every date. The site's as-of page uses
    this table without JavaScript, and its script only looks a date up in it.
    """
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
    ordered = sorted(cuts)
    starts: list[dt.date | None] = [None, *ordered]
    out: list[dict[str, Any]] = []
    for i, start in enumerate(starts):
        end = ordered[i] if i < len(ordered) else None
        probe = start if start else (ordered[0] - dt.timedelta(days=1) if ordered else dt.date(2000, 1, 1))
        answer = asof(tl, probe)
        del answer["date"]
        segment = {"from": start.isoformat() if start else None, "to": end.isoformat() if end else None, "answer": answer}
        if out and out[-1]["answer"] == answer:
            out[-1]["to"] = segment["to"]  # merge stretches whose answers are the same
        else:
            out.append(segment)
    return out
