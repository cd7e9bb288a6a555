"""One benchmark stage per call, run in a fresh process: prints JSON with wall seconds, CPU seconds and peak memory.

`python stages.py NAME DATA [N] [--gc on|off]`. Every stage times only its own work (not the imports it needs),
with the garbage collector in the state given by --gc, so a peer and aztimeline can be measured under the same
conditions. aztimeline's loader pauses the collector itself while it loads; `--gc on` undoes that.
"""

from __future__ import annotations

import gc
import json
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

GC = "on"
"""The garbage collector setting of this run (`--gc`)."""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timer:
    """Wall and CPU time of a block."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def _gc_setting() -> None:
    if GC == "off":
        gc.disable()
    else:
        gc.enable()


def _ours_with_gc_on() -> None:
    """Make load_and_validate keep the collector on (for the row where both run with it on)."""
    import contextlib

    from aztimeline import validate

    validate._no_gc = contextlib.nullcontext  # type: ignore[attr-defined,assignment]


def floor(data: Path) -> Timer:
    """The parse floor: PyYAML's C loader over every data file, plus the source texts, all kept in memory."""
    import yaml

    files = sorted(data.rglob("*.yaml"))
    texts = sorted(data.rglob("*.txt"))
    _gc_setting()
    with Timer() as t:
        # Keep everything, as aztimeline must: a floor that dropped each file would not be comparable in memory.
        docs = [yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader) for f in files]
        raw = [f.read_bytes() for f in texts]
    del docs, raw
    return t


def load_validate_diff(data: Path) -> Timer:
    from aztimeline.validate import load_and_validate

    if GC == "on":
        _ours_with_gc_on()
    _gc_setting()
    with Timer() as t:
        load_and_validate(data)
    return t


def _transitions(data: Path) -> list[Any]:
    from aztimeline.validate import load_and_validate

    v = load_and_validate(data)
    out = []
    for cd in v.dataset.countries.values():
        for a in cd.amendments.values():
            out.append((cd, cd.versions[a.version_from], cd.versions[a.version_to], a))
    return out


def diff(data: Path, sample: int = 0) -> Timer:
    """Our keyed diff over every transition (or the first `sample`): the change records alone."""
    from aztimeline.diff import changes_between

    pairs = _transitions(data)[: sample or None]
    _gc_setting()
    with Timer() as t:
        for cd, before, after, a in pairs:
            changes_between(before, after, a, cd.country)
    return t


def diff_lossless(data: Path, sample: int = 0) -> Timer:
    """Our keyed diff plus the lossless replay validation runs on it (a deepdiff Delta)."""
    from aztimeline.diff import changes_between, is_lossless

    pairs = _transitions(data)[: sample or None]
    _gc_setting()
    with Timer() as t:
        for cd, before, after, a in pairs:
            dumps: dict[str, Any] = {}
            recs = changes_between(before, after, a, cd.country, dumps)
            is_lossless(before, after, recs, dumps)
    return t


def _stored(data: Path, sample: int) -> list[tuple[Any, Any]]:
    """Pairs of version documents as stored (parsed YAML, provisions keyed by id), in timeline order."""
    import yaml

    pairs = []
    for amendment in sorted(data.rglob("amendments/*.yaml")):
        a = yaml.load(amendment.read_bytes(), Loader=yaml.CSafeLoader)
        folder = amendment.parent.parent / "versions"
        pairs.append(
            tuple(yaml.load((folder / f"{a[k]}.yaml").read_bytes(), Loader=yaml.CSafeLoader) for k in ("version_from", "version_to"))
        )
    return pairs[: sample or None]


def naive(data: Path, sample: int = 0) -> Timer:
    """What a user would run without aztimeline: deepdiff over the stored documents, keyed by id as stored."""
    from deepdiff import DeepDiff

    pairs = _stored(data, sample)
    _gc_setting()
    with Timer() as t:
        for b, a in pairs:
            DeepDiff(b, a)
    return t


def naive_list(data: Path, sample: int = 0) -> Timer:
    """The old peer, kept as an extra row: provisions rebuilt as a list, compared with ignore_order=True."""
    from deepdiff import DeepDiff

    def doc(v: Any) -> dict[str, Any]:
        d: dict[str, Any] = v.model_dump(mode="json", exclude_none=True)
        d["provisions"] = [{"id": pid, **p} for pid, p in d["provisions"].items()]
        return d

    docs = [(doc(b), doc(a)) for _, b, a, _ in _transitions(data)[: sample or None]]
    _gc_setting()
    with Timer() as t:
        for b, a in docs:
            DeepDiff(b, a, ignore_order=True)
    return t


def _days(n: int) -> list[Any]:
    import datetime as dt

    rng = random.Random(7)
    return [dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(365 * 40)) for _ in range(n)]


def _timeline(data: Path) -> Any:
    from aztimeline.timeline import load_timeline
    from aztimeline.validate import load_and_validate

    v = load_and_validate(data)
    return load_timeline(next(iter(v.dataset.countries.values())), v.changes)


def asof_lookups(data: Path, n: int = 100_000) -> Timer:
    """n in-process lookups of the version in force (a binary search over the periods)."""
    tl = _timeline(data)
    days = _days(n)
    _gc_setting()
    with Timer() as t:
        for d in days:
            tl.version_in_force(d)
    return t


def asof_answers(data: Path, n: int = 2_000) -> Timer:
    """n full in-process as-of answers (`timeline.asof`: version, provisions, codification, pending changes)."""
    from aztimeline.timeline import asof

    tl = _timeline(data)
    days = _days(n)
    asof(tl, days[0])  # an index built on first use is part of loading, not of an answer
    _gc_setting()
    with Timer() as t:
        for d in days:
            asof(tl, d)
    return t


def pages(data: Path) -> Timer:
    from aztimeline.provenance import build_stamp
    from aztimeline.site.generate import generate_edition
    from aztimeline.validate import load_and_validate

    v = load_and_validate(data)
    stamp = build_stamp(data)
    _gc_setting()
    with Timer() as t:
        for lang in ("nl", "en"):
            generate_edition(v, lang, stamp, downloads=False)
    return t


STAGES: dict[str, Callable[..., Timer]] = {
    f.__name__: f
    for f in (floor, load_validate_diff, diff, diff_lossless, naive, naive_list, asof_lookups, asof_answers, pages)  # type: ignore[misc]
}

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--gc" in args:
        i = args.index("--gc")
        GC = args[i + 1]
        del args[i : i + 2]
    name, path = args[0], Path(args[1])
    extra = [int(x) for x in args[2:]]
    t = STAGES[name](path, *extra)
    print(json.dumps({"seconds": t.wall, "cpu": t.cpu, "peak_mb": peak_mb()}))
