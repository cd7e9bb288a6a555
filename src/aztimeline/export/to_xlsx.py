"""An Excel workbook that prints: one row per change with real date cells, and a sheet with the sources.

Both sheets print on landscape A4, fitted to the page width, with the header row repeated, and the title,
the draft marker and "pagina X van Y" in the page header and footer.

The workbook is written here as SpreadsheetML text, zipped by `reproducible.write_zip`: openpyxl (still used by
the tests to read workbooks) took about 0.09 s to import and 0.02 s per workbook in every site build.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..timeline import long_date
from ..validate import Validated
from . import Selection
from .common import Memo, build_memo, clean, shorten
from .reproducible import _APP, pack, stamp_time, write_zip
from .xlsx_theme import THEME

DATE_FORMAT = {"nl": "[$-413]d mmmm yyyy", "en": "[$-809]d mmmm yyyy"}
"""Long dates in the export's language (LCID 0x413 Dutch, 0x809 English (UK)); the cell holds a real date."""
FONT_SIZE = 10
META_MAX = 255
LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}
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


# --- the workbook's parts, written as text ------------------------------------------------------------------
# Only what this export uses, byte for byte as openpyxl 3.1 wrote it before (styles numbered in the order the
# cells use them, inline strings). Worksheets are ASCII with character references; the other parts are UTF-8.

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_R = f'xmlns:r="{_DOC_RELS}"'
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML cannot hold (control characters, lone surrogates, U+FFFE and U+FFFF)."""
CELL_MAX = 32767
"""Characters a cell holds (Excel's limit); longer text is cut and ends in "…", so a cut text never looks whole."""
_EPOCH = dt.date(1899, 12, 30)


def _fit(text: str) -> str:
    """Text as a cell holds it: whole, or cut to CELL_MAX characters with "…" at the end."""
    return text if len(text) <= CELL_MAX else text[: CELL_MAX - 1] + "…"


def _legal(text: str) -> str:
    bad = _NOT_XML.search(text)
    if bad:
        raise ValueError(f"character U+{ord(bad.group()):04X} cannot be written to a workbook: {text[:80]!r}")
    return text


def _text(text: str) -> str:
    """Element text in a worksheet: escaped, and anything outside ASCII as a character reference."""
    out = _legal(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return out if out.isascii() else out.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _utf8_text(text: str) -> str:
    """Element text in a UTF-8 part."""
    return _legal(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _utf8_attr(text: str) -> str:
    """An attribute value in a UTF-8 part."""
    return _utf8_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _num(x: float) -> str:
    return f"{x:.16g}"


def _column(n: int) -> str:
    """The column letter(s) of column n (1 = A)."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _serial(day: dt.date) -> int:
    """Excel's serial number of a day (1900 date system, with its phantom 29 February 1900)."""
    days = (day - _EPOCH).days
    return days - 1 if 0 < days <= 60 else days


_WRAP = '<alignment vertical="top" wrapText="1"/>'
_LEFT = '<alignment horizontal="left" vertical="top"/>'
_DEFAULT_FONT = f'<font><name val="{FONT}"/><family val="2"/><sz val="{FONT_SIZE}"/></font>'


@dataclass(frozen=True)
class _Style:
    """A cell's look: font (bold, colour, size, underlined), header fill, date format, alignment."""

    bold: bool = False
    color: str | None = None
    size: int = FONT_SIZE
    underline: bool = False
    fill: bool = False
    date: bool = False
    align: str | None = None

    def font(self) -> str:
        return (
            f'<font><name val="{FONT}"/>'
            + ('<b val="1"/>' if self.bold else "")
            + (f'<color rgb="00{self.color}"/>' if self.color else "")
            + f'<sz val="{self.size}"/>'
            + ('<u val="single"/>' if self.underline else "")
            + "</font>"
        )


class _Styles:
    """The fonts and cell formats of the workbook, numbered in the order the cells first use them."""

    def __init__(self) -> None:
        self.fonts: dict[str, int] = {_DEFAULT_FONT: 0}
        self.xfs: dict[tuple[int, int, int, str | None], int] = {(0, 0, 0, None): 0}
        self.ids: dict[_Style, int] = {}

    def xf(self, style: _Style) -> int:
        known = self.ids.get(style)
        if known is not None:
            return known
        font = self.fonts.setdefault(style.font(), len(self.fonts))
        key = (165 if style.date else 0, font, 2 if style.fill else 0, style.align)
        self.ids[style] = n = self.xfs.setdefault(key, len(self.xfs))
        return n

    def xml(self, lang: str) -> bytes:
        xfs = "".join(
            f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="0"'
            + (' applyAlignment="1"' if align else "")
            + ' pivotButton="0" quotePrefix="0" xfId="0"'
            + (f">{align}</xf>" if align else "/>")
            for fmt, font, fill, align in self.xfs
        )
        return (
            f'<styleSheet xmlns="{_MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
            f'<numFmt numFmtId="165" formatCode="{DATE_FORMAT[lang]}"/></numFmts>'
            f'<fonts count="{len(self.fonts)}">{"".join(self.fonts)}</fonts>'
            '<fills count="3"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill>'
            f'<fill><patternFill patternType="solid"><fgColor rgb="00{HEAD_FILL}"/></patternFill></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(self.xfs)}">{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles>'
            '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
            f"<colors><indexedColors>{_INDEXED}</indexedColors></colors></styleSheet>"
        ).encode()


HEAD_FILL = "DCE3EC"
_PALETTE = (
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF "
    "800000 008000 000080 808000 800080 008080 C0C0C0 808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF "
    "000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 "
    "3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 993300 993366 333399 333333"
)
_INDEXED = "".join(f'<rgbColor rgb="00{_PALETTE[i : i + 6]}"/>' for i in range(0, len(_PALETTE), 7))
"""The legacy 64-colour palette, which the styles part lists."""

Value = str | dt.date


@dataclass
class _Sheet:
    """One worksheet's content: rows of (value, style) cells, column widths, and where its rows begin to be fitted."""

    name: str
    widths: list[float]
    fit_from: int
    rows: list[list[tuple[Value, _Style]]] = field(default_factory=list)
    links: dict[tuple[int, int], str] = field(default_factory=dict)

    def append(self, row: list[tuple[Value, _Style]]) -> int:
        """Add a row (text cut to what a cell holds); its number."""
        self.rows.append([(_fit(v) if isinstance(v, str) else v, s) for v, s in row])
        return len(self.rows)

    def height(self, r: int) -> str | None:
        """The row's height in points, tall enough for its longest wrapped cell (spreadsheet programs do not
        measure the rows of a new file); None for the rows above fit_from."""
        if r < self.fit_from:
            return None
        cells = self.rows[r - 1]
        lines = max(wrapped_lines(v, w) for (v, _), w in zip(cells, self.widths, strict=False) if isinstance(v, str))
        return _num(round(lines * LINE_PT + 4, 1))

    def xml(self, styles: _Styles, view: str, tail: str) -> bytes:
        """The worksheet part; tail is what follows the cells (filter, links, print setup)."""
        out = [
            f'<worksheet xmlns="{_MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="A1:{_column(max(len(r) for r in self.rows))}{len(self.rows)}"/>'
            f'<sheetViews><sheetView workbookViewId="0">{view}</sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><cols>'
        ]
        out += [f'<col width="{_num(w)}" customWidth="1" min="{i}" max="{i}"/>' for i, w in enumerate(self.widths, start=1)]
        out.append("</cols><sheetData>")
        for r, cells in enumerate(self.rows, start=1):
            ht = self.height(r)
            out.append(f'<row r="{r}" ht="{ht}" customHeight="1">' if ht else f'<row r="{r}">')
            for c, (value, style) in enumerate(cells, start=1):
                head = f'<c r="{_column(c)}{r}" s="{styles.xf(style)}" t='
                if isinstance(value, dt.date):
                    out.append(f'{head}"n"><v>{_serial(value)}</v></c>')
                elif not value:
                    out.append(f'{head}"inlineStr"></c>')
                else:
                    space = ' xml:space="preserve"' if value != value.strip() else ""
                    out.append(f'{head}"inlineStr"><is><t{space}>{_text(value)}</t></is></c>')
            out.append("</row>")
        out.append("</sheetData>")
        out.append(tail)
        out.append("</worksheet>")
        return "".join(out).encode("ascii")

    def hyperlinks(self) -> str:
        """The links of the sheet's cells, relationship rId1, rId2, ... in the order of the cells."""
        if not self.links:
            return ""
        refs = [f"{_column(c)}{r}" for r, c in sorted(self.links)]
        return (
            "<hyperlinks>"
            + "".join(f'<hyperlink {_R} ref="{ref}" r:id="rId{i}"/>' for i, ref in enumerate(refs, start=1))
            + "</hyperlinks>"
        )

    def rels(self) -> bytes:
        rels = "".join(
            f'<Relationship Type="{_DOC_RELS}/hyperlink" Target="{_utf8_attr(self.links[key])}" TargetMode="External" Id="rId{i}"/>'
            for i, key in enumerate(sorted(self.links), start=1)
        )
        return f'<Relationships xmlns="{_PKG_RELS}">{rels}</Relationships>'.encode()


def _page(memo: Memo) -> str:
    """Print setup: landscape A4 fitted to the page width, grid lines, and the page header and footer."""
    L = memo.L
    header = f"&L&9 {_hf(memo.title)}"
    if memo.draft:
        draft = f"{L['draft']} \u2013 {memo.data_version}"
        header += f"&R&9 &KB41E1E{_hf(draft)}"
    made = f"{memo.date_label} {long_date(memo.day, memo.lang)} \u00b7 {L['data_label']}: {memo.data_version}"
    footer = f"&L&8 {_hf(made)}"
    footer += f"&R&8 {L['page_of'][0]}&P{L['page_of'][1]}&N"
    return (
        '<printOptions gridLines="1"/><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '<pageSetup orientation="landscape" paperSize="9" fitToHeight="0" fitToWidth="1"/>'
        f"<headerFooter><oddHeader>{_text(header)}</oddHeader><oddFooter>{_text(footer)}</oddFooter>"
        "<evenHeader></evenHeader><evenFooter></evenFooter><firstHeader></firstHeader><firstFooter></firstFooter></headerFooter>"
    )


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    memo = build_memo(v, sel, lang, provenance, site_url=opts.get("site_url"))
    write_zip(path, render_xlsx(memo, stamp_time(provenance)), stamp_time(provenance), _packed())


@functools.cache
def _packed() -> dict[str, tuple[bytes, int, bytes]]:
    """The parts every workbook has alike, compressed once per process."""
    return pack([("xl/theme/theme1.xml", THEME.encode("ascii")), *_STATIC])


_STATIC = [
    (
        "_rels/.rels",
        (
            f'<Relationships xmlns="{_PKG_RELS}"><Relationship Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml" Id="rId1"/>'
            f'<Relationship Type="{_PKG_RELS}/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/>'
            f'<Relationship Type="{_DOC_RELS}/extended-properties" Target="docProps/app.xml" Id="rId3"/></Relationships>'
        ).encode("ascii"),
    ),
    (
        "xl/_rels/workbook.xml.rels",
        (
            f'<Relationships xmlns="{_PKG_RELS}">'
            f'<Relationship Type="{_DOC_RELS}/worksheet" Target="/xl/worksheets/sheet1.xml" Id="rId1"/>'
            f'<Relationship Type="{_DOC_RELS}/worksheet" Target="/xl/worksheets/sheet2.xml" Id="rId2"/>'
            f'<Relationship Type="{_DOC_RELS}/styles" Target="styles.xml" Id="rId3"/>'
            f'<Relationship Type="{_DOC_RELS}/theme" Target="theme/theme1.xml" Id="rId4"/></Relationships>'
        ).encode("ascii"),
    ),
    (
        "[Content_Types].xml",
        (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(
                f'<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-{kind}+xml"/>'
                for name, kind in (
                    ("xl/styles.xml", "officedocument.spreadsheetml.styles"),
                    ("xl/theme/theme1.xml", "officedocument.theme"),
                    ("docProps/core.xml", "package.core-properties"),
                    ("docProps/app.xml", "officedocument.extended-properties"),
                    ("xl/worksheets/sheet1.xml", "officedocument.spreadsheetml.worksheet"),
                    ("xl/worksheets/sheet2.xml", "officedocument.spreadsheetml.worksheet"),
                    ("xl/workbook.xml", "officedocument.spreadsheetml.sheet.main"),
                )
            )
            + "</Types>"
        ).encode("ascii"),
    ),
]


def _core(memo: Memo, when: dt.datetime) -> bytes:
    """The core properties: title and subject as Office shows them (at most 255 characters), the language."""
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    term = 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF"'
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">'
        f"<dc:creator {dc}>aztimeline</dc:creator>"
        f"<dc:title {dc}>{_utf8_text(shorten(memo.title, META_MAX))}</dc:title>"
        f"<dc:subject {dc}>{_utf8_text(shorten(memo.subject, META_MAX))}</dc:subject>"
        f"<dc:language {dc}>{LANGUAGE[memo.lang]}</dc:language>"
        f"<dcterms:created {term}>{iso}</dcterms:created><dcterms:modified {term}>{iso}</dcterms:modified>"
        "<cp:lastModifiedBy>aztimeline</cp:lastModifiedBy></cp:coreProperties>"
    ).encode()


def _workbook(changes: str, sources: str, last: str, printed: str, rows: int) -> bytes:
    """The workbook part: the two sheets, the filter range, the rows repeated on every page and the printed area."""
    c, s = "'" + changes.replace("'", "''") + "'", "'" + sources.replace("'", "''") + "'"
    return (
        f'<workbook xmlns="{_MAIN}"><workbookPr/><workbookProtection/><bookViews><workbookView visibility="visible" minimized="0" '
        'showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" '
        'autoFilterDateGrouping="1"/></bookViews><sheets>'
        f'<sheet {_R} name="{_utf8_attr(changes)}" sheetId="1" state="visible" r:id="rId1"/>'
        f'<sheet {_R} name="{_utf8_attr(sources)}" sheetId="2" state="visible" r:id="rId2"/></sheets><definedNames>'
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">{_utf8_text(c)}!$A$2:${last}${rows}</definedName>'
        f'<definedName name="_xlnm.Print_Titles" localSheetId="0">{_utf8_text(c)}!$2:$2</definedName>'
        f'<definedName name="_xlnm.Print_Area" localSheetId="0">{_utf8_text(c)}!$A$1:${printed}${rows}</definedName>'
        f'<definedName name="_xlnm.Print_Titles" localSheetId="1">{_utf8_text(s)}!$2:$2</definedName></definedNames>'
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    ).encode()


_CHANGES_VIEW = (
    '<pane xSplit="1" ySplit="2" topLeftCell="B3" activePane="bottomRight" state="frozen"/><selection pane="topRight"/>'
    '<selection pane="bottomLeft"/><selection pane="bottomRight" activeCell="A1" sqref="A1"/>'
)
"""Rows 1-2 and column A frozen (the view scrolls from B3)."""
_SOURCES_VIEW = (
    '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A1" sqref="A1"/>'
)
"""Rows 1-2 frozen."""


def render_xlsx(memo: Memo, when: dt.datetime) -> list[tuple[str, bytes]]:
    """The workbook's parts, (name, bytes) in the order they are zipped."""
    L, lang = memo.L, memo.lang
    body = _Style(align=_WRAP)
    head = _Style(bold=True, fill=True, align=_WRAP)
    date = _Style(date=True, align=_LEFT)

    # --- the changes -----------------------------------------------------------------------------------
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
    ws = _Sheet(L["sheet_changes"], [w for _, w in columns], 2)
    title = memo.title + (f" \u2013 {memo.draft_text}" if memo.draft else "")
    ws.append([(clean(title), _Style(bold=True, size=FONT_SIZE + 2, color="B41E1E" if memo.draft else "154273"))])
    ws.append([(name, head) for name, _ in columns])
    for c in memo.changes:
        summary = c.after if c.record.after is not None else c.before
        row: list[tuple[Value, _Style]] = [
            (clean(c.title), body),
            (c.kind, body),
            (clean(c.section), body),
            (", ".join(c.groups), body),
            (c.announced, date),
            (clean(c.codification), body),
            (clean(summary), body),
            ("\n\n".join(f"{q.text}\n\u2014 {q.reference}" for q in c.quotes), body),
        ]
        if has_links:
            row.append((L["link"], _Style(color="0B5CAD", underline=True, align=_WRAP)) if c.url else ("", body))
        row.append((c.record.id, body))
        r = ws.append(row)
        if has_links and c.url:
            ws.links[r, len(columns) - 1] = c.url
    rows = len(ws.rows)
    last = _column(len(columns))
    printed = _column(len(columns) - 1)  # the id column is for scripts, not for paper
    page = _page(memo)
    styles = _Styles()  # numbered as the cells are written: the changes first
    xml1 = ws.xml(styles, _CHANGES_VIEW, f'<autoFilter ref="A2:{last}{rows}"/>{ws.hyperlinks()}{page}')

    # --- the sources ---------------------------------------------------------------------------------------
    src = _Sheet(L["sheet_sources"], [28, 120], 3)
    src.append([(clean(memo.title), _Style(bold=True, size=FONT_SIZE + 2, color="154273"))])
    src.append([(L["item"], _Style(bold=True, fill=True)), (L["value"], _Style(bold=True, fill=True))])
    items: list[tuple[str, Value]] = []
    if memo.draft:
        items.append((L["draft"], memo.draft_text))
    items += [
        (L["subject_label"], memo.subject),
        (memo.date_label, memo.day),
        (L["kenmerk_label"], memo.kenmerk),
        (L["data_label"], memo.data_version),
        (L["selection"], memo.selection),
    ]
    items += [(L["letter"], lv.text) for lv in memo.letters]
    items += [(L["summary"], text) for text in memo.summary]
    if memo.basis:
        items.append((L["basis_label"], memo.basis))
    checked = memo.currency_data.get("checked_until")
    if checked:
        items.append((L["checked_until"], dt.date.fromisoformat(checked)))
    items.append((L["currency"], memo.currency))
    items += [(L["currency"], item) for item in memo.later]
    items += [(L["facts"], f"{f.text} ({L['record']}: {f.record}; {f.confidence})") for f in memo.facts]
    items += [(L["kept"], f"{k.title}: {k.summary}") for k in memo.kept]
    items.append((L["scope"], memo.scope))
    items += [(L["provenance"], note) for note in memo.transition_notes if note]
    items += [(L["provenance"], L["paragraph_note"]), (L["provenance"], L["summary_note"])]
    items += [(label, value) for label, value in memo.provenance_lines() if label != memo.date_label]
    label_style = _Style(bold=True, align=_WRAP)
    for label, value in items:
        src.append([(label, label_style), (clean(value), body) if isinstance(value, str) else (value, date)])
    xml2 = src.xml(styles, _SOURCES_VIEW, page)

    parts = [
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _core(memo, when)),
        ("xl/theme/theme1.xml", THEME.encode("ascii")),
        ("xl/worksheets/sheet1.xml", xml1),
    ]
    if ws.links:
        parts.append(("xl/worksheets/_rels/sheet1.xml.rels", ws.rels()))
    parts += [("xl/worksheets/sheet2.xml", xml2), ("xl/styles.xml", styles.xml(lang)), _STATIC[0]]
    parts.append(("xl/workbook.xml", _workbook(ws.name, src.name, last, printed, rows)))
    parts += _STATIC[1:]
    return parts
