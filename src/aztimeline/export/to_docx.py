"""A Word memo in the form of a ministry nota: A4, header block, summary, overview table, each change, provenance.

Exports do not import python-docx (nor lxml). The memo starts from a prepared template, the "skeleton":
python-docx's default template with the memo's styles, A4 page, document language, core properties and (empty)
header and footer. It depends only on this module's constants, the language, whether the memo is a draft (which
adds the header) and python-docx's pinned version, so it is made ahead with python-docx by
`docx_skeleton.make_skeleton` and stored as package data (`docx_skeleton.json`): each part as zip deflates it,
so the parts no memo changes are copied into the zip as they stand (`_skeleton`). After changing the styles
or page set-up, or upgrading python-docx, make it again (tests/test_export_docx_skeleton.py fails until then):

    .venv/bin/python -m aztimeline.export.docx_skeleton

Each memo then fills in four parts: the body (every paragraph, run and table), the draft header, the footer
and the core properties (title and subject, `_core`). The body is written as WordprocessingML text by `_Body`,
in exactly the form python-docx's paragraph, run and table API gives and lxml serialises: that API inserts each
property in schema order one call at a time and writes a run's text one character at a time, which made it
most of a memo's CPU time. The parts then go into the zip once, already normalised (`reproducible.write_zip`).
The file is byte for byte what python-docx's own calls and `doc.save()` made before, except that a table's
properties now stand in the schema's order (see `_Body.table`) and the core properties carry a title or subject
longer than they may hold shortened (`_meta`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..timeline import long_date
from ..validate import Validated
from . import Selection
from .common import Memo, QuoteView, build_memo, clean, shorten
from .reproducible import _normalised, deflate, stamp_time, write_zip

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


def _cm_emu(cm: float) -> int:
    """python-docx's Cm(cm): English Metric Units, truncated."""
    return int(cm * 360000)


def _pt_emu(pt: float) -> int:
    """python-docx's Pt(pt): English Metric Units, truncated."""
    return int(pt * 12700)


def _length_twips(emu: int) -> int:
    """python-docx's Length.twips: the length in twentieths of a point, rounded."""
    return int(round(emu / 635.0))


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
    # the template's parts are stored as the zip holds them (compressed): only the memo's own parts are compressed here
    write_zip(path, render_docx(memo), stamp_time(provenance), _skeleton(memo.lang, memo.draft).packed)


SKELETON_FILE = "docx_skeleton.json"
"""The stored skeletons, next to this module (made by `python -m aztimeline.export.docx_skeleton`)."""


@dataclass(frozen=True)
class Skeleton:
    """The prepared template for one language, draft or not: the package's entries (name, bytes) in save order,
    the style ids the body refers to, the names of the parts each memo fills in, and (`packed`, once loaded)
    the entries no memo changes as `write_zip` copies them: (data as written, CRC-32, compressed data)."""

    entries: tuple[tuple[str, bytes], ...]
    ids: dict[str, str]
    grid: str | None
    document: str
    header: str | None
    footer: str
    core: str
    packed: dict[str, tuple[bytes, int, bytes]] = field(default_factory=dict, compare=False, repr=False)


def variant_name(lang: str, draft: bool) -> str:
    """A skeleton's name in the stored file: "nl", "nl-draft", "en", "en-draft"."""
    return f"{lang}-draft" if draft else lang


_SKELETONS: dict[tuple[str, bool], Skeleton] = {}
_PARTS: dict[str, tuple[bytes, int, bytes]] = {}
"""The stored parts, by key: (data, CRC-32, compressed data), read on first use and shared by the variants."""
_VARIANTS: dict[str, Any] = {}
"""The stored variants, by `variant_name`: entries (name, part key), style ids and the names of the filled parts."""


def _skeleton(lang: str, draft: bool) -> Skeleton:
    """The prepared template, read from the stored file on first use in this process."""
    sk = _SKELETONS.get((lang, draft))
    if sk is None:
        sk = _SKELETONS[(lang, draft)] = _load_skeleton(lang, draft)
    return sk


