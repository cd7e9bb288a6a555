"""The benchmark runs (smallest size, once). It asserts that it works, never how fast."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import ROOT


def test_benchmark_smoke_run():
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks/run.py"), "--smoke"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout.strip().splitlines()[-1])["ok"] is True


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


def test_build_phases_add_up(tmp_path):
    """benchmarks/phases.py times one real build (cold): every phase ran, and none is counted twice (the rest is not negative)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    out = tmp_path / "out" / "site"
    r = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/phases.py"), str(ROOT / "policy_versions"), str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    phases = json.loads(r.stdout.strip().splitlines()[-1])
    assert (out / "index.html").is_file() and (out / "en" / "index.html").is_file()
    parts = {k: v for k, v in phases.items() if k not in ("total", "git", "process")}
    assert set(parts) >= {"validation", "page generation", "downloads", "MkDocs, both editions"}
    assert all(v >= 0 for v in phases.values()), phases
    assert all(parts[k] > 0 for k in ("validation", "page generation", "downloads", "MkDocs, both editions")), parts
    assert phases["total"] <= phases["process"] + 1e-6
