"""Escaping: every piece of data text passes through here before it reaches a page."""

from __future__ import annotations

import html
import re

_MD = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#|~<>&\"'!:$=^"})
_LEAD = re.compile(r"^([0-9]+)([.)])|^([-+])")


def esc(text: object) -> str:
    """Escape data text for Markdown and HTML: no tag, no Markdown syntax, no template syntax survives.

    Every character that starts markup in HTML, Markdown or a template language becomes a numeric
    character reference, which renders as the character itself. Whitespace is collapsed, so text can
    never break out of its line or block.
    """
    out = " ".join(str(text).split()).translate(_MD)
    return _LEAD.sub(lambda m: f"{m[1]}&#{ord(m[2])};" if m[1] else f"&#{ord(m[3])};", out)


def attr(text: object) -> str:
    """Escape data text for an HTML attribute value."""
    return html.escape(str(text), quote=True)
