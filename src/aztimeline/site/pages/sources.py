"""The sources: their index with the facts, and one page per source with its paragraphs, quoted passages marked."""

from __future__ import annotations

from typing import Any

from ...models import Citation
from ...source import find_quote
from ..context import Site, rel
from ..views import fact, history, render_page


def render_sources_index(site: Site) -> str:
    """The index of sources and facts."""
    return render_page(site, "sources_index.md.j2", **index_view(site))


def index_view(site: Site) -> dict[str, Any]:
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
    return dict(countries=countries)


def render_source(site: Site, sid: str) -> str:
    """The page of source sid (and its raw text, as a file of the edition)."""
    return render_page(site, "source.md.j2", **source_view(site, sid))


def source_view(site: Site, sid: str) -> dict[str, Any]:
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
    return dict(
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
                if site.origin(vid, pid) != vid:
                    continue  # the same text with the same citations stands on an earlier version page: linked from there
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
