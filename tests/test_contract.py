"""Validate is the contract: inputs that slipped through or hung before #13, each refused with its exact line.

Every case runs the real CLI on a private copy of the data and checks the exit code, every message line, and
that the data files are unchanged afterwards (validation never writes).
"""

from __future__ import annotations

import hashlib
import os
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import edit

A = "policy_versions/azerbaijan/versions/az-2020-11-18.yaml"
E = "policy_versions/azerbaijan/events.yaml"
M = "policy_versions/azerbaijan/amendments/az-2020-11-18.yaml"
P = "policy_versions/azerbaijan"
TITLE = "title_nl: Risicogroep voor critici van de autoriteiten"
EVENT_TITLE = "    title_en: President Aliyev's Novruz pardon for more than four hundred prisoners"
CYCLE = "the versions form a cycle (az-2020-11-18 -> az-before-2020-11-18 -> az-2020-11-18); each version must lead on to a later one, so remove or correct one amendment"

# name: (edits as (file, old, new); old=None writes new as the whole file), expected lines
CASES: dict[str, tuple[list[tuple[str, str | None, str]], list[str]]] = {
    "python-tag-on-a-mapping": (
        [(A, "evidence_base:\n", "evidence_base: !!python/object:os.system\n")],
        [f"{A}:34: evidence_base: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; remove the tag"],
    ),
    "set-tag-on-a-list": (
        [(E, "events:\n", "events: !!set\n")],
        [f"{E}:3: events: YAML tag 'tag:yaml.org,2002:set' is not allowed; remove the tag"],
    ),
    "alias-as-a-key": (
        [(E, "  - id: novruz-pardon-2019\n", "  - &k id: novruz-pardon-2019\n    *k : x\n")],
        [f"{E}:5: events[0]: YAML aliases (*name) are not allowed as keys; write the key out in full"],
    ),
    "complex-key-at-its-own-line": (
        [(E, "events:\n", "? [a, b]\n: c\nevents:\n")],
        [f"{E}:3: (file): mapping keys must be plain text, not a list or mapping"],
    ),
    "quoted-true-is-not-a-boolean": (
        [(A, "basis_stated: true", 'basis_stated: "true"')],
        [f"{A}:40: evidence_base.basis_stated: expected true or false, got 'true'"],
    ),
    "yes-is-not-a-boolean": (
        [(A, "basis_stated: true", "basis_stated: yes")],
        [f"{A}:40: evidence_base.basis_stated: 'yes' is read as a yes/no value; write true or false, or put it in quotes if it is text"],
    ),
    "bel-in-a-title": (
        [(E, EVENT_TITLE, '    title_en: "\\a bell"')],
        [f"{E}:7: events[0].title_en: text contains, at character 1, the control character U+0007; remove it"],
    ),
    "esc-in-a-title": (
        [(A, TITLE, 'title_nl: "Risicogroep \\e[31m"')],
        [f"{A}:114: provisions.risk-group-critics.title_nl: text contains, at character 13, the control character U+001B; remove it"],
    ),
    "non-character-in-a-title": (
        [(A, TITLE, 'title_nl: "Risicogroep \\uFFFE"')],
        [f"{A}:114: provisions.risk-group-critics.title_nl: text contains, at character 13, the non-character U+FFFE; remove it"],
    ),
    "right-to-left-override": (
        [(A, TITLE, 'title_nl: "Risicogroep \\u202Eetirovaf"')],
        [
            f"{A}:114: provisions.risk-group-critics.title_nl: text contains, at character 13, the bidirectional control U+202E, "
            "which makes text display in another order than it reads; remove it"
        ],
    ),
    "date-0001-01-01": (
        [(E, "date: 2019-03-16", "date: 0001-01-01")],
        [f"{E}:5: events[0].date: 0001-01-01 is outside the dates this data can hold (1900-01-01 to 2199-12-31); check the year"],
    ),
    "date-9999-12-31": (
        [(E, "date: 2019-03-16", "date: 9999-12-31")],
        [f"{E}:5: events[0].date: 9999-12-31 is outside the dates this data can hold (1900-01-01 to 2199-12-31); check the year"],
    ),
    "base-60-number-in-a-title": (
        [(E, EVENT_TITLE, "    title_en: 1:20")],
        [f"{E}:7: events[0].title_en: '1:20' is read as a base-60 number; put it in quotes if it is text, such as a time"],
    ),
    "whitespace-only-quote": (
        [(M, "      quote: Bepaalde groepen kunnen hierdoor niet op bescherming van de autoriteiten rekenen.\n", '      quote: "   "\n')],
        [f"{M}:14: justifications.risk-group-critics[0].quote: quote holds only spaces or invisible characters; copy the quoted words from the source"],
    ),
    "amendment-cycle": (
        [
            (
                f"{P}/amendments/az-back.yaml",
                None,
                "id: az-back\nversion_from: az-2020-11-18\nversion_to: az-before-2020-11-18\ninstrument: kamerbrief-2020-11-18\nannounced: 2020-11-18\n",
            )
        ],
        [f"{M}:4: version_to: {CYCLE}", f"{P}/amendments/az-back.yaml:3: version_to: {CYCLE}"],
    ),
    "second-country": (
        [(f"{P}-two/country.yaml", None, "")],  # filled in by the test: a copy of country.yaml with another id
        [
            "policy_versions/azerbaijan-two/country.yaml:2: id: a second country (azerbaijan-two) is not supported: "
            "the site and exports cover one country (azerbaijan); keep each country in a data folder of its own"
        ],
    ),
    "upper-case-extension": (
        [(f"{P}/versions/x.YAML", None, "a: 1\n")],
        [f"{P}/versions/x.YAML: (file): data file names end in lowercase .yaml; rename it"],
    ),
    "backup-file": (
        [(f"{P}/versions/az-2020-11-18.yaml.bak", None, "a: 1\n")],
        [
            f"{P}/versions/az-2020-11-18.yaml.bak: (file): unexpected file in versions/ (only .yaml data files are read); move it out of the data directory"
        ],
    ),
    "stray-file-in-amendments": (
        [(f"{P}/amendments/notes.txt", None, "a\n")],
        [
            f"{P}/amendments/notes.txt: (file): unexpected file in amendments/ (only .yaml data files are read); move it out of the data directory"
        ],
    ),
    "folder-in-sources": (
        [(f"{P}/sources/old/x.yaml", None, "a: 1\n")],
        [f"{P}/sources/old: (file): unexpected folder in sources/; move it out of the data directory"],
    ),
    "country-yml": (
        [("policy_versions/other/country.yml", None, "id: other\n")],
        ["policy_versions/other/country.yml: (file): rename this file to country.yaml"],
    ),
    "folder-without-country": (
        [("policy_versions/other/readme.md", None, "x\n")],
        ["policy_versions/other: (file): folder has no country.yaml; each country folder needs one (or move the folder out)"],
    ),
    "file-in-the-data-root": (
        [("policy_versions/README.md", None, "x\n")],
        ["policy_versions/README.md: (file): unexpected file in the data directory; each country is a folder with a country.yaml"],
    ),
    "raw-text-without-source": (
        [(f"{P}/sources/extra.txt", None, "x\n")],
        [f"{P}/sources/extra.txt: (file): raw text that no source names in raw_file; add its source .yaml, or remove it"],
    ),
    "events-yml": (
        [(f"{P}/events.yml", None, "events: []\n")],
        [f"{P}/events.yml: (file): rename this file to events.yaml"],
    ),
}

