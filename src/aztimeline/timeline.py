"""Ordering of versions, validity periods, and the as-of answer: the version in force and what is pending."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .addresses import official_url
from .answer import ON_MARK, fill, on_words
from .dates import MONTHS, long_date
from .errors import Problem
from .precision import CONFIDENCE_WORDS, annotate, context_entry, facts_by_id, provision_json

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
            message = f"{a.version_to} is also the version_from; set version_to to the version the instrument leads to"
            problems.append(w.problem("version_to", message))
            continue
        if a.version_to in incoming:
            message = (
                f"{a.version_to} is already reached by amendment {incoming[a.version_to]}; each version has one predecessor: "
                "merge the two amendments, or let this one lead to another version"
            )
            problems.append(w.problem("version_to", message))
            continue
        if a.version_from in outgoing:
            message = (
                f"{a.version_from} already leads to another version by amendment {outgoing[a.version_from]}; versions form one "
                "line: merge the two amendments, or let this one start from another version"
            )
            problems.append(w.problem("version_from", message))
            continue
        incoming[a.version_to] = aid
        outgoing[a.version_from] = aid
    # the versions nothing leads to, earliest first (an unknown start first): the first is where the timeline starts
    roots = sorted((v for v in cd.versions if v not in incoming), key=lambda vid: _start_key(cd.versions[vid]))
    order: list[str] = []
    if len(cd.versions) and len(roots) != 1:
        for vid in roots[1:]:
            message = (
                f"version {vid} has no amendment leading to it, and neither has {roots[0]}; "
                "add an amendment in amendments/ that links it into the timeline"
            )
            problems.append(cd.version_where[vid].problem("id", message))
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


def _start_key(v: Version) -> tuple[bool, dt.date, str]:
    """Sorts versions by start, those with an unknown start first, then by id."""
    d = v.effective_from
    return (True, d, v.id) if isinstance(d, dt.date) else (False, dt.date.min, v.id)


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
            message = f"{CYCLE} ({circle}); each version must lead on to a later one, so remove or correct one amendment"
            problems.append(cd.amendment_where[aid].problem("version_to", message))
    return problems


def _check_order(cd: CountryData, aid: str, before: Version, after: Version) -> list[Problem]:
    w = cd.version_where[after.id]
    if after.effective_from == "unknown":
        message = (
            f"only the first version may start on an unknown date; {after.id} follows {before.id} by {aid}: "
            "give it the date of its announcement, with effective_from_basis announced"
        )
        return [w.problem("effective_from", message)]
    if before.effective_from != "unknown" and not before.effective_from < after.effective_from:
        what = "the same day as" if before.effective_from == after.effective_from else "before"
        message = (
            f"{after.effective_from} is {what} the start of the version before it ({before.id}, {before.effective_from}); "
            "versions must start in order and not overlap"
        )
        return [w.problem("effective_from", message)]
    return []


def periods(cd: CountryData, order: list[str]) -> list[Period]:
    """The validity periods of the versions, in order; each ends where the next one starts."""
    if not cd.versions:
        return []
    ids = [cd.amendments[order[0]].version_from] if order else [next(iter(cd.versions))]
    ids += [cd.amendments[aid].version_to for aid in order]
    starts = [d if isinstance(d := cd.versions[vid].effective_from, dt.date) else None for vid in ids]
    return [Period(vid, start, end) for vid, start, end in zip(ids, starts, [*starts[1:], None], strict=True)]


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

    @cached_property
    def amendment_to(self) -> dict[str, Any]:
        """The amendment leading to each version, by the version's id (the chain gives each version at most one)."""
        return {self.country.amendments[aid].version_to: self.country.amendments[aid] for aid in self.order}

    @cached_property
    def amendment_from(self) -> dict[str, Any]:
        """The amendment leading on from each version, by the version's id."""
        return {self.country.amendments[aid].version_from: self.country.amendments[aid] for aid in self.order}

    @cached_property
    def facts(self) -> dict[str, Any]:
        """The country's facts by id."""
        return facts_by_id(self.country.country)


def load_timeline(cd: CountryData, changes: dict[str, list[ChangeRecord]]) -> Timeline:
    """Build the timeline of one validated country."""
    order, _ = chain(cd)
    own = {aid: changes.get(aid, []) for aid in order}
    kept = cd.derived.get("timeline")
    if kept is not None and kept.order == order and kept.changes == own:
        return kept  # both editions, the feed and the API: one timeline, one index
    tl = cd.derived["timeline"] = Timeline(cd, order, periods(cd, order), own)
    return tl


MILESTONES = ("announced", "signed", "published", "in_force")

_STATE_TEXT = {
    "unknown": (
        "Geen bron vermeldt of en wanneer deze versie in de Vc is opgenomen.",
        "No source gives whether and when this version was put into the Vc.",
    ),
    "announced": ("Aangekondigd op {announced}, nog niet opgenomen in de Vc.", "Announced on {announced}; not yet put into the Vc."),
    "signed": (
        "Aangekondigd op {announced}; wijzigingsbesluit getekend op {signed}, nog niet gepubliceerd.",
        "Announced on {announced}; the amending decision was signed on {signed} but not yet published.",
    ),
    "published": (
        "Opgenomen in de Vc: gepubliceerd op {published}; datum van inwerkingtreding {in_force}.",
        "Put into the Vc: published on {published}; date of entry into force {in_force}.",
    ),
    "in_force": ("In werking sinds {in_force}.", "In force since {in_force}."),
}


def _date_of(m: Any) -> dt.date | None:
    return m.date if isinstance(m.date, dt.date) else None


def codification(version: Version, day: dt.date) -> dict[str, Any]:
    """Where the version stood on day: announced, signed, published, in force, or unknown."""
    dates = {name: _date_of(getattr(version.milestones, name)) for name in MILESTONES}
    state = next((name for name in reversed(MILESTONES) if (d := dates[name]) is not None and d <= day), "unknown")
    texts = {}
    for lang, template in zip(("nl", "en"), _STATE_TEXT[state], strict=True):
        words = {k: long_date(d, lang) for k, d in dates.items()}
        if dates["in_force"] is None:
            words["in_force"] = "niet gevonden" if lang == "nl" else "not found"
        texts[lang] = template.format(**words)
    iso = {k: d.isoformat() if d else "unknown" for k, d in dates.items()}
    return {"state": state, "milestones": iso, "text_nl": texts["nl"], "text_en": texts["en"]}


_INSTRUMENT_WORDS = {"kamerbrief": ("de brief", "the letter"), "wbv": ("het wijzigingsbesluit", "the amending decision")}
_OTHER_WORDS = ("het stuk", "the document")
"""What the texts call an instrument of another kind."""
_DECISION = {"nl": "het wijzigingsbesluit", "en": "the amending decision"}


def _instrument_words(tl: Timeline, amendment: Any, lang: str) -> str:
    """ "de brief" / "the letter" for a kamerbrief, else a neutral word."""
    src = tl.country.sources.get(amendment.instrument) if amendment is not None else None
    nl, en = _INSTRUMENT_WORDS.get(src.meta.kind if src is not None else "other", _OTHER_WORDS)
    return nl if lang == "nl" else en


def _decision_name(a: Any, lang: str) -> str:
    """The name of the decision that put an amendment into the Vc, or "the amending decision"."""
    return (a.codified_by_name if a is not None else None) or _DECISION[lang]


