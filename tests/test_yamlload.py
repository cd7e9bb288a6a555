from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aztimeline.datafiles import MAX_YAML_BYTES
from aztimeline.yamlload import MAX_DEPTH, dotted, parse_yaml

BOMB = """a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
"""


def _read(tmp_path: Path, content: bytes | str):
    return parse_yaml(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content, "f.yaml")


def test_lines_of_keys_and_items(tmp_path):
    located, problems = _read(tmp_path, "# c\nid: x\nlist:\n  - a: 1\n  - b: 2020-11-18\n")
    assert problems == []
    assert located.data == {"id": "x", "list": [{"a": 1}, {"b": dt.date(2020, 11, 18)}]}
    assert located.line_of(("list", 1, "b")) == 5
    assert located.line_of(("list", 1, "missing")) == 5
    assert located.line_of(("id",)) == 2


INDENTATION = "check the indentation of this line against the lines above it (spaces only, as many as the keys or items it belongs with)"


@pytest.mark.parametrize(
    "content, line, message",
    [
        (BOMB, 2, "YAML anchors and aliases (&name / *name) are not allowed; write the value out in full"),
        ("a: 1\n---\nb: 2\n", 3, "a data file holds exactly one YAML document; remove the extra '---' documents"),
        # a quote left open runs on to the next quote; the problem is where it was opened (an outside tester)
        ('a: "open\nb: 1\nc: 2\nd: "x"\n', 1, 'invalid YAML: a quoted value begins on this line and is not closed on it; close it (the parser stumbled at line 4)'),
        # so is a list or mapping left open: the parser stumbles on the next line (an outside tester)
        ("a: 1\nb: [x, y\nc: 2\n", 2, "invalid YAML: the [ opened on this line is not closed; close it with ] (the parser stumbled at line 3)"),
        ("a: 1\nb: {x: 1\nc: 2\n", 2, "invalid YAML: the { opened on this line is not closed; close it with } (the parser stumbled at line 3)"),
        # a closed one with a slip inside (a comma missing) is not called open: the slip is where the parser stumbled
        ("a:\n  - {role: x\n     pattern: y}\nb: 1\n", 3, "invalid YAML: did not find expected ',' or '}'; fix the syntax at this line"),
        # no document at all is not one too many (found by an outside tester: "# only" was told about '---')
        ("# only a comment\n", 1, "the file holds no data, only comments or nothing; write its fields or remove the file"),
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
    assert located is None
    assert (problems[0].field, problems[0].message) == ("a" + "[0]" * MAX_DEPTH, f"nested deeper than {MAX_DEPTH} levels; flatten the structure")


def test_too_large(tmp_path):
    located, problems = _read(tmp_path, "a: '" + "x" * MAX_YAML_BYTES + "'\n")
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
        ("a: 1\ndate: 2020-02-30\n", 2, "2020-02-30 is not a real calendar date (day is out of range for month); check the day and month"),
        # in a field of text, YAML's reading is the slip (a second outside tester)
        ("a: 1\nb: 2020-02-30\n", 2, "'2020-02-30' is written as a date; where it is text, put it in quotation marks"),
        ("a: 1\nb: 1\nb: 2\n", 3, "duplicate key 'b' (first at line 2); keep one of them"),
        ("a: 1\n- b\n", 2, f"invalid YAML: did not find expected key; {INDENTATION}"),
        (
            "id: x\n!!python/object/apply:os.system events: []\n",
            2,
            "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed on a key; remove the tag",
        ),
        ("a: 1\n!custom b: 2\n", 2, "YAML tag '!custom' is not allowed on a key; remove the tag"),
        ("a: 1\n!!binary aGk=: 2\n", 2, "YAML tag 'tag:yaml.org,2002:binary' is not allowed on a key; remove the tag"),
        ("a: 'x\ue000y'\n", 1, "text contains, at character 2, the private-use character U+E000, which has no agreed meaning; remove it"),
        ("a: 1\n'\U000f0001': 2\n", 2, "text contains, at character 1, the private-use character U+F0001, which has no agreed meaning; remove it"),
    ],
)
def test_each_refusal_has_its_message_and_line(tmp_path, content, line, message):
    located, problems = _read(tmp_path, content)
    assert located is None
    assert (problems[0].line, problems[0].message) == (line, message)


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("a:\n  - source: s\n   anchor: p1\n", 3, f"did not find expected '-' indicator; {INDENTATION}"),
        ("a:\n  - source: s\n     anchor: p1\n", 3, f"mapping values are not allowed in this context; {INDENTATION}"),
        ("a:\n  b: 1\n c: 2\n", 3, f"did not find expected key; {INDENTATION}"),
        ("a:\n  - x: 1\n - x: 2\n", 3, f"did not find expected key; {INDENTATION}"),
        ("s: >-\n  a text folded\n over lines\nb: 1\n", 3, f"did not find expected key; {INDENTATION}"),
        # the same words of the parser for a colon and a space in a value, and for words after a quoted one
        ("a:\n  title: Zie: hier\n", 2, "mapping values are not allowed in this context; a text that holds a colon and a space is written in quotation marks"),
        ('a: "x" y\n', 1, "did not find expected key; fix the syntax at this line"),
    ],
    ids=["key-too-little", "key-too-far", "key-between", "item-too-little", "folded-text", "colon-in-a-value", "after-a-quoted-value"],
)
def test_a_slip_of_indentation_is_told_to_check_it(tmp_path, content, line, message):
    """The parser's words alone ("did not find expected '-' indicator") did not say that the line's indentation was
    the slip (a new editor's read); where the parser stumbles inside the line, that would mislead, and is not said."""
    located, problems = _read(tmp_path, content)
    assert located is None
    assert [(p.line, p.message) for p in problems] == [(line, f"invalid YAML: {message}")]