EXTRA = 16
"""Cases with tests of their own below (each counted once): FIFO, folder, symlink loop, symlinked versions/ and
country folders, a folder as raw text, an unreadable file, UTF-32, UTF-16 without BOM, the node limit, data that
is a file, serve, asof with a week date, diff --rev, deep block nesting in a large file, and new-version from a
device."""


def manifest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _apply(base: Path, edits: list[tuple[str, str | None, str]]) -> None:
    for file, old, new in edits:
        path = base / file
        if old is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new, encoding="utf-8")
        else:
            edit(path, old, new)


def _check(cli, base: Path, expected: list[str]) -> None:
    before = manifest(base)
    r = cli("validate")
    n = len(expected)
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [*expected, f"aztimeline: {n} problem{'s' if n != 1 else ''} found; nothing was written"]
    assert "Traceback" not in r.err
    assert manifest(base) == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_exactly(name, data_copy, cli):
    edits, expected = CASES[name]
    base = data_copy.parent
    if name == "second-country":
        text = (data_copy / "azerbaijan/country.yaml").read_text(encoding="utf-8").replace("id: azerbaijan\n", "id: azerbaijan-two\n", 1)
        edits = [(edits[0][0], None, text)]
    _apply(base, edits)
    _check(cli, base, expected)


def test_a_fifo_is_never_read(data_copy, cli):
    events = data_copy / "azerbaijan/events.yaml"
    events.unlink()
    os.mkfifo(events)  # reading it would block forever
    _check(cli, data_copy.parent, [f"{E}: (file): is a device, pipe or socket, not a data file; remove it"])


def test_a_folder_as_a_data_file(data_copy, cli):
    events = data_copy / "azerbaijan/events.yaml"
    events.unlink()
    events.mkdir()
    _check(cli, data_copy.parent, [f"{E}: (file): is a folder, not a data file; remove it or rename it"])


def test_a_symlink_loop(data_copy, cli):
    events = data_copy / "azerbaijan/events.yaml"
    events.unlink()
    events.symlink_to("events.yaml")
    _check(
        cli,
        data_copy.parent,
        [f"{E}: (file): cannot read the file: it is unreadable (Too many levels of symbolic links); replace the link with the file itself"],
    )


