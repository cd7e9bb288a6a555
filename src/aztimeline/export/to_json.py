"""The export as one JSON document: the change records of the public contract, with the memo around them.

Its shape is exportdoc.ExportDocument (published as `schemas/export.schema.json`); fields are only ever added.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..exportdoc import FORMAT_VERSION, ExportDocument
from ..validate import Validated
from . import Selection
from .common import FactView, Memo, QuoteView, build_memo

_DATE_LABEL = {"commit": "data_as_of", "source_date_epoch": "date", "today": "made_on"}
"""provenance.date_label: what provenance.date is, by the label that names it."""


def _quote(q: QuoteView) -> dict[str, Any]:
    return {"text": q.text, "label": q.label, "reference": q.reference} | q.citation.model_dump(mode="json")


def _fact(f: FactView) -> dict[str, Any]:
    out: dict[str, Any] = {"text": f.text, "record": f.record, "confidence": f.confidence} | ({"url": f.url} if f.url else {})
    if f.fate:
        out |= {"fate": f.fate, "fate_quotes": [_quote(q) for q in f.fate_quotes]}
    return out


def document(memo: Memo) -> dict[str, Any]:
    """The JSON object of the export."""
    return {
        "format": "aztimeline-export",
        "format_version": FORMAT_VERSION,
        "lang": memo.lang,
        "title": memo.title,
        "subject": memo.subject,
        "draft": memo.draft,
        "memo": {
            "to": memo.options.to,
            "from": memo.options.sender,
            "date": memo.date.isoformat(),
            "reference": memo.options.reference,
            "data_as_of": memo.data_as_of,
            "annex": memo.annex,
        },
        "provenance": memo.provenance
        | {
            "selection": memo.selection,
            "lang": memo.lang,
            "date": memo.stamp.isoformat(),
            "date_basis": memo.date_basis,
            "date_label": memo.L[_DATE_LABEL[memo.date_basis]],
            "date_basis_text": memo.L["date_basis"][memo.date_basis],
        },
        "letters": [
            {
                "source": lv.source,
                "kind": lv.kind,
                "title": lv.title,
                "date": lv.date.isoformat() if lv.date else "unknown",
                "kenmerk": lv.kenmerk,
                "sender": lv.sender,
                "sha256": lv.sha256,
                "text": lv.text,
                "kamerstuk": lv.kamerstuk,
                "discrepancies": lv.discrepancies,
            }
            for lv in memo.letters
        ],
        "publications": [asdict(p) for p in memo.publications],
        "status": f"{memo.status} {memo.currency}",
        "status_on_date": memo.status_data,
        "kenmerk": memo.kenmerk,
        "summary": {"text": memo.summary, "counts": memo.counts},
        "basis": {"date": memo.date.isoformat(), "text": memo.basis},
        "currency": memo.currency_data
        | {"text": memo.currency, "reasoning": memo.currency_reasoning, "known_later_text": [f.text for f in memo.later]},
        "scope_note": memo.scope,
        "facts": [_fact(f) for f in memo.facts],
        "kept": [
            {
                "provision": k.provision,
                "title": k.title,
                "section": k.section,
                "summary": k.summary,
                "quotes": [_quote(q) for q in k.quotes],
                "inference": k.inference or None,
            }
            for k in memo.kept
        ],
        "overview": [
            {
                "id": c.record.id,
                "title": c.title,
                "kind": c.kind,
                "section": c.placement.label,
                "placement": {
                    "number": c.placement.number,
                    "title": c.placement.title,
                    "confidence": c.placement.confidence,
                    "our_heading": c.placement.ours,
                },
                "groups": c.groups,
                "announced": c.record.announced.isoformat(),
                "status": c.status,
                "codification": c.status_long,
                "dates": {name: day.isoformat() if day else None for name, day in asdict(c.dates).items()},
                "letter": c.letter,
                "before": c.before or None,
                "after": c.after or None,
                "before_quotes": [_quote(q) for q in c.before_quotes],
                "after_quotes": [_quote(q) for q in c.after_quotes],
                "previous": {"state": c.previous_state, "text": c.before_shown},
                "new": {"text": c.new, "quotes": [_quote(q) for q in c.new_quotes]} if c.new else None,
                "not_established": c.not_established or None,
                "inference": c.inference or None,
                "reason": c.reason or None,
                "quotes": [_quote(q) for q in c.quotes],
                "context": [_fact(f) for f in c.context],
                "url": c.url,
            }
            for c in memo.changes
        ],
        "changes": [c.record.model_dump(mode="json") for c in memo.changes],
    }


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    doc = document(build_memo(v, sel, lang, provenance, **opts))
    ExportDocument.model_validate(doc)  # the file is what its published schema says, or no file is written
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n")
