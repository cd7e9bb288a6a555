"""The sources: their index with the facts, and one page per source with its paragraphs, quoted passages marked."""

from __future__ import annotations

from typing import Any

from ...models import Citation
from ...precision import paragraph_label
from ...source import find_quote, page_of, page_of_line
from ..context import Site, rel
from ..labels import CODE_WORDS, SOURCE_META
from ..views import fact, history, marked_runs, render_page


def render_sources_index(site: Site) -> str:
    """The index of sources and facts."""
    page = "sources/index.md"
    countries = [
        {
            "sources": [
                {
                    "url": rel(page, f"sources/{sid}.md"),
                    "kind": s.meta.kind.capitalize(),
                    "title": s.meta.title,
                    "date": s.meta.date,
                    "kenmerk": s.meta.kenmerk,
                    "kamerstuk": site.t["kamerstuk_unknown"] if s.meta.kamerstuk == "unknown" else f"Kamerstuk {s.meta.kamerstuk}",
                }
                for sid, s in cd.sources.items()
            ],
            "facts": [fact(site, cd, f.id) for f in cd.country.facts],
        }
        for cd in site.countries
    ]
    return render_page(site, "sources_index.md.j2", countries=countries)


def render_source(site: Site, sid: str) -> str:
    """The source as a reader cites it: the letter in reading order, each paragraph as "alinea N (blz. M)", each
    later page marked where it begins with the running header that starts it; letterhead first, signature last.
    Anchors (#p6, #f7) stay the paragraphs' ids for links; no reader-facing text shows them."""
    page = f"sources/{sid}.md"
    src = site.sources[sid]
    m = src.meta
    t = site.t
    lang = site.lang
    view = src.view

    def where(anchor: str, quote: str | None = None) -> str:
        para = view.get(anchor)
        if para is None:
            return anchor
        return paragraph_label(anchor, page_of(src, anchor, quote), lang, para.role)

    meta = []
    for key, label in SOURCE_META[lang].items():
        value = getattr(m, key)
        if key == "kamerstuk" and value == "unknown":
            value = t["kamerstuk_unknown"]
        elif value == "unknown":
            value = t["unknown"]
        elif key == "kind":  # "kamerbrief" stood as the data's code on the English page (an English reader's read)
            value = CODE_WORDS[lang].get(value, value)
        meta.append(
            {
                "label": label,
                "date": key == "date",
                "value": value,
                "evidence": [{"href": f"#{c.anchor}", "label": where(c.anchor, c.quote)} for c in m.metadata_evidence.get(key, [])],
            }
        )
    discrepancies = [
        {
            "id": d.id,
            "note": site.pick(d, "note"),
            "evidence": [{"href": f"#{c.anchor}", "label": where(c.anchor, c.quote), "quote": c.quote} for c in d.evidence if c.source == sid],
        }
        for d in m.discrepancies
    ]
    noted = {c.anchor: d.id for d in m.discrepancies for c in d.evidence if c.source == sid}

    def furniture(p: Any) -> dict[str, Any]:
        return {"anchor": p.anchor, "text": p.text, "discrepancy": noted.get(p.anchor)}

    pages: dict[int, dict[str, Any]] = {n: {"page": n, "header": []} for n in range(1, len(view.breaks) + 2)}
    letterhead = [furniture(p) for p in view.paragraphs if p.role == "letterhead"]
    signature = [furniture(p) for p in view.paragraphs if p.role == "signature"]
    for p in view.paragraphs:
        if p.role == "running_header":
            pages[page_of_line(view, p.line_start)]["header"].append(furniture(p))

    cites = citations_by_anchor(site, sid)
    blocks: list[dict[str, Any]] = [{"kind": "start", "page": 1, "furniture": letterhead}]
    breaks = list(view.breaks)
    for p in view.body:
        while breaks and breaks[0] <= p.line_start:  # a page that begins before this paragraph
            blocks.append({"kind": "page", **pages[page_of_line(view, breaks.pop(0))]})
        inside = []  # pages that begin inside this paragraph: at the start of a sentence rejoined over the break
        while breaks and breaks[0] <= p.line_end:
            line = breaks.pop(0)
            if line in p.joined_at:
                inside.append((p.joined_offsets[p.joined_at.index(line)], page_of_line(view, line)))
            else:
                blocks.append({"kind": "page", **pages[page_of_line(view, line)]})
        used = cites.get(p.anchor, [])
        spans = [sp for c, _, _ in used if (sp := find_quote(p, c.quote))]
        seen: dict[str, str] = {}
        for _, target, label in used:
            seen.setdefault(target, label)
        blocks.append(
            {
                "kind": "para",
                "anchor": p.anchor,
                "label": where(p.anchor),
                "pieces": _pieces(p.text, spans, inside),
                "joined": t["joined"].format(lines=", ".join(map(str, p.joined_at))) if p.joined_at else None,
                "backlinks": [
                    {"url": rel(page, *target.split("#", 1)), "label": label}
                    for target, label in seen.items()
                ],
            }
        )
        for _, n in inside:  # the running header of a page that began inside the paragraph, after it
            blocks.append({"kind": "header", **pages[n]})
    for line in breaks:
        blocks.append({"kind": "page", **pages[page_of_line(view, line)]})
    blocks.append({"kind": "end", "furniture": signature})
    cid = next(cd.country.id for cd in site.countries if sid in cd.sources)
    site.files[f"sources/{sid}/{m.raw_file}"] = src.raw
    return render_page(
        site,
        "source.md.j2",
        title=f"{m.kind.capitalize()} \u201c{m.title}\u201d ({site.date(m.date)})",
        meta=meta,
        sha256=m.sha256,
        raw_file=m.raw_file,
        pages=len(pages),
        discrepancies=discrepancies,
        text_heading=t["source_text"],
        blocks=blocks,
        history=history(site, f"{cid}/sources/{sid}.yaml", f"{cid}/sources/{m.raw_file}"),
    )