def _applies(tl: Timeline, v: Version, start: dt.date | None, lang: str) -> str:
    """The basis's first sentence: from which date aztimeline applies a version, and why."""
    day = long_date(start, lang)
    if v.effective_from_basis == "announced":
        what = _instrument_words(tl, tl.amendment_to.get(v.id), lang)
        return f"aztimeline past {what} toe vanaf de datum ervan, {day}." if lang == "nl" else f"aztimeline applies {what} from its date, {day}."
    if v.effective_from_basis == "in_force":
        if lang == "nl":
            return f"aztimeline past deze versie toe vanaf de inwerkingtreding, {day}."
        return f"aztimeline applies this version from its entry into force, {day}."
    return f"aztimeline past deze versie toe vanaf {day}." if lang == "nl" else f"aztimeline applies this version from {day}."


def _codification_words(tl: Timeline, version: Version, day: dt.date, lang: str, on: str) -> str:
    """The second half of the basis sentence: where the codification stood on the day."""
    state = codification(version, day)["state"]
    m = version.milestones
    name = _decision_name(tl.amendment_to.get(version.id), lang)
    signed, published, in_force = (long_date(_date_of(x), lang) if _date_of(x) else None for x in (m.signed, m.published, m.in_force))
    if lang == "nl":
        if state == "unknown":
            return "Geen van onze bronnen vermeldt wanneer of bij welk besluit deze versie in de Vc is verwerkt."
        if state == "announced":
            later = f" ({name} is getekend op {signed})" if signed else ""
            return f"{on} was de wijziging aangekondigd maar nog niet opgenomen in de Vc{later}."
        if state == "signed":
            pub = f" (gepubliceerd op {published})" if published else ""
            return f"{on} was {name} getekend ({signed}) maar nog niet gepubliceerd{pub}; de wijziging stond nog niet in de Vc."
        if state == "published":
            force = f"in werking getreden op {in_force}" if in_force else "de datum van inwerkingtreding is niet gevonden"
            return f"{on} was {name}, dat de wijziging in de Vc opneemt, gepubliceerd ({published}); {force}."
        return f"{on} was de wijziging in de Vc in werking (sinds {in_force})."
    if state == "unknown":
        return "None of our sources says when or by which decision this version was put into the Vc."
    if state == "announced":
        later = f" ({name} was signed on {signed})" if signed else ""
        return f"{on} the change was announced but not yet put into the Vc{later}."
    if state == "signed":
        pub = f" (published on {published})" if published else ""
        return f"{on} {name} had been signed ({signed}) but not yet published{pub}; the change was not yet in the Vc."
    if state == "published":
        force = f"it entered into force on {in_force}" if in_force else "the date it entered into force was not found"
        return f"{on} {name}, which puts the change into the Vc, had been published ({published}); {force}."
    return f"{on} the change was in force in the Vc (since {in_force})."


def _nothing(tl: Timeline, lang: str) -> str:
    first = long_date(tl.periods[0].start if tl.periods else None, lang)
    if lang == "nl":
        return f"Voor deze datum is niets vastgelegd; de eerste vastgelegde versie begint op {first}."
    return f"Nothing is recorded for this date; the first recorded version starts on {first}."


def basis_sentence(tl: Timeline, day: dt.date, lang: str, *, on: str | None = None) -> str:
    """One plain sentence: which date the answer for day keys on and why, and the codification state on day.

    on, when given, stands where the sentence names the day (the as-of table puts a marker there).
    """
    on = on if on is not None else on_words(day, lang, True)
    period = tl.period_on(day)
    if period is None:
        return _nothing(tl, lang)
    v = tl.country.versions[period.version]
    if period.start is not None:
        return f"{_applies(tl, v, period.start, lang)} {_codification_words(tl, v, day, lang, on)}"
    a_next = tl.amendment_from.get(v.id) if period.end else None
    what = _instrument_words(tl, a_next, lang)
    end = long_date(period.end, lang)
    of = long_date(a_next.announced, lang) if a_next is not None else end  # the letter's date: with in_force, before end
    if lang == "nl":
        opening = f"aztimeline geeft voor datums vóór {end} het beleid zoals {what} van {of} het beschrijft; "
        opening += "sinds wanneer dat beleid gold, is niet vastgelegd. "
    else:
        opening = f"For dates before {end} aztimeline gives the policy as {what} of {of} describes it; "
        opening += "since when that policy applied is not recorded. "
    return opening + _codification_words(tl, v, day, lang, on)


def currency(tl: Timeline, day: dt.date | None, *, version: str | None = None) -> dict[str, Any]:
    """How current the answer is (its fields: docs/en/api.md, "currency"); beyond, known_before and known_after are None
    without a day, and known_later, the developments in the answered version's period, is kept as it was for its readers."""
    cur = tl.country.country.currency
    period = tl.period_on(day) if day is not None else next((p for p in tl.periods if p.version == version), None)
    every = [(k.date, _development(k, tl.facts.get(k.fact))) for k in sorted(cur.known_later, key=lambda k: (k.date, k.id))]
    known = [item for d, item in every if period is not None and period.contains(d)]
    fact = tl.facts.get(cur.fact)
    beyond = (day > cur.checked_until) if day is not None else None
    texts = {lang: _currency_text(cur.checked_until, cur.searched, fact, beyond, lang) for lang in ("nl", "en")}
    return {
        "checked_until": cur.checked_until.isoformat(),
        "beyond": beyond,
        "basis_nl": cur.basis_nl,
        "basis_en": cur.basis_en,
        "known_later": known,
        "searched": cur.searched,
        "confidence": fact.confidence if fact else None,
        "record": fact.record if fact else None,
        "record_nl": (fact.record_nl or fact.record) if fact else None,
        "text_nl": texts["nl"],
        "text_en": texts["en"],
        "known_before": [item for d, item in every if d <= day] if day is not None else None,
        "known_after": [item for d, item in every if d > day] if day is not None else None,
    }


def _development(k: Any, f: Any) -> dict[str, Any]:
    return {
        "id": k.id,
        "date": k.date.isoformat(),
        "title_nl": k.title_nl,
        "title_en": k.title_en,
        "record": f.record if f else None,
        "record_nl": (f.record_nl or f.record) if f else None,
        "confidence": f.confidence if f else None,
        "publication": f.publication if f else None,
        "url": official_url(f.publication) if f and f.publication else None,
    }


def _currency_text(checked: dt.date, searched: str | None, fact: Any, beyond: bool | None, lang: str) -> str:
    """The check in one paragraph: up to when, when and how sure, that absence is no proof, and past the limit.

    What the search did not find is said as narrowly as the record does (no later change to the Vc's text): the
    developments it did find, such as a later letter whose codification is unknown, are listed beside it."""
    month = f"{MONTHS[lang][int(searched[5:]) - 1]} {searched[:4]}" if searched else None  # "2026-11": november 2026
    conf = CONFIDENCE_WORDS[lang].get(fact.confidence, fact.confidence) if fact else None
    if lang == "nl":
        how = ", ".join(x for x in (f"gedaan in {month}" if month else None, f"zekerheid: {conf}" if conf else None) if x)
        text = f"Naar latere wijzigingen is gezocht tot en met {long_date(checked, 'nl')}" + (f" ({how})" if how else "") + "."
        text += " Dat die zoektocht geen latere wijziging van de Vc-tekst vond, bewijst niet dat die er niet is."
        if beyond:
            text += " De gevraagde datum ligt na die grens: er kunnen latere wijzigingen zijn die hier ontbreken."
        return text
    how = ", ".join(x for x in (f"done in {month}" if month else None, f"confidence: {conf}" if conf else None) if x)
    text = f"Later changes were looked for up to and including {long_date(checked, 'en')}" + (f" ({how})" if how else "") + "."
    text += " That the search found no later change to the Vc's text is no proof that there is none."
    if beyond:
        text += " The date asked is after that limit: later changes may exist that are missing here."
    return text


