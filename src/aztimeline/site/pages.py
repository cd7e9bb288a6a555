"""Page views: each gathers the data one page of one edition shows, and renders it with its template.

The HTML lives in site/templates/ (Jinja2, autoescaping on): nothing here builds markup. Views return plain
data (strings, dates, lists, dicts); the templates escape every value they print.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from ..load import CountryData
from ..models import Attributes, ChangeRecord, Citation, Version
from ..timeline import asof_segments
from .chrome import record_words
from .context import Site, rel
from .labels import ATTRIBUTE_LABELS, GLOSSARY, OTHER, VALUE_LABELS
from .render import fragment, render, render_fragment, template_module
from .svg import timeline_svg

MILESTONES = ("announced", "signed", "published", "in_force")


def _render(site: Site, name: str, **context: Any) -> str:
    """Render a page template with what every page needs: labels, languages and the build stamp."""
    return render(name, t=site.t, lang=site.lang, other=OTHER[site.lang], stamp=footer_text(site), **context)


def _macro_once(site: Site, template: str, macro: str, view: Any) -> Markup:
    """A macro of template called with view, once per edition for each distinct view; as one raw HTML block.

    Version pages repeat most provisions of the version before them, each with the same view: the view's repr
    (plain data: text, numbers, dates, lists and dicts) is the key, so equal views share one rendering. The
    template's module is made once per edition, with what every page sees.
    """
    key = f"macro\x1f{template}\x1f{macro}\x1f{view!r}"
    hit = site.cache.get(key)
    if hit is None:
        module = site.cache.get(f"module\x1f{template}")
        if module is None:
            module = site.cache[f"module\x1f{template}"] = template_module(
                template, t=site.t, lang=site.lang, other=OTHER[site.lang], stamp=footer_text(site)
            )
        hit = site.cache[key] = fragment(getattr(module, macro)(view))
    return hit


def footer_text(site: Site) -> str:
    s = site.stamp
    return f"{site.t['built']}: {s['data_nl' if site.lang == 'nl' else 'data']} \u00b7 {s['tool']}"


# --- shared views ----------------------------------------------------------------------------------------


def quote(site: Site, page: str, c: Citation) -> dict[str, str]:
    """A verbatim quotation ("[…]" where words of its sentence are left out) and the link to its paragraph."""
    from ..source import citation_label, quote_display

    memo = f"quote\x1f{c.source}\x1f{c.anchor}\x1f{c.quote}\x1f{getattr(c, 'page', None)}"
    hit = site.cache.get(memo)  # the same quote stands on many pages: work out its words and label once per edition
    if hit is None:
        src = site._source(c.source)
        ref = f"{src.meta.kind.capitalize()} {site.date(src.meta.date)}"
        if src.meta.kenmerk != "unknown":
            ref += f", kenmerk {src.meta.kenmerk}"
        hit = site.cache[memo] = (quote_display(c, src), ref, citation_label(c, site.lang, src))
    return {
        "text": hit[0],
        "href": rel(page, f"sources/{c.source}.md", c.anchor),
        "ref": hit[1],
        "label": hit[2],
        "key": f"{c.source}#{c.anchor}#{c.quote}",
    }


def quotes(site: Site, page: str, cits: list[Citation]) -> list[dict[str, str]]:
    return [quote(site, page, c) for c in cits]


def fact(site: Site, cd: CountryData, fact_id: str | None) -> dict[str, str] | None:
    if not fact_id:
        return None
    from ..precision import CONFIDENCE_WORDS

    f = next(f for f in cd.country.facts if f.id == fact_id)
    return {
        "statement": site.pick(f, "statement"),
        "record": record_words(site, f.record),
        "confidence": CONFIDENCE_WORDS[site.lang].get(f.confidence, f.confidence),
    }


def attribute_rows(site: Site, a: Attributes) -> list[tuple[str, str]]:
    """The attributes of a provision as (label, value) in this edition's words."""
    labels, values = ATTRIBUTE_LABELS[site.lang], VALUE_LABELS[site.lang]
    data = a.model_dump(exclude_none=True)
    rows = []
    for key in (
        "group",
        "status",
        "evidentiary_threshold",
        "authority_protection",
        "internal_protection_alternative",
        "ipa_area",
        "decision_moratorium",
        "assessed_against",
    ):
        value = data.get(f"{key}_{site.lang}", data.get(key))
        if value is None:
            continue
        shown = values.get(value, value) if isinstance(value, str | bool) else value
        rows.append((labels[key], str(shown)))
    return rows


