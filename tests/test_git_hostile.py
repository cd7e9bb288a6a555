"""Hostile and broken git history (issue 20): a commit anywhere in the history cannot write outside, hang the tool or
break the build, and a damaged repository is one line and exit 2. Real repositories under tmp_path, made with git's
own plumbing (hash-object --literally, mktree, commit-tree), with a fixed author and dates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from aztimeline import provenance
from aztimeline.errors import DataError
from aztimeline.provenance import build_stamp, data_files_at, opened, resolve

from .conftest import ROOT, Result, edit, run_subprocess
from .test_provenance import AUTHOR, SUMMARY, A, Repo, data_repo

DATA = "policy_versions"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return data_repo(tmp_path, monkeypatch)


def _git(r: Repo, *args: str, data: bytes | None = None) -> str:
    """git's output (a sha, mostly) for args in the repository, with bytes on stdin."""
    env = {**os.environ, **AUTHOR, "GIT_AUTHOR_DATE": "2021-02-01T12:00:00+00:00", "GIT_COMMITTER_DATE": "2021-02-01T12:00:00+00:00"}
    return subprocess.run(["git", *args], cwd=r.root, env=env, input=data, capture_output=True, check=True).stdout.decode().strip()


def _tree(r: Repo, raw: bytes) -> str:
    """A tree object written as given, without git's checks of names and order."""
    return _git(r, "hash-object", "-t", "tree", "-w", "--literally", "--stdin", data=raw)


def _entry(mode: str, name: bytes, sha: str) -> bytes:
    return mode.encode() + b" " + name + b"\0" + bytes.fromhex(sha)


def _with_data(r: Repo, data_tree: str) -> str:
    """HEAD's root tree with the data folder replaced by data_tree."""
    lines = [line for line in _git(r, "ls-tree", "HEAD").splitlines() if not line.endswith(f"\t{DATA}")]
    return _git(r, "mktree", data=("\n".join([*lines, f"040000 tree {data_tree}\t{DATA}"]) + "\n").encode())


def _add_and_revert(r: Repo, data_tree: str, message: str = "A hostile commit") -> str:
    """Commit a data folder on top of HEAD, then a commit that puts HEAD's data back; the hostile commit's sha.

    The working tree stays as it was: the hostile commit is only in the history, as after a revert.
    """
    head_tree = _git(r, "rev-parse", "HEAD^{tree}")
    bad = _git(r, "commit-tree", _with_data(r, data_tree), "-p", "HEAD", "-m", message)
    back = _git(r, "commit-tree", head_tree, "-p", bad, "-m", "Revert the hostile commit")
    _git(r, "update-ref", "refs/heads/main", back)
    return bad


def _data_entries(r: Repo) -> bytes:
    """The raw entries of HEAD's data folder, to which a test adds its own."""
    return subprocess.run(["git", "cat-file", "tree", f"HEAD:{DATA}"], cwd=r.root, capture_output=True, check=True).stdout


