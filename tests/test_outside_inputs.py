"""Issue 20, what comes from outside: a data folder, raw source texts, the environment, output paths and streams.

Each case runs the real command in a process of its own, as a user would, and must end within TIMEOUT seconds
with the normal result, or one clear line and exit 2, never a traceback and never anything written but the output.
"""

from __future__ import annotations

import hashlib
import os
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from .conftest import DATA, Result

TIMEOUT = 30
"""Seconds each case may take (issue 20: nothing hangs, each case ends within 30 s on this machine)."""

P = "policy_versions/azerbaijan"
RAW = f"{P}/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt"
S = f"{P}/sources/kamerbrief-2020-11-18.yaml"
EXE = str(Path(sys.executable).with_name("aztimeline"))


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = TIMEOUT, prefix: tuple[str, ...] = (), **popen: object
) -> Result:
    """The console script in a process of its own (after the prefix command, as `prlimit`); fails the test if it runs
    longer than timeout. No preexec_fn: Python code between fork and exec can deadlock a process with threads (the
    browser tests' server and Playwright run in the same worker)."""
    proc = subprocess.run(
        [*prefix, EXE, *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=timeout, **popen
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def one_line(r: Result, line: str) -> None:
    """Exit 2 with exactly this problem line (and the summary line for data problems), no traceback."""
    assert r.code == 2, r.err
    assert "Traceback" not in r.err
    lines = r.err.splitlines()
    assert lines[0] == line
    assert lines[1:] in ([], ["aztimeline: 1 problem found; nothing was written"])


def manifest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "other"
        for p in sorted(folder.rglob("*"))
        if not p.is_fifo()
    }


# --- the data folder: one pass decides what is data --------------------------------------------------------------


@pytest.mark.parametrize("command", [["validate"], ["asof", "2020-12-01"]])
def test_a_fifo_in_the_data_is_named_not_read(data_copy, command):
    os.mkfifo(data_copy / "azerbaijan/versions/az-2021.yaml")
    one_line(run(*command, cwd=data_copy.parent), f"{P}/versions/az-2021.yaml: (file): is a device, pipe or socket, not a data file; remove it")


@pytest.mark.parametrize("command", [["validate"], ["asof", "2020-12-01"]])
def test_a_hidden_fifo_is_ignored_like_every_hidden_file(data_copy, command):
    os.mkfifo(data_copy / "azerbaijan/.pipe")
    os.mkfifo(data_copy / "azerbaijan/versions/.az-2021.yaml")
    r = run(*command, cwd=data_copy.parent)
    assert (r.code, r.err) == (0, "")


def test_a_link_to_dev_zero_is_refused_before_it_is_read(data_copy):
    (data_copy / "azerbaijan/versions/zero.yaml").symlink_to("/dev/zero")
    (data_copy / "azerbaijan/sources/zero.txt").symlink_to("/dev/zero")
    r = run("asof", "2020-12-01", cwd=data_copy.parent)
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        f"{P}/sources/zero.txt: (file): symbolic link points outside the data directory; replace it with the file itself",
        f"{P}/versions/zero.yaml: (file): symbolic link points outside the data directory; replace it with the file itself",
        "aztimeline: 2 problems found; nothing was written",
    ]


def test_a_3_gb_sparse_file_is_refused_by_its_size(data_copy):
    for path in (data_copy / "azerbaijan/versions/big.yaml", data_copy / "azerbaijan/sources/big.txt"):
        subprocess.run(["truncate", "-s", "3G", str(path)], check=True)
    r = run("validate", cwd=data_copy.parent)
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        f"{P}/sources/big.txt: (file): raw text is 3221225472 bytes, over the limit of 2000000; a source text is a letter, not an archive",
        f"{P}/versions/big.yaml: (file): file is 3221225472 bytes, over the limit of 5000000; no data file needs to be this large: check that it is the file meant",
        "aztimeline: 2 problems found; nothing was written",
    ]


def test_a_folder_link_loop_is_one_line(data_copy):
    amendments = data_copy / "azerbaijan/amendments"
    for f in amendments.iterdir():
        f.unlink()
    amendments.rmdir()
    amendments.symlink_to("amendments")
    one_line(
        run("validate", cwd=data_copy.parent),
        f"{P}/amendments: (file): cannot read the folder: Too many levels of symbolic links; "
        "check its permissions, or replace the link with the folder",
    )


