"""Safe YAML reading that remembers the line of every key and refuses what a data file never needs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer

from .datafiles import MAX_YAML_BYTES, TOO_LARGE
from .dates import DATE_MAX, DATE_MIN
from .errors import Problem
from .textrules import blank, brief, describe, for_terminal, forbidden_char

try:  # the C parser is much faster; the pure-Python one gives the same nodes and marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists accepted; our schema needs at most 6 levels."""
MAX_NODES = 200_000
"""Most YAML nodes accepted in one file, counted while parsing (a larger file stops being read at the limit)."""

_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_KEY_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null", "float", "timestamp", "value"))
"""The tags a plain key resolves to without a tag written on it: every key is read as its text."""
Path_ = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)\Z")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
MAX_INT_DIGITS = 30
"""Most digits of a number read from YAML: no number in this data needs more, and Python refuses to read one of
more than 4,300 digits (a ValueError, not a problem of the file)."""


@dataclass
class Located:
    """A parsed YAML document plus the line of every mapping key and list item, keyed by path."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    relocate: Callable[[], dict[Path_, int]] | None = None
    """Recomputes lines on first use: a valid file keeps no line table, which would cost more memory than its data."""
    dates_only: bool = False
    """Of a document the walk refused: whether each value refused was a date, read as unknown (load._load_file)."""
    undated: tuple[Path_, ...] = ()
    """Of a document the walk refused: where each date refused in a field of dates stands, read as unknown (the
    model may not allow unknown there: load._load_file)."""
    as_dates: dict[Path_, str] = field(default_factory=dict)
    """Of a document the walk refused: for each date refused where text belongs, what is wrong with it as a date; in a
    field the model does not know, it may be a field of dates misspelt (load._load_file tells it so)."""

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known prefix of path (1-based); 1 if nothing is known."""
        if self.relocate is not None:
            self.lines, self.relocate = self.relocate(), None
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


