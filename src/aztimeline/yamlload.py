"""Safe YAML reading that remembers the line of every key and refuses what a data file never needs."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer

from .errors import Problem

try:  # the C parser is much faster; the pure-Python one gives the same nodes and marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 5_000_000
"""Largest data file accepted. Our largest real file is ~20 kB, a version of 1,000 provisions ~1.7 MB."""
MAX_DEPTH = 32
"""Deepest nesting of mappings and lists accepted; our schema needs at most 6 levels."""
MAX_NODES = 200_000
"""Most YAML nodes accepted in one file, counted while parsing (a larger file stops being read at the limit)."""
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)
"""Dates in the data lie in this range: wide for a policy timeline, and far from the ends of the calendar."""

_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff"
    "\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff"
    "\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff"
    "\U0010fffe\U0010ffff]"
)
"""Characters refused in any text: control characters (except tab and newline), bidirectional overrides and
isolates (they make text display otherwise than it reads), non-characters and lone surrogates."""


def forbidden_char(text: str) -> str | None:
    """A message naming the first character of text that no data text may hold, or None."""
    m = _FORBIDDEN.search(text)
    if m is None:
        return None
    ch = m.group()
    code = f"U+{ord(ch):04X}"
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        what = f"the bidirectional control {code}, which makes text display in another order than it reads"
    elif ord(ch) <= 0x9F:
        what = f"the control character {code}"
    elif "\ud800" <= ch <= "\udfff":
        what = f"a lone surrogate {code} (not a character)"
    else:
        what = f"the non-character {code}"
    return f"text contains, at character {m.start() + 1}, {what}; remove it"


Path_ = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)\Z")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")


@dataclass
class Located:
    """A parsed YAML document plus the line of every mapping key and list item, keyed by path."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    relocate: Callable[[], dict[Path_, int]] | None = None
    """Recomputes lines on first use: a valid file keeps no line table, which would cost more memory than its data."""

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known prefix of path (1-based); 1 if nothing is known."""
        if self.relocate is not None:
            self.lines, self.relocate = self.relocate(), None
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.seen: set[int] = set()

    def problem(self, node: yaml.Node, path: Path_, msg: str, *, at_node: bool = False) -> None:
        line = node.start_mark.line + 1 if at_node else self.lines.get(path, node.start_mark.line + 1)
        self.problems.append(Problem(self.file, line, dotted(path), msg))

    def walk(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(f"more than {MAX_NODES} YAML nodes; split the file or remove repeated content")
        if id(node) in self.seen:
            if path and isinstance(path[-1], int):  # an alias item has no position of its own: use its list's
                self.lines[path] = self.lines.get(path[:-1], node.start_mark.line + 1)
            self.problem(node, path, "YAML anchors and aliases (&name / *name) are not allowed; write the value out in full")
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _TooDeep(node, path)
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
                key = key_node.value
                sub = (*path, key)
                if key in out:
                    first = self.lines.get(sub, "?")
                    self.problem(key_node, sub, f"duplicate key {key!r} (first at line {first}); keep one of them", at_node=True)
                    continue
                self.lines[sub] = key_node.start_mark.line + 1
                out[key] = self.walk(value_node, sub, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                sub = (*path, i)
                self.lines[sub] = item.start_mark.line + 1
                items.append(self.walk(item, sub, depth + 1))
            return items
        return self.scalar(node, path)

    def scalar(self, node: yaml.Node, path: Path_) -> Any:
        tag, value = node.tag, node.value
        if tag == "tag:yaml.org,2002:str":
            bad = forbidden_char(value)
            if bad:
                self.problem(node, path, bad, at_node=True)
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            if value.lower() not in ("true", "false"):
                self.problem(node, path, f"{value!r} is read as a yes/no value; write true or false, or put it in quotes if it is text")
                return value
            return value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            if ":" in value:
                self.problem(node, path, f"{value!r} is read as a base-60 number; put it in quotes if it is text, such as a time")
                return value
            if not _INT.match(value):
                self.problem(node, path, f"write the number {value!r} in plain decimal digits, or put it in quotes if it is text")
                return value
            return int(value.replace("_", ""))
        if tag == "tag:yaml.org,2002:float":
            self.problem(node, path, f"decimal numbers are not used in this data; quote {value!r} if it is text")
            return value
        if tag == "tag:yaml.org,2002:timestamp":
            m = _DATE.match(value)
            if not m:
                self.problem(node, path, f"write the date {value!r} as YYYY-MM-DD, without a time")
                return value
            try:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError as exc:
                self.problem(node, path, f"{value} is not a real calendar date ({exc}); check the day and month")
                return value
            if not DATE_MIN <= day <= DATE_MAX:
                self.problem(node, path, f"{value} is outside the dates this data can hold ({DATE_MIN} to {DATE_MAX}); check the year")
                return value
            return day
        self.problem(node, path, f"unsupported YAML tag {tag!r}; remove the tag")
        return value


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node, path: Path_) -> None:
        self.node, self.path = node, path


class _TooBig(Exception):
    def __init__(self, message: str = "", line: int = 1) -> None:
        super().__init__(message)
        self.line = line


class _CountingLoader(Composer, _Loader):
    """The C parser's events composed in Python, counting nodes: stops at MAX_NODES instead of building them all."""

    def __init__(self, stream: str) -> None:
        _Loader.__init__(self, stream)
        Composer.__init__(self)
        self.nodes = 0
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.nodes += 1
        self.depth += 1
        try:
            if self.nodes > MAX_NODES or self.depth > MAX_DEPTH + 1:
                event = self.peek_event()
                line = event.start_mark.line + 1 if event is not None and event.start_mark is not None else 1
                if self.nodes > MAX_NODES:
                    raise _TooBig(line=line)
                raise _TooBig(f"nested deeper than {MAX_DEPTH} levels; stopped reading here; flatten the structure", line)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_STR, _NULL, _BOOL, _INTTAG, _TIMESTAMP = (
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:timestamp",
)
_IMPLICIT = _Loader.yaml_implicit_resolvers
_FORBIDDEN_IN_TEXT = re.compile(_FORBIDDEN.pattern.replace("\x0b-\x1f", "\x0b\x0c\x0e-\x1f"))
"""_FORBIDDEN less the carriage return, which YAML reads as a line break (so a CRLF file is read fast too)."""
_ASCII_FORBIDDEN = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
"""The ASCII characters of _FORBIDDEN_IN_TEXT."""
_SCALAR, _MAPSTART, _SEQSTART = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPEND, _SEQEND = yaml.MappingEndEvent, yaml.SequenceEndEvent
_NOKEY = object()


