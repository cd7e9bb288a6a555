"""The fast paths give the same answers as the slow ones: the as-of table, shared timelines, the diff's changed paths."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

from aztimeline.answer import fill
from aztimeline.diff import field_changes
from aztimeline.timeline import asof, asof_segments, asof_template, load_timeline
from aztimeline.validate import load_and_validate

from .conftest import DATA, ROOT


def _every_day(tl) -> list[dt.date]:
    """From a month before the first date of the data to a month after the last (not only the table's): every day
    within three days of a date the data names, and every fifth day between them."""
    dates = [p.start for p in tl.periods if p.start] + [tl.country.country.currency.checked_until]
    dates += [tl.country.amendments[aid].announced for aid in tl.order]
    dates += _milestones(tl)
    lo, hi = min(dates) - dt.timedelta(days=31), max(dates) + dt.timedelta(days=31)
    near = {d + dt.timedelta(days=k) for d in dates for k in range(-3, 4)}
    days = [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
    return [d for i, d in enumerate(days) if d in near or i % 5 == 0] + [dt.date(1900, 1, 1), dt.date(2099, 12, 31)]


def _milestones(tl) -> list[dt.date]:
    """The other dates the data names: each version's milestones, where known, and the later developments."""
    found = [k.date for k in tl.country.country.currency.known_later]
    for v in tl.country.versions.values():
        found += [m.date for m in vars(v.milestones).values() if isinstance(m.date, dt.date)]
    return found


def _timelines(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    for data in (DATA, generate(tmp_path, versions=12, provisions=20, seed=5)):
        v = load_and_validate(data)
        for cd in v.dataset.countries.values():
            yield load_timeline(cd, v.changes)


def test_the_as_of_table_answers_every_day_as_the_direct_computation(tmp_path):
    n = 0
    for tl in _timelines(tmp_path):
        for day in _every_day(tl):
            for name_day in (True, False):
                got, want = asof(tl, day, name_day=name_day), fill(asof_template(tl, day), day, name_day=name_day)
                assert json.dumps(got, sort_keys=False) == json.dumps(want, sort_keys=False), (day, name_day)
                assert "\x00" not in json.dumps(got)  # every text that names the day is filled in
                n += 1
    assert n > 100


def test_the_basis_sentence_names_the_day_asked_for():
    v = load_and_validate(DATA)
    tl = load_timeline(next(iter(v.dataset.countries.values())), v.changes)
    a = asof(tl, dt.date(2020, 12, 1))
    assert "1 december 2020" in a["basis"]["text_nl"] and "1 December 2020" in a["basis"]["text_en"]
    assert "\x00" not in json.dumps(a)
    b = asof(tl, dt.date(2020, 12, 2))
    assert "2 december 2020" in b["basis"]["text_nl"] and "1 december 2020" not in b["basis"]["text_nl"]


def test_segments_cover_time_without_gaps_and_merge_equal_answers():
    v = load_and_validate(DATA)
    tl = load_timeline(next(iter(v.dataset.countries.values())), v.changes)
    segs = asof_segments(tl)
    assert segs[0]["from"] is None and segs[-1]["to"] is None
    assert all(a["to"] == b["from"] for a, b in zip(segs, segs[1:], strict=False))
    assert all(a["answer"] != b["answer"] for a, b in zip(segs, segs[1:], strict=False))


def test_editions_share_one_timeline_for_the_same_changes():
    v = load_and_validate(DATA)
    cd = next(iter(v.dataset.countries.values()))
    first = load_timeline(cd, v.changes)
    assert load_timeline(cd, {aid: v.changes.get(aid, []) for aid in cd.amendments}) is first
    assert load_timeline(cd, {}) is not first  # other changes: another timeline


@pytest.mark.parametrize(
    "before, after, paths",
    [
        ({"a": 1, "b": "x"}, {"a": 1, "b": "y"}, ["b"]),
        ({"a": 1}, {"a": True}, ["a"]),  # a bool is not an int, as for deepdiff
        ({"a": 1}, {"a": 1.0}, ["a"]),
        ({"a": {"b": 1}}, {"a": {"b": 1, "c": 2}}, ["a.c"]),  # dicts are descended
        ({"a": {"b": 1, "c": 2}}, {"a": {"c": 3}}, ["a.b", "a.c"]),
        ({"a": [1, 2]}, {"a": [1, 3]}, ["a"]),  # a list is one value
        ({"a": [{"q": 1}]}, {"a": [{"q": True}]}, ["a"]),
        ({"a": {"b": "x"}}, {"a": "x"}, ["a"]),
        ({"a": None, "b": 1}, {"b": 1}, ["a"]),
        ({"a": [1]}, {"a": [1]}, []),
    ],
)
def test_changed_paths(before, after, paths):
    assert [f.path for f in field_changes(before, after)] == paths
