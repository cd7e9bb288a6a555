from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aztimeline.diff import changes_between, field_changes, provision_dicts, record_id, word_diff
from aztimeline.models import ChangeRecord, Version
from aztimeline.validate import load_and_validate

from .conftest import DATA
from .factories import SECTIONS, amendment, country, provision, version

D1, D2 = dt.date(2020, 1, 1), dt.date(2021, 1, 1)

# --- the lossless check: the records, replayed through a deepdiff Delta on the version before, give the version after.
# It lives here, not in validate: it checks our diff, not the data, and no command needs to load deepdiff for it.


def _root(*keys: str) -> str:
    return "root" + "".join(f"[{k!r}]" for k in keys)


def to_delta(records: list[ChangeRecord]) -> Any:
    """A deepdiff Delta built only from the change records, for replaying them on the version before."""
    from deepdiff import Delta

    added: dict[str, Any] = {}
    removed: dict[str, Any] = {}
    changed: dict[str, Any] = {}
    for r in records:
        if r.kind == "added":
            added[_root(r.provision)] = r.after
        elif r.kind == "removed":
            removed[_root(r.provision)] = r.before
        else:
            for f in r.fields:
                path = _root(r.provision, *f.path.split("."))
                if f.before is None:
                    added[path] = f.after
                elif f.after is None:
                    removed[path] = f.before
                else:
                    changed[path] = {"new_value": f.after, "old_value": f.before}
    diff: dict[str, Any] = {}
    if added:
        diff["dictionary_item_added"] = added
    if removed:
        diff["dictionary_item_removed"] = removed
    if changed:
        diff["values_changed"] = changed
    return Delta(delta_diff=diff, raise_errors=True, log_errors=False, bidirectional=True)


def apply_changes(before: dict[str, dict[str, Any]], records: list[ChangeRecord]) -> dict[str, dict[str, Any]]:
    """Replay change records on the provisions before; the result must equal the provisions after."""
    if not records:
        return copy.deepcopy(before)
    result: dict[str, dict[str, Any]] = copy.deepcopy(before) + to_delta(records)
    return result


def is_lossless(before: Version | None, after: Version, records: list[ChangeRecord]) -> bool:
    """True when replaying the records on the version before reproduces the version after exactly.

    Provisions that no record touches must be equal on both sides (a plain comparison); the records are
    replayed, through a deepdiff Delta, on the provisions they touch.
    """
    b, a = provision_dicts(before), provision_dicts(after)
    touched = {r.provision for r in records}
    if any(b.get(pid) != a.get(pid) for pid in (b.keys() | a.keys()) - touched):
        return False
    try:
        replayed = apply_changes({pid: b[pid] for pid in touched if pid in b}, records)
    except Exception:  # a Delta that cannot apply is a lossy record set, whatever deepdiff raised
        return False
    return replayed == {pid: a[pid] for pid in touched if pid in a}


def test_every_transition_of_the_data_is_lossless():
    v = load_and_validate(DATA)
    n = 0
    for cd in v.dataset.countries.values():
        for aid, a in cd.amendments.items():  # the records as validate makes them, before quotes get their pages
            before, after = cd.versions[a.version_from], cd.versions[a.version_to]
            assert is_lossless(before, after, changes_between(before, after, a, cd.country)), aid
            n += 1
    assert n >= 1



def _records(before, after):
    a = version("v-a", before, D1)
    b = version("v-b", after, D2)
    changed = [pid for pid in set(before) | set(after) if before.get(pid) != after.get(pid)]
    return a, b, changes_between(a, b, amendment("t-one", a, b, changed), country())


def test_word_diff_rebuilds_both_sides():
    ops = word_diff("Voor deze groep geldt een drempel.", "Voor deze groep geldt een lage drempel.")
    assert "".join(o.text for o in ops if o.op != "insert") == "Voor deze groep geldt een drempel."
    assert "".join(o.text for o in ops if o.op != "delete") == "Voor deze groep geldt een lage drempel."
    assert [o.text for o in ops if o.op == "insert"] == ["lage "]


