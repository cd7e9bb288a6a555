"""Ordering of versions, validity periods, and the as-of answer: the version in force and what is pending."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .addresses import official_url
from .answer import ON_MARK, fill, on_words
from .dates import long_date, long_month
from .errors import Problem
from .messages import by_lang, catalogue
from .precision import CONFIDENCE_WORDS, TEXT_WORDS, annotate, context_entry, fact_fields, facts_by_id, placement_json, provision_json

if TYPE_CHECKING:
    from .load import CountryData
    from .models import ChangeRecord, Version

W: dict[str, dict[str, Any]] = by_lang(catalogue("aztimeline"))
"""The timeline's sentences in each language, from messages.toml beside this module: W[lang][table][key]."""


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
"""A version's milestones in the order they follow each other (validate refuses known dates out of this order)."""


def milestone_date(v: Version, name: str) -> dt.date | None:
    """The date of milestone name (one of MILESTONES) of version v, None where the data says unknown: the one reading
    of a milestone's date, for the answers, the checks, the pages, the chart and the exports alike."""
    d = getattr(v.milestones, name).date
    return d if isinstance(d, dt.date) else None


def known_milestones(v: Version) -> list[tuple[str, dt.date]]:
    """Version v's milestones whose date is known, in order, each with its date."""
    return [(name, d) for name in MILESTONES if (d := milestone_date(v, name)) is not None]


def codification(version: Version, day: dt.date) -> dict[str, Any]:
    """Where the version stood on day: announced, signed, published, in force, or unknown."""
    dates = {name: milestone_date(version, name) for name in MILESTONES}
    state = next((name for name in reversed(MILESTONES) if (d := dates[name]) is not None and d <= day), "unknown")
    texts = {}
    for lang in ("nl", "en"):
        words = {k: long_date(d, lang) for k, d in dates.items()}
        if dates["in_force"] is None:
            words["in_force"] = W[lang]["words"]["not_found"]
        texts[f"text_{lang}"] = W[lang]["state"][state].format(**words)
    iso = {k: d.isoformat() if d else "unknown" for k, d in dates.items()}
    return {"state": state, "milestones": iso, **texts}


def _instrument_words(tl: Timeline, amendment: Any, lang: str) -> str:
    """ "de brief" / "the letter" for a kamerbrief, else a neutral word."""
    src = tl.country.sources.get(amendment.instrument) if amendment is not None else None
    return _instrument(src.meta.kind if src is not None else "other", lang)


def _instrument(kind: str, lang: str) -> str:
    words = W[lang]["instrument"]
    return words.get(kind, words["other"])


def _decision_name(a: Any, lang: str) -> str:
    """The name of the decision that put an amendment into the Vc, or "the amending decision"."""
    return (a.codified_by_name if a is not None else None) or W[lang]["words"]["decision"]


def _applies(tl: Timeline, v: Version, start: dt.date | None, lang: str) -> str:
    """The basis's first sentence: from which date aztimeline applies a version, and why."""
    basis = v.effective_from_basis if v.effective_from_basis in ("announced", "in_force") else "other"
    what = _instrument_words(tl, tl.amendment_to.get(v.id), lang) if basis == "announced" else ""
    return W[lang]["applies"][basis].format(what=what, day=long_date(start, lang))


def _codification_words(tl: Timeline, version: Version, day: dt.date, lang: str, on: str) -> str:
    """The second half of the basis sentence: where the codification stood on the day."""
    state = codification(version, day)["state"]
    name = _decision_name(tl.amendment_to.get(version.id), lang)
    days = (milestone_date(version, x) for x in ("signed", "published", "in_force"))
    signed, published, in_force = (long_date(d, lang) if d else None for d in days)
    w = W[lang]["codification"]
    if state == "announced":
        return w["announced"].format(on=on, later=w["later_signed"].format(name=name, signed=signed) if signed else "")
    if state == "signed":
        published = w["later_published"].format(published=published) if published else ""
        return w["signed"].format(on=on, name=name, signed=signed, published=published)
    if state == "published":
        force = w["force"].format(in_force=in_force) if in_force else w["no_force"]
        return w["published"].format(on=on, name=name, published=published, force=force)
    return w[state].format(on=on, in_force=in_force)  # unknown, in_force