def change_rows(site: Site, page: str, records: list[ChangeRecord]) -> list[dict[str, Any]]:
    """Rows of a table of changes: title and link, section, kind and announcement date."""
    out = []
    for r in records:
        cd = site.country_of_version(r.version_to)
        out.append(
            {
                "url": rel(page, f"changes/{r.id}.md"),
                "title": r.title_nl if site.lang == "nl" else r.title_en,
                "section": r.placement.get(f"label_{site.lang}") or site.section(cd, r.section),
                "kind": r.kind,
                "announced": r.announced,
            }
        )
    return out


def version_link(site: Site, page: str, v: Version, anchor: str = "") -> dict[str, str]:
    return {"id": v.id, "title": site.version_title(v), "url": rel(page, f"versions/{v.id}.md", anchor)}


def history(site: Site, *files: str) -> dict[str, Any]:
    """The commits that touched the data files behind a page (date, author, message)."""
    items = []
    for name in files:
        for fv in site.history.get(name, []):
            items.append(
                {
                    "date": fv.date,
                    "day": fv.date[:10],
                    "sha": fv.sha[:10],
                    "author": fv.author,
                    "message": fv.message,
                    "file": fv.path.rsplit("/", 1)[-1],
                }
            )
    items.sort(key=lambda i: i["date"])
    return {"commits": items, "none": site.history_notice or site.t["history_none"]}


# --- home ------------------------------------------------------------------------------------------------


def render_home(site: Site) -> str:
    from ..precision import placement_json

    page = "index.md"
    cd = site.countries[0]
    tl = site.timelines[cd.country.id]
    last = tl.periods[-1]
    current = cd.versions[last.version]
    provisions = [
        {
            "url": rel(page, f"versions/{current.id}.md", f"prov-{pid}"),
            "title": site.provision_title(p),
            "section": placement_json(p, cd.country)[f"label_{site.lang}"],
        }
        for s in cd.country.sections
        for pid, p in current.provisions.items()
        if p.section == s.id
    ]
    glance = [
        {
            "heading": site.t["at_glance"].format(date=site.date(cd.amendments[aid].announced)),
            "rows": change_rows(site, page, site.v.changes.get(aid, [])),
        }
        for aid in tl.order
    ]
    return _render(
        site,
        "home.md.j2",
        title=f"{site.t['site']} (Vc {cd.country.vc_paragraph})",
        scope_note=site.pick(cd.country, "scope_note"),
        asof_url=rel(page, "asof.md"),
        current=version_link(site, page, current) | {"start": last.start, "end": last.end},
        provisions=provisions,
        glance=glance,
    )


# --- timeline --------------------------------------------------------------------------------------------


def render_timeline(site: Site) -> str:
    page = "timeline.md"
    countries = []
    for cd in site.countries:
        tl = site.timelines[cd.country.id]
        versions = []
        for p in tl.periods:
            v = cd.versions[p.version]
            ms = [
                {"name": name, "date": getattr(v.milestones, name).date, "fact": fact(site, cd, getattr(v.milestones, name).fact)}
                for name in MILESTONES
            ]
            versions.append(version_link(site, page, v) | {"start": p.start, "end": p.end, "milestones": ms})
        events = sorted(cd.events.events, key=lambda e: (e.date if isinstance(e.date, dt.date) else dt.date.max, e.id))
        countries.append(
            {
                "svg": Markup(timeline_svg(site, cd, tl)),  # built with escaped text by svg.py
                "versions": versions,
                "events": [
                    {
                        "id": e.id,
                        "date": e.date,
                        "title": site.pick(e, "title"),
                        "note": site.pick(e, "date_note") if e.date_note_nl else None,
                        "quotes": quotes(site, page, e.citations),
                    }
                    for e in events
                ],
            }
        )
    return _render(site, "timeline.md.j2", countries=countries)


# --- versions --------------------------------------------------------------------------------------------


def render_versions_index(site: Site) -> str:
    page = "versions/index.md"
    countries = []
    for cd in site.countries:
        tl = site.timelines[cd.country.id]
        countries.append(
            {"versions": [version_link(site, page, cd.versions[p.version]) | {"start": p.start, "end": p.end} for p in tl.periods]}
        )
    return _render(site, "versions_index.md.j2", countries=countries)


def once(qs: list[dict[str, Any]], seen: dict[str, dict[str, str]], where: str, anchor: str) -> list[dict[str, Any]]:
    """Quotes shown once per page: a quote already shown becomes a reference to where it stands."""
    out = []
    for q in qs:
        first = seen.get(q["key"])
        if first is None:
            seen[q["key"]] = {"where": where, "anchor": anchor}
            out.append(q | {"repeat": None})
        elif first["anchor"] != anchor:
            out.append(q | {"repeat": first})
    return out


