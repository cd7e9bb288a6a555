"""A Word memo in the form of a ministry nota, written with python-docx from the template `templates/memo.docx`.

The template is a real Word document: its styles (Normal, Title, Heading 1/2, Quote, List Bullet, Table Grid,
Hyperlink and the memo's own: Memo Field, Memo Meta, Quote Label, Quote Source, Note, Table Text, Table Heading,
Annex Text, Draft Marker), its A4 page and margins, and its language (nl-NL) are what an editor changes in Word.
This module only says what to write: the nota header, the body, the annex, the footer with "pagina X van Y".
python-docx has no API for a few things (fields, hyperlinks, repeating header rows, a run's language, cell
shading); `_ox_*` helpers add those elements.

Imported only by the docx export (export() imports a writer on demand): python-docx and lxml load in ~0.15 s.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips

from ..dates import long_date
from ..validate import Validated
from . import Selection
from .common import LANG_TAG, META_MAX, QUOTE_LANG, ChangeView, Memo, QuoteView, build_memo, clean, document_time, shorten

TEMPLATE = "templates/memo.docx"
"""The memo's template, package data next to this module."""
TEXT_W = 16.0
"""The template's text width in cm (A4, margins of 2.5 cm)."""
OVERVIEW_COLS = (4.0, 2.4, 3.5, 2.9, 3.2)
"""Overview column widths in cm: change, kind, section, groups, status; they sum to TEXT_W."""
BEFORE_AFTER_COLS = (TEXT_W / 2, TEXT_W / 2)
HEAD_FILL = "DCE3EC"
AFTER_TABLE = Pt(5)
"""Space above the paragraphs that follow a before/after table (the template's Normal has none above)."""
FOOTER_TITLE_MAX = 100
"""The title in the footer is cut to this many characters (at a word), so the footer stays one line."""
KEEP_ROW_LINES, CELL_CHARS = 24, 40
"""A before/after row of up to about 24 lines (a third of a page) stays on one page, its cells' text reckoned at 40
characters a line, fewer than its half of the page holds. A longer row may split, or it would leave most of a page
empty before it. Where a short row split, LibreOffice left one line of a quote's citation, "2)", alone on the next
page, though the paragraph keeps its lines together (a liaison's read)."""
FOOTER_CENTRE = 4535
"""The template's Footer style's centre tab stop, in twips, which the footer clears."""


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    buf = io.BytesIO()
    render_docx(build_memo(v, sel, lang, provenance, **opts)).save(buf)
    path.write_bytes(_reproducible(buf.getvalue(), document_time(provenance).timetuple()[:6]))


