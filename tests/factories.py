"""Small builders of valid models for unit and property tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from aztimeline.models import Amendment, Country, Provision, Version

CITE = {"source": "src-one", "anchor": "p1", "quote": "tekst"}
SECTIONS = ["risk-groups", "particulars", "internal-protection"]


def country() -> Country:
    return Country.model_validate(
        {
            "id": "testland",
            "name_nl": "Testland",
            "name_en": "Testland",
            "vc_paragraph": "C7/99",
            "vc_paragraph_fact": "fact-a",
            "scope_note_nl": "x",
            "scope_note_en": "x",
            "sections": [{"id": s, "number": f"5.{i}", "title_nl": s, "title_en": s} for i, s in enumerate(SECTIONS, 1)],
            "groups": [{"id": "everyone", "label_nl": "Iedereen", "label_en": "Everyone"}],
            "currency": {"checked_until": dt.date(2030, 1, 1), "basis_nl": "x", "basis_en": "x", "fact": "fact-a"},
            "facts": [{"id": "fact-a", "statement_nl": "x", "statement_en": "x", "record": "r", "confidence": "high", "via": "v"}],
        }
    )


def provision(title: str = "Titel", summary: str = "Een samenvatting.", section: str = "risk-groups", **attrs: Any) -> dict[str, Any]:
    return {
        "section": section,
        "placement": {"basis": "ours"},
        "groups": ["everyone"],
        "title_nl": title,
        "title_en": title,
        "summary_nl": summary,
        "summary_en": summary,
        "attributes": attrs,
        "citations": [CITE],
    }


def version(vid: str, provisions: dict[str, dict[str, Any]], start: dt.date | str = "unknown") -> Version:
    unknown = {"date": "unknown"}
    announced = {"date": start, "fact": "fact-a"} if isinstance(start, dt.date) else unknown
    return Version.model_validate(
        {
            "id": vid,
            "country": "testland",
            "title_nl": vid,
            "title_en": vid,
            "effective_from": start,
            "effective_from_basis": "announced" if isinstance(start, dt.date) else "unknown",
            "milestones": {"announced": announced, "signed": unknown, "published": unknown, "in_force": unknown},
            "evidence_base": {
                "report_nl": "r",
                "report_en": "r",
                "report_date": "unknown",
                "presented": "unknown",
                "reporting_period": {"start": "unknown", "end": "unknown"},
                "basis_stated": False,
            },
            "provisions": provisions,
        }
    )


def amendment(aid: str, a: Version, b: Version, justified: list[str]) -> Amendment:
    announced = b.effective_from if isinstance(b.effective_from, dt.date) else dt.date(2020, 1, 1)
    return Amendment.model_validate(
        {
            "id": aid,
            "version_from": a.id,
            "version_to": b.id,
            "instrument": "src-one",
            "announced": announced,
            "justifications": {pid: [CITE] for pid in justified} or {"placeholder": [CITE]},
        }
    )


def as_provisions(d: dict[str, dict[str, Any]]) -> dict[str, Provision]:
    return {k: Provision.model_validate(v) for k, v in d.items()}
