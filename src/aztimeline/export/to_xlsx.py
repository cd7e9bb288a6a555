"""An Excel workbook that prints, written with XlsxWriter: the changes in atomic columns with real date cells, one
quote per row, and the sources with the nota's fields.

Every sheet prints on landscape A4 fitted to the page width, the changes sheet at 80% (see CHANGES_PX), its columns
of short values as wide as their longest word, its rows as tall as their wrapped text; the header row repeats on
every page; the page header carries the title, the memo's reference and date, the footer the addressee, the sender
and "pagina X van Y". Data text is always written as text (`write_string`), never as a formula or a number.
XlsxWriter writes a literal "_x000D_" in a text as "_x005F_x000D_", so Excel and LibreOffice show it as it is instead
of decoding it (tests read it back).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.utility import xl_pixel_width

from ..validate import Validated
from . import Selection
from .common import LABELS, LANG_TAG, META_MAX, Memo, QuoteView, build_memo, clean, document_time, quote_key, shorten

FONT, FONT_SIZE = "Arial", 10
DATE_FORMAT = {"nl": "[$-413]d mmm yyyy", "en": "[$-809]d mmm yyyy"}
"""Dates in the export's language (LCID 0x413 Dutch, 0x809 English (UK)); the cell holds a real date."""
CELL_MAX = 32767
"""Characters a cell holds (Excel's limit); longer text is cut and ends in "…", so a cut text never looks whole."""
HF_PART_MAX = {"title": 110, "reference": 86, "date": 28, "person": 112}
"""Characters of text in each part of the page header (title, left; reference and date on two lines, right) and in
each line of the footer's left part (to; from): Excel allows 255 in a whole header or footer, formatting codes
included, and the page number takes the footer's right part. At 80 characters for to and from together, a long
addressee had cut the sender off; at 80 for reference and date together, a long reference cut the date off, and
printed no word of it (liaisons' reads). The date is never cut; a reference or a name cut is noted on standard
error (see `cut_in_print`), and the Bronnen sheet holds it whole."""
MARGIN_LR, MARGIN_TB, MARGIN_HF = 0.3, 0.6, 0.25
"""Page margins in inches: left and right, top and bottom, header and footer."""

CHANGE_COLUMNS: list[tuple[str, float]] = [
    ("change", 3),
    ("kind", 0),
    ("section_number", 0),
    ("section_title", 2.5),
    ("placement_confidence", 0),
    ("groups", 0),
    ("status", 0),
    ("letter_date", 0),
    ("published_date", 0),
    ("in_force_date", 0),
    ("before_col", 5),
    ("after_col", 4),
    ("new_col", 3.5),
    ("caveat_col", 3.5),
]
"""The printed columns of the changes sheet: (label key, share). A column of short values (share 0) is as wide as
its longest word, its header's included, up to SHORT_MAX_PX, so that no word of it is broken; the columns of running
text share the rest of CHANGES_PX by their shares."""
CHANGES_PX = (11.69 - 2 * MARGIN_LR) * 96 / 0.8
"""The changes sheet's printed width in pixels (96 an inch): fitted to the printable width of landscape A4, Excel prints
it at 80%, LibreOffice, whose columns come out about 6% wider, at about 75%; the summaries get 20 to 25 characters a
line (at 91% they had 13, and a cell ran to 40 lines)."""
SHORT_MAX_PX = 160
QUOTE_COLUMNS: list[tuple[str, float]] = [("change", 173), ("side", 89), ("paragraph", 68), ("page", 40), ("quote", 621)]
SOURCE_COLUMNS: list[tuple[str, float]] = [("item", 187), ("value", 789)]
"""The other sheets' printed columns in pixels, 991 and 976: they print at full size."""
DATE_SHOWN = "30\u00a0Nov\u00a02000"
"""A date as wide as the date format prints it, as one word (the cell does not wrap)."""
LINE_PT, PAD_PX = 12.75, 7
"""Height of one line of FONT_SIZE text in points; pixels of a column's width a cell keeps for its margins."""


