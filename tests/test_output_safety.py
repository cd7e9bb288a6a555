"""Outputs never destroy data: what `build --output` and `export --output` refuse, and what stays on disk.

Every build attack runs in a throwaway repository (mkdocs.yml, docs/ and a data copy in tmp_path), so a
guard that failed would delete the copy, never the repository's own data.
"""

from __future__ import annotations

import errno
import hashlib
import os
import select
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from aztimeline.site.output import MARKER, STAGE_MARKER, lock_file

from .conftest import DATA, ROOT


def tree(folder: Path) -> dict[str, str]:
    """Every entry below folder (files with their sha256, folders and links marked), to compare before and after."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_dir():
            out[rel] = "dir"
        elif not p.is_file():  # a pipe or device: reading it would block or never end
            out[rel] = f"special:{stat.S_IFMT(p.lstat().st_mode)}"
        else:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A throwaway aztimeline repository: mkdocs.yml, docs/, a .git folder and a copy of the data; cwd is its root."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(DATA, root / "policy_versions")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return root


def _build(cli, out: str | Path):
    return cli("build", "--data", "policy_versions", "--output", str(out))


# --- build: refused outputs, and the file system afterwards ------------------------------------------------

REFUSED = {
    "policy_versions": "refusing to build into policy_versions: it is the data folder; choose an output folder of its own, such as site/",
    ".git": "refusing to build into .git: it is the repository's .git folder; choose an output folder of its own, such as site/",
    ".": "refusing to build into .: it is the repository root; choose an output folder of its own, such as site/",
    "docs": "refusing to build into docs: it is the repository's docs/ folder; choose an output folder of its own, such as site/",
    "..": "refusing to build into ..: it contains the data folder; choose an output folder of its own, such as site/",
    "policy_versions/azerbaijan": "refusing to build into policy_versions/azerbaijan: it lies inside the data folder; "
    "choose an output folder of its own, such as site/",
    "policy_versions/new-site": "refusing to build into policy_versions/new-site: it lies inside the data folder; "
    "choose an output folder of its own, such as site/",
    ".git/site": "refusing to build into .git/site: it lies inside the repository's .git folder; choose an output folder of its own, such as site/",
    "docs/site": "refusing to build into docs/site: it lies inside the repository's docs/ folder; choose an output folder of its own, such as site/",
    "site/../policy_versions": "refusing to build into site/../policy_versions: it is the data folder; "
    "choose an output folder of its own, such as site/",
}


@pytest.mark.parametrize("out", sorted(REFUSED))
def test_build_refuses_the_data_the_repository_and_what_holds_them(repo, cli, out):
    before = tree(repo.parent)
    r = _build(cli, out)
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [f"aztimeline: error: {REFUSED[out]}"]
    assert tree(repo.parent) == before  # nothing deleted, created or renamed anywhere around the repository


def test_build_refuses_a_folder_of_the_users_and_keeps_it(repo, cli):
    mine = repo / "notes"
    mine.mkdir()
    (mine / "thesis.txt").write_text("three years of work\n", encoding="utf-8")
    before = tree(repo.parent)
    r = _build(cli, "notes")
    assert r.code == 2
    assert r.err.splitlines() == [
        "aztimeline: error: refusing to replace notes: it exists and is not a previous aztimeline build "
        f"(no {MARKER} file in it); choose a new or empty folder, or empty this one yourself"
    ]
    assert tree(repo.parent) == before


@pytest.mark.parametrize("target", ["notes", "policy_versions", ".git"])
def test_build_refuses_a_symlink_to_a_folder(repo, cli, target):
    (repo / "notes").mkdir()
    (repo / "notes" / "a.txt").write_text("mine\n", encoding="utf-8")
    (repo / "out").symlink_to(repo / target)
    before = tree(repo.parent)
    r = _build(cli, "out")
    assert r.code == 2
    assert r.err.splitlines() == [
        "aztimeline: error: refusing to build into out: it is a symbolic link; give the real folder, or remove the link"
    ]
    assert tree(repo.parent) == before


def test_build_into_a_file_keeps_the_file_under_its_name(repo, cli):
    (repo / "report.docx").write_bytes(b"PK\x03\x04 the user's report")
    before = tree(repo.parent)
    r = _build(cli, "report.docx")
    assert r.code == 2
    assert r.err.splitlines() == [
        "aztimeline: error: refusing to build into report.docx: it exists and is not a folder; choose another output folder"
    ]
    assert tree(repo.parent) == before


def test_build_replaces_only_a_previous_build_and_marks_its_output(repo, cli):
    assert _build(cli, "site").code == 0
    assert (repo / "site" / MARKER).is_file()
    (repo / "site" / "stale.html").write_text("old\n", encoding="utf-8")
    assert _build(cli, "site").code == 0  # a previous build is replaced as a whole
    assert not (repo / "site" / "stale.html").exists()
    (repo / "empty").mkdir()
    assert _build(cli, "empty").code == 0  # so is an empty folder
    assert (repo / "empty" / "index.html").is_file()
    # only the outputs and nothing else appeared beside them: no stage, swap or lock files left behind
    assert sorted(p.name for p in repo.iterdir()) == [".git", "docs", "empty", "mkdocs.yml", "policy_versions", "site"]


def test_build_leaves_stage_named_folders_of_the_user_alone(repo, cli):
    (repo / "site").mkdir()
    for name in (".site-stage-abc", ".site-stage-", ".site-old-x", ".site.old-123"):
        (repo / name).mkdir()
        (repo / name / "keep.txt").write_text("mine\n", encoding="utf-8")
    killed = repo / ".site-stage-killed"  # a stage left by a killed build carries our marker for this output: it goes
    killed.mkdir()
    (killed / STAGE_MARKER).write_text(f"1\nfor {b'site'.hex()}\n", encoding="utf-8")
    # the live stage of a build into site-stage-2 begins with ".site-stage-" too: a build into site deleted it, and
    # that build failed (found by an outside tester); its marker names its own output
    other = repo / ".site-stage-2-stage-x1y2z3w4"
    other.mkdir()
    (other / STAGE_MARKER).write_text(f"1\nfor {b'site-stage-2'.hex()}\n", encoding="utf-8")
    assert _build(cli, "site").code == 0
    for name in (".site-stage-abc", ".site-stage-", ".site-old-x", ".site.old-123"):
        assert (repo / name / "keep.txt").read_text(encoding="utf-8") == "mine\n"
    assert not killed.exists() and (other / STAGE_MARKER).is_file()


def test_a_stale_stage_of_a_long_output_name_is_removed(repo):
    """The marker of a stage for a name of more than about 92 bytes (35 times the euro sign) was larger than the check
    read, and such stages were never removed (found by an outside tester)."""
    from aztimeline.site.output import make_stage, remove_stale_stages

    out = repo / ("\u20ac" * 35)
    stage = make_stage(out)
    assert stage.exists()
    remove_stale_stages(out)
    assert not stage.exists()


def test_two_long_output_names_with_the_same_start_have_their_own_locks(repo):
    """Lock names were the output's first 40 characters: a build into ...-B was refused as "another aztimeline build
    is writing into ...-B" while ...-A was building (found by an outside tester)."""
    start = "site-for-the-editorial-board-preview-nl-2021-"
    a, b = lock_file(repo / f"{start}A"), lock_file(repo / f"{start}B")
    assert a != b and a.parent == b.parent == repo and len(a.name) == len(b.name) < 60
    assert lock_file(repo / "site").name == ".site-build.lock"  # a short name stays whole