def _load_skeleton(lang: str, draft: bool) -> Skeleton:
    """One variant from `SKELETON_FILE`, its unchanging entries ready for `write_zip` to copy.

    The parts are stored as zip deflates them. Where this Python's zlib would compress them differently (another
    zlib version or build: a part compressed here would not come out as stored), they are compressed again here,
    so the file is exactly the one compressing every part at export time gives.
    """
    import binascii
    import json
    import zlib

    if not _PARTS:
        stored = json.loads(Path(__file__).with_name(SKELETON_FILE).read_bytes())
        unpacked = {}
        for key, b64 in stored["parts"].items():
            comp = binascii.a2b_base64(b64)
            data = zlib.decompress(comp, -15)
            unpacked[key] = (data, zlib.crc32(data), comp)
        probe = max((p for p in unpacked.values() if len(p[0]) <= 16_384), key=lambda p: (len(p[0]), p[0]))
        if stored["zlib"] != zlib.ZLIB_RUNTIME_VERSION or deflate(probe[0]) != probe[1:]:
            unpacked = {key: (data, *deflate(data)) for key, (data, _, _) in unpacked.items()}
        _PARTS.update(unpacked)
        _VARIANTS.update(stored["variants"])
    v = _VARIANTS[variant_name(lang, draft)]
    entries = tuple((name, _PARTS[key][0]) for name, key in v["entries"])
    filled = {v["document"], v["core"], v["footer"], v["header"]}
    packed = {}
    for name, key in v["entries"]:
        if name in filled:
            continue
        data = _PARTS[key][0]
        norm = _normalised(name, data, b"")  # as written: the template's app.xml and thumbnail relation are not
        if norm is data:
            packed[name] = _PARTS[key]
        elif norm is not None:
            packed[name] = (norm, *deflate(norm))
    return Skeleton(
        entries=entries,
        ids=v["ids"],
        grid=v["grid"],
        document=v["document"],
        header=v["header"],
        footer=v["footer"],
        core=v["core"],
        packed=packed,
    )


META_MAX = 255
"""The most characters a core property (title, subject) holds: python-docx refuses more, as Office does."""
FOOTER_TITLE_MAX = 100
"""The title in the footer is cut to this many characters (at a word), so the footer stays one line; the body has it whole."""


def _meta(text: str) -> str:
    """A title or subject for the core properties: one clean line of at most `META_MAX` characters (common.shorten).
    The body keeps the full text."""
    return shorten(text, META_MAX)


def render_docx(memo: Memo) -> list[tuple[str, bytes]]:
    """The memo's package entries (name, bytes) in the order python-docx saves them: the prepared template's,
    with the memo's body, footer, draft header and core properties filled in."""
    L = memo.L
    lang = memo.lang
    sk = _skeleton(lang, memo.draft)
    parts = dict(sk.entries)
    parts[sk.core] = _core(parts[sk.core], _meta(memo.title), _meta(memo.subject))

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
    # runs at the end of the header's or footer's one paragraph. The text is in the form lxml serialises (as
    # python-docx saves a part): the part comes out as parsing and serialising it again would give.
    filled[sk.document] = body.xml()
    for name, xml in filled.items():
        at = b"<w:body><w:sectPr" if name == sk.document else b"</w:p>"
        i = parts[name].find(at)
        if i < 0 or parts[name].find(at, i + 1) >= 0:
            raise RuntimeError(f"the stored template's {name} does not hold exactly one {at.decode()}")
        i += len(b"<w:body>") if name == sk.document else 0
        parts[name] = parts[name][:i] + _xml_bytes(xml) + parts[name][i:]
    return [(name, parts[name]) for name, _ in sk.entries]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""A character XML 1.0 cannot hold (clean() drops the controls from data text; U+FFFE, U+FFFF and lone surrogates
it leaves). Listed rather than negated: the class of every allowed character takes milliseconds to compile."""


def _xml_bytes(xml: str) -> bytes:
    """XML text as UTF-8, refused (as lxml refused it) when it holds a character XML cannot hold."""
    bad = _NOT_XML.search(xml)
    if bad:
        raise ValueError(
            f"the text holds U+{ord(bad.group()):04X}, which a Word document cannot hold: {xml[max(0, bad.start() - 40) : bad.end() + 40]!r}"
        )
    return xml.encode("utf-8")


def _core(template: bytes, title: str, subject: str) -> bytes:
    """The core properties with this title and subject, written into the template's empty `dc:title` and
    `dc:subject` (the other texts stay empty, the times are set by `write_zip`): as python-docx's setters and
    lxml wrote them, the text escaped, an empty text as a start and an end tag."""
    out = template
    for tag, text in (("dc:title", title), ("dc:subject", subject)):
        empty = f"<{tag}></{tag}>".encode()
        if out.count(empty) != 1:
            raise RuntimeError(f"the stored template's core properties do not hold exactly one empty {tag}")
        out = out.replace(empty, f"<{tag}>".encode() + _xml_bytes(_escape(text)) + f"</{tag}>".encode())
    return out


def _escape(text: str) -> str:
    """Text as lxml writes it in an element: &, < and > escaped (quotes and other characters as they are)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


