from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from aztimeline.source import normalise_ws

from .conftest import ROOT, edit
from .test_cli import LETTER_CHANGES

KEPT_QUOTES = [
    "vooralsnog zie ik geen aanleiding om het beleid naar aanleiding van het recent opgelaaide conflict aan te passen dan wel zaken aan te houden",
    "Voor personen met de Azeri-etniciteit uit Nagorno-Karabach geldt dat het vlucht- en vestigingsalternatief in het hoofdgebied van Azerbeidzjan ongewijzigd blijft.",
]


def _quotes(cli) -> dict[str, list[str]]:
    records = json.loads(cli("changes", "--format", "json").out)
    return {r["id"]: [normalise_ws(j["quote"]) for j in r["justifications"]] for r in records}


def _read(fmt: str, path: Path) -> str:
    raw = path.read_bytes()
    if fmt == "csv":
        assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
        return raw[3:].decode("utf-8")
    return raw.decode("utf-8")


def _export(cli, folder: Path, fmt: str, *extra: str, name: str | None = None) -> Path:
    out = folder / (name or f"changes.{fmt}")
    r = cli("export", "--format", fmt, "--output", str(out), *extra)
    assert r.code == 0, r.err
    return out


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_export_holds_every_change_and_quote(data_copy, cli, fmt, lang):
    out = data_copy.parent / f"changes.{fmt}"
    r = cli("export", "--format", fmt, "--output", str(out), "--lang", lang, *(["--csv-ids"] if fmt == "csv" else []))
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
        rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if lang == "nl" else ","))
        assert {row["change_id"] for row in rows} == set(LETTER_CHANGES)
        for row in rows:
            for q in quotes[row["change_id"]]:
                assert q in row["justification_quotes"]
            assert row["data"] == data and row["made"] == "2023-11-14" and row["date_basis"] == "source_date_epoch"
            assert row["kenmerk"] == "3019810" and row["draft"] == "yes"
    else:
        flat = text
        for cid, qs in quotes.items():
            assert cid in flat
            for q in qs:
                assert q in flat
        for q in KEPT_QUOTES:
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
        (["--from", "az-1999", "--to", "az-2020-11-18"], "--from: unknown version 'az-1999'; known versions: az-2020-11-18, az-before-2020-11-18"),
        (
            ["--from", "az-2020-11-18", "--to", "az-before-2020-11-18"],
            "version az-2020-11-18 does not come before version az-before-2020-11-18; give the earlier version to --from",
        ),
        (["--from", "az-2020-11-18"], "give both --from VERSION and --to VERSION, or neither"),
        (["--since", "2021-01-01", "--until", "2020-01-01"], "--since 2021-01-01 is after --until 2020-01-01; swap them"),
        (["--since", "2021-01-01"], "no changes in the selection (changes announced on or after 2021-01-01); nothing was written"),
        (["--since", "2021-13-01"], "--since: 2021-13-01 is written as a date, but that day does not exist (there is no month 13); check the date"),
        (["--csv-sep", ";"], "--csv-sep applies to --format csv only, not to md"),
    ],
)
def test_bad_selections(data_copy, cli, args, message):
    out = data_copy.parent / "x.md"
    r = cli("export", "--format", "md", "--output", str(out), *args)
    assert r.code == 2
    assert r.err.splitlines() == [f"aztimeline: error: {message}"]
    assert not out.exists()


def test_every_problem_of_the_selection_is_said_in_one_run(data_copy, cli):
    """A liaison's --from with an unknown version and no --to heard only of the missing --to, then of the version."""
    out = data_copy.parent / "x.md"
    r = cli("export", "--format", "md", "--output", str(out), "--from", "nope", "--since", "2020-01-01")
    known = "known versions: az-2020-11-18, az-before-2020-11-18"
    assert r.code == 2 and r.err.splitlines() == [
        "aztimeline: error: give both --from VERSION and --to VERSION, or neither",
        "aztimeline: error: choose by versions (--from/--to) or by dates (--since/--until), not both",
        f"aztimeline: error: --from: unknown version 'nope'; {known}",
    ]
    assert not out.exists()