@pytest.mark.parametrize("folder", ["azerbaijan/versions", "azerbaijan"])
def test_symlinked_folders_out_of_the_data_are_refused(data_copy, cli, tmp_path, folder):
    outside = tmp_path / "elsewhere"
    (data_copy / folder).rename(outside)
    (data_copy / folder).symlink_to(outside)
    message = "folder is a symbolic link pointing outside the data directory; replace it with the folder itself"
    if folder == "azerbaijan":
        message = "symbolic link points outside the data directory; replace it with the folder itself"
    _check(cli, data_copy.parent, [f"policy_versions/{folder}: (file): {message}"])


def test_a_folder_as_raw_text(data_copy, cli):
    raw = data_copy / "azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt"
    raw.unlink()
    raw.mkdir()
    r = cli("validate")
    assert r.code == 2
    assert r.err.splitlines()[:2] == [
        f"{P}/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt: (file): unexpected folder in sources/; move it out of the data directory",
        f"{P}/sources/kamerbrief-2020-11-18.yaml:13: raw_file: raw text {P}/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt "
        "is a folder, not a file; store the text file itself",
    ]


def test_an_unreadable_file(data_copy, cli, monkeypatch):
    # Tests run as root, which reads any file; the read fails here as it does for a user without rights.
    from aztimeline import datafiles

    real = datafiles._Folder.read

    def guarded(self, rel, limit):
        if rel.endswith("events.yaml"):
            raise PermissionError(13, "Permission denied", rel)
        return real(self, rel, limit)

    monkeypatch.setattr(datafiles._Folder, "read", guarded)
    _check(cli, data_copy.parent, [f"{E}: (file): cannot read the file: Permission denied"])


def test_utf_32_and_bomless_utf_16(data_copy, cli):
    events = data_copy / "azerbaijan/events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_bytes(text.encode("utf-32"))
    _check(cli, data_copy.parent, [f"{E}:1: (file): the file is UTF-32; save it as UTF-8"])
    events.write_bytes(text.encode("utf-16-le"))
    _check(
        cli,
        data_copy.parent,
        [f"{E}:1: (file): the file looks like UTF-16 or UTF-32 without a byte order mark (it is full of NUL bytes); save it as UTF-8"],
    )


def test_node_limit_is_enforced_while_parsing(data_copy, cli):
    from aztimeline.datafiles import MAX_YAML_BYTES
    from aztimeline.yamlload import MAX_NODES

    events = data_copy / "azerbaijan/events.yaml"
    events.write_text("events:\n" + "- a\n" * 1_240_000, encoding="utf-8")  # 4.96 MB, 1.24 million items
    assert events.stat().st_size < MAX_YAML_BYTES
    # The composer stops at node MAX_NODES + 1: the mapping, its key, its list, then item n on line n + 1.
    _check(
        cli,
        data_copy.parent,
        [f"{E}:{MAX_NODES - 1}: (file): more than {MAX_NODES} YAML nodes; stopped reading here; split the file or remove repeated content"],
    )


def test_data_that_is_a_file(data_copy, cli):
    r = cli("validate", "--data", "policy_versions/azerbaijan/country.yaml")
    assert r.code == 2
    assert (
        r.err.splitlines()[0]
        == f"{P}/country.yaml: (file): data directory is a file, not a folder; pass --data PATH to a policy_versions/ folder"
    )


def test_asof_refuses_a_week_date(data_copy, cli):
    r = cli("asof", "2020-W47-3")
    assert (r.code, r.err) == (2, "aztimeline: error: '2020-W47-3' is not a date; write it as YYYY-MM-DD, for example 2020-11-18\n")


