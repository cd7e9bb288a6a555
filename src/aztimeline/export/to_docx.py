"""A Word memo in the form of a ministry nota: A4, header block, summary, overview table, each change, provenance.

python-docx opens its default template and sets up the styles, the page, the header and the footer; the document
language needs a few OOXML elements of its own (`_ox_*` helpers). That prepared template does not depend on the
memo, only on its language and on whether it is a draft (which adds the header), so it is made once per process
and kept as the parts' bytes, the unchanging ones also compressed for the zip (`_skeleton`).

Each memo then fills in four parts: the body (every paragraph, run and table), the draft header, the footer
and the core properties. They are written as lxml elements by `_Body`, in exactly the form python-docx's
paragraph, run and table API gives: that API inserts each property in schema order one call at a time and
writes a run's text one character at a time, which made it most of a memo's CPU time. The parts then go into
the zip once, already normalised (`reproducible.write_zip`). The file is byte for byte what python-docx's own
calls and `doc.save()` made before, except that a table's properties now stand in the schema's order (see
`_Body.table`) and the core properties carry a title or subject longer than they may hold shortened (`_meta`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..timeline import long_date
from ..validate import Validated
from . import Selection
from .common import Memo, QuoteView, build_memo, clean, shorten
from .reproducible import pack, stamp_time, write_zip

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
                # in schema order (CT_RPr): after everything but these
                lang = rpr.insert_element_before(_el("w:lang"), "w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")
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


def _field(body: _Body, instruction: str, placeholder: str, size: float) -> str:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay the page out: five runs,
    each with the given font size, as python-docx's `add_run` plus the field elements made them."""
    return "".join(
        (
            body.r("", size=size, extra='<w:fldChar w:fldCharType="begin"/>'),
            body.r("", size=size, extra=f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>'),
            body.r("", size=size, extra='<w:fldChar w:fldCharType="separate"/>'),
            body.r(placeholder, size=size),
            body.r("", size=size, extra='<w:fldChar w:fldCharType="end"/>'),
        )
    )


# --- the document --------------------------------------------------------------------------------------------


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    memo = build_memo(v, sel, lang, provenance, site_url=opts.get("site_url"))
    # the template's parts were compressed once, with the template: only the memo's own parts are compressed here
    write_zip(path, render_docx(memo), stamp_time(provenance), _skeleton(memo.lang, memo.draft).packed)


def _package_entries(doc: Any) -> list[tuple[str, bytes]]:
    """The package's entries (name, bytes) in the order `doc.save()` writes them, without writing a zip.

    The same steps as python-docx's `OpcPackage.save` and `PackageWriter.write` (python-docx is pinned in
    requirements.lock); only the zip is left to `write_zip`, so the file is compressed once, not written,
    read back and compressed again.
    """
    from docx.opc.pkgwriter import PackageWriter

    class Collect:
        def __init__(self) -> None:
            self.entries: list[tuple[str, bytes]] = []

        def write(self, pack_uri: Any, blob: bytes) -> None:
            self.entries.append((pack_uri.membername, blob))

    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out: Any = Collect()  # the writer PackageWriter writes each item to
    PackageWriter._write_content_types_stream(out, parts)
    PackageWriter._write_pkg_rels(out, package.rels)
    PackageWriter._write_parts(out, parts)
    return out.entries


@dataclass(frozen=True)
class _Skeleton:
    """The prepared template for one language, draft or not: the package's entries (name, bytes) in save order,
    the same compressed for the zip (those no memo changes), the style ids the body refers to, and the names of
    the parts each memo fills in."""

    entries: tuple[tuple[str, bytes], ...]
    packed: dict[str, tuple[bytes, int, bytes]]
    ids: dict[str, str]
    grid: str | None
    document: str
    header: str | None
    footer: str
    core: str


_SKELETONS: dict[tuple[str, bool], _Skeleton] = {}


def _skeleton(lang: str, draft: bool) -> _Skeleton:
    """The prepared template, made on first use in this process: it depends only on this module and python-docx."""
    sk = _SKELETONS.get((lang, draft))
    if sk is None:
        sk = _SKELETONS[(lang, draft)] = _make_skeleton(lang, draft)
    return sk


def _make_skeleton(lang: str, draft: bool) -> _Skeleton:
    """python-docx's default template with this memo's styles, page, language and (empty) header and footer.

    The steps are those of a memo in this order, with an empty title and subject in the core properties
    (set where the memo's go, so the elements stand in the same order); `render_docx` fills in the rest.
    """
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor, Twips

    doc = Document()
    _ox_fonts_and_language(doc, LANG_TAG[lang])

    props = doc.core_properties
    props.author = "aztimeline"
    props.last_modified_by = "aztimeline"
    props.title = ""  # the memo's, in render_docx
    props.subject = ""  # the memo's, in render_docx
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

    # page furniture: a header for the draft marker on top of every page (a draft only); the footer
    header = section.header.part.partname.membername if draft else None
    # The template's header and footer tab stops are set for US Letter: move them to this text width.
    for name in ("Header", "Footer"):
        stops = st[name].paragraph_format.tab_stops
        stops.clear_all()
        stops.add_tab_stop(Cm(TEXT_W / 2), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Cm(TEXT_W), WD_TAB_ALIGNMENT.RIGHT)
    fp = section.footer.paragraphs[0]
    # title on the left, "pagina X van Y" on the right: no centre stop for the one tab to fall on
    fp.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_W / 2), WD_TAB_ALIGNMENT.CLEAR)
    footer = section.footer.part.partname.membername

    entries = tuple(_package_entries(doc))
    document, core = doc.part.partname.membername, _core_membername(doc)
    filled = {document, core, footer, header}
    return _Skeleton(
        entries=entries,
        packed=pack((name, data) for name, data in entries if name not in filled),
        ids=ids,
        grid=grid,
        document=document,
        header=header,
        footer=footer,
        core=core,
    )