def basis_of_version(tl: Timeline, vid: str) -> dict[str, Any]:
    """The basis of a version's dates (for show): change_basis's, or for a first version with an unknown start, that it is not recorded."""
    v = tl.country.versions[vid]
    if isinstance(v.effective_from, dt.date):
        return change_basis(tl, vid)
    end = next((p.end for p in tl.periods if p.version == vid), None)
    texts = {
        "nl": "Sinds wanneer deze versie gold, is niet vastgelegd" + (f"; aztimeline past haar toe tot {long_date(end, 'nl')}." if end else "."),
        "en": "Since when this version applied is not recorded" + (f"; aztimeline applies it until {long_date(end, 'en')}." if end else "."),
    }
    return {"keyed_on": v.effective_from_basis, "date": None, "text_nl": texts["nl"], "text_en": texts["en"]}


def _decision_dates(signed: dt.date | None, published: dt.date | None, lang: str, reference: str | None = None) -> list[str]:
    """ "getekend op 7 januari 2021", "gepubliceerd op 13 januari 2021 (Stcrt. 2021, 1592)": the known ones."""
    nl = lang == "nl"
    parts = [("getekend op " if nl else "signed on ") + long_date(signed, lang)] if signed else []
    if published:
        parts.append(("gepubliceerd op " if nl else "published on ") + long_date(published, lang) + (f" ({reference})" if reference else ""))
    return parts


def change_basis(tl: Timeline, version_to: str) -> dict[str, Any]:
    """The basis of a change's dates: keyed_on, date, text_nl, text_en (for change records and exports)."""
    v = tl.country.versions[version_to]
    eff = v.effective_from if isinstance(v.effective_from, dt.date) else None
    m = v.milestones
    a = tl.amendment_to.get(v.id)
    force = _date_of(m.in_force)
    texts = {}
    for lang in ("nl", "en"):
        parts = ", ".join(_decision_dates(_date_of(m.signed), _date_of(m.published), lang))
        name = _decision_name(a, lang)
        if lang == "nl":
            cod = f" Opgenomen in de Vc bij {name} ({parts})" if parts else " Geen van onze bronnen vermeldt of en wanneer dit in de Vc is opgenomen"
            cod += f"; in werking getreden op {long_date(force, 'nl')}." if force else "; de datum van inwerkingtreding is niet gevonden."
        else:
            cod = f" Put into the Vc by {name} ({parts})" if parts else " None of our sources gives whether and when it was put into the Vc"
            cod += f"; it entered into force on {long_date(force, 'en')}." if force else "; the date it entered into force was not found."
        texts[lang] = _applies(tl, v, eff, lang) + cod
    return {"keyed_on": v.effective_from_basis, "date": eff.isoformat() if eff else None, "text_nl": texts["nl"], "text_en": texts["en"]}


# --- the status on the date asked: the lawyer's headline -----------------------------------------------------
#
# The as-of lookup keys a version on the date of the letter that announced it (effective_from). A lawyer needs
# more: on the date asked, was a rule only announced, or already in the Vc, and which text of C7/5 did the Vc
# hold? The Vc held the old text until the decision that put the letter into it (a WBV) was published, and the
# new text from then on; its entry into force is a date of its own, and "not found" where no source gives it.


def _published(v: Version) -> dt.date | None:
    """The date a version's text became the Vc's text: its publication, else its entry into force; None if unknown."""
    return _date_of(v.milestones.published) or _date_of(v.milestones.in_force)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _letter_block(tl: Timeline, a: Any) -> dict[str, Any]:
    """The instrument that announced a change: its kind, date, title, kenmerk and Kamerstuk, with the quote of its date."""
    src = tl.country.sources.get(a.instrument)
    meta = src.meta if src is not None else None
    kind = meta.kind if meta else "other"
    kenmerk = meta.kenmerk if meta and meta.kenmerk != "unknown" else None
    kamerstuk = meta.kamerstuk if meta and meta.kamerstuk != "unknown" else None
    v = tl.country.versions[a.version_to]
    quotes = annotate([c.model_dump(mode="json") for c in v.milestones.announced.citations], tl.country.sources)
    what = _INSTRUMENT_WORDS.get(kind, _OTHER_WORDS)
    labels = {}
    for i, lang in enumerate(("nl", "en")):
        name = f"{what[i]} {'van' if lang == 'nl' else 'of'} {long_date(a.announced, lang)}"
        labels[lang] = f"{name} ({'kenmerk' if lang == 'nl' else 'reference'} {kenmerk})" if kenmerk else name
    return {
        "date": a.announced.isoformat(),
        "source": a.instrument,
        "kind": kind,
        "title": meta.title if meta else None,
        "kenmerk": kenmerk,
        "kamerstuk": kamerstuk,
        "kamerstuk_nl": f"Kamerstuk {kamerstuk}" if kamerstuk else "Kamerstuknummer onbekend",
        "kamerstuk_en": f"Kamerstuk {kamerstuk}" if kamerstuk else "Kamerstuk number unknown",
        "signatory": meta.signatory if meta and meta.signatory != "unknown" else None,
        "label_nl": labels["nl"],
        "label_en": labels["en"],
        "quotes": quotes,
    }


def _codified_block(tl: Timeline, a: Any, day: dt.date) -> dict[str, Any]:
    """The decision that put a letter into the Vc: its name, dates, Staatscourant reference and publication id, and
    whether it had been published on day (done). Known parts only: what no source gives is null."""
    v = tl.country.versions[a.version_to]
    m = v.milestones
    signed, published = _date_of(m.signed), _date_of(m.published)
    ref_fact = tl.facts.get(m.published.fact or "") or tl.facts.get(a.codified_by_fact or "")
    reference = ref_fact.cite_as if ref_fact else None
    publication = ref_fact.publication if ref_fact else None
    name = a.codified_by_name
    known = bool(name or signed or published)
    labels = {"nl": "niet gevonden", "en": "not found"}
    for lang in ("nl", "en") if known else ():
        labels[lang] = ", ".join([_decision_name(a, lang), *_decision_dates(signed, published, lang, reference)])
    return {
        "name": name,
        "signed": signed.isoformat() if signed else None,
        "published": published.isoformat() if published else None,
        "reference": reference,
        "publication": publication,
        "url": official_url(publication) if publication else None,
        "facts": [f for f in dict.fromkeys((a.codified_by_fact, m.signed.fact, m.published.fact)) if f],
        "known": known,
        "done": published is not None and published <= day,
        "label_nl": labels["nl"],
        "label_en": labels["en"],
    }


def _in_force_block(tl: Timeline, v: Version) -> dict[str, Any]:
    """The entry into force of a version's text: the date, or "niet gevonden" / "not found" with the note why."""
    m = v.milestones.in_force
    d = _date_of(m)
    fact = tl.facts.get(m.fact or "")
    return {
        "date": d.isoformat() if d else None,
        "found": d is not None,
        "label_nl": long_date(d, "nl") if d else "niet gevonden",
        "label_en": long_date(d, "en") if d else "not found",
        "note_nl": m.note_nl,
        "note_en": m.note_en,
        "fact": m.fact,
        "confidence": fact.confidence if fact else None,
    }


