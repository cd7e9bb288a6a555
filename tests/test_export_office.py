"""Word and Excel exports, read back as the liaison's tools would, and rendered by LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from aztimeline.source import normalise_ws

from .test_cli import LETTER_CHANGES
from .test_export import _quotes


def _export(cli, data_copy, fmt, *extra):
    out = data_copy.parent / f"changes.{fmt}"
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


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_holds_every_change_quote_and_provenance(data_copy, cli, lang):
    doc, text = _docx_text(_export(cli, data_copy, "docx", "--lang", lang))
    for cid, quotes in _quotes(cli).items():
        assert cid in text
        for q in quotes:
            assert f"\u201c{q}\u201d" in text
    assert ("werkkopie, niet in git" if lang == "nl" else "working copy, not in git") in text
    assert "kenmerk 3019810" in text and "2023-11-14" in text
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Quote", "List Bullet"} <= styles
    assert doc.tables[0].style.name == "Light Grid Accent 1"
    assert len(doc.tables[0].rows) == 1 + len(LETTER_CHANGES)
    assert doc.core_properties.author == "aztimeline"


def test_docx_selection_leaves_out_the_rest(data_copy, cli):
    # Only one transition exists; a selection by date that holds it keeps all, and one outside it is refused.
    _, text = _docx_text(_export(cli, data_copy, "docx", "--since", "2020-11-18", "--until", "2020-11-18"))
    assert all(cid in text for cid in LETTER_CHANGES)
    r = cli("export", "--format", "docx", "--output", str(data_copy.parent / "none.docx"), "--until", "2020-11-17")
    assert r.code == 2 and not (data_copy.parent / "none.docx").exists()


def test_xlsx_has_header_frozen_panes_filter_and_wrapped_quotes(data_copy, cli):
    from openpyxl import load_workbook

    wb = load_workbook(_export(cli, data_copy, "xlsx"))
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["change_id", "transition", "version_from"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
    quotes_col = header.index("justification_quotes") + 1
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    assert set(rows) == set(LETTER_CHANGES)
    for cid, quotes in _quotes(cli).items():
        cell = ws.cell(rows[cid], quotes_col)
        assert cell.alignment.wrap_text
        for q in quotes:
            assert q in cell.value
    assert all(c.font.bold for c in ws[1])


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_files_are_reproducible(data_copy, cli, fmt):
    a = _export(cli, data_copy, fmt).read_bytes()
    b = _export(cli, data_copy, fmt, "--force").read_bytes()
    assert a == b


def test_docx_opens_in_libreoffice_and_reads_back_from_pdf(data_copy, cli, tmp_path):
    from .browser.conftest import require

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    require("LibreOffice (soffice)", soffice is not None)
    require("pdftotext (poppler-utils)", shutil.which("pdftotext") is not None)
    path = _export(cli, data_copy, "docx")
    env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
    r = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    pdf = tmp_path / "changes.pdf"
    assert r.returncode == 0 and pdf.exists(), r.stdout + r.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = normalise_ws(text.replace("-\n", "-"))
    assert "Wijzigingen in het landgebonden asielbeleid" in flat
    assert "Herkomst" in flat and "kenmerk 3019810" in flat
    for cid in LETTER_CHANGES:
        assert cid in flat.replace(" ", "") or cid in flat
    # a quote long enough to wrap over lines still reads back word for word
    assert normalise_ws("Het vlucht- en vestigingsalternatief voor deze groep wordt daarom eveneens uit het beleid geschrapt.") in flat
