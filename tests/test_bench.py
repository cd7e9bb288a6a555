"""The benchmark runs (smallest size, once). It asserts that it works and what it reports, never how fast."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_benchmark_smoke_run_reports_every_user():
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks/run.py"), "--smoke"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    for heading in ("## A lawyer", "## An editor", "## A reader", "## A liaison"):
        assert heading in r.stdout
    assert "| 3 versions (synthetic) |" in r.stdout
    assert "Warm against the bare import" in r.stdout


def test_synthetic_data_passes_validate(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    from aztimeline.validate import load_and_validate

    data = generate(tmp_path, countries=1, versions=5, provisions=30, seed=3)  # one country: validate allows no more
    v = load_and_validate(data)
    assert len(v.dataset.countries) == 1
    assert sum(len(r) for r in v.changes.values()) > 0
    again = generate(tmp_path / "again", countries=1, versions=5, provisions=30, seed=3)
    assert sorted(p.read_bytes() for p in data.rglob("*.yaml")) == sorted(p.read_bytes() for p in again.rglob("*.yaml"))
