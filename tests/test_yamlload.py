from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aztimeline.yamlload import MAX_DEPTH, MAX_FILE_BYTES, read_yaml

BOMB = """a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
"""


def _read(tmp_path: Path, content: bytes | str):
    p = tmp_path / "f.yaml"
    p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_yaml(p, "f.yaml")


def test_lines_of_keys_and_items(tmp_path):
    located, problems = _read(tmp_path, "# c\nid: x\nlist:\n  - a: 1\n  - b: 2020-11-18\n")
    assert problems == []
    assert located.data == {"id": "x", "list": [{"a": 1}, {"b": dt.date(2020, 11, 18)}]}
    assert located.line_of(("list", 1, "b")) == 5
    assert located.line_of(("list", 1, "missing")) == 5
    assert located.line_of(("id",)) == 2


@pytest.mark.parametrize(
    "content, line, message",
    [
        (BOMB, 2, "YAML anchors and aliases (&name / *name) are not allowed; write the value out in full"),
        ("a: 1\n---\nb: 2\n", 3, "a data file holds exactly one YAML document; remove the extra '---' documents"),
        ("base: {x: 1}\nc:\n  <<: {y: 2}\n", 3, "YAML merge keys (<<) are not allowed; write the keys out in full"),
        ("a: 1.5\n", 1, "decimal numbers are not used in this data; quote '1.5' if it is text"),
        ("a: !!python/object:os.system x\n", 1, "unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'; remove the tag"),
        ("a: 0x1f\n", 1, "write the number '0x1f' in plain decimal digits, or put it in quotes if it is text"),
        ("? [a, b]\n: c\n", 1, "mapping keys must be plain text, not a list or mapping"),
    ],
)
def test_refused_constructs(tmp_path, content, line, message):
    located, problems = _read(tmp_path, content)
    assert located is None
    assert (problems[0].line, problems[0].message) == (line, message)


def test_deep_nesting(tmp_path):
    content = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    located, problems = _read(tmp_path, content)
    assert located is None and problems[0].message == f"nested deeper than {MAX_DEPTH} levels; flatten the structure"


def test_too_large(tmp_path):
    located, problems = _read(tmp_path, "a: '" + "x" * MAX_FILE_BYTES + "'\n")
    assert located is None and "over the limit of 5000000" in problems[0].message


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"\xef\xbb\xbfa: 1\n", "the file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM"),
        ("a: 1\n".encode("utf-16"), "the file is UTF-16; save it as UTF-8"),
        (b"a: 1\nb: \x00\n", "the file contains a NUL byte; save it as UTF-8 text"),
        ("a: caf\xe9\n".encode("latin-1"), "byte 0xe9 is not valid UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8"),
        (b"   \n\n", "the file is empty; write the YAML document, or delete the file"),
    ],
)
def test_encodings_and_empty(tmp_path, raw, message):
    located, problems = _read(tmp_path, raw)
    assert located is None and problems[0].message == message


def test_every_duplicate_and_alias_in_one_run(tmp_path):
    located, problems = _read(tmp_path, "a: 1\na: 2\nb: &x 1\nc: *x\nd: 1\nd: 2\n")
    assert [p.line for p in problems] == [2, 4, 6]


def _exact(text: str):
    """The exact reading: every node composed and walked (what the fast reading must agree with)."""
    import yaml

    from aztimeline.yamlload import _Loader, _Walker

    walker = _Walker("f.yaml")
    data = walker.walk(yaml.compose(text, Loader=_Loader), (), 0)
    return data, walker.problems


def _same(a, b):
    assert type(a) is type(b), (a, b)
    if isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            _same(a[k], b[k])
    elif isinstance(a, list):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _same(x, y)
    else:
        assert a == b


def test_fast_reading_gives_the_exact_data_for_the_repository():
    from aztimeline.yamlload import _read_fast

    files = sorted((Path(__file__).parent.parent / "policy_versions").rglob("*.yaml"))
    assert files
    for f in files:
        text = f.read_text(encoding="utf-8")
        fast = _read_fast(text)
        assert fast is not None, f  # valid data never needs the exact reading
        data, problems = _exact(text)
        assert problems == []
        _same(fast, data)