@pytest.mark.parametrize("folder", ["/proc", "/dev", "/"])
def test_a_system_folder_as_data_is_one_line(data_copy, folder):
    r = run("asof", "2020-12-01", "--data", folder, cwd=data_copy.parent)
    one_line(
        r,
        f"{folder}: (file): no */country.yaml found; each country needs a folder with a country.yaml "
        "(pass --data PATH to a policy_versions/ folder)",
    )


def test_what_validates_is_what_is_read_from_memory_too(data_copy):
    """The loader's seam: an old commit's files given as bytes are checked by the same rules as a folder."""
    from aztimeline.datafiles import from_memory, scan
    from aztimeline.validate import load_and_validate

    files = {rel: body for rel, body in scan(data_copy).files.items()}
    v = load_and_validate(Path("HEAD:policy_versions"), files=from_memory(Path("HEAD:policy_versions"), files))
    assert sorted(v.changes) == ["az-2020-11-18"]
    files[".hidden/x.yaml"] = b"ignored"
    files["azerbaijan/versions/notes.txt"] = b"x"
    files["azerbaijan/versions/big.yaml"] = b"a: 1\n" * 1_000_001
    from aztimeline.errors import DataError

    with pytest.raises(DataError) as err:
        load_and_validate(Path("old"), files=from_memory(Path("old"), files))
    assert [str(p) for p in err.value.problems] == [
        "old/azerbaijan/versions/big.yaml: (file): file is 5000005 bytes, over the limit of 5000000; no data file needs to be this large: check that it is the file meant",
        "old/azerbaijan/versions/notes.txt: (file): unexpected file in versions/ (only .yaml data files are read); "
        "move it out of the data directory",
    ]


# --- raw source texts: the rules of data text, and linear time --------------------------------------------------


def _with_raw(data: Path, raw: bytes) -> None:
    """The letter's raw text replaced by raw, with its sha256 recorded (as an editor who means it would)."""
    (data.parent / RAW).write_bytes(raw)
    meta = data.parent / S
    meta.write_text(re.sub(r"sha256: [0-9a-f]{64}", f"sha256: {hashlib.sha256(raw).hexdigest()}", meta.read_text(encoding="utf-8")))


CHARACTERS = {
    "\x00": "the control character U+0000",
    "\x1b": "the control character U+001B",
    "\x07": "the control character U+0007",
    "\u202e": "the bidirectional control U+202E, which makes text display in another order than it reads",
    "\ufffe": "the non-character U+FFFE",
    "\ue000": "the private-use character U+E000, which has no agreed meaning",
}


@pytest.mark.parametrize("ch", list(CHARACTERS), ids=[f"U+{ord(c):04X}" for c in CHARACTERS])
def test_a_refused_character_in_the_raw_text_is_named_with_its_line(data_copy, ch):
    letter = (DATA / "azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt").read_text(encoding="utf-8")
    lines = letter.split("\n")
    lines[20] = lines[20][:5] + ch + lines[20][5:]
    _with_raw(data_copy, "\n".join(lines).encode("utf-8"))
    r = run("validate", cwd=data_copy.parent)
    assert r.code == 2 and "Traceback" not in r.err
    assert (
        f"{RAW}:21: (file): raw text contains, at column 6, {CHARACTERS[ch]}; a source text may not hold it: "
        "remove it, then record the new sha256"
    ) in r.err.splitlines()
    r = run("paragraphs", "kamerbrief-2020-11-18", cwd=data_copy.parent)  # not shown: the source does not load
    assert r.code == 2 and ch not in r.out + r.err


