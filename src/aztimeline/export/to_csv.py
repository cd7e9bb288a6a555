"""CSV that Excel opens correctly: UTF-8 with BOM, one row per change, stable column names."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..validate import Validated
from . import Selection
from .common import KIND, data_text, quote_line, section_label, summary, title

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
]
"""Stable column names; a new column is only ever added at the end."""


def _cell(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: keep data text inert.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for r in sel.records:
        w.writerow(
            [
                _cell(x)
                for x in [
                    r.id,
                    r.transition,
                    r.version_from,
                    r.version_to,
                    r.provision,
                    section_label(v, r, lang),
                    KIND[lang][r.kind],
                    r.announced.isoformat(),
                    r.effective.isoformat() if r.effective else "unknown",
                    title(r, lang),
                    summary(r.before, lang),
                    summary(r.after, lang),
                    "\n".join(quote_line(v, c) for c in r.justifications),
                    data_text(provenance, lang),
                    provenance["made"],
                ]
            ]
        )
    return buf.getvalue()


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + render_csv(v, sel, lang, provenance).encode("utf-8"))
