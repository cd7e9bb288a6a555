"""The as-of cache: it never answers from data other than what the folder pass reads, ignores a damaged or planted
entry, and lives only in a private folder of the user's that it never leaves."""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aztimeline import asoftable, cache
from aztimeline.datafiles import scan
from aztimeline.timeline import asof_tables
from aztimeline.validate import load_and_validate

from .conftest import ROOT, edit, run_subprocess

ASOF = ["asof", "2020-12-01"]
DAY = dt.date(2020, 12, 1)


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("asof-*.json")) if folder.is_dir() else []


def cached(data: Path) -> dict | None:
    """The answer the cache holds for DAY, for the data as it is now."""
    return asoftable.lookup(scan(data).digest(), DAY, None)[0]


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


def test_after_today_is_worked_out_on_each_run_not_kept_in_the_cache(cli, data_copy, cache_home, monkeypatch):
    """An answer cached on one day is read on later ones: whether the date asked is after today is the day's own."""
    day = "2025-06-01"
    first = json.loads(cli("asof", day, "--format", "json").out)  # SOURCE_DATE_EPOCH: 14 November 2023
    assert first["after_today"]["today"] == "2023-11-14" and len(entries(cache_home)) == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 15 January 2027: the same entry, a later day
    assert json.loads(cli("asof", day, "--format", "json").out)["after_today"] is None
    assert "after today" not in cli("asof", day).out
    for fmt in ("text", "json"):
        assert cli("asof", day, "--format", fmt).out == uncached(cli, monkeypatch, "asof", day, "--format", fmt).out
    assert len(entries(cache_home)) == 1


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


def test_an_empty_stray_folder_is_reported_not_answered(cli, data_copy, cache_home):
    assert cli(*ASOF).code == 0 and cached(data_copy) is not None
    (data_copy / "azerbaijan/versions/old").mkdir()
    r = cli(*ASOF)
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        "policy_versions/azerbaijan/versions/old: (file): unexpected folder in versions/; move it out of the data directory",
        "aztimeline: 1 problem found; nothing was written",
    ]


def test_a_retargeted_folder_link_is_answered_from_the_new_target(cli, data_copy, cache_home):
    """versions/ is a link to a folder inside the data; pointing it elsewhere changes the answer, not the cache's."""
    country = data_copy / "azerbaijan"
    (country / "versions").rename(country / ".versions-a")
    shutil.copytree(country / ".versions-a", country / ".versions-b")
    edit(country / ".versions-b/az-2020-11-18.yaml", "title_en: Risk group for critics", "title_en: Retargeted group for critics")
    (country / "versions").symlink_to(".versions-a")
    first = cli(*ASOF)
    assert first.code == 0 and "Risk group for critics" in first.out
    (country / "versions").unlink()
    (country / "versions").symlink_to(".versions-b")
    second = cli(*ASOF)
    assert second.code == 0 and "Retargeted group for critics" in second.out
    assert len(entries(cache_home)) == 2


def test_the_key_is_made_from_the_bytes_that_were_validated(cli, data_copy, cache_home):
    """An entry holds what was computed from exactly the bytes its key describes, whatever changes on disk."""
    files = scan(data_copy)
    edit(data_copy / "azerbaijan/versions/az-2020-11-18.yaml", "title_en: Risk group", "title_en: Risky group")
    v = load_and_validate(data_copy, files=files)  # the bytes read before the edit
    asoftable.store(files.digest(), v, asof_tables(v), data_copy)
    assert "Risk group" in json.dumps(asoftable.lookup(files.digest(), DAY, None)[0])
    r = cli(*ASOF)  # the data now has another digest: validated anew
    assert r.code == 0 and "Risky group" in r.out


def test_a_new_tool_does_not_use_the_old_tools_entries(cli, data_copy, cache_home, monkeypatch):
    cli(*ASOF)
    monkeypatch.setattr(cache, "tool_digest", lambda: "another version of aztimeline")
    assert cached(data_copy) is None


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
    elif how in ("other shape", "deep nesting"):  # consistent entries, checksum and all, that are not as-of tables
        data = b'{"countries": {"azerbaijan": {"starts": 7}}}' if how == "other shape" else b"[" * 100_000 + b"]" * 100_000
        meta = json.loads(head)
        meta["sha256"] = hashlib.sha256(data).hexdigest()
        path.write_bytes(json.dumps(meta).encode() + b"\n" + data)
    elif how == "pickled":  # what an older aztimeline kept for compiled templates: never unpickled
        path.write_bytes(b"\x80\x04\x95\x1f\x00\x00\x00\x00\x00\x00\x00\x8c\x05posix\x94\x8c\x06system\x94\x93\x94.")
    elif how == "symbolic link":  # to an entry that would be accepted: a link is never followed
        real = path.with_name("elsewhere.json")
        path.rename(real)
        path.symlink_to(real.name)
    elif how == "fifo":
        path.unlink()
        os.mkfifo(path)


HOW = ["truncated", "garbage", "empty", "body changed", "other key", "other shape", "deep nesting", "pickled", "symbolic link", "fifo"]


