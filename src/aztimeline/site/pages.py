"""Page renderers: each returns the Markdown (with small escaped HTML blocks) of one page of one edition."""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from ..load import CountryData
from ..models import Attributes, ChangeRecord, Citation, Version
from ..timeline import asof_segments
from .context import Site, h, rel
from .html import esc
from .labels import ATTRIBUTE_LABELS, GLOSSARY, VALUE_LABELS
from .svg import timeline_svg

KIND_CLASS = {"added": "azt-added", "removed": "azt-removed", "modified": "azt-modified"}


def block(*lines: str) -> str:
    """One raw-HTML block: no blank line inside, so Markdown leaves it whole and never parses data in it."""
    return "\n".join(line for line in "\n".join(lines).splitlines() if line.strip())


def json_script(element_id: str, data: Any) -> str:
    """Data for a page script, in a script element that HTML can never end early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _kind(site: Site, kind: str) -> str:
    return f'<span class="azt-kind {KIND_CLASS.get(kind, "")}">{h(site.t[kind])}</span>'


def _period_text(site: Site, start: dt.date | None, end: dt.date | None) -> str:
    s = site.time(start) if start else h(site.t["unknown_start"])
    if end is None:
        return site.t["applies_open"].format(start=s)
    return site.t["applies"].format(start=s, end=site.time(end))


# --- home ------------------------------------------------------------------------------------------------


def render_home(site: Site) -> str:
    page = "index.md"
    cd = site.countries[0]
    tl = site.timelines[cd.country.id]
    current = cd.versions[tl.periods[-1].version]
    out = [f"# {esc(site.t['site'])} (Vc {esc(cd.country.vc_paragraph)})", ""]
    out.append(block(f'<p class="azt-lead">{h(site.pick(cd.country, "scope_note"))}</p>'))
    out += [
        "",
        block(
            f'<form class="azt-dateform" method="get" action="{rel(page, "asof.md")}" role="search" aria-label="{h(site.t["asof"])}">',
            f'<label for="home-date">{h(site.t["asof_label"])}</label>',
            '<input type="date" id="home-date" name="date" min="1900-01-01" max="2100-12-31" required>',
            f'<button type="submit" class="md-button md-button--primary">{h(site.t["go"])}</button>',
            "</form>",
        ),
    ]
    out += ["", f"## {esc(site.t['current'])}", ""]
    out.append(
        block(
            f'<p>{_period_text(site, tl.periods[-1].start, tl.periods[-1].end)}: <a href="{rel(page, f"versions/{current.id}.md")}">{h(site.version_title(current))}</a></p>'
        )
    )
    out += ["", _provision_summary_list(site, page, cd, current)]
    for aid in tl.order:
        a = cd.amendments[aid]
        out += ["", f"## {esc(site.t['at_glance'].format(date=site.date(a.announced)))}", ""]
        out.append(_changes_table(site, page, site.v.changes.get(aid, [])))
    out += ["", _footer(site)]
    return "\n".join(out) + "\n"


def _provision_summary_list(site: Site, page: str, cd: CountryData, v: Version) -> str:
    items = []
    for s in cd.country.sections:
        provs = [(pid, p) for pid, p in v.provisions.items() if p.section == s.id]
        for pid, p in provs:
            href = rel(page, f"versions/{v.id}.md", f"prov-{pid}")
            items.append(
                f'<li><a href="{h(href)}">{h(site.provision_title(p))}</a> <span class="azt-muted">({h(site.section(cd, s.id))})</span></li>'
            )
    return block('<ul class="azt-provisions">', *items, "</ul>")


def _changes_table(site: Site, page: str, records: list[ChangeRecord]) -> str:
    t = site.t
    rows = [
        f'<table><thead><tr><th scope="col">{h(t["change"])}</th><th scope="col">{h(t["section"])}</th>'
        f'<th scope="col">{h(t["kind"])}</th><th scope="col">{h(t["announced"])}</th></tr></thead><tbody>'
    ]
    for r in records:
        cd = site.country_of_version(r.version_to)
        title = r.title_nl if site.lang == "nl" else r.title_en
        rows.append(
            f'<tr><td><a href="{h(rel(page, f"changes/{r.id}.md"))}">{h(title)}</a></td><td>{h(site.section(cd, r.section))}</td>'
            f"<td>{_kind(site, r.kind)}</td><td>{site.time(r.announced)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return block(*rows)


# --- timeline --------------------------------------------------------------------------------------------


def render_timeline(site: Site) -> str:
    page = "timeline.md"
    out = [f"# {esc(site.t['timeline'])}", ""]
    for cd in site.countries:
        tl = site.timelines[cd.country.id]
        out += [block(timeline_svg(site, cd, tl)), ""]
        items = []
        for p in tl.periods:
            v = cd.versions[p.version]
            ms = []
            for name in ("announced", "signed", "published", "in_force"):
                m = getattr(v.milestones, name)
                ms.append(f"<li>{h(site.t[name])}: {site.time(m.date)}{_fact_note(site, cd, m.fact)}</li>")
            items.append(
                f'<li><p><a href="{h(rel(page, f"versions/{v.id}.md"))}"><strong>{h(site.version_title(v))}</strong></a><br>'
                f"{_period_text(site, p.start, p.end)}</p><ul>{''.join(ms)}</ul></li>"
            )
        out += [f"## {esc(site.t['versions'])}", "", block('<ol class="azt-periods">', *items, "</ol>"), ""]
        events = sorted(cd.events.events, key=lambda e: (e.date if isinstance(e.date, dt.date) else dt.date.max, e.id))
        ev_items = []
        for e in events:
            quotes = "".join(site.quote(page, c) for c in e.citations)
            note = f'<p class="azt-muted">{h(site.pick(e, "date_note"))}</p>' if e.date_note_nl else ""
            ev_items.append(f'<li id="event-{h(e.id)}"><p>{site.time(e.date)}: {h(site.pick(e, "title"))}</p>{note}{quotes}</li>')
        out += [f"## {esc(site.t['events'])}", "", block('<ol class="azt-events">', *ev_items, "</ol>"), ""]
    out.append(_footer(site))
    return "\n".join(out) + "\n"


def _fact_note(site: Site, cd: CountryData, fact_id: str | None) -> str:
    if not fact_id:
        return ""
    fact = next(f for f in cd.country.facts if f.id == fact_id)
    conf = site.t[fact.confidence]
    return f' <span class="azt-muted">({h(fact.record)}; {h(site.t["confidence"].lower())}: {h(conf)})</span>'


# --- versions --------------------------------------------------------------------------------------------


def render_versions_index(site: Site) -> str:
    page = "versions/index.md"
    out = [f"# {esc(site.t['versions'])}", ""]
    for cd in site.countries:
        tl = site.timelines[cd.country.id]
        rows = [
            f'<table><thead><tr><th scope="col">{h(site.t["version"])}</th><th scope="col">{h(site.t["date"])}</th></tr></thead><tbody>'
        ]
        for p in tl.periods:
            v = cd.versions[p.version]
            rows.append(
                f'<tr><td><a href="{h(rel(page, f"versions/{v.id}.md"))}">{h(site.version_title(v))}</a></td><td>{_period_text(site, p.start, p.end)}</td></tr>'
            )
        rows.append("</tbody></table>")
        out += [block(*rows), ""]
    out.append(_footer(site))
    return "\n".join(out) + "\n"


def render_version(site: Site, vid: str) -> str:
    page = f"versions/{vid}.md"
    cd = site.country_of_version(vid)
    tl = site.timelines[cd.country.id]
    v = cd.versions[vid]
    period = next(p for p in tl.periods if p.version == vid)
    t = site.t
    out = [f"# {esc(site.version_title(v))}", ""]
    out.append(
        block(site.other_lang_title(v), f'<p class="azt-period"><strong>{_period_text(site, period.start, period.end)}</strong></p>')
    )
    out.append("")
    banner = _codification_banner(site, v)
    if banner:
        out += [banner, ""]
    if v.note_nl:
        out += [block(site.ours(site.pick(v, "note"))), ""]
    out += [f"## {esc(t['codified'])}", "", _milestones_table(site, page, cd, v), ""]
    out += [f"## {esc(t['evidence'])}", "", _evidence(site, page, v), ""]
    incoming = next((a for a in cd.amendments.values() if a.version_to == vid), None)
    changed = {r.provision: r for r in site.v.changes.get(incoming.id, [])} if incoming else {}
    for s in cd.country.sections:
        provs = [(pid, p) for pid, p in v.provisions.items() if p.section == s.id]
        if not provs:
            continue
        out += [f"## {esc(site.section(cd, s.id))}", ""]
        for pid, p in provs:
            parts = [
                f'<section class="azt-provision" id="prov-{h(pid)}" aria-labelledby="prov-{h(pid)}-h">',
                f'<h3 id="prov-{h(pid)}-h">{h(site.provision_title(p))}</h3>',
                site.other_lang_title(p),
                site.ours(site.pick(p, "summary")),
                _attributes(site, p.attributes),
            ]
            parts.append(_provision_provenance(site, page, pid, incoming, changed))
            parts.append("".join(site.quote(page, c) for c in p.citations))
            parts.append("</section>")
            out += [block(*parts), ""]
    out += [
        history_block(
            site,
            f"{cd.country.id}/versions/{vid}.yaml",
            *(f"{cd.country.id}/amendments/{a.id}.yaml" for a in cd.amendments.values() if a.version_to == vid),
        ),
        "",
    ]
    out.append(_footer(site))
    return "\n".join(out) + "\n"


def _codification_banner(site: Site, v: Version) -> str:
    """Between announcement and codification, say so plainly (legislation.gov.uk's prospective notice)."""
    ann = v.milestones.announced.date
    if not isinstance(ann, dt.date):
        return ""
    later = [getattr(v.milestones, n).date for n in ("signed", "published", "in_force")]
    known = [d for d in later if isinstance(d, dt.date)]
    until = min(known) if known else None
    if site.lang == "nl":
        text = (
            f"Aangekondigd op {site.time(ann)}. Tot {site.time(until)} was deze versie aangekondigd maar nog niet gecodificeerd in de Vc."
            if until
            else f"Aangekondigd op {site.time(ann)}; nog niet gecodificeerd in de Vc."
        )
        text += (
            " aztimeline laat deze versie gelden vanaf de datum van aankondiging; geen bron noemt een datum van inwerkingtreding."
            if v.milestones.in_force.date == "unknown"
            else ""
        )
    else:
        text = (
            f"Announced on {site.time(ann)}. Until {site.time(until)} this version had been announced but was not yet codified in the Vc."
            if until
            else f"Announced on {site.time(ann)}; not yet codified in the Vc."
        )
        text += (
            " aztimeline applies this version from its announcement; no source gives a date of entry into force."
            if v.milestones.in_force.date == "unknown"
            else ""
        )
    return block(
        f'<div class="admonition warning azt-banner" role="note"><p class="admonition-title">{h(site.t["status"])}</p><p>{text}</p></div>'
    )


def _milestones_table(site: Site, page: str, cd: CountryData, v: Version) -> str:
    t = site.t
    rows = [
        f'<table><thead><tr><th scope="col">{h(t["milestone"])}</th><th scope="col">{h(t["date"])}</th><th scope="col">{h(t["basis"])}</th></tr></thead><tbody>'
    ]
    for name in ("announced", "signed", "published", "in_force"):
        m = getattr(v.milestones, name)
        basis = []
        if m.fact:
            fact = next(f for f in cd.country.facts if f.id == m.fact)
            basis.append(
                f'{h(site.pick(fact, "statement"))} <span class="azt-muted">({h(t["record"])}: {h(fact.record)}; {h(t["confidence"].lower())}: <strong>{h(t[fact.confidence])}</strong>)</span>'
            )
        for c in m.citations:
            basis.append(
                f'<a href="{h(rel(page, f"sources/{c.source}.md", c.anchor))}">\u201c<span lang="nl">{h(c.quote)}</span>\u201d</a>'
            )
        if m.note_nl:
            basis.append(f'<span class="azt-ours">{h(site.pick(m, "note"))}</span>')
        rows.append(
            f'<tr><th scope="row">{h(t[name])}</th><td>{site.time(m.date)}</td><td>{"<br>".join(basis) or h(t["unknown"])}</td></tr>'
        )
    rows.append("</tbody></table>")
    return block(*rows)


def _evidence(site: Site, page: str, v: Version) -> str:
    e = v.evidence_base
    t = site.t
    period = e.reporting_period
    per = f"{site.date(period.start)} \u2013 {site.date(period.end)}" if period.start != "unknown" else t["unknown"]
    rows = [
        '<dl class="azt-dl">',
        f"<dt>{h(t['report'])}</dt><dd>{h(site.pick(e, 'report'))}</dd>",
        f"<dt>{h(t['report_date'])}</dt><dd>{site.time(e.report_date)}</dd>",
        f"<dt>{h(t['presented'])}</dt><dd>{site.time(e.presented)}</dd>",
        f"<dt>{h(t['period'])}</dt><dd>{h(per)}</dd>",
        "</dl>",
        f"<p>{h(t['basis_stated'] if e.basis_stated else t['basis_not_stated'])}</p>",
    ]
    if e.note_nl:
        rows.append(site.ours(site.pick(e, "note")))
    rows += [site.quote(page, c) for c in e.citations]
    return block(*rows)


def _attributes(site: Site, a: Attributes) -> str:
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
        rows.append(f"<dt>{h(labels[key])}</dt><dd>{h(shown)}</dd>")
    if not rows:
        return ""
    return f'<dl class="azt-dl azt-attributes" aria-label="{h(site.t["attributes"])}">{"".join(rows)}</dl>'


def _provision_provenance(site: Site, page: str, pid: str, incoming: Any, changed: dict[str, ChangeRecord]) -> str:
    t = site.t
    if incoming is None:
        return f'<p class="azt-provenance">{h(t["provenance_first"])}: {_sources_of(site, page)}</p>'
    if pid in changed:
        r = changed[pid]
        return f'<p class="azt-provenance">{h(t["provenance_added"])}: <a href="{h(rel(page, f"changes/{r.id}.md"))}">{h(r.id)}</a> ({h(t[r.kind])}, {site.time(r.announced)})</p>'
    if pid in incoming.kept:
        return f'<p class="azt-provenance">{h(t["provenance_kept"])}: {h(incoming.id)} ({site.time(incoming.announced)})</p>' + "".join(
            site.quote(page, c) for c in incoming.kept[pid]
        )
    return f'<p class="azt-provenance">{h(t["provenance_carried"])}</p>'


def _sources_of(site: Site, page: str) -> str:
    links = []
    for cd in site.countries:
        for sid, s in cd.sources.items():
            links.append(f'<a href="{h(rel(page, f"sources/{sid}.md"))}">{h(s.meta.kind.capitalize())} {h(site.date(s.meta.date))}</a>')
    return ", ".join(links)


# --- changes ---------------------------------------------------------------------------------------------


def render_changes_index(site: Site) -> str:
    page = "changes/index.md"
    out = [f"# {esc(site.t['changes'])}", ""]
    for cd in site.countries:
        for aid in site.timelines[cd.country.id].order:
            a = cd.amendments[aid]
            out += [f"## {esc(site.t['transition'])} {esc(aid)}", ""]
            out.append(
                block(
                    f"<p>{h(site.t['announced'])}: {site.time(a.announced)} \u2014 "
                    f'<a href="{h(rel(page, f"versions/{a.version_from}.md"))}">{h(site.version_title(cd.versions[a.version_from]))}</a> \u2192 '
                    f'<a href="{h(rel(page, f"versions/{a.version_to}.md"))}">{h(site.version_title(cd.versions[a.version_to]))}</a></p>'
                )
            )
            out += ["", _changes_table(site, page, site.v.changes.get(aid, [])), ""]
            if a.kept:
                items = [
                    f'<li><a href="{h(rel(page, f"versions/{a.version_to}.md", f"prov-{pid}"))}">{h(site.provision_title(cd.versions[a.version_to].provisions[pid]))}</a></li>'
                    for pid in a.kept
                ]
                out += [f"### {esc(site.t['kept'].capitalize())}", "", block("<ul>", *items, "</ul>"), ""]
    out.append(_footer(site))
    return "\n".join(out) + "\n"


def render_change(site: Site, r: ChangeRecord) -> str:
    page = f"changes/{r.id}.md"
    cd = site.country_of_version(r.version_to)
    t = site.t
    title = r.title_nl if site.lang == "nl" else r.title_en
    other = r.title_en if site.lang == "nl" else r.title_nl
    out = [f"# {esc(title)}", ""]
    out.append(
        block(
            f'<p class="azt-other-title"><span class="azt-label">{h(t["other_title"])}:</span> <span lang="{"en" if site.lang == "nl" else "nl"}">{h(other)}</span></p>',
            '<dl class="azt-dl azt-meta">',
            f"<dt>{h(t['change'])}</dt><dd><code>{h(r.id)}</code></dd>",
            f"<dt>{h(t['kind'])}</dt><dd>{_kind(site, r.kind)}</dd>",
            f"<dt>{h(t['section'])}</dt><dd>{h(site.section(cd, r.section))}</dd>",
            f'<dt>{h(t["transition"])}</dt><dd><a href="{h(rel(page, f"versions/{r.version_from}.md"))}">{h(r.version_from)}</a> \u2192 '
            f'<a href="{h(rel(page, f"versions/{r.version_to}.md", f"prov-{r.provision}" if r.after else ""))}">{h(r.version_to)}</a></dd>',
            f"<dt>{h(t['announced'])}</dt><dd>{site.time(r.announced)}</dd>",
            "</dl>",
        )
    )
    out += ["", f"## {esc(t['before'])} / {esc(t['after'])}", ""]
    out.append(_before_after(site, r))
    out += ["", f"## {esc(t['quotes'])}", ""]
    out.append(block(*(site.quote(page, c) for c in r.justifications)))
    out += ["", _footer(site)]
    return "\n".join(out) + "\n"


def _side(site: Site, side: dict[str, Any] | None, absent: str) -> str:
    if side is None:
        return f'<p class="azt-muted">{h(absent)}</p>'
    a = Attributes.model_validate(side.get("attributes", {}))
    return (
        f"<p><strong>{h(side.get(f'title_{site.lang}', ''))}</strong></p>"
        + site.ours(str(side.get(f"summary_{site.lang}", "")))
        + _attributes(site, a)
    )


def _before_after(site: Site, r: ChangeRecord) -> str:
    t = site.t
    parts = [
        '<div class="azt-compare">',
        f'<div class="azt-side azt-before" role="group" aria-label="{h(t["before"])}"><h3>{h(t["before"])}</h3>{_side(site, r.before, t["absent_before"])}</div>',
        f'<div class="azt-side azt-after" role="group" aria-label="{h(t["after"])}"><h3>{h(t["after"])}</h3>{_side(site, r.after, t["absent_after"])}</div>',
        "</div>",
    ]
    if r.kind == "modified":
        rows = [
            f'<table><thead><tr><th scope="col">{h(t["field"])}</th><th scope="col">{h(t["before"])} \u2192 {h(t["after"])}</th></tr></thead><tbody>'
        ]
        for f in r.fields:
            if f.path.endswith(f"_{'en' if site.lang == 'nl' else 'nl'}"):
                continue  # the other language's fields are on the other edition's page
            if f.words is not None:
                cell = "".join(
                    f"<del>{_words(w.text)}</del>"
                    if w.op == "delete"
                    else f"<ins>{_words(w.text)}</ins>"
                    if w.op == "insert"
                    else _words(w.text)
                    for w in f.words
                )
            else:
                cell = f"<del>{h(_value(f.before))}</del> \u2192 <ins>{h(_value(f.after))}</ins>"
            rows.append(f'<tr><th scope="row"><code>{h(f.path)}</code></th><td>{cell}</td></tr>')
        rows.append("</tbody></table>")
        parts += rows
    return block(*parts)


def _words(text: str) -> str:
    # Unlike h(), keep the spaces at the edges of a run, or words would be glued to the markup around them.
    return html.escape(" ".join(text.split("\n")), quote=True)


def _value(v: Any) -> str:
    if v is None:
        return "\u2014"
    if isinstance(v, list):
        return "; ".join(c.get("quote", "") if isinstance(c, dict) else str(c) for c in v)
    return str(v)


# --- sources ---------------------------------------------------------------------------------------------


def render_sources_index(site: Site) -> str:
    page = "sources/index.md"
    out = [f"# {esc(site.t['sources'])}", ""]
    items = []
    for cd in site.countries:
        for sid, s in cd.sources.items():
            items.append(
                f'<li><a href="{h(rel(page, f"sources/{sid}.md"))}">{h(s.meta.kind.capitalize())} \u201c{h(s.meta.title)}\u201d, {site.time(s.meta.date)}</a>, kenmerk {h(s.meta.kenmerk)}</li>'
            )
        facts = [
            f'<li>{h(site.pick(f, "statement"))} <span class="azt-muted">({h(site.t["record"])}: {h(f.record)}; {h(site.t["confidence"].lower())}: <strong>{h(site.t[f.confidence])}</strong>)</span></li>'
            for f in cd.country.facts
        ]
        out += [
            block("<ul>", *items, "</ul>"),
            "",
            f"## {esc(site.t['facts'])}",
            "",
            block("<ul>", *facts, "</ul>"),
            "",
        ]
    out.append(_footer(site))
    return "\n".join(out) + "\n"


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
                    add(c, f"changes/{r.id}.md", f"{site.t['change']} {r.id}")
        for vid, v in cd.versions.items():
            for pid, p in v.provisions.items():
                for c in p.citations:
                    add(c, f"versions/{vid}.md#prov-{pid}", f"{vid}: {site.provision_title(p)}")
            for c in v.evidence_base.citations:
                add(c, f"versions/{vid}.md", f"{vid}: {site.t['evidence']}")
        for e in cd.events.events:
            for c in e.citations:
                add(c, "timeline.md#event-" + e.id, f"{site.t['timeline']}: {site.pick(e, 'title')}")
        for a in cd.amendments.values():
            for pid, cites in a.kept.items():
                for c in cites:
                    add(c, f"versions/{a.version_to}.md#prov-{pid}", f"{a.id}: {site.t['kept']} ({pid})")
    return out


def _highlight(text: str, spans: list[tuple[int, int]]) -> str:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def render_source(site: Site, sid: str) -> str:
    from ..source import find_quote

    page = f"sources/{sid}.md"
    src = next(cd.sources[sid] for cd in site.countries if sid in cd.sources)
    m = src.meta
    t = site.t
    out = [f"# {esc(m.kind.capitalize())} \u201c{esc(m.title)}\u201d ({esc(site.date(m.date))})", ""]
    meta = ['<dl class="azt-dl azt-meta">']
    for key, label in (
        ("kind", "Soort" if site.lang == "nl" else "Kind"),
        ("date", t["date"]),
        ("kenmerk", "Kenmerk" if site.lang == "nl" else "Reference (kenmerk)"),
        ("kamerstuk", "Kamerstuk"),
        ("sender", "Afzender" if site.lang == "nl" else "Sender"),
        ("signatory", "Ondertekend door" if site.lang == "nl" else "Signed by"),
        ("addressee", "Geadresseerde" if site.lang == "nl" else "Addressee"),
        ("subject", "Onderwerp" if site.lang == "nl" else "Subject"),
    ):
        value = getattr(m, key)
        shown = site.time(value) if key == "date" else h(t["unknown"] if value == "unknown" else value)
        ev = m.metadata_evidence.get(key, [])  # type: ignore[call-overload]
        links = " ".join(f'<a href="#{h(c.anchor)}" class="azt-muted">[{h(c.anchor)}]</a>' for c in ev)
        meta.append(f"<dt>{h(label)}</dt><dd>{shown} {links}</dd>")
    meta.append(
        f'<dt>sha256</dt><dd><code>{h(m.sha256)}</code></dd><dt>{h(t["raw"])}</dt><dd><a href="{h(m.raw_file)}">{h(m.raw_file)}</a></dd></dl>'
    )
    out += [f"## {esc(t['metadata'])}", "", block(*meta), ""]
    for d in m.discrepancies:
        ev = ", ".join(f'<a href="#{h(c.anchor)}">{h(c.anchor)}</a>' for c in d.evidence)
        out += [
            block(
                f'<div class="admonition note" role="note" id="{h(d.id)}"><p class="admonition-title">{h(t["discrepancy"])}</p>{site.ours(site.pick(d, "note"))}<p>{ev}</p></div>'
            ),
            "",
        ]
    cites = citations_by_anchor(site, sid)
    body = []
    for p in src.view.body:
        used = cites.get(p.anchor, [])
        spans = [sp for c, _, _ in used if (sp := find_quote(p, c.quote))]
        back = ""
        if used:
            seen: dict[str, str] = {}
            for _, target, label in used:
                seen.setdefault(target, label)
            links = "".join(
                f'<li><a href="{h(rel(page, target.split("#")[0], target.split("#")[1] if "#" in target else ""))}">{h(label)}</a></li>'
                for target, label in seen.items()
            )
            back = f'<details class="azt-backlinks"><summary>{h(t["cited_in"])} ({len(seen)})</summary><ul>{links}</ul></details>'
        joined = f'<p class="azt-muted">{h(t["joined"].format(lines=", ".join(map(str, p.joined_at))))}</p>' if p.joined_at else ""
        body.append(
            f'<div class="azt-para" id="{h(p.anchor)}"><a class="azt-anchor" href="#{h(p.anchor)}" aria-label="{h(site.para_label(p.anchor))}">{h(p.anchor)}</a>'
            f'<p lang="nl">{_highlight(p.text, spans)}</p>{joined}{back}</div>'
        )
    out += [
        "## Tekst" if site.lang == "nl" else "## Text (Dutch original)",
        "",
        block('<div class="azt-source" lang="nl">', *body, "</div>"),
        "",
    ]
    furn = [
        f'<div class="azt-para azt-furniture" id="{h(p.anchor)}"><span class="azt-anchor">{h(p.anchor)}</span> <span class="azt-muted">[{h(t[p.role])}, r. {p.line_start}]</span> <span lang="nl">{h(p.text)}</span></div>'
        for p in src.view.paragraphs
        if p.role != "body"
    ]
    cid = next(cd.country.id for cd in site.countries if sid in cd.sources)
    out += [
        f"## {esc(t['furniture'])}",
        "",
        block(*furn),
        "",
        history_block(site, f"{cid}/sources/{sid}.yaml", f"{cid}/sources/{m.raw_file}"),
        "",
        _footer(site),
    ]
    site.files[f"sources/{sid}/{m.raw_file}"] = src.raw
    return "\n".join(out) + "\n"


# --- as of -----------------------------------------------------------------------------------------------


def segment_rows(site: Site, page: str, cd: CountryData) -> list[dict[str, Any]]:
    """The as-of table in this edition's words, for the static table and for the page script."""
    rows = []
    changes = {r.id: r for r in site.records()}

    def ch(ids: list[str]) -> list[dict[str, str]]:
        return [
            {"id": i, "url": rel(page, f"changes/{i}.md"), "title": changes[i].title_nl if site.lang == "nl" else changes[i].title_en}
            for i in ids
        ]

    for seg in asof_segments(site.timelines[cd.country.id]):
        a = seg["answer"]
        ver = a["version"]
        rows.append(
            {
                "from": seg["from"],
                "to": seg["to"],
                "version": ver and {"id": ver["id"], "title": ver[f"title_{site.lang}"], "url": rel(page, f"versions/{ver['id']}.md")},
                "note": a[f"note_{site.lang}"],
                "status": a["codification"][f"text_{site.lang}"] if a["codification"] else None,
                "pending": ch(a["pending"]),
                "uncodified": ch(a["not_yet_codified"]),
            }
        )
    return rows


def render_asof(site: Site) -> str:
    page = "asof.md"
    t = site.t
    cd = site.countries[0]
    rows = segment_rows(site, page, cd)
    out = [f"# {esc(t['asof'])}", ""]
    out.append(
        block(
            '<form class="azt-dateform" id="asof-form" method="get" action="" aria-describedby="asof-help">',
            f'<label for="asof-date">{h(t["asof_label"])}</label>',
            '<input type="date" id="asof-date" name="date" min="1900-01-01" max="2100-12-31" required>',
            f'<button type="submit" class="md-button md-button--primary">{h(t["go"])}</button>',
            "</form>",
            f'<p id="asof-help" class="azt-muted">{h(t["asof_help"])}</p>',
            '<div id="asof-answer" class="azt-answer" aria-live="polite" hidden></div>',
            json_script(
                "asof-data",
                {
                    "rows": rows,
                    "labels": {
                        k: t[k]
                        for k in ("bad_date", "nothing", "status", "pending", "uncodified", "none", "share", "version", "asof_label")
                    },
                    "lang": site.lang,
                },
            ),
        )
    )
    table = [
        f'<table id="asof-table"><thead><tr><th scope="col">{h(t["from"].capitalize())}</th><th scope="col">{h(t["to"].capitalize())}</th>'
        f'<th scope="col">{h(t["version"])}</th><th scope="col">{h(t["status"])}</th><th scope="col">{h(t["uncodified"])}</th></tr></thead><tbody>'
    ]
    for r in rows:
        ver = f'<a href="{h(r["version"]["url"])}">{h(r["version"]["title"])}</a>' if r["version"] else h(t["nothing"])
        note = f'<br><span class="azt-muted">{h(r["note"])}</span>' if r["note"] else ""
        unc = (
            f'<a href="{h(rel(page, "changes/index.md"))}">{len(r["uncodified"])} {h(t["changes"].lower())}</a>'
            if r["uncodified"]
            else h(t["none"])
        )
        start = site.time(r["from"]) if r["from"] else "\u2014"
        end = site.time(r["to"]) if r["to"] else h(t["open"])
        table.append(f"<tr><td>{start}</td><td>{end}</td><td>{ver}{note}</td><td>{h(r['status'] or '')}</td><td>{unc}</td></tr>")
    table.append("</tbody></table>")
    out += ["", f"## {esc(t['asof_table'])}", "", block(*table), "", _footer(site)]
    return "\n".join(out) + "\n"


# --- compare ---------------------------------------------------------------------------------------------


def render_compare(site: Site) -> str:
    page = "compare.md"
    t = site.t
    cd = site.countries[0]
    tl = site.timelines[cd.country.id]
    versions = [cd.versions[p.version] for p in tl.periods]
    opts = "".join(f'<option value="{h(v.id)}">{h(site.version_title(v))}</option>' for v in versions)
    transitions = []
    for aid in tl.order:
        a = cd.amendments[aid]
        transitions.append(
            {
                "from": a.version_from,
                "to": a.version_to,
                "changes": [
                    {
                        "id": r.id,
                        "url": rel(page, f"changes/{r.id}.md"),
                        "title": r.title_nl if site.lang == "nl" else r.title_en,
                        "kind": t[r.kind],
                    }
                    for r in site.v.changes.get(aid, [])
                ],
            }
        )
    data = {
        "order": [v.id for v in versions],
        "transitions": transitions,
        "rows": segment_rows(site, page, cd),
        "labels": {"no_changes": t["no_changes"], "bad_date": t["bad_date"], "nothing": t["nothing"]},
    }
    out = [f"# {esc(t['compare'])}", ""]
    out.append(
        block(
            '<form class="azt-compareform" id="compare-form" method="get" action="">',
            f'<p><label for="cmp-a">{h(t["compare_a"])}</label> <select id="cmp-a" name="a">{opts}</select> ',
            f'<label for="cmp-b">{h(t["compare_b"])}</label> <select id="cmp-b" name="b">{opts}</select></p>',
            f'<p>{h(t["or_dates"])}: <label for="cmp-da">{h(t["date_a"])}</label> <input type="date" id="cmp-da" name="da"> ',
            f'<label for="cmp-db">{h(t["date_b"])}</label> <input type="date" id="cmp-db" name="db"></p>',
            f'<p><button type="submit" class="md-button md-button--primary">{h(t["compare"])}</button></p>',
            "</form>",
            '<div id="compare-answer" class="azt-answer" aria-live="polite" hidden></div>',
            json_script("compare-data", data),
        )
    )
    out += ["", f"## {esc(t['compare_static'])}", ""]
    for aid in tl.order:
        a = cd.amendments[aid]
        out += [
            f"### {esc(site.version_title(cd.versions[a.version_from]))} \u2192 {esc(site.version_title(cd.versions[a.version_to]))}",
            "",
            _changes_table(site, page, site.v.changes.get(aid, [])),
            "",
        ]
    out.append(_footer(site))
    return "\n".join(out) + "\n"


# --- downloads, glossary, footer -------------------------------------------------------------------------

DOWNLOAD_FORMATS = ("docx", "xlsx", "csv", "md", "json")


def download_name(aid: str, lang: str, fmt: str) -> str:
    return f"downloads/aztimeline-{aid}-{lang}.{fmt}"


def render_downloads(site: Site, available: list[str]) -> str:
    page = "downloads.md"
    t = site.t
    out = [f"# {esc(t['downloads'])}", ""]
    for aid in site.v.changes:
        out += [f"## {esc(t['transition'])} {esc(aid)}", ""]
        items = []
        for fmt in DOWNLOAD_FORMATS:
            name = download_name(aid, site.lang, fmt)
            if name in available:
                items.append(
                    f'<li><a href="{h(rel(page, name, file=True))}" download>{h(name.rsplit("/", 1)[1])}</a> \u2014 {h(t["download_" + fmt])}</li>'
                )
        out += [block("<ul>", *items, "</ul>"), ""]
    up = "../" if site.lang == "en" else ""  # the JSON API is served once, from the Dutch (root) edition
    api = [
        f'<li><a href="{up}{rel(page, f"api/{name}", file=True)}">api/{name}</a></li>'
        for name in ("versions.json", "changes.json", "periods.json")
    ]
    out += [
        f"## {esc(t['api'])}",
        "",
        block("<ul>", *api, f'<li><a href="{h(rel(page, "feed.xml", file=True))}">{h(t["feed"])}</a></li>', "</ul>"),
        "",
        _footer(site),
    ]
    return "\n".join(out) + "\n"


def render_glossary(site: Site) -> str:
    rows = ['<table><thead><tr><th scope="col" lang="nl">Nederlands</th><th scope="col" lang="en">English</th></tr></thead><tbody>']
    rows += [f'<tr><td lang="nl">{h(nl)}</td><td lang="en">{h(en)}</td></tr>' for nl, en in GLOSSARY]
    rows.append("</tbody></table>")
    return "\n".join([f"# {esc(site.t['glossary'])}", "", block(*rows), "", _footer(site)]) + "\n"


def _footer(site: Site) -> str:
    s = site.stamp
    text = f"{site.t['built']}: {s['data_nl' if site.lang == 'nl' else 'data']} \u00b7 {s['tool']}"
    return block(f'<p class="azt-stamp">{h(text)}</p>')


def draft_banner(site: Site) -> str:
    return block(f'<div class="admonition danger azt-draft" role="alert"><p class="admonition-title">{h(site.t["draft"])}</p></div>')


# --- provenance: file histories and the corrections log --------------------------------------------------


def history_block(site: Site, *files: str) -> str:
    """The commits that touched the data files behind a page (date, author, message)."""
    t = site.t
    items = []
    for name in files:
        for fv in site.history.get(name, []):
            items.append(
                (
                    fv.date,
                    f'<li><time datetime="{h(fv.date[:10])}">{h(fv.date[:10])}</time> <code>{h(fv.sha[:10])}</code> {h(fv.author)}: {h(fv.message)} <span class="azt-muted">({h(fv.path.rsplit("/", 1)[-1])})</span></li>',
                )
            )
    body = "".join(item for _, item in sorted(items)) if items else f"<li>{h(site.history_notice or t['history_none'])}</li>"
    return f"## {esc(t['history'])}\n\n" + block(f'<ul class="azt-history">{body}</ul>')


def render_corrections(site: Site) -> str:
    t = site.t
    out = [f"# {esc(t['corrections'])}", "", block(f"<p>{h(t['corrections_intro'])}</p>"), ""]
    if site.history_notice:
        out += [block(f'<p class="azt-muted">{h(site.history_notice)}</p>'), ""]
    if not site.corrections:
        out += [block(f"<p>{h(t['corrections_none'])}</p>"), ""]
    for c in site.corrections:
        fv = c.commit
        out += [f"## {esc(fv.date[:10])} \u00b7 {esc(fv.sha[:10])}", ""]
        rows = [f"<p>{h(fv.author)}: {h(fv.message)}</p><ul>"]
        for ch in c.changes:
            detail = ""
            if ch.change == "corrected":
                detail = f"<br><del>{h(_value(ch.before))}</del> \u2192 <ins>{h(_value(ch.after))}</ins>"
            rows.append(f"<li><code>{h(ch.describe())}</code>{detail}</li>")
        rows.append("</ul>")
        out += [block(*rows), ""]
    out.append(_footer(site))
    return "\n".join(out) + "\n"