@pytest.mark.parametrize(
    "content",
    [
        'a: x\r\nb: [1, 2]\r\nc: "y"\r\nd: |\r\n  l1\r\n  l2\r\n',  # CRLF: no carriage return reaches the data
        "a: ~\nb:\nc: null\nd: True\ne: FALSE\nf: +5\ng: 1_000\nh: 2020-11-18\ni: '2020-11-18'\nj: 'true'\nk: \"no\"\n",
        "{a: 1, b: [x, {c: d}], '': e}\n",
        'a: "tab\\t and backslash \\\\ and \\u00e9"\n',
        "a: 2020-01-01 10:00\nb: 1.5.2\nc: ''\n",
    ],
)
def test_fast_reading_agrees_with_the_exact_one(content):
    from aztimeline.yamlload import _read_fast

    fast = _read_fast(content)
    assert fast is not None
    data, problems = _exact(content)
    assert problems == []
    _same(fast, data)
    assert "\r" not in repr(fast).replace("\\r", "")


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("!!set {a}\n", 1, "YAML tag 'tag:yaml.org,2002:set' is not allowed; remove the tag"),
        ("a: 1\nb: !!set {x}\n", 2, "YAML tag 'tag:yaml.org,2002:set' is not allowed; remove the tag"),
        ("a: 1\nb: !!seq [x]\nc: !!omap [x: 1]\n", 3, "YAML tag 'tag:yaml.org,2002:omap' is not allowed; remove the tag"),
        ("a: 1\nb: !custom x\n", 2, "unsupported YAML tag '!custom'; remove the tag"),
        ("a: &k x\n*k : 2\n", 2, "YAML aliases (*name) are not allowed as keys; write the key out in full"),
        ('a: 1\nb: "x\\x07"\n', 2, "text contains, at character 2, the control character U+0007; remove it"),
        ("a: 1\nb: on\n", 2, "'on' is read as a yes/no value; write true or false, or put it in quotes if it is text"),
        ("a: 1\nb: No\n", 2, "'No' is read as a yes/no value; write true or false, or put it in quotes if it is text"),
        ("a: 1\nb: 1:20\n", 2, "'1:20' is read as a base-60 number; put it in quotes if it is text, such as a time"),
        ("a: 1\nb: 2020-02-30\n", 2, "2020-02-30 is not a real calendar date (day is out of range for month); check the day and month"),
        ("a: 1\nb: 1\nb: 2\n", 3, "duplicate key 'b' (first at line 2); keep one of them"),
        ("a: 1\n- b\n", 2, "invalid YAML: did not find expected key; fix the syntax at this line"),
    ],
)
def test_what_the_fast_reading_leaves_gets_the_exact_message(tmp_path, content, line, message):
    from aztimeline.yamlload import _read_fast

    assert _read_fast(content) is None
    located, problems = _read(tmp_path, content)
    assert located is None
    assert (problems[0].line, problems[0].message) == (line, message)


def test_fast_reading_stops_at_the_node_limit(monkeypatch):
    from aztimeline import yamlload

    calls = 0

    class Counting(yamlload._Loader):  # type: ignore[misc,name-defined]
        def get_event(self):
            nonlocal calls
            calls += 1
            return super().get_event()

    monkeypatch.setattr(yamlload, "_Loader", Counting)
    assert yamlload._read_fast("a: [" + "1, " * (3 * yamlload.MAX_NODES) + "]\n") is None
    # It stopped at the limit (stream, document, mapping, key, list, then the items), not after 600,000 items.
    assert yamlload.MAX_NODES < calls <= yamlload.MAX_NODES + 5


def test_fast_reading_refuses_every_forbidden_character_the_exact_one_does():
    from aztimeline.yamlload import _ASCII_FORBIDDEN, _FORBIDDEN, _read_fast

    # The ASCII shortcut holds exactly the ASCII characters of the full pattern, less the carriage return.
    assert bytes(c for c in range(128) if _FORBIDDEN.match(chr(c)) and c != 0x0D) == _ASCII_FORBIDDEN
    for ch in ["\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\ufdd0", "\ufffe", "\U0010ffff"]:
        assert _read_fast(f"a: 'x{ch}y'\n") is None, repr(ch)
        assert _read_fast(f'a: "x\\u{ord(ch):04x}y"\n' if ord(ch) < 0x10000 else f'a: "x\\U{ord(ch):08x}y"\n') is None, repr(ch)