def _nothing(tl: Timeline, lang: str) -> str:
    return W[lang]["applies"]["nothing"].format(first=long_date(tl.periods[0].start if tl.periods else None, lang))


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
    opening = W[lang]["applies"]["before"].format(end=end, what=what, of=of)
    return f"{opening} {_codification_words(tl, v, day, lang, on)}"


def currency(tl: Timeline, day: dt.date | None, *, version: str | None = None) -> dict[str, Any]:
    """How current the answer is (its fields: docs/en/api.md, "currency"); beyond, known_before and known_after are None
    without a day, and known_later, the developments in the answered version's period, is kept as it was for its readers.
    With neither a day nor a version (the timeline: the whole record) known_later is every development, wherever it is
    dated: a version of 2025 had taken those of 2021 off the timeline, while the answers for 2025 still listed them."""
    cur = tl.country.country.currency
    period = tl.period_on(day) if day is not None else next((p for p in tl.periods if p.version == version), None)
    every = [(k.date, _development(k, tl.facts.get(k.fact))) for k in sorted(cur.known_later, key=lambda k: (k.date, k.id))]
    known = [item for d, item in every if (period.contains(d) if period is not None else day is None and version is None)]
    fact = tl.facts.get(cur.fact)
    beyond = (day > cur.checked_until) if day is not None else None
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
        **{f"text_{lang}": _currency_text(cur.checked_until, cur.searched, fact, beyond, lang) for lang in ("nl", "en")},
        "known_before": [item for d, item in every if d <= day] if day is not None else None,
        "known_after": [item for d, item in every if d > day] if day is not None else None,
    }


def _development(k: Any, f: Any) -> dict[str, Any]:
    return {
        "id": k.id,
        "date": k.date.isoformat(),
        "title_nl": k.title_nl,
        "title_en": k.title_en,
        "name_nl": k.name_nl,
        "name_en": k.name_en,
        **fact_fields(f),
        "publication": f.publication if f else None,
        "url": official_url(f.publication) if f and f.publication else None,
    }


def _currency_text(checked: dt.date, searched: str | None, fact: Any, beyond: bool | None, lang: str) -> str:
    """The check in one paragraph: up to when, when and how sure, that absence is no proof, and past the limit.

    What the search did not find is said as narrowly as the record does (no later change to the Vc's text): the
    developments it did find, such as a later letter whose codification is unknown, are listed beside it."""
    month = long_month(searched, lang) if searched else None
    conf = CONFIDENCE_WORDS[lang].get(fact.confidence, fact.confidence) if fact else None
    w = W[lang]["currency"]
    how = [w["done_in"].format(month=month)] if month else []
    how += [w["confidence"].format(confidence=conf)] if conf else []
    text = w["checked"].format(day=long_date(checked, lang), how=f" ({', '.join(how)})" if how else "") + " " + w["no_proof"]
    return text + " " + w["beyond"] if beyond else text


def basis_of_version(tl: Timeline, vid: str) -> dict[str, Any]:
    """The basis of a version's dates (for show): change_basis's, or for a first version with an unknown start, that it is not recorded."""
    v = tl.country.versions[vid]
    if isinstance(v.effective_from, dt.date):
        return change_basis(tl, vid)
    end = next((p.end for p in tl.periods if p.version == vid), None)
    texts = {}
    for lang in ("nl", "en"):
        w = W[lang]["applies"]
        texts[f"text_{lang}"] = w["not_recorded"].format(until=w["until"].format(day=long_date(end, lang)) if end else "")
    return {"keyed_on": v.effective_from_basis, "date": None, **texts}


def _decision_dates(signed: dt.date | None, published: dt.date | None, lang: str, reference: str | None = None) -> list[str]:
    """ "getekend op 7 januari 2021", "gepubliceerd op 13 januari 2021 (Stcrt. 2021, 1592)": the known ones."""
    w = W[lang]["label"]
    parts = [w["signed_on"].format(day=long_date(signed, lang))] if signed else []
    if published:
        parts.append(w["published_on"].format(day=long_date(published, lang), reference=f" ({reference})" if reference else ""))
    return parts


