"""Legal precision: where the Vc places a provision and on what basis, codified-text context, and citations
with their page and whether they are partial. These functions turn the data into the JSON contract
(docs/en/api.md) that the command line, the site and the exports share.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .models import Citation, CitedQuote, Country, Fact, Provision
from .source import find_quote, page_of, partial_sides

if TYPE_CHECKING:
    from .load import CountryData

CONFIDENCE_WORDS = {
    "nl": {
        "high": "hoog",
        "medium-high": "middelhoog",
        "medium": "middel",
        "low": "laag",
        "inferred": "afgeleid",
        "unverified": "niet geverifieerd",
    },
    "en": {
        "high": "high",
        "medium-high": "medium-high",
        "medium": "medium",
        "low": "low",
        "inferred": "inferred",
        "unverified": "unverified",
    },
}
"""The confidence vocabulary in words, per language."""

_WORDS = {
    "nl": {"section": "par.", "not_established": "plaats niet vastgesteld", "ours": "onze indeling", "confidence": "zekerheid"},
    "en": {"section": "section", "not_established": "placement not established", "ours": "our heading", "confidence": "confidence"},
}


def facts_by_id(country: Country) -> dict[str, Fact]:
    return {f.id: f for f in country.facts}


def fact_ref(fact: Fact | None) -> dict[str, Any] | None:
    """{"id", "record", "record_nl", "confidence"} of a fact, as the JSON contract gives it."""
    if fact is None:
        return None
    return {"id": fact.id, "record": fact.record, "record_nl": fact.record_nl or fact.record, "confidence": fact.confidence}


def placement_json(p: Provision, country: Country) -> dict[str, Any]:
    """A provision's placement in the contract's shape: basis, number, label_nl, label_en, fact.

    number is the Vc section number only when a fact about the codified text places the provision there;
    label_* is what to show wherever the section appears, e.g. "C7/5, par. 5.3.2 Risicogroepen" or
    "C7/5, plaats niet vastgesteld (onze indeling: Bescherming door autoriteiten)".
    """
    sections = {s.id: s for s in country.sections}
    by_number = {s.number: s for s in country.sections if s.number}
    facts = facts_by_id(country)
    pl = p.placement
    labels: dict[str, str] = {}
    if pl.basis == "codified" and pl.number:
        fact = facts.get(pl.fact or "")
        titled = by_number.get(pl.number)
        for lang in ("nl", "en"):
            w = _WORDS[lang]
            title = f" {titled.title_nl if lang == 'nl' else titled.title_en}" if titled else ""
            label = f"{country.vc_paragraph}, {w['section']} {pl.number}{title}"
            if fact is not None and fact.confidence != "high":
                label += f" ({w['confidence']}: {CONFIDENCE_WORDS[lang][fact.confidence]})"
            labels[lang] = label
        return {"basis": "codified", "number": pl.number, "label_nl": labels["nl"], "label_en": labels["en"], "fact": fact_ref(fact)}
    heading = sections.get(p.section)
    for lang in ("nl", "en"):
        w = _WORDS[lang]
        title = (heading.title_nl if lang == "nl" else heading.title_en) if heading else p.section
        labels[lang] = f"{country.vc_paragraph}, {w['not_established']} ({w['ours']}: {title})"
    return {"basis": "ours", "number": None, "label_nl": labels["nl"], "label_en": labels["en"], "fact": None}


def context_json(p: Provision, country: Country) -> list[dict[str, Any]]:
    """The codified-text context entries of a provision: id, number, text_nl, text_en, record, confidence."""
    entries = {c.id: c for c in country.codified_context}
    facts = facts_by_id(country)
    out = []
    for cid in p.context:
        c = entries.get(cid)
        if c is None:
            continue
        fact = facts.get(c.fact)
        out.append(
            {
                "id": c.id,
                "number": c.number,
                "text_nl": c.text_nl,
                "text_en": c.text_en,
                "record": fact.record if fact else None,
                "record_nl": (fact.record_nl or fact.record) if fact else None,
                "confidence": fact.confidence if fact else None,
            }
        )
    return out


def group_labels(country: Country) -> dict[str, dict[str, str]]:
    """The group vocabulary: id -> {"label_nl", "label_en"}."""
    return {g.id: {"label_nl": g.label_nl, "label_en": g.label_en} for g in country.groups}


# --- citations ---------------------------------------------------------------------------------------------


def cite(c: Citation, sources: Mapping[str, Any]) -> Citation:
    """The citation with its page(s) and partial flag, when its source is known (else unchanged)."""
    src = sources.get(c.source)
    if src is None or src.view.get(c.anchor) is None:
        return c
    para = src.view.get(c.anchor)
    sides = partial_sides(para, c.quote) if find_quote(para, c.quote) else (False, False)
    return CitedQuote(source=c.source, anchor=c.anchor, quote=c.quote, page=page_of(src, c.anchor, c.quote), partial=any(sides))


def letter_order(cites: list[Citation], sources: Mapping[str, Any]) -> list[Citation]:
    """Citations in the order their quotes stand in the source (stable for unknown sources)."""

    def key(c: Citation) -> tuple[int, int]:
        src = sources.get(c.source)
        if src is None:
            return (1 << 30, 0)
        for i, p in enumerate(src.view.paragraphs):
            if p.anchor == c.anchor:
                at = find_quote(p, c.quote)
                return (i, at[0] if at else 0)
        return (1 << 30, 0)

    return sorted(cites, key=key)


def annotate(obj: Any, sources: Mapping[str, Any]) -> Any:
    """A copy of JSON-ready data in which every citation object ({source, anchor, quote}) gains page and partial."""
    if isinstance(obj, list):
        return [annotate(x, sources) for x in obj]
    if isinstance(obj, dict):
        if {"source", "anchor", "quote"} <= obj.keys() and isinstance(obj.get("quote"), str):
            src = sources.get(obj["source"])
            # A loaded source keeps what was worked out for its citations (versions repeat most of them).
            memo = getattr(src, "annotations", None)
            key = (obj["anchor"], obj["quote"])
            added = memo.get(key) if memo is not None else None
            if added is None:
                c = cite(Citation(source=obj["source"], anchor=obj["anchor"], quote=obj["quote"]), sources)
                added = {"page": c.page, "partial": c.partial} if isinstance(c, CitedQuote) else {}
                if memo is not None:
                    memo[key] = added
            return {**obj, **added}
        return {k: annotate(v, sources) for k, v in obj.items()}
    return obj


def provision_json(cd: CountryData, pid: str, p: Provision) -> dict[str, Any]:
    """One provision in the contract's shape: its fields, citations with pages, groups, placement and context."""
    out: dict[str, Any] = {"id": pid} | p.model_dump(mode="json", exclude_none=True, exclude={"placement", "context"})
    out["citations"] = annotate(out["citations"], cd.sources)
    out["placement"] = placement_json(p, cd.country)
    out["context"] = context_json(p, cd.country)
    return out
