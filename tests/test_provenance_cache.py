"""The caches of git's answers (file histories, the commits that touched the data) give what asking git gives,
and are never used once anything they depend on changed: a new commit, other files, a deepened shallow clone,
a replace ref or git's configuration under the same HEAD."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from aztimeline import cache, provenance
from aztimeline.provenance import corrections_log, history

from .conftest import edit
from .test_provenance import SUMMARY, A, repo  # noqa: F401  (repo is a fixture)


def _fresh(data: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The history as git gives it, with the cache off."""
    with monkeypatch.context() as m:
        m.setenv("AZTIMELINE_NO_CACHE", "1")
        return history(data)


def _messages(files: Any, name: str) -> list[str]:
    return [fv.message for fv in files[0][name]]


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("git was asked for a history the cache holds")


VERSION = "azerbaijan/versions/az-2020-11-18.yaml"


def test_the_cached_history_is_the_history_and_a_change_is_never_answered_from_it(repo, cache_home: Path, monkeypatch) -> None:  # noqa: F811
    data = repo.root / "policy_versions"
    first = history(data)
    assert first == _fresh(data, monkeypatch)
    assert _messages(first, VERSION) == ["Add the policy before and after 18 November 2020"]
    assert len(list(cache_home.glob("history-*.json"))) == 1
    with monkeypatch.context() as m:  # answered from the entry: git is not asked for any file's history
        m.setattr(provenance, "iter_file_versions", _refuse)
        assert history(data) == first
    # A new commit touching a file: a new HEAD, so the history is asked of git again and names it.
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    repo.commit("Correct a summary")
    second = history(data)
    assert _messages(second, VERSION) == ["Add the policy before and after 18 November 2020", "Correct a summary"]
    assert second == _fresh(data, monkeypatch)
    # Another file in the data folder (not committed yet): other files asked about, another entry.
    (data / "azerbaijan/notes.txt").write_text("notes\n", encoding="utf-8")
    third = history(data)
    assert third[0]["azerbaijan/notes.txt"] == [] and third == _fresh(data, monkeypatch)
    # One file asked about (aztimeline history PATH): its own entry, not the whole folder's.
    one = history(data, repo.root / A)
    assert one == ({VERSION: second[0][VERSION]}, None)
    # A damaged entry is not used: asked of git again.
    for entry in cache_home.glob("history-*.json"):
        entry.write_bytes(entry.read_bytes()[:-5])
    assert history(data) == third
    assert len(list(cache_home.glob("history-*.json"))) == 4


def test_history_under_the_same_head_follows_a_replace_ref_and_the_configuration(repo, cache_home: Path, monkeypatch) -> None:  # noqa: F811
    data = repo.root / "policy_versions"
    # A file name git quotes by default (core.quotePath): the configuration changes git's answer under the same HEAD.
    (data / "azerbaijan/sources/\u00e9.txt").write_text("x\n", encoding="utf-8")
    first = repo.commit("Add a note")
    before = history(data)
    assert before == _fresh(data, monkeypatch)
    assert before[0]["azerbaijan/sources/\u00e9.txt"][0].path == '"policy_versions/azerbaijan/sources/\\303\\251.txt"'
    repo.git("config", "core.quotePath", "false")
    after = history(data)
    assert after[0]["azerbaijan/sources/\u00e9.txt"][0].path == "policy_versions/azerbaijan/sources/\u00e9.txt"
    assert after == _fresh(data, monkeypatch)
    # A replace ref shows another commit in place of the first, under the same HEAD: never answered from the entry.
    other = repo.git("commit-tree", f"{first}^{{tree}}", "-p", f"{first}^", "-m", "Add a note (replaced)").strip()
    repo.git("replace", first, other)
    replaced = history(data)
    assert _messages(replaced, "azerbaijan/sources/\u00e9.txt") == ["Add a note (replaced)"]
    assert replaced == _fresh(data, monkeypatch)