META_MAX = 255
FOOTER_TITLE_MAX = 100
"""The title in the footer is cut to this many characters (at a word), so the footer stays one line; the body has it whole."""
"""The most characters a core property (title, subject) holds: python-docx refuses more, as Office does."""


def _meta(text: str) -> str:
    """A title or subject for the core properties: one clean line of at most `META_MAX` characters (common.shorten).
    The body keeps the full text."""
    return shorten(text, META_MAX)


def _core_membername(doc: Any) -> str:
    """The core properties part's name in the zip (docProps/core.xml in python-docx's template)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return str(doc.part.package.part_related_by(RT.CORE_PROPERTIES).partname.membername)


def render_docx(memo: Memo) -> list[tuple[str, bytes]]:
    """The memo's package entries (name, bytes) in the order python-docx saves them: the prepared template's,
    with the memo's body, footer, draft header and core properties filled in."""
    from docx.opc.coreprops import CoreProperties
    from docx.oxml.parser import parse_xml
    from lxml import etree

    L = memo.L
    lang = memo.lang
    sk = _skeleton(lang, memo.draft)
    parts = dict(sk.entries)

    # core properties: the memo's title and subject; the empty ones again, as a parsed "" reads back as no text
    core = parse_xml(parts[sk.core])  # python-docx's element, for its property setters
    props = CoreProperties(core)
    props.title = _meta(memo.title)
    props.subject = _meta(memo.subject)
    props.comments = props.keywords = props.category = ""
    parts[sk.core] = etree.tostring(core, encoding="UTF-8", standalone=True)  # as python-docx serialises a part

    body = _Body(sk.ids, sk.grid)
    para, r = body.para, body.r
    draft_red = "B41E1E"

    # page furniture: draft marker on top of every page; title and "pagina X van Y" at the bottom
    filled: dict[str, str] = {}  # part name -> runs for its one paragraph, or the document's body
    if sk.header:
        filled[sk.header] = r(L["draft"] + " \u2013 " + clean(memo.data_version), bold=True, color=draft_red, size=8)
    filled[sk.footer] = "".join(
        (
            r(shorten(memo.title, FOOTER_TITLE_MAX) + (f" \u2013 {L['draft']}" if memo.draft else ""), size=8),
            r("\t" + L["page_of"][0], size=8),
            _field(body, "PAGE", "1", 8),
            r(L["page_of"][1], size=8),
            _field(body, "NUMPAGES", "1", 8),
        )
    )

    # the body, in document order: title and header block
    para(memo.title, "Title")
    if memo.draft:
        para(memo.draft_text, bold=True, color=draft_red)
    for label, value in (
        (L["subject_label"], memo.subject),
        (memo.date_label, long_date(memo.day, lang)),
        (L["kenmerk_label"], memo.kenmerk),
        (L["data_label"], memo.data_version),
        (L["selection"], memo.selection),
    ):
        body.p(
            r(label, bold=True) + r("\t" + clean(value), rpr=False),
            tab=body.label_w,
            after=body.pt2,
            left=body.label_w,
            hanging=body.label_w,
        )

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

    # overview table: a header row that repeats on every page, rows that do not split
    para(L["overview"], "Heading 1")
    headers = (L["change"], L["kind"], L["section"], L["announced"], L["codification"], L["groups"])
    rows = [
        (c.title, c.kind, c.section, long_date(c.announced, lang), c.codification, ", ".join(c.groups) or "\u2013") for c in memo.changes
    ]
    body.table(OVERVIEW_COLS, headers, rows, align_left=True)

    # what stays the same
    para(L["kept"], "Heading 1")
    if memo.kept:
        para(L["kept_intro"])
        for k in memo.kept:
            para(k.title, "Heading 2")
            para(f"{L['section'].split(' (')[0]}: {k.section}", size=9)
            para(k.summary)
            _quotes(body, k.quotes, L)
    else:
        para(L["kept_none"])

    # each change
    para(L["changes"], "Heading 1")
    for c in memo.changes:
        para(c.title, "Heading 2")
        para(c.meta(L, lang), size=9, keep_next=True)
        para(f"{L['codification']}: {c.codification}", size=9, keep_next=True)
        before_after = [(c.before or L["none"], c.after or L["none"])]
        body.table(BEFORE_AFTER_COLS, (L["before"], L["after"]), before_after, header_size=9, row_size=9.5, keep_header_with_next=True)
        _quotes(body, c.quotes, L)
        if c.context:
            para(L["context"] + ":", size=9, bold=True, keep_next=True, before=body.pt6)
            for f in c.context:
                para(f"{f.text} ({L['record']}: {f.record}; {f.confidence})", size=9, left=body.quote_w)

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
        body.p(r(label + ": ", bold=True, size=8.5) + r(clean(value), size=8.5), after=body.pt1)

    # Into the template's parts: the body before the section properties (all the template's body holds), the
    # runs at the end of the header's or footer's one paragraph. Parsed and written out again by lxml: the part
    # is well-formed, and serialised as python-docx serialises a part.
    filled[sk.document] = body.xml()
    for name, xml in filled.items():
        at = b"<w:body><w:sectPr" if name == sk.document else b"</w:p>"
        i = parts[name].find(at)
        if i < 0 or parts[name].find(at, i + 1) >= 0:
            raise RuntimeError(f"python-docx's template {name} does not hold exactly one {at.decode()}")
        i += len(b"<w:body>") if name == sk.document else 0
        parts[name] = etree.tostring(etree.fromstring(parts[name][:i] + xml.encode() + parts[name][i:]), encoding="UTF-8", standalone=True)
    return [(name, parts[name]) for name, _ in sk.entries]


