"""Where the data came from: the git commit, its date, and whether policy_versions/ had uncommitted edits."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from . import __version__


def build_time() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, when set (reproducible builds)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw and raw.isdigit():
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    return None


def build_stamp(data_dir: Path) -> dict[str, Any]:
    """The data's commit (sha, date) and dirtiness; outside git, says so. Never raises for git trouble."""
    stamp: dict[str, Any] = {"tool": f"aztimeline {__version__}", "commit": None, "commit_date": None, "dirty": False, "git": "none"}
    try:
        import git  # gitpython: imported lazily, it is slow to import and git may be missing
    except ImportError:  # pragma: no cover - gitpython is a dependency
        git = None  # type: ignore[assignment]
    if git is not None:
        try:
            repo = git.Repo(data_dir, search_parent_directories=True)
            head = repo.head.commit
            rel = os.path.relpath(data_dir.resolve(), repo.working_tree_dir or ".")
            stamp["commit"] = head.hexsha
            stamp["commit_date"] = head.committed_datetime.astimezone(dt.UTC).isoformat()
            stamp["dirty"] = bool(repo.git.status("--porcelain", "--", rel).strip())
            stamp["git"] = "ok"
        except Exception:  # no repository, no commits, no git binary: history is simply absent
            stamp["git"] = "none"
    made = build_time()
    if made is None and stamp["commit_date"]:
        made = dt.datetime.fromisoformat(stamp["commit_date"])
    stamp["made"] = made.date().isoformat() if made else dt.date.today().isoformat()
    stamp["data"] = describe_data(stamp, "en")
    stamp["data_nl"] = describe_data(stamp, "nl")
    return stamp


def describe_data(stamp: dict[str, Any], lang: str) -> str:
    """The data version in words: its commit and date, and whether it had uncommitted changes."""
    if not stamp.get("commit"):
        return "werkkopie, niet in git" if lang == "nl" else "working copy, not in git"
    text = f"commit {stamp['commit'][:12]} ({stamp['commit_date'][:10]})"
    if stamp.get("dirty"):
        text += " + niet-vastgelegde wijzigingen" if lang == "nl" else " + uncommitted changes"
    return text
