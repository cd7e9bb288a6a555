"""The static JSON API: api/versions.json stores each revision of a provision once, and loses nothing by it."""

from __future__ import annotations

import json
import sys

import jsonschema
import pytest

from aztimeline.precision import provision_json
from aztimeline.site.generate import api_files
from aztimeline.timeline import load_timeline
from aztimeline.validate import load_and_validate

from .conftest import DATA, ROOT


@pytest.fixture(scope="module")
def validated():
    return load_and_validate(DATA)


def _check(v) -> dict:
    """api/versions.json of v, checked against its schema and against the data it was made from."""
    files = api_files(v)
    api = json.loads(files["api/versions.json"])
    schema = json.loads(files["api/schemas/api-versions.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(api, schema, format_checker=jsonschema.FormatChecker())
    versions = {x["id"]: x for x in api["versions"]}
    for cd in v.dataset.countries.values():
        order = [p.version for p in load_timeline(cd, v.changes).periods]
        assert [x["id"] for x in api["versions"] if x["country"] == cd.country.id] == order
        for vid in order:
            held = versions[vid]["provisions"]
            # a version's provisions, read through its revision keys, are exactly what the version holds
            got = [{k: val for k, val in api["provisions"][key].items() if k not in ("revision", "country")} for key in held]
            assert got == [provision_json(cd, pid, p) for pid, p in cd.versions[vid].provisions.items()]
        texts = {}
        for key, rev in api["provisions"].items():
            if rev["country"] != cd.country.id:
                continue
            assert key == rev["revision"] and key.startswith(f"{cd.country.id}/{rev['id']}/")
            same = {k: val for k, val in rev.items() if k != "revision"}
            assert json.dumps(same, sort_keys=True) not in texts, f"{key} repeats {texts.get(json.dumps(same, sort_keys=True))}"
            texts[json.dumps(same, sort_keys=True)] = key
    return api


def test_versions_list_the_revisions_they_hold_and_each_text_is_stored_once(validated):
    api = _check(validated)
    assert api["format_version"] == 2
    cd = next(iter(validated.dataset.countries.values()))
    distinct = {(pid, p.model_dump_json()) for ver in cd.versions.values() for pid, p in ver.provisions.items()}
    assert len(api["provisions"]) == len(distinct)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    return load_and_validate(generate(tmp_path_factory.mktemp("api"), versions=6, provisions=40, change_rate=0.3, seed=5))


def test_many_versions_store_one_revision_per_distinct_text(many):
    api = _check(many)
    cd = next(iter(many.dataset.countries.values()))
    distinct = {(pid, p.model_dump_json()) for ver in cd.versions.values() for pid, p in ver.provisions.items()}
    assert len(api["provisions"]) == len(distinct)
    assert len(api["provisions"]) < sum(len(x["provisions"]) for x in api["versions"]) / 2
