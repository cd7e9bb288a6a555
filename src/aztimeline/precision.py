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
    "en": {w: w for w in ("high", "medium-high", "medium", "low", "inferred", "unverified")},
}
"""The confidence vocabulary in words, per language (the English words are the data's own)."""

_WORDS = {
    "nl": {"not_established": "plaats niet vastgesteld", "ours": "onze indeling", "confidence": "zekerheid"},
    "en": {"not_established": "placement not established", "ours": "our heading", "confidence": "confidence"},
}
TEXT_WORDS = {"old": {"nl": "in de oude tekst", "en": "in the old text"}, "new": {"nl": "in de nieuwe tekst", "en": "in the new text"}}
"""Said right after a section number where texts of either side of a change are shown together ("C7/5.5.1 Vc in de
oude tekst"): the new C7/5 has a 5.5.1 too, for something else."""


def vc_label(vc_paragraph: str, number: str | None = None) -> str:
    """A place in the Vc as lawyers cite it: "C7/5.3.2 Vc" for section 5.3.2 of paragraph C7/5, "C7/5 Vc" without one.

    The section numbers of C7/5 repeat the paragraph's own number (5.3.2 lies in C7/5), so the number replaces it;
    a number that does not start with it is given after the paragraph ("C7/5, 3.1 Vc")."""
    if not number:
        return f"{vc_paragraph} Vc"
    head, _, own = vc_paragraph.rpartition("/")
    if head and (number == own or number.startswith(own + ".")):
        return f"{head}/{number} Vc"
    return f"{vc_paragraph}, {number} Vc"


def facts_by_id(country: Country) -> dict[str, Fact]:
    return {f.id: f for f in country.facts}


def fact_fields(fact: Fact | None) -> dict[str, Any]:
    """{"record", "record_nl", "confidence"} of a fact as the JSON contract gives them (record_nl falls back on the
    record), each None without a fact."""
    if fact is None:
        return dict.fromkeys(("record", "record_nl", "confidence"))
    return {"record": fact.record, "record_nl": fact.record_nl or fact.record, "confidence": fact.confidence}


def placement_json(p: Provision, country: Country, *, text: str | None = None) -> dict[str, Any]:
    """A provision's placement in the contract's shape: basis, number, label_nl, label_en, fact.

    number is the Vc section number only when a fact about the codified text places the provision there;
    label_* is what to show wherever the section appears, e.g. "C7/5.3.2 Vc (Risicogroepen)" or
    "C7/5 Vc, plaats niet vastgesteld (onze indeling: Bescherming door autoriteiten)". text ("old" or "new"): the
    provision is shown where both texts of a change are (a change record, a removed rule on a date of the new text), so
    a number says whose it is: "C7/5.5.1 Vc in de oude tekst (…)", "C7/5.3.2 Vc in de nieuwe tekst (Risicogroepen)".
    """
    pl = p.placement
    labels: dict[str, str] = {}
    if pl.basis == "codified" and pl.number:
        fact = facts_by_id(country).get(pl.fact or "")
        titled = {s.number: s for s in country.sections}.get(pl.number)
        for lang in ("nl", "en"):
            w = _WORDS[lang]
            parts = [titled.title_nl if lang == "nl" else titled.title_en] if titled else []
            if fact is not None and fact.confidence != "high":
                parts.append(f"{w['confidence']}: {CONFIDENCE_WORDS[lang][fact.confidence]}")
            label = vc_label(country.vc_paragraph, pl.number) + (f" {TEXT_WORDS[text][lang]}" if text else "")
            labels[lang] = f"{label} ({'; '.join(parts)})" if parts else label
        ref = {"id": fact.id, **fact_fields(fact)} if fact else None
        return {"basis": "codified", "number": pl.number, "label_nl": labels["nl"], "label_en": labels["en"], "fact": ref}
    heading = {s.id: s for s in country.sections}.get(p.section)
    for lang in ("nl", "en"):
        w = _WORDS[lang]
        title = (heading.title_nl if lang == "nl" else heading.title_en) if heading else p.section
        labels[lang] = f"{vc_label(country.vc_paragraph)}, {w['not_established']} ({w['ours']}: {title})"
    return {"basis": "ours", "number": None, "label_nl": labels["nl"], "label_en": labels["en"], "fact": None}


def context_json(p: Provision, country: Country) -> list[dict[str, Any]]:
    """The codified-text context entries of a provision (see context_entry)."""
    entries = {c.id: c for c in country.codified_context}
    return [context_entry(entries[cid], country) for cid in p.context if cid in entries]


def context_entry(c: Any, country: Country) -> dict[str, Any]:
    """One codified-text context entry in the contract's shape: id, number, label ("C7/5.5.1 Vc"), text_nl, text_en,
    record, record_nl, confidence, confidence_note_nl/en, groups, describes (the version whose Vc text it describes)
    and fate (what is known of it after the next version, or null). Its quotes gain page and labels by annotate."""
    fact = facts_by_id(country).get(c.fact)
    fate = None
    if c.fate is not None:
        fate = {
            "state": c.fate.state,
            "text_nl": c.fate.text_nl,
            "text_en": c.fate.text_en,
            "quotes": [q.model_dump(mode="json") for q in c.fate.citations],
        }
    return {
        "id": c.id,
        "number": c.number,
        "label": vc_label(country.vc_paragraph, c.number),
        "text_nl": c.text_nl,
        "text_en": c.text_en,
        **fact_fields(fact),
        "confidence_note_nl": fact.confidence_note_nl if fact else None,
        "confidence_note_en": fact.confidence_note_en if fact else None,
        "groups": list(c.groups),
        "describes": c.describes,
        "fate": fate,
    }