@pytest.fixture
def quiet_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder of this process, empty: anything written there by the tool shows up."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _within_30s(*args: str, cwd: Path) -> Result:
    """The installed command in a process of its own, ended (failing the test) after 30 s: nothing may hang."""
    proc = subprocess.run([str(Path(sys.executable).with_name("aztimeline")), *args], cwd=cwd, capture_output=True, text=True, timeout=30)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def _site_repo(r: Repo) -> None:
    """What `aztimeline build` needs beside the data: mkdocs.yml and docs/ (not part of the data)."""
    shutil.copy(ROOT / "mkdocs.yml", r.root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", r.root / "docs")


def test_a_path_traversal_entry_in_history_writes_nothing_and_names_its_commit(repo, cli, tmp_path, quiet_tmp):
    """A tree entry named ../../…/.bashrc was written out by every build (issue 20); now it is refused, unread."""
    outside = tmp_path / "outside"
    name = ("../" * 12 + str(outside / ".bashrc").lstrip("/")).encode()
    blob = _git(repo, "hash-object", "-w", "--stdin", data=b"echo owned\n")
    bad = _add_and_revert(repo, _tree(repo, _data_entries(repo) + _entry("100644", name, blob)))
    _site_repo(repo)

    d = cli("diff", "--rev", bad)
    assert d.code == 2 and "Traceback" not in d.err
    assert d.err.splitlines() == [
        f"{bad}:{DATA}: (file): the folder is not a valid git tree (Tree entry names must not contain '/' characters); it is not data",
        "aztimeline: 1 problem found; nothing was written",
    ]
    h = cli("history")
    assert h.code == 0
    assert h.err.splitlines() == [
        f"aztimeline: warning: commit {bad[:10]} (2021-02-01) holds a git tree that is not valid "
        "(Tree entry names must not contain '/' characters); it is left out of the history"
    ]
    b = cli("build", "--output", str(repo.root / "site"))
    assert b.code == 0, b.err
    assert (
        f"aztimeline: warning: commit {bad[:10]} (2021-02-01) is left out of the corrections log: {bad[:10]}:{DATA}: (file): "
        "the folder is not a valid git tree (Tree entry names must not contain '/' characters); it is not data"
    ) in b.err.splitlines()
    assert (repo.root / "site/index.html").is_file()
    assert not outside.exists() and list(quiet_tmp.iterdir()) == []


def test_names_that_are_not_data_are_each_named_and_never_read(repo, cli, quiet_tmp):
    """Entries GitPython reads but the data's layout does not allow: misplaced, a link, a stray file. A hidden entry is
    skipped unread, as in the working tree: reported, a committed .gitkeep made every later commit fail `diff --rev`
    and left it out of the corrections log (found by an outside tester)."""
    blob = _git(repo, "hash-object", "-w", "--stdin", data=b"x\n")
    link = _git(repo, "hash-object", "-w", "--stdin", data=b"/etc/passwd")
    country = _git(repo, "rev-parse", f"HEAD:{DATA}/azerbaijan")
    raw = _entry("40000", b"azerbaijan", country) + _entry("100644", b".hidden.yaml", blob) + _entry("100644", b"\x1b[31mred.yaml", blob)
    raw += _entry("120000", b"link", link) + _entry("100644", b"notes.txt", blob)
    bad = _add_and_revert(repo, _tree(repo, raw))
    r = cli("diff", "--rev", bad)
    layout = "data files are country.yaml, events.yaml, versions/*.yaml, amendments/*.yaml, sources/*.yaml and sources/*.txt"
    assert r.code == 2
    assert r.err.splitlines() == [
        f"{bad}:{DATA}: (file): the file '\\x1b[31mred.yaml' is not part of the data: {layout}",
        f"{bad}:{DATA}: (file): the file 'notes.txt' is not part of the data: {layout}",
        f"{bad}:{DATA}: (file): the symbolic link 'link' is not part of the data: {layout}",
        "aztimeline: 3 problems found; nothing was written",
    ]
    assert list(quiet_tmp.iterdir()) == []
    # a commit whose only stray entry is hidden is data like any other
    kept = _add_and_revert(repo, _tree(repo, _entry("40000", b"azerbaijan", country) + _entry("100644", b".gitkeep", blob)))
    r = cli("diff", "--rev", kept)
    assert r.code == 0 and r.err == "", r.err


def _bomb(r: Repo, levels: int = 10, width: int = 10) -> str:
    """A tree of levels × width entries that all point at the same subtree: width**levels paths from a few kB."""
    sha, mode = _git(r, "hash-object", "-w", "--stdin", data=b"x\n"), "100644"
    for _ in range(levels):
        sha, mode = _tree(r, b"".join(_entry(mode, f"d{i}".encode(), sha) for i in range(width))), "40000"
    return sha


def test_a_git_bomb_in_history_stops_at_once_and_writes_nothing(repo, tmp_path, quiet_tmp):
    """A folder of 10**10 paths added and removed again: build wrote 881,402 files and did not stop (issue 20)."""
    bad = _add_and_revert(repo, _tree(repo, _data_entries(repo) + _entry("40000", b"bomb", _bomb(repo))))
    _site_repo(repo)
    before = sorted(p for p in tmp_path.rglob("*"))
    h = _within_30s("history", cwd=repo.root)
    assert h.code == 0
    assert h.err.splitlines() == [
        f"aztimeline: warning: commit {bad[:10]} (2021-02-01) changes more than 10000 entries; it is left out of the history"
    ]
    d = _within_30s("diff", "--rev", bad, cwd=repo.root)
    assert d.code == 2 and len(d.err.splitlines()) == 11  # the ten folders inside bomb/ are not data, and not entered
    assert d.err.splitlines()[0].startswith(f"{bad}:{DATA}/bomb: (file): the folder 'd0' is not part of the data")
    b = run_subprocess("build", "--output", str(repo.root / "site"), cwd=repo.root)
    assert b.code == 0, b.err
    assert f"aztimeline: warning: commit {bad[:10]} (2021-02-01) is left out of the corrections log: " in b.err
    after = sorted(p for p in tmp_path.rglob("*") if not p.is_relative_to(repo.root / "site"))
    assert after == before  # nothing written but the site


def test_a_commit_of_more_entries_than_data_has_stops_at_the_cap(repo, cli):
    """10,001 files in versions/ (within the layout's names): reading stops at 10,000 entries, with one line."""
    blob = _git(repo, "hash-object", "-w", "--stdin", data=b"x\n")
    versions = _tree(repo, b"".join(_entry("100644", f"v{i:05d}.yaml".encode(), blob) for i in range(10_001)))
    country_raw = subprocess.run(["git", "cat-file", "tree", f"HEAD:{DATA}/azerbaijan"], cwd=repo.root, capture_output=True, check=True)
    country = _tree(repo, country_raw.stdout.replace(bytes.fromhex(_git(repo, "rev-parse", f"HEAD:{DATA}/azerbaijan/versions")), bytes.fromhex(versions)))
    bad = _add_and_revert(repo, _tree(repo, _entry("40000", b"azerbaijan", country)))
    r = cli("diff", "--rev", bad)
    assert r.code == 2
    assert r.err.splitlines() == [
        f"{bad}:{DATA}: (file): the data folder holds more than 10000 entries; stopped reading this commit (it is not data)",
        "aztimeline: 1 problem found; nothing was written",
    ]


def test_a_commit_of_more_bytes_than_the_cap_stops_reading(repo, monkeypatch):
    """The cap on bytes (100 MB) counts blob sizes before reading them; here lowered to below today's data."""
    monkeypatch.setattr(provenance, "MAX_COMMIT_BYTES", 20_000)
    with opened(repo.root / DATA) as r:
        assert r is not None
        with pytest.raises(DataError) as exc:
            data_files_at(r, resolve(r, "HEAD"), "HEAD:policy_versions")
    assert [str(p) for p in exc.value.problems][-1] == (
        "HEAD:policy_versions: (file): the data files hold more than 20000 bytes; stopped reading this commit (it is not data)"
    )


SUBJECT = "Correct a summary\u2028second line \x1f unit \x1b[31mred\x1b[0m \x1b]0;title\x07 <script>alert(1)</script>"
SHOWN = "Correct a summary\\u2028second line \\x1f unit \\x1b[31mred\\x1b[0m \\x1b]0;title\\x07 <script>alert(1)</script>"


def test_control_characters_in_a_commit_subject(repo, cli):
    """U+2028 broke every build and \\x1f crashed history; ESC and OSC reached the terminal raw (issue 20)."""
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    repo.commit(SUBJECT)
    sha = repo.git("rev-parse", "HEAD").strip()
    _site_repo(repo)
    text = cli("history", A)
    assert text.code == 0 and text.err == ""
    assert text.out.splitlines()[-1] == f"  2021-01-12  {sha[:10]}  Editor One: {SHOWN}"
    assert "\x1b" not in text.out and "\u2028" not in text.out and "\x07" not in text.out
    js = cli("history", A, "--format", "json")
    (entries,) = json.loads(js.out).values()
    assert entries[-1]["message"] == SUBJECT  # the exact subject, as JSON writes any character
    b = cli("build", "--output", str(repo.root / "site"))
    assert b.code == 0, b.err
    page = (repo.root / "site/en/corrections/index.html").read_text(encoding="utf-8")
    shown = SHOWN.replace("<", "&lt;").replace(">", "&gt;")
    assert shown in page
    version = (repo.root / "site/en/versions/az-2020-11-18/index.html").read_text(encoding="utf-8")
    assert f"Editor One: {shown}" in version
    for built in (page, version):
        assert "<script>alert" not in built and "\x1b" not in built and "\u2028" not in built and "\x07" not in built


def _object_file(r: Repo, name: str) -> Path:
    sha = r.git("rev-parse", name).strip()
    return r.root / ".git/objects" / sha[:2] / sha[2:]


HEAD_UNREADABLE = "cannot read HEAD's commit {head10}: git object {head10} is missing or cannot be read"


@pytest.mark.parametrize(
    ("damage", "history", "diff"),
    [
        ("commit", HEAD_UNREADABLE, HEAD_UNREADABLE),
        (
            "tree",
            "cannot read the commits that changed policy_versions: fatal: unable to read tree {tree}",
            "cannot read the data of commit {head10} (2021-01-12): git object {tree10} is missing or cannot be read",
        ),
        ("pack", HEAD_UNREADABLE, HEAD_UNREADABLE),
    ],
)
def test_a_damaged_repository_is_one_line_and_the_build_goes_on(repo, cli, damage, history, diff):
    """A missing object or a truncated pack gave a CalledProcessError traceback (issue 20)."""
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    repo.commit("Correct a summary")
    head, tree = repo.git("rev-parse", "HEAD").strip(), repo.git("rev-parse", f"HEAD:{DATA}/azerbaijan").strip()
    if damage == "pack":
        repo.git("gc", "-q")
        (pack,) = (repo.root / ".git/objects/pack").glob("*.pack")
        pack.chmod(0o644)
        with pack.open("r+b") as f:
            f.truncate(2000)
    else:
        _object_file(repo, "HEAD" if damage == "commit" else f"HEAD:{DATA}/azerbaijan").unlink()
    _site_repo(repo)
    for args, message in ((["history"], history), (["diff", "--rev", "HEAD"], diff)):
        r = _within_30s(*args, cwd=repo.root)
        line = message.format(head10=head[:10], tree=tree, tree10=tree[:10])
        assert (r.code, r.err.splitlines()) == (2, [f"aztimeline: error: {line}; the repository may be damaged; `git fsck` tells more"]), args
    b = run_subprocess("build", "--output", str(repo.root / "site"), cwd=repo.root)
    assert b.code == 0 and "Traceback" not in b.err, b.err
    assert b.err and all(line.startswith("aztimeline: warning: ") for line in b.err.splitlines())
    assert (repo.root / "site/index.html").is_file()


@pytest.mark.parametrize("flag", ["--skip-worktree", "--assume-unchanged"])
def test_release_compares_content_not_the_index_flags(repo, cli, flag):
    """A file marked --skip-worktree was published without the draft banner (issue 20)."""
    repo.git("update-index", flag, A)
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    assert repo.git("status", "--porcelain") == ""  # git itself sees nothing
    assert build_stamp(repo.root / DATA)["dirty"]
    r = cli("build", "--release", "--output", str(repo.root / "site"))
    assert r.code == 2 and r.err.splitlines() == [
        f"aztimeline: error: --release refused: {repo.root / DATA} has uncommitted changes; commit them (or build without --release for a draft)"
    ]


def test_untracked_and_deleted_data_files_are_uncommitted_changes(repo):
    data = repo.root / DATA
    assert not build_stamp(data)["dirty"]
    (data / "azerbaijan/notes.txt").write_text("notes\n", encoding="utf-8")
    assert build_stamp(data)["dirty"]
    (data / "azerbaijan/notes.txt").unlink()
    (data / "azerbaijan/events.yaml").unlink()
    assert build_stamp(data)["dirty"]
    repo.git("checkout", "--", f"{DATA}/azerbaijan/events.yaml")
    (data / ".editor-backup").write_text("hidden files are never read\n", encoding="utf-8")
    assert not build_stamp(data)["dirty"]


def test_without_a_git_program_history_is_omitted_with_a_notice(repo, tmp_path):
    """GitPython refuses to load where no git program is found: the tool goes on without history."""
    bare = tmp_path / "bin"
    bare.mkdir()
    os.symlink(shutil.which("python3") or "/usr/bin/python3", bare / "python3")
    r = run_subprocess("history", cwd=repo.root, env={"PATH": str(bare)})
    assert r.code == 0 and r.err.strip() == "aztimeline: no git history here (no git program found); history is omitted"


def test_a_commit_dated_beyond_the_calendar_with_a_subject_of_megabytes(repo, cli):
    """A crafted commit (year 3 million, a 2 MB subject) is listed with no date and a subject cut at 1,000 characters."""
    edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
    repo.git("add", "-A")
    tree, parent = repo.git("write-tree").strip(), repo.git("rev-parse", "HEAD").strip()
    when = "99999999999999 +0000"
    raw = f"tree {tree}\nparent {parent}\nauthor Far Future <f@example.org> {when}\ncommitter Far Future <f@example.org> {when}\n\n"
    odd = _git(repo, "hash-object", "-t", "commit", "-w", "--stdin", data=raw.encode() + b"x" * 2_000_000 + b"\n")
    _git(repo, "update-ref", "refs/heads/main", odd)
    edit(repo.root / A, "Any asylum", "Every asylum")
    repo.commit("Correct it again")
    r = cli("history", A, "--format", "json")
    assert r.code == 0 and r.err == ""
    (entries,) = json.loads(r.out).values()
    assert [(e["author"], e["date"], len(e["message"])) for e in entries] == [
        ("Editor One", "2021-01-11T12:00:00+00:00", len("Add the policy before and after 18 November 2020")),
        ("Far Future", "", 1000),
        ("Editor One", "2021-01-12T12:00:00+00:00", len("Correct it again")),
    ]
    assert entries[1]["message"] == "x" * 999 + "\u2026"
    text = cli("history", A)
    assert text.out.splitlines()[2] == f"    {odd[:10]}  Far Future: {'x' * 999}\u2026"



@pytest.mark.parametrize("changes_data", [False, True])
def test_a_commit_python_cannot_read_is_named_itself_not_the_commit_after_it(repo, cli, changes_data):
    """A date of 4,400 digits (git reads it; Python's int() reads at most 4,300). The message named the commit after
    it, which only had it as a parent, passed on Python's advice to raise its limit, and emptied the whole history
    (found from outside). GitPython reads a commit's tree and parents before its dates, so history reads through such
    a commit; one that changed the data cannot be listed (its message follows the date), and is named itself."""
    if changes_data:
        edit(repo.root / A, SUMMARY, SUMMARY.replace("An asylum", "Any asylum"))
        repo.git("add", "-A")
    tree, parent = repo.git("write-tree").strip(), repo.git("rev-parse", "HEAD").strip()
    when = "0" * 4400 + "1700000000 +0000"
    raw = f"tree {tree}\nparent {parent}\nauthor Padded <p@example.org> {when}\ncommitter Padded <p@example.org> {when}\n\nx\n"
    odd = _git(repo, "hash-object", "-t", "commit", "-w", "--literally", "--stdin", data=raw.encode())
    _git(repo, "update-ref", "refs/heads/main", odd)
    edit(repo.root / A, "assessed only against the main territory", "judged only against the main territory")
    repo.commit("After the padded commit")
    r = cli("history", A)
    if changes_data:
        assert (r.code, r.out) == (2, "")
        assert r.err.splitlines() == [
            f"aztimeline: error: cannot read commit {odd[:10]}: it holds a number of more digits than Python reads (a "
            "date padded with zeros, say); the repository may be damaged; `git fsck` tells more"
        ]
    else:
        assert (r.code, r.err) == (0, "")
        assert [line.split(": ", 1)[1] for line in r.out.splitlines()[1:]] == [
            "Add the policy before and after 18 November 2020",
            "After the padded commit",
        ]


def test_a_committed_hidden_folder_of_many_files_is_no_uncommitted_change(repo):
    """10,001 files in a committed hidden folder of the data made the change check count past its cap and call the
    data uncommitted for good: `build --release` was refused while `git status` was clean (found by an outside
    tester). Hidden entries are skipped unread and uncounted, as the loader skips them."""
    blob = _git(repo, "hash-object", "-w", "--stdin", data=b"x\n")
    many = _tree(repo, b"".join(_entry("100644", f"f{i:05d}".encode(), blob) for i in range(provenance.MAX_COMMIT_ENTRIES + 1)))
    head = _git(repo, "commit-tree", _with_data(repo, _tree(repo, _data_entries(repo) + _entry("40000", b".archive", many))), "-p", "HEAD", "-m", "Archive")
    _git(repo, "update-ref", "refs/heads/main", head)
    with opened(repo.root / DATA) as dr:
        assert dr is not None and provenance.data_differs(dr, repo.root / DATA) is False
