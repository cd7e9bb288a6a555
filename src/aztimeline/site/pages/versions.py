"""The versions: their index, and one page per version with its dates, evidence base and provisions."""

from __future__ import annotations

from typing import Any

from ...models import ChangeRecord, Version
from ...precision import context_json, placement_json
from ...timeline import codified_on, milestone_date
from ..context import Site, rel
from ..labels import OTHER
from ..views import (
    attribute_rows,
    context_view,
    group_words,
    history,
    macro_once,
    milestone_rows,
    once,
    placement,
    quotes,
    render_page,
    version_link,
)
from .status import version_currency


def render_versions_index(site: Site) -> str:
    """The index of versions."""
    page = "versions/index.md"
    countries = []
    for cd in site.countries:
        tl = site.timelines[cd.country.id]
        countries.append(
            {"versions": [version_link(site, page, cd.versions[p.version]) | {"start": p.start, "end": p.end} for p in tl.periods]}
        )
    return render_page(site, "versions_index.md.j2", countries=countries, asof_url=rel(page, "asof.md"))


FULL_VERSION_PAGES_UP_TO = 400
"""Up to this many provisions over all versions of a country, every version page shows each of its provisions in
full. With more, a provision a version carries over unchanged is a line linking to the version page that shows it
in full: 100 versions of 100 provisions would otherwise repeat the same text 10,000 times (and 30 MB per edition)."""


def render_version(site: Site, vid: str) -> str:
    """The page of version vid."""
    page = f"versions/{vid}.md"
    cd = site.country_of_version(vid)
    tl = site.timelines[cd.country.id]
    v = cd.versions[vid]
    period = next(p for p in tl.periods if p.version == vid)
    incoming = next((a for a in cd.amendments.values() if a.version_to == vid), None)
    changed = {r.provision: r for r in site.v.changes.get(incoming.id, [])} if incoming else {}
    milestones = milestone_rows(site, page, cd, v)
    e = v.evidence_base
    seen: dict[str, dict[str, str]] = {}
    evidence: dict[str, Any] = {
        "report": site.pick(e, "report"),
        "report_date": e.report_date,
        "presented": e.presented,
        "period": (e.reporting_period.start, e.reporting_period.end) if e.reporting_period.start != "unknown" else None,
        "basis_stated": e.basis_stated,
        "note": site.pick(e, "note") if e.note_nl else None,
        "quotes": once(quotes(site, page, e.citations), seen, site.t["evidence"], "evidence"),
    }
    compact = sum(len(x.provisions) for x in cd.versions.values()) > FULL_VERSION_PAGES_UP_TO
    sections = []
    for s in cd.country.sections:
        provs = [(pid, p) for pid, p in v.provisions.items() if p.section == s.id]
        if not provs:
            continue
        views: list[Any] = []
        carried: list[dict[str, Any]] = []
        for pid, p in provs:
            where = site.pick(p, "title")
            provenance = _provenance(site, page, pid, incoming, changed)
            origin = site.origin(vid, pid)
            if compact and origin != vid and provenance["how"] == "carried":
                carried.append({"id": pid, "title": where, "origin": version_link(site, page, cd.versions[origin], f"prov-{pid}")})
                continue
            if carried:  # the run of carried provisions before this one, as one list
                views.append(macro_once(site, "_version_provision.html.j2", "carried", carried))
                carried = []
            own = quotes(site, page, p.citations)
            if provenance.get("quotes"):
                # the quotes that keep a provision are often its own citations: show each once, the keeping ones first
                keys = {q["key"] for q in provenance["quotes"]}
                own = [q for q in own if q["key"] not in keys]
                provenance["quotes"] = once(provenance["quotes"], seen, where, f"prov-{pid}")
            view = {
                "id": pid,
                "title": where,
                "other_title": getattr(p, f"title_{OTHER[site.lang]}"),
                "summary": site.pick(p, "summary"),
                "inference": getattr(p.inference, site.lang) if p.inference else None,
                "attributes": attribute_rows(site, p.attributes),
                "placement": placement(site, placement_json(p, cd.country)),
                "group_words": group_words(site, cd, list(p.groups)),
                "context": context_view(site, context_json(p, cd.country)),
                "provenance": provenance,
                "quotes": once(own, seen, where, f"prov-{pid}"),
                "searched": origin == vid,  # search finds a text once, on the version that brought it
            }
            views.append(macro_once(site, "_version_provision.html.j2", "provision", view))
        if carried:
            views.append(macro_once(site, "_version_provision.html.j2", "carried", carried))
        sections.append({"id": s.id, "label": site.section(cd, s.id), "provisions": views})
    return render_page(
        site,
        "version.md.j2",
        title=site.pick(v, "title"),
        other_title=getattr(v, f"title_{OTHER[site.lang]}"),
        start=period.start,
        end=period.end,
        banner=_codification_banner(v),
        note=site.pick(v, "note") if v.note_nl else None,
        currency=version_currency(site, page, tl, vid),
        milestones=milestones,
        evidence=evidence,
        sections=sections,
        history=history(
            site,
            f"{cd.country.id}/versions/{vid}.yaml",
            *(f"{cd.country.id}/amendments/{a.id}.yaml" for a in cd.amendments.values() if a.version_to == vid),
        ),
    )


def _codification_banner(v: Version) -> dict[str, Any] | None:
    """Between announcement and codification, say so plainly (legislation.gov.uk's prospective notice). The text
    comes into the Vc when the decision is published (or, without a known publication, enters into force), not when
    it is signed: until then the Vc held the old text."""
    ann = milestone_date(v, "announced")
    if ann is None:
        return None
    return {"announced": ann, "until": codified_on(v), "in_force_unknown": milestone_date(v, "in_force") is None}


def _provenance(site: Site, page: str, pid: str, incoming: Any, changed: dict[str, ChangeRecord]) -> dict[str, Any]:
    if incoming is None:
        sources = [
            {"url": rel(page, f"sources/{sid}.md"), "label": site.source_name(s)} for sid, s in site.sources.items()
        ]
        return {"how": "first", "sources": sources}
    if pid in changed:
        r = changed[pid]
        return {
            "how": "changed",
            "title": site.pick(r, "title"),
            "url": rel(page, f"changes/{r.id}.md"),
            "kind": r.kind,
            "inferred": r.inference is not None,
            "announced": r.announced,
        }
    if pid in incoming.kept:
        src = site.sources.get(incoming.instrument)
        title = site.source_name(src) if src else incoming.id
        return {"how": "kept", "title": title, "quotes": quotes(site, page, incoming.kept[pid])}
    return {"how": "carried"}
