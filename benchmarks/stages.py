"""One benchmark stage per call, run in a fresh process: prints JSON with the seconds and the peak memory."""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def floor(data: Path) -> float:
    import yaml

    t = time.perf_counter()
    # Keep everything, as aztimeline must: a floor that dropped each file would not be comparable in memory.
    docs = [yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader) for f in sorted(data.rglob("*.yaml"))]
    texts = [f.read_bytes() for f in sorted(data.rglob("*.txt"))]
    seconds = time.perf_counter() - t
    del docs, texts
    return seconds


def load_validate_diff(data: Path) -> float:
    from aztimeline.validate import load_and_validate

    t = time.perf_counter()
    load_and_validate(data)
    return time.perf_counter() - t


def _transitions(data: Path):
    from aztimeline.validate import load_and_validate

    v = load_and_validate(data)
    for cd in v.dataset.countries.values():
        for a in cd.amendments.values():
            yield cd, cd.versions[a.version_from], cd.versions[a.version_to], a


def diff(data: Path) -> float:
    from aztimeline.diff import changes_between

    pairs = list(_transitions(data))
    t = time.perf_counter()
    for cd, before, after, a in pairs:
        changes_between(before, after, a, cd.country)
    return time.perf_counter() - t


def naive(data: Path, sample: int = 0) -> float:
    """The way one would write it without keyed provisions: whole documents, provisions as a list, ignore_order."""
    from deepdiff import DeepDiff

    pairs = list(_transitions(data))
    if sample:
        pairs = pairs[:sample]

    def doc(v):
        d = v.model_dump(mode="json", exclude_none=True)
        d["provisions"] = [{"id": pid, **p} for pid, p in d["provisions"].items()]
        return d

    docs = [(doc(b), doc(a)) for _, b, a, _ in pairs]
    t = time.perf_counter()
    for b, a in docs:
        DeepDiff(b, a, ignore_order=True)
    return time.perf_counter() - t


def asof_lookups(data: Path) -> float:
    """Seconds for 100,000 in-process as-of lookups (the rate is 100,000 / seconds)."""
    import datetime as dt

    from aztimeline.timeline import load_timeline
    from aztimeline.validate import load_and_validate

    v = load_and_validate(data)
    tl = load_timeline(next(iter(v.dataset.countries.values())), v.changes)
    rng = random.Random(7)
    days = [dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(365 * 40)) for _ in range(100_000)]
    t = time.perf_counter()
    for d in days:
        tl.version_in_force(d)
    return time.perf_counter() - t


def pages(data: Path) -> float:
    from aztimeline.provenance import build_stamp
    from aztimeline.site.generate import generate_edition
    from aztimeline.validate import load_and_validate

    v = load_and_validate(data)
    stamp = build_stamp(data)
    t = time.perf_counter()
    for lang in ("nl", "en"):
        generate_edition(v, lang, stamp, downloads=False)
    return time.perf_counter() - t


if __name__ == "__main__":
    name, path = sys.argv[1], Path(sys.argv[2])
    extra = [int(x) for x in sys.argv[3:]]
    seconds = globals()[name](path, *extra)
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb()}))