def _pieces(text: str, spans: list[tuple[int, int]], breaks: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """A paragraph's text as pieces: runs of text (marked where quoted) and, where a page begins inside it, that
    page's number (a quoted passage running over it is marked on both sides)."""
    out: list[dict[str, Any]] = []
    pos = 0
    for offset, page in sorted(breaks):
        end = len(text[:offset].rstrip())  # the space before the page's first word goes around the page number
        out.append({"runs": _runs(text[pos:end], _clip(spans, pos, end))})
        out.append({"page": page})
        pos = offset
    out.append({"runs": _runs(text[pos:], _clip(spans, pos, len(text)))})
    return out


def _clip(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of spans within [start, end), counted from start."""
    return [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]


def citations_by_anchor(site: Site, sid: str) -> dict[str, list[tuple[Citation, str, str]]]:
    """Every citation of a source, by anchor, with the page that uses it and a label for the backlink.

    The index of all sources is built once per edition (source pages would otherwise each scan everything)."""
    out: dict[str, dict[str, list[tuple[Citation, str, str]]]] | None = site.cache.get("citations")
    if out is None:
        out = site.cache["citations"] = {}

        def add(c: Citation, target: str, label: str) -> None:
            out.setdefault(c.source, {}).setdefault(c.anchor, []).append((c, target, label))

        for r in site.records():
            for c in r.justifications:
                add(c, f"changes/{r.id}.md", f"{site.t['change']}: {site.pick(r, 'title')}")
        for cd in site.countries:
            for vid, v in cd.versions.items():
                for pid, p in v.provisions.items():
                    if site.origin(vid, pid) != vid:
                        continue  # the same text with the same citations stands on an earlier version page: linked from there
                    for c in p.citations:
                        add(c, f"versions/{vid}.md#prov-{pid}", f"{site.pick(v, 'title')}: {site.pick(p, 'title')}")
                for c in v.evidence_base.citations:
                    add(c, f"versions/{vid}.md", f"{site.pick(v, 'title')}: {site.t['evidence']}")
            for e in cd.events.events:
                for c in e.citations:
                    add(c, "timeline.md#event-" + e.id, f"{site.t['timeline']}: {site.pick(e, 'title')}")
            for a in cd.amendments.values():
                to = cd.versions[a.version_to]
                for pid, cites in a.kept.items():
                    label = f"{site.pick(to, 'title')}: {site.t['kept']} ({site.pick(to.provisions[pid], 'title')})"
                    for c in cites:
                        add(c, f"versions/{a.version_to}.md#prov-{pid}", label)
    return out.get(sid, {})


def _runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[bool, str]]:
    """Text cut into (marked, text) runs, the spans (merged where they overlap) marked."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return marked_runs(text, ((s, e, text[s:e]) for s, e in merged))