@pytest.mark.parametrize(
    "name, raw",
    [
        ("500 KB of [", b"[" * 500_000),
        ("'a\\n\\n' x 100,000", b"a\n\n" * 100_000),
        pytest.param("2 MB of [", b"[" * 2_000_000, marks=pytest.mark.slow),
        pytest.param("'a\\n\\n' to the limit", (b"a\n\n" * 700_000)[:2_000_000], marks=pytest.mark.slow),
        pytest.param("'A\\n\\n' to the limit", (b"A\n\n" * 700_000)[:2_000_000], marks=pytest.mark.slow),
        pytest.param("one line of 2 MB", b"x" * 2_000_000, marks=pytest.mark.slow),
        pytest.param("2 MB of '[](' ", (b"[](" * 700_000)[:2_000_000], marks=pytest.mark.slow),
    ],
)
def test_validate_reads_a_hostile_raw_text_in_linear_time(data_copy, name, raw):
    """Issue 20: 500 KB of '[' ran validate for minutes, 'a\\n\\n' x 100,000 for 82 s. The quotes no longer match."""
    _with_raw(data_copy, raw)
    r = run("validate", cwd=data_copy.parent, timeout=TIMEOUT)
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err.splitlines()[-1].endswith("problems found; nothing was written")


def test_furniture_rules_are_limited(data_copy):
    """Each block of the raw text is tried against each rule: their number is bounded, so matching stays linear."""
    meta = data_copy.parent / S
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("furniture:\n", "furniture:\n" + "  - {role: signature, pattern: '*x*'}\n" * 90, 1), encoding="utf-8")
    r = run("validate", cwd=data_copy.parent)
    line = text[: text.index("furniture:\n")].count("\n") + 1
    one_line(r, f"{S}:{line}: furniture: 101 furniture rules, more than 100; one rule with * covers many blocks")


def test_paragraphs_shows_what_a_terminal_would_act_on_as_escapes(data_copy):
    """Text that reaches a terminal goes through for_terminal: a left-to-right mark (allowed in text) is shown."""
    letter = (DATA / "azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt").read_text(encoding="utf-8")
    _with_raw(data_copy, letter.replace("Staatssecretaris", "Staats\u200esecretaris", 1).encode("utf-8"))
    r = run("paragraphs", "kamerbrief-2020-11-18", cwd=data_copy.parent)
    assert r.code == 0
    assert "Staats\\u200esecretaris" in r.out and "\u200e" not in r.out


# --- the environment --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, command",
    [
        *[(v, ["export", "--format", "md", "--output", "-"]) for v in ("abc", "\u00b2", "-5", "99999999999999", "1.5", " 5", "9" * 5000)],
        ("abc", ["export", "--format", "docx", "--output", "x.docx"]),
        # MkDocs reads the variable with int(): set but empty, or past int()'s 4,300 digits, must stop before it does
        *[(v, [command, *args]) for v in ("", "0" * 4400 + "1") for command, args in (("export", ["--format", "md", "--output", "-"]), ("build", ["--output", "site"]))],
    ],
)
def test_a_bad_source_date_epoch_is_one_line(data_copy, value, command):
    r = run(*command, cwd=data_copy.parent, env={"SOURCE_DATE_EPOCH": value})
    assert (r.code, r.out) == (2, "")
    [line] = r.err.splitlines()
    assert line.startswith("aztimeline: error: SOURCE_DATE_EPOCH=")
    assert line.endswith("is not a time aztimeline accepts: write whole seconds since 1970-01-01 UTC in plain digits, from 0 to 7258118399 (2199-12-31), or unset it")
    assert not (data_copy.parent / "x.docx").exists()


def test_the_zip_clamp():
    import datetime as dt

    from aztimeline.export.common import document_time

    assert document_time({"made": "2199-12-31"}) == dt.datetime(2107, 12, 31, 23, 59, 58)
    assert document_time({"made": "1970-01-01"}) == dt.datetime(1980, 1, 1)
    assert document_time({"made": "2020-11-18"}) == dt.datetime(2020, 11, 18)


# --- writers ----------------------------------------------------------------------------------------------------


def test_schema_refuses_to_overwrite_a_changed_file_without_force(data_copy):
    out = data_copy.parent / "schemas"
    assert run("schema", "--output", "schemas", cwd=data_copy.parent).code == 0
    (out / "country.schema.json").write_text("{}\n", encoding="utf-8")
    before = manifest(out)
    r = run("schema", "--output", "schemas", cwd=data_copy.parent)
    assert (r.code, r.err) == (2, "aztimeline: error: schemas/country.schema.json already exists; pass --force to replace it\n")
    assert manifest(out) == before
    r = run("schema", "--output", "schemas", "--force", cwd=data_copy.parent)
    assert (r.code, r.out) == (0, "wrote 1 schema to schemas: country.schema.json\n")
    assert run("schema", "--output", "schemas", "--check", cwd=data_copy.parent).code == 0