@pytest.mark.parametrize("how", HOW)
def test_a_damaged_or_planted_entry_is_ignored_and_replaced(cli, data_copy, cache_home, monkeypatch, how):
    want = uncached(cli, monkeypatch, *ASOF, "--format", "json").out
    cli(*ASOF)
    [entry] = entries(cache_home)
    _damage(entry, how)
    assert cached(data_copy) is None
    r = cli(*ASOF, "--format", "json")
    assert r.code == 0 and r.out == want
    assert json.loads(r.out)["version"]["id"] == "az-2020-11-18"
    assert cached(data_copy) is not None  # rewritten
    assert entry.is_file() and not entry.is_symlink()


def test_a_fifo_as_an_entry_does_not_hang_the_tool(data_copy, cache_home):
    """Issue 20: a cache entry that is a FIFO hung the tool. The real command, in a process of its own."""
    env = {"XDG_CACHE_HOME": str(cache_home.parent)}
    assert run_subprocess(*ASOF, cwd=data_copy.parent, env=env).code == 0
    [entry] = entries(cache_home)
    entry.unlink()
    os.mkfifo(entry)
    r = run_subprocess(*ASOF, cwd=data_copy.parent, env=env)  # run_subprocess gives up after 120 s
    assert (r.code, r.err) == (0, "")
    assert "On 1 December 2020 the Vc still held the old text" in r.out
    assert entry.is_file()


