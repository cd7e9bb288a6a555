"""A Word memo the liaison can edit: real styles, a summary table, and one section per change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..validate import Validated
from . import Selection
from .common import KIND, LABELS, applies, data_text, reference, section_label, sources_used, summary, title, transition_note
from .reproducible import normalise_zip, stamp_time


def _clean(text: str) -> str:
    # Word cannot hold control characters; data text never needs them.
    return "".join(ch for ch in " ".join(str(text).split()) if ch >= " ")


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt

    L = LABELS[lang]
    doc = Document()
    when = stamp_time(provenance)
    props = doc.core_properties
    props.author = "aztimeline"
    props.last_modified_by = "aztimeline"
    props.title = L["title"]
    props.created = when
    props.modified = when
    props.revision = 1
    props.language = lang
    doc.styles["Normal"].font.size = Pt(10)
    # python-docx looks a style up by name by scanning all styles on every paragraph; look each up once.
    ids = {name: doc.styles[name].style_id for name in ("Title", "Heading 1", "Heading 2", "Quote", "List Bullet")}

    def para(text: str, style: str | None = None) -> Any:
        p = doc.add_paragraph(text)
        if style:
            p._p.style = ids[style]
        return p

    para(L["title"], "Title")
    if provenance.get("dirty"):
        p = doc.add_paragraph()
        p.add_run(L["draft"]).bold = True
    doc.add_paragraph(f"{L['selection']}: {sel.description_nl if lang == 'nl' else sel.description_en}")
    para(L["provenance"], "Heading 1")
    for line in (
        f"{L['data']}: {data_text(provenance, lang)}",
        f"{L['made']}: {provenance['made']}",
        f"{provenance['tool']}",
        *(f"{L['sources']}: {s}" for s in sources_used(v, sel.records)),
        *(f"{aid}: {transition_note(v, aid, lang)}" for aid in sel.transitions),
    ):
        para(_clean(line), "List Bullet")
    doc.add_paragraph(L["summary_note"]).runs[0].italic = True

    para(L["change"] + "s" if lang == "en" else "Overzicht", "Heading 1")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Light Grid Accent 1"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, (L["change"], L["section"], L["kind"], L["applies"]), strict=True):
        cell.text = text
    for r in sel.records:
        cells = table.add_row().cells
        for cell, text in zip(cells, (title(r, lang), section_label(v, r, lang), KIND[lang][r.kind], applies(r, lang)), strict=True):
            cell.text = _clean(text)
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(7.5), Cm(4.5), Cm(2.5), Cm(2.5)), strict=True):
            cell.width = width

    for r in sel.records:
        para(_clean(title(r, lang)), "Heading 2")
        doc.add_paragraph(_clean(f"{r.id} · {KIND[lang][r.kind]} · {section_label(v, r, lang)} · {L['announced']} {r.announced}"))
        ba = doc.add_table(rows=2, cols=2)
        ba.style = "Table Grid"
        ba.rows[0].cells[0].text = L["before"]
        ba.rows[0].cells[1].text = L["after"]
        ba.rows[1].cells[0].text = _clean(summary(r.before, lang)) or L["none"]
        ba.rows[1].cells[1].text = _clean(summary(r.after, lang)) or L["none"]
        for cell in ba.rows[0].cells:
            cell.paragraphs[0].runs[0].bold = True
        doc.add_paragraph(L["justification"] + ":")
        for c in r.justifications:
            q = para(_clean(f"\u201c{c.quote}\u201d"), "Quote")
            q.paragraph_format.keep_with_next = True
            doc.add_paragraph(_clean(f"\u2014 {reference(v, c)}"))
    doc.save(str(path))
    normalise_zip(path, when)
