"""An Excel workbook: the CSV's columns with a header row, frozen panes, filters and wrapped quotes."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..validate import Validated
from . import Selection
from .reproducible import normalise_zip, stamp_time
from .to_csv import COLUMNS, render_csv

WIDTHS = {"change_id": 40, "title": 40, "before": 50, "after": 50, "justification_quotes": 90, "section": 28}


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    when = stamp_time(provenance)
    wb = Workbook()
    ws = wb.active
    ws.title = "changes" if lang == "en" else "wijzigingen"
    rows = list(csv.reader(io.StringIO(render_csv(v, sel, lang, provenance))))
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = WIDTHS.get(name, 16)
        for cell in ws[letter][1:]:
            cell.alignment = wrap
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.properties.creator = "aztimeline"
    wb.properties.title = "aztimeline"
    wb.properties.created = when
    wb.save(str(path))
    normalise_zip(path, when)