def milestone_rows(site: Site, page: str, cd: CountryData, v: Version) -> list[dict[str, Any]]:
    """Where a version stands: announced, signed, published, in force, each with its date and basis.

    A milestone's note is shown only where no fact gives the milestone: the fact's statement already says it.
    """
    rows = []
    for name in MILESTONES:
        m = getattr(v.milestones, name)
        basis: list[dict[str, Any]] = []
        if m.fact:
            basis.append({"fact": fact(site, cd, m.fact), "quote": None, "note": None})
        basis += [{"fact": None, "quote": quote(site, page, c), "note": None} for c in m.citations]
        if m.note_nl and not m.fact:
            basis.append({"fact": None, "quote": None, "note": site.pick(m, "note")})
        rows.append({"name": name, "date": m.date, "basis": basis})
    return rows


def render_version(site: Site, vid: str) -> str:
    from ..precision import context_json, placement_json

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
    sections = []
    for s in cd.country.sections:
        provs = [(pid, p) for pid, p in v.provisions.items() if p.section == s.id]
        if not provs:
            continue
        views = []
        for pid, p in provs:
            where = site.provision_title(p)
            provenance = _provenance(site, page, pid, incoming, changed)
            own = quotes(site, page, p.citations)
            if provenance.get("quotes"):
                # the quotes that keep a provision are often its own citations: show each once, the keeping ones first
                keys = {q["key"] for q in provenance["quotes"]}
                own = [q for q in own if q["key"] not in keys]
                provenance["quotes"] = once(provenance["quotes"], seen, where, f"prov-{pid}")
            view = {
                "id": pid,
                "title": site.provision_title(p),
                "other_title": getattr(p, f"title_{OTHER[site.lang]}"),
                "summary": site.pick(p, "summary"),
                "attributes": attribute_rows(site, p.attributes),
                "placement": placement(site, cd, placement_json(p, cd.country)),
                "group_words": group_words(site, cd, list(p.groups)),
                "context": context_view(site, context_json(p, cd.country)),
                "provenance": provenance,
                "quotes": once(own, seen, where, f"prov-{pid}"),
            }
            views.append(_macro_once(site, "_version_provision.html.j2", "provision", view))
        sections.append({"label": site.section(cd, s.id), "provisions": views})
    return _render(
        site,
        "version.md.j2",
        title=site.version_title(v),
        other_title=getattr(v, f"title_{OTHER[site.lang]}"),
        start=period.start,
        end=period.end,
        banner=_codification_banner(v),
        note=site.pick(v, "note") if v.note_nl else None,
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
    """Between announcement and codification, say so plainly (legislation.gov.uk's prospective notice)."""
    ann = v.milestones.announced.date
    if not isinstance(ann, dt.date):
        return None
    known = [d for n in ("signed", "published", "in_force") if isinstance(d := getattr(v.milestones, n).date, dt.date)]
    return {"announced": ann, "until": min(known) if known else None, "in_force_unknown": v.milestones.in_force.date == "unknown"}


def _provenance(site: Site, page: str, pid: str, incoming: Any, changed: dict[str, ChangeRecord]) -> dict[str, Any]:
    if incoming is None:
        sources = [
            {"url": rel(page, f"sources/{sid}.md"), "label": f"{s.meta.kind.capitalize()} {site.date(s.meta.date)}"}
            for cd in site.countries
            for sid, s in cd.sources.items()
        ]
        return {"how": "first", "sources": sources}
    if pid in changed:
        r = changed[pid]
        return {
            "how": "changed",
            "id": r.id,
            "title": site.pick(r, "title"),
            "url": rel(page, f"changes/{r.id}.md"),
            "kind": r.kind,
            "announced": r.announced,
        }
    if pid in incoming.kept:
        src = next((cd.sources[incoming.instrument] for cd in site.countries if incoming.instrument in cd.sources), None)
        title = f"{src.meta.kind.capitalize()} {site.date(src.meta.date)}" if src else incoming.id
        return {
            "how": "kept",
            "id": incoming.id,
            "title": title,
            "announced": incoming.announced,
            "quotes": quotes(site, page, incoming.kept[pid]),
        }
    return {"how": "carried"}


# --- changes ---------------------------------------------------------------------------------------------


def render_changes_index(site: Site) -> str:
    page = "changes/index.md"
    transitions = []
    for cd in site.countries:
        for aid in site.timelines[cd.country.id].order:
            a = cd.amendments[aid]
            to = cd.versions[a.version_to]
            transitions.append(
                {
                    "id": aid,
                    "announced": a.announced,
                    "vfrom": version_link(site, page, cd.versions[a.version_from]),
                    "vto": version_link(site, page, to),
                    "rows": change_rows(site, page, site.v.changes.get(aid, [])),
                    "kept": [
                        {"url": rel(page, f"versions/{a.version_to}.md", f"prov-{pid}"), "title": site.provision_title(to.provisions[pid])}
                        for pid in a.kept
                    ],
                }
            )
    return _render(site, "changes_index.md.j2", transitions=transitions)


def render_change(site: Site, r: ChangeRecord) -> str:
    page = f"changes/{r.id}.md"
    cd = site.country_of_version(r.version_to)
    return _render(
        site,
        "change.md.j2",
        title=r.title_nl if site.lang == "nl" else r.title_en,
        other_title=r.title_en if site.lang == "nl" else r.title_nl,
        id=r.id,
        kind_=r.kind,
        placement=placement(site, cd, r.placement) if r.placement else None,
        group_words=group_words(site, cd, list(r.groups)),
        status=milestone_rows(site, page, cd, cd.versions[r.version_to]),
        basis=(r.basis or {}).get(f"text_{site.lang}"),
        context=context_view(site, list(r.context)),
        vfrom={
            "id": r.version_from,
            "title": site.version_title(cd.versions[r.version_from]),
            "url": rel(page, f"versions/{r.version_from}.md"),
        },
        vto={
            "id": r.version_to,
            "title": site.version_title(cd.versions[r.version_to]),
            "url": rel(page, f"versions/{r.version_to}.md", f"prov-{r.provision}" if r.after else ""),
        },
        announced=r.announced,
        compare=before_after(site, r),
        quotes_=quotes(site, page, r.justifications),
    )


def side(site: Site, s: dict[str, Any] | None) -> dict[str, Any] | None:
    """One side of a change (a provision as a JSON dict), in this edition's words."""
    if s is None:
        return None
    return {
        "title": s.get(f"title_{site.lang}", ""),
        "summary": str(s.get(f"summary_{site.lang}", "")),
        "attributes": attribute_rows(site, Attributes.model_validate(s.get("attributes", {}))),
    }


def before_after(site: Site, r: ChangeRecord) -> dict[str, Any]:
    """The view of the before/after pair of a change, with its word diffs when it is a modification."""
    fields = []
    if r.kind == "modified":
        for f in r.fields:
            if f.path.endswith(f"_{OTHER[site.lang]}"):
                continue  # the other language's fields are on the other edition's page
            fields.append(
                {
                    "path": f.path,
                    "runs": [(w.op, w.text) for w in f.words] if f.words is not None else None,
                    "before": _value(f.before),
                    "after": _value(f.after),
                }
            )
    return {
        "before": side(site, r.before),
        "after": side(site, r.after),
        "absent_before": _not_in_earlier(site, list(r.context)),
        "absent_after": site.t["not_in_after"],
        "fields": fields,
    }


def _value(v: Any) -> str:
    if v is None:
        return "\u2014"
    if isinstance(v, list):
        return "; ".join(c.get("quote", "") if isinstance(c, dict) else str(c) for c in v)
    return str(v)


# --- sources ---------------------------------------------------------------------------------------------


def render_sources_index(site: Site) -> str:
    page = "sources/index.md"
    countries = []
    for cd in site.countries:
        countries.append(
            {
                "sources": [
                    {
                        "url": rel(page, f"sources/{sid}.md"),
                        "kind": s.meta.kind.capitalize(),
                        "title": s.meta.title,
                        "date": s.meta.date,
                        "kenmerk": s.meta.kenmerk,
                    }
                    for sid, s in cd.sources.items()
                ],
                "facts": [fact(site, cd, f.id) for f in cd.country.facts],
            }
        )
    return _render(site, "sources_index.md.j2", countries=countries)


def citations_by_anchor(site: Site, sid: str) -> dict[str, list[tuple[Citation, str, str]]]:
    """Every citation of a source, by anchor, with the page that uses it and a label for the backlink."""
    index = site.cache.get("citations")
    if index is None:
        index = site.cache["citations"] = _citation_index(site)
    result: dict[str, list[tuple[Citation, str, str]]] = index.get(sid, {})
    return result


def _citation_index(site: Site) -> dict[str, dict[str, list[tuple[Citation, str, str]]]]:
    """All citations of all sources, built once per edition (source pages would otherwise each scan everything)."""
    out: dict[str, dict[str, list[tuple[Citation, str, str]]]] = {}

    def add(c: Citation, target: str, label: str) -> None:
        out.setdefault(c.source, {}).setdefault(c.anchor, []).append((c, target, label))

    for cd in site.countries:
        for rid_records in site.v.changes.values():
            for r in rid_records:
                for c in r.justifications:
                    add(c, f"changes/{r.id}.md", f"{site.t['change']}: {site.pick(r, 'title')}")
        for vid, v in cd.versions.items():
            for pid, p in v.provisions.items():
                for c in p.citations:
                    add(c, f"versions/{vid}.md#prov-{pid}", f"{site.version_title(v)}: {site.provision_title(p)}")
            for c in v.evidence_base.citations:
                add(c, f"versions/{vid}.md", f"{site.version_title(v)}: {site.t['evidence']}")
        for e in cd.events.events:
            for c in e.citations:
                add(c, "timeline.md#event-" + e.id, f"{site.t['timeline']}: {site.pick(e, 'title')}")
        for a in cd.amendments.values():
            for pid, cites in a.kept.items():
                for c in cites:
                    add(
                        c,
                        f"versions/{a.version_to}.md#prov-{pid}",
                        f"{site.version_title(cd.versions[a.version_to])}: {site.t['kept']} ({site.provision_title(cd.versions[a.version_to].provisions[pid])})",
                    )
    return out


def _runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[bool, str]]:
    """Text cut into (marked, text) runs, the spans (merged where they overlap) marked."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        out += [(False, text[pos:s]), (True, text[s:e])]
        pos = e
    out.append((False, text[pos:]))
    return [(m, t) for m, t in out if t]


def render_source(site: Site, sid: str) -> str:
    from ..source import find_quote

    page = f"sources/{sid}.md"
    src = next(cd.sources[sid] for cd in site.countries if sid in cd.sources)
    m = src.meta
    t = site.t
    nl = site.lang == "nl"
    meta = []
    for key, label in (
        ("kind", "Soort" if nl else "Kind"),
        ("date", t["date"]),
        ("kenmerk", "Kenmerk" if nl else "Reference (kenmerk)"),
        ("kamerstuk", "Kamerstuk"),
        ("sender", "Afzender" if nl else "Sender"),
        ("signatory", "Ondertekend door" if nl else "Signed by"),
        ("addressee", "Geadresseerde" if nl else "Addressee"),
        ("subject", "Onderwerp" if nl else "Subject"),
    ):
        value = getattr(m, key)
        meta.append(
            {
                "label": label,
                "date": key == "date",
                "value": value if key == "date" else (t["unknown"] if value == "unknown" else value),
                "evidence": [c.anchor for c in m.metadata_evidence.get(key, [])],  # type: ignore[call-overload]
            }
        )
    cites = citations_by_anchor(site, sid)
    body = []
    for p in src.view.body:
        used = cites.get(p.anchor, [])
        spans = [sp for c, _, _ in used if (sp := find_quote(p, c.quote))]
        seen: dict[str, str] = {}
        for _, target, label in used:
            seen.setdefault(target, label)
        body.append(
            {
                "anchor": p.anchor,
                "label": site.para_label(p.anchor),
                "runs": _runs(p.text, spans),
                "joined": t["joined"].format(lines=", ".join(map(str, p.joined_at))) if p.joined_at else None,
                "backlinks": [
                    {"url": rel(page, target.split("#")[0], target.split("#")[1] if "#" in target else ""), "label": label}
                    for target, label in seen.items()
                ],
            }
        )
    furniture = [
        {"anchor": p.anchor, "role": p.role, "line": p.line_start, "text": p.text} for p in src.view.paragraphs if p.role != "body"
    ]
    cid = next(cd.country.id for cd in site.countries if sid in cd.sources)
    site.files[f"sources/{sid}/{m.raw_file}"] = src.raw
    return _render(
        site,
        "source.md.j2",
        title=f"{m.kind.capitalize()} \u201c{m.title}\u201d ({site.date(m.date)})",
        meta=meta,
        sha256=m.sha256,
        raw_file=m.raw_file,
        discrepancies=[{"id": d.id, "note": site.pick(d, "note"), "evidence": [c.anchor for c in d.evidence]} for d in m.discrepancies],
        text_heading="Tekst" if nl else "Text (Dutch original)",
        body=body,
        furniture=furniture,
        history=history(site, f"{cid}/sources/{sid}.yaml", f"{cid}/sources/{m.raw_file}"),
    )


# --- as of -----------------------------------------------------------------------------------------------


def placement(site: Site, cd: CountryData, pl: dict[str, Any]) -> dict[str, Any]:
    """Where the Vc places a provision, in this edition's words, with its basis: a fact, or our own heading."""
    from ..precision import CONFIDENCE_WORDS

    f = pl.get("fact")
    basis = (
        site.t["placement_fact"].format(
            record=record_words(site, f["record"]), confidence=CONFIDENCE_WORDS[site.lang].get(f["confidence"], f["confidence"])
        )
        if pl.get("basis") == "codified" and f
        else ""  # the label itself says the place is not established and the heading is ours
    )
    return {"label": pl.get(f"label_{site.lang}", ""), "codified": pl.get("basis") == "codified", "basis": basis}