DATE_FIELDS = ("date", "effective_from", "presented", "report_date", "checked_until", "announced")
"""The fields that hold a date: an impossible date in one is read as unknown (_Walker.undated); where the model does not
allow unknown (checked_until, announced, a later development's date), the date waits (load._load_file)."""


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.refused_dates: list[Path_] = []
        self.as_dates: dict[Path_, str] = {}

    def problem(self, node: yaml.Node, path: Path_, msg: str, *, at_node: bool = False) -> None:
        line = node.start_mark.line + 1 if at_node else self.lines.get(path, node.start_mark.line + 1)
        self.problems.append(Problem(self.file, line, dotted(path), msg))

    def undated(self, node: yaml.Node, path: Path_, msg: str) -> str:
        """A date refused: reported, and where it stands in a field of dates, read as unknown, so that the file can
        still be checked against the others. Elsewhere (an id, a quote, a group) "unknown" would be a word of ours
        the file never held, and false messages would follow (an outside tester): the file is not data."""
        if path and path[-1] not in DATE_FIELDS:  # text that YAML reads as a date
            self.as_dates[path] = msg
            msg = f"{brief(str(node.value))} is written as a date; where it is text, put it in quotation marks"
        self.problem(node, path, msg)
        if not path or path[-1] not in DATE_FIELDS:
            return str(node.value)
        self.refused_dates.append(path)
        return "unknown"

    def walk(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            if path and isinstance(path[-1], int):  # an alias item has no position of its own: use its list's
                self.lines[path] = self.lines.get(path[:-1], node.start_mark.line + 1)
            self.problem(node, path, "YAML anchors and aliases (&name / *name) are not allowed; write the value out in full")
            return None
        self.seen.add(id(node))
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in (_MAP, _SEQ):
            self.problem(node, path, f"YAML tag {node.tag!r} is not allowed; remove the tag", at_node=True)
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(key_node, path, "mapping keys must be plain text, not a list or mapping", at_node=True)
                    continue
                if id(key_node) in self.seen:
                    # an alias key is the anchored node itself, so its own line is the anchor's: use its value's line
                    self.problem(value_node, path, "YAML aliases (*name) are not allowed as keys; write the key out in full", at_node=True)
                    continue
                self.seen.add(id(key_node))
                bad = forbidden_char(key_node.value)
                if bad:
                    self.problem(key_node, path, bad, at_node=True)
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, path, "YAML merge keys (<<) are not allowed; write the keys out in full", at_node=True)
                    continue
                if key_node.tag not in _KEY_TAGS:  # such as !!python/object/apply:os.system on a key
                    self.problem(key_node, path, f"YAML tag {key_node.tag!r} is not allowed on a key; remove the tag", at_node=True)
                    continue
                key = key_node.value
                sub = (*path, key)
                if key in out:
                    first = self.lines.get(sub, "?")
                    self.problem(key_node, sub, f"duplicate key {key!r} (first at line {first}); keep one of them", at_node=True)
                    continue
                self.lines[sub] = key_node.start_mark.line + 1
                out[key] = self.walk(value_node, sub)
            return out
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                sub = (*path, i)
                self.lines[sub] = item.start_mark.line + 1
                items.append(self.walk(item, sub))
            return items
        return self.scalar(node, path)

    def scalar(self, node: yaml.Node, path: Path_) -> Any:
        tag, value = node.tag, node.value
        if tag == "tag:yaml.org,2002:str":
            bad = forbidden_char(value)
            if bad:
                self.problem(node, path, bad, at_node=True)
            elif blank(value):  # a title of U+3000 or U+200B validated, and showed as an empty heading and link
                fix = "quote holds only spaces or invisible characters; copy the quoted words from the source" if path[-1:] == ("quote",) else None
                self.problem(node, path, fix or "text is blank: it holds only spaces or invisible characters; write the text", at_node=True)
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            if value.lower() not in ("true", "false"):
                self.problem(node, path, f"{brief(value)} is read as a yes/no value; write true or false, or put it in quotes if it is text")
                return value
            return value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            if ":" in value:
                self.problem(node, path, f"{brief(value)} is read as a base-60 number; put it in quotes if it is text, such as a time")
                return value
            if not _INT.match(value):
                self.problem(node, path, f"write the number {brief(value)} in plain decimal digits, or put it in quotes if it is text")
                return value
            digits = sum(ch.isdigit() for ch in value)
            if digits > MAX_INT_DIGITS:
                self.problem(node, path, f"the number {brief(value)} has {digits} digits, more than {MAX_INT_DIGITS}; put it in quotes if it is text")
                return value
            return int(value.replace("_", ""))
        if tag == "tag:yaml.org,2002:float":
            self.problem(node, path, f"decimal numbers are not used in this data; quote {brief(value)} if it is text")
            return value
        if tag == "tag:yaml.org,2002:timestamp":
            m = _DATE.match(value)
            if not m:
                return self.undated(node, path, f"write the date {brief(value)} as YYYY-MM-DD, without a time")
            try:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError as exc:
                return self.undated(node, path, f"{value} is not a real calendar date ({exc}); check the day and month")
            if not DATE_MIN <= day <= DATE_MAX:
                return self.undated(node, path, f"{value} is outside the dates this data can hold ({DATE_MIN} to {DATE_MAX}); check the year")
            return day
        self.problem(node, path, f"unsupported YAML tag {tag!r}; remove the tag")
        return value


class _TooBig(Exception):
    def __init__(self, message: str, line: int, path: Path_ = ()) -> None:
        super().__init__(message)
        self.line, self.path = line, path


class _CountingLoader(Composer, _Loader):
    """The C parser's events composed in Python, counting nodes and depth while composing: it stops at MAX_NODES
    or MAX_DEPTH instead of building them all (a 5 MB file of a million list items is refused after 200,000)."""

    def __init__(self, stream: str) -> None:
        _Loader.__init__(self, stream)
        Composer.__init__(self)
        self.nodes = 0
        self.path: list[str | int] = []  # where the node being composed stands (its depth is len(path) + 1)

    def compose_node(self, parent: Any, index: Any) -> Any:
        # index is the key node of a mapping's value, the position of a list's item, None for a key or the root
        part = index.value if isinstance(index, yaml.ScalarNode) else index if isinstance(index, int) else None
        if part is not None:
            self.path.append(part)
        try:
            self.nodes += 1
            if self.nodes > MAX_NODES or len(self.path) > MAX_DEPTH:
                event = self.peek_event()
                line = event.start_mark.line + 1 if event is not None and event.start_mark is not None else 1
                if self.nodes > MAX_NODES:
                    what = f"more than {MAX_NODES} YAML nodes; stopped reading here; split the file or remove repeated content"
                    raise _TooBig(what, line)
                raise _TooBig(f"nested deeper than {MAX_DEPTH} levels; flatten the structure", line, tuple(self.path))
            return super().compose_node(parent, index)
        finally:
            if part is not None:
                self.path.pop()