def change_basis(tl: Timeline, version_to: str) -> dict[str, Any]:
    """The basis of a change's dates: keyed_on, date, text_nl, text_en (for change records and exports)."""
    v = tl.country.versions[version_to]
    eff = v.effective_from if isinstance(v.effective_from, dt.date) else None
    a = tl.amendment_to.get(v.id)
    signed, published, force = (milestone_date(v, x) for x in ("signed", "published", "in_force"))
    texts = {}
    for lang in ("nl", "en"):
        parts = ", ".join(_decision_dates(signed, published, lang))
        w = W[lang]["codification"]
        cod = w["codified"].format(name=_decision_name(a, lang), parts=parts) if parts else w["not_codified"]
        cod += "; " + (w["force"].format(in_force=long_date(force, lang)) if force else w["no_force"])
        texts[f"text_{lang}"] = f"{_applies(tl, v, eff, lang)} {cod}."
    return {"keyed_on": v.effective_from_basis, "date": eff.isoformat() if eff else None, **texts}


# --- the status on the date asked: the lawyer's headline -----------------------------------------------------
#
# The as-of lookup keys a version on the date of the letter that announced it (effective_from). A lawyer needs
# more: on the date asked, was a rule only announced, or already in the Vc, and which text of C7/5 did the Vc
# hold? The Vc held the old text until the decision that put the letter into it (a WBV) was published, and the
# new text from then on; its entry into force is a date of its own, and "not found" where no source gives it.


def codified_on(v: Version) -> dt.date | None:
    """The date a version's text became the Vc's text: its publication, else its entry into force; None if unknown."""
    return milestone_date(v, "published") or milestone_date(v, "in_force")


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
    labels = {}
    for lang in ("nl", "en"):
        w = W[lang]["label"]
        name = w["dated"].format(what=_instrument(kind, lang), day=long_date(a.announced, lang))
        labels[f"label_{lang}"] = w["kenmerk"].format(name=name, kenmerk=kenmerk) if kenmerk else name
    return {
        "date": a.announced.isoformat(),
        "source": a.instrument,
        "kind": kind,
        "title": meta.title if meta else None,
        "kenmerk": kenmerk,
        "kamerstuk": kamerstuk,
        **{f"kamerstuk_{lang}": f"Kamerstuk {kamerstuk}" if kamerstuk else W[lang]["words"]["kamerstuk_unknown"] for lang in ("nl", "en")},
        "signatory": meta.signatory if meta and meta.signatory != "unknown" else None,
        **labels,
        "quotes": quotes,
    }


def _codified_block(tl: Timeline, a: Any, day: dt.date) -> dict[str, Any]:
    """The decision that put a letter into the Vc: its name, dates, Staatscourant reference and publication id, and
    whether it had been published on day (done). Known parts only: what no source gives is null."""
    v = tl.country.versions[a.version_to]
    m = v.milestones
    signed, published = milestone_date(v, "signed"), milestone_date(v, "published")
    ref_fact = tl.facts.get(m.published.fact or "") or tl.facts.get(a.codified_by_fact or "")
    reference = ref_fact.cite_as if ref_fact else None
    publication = ref_fact.publication if ref_fact else None
    name = a.codified_by_name
    known = bool(name or signed or published)
    labels = {f"label_{lang}": W[lang]["words"]["not_found"] for lang in ("nl", "en")}
    for lang in ("nl", "en") if known else ():
        labels[f"label_{lang}"] = ", ".join([_decision_name(a, lang), *_decision_dates(signed, published, lang, reference)])
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
        **labels,
    }