class _Irregular(Exception):
    """The fast reading met something that needs the exact reading (and its message and line)."""


def _plain(value: str) -> Any:
    """A plain (unquoted, untagged) scalar as the exact reading accepts it; _Irregular where it would object."""
    tag = _STR
    for t, rx in (*_IMPLICIT.get(value[0] if value else "", ()), *_IMPLICIT.get(None, ())):  # as Resolver.resolve
        if rx.match(value):
            tag = t
            break
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if tag == _INTTAG and ":" not in value and _INT.match(value):
        return int(value.replace("_", ""))
    if tag == _TIMESTAMP:
        m = _DATE.match(value)
        if m:
            try:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise _Irregular from None
            if DATE_MIN <= day <= DATE_MAX:
                return day
    raise _Irregular


def _read_fast(text: str) -> dict[str, Any] | None:
    """The document read straight from the C parser's events, or None when the exact reading must look.

    Gives the same data as composing and walking, for a file that walk accepts; for anything else (a tag, an
    anchor or alias, a merge or complex or duplicate key, a value walk refuses, a forbidden character, more than
    MAX_NODES nodes or MAX_DEPTH levels, a syntax error, not exactly one mapping document) it stops and returns None,
    so the exact reading reports it. It never builds more than MAX_NODES values, and keeps no nodes.
    """
    if text.isascii():  # most files: the few forbidden ASCII bytes are found much faster than by the full pattern
        raw = text.encode("ascii")
        if len(raw.translate(None, _ASCII_FORBIDDEN)) != len(raw):
            return None
    elif _FORBIDDEN_IN_TEXT.search(text):
        return None
    escapes = "\\" in text  # only a double-quoted scalar's escapes can make a character the text did not hold
    loader = _Loader(text)
    try:
        get: Callable[[], Any] = loader.get_event
        get()  # stream start
        if type(get()) is not yaml.DocumentStartEvent:
            return None
        ev = get()
        if type(ev) is not _MAPSTART or ev.anchor is not None or ev.tag is not None:
            return None
        root: dict[str, Any] = {}
        cur: Any = root
        is_map, key = True, _NOKEY
        stack: list[tuple[Any, bool, Any]] = []
        count = 1
        while True:
            ev = get()
            t = type(ev)
            if t is _SCALAR:
                count += 1
                if ev.anchor is not None or ev.tag is not None or len(stack) >= MAX_DEPTH:
                    return None
                value = ev.value
                if escapes and ev.style == '"' and _FORBIDDEN.search(value):
                    return None
                if is_map and key is _NOKEY:
                    if value in cur or (value == "<<" and ev.implicit[0]):
                        return None
                    key = value
                    continue
                if ev.implicit[0]:
                    value = _plain(value)
                if is_map:
                    cur[key] = value
                    key = _NOKEY
                else:
                    cur.append(value)
            elif t is _MAPSTART or t is _SEQSTART:
                count += 1
                if ev.anchor is not None or ev.tag is not None or len(stack) >= MAX_DEPTH or (is_map and key is _NOKEY):
                    return None
                new: Any = {} if t is _MAPSTART else []
                if is_map:
                    cur[key] = new
                else:
                    cur.append(new)
                stack.append((cur, is_map, key))
                cur, is_map, key = new, t is _MAPSTART, _NOKEY
            elif t is _MAPEND or t is _SEQEND:
                if not stack:
                    break
                cur, is_map, key = stack.pop()
                if is_map:
                    key = _NOKEY
            else:  # an alias, or anything unexpected
                return None
            if count > MAX_NODES:
                return None
        if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
            return None
        return root
    except (_Irregular, yaml.YAMLError):
        return None
    finally:
        loader.dispose()


