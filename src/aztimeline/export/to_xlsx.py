"""An Excel workbook that prints: one row per change with real date cells, and a sheet with the sources.

Both sheets print on landscape A4, fitted to the page width, with the header row repeated, and the title,
the draft marker and "pagina X van Y" in the page header and footer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..timeline import long_date
from ..validate import Validated
from . import Selection
from .common import Memo, build_memo, clean, shorten
from .reproducible import normalise_zip, stamp_time

DATE_FORMAT = {"nl": "[$-413]d mmmm yyyy", "en": "[$-809]d mmmm yyyy"}
"""Long dates in the export's language (LCID 0x413 Dutch, 0x809 English (UK)); the cell holds a real date."""
FONT_SIZE = 10
META_MAX = 255
FONT = "Arial"
LINE_PT = 12.6
"""Height of one wrapped line of FONT_SIZE text, in points."""
CHARS_PER_WIDTH = 1.15
"""Characters of FONT_SIZE text that fit per unit of column width (a unit is one digit of the default font),
conservatively: a row is better a little too tall than overlapping the next."""


def wrapped_lines(text: str, width: float) -> int:
    """How many lines text takes in a wrapped cell of this column width (greedy word wrap, as Excel does)."""
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    lines = 0
    for para in str(text).split("\n"):
        n, used = 1, 0
        for word in para.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= per_line:
                used = need
            else:
                n += 1 + (len(word) - 1) // per_line
                used = len(word) % per_line or per_line
        lines += n
    return max(lines, 1)


def _inert(ws: Any) -> None:
    """Data text is never a formula: openpyxl stores a string starting with '=' as one unless told otherwise."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def _default_font(wb: Any) -> None:
    """Make FONT the workbook's default font (the Normal style and font 0), instead of Calibri 11.

    Column widths are counted in digits of the default font, so with the font the cells use as the default,
    widths and wrapped lines come out the same in Excel and LibreOffice (which has no Calibri). openpyxl has no
    public setting for this; its pinned version keeps the fonts in wb._fonts and the Normal style in
    wb._named_styles.
    """
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=FONT, size=FONT_SIZE, family=2)
    wb._fonts = IndexedList([font])
    wb._named_styles["Normal"].font = font


def _fit_rows(ws: Any, widths: list[float], first_row: int) -> None:
    """Set each row's height to its tallest wrapped cell: spreadsheet programs do not measure rows of a new file."""
    for r in range(first_row, ws.max_row + 1):
        lines = max(
            wrapped_lines(ws.cell(r, i + 1).value or "", w) for i, w in enumerate(widths) if not hasattr(ws.cell(r, i + 1).value, "year")
        )
        ws.row_dimensions[r].height = round(lines * LINE_PT + 4, 1)


HF_PART_MAX = 110
"""Characters of text in one part of a page header or footer: Excel allows 255 in a whole header or footer,
formatting codes included, and each holds at most two parts."""


def _hf(text: str) -> str:
    """Text for a part of a page header or footer: at most HF_PART_MAX characters once its '&' are doubled
    ('&' starts a code there; data text must not start one)."""
    limit = HF_PART_MAX
    while True:
        out = shorten(text, limit).replace("&", "&&")
        if len(out) <= HF_PART_MAX or limit <= 2:
            return out
        limit -= len(out) - HF_PART_MAX


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    memo = build_memo(v, sel, lang, provenance, site_url=opts.get("site_url"))
    wb = render_xlsx(memo)
    wb.save(str(path))
    normalise_zip(path, stamp_time(provenance))


