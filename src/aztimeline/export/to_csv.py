"""CSV that Excel opens in columns: UTF-8 with BOM, one row per change; ';' in Dutch (a Dutch Excel splits on the
semicolon), ',' in English. The header names the columns in the export's language, or, with csv_ids, by their
stable English ids for scripts (a new column is only ever added at the end). With names, a value that is a word is
in the export's language too ("niet gevonden", "ja"); with ids, it is the stable code ("not found", "yes")."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..messages import by_lang
from ..validate import Validated
from . import Selection
from .common import MESSAGES, Memo, build_memo, clean

COLUMNS = list(MESSAGES["csv_columns"])
NAMES = by_lang(MESSAGES["csv_columns"])
"""The header in Dutch and English, by stable column id, in column order; a new column is only ever added at the end."""
CODES = {"unknown": "unknown", "not_found": "not found", "yes": "yes", "no": "no"}
"""The values a script reads, whatever the language: those of the English header's words, never translated."""
SEPARATOR = {"nl": ";", "en": ","}
"""The default separator of each language: what Excel splits on in a Dutch or an English locale."""


def _cell(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: keep data text inert.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _iso(day: Any, missing: str) -> str:
    return day.isoformat() if day is not None else missing


def rows(memo: Memo, *, codes: bool = False) -> list[list[str]]:
    """The CSV rows after the header, one per change, in the order of COLUMNS: words in the memo's language, or,
    with codes, the stable codes a script reads (as the header's ids)."""
    L = CODES if codes else memo.L
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
                c.placement.label,
                c.kind,
                r.announced.isoformat(),
                r.effective.isoformat() if r.effective else L["unknown"],
                c.title,
                clean(c.before_shown),  # never empty beside "Vóór": what is known of the earlier state
                clean(c.after_shown),
                "\n".join(f"{q.text} ({q.reference})" for q in c.quotes),
                memo.data_version,
                str(memo.provenance["made"]),
                "; ".join(c.groups),
                c.status_long,
                c.letter,
                memo.kenmerk,
                memo.basis,
                memo.currency,
                str(memo.currency_data.get("checked_until") or ""),
                memo.date_basis if codes else memo.L["date_basis"][memo.date_basis],
                L["yes"] if memo.draft else L["no"],
                c.placement.number or "",
                c.placement.title,
                c.placement.confidence,
                c.status,
                _iso(c.dates.letter, L["unknown"]),
                _iso(c.dates.published, L["not_found"]),
                _iso(c.dates.in_force, L["not_found"]),
                "\n".join(f"{q.text} ({q.label})" for q in c.before_quotes),
                "\n".join(f"{q.text} ({q.label})" for q in c.after_quotes),
                c.previous_state,
                c.previous,
                c.new,
                "\n".join(f"{q.text} ({q.label})" for q in c.new_quotes),
                c.not_established,
                c.inference,
                c.reason,
            ]
        )
    return out


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    sep, ids = opts.pop("csv_sep", None), opts.pop("csv_ids", False)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep or SEPARATOR[lang], lineterminator="\r\n")
    w.writerow(COLUMNS if ids else [NAMES[lang][c] for c in COLUMNS])
    w.writerows([_cell(x) for x in row] for row in rows(build_memo(v, sel, lang, provenance, **opts), codes=ids))
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))  # with a BOM, so that Excel reads the file as UTF-8
