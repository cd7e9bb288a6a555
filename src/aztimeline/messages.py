"""Message catalogues: the sentences of the timeline's answers and the interface text of the site and of the exports,
in Dutch and English, kept as TOML beside the package that makes them (messages.toml) so that translators and editors
change them without touching code."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

from .errors import DataError, Problem


def catalogue(package: str, file: str = "messages.toml") -> dict[str, Any]:
    """A package's message catalogue, its messages.toml: tables of (Dutch, English) pairs, each array a tuple. file
    is the catalogue's path in the package: the command line reads the site's ("site/messages.toml" in aztimeline)
    without loading the site's code, which only `build` loads.

    An editor's slip (a TOML syntax error, an entry without its English) is a DataError naming the file, line and
    entry, so that the command that needed the text says what to fix instead of failing with a traceback."""
    path = resources.files(package).joinpath(file)
    return read_catalogue(path.read_text(encoding="utf-8"), str(path))


_UNCLOSED = {"Illegal character '\\n'", "Found invalid character '\\n'", "Unterminated string", 'Expected "\'"'}
"""What tomllib says when a text's closing quotation mark is missing (a "..." or a '...' text)."""


def toml_slip(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int, str, str | None]:
    """Where tomllib found a slip in text and what it is: (line, tomllib's reason, our words with the fix or None).
    tomllib gives no line for a slip at the end of the document: that is its last line. The commonest slip, a
    missing closing quotation mark, which tomllib says in four ways, gets our words; the caller says the rest."""
    m = re.search(r"\(at line ([0-9]+), column [0-9]+\)", str(exc))
    line = int(m.group(1)) if m else len(text.splitlines()) or 1
    reason = re.sub(r"\s*\((at line [0-9]+, column [0-9]+|at end of document)\)", "", str(exc)) or "not valid TOML"
    unclosed = "a text in quotation marks is not closed on its line; end it with the quotation mark it starts with"
    return line, reason, unclosed if reason in _UNCLOSED else None


def read_catalogue(text: str, name: str) -> dict[str, Any]:
    """The tables of a catalogue's text; name is its file, as the problems name it."""
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, reason, fix = toml_slip(exc, text)
        message = fix or f"not valid TOML here or just above ({reason}); the comment at the top of the file says how entries are written"
        raise DataError([Problem(name, line, "", message)]) from None
    problems = [Problem(name, _line_of(text, where), ".".join(where), why) for where, why in _not_pairs(tables, ())]
    if problems:
        raise DataError(problems)
    return _tuples(tables, (), (name, text))


class Text(str):
    """A catalogue's text, which knows its entry: filled in with a placeholder the code does not give (an editor's
    slip, such as {dag} for {day}) or with a brace that does not close, it is a DataError naming the file, line and
    entry, as a slip in the catalogue's syntax is, not a KeyError's traceback. What format returns is a plain str."""

    _entry: tuple[tuple[str, str], tuple[str, ...]]
    """(the catalogue's file name and text, the keys of the entry)"""

    def __new__(cls, value: str, source: tuple[str, str], where: tuple[str, ...]) -> Text:
        text = super().__new__(cls, value)
        text._entry = (source, where)
        return text

    def format(self, *args: Any, **kwargs: Any) -> str:
        try:
            return str.format(self, *args, **kwargs)
        except (KeyError, IndexError, ValueError) as exc:
            (name, text), where = self._entry
            if isinstance(exc, ValueError):
                why = f"cannot be filled in ({exc}); write each placeholder as {{name}}, each brace closed"
            else:
                given = ", ".join(f"{{{k}}}" for k in kwargs) or "none"
                why = f"the placeholder {{{exc.args[0]}}} is not filled in here (this text gets {given}); keep the placeholders as they were"
            raise DataError([Problem(name, _line_of(text, where), ".".join(where), why)]) from None


def _not_pairs(table: dict[str, Any], where: tuple[str, ...]) -> list[tuple[tuple[str, ...], str]]:
    """Every entry that is not a [Dutch, English] pair: its place and what is wrong. A table with the keys nl and en
    holds one list per language; an array of arrays is a list of pairs."""
    if set(table) == {"nl", "en"}:
        return []
    found = []
    for key, value in table.items():
        here = (*where, key)
        if isinstance(value, dict):
            found += _not_pairs(value, here)
        elif isinstance(value, list) and value and all(isinstance(v, list) for v in value):
            if any(len(v) != 2 for v in value):
                found.append((here, "each item must be a pair ['Dutch', 'English']"))
        elif not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, str) for v in value):
            found.append((here, f"must be a pair of texts ['Dutch', 'English'], not {value!r}"[:200]))
    return found


def _line_of(text: str, where: tuple[str, ...]) -> int:
    """The line of an entry: its key's first line in its table (0 when it cannot be found)."""
    header, key = f"[{'.'.join(where[:-1])}]", re.compile(rf"\s*['\"]?{re.escape(where[-1])}['\"]?\s*=")
    inside = False
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("["):
            inside = line.strip() == header
        elif inside and key.match(line):
            return n
    return 0


def _tuples(value: Any, where: tuple[str, ...], source: tuple[str, str]) -> Any:
    """The tables with each array as a tuple, and each text with a brace (a template) as a Text of its entry (where: the
    keys leading to it); a text without one cannot fail to be filled in, and stays a plain str (as YAML wants it)."""
    if isinstance(value, dict):
        return {k: _tuples(v, (*where, k), source) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_tuples(v, where, source) for v in value)
    return Text(value, source, where) if isinstance(value, str) and ("{" in value or "}" in value) else value


def by_lang(table: dict[Any, Any]) -> dict[str, dict[Any, Any]]:
    """A table whose entries are (Dutch, English) pairs, or tables of them, as one table per language."""
    return {lang: _pick(table, i) for i, lang in enumerate(("nl", "en"))}


def _pick(table: dict[Any, Any], i: int) -> dict[Any, Any]:
    return {k: _pick(v, i) if isinstance(v, dict) else v[i] for k, v in table.items()}
