"""Jinja2 templates with autoescaping: page templates in site/templates/ turn view data into Markdown pages.

A generated page is Markdown headings with raw HTML between them. Python-Markdown leaves a raw HTML block
alone only while it has no blank line, so `markdown_page` removes blank lines and indentation from the
rendered template and puts blank lines around headings only. Templates write a heading with `heading(n,
text)`, which marks it for that step; data text can never start a heading, because every value printed by
a template has its whitespace collapsed (no line breaks) and is escaped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..dates import DATE_MAX, DATE_MIN, long_date, long_month
from .html import esc, shown

TEMPLATES = Path(__file__).parent / "templates"
_HEADING = "\ue000"  # marks a Markdown heading line in rendered output (a private-use character; never survives in data text)
_WS = re.compile(r"\s+")


def _finalize(value: Any) -> Any:
    """Every printed value: None prints nothing; data text loses line breaks (escaping follows)."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return " ".join(shown(str(value)).split())


_ANCHOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def heading(level: int, text: Any, anchor: str | None = None, *, searched: bool = True) -> Markup:
    """A Markdown heading, its data text escaped for Markdown and HTML (see html.esc), with the id anchor when given
    (an id of the data: safe characters only, which attr_list reads as they are). Unless searched, the search index
    leaves out the heading and what follows it up to the next heading (Material's data-search-exclude)."""
    if anchor is not None and not _ANCHOR.fullmatch(anchor):
        raise ValueError(f"not an anchor: {anchor!r}")
    attrs = ([f"#{anchor}"] if anchor else []) + ([] if searched else ['data-search-exclude="true"'])
    return Markup(f"{_HEADING}{'#' * level} {esc(shown(str(text)))}" + (f" {{: {' '.join(attrs)} }}" if attrs else ""))


def words(text: str) -> Markup:
    """A run of a word diff: escaped, line breaks made spaces, but spaces at its edges kept."""
    return escape(shown(text.replace("\r", " ").replace("\n", " ")))


def json_script(element_id: str, data: Any) -> Markup:
    """Data for a page script, in a script element that HTML can never end early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace(_HEADING, "\\ue000")
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/json" id="{}">{}</script>').format(element_id, Markup(text))


def _iso(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and len(value) in (7, 10) and value[:4].isdigit():
        return value
    return None


def longdate(value: Any, lang: str) -> str:
    """A date written out (18 november 2020 / 18 November 2020), a month (juli 2020), or the word for unknown."""
    if isinstance(value, str) and len(value) == 10:
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.date):
        return long_date(value, lang)
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        return long_month(value, lang)
    return "onbekend" if lang == "nl" else "unknown"


def inclusive_end(value: Any) -> Any:
    """The last day of a period that ends (exclusive) on value: data keeps half-open periods, pages say "t/m"."""
    return value - dt.timedelta(days=1) if isinstance(value, dt.date) else value


ENV = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_finalize,
    keep_trailing_newline=True,
)
ENV.globals.update(heading=heading, json_script=json_script, date_min=DATE_MIN.isoformat(), date_max=DATE_MAX.isoformat())
"""date_min and date_max: the dates a date field offers, those the data can hold."""
ENV.filters.update(words=words, iso=_iso, longdate=longdate, inclusive_end=inclusive_end)


def markdown_page(text: str) -> str:
    """Rendered template -> Markdown: no blank line or indentation inside HTML, a blank line around headings."""
    out: list[str] = []
    for raw in text.replace(_HEADING, "\n" + _HEADING).splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith(_HEADING):
            if out:
                out.append("")
            out += [line[1:], ""]
        else:
            out.append(line)
    return "\n".join(out).rstrip("\n") + "\n"


def fragment(html: Any) -> Markup:
    """Rendered template text as one raw HTML block: lines stripped, no blank line."""
    return Markup("\n".join(line.strip() for line in str(html).splitlines() if line.strip()))
