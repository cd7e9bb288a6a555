"""`make bench`: aztimeline beside the parse floor and the naive approach, at 10, 100 and 1,000 versions.

Every stage runs in a fresh process (so peak memory is the stage's own), several times; the table shows the
median. Results go to docs/benchmarks.md with a log-log plot. `--smoke` runs the smallest size once into a
temporary folder, for the test suite; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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


def stage(name: str, data: Path, *extra: int) -> dict[str, float]:
    out = subprocess.run([PY, str(HERE / "stages.py"), name, str(data), *map(str, extra)], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def median_of(name: str, data: Path, repeats: int, *extra: int) -> dict[str, float]:
    runs = [stage(name, data, *extra) for _ in range(repeats)]
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_mb": statistics.median(r["peak_mb"] for r in runs),
        "runs": len(runs),
    }


def wall(cmd: list[str], repeats: int, cwd: Path | None = None) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def plain_mkdocs(pages: int, tmp: Path, repeats: int) -> float:
    """A plain `mkdocs build` (Material, same settings) of as many Markdown pages as our two editions have."""
    docs = tmp / "plain" / "docs"
    docs.mkdir(parents=True)
    body = "\n\n".join(f"Paragraph {i} with some words to index, risicogroep and risk group." for i in range(12))
    for i in range(pages):
        (docs / ("index.md" if i == 0 else f"page-{i:05d}.md")).write_text(f"# Page {i}\n\n{body}\n", encoding="utf-8")
    (tmp / "plain" / "mkdocs.yml").write_text(
        "site_name: plain\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n", encoding="utf-8"
    )
    return wall([str(BIN / "mkdocs"), "build", "-q", "-f", str(tmp / "plain" / "mkdocs.yml")], repeats)


def count_pages(data: Path, tmp: Path) -> int:
    code = (
        "import sys; from pathlib import Path; from aztimeline.validate import load_and_validate;"
        "from aztimeline.provenance import build_stamp; from aztimeline.site.generate import generate_edition;"
        "v=load_and_validate(Path(sys.argv[1])); s=build_stamp(Path(sys.argv[1]));"
        "print(sum(len(generate_edition(v, l, s, downloads=False).pages) for l in ('nl','en')))"
    )
    out = subprocess.run([PY, "-c", code, str(data)], capture_output=True, text=True, check=True)
    hand = len(list((ROOT / "docs").rglob("*.md")))
    return int(out.stdout.strip()) + hand


def run(sizes: list[int], repeats: int, site_sizes: list[int], out_md: Path | None, tmp: Path) -> dict[str, object]:
    results: dict[str, object] = {
        "sizes": {},
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    for n in sizes:
        data = generate(tmp / f"n{n}", versions=n, provisions=100)
        r: dict[str, object] = {}
        reps = repeats if n < 1000 else max(1, repeats // 2)
        r["floor"] = median_of("floor", data, reps)
        r["load_validate_diff"] = median_of("load_validate_diff", data, reps)
        r["diff"] = median_of("diff", data, reps)
        sample = min(n - 1, 50)
        r["naive_sample"] = median_of("naive", data, 1 if n >= 1000 else reps, sample)
        r["naive_sample_transitions"] = sample
        r["asof_100k"] = median_of("asof_lookups", data, reps)
        r["pages"] = median_of("pages", data, reps)
        if n in site_sizes:
            pages = count_pages(data, tmp)
            r["site_pages"] = pages
            r["site_build"] = wall(
                [str(BIN / "aztimeline"), "build", "--data", str(data), "--output", str(tmp / f"site{n}")], max(1, reps // 2), cwd=ROOT
            )
            r["plain_mkdocs"] = plain_mkdocs(pages, tmp / f"p{n}", max(1, reps // 2))
            shutil.rmtree(tmp / f"p{n}", ignore_errors=True)
        results["sizes"][str(n)] = r  # type: ignore[index]
        shutil.rmtree(tmp / f"n{n}", ignore_errors=True)
    big = generate(tmp / "wide", versions=2, provisions=1000)
    results["diff_1000"] = median_of("diff", big, repeats)
    results["naive_1000"] = median_of("naive", big, repeats, 1)
    results["cli_asof"] = wall([str(BIN / "aztimeline"), "asof", "2020-12-01", "--data", str(ROOT / "policy_versions")], repeats * 2)
    results["import_line"] = wall([PY, "-c", "import yaml, pydantic"], repeats * 2)
    if out_md:
        write_report(results, out_md)
    return results


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}\u00d7" if b else "n/a"


def write_report(res: dict[str, object], out_md: Path) -> None:
    sizes: dict[str, dict[str, object]] = res["sizes"]  # type: ignore[assignment]
    rows = [
        "| versions × 100 provisions | floor: parse (s) | load + validate + diff (s) | ratio to floor | diff alone (s) | naive peer per transition (s) | our diff per transition (s) | speed-up | page generation (s) | peak MB floor / ours |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, r in sizes.items():
        f, o, d = r["floor"], r["load_validate_diff"], r["diff"]  # type: ignore[index]
        ns = int(r["naive_sample_transitions"])  # type: ignore[arg-type]
        naive_per = r["naive_sample"]["seconds"] / ns  # type: ignore[index]
        ours_per = d["seconds"] / max(1, int(n) - 1)  # type: ignore[index]
        rows.append(
            f"| {n} | {f['seconds']:.3f} | {o['seconds']:.3f} | {_ratio(o['seconds'], f['seconds'])} | {d['seconds']:.3f} | "  # type: ignore[index]
            f"{naive_per:.4f} | {ours_per:.4f} | {naive_per / ours_per:.0f}\u00d7 | {r['pages']['seconds']:.2f} | {f['peak_mb']:.0f} / {o['peak_mb']:.0f} |"
        )  # type: ignore[index]
    site_rows = ["| versions | pages (both editions) | aztimeline build (s) | plain mkdocs build (s) | ratio |", "|---|---|---|---|---|"]
    for n, r in sizes.items():
        if "site_build" in r:
            site_rows.append(
                f"| {n} | {r['site_pages']} | {r['site_build']:.1f} | {r['plain_mkdocs']:.1f} | {_ratio(r['site_build'], r['plain_mkdocs'])} |"
            )  # type: ignore[index]
    ns = list(sizes)
    lin = ""
    if len(ns) >= 2:
        parts = []
        for a, b in zip(ns, ns[1:], strict=False):
            ta, tb = sizes[a]["load_validate_diff"]["seconds"], sizes[b]["load_validate_diff"]["seconds"]  # type: ignore[index]
            parts.append(f"{a} → {b} versions: {tb / ta:.1f}× the time for {int(b) / int(a):.0f}× the data")
        lin = "; ".join(parts)
    d1000, n1000 = res["diff_1000"], res["naive_1000"]  # type: ignore[assignment]
    last = sizes[ns[-1]]
    asof_rate = 100_000 / last["asof_100k"]["seconds"]  # type: ignore[index]
    text = f"""# Benchmarks

