from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from aztimeline.cli import build_parser
from aztimeline.site.labels import T

from .conftest import DATA, FIXED_EPOCH, ROOT, add_version_2025, edit, run_subprocess

LETTER_CHANGES = {
    "az-2020-11-18.risk-group-critics": "added",
    "az-2020-11-18.lgbti": "added",
    "az-2020-11-18.armenian-ethnicity": "added",
    "az-2020-11-18.assessment-main-territory": "added",
    "az-2020-11-18.armenian-ethnicity-1988-1992": "removed",
    "az-2020-11-18.ipa-armenian-in-nagorno-karabakh": "removed",
    "az-2020-11-18.ipa-mixed-relationships": "removed",
    "az-2020-11-18.settlement-alternative-abroad": "removed",
}


def test_validate_passes_on_the_repository_data(cli):
    r = cli("validate", "--data", str(DATA))
    assert r.code == 0 and r.err == ""
    assert r.out.startswith("valid: 1 country, 2 versions, 8 changes, ")


def test_changes_lists_the_letters_changes_no_more_no_fewer(cli):
    r = cli("changes", "--data", str(DATA), "--format", "json")
    assert r.code == 0
    records = json.loads(r.out)
    assert {x["id"]: x["kind"] for x in records} == LETTER_CHANGES


def test_change_record_contract(cli):
    records = json.loads(cli("changes", "--data", str(DATA), "--format", "json").out)
    for x in records:
        assert {
            "id",
            "kind",
            "provision",
            "section",
            "version_from",
            "version_to",
            "effective",
            "before",
            "after",
            "justifications",
        } <= set(x)
        assert x["version_from"] == "az-before-2020-11-18" and x["version_to"] == "az-2020-11-18"
        assert x["effective"] == "2020-11-18"
        assert (x["before"] is None) == (x["kind"] == "added") and (x["after"] is None) == (x["kind"] == "removed")
        assert x["justifications"] and all(
            set(j) == {"source", "anchor", "quote", "page", "partial", "label_nl", "label_en"} for j in x["justifications"]
        )
        for j in x["justifications"]:  # the pages the quote stands on: "blz. 2–3" for a quote over a page break
            n = j["anchor"][1:]
            if isinstance(j["page"], list):
                first, last = j["page"]
                assert (j["label_nl"], j["label_en"]) == (f"alinea {n} (blz. {first}\u2013{last})", f"paragraph {n} (pages {first}\u2013{last})")
            else:
                assert (j["label_nl"], j["label_en"]) == (f"alinea {n} (blz. {j['page']})", f"paragraph {n} (page {j['page']})")
        assert x["groups"] and x["placement"]["basis"] in ("codified", "ours")
        assert (x["section_number"] is None) == (x["placement"]["basis"] == "ours") and x["section_number"] == x["placement"]["number"]
        assert x["basis"]["keyed_on"] == "announced" and x["basis"]["date"] == "2020-11-18"
        assert x["currency"]["checked_until"] == "2024-12-31" and x["currency"]["beyond"] is None
        assert [k["date"] for k in x["currency"]["known_later"]] == ["2021-09-07", "2021-12-07", "2021-12-09"]


def test_changes_text_shows_a_long_field_where_its_two_sides_differ(data_copy, cli):
    """A summary changed after its 90th character was cut to the same 67 characters on both sides (an editor's read):
    each side starts a few words before the first difference, and stays as short."""
    add_version_2025(data_copy)
    r = cli("changes")
    assert r.code == 0, r.err
    line = next(x for x in r.out.splitlines() if x.startswith("  field summary_nl: "))
    before, after = line.removeprefix("  field summary_nl: ").split(" -> ")
    assert before.startswith("...") and "mensenrechten, en die door" in before and len(before) <= 70
    assert after.startswith("...") and "mensenrechten, of als blogger, en die" in after and len(after) <= 70