def test_existing_file_needs_force(data_copy, cli):
    out = data_copy.parent / "x.md"
    out.write_text("keep me")
    r = cli("export", "--format", "md", "--output", str(out))
    assert r.code == 2 and r.err.strip() == f"aztimeline: error: {out} already exists; pass --force to replace it"
    assert out.read_text() == "keep me"
    assert cli("export", "--format", "md", "--output", str(out), "--force").code == 0
    assert out.read_text().startswith("# Nota: Wijzigingen in het landenbeleid Azerbeidzjan (Vc C7/5)")
    assert [p.name for p in out.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_invalid_data_writes_nothing(data_copy, cli):
    (data_copy / "azerbaijan/events.yaml").write_text("events: [\n")
    out = data_copy.parent / "x.md"
    assert cli("export", "--format", "md", "--output", str(out)).code == 2
    assert not out.exists()


# --- Markdown: nothing in data text becomes HTML, a link or an attribute -----------------------------------

HOSTILE_TITLE = '<script>alert(1)</script> [x](javascript:alert(1)) *b* {: onclick="alert(2)" } <img src=x onerror=alert(3)>'
HOSTILE_SUMMARY = '1. {: #id onclick="alert(4)" } # not a heading <b onmouseover=alert(5)>'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _hostile_markdown(data_copy, cli) -> str:
    versions = data_copy / "azerbaijan/versions"
    edit(versions / "az-2020-11-18.yaml", "title_en: Risk group for critics of the authorities", "title_en: " + json.dumps(HOSTILE_TITLE))
    # a kept element stands unchanged in both versions
    for name in ("az-before-2020-11-18.yaml", "az-2020-11-18.yaml"):
        edit(versions / name, "title_en: No decision moratorium", "title_en: " + json.dumps(HOSTILE_TITLE))
        edit(
            versions / name,
            "    summary_en: >-\n      There is no decision moratorium: asylum cases are not put on hold, not even after the renewed conflict over\n"
            "      Nagorno-Karabakh.",
            "    summary_en: " + json.dumps(HOSTILE_SUMMARY),
        )
    return _export(cli, data_copy.parent, "md", "--lang", "en", name="x.md").read_text()


def test_markdown_escapes_data_text(data_copy, cli):
    text = _hostile_markdown(data_copy, cli)
    assert "<script>" not in text and "*b*" not in text and "<img" not in text and "<b " not in text
    assert not re.search(r"(?<!\\)\]\(", text), "an unescaped ']( ' would make a link"
    assert not re.search(r"(?<!\\)\{:", text), "an unescaped '{:' is an attribute list under attr_list"
    assert "&lt;script>alert(1)&lt;/script>" in text


@pytest.mark.parametrize(
    "extensions",
    [["attr_list", "tables", "md_in_html"], ["attr_list", "tables", "pymdownx.superfences", "pymdownx.tilde", "pymdownx.caret"]],
)
def test_markdown_export_renders_no_html_or_attributes_from_data(data_copy, cli, extensions):
    import markdown

    html = markdown.markdown(_hostile_markdown(data_copy, cli), extensions=extensions)
    parser = _Tags()
    parser.feed(html)
    tags = {tag for tag, _ in parser.tags}
    assert not tags & {"script", "img", "b"}, tags
    for tag, attrs in parser.tags:
        assert not any(k.startswith("on") or k == "id" for k in attrs), (tag, attrs)
        # the only links are ours: official publications named by a fact
        assert tag != "a" or str(attrs.get("href")).startswith("https://zoek.officielebekendmakingen.nl/"), attrs
    assert "alert(1)" in html and "alert(2)" in html and "alert(4)" in html  # shown as text, not dropped


@pytest.mark.parametrize("start", ["# Heading from data", "> Quote from data", "1. List from data", "- List from data", '!!! danger "Box from data"'])
def test_markdown_list_items_start_no_block_from_data(data_copy, cli, start):
    """A list item's text is escaped like a line's: "1. # x" made a heading inside the list (found from outside)."""
    import markdown

    versions = data_copy / "azerbaijan/versions"
    edit(versions / "az-2020-11-18.yaml", "title_en: Risk group for critics of the authorities", "title_en: " + json.dumps(start))
    for name in ("az-before-2020-11-18.yaml", "az-2020-11-18.yaml"):  # a kept summary is a list item of its own
        edit(
            versions / name,
            "    summary_en: >-\n      There is no decision moratorium: asylum cases are not put on hold, not even after the renewed conflict over\n"
            "      Nagorno-Karabakh.",
            "    summary_en: " + json.dumps(start),
        )
    text = _export(cli, data_copy.parent, "md", "--lang", "en", name="x.md").read_text()
    html = markdown.markdown(text, extensions=["attr_list", "tables", "md_in_html", "admonition"])
    parser = _Tags()
    parser.feed(html)
    assert [tag for tag, _ in parser.tags].count("h1") == 1 and "blockquote" not in {tag for tag, _ in parser.tags}  # h1: the title
    assert 'class="admonition' not in html
    words = start.split(" ", 1)[1]
    assert html.count(words) >= 2  # shown as text, in the overview and the kept summary
    for m in re.finditer(r"<li>\s*<(ol|ul)>\s*<li>([^<]*)", html):  # a list opened by data text at an item's start
        assert words not in m.group(2), m.group(0)


@pytest.mark.parametrize("title", ["Risicogroep #", "C#", "#", "Risicogroep ##"])
def test_markdown_headings_keep_a_trailing_hash(data_copy, cli, title):
    """A "#" ending a title is the heading's closing sequence to Markdown: "### Risicogroep #" rendered without it
    (an outside tester's read)."""
    import markdown

    versions = data_copy / "azerbaijan/versions"
    edit(versions / "az-2020-11-18.yaml", "title_nl: Risicogroep voor critici van de autoriteiten", "title_nl: " + json.dumps(title))
    for name in ("az-before-2020-11-18.yaml", "az-2020-11-18.yaml"):  # a kept element's title is a heading too
        edit(versions / name, "title_nl: Geen besluitmoratorium", "title_nl: " + json.dumps(title))
    html = markdown.markdown(_export(cli, data_copy.parent, "md", name="x.md").read_text())
    assert html.count(f"<h3>{title}</h3>") == 2, re.findall(r"<h3>[^<]*</h3>", html)


# --- CSV ------------------------------------------------------------------------------------------------------


def test_csv_separator_and_header_follow_the_language(data_copy, cli):
    from aztimeline.export.to_csv import COLUMNS

    nl = _read("csv", _export(cli, data_copy.parent, "csv", name="nl.csv"))
    en = _read("csv", _export(cli, data_copy.parent, "csv", "--lang", "en", name="en.csv"))
    comma = _read("csv", _export(cli, data_copy.parent, "csv", "--csv-sep", ",", name="comma.csv"))
    ids = _read("csv", _export(cli, data_copy.parent, "csv", "--csv-ids", name="ids.csv"))
    assert nl.splitlines()[0].startswith("Id wijziging;Overgang;Versie vóór;Versie na;Onderdeel;Plaats in de Vc;Soort")
    assert en.splitlines()[0].startswith("Change id,Transition,Version before,Version after,Provision,Place in the Vc,Kind")
    assert ids.splitlines()[0] == ";".join(COLUMNS)
    dutch = list(csv.reader(io.StringIO(nl), delimiter=";"))
    assert all(len(row) == len(COLUMNS) for row in dutch) and len(dutch) == 1 + len(LETTER_CHANGES)
    assert list(csv.reader(io.StringIO(comma))) == dutch
    # the same rows, but where a value is a word: in Dutch under Dutch names, the stable code under the ids (the
    # Dutch file said "not found" and "no" under "In werking" and "Concept", where the workbook says "niet gevonden")
    coded = [dict(zip(COLUMNS, row, strict=True)) for row in list(csv.reader(io.StringIO(ids), delimiter=";"))[1:]]
    named = [dict(zip(COLUMNS, row, strict=True)) for row in dutch[1:]]
    words = {"in_force": ("not found", "niet gevonden"), "draft": ("yes", "ja")}  # a copy outside git: a draft
    words["date_basis"] = ("source_date_epoch", "vastgezet met SOURCE_DATE_EPOCH voor een reproduceerbaar bestand")
    for c, n in zip(coded, named, strict=True):
        assert {k: v for k, v in c.items() if k not in words} == {k: v for k, v in n.items() if k not in words}
        assert {k: (c[k], n[k]) for k in words} == words


# --- JSON and its schema --------------------------------------------------------------------------------------


def _validator():
    # the schema on its own, as a user downloads it: a plain Draft 2020-12 validator and no registry of other files
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "schemas/export.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert "change-record.schema.json" not in json.dumps(schema)  # bundled, not referred to
    return Draft202012Validator(schema)


def _schema_errors(doc) -> list[str]:
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in _validator().iter_errors(doc)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_json_export_validates_against_its_schema(data_copy, cli, lang):
    doc = json.loads(_export(cli, data_copy.parent, "json", "--lang", lang).read_text())
    validator = _validator()
    assert _schema_errors(doc) == []
    # the schema can fail: a missing kenmerk, an unknown field (at the top or in an entry), a change record without
    # its quotes, a date in another form, a stage the model does not have, a quote without its paragraph
    broken = [
        dict(doc),
        dict(doc) | {"surprise": 1},
        dict(doc) | {"changes": [{k: v for k, v in doc["changes"][0].items() if k != "justifications"}]},
        dict(doc) | {"overview": [doc["overview"][0] | {"surprise": 1}]},
        dict(doc) | {"memo": doc["memo"] | {"date": "30-11-2026"}},
        dict(doc) | {"status_on_date": doc["status_on_date"] | {"stage": "maybe"}},
        dict(doc) | {"kept": [doc["kept"][0] | {"quotes": [{k: v for k, v in doc["kept"][0]["quotes"][0].items() if k != "anchor"}]}]},
    ]
    del broken[0]["kenmerk"]
    for b in broken:
        assert list(validator.iter_errors(b)), b.keys()


def test_change_records_in_the_export_keep_page_and_partial(data_copy, cli):
    doc = json.loads(_export(cli, data_copy.parent, "json").read_text())
    cits = [j for c in doc["changes"] for j in c["justifications"]] + [q for c in doc["overview"] for q in c["quotes"]]
    assert cits and all(isinstance(j["partial"], bool) and j["page"] for j in cits)
    labels = {q["label"] for c in doc["overview"] for q in c["quotes"]}
    # the pages the quoted words stand on: the quote of alinea 9 that ends in "onderhouden." runs on to page 3, and
    # says so, as a citation of a passage gives its pages (found by two lawyers' reads); the others stand on one page
    assert {"alinea 4 (blz. 2)", "alinea 9 (blz. 2\u20133)", "alinea 9 (blz. 3)"} <= labels
    assert [x for x in labels if "\u2013" in x] == ["alinea 9 (blz. 2\u20133)"]


def test_json_export_carries_kenmerk_basis_currency_and_provenance(data_copy, cli):
    doc = json.loads(_export(cli, data_copy.parent, "json", "--lang", "en").read_text())
    assert doc["kenmerk"] == "3019810" and doc["letters"][0]["kenmerk"] == "3019810"
    assert "Azerbaijan" in doc["subject"] and "C7/5" in doc["subject"]
    assert doc["basis"]["date"] == "2023-11-14" and doc["basis"]["text"]
    assert set(doc["currency"]) >= {"checked_until", "beyond", "known_later", "text"}
    assert doc["provenance"]["date_basis"] == "source_date_epoch" and doc["draft"] is True
    assert doc["summary"]["counts"] == {"added": 4, "removed": 4, "modified": 0, "kept": 2}
    assert [normalise_ws(q["quote"]) for k in doc["kept"] for q in k["quotes"]] == KEPT_QUOTES
    # a kept rule stands in the text after the letter, and its number says so, as the changes' numbers do
    assert {k["provision"]: k["section"] for k in doc["kept"]}["decision-moratorium"] == "C7/5.1 Vc in the new text (Decision moratorium)"


def test_site_url_from_mkdocs_yml_links_the_changes(data_copy, cli):
    (data_copy.parent / "docs").mkdir()
    (data_copy.parent / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.org/site\n")
    doc = json.loads(_export(cli, data_copy.parent, "json").read_text())
    assert doc["overview"][0]["url"] == f"https://example.org/site/changes/{doc['changes'][0]['id']}/"


def test_json_links_changes_to_their_pages_when_the_site_url_is_known(data_copy, cli):
    doc = json.loads(_export(cli, data_copy.parent, "json", "--lang", "en", "--site-url", "https://example.org/az").read_text())
    assert doc["overview"][0]["url"] == f"https://example.org/az/en/changes/{doc['changes'][0]['id']}/"
    doc = json.loads(_export(cli, data_copy.parent, "json", "--lang", "en", name="nourl.json").read_text())
    assert doc["overview"][0]["url"] is None
    r = cli("export", "--format", "json", "--output", str(data_copy.parent / "bad.json"), "--site-url", "example.org/az")
    assert r.code == 2 and not (data_copy.parent / "bad.json").exists()
    assert r.err.splitlines() == [
        "aztimeline: error: site_url 'example.org/az' is not a site address; give it as https://host/path/ (no ?query or #fragment)"
    ]


# --- by group --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_group_selects_its_changes_with_the_rules_for_everyone(data_copy, cli, fmt):
    records = json.loads(cli("changes", "--format", "json").out)
    wanted = {r["id"] for r in records if {"lgbti", "everyone"} & set(r["groups"])}
    assert wanted == {"az-2020-11-18.lgbti", "az-2020-11-18.assessment-main-territory", "az-2020-11-18.settlement-alternative-abroad"}
    text = _export(cli, data_copy.parent, fmt, "--group", "lgbti", "--lang", "en").read_text()
    if fmt == "json":
        doc = json.loads(text)
        assert {c["id"] for c in doc["changes"]} == wanted
        assert doc["provenance"]["selection"] == "all changes, for the group \u2018LGBTI persons\u2019 (with the rules for everyone)"
        assert [k["provision"] for k in doc["kept"]] == ["decision-moratorium"]  # the other kept rule concerns Azeris from Nagorno-Karabakh
    else:
        assert "for the group \u2018LGBTI persons\u2019 (with the rules for everyone)" in text
        assert "az-2020-11-18.lgbti" in text and "az-2020-11-18.armenian-ethnicity" not in text


def test_unknown_group_is_refused_with_the_known_ones(data_copy, cli):
    out = data_copy.parent / "x.md"
    r = cli("export", "--format", "md", "--output", str(out), "--group", "lgbt")
    assert r.code == 2 and not out.exists()
    assert r.err.splitlines() == [
        "aztimeline: error: unknown group 'lgbt'; give a group id or its label in Dutch or English: critics (Actief in politiek, "
        "journalistiek of mensenrechten, met kritiek op de autoriteiten); lgbti (LHBTI); armenian-ethnicity (Personen met de Armeense "
        "etniciteit); mixed-couples (Gemengde (Azeri/Armeense) paren); azeri-from-nagorno-karabakh (Personen met de Azeri-etniciteit "
        "uit Nagorno-Karabach)"
    ]


# --- honest dates and the draft marker -------------------------------------------------------------------------


@pytest.fixture
def committed(tmp_path, monkeypatch):
    import shutil

    from .conftest import DATA
    from .test_provenance import Repo

    r = Repo(tmp_path / "work")
    shutil.copytree(DATA, r.root / "policy_versions")
    r.commit("data")  # committed on 2021-01-11
    monkeypatch.chdir(r.root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return r


DRAFT = {"md": "CONCEPT", "csv": "yes", "json": '"draft": true'}


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_committed_data_is_no_draft_and_dated_as_data_as_of(committed, cli, fmt):
    import datetime as dt

    from aztimeline.dates import long_date

    text = _read(fmt, _export(cli, committed.root, fmt, *(["--csv-ids"] if fmt == "csv" else [])))
    assert "CONCEPT" not in text and "werkkopie" not in text
    if fmt == "md":
        # the nota is dated the day it is made; the data's commit date is "Gegevens laatst gewijzigd"
        assert "- **Gegevens laatst gewijzigd:** 11 januari 2021" in text and f"- **Datum:** {long_date(dt.date.today(), 'nl')}" in text
        assert "datum van de vastlegging van de gegevens in git; zo is het bestand reproduceerbaar" in text
    elif fmt == "csv":
        row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
        assert row["draft"] == "no" and row["date_basis"] == "commit" and row["made"] == "2021-01-11"
    else:
        doc = json.loads(text)
        assert doc["draft"] is False and doc["provenance"]["date_basis"] == "commit"


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_dirty_data_is_a_draft_in_every_text_format(committed, cli, fmt):
    edit(committed.root / "policy_versions/azerbaijan/events.yaml", "events:", "# an uncommitted edit\nevents:")
    text = _read(fmt, _export(cli, committed.root, fmt, *(["--csv-ids"] if fmt == "csv" else [])))
    assert "niet-vastgelegde wijzigingen" in text
    if fmt == "csv":
        assert next(csv.DictReader(io.StringIO(text), delimiter=";"))["draft"] == "yes"
    else:
        assert DRAFT[fmt] in text


def test_data_outside_git_is_dated_today_and_says_it_is_a_working_copy(data_copy, cli, monkeypatch):
    import datetime as dt

    from aztimeline.dates import long_date

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    text = _export(cli, data_copy.parent, "md").read_text()
    assert f"- **Datum:** {long_date(dt.date.today(), 'nl')}" in text and "- **Gegevens laatst gewijzigd:** werkkopie, niet in git" in text
    assert "**CONCEPT: gemaakt uit gegevens die niet (volledig) in git zijn vastgelegd (werkkopie, niet in git).**" in text


# --- selections across formats --------------------------------------------------------------------------------


def _synthetic(folder: Path) -> Path:
    """Four versions of a synthetic country, so three letters."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    return generate(folder, versions=4, provisions=12, seed=5)


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "docx", "xlsx"])
def test_selection_leaves_out_changes_of_other_transitions(tmp_path, cli, fmt):
    data = _synthetic(tmp_path)
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

        text = " ".join(str(c.value) for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row)
    else:
        text = out.read_bytes().decode("utf-8-sig").replace("\\", "")
    assert all(i in text for i in wanted)
    assert not any(i in text for i in others)


@pytest.mark.parametrize(("lang", "name", "word"), [("nl", "Kamerbrief van", "en"), ("en", "letter to parliament of", "and")])
def test_a_memo_over_several_letters_lists_them_mid_sentence(tmp_path, cli, lang, name, word):
    """Subject and summary name the three letters as "a, b and c"; in English none is capitalised mid-sentence."""
    data = _synthetic(tmp_path)
    out = cli("export", "--data", str(data), "--format", "md", "--output", "-", "--lang", lang).out
    subject = next(line for line in out.splitlines() if line.startswith(("- **Onderwerp:**", "- **Subject:**")))
    summary = next(line for line in out.splitlines() if line.startswith(("Deze nota beschrijft", "This memo describes")))
    for text in (subject, summary):
        assert text.count(name) == 3, text
        assert text.count(f"”, {name}") == 1 and text.count(f"” {word} {name}") == 1, text
        assert "Letter to parliament" not in text


# --- no claim beyond the data: what is known of the earlier state, what is new, what is not established ----------


STATE_WORDS = {
    "nl": {"unknown": "Onbekend.", "absent_per_letter": "Volgens de brief is dit nieuw.", "not_in_record": "Niet vastgelegd: de brief zegt niet of dit vóór de brief gold."},
    "en": {"unknown": "Unknown.", "absent_per_letter": "According to the letter this is new.", "not_in_record": "Not recorded: the letter does not say whether this applied before it."},
}


def _shown_before(r: dict, lang: str) -> str:
    """What an export must show on the before side: the summary, or the state in a word and the record's own text."""
    if r["before"] is not None:
        return normalise_ws(r["before"][f"summary_{lang}"])
    own = r["previous"][f"text_{lang}"] if r["previous"]["state"] in ("unknown", "absent_per_letter") else ""
    return normalise_ws(f"{STATE_WORDS[lang][r['previous']['state']]} {own}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_text_formats_say_what_is_known_of_the_earlier_state_and_what_is_new(data_copy, cli, lang):
    records = {r["id"]: r for r in json.loads(cli("changes", "--format", "json").out)}
    md = _export(cli, data_copy.parent, "md", "--lang", lang).read_text()
    rows = {row["change_id"]: row for row in csv.DictReader(io.StringIO(_read("csv", _export(cli, data_copy.parent, "csv", "--lang", lang, "--csv-ids"))), delimiter=";" if lang == "nl" else ",")}
    doc = json.loads(_export(cli, data_copy.parent, "json", "--lang", lang).read_text())
    overview = {o["id"]: o for o in doc["overview"]}
    assert "(geen)" not in md and "(none)" not in md
    before, after = ("Vóór", "Na") if lang == "nl" else ("Before", "After")
    for rid, r in records.items():
        shown = _shown_before(r, lang)
        assert f"- **{before}:** {shown}" in md, rid
        assert normalise_ws(rows[rid]["before"]) == shown and rows[rid]["previous_state"] == r["previous"]["state"]
        assert overview[rid]["previous"] == {"state": r["previous"]["state"], "text": shown}
        if r["kind"] == "removed":
            removed = "Volgens de brief uit het beleid verwijderd." if lang == "nl" else "Removed from the policy, according to the letter."
            assert f"- **{after}:** {removed}" in md and rows[rid]["after"] == removed
        for key in ("new", "not_established", "inference"):
            text = normalise_ws((r[key] or {}).get(f"text_{lang}") or "")
            in_json = overview[rid][key]
            in_json = (in_json or {}).get("text", "") if key == "new" else in_json or ""
            assert normalise_ws(rows[rid][key]) == text and normalise_ws(in_json) == text, (rid, key)
            assert not text or text in normalise_ws(md), (rid, key)
        for q in (r["new"] or {}).get("quotes", []):
            assert f"{q['quote']}\u201d \u2014 {q[f'label_{lang}']}" in md and q[f"label_{lang}"] in rows[rid]["new_quotes"]
    # the kind names our inference where the record has one; an added rule is new as the letter presents it, never
    # "toegevoegd", which would say that the earlier policy lacked it (no source does: its "before" says so)
    assert overview["az-2020-11-18.assessment-main-territory"]["kind"] == ("nieuw (onze afleiding)" if lang == "nl" else "new (our inference)")
    assert overview["az-2020-11-18.risk-group-critics"]["kind"] == ("nieuw volgens de brief" if lang == "nl" else "new according to the letter")
    assert not any(o["kind"].startswith(("toegevoegd", "added")) for o in overview.values())


def test_status_and_currency_come_from_the_as_of_model_on_the_memo_date(data_copy, cli):
    doc = json.loads(_export(cli, data_copy.parent, "json").read_text())
    st = doc["status_on_date"]
    assert st["date"] == "2023-11-14" and st["stage"] == "published" and st["codified"]["reference"] == "Stcrt. 2021, 1592"
    assert doc["status"] == f"{st['sentence']} {doc['currency']['text']}"
    assert "gedaan in november 2026, zekerheid: laag" in doc["currency"]["text"] and "bewijst niet dat die er niet is" in doc["currency"]["text"]
    status = {o["id"]: o["status"] for o in doc["overview"]}
    assert status.pop("az-2020-11-18.risk-group-critics") == "in de Vc (nieuwe tekst)"  # 5.3.2, by a fact (FACTS.md)
    assert set(status.values()) == {"in de Vc (nieuwe tekst; plaats niet vastgesteld)", "geschrapt uit het landenbeleid in de Vc"}
    early = json.loads(_export(cli, data_copy.parent, "json", "--memo-date", "2020-12-01", name="early.json").read_text())
    assert early["status_on_date"]["stage"] == "announced"
    assert early["status_on_date"]["sentence"] == (
        "Stand op 1 december 2020: de wijzigingen zijn aangekondigd in de brief van 18 november 2020 (kenmerk 3019810), maar nog niet opgenomen in de Vc."
    )
    assert {o["status"] for o in early["overview"]} == {
        "aangekondigd, nog niet opgenomen in de Vc",
        "genoemd in de brief; of het al in de Vc stond, is niet bekend",  # the main-territory rule: new by our inference
        "nog in de Vc (oude tekst); schrapping aangekondigd",  # C7/5.5.1, by a fact about the old text
        "nog in het beleid, zoals de brief het beschrijft; schrapping aangekondigd",  # only the letter says so
    }
    # the developments of 2021 are after this memo's date
    assert early["currency"]["known_later_text"] == [] and len(early["currency"]["known_after"]) == 3
    late = json.loads(_export(cli, data_copy.parent, "json", "--memo-date", "2026-11-30", name="late.json").read_text())
    assert late["currency"]["text"].endswith("De datum van deze nota ligt na die grens: er kunnen latere wijzigingen zijn die hier ontbreken.")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_summary_counts_the_changes_that_are_ours_by_inference(data_copy, cli, lang):
    records = json.loads(cli("changes", "--format", "json").out)
    kinds = {k: sum(r["kind"] == k for r in records) for k in ("added", "removed")}
    inferred = [r["kind"] for r in records if r["inference"]]
    assert kinds == {"added": 4, "removed": 4} and inferred == ["added"]  # testing against the main territory only
    doc = json.loads(_export(cli, data_copy.parent, "json", "--lang", lang).read_text())
    expected = {
        "nl": "vier regels zijn nieuw (waarvan één onze afleiding) en er vervallen vier regels.",
        "en": "four rules are new (one of them our inference) and four rules are removed.",
    }
    assert doc["summary"]["text"][0].endswith(expected[lang])
    # new as the letter says (the sentence says whose words these are), never "added" to an earlier policy that no
    # source describes in full (found by a liaison's read: the summary contradicted the memo's own "Vóór")
    assert "volgens de Kamerbrief" in doc["summary"]["text"][0] if lang == "nl" else "according to the letter" in doc["summary"]["text"][0]


def test_the_summary_says_what_the_letter_rests_on(data_copy, cli):
    """The summary gave counts, not why the policy changed (found by a liaison's read). The letter's first paragraph
    says it: the ministry presented the country report "op 2 juli 2020"; "De verslagperiode van het algemeen
    ambtsbericht is december 2013 tot en met juni 2020"."""
    raw = ROOT / "policy_versions/azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt"
    letter = normalise_ws(raw.read_text(encoding="utf-8"))
    assert "op 2 juli 2020 het algemeen ambtsbericht inzake Azerbeidzjan aangeboden" in letter
    assert "De verslagperiode van het algemeen ambtsbericht is december 2013 tot en met juni 2020." in letter
    doc = json.loads(_export(cli, data_copy.parent, "json").read_text())
    assert doc["summary"]["text"][1] == (
        "De brief steunt op het algemeen ambtsbericht Azerbeidzjan (aangeboden op 2 juli 2020; verslagperiode december "
        "2013 tot en met juni 2020)."
    )
    # then what the letter changes, in our words (the amendment's summary; each change record carries its quotes)
    assert doc["summary"]["text"][2].startswith("Vreemdelingen die actief zijn in de politiek, de journalistiek of op het gebied")
    assert doc["summary"]["text"][2].endswith("Getoetst wordt alleen aan het hoofdgebied van Azerbeidzjan.")
    # where no source says the letter rests on the report, the memo does not say it either
    edit(data_copy / "azerbaijan/versions/az-2020-11-18.yaml", "basis_stated: true", "basis_stated: false")
    doc = json.loads(_export(cli, data_copy.parent, "json", name="no-basis.json").read_text())
    assert not any("ambtsbericht" in line for line in doc["summary"]["text"])


def test_the_summary_says_that_developments_are_known_since_and_where(data_copy, cli):
    """The letter of 7 December 2021 and the other later developments stood only under Bronnen, pages after the
    summary (found by a second liaison's read). The summary now names their dates, and where they are listed; the
    dates are those the JSON gives as known before the memo's date, and none before a memo of 2020. Each has its
    short name beside it where the data gives one: the date alone hid that one is a later letter on the same policy
    (a later liaison's read)."""
    doc = json.loads(_export(cli, data_copy.parent, "json", "--memo-date", "2026-11-30", name="late.json").read_text())
    days = [k["date"] for k in doc["currency"]["known_before"]]
    assert days == ["2021-09-07", "2021-12-07", "2021-12-09"]
    text = _export(cli, data_copy.parent, "md", "--memo-date", "2026-11-30", name="late.md").read_text()
    summary = text.split("## Overzicht")[0]
    assert (
        "Na de brief zijn drie ontwikkelingen bekend die niet als versie zijn vastgelegd, van 7 september 2021 (nieuw "
        "ambtsbericht over Azerbeidzjan), 7 december 2021 (brief \u201cLandenbeleid Azerbeidzjan\u201d over amv, Kamerstuk 19 637, "
        "nr. 2800) en 9 december 2021 (WBV 2022/1 over terugkeer van amv, Stcrt. 2022, 53); zie Bronnen." in summary
    )
    assert [(k["name_nl"], k["name_en"]) for k in doc["currency"]["known_before"]][1] == (
        "brief \u201cLandenbeleid Azerbeidzjan\u201d over amv, Kamerstuk 19 637, nr. 2800",
        "letter \u201cLandenbeleid Azerbeidzjan\u201d on unaccompanied minors, Kamerstuk 19 637, nr. 2800",
    )
    early = _export(cli, data_copy.parent, "md", "--memo-date", "2020-12-01", name="early.md").read_text()
    assert "ontwikkelingen bekend die niet als versie" not in early.split("## Overzicht")[0]


def test_a_group_memo_names_the_groups_to_read_too(data_copy, cli):
    text = _export(cli, data_copy.parent, "md", "--group", "armenian-ethnicity").read_text()
    assert "leest ook wat voor gemengde (Azeri/Armeense) paren is vastgelegd." in text


def test_every_vc_number_the_memo_gives_has_its_source_in_the_memo(data_copy, cli):
    """The annex says that where a fact places a part at a number, the memo gives it "met die bron en hoe zeker het
    is"; the line "C7/5.3.2 Vc in de nieuwe tekst (Risicogroepen)" named neither, and the facts used left out the
    facts that place C7/5.3.2 and C7/5.1 (found by a liaison's read). Each such fact now stands among the facts used,
    or in the context beside its change, which gives its record."""
    country = yaml.safe_load((data_copy / "azerbaijan/country.yaml").read_text(encoding="utf-8"))
    statements = {f["id"]: f["statement_nl"] for f in country["facts"]}
    context_fact = {c["id"]: c["fact"] for c in country["codified_context"]}
    versions = {
        v: yaml.safe_load((data_copy / f"azerbaijan/versions/{v}.yaml").read_text(encoding="utf-8"))
        for v in ("az-before-2020-11-18", "az-2020-11-18")
    }
    doc = json.loads(_export(cli, data_copy.parent, "json").read_text())
    used = {f["text"] for f in doc["facts"]}
    placed = {}
    for c in doc["changes"]:
        fid = (c["placement"].get("fact") or {}).get("id")
        if fid:
            placed[fid] = {context_fact[x["id"]] for x in c["context"]}
    after = versions["az-2020-11-18"]["provisions"]
    for k in doc["kept"]:
        fid = after[k["provision"]]["placement"].get("fact")
        if fid:
            placed[fid] = set()
    # the numbers the memo shows: 5.3.2 (a change), 5.5.1 (a change, given by its context) and 5.1 (a kept rule)
    assert set(placed) == {"fact-after-5-3-2", "fact-before-5-5-1-ipa", "fact-after-no-particulars"}
    for fid, beside in placed.items():
        assert " ".join(statements[fid].split()) in used or fid in beside, fid
    assert " ".join(statements["fact-after-5-3-2"].split()) in used
    assert " ".join(statements["fact-after-no-particulars"].split()) in used


def test_the_summary_marks_a_kept_element_whose_earlier_state_is_our_inference(data_copy, cli):
    """"Uitdrukkelijk ongewijzigd blijven: geen besluitmoratorium" said more than the letter, which says only that it
    sees no reason "zaken aan te houden" (alinea 2); that none held before is the data's inference (found by a lawyer's
    and a liaison's read). The summary now says so beside it; the kept element the letter calls "ongewijzigd" is as
    before. "(dat het al gold, …)" read as if a moratorium had held (a liaison's read): it says what was so."""
    raw = ROOT / "policy_versions/azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt"
    letter = normalise_ws(raw.read_text(encoding="utf-8"))
    assert "geen aanleiding om het beleid naar aanleiding van het recent opgelaaide conflict aan te passen dan wel zaken aan te houden" in letter
    summary = json.loads(_export(cli, data_copy.parent, "json").read_text())["summary"]["text"]
    assert summary[-1] == (
        "Uitdrukkelijk ongewijzigd blijven: geen besluitmoratorium (dat het ook vóór de brief zo was, is onze afleiding); vlucht- en "
        "vestigingsalternatief voor personen met de Azeri-etniciteit uit Nagorno-Karabach."
    )


@pytest.mark.parametrize("lang, words", [("nl", ("Plaats in de Vc", "vindplaats")), ("en", ("Place in the Vc", "record"))])
def test_a_place_in_the_vc_that_a_fact_gives_is_said_with_its_record(data_copy, cli, lang, words):
    """"Plaats in de Vc: C7/5.1 Vc in de nieuwe tekst (Besluitmoratorium)" stood in the nota with no source, though
    the method note promises each place with its source and how sure it is (a liaison's read)."""
    text = _read("md", _export(cli, data_copy.parent, "md", "--lang", lang))
    doc = json.loads(_read("json", _export(cli, data_copy.parent, "json", "--lang", lang)))
    placed = [(c["placement"][f"label_{lang}"], c["placement"]["fact"]) for c in doc["changes"] if c["placement"].get("fact")]
    assert len(placed) >= 2  # today's data: C7/5.3.2 in the new text, C7/5.5.1 in the old
    for label, fact in placed:
        record = fact["record_nl"] if lang == "nl" and fact.get("record_nl") else fact["record"]
        assert f"{words[0]}: {label[:-1]}; {words[1]}: {record}" in text, label  # in the label's own brackets
    for line in text.splitlines():  # and none says a place is established without its source
        if re.search(rf"{words[0]}: C7/5\.\d", line):
            assert f"; {words[1]}: " in line and ") (" not in line, line


def test_a_group_memo_says_what_it_leaves_out_in_words_that_hold(data_copy, cli):
    """Memos for one group (a liaison's read): the Azeri memo described "die voor deze groep" where no change named
    the group; the Armenian memo sent its reader to the rules for mixed couples, which it did not hold; and "één regel
    is nieuw (waarvan één onze afleiding)" read as if more rules were new."""
    doc = yaml.safe_load((data_copy / "azerbaijan/country.yaml").read_text(encoding="utf-8"))
    labels = {g["id"]: g["label_nl"] for g in doc["groups"]}
    records = json.loads(cli("changes", "--format", "json").out)
    for g in doc["groups"]:
        if g["id"] == "everyone":
            continue
        text = _read("md", _export(cli, data_copy.parent, "md", "--group", g["id"], "--force"))
        summary = text.split("## Aanleiding\n\n", 1)[1].split("\n\n", 2)
        own = [r for r in records if g["id"] in r["groups"]]
        assert ("geen wijziging noemt deze groep zelf" in summary[0]) == (not own), g["id"]
        for related in g.get("related", []):
            assert f"Wat voor de groep ‘{labels[related['group']]}’ is vastgelegd, staat niet in deze nota" in summary[0], g["id"]
        assert "één regel is nieuw (waarvan" not in summary[1] and "er vervalt één regel (waarvan" not in summary[1]
    assert any(g.get("related") for g in doc["groups"])


def test_a_record_that_only_names_a_publication_carries_no_link_of_its_own(data_copy, cli, tmp_path):
    """The memo gave "(record: rectification of Stcrt. 2021, 1592) https://…/stcrt-2021-1592.html": the first
    publication's address read as the rectification's (a lawyer's read of the same on the site). Its list of
    publications links the first publication."""
    doc = json.loads(_read("json", _export(cli, tmp_path, "json", "--lang", "en")))
    facts = {f["record"]: f for f in doc["facts"]}
    assert "url" not in facts["rectification of Stcrt. 2021, 1592"]
    assert facts["Staatscourant 2021, 1592"]["url"] == "https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html"
    assert {"record": "Staatscourant 2021, 1592", "url": "https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html"}.items() <= doc["publications"][0].items()


def test_a_justification_shown_above_is_named_under_the_change(data_copy, cli):
    """The mixed couples' justification stood under "Vóór" alone, with no Onderbouwing, so the reason for the change
    read as the earlier policy (a second liaison's read): the change says where its justification stands."""
    text = _read("md", _export(cli, data_copy.parent, "md"))
    change = text.split("### Vlucht- en vestigingsalternatief bij een gemengd", 1)[1].split("\n### ", 1)[0]
    assert "- De onderbouwing in de brief staat in de citaten hierboven, onder \u2018V\u00f3\u00f3r\u2019." in change
    assert "Onderbouwing in de brief (letterlijk):" not in change  # each quote stands once


def test_a_quote_reference_to_a_letter_of_unknown_date_reads_without_a_gap():
    """A quote's short reference put the letter's kind and kenmerk as "Kamerbrief , kenmerk 123" where the letter's
    date is unknown (a space left for the missing date, before the comma)."""
    import datetime as dt

    from aztimeline.export.common import LetterView, _short_letter

    def letter(day, kind="Kamerbrief"):
        return LetterView("s", kind, "T", day, "123", "onbekend", "x", "y", "0" * 64, "", [])

    assert _short_letter(letter(None), "nl") == "Kamerbrief, kenmerk 123"
    assert _short_letter(letter(dt.date(2020, 11, 18)), "nl") == "Kamerbrief van 18 november 2020, kenmerk 123"
    assert _short_letter(letter(None, "Letter to parliament"), "en") == "Letter to parliament, ref. 123"
