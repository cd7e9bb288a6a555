"""Legal precision (#10): where the Vc places each provision and on what basis, and the static API's share."""

from __future__ import annotations

import json

import pytest

from aztimeline.validate import load_and_validate

from .conftest import DATA

# provision -> (version, basis, number); read against shared/sources/FACTS.md by hand
PLACEMENTS = {
    ("az-2020-11-18", "decision-moratorium"): ("codified", "5.1"),
    ("az-2020-11-18", "risk-group-critics"): ("codified", "5.3.2"),
    ("az-2020-11-18", "ipa-azeri-from-nagorno-karabakh"): ("ours", None),  # the kept IPA's place was not seen
    ("az-2020-11-18", "lgbti"): ("ours", None),  # not in 5.4.4, which reads "no particulars"
    ("az-2020-11-18", "armenian-ethnicity"): ("ours", None),
    ("az-2020-11-18", "assessment-main-territory"): ("ours", None),  # "main territory only": not seen
    ("az-before-2020-11-18", "decision-moratorium"): ("ours", None),
    ("az-before-2020-11-18", "ipa-azeri-from-nagorno-karabakh"): ("codified", "5.5.1"),  # Vc 2013 archive
    ("az-before-2020-11-18", "ipa-armenian-in-nagorno-karabakh"): ("codified", "5.5.1"),
    ("az-before-2020-11-18", "ipa-mixed-relationships"): ("ours", None),
    ("az-before-2020-11-18", "settlement-alternative-abroad"): ("ours", None),
    ("az-before-2020-11-18", "armenian-ethnicity-1988-1992"): ("ours", None),  # old 5.4.4 only inferred
}


@pytest.fixture(scope="module")
def validated():
    return load_and_validate(DATA)


def test_every_provision_has_the_placement_the_facts_support(validated):
    from aztimeline.precision import placement_json

    cd = validated.dataset.countries["azerbaijan"]
    got = {(vid, pid): (p.placement.basis, p.placement.number) for vid, v in cd.versions.items() for pid, p in v.provisions.items()}
    assert got == PLACEMENTS
    for (vid, pid), (basis, number) in PLACEMENTS.items():
        pl = placement_json(cd.versions[vid].provisions[pid], cd.country)
        assert pl["number"] == number
        if basis == "ours":
            assert pl["fact"] is None and "5." not in pl["label_en"] and "(our heading: " in pl["label_en"]
            assert pl["label_nl"].startswith("C7/5 Vc, plaats niet vastgesteld (onze indeling: ")
            assert "(onze indeling: " in pl["label_nl"]
        else:
            assert pl["label_en"].startswith(f"C7/{number} Vc (") and pl["label_nl"].startswith(f"C7/{number} Vc (") and pl["fact"]["record"]


def test_no_answer_places_the_protection_rule_in_5_4_4(validated):
    for recs in validated.changes.values():
        for r in recs:
            if r.provision in ("lgbti", "armenian-ethnicity"):
                assert r.section_number is None and "5.4.4" not in r.placement["label_nl"] + r.placement["label_en"]


def test_the_older_narrower_no_protection_rule_stands_beside_the_new_one(validated):
    (rec,) = [r for recs in validated.changes.values() for r in recs if r.provision == "armenian-ethnicity"]
    old = [c for c in rec.context if c["id"] == "before-5-5-1-no-protection"]
    assert old and old[0]["confidence"] == "medium" and old[0]["record"] == "Vc archive, Vc 2013 C7/5.5.1"
    assert "not a quote" not in old[0]["text_en"]  # the CLI and site say so; the text is our paraphrase
    # context is never a change: the records still hold only what the letter changes
    assert rec.kind == "added" and "context" not in (rec.after or {})


def test_static_api_carries_currency_basis_pages_groups_and_placement(validated):
    from aztimeline.site.generate import api_files

    files = api_files(validated)
    periods = json.loads(files["api/periods.json"])
    assert all({"basis", "currency"} <= set(p) for p in periods)
    assert [p["currency"]["beyond"] for p in periods][-2:] == [False, True]
    assert periods[-1]["from"] == "2025-01-01"
    api = json.loads(files["api/versions.json"])
    for v in api["versions"]:
        for key in v["provisions"]:
            p = api["provisions"][key]
            assert p["groups"] and p["placement"]["basis"] in ("codified", "ours")
            assert all(isinstance(c["page"], int | list) and isinstance(c["partial"], bool) for c in p["citations"])
    changes = json.loads(files["api/changes.json"])
    assert all("page" in j and "partial" in j for r in changes for j in r["justifications"])