def test_an_unwritable_cache_is_no_error(cli, data_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    r = cli(*ASOF)
    assert r.code == 0 and "az-2020-11-18" in r.out


def test_the_cache_folder_is_made_private(cli, data_copy, cache_home):
    assert not cache_home.exists()
    assert cli(*ASOF).code == 0
    assert cache_home.is_dir() and (cache_home.stat().st_mode & 0o777) == 0o700
    [entry] = entries(cache_home)
    assert entry.stat().st_mode & 0o777 == 0o600


def test_an_old_cache_folder_readable_by_others_is_made_private(cli, data_copy, cache_home):
    cache_home.mkdir(parents=True, mode=0o755)
    os.chmod(cache_home, 0o755)
    assert cli(*ASOF).code == 0
    assert (cache_home.stat().st_mode & 0o777) == 0o700 and len(entries(cache_home)) == 1


def _planted(folder: Path) -> dict[str, bytes | str]:
    """Things in a folder that the tool must leave alone, and what they are."""
    out: dict[str, bytes | str] = {}
    for p in sorted(folder.rglob("*")):
        out[p.relative_to(folder).as_posix()] = f"-> {os.readlink(p)}" if p.is_symlink() else "folder" if p.is_dir() else p.read_bytes()
    return out


def _plant(folder: Path) -> None:
    for name in ("templates-0123", "theme-abcd"):
        (folder / name).mkdir(parents=True)
        (folder / name / "keep").write_bytes(b"the user's")
    (folder / "notes.txt").write_bytes(b"the user's")


@pytest.mark.parametrize("how", ["symbolic link", "someone else's", "writable by the group", "writable by everyone"])
def test_an_unsafe_cache_folder_is_neither_used_nor_cleaned(cli, data_copy, cache_home, tmp_path, monkeypatch, how):
    """Issue 20: housekeeping followed a cache folder that was a symbolic link and deleted the folders it found."""
    target = tmp_path / "elsewhere"
    target.mkdir()
    _plant(target)
    if how == "symbolic link":
        cache_home.parent.mkdir()
        cache_home.symlink_to(target)
    else:
        cache_home.parent.mkdir()
        target.rename(cache_home)
        target = cache_home
        if how == "someone else's":
            os.chown(cache_home, 12345, 12345)  # the tests run as root, which may give a folder away
            os.chmod(cache_home, 0o700)
        else:
            os.chmod(cache_home, 0o770 if how == "writable by the group" else 0o777)
    before = _planted(target)
    want = uncached(cli, monkeypatch, *ASOF).out
    for _ in range(3):  # answered each time, from validated data
        r = cli(*ASOF)
        assert (r.code, r.out, r.err) == (0, want, "")
    assert _planted(target) == before  # nothing written, read or removed there
    assert cache._open_folder(cache_home, create=False) is None  # refused: the cache is off there


def test_housekeeping_removes_only_its_own_entries(cli, data_copy, cache_home, tmp_path, monkeypatch):
    cache_home.mkdir(parents=True, mode=0o700)
    _plant(cache_home)
    outside = tmp_path / "outside.json"
    outside.write_bytes(b"the user's")
    fake = "f" * 40
    (cache_home / f"asof-{fake}.json").symlink_to(outside)  # our name, but a link: not ours
    (cache_home / "asof-notours.json").write_bytes(b"the user's")
    (cache_home / f"asof-{'e' * 40}.json").mkdir()  # our name, but a folder
    before = _planted(cache_home)
    monkeypatch.setattr(cache, "KEEP", 2)
    for i in range(4):  # four contents, four entries written: the oldest are removed
        edit(data_copy / "azerbaijan/versions/az-2020-11-18.yaml", f"title_en: Risk{'y' * i} group", f"title_en: Risk{'y' * (i + 1)} group")
        assert cli(*ASOF).code == 0
    ours = [p for p in entries(cache_home) if p.is_file() and not p.is_symlink() and p.name not in before]
    assert len(ours) == 2
    after = _planted(cache_home)
    assert {k: v for k, v in after.items() if k in before} == before  # everything not ours is as it was
    assert outside.read_bytes() == b"the user's"


@pytest.mark.parametrize("where", ["relative HOME", "empty HOME", "XDG_CACHE_HOME in the data", "XDG_CACHE_HOME in the site's pages"])
def test_the_cache_is_never_written_in_the_data_or_wherever_the_command_runs(cli, data_copy, monkeypatch, where):
    """In the site's pages (docs/) the next build published it (found by an outside tester)."""
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.chdir(data_copy)  # `asof --data .` from inside the data folder
    (data_copy.parent / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (data_copy.parent / "docs/en").mkdir(parents=True)
    if where == "XDG_CACHE_HOME in the data":
        monkeypatch.setenv("XDG_CACHE_HOME", str(data_copy))
    elif where == "XDG_CACHE_HOME in the site's pages":
        monkeypatch.setenv("XDG_CACHE_HOME", str(data_copy.parent / "docs/en"))
    else:
        monkeypatch.setenv("HOME", "junk" if where == "relative HOME" else "")
        assert cache._location() is None  # an empty HOME is / to Python: the cache would go in /.cache
    before = sorted(p.relative_to(data_copy.parent) for p in data_copy.parent.rglob("*"))
    for _ in range(2):
        r = cli("asof", "2020-12-01", "--data", ".")
        assert r.code == 0 and "az-2020-11-18" in r.out
    assert sorted(p.relative_to(data_copy.parent) for p in data_copy.parent.rglob("*")) == before
    assert cli("validate", "--data", ".").code == 0


@pytest.mark.parametrize("inside", [False, True])
def test_no_cache_in_the_package_folder(data_copy, tmp_path, inside):
    """XDG_CACHE_HOME=src made the package folder the cache: each entry changed the tool's digest, so every run missed
    and wrote another into the source tree (an outside tester's read). Run from a copy of the package."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src/aztimeline", src / "aztimeline", ignore=shutil.ignore_patterns("__pycache__"))
    before = sorted(p.relative_to(src) for p in src.rglob("*"))
    env = {**os.environ, "PYTHONPATH": str(src), "XDG_CACHE_HOME": str(src / "aztimeline" if inside else src)}
    env.pop("AZTIMELINE_NO_CACHE", None)
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-m", "aztimeline", *ASOF, "--data", str(data_copy)], capture_output=True, text=True, env=env)
        assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr
        assert "az-2020-11-18" in proc.stdout
    assert sorted(p.relative_to(src) for p in src.rglob("*")) == before


def test_no_cache_folder_when_the_cache_is_off(cli, data_copy, cache_home, monkeypatch):
    monkeypatch.setenv("AZTIMELINE_NO_CACHE", "1")
    assert cli(*ASOF).code == 0
    assert not cache_home.exists()


def test_no_module_can_unpickle():
    """No module of aztimeline imports pickle, marshal, shelve or dill: no entry of any cache is ever unpickled."""
    found = []
    for path in sorted((ROOT / "src/aztimeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
                found += [f"{path.name}: import {n}" for n in names if n.split(".")[0] in ("pickle", "marshal", "shelve", "dill")]
    assert found == []


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
        assert cached(data_copy) is not None


def test_a_warm_answer_loads_no_validator_models_yaml_diff_git_or_exporters(data_copy, cache_home):
    code = (
        "import sys, io, contextlib\n"
        "from aztimeline.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['asof', '2020-12-01']) == 0\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)}
    cold = subprocess.run([sys.executable, "-c", code], cwd=data_copy.parent, env=env, capture_output=True, text=True, check=True, timeout=120)
    warm = subprocess.run([sys.executable, "-c", code], cwd=data_copy.parent, env=env, capture_output=True, text=True, check=True, timeout=120)
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
        "http.server",  # the preview server's module loads ssl and email: for `serve` only
        "ssl",
    }

    def loaded(out: str) -> set[str]:
        return {h for h in heavy for m in out.split() if m == h or m.startswith(h + ".")}

    assert loaded(cold.stdout) >= {"pydantic", "aztimeline.validate"}  # the first answer validates the data
    assert loaded(cold.stdout).isdisjoint({"git", "docx", "openpyxl", "mkdocs", "aztimeline.export"})
    assert loaded(warm.stdout) == set()


def test_the_cache_is_not_written_in_the_pages_of_the_project_a_build_here_publishes(cli, data_copy, tmp_path, monkeypatch):
    """With --data outside the project run from, XDG_CACHE_HOME=./docs put the as-of table on its next site (found by
    a second outside tester): the pages beside the data were guarded, not those of the project here."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / "docs"))
    for _ in range(2):
        assert cli("asof", "2020-12-01", "--data", str(data_copy)).code == 0
    assert sorted(p.name for p in (project / "docs").iterdir()) == []
