"""The export as one JSON document: the change records of the public contract, with the memo around them.

Its shape is `schemas/export.schema.json`; fields are only ever added.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..validate import Validated
from . import Selection
from .common import Memo, QuoteView, build_memo

FORMAT_VERSION = 1


def _quote(q: QuoteView) -> dict[str, Any]:
    return {"text": q.text, "label": q.label, "reference": q.reference} | q.citation.model_dump(mode="json")


def document(memo: Memo) -> dict[str, Any]:
    """The JSON object of the export."""
    p = memo.provenance
    return {
        "format": "aztimeline-export",
        "format_version": FORMAT_VERSION,
        "lang": memo.lang,
        "title": memo.title,
        "subject": memo.subject,
        "draft": memo.draft,
        "provenance": p
        | {
            "selection": memo.selection,
            "lang": memo.lang,
            "date": memo.day.isoformat(),
            "date_basis": memo.date_basis,
            "date_label": memo.date_label,
            "date_basis_text": memo.date_basis_text,
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
            }
            for lv in memo.letters
        ],
        "kenmerk": memo.kenmerk,
        "summary": {"text": memo.summary, "counts": memo.counts},
        "basis": {"date": memo.day.isoformat(), "text": memo.basis},
        "currency": memo.currency_data | {"text": memo.currency, "known_later_text": memo.later},
        "scope_note": memo.scope,
        "facts": [{"text": f.text, "record": f.record, "confidence": f.confidence} for f in memo.facts],
        "kept": [
            {
                "provision": k.provision,
                "title": k.title,
                "section": k.section,
                "summary": k.summary,
                "quotes": [_quote(q) for q in k.quotes],
            }
            for k in memo.kept
        ],
        "overview": [
            {
                "id": c.record.id,
                "title": c.title,
                "kind": c.kind,
                "section": c.section,
                "groups": c.groups,
                "announced": c.announced.isoformat(),
                "codification": c.codification,
                "letter": c.letter,
                "quotes": [_quote(q) for q in c.quotes],
                "context": [{"text": f.text, "record": f.record, "confidence": f.confidence} for f in c.context],
                "url": c.url,
            }
            for c in memo.changes
        ],
        "changes": [c.record.model_dump(mode="json") for c in memo.changes],
    }


def render_json(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], **opts: Any) -> str:
    memo = build_memo(v, sel, lang, provenance, site_url=opts.get("site_url"))
    return json.dumps(document(memo), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    path.write_text(render_json(v, sel, lang, provenance, **opts), encoding="utf-8", newline="\n")