def test_deepening_a_shallow_clone_is_never_answered_from_its_shallow_history(repo, cache_home: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    repo.commit("Correct a summary")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    data = clone / "policy_versions"
    shallow, notice = history(data)
    assert notice is not None and _messages((shallow, notice), VERSION) == ["Correct a summary"]
    assert corrections_log(data)[0] == []
    subprocess.run(["git", "fetch", "-q", "--unshallow"], cwd=clone, check=True)  # HEAD stays where it was
    deep = history(data)
    assert deep[1] is None and _messages(deep, VERSION) == ["Add the policy before and after 18 November 2020", "Correct a summary"]
    assert deep == _fresh(data, monkeypatch)
    assert [c.commit.message for c in corrections_log(data)[0]] == ["Correct a summary"]


def test_the_cached_list_of_data_commits_follows_head(repo, cache_home: Path) -> None:  # noqa: F811
    data = repo.root / "policy_versions"
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    repo.commit("Correct a summary")
    log = corrections_log(data)
    assert [c.commit.message for c in log[0]] == ["Correct a summary"]
    assert len(list(cache_home.glob("commits-*.json"))) == 1
    assert corrections_log(data) == log
    # A commit outside the data: a new HEAD, the same data commits, so the same (cached) corrections log.
    (repo.root / "README").write_text("readme\n", encoding="utf-8")
    repo.commit("Add a readme")
    assert corrections_log(data) == log
    assert len(list(cache_home.glob("commits-*.json"))) == 2 and len(list(cache_home.glob("corrections-*.json"))) == 1
    # A correction committed: named, though the previous HEAD's list of commits is in the cache.
    edit(repo.root / A, "Any asylum", "Every asylum")
    repo.commit("Correct it again")
    assert [c.commit.message for c in corrections_log(data)[0]] == ["Correct a summary", "Correct it again"]


def _no_cache(monkeypatch: pytest.MonkeyPatch, f: Any, *args: Any) -> Any:
    with monkeypatch.context() as m:
        m.setenv("AZTIMELINE_NO_CACHE", "1")
        return f(*args)


def test_a_new_commit_validates_its_own_data_and_the_valid_data_before_only(repo, cache_home: Path, monkeypatch) -> None:  # noqa: F811
    import aztimeline.validate

    data = repo.root / "policy_versions"
    validated: list[Path] = []
    real = aztimeline.validate.load_and_validate

    def counting(root: Path, **kwargs: Any) -> Any:
        validated.append(root)
        return real(root, **kwargs)

    monkeypatch.setattr(aztimeline.validate, "load_and_validate", counting)
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    repo.commit("Correct a summary")
    first = corrections_log(data)
    assert len(validated) == 2 and first == _no_cache(monkeypatch, corrections_log, data)
    # A commit whose data does not validate: skipped; only its own data is read.
    edit(repo.root / A, "provisions:\n", "provisions: [\n")
    repo.commit("Broken")
    validated.clear()
    assert corrections_log(data) == first and len(validated) == 1
    # The fix, with another correction: its data and the valid data before it, not every commit again.
    edit(repo.root / A, "provisions: [\n", "provisions:\n")
    edit(repo.root / A, "Any asylum", "Every asylum")
    repo.commit("Correct it again")
    validated.clear()
    again = corrections_log(data)
    assert len(validated) == 2
    assert [c.commit.message for c in again[0]] == ["Correct a summary", "Correct it again"]
    assert again == _no_cache(monkeypatch, corrections_log, data)
    # Back to data an earlier commit had: what changed is told against the commit before, not the earlier one.
    edit(repo.root / A, "Every asylum", "Any asylum")
    repo.commit("Back to Any")
    back = corrections_log(data)
    assert back == _no_cache(monkeypatch, corrections_log, data)
    (change,) = back[0][-1].changes
    assert change.before.startswith("Every asylum") and change.after.startswith("Any asylum")
    edit(repo.root / A, "Any asylum", "Every asylum")
    repo.commit("Correct it again")
    again = corrections_log(data)
    assert again == _no_cache(monkeypatch, corrections_log, data)
    # Stored steps that claim every tree valid and know no changes: the broken data is validated and the claim not
    # believed; the log is computed as without a cache.
    for entry in cache_home.glob("corrections-*.json"):
        entry.unlink()
    (steps,) = cache_home.glob("correction-steps-*.json")
    meta = json.loads(steps.read_bytes().split(b"\n", 1)[0])
    stored = cache.read("correction-steps", meta["key"])
    body = json.dumps({"valid": {tree: True for tree in stored["valid"]}, "pairs": {}}).encode()
    meta["sha256"] = hashlib.sha256(body).hexdigest()
    steps.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    assert corrections_log(data) == again
    # Steps of another shape are not used.
    for entry in cache_home.glob("corrections-*.json"):
        entry.unlink()
    body = json.dumps({"valid": [], "pairs": "x"}).encode()
    meta["sha256"] = hashlib.sha256(body).hexdigest()
    steps.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    assert corrections_log(data) == again
