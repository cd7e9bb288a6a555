"""CSV that Excel opens correctly: UTF-8 with BOM, one row per change, stable column names."""

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
]
"""Stable column names; a new column is only ever added at the end."""


def _cell(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: keep data text inert.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def rows(memo: Memo) -> list[list[str]]:
    """The CSV rows after the header, one per change."""
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
                clean(c.before),
                clean(c.after),
                "\n".join(f"{q.text} ({q.reference})" for q in c.quotes),
                memo.data_version,
                str(p["made"]),
                "; ".join(c.groups),
                c.codification,
                c.letter,
                memo.kenmerk,
                memo.basis,
                memo.currency,
                str(memo.currency_data.get("checked_until") or ""),
                memo.date_basis,
                "yes" if memo.draft else "no",
            ]
        )
    return out


def render_csv(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], sep: str = ",") -> str:
    memo = build_memo(v, sel, lang, provenance)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for row in rows(memo):
        w.writerow([_cell(x) for x in row])
    return buf.getvalue()


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    text = render_csv(v, sel, lang, provenance, opts.get("csv_sep") or ",")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
