"""Rules for text that comes from outside (data, git, the environment) and how it is shown on a terminal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_REFUSED = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # control characters but tab and newline: NUL, BEL, ESC, C1 controls
    "\u202a-\u202e\u2066-\u2069"  # bidirectional overrides and isolates
    "\ud800-\udfff"  # lone surrogates
    "\ue000-\uf8ff\U000f0000-\U0010ffff"  # private use (the BMP's area, planes 15 and 16)
    "\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 15))  # non-characters
)
_FORBIDDEN = re.compile(f"[{_REFUSED}]")
"""Characters refused in any text of the data, raw source texts included.

Control characters act on a terminal instead of showing; bidirectional controls make text display in another
order than it reads; non-characters and lone surrogates are not text. Private-use characters are refused because
Python-Markdown and its extensions use them as placeholders: U+E000 in a title injects list and rule syntax into a
heading of the site."""

_FORBIDDEN_IN_RAW = re.compile(f"[{_REFUSED.replace(chr(0x0B) + '-' + chr(0x1F), chr(0x0B) + chr(0x0C) + chr(0x0E) + '-' + chr(0x1F))}]")
"""_FORBIDDEN less the carriage return, which a raw text may hold as part of its line breaks (CRLF)."""


def describe(ch: str) -> str:
    """What a refused character is, in words, with its code point."""
    code = f"U+{ord(ch):04X}"
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        return f"the bidirectional control {code}, which makes text display in another order than it reads"
    if ord(ch) <= 0x9F:
        return f"the control character {code}"
    if "\ud800" <= ch <= "\udfff":
        return f"a lone surrogate {code} (not a character)"
    if "\ue000" <= ch <= "\uf8ff" or ord(ch) >= 0xF0000 and (ord(ch) & 0xFFFF) < 0xFFFE:
        return f"the private-use character {code}, which has no agreed meaning"
    return f"the non-character {code}"


def forbidden_char(text: str) -> str | None:
    """A message naming the first character of text that no data text may hold, or None."""
    m = _FORBIDDEN.search(text)
    if m is None:
        return None
    return f"text contains, at character {m.start() + 1}, {describe(m.group())}; remove it"


def forbidden_in_raw(text: str) -> tuple[int, int, str] | None:
    """(line, column, what) of the first character a raw source text may not hold (a carriage return may), or None.

    A byte order mark at the start is refused as in data files: it would be read as part of the first block, which
    then matches no furniture rule, and every paragraph after it would be numbered one off.
    """
    if text.startswith("\ufeff"):
        return 1, 1, "a byte order mark (U+FEFF), as saving as 'UTF-8 with BOM' writes"
    m = _FORBIDDEN_IN_RAW.search(text)
    if m is None:
        return None
    start = m.start()
    line_start = text.rfind("\n", 0, start) + 1
    return text.count("\n", 0, start) + 1, start - line_start + 1, describe(m.group())


_UNSAFE_ON_TERMINAL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]")
"""Characters that a terminal acts on instead of showing (ESC and OSC sequences, BEL, carriage return, C1
controls), that break a line (newline, U+2028, U+2029), or that make text display in another order than it reads
(bidirectional controls)."""


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_UNSEEN_IN_A_MESSAGE = re.compile("[\u00a0\u00ad\u180e\u200b-\u200d\u2060-\u2064]")
"""Characters a message shows as nothing, or as an ordinary space: "title_en\\u200b: unknown field" read as
"title_en: unknown field", beside "title_en: required field is missing" (found by an outside tester)."""


def for_terminal(text: str, *, keep_newlines: bool = False) -> str:
    """text with every character a terminal would act on written as an escape (ESC -> \\x1b, U+2028 -> \\u2028),
    and those it would show as nothing or as a plain space (U+200B -> \\u200b, a no-break space -> \\xa0).

    Tab stays; a newline stays only with keep_newlines (for text of several lines), else it is shown as \\x0a.
    """
    if keep_newlines:
        return "\n".join(for_terminal(line) for line in text.split("\n"))
    return _UNSEEN_IN_A_MESSAGE.sub(_escape, _INVISIBLE.sub(_escape, _UNSAFE_ON_TERMINAL.sub(_escape, text)))


def json_for_terminal(text: str) -> str:
    """JSON text with the characters for_terminal escapes written as JSON escapes (\\u001b), so it stays valid JSON."""
    return _UNSAFE_ON_TERMINAL.sub(lambda m: "\n" if m.group() == "\n" else f"\\u{ord(m.group()):04x}", text)


def brief(value: str) -> str:
    """A value as a message quotes it: whole when short, else its start and its length (a line may be megabytes)."""
    return repr(value) if len(value) <= 40 else f"{value[:30]!r}\u2026 ({len(value)} characters)"


_INVISIBLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2065\u2800\u3164\ufe00-\ufe0f\uffa0\ufff0-\ufff8\U000e0000-\U000e0fff]")
"""Characters that show as nothing but are no format characters (category Cf): Unicode's default-ignorable code points
of other categories (the combining grapheme joiner, variation selectors, the Hangul fillers, the Khmer inherent
vowels, and the unassigned U+2065, U+FFF0-FFF8 and U+E0000-E0FFF), and the blank Braille pattern (U+2800)."""


def name_key(text: str) -> str:
    """A name as names are told apart (a group's id and labels): in any case and spacing, in Unicode's compatibility
    form, and without invisible characters, so "LH\\u200bBTI", "LHBTI\\u034f" and "ＬＨＢＴＩ" are the name "LHBTI"."""
    visible = "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf")
    return " ".join(_INVISIBLE.sub("", visible).split()).casefold()


def blank(text: str) -> bool:
    """Whether text holds something, but nothing visible: only spaces (U+3000, U+00A0 ...), line separators and
    invisible format characters (U+200B ...)."""
    return bool(text) and not name_key(text)


def nearest(given: str, known: Iterable[str]) -> str | None:
    """The known name nearest to one given that is not known (difflib's closest match), or None when none is near."""
    import difflib  # here, not at the top: every command imports this module, and only a slip needs it

    near = difflib.get_close_matches(given, list(known), n=1)
    return near[0] if near else None


def did_you_mean(given: str, known: Iterable[str]) -> str:
    """"; did you mean X?" for the known name nearest to one given (nearest), or "" when none is near: the hint of a
    message about an unknown command, option or provision id."""
    near = nearest(given, known)
    return f"; did you mean {near}?" if near else ""
