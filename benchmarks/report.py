"""docs/benchmarks.md, docs/benchmarks.json and the plot, from the results of benchmarks/run.py."""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


MKDOCS = "MkDocs, both editions"
PHASES = (
    "imports",
    "validation",
    "git history and corrections log",
    "page generation",
    "downloads",
    "preparing the pages (front matter, hand-written docs)",
    "the rest (stamp, checks, copying, swap)",
    "git",
    MKDOCS,
)
"""The phases of benchmarks/phases.py in the order a build goes through them (git: its subprocesses)."""


def spread(m: dict[str, Any], key: str = "cpu", fmt: str = "{:.3f}") -> str:
    """median (min–max) of a measurement."""
    s = m[key]
    return f"{fmt.format(s['median'])} ({fmt.format(s['min'])}–{fmt.format(s['max'])})"


def med(m: dict[str, Any], key: str = "cpu") -> float:
    return float(m[key]["median"])


def rate(m: dict[str, Any], n: int) -> str:
    """Per-second rates from CPU seconds: median (slowest–fastest)."""
    s = m["cpu"]
    return f"{n / s['median']:,.0f} ({n / s['max']:,.0f}–{n / s['min']:,.0f})"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}\u00d7" if b else "n/a"


def targets(res: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met): met is None for a row that has no target."""
    sizes: dict[str, Any] = res["sizes"]
    ns = list(sizes)
    big = sizes[ns[-1]]
    out: list[tuple[str, str, bool | None]] = []
    r = med(big["load_validate_diff"]) / med(big["floor"])
    out.append((f"load + validate + diff at {ns[-1]} × 100 ≤ 2× the parse floor (both with the GC off, CPU)", f"{r:.2f}×", r <= 2))
    for a, b in zip(ns, ns[1:], strict=False):
        g = med(sizes[b]["load_validate_diff"]) / med(sizes[a]["load_validate_diff"])
        out.append(
            (f"linear growth {a} → {b} versions: ≤ {11 * int(b) // int(a) // 10}× the time", f"{g:.1f}×", g <= 1.1 * int(b) / int(a))
        )
    w = res["wide"]
    s = med(w["naive"]) / med(w["diff"])
    out.append(("at 1,000 provisions our diff ≥ 10× faster than deepdiff over the stored documents keyed by id", f"{s:.1f}×", s >= 10))
    s2 = med(w["naive"]) / med(w["diff_lossless"])
    out.append(("the same, counting the lossless replay validation runs on our records", f"{s2:.1f}×", s2 >= 10))
    for size, site in res["site"].items():
        share = med(site["ours"]) / med(site["mkdocs"]) - 1
        what = "today's data" if size == "today" else f"{size} versions"
        out.append(
            (
                f"our share of the build ≤ +20% over plain `mkdocs build` of the same staged pages ({what}; cold: empty cache)",
                f"{share:+.0%}",
                share <= 0.2,
            )
        )
        if "ours_warm" in site:
            warm = med(site["ours_warm"]) / med(site["mkdocs"]) - 1
            out.append((f"the same, warm: with the cache of an earlier build of the same data ({what})", f"{warm:+.0%}", warm <= 0.2))
    c = res["cli_asof"]
    wr = med(c["warm"]) / med(c["import"])
    out.append(('`aztimeline asof` on a warm cache ≤ 1.5× `python -c "import yaml, pydantic"` (CPU)', f"{wr:.2f}×", wr <= 1.5))
    cr = med(c["cold"]) / med(c["import"])
    out.append(("`aztimeline asof` on a cold cache (no target; validates the data and fills the cache)", f"{cr:.2f}×", None))
    lk = big["asof_lookups_n"] / med(big["asof_lookups"])
    out.append((f"≥ 100,000 as-of lookups per second in-process ({ns[-1]} versions)", f"{lk:,.0f}/s", lk >= 100_000))
    fa = big["asof_answers_n"] / med(big["asof_answers"])
    out.append((f"≥ 10,000 full as-of answers per second in-process ({ns[-1]} versions)", f"{fa:,.0f}/s", fa >= 10_000))
    m = med(big["load_validate_diff"], "peak_mb") / med(big["floor"], "peak_mb")
    out.append(
        (f"peak memory of load + validate + diff at {ns[-1]} × 100 ≤ 1.5× the floor's (both with the GC off)", f"{m:.2f}×", m <= 1.5)
    )
    m2 = med(big["load_validate_diff_gc_on"], "peak_mb") / med(big["floor_gc_on"], "peak_mb")
    out.append(("the same with the GC on in both", f"{m2:.2f}×", m2 <= 1.5))
    return out


def write_report(res: dict[str, Any], out_md: Path) -> None:
    sizes: dict[str, Any] = res["sizes"]
    t_rows = ["| target | measured | met |", "|---|---|---|"]
    t_rows += [f"| {t} | {v} | {'—' if ok is None else 'yes' if ok else '**NOT met**'} |" for t, v, ok in targets(res)]

    lvd = [
        "| versions × 100 | floor, GC off (s CPU) | ours, GC off (s CPU) | ratio | floor, GC on | ours, GC on | ratio | peak MB floor / ours, GC off | ratio | peak MB, GC on | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, r in sizes.items():
        f, o, f1, o1 = r["floor"], r["load_validate_diff"], r["floor_gc_on"], r["load_validate_diff_gc_on"]
        lvd.append(
            f"| {n} | {spread(f)} | {spread(o)} | {ratio(med(o), med(f))} | {spread(f1)} | {spread(o1)} | {ratio(med(o1), med(f1))} | "
            f"{med(f, 'peak_mb'):.0f} / {med(o, 'peak_mb'):.0f} | {ratio(med(o, 'peak_mb'), med(f, 'peak_mb'))} | "
            f"{med(f1, 'peak_mb'):.0f} / {med(o1, 'peak_mb'):.0f} | {ratio(med(o1, 'peak_mb'), med(f1, 'peak_mb'))} |"
        )
    diff_rows = [
        "| versions | transitions timed | our diff (s CPU) | ours + lossless replay | deepdiff, stored documents keyed by id | speed-up | + replay | old peer: list, ignore_order (extra row) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, r in sizes.items():
        diff_rows.append(
            f"| {n} | {r['sample']} | {spread(r['diff'])} | {spread(r['diff_lossless'])} | {spread(r['naive'])} | "
            f"{ratio(med(r['naive']), med(r['diff']))} | {ratio(med(r['naive']), med(r['diff_lossless']))} | {spread(r['naive_list'])} |"
        )
    w = res["wide"]
    diff_rows.append(
        f"| 2 versions × 1,000 provisions | 1 | {spread(w['diff'])} | {spread(w['diff_lossless'])} | {spread(w['naive'])} | "
        f"{ratio(med(w['naive']), med(w['diff']))} | {ratio(med(w['naive']), med(w['diff_lossless']))} | {spread(w['naive_list'])} |"
    )
    asof_rows = ["| versions | lookups per second | full answers per second | pages, both editions (s CPU) |", "|---|---|---|---|"]
    for n, r in sizes.items():
        asof_rows.append(
            f"| {n} | {rate(r['asof_lookups'], r['asof_lookups_n'])} | {rate(r['asof_answers'], r['asof_answers_n'])} | {spread(r['pages'])} |"
        )
    c = res["cli_asof"]
    cli_rows = [
        "| command | CPU (s) | wall (s) | CPU ratio to the import line |",
        "|---|---|---|---|",
        f'| `python -c "import yaml, pydantic"` | {spread(c["import"])} | {spread(c["import"], "wall")} | 1.00× |',
        f"| `aztimeline asof 2020-12-01`, warm cache | {spread(c['warm'])} | {spread(c['warm'], 'wall')} | {ratio(med(c['warm']), med(c['import']))} |",
        f"| `aztimeline asof 2020-12-01`, cold cache | {spread(c['cold'])} | {spread(c['cold'], 'wall')} | {ratio(med(c['cold']), med(c['import']))} |",
        f'| `python -c "pass"` (interpreter start) | {spread(c["python"])} | {spread(c["python"], "wall")} | {ratio(med(c["python"]), med(c["import"]))} |',
    ]
    site_rows = [
        "| versions | pages (both editions) | aztimeline build, cold (s CPU) | warm: downloads cached | mkdocs build ×2, same staged pages | our share, cold / warm | "
        "aztimeline build --engine zensical | zensical build ×2, same pages | old flat peer (extra row) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size, s in res["site"].items():
        mk = med(s["mkdocs"])
        share = f"{med(s['ours']) / mk - 1:+.0%} / {med(s['ours_warm']) / mk - 1:+.0%}"
        z = spread(s["zensical"], fmt="{:.2f}") if "zensical" in s else "n/a"
        oz = spread(s["ours_zensical"], fmt="{:.2f}") if "ours_zensical" in s else "n/a"
        flat = spread(s["flat_mkdocs"], fmt="{:.2f}") if "flat_mkdocs" in s else "not run"
        site_rows.append(
            f"| {size} | {s['pages']} | {spread(s['ours'], fmt='{:.2f}')} | {spread(s['ours_warm'], fmt='{:.2f}')} | {spread(s['mkdocs'], fmt='{:.2f}')} | "
            f"{share} | {oz} | {z} | {flat} |"
        )
    wall_rows = [
        "| versions | aztimeline build (Material) | mkdocs build ×2 | aztimeline build --engine zensical | zensical build ×2 |",
        "|---|---|---|---|---|",
    ]
    for size, s in res["site"].items():
        wall_rows.append(
            f"| {size} | {spread(s['ours'], 'wall', '{:.2f}')} | {spread(s['mkdocs'], 'wall', '{:.2f}')} | "
            f"{spread(s['ours_zensical'], 'wall', '{:.2f}') if 'ours_zensical' in s else 'n/a'} | {spread(s['zensical'], 'wall', '{:.2f}') if 'zensical' in s else 'n/a'} |"
        )
    phase_rows = []
    for size, s in res["site"].items():
        if "phases" not in s:
            continue
        what = "today's data" if size == "today" else f"{size} versions"
        ph = s["phases"]
        phase_rows += [
            f"**{what}** ({s['pages']} pages), CPU seconds, the median of each phase over {s['ours']['runs']} builds in-process:",
            "",
            "| phase | cold | warm |",
            "|---|---|---|",
        ]
        names = [n for n in PHASES if n in ph["cold"]] + sorted(set(ph["cold"]) - set(PHASES) - {"total", "process"})
        for name in names:
            label = "git subprocesses" if name == "git" else name
            phase_rows.append(f"| {label} | {ph['cold'][name]:.3f} | {ph['warm'][name]:.3f} |")
        own = {k: sum(v for n, v in ph[k].items() if n not in ("total", "process", MKDOCS)) for k in ("cold", "warm")}
        phase_rows += [
            f"| **our own work (every row but MkDocs)** | **{own['cold']:.3f}** | **{own['warm']:.3f}** |",
            f"| for comparison: `mkdocs build` ×2 of the same pages, two processes | {med(s['mkdocs']):.3f} | {med(s['mkdocs']):.3f} |",
            "",
        ]
    notes = HERE / "notes.md"
    text = f"""# Benchmarks

