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
