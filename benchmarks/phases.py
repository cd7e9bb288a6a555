"""Where one `aztimeline build` spends its CPU time: run the build in this process, timing its phases.

Usage: phases.py DATA OUTPUT. Prints one JSON line of CPU seconds per phase (each phase without the phases inside
it), the whole process ("total", interpreter start excluded) and the git subprocesses it ran ("git").
"""

from __future__ import annotations

import functools
import importlib
import json
import resource
import sys
import time
from typing import Any

START = time.process_time()
SPENT: dict[str, float] = {}


def timed(module: str, name: str) -> None:
    """Replace module.name by a wrapper that adds its CPU time to SPENT[name]."""
    mod = importlib.import_module(module)
    fn = getattr(mod, name)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[name] = SPENT.get(name, 0.0) + time.process_time() - t

    setattr(mod, name, wrapper)


def main() -> None:
    data, output = sys.argv[1:3]
    t = time.process_time()
    from aztimeline.cli import main as cli

    imports = time.process_time() - t
    timed("aztimeline.site.build", "load_and_validate")
    timed("aztimeline.site.build", "edition_files")
    timed("aztimeline.site.build", "run_mkdocs")
    timed("aztimeline.site.generate", "generate_edition")
    timed("aztimeline.site.generate", "_make_downloads")
    timed("aztimeline.provenance", "corrections_log")
    timed("aztimeline.provenance", "history")
    code = cli(["build", "--data", data, "--output", output])
    if code:
        raise SystemExit(code)
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = time.process_time() - START
    s = SPENT
    phases = {
        "imports": imports,
        "validation": s.get("load_and_validate", 0.0),
        "git history and corrections log": s.get("history", 0.0) + s.get("corrections_log", 0.0),
        "page generation": s.get("generate_edition", 0.0) - s.get("_make_downloads", 0.0),
        "downloads": s.get("_make_downloads", 0.0),
        "preparing the pages (front matter, hand-written docs)": s.get("edition_files", 0.0)
        - s.get("generate_edition", 0.0)
        - s.get("history", 0.0)
        - s.get("corrections_log", 0.0),
        "MkDocs, both editions": s.get("run_mkdocs", 0.0),
    }
    phases["the rest (stamp, checks, copying, swap)"] = total - sum(phases.values())
    phases["total"] = total
    phases["git"] = kids.ru_utime + kids.ru_stime
    phases["process"] = own.ru_utime + own.ru_stime
    print(json.dumps(phases))


if __name__ == "__main__":
    main()