def _text_names(tl: Timeline, vid: str, role: str) -> dict[str, str]:
    """How to name a version's Vc text: "de oude tekst van C7/5 Vc (vóór WBV 2021/2)", "de nieuwe tekst van C7/5
    Vc (WBV 2021/2)"; role is old or new, relative to the change around the date asked."""
    para = tl.country.country.vc_paragraph
    a = (tl.amendment_from if role == "old" else tl.amendment_to).get(vid)
    name = a.codified_by_name if a is not None else None
    if role == "new":
        return {
            "nl": f"de nieuwe tekst van paragraaf {para}" + (f" ({name})" if name else ""),
            "en": f"the new text of paragraph {para}" + (f" ({name})" if name else ""),
        }
    nxt = {"nl": name, "en": name} if name else {}
    if a is not None and not name:  # no decision is named: the next change is named by its letter
        letter = _letter_block(tl, a)
        nxt = {lang: letter[f"label_{lang}"] for lang in ("nl", "en")}
    return {
        "nl": f"de oude tekst van paragraaf {para}" + (f" (vóór {nxt['nl']})" if nxt else ""),
        "en": f"the old text of paragraph {para}" + (f" (before {nxt['en']})" if nxt else ""),
    }


_RULE_SHORT = {
    "in_vc_old": ("in de Vc (oude tekst)", "in the Vc (old text)"),
    "in_vc_new": ("in de Vc (nieuwe tekst)", "in the Vc (new text)"),
    "announced": ("aangekondigd, nog niet opgenomen in de Vc", "announced, not yet put into the Vc"),
    "signed": ("aangekondigd; besluit getekend, nog niet gepubliceerd", "announced; decision signed, not yet published"),
    "unknown": ("aangekondigd; opname in de Vc niet gevonden", "announced; its putting into the Vc not found"),
    "removal_announced": ("nog in de Vc (oude tekst); schrapping aangekondigd", "still in the Vc (old text); removal announced"),
    "removal_signed": (
        "nog in de Vc (oude tekst); schrapping aangekondigd, besluit getekend",
        "still in the Vc (old text); removal announced, decision signed",
    ),
    "change_announced": ("nog in de Vc (oude tekst); wijziging aangekondigd", "still in the Vc (old text); change announced"),
    "change_signed": (
        "nog in de Vc (oude tekst); wijziging aangekondigd, besluit getekend",
        "still in the Vc (old text); change announced, decision signed",
    ),
    "removed": ("geschrapt uit de Vc", "removed from the Vc"),
    "described": ("in het beleid vóór de brief, volgens de brief", "in the policy before the letter, according to the letter"),
    "described_inferred": ("in het beleid vóór de brief, volgens onze afleiding", "in the policy before the letter, by our inference"),
}
"""A rule's status on the date in a few words, per stage (in_vc is split by the text it stood in; a modified rule
announced or signed stood in the Vc in its old form)."""

_FATE_WORDS = {
    "kept": ("volgens de brief behouden", "kept according to the letter"),
    "removed": ("volgens de brief geschrapt", "removed according to the letter"),
    "partly": ("volgens de brief deels behouden, deels geschrapt", "partly kept, partly removed according to the letter"),
    "unknown": ("onbekend", "unknown"),
}

_LATER_WORDS = {
    "added": ("voegt dit toe", "adds this"),
    "removed": ("schrapt dit", "removes this"),
    "modified": ("wijzigt dit", "changes this"),
    "kept": ("houdt dit ongewijzigd", "keeps this unchanged"),
    "unchanged": ("wijzigt dit niet", "does not change this"),
}


def _order_key(tl: Timeline) -> Any:
    order = {s.id: i for i, s in enumerate(tl.country.country.sections)}
    return lambda item: (order.get(item[1].section, 1 << 20), item[0])


def _rule(
    tl: Timeline,
    vid: str,
    pid: str,
    p: Any,
    shown_in: str,
    *,
    stage: str,
    texts: dict[str, str],
    later: dict[str, Any] | None,
    change: str | None = None,
    record: Any = None,
    in_vc: bool | None = None,
    letter: dict[str, Any] | None = None,
    codified: dict[str, Any] | None = None,
    in_force: dict[str, Any] | None = None,
    placement_later: str | None = None,
) -> dict[str, Any]:
    """One rule of the status: the provision as shown on the date (from version vid), its change and its status.

    A rule described by the letter, before any change, has no change, record, Vc status or dates (None).
    """
    pj = _provisions(tl, tl.country.versions[vid])[pid]
    pl = {**pj["placement"], "later": placement_later is not None, "note_nl": None, "note_en": None}
    if placement_later is not None:
        ref = f" ({placement_later})" if placement_later else ""
        for lang, note in (("nl", "plaats volgens de latere codificatie"), ("en", "placement according to the later codification")):
            pl[f"note_{lang}"] = note + ref
            pl[f"label_{lang}"] += f"; {note}{ref}"
    short_key = stage if stage != "in_vc" else ("in_vc_new" if shown_in == "new" else "in_vc_old")
    if change == "modified" and stage in ("announced", "signed"):
        short_key = f"change_{stage}"
    if stage == "described" and pj.get("inference"):
        short_key = "described_inferred"  # the letter does not describe this part of the earlier policy: we infer it
    short = {"nl": _RULE_SHORT[short_key][0], "en": _RULE_SHORT[short_key][1]}
    texts = dict(texts)
    if shown_in == "new" and stage == "in_vc" and pl["basis"] == "ours":
        texts["nl"] += " Waar de nieuwe tekst dit plaatst, is niet vastgesteld."
        texts["en"] += " Where the new text places this is not established."
    if later is not None and later["change"] in ("removed", "modified"):
        short["nl"] += f"; {later['short_nl']}"
        short["en"] += f"; {later['short_en']}"
    inference = pj.get("inference") or (record.inference if record is not None else None)
    return {
        "provision": pid,
        "version": vid,
        "text_of": shown_in,
        "title_nl": p.title_nl,
        "title_en": p.title_en,
        "summary_nl": p.summary_nl,
        "summary_en": p.summary_en,
        "groups": list(p.groups),
        "citations": pj["citations"],
        "context": list(p.context),
        "placement": pl,
        "change": change,
        "record": record.id if record is not None else None,
        "stage": stage,
        "in_vc": in_vc,
        "short_nl": short["nl"],
        "short_en": short["en"],
        "text_nl": texts["nl"],
        "text_en": texts["en"],
        "announced": letter,
        "codified": codified,
        "in_force": in_force,
        "inference": inference,
        "previous": record.previous if record is not None else None,
        "new": record.new if record is not None else None,
        "not_established": record.not_established if record is not None else None,
        "later": later,
    }


def _later(tl: Timeline, a_out: Any, pid: str) -> dict[str, Any] | None:
    """What the next change (announced after the date asked) does to a rule."""
    if a_out is None:
        return None
    rec = next((r for r in tl.changes.get(a_out.id, []) if r.provision == pid), None)
    kind = rec.kind if rec is not None else ("kept" if pid in a_out.kept else "unchanged")
    letter = _letter_block(tl, a_out)
    return {
        "change": kind,
        "record": rec.id if rec is not None else None,
        "date": a_out.announced.isoformat(),
        "text_nl": f"{_cap(letter['label_nl'])}, na deze datum, {_LATER_WORDS[kind][0]}.",
        "text_en": f"{_cap(letter['label_en'])}, after this date, {_LATER_WORDS[kind][1]}.",
        "short_nl": f"{letter['label_nl'].split(' (')[0]} {_LATER_WORDS[kind][0]}",
        "short_en": f"{letter['label_en'].split(' (')[0]} {_LATER_WORDS[kind][1]}",
    }


def _iso_words(iso: str | None, lang: str) -> str | None:
    return long_date(dt.date.fromisoformat(iso), lang) if iso else None


