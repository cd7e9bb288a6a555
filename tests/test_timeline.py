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
    assert tl.version_in_force(dt.date.fromisoformat(day)).id == version


def test_day_before_the_letter_has_an_unknown_start(tl):
    a = asof(tl, dt.date(2020, 11, 17))
    assert a["start_unknown"] is True
    assert a["version"]["effective_from"] is None and a["version"]["effective_to"] == "2020-11-18"
    assert "start date of this version is unknown" in a["note_en"]
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
    assert a["codification"]["text_en"] == "Announced on 18 November 2020; not yet codified in the Vc."


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