@pytest.mark.parametrize("what", ["symbolic link", "fifo"])
def test_schema_never_writes_through_a_link_or_into_a_fifo(data_copy, tmp_path, what):
    out = data_copy.parent / "schemas"
    assert run("schema", "--output", "schemas", cwd=data_copy.parent).code == 0
    target = out / "source.schema.json"
    target.unlink()
    outside = tmp_path / "outside.json"
    outside.write_text("the user's\n", encoding="utf-8")
    if what == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(outside)
    for extra in ([], ["--force"]):
        r = run("schema", "--output", "schemas", *extra, cwd=data_copy.parent)
        kind = "is a symbolic link; aztimeline schema writes only regular files, so give the real path"
        if what == "fifo":
            kind = "is not a regular file (a device, pipe or socket); aztimeline schema writes only regular files"
        assert (r.code, r.err) == (2, f"aztimeline: error: schemas/source.schema.json {kind}\n")
        r = run("schema", "--output", "schemas", "--check", *extra, cwd=data_copy.parent)
        assert (r.code, r.err) == (2, "aztimeline: error: out of date: source.schema.json; run aztimeline schema\n")
    assert outside.read_text(encoding="utf-8") == "the user's\n"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def _new_version(data: Path, source: str, date: str = "2021-12-07", **popen: object) -> Result:
    return run("new-version", "--from", "az-2020-11-18", "--source", source, "--date", date, cwd=data.parent, **popen)


def test_new_version_refuses_a_300_mb_letter_by_its_size(data_copy):
    big = data_copy.parent / "letter.txt"
    subprocess.run(["truncate", "-s", "300M", str(big)], check=True)  # 300 MB of NUL bytes, sparse
    before = manifest(data_copy)
    r = _new_version(data_copy, "letter.txt")
    assert (r.code, r.err) == (2, "aztimeline: error: source file letter.txt is 314572800 bytes, over the limit of 2000000 for a raw text\n")
    assert manifest(data_copy) == before


@pytest.mark.parametrize(
    "text, message",
    [
        ("Brief\n\nEen\x00zin.\n", "letter.txt:3: the letter contains, at column 4, the control character U+0000"),
        ("Brief\n\nEen \x1b[31mzin.\n", "letter.txt:3: the letter contains, at column 5, the control character U+001B"),
        ("Brief\n\n\ue000 Een zin.\n", "letter.txt:3: the letter contains, at column 1, the private-use character U+E000, which has no agreed meaning"),
    ],
)
def test_new_version_holds_the_letter_to_the_rules_of_a_raw_text(data_copy, text, message):
    (data_copy.parent / "letter.txt").write_text(text, encoding="utf-8")
    before = manifest(data_copy)
    r = _new_version(data_copy, "letter.txt")
    assert (r.code, r.err) == (2, f"aztimeline: error: {message}; a source text may not hold it: remove it\n")
    assert manifest(data_copy) == before


@pytest.mark.parametrize("date", ["1899-12-31", "2200-01-01"])
def test_new_version_refuses_a_date_the_data_cannot_hold(data_copy, date):
    (data_copy.parent / "letter.txt").write_text("Brief\n\nEen zin.\n", encoding="utf-8")
    before = manifest(data_copy)
    r = _new_version(data_copy, "letter.txt", date)
    assert (r.code, r.err) == (2, f"aztimeline: error: {date} is outside the dates the data can hold (1900-01-01 to 2199-12-31); check the year\n")
    assert manifest(data_copy) == before