def test_a_new_version_places_nothing_in_the_vc_until_a_fact_about_its_text_does(data_copy, cli):
    """new-version copied the previous version's placements, so a change of 2025 stood in "C7/5.3.2 Vc in the new
    text (according to Stcrt. 2021, 1592 ...)": a publication of 2021 vouching for a text no one had read (an editor's
    read). The scaffold writes every placement as not established."""
    import yaml

    add_version_2025(data_copy)
    version = yaml.safe_load((data_copy / "azerbaijan/versions/az-2025-03-14.yaml").read_text(encoding="utf-8"))
    assert {pid: p["placement"] for pid, p in version["provisions"].items()} == dict.fromkeys(version["provisions"], {"basis": "ours"})
    records = json.loads(cli("changes", "--format", "json").out)
    placement = next(r["placement"] for r in records if r["id"] == "az-2025-03-14.risk-group-critics")
    assert placement["label_en"] == "C7/5 Vc, placement not established (our heading: Risk groups)" and placement["fact"] is None


def test_the_scaffolded_source_names_every_field_the_guide_asks_to_fill_in(data_copy, cli, tmp_path):
    """The source file's comment listed the fields to fill in but left out title, which the guide requires (a new
    editor's read): the scaffold writes the file's name there, which is seldom the letter's subject line."""
    letter = tmp_path / "kamerbrief-2021-12-07.txt"
    letter.write_text("Datum 7 december 2021\n\nHet uitgangspunt wordt aangepast.\n", encoding="utf-8")
    assert cli("new-version", "--from", "az-2020-11-18", "--source", str(letter), "--date", "2021-12-07").code == 0
    text = (data_copy / "azerbaijan/sources/kamerbrief-2021-12-07.yaml").read_text(encoding="utf-8")
    comment = " ".join(line for line in text.splitlines() if line.startswith("# ") and "$schema" not in line)
    required = ("kind", "title", "kenmerk", "sender", "signatory", "addressee", "subject")  # docs/en/editors.md, step 3
    assert [name for name in required if not re.search(rf"\b{name}\b", comment)] == []


def test_kept_elements_are_not_changes(cli):
    ids = {x["provision"] for x in json.loads(cli("changes", "--data", str(DATA), "--format", "json").out)}
    assert "decision-moratorium" not in ids and "ipa-azeri-from-nagorno-karabakh" not in ids


@pytest.mark.parametrize("day, version", [("2020-11-17", "az-before-2020-11-18"), ("2020-11-18", "az-2020-11-18")])
def test_asof_contract(cli, day, version):
    r = cli("asof", day, "--data", str(DATA), "--format", "json")
    assert r.code == 0
    a = json.loads(r.out)
    assert a["date"] == day
    assert a["version"]["id"] == version
    assert {"id", "effective_from", "effective_to", "provisions"} <= set(a["version"])
    assert all({"id", "section"} <= set(p) for p in a["version"]["provisions"])
    assert a["pending"] == []


def test_asof_text_leads_with_the_status(cli):
    r = cli("asof", "2020-12-01", "--data", str(DATA))
    lines = r.out.splitlines()
    assert lines[1] == (
        "  status: On 1 December 2020 the Vc still held the old text of paragraph C7/5 (before WBV 2021/2). The letter of "
        "18 November 2020 (reference 3019810) had announced changes; they were not yet in the Vc. That happened later: "
        "WBV 2021/2 was dated 7 January 2021 and published on 13 January 2021 (Stcrt. 2021, 1592). Whether WBV 2021/2 "
        "has retroactive effect was not found, nor the date of its entry into force. The letter gives no start date, not for "
        "pending applications either (our reading)."
    )


