"""The export command's options: the nota's fields, the settings file, groups by label, and options given twice."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import DATA


def _export(cli, folder, *args, fmt="json"):
    out = folder / f"x.{fmt}"
    return cli("export", "--format", fmt, "--output", str(out), *args), out


@pytest.mark.parametrize("group", ["lgbti", "LGBTI", "lhbti", "LHBTI", "lgbti persons", "LGBTI  Persons"])
def test_a_group_by_its_id_or_label_in_either_language_in_any_case(data_copy, cli, group):
    r, out = _export(cli, data_copy.parent, "--group", group)
    assert r.code == 0, r.err
    doc = json.loads(out.read_text())
    assert {c["id"] for c in doc["changes"]} == {
        "az-2020-11-18.lgbti",
        "az-2020-11-18.assessment-main-territory",
        "az-2020-11-18.settlement-alternative-abroad",
    }
    assert doc["provenance"]["selection"] == "alle wijzigingen, voor de groep \u2018LHBTI\u2019 (met de regels voor iedereen)"


@pytest.mark.parametrize(
    "args, option",
    [
        (["export", "--format", "md", "--output", "a.md", "--output", "b.md"], "--output"),
        (["export", "--format", "md", "--output", "a.md", "--force", "--force"], "--force"),
        (["export", "--format", "md", "--output", "a.md", "--lang", "en", "--lang", "nl"], "--lang"),
        (["export", "--format", "md", "--format", "csv", "--output", "a.md"], "--format"),
        (["build", "--output", "s1", "--output", "s2"], "--output"),
        (["asof", "2020-12-01", "--format", "json", "--format", "text"], "--format"),
    ],
)
def test_an_option_given_twice_is_refused_with_one_line(data_copy, cli, capsys, args, option):
    with pytest.raises(SystemExit) as exc:
        cli(*args)
    err = capsys.readouterr().err
    command = args[0]
    assert exc.value.code == 2
    assert err.splitlines() == [f"aztimeline: error: {option} given twice; give it once (see aztimeline {command} --help)"]
    assert not (data_copy.parent / "a.md").exists() and not (data_copy.parent / "b.md").exists()


def test_diff_still_takes_rev_twice(cli):
    from aztimeline.cli import build_parser

    args = build_parser().parse_args(["diff", "--rev", "HEAD~1", "--rev", "HEAD"])
    assert args.rev == ["HEAD~1", "HEAD"] and "_aztimeline_given" not in vars(args)


def test_the_nota_fields_reach_the_json_and_the_settings_file_fills_the_rest(data_copy, cli):
    (data_copy.parent / "aztimeline.toml").write_text(
        '# my settings\n[memo]\nto = "De directeur"\nfrom = "J. Jansen"\nreference = "K-7"\n', encoding="utf-8"
    )
    r, out = _export(cli, data_copy.parent, "--memo-from", "A. de Vries", "--memo-date", "2026-11-30", "--no-annex")
    assert r.code == 0, r.err
    memo = json.loads(out.read_text())["memo"]
    assert memo == {"to": "De directeur", "from": "A. de Vries", "date": "2026-11-30", "reference": "K-7", "data_as_of": "werkkopie, niet in git", "annex": False}


@pytest.mark.parametrize(
    "text, lines",
    [
        ('[memo]\nto = "x"\nform = "y"\n', ["aztimeline.toml:3: memo.form: unknown setting; the known ones are to, from, reference"]),
        # the nota's Dutch field name: which key to write (a liaison's read)
        ('[memo]\nKenmerk = "K-1"\n', ["aztimeline.toml:2: memo.Kenmerk: unknown setting; write it as reference; the known ones are to, from, reference"]),
        ("[memo]\nto = 5\n", ['aztimeline.toml:2: memo.to: must be text in quotation marks, for example to = "..."']),
        ('[memo]\nto = "x"\n[other]\na = "b"\n', ["aztimeline.toml:3: other: unknown table; the settings file has only [memo]"]),
        # a missing closing quotation mark, in tomllib's four ways of saying it ("Illegal character '\\n'", ...)
        ('[memo]\nto = "x\nfrom = "y"\n', ["aztimeline.toml:2: settings: a text in quotation marks is not closed on its line; end it with the quotation mark it starts with"]),
        ('[memo]\nto = "x', ["aztimeline.toml:2: settings: a text in quotation marks is not closed on its line; end it with the quotation mark it starts with"]),
        ("[memo]\nto = 'x\n", ["aztimeline.toml:2: settings: a text in quotation marks is not closed on its line; end it with the quotation mark it starts with"]),
        ("[memo]\nto = 'x\nfrom = 'y'\n", ["aztimeline.toml:2: settings: a text in quotation marks is not closed on its line; end it with the quotation mark it starts with"]),
        ("[memo]\nto = \n", ['aztimeline.toml:2: settings: a value must be text in quotation marks: write key = "value" under [memo]']),
        # found by a liaison: tomllib's own words, and a line 1 for a setting above [memo]
        ('[memo]\nto = \u201cDG\u201d\n', ['aztimeline.toml:2: settings: write the value in straight quotation marks ("..."), not the curly ones a word processor makes']),
        ('[memo]\nto = "x"\nto = "y"\n', ["aztimeline.toml:3: settings: to is given twice (first on line 2); keep one of them"]),
        ('[memo]\nto = "a"\n[memo]\nfrom = "b"\n', ["aztimeline.toml:3: settings: [memo] is given twice; put all settings under one [memo]"]),
        ('[memo]\nto: "x"\n', ['aztimeline.toml:2: settings: write key = "value", with "=" between them']),
        ('\nfrom = "y"\n[memo]\nto = "x"\n', ["aztimeline.toml:2: from: a setting outside [memo]; put the line [memo] above it"]),
        ("[memo]\nto = " + "[" * 5000 + "]" * 5000 + "\n", ['aztimeline.toml:1: settings: nested too deeply; write key = "value" lines under [memo]']),
        # found from outside: a dotted key and a table below [memo] were reported at line 1
        ('[memo]\nto = "x"\nmemo.bad = "y"\n', ["aztimeline.toml:3: memo.memo: unknown setting; the known ones are to, from, reference"]),
        ('[memo]\nto = "x"\n\n[memo.sub]\na = "b"\n', ["aztimeline.toml:4: memo.sub: unknown setting; the known ones are to, from, reference"]),
        ('\ufeff[memo]\nto = "x"\n', ["aztimeline.toml:1: settings: starts with a byte order mark; save the file as UTF-8 without BOM"]),
    ],
)
def test_a_bad_settings_file_is_reported_by_line_and_nothing_is_written(data_copy, cli, text, lines):
    (data_copy.parent / "aztimeline.toml").write_text(text, encoding="utf-8")
    r, out = _export(cli, data_copy.parent)
    assert r.code == 2 and not out.exists()
    assert r.err.splitlines() == [*lines, "aztimeline: 1 problem found; nothing was written"]


def test_a_settings_file_in_latin_1_is_reported_at_the_line_of_its_first_bad_byte(data_copy, cli):
    (data_copy.parent / "aztimeline.toml").write_bytes(b'[memo]\nto = "De directeur"\nfrom = "Jos\xe9 Jansen"\n')  # "José" in Latin-1
    r, out = _export(cli, data_copy.parent)
    assert r.code == 2 and not out.exists()
    assert r.err.splitlines() == ["aztimeline.toml:3: settings: not UTF-8 text; save the file as UTF-8", "aztimeline: 1 problem found; nothing was written"]


@pytest.mark.parametrize("make", ["fifo", "device", "huge"])
def test_a_settings_file_is_read_only_up_to_its_limit_and_never_from_a_pipe_or_device(data_copy, cli, make):
    path = data_copy.parent / "memo.toml"
    if make == "fifo":
        os.mkfifo(path)  # reading it would wait for a writer forever
    elif make == "device":
        path = Path("/dev/zero")  # never ends
    else:
        with path.open("wb") as f:  # sparse: 4 GB that a whole read would hold in memory
            f.truncate(4 << 30)
    r, out = _export(cli, data_copy.parent, "--settings", str(path))
    assert r.code == 2 and not out.exists()
    why = "the file is larger than 64 KB; a settings file holds a few lines" if make == "huge" else "not a regular file; give the path of a TOML text file"
    assert r.err.splitlines() == [f"{path}: settings: {why}", "aztimeline: 1 problem found; nothing was written"]


def test_a_settings_file_given_must_exist_and_a_bad_memo_date_is_refused(data_copy, cli):
    r, out = _export(cli, data_copy.parent, "--settings", "missing.toml")
    assert r.code == 2 and not out.exists()
    assert r.err.splitlines() == ["missing.toml: settings: no such file; check the path given to --settings", "aztimeline: 1 problem found; nothing was written"]
    r, out = _export(cli, data_copy.parent, "--memo-date", "30-11-2026")
    assert r.code == 2 and r.err.splitlines() == ["aztimeline: error: --memo-date: '30-11-2026' is not a date; write it as YYYY-MM-DD, for example 2020-11-18"]
    r, out = _export(cli, data_copy.parent, "--memo-date", "")  # given empty, not left out (found by an outside tester)
    assert r.code == 2 and r.err.splitlines() == ["aztimeline: error: --memo-date: '' is not a date; write it as YYYY-MM-DD, for example 2020-11-18"]


def test_every_bad_option_and_setting_of_one_run_is_reported_at_once(data_copy, cli):
    """Before: a bad --memo-from hid a bad --memo-date, which hid the settings file's problems: one per run (found
    from outside)."""
    bad = ("--memo-from", "c\u202ed", "--memo-date", "2021-13-01", "--since", "18-11-2020")
    r, out = _export(cli, data_copy.parent, *bad, "--csv-ids")
    assert r.code == 2 and not out.exists()
    assert r.err.splitlines() == [
        "aztimeline: error: --memo-from: text contains, at character 2, the bidirectional control U+202E, which makes text "
        "display in another order than it reads; remove it",
        "aztimeline: error: --since: '18-11-2020' is not a date; write it as YYYY-MM-DD, for example 2020-11-18",
        "aztimeline: error: --memo-date: 2021-13-01 is written as a date, but that day does not exist (there is no month 13); check the date",
        "aztimeline: error: --csv-ids applies to --format csv only, not to json",
    ]
    (data_copy.parent / "aztimeline.toml").write_text('[memo]\nto = "a\\u0007"\nreference = 5\n', encoding="utf-8")
    r, out = _export(cli, data_copy.parent, *bad)
    assert r.code == 2 and not out.exists()
    assert r.err.splitlines() == [
        "aztimeline.toml:2: memo.to: text contains, at character 2, the control character U+0007; remove it",
        'aztimeline.toml:3: memo.reference: must be text in quotation marks, for example reference = "..."',
        "command line: --memo-date: 2021-13-01 is written as a date, but that day does not exist (there is no month 13); check the date",
        "command line: --memo-from: text contains, at character 2, the bidirectional control U+202E, which makes text display "
        "in another order than it reads; remove it",
        "command line: --since: '18-11-2020' is not a date; write it as YYYY-MM-DD, for example 2020-11-18",
        "aztimeline: 5 problems found; nothing was written",
    ]


def test_an_existing_output_and_an_unknown_group_are_reported_together(data_copy, cli):
    """'already exists' hid the unknown group, which showed only once the file was out of the way (a liaison's read)."""
    out = data_copy.parent / "m.md"
    out.write_text("mine", encoding="utf-8")
    r = cli("export", "--format", "md", "--output", str(out), "--group", "lhbt", "--memo-date", "20-1-1")
    assert r.code == 2 and out.read_text(encoding="utf-8") == "mine"
    lines = r.err.splitlines()
    assert lines[:2] == [
        f"aztimeline: error: {out} already exists; pass --force to replace it",
        "aztimeline: error: --memo-date: '20-1-1' is not a date; write it as YYYY-MM-DD, for example 2020-11-18",
    ]
    assert len(lines) == 3 and lines[2].startswith("aztimeline: error: unknown group 'lhbt'; give a group id or its label")


@pytest.mark.parametrize(
    "name, lock, program", [("memo.docx", ".~lock.memo.docx#", "LibreOffice"), ("memo.docx", "~$memo.docx", "Word"), ("memo-lgbti.docx", "~$mo-lgbti.docx", "Word")]
)
def test_replacing_a_memo_open_in_an_office_program_says_so(data_copy, cli, name, lock, program):
    """--force replaced a memo open in LibreOffice or Word without a word; saving it there puts the old memo back
    (a liaison's read). The office program's lock file beside it tells."""
    out = data_copy.parent / name
    nota = ("--memo-to", "a", "--memo-from", "b", "--reference", "c")
    assert cli("export", "--format", "docx", "--output", str(out), *nota).err == ""
    (data_copy.parent / lock).write_text("", encoding="utf-8")
    r = cli("export", "--format", "docx", "--output", str(out), "--force", *nota)
    assert r.code == 0 and r.err == f"note: {name} is open in {program} ({lock} beside it): close it there without saving, or it saves the old memo over this one\n"


@pytest.mark.parametrize("option", [["--csv-ids"], ["--csv-sep", ";"]])
def test_csv_options_apply_to_csv_only(data_copy, cli, option):
    r, out = _export(cli, data_copy.parent, *option, fmt="md")
    assert r.code == 2 and not out.exists()
    assert r.err.splitlines() == [f"aztimeline: error: {option[0]} applies to --format csv only, not to md"]


def test_the_site_publishes_the_export_schema_on_its_own(tmp_path):
    from jsonschema import Draft202012Validator

    from aztimeline.export import export, select_changes
    from aztimeline.provenance import build_stamp
    from aztimeline.schema import schema_texts
    from aztimeline.validate import load_and_validate

    schema = json.loads(schema_texts()["export.schema.json"])
    v = load_and_validate(DATA)
    export(v, select_changes(v), "json", "en", build_stamp(DATA))(tmp_path / "x.json")
    assert list(Draft202012Validator(schema).iter_errors(json.loads((tmp_path / "x.json").read_text()))) == []


def test_the_site_publishes_the_export_schema_and_csv_downloads_in_each_languages_separator(built_site):
    from aztimeline.export.to_csv import COLUMNS

    schema = json.loads((built_site / "api/schemas/export.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["ChangeRecord"]["title"] == "ChangeRecord" and "change-record.schema.json" not in json.dumps(schema)
    for edition, lang, sep in ((built_site, "nl", ";"), (built_site / "en", "en", ",")):
        header = (edition / f"downloads/aztimeline-az-2020-11-18-{lang}.csv").read_bytes().decode("utf-8-sig").splitlines()[0]
        assert len(header.split(sep)) == len(COLUMNS), (lang, header[:80])
        page = next(edition.glob("downloads/index.html")).read_text(encoding="utf-8")
        assert ("puntkomma (;)" if lang == "nl" else "comma (,)") in page


def test_the_report_line_shows_a_newline_in_the_output_name_as_an_escape(data_copy, cli):
    """`build --output $'dir\\nname'` printed the name over two lines, where an ESC was already escaped (found by an
    outside tester): one line per report."""
    r = cli("export", "--format", "md", "--output", "a\nb.md")
    assert r.code == 0 and r.out == "wrote a\\x0ab.md (8 changes, md)\n" and (data_copy.parent / "a\nb.md").is_file()


@pytest.mark.parametrize("fmt", ["docx", "md", "xlsx"])
def test_a_memo_without_its_own_fields_is_written_with_a_note_on_what_it_lacks(data_copy, cli, fmt):
    """A nota without Aan, Van or Kenmerk was written without a word (a liaison's read), and so was a workbook, whose
    header and footer name them (a second liaison's read)."""
    r, out = _export(cli, data_copy.parent, fmt=fmt)
    shown = "" if fmt == "xlsx" else "; it reads [in te vullen] there"  # the workbook's pages leave them out
    assert r.code == 0 and out.is_file() and r.err == (
        f"note: the memo has no Aan (to), Van (from), Kenmerk (reference){shown}; give --memo-to, --memo-from, --reference, "
        "or set them under [memo] in aztimeline.toml\n"
    )
    (data_copy.parent / "aztimeline.toml").write_text('[memo]\nto = "DG"\nreference = "K-1"\n', encoding="utf-8")
    r, out = _export(cli, data_copy.parent, "--force", fmt=fmt)
    assert r.err == f"note: the memo has no Van (from){shown}; give --memo-from, or set it under [memo] in aztimeline.toml\n"
    assert _export(cli, data_copy.parent, "--force", "--memo-from", "L", fmt=fmt)[0].err == ""
    assert _export(cli, data_copy.parent, fmt="csv")[0].err == ""  # a table, not the nota