Measured by `make bench` on {res["machine"]}. Every stage runs in a fresh process; the table shows the median of
several runs (5 at 10 and 100 versions, 2 at 1,000) and the stage's own peak resident memory. The data is
synthetic and deterministic (`benchmarks/synth.py`, seed 1): one country, versions a week apart, 100 provisions
each with summaries of 30 to 140 words and one to three quotes, and 10% of provisions changed, added or removed per
version, each change justified by a quote from its letter.

![Cost against size, log-log](benchmarks.png)

## Load, validate and diff

{chr(10).join(rows)}

- **floor**: PyYAML's C loader over the same YAML files, plus reading the source texts, all kept in memory.
- **load + validate + diff**: `load_and_validate`, which parses, checks every rule (schemas, references, quotes,
  ordering), computes every change record and replays it through a deepdiff `Delta` (the lossless check).
- **naive peer**: deepdiff over whole version documents with provisions as a list and `ignore_order=True`, timed on
  the first {last["naive_sample_transitions"]} transitions (it is too slow to run on all of them at 1,000 versions).
- Growth: {lin}.

## One transition of 1,000 provisions

Our keyed diff: {d1000["seconds"]:.3f} s; the naive peer: {n1000["seconds"]:.3f} s; speed-up {n1000["seconds"] / d1000["seconds"]:.0f}×.

