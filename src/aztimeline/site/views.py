"""What several page views share: quotes with their links, facts, attributes, rows of changes, milestones.

Each page view (site/pages/) gathers the data one page of one edition shows and hands it to that page's template in
site/templates/ (Jinja2, autoescaping on); nothing here builds markup. Views return plain data (strings, dates,
lists, dicts); the templates escape every value they print.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..load import CountryData
from ..models import Attributes, ChangeRecord, Citation, Version
from ..precision import CONFIDENCE_WORDS
from ..source import citation_label, quote_display
from .chrome import record_words
from .context import Site, rel
from .labels import ATTRIBUTE_LABELS, OTHER, VALUE_LABELS
from .render import fragment, render, render_fragment, template_module

MILESTONES = ("announced", "signed", "published", "in_force")


def render_page(site: Site, name: str, **context: Any) -> str:
    """Render a page template with what every page needs: labels, languages and the build stamp."""
    return render(name, t=site.t, lang=site.lang, other=OTHER[site.lang], stamp=footer_text(site), **context)


def macro_once(site: Site, template: str, macro: str, view: Any) -> Markup:
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


def draft_banner(site: Site) -> str:
    return str(render_fragment("draft_banner.html.j2", t=site.t))


def quote(site: Site, page: str, c: Citation) -> dict[str, str]:
    """A verbatim quotation ("[…]" where words of its sentence are left out) and the link to its paragraph."""
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


def placement(site: Site, cd: CountryData, pl: dict[str, Any]) -> dict[str, Any]:
    """Where the Vc places a provision, in this edition's words, with its basis: a fact, or our own heading."""
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
    return [
        {
            "number": e["number"],
            "text": e[f"text_{site.lang}"],
            "record": record_words(site, e.get("record")) or site.t["unknown"],
            "confidence": CONFIDENCE_WORDS[site.lang].get(e.get("confidence") or "", site.t["unknown"]),
        }
        for e in entries
    ]


def not_in_earlier(site: Site, context: list[Any]) -> str:
    """What we know when the earlier version does not mention a rule: it holds only what the letter says."""
    return f"{site.t['not_in_before']} {site.t['context_below'] if context else site.t['context_none']}"


def shown_value(v: Any) -> str:
    if v is None:
        return "\u2014"
    if isinstance(v, list):
        return "; ".join(c.get("quote", "") if isinstance(c, dict) else str(c) for c in v)
    return str(v)


def seg_key(start: str | None) -> str:
    return f"seg-{start}" if start else "seg-start"