@pytest.mark.parametrize("name, sid, title", [("index.txt", "source-index", "index"), ("   .txt", "source", "source")])
def test_new_version_names_a_source_as_the_data_allows(data_copy, name, sid, title):
    """index.txt gave the source id 'index', a page's name, and '   .txt' a blank title: new-version wrote data that
    validate then refused (found by an outside tester)."""
    (data_copy.parent / name).write_text("Brief\n\nEen zin.\n", encoding="utf-8")
    assert _new_version(data_copy, name).code == 0
    text = (data_copy / f"azerbaijan/sources/{sid}.yaml").read_text(encoding="utf-8")
    source = yaml.safe_load(text)
    assert (source["id"], source["title"]) == (sid, title)
    dated = text.splitlines().index("date: 2021-12-07") + 1
    r = run("validate", cwd=data_copy.parent)
    assert r.code == 2 and [line for line in r.err.splitlines() if "sources/" in line] == [
        f"policy_versions/azerbaijan/sources/{sid}.yaml:{dated}: date: given without an evidence quote; add metadata_evidence.date "
        "with the source's words that hold it, or record the date as unknown"
    ]  # what is still to fill in: the date's quote, and what lies in the version and amendment


def test_new_version_under_a_file_size_limit_leaves_no_truncated_file(data_copy):
    line = "Een zin van de brief, lang genoeg om de grens van de bestandsgrootte te halen.\n"
    (data_copy.parent / "letter.txt").write_text("Brief\n\n" + line * 12_000, encoding="utf-8")  # about 950 kB
    before = manifest(data_copy)
    r = _new_version(data_copy, "letter.txt", prefix=("prlimit", "--fsize=100000"))  # util-linux, as `ulimit -f` in a shell
    assert (r.code, r.err) == (
        2,
        "aztimeline: error: could not write the new files: cannot write policy_versions/azerbaijan/sources/letter.txt: "
        "the file is larger than the file-size limit allows (ulimit -f); nothing was written\n",
    )
    assert manifest(data_copy) == before
    assert not [p for p in data_copy.rglob(".*") if p.is_file()]


def test_new_version_writes_all_four_files(data_copy):
    (data_copy.parent / "letter.txt").write_text("Brief\n\nEen zin.\n", encoding="utf-8")
    r = _new_version(data_copy, "letter.txt")
    assert r.code == 0, r.err
    assert (data_copy / "azerbaijan/sources/letter.txt").read_bytes() == b"Brief\n\nEen zin.\n"
    for folder in ("sources/letter.yaml", "versions/az-2021-12-07.yaml", "amendments/az-2021-12-07.yaml"):
        assert (data_copy / "azerbaijan" / folder).is_file()


def test_export_force_keeps_the_mode_of_the_file_it_replaces(data_copy):
    out = data_copy.parent / "memo.md"
    out.write_text("old\n", encoding="utf-8")
    os.chmod(out, 0o600)
    r = run("export", "--format", "md", "--output", "memo.md", "--force", cwd=data_copy.parent)
    assert r.code == 0, r.err
    assert out.stat().st_mode & 0o7777 == 0o600 and out.read_text(encoding="utf-8") != "old\n"


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o027, 0o640)])
def test_a_new_export_honours_the_umask(data_copy, umask, mode):
    for fmt in ("md", "docx"):
        r = run("export", "--format", fmt, "--output", f"memo.{fmt}", cwd=data_copy.parent, umask=umask)
        assert r.code == 0, r.err
        assert (data_copy.parent / f"memo.{fmt}").stat().st_mode & 0o7777 == mode


