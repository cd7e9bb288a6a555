"""Escaping: every piece of data text passes through here before it reaches a page."""

from __future__ import annotations

import re

_UNSHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000]")
"""Characters data text must not bring into a page: the private-use character that marks a heading line in our
rendered pages (render.py), and control characters (Python-Markdown keeps its placeholders between \x02 and \x03)."""


def shown(text: str) -> str:
    """Text with each character of _UNSHOWN as U+FFFD: visible, and the text stays in its element."""
    return _UNSHOWN.sub("\ufffd", text)


_MD = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#|~<>&\"'!:$=^"})
_LEAD = re.compile(r"^([0-9]+)([.)])|^([-+])")


def esc(text: object) -> str:
    """Escape data text for Markdown and HTML: no tag, no Markdown syntax, no template syntax survives.

    Every character that starts markup in HTML, Markdown or a template language becomes a numeric
    character reference, which renders as the character itself. Whitespace is collapsed, so text can
    never break out of its line or block.
    """
    out = " ".join(shown(str(text)).split()).translate(_MD)
    return _LEAD.sub(lambda m: f"{m[1]}&#{ord(m[2])};" if m[1] else f"&#{ord(m[3])};", out)