@pytest.mark.parametrize("key", ["id", "'quoted'", '"double"', "2020", "2020-11-18", "true", "null", "1.5", "!!str tagged"])
def test_a_plain_or_quoted_key_is_read_as_its_text(tmp_path, key):
    located, problems = _read(tmp_path, f"{key}: v\n")
    assert problems == []
    [(k, v)] = located.data.items()
    assert (k, v) == (key.strip("'\"").removeprefix("!!str "), "v")


def test_crlf_reaches_no_text(tmp_path):
    located, problems = _read(tmp_path, 'a: x\r\nb: [1, 2]\r\nc: "y"\r\nd: |\r\n  l1\r\n  l2\r\n')
    assert problems == []
    assert located.data == {"a": "x", "b": [1, 2], "c": "y", "d": "l1\nl2\n"}


def test_the_node_limit_stops_composing(monkeypatch):
    """A file of a million list items is refused after MAX_NODES nodes, not after composing them all."""
    from aztimeline import yamlload

    composed = 0
    real = yamlload._CountingLoader.compose_node

    def counting(self, parent, index):
        nonlocal composed
        composed += 1
        return real(self, parent, index)

    monkeypatch.setattr(yamlload._CountingLoader, "compose_node", counting)
    raw = ("events:\n" + "- a\n" * 1_240_000).encode()
    assert len(raw) < MAX_YAML_BYTES
    located, problems = yamlload.parse_yaml(raw, "f.yaml")
    assert located is None
    assert [(p.line, p.message) for p in problems] == [
        (yamlload.MAX_NODES - 1, f"more than {yamlload.MAX_NODES} YAML nodes; stopped reading here; split the file or remove repeated content")
    ]
    assert composed == yamlload.MAX_NODES + 1  # the mapping, its key, its list, then the items up to the limit


def test_every_refused_character_is_refused_in_plain_and_escaped_text(tmp_path):
    for ch in ["\x00", "\x1b", "\x07", "\x7f", "\x85", "\u202e", "\u2066", "\ufdd0", "\ufffe", "\U0010ffff", "\ue000", "\uf8ff", "\U000ffffd"]:
        escaped = f'a: "x\\u{ord(ch):04x}y"\n' if ord(ch) < 0x10000 else f'a: "x\\U{ord(ch):08x}y"\n'
        located, problems = _read(tmp_path, escaped)
        assert located is None and "text contains, at character 2" in problems[0].message, repr(ch)
        if ch == "\x85":
            continue  # written as it is, U+0085 is a line break to YAML, and reaches no text
        located, problems = _read(tmp_path, f"a: 'x{ch}y'\n")  # YAML itself refuses some, our rules the others
        named = "a NUL byte" if ch == "\x00" else f"U+{ord(ch):04X}"
        assert located is None and len(problems) == 1 and named in problems[0].message, repr(ch)
        assert "\n" not in problems[0].message


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (("provisions", "x", "citations", 0), "provisions.x.citations[0]"),
        (("provisions", "", "title_nl"), "provisions.''.title_nl"),  # an empty key stays in the path
        (("", "x"), "''.x"),
        ((0, "a"), "[0].a"),
    ],
)
def test_a_field_path_names_every_key(path, shown):
    assert dotted(path) == shown