def group_labels(country: Country) -> dict[str, dict[str, str]]:
    """The group vocabulary: id -> {"label_nl", "label_en"}."""
    return {g.id: {"label_nl": g.label_nl, "label_en": g.label_en} for g in country.groups}


def group_vocabulary(country: Country) -> list[dict[str, Any]]:
    """The group vocabulary as plain data, for answer.resolve_group and answer.group_answer: id, label_nl,
    label_en and related ([{group, note_nl, note_en}])."""
    return [
        {"id": g.id, "label_nl": g.label_nl, "label_en": g.label_en, "related": [r.model_dump(mode="json") for r in g.related]}
        for g in country.groups
    ]


# --- citations ---------------------------------------------------------------------------------------------

_PLACE_WORDS = {
    "nl": {"body": "alinea", "letterhead": "briefhoofd", "running_header": "koptekst", "signature": "ondertekening", "page": "blz.", "pages": "blz."},
    "en": {"body": "paragraph", "letterhead": "letterhead", "running_header": "running header", "signature": "signature", "page": "page", "pages": "pages"},
}


def paragraph_label(anchor: str, page: int | list[int], lang: str, role: str = "body") -> str:
    """Where a quote stands, for a reader: "alinea 6 (blz. 2)" / "paragraph 6 (page 2)".

    The pages are those the quoted words stand on: "alinea 9 (blz. 2\u20133)" for a quote that runs over a page break,
    as a citation gives a passage's pages; page furniture is named by its role ("briefhoofd (blz. 1)", "koptekst
    (blz. 2)"): never an internal anchor (p6, f7), which only scripts and links use.
    """
    w = _PLACE_WORDS[lang]
    pages = f"{w['pages']} {page[0]}\u2013{page[-1]}" if isinstance(page, list) else f"{w['page']} {page}"
    where = f"{w['body']} {anchor[1:]}" if anchor.startswith("p") else w.get(role, w["letterhead"])
    return f"{where} ({pages})"


def citation_labels(c: Any, sources: Mapping[str, Any]) -> dict[str, str]:
    """{"label_nl", "label_en"} of a citation (a model or a dict with source, anchor, quote and page), or {} when its
    source or paragraph is not known."""
    get = c.get if isinstance(c, dict) else lambda k, d=None: getattr(c, k, d)
    anchor = str(get("anchor"))
    src = sources.get(str(get("source")))
    para = src.view.get(anchor) if src is not None else None
    if para is None:
        return {}
    page = get("page")
    if page is None:
        page = page_of(src, anchor, get("quote"))
    return {f"label_{lang}": paragraph_label(para.anchor, page, lang, para.role) for lang in ("nl", "en")}


def cite(c: Citation, sources: Mapping[str, Any]) -> Citation:
    """The citation with its page(s), partial flag and reader's labels, when its source is known (else unchanged)."""
    src = sources.get(c.source)
    para = src.view.get(c.anchor) if src is not None else None
    if para is None:
        return c
    page = page_of(src, c.anchor, c.quote)
    return CitedQuote(
        source=c.source,
        anchor=c.anchor,
        quote=c.quote,
        page=page,
        partial=any(partial_sides(para, c.quote)),  # (False, False) for a quote not in the paragraph
        label_nl=paragraph_label(c.anchor, page, "nl", para.role),
        label_en=paragraph_label(c.anchor, page, "en", para.role),
    )


def letter_order(cites: list[Citation], sources: Mapping[str, Any]) -> list[Citation]:
    """Citations in the order their quotes stand in the source (stable for unknown sources)."""

    def key(c: Citation) -> tuple[int, int]:
        src = sources.get(c.source)
        # looked up, not searched for: a text may have hundreds of thousands of paragraphs
        i = src.view.position(c.anchor) if src is not None else None
        if src is None or i is None:
            return (1 << 30, 0)
        at = find_quote(src.view.paragraphs[i], c.quote)
        return (i, at[0] if at else 0)

    return sorted(cites, key=key)


def annotate(obj: Any, sources: Mapping[str, Any]) -> Any:
    """A copy of JSON-ready data in which every citation object ({source, anchor, quote}) gains page, partial and
    the reader's labels (label_nl, label_en)."""
    if isinstance(obj, list):
        return [annotate(x, sources) for x in obj]
    if isinstance(obj, dict):
        if {"source", "anchor", "quote"} <= obj.keys() and isinstance(obj.get("quote"), str):
            src = sources.get(obj["source"])
            # A loaded source keeps what was worked out for its citations (versions repeat most of them); for any
            # other source the memo is thrown away.
            memo = getattr(src, "annotations", {})
            key = (obj["anchor"], obj["quote"])
            if key not in memo:
                c = cite(Citation(source=obj["source"], anchor=obj["anchor"], quote=obj["quote"]), sources)
                memo[key] = c.model_dump(include={"page", "partial", "label_nl", "label_en"}) if isinstance(c, CitedQuote) else {}
            return {**obj, **memo[key]}
        return {k: annotate(v, sources) for k, v in obj.items()}
    return obj


def provision_json(cd: CountryData, pid: str, p: Provision) -> dict[str, Any]:
    """One provision in the contract's shape: its fields, citations with pages, groups, placement and context."""
    out: dict[str, Any] = {"id": pid} | p.model_dump(mode="json", exclude_none=True, exclude={"placement", "context", "inference"})
    out["citations"] = annotate(out["citations"], cd.sources)
    out["placement"] = placement_json(p, cd.country)
    out["context"] = annotate(context_json(p, cd.country), cd.sources)
    if p.inference is not None:
        out["inference"] = {"text_nl": p.inference.nl, "text_en": p.inference.en}
    return out
