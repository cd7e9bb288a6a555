"""Word and Excel exports, read back as the liaison's tools would, and rendered by LibreOffice."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile

import pytest

from aztimeline.source import normalise_ws

from .conftest import modules_loaded
from .test_cli import LETTER_CHANGES
from .test_export import KEPT_QUOTES, _quotes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _export(cli, data_copy, fmt, *extra, name=None):
    out = data_copy.parent / (name or f"changes.{fmt}")
    r = cli("export", "--format", fmt, "--output", str(out), *extra)
    assert r.code == 0, r.err
    return out


def _docx_text(path):
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return doc, normalise_ws(" ".join(parts))


def _running_text(doc) -> str:
    """Every paragraph and table cell before the provenance block, in document order."""
    body = doc.element.body
    out = []
    for el in body.iterchildren():
        texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in el.iter(f"{W}p")]
        if el.tag == f"{W}p" and el.find(f"{W}pPr/{W}pStyle") is not None and texts[0] in ("Herkomst", "Provenance"):
            break
        out += texts
    return normalise_ws(" ".join(out))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_holds_every_change_quote_and_provenance(data_copy, cli, lang):
    doc, text = _docx_text(_export(cli, data_copy, "docx", "--lang", lang))
    for cid, quotes in _quotes(cli).items():
        assert cid in text  # in the provenance block
        for q in quotes:
            assert q in text
    for q in KEPT_QUOTES:
        assert q in text
    assert ("werkkopie, niet in git" if lang == "nl" else "working copy, not in git") in text
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Quote"} <= styles
    overview = doc.tables[0]
    assert len(overview.rows) == 1 + len(LETTER_CHANGES)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_header_block_summary_and_kept(data_copy, cli, lang):
    doc, text = _docx_text(_export(cli, data_copy, "docx", "--lang", lang))
    paras = [p.text for p in doc.paragraphs]
    if lang == "nl":
        assert paras[0] == "Wijzigingen in het landenbeleid Azerbeidzjan (Vc C7/5)"
        assert "Onderwerp\tLandgebonden asielbeleid Azerbeidzjan, paragraaf C7/5 Vreemdelingencirculaire 2000" in "\n".join(paras)
        assert "Datum\t14 november 2023" in paras and "Kenmerk brief\t3019810" in paras
        assert "er komen vier regels bij en er vervallen vier regels" in text
        assert "Wat hetzelfde blijft" in paras
        assert "alinea 2 (blz. 1)" in text
    else:
        assert paras[0] == "Changes to the country policy for Azerbaijan (Vc C7/5)"
        assert "Date\t14 November 2023" in paras and "Letter reference\t3019810" in paras
        assert "four rules are added and four rules are removed" in text
        assert "What stays the same" in paras
        assert "paragraph 2 (page 1)" in text
    # the kept elements come with their quotes, before the changes one by one
    kept_at = paras.index("Wat hetzelfde blijft" if lang == "nl" else "What stays the same")
    changes_at = paras.index("De wijzigingen één voor één" if lang == "nl" else "The changes one by one")
    between = normalise_ws(" ".join(paras[kept_at:changes_at]))
    for q in KEPT_QUOTES:
        assert q in between


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_page_a4_table_header_repeats_rows_do_not_split_and_widths_fit(data_copy, cli, lang):
    doc, _ = _docx_text(_export(cli, data_copy, "docx", "--lang", lang))
    s = doc.sections[0]
    size = s._sectPr.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h"), size.get(f"{W}orient", "portrait")) == ("11906", "16838", "portrait")  # A4
    assert all(abs(m.cm - 2.5) < 0.01 for m in (s.left_margin, s.right_margin))
    text_width = s.page_width - s.left_margin - s.right_margin
    for table in doc.tables:
        rows = table._tbl.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
        assert table._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
        grid = [int(g.get(f"{W}w")) for g in table._tbl.tblGrid.findall(f"{W}gridCol")]
        # twips; the text width in EMU is 635 per twip; rounding of cm to twips allows a few twips
        assert abs(sum(grid) - text_width / 635) <= len(grid), (grid, text_width / 635)
        for row in rows:
            widths = [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in row.findall(f"{W}tc")]
            assert widths == grid


@pytest.mark.parametrize("lang, words", [("nl", ("pagina ", " van ")), ("en", ("page ", " of "))])
def test_docx_footer_has_page_x_of_y_fields(data_copy, cli, lang, words):
    doc, _ = _docx_text(_export(cli, data_copy, "docx", "--lang", lang))
    footer = doc.sections[0].footer._element
    instructions = [normalise_ws(t.text) for t in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert [f.get(f"{W}fldCharType") for f in footer.iter(f"{W}fldChar")] == ["begin", "separate", "end"] * 2
    text = "".join(t.text for t in footer.iter(f"{W}t"))
    assert f"{words[0]}1{words[1]}1" in text


@pytest.mark.parametrize("lang, tag", [("nl", "nl-NL"), ("en", "en-GB")])
def test_docx_language_and_properties_without_template_leftovers(data_copy, cli, lang, tag):
    path = _export(cli, data_copy, "docx", "--lang", lang)
    doc, _ = _docx_text(path)
    styles = doc.styles.element
    default_lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default_lang.get(f"{W}val") == tag
    assert {el.get(f"{W}val") for el in styles.iter(f"{W}lang")} == {tag}
    assert not [el for el in styles.iter(f"{W}rFonts") if any("Theme" in k for k in el.attrib)]
    p = doc.core_properties
    assert p.author == "aztimeline" and p.last_modified_by == "aztimeline" and p.language == tag
    assert ("Azerbeidzjan" if lang == "nl" else "Azerbaijan") in p.title and "C7/5" in p.title
    assert "C7/5" in p.subject and "3019810" in p.subject
    assert p.comments == "" and p.keywords == "" and p.category == ""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        props = z.read("docProps/core.xml") + z.read("docProps/app.xml")
    assert "docProps/thumbnail.jpeg" not in names
    assert b"python-docx" not in props and b"Normal.dotm" not in props and b"Microsoft" not in props


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_running_text_has_no_raw_ids_or_checksums(data_copy, cli, lang):
    doc, text = _docx_text(_export(cli, data_copy, "docx", "--lang", lang))
    running = _running_text(doc)
    assert "Samenvatting" in running or "Summary" in running
    assert not re.search(r"\b[0-9a-f]{40,64}\b", running)
    assert not re.search(r"az-2020-11-18\.|az-before-|kamerbrief-2020-11-18|\bp[0-9]+\b", running)
    assert all(cid in text for cid in LETTER_CHANGES) and re.search(r"sha256 [0-9a-f]{64}", text)  # in the provenance block


def test_docx_draft_marker_on_every_page(data_copy, cli):
    doc, text = _docx_text(_export(cli, data_copy, "docx"))
    header = "".join(t.text for t in doc.sections[0].header._element.iter(f"{W}t"))
    assert header.startswith("CONCEPT") and "CONCEPT: gemaakt uit gegevens die niet (volledig) in git zijn vastgelegd" in text


def test_docx_selection_leaves_out_the_rest(data_copy, cli):
    # Only one transition exists; a selection by date that holds it keeps all, and one outside it is refused.
    _, text = _docx_text(_export(cli, data_copy, "docx", "--since", "2020-11-18", "--until", "2020-11-18"))
    assert all(cid in text for cid in LETTER_CHANGES)
    r = cli("export", "--format", "docx", "--output", str(data_copy.parent / "none.docx"), "--until", "2020-11-17")
    assert r.code == 2 and not (data_copy.parent / "none.docx").exists()


def test_docx_long_title_and_subject_whole_in_the_body_shortened_in_the_properties(data_copy, cli, monkeypatch):
    # The title and subject are made from data (country names, letters): the core properties hold at most 255
    # characters (python-docx raises ValueError beyond), the memo itself the whole text.
    import dataclasses

    from aztimeline.export import to_docx

    title = "Wijzigingen in het landenbeleid " + " ".join(f"land{i:03d}" for i in range(40)) + " (Vc C7/5)"  # 361 characters
    subject = "Onderwerp-" + "lang" * 70 + " " + "woorden " * 20  # one word of 290 characters, then short ones
    made = to_docx.build_memo
    monkeypatch.setattr(to_docx, "build_memo", lambda *a, **k: dataclasses.replace(made(*a, **k), title=title, subject=subject))
    doc, text = _docx_text(_export(cli, data_copy, "docx"))
    p = doc.core_properties
    # "land027" would take characters 249-255 and leave no room for the ellipsis: the cut falls before it
    assert p.title == title.split(" land027")[0] + "\u2026" and len(p.title) == 248
    assert p.subject == subject[:254] + "\u2026"  # no word boundary before 255: cut inside the word
    assert doc.paragraphs[0].text == title
    assert f"Onderwerp\t{subject.strip()}" in [para.text for para in doc.paragraphs]
    footer = "".join(t.text for t in doc.sections[0].footer._element.iter(f"{W}t"))
    # the footer stays one line: the title cut at 100 characters, after "land007" (character 95)
    assert footer.startswith(title.split(" land008")[0] + "\u2026 \u2013 CONCEPT")


def test_xlsx_long_title_whole_in_the_sheet_shortened_in_headers_and_properties(data_copy, cli, monkeypatch):
    # Excel allows 255 characters in a whole page header or footer (codes included) and in the title property.
    import dataclasses

    from openpyxl import load_workbook

    from aztimeline.export import to_xlsx

    title = "Wijzigingen & aanvullingen " + " ".join(f"land{i:03d}" for i in range(40)) + " (Vc C7/5)"
    made = to_xlsx.build_memo
    monkeypatch.setattr(to_xlsx, "build_memo", lambda *a, **k: dataclasses.replace(made(*a, **k), title=title))
    import html
    import re
    import zipfile

    path = _export(cli, data_copy, "xlsx")
    wb = load_workbook(path)
    assert wb.worksheets[0].cell(1, 1).value.startswith(title)  # the sheet keeps the whole title
    assert wb.properties.title == title.split(" land028")[0] + "\u2026" and len(wb.properties.title) <= 255
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    found = [html.unescape(m) for xml in sheets for m in re.findall(r"<odd(?:Header|Footer)>(.*?)</odd(?:Header|Footer)>", xml)]
    assert len(found) == 2 * len(sheets) and all(len(text) <= 255 for text in found), [len(t) for t in found]
    # the title in the page header: cut at 110 characters after "land009", its '&' doubled (not a code)
    assert all(("Wijzigingen && aanvullingen " + title.split(" land010")[0][27:] + "\u2026") in text for text in found[::2])


def test_docx_metadata_text_cut_at_a_word_boundary():
    from aztimeline.export.to_docx import _meta

    assert _meta("a" * 255) == "a" * 255 and _meta("  kort \n onderwerp\x07 ") == "kort onderwerp"
    assert _meta("b" * 250 + " cdefgh") == "b" * 250 + "\u2026"
    assert _meta("b" * 249 + ", " + "c" * 10) == "b" * 249 + "\u2026"  # no dangling comma
    assert _meta("b" * 254 + " c") == "b" * 254 + "\u2026"  # the cut falls on the space: the last word stays whole
    assert _meta("d" * 300) == "d" * 254 + "\u2026"


# --- the workbook ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, sheets, header",
    [
        ("nl", ["Wijzigingen", "Bronnen"], ["Wijziging", "Soort", "Sectie (grondslag)", "Betreft", "Aangekondigd", "Codificatie"]),
        ("en", ["Changes", "Sources"], ["Change", "Kind", "Section (basis)", "Concerns", "Announced", "Codification"]),
    ],
)
def test_xlsx_headers_in_the_export_language_and_real_dates(data_copy, cli, lang, sheets, header):
    from openpyxl import load_workbook

    wb = load_workbook(_export(cli, data_copy, "xlsx", "--lang", lang))
    assert wb.sheetnames == sheets
    ws = wb[sheets[0]]
    got = [c.value for c in ws[2]]
    assert got[:6] == header and got[-1] == "id"
    ids = {ws.cell(r, len(got)).value: r for r in range(3, ws.max_row + 1)}
    assert set(ids) == set(LETTER_CHANGES)
    for r in ids.values():
        cell = ws.cell(r, 5)
        assert cell.is_date and cell.value == dt.datetime(2020, 11, 18) and "mmmm" in cell.number_format
    quotes_col = got.index("Citaten (alinea, blz.)" if lang == "nl" else "Quotes (paragraph, page)") + 1
    for cid, quotes in _quotes(cli).items():
        cell = ws.cell(ids[cid], quotes_col)
        assert cell.alignment.wrap_text
        for q in quotes:
            assert q in normalise_ws(cell.value)
    sources = " ".join(str(c.value) for row in wb[sheets[1]].iter_rows() for c in row)
    assert "3019810" in sources and "C7/5" in sources
    assert ("gecontroleerd" if lang == "nl" else "checked") in sources


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_xlsx_prints_on_landscape_a4_fitted_to_width_with_titles_and_page_numbers(data_copy, cli, lang):
    from openpyxl import load_workbook

    wb = load_workbook(_export(cli, data_copy, "xlsx", "--lang", lang))
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert ps.orientation == "landscape" and int(ps.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ps.fitToWidth) == 1 and int(ps.fitToHeight) == 0
        assert ws.print_title_rows == "$2:$2"
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
        assert ("Azerbeidzjan" if lang == "nl" else "Azerbaijan") in ws.oddHeader.left.text
        assert ws.oddHeader.right.text.startswith("CONCEPT" if lang == "nl" else "DRAFT")
        # every row is as tall as its longest wrapped cell, so printed lines never overlap
        for r in range(3, ws.max_row + 1):
            assert ws.row_dimensions[r].height and ws.row_dimensions[r].height >= 16
    changes = wb.worksheets[0]
    assert changes.freeze_panes == "B3"
    assert changes.print_area is not None and changes.auto_filter.ref.startswith("A2:")


def test_xlsx_links_to_change_pages_when_the_site_url_is_known(data_copy, cli):
    from openpyxl import load_workbook

    ws = load_workbook(_export(cli, data_copy, "xlsx", "--lang", "en", "--site-url", "https://example.org/az/")).worksheets[0]
    header = [c.value for c in ws[2]]
    link = ws.cell(3, header.index("Page") + 1)
    assert link.hyperlink.target == f"https://example.org/az/en/changes/{ws.cell(3, len(header)).value}/"
    plain = load_workbook(_export(cli, data_copy, "xlsx", name="plain.xlsx")).worksheets[0]
    assert "Pagina" not in [c.value for c in plain[2]]


def test_xlsx_data_text_is_never_a_formula(data_copy, cli):
    from openpyxl import load_workbook

    from .conftest import edit

    evil = '=HYPERLINK("https://example.org/x","klik")'
    edit(
        data_copy / "azerbaijan/versions/az-2020-11-18.yaml",
        "title_nl: Risicogroep voor critici van de autoriteiten",
        f"title_nl: '{evil}'",
    )
    path = _export(cli, data_copy, "xlsx")
    cells = [c for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row if c.value == evil]
    assert cells and all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(path) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_xlsx_read_back_dates_panes_print_setup_filter_links_and_row_heights(data_copy, cli, lang):
    # The workbook is written without openpyxl; openpyxl reads it back as Excel would.
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from aztimeline.export.to_xlsx import DATE_FORMAT, LINE_PT, wrapped_lines

    wb = load_workbook(_export(cli, data_copy, "xlsx", "--lang", lang, "--site-url", "https://example.org/az/"))
    changes, sources = wb.worksheets
    header = [c.value for c in changes[2]]
    assert header[-2:] == ["Pagina" if lang == "nl" else "Page", "id"]
    n, last, printed = changes.max_row, get_column_letter(len(header)), get_column_letter(len(header) - 1)
    assert n == 2 + len(LETTER_CHANGES)
    assert changes.auto_filter.ref == f"A2:{last}{n}"
    assert changes.print_area == f"'{changes.title}'!$A$1:${printed}${n}"  # the id column is not printed
    assert changes.freeze_panes == "B3" and sources.freeze_panes == "A3"
    for ws in wb.worksheets:
        assert ws.print_title_rows == "$2:$2" and ws.print_options.gridLines
        assert (ws.page_margins.left, ws.page_margins.top, ws.page_margins.header) == (0.5, 0.75, 0.3)
        assert ws.oddFooter.right.text == ("pagina &P van &N" if lang == "nl" else "page &P of &N")
    # real dates in the export's long-date format: the announcement column, the day and "checked until"
    dates = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.is_date]
    assert {c.column for c in dates if c.parent is changes} == {5} and len([c for c in dates if c.parent is sources]) == 2
    assert all(c.number_format == DATE_FORMAT[lang] and c.alignment.horizontal == "left" for c in dates)
    # the header row: bold on the header fill; the links: underlined, to the change's page
    assert all(c.font.b and c.fill.fgColor.rgb == "00DCE3EC" and c.alignment.wrap_text for c in changes[2])
    for r in range(3, n + 1):
        link, rid = changes.cell(r, len(header) - 1), changes.cell(r, len(header)).value
        assert link.value == header[-2] and link.font.u == "single"
        assert link.hyperlink.target == f"https://example.org/az/{'en/' if lang == 'en' else ''}changes/{rid}/"
    # every fitted row is as tall as its longest wrapped cell
    for ws, first in ((changes, 2), (sources, 3)):
        widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
        assert widths == ([26, 13, 24, 16, 17, 26, 38, 54, 12, 34] if ws is changes else [28, 120])
        assert ws.row_dimensions[1].height is None
        for r in range(first, ws.max_row + 1):
            lines = max(wrapped_lines(c.value or "", w) for c, w in zip(ws[r], widths, strict=True) if not c.is_date)
            assert ws.row_dimensions[r].height == round(lines * LINE_PT + 4, 1), (ws.title, r)


def test_xlsx_data_text_comes_back_exactly_as_text(data_copy, cli, monkeypatch):
    # Escaping and whitespace: what a cell shows is the data text, never a number, a formula or markup.
    import dataclasses

    from openpyxl import load_workbook

    from aztimeline.export import to_xlsx

    odd = [
        "  a & b < c > d \"e\" 'f'  ",
        "=1+1",
        "1e5",
        "007",
        "regel\r\nregel\ttab",
        "\u00a0\u2028 \U0001f600 \ufeff ]]>",
        "&amp; &P &N",
        "#N/A",  # Excel's error values are text here too, not an error cell
    ]
    made = to_xlsx.build_memo

    def tweak(*a, **k):
        memo = made(*a, **k)
        changes = [
            dataclasses.replace(c, kind=odd[i % len(odd)], groups=[odd[(i + 1) % len(odd)], "x"], quotes=c.quotes[:1])
            for i, c in enumerate(memo.changes)
        ]
        return dataclasses.replace(memo, changes=changes, kenmerk=odd[1], title="Titel & <b>\u2013 &P " + "woord " * 60)

    monkeypatch.setattr(to_xlsx, "build_memo", tweak)
    path = _export(cli, data_copy, "xlsx")
    wb = load_workbook(path)
    with zipfile.ZipFile(path) as z:  # XML readers may drop the outer spaces of text not marked to keep them
        assert '<t xml:space="preserve">  a &amp; b &lt; c &gt; d "e"' in z.read("xl/worksheets/sheet1.xml").decode()
    ws = wb.worksheets[0]
    for r in range(3, ws.max_row + 1):
        kind, groups = ws.cell(r, 2), ws.cell(r, 4)
        assert kind.value == odd[(r - 3) % len(odd)] and kind.data_type == "s"
        assert groups.value == f"{odd[(r - 2) % len(odd)]}, x" and groups.data_type == "s"
    assert ws.cell(1, 1).value.startswith("Titel & <b>\u2013 &P woord woord")
    kenmerk = [row[1] for row in wb.worksheets[1].iter_rows() if row[0].value == "Kenmerk brief"]
    assert [c.value for c in kenmerk] == ["=1+1"] and kenmerk[0].data_type == "s"
    # in the page header a '&' of the data is doubled ("&P" would print the page number)
    assert ws.oddHeader.left.text.startswith("Titel && <b>\u2013 &&P woord")
    assert wb.properties.title.startswith("Titel & <b>\u2013 &P woord") and wb.properties.title.endswith("\u2026")


def test_xlsx_export_does_not_import_openpyxl(data_copy):
    # The writer is our own: exporting (and so building the site's downloads) never loads openpyxl.
    loaded = modules_loaded(data_copy.parent, ["export", "--format", "xlsx", "--output", "x.xlsx"])
    assert "aztimeline.export.to_xlsx" in loaded  # the check can fail: the writer ran in this process
    assert [m for m in loaded if m == "openpyxl" or m.startswith("openpyxl.")] == []
    assert (data_copy.parent / "x.xlsx").read_bytes()[:2] == b"PK"


def test_wrapped_lines_estimate():
    from aztimeline.export.to_xlsx import wrapped_lines

    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("one two", 10) == 1
    assert wrapped_lines("a\nb\n\nc", 40) == 4
    assert wrapped_lines("word " * 30, 10) > 10


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_files_are_reproducible(data_copy, cli, fmt):
    a = _export(cli, data_copy, fmt).read_bytes()
    b = _export(cli, data_copy, fmt, "--force").read_bytes()
    assert a == b


def test_docx_memos_made_in_one_process_do_not_leak_into_each_other(data_copy, cli):
    # The prepared template is kept per language and draft state; each memo fills in copies of its parts.
    from aztimeline.export import to_docx

    first = _export(cli, data_copy, "docx", name="first.docx").read_bytes()
    _export(cli, data_copy, "docx", "--lang", "en", name="en.docx")
    _export(cli, data_copy, "docx", "--group", "lgbti", name="group.docx")
    again = _export(cli, data_copy, "docx", name="again.docx").read_bytes()
    to_docx._SKELETONS.clear()
    fresh = _export(cli, data_copy, "docx", name="fresh.docx").read_bytes()
    assert first == again == fresh
    assert (data_copy.parent / "group.docx").read_bytes() != first  # a different memo came in between


def test_write_zip_writes_the_zip_zipfile_writes(tmp_path):
    # write_zip writes the zip itself (to copy entries compressed before); the bytes must be zipfile's.
    import random

    from aztimeline.export.reproducible import _APP, pack, write_zip

    when = dt.datetime(2023, 11, 14)
    entries = [
        ("[Content_Types].xml", b"<Types>" + b"<Override/>" * 200 + b"</Types>"),
        ("_rels/.rels", b'<Relationships><Relationship Id="rId4" Target="docProps/thumbnail.jpeg"/></Relationships>'),
        ("docProps/core.xml", b'<cp><dcterms:created xsi:type="W3CDTF">2013-12-23T23:15:00Z</dcterms:created></cp>'),
        ("docProps/app.xml", b"<Properties><Template>Normal.dotm</Template></Properties>"),
        ("docProps/thumbnail.jpeg", b"\xff\xd8\xff\xe0"),
        ("word/r\u00e9sum\u00e9.xml", "<w:t>caf\u00e9</w:t>".encode()),
        ("word/random.bin", random.Random(14).randbytes(70_000)),
        ("word/empty.xml", b""),
    ]
    expected = {
        "_rels/.rels": b"<Relationships></Relationships>",
        "docProps/core.xml": b'<cp><dcterms:created xsi:type="W3CDTF">2023-11-14T00:00:00Z</dcterms:created></cp>',
        "docProps/app.xml": _APP,
    }
    reference = tmp_path / "zipfile.zip"
    with zipfile.ZipFile(reference, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name != "docProps/thumbnail.jpeg":
                info = zipfile.ZipInfo(name, date_time=(2023, 11, 14, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, expected.get(name, data))
    packed = pack(entries)
    assert "docProps/core.xml" not in packed and "docProps/thumbnail.jpeg" not in packed
    for i, use in enumerate((None, packed)):
        write_zip(tmp_path / f"ours{i}.zip", entries, when, use)
        assert (tmp_path / f"ours{i}.zip").read_bytes() == reference.read_bytes()
    # an entry whose data is not what was packed under its name is compressed again, not copied
    changed = [(n, d + b" " if n == "word/random.bin" else d) for n, d in entries]
    write_zip(tmp_path / "changed.zip", changed, when, packed)
    with zipfile.ZipFile(tmp_path / "changed.zip") as z:
        assert z.testzip() is None and z.read("word/random.bin") == dict(changed)["word/random.bin"]


# --- through LibreOffice ----------------------------------------------------------------------------------------


def _to_pdf(path, tmp_path):
    from .browser.conftest import require

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    require("LibreOffice (soffice)", soffice is not None)
    require("pdftotext (poppler-utils)", shutil.which("pdftotext") is not None)
    env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
    r = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    pdf = tmp_path / (path.stem + ".pdf")
    assert r.returncode == 0 and pdf.exists(), r.stdout + r.stderr
    return pdf


def _pdf_text(pdf, *args):
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pieces(text: str) -> list[str]:
    # a line may break after a hyphen or a slash, never inside a word
    return [p for w in text.split() for p in re.split(r"(?<=[-/\u2013])", w) if p]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_renders_in_libreoffice_with_page_numbers_and_no_broken_words(data_copy, cli, tmp_path, lang):
    path = _export(cli, data_copy, "docx", "--lang", lang)
    pdf = _to_pdf(path, tmp_path)
    text = _pdf_text(pdf, "-layout")
    flat = normalise_ws(text.replace("-\n", "-"))
    pages = text.count("\f")
    assert (f"pagina 1 van {pages}" if lang == "nl" else f"page 1 of {pages}") in flat
    assert (f"pagina {pages} van {pages}" if lang == "nl" else f"page {pages} of {pages}") in flat
    # the footer: the title on the left, the page number on the right, with room between them
    footer = r"C7/5\) \u2013 (CONCEPT|DRAFT) {10,}(pagina|page) 1 (van|of) "
    assert re.search(footer, text), [line for line in text.splitlines() if "1 van" in line or "1 of" in line]
    assert "kenmerk 3019810" in flat or "reference 3019810" in flat
    assert normalise_ws("Het vlucht- en vestigingsalternatief voor deze groep wordt daarom eveneens uit het beleid geschrapt.") in flat
    # every word of the overview table stands whole on the rendered page (LibreOffice breaks a word that does not fit)
    doc, _ = _docx_text(path)
    rendered = set(_pieces(_pdf_text(pdf)))
    table_words = {p for row in doc.tables[0].rows for cell in row.cells for p in _pieces(cell.text)}
    assert table_words - rendered == set()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_xlsx_renders_in_libreoffice_on_few_pages_with_page_numbers(data_copy, cli, tmp_path, lang):
    path = _export(cli, data_copy, "xlsx", "--lang", lang)
    pdf = _to_pdf(path, tmp_path)
    text = _pdf_text(pdf, "-layout")
    pages = text.count("\f")
    assert 2 <= pages <= 6, pages  # both sheets, fitted to the page width: not one page per column
    flat = normalise_ws(text)
    assert (f"pagina 1 van {pages}" if lang == "nl" else f"page 1 of {pages}") in flat
    assert ("Wijzigingen in het landenbeleid Azerbeidzjan" if lang == "nl" else "Changes to the country policy for Azerbaijan") in flat


def test_xlsx_text_longer_than_a_cell_holds_is_cut_visibly(data_copy, cli, monkeypatch):
    # Excel holds 32,767 characters in a cell: a longer text is cut there and ends in "…", never looking whole.
    import dataclasses

    from openpyxl import load_workbook

    from aztimeline.export import to_xlsx

    long = "woord " * 8000
    made = to_xlsx.build_memo

    def tweak(*a, **k):
        memo = made(*a, **k)
        return dataclasses.replace(memo, changes=[dataclasses.replace(memo.changes[0], kind=long), *memo.changes[1:]])

    monkeypatch.setattr(to_xlsx, "build_memo", tweak)
    cell = load_workbook(_export(cli, data_copy, "xlsx")).worksheets[0].cell(3, 2).value
    assert len(cell) == to_xlsx.CELL_MAX == 32767
    assert cell == long[: to_xlsx.CELL_MAX - 1] + "\u2026"