SLOW_EXPORT = """
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # as from a terminal: `make test &` runs with SIGINT ignored
from aztimeline import export
from aztimeline.cli import main

real = export.export

def slow(*args, **kwargs):
    produce = real(*args, **kwargs)

    def slowly(path):
        produce(path)
        print("writing", file=sys.__stdout__, flush=True)  # past the command's output, which is held to its end
        time.sleep(60)

    return slowly

export.export = slow
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_export_leaves_no_temporary_file(data_copy, signum):
    here = data_copy.parent
    (here / "memo.docx").write_bytes(b"the old memo")
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_EXPORT, "export", "--format", "docx", "--output", "memo.docx", "--force"],
        cwd=here,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and select.select([proc.stdout], [], [], TIMEOUT)[0], "the export never began writing"
        assert proc.stdout.readline() == "writing\n"  # the temporary file is written
        assert [p.name for p in here.iterdir() if p.name.startswith(".memo.docx.")]
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=TIMEOUT)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signum
    assert "Traceback" not in err
    assert [p.name for p in here.iterdir() if p.name.startswith(".")] == []
    assert (here / "memo.docx").read_bytes() == b"the old memo"


# --- streams and the terminal ------------------------------------------------------------------------------------


def test_a_closed_standard_output_is_one_line(data_copy):
    for command in (["validate"], ["changes", "--format", "json"], ["asof", "2020-12-01"]):
        proc = subprocess.run(
            ["sh", "-c", 'exec "$0" "$@" >&-', EXE, *command], cwd=data_copy.parent, stderr=subprocess.PIPE, text=True, timeout=TIMEOUT
        )
        assert (proc.returncode, proc.stderr) == (
            2,
            "aztimeline: error: standard output is closed; run the command with its output going to a terminal, a file or a pipe\n",
        ), command


@pytest.mark.parametrize("command", [["changes"], ["asof", "2020-12-01"], ["paragraphs", "kamerbrief-2020-11-18"]])
def test_a_standard_output_that_cannot_hold_the_text_gets_none_of_it(data_copy, command):
    """Before, the text up to the first character the output could not hold was written (1,054 bytes of `changes`,
    a cut-off history that looked whole): found by an outside tester."""
    r = run(*command, cwd=data_copy.parent, env={"PYTHONIOENCODING": "ascii"})
    assert (r.code, r.out) == (2, "")
    assert len(r.err.splitlines()) == 1
    assert re.fullmatch(r"aztimeline: error: standard output is ascii, which cannot hold U\+[0-9A-F]{4}; set PYTHONIOENCODING=utf-8 or use a UTF-8 locale\n", r.err)


@pytest.mark.parametrize("command", [["changes"], ["changes", "--format", "json"], ["asof", "2020-12-01"], ["paragraphs", "kamerbrief-2020-11-18"]])
def test_a_reader_that_goes_away_ends_the_command_silently(data_copy, command):
    """`aztimeline changes | head -1`: the status of a program ended by SIGPIPE, as Unix tools end, and no message."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line is written
    try:
        proc = subprocess.run([EXE, *command], cwd=data_copy.parent, stdout=write, stderr=subprocess.PIPE, text=True, timeout=TIMEOUT)
    finally:
        os.close(write)
    assert (proc.returncode, proc.stderr) == (141, "")


def test_serve_says_nothing_when_a_client_resets_the_connection(tmp_path, capfd):
    from aztimeline.serve import make_server

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    (site / "big.bin").write_bytes(os.urandom(1 << 20) * 16)  # 16 MB: still being sent when the client resets
    server = make_server(site, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        for _ in range(5):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            s.recv(1024)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
            s.close()
        time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as resp:  # the server still answers
            assert resp.status == 200
    finally:
        server.shutdown()
        server.server_close()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err


def test_history_shows_escape_sequences_from_commit_messages_as_escapes(data_copy):
    """Issue 20: ESC and OSC sequences in a commit message reached the terminal raw."""
    git = ["git", "-c", "user.name=Ed\x1b]0;owned\x07itor", "-c", "user.email=e@example.org", "-c", "commit.gpgsign=false"]
    here = data_copy.parent
    subprocess.run([*git, "init", "-q"], cwd=here, check=True)
    subprocess.run([*git, "add", "."], cwd=here, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Data \x1b[2J\x1b]8;;http://x\x07link\x1b]8;;\x07 \u202eevil"], cwd=here, check=True)
    r = run("history", cwd=here)
    assert r.code == 0, r.err
    shown = r.out + r.err
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "Data \\x1b[2J\\x1b]8;;http://x\\x07link" in r.out and "\\u202eevil" in r.out
    assert "Ed\\x1b]0;owned\\x07itor" in r.out


def test_git_that_cannot_start_for_want_of_files_names_the_limit():
    """Under `ulimit -n 8` git could not start, and `history` said "git cannot run: Failed to initialize: [Errno 24]
    …" (found by an outside tester). It names the process's limit instead; the history is omitted, as without git."""
    r = run("history", cwd=DATA.parent, prefix=("prlimit", "--nofile=8"))
    assert "ulimit -n" in r.err and "Failed to initialize" not in r.err, r.err