def test_asof_text_states_its_basis_currency_pages_and_groups(cli):
    r = cli("asof", "2020-12-01", "--data", str(DATA))
    assert (
        "  basis: In aztimeline this version starts on the date of the letter, 18 November 2020. On 1 December 2020 the change was "
        "announced but not yet put into the Vc (WBV 2021/2 is dated 7 January 2021).\n"
    ) in r.out
    assert "WARNING" not in r.out
    assert "        quote, paragraph 5 (page 2): \u201cVoor deze groep geldt" in r.out
    assert "#p5" not in r.out  # no internal anchors in the answer
    assert "        groups: LGBTI persons\n" in r.out
    assert "  currency: Later changes were looked for up to and including 31 December 2024 (done in November 2026, confidence: low)." in r.out
    assert '      - 2021-12-07 Letter "Landenbeleid Azerbeidzjan" (Kamerstuk 19 637, nr. 2800)' in r.out


def test_asof_text_names_the_later_developments_right_under_its_status(cli):
    """The letter of 7 December 2021 on amv came some 140 lines down, under currency (a lawyer's read): the line under
    the status names what the site's status box does, by date and short name; currency still lists it in full."""
    out = cli("asof", "2022-03-01", "--data", str(DATA)).out
    assert out.splitlines()[2] == (
        "  Dated on or before this date, not recorded as a version: 3 later developments (2021-09-07 new country report on "
        "Azerbaijan; 2021-12-07 letter \u201cLandenbeleid Azerbeidzjan\u201d on unaccompanied minors, Kamerstuk 19 637, nr. 2800; "
        "2021-12-09 WBV 2022/1 on the return of unaccompanied minors, Stcrt. 2022, 53); listed in full under currency below."
    )
    assert '      - 2021-12-07 Letter "Landenbeleid Azerbeidzjan" (Kamerstuk 19 637, nr. 2800)' in out
    one = cli("asof", "2021-10-01", "--data", str(DATA)).out.splitlines()[2]
    assert one.startswith("  Dated on or before this date, not recorded as a version: 1 later development (2021-09-07 new country report")
    assert "Dated on or before this date" not in cli("asof", "2020-12-01", "--data", str(DATA)).out  # none yet: no line


@pytest.mark.parametrize(
    "day, n, dates",
    [
        ("2020-12-01", 10, "In aztimeline from 2020-11-18 (keyed on: announced); no end recorded (checked for later changes until 2024-12-31)"),
        ("2020-01-01", 6, "In aztimeline from an unknown date to 2020-11-17 inclusive (keyed on: unknown)"),
    ],
)
def test_asof_text_heads_its_rules_and_dates_its_version_in_the_sites_words(cli, day, n, dates):
    """"Rules on this date" listed rules only announced on 1 December 2020, and "applies in aztimeline from
    2020-11-18" read as if the new policy applied then (a lawyer's read): the site's words claim neither."""
    out = cli("asof", day, "--data", str(DATA)).out
    assert f"\n  Rules and their status ({n}):\n" in out and f"\n  {dates}\n" in out
    assert "Rules on this date" not in out and "applies in aztimeline" not in out
    assert T["en"]["all_rules"].format(n=n) == f"Rules and their status ({n})"  # the site's heading, read from its catalogue


@pytest.mark.parametrize("day, warned", [("2024-12-31", False), ("2025-01-01", True), ("2030-01-01", True)])
def test_asof_beyond_checked_until_warns(cli, day, warned):
    r = cli("asof", day, "--data", str(DATA))
    warning = f"  WARNING: {day} is after 2024-12-31, the last date for which later changes were looked for"
    assert (warning in r.out) is warned
    j = json.loads(cli("asof", day, "--data", str(DATA), "--format", "json").out)
    assert j["currency"]["beyond"] is warned


