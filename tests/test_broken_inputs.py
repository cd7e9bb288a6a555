"""A corpus of broken inputs: each is a small edit of the real data, with the exact lines it must print.

Every case runs the real CLI (`aztimeline validate`) on a private copy of policy_versions/ and checks the
exit code (2), every located message line, the summary line, and that no traceback is printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT, edit

C = "policy_versions/azerbaijan/country.yaml"
S = "policy_versions/azerbaijan/sources/kamerbrief-2020-11-18.yaml"
R = "policy_versions/azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt"
B = "policy_versions/azerbaijan/versions/az-before-2020-11-18.yaml"
A = "policy_versions/azerbaijan/versions/az-2020-11-18.yaml"
M = "policy_versions/azerbaijan/amendments/az-2020-11-18.yaml"
E = "policy_versions/azerbaijan/events.yaml"

M2 = "policy_versions/azerbaijan/amendments/az-2020-11-18-bis.yaml"
A2 = "policy_versions/azerbaijan/versions/az-2020-11-18-bis.yaml"


def _copy_of(file: str, *edits: tuple[str, str]) -> str:
    """The text of a data file with each (old, new) replaced once: a second file made from the first."""
    text = (ROOT / file).read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


BIS = ("id: az-2020-11-18\n", "id: az-2020-11-18-bis\n")
NOT_LINKED = "has no amendment leading to it, and neither has az-before-2020-11-18; add an amendment in amendments/ that links it into the timeline"

WAITS_ANNOUNCED = "until the date is mended, it is not checked against the announced milestone of the version it leads to"
KEPT_FIXES = (
    "if that corrects our own text, make the same correction in both version files; if the instrument changes the rule, "
    "move its quotes from kept to justifications"
)

GERINGE = "Voor deze groep geldt dat zij met geringe indicaties hun vrees aannemelijk kunnen maken."

# name: (edits as (file, old, new), expected lines). An edit with old=None writes new as the whole file.
CASES: dict[str, tuple[list[tuple[str, str | None, str]], list[str]]] = {
    "invalid-yaml": (
        [(A, "effective_from: 2020-11-18", "effective_from: [2020-11-18")],
        # the line that opened the list (6), not the next one, where the parser stumbled (found by an outside tester)
        [f"{A}:6: (file): invalid YAML: the [ opened on this line is not closed; close it with ] (the parser stumbled at line 7)"],
    ),
    # found by an editor: "found character that cannot start any token" named neither the tab nor the fix
    "tab-for-indentation": (
        [(A, "  announced:\n", "\tannounced:\n")],
        [f"{A}:17: (file): invalid YAML: a tab at column 1, where YAML allows only spaces; indent with spaces"],
    ),
    # found by a new editor: the parser's words alone, with no word of the indentation that was the slip
    "key-indented-less-than-its-siblings": (
        [(M, "    - source: kamerbrief-2020-11-18\n      anchor: p3\n", "    - source: kamerbrief-2020-11-18\n     anchor: p3\n")],
        [
            f"{M}:13: (file): invalid YAML: did not find expected '-' indicator; check the indentation of this line against the "
            "lines above it (spaces only, as many as the keys or items it belongs with)"
        ],
    ),
    # found by a new editor: a date written day first was told only the form, not the date it reads as
    "date-written-day-first": (
        [(M, "announced: 2020-11-18", "announced: 18-11-2020")],
        [f"{M}:6: announced: expected a date written YYYY-MM-DD, got '18-11-2020'; did you mean 2020-11-18?"],
    ),
    "date-written-day-first-with-slashes-where-unknown-may-stand": (
        [(A, "  signed:\n    date: 2021-01-07", "  signed:\n    date: 7/1/2021")],
        [f"{A}:24: milestones.signed.date: expected 'unknown' or a date written YYYY-MM-DD, got '7/1/2021'; did you mean 2021-01-07?"],
    ),
    "no-real-day-written-day-first": (
        [(S, "date: 2020-11-18", "date: 31.02.2020")],
        [f"{S}:5: date: expected 'unknown' or a date written YYYY-MM-DD, got '31.02.2020'"],
    ),
    # found by a new editor: a development known later that a version now records (its date is that of a version's
    # instrument) validated, and every answer listed it twice, as a version and as known but not recorded
    "known-later-development-recorded-as-a-version": (
        [(C, "    - id: letter-2021-12-07\n      date: 2021-12-07\n", "    - id: letter-2021-12-07\n      date: 2020-11-18\n")],
        [
            f"{C}:318: currency.known_later[1]: letter-2021-12-07 is dated 2020-11-18, the date of kamerbrief-2020-11-18, the "
            "instrument of version az-2020-11-18: it is now recorded as version az-2020-11-18; remove it from known_later"
        ],
    ),
    "duplicate-key": (
        [(A, "effective_from: 2020-11-18\n", "effective_from: 2020-11-18\neffective_from: 2020-11-19\n")],
        [f"{A}:7: effective_from: duplicate key 'effective_from' (first at line 6); keep one of them"],
    ),
    "tag-on-a-key": (
        [(E, "\nevents:\n", "\n!!python/object/apply:os.system events:\n")],
        [f"{E}:3: (file): YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed on a key; remove the tag"],
    ),
    "private-use-character-in-a-title": (
        [(A, "title_en: Policy after the letter of 18 November 2020", "title_en: \"Policy after the letter \\ue000 of 18 November 2020\"")],
        [f"{A}:5: title_en: text contains, at character 25, the private-use character U+E000, which has no agreed meaning; remove it"],
    ),
    # found from outside: a title of U+3000 or U+200B validated, and showed as an empty heading and link
    # found by an outside tester: a slip in a source's metadata hid every slip in the quotes of that source
    "misspelt-source-field-beside-a-bad-quote": (
        [(S, "subject: Landenbeleid Azerbeidzjan", "subjekt: Landenbeleid Azerbeidzjan"), (M, "quote: Bepaalde groepen kunnen", "quote: Sommige groepen kunnen")],
        [
            f"{M}:14: justifications.risk-group-critics[0].quote: quote is not verbatim in kamerbrief-2020-11-18#p3; copy it "
            "exactly from the source (only whitespace may differ); its start, 'Sommige groepen', is nowhere in the paragraph",
            f"{S}:2: subject: required field is missing; add it",
            f"{S}:11: subjekt: unknown field; remove it or correct its spelling",
        ],
    ),
    # found by an outside tester: a slip in country.yaml hid every slip in the quotes of the other files
    "country-slip-beside-a-bad-quote": (
        [(C, "name_en: Azerbaijan", "name_en: 5"), (M, "quote: Bepaalde groepen kunnen", "quote: Sommige groepen kunnen")],
        [
            f"{M}:14: justifications.risk-group-critics[0].quote: quote is not verbatim in kamerbrief-2020-11-18#p3; copy it "
            "exactly from the source (only whitespace may differ); its start, 'Sommige groepen', is nowhere in the paragraph",
            f'{C}:4: name_en: expected text, got the number 5; write it in quotes: "5"',
        ],
    ),
    # found by a second outside tester: the source's own quotes, and a value the YAML reader refuses in it
    "source-slip-beside-a-bad-quote-of-its-own": (
        [(S, "subject: Landenbeleid Azerbeidzjan", "subjekt: Landenbeleid Azerbeidzjan"), (S, "quote: Ankie Broekers-Knol}", "quote: Ankie Broekers-Knox}")],
        [
            f"{S}:2: subject: required field is missing; add it",
            f"{S}:11: subjekt: unknown field; remove it or correct its spelling",
            f"{S}:40: metadata_evidence.signatory[0].quote: quote is not verbatim in kamerbrief-2020-11-18#f15; copy it exactly "
            "from the source (only whitespace may differ); it matches up to 'Ankie', then has 'Broekers-Knox' where the source has 'Broekers-Knol'",
        ],
    ),
    "impossible-source-date-beside-a-bad-quote": (
        [(S, "date: 2020-11-18", "date: 2020-11-31"), (M, "quote: Bepaalde groepen kunnen", "quote: Sommige groepen kunnen")],
        [
            f"{M}:14: justifications.risk-group-critics[0].quote: quote is not verbatim in kamerbrief-2020-11-18#p3; copy it "
            "exactly from the source (only whitespace may differ); its start, 'Sommige groepen', is nowhere in the paragraph",
            f"{S}:5: date: 2020-11-31 is not a real calendar date (day is out of range for month); check the day and month",
        ],
    ),
    # found by a second outside tester: versions 'az' and 'az--az' gave two comparisons one anchor, cmp-az--az--az
    "double-hyphen-in-an-id": (
        [(E, "id: novruz", "id: novruz--bayram")],
        [
            f"{E}:4: events[0].id: 'novruz--bayram-pardon-2019' is not a valid id: use 2-64 lowercase letters, digits and '-', starting and "
            "ending with a letter or digit (no '/', '..', '--', spaces or leading dot)"
        ],
    ),
    # found by a second outside tester: each version was said to lie "in the folder of 'azerbaijanx'" as well
    "country-id-not-its-folder": (
        [(C, "id: azerbaijan", "id: azerbaijanx")],
        [f"{C}:2: id: country id 'azerbaijanx' must equal its folder name 'azerbaijan'"],
    ),
    "blank-title": (
        [(A, "title_en: Policy after the letter of 18 November 2020", 'title_en: "\\u3000\\u2028 \\u00a0\\u200b"')],
        [f"{A}:5: title_en: text is blank: it holds only spaces or invisible characters; write the text"],
    ),
    # found by an outside tester: a date that does not exist, or a field the file's model does not know, hid every
    # quote problem of the same file until it was mended
    "bad-date-beside-a-bad-quote": (
        [(M, "announced: 2020-11-18", "announced: 2020-11-31"), (M, "quote: Bepaalde groepen kunnen", "quote: Sommige groepen kunnen")],
        [
            f"{M}:6: announced: 2020-11-31 is not a real calendar date (day is out of range for month); check the day and month",
            f"{M}:6: announced: {WAITS_ANNOUNCED}",
            f"{M}:14: justifications.risk-group-critics[0].quote: quote is not verbatim in kamerbrief-2020-11-18#p3; copy it "
            "exactly from the source (only whitespace may differ); its start, 'Sommige groepen', is nowhere in the paragraph",
        ],
    ),
    # found by an outside tester: a date that does not exist in a version hid the checks against the other files, and
    # an editor who mended it met a new batch of problems; its start read as unknown would be a false one
    "impossible-version-dates-beside-slips-between-files": (
        [
            (A, "effective_from: 2020-11-18", "effective_from: 2020-11-31"),
            (A, "  signed:\n    date: 2021-01-07", "  signed:\n    date: 2021-02-30"),
            (A, "fact: fact-wbv-2021-2-published", "fact: fact-wbv-2021-2-publishd"),
            (A, "    section: decision-moratorium\n", "    section: decision-moratorim\n"),
        ],
        [
            f"{M}:111: kept.decision-moratorium: provision decision-moratorium is listed as kept, but its section differs between "
            f"{B}:50 and {A}:60; {KEPT_FIXES}",
            f"{A}:6: effective_from: 2020-11-31 is not a real calendar date (day is out of range for month); check the day and month",
            f"{A}:6: effective_from: until the version's dates are mended, they are not checked further: that each has its source, their "
            "order, and against the amendment and the other versions",
            f"{A}:24: milestones.signed.date: 2021-02-30 is not a real calendar date (day is out of range for month); check the day and month",
            f"{A}:28: milestones.published.fact: unknown fact 'fact-wbv-2021-2-publishd'; facts are listed in country.yaml",
            f"{A}:60: provisions.decision-moratorium.section: unknown section 'decision-moratorim'; sections are listed in country.yaml",
        ],
    ),
    # a new editor's read: our own text corrected in one version file only, for a provision the amendment does not list,
    # was told only to add quotes (as a kept one had been)
    "unlisted-provision-corrected-in-one-version-file": (
        [
            (M, "kept:\n  decision-moratorium:\n    - source: kamerbrief-2020-11-18\n      anchor: p2\n      quote: >-\n"
             "        vooralsnog zie ik geen aanleiding om het beleid naar aanleiding van het recent opgelaaide conflict aan te\n"
             "        passen dan wel zaken aan te houden\n", "kept:\n"),
            (A, "    title_en: No decision moratorium\n", "    title_en: No moratorium on decisions\n"),
        ],
        [
            f"{M}:10: justifications.decision-moratorium: provision decision-moratorium is modified between az-before-2020-11-18 and "
            f"az-2020-11-18 but has no justification (its title_en differs between {B}:54 and {A}:65); if that corrects our own "
            "text, make the same correction in both version files; if the instrument changes the rule, add the quotes that justify it",
        ],
    ),
    # found by an outside tester: a date that does not exist where it cannot be unknown (the currency's checked_until, a
    # later development's date) stopped country.yaml from loading, and every check against it waited, untold
    "impossible-currency-dates-beside-slips-between-files": (
        [
            (C, "checked_until: 2024-12-31", "checked_until: 2024-11-31"),
            (C, "      date: 2021-09-07\n", "      date: 2021-09-31\n"),
            (A, "    section: decision-moratorium\n", "    section: decision-moratorim\n"),
        ],
        [
            f"{M}:111: kept.decision-moratorium: provision decision-moratorium is listed as kept, but its section differs between "
            f"{B}:50 and {A}:60; {KEPT_FIXES}",
            f"{C}:296: currency.checked_until: 2024-11-31 is not a real calendar date (day is out of range for month); check the day and month",
            f"{C}:296: currency.checked_until: until the date is mended, it is not checked against the start of the latest version",
            f"{C}:312: currency.known_later[0].date: 2021-09-31 is not a real calendar date (day is out of range for month); check the day and month",
            f"{A}:60: provisions.decision-moratorium.section: unknown section 'decision-moratorim'; sections are listed in country.yaml",
        ],
    ),
    # found by an outside tester: the same in an amendment's announced, where the change records begin: every transition
    # went unchecked
    "impossible-announced-date-beside-slips-between-files": (
        [
            (M, "announced: 2020-11-18", "announced: 2020-02-30"),
            (A, "    section: decision-moratorium\n", "    section: decision-moratorim\n"),
        ],
        [
            f"{M}:6: announced: 2020-02-30 is not a real calendar date (day is out of range for month); check the day and month",
            f"{M}:6: announced: {WAITS_ANNOUNCED}",
            f"{M}:111: kept.decision-moratorium: provision decision-moratorium is listed as kept, but its section differs between "
            f"{B}:50 and {A}:60; {KEPT_FIXES}",
            f"{A}:60: provisions.decision-moratorium.section: unknown section 'decision-moratorim'; sections are listed in country.yaml",
        ],
    ),
    # found by a second outside tester: an impossible date in an id or a list of groups was read as unknown, a word the
    # file never held, and seven false messages followed; the fix told was to check the day and month
    "impossible-date-where-text-belongs": (
        [
            (A, "id: az-2020-11-18\n", "id: 2020-11-31\n"),
            (A, "    note_nl: De brief noemt geen ingangsdatum, ook niet voor lopende aanvragen (onze lezing).", "    note_nl: 2020-11-31"),
        ],
        [
            f"{A}:2: id: '2020-11-31' is written as a date; where it is text, put it in quotation marks",
            f"{A}:21: milestones.announced.note_nl: '2020-11-31' is written as a date; where it is text, put it in "
            "quotation marks",
        ],
    ),
    # found by an outside tester: a misspelt field holding a date that does not exist was told only to put the date in
    # quotation marks, and a field of dates where its model has none only that the date is not real; each is told both
    "impossible-date-in-a-misspelt-field": (
        [
            (A, "effective_from: 2020-11-18", "efective_from: 2021-02-30"),
            (M, "announced: 2020-11-18\n", "announced: 2020-11-18\ndate: 2020-11-31\n"),
        ],
        [
            f"{M}:7: date: 2020-11-31 is not a real calendar date (day is out of range for month); check the day and month",
            f"{M}:7: date: unknown field; remove it or correct its spelling",
            f"{A}:2: effective_from: required field is missing; add it",
            f"{A}:6: efective_from: 2021-02-30 is not a real calendar date (day is out of range for month); check the day and month",
            f"{A}:6: efective_from: unknown field; remove it or correct its spelling",
        ],
    ),
    # found by a second outside tester: a quote that begins at the end of the paragraph before was told that a word
    # differed ("then has 'vragen' where the source has 'van'")
    "quote-begins-in-the-paragraph-before": (
        [
            (
                A,
                "      anchor: p1\n      quote: De verslagperiode van het algemeen ambtsbericht is december 2013 tot en met juni 2020.",
                "      anchor: p2\n      quote: nieuw algemeen ambtsbericht op te stellen. Uit het algemeen ambtsbericht kan worden opgemaakt",
            )
        ],
        [
            f"{A}:51: evidence_base.citations[1].quote: quote is not verbatim in kamerbrief-2020-11-18#p2; copy it exactly from the source "
            "(only whitespace may differ); it begins at the end of p1, with 'nieuw algemeen ambtsbericht op'… (42 characters): a quote stands "
            "within one paragraph, so quote that part as a citation of its own, with anchor: p1"
        ],
    ),
    # found by a second outside tester: a date with a time of day was told to be written "without quotes", where it had
    # none
    "date-with-a-time-of-day": (
        [(A, "  signed:\n    date: 2021-01-07", "  signed:\n    date: 2021-01-07 10:00")],
        [f"{A}:24: milestones.signed.date: expected 'unknown' or a date written YYYY-MM-DD alone, without a time, got '2021-01-07 10:00'"],
    ),
    # found by an editor: a date that does not exist hid the file's other slips
    "impossible-date-beside-a-missing-field-and-a-misspelt-value": (
        [
            (A, "title_en: Policy after the letter of 18 November 2020\n", ""),
            (A, "effective_from: 2020-11-18\neffective_from_basis: announced", "effective_from: 2025-02-30\neffective_from_basis: announcd"),
        ],
        [
            f"{A}:2: title_en: required field is missing; add it",
            f"{A}:5: effective_from: 2025-02-30 is not a real calendar date (day is out of range for month); check the day and month",
            f"{A}:6: effective_from_basis: expected 'announced', 'in_force' or 'unknown', got 'announcd'",
        ],
    ),
    "unknown-field-beside-a-bad-quote": (
        [(M, "announced: 2020-11-18\n", "announced: 2020-11-18\nannouncd: x\n"), (M, "quote: Bepaalde groepen kunnen", "quote: Sommige groepen kunnen")],
        [
            f"{M}:7: announcd: unknown field; remove it or correct its spelling",
            f"{M}:15: justifications.risk-group-critics[0].quote: quote is not verbatim in kamerbrief-2020-11-18#p3; copy it "
            "exactly from the source (only whitespace may differ); its start, 'Sommige groepen', is nowhere in the paragraph",
        ],
    ),
    # found by an outside tester: a Hangul filler (U+3164) and the blank Braille pattern show as nothing too
    "blank-country-name": (
        [(C, "name_en: Azerbaijan", 'name_en: "\\u3164\\u2800"')],
        [f"{C}:4: name_en: text is blank: it holds only spaces or invisible characters; write the text"],
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
        [f"{E}:5: events[0].date: expected 'unknown' or a date written YYYY-MM-DD, got '16 maart 2019'"],
    ),
    "date-with-time": (
        [(E, "date: 2019-03-16", "date: 2019-03-16 10:00:00")],
        [f"{E}:5: events[0].date: write the date '2019-03-16 10:00:00' as YYYY-MM-DD, without a time"],
    ),
    "id-with-slash": (
        [(A, "  risk-group-critics:\n", "  risk/group:\n"), (M, "  risk-group-critics:\n    - source", "  risk/group:\n    - source")],
        [
            f"{M}:11: justifications.risk/group: 'risk/group' is not a valid id: use 2-64 lowercase letters, digits and '-', starting and ending with a letter or digit (no '/', '..', '--', spaces or leading dot)",
            f"{A}:110: provisions.risk/group: 'risk/group' is not a valid id: use 2-64 lowercase letters, digits and '-', starting and ending with a letter or digit (no '/', '..', '--', spaces or leading dot)",
        ],
    ),
    "id-with-leading-dot": (
        [(E, "id: novruz-pardon-2019", "id: .novruz")],
        [
            f"{E}:4: events[0].id: '.novruz' is not a valid id: use 2-64 lowercase letters, digits and '-', starting and ending with a letter or digit (no '/', '..', '--', spaces or leading dot)"
        ],
    ),
    "unknown-section": (
        [(A, "section: risk-groups", "section: risk-group")],
        [f"{A}:111: provisions.risk-group-critics.section: unknown section 'risk-group'; sections are listed in country.yaml"],
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
            f"{A}:140: provisions.risk-group-critics.citations[1].quote: quote is not verbatim in kamerbrief-2020-11-18#p5; copy it exactly from the source (only whitespace may differ); it matches up to 'Voor deze groep geldt dat zij met', then has 'zeer' where the source has 'geringe'"
        ],
    ),
    # a quote that begins inside a word is a substring, and no quote: "gewijzigd blijft." of "ongewijzigd blijft."
    # would turn "remains unchanged" into "remains changed" (found by an outside tester)
    "quote-cuts-a-word": (
        [(A, GERINGE, GERINGE[1:])],
        [
            f"{A}:140: provisions.risk-group-critics.citations[1].quote: quote begins or ends inside a word of kamerbrief-2020-11-18#p5, which can change its meaning; begin and end it with whole words"
        ],
    ),
    # metadata says what its own evidence says: the kenmerk reaches every memo (found by an outside tester)
    "kenmerk-not-in-its-evidence": (
        [(S, 'kenmerk: "3019810"', 'kenmerk: "1234567"')],
        [f"{S}:6: kenmerk: '1234567' is not in its evidence ('Ons kenmerk 3019810'); make kenmerk say what the source says, or quote where it says this"],
    ),
    # a value without a quote was never checked: a wrong kenmerk validated (found by an editor)
    "kenmerk-without-evidence": (
        [(S, 'kenmerk: "3019810"', 'kenmerk: "1234567"'), (S, "  kenmerk:\n    - {source: kamerbrief-2020-11-18, anchor: f5, quote: Ons kenmerk 3019810}\n", "")],
        [
            f"{S}:6: kenmerk: given without an evidence quote; add metadata_evidence.kenmerk with the source's words that hold it, "
            "or record the kenmerk as unknown"
        ],
    ),
    # "Unknown" is not the word that records a value as unknown, and was told to record it as unknown (an outside tester)
    "kenmerk-unknown-in-capitals": (
        [(S, 'kenmerk: "3019810"', "kenmerk: Unknown"), (S, "  kenmerk:\n    - {source: kamerbrief-2020-11-18, anchor: f5, quote: Ons kenmerk 3019810}\n", "")],
        [f"{S}:6: kenmerk: given without an evidence quote; unknown is written in lowercase, without spaces: kenmerk: unknown"],
    ),
    "date-not-in-its-evidence": (
        [(S, "date: 2020-11-18", "date: 2020-11-20")],
        [f"{S}:5: date: '20 november 2020' is not in its evidence ('Datum 18 november 2020'); make date say what the source says, or quote where it says this"],
    ),
    # a form the reader can follow, not a regular expression (found by an outside tester)
    "publication-in-capitals": (
        [(C, "    publication: stcrt-2021-1592\n  - id: fact-wbv-2021-2-published", "    publication: STCRT-2021-1592\n  - id: fact-wbv-2021-2-published")],
        [
            f"{C}:355: facts[1].publication: 'STCRT-2021-1592' is not a publication id: write it in lowercase as stcrt-YEAR-NUMBER, "
            "stb-YEAR-NUMBER, kst-DOSSIER-NUMBER or ah-tk-SESSION-NUMBER, for example stcrt-2021-1592"
        ],
    ),
    "sha256-in-capitals": (
        [(S, "sha256: d976d21f18aaa8623cdd212ea07d9e3aff28ebaa42952d2952c296ac36253330", "sha256: D976D21F18AAA8623CDD212EA07D9E3AFF28EBAA42952D2952C296AC36253330")],
        [
            f"{S}:14: sha256: 'D976D21F18AAA8623CDD212EA07D9E3AFF28EBAA42952D2952C296AC36253330' is not a sha256: write its 64 "
            "hexadecimal digits in lowercase (sha256sum prints them so)"
        ],
    ),
    # an anchor of the page furniture is told the furniture's range, not the body's (found by an outside tester)
    "furniture-anchor-out-of-range": (
        [(E, "anchor: p4", "anchor: f99")],
        [f"{E}:10: events[0].citations[0].anchor: source kamerbrief-2020-11-18 has no paragraph f99 (furniture blocks run f1 to f15)"],
    ),
    "quote-wrong-paragraph": (
        [(A, f"anchor: p5\n        quote: {GERINGE}", f"anchor: p6\n        quote: {GERINGE}")],
        [
            f"{A}:140: provisions.risk-group-critics.citations[1].quote: quote is not verbatim in kamerbrief-2020-11-18#p6 (it stands in p5); copy it exactly from the source (only whitespace may differ)"
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
    # an id near none of the provisions: the change it was meant for is not known, so that one is told apart
    "change-without-justification": (
        [(M, "  lgbti:\n    - source", "  gay-persons:\n    - source")],
        [
            f"{M}:10: justifications.lgbti: provision lgbti is added between az-before-2020-11-18 and az-2020-11-18 but has no justification; add the quotes from the instrument that justify it",
            f"{M}:26: justifications.gay-persons: neither az-before-2020-11-18 nor az-2020-11-18 has a provision gay-persons; give the id the provision has in the version files",
            f"{M}:148: notes.lgbti: provision lgbti has no justification in this amendment; a note belongs to a change",
            f"{M}:253: reasons.lgbti: provision lgbti has no justification in this amendment; a reason belongs to a change",
        ],
    ),
    # found by a new editor: a misspelt id was told "provision risk-group-critic does not change", beside the lines the
    # same slip caused (the provision meant has no justification, nor its note)
    "misspelt-provision-under-justifications": (
        [(M, "justifications:\n  risk-group-critics:\n", "justifications:\n  risk-group-critic:\n")],
        [f"{M}:11: justifications.risk-group-critic: neither az-before-2020-11-18 nor az-2020-11-18 has a provision risk-group-critic; did you mean risk-group-critics?"],
    ),
    "misspelt-provision-with-a-note": (
        [(M, "  lgbti:\n    - source", "  lgbti-gone:\n    - source")],
        [f"{M}:26: justifications.lgbti-gone: neither az-before-2020-11-18 nor az-2020-11-18 has a provision lgbti-gone; did you mean lgbti?"],
    ),
    "misspelt-provision-under-kept": (
        [(M, "kept:\n  decision-moratorium:\n", "kept:\n  decision-moratorum:\n")],
        [f"{M}:111: kept.decision-moratorum: neither az-before-2020-11-18 nor az-2020-11-18 has a provision decision-moratorum; did you mean decision-moratorium?"],
    ),
    "justification-without-change": (
        [(M, "kept:\n  decision-moratorium:\n", "justifications_extra: {}\nkept:\n  decision-moratorium:\n")],
        [f"{M}:110: justifications_extra: unknown field; remove it or correct its spelling"],
    ),
    # found by a new editor: a typo corrected in one version file only was told, in two lines at the amendment, to add
    # quotes; it is one slip, told at the kept entry with the field and both files, and either fix
    "kept-provision-corrected-in-one-version-only": (
        [(A, "asylum cases are not put on hold", "asylum cases are never put on hold")],
        [f"{M}:111: kept.decision-moratorium: provision decision-moratorium is listed as kept, but its summary_en differs between {B}:58 and {A}:69; {KEPT_FIXES}"],
    ),
    "kept-provision-with-two-fields-changed-in-one-version": (
        [(A, "asylum cases are not put on hold", "asylum cases are never put on hold"), (A, "title_en: No decision moratorium", "title_en: No decision moratorium at all")],
        [f"{M}:111: kept.decision-moratorium: provision decision-moratorium is listed as kept, but its summary_en and title_en differ between {B}:58 and {A}:69; {KEPT_FIXES}"],
    ),
    "kept-but-changed": (
        [
            (
                M,
                "kept:\n  decision-moratorium:\n",
                "kept:\n  lgbti:\n    - {source: kamerbrief-2020-11-18, anchor: p6, quote: LHBTI}\n  decision-moratorium:\n",
            )
        ],
        [f"{M}:111: kept.lgbti: provision lgbti is listed as kept but is added; move its quotes to justifications"],
    ),
    "unknown-fact": (
        [(A, "fact: fact-wbv-2021-2\n", "fact: fact-wbv-2021-3\n")],
        [f"{A}:25: milestones.signed.fact: unknown fact 'fact-wbv-2021-3'; facts are listed in country.yaml"],
    ),
    "unverified-fact-with-a-known-date": (
        [(A, "  in_force:\n    date: unknown\n", "  in_force:\n    date: 2021-01-14\n")],
        [
            f"{A}:30: milestones.in_force.date: fact fact-wbv-2021-2-in-force is unverified, so this date cannot be given as known; write unknown and explain in note_en"
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
    "dangling-version-to": (
        [(M, "version_to: az-2020-11-18", "version_to: az-2020-11-19")],
        [
            f"{M}:4: version_to: unknown version 'az-2020-11-19'; versions: az-2020-11-18, az-before-2020-11-18",
            f"{A}:2: id: version az-2020-11-18 {NOT_LINKED}",  # the later version, not the first, lacks its amendment
        ],
    ),
    "amendment-to-itself": (
        [(M, "version_to: az-2020-11-18", "version_to: az-before-2020-11-18")],
        [
            f"{M}:4: version_to: az-before-2020-11-18 is also the version_from; set version_to to the version the instrument leads to",
            f"{A}:2: id: version az-2020-11-18 {NOT_LINKED}",
        ],
    ),
    "two-amendments-to-one-version": (
        [(M2, None, _copy_of(M, BIS))],
        [
            f"{M2}:4: version_to: az-2020-11-18 is already reached by amendment az-2020-11-18; each version has one predecessor: "
            "merge the two amendments, or let this one lead to another version"
        ],
    ),
    "two-amendments-from-one-version": (
        [(M2, None, _copy_of(M, BIS, ("version_to: az-2020-11-18\n", "version_to: az-2020-11-18-bis\n"))), (A2, None, _copy_of(A, BIS))],
        [
            f"{M2}:3: version_from: az-before-2020-11-18 already leads to another version by amendment az-2020-11-18; versions form "
            "one line: merge the two amendments, or let this one start from another version",
            f"{A2}:2: id: version az-2020-11-18-bis {NOT_LINKED}",
        ],
    ),
    "published-before-signed": (
        [(A, "  published:\n    date: 2021-01-13\n", "  published:\n    date: 2021-01-05\n")],
        [f"{A}:27: milestones.published.date: published 2021-01-05 is before signed 2021-01-07; a decision is published only after it is signed: check both dates"],
    ),
    "retroactive-entry-into-force": (
        [
            (A, "  in_force:\n    date: unknown\n", "  in_force:\n    date: 2021-01-10\n"),
            (C, "record_nl: niet gevonden\n    confidence: unverified", "record_nl: niet gevonden\n    confidence: high"),
        ],
        [
            f"{A}:30: milestones.in_force.date: in_force 2021-01-10 is before published 2021-01-13; a retroactive entry into force is not something "
            "aztimeline can answer for yet: write unknown and say it in note_en"
        ],
    ),
    "id-differs-from-file-name": (
        [(E, "id: novruz-pardon-2019", "id: novruz-pardon-2019"), (M, "id: az-2020-11-18\n", "id: az-2020-11-19\n")],
        [f"{M}:2: id: id 'az-2020-11-19' must equal the file name 'az-2020-11-18'; rename one of them"],
    ),
    "yaml-alias": (
        [(E, "    date: 2019-03-16\n", "    date: &d 2019-03-16\n    date_note_nl: *d\n")],
        [f"{E}:6: events[0].date_note_nl: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full"],
    ),
    "justification-for-an-unchanged-provision": (
        [
            (
                M,
                "kept:\n  decision-moratorium:\n",
                "  decision-moratorium:\n    - {source: kamerbrief-2020-11-18, anchor: p2, quote: zaken aan te houden}\nkept:\n  decision-moratorium:\n",
            )
        ],
        [
            f"{M}:110: justifications.decision-moratorium: provision decision-moratorium does not change between az-before-2020-11-18 and az-2020-11-18; remove this justification, or move it to kept if the instrument keeps it"
        ],
    ),
    "empty-justification-list": (
        [
            (
                M,
                "  settlement-alternative-abroad:\n    - source: kamerbrief-2020-11-18\n      anchor: p10\n",
                "  settlement-alternative-abroad: []\n  unused:\n    - source: kamerbrief-2020-11-18\n      anchor: p10\n",
            )
        ],
        [
            f"{M}:102: justifications.settlement-alternative-abroad: needs at least one quote",
            f"{M}:103: justifications.unused: neither az-before-2020-11-18 nor az-2020-11-18 has a provision unused; give the id the provision has in the version files",
        ],
    ),
    "alias-bomb": (
        [
            (
                E,
                None,
                'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nevents: []\n',
            )
        ],
        [
            f"{E}:1: a: unknown field; remove it or correct its spelling",
            f"{E}:2: b: unknown field; remove it or correct its spelling",
            f"{E}:2: b[0]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:2: b[1]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:2: b[2]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:2: b[3]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:2: b[4]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:2: b[5]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:2: b[6]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:2: b[7]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:2: b[8]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:3: c: unknown field; remove it or correct its spelling",
            f"{E}:3: c[0]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:3: c[1]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:3: c[2]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:3: c[3]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:3: c[4]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:3: c[5]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:3: c[6]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:3: c[7]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
            f"{E}:3: c[8]: YAML anchors and aliases (&name / *name) are not allowed; write the value out in full",
        ],
    ),
    "deep-nesting": (
        [(E, None, "events: " + "[" * 40 + "]" * 40 + "\n")],
        [f"{E}:1: events" + "[0]" * 32 + ": nested deeper than 32 levels; flatten the structure"],
    ),
    "file-too-large": (
        [(E, None, "events: []\n" + "# " + "x" * 5_000_000 + "\n")],
        [f"{E}: (file): file is 5000014 bytes, over the limit of 5000000; no data file needs to be this large: check that it is the file meant"],
    ),
    "utf-8-bom": (
        [(E, None, "\ufeffevents: []\n")],
        [f"{E}:1: (file): the file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM"],
    ),
    "nul-byte": (
        [(E, None, "events: []\n\x00\n")],
        [f"{E}:2: (file): the file contains a NUL byte; save it as UTF-8 text"],
    ),
    "top-level-string": (
        [(E, None, "just some text\n")],
        [f"{E}:1: (file): the top level must be a mapping of keys to values, not str"],
    ),
    "two-documents": (
        [(E, None, "events: []\n---\nevents: []\n")],
        [f"{E}:3: (file): a data file holds exactly one YAML document; remove the extra '---' documents"],
    ),
    "nested-unknown-field": (
        [(A, "  report_date: unknown\n", "  report_date: unknown\n  reprot_period: 2013\n")],
        [f"{A}:38: evidence_base.reprot_period: unknown field; remove it or correct its spelling"],
    ),
    # found by an outside tester: a tab in a key was printed as it is, and read as spaces
    "tab-in-a-key": (
        [(M, "\nsummary_nl:", "\nsum\tmary_nl:"), (A, "\ntitle_en:", '\n"title_en\t":')],
        [
            f"{M}:224: sum\\tmary_nl: unknown field: its name holds a tab, shown as \\t; take the tab out or correct its spelling",
            f"{A}:2: title_en: required field is missing; add it",
            f"{A}:5: title_en\\t: unknown field: its name holds a tab, shown as \\t; take the tab out or correct its spelling",
        ],
    ),
    "wrong-type-list-for-text": (
        [(E, "    title_nl: Novruz-pardon", "    title_nl: [Novruz-pardon]\n    title_x: Novruz-pardon")],
        [
            f"{E}:6: events[0].title_nl: expected text, got a list ['Novruz-pardon']",
            f"{E}:7: events[0].title_x: unknown field; remove it or correct its spelling",
        ],
    ),
    "impossible-month": (
        [(A, "reporting_period: {start: 2013-12, end: 2020-06}", "reporting_period: {start: 2013-13, end: 2020-06}")],
        [f"{A}:39: evidence_base.reporting_period.start: expected 'unknown' or a month written YYYY-MM, got '2013-13'"],
    ),
    "overlapping-validity": (
        [
            (
                B,
                "effective_from: unknown\neffective_from_basis: unknown\n",
                "effective_from: 2020-11-18\neffective_from_basis: announced\n",
            ),
            (
                B,
                "  announced:\n    date: unknown\n",
                "  announced:\n    date: 2020-11-18\n    citations:\n      - {source: kamerbrief-2020-11-18, anchor: f7, quote: Datum 18 november 2020}\n",
            ),
        ],
        [
            f"{A}:6: effective_from: 2020-11-18 is the same day as the start of the version before it (az-before-2020-11-18, 2020-11-18); versions must start in order and not overlap"
        ],
    ),
    "later-version-with-unknown-start": (
        [(A, "effective_from: 2020-11-18\neffective_from_basis: announced\n", "effective_from: unknown\neffective_from_basis: unknown\n")],
        [
            f"{A}:6: effective_from: only the first version may start on an unknown date; az-2020-11-18 follows az-before-2020-11-18 by az-2020-11-18: "
            "give it the date of its announcement, with effective_from_basis announced"
        ],
    ),
    "duplicate-event-id": (
        [(E, "  - id: commitment-groothuizen-2019\n", "  - id: novruz-pardon-2019\n")],
        [f"{E}:14: events[1].id: duplicate event id 'novruz-pardon-2019' (first in {E}); ids must be unique"],
    ),
    "duplicate-provision-key": (
        [(A, "  lgbti:\n", "  risk-group-critics:\n")],
        [f"{A}:146: provisions.risk-group-critics: duplicate key 'risk-group-critics' (first at line 110); keep one of them"],
    ),
    "id-with-dot-dot": (
        [(E, "id: novruz-pardon-2019", "id: ../../etc")],
        [
            f"{E}:4: events[0].id: '../../etc' is not a valid id: use 2-64 lowercase letters, digits and '-', starting and ending with a letter or digit (no '/', '..', '--', spaces or leading dot)"
        ],
    ),
    "id-with-space": (
        [(E, "id: novruz-pardon-2019", "id: novruz pardon")],
        [
            f"{E}:4: events[0].id: 'novruz pardon' is not a valid id: use 2-64 lowercase letters, digits and '-', starting and ending with a letter or digit (no '/', '..', '--', spaces or leading dot)"
        ],
    ),
    "unknown-event-fact": (
        [(E, "    fact: fact-aanhangsel-831", "    fact: fact-aanhangsel-832")],
        [f"{E}:62: events[5].fact: unknown fact 'fact-aanhangsel-832'"],
    ),
    "unknown-instrument": (
        [(M, "instrument: kamerbrief-2020-11-18", "instrument: kamerbrief-2020-11-19")],
        [f"{M}:5: instrument: unknown source 'kamerbrief-2020-11-19'"],
    ),
    "unknown-numbering-fact": (
        [(C, "    numbering_fact: fact-c7-5-sections\n  - id: risk-groups", "    numbering_fact: fact-c7-5\n  - id: risk-groups")],
        [f"{C}:46: sections[2].numbering_fact: unknown fact 'fact-c7-5'"],
    ),
    "stale-furniture-rule": (
        [(S, "pattern: 'Ankie Broekers-Knol'", "pattern: 'Ankie Broekers'")],
        [
            f"{S}:30: furniture[10]: pattern matches no block of the raw text; correct or remove it",
            # the signature is now read as body text, so the evidence that pointed at it is reported too
            f"{S}:40: metadata_evidence.signatory[0].anchor: source kamerbrief-2020-11-18 has no paragraph f15 (furniture blocks run f1 to f14)",
        ],
    ),
    "regex-as-furniture-pattern": (
        # a regular expression with catastrophic backtracking: patterns are literal text with *, so it never hangs
        [(S, "pattern: 'Ankie Broekers-Knol'", "pattern: '(\\w+\\s?)*!'")],
        [
            f"{S}:30: furniture[10]: pattern matches no block of the raw text; correct or remove it "
            "(patterns are literal text in which * stands for any text, not regular expressions)",
            f"{S}:40: metadata_evidence.signatory[0].anchor: source kamerbrief-2020-11-18 has no paragraph f15 (furniture blocks run f1 to f14)",
        ],
    ),
    "quote-of-the-signature": (
        [(M, "anchor: p10\n", "anchor: f15\n")],
        [
            f"{M}:104: justifications.settlement-alternative-abroad[0].anchor: f15 of kamerbrief-2020-11-18 is page furniture (signature), not body text; quote a body paragraph pN"
        ],
    ),
    "metadata-evidence-not-verbatim": (
        [(S, "quote: Ankie Broekers-Knol}", "quote: A. Broekers-Knol}")],
        [
            f"{S}:40: metadata_evidence.signatory[0].quote: quote is not verbatim in kamerbrief-2020-11-18#f15; copy it exactly from the source (only whitespace may differ); its start, 'A. Broekers-Knol', is nowhere in the paragraph"
        ],
    ),
    "wrong-enum-value": (
        [(S, "kind: kamerbrief", "kind: brief")],
        [f"{S}:3: kind: expected 'kamerbrief', 'ambtsbericht', 'wbv', 'aanhangsel' or 'other', got 'brief'"],
    ),
    "version-in-the-wrong-country": (
        [(A, "country: azerbaijan", "country: armenia")],
        [f"{A}:3: country: version belongs to 'armenia' but lies in the folder of 'azerbaijan'"],
    ),
    "unexpected-file": (
        [("policy_versions/azerbaijan/notes.yaml", None, "a: 1\n")],
        ["policy_versions/azerbaijan/notes.yaml: (file): unexpected file; data files belong in sources/, versions/ or amendments/"],
    ),
    # --- legal precision (#10): placements need their basis, groups their vocabulary, later developments their record
    "placement-without-basis": (
        [
            (
                A,
                'placement: {basis: codified, number: "5.3.2", fact: fact-after-5-3-2}',
                'placement: {number: "5.3.2", fact: fact-after-5-3-2}',
            )
        ],
        [f"{A}:112: provisions.risk-group-critics.placement.basis: required field is missing; add it"],
    ),
    "provision-without-placement": (
        [(A, '    placement: {basis: codified, number: "5.3.2", fact: fact-after-5-3-2}\n', "")],
        [f"{A}:110: provisions.risk-group-critics.placement: required field is missing; add it"],
    ),
    "codified-placement-without-fact": (
        [(A, 'placement: {basis: codified, number: "5.3.2", fact: fact-after-5-3-2}', 'placement: {basis: codified, number: "5.3.2"}')],
        [
            f"{A}:112: provisions.risk-group-critics.placement.fact: a codified placement needs the fact about the codified text that places it; add fact, or write basis: ours"
        ],
    ),
    "codified-placement-with-unknown-fact": (
        [(A, "fact: fact-after-5-3-2}", "fact: fact-after-5-3-3}")],
        [f"{A}:112: provisions.risk-group-critics.placement.fact: unknown fact 'fact-after-5-3-3'; facts are listed in country.yaml"],
    ),
    "codified-placement-on-an-unverified-fact": (
        [
            (
                A,
                "    placement: {basis: ours}\n    groups: [lgbti]\n",
                '    placement: {basis: codified, number: "5.5", fact: fact-after-5-5-unverified}\n    groups: [lgbti]\n',
            )
        ],
        [
            f"{A}:148: provisions.lgbti.placement.fact: fact fact-after-5-5-unverified is unverified, too weak to give a section number (at least medium); write basis: ours and show the fact as codified_context",
            f"{A}:148: provisions.lgbti.placement.number: no heading in country.yaml has number '5.5'; numbers: 5.1, 5.2, 5.3.1, 5.3.2, 5.4.1, 5.4.2, 5.4.3, 5.4.4, 5.5.1",
        ],
    ),
    "the-lgbti-rule-placed-in-5-4-4": (
        [
            (
                A,
                "    placement: {basis: ours}\n    groups: [lgbti]\n",
                '    placement: {basis: ours, number: "5.4.4"}\n    groups: [lgbti]\n',
            )
        ],
        [
            f"{A}:148: provisions.lgbti.placement.number: basis ours shows no Vc section number; remove number, or write basis: codified with the fact that places it"
        ],
    ),
    "codified-placement-without-number": (
        [
            (
                A,
                'placement: {basis: codified, number: "5.3.2", fact: fact-after-5-3-2}',
                "placement: {basis: codified, fact: fact-after-5-3-2}",
            )
        ],
        [f"{A}:112: provisions.risk-group-critics.placement.number: a codified placement needs the section number the fact gives"],
    ),
    "group-outside-the-vocabulary": (
        [(A, "groups: [critics]", "groups: [critics, activists]")],
        [
            f"{A}:113: provisions.risk-group-critics.groups[1]: unknown group 'activists'; groups: armenian-ethnicity, azeri-from-nagorno-karabakh, critics, everyone, lgbti, mixed-couples (country.yaml)"
        ],
    ),
    "provision-without-groups": (
        [(A, "groups: [critics]", "groups: []")],
        [f"{A}:113: provisions.risk-group-critics.groups: must not be empty"],
    ),
    "everyone-and-a-group": (
        [(A, "groups: [critics]", "groups: [everyone, critics]")],
        [
            f"{A}:113: provisions.risk-group-critics.groups: everyone already covers every group; list either everyone or the groups the rule concerns"
        ],
    ),
    "unknown-context-entry": (
        [(A, "context: [after-5-4-4-not-here]", "context: [after-5-4-4-not-there]")],
        [
            f"{A}:150: provisions.lgbti.context[0]: unknown codified_context 'after-5-4-4-not-there'; context entries are listed in country.yaml"
        ],
    ),
    "context-without-its-fact": (
        [(C, "    fact: fact-before-5-4-4-permit\n  - id: after-5-1", "    fact: fact-before-5-4-4\n  - id: after-5-1")],
        [
            f"{C}:246: codified_context[2].fact: unknown fact 'fact-before-5-4-4'; context from the codified text needs the fact (record and confidence) it comes from"
        ],
    ),
    "later-development-without-record": (
        [(C, "      fact: fact-wbv-2022-1\n", "")],
        [f"{C}:329: currency.known_later[2].fact: required field is missing; add it"],
    ),
    "later-development-with-unknown-fact": (
        [(C, "      fact: fact-wbv-2022-1\n", "      fact: fact-wbv-2022-2\n")],
        [
            f"{C}:335: currency.known_later[2].fact: unknown fact 'fact-wbv-2022-2'; a later development needs the fact that gives its record and confidence"
        ],
    ),
    "checked-until-before-the-latest-version": (
        [(C, "checked_until: 2024-12-31", "checked_until: 2020-11-17")],
        [
            f"{C}:296: currency.checked_until: 2020-11-17 is before the start of the latest version (2020-11-18); the record is checked at "
            "least up to its own latest version: search for later changes again and record that search here, in checked_until, "
            "searched, basis_nl and basis_en, and the fact it rests on"
        ],
    ),
    "confidence-outside-the-vocabulary": (
        [(C, "confidence: inferred", "confidence: probable")],
        [f"{C}:517: facts[13].confidence: expected 'high', 'medium-high', 'medium', 'low', 'inferred' or 'unverified', got 'probable'"],
    ),
    "numbered-heading-without-numbering-fact": (
        [
            (
                C,
                "  - id: protection  # a heading of our own (no number): the codified placement is not known\n",
                '  - id: protection\n    number: "5.5"\n',
            )
        ],
        [
            f"{C}:53: sections[4].number: a numbered heading needs the fact that gives the Vc's numbering: add numbering_fact, or remove the number for a heading of our own"
        ],
    ),
    "vocabulary-without-everyone": (
        [(C, "  - id: everyone\n", "  - id: all\n")],
        [
            f"{C}:87: groups: the group vocabulary must include everyone (rules that apply to all applicants)",
            f"{C}:252: codified_context[3].groups[0]: unknown group 'everyone'; groups: all, armenian-ethnicity, azeri-from-nagorno-karabakh, critics, lgbti, mixed-couples",
            f"{C}:282: codified_context[5].groups[1]: unknown group 'everyone'; groups: all, armenian-ethnicity, azeri-from-nagorno-karabakh, critics, lgbti, mixed-couples",
            f"{A}:62: provisions.decision-moratorium.groups[0]: unknown group 'everyone'; groups: all, armenian-ethnicity, azeri-from-nagorno-karabakh, critics, lgbti, mixed-couples (country.yaml)",
            f"{A}:209: provisions.assessment-main-territory.groups[0]: unknown group 'everyone'; groups: all, armenian-ethnicity, azeri-from-nagorno-karabakh, critics, lgbti, mixed-couples (country.yaml)",
            f"{B}:52: provisions.decision-moratorium.groups[0]: unknown group 'everyone'; groups: all, armenian-ethnicity, azeri-from-nagorno-karabakh, critics, lgbti, mixed-couples (country.yaml)",
            f"{B}:165: provisions.settlement-alternative-abroad.groups[0]: unknown group 'everyone'; groups: all, armenian-ethnicity, azeri-from-nagorno-karabakh, critics, lgbti, mixed-couples (country.yaml)",
        ],
    ),
    "quotes-out-of-the-letters-order": (
        [
            (
                M,
                "      anchor: p3\n      quote: Bepaalde groepen kunnen hierdoor niet op bescherming van de autoriteiten rekenen.\n    - source: kamerbrief-2020-11-18\n      anchor: p4\n      quote: >-\n        kregen in de verslagperiode stelselmatig te maken met represailles van de zijde van de Azerbeidzjaanse\n        autoriteiten\n",
                "      anchor: p4\n      quote: >-\n        kregen in de verslagperiode stelselmatig te maken met represailles van de zijde van de Azerbeidzjaanse\n        autoriteiten\n    - source: kamerbrief-2020-11-18\n      anchor: p3\n      quote: Bepaalde groepen kunnen hierdoor niet op bescherming van de autoriteiten rekenen.\n",
            )
        ],
        [
            f"{M}:12: justifications.risk-group-critics[0]: quotes are listed in the letter's order: put the quote from p3 (Bepaalde \u2026) here, before this one from p4"
        ],
    ),
    "codifying-instrument-without-fact": (
        [(M, "codified_by_fact: fact-wbv-2021-2\n", "")],
        [
            f"{M}:7: codified_by_name: a codifying instrument needs its fact: add codified_by_fact with the record that says it codified the change"
        ],
    ),
}


def _apply(tmp: Path, edits: list[tuple[str, str | None, str]]) -> None:
    for file, old, new in edits:
        if old is None:
            (tmp / file).write_text(new, encoding="utf-8")
        else:
            edit(tmp / file, old, new)


@pytest.mark.parametrize("name", sorted(CASES))
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


def test_symlink_outside_the_data_directory(data_copy, cli, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text((data_copy / "azerbaijan/events.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (data_copy / "azerbaijan/events.yaml").unlink()
    (data_copy / "azerbaijan/events.yaml").symlink_to(outside)
    result = cli("validate")
    assert result.code == 2
    assert result.err.splitlines()[0] == f"{E}: (file): symbolic link points outside the data directory; replace it with the file itself"


EXTRA_CASES = 3
"""Broken inputs with tests of their own below: a symlink out of the data, a missing raw source, a Latin-1 file."""


def test_corpus_size_is_what_the_docs_say():
    text = (ROOT / "docs/en/threat-model.md").read_text(encoding="utf-8")
    assert f"**{len(CASES) + EXTRA_CASES} broken inputs**" in text
    assert len(CASES) + EXTRA_CASES >= 50


@pytest.mark.parametrize(
    "old, new, where",
    [
        ("verslagperiode stelselmatig", "verslagperiode systematisch", "'kregen in de verslagperiode', then has 'systematisch' where the source has 'stelselmatig'"),
        ("stelselmatig", "\u201cstelselmatig\u201d", "'kregen in de verslagperiode', then has '\u201cstelselmatig\u201d' where the source has 'stelselmatig'"),
        ("verslagperiode", "verslag-\n        periode", "'kregen in de', then has 'verslag-' where the source has 'verslagperiode'"),
        ("Azerbeidzjaanse", "Azerbaidzjaanse", "'\u2026met represailles van de zijde van de', then has 'Azerbaidzjaanse' where the source has 'Azerbeidzjaanse'"),
        ("stelselmatig", "x" * 5000, "'kregen in de verslagperiode', then has 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\u2026 (5000 characters) where the source has 'stelselmatig'"),
        # the source's word alone, not two ("where the source has 'hierdoor niet'": an outside tester)
        ("verslagperiode stelselmatig", "verslagperiodex stelselmatig", "'kregen in de', then has 'verslagperiodex' where the source has 'verslagperiode'"),
    ],
    ids=["another-word", "typographic-quote-marks", "word-broken-over-a-line", "far-into-the-quote", "word-of-5000-letters", "a-letter-more"],
)
def test_a_quote_not_verbatim_is_told_where_it_first_differs(data_copy, cli, old, new, where):
    """Before: only that the quote is not verbatim, so a typographic quote mark or a word broken over a line was hard
    to find in a long quote (found by an editor)."""
    words = "kregen in de verslagperiode stelselmatig te maken met represailles van de zijde van de Azerbeidzjaanse"
    edit(data_copy.parent / M, words, words.replace(old, new))
    result = cli("validate")
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        f"{M}:17: justifications.risk-group-critics[1].quote: quote is not verbatim in kamerbrief-2020-11-18#p4; copy it exactly "
        f"from the source (only whitespace may differ); it matches up to {where}"
    )


@pytest.mark.parametrize(
    "rest, told",
    [
        ("Het ambtsbericht geeft mij aanleiding", ", which begins p5: a quote stands within one paragraph, so end it there and quote the rest as a citation of its own, with anchor: p5"),
        ("Dat is ernstig.", ": a quote stands within one paragraph, so end it there"),
    ],
    ids=["into-the-next-paragraph", "words-of-its-own"],
)
def test_a_quote_that_runs_past_its_paragraph_is_told_where_it_ends(data_copy, cli, rest, told):
    """It was told that the paragraph's last word differed from itself ("then has 'opgelegd.' where the source has
    'opgelegd.'"), not that the paragraph ends there (an outside tester)."""
    words = "kregen in de verslagperiode stelselmatig te maken met represailles van de zijde van de Azerbeidzjaanse\n        autoriteiten"
    edit(data_copy.parent / M, words, f"Desondanks bleven de veroordelingen van kracht en kregen sommigen een uitreisverbod opgelegd. {rest}")
    result = cli("validate")
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        f"{M}:17: justifications.risk-group-critics[1].quote: quote is not verbatim in kamerbrief-2020-11-18#p4; copy it exactly "
        "from the source (only whitespace may differ); it matches up to '\u2026sommigen een uitreisverbod opgelegd.', where p4 ends, "
        f"then goes on with '{rest}'{told}"
    )


