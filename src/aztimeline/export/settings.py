"""The liaison's settings for memos: a small TOML file (`aztimeline.toml` in the current folder, or --settings FILE).

    [memo]
    to = "De directeur Migratiebeleid"
    from = "J. Jansen, parlementair liaison"
    reference = "DMB-2026-0142"

Every key is optional; the command line's --memo-to, --memo-from and --reference win over the file.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path

from ..datafiles import read_regular
from ..errors import DataError, Problem
from ..messages import toml_slip
from ..textrules import forbidden_char

SETTINGS_FILE = "aztimeline.toml"
KEYS = {"to": "memo_to", "from": "memo_from", "reference": "reference"}
"""Keys of the [memo] table, and the export option each one sets."""
DUTCH = {"aan": "to", "van": "from", "kenmerk": "reference", "referentie": "reference"}
"""The nota's Dutch field names, each with the key that sets it."""
MAX_LENGTH = 300
MAX_BYTES = 64 * 1024


def memo_text_problem(value: str) -> str | None:
    """What is wrong with a memo field's text (addressee, sender, reference), from this file or the command line, or
    None. It is held to the rules of data text (it goes into the same Word and Excel files, whose XML cannot hold
    U+FFFE), on one line of at most MAX_LENGTH characters."""
    if value and not value.strip():  # spaces only: the field was dropped without a word (a liaison's read)
        return "holds only spaces; give the text, or leave the option out"
    if any(c in value for c in "\n\r\t"):
        return "holds a line break or a tab; write it on one line, with spaces"
    if len(value) > MAX_LENGTH:
        return f"is {len(value)} characters long; shorten it to at most {MAX_LENGTH}"
    return forbidden_char(value)


def read_settings(path: Path | None, folder: Path) -> dict[str, str]:
    """The export options the settings file sets: path when given (it must exist), else aztimeline.toml in folder
    when there is one. Every problem is reported at once, as file:line: field: message (DataError); a problem with
    the file as a whole (missing, not a file, too large) names the file without a line."""
    shown = str(path)
    if path is None:
        path, shown = folder / SETTINGS_FILE, SETTINGS_FILE
        if not path.is_file():
            return {}
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe would block, a device (/dev/zero) never ends
            raise DataError([Problem(shown, 0, "settings", "not a regular file; give the path of a TOML text file")])
        raw = read_regular(path, MAX_BYTES)  # no more than the limit is read, however large the file
    except FileNotFoundError:
        raise DataError([Problem(shown, 0, "settings", "no such file; check the path given to --settings")]) from None
    except OSError as exc:
        raise DataError([Problem(shown, 0, "settings", f"cannot read the settings file ({exc.strerror or exc})")]) from None
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(shown, 0, "settings", f"the file is larger than {MAX_BYTES // 1024} KB; a settings file holds a few lines")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError([Problem(shown, 1, "settings", "starts with a byte order mark; save the file as UTF-8 without BOM")])
    try:
        text = raw.decode("utf-8")
        doc = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(shown, line, "settings", "not UTF-8 text; save the file as UTF-8")]) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise DataError([Problem(shown, 1, "settings", 'nested too deeply; write key = "value" lines under [memo]')]) from None
    except tomllib.TOMLDecodeError as exc:
        line, reason, fix = toml_slip(exc, text)
        raise DataError([Problem(shown, line, "settings", fix or _slip(reason, text, line))]) from None
    problems: list[Problem] = []
    out: dict[str, str] = {}
    for key, value in doc.items():
        if key == "memo":
            continue
        if isinstance(value, dict):
            problems.append(Problem(shown, _line(text, key, table=True), key, "unknown table; the settings file has only [memo]"))
        else:  # a setting above any table: "unknown table" said nothing a liaison could use (a liaison's read)
            problems.append(Problem(shown, _line(text, key), key, "a setting outside [memo]; put the line [memo] above it"))
    memo = doc.get("memo", {})
    if not isinstance(memo, dict):
        problems.append(Problem(shown, _line(text, "memo"), "memo", "must be a table, [memo]"))
        memo = {}
    for key, value in memo.items():
        line, name = _line(text, key), f"memo.{key}"
        if key not in KEYS:
            dutch = DUTCH.get(key.lower())  # the nota's own word for it (a liaison wrote kenmerk = "...")
            hint = f"; write it as {dutch}" if dutch else ""
            problems.append(Problem(shown, line, name, f"unknown setting{hint}; the known ones are {', '.join(KEYS)}"))
        elif not isinstance(value, str):
            problems.append(Problem(shown, line, name, f'must be text in quotation marks, for example {key} = "..."'))
        elif problem := memo_text_problem(value):
            problems.append(Problem(shown, line, name, problem))
        elif value.strip():
            out[KEYS[key]] = value.strip()
    if problems:
        raise DataError(problems)
    return out


def _slip(reason: str, text: str, line: int) -> str:
    """tomllib's reason for a slip, in words that say the fix for the slips a liaison makes (liaisons' reads)."""
    here = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if reason == "Cannot overwrite a value":
        key = here.split("=", 1)[0].strip()
        first = next((i for i, x in enumerate(text.splitlines(), 1) if x.split("=", 1)[0].strip() == key), line)
        return f"{key} is given twice (first on line {first}); keep one of them" if key and first < line else "a setting given twice; keep one of them"
    if reason.startswith("Cannot declare"):
        return "[memo] is given twice; put all settings under one [memo]"
    if reason == "Expected '=' after a key in a key/value pair":
        return 'write key = "value", with "=" between them'
    if reason == "Invalid value":
        if any(q in here for q in "\u201c\u201d\u201e\u2018\u2019"):
            return 'write the value in straight quotation marks ("..."), not the curly ones a word processor makes'
        return 'a value must be text in quotation marks: write key = "value" under [memo]'
    return f'{reason}; write key = "value" lines under [memo]'


def _line(text: str, key: str, *, table: bool = False) -> int:
    """The line a key (or a [table]) stands on, for the message: `key =`, `key.sub =`, `memo.key =` or `[memo.key]`,
    the key bare or quoted; 1 when it cannot be found (a quoted key written with escapes)."""
    name = rf"""(?:"{re.escape(key)}"|'{re.escape(key)}'|{re.escape(key)})"""
    below = r"(?:memo\s*\.\s*)?"
    pattern = rf"^\s*\[\s*{name}\s*\]" if table else rf"^\s*(?:{below}{name}\s*[=.]|\[\s*memo\s*\.\s*{name}\s*[\].])"
    return next((i for i, line in enumerate(text.splitlines(), start=1) if re.match(pattern, line)), 1)