def _reproducible(package: bytes, when: tuple[int, ...]) -> bytes:
    """The package again, every entry stamped with the same time (python-docx stamps the time of saving)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)  # type: ignore[arg-type]
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info))
    return out.getvalue()


def render_docx(memo: Memo) -> Any:
    """The memo as a python-docx Document, from the template."""
    L, lang = memo.L, memo.lang
    doc = Document(io.BytesIO(files(__package__).joinpath(TEMPLATE).read_bytes()))
    _ox_language(doc, LANG_TAG[lang])
    w = _Doc(doc)

    props = doc.core_properties
    props.author = props.last_modified_by = memo.options.sender or ""
    props.title = shorten(memo.title, META_MAX)
    props.subject = shorten(memo.subject, META_MAX)
    props.language = LANG_TAG[lang]
    props.created = props.modified = document_time(memo.provenance)
    props.revision = 1

    # page furniture: the draft marker on top of every page, and from page 2 the nota's date and reference (a page
    # that strays is still placed); title and "pagina X van Y" at the bottom of every page
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    later = [(L["date"], long_date(memo.date, lang)), (L["reference"], memo.options.reference or "")]
    for header, fields in ((section.first_page_header, []), (section.header, [f for f in later if f[1]])):
        p = header.paragraphs[0]
        if memo.draft:
            p.style = "Draft Marker"
            p.add_run(L["draft"] + " \u2013 " + clean(memo.data_version))
            p = header.add_paragraph() if fields else p
        for i, (label, value) in enumerate(fields):
            p.add_run(("\u2003" if i else "") + label + " ").bold = True
            p.add_run(clean(value))
    for footer in (section.first_page_footer, section.footer):
        _footer(footer.paragraphs[0], memo)

    # the nota header: its kind and title (naming a group it is limited to), then its fields
    w.para(f"{L['nota']}: {clean(memo.title)}", "Title")
    if memo.draft:
        w.para(clean(memo.draft_text), "Draft Marker")
    for label, value in memo.header_fields(attached=True):
        w.labelled(label, "\t" + clean(value), "Memo Field")

    # the occasion: the letter, what it changes, what it rests on, and what the nota is for; then the summary: the
    # letter's changes in our words, one plain sentence on the status on the memo's date, one on how current it is
    w.para(L["occasion"], "Heading 1")
    for text in [*memo.summary[: memo.occasion], L["purpose"]]:
        w.para(clean(text))
    w.para(L["summary"], "Heading 1")
    for text in [*memo.summary[memo.occasion :], memo.status, memo.currency, *([memo.later_note] if memo.later_note else [])]:
        w.para(clean(text))
    w.para(L["summary_note"], "Note")

    # overview table: a header row that repeats on every page, rows that do not split
    w.para(L["overview"], "Heading 1")
    # the status is the one on the memo's date (the summary's "Stand op ..."): the header says which
    headers = (L["change"], L["kind"], L["section"], L["groups"], L["status_on"].format(day=long_date(memo.date, lang)))
    rows = [(c.title, c.kind, c.placement.label, ", ".join(c.groups) or "\u2013", c.status) for c in memo.changes]
    _table(w, OVERVIEW_COLS, headers, rows)

    # what stays the same
    w.para(L["kept"], "Heading 1")
    if memo.kept:
        w.para(L["kept_intro"]).paragraph_format.keep_with_next = True  # never alone at a page's foot
        for k in memo.kept:
            w.para(clean(k.title), "Heading 2")
            w.para(clean(f"{L['section']}: {k.sourced}"), "Memo Meta").paragraph_format.keep_with_next = True
            w.para(clean(k.summary))
            _quotes(w, L["quotes"], k.quotes, memo)
            if k.inference:
                w.para(clean(k.inference), "Note")
            if k.context and memo.annex:  # as a change names them
                w.para(clean(memo.context_refs(k)), "Quote Source")
    else:
        w.para(L["kept_none"])

    # each change: what it is, before and after with the quotes behind each, the rest of its justification
    w.para(L["changes"], "Heading 1")
    for c, above in zip(memo.changes, memo.context_above(), strict=True):
        _change(w, c, memo, above)

    _sources(w, memo)
    if memo.annex:
        _annex(w, memo)
    return doc


def _footer(p: Any, memo: Memo) -> None:
    """The title on the left, "pagina X van Y" at the right margin: the paragraph keeps only the Footer style's
    right stop, so a long title does not tab past its centre stop and push the page number onto a line of its own."""
    L = memo.L
    p.paragraph_format.tab_stops.add_tab_stop(Twips(FOOTER_CENTRE), WD_TAB_ALIGNMENT.CLEAR)
    p.add_run(shorten(memo.title, FOOTER_TITLE_MAX) + (f" \u2013 {L['draft']}" if memo.draft else ""))
    p.add_run("\t" + L["page_of"][0])
    _ox_field(p, "PAGE")
    p.add_run(L["page_of"][1])
    _ox_field(p, "NUMPAGES")


class _Doc:
    """The document being written, with the template's style ids looked up once: python-docx looks a style given
    by name up again for every paragraph, which took a third of a memo's time."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.ids = {s.name: s.style_id for s in doc.styles}

    def para(self, text: str = "", style: str | None = None, container: Any = None) -> Any:
        """A paragraph of text in the named style, at the end of the body (or of container, a table cell)."""
        p = (container or self.doc).add_paragraph(text)
        if style is not None:
            p._p.style = self.ids[style]
        return p

    def labelled(self, label: str, text: str, style: str) -> Any:
        """A paragraph of text after its label in bold."""
        p = self.para("", style)
        p.add_run(label).bold = True
        p.add_run(text)
        return p

    def linked(self, text: str, url: str | None, style: str) -> None:
        """A paragraph of data text followed by its address as a link, where it has one."""
        p = self.para(clean(text), style)
        if url:
            p.add_run(" ")
            _ox_link(p, url)