def dotted(path: Path_) -> str:
    """Render a key path as a dotted field path: ('provisions', 'x', 'citations', 0) -> provisions.x.citations[0]; an
    empty key shows as '' (provisions.''.title_nl), so that it does not vanish from the path, and a tab in a key as \\t
    (it read as spaces: an outside tester)."""
    out = ""
    for i, part in enumerate(path):
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if i else "") + (str(part).replace("\t", "\\t") or "''")
    return out


_OPEN_QUOTE = re.compile(r"""^\s*(?:- )?[\w.-]+:\s+(?:"(?:[^"\\]|\\.)*|'(?:[^']|'')*)$""")
"""A key whose value opens a quote and does not close it on its line."""


def _unclosed_quote(text: str, before: int) -> int | None:
    """The first line before line `before` whose value opens a quote it does not close: data never runs a quoted
    value over lines (it uses >- for long text), so that is where a quote was left open."""
    for n, line in enumerate(text.split("\n")[: before - 1], start=1):
        if _OPEN_QUOTE.match(line):
            return n
    return None


_INDENTED = frozenset({"did not find expected key", "did not find expected '-' indicator", "mapping values are not allowed in this context"})
"""What the parser says, at a line's first word, of a line indented more or less than the keys or items it belongs with."""
_INDENTATION = "check the indentation of this line against the lines above it (spaces only, as many as the keys or items it belongs with)"


def _syntax_fix(problem: str, text: str, mark: yaml.Mark | None) -> str:
    """How to fix a slip in YAML's syntax, said after the parser's words: for those a wrong indentation brings, where the
    parser stumbled at the line's first word (its key, for a value not allowed there), a check of the indentation (the
    parser's words alone did not say it: a new editor's read); a colon and space in a value read as a key's end."""
    if mark is None or problem not in _INDENTED:
        return "fix the syntax at this line"
    lines = text.split("\n")
    before = lines[mark.line][: mark.column] if mark.line < len(lines) else ""  # the line up to where the parser stumbled
    if not problem.startswith("mapping values"):
        return _INDENTATION if not before.strip() else "fix the syntax at this line"
    if re.search(r":(\s|$)", before):  # "title: Zie: hier": the key's value holds a colon and a space
        return "a text that holds a colon and a space is written in quotation marks"
    return _INDENTATION if re.fullmatch(r"\s*(- +)?[\w.-]+\s*", before) else "fix the syntax at this line"