def _rule_text(
    stage: str, change: str | None, letter: dict[str, Any] | None, cod: dict[str, Any] | None, in_force: dict[str, Any] | None, lang: str,
    *, begun: bool = False,
) -> str:
    """The status of one rule on the date in plain sentences; the day is the marker. begun: in_force's date is on or
    before the day (otherwise a known date is still to come)."""
    cod = cod or {}
    nl = lang == "nl"
    on = ON_MARK[lang]
    lt = letter[f"label_{lang}"] if letter else ("de brief" if nl else "the letter")
    name = cod.get("name") or _DECISION[lang]
    pub = _iso_words(cod.get("published"), lang)
    pub = pub and pub + (f" ({cod['reference']})" if cod.get("reference") else "")
    signed = _iso_words(cod.get("signed"), lang)
    if nl:
        then = f" {_cap(name)}, dat de brief in de Vc opnam, is gepubliceerd op {pub}." if pub else " Of en wanneer dit in de Vc is opgenomen, is niet gevonden."
    else:
        then = f" {_cap(name)}, which put the letter into the Vc, was published on {pub}." if pub else " Whether and when this was put into the Vc was not found."
    force = ""
    if in_force is not None and not in_force["found"]:
        force = " Datum van inwerkingtreding: niet gevonden." if nl else " Date of entry into force: not found."
    elif in_force is not None and nl:
        force = f" {'In werking sinds' if begun else 'Treedt in werking op'} {in_force['label_nl']}."
    elif in_force is not None:
        force = f" {'In force since' if begun else 'Enters into force on'} {in_force['label_en']}."
    if stage == "described":
        return f"Deel van het beleid vóór {lt}, zoals die brief het beschrijft." if nl else f"Part of the policy before {lt}, as that letter describes it."
    if stage == "described_inferred":
        return f"Deel van het beleid vóór {lt} volgens onze afleiding; de brief zegt het niet." if nl else f"Part of the policy before {lt} by our inference; the letter does not say so."
    if stage == "in_vc" and change in ("kept", "unchanged") and not cod.get("done"):
        does = _LATER_WORDS[change][not nl]
        return f"{on} in de Vc (oude tekst). De brief {does}." if nl else f"{on} in the Vc (old text). The letter {does}."
    if stage == "in_vc" and change in ("kept", "unchanged"):
        did = {"kept": ("hield dit ongewijzigd", "kept this unchanged"), "unchanged": ("wijzigde dit niet", "did not change this")}[change][not nl]
        if nl:
            return f"In de Vc: {lt} {did}; {name}, gepubliceerd op {pub}, verving de paragraaf.{force}"
        return f"In the Vc: {lt} {did}; {name}, published on {pub}, replaced the paragraph.{force}"
    if stage == "in_vc":
        if nl:
            return f"Opgenomen in de Vc bij {cod.get('label_nl')}; aangekondigd in {lt}.{force}"
        return f"Put into the Vc by {cod.get('label_en')}; announced in {lt}.{force}"
    if stage in ("announced", "signed", "unknown"):
        verb = {"modified": ("Wijziging aangekondigd in", "Change announced in"), "removed": ("Schrapping aangekondigd in", "Removal announced in")}
        text = f"{verb.get(change or 'added', ('Aangekondigd in', 'Announced in'))[not nl]} {lt}."
        if stage == "signed":
            text += (
                f" {on} was {name} getekend ({signed}) maar nog niet gepubliceerd; nog niet opgenomen in de Vc."
                if nl
                else f" {on} {name} had been signed ({signed}) but not yet published; not yet in the Vc."
            )
            if pub:
                text += f" Het is gepubliceerd op {pub}." if nl else f" It was published on {pub}."
        elif stage == "announced":
            text += (f" {on} nog niet opgenomen in de Vc." if nl else f" {on} not yet put into the Vc.") + then
        else:
            text += then
        if change == "modified" and stage != "unknown":
            text += " De Vc hield nog de oude regel." if nl else " The Vc still held the old rule."
        return text
    if stage in ("removal_announced", "removal_signed"):
        if nl:
            text = f"{on} nog in de Vc (oude tekst). {_cap(lt)} kondigde aan dat dit uit het beleid wordt verwijderd."
        else:
            text = f"{on} still in the Vc (old text). {_cap(lt)} announced its removal from the policy."
        if stage == "removal_announced":
            return text + then
        if nl:
            return text + f" {_cap(name)} was getekend ({signed}) maar nog niet gepubliceerd" + (f"; het is gepubliceerd op {pub}." if pub else ".")
        return text + f" {_cap(name)} had been signed ({signed}) but not yet published" + (f"; it was published on {pub}." if pub else ".")
    # removed: the removal takes effect with the new text, so its entry into force is the removal's too
    if nl:
        return f"Niet meer in de Vc: {lt} kondigde de schrapping aan; {name}, dat de brief in de Vc opnam, is gepubliceerd op {pub}.{force}"
    return f"No longer in the Vc: {lt} announced its removal; {name}, which put the letter into the Vc, was published on {pub}.{force}"


def _vc_text(tl: Timeline, day: dt.date, keyed: Version) -> dict[str, Any]:
    """The vc_text block of the status: which version's text the Vc held on day, the old or the new around the change."""
    a_in = tl.amendment_to.get(keyed.id)
    pub = _published(keyed)
    since: dt.date | None
    until: dt.date | None
    if a_in is None or (pub is not None and pub <= day):
        text_v, role, since = keyed, "old" if a_in is None else "new", pub
        a_next = tl.amendment_from.get(keyed.id)
        until = _published(tl.country.versions[a_next.version_to]) if a_next is not None else None
    else:
        text_v, role, until = tl.country.versions[a_in.version_from], "old", pub
        since = _published(text_v)
    names = _text_names(tl, text_v.id, role)
    own = any(s.meta.kind == "wbv" for s in tl.country.sources.values())
    a_text = tl.amendment_to.get(text_v.id)
    span = {
        "nl": (f"sinds {long_date(since, 'nl')}" if since else "sinds een niet vastgelegde datum") + (f" tot {long_date(until, 'nl')}" if until else ""),
        "en": (f"since {long_date(since, 'en')}" if since else "since a date not recorded") + (f", until {long_date(until, 'en')}" if until else ""),
    }
    tail = {"nl": "", "en": ""} if own else {
        "nl": " De tekst van de Vc zelf staat niet in deze gegevens: wat hier staat, komt uit de brief en uit feiten over de Vc-tekst.",
        "en": " The Vc's own text is not in this data: what is shown here comes from the letter and from facts about the Vc text.",
    }
    return {
        "version": text_v.id,
        "role": role,
        "label_nl": names["nl"],
        "label_en": names["en"],
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "codified": _codified_block(tl, a_text, day) if a_text is not None else None,
        "in_force": _in_force_block(tl, text_v) if a_text is not None else None,
        "own_text_in_data": own,
        "text_nl": f"{_cap(names['nl'])}, {span['nl']}.{tail['nl']}",
        "text_en": f"{_cap(names['en'])}, {span['en']}.{tail['en']}",
    }