def group_words(site: Site, cd: CountryData, ids: list[str]) -> list[str]:
    labels = {g.id: g for g in cd.country.groups}
    return [site.pick(labels[g], "label") if g in labels else g for g in ids]


def context_view(site: Site, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Codified-text context: our paraphrase of a fact about the Vc text, with its record and confidence."""
    from ..precision import CONFIDENCE_WORDS

    return [
        {
            "number": e["number"],
            "text": e[f"text_{site.lang}"],
            "record": record_words(site, e.get("record")) or site.t["unknown"],
            "confidence": CONFIDENCE_WORDS[site.lang].get(e.get("confidence") or "", site.t["unknown"]),
        }
        for e in entries
    ]


ASOF_FULL_UP_TO = 400
"""Up to this many provisions over all versions, the as-of page carries every rule with its quotes; with
more, each rule is a title linking to its version page, which carries the quotes (the page stays usable)."""


def rule_view(site: Site, page: str, cd: CountryData, v: Version, pid: str, anchor: str, *, full: bool = True) -> dict[str, Any]:
    """One provision as a rule that applied: the letter's words first, our summary, place, groups, context."""
    from ..precision import context_json, placement_json

    p = v.provisions[pid]
    return {
        "full": full,
        "id": pid,
        "anchor": anchor,
        "title": site.provision_title(p),
        "summary": site.pick(p, "summary"),
        "placement": placement(site, cd, placement_json(p, cd.country)),
        "groups": list(p.groups),
        "group_words": group_words(site, cd, list(p.groups)),
        "quotes": quotes(site, page, p.citations) if full else [],
        "context": context_view(site, context_json(p, cd.country)) if full else [],
        "url": rel(page, f"versions/{v.id}.md", f"prov-{pid}"),
    }


def change_item(site: Site, page: str, cd: CountryData, r: ChangeRecord, *, full: bool = True) -> dict[str, Any]:
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
        "quotes": quotes(site, page, list(r.justifications)) if full else [],
    }


