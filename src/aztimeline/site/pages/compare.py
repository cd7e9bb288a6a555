"""The compare page: two versions side by side, the words that differ marked; or two dates by their legal status,
what differs first (a change of status within one version too)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...diff import DIFF_EXCLUDE, word_diff
from ...load import CountryData
from ...models import ChangeRecord
from ...precision import context_json, placement_json
from ...timeline import compare_dates, force_note, force_unknown, section_order
from ..context import Site, rel
from ..svg import events_in_order
from ..views import attribute_rows, context_view, event_view, group_words, not_in_earlier, placement, quotes, render_page, version_link
from .asof import ASOF_FULL_UP_TO
from .status import currency_view, development_view, probe_day, script_dates, status_blocks

ALL_PAIRS_UP_TO = 4
"""With up to this many versions, every ordered pair is compared on the page; with more, neighbours only."""
DATE_PAIRS_UP_TO = 12
"""With up to this many stretches of one legal status (and no more provisions than the as-of page carries in full),
every pair of them is compared by status on the page (for ?da= and ?db=); with more, two dates are compared through
their versions, and the answer for each date is on the as-of page."""
PAIRS_UP_TO_CHANGES = 100
"""With more change records than this, no pair is compared on the page (each change would stand on it twice, once
in each direction, beside the rules around it): the page names the steps between two versions, each linking to
its transition on the changes page, where every change has its own page with before and after."""


def _marked(theirs: str | None, mine: str, mark: str) -> list[tuple[str, str]]:
    """A text on this side (mine) against the other side's (theirs) as runs of mine: the words that theirs lacks
    marked with mark, all of it where the other side has no such text, one unmarked run where the two are the same."""
    if theirs == mine:
        return [("equal", mine)]
    if theirs is None:
        return [(mark, mine)]
    return [(mark if w.op == "insert" else w.op, w.text) for w in word_diff(theirs, mine) if w.op != "delete"]


def _side_view(site: Site, cd: CountryData, p: Any, other: Any, *, is_a: bool) -> dict[str, Any] | None:
    """One side of a compared rule: title, our summary and attributes (prose too), with the words that differ marked.

    On side A the words B lacks are marked deleted; on side B the words A lacks are marked inserted.
    """
    if p is None:
        return None
    mark = "delete" if is_a else "insert"
    theirs = other if other is not None else p  # a rule on one side only: nothing to mark
    rows = attribute_rows(site, p.attributes)
    other_rows = dict(attribute_rows(site, theirs.attributes))
    return {
        "title": _marked(site.pick(theirs, "title"), site.pick(p, "title"), mark),
        "summary": _marked(site.pick(theirs, "summary"), site.pick(p, "summary"), mark),
        "attributes": [(label, _marked(other_rows.get(label), value, mark)) for label, value in rows],
        "groups": group_words(site, cd, list(p.groups)),
    }


def compare_pair(site: Site, page: str, cd: CountryData, tl: Any, a_id: str, b_id: str) -> dict[str, Any]:
    """Version A against version B, in the direction asked: what B adds to A is added, what B lacks is removed.

    Like the change records, the comparison leaves out facts about the codified text (placement, context):
    they are shown beside a rule, not counted as a change of the policy.
    """
    va, vb = cd.versions[a_id], cd.versions[b_id]
    pos = {p.version: i for i, p in enumerate(tl.periods)}
    lo, hi = sorted((pos[a_id], pos[b_id]))
    between = [aid for aid in tl.order if lo <= pos[cd.amendments[aid].version_from] and pos[cd.amendments[aid].version_to] <= hi]
    records: dict[str, list[ChangeRecord]] = {}
    for aid in between:
        for r in site.v.changes.get(aid, []):
            records.setdefault(r.provision, []).append(r)
    ids = [pid for pid, _ in sorted({**va.provisions, **vb.provisions}.items(), key=section_order(tl))]  # B's section where both have it
    sections: list[dict[str, Any]] = []
    unchanged = []
    for pid in ids:
        pa, pb = va.provisions.get(pid), vb.provisions.get(pid)
        if pa is not None and pb is not None and pa.model_dump(exclude=DIFF_EXCLUDE) == pb.model_dump(exclude=DIFF_EXCLUDE):
            unchanged.append({"title": site.pick(pb, "title"), "url": rel(page, f"versions/{b_id}.md", f"prov-{pid}")})
            continue
        kind = "added" if pa is None else "removed" if pb is None else "modified"
        ref = pb if pb is not None else pa
        assert ref is not None
        # whose number it is: the earlier version's text or the later one's, in either direction of the compare
        pl = placement(site, placement_json(ref, cd.country, text="old" if (ref is pa) == (pos[a_id] < pos[b_id]) else "new"))
        context: list[dict[str, Any]] = []
        for side in (pa, pb):
            for e in context_json(side, cd.country) if side is not None else []:
                if e not in context:
                    context.append(e)
        rule = {
            "anchor": f"cmp-{a_id}--{b_id}-{pid}",
            "title": site.pick(ref, "title"),
            "kind": kind,
            "a": _side_view(site, cd, pa, pb, is_a=True),
            "b": _side_view(site, cd, pb, pa, is_a=False),
            "a_absent": not_in_earlier(site, context, a_id) if pa is None and pos[a_id] < pos[b_id] else site.t["not_in_side"],
            "b_absent": not_in_earlier(site, context, b_id) if pb is None and pos[b_id] < pos[a_id] else site.t["not_in_side"],
            "context": context_view(site, context),
            "changes": [
                {"date": r.announced, "url": rel(page, f"changes/{r.id}.md"), "quotes": quotes(site, page, list(r.justifications))}
                for r in records.get(pid, [])
            ],
        }
        if not sections or sections[-1]["label"] != pl["label"]:
            sections.append({"label": pl["label"], "basis": pl["basis"], "rules": []})
        sections[-1]["rules"].append(rule)
    return {
        "id": f"cmp-{a_id}--{b_id}",
        "a": version_link(site, page, va),
        "b": version_link(site, page, vb),
        "sections": sections,
        "unchanged": unchanged,
    }


def dated_developments(site: Site, page: str, cd: CountryData, known: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every dated development our sources give, by day: the events (context, as the timeline lists them, each with
    its quotes) and the later developments no version records (as the as-of answer lists them). Not the versions'
    own steps (the letter, its decision, publication and entry into force): the comparison gives those itself. An
    event with no known day is left out: it cannot be placed between two dates (the timeline lists it). Each is
    {kind: "event" or "later", day (ISO), view}."""
    events = [{"kind": "event", "day": e.date.isoformat(), "view": event_view(site, page, cd, e)} for e in events_in_order(cd) if isinstance(e.date, dt.date)]
    later = [{"kind": "later", "day": k["date"], "view": development_view(site, k)} for k in known]
    return sorted(events + later, key=lambda d: d["day"])  # stable: on one day, the events first