def _headline(
    tl: Timeline, stage: str, block: dict[str, Any], letter: dict[str, Any] | None, cod: dict[str, Any] | None,
    nxt: dict[str, Any] | None, lang: str,
) -> str:
    """The status on the date in two or three sentences; the day is the marker."""
    cod = cod or {}
    nl = lang == "nl"
    on = ON_MARK[lang]
    text_name = block.get(f"label_{lang}", "")
    lt = letter[f"label_{lang}"] if letter else ("de brief" if nl else "the letter")
    name = cod.get("name") or _DECISION[lang]
    ref = f" ({cod['reference']})" if cod.get("reference") else ""
    signed, pub = _iso_words(cod.get("signed"), lang), _iso_words(cod.get("published"), lang)
    force = block.get("in_force") or {}
    if stage == "before" and nl:
        first = f"{on} was {nxt['label_nl']} nog niet verschenen. " if nxt is not None else f"{on}: "
        return (
            f"{first}Deze gegevens geven voor deze datum {text_name}, zoals die brief het eerdere beleid beschrijft, "
            "met enkele feiten over de Vc-tekst; sinds wanneer die tekst in de Vc stond, is niet vastgelegd."
        )
    if stage == "before":
        first = f"{on} {nxt['label_en']} had not yet been issued. " if nxt is not None else f"{on}: "
        return (
            f"{first}For this date this data gives {text_name}, as that letter describes the earlier policy, with a "
            "few facts about the Vc text; since when that text was in the Vc is not recorded."
        )
    if stage == "unknown" and nl:
        return f"{on} had {lt} wijzigingen aangekondigd. Of en wanneer die in de Vc zijn opgenomen, is niet gevonden; tot dan stond in de Vc {text_name}."
    if stage == "unknown":
        return f"{on} {lt} had announced changes. Whether and when they were put into the Vc was not found; until then the Vc held {text_name}."
    if stage in ("announced", "signed") and nl:
        text = f"{on} stond in de Vc nog {text_name}. {_cap(lt)} had wijzigingen aangekondigd; die waren nog niet opgenomen in de Vc."
        if stage == "signed":
            return text + f" {_cap(name)} was getekend op {signed} maar nog niet gepubliceerd" + (f"; het is gepubliceerd op {pub}{ref}." if pub else ".")
        if pub:
            return text + f" Dat gebeurde later: {name} is " + (f"getekend op {signed} en " if signed else "") + f"gepubliceerd op {pub}{ref}."
        return text + " Of en wanneer zij in de Vc zijn opgenomen, is niet gevonden."
    if stage in ("announced", "signed"):
        text = f"{on} the Vc still held {text_name}. {_cap(lt)} had announced changes; they were not yet in the Vc."
        if stage == "signed":
            return text + f" {_cap(name)} had been signed on {signed} but not yet published" + (f"; it was published on {pub}{ref}." if pub else ".")
        if pub:
            return text + f" That happened later: {name} was " + (f"signed on {signed} and " if signed else "") + f"published on {pub}{ref}."
        return text + " Whether and when they were put into the Vc was not found."
    if stage in ("published", "in_force"):
        text_name = text_name.split(" (")[0]  # the decision is named in the next sentence
        label = force.get(f"label_{lang}")
        if nl:
            when = f"het is getekend op {signed} en gepubliceerd op {pub}{ref}" if signed else f"het is gepubliceerd op {pub}{ref}"
            text = f"{on} stond in de Vc {text_name}. {_cap(name)} nam {lt} op in de Vc; {when}."
            if not force.get("found"):
                return text + " De datum van inwerkingtreding is niet gevonden."
            return text + (f" In werking sinds {label}." if stage == "in_force" else f" Het treedt in werking op {label}.")
        when = f"it was signed on {signed} and published on {pub}{ref}" if signed else f"it was published on {pub}{ref}"
        text = f"{on} the Vc held {text_name}. {_cap(name)} put {lt} into the Vc; {when}."
        if not force.get("found"):
            return text + " The date of its entry into force was not found."
        return text + (f" In force since {label}." if stage == "in_force" else f" It enters into force on {label}.")
    first = long_date(tl.periods[0].start if tl.periods else None, lang)
    return f"{on} is niets vastgelegd; de eerste vastgelegde versie begint op {first}." if nl else f"{on} nothing is recorded; the first recorded version starts on {first}."


def _context_on(tl: Timeline, block: dict[str, Any]) -> list[dict[str, Any]]:
    """Every fact about the codified text, with how it stands to the Vc text on the date (on_date: vc_text, earlier,
    later or unknown) and its status in a few words."""
    index = {p.version: i for i, p in enumerate(tl.periods)}
    here = index.get(block["version"], -1)
    made: dict[str, dict[str, Any]] = tl.memo("status_context", dict)
    out = []
    for c in tl.country.country.codified_context:
        if c.id not in made:
            made[c.id] = annotate(context_entry(c, tl.country.country), tl.country.sources)
        where = index.get(c.describes or "")
        on_date = "unknown" if where is None else ("vc_text" if where == here else ("earlier" if where < here else "later"))
        entry = {**made[c.id], "title_nl": c.title_nl, "title_en": c.title_en, "on_date": on_date}
        for i, lang in enumerate(("nl", "en")):
            if on_date == "vc_text" and block.get("since") is None:
                # the old text, whose start in the Vc no source gives: that the Vc held it on the date is not known
                short = (
                    "beschrijft de oude tekst; sinds wanneer die in de Vc stond, is niet vastgelegd",
                    "describes the old text; since when the Vc held it is not recorded",
                )[i]
            elif on_date == "vc_text":
                short = ("beschrijft de tekst die op deze datum in de Vc stond", "describes the text in the Vc on this date")[i]
            elif on_date == "earlier":
                until = _iso_words(block.get("since"), lang)
                short = ("beschrijft de oude tekst", "describes the old text")[i] + (f" ({('tot', 'until')[i]} {until})" if until else "")
            elif on_date == "later":
                since = _published(tl.country.versions[str(c.describes)])
                short = ("beschrijft de latere tekst", "describes the later text")[i]
                short += f" ({('vanaf', 'from')[i]} {long_date(since, lang)})" if since else ""
            else:
                short = ("welke tekst dit beschrijft, is niet vastgelegd", "which text this describes is not recorded")[i]
            if c.fate is not None and on_date != "later":
                short += ("; na de brief: ", "; after the letter: ")[i] + _FATE_WORDS[c.fate.state][i]
            entry[f"short_{lang}"] = short
        out.append(entry)
    return out