@pytest.mark.parametrize("anchor", ["p4", "p5", "p6", "p9"])
def test_a_quote_over_three_paragraphs_is_told_to_be_split_into_one_for_each(data_copy, cli, anchor):
    """It was told to end where p4 ends and quote the rest with anchor p5, which does not hold the rest either; with the
    anchor of its second or third paragraph, only that its start was nowhere in the paragraph (an outside tester)."""
    words = "kregen in de verslagperiode stelselmatig te maken met represailles van de zijde van de Azerbeidzjaanse\n        autoriteiten"
    p5 = (
        "Het ambtsbericht geeft mij aanleiding om vreemdelingen die actief zijn in de politiek, journalistiek of op het gebied van "
        "mensenrechten en die significante kritiek op de autoriteiten hebben geuit waardoor zij in de negatieve belangstelling van "
        "de autoriteiten staan, als risicogroep aan te merken. Voor deze groep geldt dat zij met geringe indicaties hun vrees "
        "aannemelijk kunnen maken. Van leden van deze groep die een gegronde vrees hebben voor vervolging of ernstige schade wordt "
        "niet verlangd dat zij de bescherming van de autoriteiten inroepen."
    )
    quote = f"kregen sommigen een uitreisverbod opgelegd. {p5} Uit het algemeen ambtsbericht blijkt dat LHBTI"
    edit(data_copy.parent / M, f"anchor: p4\n      quote: >-\n        {words}", f"anchor: {anchor}\n      quote: >-\n        {quote}")
    result = cli("validate")
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{M}:17: justifications.risk-group-critics[1].quote: quote is not verbatim in kamerbrief-2020-11-18#{anchor}; copy it exactly "
        "from the source (only whitespace may differ); it spans paragraphs p4, p5 and p6: it takes the end of p4, up to "
        "'\u2026sommigen een uitreisverbod opgelegd.', all of p5, and the start of p6, 'Uit het algemeen ambtsbericht '\u2026 (46 "
        "characters): a quote stands within one paragraph, so split it into one quote per paragraph, each a citation of its own "
        "with its anchor: p4, p5 and p6",
        "aztimeline: 1 problem found; nothing was written",
    ]


