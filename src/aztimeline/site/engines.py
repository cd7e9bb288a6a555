"""Static site engines: MkDocs with Material (the default) and Zensical, Material's successor by the same team.

Both build the same staged pages from the same edition configuration. Zensical reads mkdocs.yml, but wants the
docs and site folders relative to the configuration file, has its own theme variants, and checks links in raw HTML
as well (docs/en/engines.md lists every difference we found and what we did about it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from ..errors import AztimelineError, OutputError

ENGINES = ("material", "zensical")
DEFAULT_ENGINE = "material"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class EngineError(AztimelineError):
    """The engine could not build the staged pages."""


def zensical_executable() -> str | None:
    """The zensical command of this environment (beside the running Python), else one on PATH."""
    local = Path(sys.executable).with_name("zensical")
    return str(local) if local.exists() else shutil.which("zensical")


def zensical_config(config: dict[str, Any], root: Path) -> dict[str, Any]:
    """The edition configuration as Zensical wants it: folders inside root (the folder of its file), Material's classic look."""
    cfg = dict(config)
    cfg["docs_dir"] = os.path.relpath(config["docs_dir"], root)
    cfg["site_dir"] = os.path.relpath(config["site_dir"], root)
    cfg["theme"] = {**config.get("theme", {}), "variant": "classic"}
    # Zensical would abort on its own warning about links to downloads, which are copied in after the build;
    # run_zensical reads its warnings instead and fails on every other one, as the strict MkDocs build does.
    cfg["strict"] = False
    return cfg


def warnings_of(output: str) -> list[str]:
    """Zensical's warnings, one line each: the message and where it points ("downloads.md:15:14")."""
    lines = [_ANSI.sub("", line) for line in output.splitlines()]
    found = []
    for i, line in enumerate(lines):
        if line.strip().startswith(("Warning:", "Error:")):
            message = line.split(":", 1)[1].strip()
            place = next((m.group(1) for m in (re.search(r"\[ ?([^\]\s]+:\d+:\d+) ?\]", x) for x in lines[i + 1 : i + 4]) if m), "")
            found.append(f"{place}: {message}" if place else message)
    return found


def _download_link(warning: str) -> bool:
    """A warning about a link from the downloads page to a download, which the build adds after the engine ran."""
    return warning.startswith("downloads.md:") and warning.endswith("page does not exist")


def run_zensical(config: dict[str, Any], where: Path) -> None:
    """Build one edition with Zensical; raise EngineError on a failure or any warning but the downloads' links.

    where is the edition's folder in the stage. Zensical wants the site folder inside the folder of its
    configuration file, so the file goes into the stage itself, which holds both editions and the site.
    """
    exe = zensical_executable()
    if exe is None:
        raise OutputError("zensical is not installed in this environment; run `pip install -r requirements.lock` (it is pinned there)")
    root = where.parent
    cfg_path = root / f"zensical-{where.name}.yml"
    cfg_path.write_text(yaml.safe_dump(zensical_config(config, root), allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([exe, "build", "--clean", "--config-file", cfg_path.name], cwd=root, capture_output=True, text=True, env=env)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise EngineError(f"Zensical failed (exit {proc.returncode}): " + " ".join(_ANSI.sub("", output).split())[-2000:])
    problems = [w for w in warnings_of(output) if not _download_link(w)]
    if problems:
        raise EngineError("Zensical reported problems (strict build): " + "; ".join(problems))