def _in_force_block(tl: Timeline, v: Version) -> dict[str, Any]:
    """The entry into force of a version's text: the date, or "niet gevonden" / "not found" with the note why."""
    m = v.milestones.in_force
    d = milestone_date(v, "in_force")
    fact = tl.facts.get(m.fact or "")
    return {
        "date": d.isoformat() if d else None,
        "found": d is not None,
        **{f"label_{lang}": long_date(d, lang) if d else W[lang]["words"]["not_found"] for lang in ("nl", "en")},
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
        return {lang: W[lang]["vc_text"]["new"].format(para=para) + (f" ({name})" if name else "") for lang in ("nl", "en")}
    # no decision is named: the next change is named by its letter
    letter = _letter_block(tl, a) if a is not None and not name else None
    names = {}
    for lang in ("nl", "en"):
        w = W[lang]["vc_text"]
        nxt = letter[f"label_{lang}"] if letter else name
        names[lang] = w["old"].format(para=para) + (w["before"].format(next=nxt) if nxt else "")
    return names


def section_order(tl: Timeline) -> Any:
    """A sort key for (provision id, provision) pairs: by the place of the provision's section among the country's
    sections, then by id."""
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
    placement_old: bool = False,
) -> dict[str, Any]:
    """One rule of the status: the provision as shown on the date (from version vid), its change and its status.

    A rule described by the letter, before any change, has no change, record, Vc status or dates (None). Its
    placement says when its section number is not of the text the Vc held on the date: a number from the later
    codification (placement_later, its reference) or one from the old text (placement_old), which the new text may
    use for something else.
    """
    pj = _provisions(tl, tl.country.versions[vid])[pid]
    pl = {**pj["placement"], "later": placement_later is not None, "old": placement_old, "note_nl": None, "note_en": None}
    if placement_old:  # the number is the old text's, beside the new text: said right after it
        pl |= {k: v for k, v in placement_json(p, tl.country.country, text="old").items() if k in ("label_nl", "label_en")}
        pl |= {f"note_{lang}": TEXT_WORDS["old"][lang] for lang in ("nl", "en")}
    elif placement_later is not None:
        ref = f" ({placement_later})" if placement_later else ""
        for lang in ("nl", "en"):
            note = W[lang]["rule"]["placement_later"]
            pl[f"note_{lang}"] = note + ref
            pl[f"label_{lang}"] += f"; {note}{ref}"
    short_key = stage if stage != "in_vc" else ("in_vc_new" if shown_in == "new" else "in_vc_old")
    if change == "modified" and stage in ("announced", "signed"):
        short_key = f"change_{stage}"
    if stage == "described" and pj.get("inference"):
        short_key = "described_inferred"  # the letter does not describe this part of the earlier policy: we infer it
    elif short_key == "in_vc_old" and pj.get("inference"):
        short_key = "in_vc_old_inferred"  # kept by the letter, but that the old text said it is still our inference
    elif short_key == "in_vc_new" and pl["basis"] == "ours":
        short_key = "in_vc_new_unplaced"  # the new text was not read where it would stand (its texts say so too)
    elif short_key in ("removal_announced", "removal_signed") and pl["basis"] == "ours":
        short_key += "_letter"  # only the letter says it is in the policy: no fact places it in the old Vc text
    elif short_key in ("announced", "signed") and change == "added" and record is not None and record.inference:
        short_key += "_named"  # that it is new is our inference: named in the letter, not announced as a change
    signed = (codified or {}).get("signed")  # the date the decision bears, in the words of a decision still unpublished
    short = {lang: W[lang]["rule_short"][short_key].format(signed=_iso_words(signed, lang)) for lang in ("nl", "en")}
    texts = dict(texts)
    for lang in ("nl", "en"):
        if shown_in == "new" and stage == "in_vc" and pl["basis"] == "ours":
            texts[lang] += " " + W[lang]["rule"]["place_unknown"]
        if later is not None and later["change"] in ("removed", "modified"):
            short[lang] += f"; {later[f'short_{lang}']}"
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
    label = {lang: letter[f"label_{lang}"] for lang in ("nl", "en")}
    does = {lang: W[lang]["does"][kind] for lang in ("nl", "en")}
    return {
        "change": kind,
        "record": rec.id if rec is not None else None,
        "date": a_out.announced.isoformat(),
        "text_nl": W["nl"]["rule"]["next_letter"].format(Letter=_cap(label["nl"]), does=does["nl"]),
        "text_en": W["en"]["rule"]["next_letter"].format(Letter=_cap(label["en"]), does=does["en"]),
        "short_nl": W["nl"]["rule"]["next_letter_short"].format(letter=label["nl"].split(" (")[0], does=does["nl"]),
        "short_en": W["en"]["rule"]["next_letter_short"].format(letter=label["en"].split(" (")[0], does=does["en"]),
    }


