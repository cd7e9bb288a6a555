"""Golden files: each expected output sits in tests/golden/ and was read by a person before it was committed.

To update on purpose: AZTIMELINE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py, then read the diff.
"""

from __future__ import annotations

import os

import pytest

from .conftest import DATA, ROOT

GOLDEN = ROOT / "tests/golden"

# golden file -> (arguments, reads the export file instead of stdout)
OUTPUTS = {
    "changes.json": (["changes", "--format", "json"], False),
    "changes.txt": (["changes"], False),
    "asof-2020-12-01.json": (["asof", "2020-12-01", "--format", "json"], False),
    "asof-2030-01-01.txt": (["asof", "2030-01-01"], False),
    "show-az-before-2020-11-18.txt": (["show", "az-before-2020-11-18"], False),
    "paragraphs.txt": (["paragraphs", "kamerbrief-2020-11-18"], False),
    "export-nl.md": (["export", "--format", "md", "--lang", "nl"], True),
    "export-en.md": (["export", "--format", "md", "--lang", "en"], True),
    "export-nl.csv": (["export", "--format", "csv", "--lang", "nl"], True),
    "export-en.json": (["export", "--format", "json", "--lang", "en"], True),
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_golden(name, data_copy, cli):
    args, to_file = OUTPUTS[name]
    if to_file:
        out = data_copy.parent / name
        r = cli(*args, "--output", str(out))
        assert r.code == 0, r.err
        got = out.read_bytes().decode("utf-8-sig")
    else:
        r = cli(*args, "--data", str(DATA))
        assert r.code == 0, r.err
        got = r.out
    path = GOLDEN / name
    if os.environ.get("AZTIMELINE_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8", newline="")
    assert path.exists(), f"missing golden file {path}; create it with AZTIMELINE_UPDATE_GOLDEN=1"
    assert got == path.read_bytes().decode("utf-8"), f"{name} differs from its golden file"