TABLE_FONT = 7.5
"""The overview table's font size: with OVERVIEW_COLS it fits the longest words ("vestigingsalternatief")."""


class _Body:
    """The document body as WordprocessingML text: paragraphs, runs and tables.

    Each element comes out as python-docx's API made it (`add_paragraph`, `add_run`, `run.bold`, `font.size`,
    `paragraph_format.*`, `add_table`), with the same attributes: properties in schema order (tables: see `table`),
    an empty `w:rPr` where a property was set to None, a tab as `w:tab`, a line break as `w:br`, and
    `xml:space="preserve"` on text with leading or trailing white space. Only the per-character and per-property
    Python work is gone. `render_docx` parses the text into the document and lets lxml serialise it.
    """

    def __init__(self, ids: dict[str, str], grid: str | None) -> None:
        from docx.shared import Cm, Pt

        self.out: list[str] = []
        self.ids = ids
        self.grid = grid
        self._hps: dict[float, str] = {}
        self._pt = Pt
        # lengths as python-docx writes them (twips, rounded the way its Length.twips rounds)
        self.label_w = str(Cm(3.8).twips)
        self.quote_w = str(Cm(QUOTE_INDENT).twips)
        self.pt0, self.pt1, self.pt2, self.pt6 = (str(Pt(n).twips) for n in (0, 1, 2, 6))

    def xml(self) -> str:
        return "".join(self.out)

    def size(self, pt: float) -> str:
        """A font size in half-points, as python-docx's `font.size = Pt(pt)` writes it."""
        hps = self._hps.get(pt)
        if hps is None:
            hps = self._hps[pt] = str(int(self._pt(pt).pt * 2))
        return hps

    def ppr(
        self,
        *,
        style: str | None = None,
        keep_next: bool = False,
        tab: str | None = None,
        before: str | None = None,
        after: str | None = None,
        line: str | None = None,
        left: str | None = None,
        hanging: str | None = None,
    ) -> str:
        """Paragraph properties in schema order: style, keepNext, tabs, spacing, ind; none, no `w:pPr`."""
        if not (style or keep_next or tab or before or after or line or left or hanging):
            return ""
        out = ["<w:pPr>"]
        if style:
            out.append(f'<w:pStyle w:val="{self.ids[style]}"/>')
        if keep_next:
            out.append("<w:keepNext/>")
        if tab:
            out.append(f'<w:tabs><w:tab w:pos="{tab}" w:val="left"/></w:tabs>')
        if before or after or line:
            out.append("<w:spacing")
            if before:
                out.append(f' w:before="{before}"')
            if after:
                out.append(f' w:after="{after}"')
            if line:
                out.append(f' w:line="{line}" w:lineRule="auto"')
            out.append("/>")
        if left or hanging:
            out.append("<w:ind")
            if left:
                out.append(f' w:left="{left}"')
            if hanging:
                out.append(f' w:hanging="{hanging}"')
            out.append("/>")
        out.append("</w:pPr>")
        return "".join(out)

    def p(self, runs: str = "", **fmt: Any) -> None:
        """A paragraph of these runs, with the paragraph properties `fmt` (see `ppr`)."""
        self.out.append(f"<w:p>{self.ppr(**fmt)}{runs}</w:p>")

    def r(
        self,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        color: str | None = None,
        size: float | None = None,
        rpr: bool = True,
        extra: str = "",
    ) -> str:
        """A run; with `rpr` its properties (possibly none: an empty `w:rPr`) in schema order: b, i, color, sz;
        then `extra` (field elements), then the text."""
        out = ["<w:r>"]
        if rpr:
            out.append("<w:rPr>")
            if bold:
                out.append("<w:b/>")
            if italic:
                out.append("<w:i/>")
            if color:
                out.append(f'<w:color w:val="{color}"/>')
            if size:
                out.append(f'<w:sz w:val="{self.size(size)}"/>')
            out.append("</w:rPr>")
        out.append(extra)
        if "\t" in text or "\n" in text or "\r" in text:
            buf: list[str] = []
            for ch in text:
                if ch == "\t" or ch in "\r\n":
                    out.append(_t("".join(buf)))
                    buf.clear()
                    out.append("<w:tab/>" if ch == "\t" else "<w:br/>")
                else:
                    buf.append(ch)
            out.append(_t("".join(buf)))
        else:
            out.append(_t(text))
        out.append("</w:r>")
        return "".join(out)

    def para(
        self,
        text: str = "",
        style: str | None = None,
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        color: str | None = None,
        **fmt: Any,
    ) -> None:
        """A paragraph of one run of cleaned text, as `doc.add_paragraph()` + `add_run` + bold/italic/size gave it."""
        self.p(self.r(clean(text), bold=bold, italic=italic, color=color, size=size) if text else "", style=style, **fmt)

    def table(
        self,
        widths: tuple[float, ...],
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        align_left: bool = False,
        header_size: float = TABLE_FONT,
        row_size: float = TABLE_FONT,
        keep_header_with_next: bool = False,
    ) -> None:
        """A fixed-width table in the "Table Grid" style: a shaded header row that repeats on every page (and keeps
        with the next row if asked), rows that never split over pages, cells of one run each.

        The properties stand in the order of the schema (ECMA-376 Part 1, CT_TblPr, CT_TrPr, CT_TcPr), which Word
        insists on: style, width, alignment, indent, layout, cell margins, look; a cell's width before its shading.
        (The python-docx calls this was first written with had appended some of them after `tblLook`.)
        """
        twips = [str(_twips(w)) for w in widths]
        out = ["<w:tbl><w:tblPr>"]
        if self.grid is not None:
            out.append(f'<w:tblStyle w:val="{self.grid}"/>')
        out.append(f'<w:tblW w:w="{sum(_twips(w) for w in widths)}" w:type="dxa"/>')
        if align_left:
            out.append('<w:jc w:val="left"/>')
        out.append('<w:tblInd w:w="0" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblCellMar>')
        for side, cm in (("top", 0.05), ("left", 0.08), ("bottom", 0.05), ("right", 0.08)):
            out.append(f'<w:{side} w:w="{_twips(cm)}" w:type="dxa"/>')
        out.append("</w:tblCellMar>")
        out.append('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>')
        out.append("</w:tblPr><w:tblGrid>")
        out.extend(f'<w:gridCol w:w="{tw}"/>' for tw in twips)
        out.append("</w:tblGrid>")
        for texts, is_header, font in ((headers, True, header_size), *((r, False, row_size) for r in rows)):
            out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if is_header else "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="DCE3EC"/>' if is_header else ""
            ppr = self.ppr(keep_next=is_header and keep_header_with_next, after=self.pt0, line="240")  # line spacing 1.0
            for text, tw in zip(texts, twips, strict=True):
                run = self.r(clean(text), bold=is_header, size=font)
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{tw}" w:type="dxa"/>{shade}</w:tcPr><w:p>{ppr}{run}</w:p></w:tc>')
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.out.append("".join(out))


def _t(text: str) -> str:
    """A `w:t` of `text` (none for empty text), preserving leading and trailing white space as python-docx does."""
    if not text:
        return ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<w:t xml:space="preserve">{text}</w:t>' if len(text.strip()) < len(text) else f"<w:t>{text}</w:t>"


def _quotes(body: _Body, quotes: list[QuoteView], L: dict[str, Any]) -> None:
    if not quotes:
        return
    body.para(L["quotes"] + ":", size=9, bold=True, keep_next=True, before=body.pt6)
    for q in quotes:
        body.para(q.text, "Quote", keep_next=True)
        body.p(body.r(clean("\u2014 " + q.reference), size=8.5), after=body.pt6, left=body.quote_w)