@pytest.mark.parametrize(
    "day, en, nl", [("2023-11-14", None, None), ("2023-11-15", "15 November 2023", "15 november 2023"), ("2030-01-01", "1 January 2030", "1 januari 2030")]
)
def test_asof_a_date_after_today_says_so_in_text_and_json(cli, monkeypatch, day, en, nl):
    """1 January 2030 was answered in the past tense ("had put ... into the Vc") with no word that the day is still to
    come, where the site says it (an outside tester's read): the site's sentence, by today's date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)  # today: 14 November 2023
    j = json.loads(cli("asof", day, "--data", str(DATA), "--format", "json").out)
    out = cli("asof", day, "--data", str(DATA)).out
    if en is None:  # today itself is not after today
        assert j["after_today"] is None and "after today" not in out
        return
    assert j["after_today"] == {
        "today": "2023-11-14",
        "text_nl": f"{nl} ligt na vandaag (14 november 2023): dit antwoord zegt wat de gegevens nu voor die dag geven; wat tot dan wordt besloten, staat er niet in.",
        "text_en": f"{en} is after today (14 November 2023): this answer gives what the data holds for that day now; what is decided until then is not in it.",
    }
    assert f"\n  WARNING: {j['after_today']['text_en']}\n" in out
    assert out.index("after today") < out.index("Rules and their status")  # with the status, not below the rules


def test_show_json_carries_placement_groups_context_and_currency(cli):
    j = json.loads(cli("show", "az-before-2020-11-18", "--data", str(DATA), "--format", "json").out)
    p = j["provisions"]["ipa-armenian-in-nagorno-karabakh"]
    assert p["groups"] == ["armenian-ethnicity"]
    assert p["placement"]["number"] == "5.5.1" and p["placement"]["fact"]["confidence"] == "medium"
    assert p["placement"]["label_en"] == "C7/5.5.1 Vc (Internal protection alternative; confidence: medium)"
    assert p["placement"]["label_nl"] == "C7/5.5.1 Vc (Vlucht- en vestigingsalternatief; zekerheid: middel)"
    assert [c["id"] for c in p["context"]] == ["before-5-5-1-ipa", "before-5-5-1-no-protection"]
    assert p["citations"][0]["page"] == 2 and p["citations"][0]["partial"] is True
    assert (p["citations"][0]["label_nl"], p["citations"][0]["label_en"]) == ("alinea 8 (blz. 2)", "paragraph 8 (page 2)")
    assert j["currency"]["checked_until"] == "2024-12-31" and j["currency"]["beyond"] is None
    assert j["basis"]["keyed_on"] == "unknown"


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["asof", "2020-02-30"],
            "aztimeline: error: 2020-02-30 is written as a date, but that day does not exist (February 2020 has 29 days); check the date",
        ),
        (
            ["asof", "2021-02-29"],
            "aztimeline: error: 2021-02-29 is written as a date, but that day does not exist (February 2021 has 28 days); check the date",
        ),
        (["asof", "18-11-2020"], "aztimeline: error: '18-11-2020' is not a date; write it as YYYY-MM-DD, for example 2020-11-18"),
        (["asof", "2020-11-18", "--country", "armenia"], "aztimeline: error: unknown country 'armenia'; known: azerbaijan"),
        (["show", "az-2019"], "aztimeline: error: unknown version 'az-2019'; known versions: az-2020-11-18, az-before-2020-11-18"),
        (
            ["paragraphs", "brief"],
            "aztimeline: error: unknown source 'brief' (or it does not load; run aztimeline validate); known sources: kamerbrief-2020-11-18",
        ),
    ],
)
def test_bad_values_get_one_line_and_exit_2(cli, args, message):
    r = cli(*args, "--data", str(DATA))
    assert r.code == 2
    assert r.err.splitlines() == [message]
    assert r.out == ""


@pytest.mark.parametrize(
    "args, lines",
    [
        # a mistyped required option was reported only as missing
        (
            ["export", "--formt", "docx", "--output", "x.docx"],
            [
                "aztimeline: error: unknown option --formt; did you mean --format? (see aztimeline export --help)",
                "aztimeline: error: the following arguments are required: --format (see aztimeline export --help)",
            ],
        ),
        # a mistyped option of a command was an unrecognized argument of the program, without the nearest option
        (["asof", "2021-01-01", "--grop", "lgbti"], ["aztimeline: error: unknown option --grop; did you mean --group? (see aztimeline asof --help)"]),
        (["asof", "2021-01-01", "--zzz=1"], ["aztimeline: error: unknown option --zzz (see aztimeline asof --help)"]),
        # a command's option given before the command, as git takes its own ("unrecognized arguments: --data=…")
        (["--data=elsewhere", "asof", "2021-01-01"], ["aztimeline: error: --data is an option of 'asof': give it after the command (see aztimeline asof --help)"]),
        # … also where its value was taken for the command ("invalid choice: 'elsewhere'")
        (["--data", "elsewhere", "asof", "2021-01-01"], ["aztimeline: error: --data is an option of 'asof': give it after the command (see aztimeline asof --help)"]),
        # a mistyped command, with the commands there are and the nearest ("argument command: invalid choice: …")
        (
            ["exprot"],
            [
                "aztimeline: error: unknown command 'exprot' (commands: validate, changes, asof, show, paragraphs, export, build, serve, "
                "history, diff, new-version, schema); did you mean export? (see aztimeline --help)"
            ],
        ),
    ],
)
def test_an_unknown_option_is_named_with_the_nearest_known_one(args, lines, tmp_path):
    r = run_subprocess(*args, "--data", str(DATA), cwd=tmp_path)
    assert r.code == 2 and r.err.splitlines() == lines and r.out == ""


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize(
    "command", [["validate"], ["changes"], ["asof", "2020-12-01"], ["show", "az-2020-11-18"], ["paragraphs", "kamerbrief-2020-11-18"]]
)
def test_every_reading_command_takes_data_and_format(cli, command, fmt):
    r = cli(*command, "--data", str(DATA), "--format", fmt)
    assert r.code == 0
    if fmt == "json":
        json.loads(r.out)


def test_validate_json_lists_the_problems_of_invalid_data(data_copy, cli):
    """A program that asks for JSON gets the problems as JSON, and a reader the same lines on stderr (the JSON was
    empty for invalid data; found by an outside tester)."""
    edit(data_copy / "azerbaijan/sources/kamerbrief-2020-11-18.yaml", 'kenmerk: "3019810"', 'kenmerk: "1234567"')
    r = cli("validate", "--format", "json")
    assert r.code == 2
    problems = json.loads(r.out)["problems"]
    assert json.loads(r.out)["valid"] is False and len(problems) == 1
    line = r.err.splitlines()[0]
    assert line == f"{problems[0]['file']}:{problems[0]['line']}: {problems[0]['field']}: {problems[0]['message']}"
    assert problems[0]["field"] == "kenmerk" and problems[0]["message"].startswith("'1234567' is not in its evidence")


def test_missing_data_directory(cli, tmp_path):
    r = cli("validate", "--data", str(tmp_path / "nowhere"))
    assert r.code == 2
    assert r.err.splitlines()[0].endswith("(file): data directory not found; pass --data PATH to a policy_versions/ folder")


def test_usage_errors_exit_2_without_traceback():
    r = run_subprocess("asof")
    assert r.code == 2
    assert "the following arguments are required: DATE" in r.err and "Traceback" not in r.err


def test_show_prints_by_heading_with_the_vc_placement(cli):
    r = cli("show", "az-2020-11-18", "--data", str(DATA))
    assert "\nRisk groups (our heading)\n  risk-group-critics:" in r.out
    assert "    where: C7/5.3.2 Vc (Risk groups)\n" in r.out
    # the rule on LGBTI persons is not in 5.4.4 of the codified text, and its placement is not known
    lgbti = r.out[r.out.index("  lgbti:") :]
    assert "    where: C7/5 Vc, placement not established (our heading: Protection by the authorities)\n" in lgbti
    assert "where: C7/5.4.4" not in r.out


def test_paragraphs_shows_anchors(cli):
    r = cli("paragraphs", "kamerbrief-2020-11-18", "--data", str(DATA), "--format", "json")
    paras = json.loads(r.out)
    assert [p["anchor"] for p in paras if p["role"] == "body"] == [f"p{i}" for i in range(1, 11)]


def test_docs_cover_every_command_and_option():
    text = (ROOT / "docs/en/cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, p in sub.choices.items():
        assert f"aztimeline {name}" in text, f"docs/en/cli.md does not document `aztimeline {name}`"
        for action in p._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt != "--help":
                    assert opt in text, f"docs/en/cli.md does not mention {opt} of `aztimeline {name}`"


def test_schemas_are_up_to_date(cli):
    r = cli("schema", "--output", str(ROOT / "schemas"), "--check")
    assert r.code == 0, r.err


def test_every_data_file_points_at_its_schema():
    for path in DATA.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path} points at missing {target}"


def test_no_data_folder_here_or_above_says_where_it_looked(cli, tmp_path, monkeypatch):
    """Run from a folder of memos outside the repository, without --data, the error was "policy_versions: (file): data
    directory not found": it did not say where it had looked (found by a liaison's read)."""
    monkeypatch.chdir(tmp_path)
    r = cli("export", "--format", "md", "--output", "x.md")
    assert r.code == 2 and not (tmp_path / "x.md").exists()
    assert r.err.splitlines() == [
        f"aztimeline: error: no policy_versions/ folder in {tmp_path} or a folder above it; run from the aztimeline "
        "repository, or give --data PATH"
    ]
    (tmp_path / "policy_versions").mkdir()  # one here is used, and what is wrong with it is said as before
    r = cli("validate")
    assert r.code == 2 and "no policy_versions/ folder" not in r.err and "country.yaml" in r.err.splitlines()[0]