def _change(w: _Doc, c: ChangeView, memo: Memo, above: dict[int, str]) -> None:
    """A change: its line of kind, place, groups and status; before and after side by side, each with its quotes;
    what is new with the letter's words; what is not established and what is our inference; the rest of the
    justification; the facts about the Vc text beside it (above: those shown under an earlier change, by index, with
    that change's title)."""
    L = memo.L
    w.para(clean(c.title), "Heading 2")
    w.para(clean(" \u00b7 ".join(c.meta(L))), "Memo Meta").paragraph_format.keep_with_next = True
    sides = ((c.before_shown, c.before_quotes), (c.after_shown, c.after_quotes_shown()))
    long = max(_cell_lines(text, quotes) for text, quotes in sides) > KEEP_ROW_LINES
    table = _table(w, BEFORE_AFTER_COLS, (L["before"], L["after"]), [(c.before_shown, c.after_shown)], style="Cell Text", split=long)
    for cell, (_, quotes) in zip(table.rows[1].cells, sides, strict=True):
        for q in quotes:
            p = w.para("", "Cell Quote", cell)
            _quote_run(p, q.text, memo)
            p.add_run(" \u2014 " + q.label).italic = False
    # below the table: what is new with the letter's words, then what is not established and what is inferred
    if c.new:
        p = w.para(clean(c.new))
        p.paragraph_format.space_before = AFTER_TABLE
        p.paragraph_format.keep_with_next = bool(c.new_quotes)
        _quotes(w, None, c.new_quotes, memo)
    for caveat in c.caveats:
        w.para(clean(caveat), "Note").paragraph_format.space_before = AFTER_TABLE
    if c.reason:  # ours, before the letter's words
        w.labelled(f"{L['reason']}: ", clean(c.reason), "Normal").paragraph_format.space_before = AFTER_TABLE
    _quotes(w, L["justification_quotes"], c.extra_quotes(), memo)
    if said := memo.justified_above(c):
        w.para(clean(said), "Quote Source" if c.extra_quotes() else "Quote Label")
    if c.context and memo.annex:  # the facts stand once in the annex, and the change names them
        w.para(clean(memo.context_refs(c)), "Quote Source")
    elif c.context:
        shown = c.shown()
        w.para(L["context"] + ":", "Quote Label")
        for j, f in enumerate(c.context):
            if j in above:
                w.para(clean(f"{f.ref}: {L['context_above'].format(title=above[j])}"), "Quote Source")
                continue
            w.para(clean(f"{f.text} {f.cited(L)}"), "Quote Source")
            if f.fate:  # a quote the change shows above is named by where it stands, at the end of the fate
                fate, rest = f.fate_shown(shown, L["quoted_above"])
                w.para(clean(fate), "Quote Source")
                _quotes(w, None, rest, memo)
    if c.url:
        p = w.para("", "Memo Meta")
        p.add_run(f"{L['on_site']}: ")
        _ox_link(p, c.url)


def _sources(w: _Doc, memo: Memo) -> None:
    """The letter (with its Kamerstuk number or "onbekend" and its header discrepancy), the publications it is
    connected to, and what is known since, each with its link."""
    L = memo.L
    w.para(L["sources"], "Heading 1")
    for lv, line in zip(memo.letters, memo.letter_lines(), strict=True):
        w.labelled(f"{L['letter']}: ", clean(line), "List Bullet")
        for note in lv.discrepancies:
            w.labelled(f"{L['discrepancy']}: ", clean(note), "List Bullet")
    if memo.publications:
        w.para(L["publications"] + ":", "Quote Label")
        for pub in memo.publications:
            w.linked(f"{pub.what}: {pub.cited()}", pub.url, "List Bullet")
    for heading, items in memo.developments():
        w.para(heading + ":", "Quote Label")
        for f in items:
            w.linked(f"{f.text} {f.cited(L)}", f.url, "List Bullet")


def _annex(w: _Doc, memo: Memo) -> None:
    """Everything about how the memo was made, on pages of its own."""
    L = memo.L
    w.para(memo.annex_title(), "Heading 1").paragraph_format.page_break_before = True
    facts = memo.context_annex
    if facts:
        w.para(L["context_annex"], "Heading 2")
        w.para(L["context_annex_intro"], "Annex Text")
        for n, a in enumerate(facts, start=1):
            f = a.fact
            w.para(clean(f"{n}. {f.ref or f.text}"), "Quote Label")
            w.para(clean(f"{f.plain or f.text} {f.cited(L)}"), "Annex Text")
            if f.fate:  # a quote a change shows is named by where it stands in the letter, at the end of the fate
                fate, rest = f.fate_shown(a.shown, L["quoted_with"])
                w.para(clean(fate), "Annex Text")
                _quotes(w, None, rest, memo)
            w.doc.paragraphs[-1].paragraph_format.keep_with_next = True  # "Hoort bij" never heads a page alone
            w.para(clean(a.belongs_to(L)), "Quote Source")
    for heading, notes in memo.annex_notes():
        w.para(heading, "Heading 2")
        for note in notes:
            w.para(clean(note), "Annex Text")
    if memo.facts:
        w.para(L["facts"], "Heading 2")
        for f in memo.facts:
            w.linked(f"{f.text} {f.cited(L)}", f.url, "Annex Text")
    w.para(L["data_label"], "Heading 2")
    block = w.para("", "Annex Text")  # one paragraph of lines, kept on one page: a page never holds only its last lines
    block.paragraph_format.keep_together = True
    for i, (label, value) in enumerate(memo.annex_lines()):
        if i:
            block.add_run().add_break()
        block.add_run(label + ": ").bold = True
        block.add_run(clean(value))


