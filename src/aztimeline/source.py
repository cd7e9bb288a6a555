"""A source's raw text and its paragraph view: body paragraphs with stable anchors, page furniture apart."""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

_WS = re.compile(r"\s+")
_LINK = re.compile(r"\[([^\[\]]*+)\]\([^()]*+\)")
"""A Markdown link [text](target). Neither part may hold a bracket of its kind, so that every search for one ends
at the next bracket and the whole text is searched in linear time (2 MB of '[' would take hours otherwise)."""
_BLANK = re.compile(r"\n[ \t]*+\n")
_QUOTE_MARK = re.compile(r"^[^\S\n]*+>[^\S\n]?", re.MULTILINE)
"""The quote mark at the start of a line of the block (whitespace, >, one space)."""


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
    joined_offsets: tuple[int, ...] = ()  # where each rejoined block starts in text (one per joined_at)
    found: dict[str, tuple[int, int] | None] = field(default_factory=dict, compare=False, repr=False)
    """Where each quote searched for so far stands (find_quote), by its normalised text: validation, the page and
    partial flags, the letter order and the pages all ask for the same quotes, and each search reads the whole
    paragraph, which may be megabytes."""


@dataclass(frozen=True)
class ParagraphView:
    """The blocks of a raw text in reading order, with what every lookup needs worked out once, in linear time."""

    paragraphs: tuple[Paragraph, ...]
    unmatched_rules: tuple[int, ...]  # indexes of furniture rules that matched no block
    header_rules: tuple[int, ...] = ()  # for each block, the index of the furniture rule it matched, or -1
    breaks: tuple[int, ...] = field(init=False, compare=False, repr=False)
    """The raw-text lines on which pages 2, 3, ... of the letter begin (see _page_breaks)."""
    body: tuple[Paragraph, ...] = field(init=False, compare=False, repr=False)
    _index: dict[str, int] = field(init=False, compare=False, repr=False)
    _joined: str = field(init=False, compare=False, repr=False)
    _starts: list[int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # a frozen dataclass: derived fields are set once, here
        set_(self, "_index", {p.anchor: i for i, p in enumerate(self.paragraphs)})
        set_(self, "body", tuple(p for p in self.paragraphs if p.role == "body"))
        set_(self, "breaks", _page_breaks(self))
        # Every paragraph's text, one per line: paragraph texts are whitespace-normalised, so hold no newline,
        # and one search of this text finds the first paragraph holding a quote.
        set_(self, "_starts", [0, *accumulate(len(p.text) + 1 for p in self.paragraphs[:-1])])
        set_(self, "_joined", "\n".join(p.text for p in self.paragraphs))

    def get(self, anchor: str) -> Paragraph | None:
        """The paragraph with this anchor, or None."""
        i = self._index.get(anchor)
        return None if i is None else self.paragraphs[i]

    def position(self, anchor: str) -> int | None:
        """Where the paragraph with this anchor stands among all blocks (0-based), or None."""
        return self._index.get(anchor)

    def locate(self, quote: str) -> Paragraph | None:
        """The first paragraph in which the whitespace-normalised quote stands, or None."""
        q = normalise_ws(quote)
        i = self._joined.find(q) if q else -1
        return None if i < 0 else self.paragraphs[bisect.bisect_right(self._starts, i) - 1]

    def text_length(self) -> int:
        """The characters locate() reads for a quote that stands nowhere: every paragraph's text."""
        return len(self._joined)


def _plain(block: str) -> str:
    # The letter reached us converted to Markdown; its markup is not part of the words.
    if ">" in block:
        block = _QUOTE_MARK.sub("", block)
    if "](" in block:
        block = _LINK.sub(r"\1", block)
    return normalise_ws(block.replace("*", ""))


class Glob:
    """A furniture pattern: literal text in which each * stands for any run of characters (possibly none).

    Not a regular expression, on purpose: a data file must never be able to make matching hang, and this
    matcher takes time linear in the text for each literal part (no backtracking).
    """

    def __init__(self, pattern: str) -> None:
        self.parts = pattern.split("*")

    def fullmatch(self, text: str) -> bool:
        """True when the whole text matches the pattern."""
        parts = self.parts
        if len(parts) == 1:
            return text == parts[0]
        first, middle, last = parts[0], parts[1:-1], parts[-1]
        if len(first) + len(last) > len(text) or not text.startswith(first) or not text.endswith(last):
            return False
        pos, end = len(first), len(text) - len(last)
        for part in middle:  # leftmost match of each literal part is always right for '*' patterns
            i = text.find(part, pos, end)
            if i < 0:
                return False
            pos = i + len(part)
        return True


@dataclass
class _Joined:
    """A body paragraph to which sentences split by a page break are joined, while the view is made."""

    parts: list[str]
    line_end: int
    length: int
    joined_at: list[int] = field(default_factory=list)
    joined_offsets: list[int] = field(default_factory=list)


def paragraph_view(raw: str, furniture: list[tuple[str, str]]) -> ParagraphView:
    """Split raw text into blocks at blank lines, set furniture apart by (role, pattern), and number the rest.

    A furniture block above the first body paragraph is letterhead, whichever rule matched it (the
    kenmerk block is both letterhead and running header).

    A body block that starts with a lowercase letter continues the sentence of the body block before it
    (the sentence was split by a page break), so the two are joined with one space.

    Every step takes time linear in the raw text (times the number of furniture rules, which is limited).
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    compiled = [(role, Glob(pattern)) for role, pattern in furniture]
    exact: dict[str, list[int]] = {}  # rules without a *: found by their text rather than tried one by one
    starred = []
    for i, (_, g) in enumerate(compiled):
        if len(g.parts) == 1:
            exact.setdefault(g.parts[0], []).append(i)
        else:
            starred.append(i)
    used: set[int] = set()
    out: list[Paragraph] = []
    rules: list[int] = []
    joins: dict[int, _Joined] = {}  # by place in out
    n_body = n_furn = 0
    last_body = -1  # place in out of the last body paragraph
    pos = 0
    counted_to, line_at = 0, 1  # lines are counted once, forward: line_at is the line of offset counted_to
    for m in [*_BLANK.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        body = chunk.lstrip("\n")
        if body.strip():
            line_at += text.count("\n", counted_to, end - len(body))
            counted_to = end - len(body)
            start = line_at
            stop = start + body.rstrip("\n").count("\n")
            plain = _plain(body)
            rule = _furniture_rule(plain, compiled, exact, starred, letterhead_ok=not n_body) if compiled else -1
            if rule >= 0:
                used.add(rule)
                n_furn += 1
                out.append(Paragraph(f"f{n_furn}", "letterhead" if not n_body else compiled[rule][0], plain, start, stop))
                rules.append(rule)
            elif last_body >= 0 and plain[:1].islower():
                j = joins.get(last_body)
                if j is None:
                    p = out[last_body]
                    j = joins[last_body] = _Joined([p.text], p.line_end, len(p.text))
                j.joined_at.append(start)
                j.joined_offsets.append(j.length + 1)
                j.parts.append(plain)
                j.length += 1 + len(plain)
                j.line_end = stop
            else:
                n_body += 1
                last_body = len(out)
                out.append(Paragraph(f"p{n_body}", "body", plain, start, stop))
                rules.append(-1)
        if m:
            pos = m.end()
    for i, j in joins.items():
        p = out[i]
        out[i] = Paragraph(p.anchor, "body", " ".join(j.parts), p.line_start, j.line_end, tuple(j.joined_at), tuple(j.joined_offsets))
    unmatched = tuple(i for i in range(len(compiled)) if i not in used)
    return ParagraphView(tuple(out), unmatched, tuple(rules))


def _furniture_rule(
    plain: str, compiled: list[tuple[str, Glob]], exact: dict[str, list[int]], starred: list[int], *, letterhead_ok: bool
) -> int:
    """The first furniture rule (in the order written) that matches the block in full, or -1; letterhead rules apply
    only above the first body paragraph."""

    def allowed(i: int) -> bool:
        return letterhead_ok or compiled[i][0] != "letterhead"

    best = next((i for i in exact.get(plain, ()) if allowed(i)), -1)
    for i in starred:
        if best >= 0 and i > best:
            break
        if allowed(i) and compiled[i][1].fullmatch(plain):
            return i
    return best


def find_quote(paragraph: Paragraph, quote: str) -> tuple[int, int] | None:
    """Where the whitespace-normalised quote stands in the paragraph text, as (start, end), or None.

    Each quote is searched for once per paragraph (Paragraph.found): the search takes time linear in the paragraph.
    A quote that stands inside words at every place tried is given up on after reading a few times the paragraph:
    one hostile quote of 20,000 a's in a word of 1.9 million had held validate for 95 s (an outside tester).
    """
    q = normalise_ws(quote)
    if q not in paragraph.found:
        i = _find_whole(paragraph.text, q)
        paragraph.found[q] = (i, i + len(q)) if i >= 0 else None
    return paragraph.found[q]


def _find_whole(text: str, q: str) -> int:
    """Where q first stands in text beginning and ending with whole words ("gewijzigd blijft." is no quote of
    "ongewijzigd blijft."), or -1; -1 too once a few times the text is read (find_quote says why)."""
    i = text.find(q) if q else -1
    work, cap = 0, 4 * len(text) + 1_000_000
    while i >= 0 and not whole_words(text, i, i + len(q)):
        work += len(q)
        i = text.find(q, i + 1) if work <= cap else -1
    return i


def _joins(ch: str) -> bool:
    """A combining mark (the accent of "é" written as two code points) or a joiner: it belongs to the letter before."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200c\u200d"


def whole_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] neither begins nor ends inside a word of text, nor inside a character: a quote of
    "december" in "december\u0301" ended before the accent of its last letter (found by an outside tester)."""
    inside_at_start = start < len(text) and (_joins(text[start]) or start > 0 and (text[start - 1].isalnum() or _joins(text[start - 1])) and text[start].isalnum())
    inside_at_end = end < len(text) and (_joins(text[end]) or text[end - 1].isalnum() and text[end].isalnum())
    return not (inside_at_start or inside_at_end)


def quote_spans(view: ParagraphView, quote: str) -> tuple[tuple[Paragraph, int, int], ...]:
    """The body paragraphs in a row over which a quote runs, their texts read one after another with a space between
    them, each with the part of its text the quote takes (start, end); () where it stands, with whole words, within
    one paragraph or nowhere so. Reads the body's text once (at most a few times, as find_quote)."""
    q, body = normalise_ws(quote), view.body
    if not q or len(body) < 2:
        return ()
    text = " ".join(p.text for p in body)
    starts = [0, *accumulate(len(p.text) + 1 for p in body[:-1])]
    i = _find_whole(text, q)
    if i < 0:
        return ()
    first, last = bisect.bisect_right(starts, i) - 1, bisect.bisect_right(starts, i + len(q) - 1) - 1
    if first == last:
        return ()
    end = i + len(q)
    return tuple((body[k], max(i - starts[k], 0), min(end - starts[k], len(body[k].text))) for k in range(first, last + 1))