def date_pair(site: Site, tl: Any, x: dict[str, Any], y: dict[str, Any], known: list[dict[str, Any]]) -> dict[str, Any]:
    """Two stretches of one legal status each, compared by timeline.compare_dates: the Vc text held and each rule's
    status, differences first. Texts say "datum A" and "datum B" where the page script puts the dates asked; the
    words for a status are those of the answer per stretch, which hold for any date in it."""
    lang = site.lang
    a, b = ({"key": s["key"], "from": s["from"], "to": s["to"], "day": probe_day(s["from"], s["to"])} for s in (x, y))
    ver_a, ver_b = ((s["answer"]["version"] or {}).get("id") for s in (x, y))
    cmp = compare_dates(tl, a["day"], b["day"])
    sx, sy = x["answer"]["status"], y["answer"]["status"]
    rx = {r["provision"]: r for r in sx["rules"]}
    ry = {r["provision"]: r for r in sy["rules"]}

    def short(rules: dict[str, Any], pid: str) -> str:
        r = rules.get(pid)
        return r[f"short_{lang}"] if r else site.t["not_in_data_on_date"]

    va, vb = sx.get("vc_text") or {}, sy.get("vc_text") or {}
    cur = currency_view(site, y["answer"].get("currency") or {})  # of the later date: how current the answer is
    limit = cur["checked_until"]
    rules, unknown = (
        [
            {"title": d[f"title_{lang}"], "groups": list(d["groups"]), "a": short(rx, d["provision"]), "b": short(ry, d["provision"])}
            for d in items
            if d["about"] == "rule"
        ]
        for items in (cmp["differences"], cmp["unknown"])
    )
    # for a reader without the script: the events and developments dated anywhere in the two stretches and between
    # them; the page script keeps those after the first date asked and on or before the second
    lo, hi = x["from"], y["to"]
    between = [k for k in known if (lo is None or lo.isoformat() <= k["day"]) and (hi is None or k["day"] < hi.isoformat())]
    return {
        "id": f"cmpd-{x['key']}--{y['key']}",
        "a": a,
        "b": b,
        "vc_changed": va.get("version") != vb.get("version"),
        "va": va.get(f"label_{lang}") or site.t["unknown"],
        "vb": vb.get(f"label_{lang}") or site.t["unknown"],
        "vb_force_unknown": force_unknown(vb),
        "va_force_unknown": force_unknown(va),
        "force_note": force_note(vb, lang),  # what is known instead of the date (the usual clause's, unverified)
        "rules": rules,
        "unknown": unknown,  # named by the letter on one date only: whether the Vc held it on the other is not known
        # the same status; where the words differ (a kept rule, now in the new text), both dates' words
        "same": [{"title": d[f"title_{lang}"], "a": short(rx, d["provision"]), "b": short(ry, d["provision"])} for d in cmp["same"]],
        "own_text": cmp["own_text_in_data"],
        "headline_a": sx[f"headline_{lang}"],
        "headline_b": sy[f"headline_{lang}"],
        "developments": between,
        "currency": cur,
        # whether the later stretch runs past the last date later changes were looked for: "all" of it, or "part"
        # (the page then says it of a date B past the limit: a stretch from 2021 on holds 2022, which is not past
        # it; a lawyer's read without the script). The script shows it only for a date asked past the limit.
        "beyond": bool(limit)
        and (y["to"] is None or (y["to"] - dt.timedelta(days=1)).isoformat() > limit)
        and ("all" if y["from"] is not None and y["from"].isoformat() > limit else "part"),
        "versions": ver_a != ver_b and {"a": ver_a, "b": ver_b},
    }


