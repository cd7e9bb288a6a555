"""`make bench`: what users wait for, in seconds, and what a reader's phone downloads, in bytes.

- a lawyer: `aztimeline asof DATE`, cold (empty cache) and warm, beside the bare `import yaml, pydantic`;
- an editor: `make site` and `aztimeline build` at today's data, and `aztimeline build` at 10 and 100 synthetic
  versions (`synth.py`);
- a liaison: a memo export (Word and workbook) beside the same export of the commit before this round's work
  (`--baseline`, checked out and installed into a temporary folder);
- a reader: the size of the site, of its largest page and of its search index, at today's data and 100 versions.

Every command runs as a user runs it, in a fresh process; a row gives the median and the range of wall-clock
seconds, and the CPU seconds (user + system) of the median run. The report goes to docs/benchmarks.md, a page for
developers that is not published on the site. `--smoke` runs everything once at the smallest sizes, without `make site`
(which writes the repository's site/) and the baseline, into a temporary folder (for the test suite); it asserts nothing
about time.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synth import generate  # noqa: E402

BASELINE = "98f80c5"
"""The last commit before this round's work (issues 19 to 22): the memo export is measured beside it."""

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("AZTIMELINE_NO_CACHE", None)


def run_once(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the command and its children) of one command, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env or ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed(cmd: list[str], repeats: int, *, before: Any = None, **kw: Any) -> dict[str, Any]:
    """repeats runs of cmd (before() runs untimed ahead of each): median, range and the median run's CPU time."""
    runs = []
    for _ in range(repeats):
        if before:
            before()
        runs.append(run_once(cmd, **kw))
    runs.sort()
    wall = [w for w, _ in runs]
    return {"median": statistics.median(wall), "min": wall[0], "max": wall[-1], "cpu": runs[len(runs) // 2][1], "runs": repeats}


def sizes(site: Path) -> dict[str, Any]:
    """Bytes of the whole site, of its largest HTML page, of each edition's search index, of the JSON API (api/) and of
    the downloads of both editions (downloads/, en/downloads/)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = {p.relative_to(site).as_posix(): p.stat().st_size for p in files if p.parent.name == "search" and p.suffix == ".json"}
    index |= {p.relative_to(site).as_posix(): p.stat().st_size for p in files if p.name == "search.json"}
    return {
        "total": sum(p.stat().st_size for p in files),
        "files": len(files),
        "largest": (largest.relative_to(site).as_posix(), largest.stat().st_size),
        "search": index,
        "api": sum(p.stat().st_size for p in files if p.relative_to(site).parts[0] == "api"),
        "downloads": sum(p.stat().st_size for p in files if "downloads" in p.relative_to(site).parts[:2] and p.name != "index.html"),
    }


def lawyer(tmp: Path, repeats: int) -> dict[str, Any]:
    """The as-of command cold and warm, and the bare import, measured side by side: round by round, so a slow
    spell of the shared machine falls on all of them alike."""
    cache = tmp / "cache"
    env = {**ENV, "XDG_CACHE_HOME": str(cache)}
    asof = [str(BIN / "aztimeline"), "asof", "2020-12-01", "--data", str(ROOT / "policy_versions")]
    rows: dict[str, list[dict[str, Any]]] = {"python": [], "import": [], "cold": [], "warm": []}
    for _ in range(repeats):
        rows["python"].append(timed([sys.executable, "-c", "pass"], 1))
        rows["import"].append(timed([sys.executable, "-c", "import yaml, pydantic"], 1))
        rows["cold"].append(timed(asof, 1, env=env, before=lambda: shutil.rmtree(cache, ignore_errors=True)))
        rows["warm"].append(timed(asof, 1, env=env))  # the cold run just filled the cache
    return {name: merged(runs) for name, runs in rows.items()}


def merged(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Single runs of timed() as one row."""
    runs = sorted(runs, key=lambda r: r["median"])
    wall = [r["median"] for r in runs]
    return {"median": statistics.median(wall), "min": wall[0], "max": wall[-1], "cpu": runs[len(runs) // 2]["cpu"], "runs": len(runs)}


def editor(tmp: Path, repeats: int, versions: list[int], *, make_site: bool = True) -> dict[str, Any]:
    cache = tmp / "cache"
    env = {**ENV, "XDG_CACHE_HOME": str(cache)}
    empty = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
    out: dict[str, Any] = {}
    if make_site:  # builds the repository's own site/ folder: not in the test suite's smoke run
        out["make site"] = timed(["make", "-s", "site"], repeats, cwd=ROOT, env=env)
    site = tmp / "today" / "site"
    build = [str(BIN / "aztimeline"), "build", "--data", str(ROOT / "policy_versions"), "--output", str(site)]
    out["today"] = {"cold": timed(build, repeats, env=env, before=empty, cwd=ROOT), "warm": timed(build, repeats, env=env, cwd=ROOT)}
    out["today"]["sizes"] = sizes(site)
    for n in versions:
        data = generate(tmp / f"v{n}", versions=n, provisions=100)
        site = tmp / f"v{n}" / "site"
        build = [str(BIN / "aztimeline"), "build", "--data", str(data), "--output", str(site)]
        reps = repeats if n < 100 else max(1, min(repeats, 2))  # a build at 100 versions takes about a minute
        out[f"{n} versions"] = {"cold": timed(build, reps, env=env, before=empty, cwd=ROOT)}
        out[f"{n} versions"]["sizes"] = sizes(site)
        shutil.rmtree(tmp / f"v{n}", ignore_errors=True)
    return out


def baseline_checkout(rev: str, tmp: Path) -> Path:
    """The baseline commit in a folder of its own, with a .venv from its own requirements.lock."""
    folder = tmp / "baseline"
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev], capture_output=True, check=True).stdout
    folder.mkdir()
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    py = folder / ".venv" / "bin" / "python"
    subprocess.run([sys.executable, "-m", "venv", str(folder / ".venv")], check=True)
    pip = [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(folder / "requirements.lock")], check=True)
    subprocess.run([*pip, "--no-deps", "--no-build-isolation", "-e", str(folder)], check=True)
    return folder


def liaison(tmp: Path, repeats: int, baseline: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    places = {"now": (ROOT, BIN)}
    if baseline:
        old = baseline_checkout(baseline, tmp)
        places[f"baseline {baseline}"] = (old, old / ".venv" / "bin")
    for name, (folder, bin_dir) in places.items():
        env = {**ENV, "XDG_CACHE_HOME": str(tmp / "cache"), "SOURCE_DATE_EPOCH": "1700000000"}
        for fmt in ("docx", "xlsx"):
            target = tmp / f"memo-{name.split()[0]}.{fmt}"
            cmd = [str(bin_dir / "aztimeline"), "export", "--format", fmt, "--output", str(target), "--force"]
            out[f"{fmt}, {name}"] = timed(cmd, repeats, cwd=folder, env=env)
    return out


def _s(row: dict[str, Any]) -> str:
    return f"{row['median']:.2f} s ({row['min']:.2f}–{row['max']:.2f}; CPU {row['cpu']:.2f} s)"


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} KB"


def report(res: dict[str, Any]) -> str:
    law, ed, lia = res["lawyer"], res["editor"], res["liaison"]
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {res['machine']}, {res['date']}; the whole run took {res['minutes']} min. Each row is",
        "a command run as a user runs it, in a fresh process: the **median wall-clock time** of the runs, their range, and",
        "the CPU time (user + system) of the median run. The machine is a virtual machine with 2 cores shared with other",
        "work, so wall times move by tens of percent from run to run; compare rows of one run. This page is for",
        "developers and is not published on the site.",
        "",
        "## A lawyer: `aztimeline asof 2020-12-01`",
        "",
        "| what | time |",
        "|---|---|",
        f"| `python -c pass` | {_s(law['python'])} |",
        f"| `python -c \"import yaml, pydantic\"` (the bare import) | {_s(law['import'])} |",
        f"| `aztimeline asof`, cold: empty cache, so it loads and validates the data | {_s(law['cold'])} |",
        f"| `aztimeline asof`, warm: answered from the as-of cache | {_s(law['warm'])} |",
        "",
        f"Warm against the bare import: **{law['warm']['median'] / law['import']['median']:.2f}×** (the target is at most 1.5×).",
        "",
        "## An editor: building the site",
        "",
        "| what | pages built from | time |",
        "|---|---|---|",
        f"| `make site` (validate, then build; `.venv` present) | today's data | {_s(ed['make site']) if 'make site' in ed else 'not run'} |",
        f"| `aztimeline build`, empty cache | today's data | {_s(ed['today']['cold'])} |",
        f"| `aztimeline build`, after a build of the same data | today's data | {_s(ed['today']['warm'])} |",
    ]
    versions = [k for k in ed if k.endswith(" versions")]
    lines += [f"| `aztimeline build`, empty cache | {k} (synthetic) | {_s(ed[k]['cold'])} |" for k in versions]
    lines += [
        "",
        "`make site` builds the repository's own data; on other data it would run the same `aztimeline build`, so at 10",
        "and 100 versions it takes the build's time above plus what it adds at today's data (checking the `.venv`).",
        "",
        "## A reader: what the site weighs",
        "",
        "| data | site | files | largest page | search index, per edition | JSON API (`api/`) | downloads, both editions |",
        "|---|---|---|---|---|---|---|",
    ]
    for key in ["today", *versions]:
        sz = ed[key]["sizes"]
        search = ", ".join(f"{_mb(b)} (`{p}`)" for p, b in sorted(sz["search"].items()))
        lines.append(
            f"| {key if key != 'today' else 'today'} | {_mb(sz['total'])} | {sz['files']:,} | {_mb(sz['largest'][1])} (`{sz['largest'][0]}`) | {search} "
            f"| {_mb(sz['api'])} | {_mb(sz['downloads'])} |"
        )
    lines += ["", "## A liaison: exporting the memo", "", "| export | time |", "|---|---|"]
    lines += [f"| {name} | {_s(row)} |" for name, row in lia.items()]
    if res.get("baseline"):
        lines += [
            "",
            f"The baseline is commit {res['baseline']}, the last before this round's work, checked out and installed from its",
            "own `requirements.lock` into a temporary folder, exporting its own data (the same letter and changes).",
        ]
    notes = HERE / "notes.md"  # hand-written: before and after of each round, and what the numbers mean
    if notes.is_file():
        lines += ["", notes.read_text(encoding="utf-8").rstrip("\n")]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="every measurement once, at 3 versions, without `make site` and the baseline; prints the report")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--versions", default="10,100", help="sizes of synthetic data to build")
    ap.add_argument("--baseline", default=BASELINE, help="the commit to measure the memo export beside ('' for none)")
    args = ap.parse_args()
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="aztimeline-bench-") as tmp_name:
        tmp = Path(tmp_name)
        repeats = 1 if args.smoke else args.repeats
        versions = [3] if args.smoke else [int(v) for v in args.versions.split(",") if v]
        res = {
            "lawyer": lawyer(tmp, repeats),
            "editor": editor(tmp, repeats, versions, make_site=not args.smoke),
            "liaison": liaison(tmp, repeats, None if args.smoke else (args.baseline or None)),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "date": time.strftime("%Y-%m-%d", time.gmtime(started)),
            "minutes": max(1, round((time.time() - started) / 60)),
            "baseline": None if args.smoke else args.baseline,
        }
        text = report(res)
    if args.smoke:
        print(text)
        return
    (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
    print(f"wrote {ROOT / 'docs' / 'benchmarks.md'}")


if __name__ == "__main__":
    main()