TABLE_FONT = 7.5
"""The overview table's font size: with OVERVIEW_COLS it fits the longest words ("vestigingsalternatief")."""


class _Body:
    """The document body as WordprocessingML text: paragraphs, runs and tables.

    Each element comes out as python-docx's API made it (`add_paragraph`, `add_run`, `run.bold`, `font.size`,
    `paragraph_format.*`, `add_table`), with the same attributes: properties in schema order (tables: see `table`),
    an empty `w:rPr` where a property was set to None, a tab as `w:tab`, a line break as `w:br`, and
    `xml:space="preserve"` on text with leading or trailing white space. Only the per-character and per-property
    Python work is gone. The text is also in the form lxml serialises a part in (python-docx saves parts with
    lxml): an element without children as `<w:rPr/>`, only &, < and > escaped in text, characters as UTF-8.
    """

    def __init__(self, ids: dict[str, str], grid: str | None) -> None:
        self.out: list[str] = []
        self.ids = ids
        self.grid = grid
        self._hps: dict[float, str] = {}
        # lengths as python-docx writes them (twips, rounded the way its Length.twips rounds)
        self.label_w = str(_length_twips(_cm_emu(3.8)))
        self.quote_w = str(_length_twips(_cm_emu(QUOTE_INDENT)))
        self.pt0, self.pt1, self.pt2, self.pt6 = (str(_length_twips(_pt_emu(n))) for n in (0, 1, 2, 6))

    def xml(self) -> str:
        return "".join(self.out)

    def size(self, pt: float) -> str:
        """A font size in half-points, as python-docx's `font.size = Pt(pt)` writes it."""
        hps = self._hps.get(pt)
        if hps is None:
            hps = self._hps[pt] = str(int(_pt_emu(pt) / 12700.0 * 2))
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
        ppr = self.ppr(**fmt)
        self.out.append(f"<w:p>{ppr}{runs}</w:p>" if ppr or runs else "<w:p/>")

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
            props = "".join(
                (
                    "<w:b/>" if bold else "",
                    "<w:i/>" if italic else "",
                    f'<w:color w:val="{color}"/>' if color else "",
                    f'<w:sz w:val="{self.size(size)}"/>' if size else "",
                )
            )
            out.append(f"<w:rPr>{props}</w:rPr>" if props else "<w:rPr/>")  # an element without children, as lxml writes it
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
        if len(out) == 1 or not any(out[1:]):
            return "<w:r/>"
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
    text = _escape(text)
    return f'<w:t xml:space="preserve">{text}</w:t>' if len(text.strip()) < len(text) else f"<w:t>{text}</w:t>"


def _quotes(body: _Body, quotes: list[QuoteView], L: dict[str, Any]) -> None:
    if not quotes:
        return
    body.para(L["quotes"] + ":", size=9, bold=True, keep_next=True, before=body.pt6)
    for q in quotes:
        body.para(q.text, "Quote", keep_next=True)
        body.p(body.r(clean("\u2014 " + q.reference), size=8.5), after=body.pt6, left=body.quote_w)
