from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from aztimeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "policy_versions"
COUNTRY = "azerbaijan"
FIXED_EPOCH = "1700000000"  # 2023-11-14: a fixed build time for golden outputs


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
