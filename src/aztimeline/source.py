"""A source's raw text and its paragraph view: body paragraphs with stable anchors, page furniture apart."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_WS = re.compile(r"\s+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BLANK = re.compile(r"\n[ \t]*\n")


def normalise_ws(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends: the only normalisation quotes get."""
    return _WS.sub(" ", text).strip()


def sha256_hex(data: bytes) -> str:
    """The lowercase hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Paragraph:
    """One block of the paragraph view. Body paragraphs are p1..pn, furniture f1..fn, in reading order."""

    anchor: str
    role: str  # body, letterhead, running_header, signature
    text: str
    line_start: int
    line_end: int
    joined_at: tuple[int, ...] = ()  # lines where a sentence split across a page break was rejoined


@dataclass(frozen=True)
class ParagraphView:
    paragraphs: tuple[Paragraph, ...]
    unmatched_rules: tuple[int, ...]  # indexes of furniture rules that matched no block

    def get(self, anchor: str) -> Paragraph | None:
        """The paragraph with this anchor, or None."""
        for p in self.paragraphs:
            if p.anchor == anchor:
                return p
        return None

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.role == "body"]


def _plain(block: str) -> str:
    # The letter reached us converted to Markdown; its markup is not part of the words.
    lines = [re.sub(r"^\s*>\s?", "", line) for line in block.split("\n")]
    text = _LINK.sub(r"\1", "\n".join(lines)).replace("*", "")
    return normalise_ws(text)


def paragraph_view(raw: str, furniture: list[tuple[str, str]]) -> ParagraphView:
    """Split raw text into blocks at blank lines, set furniture apart by (role, regex), and number the rest.

    A furniture block above the first body paragraph is letterhead, whichever rule matched it (the
    kenmerk block is both letterhead and running header).

    A body block that starts with a lowercase letter continues the sentence of the body block before it
    (the sentence was split by a page break), so the two are joined with one space.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    compiled = [(role, re.compile(pattern)) for role, pattern in furniture]
    used: set[int] = set()
    blocks: list[tuple[str, int, int]] = []
    pos = 0
    for m in [*_BLANK.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip("\n"))
            start_line = text.count("\n", 0, pos + lead) + 1
            end_line = start_line + chunk.strip("\n").count("\n")
            blocks.append((chunk, start_line, end_line))
        if m:
            pos = m.end()
    out: list[Paragraph] = []
    n_body = n_furn = 0
    for chunk, start, end in blocks:
        plain = _plain(chunk)
        role = "body"
        for i, (r, rx) in enumerate(compiled):
            if r == "letterhead" and n_body:
                continue  # letterhead rules apply only above the first body paragraph
            if rx.fullmatch(plain):
                role = "letterhead" if not n_body else r
                used.add(i)
                break
        if role == "body":
            prev = next((j for j in range(len(out) - 1, -1, -1) if out[j].role == "body"), None)
            if prev is not None and plain[:1].islower():
                p = out[prev]
                out[prev] = Paragraph(p.anchor, "body", f"{p.text} {plain}", p.line_start, end, (*p.joined_at, start))
                continue
            n_body += 1
            out.append(Paragraph(f"p{n_body}", "body", plain, start, end))
        else:
            n_furn += 1
            out.append(Paragraph(f"f{n_furn}", role, plain, start, end))
    unmatched = tuple(i for i in range(len(compiled)) if i not in used)
    return ParagraphView(tuple(out), unmatched)


def find_quote(paragraph: Paragraph, quote: str) -> tuple[int, int] | None:
    """Where the whitespace-normalised quote stands in the paragraph text, as (start, end), or None."""
    q = normalise_ws(quote)
    i = paragraph.text.find(q)
    return (i, i + len(q)) if q and i >= 0 else None