## Site build

{chr(10).join(site_rows)}

The plain build is `mkdocs build` with Material and search over as many simple Markdown pages as our two editions
have. Our build adds page generation, the downloads in five formats and two languages, and a second MkDocs run for
the English edition.

## As of a date

- In-process: {asof_rate:,.0f} lookups per second ({ns[-1]} versions; a binary search over the periods).
- `aztimeline asof 2020-12-01` on the repository's data: {res["cli_asof"]:.3f} s wall time, against
  {res["import_line"]:.3f} s for `python -c "import yaml, pydantic"` ({_ratio(res["cli_asof"], res["import_line"])}).

## Targets

{targets(res)}

{(HERE / "notes.md").read_text(encoding="utf-8") if (HERE / "notes.md").exists() else ""}
"""
    out_md.write_text(text, encoding="utf-8")
    (out_md.parent / "benchmarks.json").write_text(json.dumps(res, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    plot(res, out_md.parent / "benchmarks.png")


def targets(res: dict[str, object]) -> str:
    """The issue's targets, each with its measured value and whether this run met it."""
    sizes: dict[str, dict[str, Any]] = res["sizes"]  # type: ignore[assignment]
    ns = list(sizes)
    big = sizes[ns[-1]]
    rows = ["| target | measured | met |", "|---|---|---|"]

    def row(text: str, value: str, ok: bool) -> None:
        rows.append(f"| {text} | {value} | {'yes' if ok else '**no**'} |")

    r = big["load_validate_diff"]["seconds"] / big["floor"]["seconds"]
    row(f"load + validate + diff at {ns[-1]} × 100 ≤ 2× the parse floor", f"{r:.2f}×", r <= 2)
    for a, b in zip(ns, ns[1:], strict=False):
        g = sizes[b]["load_validate_diff"]["seconds"] / sizes[a]["load_validate_diff"]["seconds"]
        row(f"linear growth {a} → {b} versions: ≤ {11 * int(b) // int(a) // 10}× the time", f"{g:.1f}×", g <= 1.1 * int(b) / int(a))
    d, n = res["diff_1000"]["seconds"], res["naive_1000"]["seconds"]  # type: ignore[index]
    row("at 1,000 provisions our diff ≥ 10× faster than the naive peer", f"{n / d:.0f}×", n / d >= 10)
    for size, r2 in sizes.items():
        if "site_build" in r2:
            extra = r2["site_build"] / r2["plain_mkdocs"] - 1
            row(f"site generation adds ≤ 20% to a plain mkdocs build ({size} versions)", f"{extra:+.0%}", extra <= 0.2)
    c = res["cli_asof"] / res["import_line"]  # type: ignore[operator]
    row('`aztimeline asof` ≤ 1.5× `python -c "import yaml, pydantic"`', f"{c:.1f}×", c <= 1.5)
    rate = 100_000 / big["asof_100k"]["seconds"]
    row("≥ 100,000 as-of lookups per second in-process", f"{rate:,.0f}/s", rate >= 100_000)
    m = big["load_validate_diff"]["peak_mb"] / big["floor"]["peak_mb"]
    row(f"peak memory of load + validate + diff at {ns[-1]} × 100 ≤ 2× the floor's", f"{m:.2f}×", m <= 2)
    return "\n".join(rows)