def test_a_second_build_into_the_same_place_refuses_cleanly(repo, cli):
    with FileLock(lock_file(repo / "site")):  # what a running build holds
        r = _build(cli, "site")
    assert r.code == 2
    assert r.err.splitlines() == [
        f"aztimeline: error: another aztimeline build is writing into {repo / 'site'}; wait until it has finished, then build again"
    ]
    assert not (repo / "site").exists()
    assert _build(cli, "site").code == 0  # the lock is gone with its holder


def test_build_output_whose_parent_is_a_file(repo, cli):
    (repo / "afile").write_text("x\n", encoding="utf-8")
    before = tree(repo.parent)
    r = _build(cli, "afile/site")
    assert r.code == 2
    assert r.err.splitlines() == [f"aztimeline: error: cannot build into afile/site: {repo}/afile is a file, not a folder"]
    assert tree(repo.parent) == before


def test_build_output_name_too_long(repo, cli):
    before = tree(repo.parent)
    r = _build(cli, "s" * 300)
    assert r.code == 2
    assert len(r.err.splitlines()) == 1 and "File name too long" in r.err and "Traceback" not in r.err
    assert tree(repo.parent) == before


def test_swap_keeps_an_old_folder_that_stopped_being_a_build(tmp_path):
    from aztimeline.errors import OutputError
    from aztimeline.site.swap import swap_in

    new, target = tmp_path / "new", tmp_path / "site"
    new.mkdir()
    (new / "index.html").write_text("new\n", encoding="utf-8")
    target.mkdir()
    (target / "thesis.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputError, match="changed during the build"):
        swap_in(new, target, lambda p: False)
    assert (target / "thesis.txt").read_text(encoding="utf-8") == "mine\n"
    assert (new / "index.html").is_file()


# --- export: only regular files, one line, exit 2, nothing written ------------------------------------------


def _export(cli, out: str | Path, *extra: str, fmt: str = "md"):
    return cli("export", "--format", fmt, "--output", str(out), *extra)


def test_export_never_replaces_a_device(data_copy, cli):
    for extra in ((), ("--force",)):
        r = _export(cli, "/dev/full", *extra)
        assert r.code == 2
        assert r.err.splitlines() == [
            "aztimeline: error: /dev/full is not a regular file (a device, pipe or socket); exports write only regular files"
        ]
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


@pytest.mark.parametrize("force", [False, True])
def test_export_refuses_a_fifo_a_folder_and_symlinks(data_copy, cli, force):
    here = data_copy.parent
    os.mkfifo(here / "pipe.md")
    (here / "folder.md").mkdir()
    (here / "mine.md").write_text("mine\n", encoding="utf-8")
    (here / "to-folder.md").symlink_to(here / "folder.md")
    (here / "to-device.md").symlink_to("/dev/null")
    (here / "to-file.md").symlink_to(here / "mine.md")
    before = tree(here)
    extra = ("--force",) if force else ()
    expect = {
        "pipe.md": "pipe.md is not a regular file (a device, pipe or socket); exports write only regular files",
        "folder.md": "folder.md is a folder; give a file name",
        "to-folder.md": "to-folder.md is a symbolic link; exports write only regular files, so give the real path",
        "to-device.md": "to-device.md is a symbolic link; exports write only regular files, so give the real path",
        "to-file.md": "to-file.md is a symbolic link; exports write only regular files, so give the real path",
    }
    for name, msg in expect.items():
        r = _export(cli, name, *extra)
        assert (r.code, r.err.splitlines()) == (2, [f"aztimeline: error: {msg}"]), name
    assert tree(here) == before


def test_export_path_errors(data_copy, cli):
    here = data_copy.parent
    (here / "afile").write_text("x\n", encoding="utf-8")
    before = tree(here)
    cases = {
        "afile/out.md": "afile is a file, not a folder; give a path in an existing folder",
        "afile/deeper/out.md": "afile is a file, not a folder; give a path in an existing folder",
        "missing/out.md": "folder missing does not exist; create it first",
        # a Path drops the / that says "a folder", and made "" the folder "." (an outside tester's read)
        "new.md/": "new.md/ names a folder, as it ends in /; give a file name",
        "new.md/.": "new.md/. names a folder, as it ends in /.; give a file name",
        "afile/": "afile/ names a folder, as it ends in /; give a file name",
        "": "--output is empty; give a file name",
        " ": "--output is blank; give a file name",  # a file no one sees in a listing (a liaison's read)
        "a" * 300
        + ".md": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…aaaaaaaaaaaaaaaaa.md: the name is too long for the file system; choose a shorter name",
    }
    for out, msg in cases.items():
        r = _export(cli, out)
        assert (r.code, r.err.splitlines()) == (2, [f"aztimeline: error: {msg}"]), out
    r = _export(cli, "afile/", "--force")  # replaced the file afile
    assert (r.code, r.err.splitlines()) == (2, [f"aztimeline: error: {cases['afile/']}"])
    assert tree(here) == before


@pytest.mark.parametrize(
    ("err", "reason"),
    [(errno.EROFS, "Read-only file system"), (errno.EACCES, "Permission denied")],
)
def test_export_into_a_read_only_folder(data_copy, cli, monkeypatch, err, reason):
    # Tests run as root here, which ignores permission bits; the system call fails as it does for a user.
    from aztimeline import atomic

    def refuse(*a, **k):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(atomic, "_temporary", refuse)
    before = tree(data_copy.parent)
    r = _export(cli, "out.md")
    assert r.code == 2
    assert r.err.splitlines() == [f"aztimeline: error: cannot write in folder .: {reason}; nothing was written"]
    assert tree(data_copy.parent) == before


def test_export_to_a_full_disk_leaves_the_old_file_and_no_temporary(data_copy, cli, monkeypatch):
    from aztimeline import export as ex

    (data_copy.parent / "out.md").write_text("the previous export\n", encoding="utf-8")
    before = tree(data_copy.parent)

    def full(*a, **k):
        def produce(path):
            Path(path).write_bytes(b"half")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        return produce

    monkeypatch.setattr(ex, "export", full)
    r = _export(cli, "out.md", "--force")
    assert r.code == 2
    assert r.err.splitlines() == ["aztimeline: error: cannot write out.md: No space left on device; nothing was written"]
    assert tree(data_copy.parent) == before


def test_export_extension_must_match_the_format_unless_forced(data_copy, cli):
    r = _export(cli, "memo.md", fmt="docx")
    assert (r.code, r.err.splitlines()) == (
        2,
        ["aztimeline: error: memo.md ends in '.md', but --format is docx; name the file *.docx, or pass --force to write it anyway"],
    )
    r = _export(cli, "memo", fmt="csv")
    assert r.err.splitlines() == [
        "aztimeline: error: memo has no extension, but --format is csv; name the file *.csv, or pass --force to write it anyway"
    ]
    assert not (data_copy.parent / "memo.md").exists() and not (data_copy.parent / "memo").exists()
    assert _export(cli, "memo.MD").code == 0  # the case of the extension does not matter
    assert _export(cli, "memo.txt", "--force").code == 0
    assert (data_copy.parent / "memo.txt").read_bytes() == (data_copy.parent / "memo.MD").read_bytes()


def test_export_to_standard_output(data_copy, cli):
    before = tree(data_copy.parent)
    for fmt in ("md", "csv", "json"):
        r = _export(cli, "-", fmt=fmt)
        assert r.code == 0, r.err
        _export(cli, f"file.{fmt}", fmt=fmt)
        assert r.out == (data_copy.parent / f"file.{fmt}").read_bytes().decode("utf-8")  # byte for byte (CSV keeps CRLF)
        assert r.err.startswith("wrote standard output (")
        (data_copy.parent / f"file.{fmt}").unlink()
    for fmt in ("docx", "xlsx"):
        r = _export(cli, "-", fmt=fmt)
        assert (r.code, r.out) == (2, "")
        assert r.err.splitlines() == [
            f"aztimeline: error: {fmt} is a binary format and is not written to standard output; give --output FILE.{fmt}"
        ]
    assert tree(data_copy.parent) == before


def test_number_of_protected_outputs_is_what_the_threat_model_says():
    text = (ROOT / "docs/en/threat-model.md").read_text(encoding="utf-8")
    assert f"**{len(REFUSED)} protected outputs**" in text


def test_export_and_schemas_never_write_into_the_data(data_copy, cli):
    before = tree(data_copy.parent)
    data = data_copy.resolve()
    r = _export(cli, "policy_versions/azerbaijan/notes.md")
    assert (r.code, r.err.splitlines()) == (
        2,
        [
            "aztimeline: error: refusing to write the export policy_versions/azerbaijan/notes.md inside the data folder "
            f"{data}: it would become a stray data file; write it elsewhere"
        ],
    )
    r = _export(cli, "policy_versions/azerbaijan/events.yaml", "--force")  # --force passes the extension check only
    assert r.code == 2 and "inside the data folder" in r.err
    r = cli("schema", "--output", "policy_versions")
    assert (r.code, r.err.splitlines()) == (
        2,
        [
            f"aztimeline: error: refusing to write the schemas policy_versions inside the data folder {data}: it would become a stray data file; write it elsewhere"
        ],
    )
    (data_copy.parent / "afile").write_text("x\n", encoding="utf-8")
    r = cli("schema", "--output", "afile")
    assert (r.code, r.err) == (2, "aztimeline: error: afile exists and is not a folder; give a folder for the schemas\n")
    (data_copy.parent / "afile").unlink()
    assert tree(data_copy.parent) == before


def test_a_failed_build_leaves_no_folder_it_made(repo, cli):
    """A build that fails changes nothing: the folders it made for its output go too (found by an outside tester:
    new/deeper/ stayed after MkDocs refused a stray page)."""
    (repo / "docs/stray.md").write_text("# a page the site does not list\n", encoding="utf-8")
    before = tree(repo)
    r = _build(cli, repo / "new/deeper/site")
    assert r.code == 2 and "stray.md" in r.err
    assert not (repo / "new").exists() and tree(repo) == before


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
def test_a_lock_file_that_cannot_be_made_is_not_another_build(repo, cli):
    """filelock reports a lock file it cannot create as one another build holds: /proc/self/x was "another aztimeline
    build is writing into /proc/…/x; wait until it has finished" (found by an outside tester)."""
    r = _build(cli, "/proc/self/x")
    assert r.code == 2 and len(r.err.splitlines()) == 1
    assert r.err.startswith("aztimeline: error: cannot create the lock file /proc/") and "another" not in r.err


def test_export_never_writes_into_the_sites_pages(data_copy, cli):
    """An export in docs/ became a page the site does not list, and every build after it failed in MkDocs' strict
    check, with a message that named neither the file's folder nor a fix (found by an outside tester)."""
    (data_copy.parent / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (data_copy.parent / "docs/en").mkdir(parents=True)
    before = tree(data_copy.parent)
    docs = (data_copy.parent / "docs").resolve()
    for name in ("docs/x.md", "docs/en/x.md"):
        r = _export(cli, name)
        assert (r.code, r.err.splitlines()) == (
            2,
            [
                f"aztimeline: error: refusing to write the export {name} inside the site's pages {docs}: the next build would "
                "fail on a page the site does not list; write it elsewhere"
            ],
        )
    assert tree(data_copy.parent) == before


@pytest.mark.parametrize(("err", "where"), [(errno.EROFS, "stage"), (errno.ENOSPC, "write")])
def test_build_into_a_read_only_or_full_location_keeps_the_old_site(repo, cli, monkeypatch, err, where):
    # Tests run as root, which ignores permission bits; the system call fails as it does on such a file system.
    assert _build(cli, "site").code == 0
    before = tree(repo.parent)

    def fail(*a, **k):
        raise OSError(err, os.strerror(err))

    if where == "stage":
        monkeypatch.setattr("aztimeline.site.build.make_stage", fail)
    else:
        monkeypatch.setattr("aztimeline.site.generate.write_files", fail)
    r = _build(cli, "site")
    assert r.code == 2 and len(r.err.splitlines()) == 1 and "Traceback" not in r.err
    assert os.strerror(err) in r.err
    assert tree(repo.parent) == before  # the old site as it was, and no stage left behind


def test_rebuild_keeps_a_deploy_checkout_and_never_follows_links_into_the_data(repo, cli):
    assert _build(cli, "site").code == 0
    (repo / "site" / "data").symlink_to(repo / "policy_versions")  # removing the old site must not follow this
    data_before = tree(repo / "policy_versions")
    assert _build(cli, "site").code == 0
    assert tree(repo / "policy_versions") == data_before
    (repo / "site" / ".git").mkdir()  # a previous build kept under git for deployment
    (repo / "site" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    before = tree(repo.parent)
    r = _build(cli, "site")
    assert (r.code, r.err.splitlines()) == (
        2,
        ["aztimeline: error: refusing to replace site: it contains a .git folder; build elsewhere and copy the site in"],
    )
    assert tree(repo.parent) == before


def test_symlinked_parents_do_not_lead_into_the_data(repo, cli):
    (repo / "pv").symlink_to(repo / "policy_versions")
    before = tree(repo.parent)
    r = _build(cli, "pv/site")
    assert r.err.splitlines() == [
        "aztimeline: error: refusing to build into pv/site: it lies inside the data folder; choose an output folder of its own, such as site/"
    ]
    r = cli("export", "--data", "policy_versions", "--format", "md", "--output", "pv/x.md")
    assert r.code == 2 and "inside the data folder" in r.err
    assert tree(repo.parent) == before


SLOW_BUILD = """
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
from aztimeline.site import build
from aztimeline.cli import main

real = build.run_mkdocs

def slow(*args, **kwargs):
    real(*args, **kwargs)
    print("staged", file=sys.__stdout__, flush=True)  # past the command's output, which is held to its end
    time.sleep(60)

build.run_mkdocs = slow
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_build_leaves_no_stage_and_no_lock(repo, signum):
    """SIGTERM, which CI timeouts and kill send, left the stage folder and the lock beside the output; SIGINT did not
    (found by an outside tester)."""
    out = repo / "out"
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, "build", "--output", str(out / "site")],
        cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None and select.select([proc.stdout], [], [], 120)[0], "the build never staged"
        assert proc.stdout.readline() == "staged\n"
        assert [p.name for p in out.iterdir() if "-stage-" in p.name]
        proc.send_signal(signum)
        out_text, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signum and "Traceback" not in err
    assert not out.exists()  # the build made it for its output, and a build that stops leaves no folder it made


def test_a_swap_whose_old_site_cannot_be_removed_reports_the_new_site(repo, cli, monkeypatch):
    """Under `ulimit -n 8` the new site was swapped in, removing the old one then failed, and the build said "nothing
    was replaced" with exit 2; the stage was left without its marker, and no later build removed it (found by an outside
    tester). The build now reports what happened, and its stage keeps the marker until a later build removes it."""
    assert _build(cli, "site").code == 0
    before = os.stat(repo / "site" / MARKER).st_ino
    from types import SimpleNamespace

    from aztimeline.site import output, swap

    def no_more_files(path, ignore_errors=False, **kwargs):  # removes nothing, as with no file descriptor left
        if not ignore_errors:
            raise OSError(errno.EMFILE, "Too many open files", str(path))

    for module in (swap, output):  # the swap and the stage's removal; MkDocs' own temporary folders go as ever
        monkeypatch.setattr(module, "shutil", SimpleNamespace(rmtree=no_more_files))
    r = _build(cli, "site")
    assert r.code == 0, r.err
    assert os.stat(repo / "site" / MARKER).st_ino != before  # the new site is in place
    (left,) = [p for p in repo.iterdir() if p.name.startswith(".site-stage-")]
    assert (left / STAGE_MARKER).is_file()
    for module in (swap, output):
        monkeypatch.setattr(module, "shutil", shutil)
    assert _build(cli, "site").code == 0
    assert not [p for p in repo.iterdir() if p.name.startswith(".site-stage-")]