def render_compare(site: Site) -> str:
    """The compare page of one edition."""
    page = "compare.md"
    t = site.t
    cd = site.countries[0]
    tl = site.timelines[cd.country.id]
    order = [p.version for p in tl.periods]
    if len(order) <= ALL_PAIRS_UP_TO:
        pairs = [(a, b) for a in order for b in order if a != b]
    elif len(site.records()) <= PAIRS_UP_TO_CHANGES:
        pairs = [pair for x, y in zip(order, order[1:], strict=False) for pair in ((x, y), (y, x))]
    else:
        pairs = []
    compared = [compare_pair(site, page, cd, tl, a, b) for a, b in pairs]
    # where the changes between two neighbouring versions are listed, when the page compares no pairs itself
    steps = {} if pairs else {f"{a.version_from}--{a.version_to}": rel(page, "changes/index.md", a.id) for a in cd.amendments.values()}
    segments, blocks = status_blocks(site, cd)
    # every known development, once: those before and after the date of any one answer; and the events
    cur = segments[0]["answer"]["currency"] if segments else {}
    known = dated_developments(site, page, cd, (cur.get("known_before") or []) + (cur.get("known_after") or []))
    date_pairs = (
        [date_pair(site, tl, x, y, known) for i, x in enumerate(blocks) for y in blocks[i:]]
        if len(blocks) <= DATE_PAIRS_UP_TO and sum(len(v.provisions) for v in cd.versions.values()) <= ASOF_FULL_UP_TO
        else []
    )
    script_data = script_dates(site, segments, [(x["answer"]["version"] or {}).get("id") for x in segments]) | {
        "order": order,
        "titles": {vid: site.pick(cd.versions[vid], "title") for vid in order},
        "dated": bool(date_pairs),
        "asof": rel(page, "asof.md"),
        "labels": {
            k: t[k]
            for k in (
                "bad_date",
                "date_range",
                "date_not_exist",
                "nothing",
                "unknown_version",
                "compare_none_same",
                "compare_heading",
                "compare_steps",
                "cmpd_heading",
                "cmpd_between",
                "cmpd_none",
                "cmpd_dated_none",
                "cmpd_missing",
                "none",
            )
        },
        "steps": steps,
    }
    return render_page(
        site,
        "compare.md.j2",
        versions=[{"id": vid, "title": site.pick(cd.versions[vid], "title")} for vid in order],
        script_data=script_data,
        pairs=compared,
        date_pairs=date_pairs,
        asof_url=rel(page, "asof.md"),
        timeline_url=rel(page, "timeline.md"),
        steps=[
            {"url": steps[f"{x}--{y}"], "a": site.pick(cd.versions[x], "title"), "b": site.pick(cd.versions[y], "title")}
            for x, y in zip(order, order[1:], strict=False)
            if f"{x}--{y}" in steps
        ],
    )
