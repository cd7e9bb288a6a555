"""The as-of cache never answers from data that changed since it was written, and ignores a damaged entry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aztimeline import asoftable, cache
from aztimeline.validate import load_and_validate

from .conftest import edit

ASOF = ["asof", "2020-12-01"]


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("asof-*.json")) if folder.is_dir() else []


def uncached(cli, monkeypatch: pytest.MonkeyPatch, *args: str):
    with monkeypatch.context() as m:
        m.setenv("AZTIMELINE_NO_CACHE", "1")
        return cli(*args)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_cached_answer_is_the_uncached_answer(cli, data_copy, cache_home, monkeypatch, fmt):
    first = cli(*ASOF, "--format", fmt)
    assert first.code == 0 and len(entries(cache_home)) == 1
    second = cli(*ASOF, "--format", fmt)  # from the cache
    assert second.code == 0
    assert second.out == first.out == uncached(cli, monkeypatch, *ASOF, "--format", fmt).out


def test_every_day_answers_from_the_cache_as_without_it(cli, data_copy, cache_home, monkeypatch):
    days = ["1999-01-01", "2020-11-17", "2020-11-18", "2020-12-31", "2021-01-13", "2021-01-14", "2030-06-01"]
    cli("asof", days[0], "--format", "json")
    for day in days:
        assert json.loads(cli("asof", day, "--format", "json").out) == json.loads(
            uncached(cli, monkeypatch, "asof", day, "--format", "json").out
        )


def test_an_edit_of_the_same_size_and_time_is_seen(cli, data_copy, cache_home):
    """Content, not file size or modification time, keys the cache."""
    cli(*ASOF)
    path = data_copy / "azerbaijan/versions/az-2020-11-18.yaml"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    old = "title_en: Risk group for critics of the authorities"
    assert old in text
    path.write_text(text.replace(old, old.replace("Risk", "Riks")), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    r = cli(*ASOF)
    assert r.code == 0
    assert "Riks group for critics of the authorities" in r.out
    assert "Risk group for critics" not in r.out
    assert len(entries(cache_home)) == 2  # one entry per content; the old one is not used for the new


def test_data_made_invalid_after_caching_is_reported_not_answered(cli, data_copy, cache_home):
    cli(*ASOF)
    edit(data_copy / "azerbaijan/versions/az-2020-11-18.yaml", "effective_from: 2020-11-18", "effective_from: 2020-11-19")
    r = cli(*ASOF)
    assert r.code == 2
    assert r.out == ""
    assert "az-2020-11-18.yaml" in r.err and "effective_from" in r.err


def test_a_changed_source_text_is_reported_not_answered(cli, data_copy, cache_home):
    cli(*ASOF)
    raw = next((data_copy / "azerbaijan/sources").glob("*.txt"))
    raw.write_bytes(raw.read_bytes().replace(b"a", b"e", 1))
    r = cli(*ASOF)
    assert r.code == 2
    assert "sha256" in r.err


def test_a_new_tool_does_not_use_the_old_tools_entries(cli, data_copy, cache_home, monkeypatch):
    cli(*ASOF)
    monkeypatch.setattr(cache, "_tool", "another version of aztimeline")
    assert asoftable.lookup(data_copy, __import__("datetime").date(2020, 12, 1), None)[0] is None


def _damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n")
    if how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "garbage":
        path.write_bytes(b"\x00\xff not json at all")
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "body changed":  # same length, one answer altered: the checksum no longer matches
        path.write_bytes(head + b"\n" + body.replace(b"az-2020-11-18", b"az-2099-11-18", 1))
    elif how == "other key":
        meta = json.loads(head)
        meta["key"] = "0" * 64
        path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    elif how == "other shape":  # a consistent entry, checksum and all, that is not an as-of table
        data = b'{"countries": {"azerbaijan": {"starts": 7}}}'
        meta = json.loads(head)
        meta["sha256"] = __import__("hashlib").sha256(data).hexdigest()
        path.write_bytes(json.dumps(meta).encode() + b"\n" + data)


@pytest.mark.parametrize("how", ["truncated", "garbage", "empty", "body changed", "other key", "other shape"])
def test_a_damaged_entry_is_ignored_and_replaced(cli, data_copy, cache_home, monkeypatch, how):
    want = uncached(cli, monkeypatch, *ASOF, "--format", "json").out
    cli(*ASOF)
    [entry] = entries(cache_home)
    _damage(entry, how)
    r = cli(*ASOF, "--format", "json")
    assert r.code == 0 and r.out == want
    assert json.loads(r.out)["version"]["id"] == "az-2020-11-18"
    assert asoftable.lookup(data_copy, __import__("datetime").date(2020, 12, 1), None)[0] is not None  # rewritten


def test_data_that_changes_while_it_is_validated_is_not_cached(data_copy, cache_home):
    before = cache.data_digest(data_copy)
    v = load_and_validate(data_copy)
    edit(data_copy / "azerbaijan/versions/az-2020-11-18.yaml", "title_en: Risk group", "title_en: Risky group")
    asoftable.store(data_copy, before, v)  # the data no longer has the digest taken before loading
    assert entries(cache_home) == []


def test_an_unwritable_cache_is_no_error(cli, data_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    r = cli(*ASOF)
    assert r.code == 0 and "az-2020-11-18" in r.out


def test_two_processes_filling_the_cache_at_once(data_copy, cache_home, tmp_path):
    exe = Path(sys.executable).with_name("aztimeline")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)}
    for _ in range(3):
        for e in entries(cache_home):
            e.unlink()
        procs = [
            subprocess.Popen(
                [str(exe), *ASOF, "--format", "json", "--data", str(data_copy)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
            )
            for _ in range(4)
        ]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0] * 4, [o[1] for o in outs]
        assert len({o[0] for o in outs}) == 1
        assert len(entries(cache_home)) == 1
        assert [p.name for p in cache_home.iterdir() if p.name.startswith(".")] == []  # no temporary file left
        assert asoftable.lookup(data_copy, __import__("datetime").date(2020, 12, 1), None)[0] is not None


def test_a_warm_answer_loads_no_validator_models_yaml_diff_git_or_exporters(data_copy, cache_home):
    code = (
        "import sys, io, contextlib\n"
        "from aztimeline.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['asof', '2020-12-01']) == 0\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)}
    cold = subprocess.run([sys.executable, "-c", code], cwd=data_copy.parent, env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], cwd=data_copy.parent, env=env, capture_output=True, text=True, check=True)
    heavy = {
        "pydantic",
        "yaml",
        "deepdiff",
        "git",
        "docx",
        "openpyxl",
        "mkdocs",
        "aztimeline.models",
        "aztimeline.validate",
        "aztimeline.export",
    }

    def loaded(out: str) -> set[str]:
        return {h for h in heavy for m in out.split() if m == h or m.startswith(h + ".")}

    assert loaded(cold.stdout) >= {"pydantic", "aztimeline.validate"}  # the first answer validates the data
    assert loaded(cold.stdout).isdisjoint({"git", "docx", "openpyxl", "mkdocs", "aztimeline.export"})
    assert loaded(warm.stdout) == set()
