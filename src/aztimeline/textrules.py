"""Rules for text that comes from outside (data, git, the environment) and how it is shown on a terminal."""

from __future__ import annotations

import re

_UNSAFE_ON_TERMINAL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]")
"""Characters that a terminal acts on instead of showing (ESC and OSC sequences, BEL, carriage return, C1
controls), that break a line (newline, U+2028, U+2029), or that make text display in another order than it reads
(bidirectional controls)."""


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def for_terminal(text: str, *, keep_newlines: bool = False) -> str:
    """text with every character a terminal would act on written as an escape (ESC -> \\x1b, U+2028 -> \\u2028).

    Tab stays; a newline stays only with keep_newlines (for text of several lines), else it is shown as \\x0a.
    """
    if keep_newlines:
        return "\n".join(_UNSAFE_ON_TERMINAL.sub(_escape, line) for line in text.split("\n"))
    return _UNSAFE_ON_TERMINAL.sub(_escape, text)