# --- pages --------------------------------------------------------------------------------------------


def _page_breaks(view: ParagraphView) -> tuple[int, ...]:
    """The raw-text lines on which pages 2, 3, ... of the letter begin, derived from the running headers.

    Every page after the first repeats the running header (its blocks match the running_header rules), and the n-th
    repetition belongs to page n + 1. The conversion put each page's first body block before that page's header:
    the header stands in a side column that begins a line below the top of the text. The letter shows it twice.
    Page 3 begins with the end of a sentence broken off by a blank line ("onderhouden."), which stands before the
    second header. And the block just before the first header stands before that page's side column as well, while
    the paragraph after the header comes only after all three of its blocks (Directoraat-Generaal, Datum, Ons
    kenmerk); a paragraph at the top of a page would have come before them, as "onderhouden." does. So a page begins
    at the last body block before its header, where that block comes after the previous page's beginning; else at
    the header's first block.
    """
    seen: Counter[int] = Counter()  # rule index -> how often it has occurred
    first_line: dict[int, int] = {}  # repetition n -> line of its first block (blocks come in reading order)
    for p, rule in zip(view.paragraphs, view.header_rules, strict=False):
        if p.role != "running_header":
            continue
        seen[rule] += 1
        first_line.setdefault(seen[rule], p.line_start)
    body = view.body
    body_ends = [p.line_end for p in body]  # increasing: a body paragraph starts after the one before it ends
    breaks: list[int] = []
    for n in sorted(first_line):
        line = first_line[n]
        before = bisect.bisect_left(body_ends, line)  # body paragraphs ending before the header's line
        if before:
            p = body[before - 1]
            first = p.joined_at[-1] if p.joined_at else p.line_start  # its last block: rejoined, or all of it
            if first > (breaks[-1] if breaks else 0):
                line = first
        breaks.append(line)
    return tuple(breaks)


