"""A paste-ready Markdown memo: the Word memo's contents as Markdown, with every data text escaped."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..timeline import long_date
from ..validate import Validated
from . import Selection
from .common import Memo, QuoteView, build_memo

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|~{}"} | {"<": "&lt;", ">": "&gt;"})


def md_escape(text: str) -> str:
    """Escape Markdown and HTML syntax so data text is shown literally wherever the Markdown is pasted.

    Whitespace is collapsed and data never starts a line, so only inline syntax needs escaping: without
    '[' and ']' there is no link, without '{' no attribute list (`{: onclick=… }` under attr_list), and '<'
    and '>' become entities because some processors (Python-Markdown) take a backslash before '<' literally
    and would still read the rest as raw HTML; '&' is escaped first so no entity can be formed.
    """
    return " ".join(str(text).split()).replace("&", "&amp;").translate(_MD_SPECIAL)


_BLOCK_START = re.compile(r"^(?:([#+=-])|([0-9]+)([.)]))")


def md_line(text: str) -> str:
    """Escaped data text that starts a line: also no heading, list item or setext underline from its first characters."""
    escaped = md_escape(text)
    m = _BLOCK_START.match(escaped)
    if not m:
        return escaped
    if m.group(1):
        return ("&#61;" if m.group(1) == "=" else "\\" + m.group(1)) + escaped[1:]
    return m.group(2) + "\\" + m.group(3) + escaped[m.end() :]


def render_markdown(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], **opts: Any) -> str:
    """The Markdown text of the export."""
    return markdown_of(build_memo(v, sel, lang, provenance, site_url=opts.get("site_url")))


def _quotes(out: list[str], quotes: list[QuoteView], L: dict[str, Any]) -> None:
    if not quotes:
        return
    out += ["", f"{md_escape(L['quotes'])}:", ""]
    for q in quotes:
        out += [f"> {md_escape(q.text)}", ">", f"> \u2014 {md_escape(q.reference)}", ""]
    out.pop()


def markdown_of(memo: Memo) -> str:
    L, lang, e = memo.L, memo.lang, md_escape
    out = [f"# {e(memo.title)}", ""]
    if memo.draft:
        out += [f"**{e(memo.draft_text)}**", ""]
    out += [
        f"- **{L['subject_label']}:** {e(memo.subject)}",
        f"- **{memo.date_label}:** {long_date(memo.day, lang)}",
        f"- **{L['kenmerk_label']}:** {e(memo.kenmerk)}",
        f"- **{L['data_label']}:** {e(memo.data_version)}",
        f"- **{L['selection']}:** {e(memo.selection)}",
        "",
        f"## {L['summary']}",
        "",
    ]
    for text in [*memo.summary, memo.basis, memo.currency]:
        if text:
            out += [md_line(text), ""]
    if memo.later:
        out += [f"- {e(item)}" for item in memo.later] + [""]
    out += [f"_{e(L['summary_note'])}_", "", f"## {L['overview']}", ""]
    out += [
        f"| {L['change']} | {L['kind']} | {L['section']} | {L['announced']} | {L['codification']} | {L['groups']} |",
        "|---|---|---|---|---|---|",
    ]
    for c in memo.changes:
        cells = [c.title, c.kind, c.section, long_date(c.announced, lang), c.codification, ", ".join(c.groups) or "\u2013"]
        out.append("| " + " | ".join(e(x) for x in cells) + " |")
    out += ["", f"## {L['kept']}", ""]
    if memo.kept:
        out += [e(L["kept_intro"])]
        for k in memo.kept:
            out += ["", f"### {e(k.title)}", "", f"{e(L['section'].split(' (')[0])}: {e(k.section)}", "", md_line(k.summary)]
            _quotes(out, k.quotes, L)
    else:
        out.append(e(L["kept_none"]))
    out += ["", f"## {L['changes']}"]
    for c in memo.changes:
        out += ["", f"### {e(c.title)}", "", e(c.meta(L, lang)), "", f"{e(L['codification'])}: {e(c.codification)}", ""]
        out.append(f"- **{L['before']}:** {e(c.before) or L['none']}")
        out.append(f"- **{L['after']}:** {e(c.after) or L['none']}")
        _quotes(out, c.quotes, L)
        if c.context:
            out += ["", f"{e(L['context'])}:", ""]
            out += [f"- {e(f.text)} ({e(L['record'])}: {e(f.record)}; {e(f.confidence)})" for f in c.context]
    out += ["", f"## {L['provenance']}", "", e(L["paragraph_note"]), "", f"{e(L['scope'])}: {e(memo.scope)}", ""]
    if memo.facts:
        out += [f"{e(L['facts'])}:", ""]
        out += [f"- {e(f.text)} ({e(L['record'])}: {e(f.record)}; {e(f.confidence)})" for f in memo.facts]
        out.append("")
    for note in memo.transition_notes:
        if note:
            out += [md_line(note), ""]
    out += [f"- {e(label)}: {e(value)}" for label, value in memo.provenance_lines()]
    return "\n".join(out) + "\n"


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    path.write_text(render_markdown(v, sel, lang, provenance, **opts), encoding="utf-8", newline="\n")
