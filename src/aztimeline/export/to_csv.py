"""CSV that Excel opens in columns: UTF-8 with BOM, one row per change; ';' in Dutch (a Dutch Excel splits on the
semicolon), ',' in English. The header names the columns in the export's language, or, with csv_ids, by their
stable English ids for scripts (a new column is only ever added at the end)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..validate import Validated
from . import Selection
from .common import Memo, build_memo, clean

COLUMNS = [
    "change_id",
    "transition",
    "version_from",
    "version_to",
    "provision",
    "section",
    "kind",
    "announced",
    "applies_from",
    "title",
    "before",
    "after",
    "justification_quotes",
    "data",
    "made",
    "groups",
    "codification",
    "letter",
    "kenmerk",
    "basis",
    "currency",
    "checked_until",
    "date_basis",
    "draft",
    "section_number",
    "section_title",
    "placement_confidence",
    "status",
    "letter_date",
    "published",
    "in_force",
    "before_quotes",
    "after_quotes",
    "previous_state",
    "previous",
    "new",
    "new_quotes",
    "not_established",
    "inference",
]
"""Stable column ids; a new column is only ever added at the end."""

NAMES = {
    "nl": {
        "change_id": "Id wijziging",
        "transition": "Overgang",
        "version_from": "Versie vóór",
        "version_to": "Versie na",
        "provision": "Onderdeel",
        "section": "Sectie",
        "kind": "Soort",
        "announced": "Aangekondigd",
        "applies_from": "In aztimeline toegepast vanaf",
        "title": "Wijziging",
        "before": "Vóór (onze samenvatting)",
        "after": "Na (onze samenvatting)",
        "justification_quotes": "Onderbouwing (citaten)",
        "data": "Gegevensversie",
        "made": "Datum gegevens",
        "groups": "Betreft",
        "codification": "Status met datums",
        "letter": "Brief",
        "kenmerk": "Kenmerk brief",
        "basis": "Grondslag van de datum",
        "currency": "Actualiteit",
        "checked_until": "Gecontroleerd tot en met",
        "date_basis": "Herkomst datum",
        "draft": "Concept",
        "section_number": "Sectie (nr.)",
        "section_title": "Sectietitel",
        "placement_confidence": "Plaatsing (zekerheid)",
        "status": "Status",
        "letter_date": "Datum brief",
        "published": "Publicatie",
        "in_force": "In werking",
        "before_quotes": "Citaten bij vóór",
        "after_quotes": "Citaten bij na",
        "previous_state": "Eerdere stand (code)",
        "previous": "Eerdere stand (wat bekend is)",
        "new": "Nieuw (onze samenvatting)",
        "new_quotes": "Citaten bij nieuw",
        "not_established": "Niet als wijziging vastgesteld",
        "inference": "Onze afleiding",
    },
    "en": {
        "change_id": "Change id",
        "transition": "Transition",
        "version_from": "Version before",
        "version_to": "Version after",
        "provision": "Provision",
        "section": "Section",
        "kind": "Kind",
        "announced": "Announced",
        "applies_from": "Applies in aztimeline from",
        "title": "Change",
        "before": "Before (our summary)",
        "after": "After (our summary)",
        "justification_quotes": "Justification (quotes)",
        "data": "Data version",
        "made": "Data date",
        "groups": "Concerns",
        "codification": "Status with dates",
        "letter": "Letter",
        "kenmerk": "Letter reference",
        "basis": "Basis of the date",
        "currency": "How current",
        "checked_until": "Checked up to and including",
        "date_basis": "Source of the date",
        "draft": "Draft",
        "section_number": "Section (no.)",
        "section_title": "Section title",
        "placement_confidence": "Placement (confidence)",
        "status": "Status",
        "letter_date": "Letter date",
        "published": "Publication",
        "in_force": "In force",
        "before_quotes": "Quotes for before",
        "after_quotes": "Quotes for after",
        "previous_state": "Earlier state (code)",
        "previous": "Earlier state (what is known)",
        "new": "New (our summary)",
        "new_quotes": "Quotes for new",
        "not_established": "Not established as a change",
        "inference": "Our inference",
    },
}
"""The header in each language, by column id."""
SEPARATOR = {"nl": ";", "en": ","}
"""The default separator of each language: what Excel splits on in a Dutch or an English locale."""


def _cell(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: keep data text inert.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _iso(day: Any, missing: str) -> str:
    return day.isoformat() if day is not None else missing


def rows(memo: Memo) -> list[list[str]]:
    """The CSV rows after the header, one per change, in the order of COLUMNS."""
    p = memo.provenance
    out = []
    for c in memo.changes:
        r = c.record
        out.append(
            [
                r.id,
                r.transition,
                r.version_from,
                r.version_to,
                r.provision,
                c.section,
                c.kind,
                r.announced.isoformat(),
                r.effective.isoformat() if r.effective else "unknown",
                c.title,
                clean(c.before_shown),  # never empty beside "Vóór": what is known of the earlier state
                clean(c.after_shown),
                "\n".join(f"{q.text} ({q.reference})" for q in c.quotes),
                memo.data_version,
                str(p["made"]),
                "; ".join(c.groups),
                c.status_long,
                c.letter,
                memo.kenmerk,
                memo.basis,
                memo.currency,
                str(memo.currency_data.get("checked_until") or ""),
                memo.date_basis,
                "yes" if memo.draft else "no",
                c.placement.number or "",
                c.placement.title,
                c.placement.confidence,
                c.status,
                _iso(c.dates.letter, "unknown"),
                _iso(c.dates.published, "not found"),
                _iso(c.dates.in_force, "not found"),
                "\n".join(f"{q.text} ({q.label})" for q in c.before_quotes),
                "\n".join(f"{q.text} ({q.label})" for q in c.after_quotes),
                c.previous_state,
                c.previous,
                c.new,
                "\n".join(f"{q.text} ({q.label})" for q in c.new_quotes),
                c.not_established,
                c.inference,
            ]
        )
    return out


def render_csv(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], sep: str | None = None, *, ids: bool = False, **opts: Any) -> str:
    memo = build_memo(v, sel, lang, provenance, **opts)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep or SEPARATOR[lang], lineterminator="\r\n")
    w.writerow(COLUMNS if ids else [NAMES[lang][c] for c in COLUMNS])
    for row in rows(memo):
        w.writerow([_cell(x) for x in row])
    return buf.getvalue()


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    sep, ids = opts.pop("csv_sep", None), bool(opts.pop("csv_ids", False))
    text = render_csv(v, sel, lang, provenance, sep, ids=ids, **opts)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
