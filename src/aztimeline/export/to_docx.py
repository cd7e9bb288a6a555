"""A Word memo in the form of a ministry nota: A4, header block, summary, overview table, each change, provenance.

python-docx covers styles, paragraphs and tables; page fields, repeated header rows, rows that do not split,
fixed table widths and the document language need a few OOXML elements of their own (`_ox_*` helpers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..timeline import long_date
from ..validate import Validated
from . import Selection
from .common import Memo, QuoteView, build_memo, clean
from .reproducible import normalise_zip, stamp_time

PAGE_W, PAGE_H = 21.0, 29.7
A4_TWIPS = (11906, 16838)
"""A4 as Word stores it (210 x 297 mm in twentieths of a point)."""
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 2.5, 2.5, 2.2, 2.2
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R  # 16.0 cm
OVERVIEW_COLS = (3.2, 1.8, 3.2, 2.4, 2.8, 2.6)
"""Overview column widths in cm: change, kind, section, announced, codification, group; they sum to TEXT_W."""
BEFORE_AFTER_COLS = (TEXT_W / 2, TEXT_W / 2)
FONT = "Arial"
LANG_TAG = {"nl": "nl-NL", "en": "en-GB"}
INK = "1F2937"
ACCENT = "154273"  # the dark blue of Dutch government documents
TWIPS_PER_CM = 567
QUOTE_INDENT = 0.6


def _twips(cm: float) -> int:
    return round(cm * TWIPS_PER_CM)


# --- OOXML helpers ------------------------------------------------------------------------------------------


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    e = OxmlElement(tag)
    for k, val in attrs.items():
        e.set(qn(f"w:{k}"), val)
    return e


def _ox_replace(parent: Any, tag: str, new: Any) -> None:
    from docx.oxml.ns import qn

    for old in parent.findall(qn(tag)):
        parent.remove(old)
    parent.append(new)


def _ox_fonts_and_language(doc: Any, lang_tag: str) -> None:
    """One font everywhere (no theme fonts), and the document language on the defaults and every style."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for rpr in [rpr_default, *styles.iter(qn("w:rPr"))]:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:ascii")) != "Courier":
            for k in list(fonts.attrib):
                del fonts.attrib[k]
            for k in ("ascii", "hAnsi", "cs", "eastAsia"):
                fonts.set(qn(f"w:{k}"), FONT)
        lang = rpr.find(qn("w:lang"))
        if lang is not None or rpr is rpr_default:
            if lang is None:
                lang = _el("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), lang_tag)
            lang.set(qn("w:eastAsia"), lang_tag)
            lang.set(qn("w:bidi"), "ar-SA")
    settings = doc.settings.element
    for tfl in settings.findall(qn("w:themeFontLang")):
        tfl.set(qn("w:val"), lang_tag)
        tfl.set(qn("w:eastAsia"), lang_tag)
    # Word's "spelling is clean" flag from the template would hide the spell check the language is set for.
    for ps in settings.findall(qn("w:proofState")):
        settings.remove(ps)


def _ox_table_fixed(table: Any, widths: tuple[float, ...]) -> None:
    """A fixed layout whose grid and cells carry the given widths, summing to the text width."""
    from docx.oxml.ns import qn

    tbl = table._tbl
    tblpr = tbl.tblPr
    _ox_replace(tblpr, "w:tblW", _el("w:tblW", w=str(sum(_twips(w) for w in widths)), type="dxa"))
    _ox_replace(tblpr, "w:tblLayout", _el("w:tblLayout", type="fixed"))
    _ox_replace(tblpr, "w:tblInd", _el("w:tblInd", w="0", type="dxa"))
    margins = _el("w:tblCellMar")
    for side, cm in (("top", 0.05), ("left", 0.08), ("bottom", 0.05), ("right", 0.08)):
        margins.append(_el(f"w:{side}", w=str(_twips(cm)), type="dxa"))
    _ox_replace(tblpr, "w:tblCellMar", margins)
    grid = tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        gc.set(qn("w:w"), str(_twips(w)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            tcpr = cell._tc.get_or_add_tcPr()
            _ox_replace(tcpr, "w:tcW", _el("w:tcW", w=str(_twips(w)), type="dxa"))


def _ox_row(row: Any, *, header: bool = False) -> None:
    """Rows never split over pages; a header row repeats on every page."""
    trpr = row._tr.get_or_add_trPr()
    _ox_replace(trpr, "w:cantSplit", _el("w:cantSplit"))
    if header:
        _ox_replace(trpr, "w:tblHeader", _el("w:tblHeader"))


def _ox_shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    _ox_replace(tcpr, "w:shd", _el("w:shd", val="clear", color="auto", fill=fill))


def _ox_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay the page out."""
    for part in ("begin", "instr", "separate", "result", "end"):
        run = paragraph.add_run()
        if part == "instr":
            it = _el("w:instrText")
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            it.text = f" {instruction} "
            run._r.append(it)
        elif part == "result":
            run.text = placeholder
        else:
            run._r.append(_el("w:fldChar", fldCharType=part))


# --- the document --------------------------------------------------------------------------------------------


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    memo = build_memo(v, sel, lang, provenance, site_url=opts.get("site_url"))
    doc = render_docx(memo)
    doc.save(str(path))
    normalise_zip(path, stamp_time(provenance), docx_app=True)


def render_docx(memo: Memo) -> Any:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor, Twips

    L = memo.L
    lang = memo.lang
    doc = Document()
    _ox_fonts_and_language(doc, LANG_TAG[lang])

    props = doc.core_properties
    props.author = "aztimeline"
    props.last_modified_by = "aztimeline"
    props.title = memo.title
    props.subject = memo.subject
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.language = LANG_TAG[lang]

    st = doc.styles
    normal = st["Normal"]
    normal.font.size = Pt(10)
    normal.font.color.rgb = RGBColor.from_string(INK)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 17), ("Heading 1", 13), ("Heading 2", 11)):
        s = st[name]
        s.font.size = Pt(size)
        s.font.color.rgb = RGBColor.from_string(ACCENT)
        s.font.bold = True
        s.paragraph_format.space_before = Pt(14 if name == "Heading 1" else 10 if name == "Heading 2" else 0)
        s.paragraph_format.space_after = Pt(4)
        s.paragraph_format.keep_with_next = True
    quote = st["Quote"]
    quote.font.size = Pt(10)
    quote.font.italic = True
    quote.font.color.rgb = RGBColor.from_string(INK)
    quote.paragraph_format.left_indent = Cm(QUOTE_INDENT)
    quote.paragraph_format.space_after = Pt(0)
    ids = {name: st[name].style_id for name in ("Title", "Heading 1", "Heading 2", "Quote", "List Bullet")}
    grid = doc.part.get_style_id("Table Grid", WD_STYLE_TYPE.TABLE)  # looked up by name once, not per table

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(A4_TWIPS[0]), Twips(A4_TWIPS[1])
    section.left_margin, section.right_margin = Cm(MARGIN_L), Cm(MARGIN_R)
    section.top_margin, section.bottom_margin = Cm(MARGIN_T), Cm(MARGIN_B)
    section.header_distance = section.footer_distance = Cm(1.0)

    def para(text: str = "", style: str | None = None, *, size: float | None = None, bold: bool = False, italic: bool = False) -> Any:
        p = doc.add_paragraph()
        if style:
            p._p.style = ids[style]
        if text:
            run = p.add_run(clean(text))
            run.bold = bold or None
            run.italic = italic or None
            if size:
                run.font.size = Pt(size)
        return p

    # page furniture: draft marker on top of every page; title and "pagina X van Y" at the bottom
    if memo.draft:
        hp = section.header.paragraphs[0]
        run = hp.add_run(L["draft"] + " \u2013 " + clean(memo.data_version))
        run.bold = True
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0xB4, 0x1E, 0x1E)
    # The template's header and footer tab stops are set for US Letter: move them to this text width.
    for name in ("Header", "Footer"):
        stops = st[name].paragraph_format.tab_stops
        stops.clear_all()
        stops.add_tab_stop(Cm(TEXT_W / 2), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Cm(TEXT_W), WD_TAB_ALIGNMENT.RIGHT)
    fp = section.footer.paragraphs[0]
    # title on the left, "pagina X van Y" on the right: no centre stop for the one tab to fall on
    fp.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_W / 2), WD_TAB_ALIGNMENT.CLEAR)
    left = fp.add_run(clean(memo.title) + (f" \u2013 {L['draft']}" if memo.draft else ""))
    left.font.size = Pt(8)
    fp.add_run("\t" + L["page_of"][0])
    _ox_field(fp, "PAGE", "1")
    fp.add_run(L["page_of"][1])
    _ox_field(fp, "NUMPAGES", "1")
    for run in fp.runs:
        run.font.size = Pt(8)

    # title and header block
    para(memo.title, "Title")
    if memo.draft:
        p = para(memo.draft_text, bold=True)
        p.runs[0].font.color.rgb = RGBColor(0xB4, 0x1E, 0x1E)
    for label, value in (
        (L["subject_label"], memo.subject),
        (memo.date_label, long_date(memo.day, lang)),
        (L["kenmerk_label"], memo.kenmerk),
        (L["data_label"], memo.data_version),
        (L["selection"], memo.selection),
    ):
        p = doc.add_paragraph()
        pf = p.paragraph_format
        pf.left_indent = Cm(3.8)
        pf.first_line_indent = Cm(-3.8)
        pf.tab_stops.add_tab_stop(Cm(3.8))
        pf.space_after = Pt(2)
        r = p.add_run(label)
        r.bold = True
        p.add_run("\t" + clean(value))

    # summary, basis and currency
    para(L["summary"], "Heading 1")
    for text in memo.summary:
        para(text)
    if memo.basis:
        para(memo.basis)
    para(memo.currency)
    for item in memo.later:
        para(item, "List Bullet", size=9.5)
    para(L["summary_note"], italic=True, size=9)

    # overview table
    para(L["overview"], "Heading 1")
    headers = (L["change"], L["kind"], L["section"], L["announced"], L["codification"], L["groups"])
    table = doc.add_table(rows=1, cols=len(headers))
    table._tbl.tblStyle_val = grid  # what `table.style = "Table Grid"` sets
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(cell, text, bold=True)
        _ox_shade(cell, "DCE3EC")
    _ox_row(table.rows[0], header=True)
    for c in memo.changes:
        row = table.add_row()
        values = (c.title, c.kind, c.section, long_date(c.announced, lang), c.codification, ", ".join(c.groups) or "\u2013")
        for cell, text in zip(row.cells, values, strict=True):
            _cell_text(cell, text)
        _ox_row(row)
    _ox_table_fixed(table, OVERVIEW_COLS)

    # what stays the same
    para(L["kept"], "Heading 1")
    if memo.kept:
        para(L["kept_intro"])
        for k in memo.kept:
            para(k.title, "Heading 2")
            para(f"{L['section'].split(' (')[0]}: {k.section}", size=9)
            para(k.summary)
            _quotes(doc, para, k.quotes, L)
    else:
        para(L["kept_none"])

    # each change
    para(L["changes"], "Heading 1")
    for c in memo.changes:
        para(c.title, "Heading 2")
        p = para(c.meta(L, lang), size=9)
        p.paragraph_format.keep_with_next = True
        p = para(f"{L['codification']}: {c.codification}", size=9)
        p.paragraph_format.keep_with_next = True
        ba = doc.add_table(rows=2, cols=2)
        ba._tbl.tblStyle_val = grid
        _cell_text(ba.rows[0].cells[0], L["before"], bold=True, size=9)
        _cell_text(ba.rows[0].cells[1], L["after"], bold=True, size=9)
        _ox_shade(ba.rows[0].cells[0], "DCE3EC")
        _ox_shade(ba.rows[0].cells[1], "DCE3EC")
        _cell_text(ba.rows[1].cells[0], c.before or L["none"], size=9.5)
        _cell_text(ba.rows[1].cells[1], c.after or L["none"], size=9.5)
        _ox_row(ba.rows[0], header=True)
        _ox_row(ba.rows[1])
        for cell in ba.rows[0].cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        _ox_table_fixed(ba, BEFORE_AFTER_COLS)
        _quotes(doc, para, c.quotes, L)
        if c.context:
            p = para(L["context"] + ":", size=9, bold=True)
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.keep_with_next = True
            for f in c.context:
                cp = para(f"{f.text} ({L['record']}: {f.record}; {f.confidence})", size=9)
                cp.paragraph_format.left_indent = Cm(QUOTE_INDENT)

    # provenance block
    para(L["provenance"], "Heading 1")
    for text in (L["paragraph_note"], L["summary_note"]):
        para(text, size=8.5)
    para(L["scope"], size=8.5, bold=True)
    para(memo.scope, size=8.5)
    if memo.facts:
        para(L["facts"], size=8.5, bold=True)
        for f in memo.facts:
            para(f"{f.text} ({L['record']}: {f.record}; {f.confidence})", size=8.5)
    for note in memo.transition_notes:
        if note:
            para(note, size=8.5)
    for label, value in memo.provenance_lines():
        p = para(size=8.5)
        r = p.add_run(label + ": ")
        r.bold = True
        r.font.size = Pt(8.5)
        p.add_run(clean(value)).font.size = Pt(8.5)
        p.paragraph_format.space_after = Pt(1)
    return doc


TABLE_FONT = 7.5
"""The overview table's font size: with OVERVIEW_COLS it fits the longest words ("vestigingsalternatief")."""


def _cell_text(cell: Any, text: str, *, bold: bool = False, size: float = TABLE_FONT) -> None:
    from docx.shared import Pt

    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    run = p.add_run(clean(text))
    run.bold = bold or None
    run.font.size = Pt(size)


def _quotes(doc: Any, para: Any, quotes: list[QuoteView], L: dict[str, Any]) -> None:
    from docx.shared import Cm, Pt

    if not quotes:
        return
    p = para(L["quotes"] + ":", size=9, bold=True)
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.keep_with_next = True
    for q in quotes:
        qp = para(q.text, "Quote")
        qp.paragraph_format.keep_with_next = True
        rp = para("\u2014 " + q.reference, size=8.5)
        rp.paragraph_format.left_indent = Cm(QUOTE_INDENT)
        rp.paragraph_format.space_after = Pt(6)