def status(tl: Timeline, day: dt.date) -> dict[str, Any]:
    """The legal status on day, for the headline of every as-of answer (its fields: docs/en/api.md, "status").

    The day stands as ON_MARK in the texts: fill replaces it.
    """
    period = tl.period_on(day)
    if period is None:
        heads = {lang: _headline(tl, "nothing", {}, None, None, None, lang) for lang in ("nl", "en")}
        empty = dict.fromkeys(("vc_text", "letter", "codified", "in_force"))
        return {"stage": "nothing", "headline_nl": heads["nl"], "headline_en": heads["en"], **empty, "rules": [], "context": [], "next": None}
    keyed = tl.country.versions[_announced_by(tl, period.version, day)]
    a_in = tl.amendment_to.get(keyed.id)
    a_out = tl.amendment_from.get(keyed.id)
    block = _vc_text(tl, day, keyed)
    letter = _letter_block(tl, a_in) if a_in is not None else None
    codified = _codified_block(tl, a_in, day) if a_in is not None else None
    in_force = _in_force_block(tl, keyed) if a_in is not None else None
    nxt = _letter_block(tl, a_out) if a_out is not None else None
    stage = "before" if codified is None else codification(keyed, day)["state"]
    if stage == "announced" and codified is not None and not codified["known"]:
        stage = "unknown"
    heads = {lang: _headline(tl, stage, block, letter, codified, nxt, lang) for lang in ("nl", "en")}
    rules: list[dict[str, Any]] = []
    if a_in is None:
        provisions = _provisions(tl, keyed)
        for pid, p in sorted(keyed.provisions.items(), key=_order_key(tl)):
            said = "described_inferred" if provisions[pid].get("inference") else "described"
            texts = {lang: _rule_text(said, None, nxt, None, None, lang) for lang in ("nl", "en")}
            rules.append(_rule(tl, keyed.id, pid, p, "old", stage="described", texts=texts, later=_later(tl, a_out, pid)))
    else:
        before = tl.country.versions[a_in.version_from]
        records = {r.provision: r for r in tl.changes.get(a_in.id, [])}
        new_text = block["role"] == "new"
        for pid, _ in sorted({**before.provisions, **keyed.provisions}.items(), key=_order_key(tl)):
            rec = records.get(pid)
            kind = rec.kind if rec is not None else ("kept" if pid in a_in.kept else "unchanged")
            if kind != "removed" and (new_text or pid not in before.provisions):
                p, shown, vid = keyed.provisions[pid], "new", keyed.id
            else:
                p, shown, vid = before.provisions[pid], "old", before.id
            if new_text:
                rstage = "removed" if kind == "removed" else "in_vc"
            elif kind in ("kept", "unchanged"):
                rstage = "in_vc"
            elif stage == "unknown":
                rstage = "unknown"  # whether the letter was put into the Vc, and when, is not known
            elif kind == "removed":
                rstage = "removal_signed" if stage == "signed" else "removal_announced"
            else:
                rstage = stage if stage in ("announced", "signed") else "announced"
            in_vc = {"in_vc": True, "removed": False, "removal_announced": True, "removal_signed": True, "unknown": None}.get(rstage, False)
            if kind == "modified" and rstage in ("announced", "signed"):
                in_vc = True  # the old form of the rule stood in the Vc
            later_place = None
            if shown == "new" and not new_text and p.placement.basis == "codified":
                later_place = (codified or {}).get("reference") or ""  # "": no reference is known
            # a rule the letter leaves alone, shown in the old text, owes nothing to the letter or to the WBV yet
            untouched = kind in ("kept", "unchanged") and not new_text
            force = in_force if new_text else None
            texts = {lang: _rule_text(rstage, kind, letter, codified, force, lang, begun=stage == "in_force") for lang in ("nl", "en")}
            rules.append(
                _rule(
                    tl, vid, pid, p, shown, change=kind, record=rec, stage=rstage, in_vc=in_vc,
                    letter=None if untouched else letter, codified=None if untouched else codified,
                    in_force=force, placement_later=later_place, texts=texts, later=_later(tl, a_out, pid),
                )
            )
    changes = [
        {"record": r.id, "provision": r.provision, "kind": r.kind, "title_nl": r.title_nl, "title_en": r.title_en, "groups": list(r.groups)}
        for r in (tl.changes.get(a_out.id, []) if a_out is not None else [])
    ]
    return {
        "stage": stage,
        "headline_nl": heads["nl"],
        "headline_en": heads["en"],
        "vc_text": block,
        "letter": letter,
        "codified": codified,
        "in_force": in_force,
        "rules": rules,
        "context": _context_on(tl, block),
        "next": {**nxt, "changes": changes} if nxt is not None else None,
    }


def _announced_by(tl: Timeline, vid: str, day: dt.date) -> str:
    """The latest version a letter had announced by day, from vid, the version aztimeline applies on day.

    With effective_from_basis "announced" that is vid itself. With "in_force" a letter can announce the next version
    before aztimeline applies it: the status then speaks of that letter (announced, not yet in the Vc or in force).
    """
    a = tl.amendment_from.get(vid)
    while a is not None and a.announced <= day:
        vid = a.version_to
        a = tl.amendment_from.get(vid)
    return vid


def asof(tl: Timeline, day: dt.date, *, name_day: bool = True) -> dict[str, Any]:
    """The as-of answer for a day: the status, the version, its codification, pending changes, the basis of its
    date in one sentence, and how current it is (currency).

    Answered from the timeline's as-of table (built on first use, see asof_table): a binary search and a copy.
    The answer shares its nested lists and dicts with the table: read them, do not change them.
    """
    cuts, templates = asof_table(tl)
    return fill(templates[bisect.bisect_right(cuts, day)], day, name_day=name_day)


def asof_table(tl: Timeline) -> tuple[list[dt.date], list[dict[str, Any]]]:
    """The dates at which the as-of answer may change, and one answer (without its date) per stretch between them.

    Stretch i runs from cuts[i - 1] (from the beginning for i = 0) up to cuts[i]; its answer is asof_template's
    for a day of the stretch (_day_in).
    """
    cuts = tl.memo("asof_cuts", lambda: sorted(_cut_dates(tl)))
    return tl.memo("asof_table", lambda: (cuts, [asof_template(tl, _day_in(cuts, i)) for i in range(len(cuts) + 1)]))


def _day_in(cuts: list[dt.date], i: int) -> dt.date:
    """A day of stretch i: its first day, or the day before the first cut for the stretch open at the start."""
    if i:
        return cuts[i - 1]
    return cuts[0] - dt.timedelta(days=1) if cuts else dt.date(2000, 1, 1)


def asof_tables(v: Any) -> dict[str, tuple[list[dt.date], list[dict[str, Any]]]]:
    """The as-of table of every country of validated data v, by country id (what asoftable.store keeps)."""
    return {cid: asof_table(load_timeline(cd, v.changes)) for cid, cd in v.dataset.countries.items()}


def _cut_dates(tl: Timeline) -> set[dt.date]:
    """Every date at which some part of the as-of answer may change."""
    cuts = {p.start for p in tl.periods if p.start}
    for v in tl.country.versions.values():
        cuts.update(d for d in (_date_of(getattr(v.milestones, name)) for name in MILESTONES) if d)
    cuts.update(tl.country.amendments[aid].announced for aid in tl.order)
    cuts.add(tl.country.country.currency.checked_until + dt.timedelta(days=1))  # currency.beyond turns true
    cuts.update(k.date for k in tl.country.country.currency.known_later)  # from then on it is known before the date
    return cuts


def _pending(tl: Timeline, day: dt.date) -> list[str]:
    """Change records announced on or before day whose version had not started yet on day."""
    pending: list[str] = []
    for aid in tl.order:
        a = tl.country.amendments[aid]
        eff = tl.country.versions[a.version_to].effective_from
        if a.announced <= day and not (isinstance(eff, dt.date) and eff <= day):
            pending.extend(r.id for r in tl.changes.get(aid, []))
    return pending


def _records_to(tl: Timeline, vid: str) -> list[str]:
    """The ids of the change records leading to a version."""
    return [r.id for aid in tl.order if tl.country.amendments[aid].version_to == vid for r in tl.changes.get(aid, [])]


def _provisions(tl: Timeline, v: Version) -> dict[str, dict[str, Any]]:
    """A version's provisions in the JSON contract's shape, by id, made once per version.

    A version repeats most provisions of the version before it: a provision equal to the last one made under
    its id is given the same (read-only) JSON.
    """
    last: dict[str, tuple[Any, dict[str, Any]]] = tl.memo("provision_json", dict)

    def make() -> dict[str, dict[str, Any]]:
        out = {}
        for pid, p in v.provisions.items():
            hit = last.get(pid)
            if hit is None or not (hit[0] is p or hit[0] == p):
                hit = last[pid] = (p, provision_json(tl.country, pid, p))
            out[pid] = hit[1]
        return out

    return tl.memo(f"provisions:{v.id}", make)