def test_a_quote_over_two_paragraphs_under_the_anchor_of_neither_is_told_which(data_copy, cli):
    """Its start was said to be nowhere in the paragraph of its anchor, and no more (an outside tester's case, two
    paragraphs long)."""
    words = "kregen in de verslagperiode stelselmatig te maken met represailles van de zijde van de Azerbeidzjaanse\n        autoriteiten"
    edit(data_copy.parent / M, f"anchor: p4\n      quote: >-\n        {words}", "anchor: p9\n      quote: >-\n        opgelegd. Het ambtsbericht geeft")
    result = cli("validate")
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        f"{M}:17: justifications.risk-group-critics[1].quote: quote is not verbatim in kamerbrief-2020-11-18#p9; copy it exactly "
        "from the source (only whitespace may differ); it spans paragraphs p4 and p5: it takes the end of p4, up to 'opgelegd.', and "
        "the start of p5, 'Het ambtsbericht geeft': a quote stands within one paragraph, so split it into one quote per paragraph, "
        "each a citation of its own with its anchor: p4 and p5"
    )


@pytest.mark.parametrize(
    "opening, closing",
    [("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u2019", "\u2019"), ("'", "'"), ("\u00bb", "\u00ab"), ("\u201e", "\u201d")],
    ids=["typographic-double", "typographic-single", "single-closing-mark", "straight-single", "guillemets", "low-double"],
)
def test_a_quote_pasted_with_its_quotation_marks_is_told_so(data_copy, cli, opening, closing):
    """A quote pasted with its typographic quotation marks was told only that its start was nowhere in the paragraph
    (a second editor's read), and so was one in single marks after that (a new editor's read)."""
    amendment = data_copy.parent / M
    text = amendment.read_text(encoding="utf-8")
    amendment.write_text(text.replace(f"quote: {GERINGE}", f'quote: "{opening}{GERINGE}{closing}"', 1), encoding="utf-8")
    result = cli("validate")
    assert result.code == 2
    assert result.err.splitlines()[0].endswith(
        f"; copy it exactly from the source (only whitespace may differ); it begins with the quotation mark {opening}, which the "
        "source has not there: leave quotation marks out (the pages add them)"
    )


