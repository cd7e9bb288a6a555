"""The as-of page: which version applied on a date, with the static table of periods that works without JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...dates import MONTHS
from ...load import CountryData
from ...models import ChangeRecord, Version
from ...precision import context_json, placement_json
from ...timeline import asof_segments
from ..chrome import record_words
from ..context import Site, rel
from ..views import context_view, group_words, placement, quotes, render_page, seg_key, segment_rows

ASOF_FULL_UP_TO = 400
"""Up to this many provisions over all versions, the as-of page carries every version's rules with their quotes.
With more, it carries the answer for each stretch of dates, and each answer links to the version page for the rules:
100 versions of 100 rules would make a page of many megabytes that a phone loads for one date."""


def rule_view(site: Site, page: str, cd: CountryData, v: Version, pid: str, anchor: str) -> dict[str, Any]:
    """One provision as a rule that applied: the letter's words first, our summary, place, groups, context."""
    p = v.provisions[pid]
    return {
        "id": pid,
        "anchor": anchor,
        "title": site.provision_title(p),
        "summary": site.pick(p, "summary"),
        "placement": placement(site, cd, placement_json(p, cd.country)),
        "groups": list(p.groups),
        "group_words": group_words(site, cd, list(p.groups)),
        "quotes": quotes(site, page, p.citations),
        "context": context_view(site, context_json(p, cd.country)),
        "url": rel(page, f"versions/{v.id}.md", f"prov-{pid}"),
    }


def change_item(site: Site, page: str, cd: CountryData, r: ChangeRecord) -> dict[str, Any]:
    """A change around a date: its kind, date, title, our summaries before and after, and the letter's words."""
    return {
        "id": r.id,
        "kind": r.kind,
        "date": r.announced,
        "title": r.title_nl if site.lang == "nl" else r.title_en,
        "url": rel(page, f"changes/{r.id}.md"),
        "groups": list(r.groups),
        "group_words": group_words(site, cd, list(r.groups)),
        "before": (r.before or {}).get(f"summary_{site.lang}") if r.before else None,
        "after": (r.after or {}).get(f"summary_{site.lang}") if r.after else None,
        "quotes": quotes(site, page, list(r.justifications)),
    }


def version_block(site: Site, page: str, cd: CountryData, tl: Any, vid: str) -> dict[str, Any]:
    """The rules of one version as an as-of answer, with the changes at its start and at its end."""
    v = cd.versions[vid]
    order = {s.id: i for i, s in enumerate(cd.country.sections)}
    rules = [
        rule_view(site, page, cd, v, pid, f"asof-{vid}-{pid}")
        for pid in sorted(v.provisions, key=lambda i: order.get(v.provisions[i].section, 1 << 20))
    ]
    sections: list[dict[str, Any]] = []
    for r in rules:
        if not sections or sections[-1]["label"] != r["placement"]["label"]:
            sections.append({"label": r["placement"]["label"], "basis": r["placement"]["basis"], "rules": []})
        sections[-1]["rules"].append(r)
    a_in = next((cd.amendments[a] for a in tl.order if cd.amendments[a].version_to == vid), None)
    a_out = next((cd.amendments[a] for a in tl.order if cd.amendments[a].version_from == vid), None)
    present = {g for r in rules for g in r["groups"]}
    groups = []
    for g in cd.country.groups:
        if g.id == "everyone":
            continue
        concerned = [r for r in rules if g.id in r["groups"] or "everyone" in r["groups"]]
        groups.append(
            {
                "id": g.id,
                "label": site.pick(g, "label"),
                "anchor": f"rules-{vid}-g-{g.id}",
                "named": g.id in present,
                "rules": [{"title": r["title"], "anchor": r["anchor"], "everyone": "everyone" in r["groups"]} for r in concerned],
            }
        )
    return {
        "id": vid,
        "anchor": f"rules-{vid}",
        "title": site.version_title(v),
        "url": rel(page, f"versions/{vid}.md"),
        "sections": sections,
        "count": len(rules),
        "changes_in": [change_item(site, page, cd, r) for r in site.v.changes.get(a_in.id, [])] if a_in else [],
        "in_date": a_in.announced if a_in else None,
        "changes_out": [change_item(site, page, cd, r) for r in site.v.changes.get(a_out.id, [])] if a_out else [],
        "out_date": a_out.announced if a_out else None,
        "groups": groups,
    }


def asof_segments_view(site: Site, page: str, cd: CountryData, *, embedded: bool = True) -> list[dict[str, Any]]:
    """The stretches of dates with one as-of answer each, in this edition's words."""
    changes = {r.id: r for r in site.records()}
    out = []
    for seg in asof_segments(site.timelines[cd.country.id]):
        a = seg["answer"]
        ver = a["version"]
        start = dt.date.fromisoformat(seg["from"]) if seg["from"] else None
        end = dt.date.fromisoformat(seg["to"]) if seg["to"] else None
        cur = a.get("currency") or {}
        out.append(
            {
                "key": seg_key(seg["from"]),
                "from": start,
                "to": end,
                "version": ver and {"id": ver["id"], "title": ver[f"title_{site.lang}"], "url": rel(page, f"versions/{ver['id']}.md")},
                "rules_anchor": f"rules-{ver['id']}" if ver and embedded else None,
                "note": a[f"note_{site.lang}"],
                "status": a["codification"][f"text_{site.lang}"] if a["codification"] else None,
                "basis": (a.get("basis") or {}).get(f"text_{site.lang}"),
                "beyond": bool(cur.get("beyond")),
                "checked_until": cur.get("checked_until"),
                "known_later": [
                    {
                        "date": k["date"],
                        "title": k[f"title_{site.lang}"],
                        "record": record_words(site, k.get("record")) or site.t["unknown"],
                    }
                    for k in cur.get("known_later", [])
                ],
                "uncodified": [
                    {
                        "id": i,
                        "url": rel(page, f"changes/{i}.md"),
                        "title": changes[i].title_nl if site.lang == "nl" else changes[i].title_en,
                    }
                    for i in a["not_yet_codified"]
                ],
            }
        )
    return out


def render_asof(site: Site) -> str:
    """The as-of page of one edition."""
    return render_page(site, "asof.md.j2", **view(site))


def view(site: Site) -> dict[str, Any]:
    page = "asof.md"
    t = site.t
    cd = site.countries[0]
    tl = site.timelines[cd.country.id]
    embedded = sum(len(v.provisions) for v in cd.versions.values()) <= ASOF_FULL_UP_TO
    blocks = [version_block(site, page, cd, tl, p.version) for p in tl.periods] if embedded else []
    segments = asof_segments_view(site, page, cd, embedded=embedded)
    groups = [{"id": g.id, "label": site.pick(g, "label")} for g in cd.country.groups if g.id != "everyone"]
    script_data = {
        "segments": segment_rows(site, page, cd),
        "groups": {g["id"]: g["label"] for g in groups},
        "months": MONTHS[site.lang],
        "labels": {
            k: t[k]
            for k in (
                "bad_date",
                "date_not_exist",
                "asof_title",
                "asof_title_group",
                "asked",
                "nothing",
                "all_groups",
                "no_rules_for_group",
            )
        },
    }
    return dict(segments=segments, blocks=blocks, groups=groups, script_data=script_data)