def text_px(text: str) -> int:
    """Width in pixels as XlsxWriter measures it (the widths Excel gives the characters of Calibri 11; Excel's and
    LibreOffice's Arial 10 takes the same or, capitals, up to a tenth more, which PAD_PX and LibreOffice's wider
    columns cover); a no-break space is a space."""
    return xl_pixel_width(text.replace("\u00a0", " "))


def wrapped_lines(text: str, width: float) -> int:
    """How many lines text takes in a wrapped cell of a column width pixels wide (greedy word wrap, as Excel and
    LibreOffice do; a word longer than a line is broken). A row is better a little too tall than overlapping the next:
    LibreOffice's rows come out about a fifth too tall."""
    width, space, lines = max(width - PAD_PX, 1), text_px(" "), 0
    for para in str(text).split("\n"):
        lines, used = lines + 1, 0.0
        for word in map(text_px, para.split(" ")):
            if used and used + space + word > width:
                lines, used = lines + 1, 0.0
            used = (used + space if used else 0) + word
            while used > width:
                lines, used = lines + 1, used - width
    return max(lines, 1)


def _fit(text: str) -> str:
    """Text as a cell holds it: whole, or cut to CELL_MAX characters with "…" at the end."""
    return text if len(text) <= CELL_MAX else text[: CELL_MAX - 1] + "\u2026"


_ESCAPE_LIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def _hf(text: str, part: str) -> str:
    """Text for a part of a page header or footer: at most HF_PART_MAX[part] characters once its '&' are doubled
    ('&' starts a code there; data text must not start one). Text that reads like an escape ("_x000D_") gets a
    zero-width space after its underscore: XlsxWriter escapes it as it does in cells ("_x005F_x000D_"), which
    Excel decodes but LibreOffice prints as it stands in a page header; broken up, both print "_x000D_"."""
    limit = most = HF_PART_MAX[part]
    while True:
        out = _ESCAPE_LIKE.sub("_\u200b", shorten(text, limit)).replace("&", "&&")
        if len(out) <= most or limit <= 2:
            return out
        limit -= len(out) - most


def cut_in_print(fields: dict[str, str | None], lang: str) -> list[tuple[str, str, int]]:
    """The nota's own fields (memo_to, memo_from, reference, as given) that the printed page header or footer cuts:
    each with where it stands ("header", "footer") and the characters it has there with its label."""
    L = LABELS[lang]
    parts = {"memo_to": ("to", "person", "footer"), "memo_from": ("from", "person", "footer"), "reference": ("reference", "reference", "header")}
    return [
        (key, where, HF_PART_MAX[part])
        for key, (label, part, where) in parts.items()
        if len(f"{L[label]}: {fields.get(key) or ''}".replace("&", "&&")) > HF_PART_MAX[part]
    ]


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    memo = build_memo(v, sel, lang, provenance, **opts)
    # in_memory: XlsxWriter builds the parts in memory and stamps every zip entry 1 January 1980 (reproducible). The
    # zip goes into a buffer, written to the file by us: XlsxWriter wraps a full disk or a file-size limit in its own
    # exception, and leaves a half-closed zip file that complains again when it is collected.
    buffer = io.BytesIO()
    wb = Workbook(buffer, {"in_memory": True, "default_format_properties": {"font_name": FONT, "font_size": FONT_SIZE, "font_scheme": False}})
    wb.set_properties(
        {
            "title": shorten(memo.title, META_MAX),
            "subject": shorten(memo.subject, META_MAX),
            "author": memo.options.sender or "",
            "manager": memo.options.to or "",
            "keywords": memo.options.reference or "",
            "created": document_time(provenance),
        }
    )
    wb.set_custom_property("Language", LANG_TAG[lang])
    _Book(wb, memo).render()
    wb.close()
    path.write_bytes(buffer.getvalue())