@pytest.mark.parametrize(
    "quote, told",
    [
        ("\u2019s-Gravenhage is de zetel", "it begins with \u2019, where the source has ': copy it as the source writes it"),
        ("\u2018Den Haag\u2019 is de zetel", "it begins with the quotation mark \u2018, where the source has \u201c: leave quotation marks out (the pages add them)"),
        ("\u2018De zetel is", "it begins with the quotation mark \u2018, which the source has not there: leave quotation marks out (the pages add them)"),
    ],
    ids=["an-apostrophe-written-another-way", "single-for-double", "single-mark-not-there"],
)
def test_a_quote_beginning_with_a_single_mark_is_told_how_the_source_has_it(quote, told):
    """An apostrophe that begins a word is no quotation mark to leave out: where the source writes it another way, the
    quote is told to copy the source's."""
    from aztimeline.load import LoadedSource
    from aztimeline.source import paragraph_view
    from aztimeline.validate import _first_difference

    text = "Bijlage\n\n's-Gravenhage is de zetel van \u201cDen Haag\u201d. De zetel is daar.\n"
    view = paragraph_view(text, [])
    src = LoadedSource(None, text.encode(), text, view, None)  # type: ignore[arg-type]  # only the view is read
    para = view.get("p2")
    assert para is not None
    assert _first_difference(src, para, quote) == f"; {told}"