def test_serve_lists_no_directory_and_refuses_nul(built_site, cli):
    from aztimeline.serve import make_server

    server = make_server(built_site, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert (built_site / "assets").is_dir() and not (built_site / "assets/index.html").exists()
        for path, status in (("/assets/", 404), ("/assets", 404), ("/%00", 400), ("/index.html%00.txt", 400), ("/" + "a" * 5000, 404)):
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(base + path)
            assert err.value.code == status, path
        with urllib.request.urlopen(base + "/") as resp:
            assert resp.status == 200
    finally:
        server.shutdown()
        server.server_close()
    for port in ("-1", "65536"):
        r = cli("serve", "--site", str(built_site), "--port", port)
        assert r.code == 2  # the server's request log above is on stderr too
        assert (
            r.err.splitlines()[-1]
            == f"aztimeline: error: --port {port} is not a port number; choose one from 1024 to 65535 (or 0 for any free port)"
        )


def test_serve_keeps_to_the_site_and_to_its_own_host_name(tmp_path):
    """A symbolic link in the served folder does not reach a file outside it, and a request for another host name
    (a page that points its own name at 127.0.0.1: DNS rebinding) is refused (found by an outside tester)."""
    from aztimeline.serve import make_server

    site, secret = tmp_path / "site", tmp_path / "secret.txt"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    (site / "page.html").write_text("<!doctype html><title>p</title>", encoding="utf-8")
    secret.write_text("not for the browser", encoding="utf-8")
    (site / "leak.txt").symlink_to(secret)
    (site / "outside").symlink_to(tmp_path, target_is_directory=True)
    (site / "inside.html").symlink_to(site / "page.html")  # a link within the site is the site's
    server = make_server(site, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def status(path: str, host: str | None = None) -> int:
        request = urllib.request.Request(base + path, headers={"Host": host} if host else {})
        try:
            with urllib.request.urlopen(request) as resp:
                return resp.status
        except urllib.error.HTTPError as err:
            return err.code

    try:
        assert status("/leak.txt") == 404 and status("/outside/secret.txt") == 404
        assert status("/inside.html") == 200 and status("/") == 200
        assert status("/", f"localhost:{server.server_address[1]}") == 200
        assert status("/", "evil.example.com") == 421 and status("/", f"evil.example.com:{server.server_address[1]}") == 421
        for host in ("a[b", "[", "[::1", "]"):  # no host name to read: these got no answer at all (an outside tester's read)
            assert status("/", host) == 421, host
    finally:
        server.shutdown()
        server.server_close()


def test_diff_rev_names_the_revision_not_a_temporary_folder(tmp_path, monkeypatch, cli):
    import shutil
    import subprocess

    from .conftest import DATA

    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "policy_versions")
    edit(repo / E, "date: 2019-03-16", "date: 2019-02-30")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "broken"], cwd=repo, check=True)
    monkeypatch.chdir(repo)
    r = cli("diff", "--rev", "HEAD")
    assert r.code == 2
    assert r.err.splitlines()[0] == (
        "HEAD:policy_versions/azerbaijan/events.yaml:5: events[0].date: 2019-02-30 is not a real calendar date "
        "(day is out of range for month); check the day and month"
    )
    # a revision cannot be edited: the last line says what to do instead (found by an outside tester, who was told
    # 26 times to "add" a field to an old commit)
    assert r.err.splitlines()[-1] == (
        "aztimeline: these are the problems of revision HEAD, which cannot be edited; compare revisions that validate, "
        "or correct the data in a new commit"
    )


def test_number_of_cases_is_what_the_threat_model_says():
    from .conftest import ROOT

    text = (ROOT / "docs/en/threat-model.md").read_text(encoding="utf-8")
    assert f"**{len(CASES) + EXTRA} contract cases**" in text


def test_deep_nesting_in_a_large_file_stops_while_parsing(data_copy, cli):
    # Over 200,000 bytes the counting composer reads the file; 1,200 levels would overflow Python's stack there.
    text = "events: []\nx:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(1200)) + " " * 1201 + "b\n"
    (data_copy / "azerbaijan/events.yaml").write_text(text, encoding="utf-8")
    _check(cli, data_copy.parent, [f"{E}:35: x{'.a' * 32}: nested deeper than 32 levels; flatten the structure"])


def test_new_version_from_a_device_or_pipe(data_copy, cli):
    os.mkfifo(data_copy.parent / "letter.txt")
    before = manifest(data_copy)
    for source in ("/dev/zero", "letter.txt"):  # never ends, and blocks: neither is read
        r = cli("new-version", "--from", "az-2020-11-18", "--source", source, "--date", "2021-12-07")
        assert (r.code, r.err) == (
            2,
            f"aztimeline: error: source file {source} is not a regular file; give the letter as a UTF-8 text file\n",
        )
    assert manifest(data_copy) == before


def test_furniture_patterns_are_literal_text_with_stars():
    from aztimeline.source import Glob

    assert Glob("Retouradres *").fullmatch("Retouradres Postbus 20301 2500 EH Den Haag")
    assert not Glob("Retouradres *").fullmatch("Het Retouradres")
    assert Glob("Ons kenmerk 3019810").fullmatch("Ons kenmerk 3019810")
    assert not Glob("Ons kenmerk 3019810").fullmatch("Ons kenmerk 3019810.")
    assert Glob("a*b*c").fullmatch("abc") and Glob("a*b*c").fullmatch("a-b-b-c") and not Glob("a*b*c").fullmatch("a-c-b")
    assert Glob("(\\w+\\s?)*!").fullmatch("(\\w+\\s?) and more!")  # brackets, backslashes and ? are plain characters
    assert not Glob("(\\w+\\s?)*!").fullmatch("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    # the block that made the regular expression backtrack for ever is simply not matched
    assert not Glob("*a*a*a*a*a*a*a*a*!").fullmatch("a" * 200_000)
