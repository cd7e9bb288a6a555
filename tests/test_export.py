from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from aztimeline.source import normalise_ws

from .test_cli import LETTER_CHANGES


def _quotes(cli) -> dict[str, list[str]]:
    records = json.loads(cli("changes", "--format", "json").out)
    return {r["id"]: [normalise_ws(j["quote"]) for j in r["justifications"]] for r in records}


def _read(fmt: str, path: Path) -> str:
    raw = path.read_bytes()
    if fmt == "csv":
        assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
        return raw[3:].decode("utf-8")
    return raw.decode("utf-8")


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_export_holds_every_change_and_quote(data_copy, cli, fmt, lang):
    out = data_copy.parent / f"changes.{fmt}"
    r = cli("export", "--format", fmt, "--output", str(out), "--lang", lang)
    assert r.code == 0, r.err
    text = _read(fmt, out)
    quotes = _quotes(cli)
    data = "werkkopie, niet in git" if lang == "nl" else "working copy, not in git"
    if fmt == "json":
        doc = json.loads(text)
        assert doc["provenance"]["data"] == "working copy, not in git" and doc["provenance"]["data_nl"] == "werkkopie, niet in git"
        assert {c["id"] for c in doc["changes"]} == set(LETTER_CHANGES)
        for c in doc["changes"]:
            assert [normalise_ws(j["quote"]) for j in c["justifications"]] == quotes[c["id"]]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {row["change_id"] for row in rows} == set(LETTER_CHANGES)
        for row in rows:
            for q in quotes[row["change_id"]]:
                assert q in row["justification_quotes"]
            assert row["data"] == data and row["made"] == "2023-11-14"
    else:
        flat = text.replace("\\", "")
        for cid, qs in quotes.items():
            assert cid in flat
            for q in qs:
                assert q in flat
        assert data in flat


def test_selection_by_versions(data_copy, cli):
    out = data_copy.parent / "x.json"
    r = cli("export", "--format", "json", "--output", str(out), "--from", "az-before-2020-11-18", "--to", "az-2020-11-18")
    assert r.code == 0
    assert len(json.loads(out.read_text())["changes"]) == 8


def test_selection_by_dates_excludes_what_lies_outside(data_copy, cli):
    out = data_copy.parent / "x.json"
    r = cli("export", "--format", "json", "--output", str(out), "--since", "2020-11-18", "--until", "2020-11-18")
    assert r.code == 0 and len(json.loads(out.read_text())["changes"]) == 8


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "az-1999", "--to", "az-2020-11-18"], "unknown version 'az-1999'; known versions: az-2020-11-18, az-before-2020-11-18"),
        (
            ["--from", "az-2020-11-18", "--to", "az-before-2020-11-18"],
            "version az-2020-11-18 does not come before version az-before-2020-11-18; give the earlier version to --from",
        ),
        (["--from", "az-2020-11-18"], "give both --from VERSION and --to VERSION, or neither"),
        (["--since", "2021-01-01", "--until", "2020-01-01"], "--since 2021-01-01 is after --until 2020-01-01; swap them"),
        (["--since", "2021-01-01"], "no changes in the selection (changes announced from 2021-01-01 to … inclusive); nothing was written"),
        (["--since", "2021-13-01"], "'2021-13-01' is not a date; write it as YYYY-MM-DD, for example 2020-11-18"),
    ],
)
def test_bad_selections(data_copy, cli, args, message):
    out = data_copy.parent / "x.md"
    r = cli("export", "--format", "md", "--output", str(out), *args)
    assert r.code == 2
    assert r.err.splitlines() == [f"aztimeline: error: {message}"]
    assert not out.exists()


def test_existing_file_needs_force(data_copy, cli):
    out = data_copy.parent / "x.md"
    out.write_text("keep me")
    r = cli("export", "--format", "md", "--output", str(out))
    assert r.code == 2 and r.err.strip() == f"aztimeline: error: {out} already exists; pass --force to replace it"
    assert out.read_text() == "keep me"
    assert cli("export", "--format", "md", "--output", str(out), "--force").code == 0
    assert out.read_text().startswith("# Wijzigingen")
    assert [p.name for p in out.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_invalid_data_writes_nothing(data_copy, cli):
    (data_copy / "azerbaijan/events.yaml").write_text("events: [\n")
    out = data_copy.parent / "x.md"
    assert cli("export", "--format", "md", "--output", str(out)).code == 2
    assert not out.exists()


def test_markdown_escapes_data_text(data_copy, cli):
    from .conftest import edit

    edit(
        data_copy / "azerbaijan/versions/az-2020-11-18.yaml",
        "title_en: Risk group for critics of the authorities",
        'title_en: "<script>alert(1)</script> [x](javascript:alert(1)) *b*"',
    )
    out = data_copy.parent / "x.md"
    assert cli("export", "--format", "md", "--output", str(out), "--lang", "en").code == 0
    text = out.read_text()
    import re

    assert "<script>" not in text and "*b*" not in text
    assert not re.search(r"(?<!\\)\]\(", text), "an unescaped ']( ' would make a link"
    assert "\\<script\\>alert(1)\\</script\\>" in text


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "docx", "xlsx"])
def test_selection_leaves_out_changes_of_other_transitions(tmp_path, cli, fmt):
    import sys

    from .conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    data = generate(tmp_path, versions=4, provisions=12, seed=5)
    records = json.loads(cli("changes", "--data", str(data), "--format", "json").out)
    wanted = {r["id"] for r in records if r["transition"] == "land-000-v00002"}
    others = {r["id"] for r in records} - wanted
    assert wanted and others
    out = tmp_path / f"sel.{fmt}"
    r = cli("export", "--data", str(data), "--format", fmt, "--output", str(out), "--from", "land-000-v00001", "--to", "land-000-v00002")
    assert r.code == 0, r.err
    if fmt == "docx":
        from docx import Document

        doc = Document(str(out))
        text = " ".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        text = " ".join(str(c.value) for row in load_workbook(out).active.iter_rows() for c in row)
    else:
        text = out.read_bytes().decode("utf-8-sig").replace("\\", "")
    assert all(i in text for i in wanted)
    assert not any(i in text for i in others)