def test_a_broken_version_file_does_not_hide_the_amendments_quotes(data_copy, cli):
    """All problems in one run: an unknown field in the version file stops the comparison of the versions, but not
    the check of the amendment's own quotes, which needs no comparison (found by an outside tester)."""
    version, amendment = data_copy.parent / A, data_copy.parent / M
    version.write_text(version.read_text(encoding="utf-8").replace("title_en:", "bogus: 1\ntitle_en:", 1), encoding="utf-8")
    text = amendment.read_text(encoding="utf-8")
    amendment.write_text(text.replace(f"quote: {GERINGE}", f"quote: {GERINGE.replace('geringe', 'zeer geringe')}"), encoding="utf-8")
    result = cli("validate")
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{M}:147: notes.risk-group-critics.new_citations[1].quote: quote is not verbatim in kamerbrief-2020-11-18#p5; copy it exactly from the source (only whitespace may differ); it matches up to 'Voor deze groep geldt dat zij met', then has 'zeer' where the source has 'geringe'",
        f"{A}:5: bogus: unknown field; remove it or correct its spelling",
        "aztimeline: 2 problems found; nothing was written",
    ]


def test_the_amendments_summary_is_given_in_both_languages(data_copy, cli):
    amendment = data_copy.parent / M
    text = amendment.read_text(encoding="utf-8")
    amendment.write_text(text[: text.index("summary_en: >-")], encoding="utf-8")
    result = cli("validate")
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{M}:224: summary_en: give the summary in both languages: add summary_en",
        "aztimeline: 1 problem found; nothing was written",
    ]


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