@pytest.mark.parametrize(
    "error",
    [MemoryError(), ImportError("/x/lxml/etree.so: failed to map segment from shared object")],
    ids=["memory", "library"],
)
def test_running_out_of_memory_is_one_line_and_exit_2(cli, monkeypatch, tmp_path, error):
    """Under a memory limit (ulimit -v 80000) `build` printed a traceback and exited 1; where the limit stopped a
    library's code from loading, the same (found by an outside tester). Nothing is written: the output stays absent."""
    from aztimeline import cli as cli_module

    def starved(args):
        raise error

    monkeypatch.setitem(cli_module._COMMANDS, "export", starved)
    r = cli("export", "--data", str(DATA), "--format", "md", "--output", str(tmp_path / "x.md"))
    assert (r.code, r.err) == (
        2,
        "aztimeline: error: ran out of memory; nothing was written (free memory, or raise the limit on this process's memory)\n",
    )
    assert not (tmp_path / "x.md").exists()
    error = ImportError("No module named 'x'")
    with pytest.raises(ImportError):  # a missing module is a broken installation, not memory: its traceback says which
        cli("export", "--data", str(DATA), "--format", "md", "--output", str(tmp_path / "x.md"))


def test_asof_refuses_a_date_outside_the_dates_the_data_can_hold(cli):
    """`asof 1899-12-31` answered with the rules before the letter; the site's date fields stop at 1900-01-01 (found by a
    lawyer's read)."""
    for day in ("1899-12-31", "2200-01-01"):
        r = cli("asof", day, "--data", str(DATA))
        assert (r.code, r.err) == (2, f"aztimeline: error: {day} is outside the dates the data can hold (1900-01-01 to 2199-12-31); check the year\n")
    assert cli("asof", "1900-01-01", "--data", str(DATA)).code == 0


def test_the_memo_date_note_compares_days_where_the_memo_is_made(monkeypatch, capsys):
    """The data's last edit was compared as a UTC day with the memo's local day: an evening commit in New York, the
    next day in UTC, gave a note for a memo dated that evening (found by a second outside tester)."""
    import time

    from aztimeline import cli

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        stamp = {"commit_date": "2021-01-11T02:00:00+00:00"}  # 10 January, 21:00 in New York
        cli._memo_notes("json", {}, dt.date(2021, 1, 10), stamp, "nl")
        assert capsys.readouterr().err == ""
        cli._memo_notes("json", {}, dt.date(2021, 1, 9), stamp, "nl")
        assert "before the data was last edited (2021-01-10)" in capsys.readouterr().err
    finally:
        monkeypatch.undo()
        time.tzset()
