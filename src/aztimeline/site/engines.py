"""Static site engines: MkDocs with Material (the default) and Zensical, Material's successor by the same team.

Both build the same staged pages from the same edition configuration. Zensical reads mkdocs.yml, but wants the
docs and site folders relative to the configuration file, has its own theme variants, and checks links in raw HTML
as well, and rewrites relative links in the pages' HTML (relink_for_zensical and restore_downloads make up for it); the README lists every
difference we found and what we did about it.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
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


def run_zensical(config: dict[str, Any], where: Path, updated: dt.datetime | None = None) -> None:
    """Build one edition with Zensical; raise EngineError on a failure or any warning but the downloads' links.

    where is the edition's folder in the stage. Zensical wants the site folder inside the folder of its
    configuration file, so the file goes into the stage itself, which holds both editions and the site.
    updated (the data's commit time) dates the sitemap, given to Zensical's process as SOURCE_DATE_EPOCH.
    """
    exe = zensical_executable()
    if exe is None:
        raise OutputError("zensical is not installed in this environment; run `pip install -r requirements.lock` (it is pinned there)")
    relink_for_zensical(Path(config["docs_dir"]))
    root = where.parent
    cfg_path = root / f"zensical-{where.name}.yml"
    cfg_path.write_text(yaml.safe_dump(zensical_config(config, root), allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    if updated is not None:
        env["SOURCE_DATE_EPOCH"] = str(int(updated.timestamp()))
    proc = subprocess.run([exe, "build", "--clean", "--config-file", cfg_path.name], cwd=root, capture_output=True, text=True, env=env)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise EngineError(f"Zensical failed (exit {proc.returncode}): " + " ".join(_ANSI.sub("", output).split())[-2000:])
    problems = [w for w in warnings_of(output) if not _download_link(w)]
    if problems:
        raise EngineError("Zensical reported problems (strict build): " + "; ".join(problems))
    restore_downloads(Path(config["site_dir"]), where / "extra")


_HREF = re.compile(r'(\shref=")([^"#][^"]*)(")')
_ROOT = "/r/r/r/r/r"
"""A deep stand-in root for resolving relative links, which keeps links that climb out of an edition (to the other one) exact."""


def _rewrite_links(path: Path, fix: Callable[[str], str]) -> None:
    """Rewrite the relative raw HTML links (href="...") of one file by fix."""

    def sub(m: re.Match[str]) -> str:
        if ":" in m[2].split("/", 1)[0] or m[2].startswith("/"):
            return m[0]  # another site, or from the host's root: Zensical leaves these alone
        return m[1] + fix(m[2]) + m[3]

    text = path.read_text(encoding="utf-8")
    new = _HREF.sub(sub, text)
    if new != text:
        path.write_text(new, encoding="utf-8")


def relink_for_zensical(docs_dir: Path) -> None:
    """Write our pages' HTML links as Zensical reads them.

    Our links are relative to the page's address, which MkDocs leaves as they are. Zensical reads a link in a
    page's HTML as relative to the Markdown file and rewrites it for the page's address: on a page that is not an
    index page (changes/x.md, shown at changes/x/) that adds one "../". So for Zensical such a page's links are
    written here from the Markdown file's folder, and come out as we wrote them. Only raw HTML links (href="...")
    change: the hand-written pages use Markdown links, which both engines convert alike.
    """
    for md in docs_dir.rglob("*.md"):
        if md.name == "index.md":
            continue
        rel = md.relative_to(docs_dir).as_posix()
        folder, address = posixpath.dirname(rel), rel[:-3] + "/"

        def fix(url: str, folder: str = folder, address: str = address) -> str:
            path, sep, frag = url.partition("#")
            # The target, as the page's address sees it, then written from the Markdown file's folder.
            target = posixpath.normpath(posixpath.join(_ROOT, address, path))
            return posixpath.relpath(target, posixpath.join(_ROOT, folder)) + ("/" if path.endswith("/") else "") + sep + frag

        _rewrite_links(md, fix)


def restore_downloads(site_dir: Path, extra: Path) -> None:
    """Links to Markdown downloads back to the file: Zensical turns a link to x.md into a page address (x/).

    The downloads are copied in after the engine ran (from extra), so they are not pages.
    """
    for page in site_dir.rglob("index.html"):
        folder = page.parent.relative_to(site_dir).as_posix()

        def fix(url: str, folder: str = folder) -> str:
            target = posixpath.relpath(posixpath.normpath(posixpath.join(_ROOT, folder, url)), _ROOT)
            if not url.endswith("/") or target.startswith("..") or not (extra / f"{target}.md").is_file():
                return url
            return posixpath.relpath(posixpath.join(_ROOT, f"{target}.md"), posixpath.join(_ROOT, folder))

        _rewrite_links(page, fix)
