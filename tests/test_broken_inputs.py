"""A corpus of broken inputs: each is a small edit of the real data, with the exact lines it must print.

Every case runs the real CLI (`aztimeline validate`) on a private copy of policy_versions/ and checks the
exit code (2), every located message line, the summary line, and that no traceback is printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import edit

C = "policy_versions/azerbaijan/country.yaml"
S = "policy_versions/azerbaijan/sources/kamerbrief-2020-11-18.yaml"
R = "policy_versions/azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt"
B = "policy_versions/azerbaijan/versions/az-before-2020-11-18.yaml"
A = "policy_versions/azerbaijan/versions/az-2020-11-18.yaml"
M = "policy_versions/azerbaijan/amendments/az-2020-11-18.yaml"
E = "policy_versions/azerbaijan/events.yaml"

GERINGE = "Voor deze groep geldt dat zij met geringe indicaties hun vrees aannemelijk kunnen maken."

# name: (edits as (file, old, new), expected lines). An edit with old=None writes new as the whole file.
CASES: dict[str, tuple[list[tuple[str, str | None, str]], list[str]]] = {
    "invalid-yaml": (
        [(A, "effective_from: 2020-11-18", "effective_from: [2020-11-18")],
        [f"{A}:7: (file): invalid YAML: did not find expected ',' or ']'; fix the syntax at this line"],
    ),
    "duplicate-key": (
        [(A, "effective_from: 2020-11-18\n", "effective_from: 2020-11-18\neffective_from: 2020-11-19\n")],
        [f"{A}:7: effective_from: duplicate key 'effective_from' (first at line 6); keep one of them"],
    ),
    "empty-file": (
        [(E, None, "\n")],
        [f"{E}:1: (file): the file is empty; write the YAML document, or delete the file"],
    ),
    "top-level-list": (
        [(E, None, "- a\n- b\n")],
        [f"{E}:1: (file): the top level must be a mapping of keys to values, not list"],
    ),
    "unknown-field": (
        [(A, "effective_from: 2020-11-18\n", "effective_from: 2020-11-18\neffectiv_to: 2021-01-01\n")],
        [f"{A}:7: effectiv_to: unknown field; remove it or correct its spelling"],
    ),
    "missing-field": (
        [(A, "title_en: Policy after the letter of 18 November 2020\n", "")],
        [f"{A}:2: title_en: required field is missing; add it"],
    ),
    "impossible-date": (
        [(E, "date: 2019-03-16", "date: 2019-02-30")],
        [f"{E}:5: events[0].date: 2019-02-30 is not a real calendar date (day is out of range for month); check the day and month"],
    ),
    "date-as-quoted-string": (
        [(E, "date: 2019-03-16", 'date: "2019-03-16"')],
        [f"{E}:5: events[0].date: expected 'unknown' or a date written YYYY-MM-DD without quotes, got '2019-03-16'"],
    ),
    "date-as-words": (
        [(E, "date: 2019-03-16", "date: 16 maart 2019")],
        [f"{E}:5: events[0].date: expected 'unknown' or a date written YYYY-MM-DD without quotes, got '16 maart 2019'"],
    ),
    "date-with-time": (
        [(E, "date: 2019-03-16", "date: 2019-03-16 10:00:00")],
        [f"{E}:5: events[0].date: write the date '2019-03-16 10:00:00' as YYYY-MM-DD, without a time"],
    ),
    "id-with-slash": (
        [(A, "  risk-group-critics:\n", "  risk/group:\n"), (M, "  risk-group-critics:\n", "  risk/group:\n")],
        [
            f"{M}:10: justifications.risk/group: 'risk/group' is not a valid id: use 2-64 lowercase letters, digits and '-', starting and ending with a letter or digit (no '/', '..', spaces or leading dot)",
            f"{A}:102: provisions.risk/group: 'risk/group' is not a valid id: use 2-64 lowercase letters, digits and '-', starting and ending with a letter or digit (no '/', '..', spaces or leading dot)",
        ],
    ),
    "id-with-leading-dot": (
        [(E, "id: novruz-pardon-2019", "id: .novruz")],
        [
            f"{E}:4: events[0].id: '.novruz' is not a valid id: use 2-64 lowercase letters, digits and '-', starting and ending with a letter or digit (no '/', '..', spaces or leading dot)"
        ],
    ),
    "unknown-section": (
        [(A, "section: risk-groups", "section: risk-group")],
        [f"{A}:103: provisions.risk-group-critics.section: unknown section 'risk-group'; sections are listed in country.yaml"],
    ),
    "unknown-source": (
        [
            (E, "  - id: novruz-pardon-2019\n    date: 2019-03-16\n", "  - id: novruz-pardon-2019\n    date: 2019-03-16\n"),
            (E, "      - source: kamerbrief-2020-11-18\n        anchor: p4", "      - source: kamerbrief-2020-11-19\n        anchor: p4"),
        ],
        [f"{E}:9: events[0].citations[0].source: unknown source 'kamerbrief-2020-11-19'; known sources: kamerbrief-2020-11-18"],
    ),
    "anchor-out-of-range": (
        [(E, "anchor: p4", "anchor: p11")],
        [f"{E}:10: events[0].citations[0].anchor: source kamerbrief-2020-11-18 has no paragraph p11 (body paragraphs run p1 to p10)"],
    ),
    "quote-off-by-one-word": (
        [(A, GERINGE, GERINGE.replace("geringe", "zeer geringe"))],
        [
            f"{A}:130: provisions.risk-group-critics.citations[1].quote: quote is not verbatim in kamerbrief-2020-11-18#p5; copy it exactly from the source (only whitespace may differ)"
        ],
    ),
    "quote-wrong-paragraph": (
        [(A, f"anchor: p5\n        quote: {GERINGE}", f"anchor: p6\n        quote: {GERINGE}")],
        [
            f"{A}:130: provisions.risk-group-critics.citations[1].quote: quote is not verbatim in kamerbrief-2020-11-18#p6 (it stands in p5); copy it exactly from the source (only whitespace may differ)"
        ],
    ),
    "quote-of-page-furniture": (
        [(E, "anchor: p4", "anchor: f9")],
        [
            f"{E}:10: events[0].citations[0].anchor: f9 of kamerbrief-2020-11-18 is page furniture (running header), not body text; quote a body paragraph pN"
        ],
    ),
    "sha256-mismatch": (
        [(R, "Ankie Broekers-Knol", "Ankie Broekers-Knoll")],
        [
            f"{S}:14: sha256: raw text 2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt has sha256 "
            "1b8dd9bd3c6a1c1da7f6b1bcd8a3d1b0b1a1e1f1f1f1f1f1f1f1f1f1f1f1f1f1, not the recorded one; restore the file as received (never edit a source) or, for a new source, record its hash"
        ],
    ),
    "missing-raw-source": (
        [(R, None, "")],
        [],  # filled in below: the file is deleted rather than emptied
    ),
    "change-without-justification": (
        [(M, "  lgbti:\n", "  lgbti-gone:\n")],
        [
            f"{M}:9: justifications.lgbti: provision lgbti is added between az-before-2020-11-18 and az-2020-11-18 but has no justification; add the quotes from the instrument that justify it",
            f"{M}:25: justifications.lgbti-gone: provision lgbti-gone does not change between az-before-2020-11-18 and az-2020-11-18; remove this justification, or move it to kept if the instrument keeps it",
        ],
    ),
    "justification-without-change": (
        [(M, "kept:\n  decision-moratorium:\n", "justifications_extra: {}\nkept:\n  decision-moratorium:\n")],
        [f"{M}:97: justifications_extra: unknown field; remove it or correct its spelling"],
    ),
    "kept-but-changed": (
        [
            (
                M,
                "kept:\n  decision-moratorium:\n",
                "kept:\n  lgbti:\n    - {source: kamerbrief-2020-11-18, anchor: p6, quote: LHBTI}\n  decision-moratorium:\n",
            )
        ],
        [f"{M}:98: kept.lgbti: provision lgbti is listed as kept but is added; move its quotes to justifications"],
    ),
    "unknown-fact": (
        [(A, "fact: fact-wbv-2021-2\n", "fact: fact-wbv-2021-3\n")],
        [f"{A}:23: milestones.signed.fact: unknown fact 'fact-wbv-2021-3'; facts are listed in country.yaml"],
    ),
    "unverified-fact-with-a-known-date": (
        [(A, "  in_force:\n    date: unknown\n", "  in_force:\n    date: 2021-01-14\n")],
        [
            f"{A}:28: milestones.in_force.date: fact fact-wbv-2021-2-in-force is unverified, so this date cannot be given as known; write unknown and explain in note_en"
        ],
    ),
    "known-date-without-source": (
        [(B, "  announced:\n    date: unknown\n", "  announced:\n    date: 2013-12-01\n")],
        [f"{B}:16: milestones.announced.date: a known date needs its source: add citations or a fact, or write unknown"],
    ),
    "reversed-validity": (
        [
            (
                B,
                "effective_from: unknown\neffective_from_basis: unknown\n",
                "effective_from: 2021-01-01\neffective_from_basis: announced\n",
            ),
            (
                B,
                "  announced:\n    date: unknown\n",
                "  announced:\n    date: 2021-01-01\n    citations:\n      - {source: kamerbrief-2020-11-18, anchor: f7, quote: Datum 18 november 2020}\n",
            ),
        ],
        [
            f"{A}:6: effective_from: 2020-11-18 is before the start of the version before it (az-before-2020-11-18, 2021-01-01); versions must start in order and not overlap"
        ],
    ),
    "effective-from-disagrees-with-basis": (
        [(A, "effective_from: 2020-11-18", "effective_from: 2020-11-19")],
        [f"{A}:6: effective_from: effective_from_basis is announced, so effective_from must be 2020-11-18 (the announced date)"],
    ),
    "dangling-version-reference": (
        [(M, "version_from: az-before-2020-11-18", "version_from: az-before-2020")],
        [f"{M}:3: version_from: unknown version 'az-before-2020'; versions: az-2020-11-18, az-before-2020-11-18"],
    ),
    "id-differs-from-file-name": (
        [(E, "id: novruz-pardon-2019", "id: novruz-pardon-2019"), (M, "id: az-2020-11-18\n", "id: az-2020-11-19\n")],
        [f"{M}:2: id: id 'az-2020-11-19' must equal the file name 'az-2020-11-18'; rename one of them"],
    ),
    "yaml-alias": (
        [(E, "    date: 2019-03-16\n", "    date: &d 2019-03-16\n    date_note_nl: *d\n")],
        [f"{E}:6: events[0].date_note_nl: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full"],
    ),
    "latin-1-file": (
        [(E, None, "events: []\n# Caf\xe9\n")],
        [],  # filled in below: written as Latin-1 bytes
    ),
}


def _apply(tmp: Path, edits: list[tuple[str, str | None, str]]) -> None:
    for file, old, new in edits:
        if old is None:
            (tmp / file).write_text(new, encoding="utf-8")
        else:
            edit(tmp / file, old, new)


@pytest.mark.parametrize("name", [n for n, (_, lines) in CASES.items() if lines])
def test_broken_input_is_reported_exactly(name, data_copy, cli):
    edits, expected = CASES[name]
    _apply(data_copy.parent, edits)
    if name == "sha256-mismatch":
        import hashlib

        digest = hashlib.sha256((data_copy.parent / R).read_bytes()).hexdigest()
        expected = [expected[0].replace("1b8dd9bd3c6a1c1da7f6b1bcd8a3d1b0b1a1e1f1f1f1f1f1f1f1f1f1f1f1f1f1", digest)]
    result = cli("validate")
    n = len(expected)
    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines() == [*expected, f"aztimeline: {n} problem{'s' if n != 1 else ''} found; nothing was written"]


def test_missing_raw_source(data_copy, cli):
    (data_copy.parent / R).unlink()
    result = cli("validate")
    assert result.code == 2
    assert result.err.splitlines()[0] == f"{S}:13: raw_file: raw text {R} not found; add the file exactly as received"


def test_latin_1_file(data_copy, cli):
    (data_copy.parent / E).write_bytes("events: []\n# Caf\xe9\n".encode("latin-1"))
    result = cli("validate")
    assert result.code == 2
    assert result.err.splitlines()[0] == f"{E}:2: (file): byte 0xe9 is not valid UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8"


def test_problems_in_several_files_are_all_reported_in_one_run(data_copy, cli):
    for name in ("impossible-date", "unknown-section", "unknown-fact"):
        _apply(data_copy.parent, CASES[name][0])
    result = cli("validate")
    assert result.code == 2
    lines = result.err.splitlines()
    assert len(lines) == 4 and lines[-1] == "aztimeline: 3 problems found; nothing was written"


def test_no_traceback_from_the_console_script(data_copy):
    from .conftest import run_subprocess

    _apply(data_copy.parent, CASES["invalid-yaml"][0])
    result = run_subprocess("validate", cwd=data_copy.parent)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert result.err.startswith(f"{A}:7: ")