Measured by `make bench` on {res["machine"]}{res.get("when", "")}. Every stage runs in a fresh process: {res["repeats"]} runs at 10 and
100 versions, fewer at 1,000 (`runs` in docs/benchmarks.json says how many); the tables give the **median (minimum–maximum)** of
CPU seconds, and ratios are ratios of medians of CPU time. The machine was shared with other work while it ran, so
wall times (kept in docs/benchmarks.json, and in the last table) are noisier than CPU times. The data is synthetic
and deterministic (`benchmarks/synth.py`, seed 1): one country, versions a week apart, 100 provisions each with
summaries of 30 to 140 words and one to three quotes, and 10% of provisions changed, added or removed per version,
each change justified by a quote from its letter.

Every peer runs under the same conditions as aztimeline: the parse floor with the garbage collector off, as our
loader runs (with it on in both as an extra row); deepdiff over the version documents as they are stored, provisions
keyed by id; `mkdocs build` and `zensical build` over exactly the pages and configurations our build stages (the
old flat project of as many pages is kept as an extra row); and the full as-of answer beside the bare lookup.

![Cost against size, log-log](benchmarks.png)

## Targets

{chr(10).join(t_rows)}

## Load, validate and diff

{chr(10).join(lvd)}

- **floor**: PyYAML's C loader over the same YAML files, plus reading the source texts, everything kept in memory.
- **ours**: `load_and_validate`: parse, check every rule (schemas, references, quotes verbatim, ordering), compute every
  change record and replay it through a deepdiff `Delta` (the lossless check).