def plot(res: dict[str, object], png: Path) -> None:
    """A log-log plot of cost against size, drawn as SVG by us and rendered to PNG by headless Chromium."""
    import math

    sizes: dict[str, dict[str, object]] = res["sizes"]  # type: ignore[assignment]
    series = {
        "floor (parse)": ("floor", "#777"),
        "load + validate + diff": ("load_validate_diff", "#3949ab"),
        "diff alone": ("diff", "#2e7d32"),
        "page generation": ("pages", "#b26a00"),
    }
    xs = [int(n) for n in sizes]
    values = [sizes[str(n)][key]["seconds"] for n in xs for key, _ in series.values()]  # type: ignore[index]
    lo, hi = math.log10(min(values)) - 0.2, math.log10(max(values)) + 0.2
    W, H, L, B = 800, 500, 70, 50

    def px(n: float) -> float:
        return L + (W - L - 20) * (math.log10(n) - math.log10(min(xs))) / ((math.log10(max(xs)) - math.log10(min(xs))) or 1)

    def py(s: float) -> float:
        return H - B - (H - B - 20) * (math.log10(s) - lo) / (hi - lo)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="13">',
        f'<rect width="{W}" height="{H}" fill="white"/>',
        f'<line x1="{L}" y1="{H - B}" x2="{W - 20}" y2="{H - B}" stroke="#333"/>',
        f'<line x1="{L}" y1="20" x2="{L}" y2="{H - B}" stroke="#333"/>',
    ]
    for n in xs:
        parts.append(f'<text x="{px(n)}" y="{H - B + 18}" text-anchor="middle">{n}</text>')
    for e in range(math.floor(lo), math.ceil(hi) + 1):
        if lo <= e <= hi:
            parts.append(
                f'<text x="{L - 8}" y="{py(10**e) + 4}" text-anchor="end">{10**e:g} s</text><line x1="{L}" x2="{W - 20}" y1="{py(10**e)}" y2="{py(10**e)}" stroke="#eee"/>'
            )
    parts.append(f'<text x="{(W + L) / 2}" y="{H - 10}" text-anchor="middle">versions (× 100 provisions), log scale</text>')
    for i, (label, (key, colour)) in enumerate(series.items()):
        pts = " ".join(f"{px(n)},{py(sizes[str(n)][key]['seconds'])}" for n in xs)  # type: ignore[index]
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        parts.append(f'<text x="{L + 12}" y="{34 + 18 * i}" fill="{colour}">\u25a0 {label}</text>')
    parts.append("</svg>")
    svg = png.with_suffix(".svg")
    svg.write_text("".join(parts), encoding="utf-8")
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = p.chromium.launch(
                executable_path=os.environ.get("AZTIMELINE_CHROMIUM", "/usr/bin/chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            )
            page = b.new_page(viewport={"width": W, "height": H})
            page.goto(svg.as_uri())
            page.screenshot(path=str(png))
            b.close()
    except Exception as exc:  # no browser here: keep the SVG, say so
        print(f"bench: could not render the PNG ({exc}); the SVG is at {svg}", file=sys.stderr)
    else:
        svg.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--smoke", action="store_true", help="size 10, one run, into a temporary folder")
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--site-sizes", default="10,100")
    ap.add_argument("--report-only", action="store_true", help="rewrite the report from docs/benchmarks.json")
    args = ap.parse_args()
    if args.report_only:
        write_report(json.loads((ROOT / "docs/benchmarks.json").read_text(encoding="utf-8")), ROOT / "docs/benchmarks.md")
        return
    with tempfile.TemporaryDirectory(prefix="aztimeline-bench-") as tmp:
        if args.smoke:
            res = run([10], 1, [10], Path(tmp) / "benchmarks.md", Path(tmp))
            print(json.dumps({"ok": True, "floor": res["sizes"]["10"]["floor"]}))  # type: ignore[index]
            return
        sizes = [int(x) for x in args.sizes.split(",")]
        run(sizes, args.repeats, [int(x) for x in args.site_sizes.split(",") if x], ROOT / "docs/benchmarks.md", Path(tmp))
        print(f"wrote {ROOT / 'docs/benchmarks.md'}")


if __name__ == "__main__":
    main()