def _iso_words(iso: str | None, lang: str) -> str | None:
    return long_date(dt.date.fromisoformat(iso), lang) if iso else None


def _letter_words(letter: dict[str, Any] | None, cod: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the status's sentences fill in: the day's marker, the letter and the decision by name (capitalised too, to
    start a sentence), and the decision's dates, its publication with the Staatscourant reference."""
    lt = letter[f"label_{lang}"] if letter else W[lang]["words"]["letter"]
    name = cod.get("name") or W[lang]["words"]["decision"]
    signed, pub = _iso_words(cod.get("signed"), lang), _iso_words(cod.get("published"), lang)
    pub = pub and pub + (f" ({cod['reference']})" if cod.get("reference") else "")
    return {"on": ON_MARK[lang], "letter": lt, "Letter": _cap(lt), "name": name, "Name": _cap(name), "signed": signed, "published": pub}


def _rule_text(
    stage: str, change: str | None, letter: dict[str, Any] | None, cod: dict[str, Any] | None, in_force: dict[str, Any] | None, lang: str,
    *, begun: bool = False, placed: bool = True, inferred: bool = False, named: bool = False,
) -> str:
    """The status of one rule on the date in plain sentences; the day is the marker. begun: in_force's date is on or
    before the day (otherwise a known date is still to come). placed: a fact places the rule in the old Vc text;
    else only the letter says it is in the policy, and a rule still to be removed is said to be so as the letter
    describes it, not "in de Vc". inferred: that the rule held before the letter is our inference (a kept rule
    says so in the old text). named: that an added rule is new is our inference, so the letter names it rather than
    announces it, and whether the old text held it is not known."""
    cod = cod or {}
    w = W[lang]["rule"]
    words = _letter_words(letter, cod, lang)
    pub = words["published"]
    then = w["published"].format(**words) if pub else w["not_found"]
    force = ""
    if in_force is not None:
        since = (W[lang]["headline"]["in_force"] if begun else w["enters"]).format(day=in_force[f"label_{lang}"])
        force = " " + (since if in_force["found"] else w["no_force"])
    if stage in ("described", "described_inferred"):
        return w[stage].format(**words)
    if stage == "in_vc" and change in ("kept", "unchanged"):
        if not cod.get("done"):
            return w["old_text_inferred" if inferred else "old_text"].format(**words, does=W[lang]["does"][change])
        return w["replaced"].format(**words, did=W[lang]["did"][change]) + force
    if stage == "in_vc":
        return w["in_vc_named" if named else "in_vc"].format(**words, codified=cod.get(f"label_{lang}")) + force
    signed_later = w["removal_signed"].format(**{**words, "published": w["later_published"].format(published=pub) if pub else ""})
    if stage in ("announced", "signed") and named:
        return w["named_added"].format(**words) + " " + (then if stage == "announced" else signed_later)
    if stage in ("announced", "signed", "unknown"):
        text = [w["announced_" + (change if change in ("modified", "removed") else "added")].format(**words)]
        if stage == "signed":
            text += [w["signed"].format(**words)] + ([w["published_later"].format(**words)] if pub else [])
        else:
            text += [w["not_yet"].format(**words), then] if stage == "announced" else [then]
        if change == "modified" and stage != "unknown":
            text.append(w["old_rule"])
        return " ".join(text)
    if stage in ("removal_announced", "removal_signed"):
        text = w["removal" if placed else "removal_letter"].format(**words)
        return f"{text} {then if stage == 'removal_announced' else signed_later}"
    # removed: the removal takes effect with the new text, so its entry into force is the removal's too
    return w["removed"].format(**words) + force


def _vc_text(tl: Timeline, day: dt.date, keyed: Version) -> dict[str, Any]:
    """The vc_text block of the status: which version's text the Vc held on day, the old or the new around the change."""
    a_in = tl.amendment_to.get(keyed.id)
    pub = codified_on(keyed)
    since: dt.date | None
    until: dt.date | None
    if a_in is None or (pub is not None and pub <= day):
        text_v, role, since = keyed, "old" if a_in is None else "new", pub
        a_next = tl.amendment_from.get(keyed.id)
        until = codified_on(tl.country.versions[a_next.version_to]) if a_next is not None else None
    else:
        text_v, role, until = tl.country.versions[a_in.version_from], "old", pub
        since = codified_on(text_v)
    names = _text_names(tl, text_v.id, role)
    own = any(s.meta.kind == "wbv" for s in tl.country.sources.values())
    a_text = tl.amendment_to.get(text_v.id)
    texts = {}
    for lang in ("nl", "en"):
        w = W[lang]["vc_text"]
        span = w["since"].format(day=long_date(since, lang)) if since else w["since_unknown"]
        span += w["until"].format(day=long_date(until, lang)) if until else ""
        texts[f"text_{lang}"] = f"{_cap(names[lang])}, {span}.{'' if own else w['not_own']}"
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
        **texts,
    }