def version_block(site: Site, page: str, cd: CountryData, tl: Any, vid: str, *, full: bool = True) -> dict[str, Any]:
    """The rules of one version as an as-of answer, with the changes at its start and at its end."""
    v = cd.versions[vid]
    order = {s.id: i for i, s in enumerate(cd.country.sections)}
    rules = [
        rule_view(site, page, cd, v, pid, f"asof-{vid}-{pid}", full=full)
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
        "changes_in": [change_item(site, page, cd, r, full=full) for r in site.v.changes.get(a_in.id, [])] if a_in else [],
        "in_date": a_in.announced if a_in else None,
        "changes_out": [change_item(site, page, cd, r, full=full) for r in site.v.changes.get(a_out.id, [])] if a_out else [],
        "out_date": a_out.announced if a_out else None,
        "groups": groups if full else [],
    }


def _seg_key(start: str | None) -> str:
    return f"seg-{start}" if start else "seg-start"


def asof_segments_view(site: Site, page: str, cd: CountryData) -> list[dict[str, Any]]:
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
                "key": _seg_key(seg["from"]),
                "from": start,
                "to": end,
                "version": ver and {"id": ver["id"], "title": ver[f"title_{site.lang}"], "url": rel(page, f"versions/{ver['id']}.md")},
                "rules_anchor": f"rules-{ver['id']}" if ver else None,
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