def page_of_line(view: ParagraphView, line: int) -> int:
    """The page of the letter a raw-text line stands on."""
    return 1 + bisect.bisect_right(view.breaks, line)


def _line_at(p: Paragraph, offset: int) -> int:
    """The raw-text line of the block in which a character offset of the paragraph's text falls."""
    i = bisect.bisect_right(p.joined_offsets, offset)
    return p.joined_at[i - 1] if i else p.line_start


def _view_of(source: object) -> ParagraphView:
    """The paragraph view of a loaded source (anything with .view), or the view itself."""
    view = getattr(source, "view", source)
    if not isinstance(view, ParagraphView):
        raise TypeError(f"expected a loaded source or a ParagraphView, got {type(source).__name__}")
    return view


def page_of(source: object, anchor: str, quote: str | None = None) -> int | list[int]:
    """The page(s) of the letter on which a citation stands.

    source is a loaded source (anything with a paragraph .view) or a ParagraphView. With a quote: the page
    on which its first words stand, or [first, last] when the quote runs over a page break. Without a quote
    (or one that is not in the paragraph): the paragraph's page, or [first, last] for a paragraph that runs
    over a page break.
    """
    view = _view_of(source)
    p = view.get(anchor)
    if p is None:
        raise KeyError(f"no paragraph {anchor}")
    at = find_quote(p, quote) if quote is not None else None
    start, end = at or (0, len(p.text) + 1)  # no quote found: the whole paragraph
    first, last = page_of_line(view, _line_at(p, start)), page_of_line(view, _line_at(p, max(start, end - 1)))
    return first if first == last else [first, last]