def parse_yaml(raw: bytes, shown: str, *, refused: list[Located] | None = None) -> tuple[Located | None, list[Problem]]:
    """Parse the bytes of one data file safely. Returns the located document, or None with the problems found.
    refused, when given, receives a document that parsed but holds values the walk refused (a date that does not
    exist, read as unknown): its other values can still be checked, and where only dates were refused, it may load.

    One reading for every file: the C parser's events, composed into nodes by a composer that counts them and their
    depth and stops at MAX_NODES or MAX_DEPTH, then walked with every refusal and its line.
    """
    if len(raw) > MAX_YAML_BYTES:  # the folder pass refuses a larger file before reading it; this holds for any caller
        return None, [Problem(shown, 0, "", f"file is {len(raw)} bytes or more, over the limit of {MAX_YAML_BYTES}; {TOO_LARGE}")]
    problem = _check_encoding(raw)
    if problem:
        return None, [Problem(shown, problem[0], "", problem[1])]
    text = raw.decode("utf-8")
    if not text.strip():
        return None, [Problem(shown, 1, "", "the file is empty; write the YAML document, or delete the file")]
    hidden = _hidden_breaks(text, shown)
    if hidden:
        return None, hidden
    try:
        docs = list(yaml.compose_all(text, Loader=_CountingLoader))
    except _TooBig as exc:
        return None, [Problem(shown, exc.line, dotted(exc.path), str(exc))]
    except RecursionError:  # pragma: no cover - nesting is limited while composing; a last line of defence
        return None, [Problem(shown, 1, "", f"nested too deeply to read; flatten the structure (at most {MAX_DEPTH} levels)")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        if mark and text[mark.index : mark.index + 1] == "\t":  # libyaml's words for it name no tab, or no fix
            return None, [Problem(shown, line, "", f"invalid YAML: a tab at column {mark.column + 1}, where YAML allows only spaces; indent with spaces")]
        opened = _unclosed_quote(text, line)
        if opened:  # a quoted value runs on, over lines, until some later quote: the parser stumbles far below
            return None, [Problem(shown, opened, "", f"invalid YAML: a quoted value begins on this line and is not closed on it; close it (the parser stumbled at line {line})")]
        flow = {"while parsing a flow sequence": "[ … ]", "while parsing a flow mapping": "{ … }"}.get(str(exc.context))
        start = exc.context_mark.line + 1 if exc.context_mark else line
        # a list or mapping left open: the parser stumbles on a later line, and its closer is nowhere up to there (one
        # that is there, after a missing comma, say, is closed: the slip is where the parser stumbled)
        end = text.find("\n", mark.index) if mark else -1
        seen = text[exc.context_mark.index + 1 : end if end >= 0 else len(text)] if exc.context_mark and flow else ""
        if flow and start < line and flow[-1] not in seen:
            opener, closer = flow.split(" … ")
            return None, [
                Problem(shown, start, "", f"invalid YAML: the {opener} opened on this line is not closed; close it with {closer} (the parser stumbled at line {line})")
            ]
        what = exc.problem or exc.context or "syntax error"
        return None, [Problem(shown, line, "", f"invalid YAML: {what}; {_syntax_fix(str(what), text, mark)}")]
    except yaml.reader.ReaderError as exc:  # a character YAML itself does not allow, outside any escape
        line = text.count("\n", 0, exc.position) + 1
        return None, [Problem(shown, line, "", f"the file contains {describe(chr(exc.character))}, which YAML does not allow; remove it")]
    except yaml.YAMLError as exc:  # pragma: no cover - defensive, all other parser errors are marked
        return None, [Problem(shown, 1, "", for_terminal(f"invalid YAML: {exc}"))]
    docs = [d for d in docs if d is not None]
    if not docs:  # only comments, or nothing: no document, not one too many
        return None, [Problem(shown, 1, "", "the file holds no data, only comments or nothing; write its fields or remove the file")]
    if len(docs) != 1:
        line = docs[1].start_mark.line + 1 if len(docs) > 1 else 1
        return None, [Problem(shown, line, "", "a data file holds exactly one YAML document; remove the extra '---' documents")]
    walker = _Walker(shown)
    data = walker.walk(docs[0], ())
    if walker.problems:
        if refused is not None and isinstance(data, dict):
            dates_only = len(walker.refused_dates) == len(walker.problems)
            refused.append(Located(data, relocate=lambda: _lines_again(text, shown), dates_only=dates_only, undated=tuple(walker.refused_dates), as_dates=walker.as_dates))
        return None, walker.problems
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        return None, [Problem(shown, docs[0].start_mark.line + 1, "", f"the top level must be a mapping of keys to values, not {kind}")]
    return Located(data, relocate=lambda: _lines_again(text, shown)), []


_HIDDEN_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_HIDDEN_BREAK_CR = re.compile("[\x85\u2028\u2029]")
"""The same, in a file whose line ends are carriage returns alone (old Mac), which editors show as line breaks."""
_BREAK_NAMES = {"\r": "a carriage return without a line feed", "\x85": "U+0085 (next line)", "\u2028": "U+2028 (line separator)", "\u2029": "U+2029 (paragraph separator)"}


def _hidden_breaks(text: str, shown: str) -> list[Problem]:
    """A character YAML reads as a line break where editors, grep and review tools show none, one problem a line:
    after one in a comment, the rest of the line was read as a key (found by an outside tester)."""
    lines: dict[int, str] = {}
    line, counted, end = 1, 0, "\n" if "\n" in text else "\r"
    for m in (_HIDDEN_BREAK if end == "\n" else _HIDDEN_BREAK_CR).finditer(text):
        line, counted = line + text.count(end, counted, m.start()), m.start()
        lines.setdefault(line, m.group())
    return [
        Problem(shown, line, "", f"the line holds {_BREAK_NAMES[ch]}, which YAML reads as a line break though editors show none; remove it")
        for line, ch in lines.items()
    ]


def _check_encoding(raw: bytes) -> tuple[int, str] | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        return 1, "the file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM"
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return 1, "the file is UTF-32; save it as UTF-8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return 1, "the file is UTF-16; save it as UTF-8"
    if b"\x00" in raw:
        if raw.count(b"\x00") * 3 >= len(raw):  # every second or fourth byte: text saved as UTF-16 or UTF-32
            return 1, "the file looks like UTF-16 or UTF-32 without a byte order mark (it is full of NUL bytes); save it as UTF-8"
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return line, "the file contains a NUL byte; save it as UTF-8 text"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return line, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8"
    return None


def _lines_again(text: str, shown: str) -> dict[Path_, int]:
    """The line table of a file that parsed cleanly before (composed again only when a problem needs a line)."""
    walker = _Walker(shown)
    node = yaml.compose(text, Loader=_CountingLoader)
    if node is not None:
        walker.walk(node, ())
    return walker.lines