class _Book:
    """The three sheets of one memo, sharing their formats."""

    def __init__(self, wb: Any, memo: Memo) -> None:
        self.wb, self.memo, self.L = wb, memo, memo.L
        fmt = wb.add_format
        self.text = fmt({"text_wrap": True, "valign": "top"})
        self.bold = fmt({"bold": True, "text_wrap": True, "valign": "top"})
        self.head = fmt({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DCE3EC", "border": 1})
        self.date = fmt({"num_format": DATE_FORMAT[memo.lang], "align": "left", "valign": "top"})
        self.number = fmt({"align": "left", "valign": "top"})
        self.link = fmt({"font_color": "#0B5CAD", "underline": 1, "text_wrap": True, "valign": "top"})
        color = "#B41E1E" if memo.draft else "#154273"
        self.title = fmt({"bold": True, "font_size": FONT_SIZE + 2, "font_color": color})
        self.rows: dict[tuple[str, int], int] = {}
        self.widths: dict[str, list[float]] = {}

    def render(self) -> None:
        self._changes()
        self._quotes()
        self._sources()
        self._heights()

    # --- the cells ---------------------------------------------------------------------------------------

    def _string(self, ws: Any, row: int, col: int, text: str, fmt: Any = None) -> None:
        text = _fit(clean(text))
        if not text:  # an empty cell, not an empty text
            ws.write_blank(row, col, None, fmt or self.text)
            return
        ws.write_string(row, col, text, fmt or self.text)
        if row > 0:  # the title in row 1 runs over the empty cells beside it
            self._lines(ws, row, col, text)

    def _lines(self, ws: Any, row: int, col: int, text: str) -> None:
        """Keep the row as tall as its tallest wrapped cell: spreadsheet programs do not measure the rows of a
        file they open (LibreOffice and Excel show a new file's rows one line high)."""
        key = (ws.name, row)
        self.rows[key] = max(self.rows.get(key, 1), wrapped_lines(text, self.widths[ws.name][col]))

    def _heights(self) -> None:
        for (name, row), lines in sorted(self.rows.items()):
            self.wb.get_worksheet_by_name(name).set_row(row, round(lines * LINE_PT + 4, 1))

    def _value(self, ws: Any, row: int, col: int, value: str | dt.date) -> None:
        """A date as a real date cell, in the export's language; anything else as text."""
        if isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), self.date)
        else:
            self._string(ws, row, col, value)

    def _sheet(self, name: str, columns: Sequence[tuple[str, float]]) -> Any:
        """A sheet with the title in row 1 and the header in row 2, its columns sized (in pixels), printed as the
        memo prints."""
        L, memo = self.L, self.memo
        ws = self.wb.add_worksheet(name)
        self.widths[name] = [round(px) for _, px in columns]
        self._string(ws, 0, 0, memo.title + (f" \u2013 {memo.draft_text}" if memo.draft else ""), self.title)
        for i, (key, _) in enumerate(columns):
            ws.set_column_pixels(i, i, self.widths[name][i])
            self._string(ws, 1, i, L.get(key, key), self.head)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.hide_gridlines(0)  # shown on screen and printed
        ws.set_margins(left=MARGIN_LR, right=MARGIN_LR, top=MARGIN_TB, bottom=MARGIN_TB)
        ws.repeat_rows(1)
        header = f"&L&9{_hf(memo.title, 'title')}"
        given = dict(memo.header_fields())  # the nota's fields, by label, where given
        mine = "\n".join(_hf(f"{L[k]}: {given[L[k]]}", k) for k in ("reference", "date") if L[k] in given)
        if memo.draft:
            header += f"&C&9&KB41E1E{L['draft']}"
        header += f"&R&9{mine}"  # the parts in the order left, centre, right, as Excel writes them
        people = "\n".join(_hf(f"{L[k]}: {given[L[k]]}", "person") for k in ("to", "from") if L[k] in given)
        footer = (f"&L&8{people}" if people else "") + f"&R&8{L['page_of'][0]}&P{L['page_of'][1]}&N"
        ws.set_header(header, {"margin": MARGIN_HF})
        ws.set_footer(footer, {"margin": MARGIN_HF})
        return ws

    # --- the sheets -------------------------------------------------------------------------------------

    def _changes(self) -> None:
        """One row per change, in atomic columns; the letter's reason in our words, the link to the change's page and
        the id are for the screen (a printed column of reasons took the sheet from 3 pages to 6; the nota has them)."""
        L, memo = self.L, self.memo
        extra = [("reason_col", 400)] + ([("link", 89)] if any(c.url for c in memo.changes) else []) + [("id", 243)]
        rows = [
            (
                c.title,
                c.kind,
                c.placement.number or "",  # no number: the confidence column says "niet vastgesteld"
                c.placement.title + (f" ({L['ours']})" if c.placement.ours else ""),
                c.placement.confidence,
                ", ".join(c.groups),
                c.status,
                c.dates.letter or L["unknown"],
                c.dates.published or L["not_found"],
                c.dates.in_force or L["not_found"],
                c.before_shown,
                c.after_shown,
                c.new,
                "\n\n".join(c.caveats),
            )
            for c in memo.changes
        ]
        shown = [" ".join([L[key], *(DATE_SHOWN if isinstance(row[i], dt.date) else str(row[i]) for row in rows)]) for i, (key, _) in enumerate(CHANGE_COLUMNS)]
        short = {i: min(max(map(text_px, shown[i].replace("\n", " ").split(" "))) + PAD_PX, SHORT_MAX_PX) for i, (_, share) in enumerate(CHANGE_COLUMNS) if not share}
        per_share = (CHANGES_PX - sum(short.values())) / sum(share for _, share in CHANGE_COLUMNS)
        ws = self._sheet(L["sheet_changes"], [*((key, short.get(i, per_share * share)) for i, (key, share) in enumerate(CHANGE_COLUMNS)), *extra])
        for r, (c, values) in enumerate(zip(memo.changes, rows, strict=True), start=2):
            for col, value in enumerate(values):
                self._value(ws, r, col, value)
            col = len(CHANGE_COLUMNS)
            self._string(ws, r, col, c.reason)
            col += 1
            if extra[1][0] == "link":
                if c.url:
                    ws.write_url(r, col, c.url, self.link, string=L["link"])
                col += 1
            self._string(ws, r, col, c.record.id)
        last = len(memo.changes) + 1
        ws.autofilter(1, 0, last, len(CHANGE_COLUMNS) + len(extra) - 1)
        ws.freeze_panes(2, 1)
        ws.print_area(0, 0, last, len(CHANGE_COLUMNS) - 1)

    def _quotes(self) -> None:
        """One quote per row: the change, the roles it plays (before, after, new, justification), its paragraph and
        page, the words. A quote a change gives in several roles stands once, with its roles: repeated, one sentence
        stood three times beside the memo's once (a liaison's read)."""
        L, memo = self.L, self.memo
        ws = self._sheet(L["sheet_quotes"], [*QUOTE_COLUMNS, ("id", 243)])
        rows = []
        for c in memo.changes:
            sides = ((L["before"], c.before_quotes), (L["after"], c.after_quotes), (L["new_side"], c.new_quotes), (L["justification"], c.quotes))
            roles: dict[tuple[str, str, str], tuple[list[str], QuoteView]] = {}
            for side, quotes in sides:
                for q in quotes:
                    roles.setdefault(quote_key(q), ([], q))[0].append(side)
            rows += [(c.title, "; ".join(dict.fromkeys(said)), q, c.record.id) for said, q in roles.values()]
        for k in memo.kept:
            rows += [(k.title, L["kept_side"], q, k.provision) for q in k.quotes]
        for r, (title, side, q, rid) in enumerate(rows, start=2):
            self._string(ws, r, 0, title)
            self._string(ws, r, 1, side)
            if q.paragraph is not None:
                ws.write_number(r, 2, q.paragraph, self.number)
            else:
                self._string(ws, r, 2, q.citation.anchor)
            pages = getattr(q.citation, "page", None)
            if isinstance(pages, list):  # over a page break: its pages as the label gives them, "2–3"
                ws.write_string(r, 3, f"{pages[0]}\u2013{pages[-1]}", self.number)
            else:
                ws.write_number(r, 3, q.page, self.number)
            self._string(ws, r, 4, q.text)
            self._string(ws, r, 5, rid)
        last = len(rows) + 1
        ws.autofilter(1, 0, last, len(QUOTE_COLUMNS))
        ws.freeze_panes(2, 0)
        ws.print_area(0, 0, last, len(QUOTE_COLUMNS) - 1)

    def _sources(self) -> None:
        """The nota's fields, the letter and its publications, the summary; then, unless left out, the annex."""
        L, memo = self.L, self.memo
        ws = self._sheet(L["sheet_sources"], SOURCE_COLUMNS)
        items: list[tuple[str, Any, str | None]] = []
        if memo.draft:
            items.append((L["draft"], memo.draft_text, None))
        for label, value in memo.header_fields():
            items.append((label, memo.date if label == L["date"] else value, None))
        items += [(L["letter"], line, None) for line in memo.letter_lines()]
        items += [(L["discrepancy"], note, None) for lv in memo.letters for note in lv.discrepancies]
        items += [(L["publications"], f"{p.what}: {p.cited()}", p.url) for p in memo.publications]
        # whose words titles and summaries are, where the summary ends, as the memo says it
        items += [(L["occasion"], text, None) for text in [*memo.summary[: memo.occasion], L["purpose"]]]  # as the nota
        items += [(L["summary"], text, None) for text in [*memo.summary[memo.occasion :], L["summary_note"]]]
        items.append((L["status"], memo.status, None))
        items.append((L["currency"], memo.currency, None))
        checked = memo.currency_data.get("checked_until")
        if checked:
            items.append((L["checked_until"], dt.date.fromisoformat(checked), None))
        items += [(heading, f"{f.text} {f.cited(L)}", f.url) for heading, facts in memo.developments() for f in facts]
        items += [(L["kept"], " ".join(x for x in (f"{k.title}: {k.summary}", k.inference) if x), None) for k in memo.kept]
        # the facts about the Vc text the changes' summaries send the reader to ("zie de context"), with the changes
        # they belong to: the workbook held none of them (a liaison's read)
        for a in memo.context_annex:
            f = a.fact
            fate, rest = f.fate_shown(a.shown, L["quoted_with"]) if f.fate else ("", [])
            text = [f"{f.ref or f.text}: {f.plain or f.text} {f.cited(L)}", fate, *(f"{q.text} \u2014 {q.label}" for q in rest), a.belongs_to(L)]
            items.append((L["context_annex"], " ".join(x for x in text if x), None))
        if memo.annex:
            items += [(heading, note, None) for heading, notes in memo.annex_notes() for note in notes]
            items += [(L["facts"], f"{f.text} {f.cited(L)}", f.url) for f in memo.facts]
            items += [(label, value, None) for label, value in memo.annex_lines()]
        r = 2
        for label, value, url in items:
            self._string(ws, r, 0, label, self.bold)
            self._value(ws, r, 1, value)
            if url:
                # the address on a line of its own under its text: a printed page shows where the link goes, and a
                # link cell is not wrapped by LibreOffice, so it holds the (short) address only
                r += 1
                ws.write_url(r, 1, url, self.link, string=url)
                self._lines(ws, r, 1, url)
            r += 1
        ws.freeze_panes(2, 0)