def _quotes(w: _Doc, heading: str | None, quotes: list[QuoteView], memo: Memo) -> None:
    """Each quote in the Quote style with where it stands under it; after a heading, when given."""
    if not quotes:
        return
    if heading:
        w.para(heading + ":", "Quote Label")
    for q in quotes:
        _quote_run(w.para("", "Quote"), q.text, memo)
        w.para(clean("\u2014 " + q.reference), "Quote Source")


def _quote_run(p: Any, text: str, memo: Memo) -> None:
    """A quote's words: Dutch, whatever the memo's language, so a spelling checker reads them as Dutch."""
    run = p.add_run(clean(text))
    if LANG_TAG[memo.lang] != QUOTE_LANG:
        _ox_run_language(run, QUOTE_LANG)


def _cell_lines(text: str, quotes: list[QuoteView]) -> int:
    """About how many lines a before/after cell takes: its text and each quote with its label, at CELL_CHARS a line."""
    return sum(len(t) // CELL_CHARS + 1 for t in (text, *(q.text + q.label for q in quotes)))


def _table(w: _Doc, widths: tuple[float, ...], headers: Sequence[str], rows: Sequence[Sequence[str]], style: str = "Table Text", split: bool = False) -> Any:
    """A fixed-width "Table Grid" table, its cells' text in style: a shaded header row that repeats on every page and
    keeps with the next row. Its rows split over pages only where split (a long before/after row)."""
    table = w.doc.add_table(rows=1 + len(rows), cols=len(widths), style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for i, row in enumerate(table.rows):
        texts = headers if i == 0 else rows[i - 1]
        for cell, text, cm in zip(row.cells, texts, widths, strict=True):
            cell.width = Cm(cm)
            p = cell.paragraphs[0]
            p._p.style = w.ids[style]
            run = p.add_run(clean(text))
            if i == 0:
                run.bold = True
                p.paragraph_format.keep_with_next = True
                _ox_shade(cell, HEAD_FILL)
        _ox_row(row, header=i == 0, split=split and i > 0)
    for col, cm in zip(table.columns, widths, strict=True):
        col.width = Cm(cm)
    return table


# --- what python-docx has no API for --------------------------------------------------------------------


def _el(tag: str, **attrs: str) -> Any:
    e = OxmlElement(tag)
    for k, val in attrs.items():
        e.set(qn(f"w:{k}"), val)
    return e


def _ox_language(doc: Any, tag: str) -> None:
    """The document language: on the defaults of the styles (the template has it there only) and for the theme."""
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for el in (defaults.find(qn("w:lang")), *doc.settings.element.findall(qn("w:themeFontLang"))):
        el.set(qn("w:val"), tag)
        el.set(qn("w:eastAsia"), tag)


def _ox_run_language(run: Any, tag: str) -> None:
    rpr = run._r.get_or_add_rPr()
    rpr.insert_element_before(_el("w:lang", val=tag), "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _ox_row(row: Any, *, header: bool, split: bool = False) -> None:
    """A row that does not split over pages (unless split); a header row repeats on every page."""
    trpr = row._tr.get_or_add_trPr()
    if not split:
        trpr.append(_el("w:cantSplit"))
    if header:
        trpr.append(_el("w:tblHeader"))


def _ox_shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    tcpr.insert_element_before(
        _el("w:shd", val="clear", color="auto", fill=fill),
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    )


def _ox_field(paragraph: Any, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay the pages out."""
    for part in ("begin", "instr", "separate", "result", "end"):
        run = paragraph.add_run()
        if part == "instr":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = f" {instruction} "
            run._r.append(it)
        elif part == "result":
            run.text = "1"
        else:
            run._r.append(_el("w:fldChar", fldCharType=part))


def _ox_link(paragraph: Any, url: str) -> None:
    """An external hyperlink around one run, the address itself, in the template's Hyperlink style."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = paragraph.add_run(clean(url), "Hyperlink")
    link.append(run._r)
    paragraph._p.append(link)
