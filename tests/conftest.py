from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from aztimeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "policy_versions"
COUNTRY = "azerbaijan"
FIXED_EPOCH = "1700000000"  # 2023-11-14: a fixed build time for golden outputs


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite's as-of and download caches live in a folder of its own, never in the user's ~/.cache."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own (the tool's caches are on, whatever the environment says)."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("AZTIMELINE_NO_CACHE", raising=False)
    return home / "aztimeline"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of policy_versions/ in tmp_path (outside git), with cwd set to tmp_path."""
    dst = tmp_path / "policy_versions"
    shutil.copytree(DATA, dst)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    return dst


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run the CLI in-process and capture its exit code and output."""

    def run(*args: str) -> Result:
        code = main(list(args))
        cap = capsys.readouterr()
        return Result(code, cap.out, cap.err)

    return run


def run_subprocess(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run the installed console script, as a user would, to see real tracebacks and exit codes."""
    exe = Path(sys.executable).with_name("aztimeline")
    proc = subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace old by new in a data file, failing loudly when old is not there as often as expected."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {path}, expected {count}"
    path.write_text(text.replace(old, new), encoding="utf-8")


LETTER_2025 = "Datum 14 maart 2025\n\nDe risicogroep van critici wordt uitgebreid met bloggers.\n"


def add_version_2025(data: Path) -> None:
    """An editor's exercise, as docs/en/editors.md has it: new-version from an invented letter of 14 March 2025 that adds
    bloggers to the risk group of critics, filled in until it validates, with the search for later changes moved to
    its date. Only the scaffold writes the version's other provisions."""
    import datetime as dt

    import yaml

    from aztimeline.scaffold import new_version

    letter = data.parent / "kamerbrief-2025-03-14.txt"
    letter.write_text(LETTER_2025, encoding="utf-8")
    new_version(data, "az-2020-11-18", letter, dt.date(2025, 3, 14))
    cite = {"source": "kamerbrief-2025-03-14", "anchor": "p2", "quote": "De risicogroep van critici wordt uitgebreid met bloggers."}
    path = data / COUNTRY / "versions/az-2025-03-14.yaml"
    version = yaml.safe_load(path.read_text(encoding="utf-8"))
    version["milestones"]["announced"]["citations"] = [{**cite, "anchor": "p1", "quote": "Datum 14 maart 2025"}]
    critics = version["provisions"]["risk-group-critics"]
    critics["summary_nl"] = critics["summary_nl"].replace("mensenrechten, en die", "mensenrechten, of als blogger, en die")
    critics["citations"].append(cite)
    path.write_text(yaml.safe_dump(version, allow_unicode=True, sort_keys=False), encoding="utf-8")
    edit(data / COUNTRY / "amendments/az-2025-03-14.yaml", "justifications: {}", f"justifications:\n  risk-group-critics: [{json.dumps(cite)}]")
    dated = json.dumps({**cite, "anchor": "p1", "quote": "Datum 14 maart 2025"})
    edit(data / COUNTRY / "sources/kamerbrief-2025-03-14.yaml", "metadata_evidence: {}", f"metadata_evidence:\n  date: [{dated}]")
    edit(data / COUNTRY / "country.yaml", "checked_until: 2024-12-31", "checked_until: 2025-03-31")


INJECTIONS = {
    "title_nl: Risicogroep voor critici van de autoriteiten": "title_nl: \"<script>alert('t')</script> Risicogroep {{ config.site_name }} {% raw %}\"",
    "title_en: Risk group for critics of the authorities": 'title_en: "<img src=x onerror=alert(1)> Risk group [x](javascript:alert(2)) ${7*7}"',
    "    summary_nl: >-\n      Vreemdelingen die actief zijn": "    summary_nl: >-\n      </div></section><script>alert(3)</script> ``` ## Kop | a | b | <a href=javascript:alert(4)>klik</a> Vreemdelingen die actief zijn",
    "title_nl: No decision": "title_nl: No decision",
}


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test run and read by every test of every pytest-xdist worker: the first worker to ask
    makes it under a lock, the others wait and reuse it. Tests only read what it holds."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, shared by its workers
    folder, done = base / f"shared-{name}", base / f"shared-{name}.done"
    with FileLock(str(base / f"shared-{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _build(data: Path, **options: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        from aztimeline.site.build import build_site

        build_site(data, folder / "site", root=ROOT, **options)

    return make


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's data built with Material, once per test run."""
    return shared_build(tmp_path_factory, "site", _build(DATA)) / "site"


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The repository's data built with Zensical, once per test run (test_zensical and the browser smoke tests)."""
    from aztimeline.site.engines import zensical_executable

    if zensical_executable() is None:
        if os.environ.get("AZTIMELINE_REQUIRE_TOOLS"):
            pytest.fail("zensical not found, and AZTIMELINE_REQUIRE_TOOLS is set")
        pytest.skip("zensical is not installed (pip install -r requirements.lock)")
    return shared_build(tmp_path_factory, "zensical", _build(DATA, engine="zensical")) / "site"


def build_injected(engine: str) -> Callable[[Path], None]:
    """Makes a folder holding the injected data (injected_data) and its site built with engine."""

    def make(folder: Path) -> None:
        _build(injected_data(folder), engine=engine)(folder)

    return make


@pytest.fixture(scope="session")
def injected_site(tmp_path_factory) -> Path:
    """Data with markup and scripts in its text, built with Material once per test run."""
    return shared_build(tmp_path_factory, "injected", build_injected("material")) / "site"


def injected_data(base: Path) -> Path:
    """A copy of the data in base whose titles, summaries and events carry markup, template syntax and scripts."""
    data = base / "policy_versions"
    shutil.copytree(DATA, data)
    path = data / "azerbaijan/versions/az-2020-11-18.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in INJECTIONS.items():
        if old in text:
            text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    country = data / "azerbaijan/country.yaml"  # a heading of ours whose title makes another element's id
    country.write_text(country.read_text(encoding="utf-8").replace("title_nl: Bescherming door autoriteiten", "title_nl: Prov lgbti", 1), encoding="utf-8")
    for version in ("az-before-2020-11-18", "az-2020-11-18"):
        # a provision whose id is another's with "-h" after it: its anchors must not be the other's heading's
        path = data / f"azerbaijan/versions/{version}.yaml"
        text = path.read_text(encoding="utf-8")
        block = re.search(r"^  decision-moratorium:\n(    .*\n|\n)*", text, re.M)
        assert block, path
        path.write_text(text + block[0].replace("decision-moratorium:", "decision-moratorium-h:", 1), encoding="utf-8")
    (data / "azerbaijan/events.yaml").write_text(
        (data / "azerbaijan/events.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "title_en: Commitment to MP Groothuizen (D66) to ask for a new general country report",
            # "## Kop" inside a title must stay text, never start a heading
            'title_en: "<svg onload=alert(5)> Commitment [[link]](javascript:alert(6)) ## Kop"',
        ),
        encoding="utf-8",
    )
    return data