def dotted(path: Path_) -> str:
    """Render a key path as a dotted field path: ('provisions', 'x', 'citations', 0) -> provisions.x.citations[0]."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def read_yaml(path: Path, shown: str, raw: bytes | None = None) -> tuple[Located | None, list[Problem]]:
    """Parse one YAML file safely. Returns the located document, or None with the problems found.

    raw: the file's bytes when they are held in memory (a commit's blob); then nothing is read from path.
    """
    held, size = raw, len(raw or b"")
    if raw is None:
        try:
            st = os.stat(path)
            if stat.S_ISDIR(st.st_mode):
                return None, [Problem(shown, 0, "", "is a folder, not a data file; remove it or rename it")]
            if not stat.S_ISREG(st.st_mode):  # a pipe would block reading, a device never end
                return None, [Problem(shown, 0, "", "is a device, pipe or socket, not a data file; remove it")]
            with open(path, "rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)  # never more than the limit, whatever the file claims
            size = st.st_size
        except OSError as exc:
            return None, [Problem(shown, 0, "", f"cannot read the file: {exc.strerror or exc}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(shown, 0, "", f"file is {max(size, len(raw))} bytes, over the limit of {MAX_FILE_BYTES}; split it")]
    problem = _check_encoding(raw)
    if problem:
        return None, [Problem(shown, problem[0], "", problem[1])]
    text = raw.decode("utf-8")
    if not text.strip():
        return None, [Problem(shown, 1, "", "the file is empty; write the YAML document, or delete the file")]
    data = _read_fast(text)
    if data is not None:  # a file that needs no message (nearly all): read without composing nodes in Python
        return Located(data, relocate=lambda: _lines_again(path, shown, held)), []
    try:
        # A file can hold at most about one node per byte, so only a larger file needs counting while it is parsed.
        docs = list(yaml.compose_all(text, Loader=_Loader if len(raw) <= MAX_NODES else _CountingLoader))
    except _TooBig as exc:
        what = str(exc) or f"more than {MAX_NODES} YAML nodes; stopped reading here; split the file or remove repeated content"
        return None, [Problem(shown, exc.line, "", what)]
    except RecursionError:  # pragma: no cover - nesting is limited while composing; a last line of defence
        return None, [Problem(shown, 1, "", f"nested too deeply to read; flatten the structure (at most {MAX_DEPTH} levels)")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "syntax error"
        return None, [Problem(shown, line, "", f"invalid YAML: {what}; fix the syntax at this line")]
    except yaml.YAMLError as exc:  # pragma: no cover - defensive, all parser errors are marked
        return None, [Problem(shown, 1, "", f"invalid YAML: {exc}")]
    docs = [d for d in docs if d is not None]
    if len(docs) != 1:
        line = docs[1].start_mark.line + 1 if len(docs) > 1 else 1
        return None, [Problem(shown, line, "", "a data file holds exactly one YAML document; remove the extra '---' documents")]
    walker = _Walker(shown)
    try:
        data = walker.walk(docs[0], (), 0)
    except _TooDeep as exc:
        return None, [
            Problem(shown, exc.node.start_mark.line + 1, dotted(exc.path), f"nested deeper than {MAX_DEPTH} levels; flatten the structure")
        ]
    except _TooBig as exc:
        return None, [Problem(shown, 1, "", str(exc))]
    if walker.problems:
        return None, walker.problems
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        return None, [Problem(shown, docs[0].start_mark.line + 1, "", f"the top level must be a mapping of keys to values, not {kind}")]
    return Located(data, relocate=lambda: _lines_again(path, shown, held)), []


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


def _lines_again(path: Path, shown: str, held: bytes | None = None) -> dict[Path_, int]:
    """The line table of a file that parsed cleanly before (read again only when a problem needs a line).

    held: the file's bytes when they are held in memory (a commit's blob), instead of reading path again.
    """
    walker = _Walker(shown)
    node = yaml.compose(path.read_text(encoding="utf-8") if held is None else held.decode("utf-8"), Loader=_Loader)
    if node is not None:
        walker.walk(node, (), 0)
    return walker.lines