def asof_template(tl: Timeline, day: dt.date) -> dict[str, Any]:
    """The as-of answer computed for day itself, without its date and with ON_MARK where its texts name the day
    (the as-of table is made of these; answer.fill fills one in for a day)."""
    period = tl.period_on(day)
    v = tl.country.versions[period.version] if period is not None else None
    cod = codification(v, day) if v is not None else None
    notes: dict[str, str | None] = {"nl": None, "en": None}
    if period is None:
        notes = {lang: _nothing(tl, lang) for lang in ("nl", "en")} if tl.periods else {"nl": "Geen versies vastgelegd.", "en": "No versions recorded."}
    elif period.start is None:
        # the data keeps half-open periods; a reader gets the last day on which the version applied ("t/m")
        last = period.end - dt.timedelta(days=1) if period.end else None
        end_nl = f"t/m {long_date(last, 'nl')}" if last else "tot heden"
        end_en = f"up to and including {long_date(last, 'en')}" if last else "until now"
        notes = {
            "nl": f"De begindatum van deze versie is onbekend. Zij is de oudste vastgelegde versie en gold {end_nl}; "
            "of zij op deze datum al gold, is niet vastgelegd.",
            "en": f"The start date of this version is unknown. It is the earliest recorded version and applied {end_en}; "
            "whether it already applied on this date is not recorded.",
        }
    start = period.start.isoformat() if period is not None and period.start else None
    return {
        "country": tl.country.country.id,
        "status": status(tl, day),  # the headline of the answer, so first
        "version": v
        and {
            "id": v.id,
            "title_nl": v.title_nl,
            "title_en": v.title_en,
            "effective_from": start,
            "effective_to": period.end.isoformat() if period is not None and period.end else None,
            "effective_from_basis": v.effective_from_basis,
            "provisions": list(_provisions(tl, v).values()),
        },
        "start_unknown": period is not None and period.start is None,
        "note_nl": notes["nl"],
        "note_en": notes["en"],
        "codification": cod,
        "pending": _pending(tl, day),
        "not_yet_codified": _records_to(tl, v.id) if v is not None and cod and cod["state"] in ("announced", "signed") else [],
        "basis": {
            "keyed_on": v.effective_from_basis if v is not None else None,
            "date": start,
            "text_nl": basis_sentence(tl, day, "nl", on=ON_MARK["nl"]),
            "text_en": basis_sentence(tl, day, "en", on=ON_MARK["en"]),
        },
        "currency": currency(tl, day),
    }


def asof_segments(tl: Timeline) -> list[dict[str, Any]]:
    """The as-of answer as a table: stretches of dates over which every part of the answer stays the same.

    The answer changes only at a known date of the data (a version's start, a milestone, an announcement),
    so one as-of answer per stretch between those dates answers every date. The site's as-of page uses
    this table without JavaScript, and its script only looks a date up in it.
    """
    cuts, templates = asof_table(tl)
    out: list[dict[str, Any]] = []
    for i, template in enumerate(templates):
        answer = fill(template, _day_in(cuts, i), name_day=False, date=False)
        end = cuts[i].isoformat() if i < len(cuts) else None
        if out and out[-1]["answer"] == answer:
            out[-1]["to"] = end  # merge stretches whose answers are the same
        else:
            out.append({"from": cuts[i - 1].isoformat() if i else None, "to": end, "answer": answer})
    return out


# --- compare two dates -------------------------------------------------------------------------------------


_COMPARE_WORDS = {
    "nl": {
        "heading": "{a} vergeleken met {b}",
        "nothing": "Tussen {a} en {b} is in deze gegevens niets veranderd: dezelfde tekst van de Vc en dezelfde status van elke regel.",
        "other_text": "Tussen {a} en {b} veranderde de status: op {a} stond in de Vc {text_a}, op {b} {text_b}.",
        "points": "Tussen {a} en {b} verschillen {n} punten; dezelfde tekst van de Vc.",
        "not_own": " De tekst van de Vc zelf staat niet in deze gegevens; de vergelijking rust op de brief en op feiten over de Vc-tekst.",
    },
    "en": {
        "heading": "{a} compared with {b}",
        "nothing": "Between {a} and {b} nothing changed in this data: the same Vc text and the same status of every rule.",
        "other_text": "Between {a} and {b} the status changed: on {a} the Vc held {text_a}, on {b} {text_b}.",
        "points": "Between {a} and {b} {n} points differ; the same Vc text.",
        "not_own": " The Vc's own text is not in this data; the comparison rests on the letter and on facts about the Vc text.",
    },
}
"""The heading and summary of a comparison of two dates (a the earlier), per language: nothing differs, the Vc
held another text, or some points differ in the same text; not_own is added when the Vc's own text is not in the data."""


def compare_dates(tl: Timeline, first: dt.date, second: dt.date) -> dict[str, Any]:
    """Two dates side by side by their legal status: what differs first, then what stayed the same.

    The status can change within one version of aztimeline (announced on one date, in the Vc on the other), so
    the comparison is of the status answers, not of the versions: the Vc text held, each rule's stage, and the
    known developments in between. The dates are given in order (the earlier first) and repeated in every text.
    """
    a, b = sorted((first, second))
    later = asof(tl, b)
    sa, sb = asof(tl, a)["status"], later["status"]
    ra = {r["provision"]: r for r in sa["rules"]}
    rb = {r["provision"]: r for r in sb["rules"]}
    differences: list[dict[str, Any]] = []
    same: list[dict[str, Any]] = []
    va, vb = sa["vc_text"] or {}, sb["vc_text"] or {}
    if va.get("version") != vb.get("version"):
        sides = {"first_nl": va.get("text_nl"), "first_en": va.get("text_en"), "second_nl": vb.get("text_nl"), "second_en": vb.get("text_en")}
        differences.append({"about": "vc_text", "provision": None, "title_nl": "Tekst van de Vc", "title_en": "Text of the Vc", **sides})
    for pid in [*ra, *(p for p in rb if p not in ra)]:
        x, y = ra.get(pid), rb.get(pid)
        ref = y or x
        assert ref is not None
        item = {
            "about": "rule",
            "provision": pid,
            "title_nl": ref["title_nl"],
            "title_en": ref["title_en"],
            "groups": ref["groups"],
            "first_stage": x["stage"] if x else None,
            "second_stage": y["stage"] if y else None,
            "first_nl": x["text_nl"] if x else "Op deze datum niet in deze gegevens.",
            "first_en": x["text_en"] if x else "Not in this data on this date.",
            "second_nl": y["text_nl"] if y else "Op deze datum niet in deze gegevens.",
            "second_en": y["text_en"] if y else "Not in this data on this date.",
        }
        if x is None or y is None or (x["stage"], x["in_vc"]) != (y["stage"], y["in_vc"]):
            differences.append({**item, "change": "stage"})
        elif x["version"] != y["version"]:  # the same status, but in another text of the Vc (kept by the letter)
            differences.append({**item, "change": "text"})
        else:
            same.append({**item, "change": None})
    between = [k for k in (later["currency"]["known_before"] or []) if a.isoformat() < k["date"] <= b.isoformat()]
    keys = ("title_nl", "title_en", "date", "record", "record_nl", "confidence")
    differences += [{"about": "development", "provision": None, **{key: k[key] for key in keys}} for k in between]
    own = bool(va.get("own_text_in_data") and vb.get("own_text_in_data"))
    if not differences:
        said = "nothing"
    elif va and vb and va["version"] != vb["version"]:
        said = "other_text"
    else:
        said = "points"
    texts = {}
    for lang in ("nl", "en"):
        w = _COMPARE_WORDS[lang]
        words = {"a": long_date(a, lang), "b": long_date(b, lang), "n": len(differences)}
        words |= {"text_a": va.get(f"label_{lang}"), "text_b": vb.get(f"label_{lang}")}
        texts[f"heading_{lang}"] = w["heading"].format(**words)
        texts[f"summary_{lang}"] = w[said].format(**words) + ("" if own else w["not_own"])
    return {
        "first": a.isoformat(),
        "second": b.isoformat(),
        **texts,
        "first_status": {"stage": sa["stage"], "headline_nl": sa["headline_nl"], "headline_en": sa["headline_en"]},
        "second_status": {"stage": sb["stage"], "headline_nl": sb["headline_nl"], "headline_en": sb["headline_en"]},
        "status_changed": sa["stage"] != sb["stage"] or va.get("version") != vb.get("version"),
        "own_text_in_data": own,
        "differences": differences,
        "same": same,
    }