## Our diff against deepdiff

{chr(10).join(diff_rows)}

The peer is `DeepDiff(before, after)` over two version files as PyYAML loads them, provisions keyed by id as they are
stored: what a user would write without aztimeline. It is timed on the first transitions only (the column says how
many) and on one transition of 1,000 provisions. "+ replay" counts the lossless check that validation runs on our
records.

## As of a date

{chr(10).join(asof_rows)}

A lookup is the binary search for the version in force; a full answer is `timeline.asof`: the version with every
provision in the JSON contract's shape, its codification, the basis sentence, currency and pending changes. Answers
come from the as-of table the timeline builds once (one answer per stretch between the data's dates); building it is
part of loading and is not timed here.

{chr(10).join(cli_rows)}

On a warm cache `aztimeline asof` hashes every data file and the tool's own code, finds the validated as-of table in
`$XDG_CACHE_HOME/aztimeline` (`~/.cache/aztimeline`) under that key, and answers without importing pydantic, PyYAML,
deepdiff or the exporters. A cold cache (first run, or after any change of a data file or of aztimeline)
loads and validates everything, answers, and writes the table.

## Site build

{chr(10).join(site_rows)}

"Our share" is what our build costs on top of the two `mkdocs build` runs over the same staged pages and
configurations: validation, page generation, the downloads in five formats and two languages, and copying. "Cold"
builds start with an empty cache; "warm" builds reuse the downloads and the compiled page and theme templates of
an earlier build of the same data (each is made again whenever what it is made from changes: a
data file, the tool, the stamp, mkdocs.yml, or the versions of Jinja2, MkDocs and Material). Both run with Python's
compiled modules in place, as the peers do (`make` keeps them under `.venv/pycache`). Each repetition is one round
of a cold build, a warm build and the peer, in turn, so that each build is measured beside its peer.

{"".join(f"**The site build at {k} failed in this run:** {v}" + chr(10) + chr(10) for k, v in res.get("site_errors", {}).items())}### Where the build's time goes

`benchmarks/phases.py` runs the same build in one process and times its phases (each without the phases inside it;
interpreter start not included). "MkDocs, both editions" is MkDocs and Material at work on our pages inside our
process: it is cheaper than the two `mkdocs build` processes of the peer because MkDocs is imported once, is given
the pages from memory instead of reading them from a docs folder, lists the theme's files once, and because
compiled theme templates are shared by both editions and, warm, read from the cache. Everything else is our own
work; writing the downloads into the site is in "the rest".

{chr(10).join(phase_rows)}
Wall seconds of the same runs (Zensical uses both cores; MkDocs one):

{chr(10).join(wall_rows)}

{notes.read_text(encoding="utf-8") if notes.exists() else ""}
"""
    out_md.write_text(text, encoding="utf-8")
    (out_md.parent / "benchmarks.json").write_text(json.dumps(res, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    plot(res, out_md.parent / "benchmarks.png")


def plot(res: dict[str, Any], png: Path) -> None:
    """A log-log plot of CPU cost against size, drawn as SVG by us and rendered to PNG by headless Chromium."""
    sizes: dict[str, Any] = res["sizes"]
    series = {
        "floor (parse, GC off)": ("floor", "#777"),
        "load + validate + diff": ("load_validate_diff", "#3949ab"),
        "diff alone (sampled transitions)": ("diff", "#2e7d32"),
        "page generation": ("pages", "#b26a00"),
    }
    xs = [int(n) for n in sizes]
    values = [med(sizes[str(n)][key]) for n in xs for key, _ in series.values()]
    lo, hi = math.log10(max(min(values), 1e-4)) - 0.2, math.log10(max(values)) + 0.2
    W, H, L, B = 800, 500, 70, 50

    def px(n: float) -> float:
        return L + (W - L - 20) * (math.log10(n) - math.log10(min(xs))) / ((math.log10(max(xs)) - math.log10(min(xs))) or 1)

    def py(s: float) -> float:
        return H - B - (H - B - 20) * (math.log10(max(s, 1e-4)) - lo) / (hi - lo)

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
    parts.append(
        f'<text x="{(W + L) / 2}" y="{H - 10}" text-anchor="middle">versions (× 100 provisions), log scale; CPU seconds, median</text>'
    )
    for i, (label, (key, colour)) in enumerate(series.items()):
        pts = " ".join(f"{px(n)},{py(med(sizes[str(n)][key]))}" for n in xs)
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
