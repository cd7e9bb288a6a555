"""A paste-ready Markdown summary of the selected changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..validate import Validated
from . import Selection
from .common import KIND, LABELS, applies, data_text, quote_line, section_label, sources_used, summary, title, transition_note

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})


def md_escape(text: str) -> str:
    """Escape Markdown and HTML syntax so data text is shown literally wherever the Markdown is pasted.

    Whitespace is collapsed and data never starts a line, so only inline syntax needs escaping: without
    '[' and ']' there is no link, without '<' no HTML, and '&' cannot start an entity.
    """
    return " ".join(text.split()).replace("&", "&amp;").translate(_MD_SPECIAL)


def render_markdown(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any]) -> str:
    """The Markdown text of the export."""
    L = LABELS[lang]
    out = [f"# {L['title']}", ""]
    if provenance.get("dirty"):
        out += [f"**{L['draft']}**", ""]
    out += [
        f"- {L['selection']}: {md_escape(sel.description_nl if lang == 'nl' else sel.description_en)}",
        f"- {L['data']}: {md_escape(data_text(provenance, lang))}",
        f"- {L['made']}: {provenance['made']}",
    ]
    for s in sources_used(v, sel.records):
        out.append(f"- {L['sources']}: {md_escape(s)}")
    out += ["", f"_{md_escape(L['summary_note'])}_", ""]
    for aid in sel.transitions:
        out.append(f"- {aid}: {md_escape(transition_note(v, aid, lang))}")
    out.append("")
    out += [f"| {L['change']} | {L['section']} | {L['kind']} | {L['applies']} |", "|---|---|---|---|"]
    for r in sel.records:
        out.append(f"| {md_escape(title(r, lang))} | {md_escape(section_label(v, r, lang))} | {KIND[lang][r.kind]} | {applies(r, lang)} |")
    for r in sel.records:
        out += [
            "",
            f"## {md_escape(title(r, lang))}",
            "",
            f"`{r.id}` · {KIND[lang][r.kind]} · {md_escape(section_label(v, r, lang))} · {L['announced']} {r.announced}",
            "",
        ]
        out.append(f"- **{L['before']}:** {md_escape(summary(r.before, lang)) or L['none']}")
        out.append(f"- **{L['after']}:** {md_escape(summary(r.after, lang)) or L['none']}")
        out += ["", f"{L['justification']}:", ""]
        for c in r.justifications:
            out.append(f"> {md_escape(quote_line(v, c))}")
            out.append(">")
        if out[-1] == ">":
            out.pop()
    return "\n".join(out) + "\n"


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path) -> None:
    path.write_text(render_markdown(v, sel, lang, provenance), encoding="utf-8", newline="\n")
