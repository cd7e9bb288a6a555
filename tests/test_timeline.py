from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aztimeline.timeline import Period, Timeline, asof, load_timeline
from aztimeline.validate import load_and_validate

from .conftest import DATA


@pytest.fixture(scope="module")
def tl():
    v = load_and_validate(DATA)
    return load_timeline(v.dataset.countries["azerbaijan"], v.changes)


@pytest.mark.parametrize(
    "day, version",
    [
        ("2020-11-17", "az-before-2020-11-18"),
        ("2020-11-18", "az-2020-11-18"),
        ("2020-12-01", "az-2020-11-18"),
        ("2026-11-28", "az-2020-11-18"),
        ("1990-01-01", "az-before-2020-11-18"),
    ],
)
def test_version_in_force(tl, day, version):
    assert tl.period_on(dt.date.fromisoformat(day)).version == version


def test_day_before_the_letter_has_an_unknown_start(tl):
    a = asof(tl, dt.date(2020, 11, 17))
    assert a["start_unknown"] is True
    assert a["version"]["effective_from"] is None and a["version"]["effective_to"] == "2020-11-18"
    assert "start date of this version is unknown" in a["note_en"]
    # the data's end is exclusive (2020-11-18); the reader is told the version's last day in aztimeline, and not that
    # it applied on a day whose being covered by it is unrecorded (a lawyer's read: the note contradicted itself)
    assert "runs in aztimeline up to and including 17 November 2020; since when it applied is not recorded" in a["note_en"]
    assert "loopt in aztimeline t/m 17 november 2020; sinds wanneer zij gold, is niet vastgelegd" in a["note_nl"]
    assert a["pending"] == [] and a["not_yet_codified"] == []


@pytest.mark.parametrize(
    "day, state, uncodified",
    [
        ("2020-11-18", "announced", True),
        ("2021-01-06", "announced", True),
        ("2021-01-07", "signed", True),
        ("2021-01-12", "signed", True),
        ("2021-01-13", "published", False),
        ("2024-01-01", "published", False),
    ],
)
def test_codification_state_after_the_letter(tl, day, state, uncodified):
    a = asof(tl, dt.date.fromisoformat(day))
    assert a["codification"]["state"] == state
    assert bool(a["not_yet_codified"]) is uncodified
    assert "in force since" not in a["codification"]["text_en"].lower()  # no source gives an entry into force


def test_not_yet_codified_lists_the_letters_changes(tl):
    a = asof(tl, dt.date(2020, 12, 1))
    assert set(a["not_yet_codified"]) == {r.id for r in tl.changes["az-2020-11-18"]}
    assert a["codification"]["text_en"] == "Announced on 18 November 2020; not yet put into the Vc."
    assert a["codification"]["text_nl"] == "Aangekondigd op 18 november 2020, nog niet opgenomen in de Vc."


def test_asof_provisions_carry_id_and_section(tl):
    a = asof(tl, dt.date(2020, 12, 1))
    ids = [p["id"] for p in a["version"]["provisions"]]
    assert "risk-group-critics" in ids and "ipa-armenian-in-nagorno-karabakh" not in ids
    assert all("section" in p for p in a["version"]["provisions"])


def _timeline_from(starts: list[dt.date | None]) -> Timeline:
    ps = [Period(f"v{i}", s, starts[i + 1] if i + 1 < len(starts) else None) for i, s in enumerate(starts)]
    return Timeline(country=None, order=[], periods=ps)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)), min_size=1, max_size=12, unique=True),
    st.booleans(),
    st.dates(dt.date(1980, 1, 1), dt.date(2050, 1, 1)),
)
def test_every_date_maps_to_at_most_one_version_and_periods_tile(starts, first_unknown, day):
    starts = sorted(starts)
    tl = _timeline_from([None, *starts] if first_unknown else starts)
    containing = [p for p in tl.periods if p.contains(day)]
    assert len(containing) <= 1
    found = tl.period_on(day)
    assert found == (containing[0] if containing else None)
    for a, b in zip(tl.periods, tl.periods[1:], strict=False):
        assert a.end == b.start  # no gap, no overlap
    if first_unknown or day >= starts[0]:
        assert found is not None  # inside the recorded range every day has a version


# --- the basis of the date and currency (#10) ------------------------------------------------------------