_SENTENCE_END = (".", "?", "!")


def partial_sides(paragraph: Paragraph, quote: str) -> tuple[bool, bool]:
    """Whether words of the sentence are left out (before the quote, after it).

    Only body text has sentences: a quote of page furniture (letterhead lines, headers, signature) is never
    partial.
    """
    at = find_quote(paragraph, quote)
    if at is None or paragraph.role != "body":
        return (False, False)
    start, end = at
    text = paragraph.text
    q = text[start:end]
    before = start
    while before > 0 and text[before - 1].isspace():  # the text is normalised: at most one space
        before -= 1
    head = start > 0 and not (text.endswith(_SENTENCE_END, 0, before) and q[:1].isupper())
    # words are left out after the quote unless it ends its sentence (only the full stop may be left off)
    tail = end < len(text) and not q.endswith(_SENTENCE_END) and not text[end:].startswith(_SENTENCE_END)
    return (head, tail)


def quote_display(cit: object, source: object | None = None) -> str:
    """The quote with "[\u2026]" where words of its sentence are left out (whitespace normalised).

    Which side words are left out on comes from the source: pass the loaded source (cd.sources[cit.source])
    for any citation flagged partial.
    """
    quote = normalise_ws(getattr(cit, "quote"))  # noqa: B009
    if source is not None:
        p = _view_of(source).get(getattr(cit, "anchor"))  # noqa: B009
        head, tail = partial_sides(p, quote) if p else (False, False)
    elif getattr(cit, "partial", False):
        raise ValueError("quote_display needs the source to mark where a partial quote leaves words out")
    else:
        head = tail = False
    return ("[\u2026] " if head else "") + quote + (" [\u2026]" if tail else "")
