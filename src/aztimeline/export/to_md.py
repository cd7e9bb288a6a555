"""A paste-ready Markdown memo that also reads well as plain text: the Word memo's contents as headings and lists
(one list per change, no wide table), with data text escaped only where Markdown would read it as syntax."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..dates import long_date
from ..validate import Validated
from . import Selection
from .common import ChangeView, Memo, QuoteView, build_memo

_INLINE = re.compile(
    r"""
      [\\`*~^{]                     # escapes, code, emphasis, strike/sub/superscript, attribute lists: always
    | (?<![0-9A-Za-z])_|_(?![0-9A-Za-z])   # an underscore that could open or close emphasis (not inside a word)
    | \](?=[(\[:])                  # the end of a link text: ](url), ][ref], ]: a definition
    | <(?=[A-Za-z/!?])              # the start of an HTML tag, a comment or an autolink
    | &(?=\#?[0-9A-Za-z]+;)         # the start of a character reference
    """,
    re.VERBOSE,
)


def _escape_one(m: re.Match[str]) -> str:
    ch = m.group()
    return {"<": "&lt;", "&": "&amp;"}.get(ch, "\\" + ch)


def md_escape(text: str) -> str:
    """Data text as Markdown that shows it literally, wherever the Markdown is pasted, and that reads as it is in
    plain text: whitespace collapsed, and only what a Markdown processor (with attr_list, tables, superfences,
    tilde and caret) would read as syntax escaped: no link, HTML, attribute list or emphasis can come from data,
    while "[…]", "a < b" or "a & b" stay as they are."""
    return _INLINE.sub(_escape_one, " ".join(str(text).split()))


_BLOCK_START = re.compile(r"^(?:([#+=>|:!-])|([0-9]+)([.)])|(\[))")


def md_line(text: str) -> str:
    """Escaped data text that starts a line or a list item: also no heading, list item, quote, table, setext
    underline or admonition (!!!), and no link definition, from its first characters."""
    escaped = md_escape(text)
    m = _BLOCK_START.match(escaped)
    if not m:
        return escaped
    if m.group(1):
        return ("&#61;" if m.group(1) == "=" else "\\" + m.group(1)) + escaped[1:]
    if m.group(4):
        return "\\" + escaped
    return m.group(2) + "\\" + m.group(3) + escaped[m.end() :]


def md_heading(level: int, text: str) -> str:
    """A heading line of escaped text: a "#" that ends it is escaped too, as Python-Markdown and CommonMark read
    trailing #s as the heading's closing sequence and drop them ("### Risicogroep #" showed "Risicogroep")."""
    escaped = md_escape(text)
    if escaped.endswith("#"):
        escaped = escaped[:-1] + "\\#"
    return f"{'#' * level} {escaped}"


def _quote_lines(quotes: list[QuoteView], indent: str) -> list[str]:
    """One list item per quote: the words, then where they stand in the letter."""
    return [f"{indent}- {md_line(q.text)} \u2014 {md_escape(q.label)}" for q in quotes]


def _link(url: str | None) -> str:
    """An address as an autolink (the address is ours or an official publication's, never data text)."""
    return f" <{url}>" if url else ""


def _change(out: list[str], c: ChangeView, memo: Memo, above: dict[int, str]) -> None:
    L, e = memo.L, md_escape
    out += ["", md_heading(3, c.title), ""]
    out += [f"- {md_line(line)}" for line in c.meta(L)]
    for label, text, quotes in ((L["before"], c.before_shown, c.before_quotes), (L["after"], c.after_shown, c.after_quotes_shown())):
        out.append(f"- **{label}:** {e(text)}")
        out += _quote_lines(quotes, "    ")
    if c.new:
        out.append(f"- {md_line(c.new)}")
        out += _quote_lines(c.new_quotes, "    ")
    out += [f"- _{e(caveat)}_" for caveat in c.caveats]
    if c.reason:  # ours, before the letter's words
        out.append(f"- **{L['reason']}:** {e(c.reason)}")
    extra = c.extra_quotes()
    if extra:
        out.append(f"- {md_line(L['justification_quotes'])}:")
        out += _quote_lines(extra, "    ")
    if said := memo.justified_above(c):
        out.append(f"- {md_line(said)}")
    if c.context and memo.annex:  # the facts stand once in the annex, and the change names them
        out.append(f"- {md_line(memo.context_refs(c))}")
    elif c.context:
        shown = c.shown()
        out.append(f"- {md_line(L['context'])}:")
        for j, f in enumerate(c.context):
            if j in above:
                out.append(f"    - {md_line(f.ref)}: {md_line(L['context_above'].format(title=above[j]))}")
                continue
            out.append(f"    - {md_line(f.text)} {e(f.cited(L))}")
            if f.fate:  # a quote the change shows above is named by where it stands, at the end of the fate
                fate, rest = f.fate_shown(shown, L["quoted_above"])
                out.append(f"        - {md_line(fate)}")
                out += _quote_lines(rest, "            ")
    if c.url:
        out.append(f"- {L['on_site']}:{_link(c.url)}")


def markdown_of(memo: Memo) -> str:
    L, e = memo.L, md_escape
    out = [md_heading(1, f"{L['nota']}: {memo.title}"), ""]
    if memo.draft:
        out += [f"**{e(memo.draft_text)}**", ""]
    out += [f"- **{label}:** {e(value)}" for label, value in memo.header_fields(attached=True)]
    out += ["", md_heading(2, L["occasion"]), ""]
    for text in [*memo.summary[: memo.occasion], L["purpose"]]:
        out += [md_line(text), ""]
    out += [md_heading(2, L["summary"]), ""]
    for text in [*memo.summary[memo.occasion :], memo.status, memo.currency, *([memo.later_note] if memo.later_note else [])]:
        out += [md_line(text), ""]
    out += [f"_{e(L['summary_note'])}_", "", md_heading(2, L["overview"]), ""]
    on = L["status_on"].format(day=long_date(memo.date, memo.lang))  # as the nota's table, which had it alone (a liaison's read)
    for i, c in enumerate(memo.changes, start=1):
        groups = f"; {e(', '.join(c.groups))}" if c.groups else ""
        out.append(f"{i}. {md_line(c.title)} \u2014 {e(c.kind)}{groups}; {e(on)}: {e(c.status)}")
    out += ["", md_heading(2, L["kept"]), ""]
    if memo.kept:
        out.append(e(L["kept_intro"]))
        for k in memo.kept:
            out += ["", md_heading(3, k.title), "", f"- {L['section']}: {e(k.sourced)}", f"- {md_line(k.summary)}"]
            out += _quote_lines(k.quotes, "    ")
            if k.inference:
                out.append(f"- _{e(k.inference)}_")
            if k.context and memo.annex:  # as a change names them
                out.append(f"- {md_line(memo.context_refs(k))}")
    else:
        out.append(e(L["kept_none"]))
    out += ["", md_heading(2, L["changes"])]
    for c, above in zip(memo.changes, memo.context_above(), strict=True):
        _change(out, c, memo, above)
    out += ["", md_heading(2, L["sources"]), ""]
    for lv, line in zip(memo.letters, memo.letter_lines(), strict=True):
        out.append(f"- **{L['letter']}:** {e(line)}")
        out += [f"- **{L['discrepancy']}:** {e(note)}" for note in lv.discrepancies]
    if memo.publications:
        out += ["", f"{L['publications']}:", ""]
        out += [f"- {md_line(p.what)}: {e(p.cited())}{_link(p.url)}" for p in memo.publications]
    for heading, items in memo.developments():
        out += ["", f"{heading}:", ""]
        out += [f"- {md_line(f.text)} {e(f.cited(L))}{_link(f.url)}" for f in items]
    if memo.annex:
        out += ["", md_heading(2, memo.annex_title()), ""]
        facts = memo.context_annex
        if facts:
            out += [md_heading(3, L["context_annex"]), "", md_line(L["context_annex_intro"]), ""]
            for n, a in enumerate(facts, start=1):
                f = a.fact
                out += [f"{n}. **{md_line(f.ref or f.text)}:** {md_line(f.plain or f.text)} {e(f.cited(L))}"]
                if f.fate:  # a quote a change shows is named by where it stands in the letter, at the end of the fate
                    fate, rest = f.fate_shown(a.shown, L["quoted_with"])
                    out.append(f"    - {md_line(fate)}")
                    out += _quote_lines(rest, "        ")
                out.append(f"    - {md_line(a.belongs_to(L))}")
            out.append("")
        for heading, notes in memo.annex_notes():
            out += [md_heading(3, heading), ""]
            for note in notes:
                out += [md_line(note), ""]
        if memo.facts:
            out += [md_heading(3, L["facts"]), ""]
            out += [f"- {md_line(f.text)} {e(f.cited(L))}{_link(f.url)}" for f in memo.facts]
            out.append("")
        out += [md_heading(3, L["data_label"]), ""]
        out += [f"- {md_line(label)}: {e(value)}" for label, value in memo.annex_lines()]
    return "\n".join(out).rstrip("\n") + "\n"


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path, **opts: Any) -> None:
    path.write_text(markdown_of(build_memo(v, sel, lang, provenance, **opts)), encoding="utf-8", newline="\n")
