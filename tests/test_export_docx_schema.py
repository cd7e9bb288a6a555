"""The Word memo's XML in the order Word's schema requires: every property element's children in schema order.

LibreOffice reads a property element whatever the order of its children; Microsoft Word validates against the
schema (ECMA-376 Part 1, WordprocessingML) and may call a file with them out of order damaged.
"""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from .test_export import committed  # noqa: F401  (a fixture)
from .test_export_office import _export

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

# The order of each element type's children: the schema's sequences as python-docx encodes them, the `_tag_seq`
# tuple of the class named in the comment (python-docx as pinned in requirements.lock, in
# site-packages/docx/oxml/), without the "w:" prefix. Where the schema has children python-docx's tuple leaves
# out, they are added, with a comment.


def _seq(names: str) -> list[str]:
    return names.split()


SCHEMA_ORDER: dict[str, list[str]] = {
    "tblPr": _seq(  # CT_TblPr, docx/oxml/table.py
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
        "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange "
    ),
    "trPr": _seq(  # CT_TrPr, docx/oxml/table.py
        "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden ins del trPrChange "
    ),
    "tcPr": _seq(  # CT_TcPr, docx/oxml/table.py
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
        "hideMark headers cellIns cellDel cellMerge tcPrChange "
    ),
    "pPr": _seq(  # CT_PPr, docx/oxml/text/parfmt.py
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
        "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
        "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
        "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange "
    ),
    "rPr": _seq(  # CT_RPr, docx/oxml/text/font.py
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
        "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
        "vertAlign rtl cs em lang eastAsianLayout specVanish oMath "
        "rPrChange "  # the schema's last, not in python-docx's tuple
    ),
    "sectPr": _seq(  # CT_SectPr, docx/oxml/section.py
        "headerReference footerReference "  # the schema's EG_HdrFtrReferences, first (python-docx adds them apart)
        "footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType cols formProt vAlign "
        "noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange "
    ),
    "style": _seq(  # CT_Style, docx/oxml/styles.py
        "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
        "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr "
    ),
    "settings": _seq(  # CT_Settings, docx/oxml/settings.py
        "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
        "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
        "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
        "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
        "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate linkStyles "
        "stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView trackRevisions "
        "doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme "
        "styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone "
        "doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
        "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
        "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
        "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
        "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
        "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
        "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
        "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
        "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids "
        "attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
        "forceUpgrade captions readModeInkLockDown smartTagType shapeDefaults doNotEmbedSmartTags "
        "decimalSymbol listSeparator "
    ),
}
# CT_Settings: the math properties (namespace m) stand between w:rsids and w:attachedSchema.
_s = SCHEMA_ORDER["settings"]
_s.insert(_s.index("rsids") + 1, "m:mathPr")
SAME_PLACE = {"footerReference": "headerReference"}
"""Children of one schema choice, in any order among themselves (a section's header and footer references)."""


def _name(el) -> str | None:
    """A child's name as in SCHEMA_ORDER; None for Word's extension namespaces (w14, w15), which come last."""
    if el.tag.startswith(W):
        return el.tag[len(W) :]
    return "m:" + el.tag[len(M) :] if el.tag.startswith(M) else None


def schema_order_problems(path) -> list[str]:
    """Every element of a type in SCHEMA_ORDER, in every XML part, whose children are out of order or unknown."""
    problems = []
    with zipfile.ZipFile(path) as z:
        for part in z.namelist():
            if not part.endswith(".xml"):
                continue
            for el in etree.fromstring(z.read(part)).iter(*(W + tag for tag in SCHEMA_ORDER)):
                order = SCHEMA_ORDER[el.tag[len(W) :]]
                names = [n for n in map(_name, el.iterchildren("{*}*")) if n is not None]
                unknown = [n for n in names if SAME_PLACE.get(n, n) not in order]
                ranks = [order.index(SAME_PLACE.get(n, n)) for n in names if n not in unknown]
                if unknown or ranks != sorted(ranks):
                    problems.append(f"{part}: {el.tag[len(W) :]}: {' '.join(names)}" + (f" (unknown: {unknown})" if unknown else ""))
    return problems


def test_the_check_finds_children_out_of_order_and_unknown_ones(tmp_path):
    # the 2f317fd..59f0831 tables: tblW, layout, indent and margins after tblLook; a cell's width after its shading
    old = (
        f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblLook w:val="04A0"/>'
        '<w:tblW w:w="9071" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tr><w:tc><w:tcPr><w:shd w:fill="DCE3EC"/>'
        '<w:tcW w:w="9071" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:spacing w:after="0"/><w:keepNext/></w:pPr></w:p></w:tc></w:tr></w:tbl>'
        "<w:sectPr><w:footerReference/><w:headerReference/><w:pgSz/><w:pgMar/><w:bogus/></w:sectPr></w:body></w:document>"
    )
    path = tmp_path / "old.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", old)
    assert schema_order_problems(path) == [
        "word/document.xml: tblPr: tblStyle tblLook tblW tblLayout",
        "word/document.xml: tcPr: shd tcW",
        "word/document.xml: pPr: spacing keepNext",
        "word/document.xml: sectPr: footerReference headerReference pgSz pgMar bogus (unknown: ['bogus'])",
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_draft_children_in_schema_order(data_copy, cli, lang):
    path = _export(cli, data_copy, "docx", "--lang", lang)
    with zipfile.ZipFile(path) as z:
        assert b"<w:headerReference" in z.read("word/document.xml")  # a draft: the header's part is checked too
        assert b"<w:tcPr" in z.read("word/document.xml") and b"<w:tblPr" in z.read("word/document.xml")
    assert schema_order_problems(path) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_committed_children_in_schema_order(committed, cli, lang):  # noqa: F811
    path = _export(cli, committed.root, "docx", "--lang", lang)
    with zipfile.ZipFile(path) as z:
        # no draft marker; the header of pages 2+ (the memo's date) is checked as well
        headers = [z.read(n) for n in z.namelist() if n.startswith("word/header")]
        assert headers and not any(b"CONCEPT" in h or b"DRAFT" in h for h in headers)
    assert schema_order_problems(path) == []
