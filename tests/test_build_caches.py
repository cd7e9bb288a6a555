"""The build's caches (compiled templates, corrections log) give what computing afresh gives, and ignore damage."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from aztimeline import cache
from aztimeline.provenance import corrections_log
from aztimeline.site.render import ENV

from .conftest import edit
from .test_provenance import SUMMARY, A, repo  # noqa: F401  (repo is a fixture)


def _code(name: str) -> bytes:
    ENV.cache.clear()  # type: ignore[union-attr]
    return ENV.get_template(name).root_render_func.__code__.co_code


def test_compiled_templates_from_the_cache_are_the_compiled_templates(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = ENV.list_templates()
    with monkeypatch.context() as m:
        m.setenv("AZTIMELINE_NO_CACHE", "1")
        fresh = {n: _code(n) for n in names}
    assert not cache_home.exists()
    assert {n: _code(n) for n in names} == fresh  # compiled and written
    (folder,) = cache_home.glob("templates-*")
    entries = sorted(folder.iterdir())
    assert len(entries) == len(names)
    assert {n: _code(n) for n in names} == fresh  # read back
    for path in entries:
        path.write_bytes(b"damaged")
    assert {n: _code(n) for n in names} == fresh  # a damaged entry is compiled again
    assert all(path.read_bytes() != b"damaged" for path in entries)
    ENV.cache.clear()  # type: ignore[union-attr]


def test_the_cached_corrections_log_is_the_computed_one(repo, cache_home: Path) -> None:  # noqa: F811
    data = repo.root / "policy_versions"
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    repo.commit("Correct a summary")
    computed = corrections_log(data)
    assert [c.commit.message for c in computed[0]] == ["Correct a summary"]
    (entry,) = cache_home.glob("corrections-*.json")
    assert corrections_log(data) == computed  # from the cache
    # An entry under the right key with a valid checksum but not a log's shape is not used: computed again.
    meta = json.loads(entry.read_bytes().split(b"\n", 1)[0])
    body = json.dumps({"not": "a log"}).encode()
    meta["sha256"] = hashlib.sha256(body).hexdigest()
    entry.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    assert cache.read("corrections", meta["key"]) == {"not": "a log"}
    assert corrections_log(data) == computed
    # A new commit is a new key: the log is computed again and names it.
    edit(repo.root / A, "Any asylum", "Every asylum")
    repo.commit("Correct it again")
    again = corrections_log(data)
    assert [c.commit.message for c in again[0]] == ["Correct a summary", "Correct it again"]
    assert len(list(cache_home.glob("corrections-*.json"))) == 2
