"""`make bench`: aztimeline beside honest peers, at 10, 100 and 1,000 versions.

Every stage runs in a fresh process (so peak memory is the stage's own), several times; the report shows the
minimum, median and maximum, and compares medians of CPU time (the machine may be shared, and CPU time is less
disturbed by other work than wall time). Every peer runs under the same conditions as aztimeline:

- the parse floor with the garbage collector off, as aztimeline's loader runs (the row with it on in both is kept);
- deepdiff over the version documents as stored, keyed by id (the old list peer with ignore_order is kept);
- plain `mkdocs build` (and `zensical build`) over exactly the pages and configurations our build stages
  (the old flat peer is kept);
- the full as-of answer next to the bare lookup.

Results go to docs/benchmarks.md, docs/benchmarks.json and a log-log plot. `--smoke` runs the smallest size once into
a temporary folder, for the test suite; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
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

PY = sys.executable
BIN = Path(PY).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def spread(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def stage(name: str, data: Path, *extra: int, gc: str = "off") -> dict[str, float]:
    out = subprocess.run(
        [PY, str(HERE / "stages.py"), name, str(data), *map(str, extra), "--gc", gc], capture_output=True, text=True, check=True, env=ENV
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure(name: str, data: Path, repeats: int, *extra: int, gc: str = "off") -> dict[str, Any]:
    runs = [stage(name, data, *extra, gc=gc) for _ in range(repeats)]
    return {
        "wall": spread([r["seconds"] for r in runs]),
        "cpu": spread([r["cpu"] for r in runs]),
        "peak_mb": spread([r["peak_mb"] for r in runs]),
        "runs": len(runs),
        "gc": gc,
    }


def child(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, of the process and its children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env or ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def series(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Single measurements of timed() (runs=1 each) as one series, as timed() reports several."""
    return {k: spread([one[k]["median"] for one in runs]) for k in ("wall", "cpu")} | {"runs": len(runs)}


def timed(
    cmds: list[list[str]], repeats: int, cwd: Path | list[Path] | None = None, env: dict[str, str] | None = None, before: Any = None
) -> dict[str, Any]:
    """Run a list of commands (one measurement) repeats times; before() runs untimed before each measurement."""
    walls, cpus = [], []
    cwds = cwd if isinstance(cwd, list) else [cwd] * len(cmds)
    for _ in range(repeats):
        if before:
            before()
        w = c = 0.0
        for cmd, where in zip(cmds, cwds, strict=True):
            dw, dc = child(cmd, where, env)
            w, c = w + dw, c + dc
        walls.append(w)
        cpus.append(c)
    return {"wall": spread(walls), "cpu": spread(cpus), "runs": repeats}


STAGE_SITE = """
import sys, yaml
from pathlib import Path
from aztimeline.provenance import build_stamp
from aztimeline.site.build import edition_config
from aztimeline.site.generate import edition_files, reading_order, write_editions
from aztimeline.validate import load_and_validate

data, stage, root = map(Path, sys.argv[1:4])
v = load_and_validate(data)
contents = edition_files(v, build_stamp(data), root / "docs")
docs = write_editions(contents, stage)
base = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
order = reading_order(v)
pages = 0
for lang in ("nl", "en"):
    cfg = edition_config(base, lang, docs[lang], stage / lang / "site", contents[lang], order)
    (stage / lang / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    z = dict(cfg, docs_dir="docs", site_dir="zsite", strict=False)
    (stage / lang / "zensical.yml").write_text(yaml.safe_dump(z, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pages += len(list(docs[lang].rglob("*.md")))
print(pages)
"""


def staged(data: Path, stage: Path) -> int:
    """Stage both editions exactly as `aztimeline build` does, with their MkDocs configurations; returns the page count."""
    out = subprocess.run([PY, "-c", STAGE_SITE, str(data), str(stage), str(ROOT)], capture_output=True, text=True, check=True, env=ENV)
    return int(out.stdout.strip())