def test_added_removed_modified_and_unchanged():
    before = {"kept": provision("Blijft"), "gone": provision("Weg"), "edit": provision("Oud", "Een oude tekst.", status="risk_group")}
    after = {"kept": provision("Blijft"), "new": provision("Nieuw"), "edit": provision("Oud", "Een nieuwe tekst.", status="not_designated")}
    _, _, recs = _records(before, after)
    assert {(r.provision, r.kind) for r in recs} == {("gone", "removed"), ("new", "added"), ("edit", "modified")}
    edit = next(r for r in recs if r.kind == "modified")
    assert [f.path for f in edit.fields] == ["attributes.status", "summary_en", "summary_nl"]
    status = edit.fields[0]
    assert (status.before, status.after, status.words) == ("risk_group", "not_designated", None)
    assert [o.text for o in edit.fields[1].words if o.op == "insert"] == ["nieuwe"]
    new = next(r for r in recs if r.kind == "added")
    assert new.before is None and new.after == provision_dicts(version("vx", {"new": provision("Nieuw")}))["new"]


def test_citation_lists_change_as_one_field():
    before = {"pp": provision()}
    changed = provision()
    changed["citations"] = [*changed["citations"], {"source": "src-one", "anchor": "p2", "quote": "meer"}]
    _, _, recs = _records(before, {"pp": changed})
    assert [f.path for f in recs[0].fields] == ["citations"]
    assert len(recs[0].fields[0].after) == 2


def test_attribute_added_where_none_was_set():
    _, _, recs = _records({"pp": provision()}, {"pp": provision(status="risk_group")})
    (f,) = recs[0].fields
    assert (f.path, f.before, f.after) == ("attributes.status", None, "risk_group")


def test_record_ids_depend_only_on_transition_and_provision():
    assert record_id("t-one", "risk-group") == "t-one.risk-group"
    _, _, recs1 = _records({"aa": provision("A")}, {"aa": provision("B")})
    _, _, recs2 = _records({"aa": provision("A"), "zz": provision("Z")}, {"aa": provision("B"), "zz": provision("Other")})
    assert recs1[0].id in {r.id for r in recs2}


def test_records_are_ordered_by_template_section():
    before = {"same": provision()}
    after = {"same": provision(), "z-first": provision(section="risk-groups"), "a-last": provision(section="internal-protection")}
    _, _, recs = _records(before, after)
    assert [r.provision for r in recs] == ["z-first", "a-last"]


def test_lossy_records_are_detected():
    a, b, recs = _records({"pp": provision("A")}, {"pp": provision("B")})
    assert is_lossless(a, b, recs)
    assert not is_lossless(a, b, [])
    tampered = [recs[0].model_copy(update={"fields": []})]
    assert not is_lossless(a, b, tampered)


# --- property: applying the records to the version before gives the version after -------------------------

titles = st.sampled_from(["Alfa", "Beta", "Gamma delta", "Risicogroep", "Vlucht- en vestigingsalternatief"])
summaries = st.lists(
    st.sampled_from(["de", "groep", "geringe", "indicaties", "bescherming", "niet", "wel", "gebied"]), min_size=1, max_size=12
).map(lambda ws: " ".join(ws).capitalize() + ".")
attrs = st.fixed_dictionaries(
    {},
    optional={
        "status": st.sampled_from(["risk_group", "vulnerable_minority_group", "not_designated"]),
        "evidentiary_threshold": st.just("geringe_indicaties"),
        "decision_moratorium": st.booleans(),
        "ipa_area_nl": titles,
    },
)
provisions_st = st.builds(lambda t, s, sec, a: provision(t, s, sec, **a), titles, summaries, st.sampled_from(SECTIONS), attrs)
ids = st.sampled_from([f"prov-{i}" for i in range(12)])
versions_st = st.dictionaries(ids, provisions_st, min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(versions_st, versions_st)
def test_round_trip_of_change_records(before, after):
    a, b, recs = _records(before, after)
    assert apply_changes(provision_dicts(a), recs) == provision_dicts(b)
    assert {r.provision for r in recs} == {p for p in set(before) | set(after) if before.get(p) != after.get(p)}


@settings(max_examples=60, deadline=None)
@given(versions_st)
def test_no_change_gives_no_records(before):
    _, _, recs = _records(before, before)
    assert recs == []


def test_field_changes_are_sorted_and_unique():
    b = provision("A", "Een.", status="risk_group")
    a = provision("B", "Twee.", status="not_designated")
    fields = field_changes(b, a)
    paths = [f.path for f in fields]
    assert paths == sorted(set(paths))