def segment_rows(site: Site, page: str, cd: CountryData) -> list[dict[str, Any]]:
    """Which version answers which stretch of dates, for page scripts (ISO dates, the end exclusive)."""
    return [
        {
            "from": seg["from"],
            "to": seg["to"],
            "key": _seg_key(seg["from"]),
            "version": seg["answer"]["version"]["id"] if seg["answer"]["version"] else None,
        }
        for seg in asof_segments(site.timelines[cd.country.id])
    ]


def render_asof(site: Site) -> str:
    from ..timeline import MONTHS

    page = "asof.md"
    t = site.t
    cd = site.countries[0]
    tl = site.timelines[cd.country.id]
    segments = asof_segments_view(site, page, cd)
    full = sum(len(v.provisions) for v in cd.versions.values()) <= ASOF_FULL_UP_TO
    blocks = [version_block(site, page, cd, tl, p.version, full=full) for p in tl.periods]
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
    return _render(site, "asof.md.j2", segments=segments, blocks=blocks, groups=groups, script_data=script_data)


# --- compare ---------------------------------------------------------------------------------------------

ALL_PAIRS_UP_TO = 4
"""With up to this many versions, every ordered pair is compared on the page; with more, neighbours only."""


def _diff_runs(a: str, b: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Word-level differences of a text in A and in B: A's runs (equal, delete), B's runs (equal, insert)."""
    from ..diff import word_diff

    ops = word_diff(a, b)
    return [(w.op, w.text) for w in ops if w.op != "insert"], [(w.op, w.text) for w in ops if w.op != "delete"]


def _side_view(site: Site, cd: CountryData, p: Any, other: Any, *, is_a: bool) -> dict[str, Any] | None:
    """One side of a compared rule: title, our summary and attributes, with the words that differ marked.

    On side A the words B lacks are marked deleted; on side B the words A lacks are marked inserted.
    """
    if p is None:
        return None
    mark = "delete" if is_a else "insert"
    mine = {"title": site.pick(p, "title"), "summary": site.pick(p, "summary")}
    theirs = {"title": site.pick(other, "title"), "summary": site.pick(other, "summary")} if other is not None else None
    out: dict[str, Any] = {}
    for key in ("title", "summary"):
        if theirs is None or theirs[key] == mine[key]:
            out[key] = [("equal", mine[key])]
        else:
            out[key] = [(mark if op == "insert" else op, text) for op, text in _diff_runs(theirs[key], mine[key])[1]]
    rows = attribute_rows(site, p.attributes)
    other_rows = dict(attribute_rows(site, other.attributes)) if other is not None else None
    attrs = []
    for label, value in rows:
        theirs_value = other_rows.get(label) if other_rows is not None else value
        if theirs_value == value:
            attrs.append((label, [("equal", value)]))
        elif theirs_value is None:
            attrs.append((label, [(mark, value)]))
        else:  # attribute values are prose too: the words that differ
            attrs.append((label, [(mark if op == "insert" else op, text) for op, text in _diff_runs(theirs_value, value)[1]]))
    out["attributes"] = attrs
    out["groups"] = group_words(site, cd, list(p.groups))
    return out


def _not_in_earlier(site: Site, context: list[Any]) -> str:
    """What we know when the earlier version does not mention a rule: it holds only what the letter says."""
    return f"{site.t['not_in_before']} {site.t['context_below'] if context else site.t['context_none']}"


def compare_pair(site: Site, page: str, cd: CountryData, tl: Any, a_id: str, b_id: str) -> dict[str, Any]:
    """Version A against version B, in the direction asked: what B adds to A is added, what B lacks is removed.

    Like the change records, the comparison leaves out facts about the codified text (placement, context):
    they are shown beside a rule, not counted as a change of the policy.
    """
    from ..diff import DIFF_EXCLUDE
    from ..precision import context_json, placement_json

    va, vb = cd.versions[a_id], cd.versions[b_id]
    pos = {p.version: i for i, p in enumerate(tl.periods)}
    lo, hi = sorted((pos[a_id], pos[b_id]))
    between = [aid for aid in tl.order if lo <= pos[cd.amendments[aid].version_from] and pos[cd.amendments[aid].version_to] <= hi]
    records: dict[str, list[ChangeRecord]] = {}
    for aid in between:
        for r in site.v.changes.get(aid, []):
            records.setdefault(r.provision, []).append(r)
    order = {s.id: i for i, s in enumerate(cd.country.sections)}
    ids = sorted(
        set(va.provisions) | set(vb.provisions), key=lambda i: (order.get((vb.provisions.get(i) or va.provisions[i]).section, 1 << 20), i)
    )
    sections: list[dict[str, Any]] = []
    unchanged = []
    for pid in ids:
        pa, pb = va.provisions.get(pid), vb.provisions.get(pid)
        if pa is not None and pb is not None and pa.model_dump(exclude=DIFF_EXCLUDE) == pb.model_dump(exclude=DIFF_EXCLUDE):
            unchanged.append({"title": site.provision_title(pb), "url": rel(page, f"versions/{b_id}.md", f"prov-{pid}")})
            continue
        kind = "added" if pa is None else "removed" if pb is None else "modified"
        ref = pb if pb is not None else pa
        assert ref is not None
        pl = placement(site, cd, placement_json(ref, cd.country))
        context: list[dict[str, Any]] = []
        for side in (pa, pb):
            for e in context_json(side, cd.country) if side is not None else []:
                if e not in context:
                    context.append(e)
        recs = records.get(pid, [])
        rule = {
            "id": pid,
            "anchor": f"cmp-{a_id}--{b_id}-{pid}",
            "title": site.provision_title(ref),
            "kind": kind,
            "a": _side_view(site, cd, pa, pb, is_a=True),
            "b": _side_view(site, cd, pb, pa, is_a=False),
            "a_absent": _not_in_earlier(site, context) if pa is None and pos[a_id] < pos[b_id] else site.t["not_in_side"],
            "b_absent": _not_in_earlier(site, context) if pb is None and pos[b_id] < pos[a_id] else site.t["not_in_side"],
            "context": context_view(site, context),
            "changes": [
                {
                    "id": r.id,
                    "date": r.announced,
                    "url": rel(page, f"changes/{r.id}.md"),
                    "quotes": quotes(site, page, list(r.justifications)),
                }
                for r in recs
            ],
        }
        if not sections or sections[-1]["label"] != pl["label"]:
            sections.append({"label": pl["label"], "basis": pl["basis"], "rules": []})
        sections[-1]["rules"].append(rule)
    return {
        "id": f"cmp-{a_id}--{b_id}",
        "a": {"id": a_id, "title": site.version_title(va), "url": rel(page, f"versions/{a_id}.md")},
        "b": {"id": b_id, "title": site.version_title(vb), "url": rel(page, f"versions/{b_id}.md")},
        "forward": pos[a_id] < pos[b_id],
        "sections": sections,
        "unchanged": unchanged,
    }


def render_compare(site: Site) -> str:
    from ..timeline import MONTHS

    page = "compare.md"
    t = site.t
    cd = site.countries[0]
    tl = site.timelines[cd.country.id]
    order = [p.version for p in tl.periods]
    if len(order) <= ALL_PAIRS_UP_TO:
        pairs = [(a, b) for a in order for b in order if a != b]
    else:
        pairs = [pair for x, y in zip(order, order[1:], strict=False) for pair in ((x, y), (y, x))]
    compared = [compare_pair(site, page, cd, tl, a, b) for a, b in pairs]
    script_data = {
        "order": order,
        "titles": {vid: site.version_title(cd.versions[vid]) for vid in order},
        "segments": segment_rows(site, page, cd),
        "months": MONTHS[site.lang],
        "labels": {k: t[k] for k in ("bad_date", "date_not_exist", "nothing", "compare_none_same", "compare_heading", "compare_steps")},
    }
    return _render(
        site,
        "compare.md.j2",
        versions=[{"id": vid, "title": site.version_title(cd.versions[vid])} for vid in order],
        script_data=script_data,
        pairs=compared,
    )


# --- downloads, glossary, footer -------------------------------------------------------------------------

DOWNLOAD_FORMATS = ("docx", "xlsx", "csv", "md", "json")


def download_name(aid: str, lang: str, fmt: str) -> str:
    return f"downloads/aztimeline-{aid}-{lang}.{fmt}"


def render_downloads(site: Site, available: list[str]) -> str:
    page = "downloads.md"
    transitions = []
    for aid in site.v.changes:
        files = []
        for fmt in DOWNLOAD_FORMATS:
            name = download_name(aid, site.lang, fmt)
            if name in available:
                files.append({"url": rel(page, name, file=True), "name": name.rsplit("/", 1)[1], "text": site.t["download_" + fmt]})
        cd = next(cd for cd in site.countries if aid in cd.amendments)
        transitions.append({"id": aid, "title": site.version_title(cd.versions[cd.amendments[aid].version_to]), "files": files})
    up = "../" if site.lang == "en" else ""  # the JSON API is served once, from the Dutch (root) edition
    api = [
        {"url": up + rel(page, f"api/{name}", file=True), "name": f"api/{name}"}
        for name in ("versions.json", "changes.json", "periods.json")
    ]
    return _render(site, "downloads.md.j2", transitions=transitions, api=api, feed_url=rel(page, "feed.xml", file=True))


def render_glossary(site: Site) -> str:
    return _render(site, "glossary.md.j2", terms=GLOSSARY)


def draft_banner(site: Site) -> str:
    return str(render_fragment("draft_banner.html.j2", t=site.t))


# --- provenance: the corrections log ---------------------------------------------------------------------


def render_corrections(site: Site) -> str:
    corrections = []
    for c in site.corrections:
        fv = c.commit
        corrections.append(
            {
                "day": fv.date[:10],
                "sha": fv.sha[:10],
                "author": fv.author,
                "message": fv.message if site.lang == "en" else None,  # commit messages are written in English
                "changes": [
                    {
                        "text": ch.describe(site.lang),
                        # a field of our English text keeps its language, marked for readers and screen readers
                        "lang": "en" if ch.path.rsplit(".", 1)[-1].endswith("_en") else None,
                        "corrected": ch.change == "corrected",
                        "before": _value(ch.before) if ch.change == "corrected" else None,
                        "after": _value(ch.after) if ch.change == "corrected" else None,
                    }
                    for ch in c.changes
                ],
            }
        )
    return _render(site, "corrections.md.j2", notice=site.history_notice, corrections=corrections)