def flat_mkdocs(pages: int, tmp: Path, repeats: int) -> dict[str, Any]:
    """The old peer (an extra row): a flat project of as many simple pages, every page in the menu."""
    docs = tmp / "flat" / "docs"
    docs.mkdir(parents=True)
    body = "\n\n".join(f"Paragraph {i} with some words to index, risicogroep and risk group." for i in range(12))
    for i in range(pages):
        (docs / ("index.md" if i == 0 else f"page-{i:05d}.md")).write_text(f"# Page {i}\n\n{body}\n", encoding="utf-8")
    (tmp / "flat" / "mkdocs.yml").write_text(
        "site_name: plain\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n", encoding="utf-8"
    )
    return timed([[str(BIN / "mkdocs"), "build", "-q", "-f", str(tmp / "flat" / "mkdocs.yml")]], repeats)


def zensical() -> str | None:
    exe = BIN / "zensical"
    return str(exe) if exe.exists() else shutil.which("zensical")


def phases(data: Path, out: Path, env: dict[str, str], cache: Path, repeats: int) -> dict[str, dict[str, float]]:
    """Where a cold and a warm build spend their CPU time (benchmarks/phases.py): the median of each phase."""
    result = {}
    for kind in ("cold", "warm"):
        runs = []
        for _ in range(repeats):
            if kind == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            done = subprocess.run([PY, str(HERE / "phases.py"), str(data), str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"phases.py failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        result[kind] = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
    return result


def site(data: Path, tmp: Path, repeats: int, flat: bool, breakdown: bool = False) -> dict[str, Any]:
    """Our build against MkDocs and Zensical over the very pages and configurations our build stages."""
    stage = tmp / "stage"
    pages = staged(data, stage)
    r: dict[str, Any] = {"pages": pages}
    out = tmp / "out" / "site"
    out.parent.mkdir(parents=True, exist_ok=True)
    cache = tmp / "cache"

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    env = {**ENV, "XDG_CACHE_HOME": str(cache)}
    build = [str(BIN / "aztimeline"), "build", "--data", str(data), "--output", str(out)]
    mk = str(BIN / "mkdocs")
    peer = [[mk, "build", "-q", "-f", str(stage / lang / "mkdocs.yml")] for lang in ("nl", "en")]
    # Round by round: a cold build (it fills the cache), a warm build, then the peer. Each build is measured beside
    # its peer, so a slow spell of this shared machine falls on all three series alike instead of on one of them.
    rounds = [(timed([build], 1, cwd=ROOT, env=env, before=cold), timed([build], 1, cwd=ROOT, env=env), timed(peer, 1)) for _ in range(repeats)]
    r["ours"], r["ours_warm"], r["mkdocs"] = (series([one[i] for one in rounds]) for i in range(3))
    z = zensical()
    if z:
        try:
            r["ours_zensical"] = timed([[*build, "--engine", "zensical"]], repeats, cwd=ROOT, env=env)
        except RuntimeError as exc:  # a build without the engine option
            print(f"bench: {exc}", file=sys.stderr)
        # Each run starts without Zensical's cache (-c), as our build does in its fresh stage folder.
        zcmd = [z, "build", "-c", "-f", "zensical.yml"]
        r["zensical"] = timed([zcmd, zcmd], repeats, cwd=[stage / "nl", stage / "en"])
    if flat:
        r["flat_mkdocs"] = flat_mkdocs(pages, tmp / "flat", repeats)
    if breakdown:
        r["phases"] = phases(data, out, env, cache, repeats)
    shutil.rmtree(tmp, ignore_errors=True)
    return r


def cli_asof(repeats: int, tmp: Path) -> dict[str, Any]:
    """`aztimeline asof` on the repository's data, cold (empty cache) and warm, beside the bare import line."""
    cache = tmp / "asof-cache"
    env = {**ENV, "XDG_CACHE_HOME": str(cache)}
    cmd = [str(BIN / "aztimeline"), "asof", "2020-12-01", "--data", str(ROOT / "policy_versions")]
    out = {"cold": timed([cmd], repeats, env=env, before=lambda: shutil.rmtree(cache, ignore_errors=True))}
    timed([cmd], 1, env=env)
    out["warm"] = timed([cmd], repeats, env=env)
    out["import"] = timed([[PY, "-c", "import yaml, pydantic"]], repeats)
    out["python"] = timed([[PY, "-c", "pass"]], repeats)
    return out


def run(sizes: list[int], repeats: int, site_sizes: list[str], out_md: Path | None, tmp: Path, *, cli_repeats: int = 10) -> dict[str, Any]:
    started = time.time()
    results: dict[str, Any] = {
        "sizes": {},
        "site": {},
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "repeats": repeats,
    }
    for n in sizes:
        data = generate(tmp / f"n{n}", versions=n, provisions=100)
        r: dict[str, Any] = {}
        reps = repeats if n < 1000 else min(repeats, 2)  # a 1,000-version stage takes 10 to 60 s; min/median/max of fewer runs
        few = repeats if n < 1000 else 1
        r["floor"] = measure("floor", data, reps, gc="off")
        r["floor_gc_on"] = measure("floor", data, reps, gc="on")
        r["load_validate_diff"] = measure("load_validate_diff", data, reps, gc="off")
        r["load_validate_diff_gc_on"] = measure("load_validate_diff", data, reps, gc="on")
        sample = min(n - 1, 50)
        r["sample"] = sample
        r["diff"] = measure("diff", data, few, sample)
        r["diff_lossless"] = measure("diff_lossless", data, few, sample)
        r["naive"] = measure("naive", data, few, sample)
        r["naive_list"] = measure("naive_list", data, 1 if n >= 1000 else few, sample)
        r["asof_lookups"] = measure("asof_lookups", data, few, 100_000)
        r["asof_lookups_n"] = 100_000
        r["asof_answers"] = measure("asof_answers", data, few, 20_000)
        r["asof_answers_n"] = 20_000
        r["pages"] = measure("pages", data, few)
        if str(n) in site_sizes:  # a build at 100 versions takes about a minute: one run of each there
            try:
                results["site"][str(n)] = site(data, tmp / f"site{n}", repeats if n < 100 else 1, flat=n < 100, breakdown=n < 100)
            except RuntimeError as exc:  # a failed build is reported, and the rest of the run goes on
                results.setdefault("site_errors", {})[str(n)] = str(exc)[-1500:]
        results["sizes"][str(n)] = r
        shutil.rmtree(tmp / f"n{n}", ignore_errors=True)
    if "today" in site_sizes:
        try:
            results["site"]["today"] = site(ROOT / "policy_versions", tmp / "site-today", repeats, flat=False, breakdown=True)
        except RuntimeError as exc:
            results.setdefault("site_errors", {})["today"] = str(exc)[-1500:]
    big = generate(tmp / "wide", versions=2, provisions=1000)
    results["wide"] = {
        "diff": measure("diff", big, repeats),
        "diff_lossless": measure("diff_lossless", big, repeats),
        "naive": measure("naive", big, repeats),
        "naive_list": measure("naive_list", big, max(1, repeats // 2)),
    }
    results["cli_asof"] = cli_asof(cli_repeats, tmp)
    results["when"] = (
        f", {time.strftime('%Y-%m-%d', time.gmtime(started))}; the whole run took about {max(1, round((time.time() - started) / 60))} min"
    )
    if out_md:
        from report import write_report

        write_report(results, out_md)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--smoke", action="store_true", help="size 10, one run, into a temporary folder")
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--site-sizes", default="today,10,100", help="sizes whose site build is measured ('today' is the repository's data)")
    ap.add_argument("--report-only", action="store_true", help="rewrite the report from docs/benchmarks.json")
    ap.add_argument("--out", default="", help="with --smoke: write the report into this folder")
    args = ap.parse_args()
    if args.report_only:
        from report import write_report

        write_report(json.loads((ROOT / "docs/benchmarks.json").read_text(encoding="utf-8")), ROOT / "docs/benchmarks.md")
        return
    with tempfile.TemporaryDirectory(prefix="aztimeline-bench-") as tmp:
        if args.smoke:  # everything but the site builds, once, at the smallest size
            out = Path(args.out) if args.out else Path(tmp)
            res = run([10], 1, [], out / "benchmarks.md", Path(tmp), cli_repeats=1)
            print(json.dumps({"ok": True, "floor": res["sizes"]["10"]["floor"]}))
            return
        sizes = [int(x) for x in args.sizes.split(",")]
        run(sizes, args.repeats, [x for x in args.site_sizes.split(",") if x], ROOT / "docs/benchmarks.md", Path(tmp))
        print(f"wrote {ROOT / 'docs/benchmarks.md'}")


if __name__ == "__main__":
    main()