def force_unknown(vc_text: dict[str, Any]) -> bool:
    """Whether the vc_text block is of a text put into the Vc by a decision whose entry into force was not found."""
    force = vc_text.get("in_force")
    return force is not None and not force.get("found")


def force_note(vc_text: dict[str, Any], lang: str) -> str:
    """What the data says instead of the unknown date of entry into force (a sentence), or ""."""
    return (vc_text.get("in_force") or {}).get(f"note_{lang}") or ""


def _headline(
    tl: Timeline, stage: str, block: dict[str, Any], letter: dict[str, Any] | None, cod: dict[str, Any] | None,
    nxt: dict[str, Any] | None, lang: str, in_force: dict[str, Any] | None = None, left_open: str | None = None,
) -> str:
    """The status on the date in two or three sentences; the day is the marker. left_open: the note on the letter's
    date (ours), said while its changes are announced only: what the letter leaves open (a lawyer's read)."""
    cod = cod or {}
    w = W[lang]["headline"]
    on = ON_MARK[lang]
    text_name = block.get(f"label_{lang}", "")
    if stage == "before":
        first = w["not_issued"].format(on=on, next=nxt[f"label_{lang}"]) if nxt is not None else f"{on}:"
        return w["before"].format(first=first, text=text_name)
    if stage == "nothing":
        return w["nothing"].format(on=on, first=long_date(tl.periods[0].start if tl.periods else None, lang))
    words = _letter_words(letter, cod, lang) | {"text": text_name}
    name, signed, pub = words["name"], words["signed"], words["published"]
    left = f" {left_open}" if left_open else ""  # what the letter leaves open, last
    if stage == "unknown":
        return w["unknown"].format(**words) + left
    # before the publication, an entry into force not found may lie before the date asked: that is not known either
    retro = " " + w["retro"].format(name=name) if in_force is not None and not in_force["found"] else ""
    tail = retro + left
    if stage in ("announced", "signed"):
        text = w["announced"].format(**words) + " "
        if stage == "signed":
            return text + w["signed"].format(**{**words, "published": w["later_published"].format(published=pub) if pub else ""}) + tail
        if pub:
            return text + w["later"].format(**{**words, "signed": w["later_signed"].format(signed=signed) if signed else ""}) + tail
        return text + w["not_found"] + tail
    # published, in_force: the decision is named in the second sentence, so the text's name goes without it
    words["text"] = text_name.split(" (")[0]
    text = w["in_vc"].format(**words, when=w["when_signed" if signed else "when"].format(**words)) + " "
    force = block.get("in_force") or {}
    if not force.get("found"):  # with the note that says what is known instead (the usual clause's date, unverified)
        return " ".join(filter(None, (text + w["no_force"], force_note(block, lang))))
    return text + w["in_force" if stage == "in_force" else "enters"].format(day=force.get(f"label_{lang}"))


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
        for lang in ("nl", "en"):
            w = W[lang]["context"]
            if on_date == "vc_text" and block.get("since") is None:
                # the old text, whose start in the Vc no source gives: that the Vc held it on the date is not known
                short = w["old_since_unknown"]
            elif on_date == "earlier":
                until = _iso_words(block.get("since"), lang)
                short = w["earlier"] + (w["until"].format(day=until) if until else "")
            elif on_date == "later":
                since = codified_on(tl.country.versions[str(c.describes)])
                short = w["later"] + (w["from"].format(day=long_date(since, lang)) if since else "")
            else:
                short = w[on_date]  # vc_text, unknown
            if c.fate is not None and on_date != "later":
                short += w["fate"].format(fate=W[lang]["fate"][c.fate.state])
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
    m = keyed.milestones.announced
    heads = {lang: _headline(tl, stage, block, letter, codified, nxt, lang, in_force, getattr(m, f"note_{lang}")) for lang in ("nl", "en")}
    rules: list[dict[str, Any]] = []
    if a_in is None:
        provisions = _provisions(tl, keyed)
        for pid, p in sorted(keyed.provisions.items(), key=section_order(tl)):
            said = "described_inferred" if provisions[pid].get("inference") else "described"
            texts = {lang: _rule_text(said, None, nxt, None, None, lang) for lang in ("nl", "en")}
            rules.append(_rule(tl, keyed.id, pid, p, "old", stage="described", texts=texts, later=_later(tl, a_out, pid)))
    else:
        before = tl.country.versions[a_in.version_from]
        records = {r.provision: r for r in tl.changes.get(a_in.id, [])}
        new_text = block["role"] == "new"
        for pid, _ in sorted({**before.provisions, **keyed.provisions}.items(), key=section_order(tl)):
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
            named = kind == "added" and rec is not None and bool(rec.inference)
            if named and rstage in ("announced", "signed"):
                in_vc = None  # new by our inference only: whether the old text held it is not known
            placed, inferred = p.placement.basis == "codified", bool(p.inference)
            later_place = None
            if shown == "new" and not new_text and placed:
                later_place = (codified or {}).get("reference") or ""  # "": no reference is known
            # a rule the letter leaves alone, shown in the old text, owes nothing to the letter or to the WBV yet
            untouched = kind in ("kept", "unchanged") and not new_text
            force = in_force if new_text else None
            texts = {
                lang: _rule_text(
                    rstage, kind, letter, codified, force, lang, begun=stage == "in_force", placed=placed, inferred=inferred, named=named
                )
                for lang in ("nl", "en")
            }
            rules.append(
                _rule(
                    tl, vid, pid, p, shown, change=kind, record=rec, stage=rstage, in_vc=in_vc,
                    letter=None if untouched else letter, codified=None if untouched else codified,
                    in_force=force, placement_later=later_place, texts=texts, later=_later(tl, a_out, pid),
                    # after the letter a page holds numbers of both texts (a later one's, marked as such): an old one says so
                    placement_old=shown == "old" and placed,
                )
            )
    changes = [
        {
            "record": r.id, "provision": r.provision, "kind": r.kind, "inferred": r.inference is not None,
            "title_nl": r.title_nl, "title_en": r.title_en, "groups": list(r.groups),
        }
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
        cuts.update(d for _, d in known_milestones(v))
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
    notes: dict[str, str | None] = {"note_nl": None, "note_en": None}
    for lang in ("nl", "en"):
        w = W[lang]["asof"]
        if period is None:
            notes[f"note_{lang}"] = _nothing(tl, lang) if tl.periods else w["no_versions"]
        elif period.start is None:
            # the data keeps half-open periods; a reader gets the last day on which the version applied ("t/m")
            last = period.end - dt.timedelta(days=1) if period.end else None
            notes[f"note_{lang}"] = w["start_unknown"].format(end=w["until"].format(day=long_date(last, lang)) if last else w["until_now"])
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
        **notes,
        "codification": cod,
        "pending": _pending(tl, day),
        "not_yet_codified": _records_to(tl, v.id) if v is not None and cod and cod["state"] in ("announced", "signed") else [],
        "basis": {
            "keyed_on": v.effective_from_basis if v is not None else None,
            "date": start,
            **{f"text_{lang}": basis_sentence(tl, day, lang, on=ON_MARK[lang]) for lang in ("nl", "en")},
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
    unknown: list[dict[str, Any]] = []  # a rule named by the letter, on one date only: whether the Vc held it not known
    named = {r.id for rs in tl.changes.values() for r in rs if r.kind == "added" and r.inference}
    va, vb = sa["vc_text"] or {}, sb["vc_text"] or {}
    if va.get("version") != vb.get("version"):
        sides = {"first_nl": va.get("text_nl"), "first_en": va.get("text_en"), "second_nl": vb.get("text_nl"), "second_en": vb.get("text_en")}
        titles = {f"title_{lang}": W[lang]["compare"]["vc_text"] for lang in ("nl", "en")}
        differences.append({"about": "vc_text", "provision": None, **titles, **sides})
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
            **{f"first_{lang}": x[f"text_{lang}"] if x else W[lang]["compare"]["absent"] for lang in ("nl", "en")},
            **{f"second_{lang}": y[f"text_{lang}"] if y else W[lang]["compare"]["absent"] for lang in ("nl", "en")},
        }
        held = {"absent" if r is None else r["in_vc"] for r in (x, y)}  # in_vc None: whether the Vc held it is not known
        if ref["record"] in named and len(held) == 2 and False not in held:
            # not in the data, named in the letter, or in the new text: whether the Vc held it on the other date is
            # not known, so neither is a difference (a lawyer's read: it was listed under what differs)
            unknown.append({**item, "change": "unknown"})
        elif (
            x is not None and y is not None and {x["stage"], y["stage"]} == {"described", "in_vc"}
            and (x["version"] == y["version"] or y.get("change") in ("kept", "unchanged"))
        ):
            # a rule the letter keeps, described before it and in the Vc after: only what is known of it differs, and
            # its text, where the dates fall in different texts (found by two lawyers' reads)
            same.append({**item, "change": None if x["version"] == y["version"] else "text"})
        elif x is None or y is None or (x["stage"], x["in_vc"]) != (y["stage"], y["in_vc"]):
            differences.append({**item, "change": "stage"})
        else:
            # the same status; where it is in the other text of the Vc, which the letter kept it in, the Vc text's own
            # difference says that the text changed; the rule did not (found by a second lawyer's read)
            same.append({**item, "change": None if x["version"] == y["version"] else "text"})
    between = [k for k in (later["currency"]["known_before"] or []) if a.isoformat() < k["date"] <= b.isoformat()]
    keys = ("title_nl", "title_en", "date", "record", "record_nl", "confidence")
    differences += [{"about": "development", "provision": None, **{key: k[key] for key in keys}} for k in between]
    own = bool(va.get("own_text_in_data") and vb.get("own_text_in_data"))
    if not differences:
        said = "unknown_only" if unknown else "nothing"
    elif va and vb and va["version"] != vb["version"]:
        said = "other_text"
    else:
        said = "points"
    texts = {}
    for lang in ("nl", "en"):
        w = W[lang]["compare"]
        words = {"a": long_date(a, lang), "b": long_date(b, lang), "n": len(differences)}
        words |= {"text_a": va.get(f"label_{lang}"), "text_b": vb.get(f"label_{lang}")}
        texts[f"heading_{lang}"] = w["heading"].format(**words)
        force, key = "", said
        if force_unknown(vb) and (said == "other_text" or va.get("version") == vb.get("version")):
            # the date of entry into force was not found: the same text in the Vc is not said to be the same status
            key = said if said == "other_text" else f"{said}_put"
            note = force_note(vb, lang)
            force = f" {w['force_unknown' if said != 'other_text' else 'no_force'].format(**words)}" + (f" {note}" if note else "")
        if unknown and said != "unknown_only":
            force += " " + w["unknown_one" if len(unknown) == 1 else "unknown_n"].format(n=len(unknown))
        texts[f"summary_{lang}"] = w[key].format(**words) + force + ("" if own else w["not_own"])
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
        "unknown": unknown,
    }
