"""The Word memo's prepared template ("skeleton"), made with python-docx and stored as package data.

Only this module imports python-docx, and only to make the skeleton again; exports read the stored one
(`docx_skeleton.json`, next to this file; see `to_docx._skeleton`). A skeleton is python-docx's default
template with the memo's styles, A4 page, language, core properties and (empty) header and footer. It depends
only on `to_docx`'s constants, the language, whether the memo is a draft (a draft has the header) and
python-docx's version (pinned in requirements.lock), so the four variants are made once, here, not per process.

Make it again after changing the styles or page code below or the constants it uses, or after upgrading
python-docx (tests/test_export_docx_skeleton.py fails until then):

    .venv/bin/python -m aztimeline.export.docx_skeleton

The file holds each variant's package entries (name, part) in the order `doc.save()` writes them, without the
thumbnail (`write_zip` never writes it), and what the body refers to (style ids, the part names the memo fills
in). A part is stored once however many variants share it, keyed by its hash, as zip deflates it (raw deflate,
zlib's default level, base64), so an export copies it into the zip as it stands (see `to_docx._load_skeleton`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import zlib
from pathlib import Path
from typing import Any

from .reproducible import deflate
from .to_docx import (
    A4_TWIPS,
    ACCENT,
    FONT,
    INK,
    LANG_TAG,
    MARGIN_B,
    MARGIN_L,
    MARGIN_R,
    MARGIN_T,
    QUOTE_INDENT,
    SKELETON_FILE,
    TEXT_W,
    Skeleton,
    variant_name,
)

STYLE_NAMES = ("Title", "Heading 1", "Heading 2", "Quote", "List Bullet")
"""The styles the body refers to by id."""


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


def _package_entries(doc: Any) -> list[tuple[str, bytes]]:
    """The package's entries (name, bytes) in the order `doc.save()` writes them, without writing a zip.

    The same steps as python-docx's `OpcPackage.save` and `PackageWriter.write`; only the zip is left out.
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


def _core_membername(doc: Any) -> str:
    """The core properties part's name in the zip (docProps/core.xml in python-docx's template)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return str(doc.part.package.part_related_by(RT.CORE_PROPERTIES).partname.membername)


def make_skeleton(lang: str, draft: bool) -> Skeleton:
    """python-docx's default template with this memo's styles, page, language and (empty) header and footer.

    The steps are those a memo once took in this order, with an empty title and subject in the core properties
    (set where the memo's go, so the elements stand in the same order); `to_docx.render_docx` fills in the rest.
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
    ids = {name: st[name].style_id for name in STYLE_NAMES}
    grid = doc.part.get_style_id("Table Grid", WD_STYLE_TYPE.TABLE)

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

    return Skeleton(
        # the thumbnail of an empty page is never written (reproducible._normalised), so it is not kept
        entries=tuple((n, data) for n, data in _package_entries(doc) if n != "docProps/thumbnail.jpeg"),
        ids=ids,
        grid=grid,
        document=doc.part.partname.membername,
        header=header,
        footer=footer,
        core=_core_membername(doc),
    )


def stored_text() -> str:
    """The text of `docx_skeleton.json` for the four variants, as python-docx (the installed one) makes them."""
    import docx

    parts: dict[str, str] = {}
    variants: dict[str, Any] = {}
    for lang in LANG_TAG:
        for draft in (False, True):
            sk = make_skeleton(lang, draft)
            entries = []
            for name, data in sk.entries:
                key = hashlib.sha256(data).hexdigest()[:16]
                parts[key] = base64.b64encode(deflate(data)[1]).decode("ascii")
                entries.append([name, key])
            variants[variant_name(lang, draft)] = {
                "entries": entries,
                "ids": sk.ids,
                "grid": sk.grid,
                "document": sk.document,
                "header": sk.header,
                "footer": sk.footer,
                "core": sk.core,
            }
    about = (
        "The Word memo's prepared template: made by `python -m aztimeline.export.docx_skeleton`, do not edit. "
        "Parts: raw deflate (zlib's default level), base64, by the start of their SHA-256."
    )
    body = {"about": about, "python-docx": docx.__version__, "zlib": zlib.ZLIB_RUNTIME_VERSION, "variants": variants, "parts": parts}
    return json.dumps(body, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    path = Path(__file__).with_name(SKELETON_FILE)
    text = stored_text()
    old = path.read_text(encoding="utf-8") if path.exists() else None
    path.write_text(text, encoding="utf-8")
    print(f"{'unchanged' if old == text else 'wrote'} {path} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