def test_a_broken_country_file_does_not_hide_the_other_files_problems(data_copy, cli):
    """The checks between files wait for country.yaml; each file's own problems are reported in the same run."""
    with (data_copy / "azerbaijan/country.yaml").open("a", encoding="utf-8") as f:
        f.write("unknown_field: 1\n")
    edit(data_copy / "azerbaijan/versions/az-2020-11-18.yaml", "effective_from: 2020-11-18", "effective_from: 2020-02-30")
    result = cli("validate")
    assert result.code == 2
    lines = result.err.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "policy_versions/azerbaijan/country.yaml",
        "policy_versions/azerbaijan/versions/az-2020-11-18.yaml",
    ]
    assert lines[-1] == "aztimeline: 2 problems found; nothing was written"


def test_no_traceback_from_the_console_script(data_copy):
    from .conftest import run_subprocess

    _apply(data_copy.parent, CASES["invalid-yaml"][0])
    result = run_subprocess("validate", cwd=data_copy.parent)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert result.err.startswith(f"{A}:6: ")


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_verdict_only_check_refuses_every_broken_input(name, data_copy):
    """The corrections log asks old commits only whether they validate: that quicker check refuses the same data,
    and ends at the first problem it finds (also when one file brings several at once)."""
    from aztimeline.errors import DataError
    from aztimeline.validate import load_and_validate

    _apply(data_copy.parent, CASES[name][0])
    with pytest.raises(DataError) as full:
        load_and_validate(data_copy)
    with pytest.raises(DataError) as quick:
        load_and_validate(data_copy, verdict_only=True)
    assert len(quick.value.problems) == 1 and set(quick.value.problems) <= set(full.value.problems)


def test_a_verdict_only_check_of_valid_data_is_the_full_check(data_copy):
    from aztimeline.validate import load_and_validate

    def shown(v: object) -> str:  # the loaded data as written out, without the addresses of its line-finding functions
        return re.sub(r" at 0x[0-9a-f]+", "", repr(v))

    full, quick = load_and_validate(data_copy), load_and_validate(data_copy, verdict_only=True)
    assert quick.changes == full.changes and shown(quick.dataset.countries) == shown(full.dataset.countries)