from aztimeline.timeline import asof_segments, basis_sentence, currency  # noqa: E402


def test_basis_sentence_says_what_the_answer_keys_on_and_the_codification_that_day(tl):
    assert basis_sentence(tl, dt.date(2020, 12, 1), "en") == (
        "In aztimeline this version starts on the date of the letter, 18 November 2020. On 1 December 2020 the change was announced "
        "but not yet put into the Vc (WBV 2021/2 is dated 7 January 2021)."
    )
    assert basis_sentence(tl, dt.date(2020, 12, 1), "nl") == (
        "In aztimeline begint deze versie op de datum van de brief, 18 november 2020. Op 1 december 2020 was de wijziging "
        "aangekondigd maar nog niet opgenomen in de Vc (WBV 2021/2 is gedateerd 7 januari 2021)."
    )


@pytest.mark.parametrize(
    "day, words",
    [
        (
            "2021-01-10",
            "On 10 January 2021 WBV 2021/2 (dated 7 January 2021) had not yet been published (published on 13 January 2021)",
        ),
        (
            "2021-02-01",
            "On 1 February 2021 WBV 2021/2, which puts the change into the Vc, had been published (13 January 2021); "
            "the date it entered into force was not found.",
        ),
        ("2020-11-17", "For dates before 18 November 2020 aztimeline gives the policy as the letter of 18 November 2020 describes it"),
    ],
)
def test_basis_sentence_in_each_codification_state(tl, day, words):
    text = basis_sentence(tl, dt.date.fromisoformat(day), "en")
    assert words in text
    assert " in force " not in text.replace("entered into force", "")  # never implies the rules were in force


@pytest.mark.parametrize(
    "day, beyond",
    [("2020-12-01", False), ("2024-12-31", False), ("2025-01-01", True), ("2030-01-01", True)],
)
def test_beyond_is_true_exactly_after_checked_until(tl, day, beyond):
    a = asof(tl, dt.date.fromisoformat(day))
    assert a["currency"]["checked_until"] == "2024-12-31"
    assert a["currency"]["beyond"] is beyond


def test_answers_from_the_version_after_the_letter_list_the_known_later_developments(tl):
    after = currency(tl, dt.date(2020, 12, 1))["known_later"]
    assert [(k["date"], k["record"], k["confidence"]) for k in after] == [
        ("2021-09-07", "Kamerstuk 19 637, nr. 2800", "high"),
        ("2021-12-07", "Kamerstuk 19 637, nr. 2800", "high"),
        ("2021-12-09", "Stcrt. 2022, 53", "medium"),
    ]
    assert "codification in C7/5 not found" in after[1]["title_en"]
    # the version before the letter ends when the letter is recorded: nothing unrecorded falls in it
    assert currency(tl, dt.date(2020, 11, 17))["known_later"] == []
    assert currency(tl, None, version="az-2020-11-18")["beyond"] is None


def test_asof_json_basis_block(tl):
    a = asof(tl, dt.date(2020, 12, 1))
    assert (a["basis"]["keyed_on"], a["basis"]["date"]) == ("announced", "2020-11-18")
    b = asof(tl, dt.date(2020, 11, 17))
    assert (b["basis"]["keyed_on"], b["basis"]["date"]) == ("unknown", None)


def test_asof_table_turns_beyond_at_checked_until_and_names_no_single_day(tl):
    segs = asof_segments(tl)
    # the last stretches: from each known development (it then counts as known before the date asked), and from
    # the day after checked_until
    assert [(s["from"], s["to"]) for s in segs][-5:] == [
        ("2021-01-13", "2021-09-07"),
        ("2021-09-07", "2021-12-07"),
        ("2021-12-07", "2021-12-09"),
        ("2021-12-09", "2025-01-01"),
        ("2025-01-01", None),
    ]
    assert [s["answer"]["currency"]["beyond"] for s in segs[-2:]] == [False, True]
    after = [s for s in segs if s["answer"]["version"] and s["answer"]["version"]["id"] == "az-2020-11-18"]
    assert after and all(s["answer"]["basis"]["text_en"].count("On this date ") == 1 for s in after)
    assert all(s["answer"]["basis"]["text_nl"].count("Op deze datum ") == 1 for s in after)