def _print_setup(ws: Any, memo: Memo, title_rows: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_title_rows = title_rows
    L = memo.L
    ws.oddHeader.left.text = _hf(memo.title)
    ws.oddHeader.left.size = 9
    if memo.draft:
        ws.oddHeader.right.text = _hf(L["draft"] + " \u2013 " + memo.data_version)
        ws.oddHeader.right.size = 9
        ws.oddHeader.right.color = "B41E1E"
    ws.oddFooter.left.text = _hf(f"{memo.date_label} {long_date(memo.day, memo.lang)} \u00b7 {L['data_label']}: {memo.data_version}")
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = f"{L['page_of'][0]}&P{L['page_of'][1]}&N"
    ws.oddFooter.right.size = 8


def render_xlsx(memo: Memo) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    L, lang = memo.L, memo.lang
    wb = Workbook()
    _default_font(wb)
    wb.properties.creator = "aztimeline"
    wb.properties.lastModifiedBy = "aztimeline"
    wb.properties.title = shorten(memo.title, META_MAX)  # Office shows at most 255 characters of either
    wb.properties.subject = shorten(memo.subject, META_MAX)
    wb.properties.language = {"nl": "nl-NL", "en": "en-GB"}[lang]
    wrap = Alignment(wrap_text=True, vertical="top")
    body = Font(name=FONT, size=FONT_SIZE)
    bold = Font(name=FONT, size=FONT_SIZE, bold=True)
    head_fill = PatternFill("solid", fgColor="DCE3EC")

    # --- the changes -----------------------------------------------------------------------------------
    ws = wb.active
    ws.title = L["sheet_changes"]
    columns: list[tuple[str, float]] = [
        (L["change"], 26),
        (L["kind"], 13),
        (L["section"], 24),
        (L["groups"], 16),
        (L["announced"], 17),
        (L["codification"], 26),
        (L["summary_col"], 38),
        (L["quotes_short"], 54),
    ]
    has_links = any(c.url for c in memo.changes)
    if has_links:
        columns.append((L["link"], 12))
    columns.append(("id", 34))
    title = memo.title + (f" \u2013 {memo.draft_text}" if memo.draft else "")
    ws.append([clean(title)])
    ws.cell(1, 1).font = Font(name=FONT, size=FONT_SIZE + 2, bold=True, color="B41E1E" if memo.draft else "154273")
    ws.append([name for name, _ in columns])
    for cell in ws[2]:
        cell.font = bold
        cell.fill = head_fill
        cell.alignment = wrap
    for c in memo.changes:
        summary = c.after if c.record.after is not None else c.before
        row: list[Any] = [
            clean(c.title),
            c.kind,
            clean(c.section),
            ", ".join(c.groups),
            c.announced,
            clean(c.codification),
            clean(summary),
            "\n\n".join(f"{q.text}\n\u2014 {q.reference}" for q in c.quotes),
        ]
        if has_links:
            row.append(L["link"] if c.url else "")
        row.append(c.record.id)
        ws.append(row)
        r = ws.max_row
        for cell in ws[r]:
            cell.font = body
            cell.alignment = wrap
        ws.cell(r, 5).number_format = DATE_FORMAT[lang]
        ws.cell(r, 5).alignment = Alignment(horizontal="left", vertical="top")
        if has_links and c.url:
            link = ws.cell(r, len(columns) - 1)
            link.hyperlink = c.url
            link.font = Font(name=FONT, size=FONT_SIZE, color="0B5CAD", underline="single")
    for i, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _fit_rows(ws, [w for _, w in columns], 2)
    _inert(ws)
    last = get_column_letter(len(columns))
    printed = get_column_letter(len(columns) - 1)  # the id column is for scripts, not for paper
    ws.freeze_panes = "B3"
    ws.auto_filter.ref = f"A2:{last}{ws.max_row}"
    ws.print_area = f"A1:{printed}{ws.max_row}"
    _print_setup(ws, memo, "2:2")

    # --- the sources ---------------------------------------------------------------------------------------
    src = wb.create_sheet(L["sheet_sources"])
    src.append([clean(memo.title)])
    src.cell(1, 1).font = Font(name=FONT, size=FONT_SIZE + 2, bold=True, color="154273")
    src.append([L["item"], L["value"]])
    for cell in src[2]:
        cell.font = bold
        cell.fill = head_fill
    rows: list[tuple[str, Any]] = []
    if memo.draft:
        rows.append((L["draft"], memo.draft_text))
    rows += [
        (L["subject_label"], memo.subject),
        (memo.date_label, memo.day),
        (L["kenmerk_label"], memo.kenmerk),
        (L["data_label"], memo.data_version),
        (L["selection"], memo.selection),
    ]
    rows += [(L["letter"], lv.text) for lv in memo.letters]
    rows += [(L["summary"], text) for text in memo.summary]
    if memo.basis:
        rows.append((L["basis_label"], memo.basis))
    checked = memo.currency_data.get("checked_until")
    if checked:
        import datetime as dt

        rows.append((L["checked_until"], dt.date.fromisoformat(checked)))
    rows.append((L["currency"], memo.currency))
    rows += [(L["currency"], item) for item in memo.later]
    rows += [(L["facts"], f"{f.text} ({L['record']}: {f.record}; {f.confidence})") for f in memo.facts]
    rows += [(L["kept"], f"{k.title}: {k.summary}") for k in memo.kept]
    rows.append((L["scope"], memo.scope))
    rows += [(L["provenance"], note) for note in memo.transition_notes if note]
    rows += [(L["provenance"], L["paragraph_note"]), (L["provenance"], L["summary_note"])]
    rows += [(label, value) for label, value in memo.provenance_lines() if label != memo.date_label]
    for label, value in rows:
        src.append([label, value if not isinstance(value, str) else clean(value)])
        r = src.max_row
        src.cell(r, 1).font = bold
        src.cell(r, 2).font = body
        for cell in src[r]:
            cell.alignment = wrap
        if not isinstance(value, str):
            src.cell(r, 2).number_format = DATE_FORMAT[lang]
            src.cell(r, 2).alignment = Alignment(horizontal="left", vertical="top")
    src.column_dimensions["A"].width = 28
    src.column_dimensions["B"].width = 120
    _fit_rows(src, [28, 120], 3)
    _inert(src)
    src.freeze_panes = "A3"
    _print_setup(src, memo, "2:2")
    return wb
