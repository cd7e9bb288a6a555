"""Where the data came from: build stamps, file histories, review diffs and the corrections log (gitpython).

Git is optional: outside a checkout, or in a shallow clone, history is reported as absent with a notice and
never as an error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import UsageError


def build_time() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, when set (reproducible builds)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw and raw.isdigit():
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    return None


def open_repo(path: Path) -> Any | None:
    """The git repository holding path, or None (no git, no repository, or no commit yet)."""
    try:
        import git  # gitpython is imported lazily: it is slow to import and git may be missing
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        repo = git.Repo(path, search_parent_directories=True)
        repo.head.commit  # noqa: B018 - raises when there is no commit yet
        return repo
    except Exception:  # any git trouble means: no history here
        return None


def is_shallow(repo: Any) -> bool:
    try:
        return bool(repo.git.rev_parse("--is-shallow-repository").strip() == "true")
    except Exception:
        return False


def build_stamp(data_dir: Path) -> dict[str, Any]:
    """The data's commit (sha, date) and dirtiness; outside git, says so. Never raises for git trouble."""
    stamp: dict[str, Any] = {"tool": f"aztimeline {__version__}", "commit": None, "commit_date": None, "dirty": False, "git": "none"}
    repo = open_repo(data_dir)
    if repo is not None:
        try:
            head = repo.head.commit
            rel = os.path.relpath(data_dir.resolve(), repo.working_tree_dir or ".")
            stamp["commit"] = head.hexsha
            stamp["commit_date"] = head.committed_datetime.astimezone(dt.UTC).isoformat()
            stamp["dirty"] = bool(repo.git.status("--porcelain", "--untracked-files=all", "--", rel).strip())
            stamp["git"] = "shallow" if is_shallow(repo) else "ok"
        except Exception:
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


# --- history ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileVersion:
    """One commit of one file: when, who, why, and the path the file had then."""

    sha: str
    date: str
    author: str
    message: str
    path: str

    def as_dict(self) -> dict[str, str]:
        return {"sha": self.sha, "date": self.date, "author": self.author, "message": self.message, "path": self.path}


def iter_file_versions(repo: Any, path: str) -> Iterator[FileVersion]:
    """The commits that touched a file, oldest first, following renames. path is relative to the repository."""
    sep = "\x1f"
    out = repo.git.log("--follow", "--name-only", f"--format=@@{sep}%H{sep}%aI{sep}%an{sep}%s", "--", path)
    entries: list[FileVersion] = []
    current: list[str] | None = None
    for line in out.splitlines():
        if line.startswith("@@" + sep):
            current = line.split(sep)[1:]
        elif line.strip() and current is not None:
            sha, date, author, message = current
            entries.append(FileVersion(sha, date, author, message, line.strip()))
            current = None
    yield from reversed(entries)


def history(data_dir: Path, target: Path | None = None) -> tuple[dict[str, list[FileVersion]], str | None]:
    """The history of every data file (or of one), keyed by its path relative to data_dir; and a notice, if any."""
    repo = open_repo(data_dir)
    if repo is None:
        return {}, "no git history here (not a git checkout); history is omitted"
    notice = "this is a shallow clone: history before its first commit is omitted" if is_shallow(repo) else None
    root = Path(repo.working_tree_dir or ".").resolve()
    data = data_dir.resolve()
    files = [target.resolve()] if target else sorted(p for p in data.rglob("*") if p.is_file() and p.suffix in (".yaml", ".txt"))
    out: dict[str, list[FileVersion]] = {}
    for f in files:
        try:
            rel_repo = f.relative_to(root).as_posix()
        except ValueError:
            raise UsageError(f"{f} is not inside the repository at {root}") from None
        key = f.relative_to(data).as_posix() if f.is_relative_to(data) else rel_repo
        out[key] = list(iter_file_versions(repo, rel_repo))
    return out, notice


# --- data at a revision, review diffs and corrections ---------------------------------------------------


def checkout_data(repo: Any, rev: str, data_rel: str, into: Path) -> Path:
    """Write the data folder as it was at rev into a new folder; UsageError for an unknown revision."""
    try:
        commit = repo.commit(rev)
    except Exception:
        raise UsageError(f"unknown revision {rev!r}; give a commit, tag or branch (see git log)") from None
    target = into / "policy_versions"
    try:
        tree = commit.tree / data_rel
    except KeyError:
        raise UsageError(f"{data_rel}/ does not exist at revision {rev}") from None
    for blob in tree.traverse():
        if blob.type != "blob":
            continue
        path = target / Path(blob.path).relative_to(data_rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob.data_stream.read())
    return target


@dataclass
class EditorialChange:
    """A difference between two revisions of the same data: a correction, not a policy change."""

    kind: str  # version, provision, amendment, source, event, country
    id: str
    path: str
    change: str  # added, removed, corrected
    before: Any = None
    after: Any = None

    def describe(self, lang: str = "en") -> str:
        """What changed, in words: "summary_en of provision v/p corrected" / "summary_en van onderdeel v/p gecorrigeerd"."""
        if lang == "nl":
            kind = _KIND_NL.get(self.kind, self.kind)
            what = f"{self.path} van {kind} {self.id}" if self.path else f"{kind} {self.id}"
            return f"{what} {_CHANGE_NL.get(self.change, self.change)}"
        what = f"{self.path} of {self.kind} {self.id}" if self.path else f"{self.kind} {self.id}"
        return f"{what} {self.change}"


_KIND_NL = {"version": "versie", "provision": "onderdeel", "amendment": "overgang", "source": "bron", "event": "gebeurtenis", "country": "land"}
_CHANGE_NL = {"added": "toegevoegd", "removed": "verwijderd", "corrected": "gecorrigeerd"}


def _objects(v: Any) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for cd in v.dataset.countries.values():
        out[("country", cd.country.id)] = cd.country.model_dump(mode="json", exclude_none=True)
        for vid, ver in cd.versions.items():
            d = ver.model_dump(mode="json", exclude_none=True)
            for pid, p in d.pop("provisions").items():
                out[("provision", f"{vid}/{pid}")] = p
            out[("version", vid)] = d
        for aid, a in cd.amendments.items():
            out[("amendment", aid)] = a.model_dump(mode="json", exclude_none=True)
        for sid, s in cd.sources.items():
            out[("source", sid)] = s.meta.model_dump(mode="json", exclude_none=True)
        for e in cd.events.events:
            out[("event", e.id)] = e.model_dump(mode="json", exclude_none=True)
    return out


def editorial_diff(old: Any, new: Any) -> list[EditorialChange]:
    """Field-level differences between two validated datasets, described as corrections."""
    from .diff import field_changes

    a, b = _objects(old), _objects(new)
    whole = {ident for kind, ident in (set(a) ^ set(b)) if kind == "version"}  # versions added or removed as a whole
    out: list[EditorialChange] = []
    for key in sorted(set(a) | set(b)):
        kind, ident = key
        if kind == "provision" and ident.split("/", 1)[0] in whole:
            continue  # reported once, as the version
        if key not in a:
            out.append(EditorialChange(kind, ident, "", "added", None, b[key]))
        elif key not in b:
            out.append(EditorialChange(kind, ident, "", "removed", a[key], None))
        elif a[key] != b[key]:
            for f in field_changes(a[key], b[key]):
                out.append(EditorialChange(kind, ident, f.path, "corrected", f.before, f.after))
    return out


def review_diff(data_dir: Path, rev: str, rev2: str | None = None) -> tuple[list[EditorialChange], str, str]:
    """The editorial diff of the data between rev and rev2 (or the working tree)."""
    from .validate import load_and_validate

    repo = open_repo(data_dir)
    if repo is None:
        raise UsageError("not a git checkout: review diffs need the data's git history")
    root = Path(repo.working_tree_dir or ".").resolve()
    data_rel = data_dir.resolve().relative_to(root).as_posix()
    with tempfile.TemporaryDirectory() as tmp:
        old = _validated_at(checkout_data(repo, rev, data_rel, Path(tmp) / "a"), rev, data_rel)
        if rev2 is None:
            new, label = load_and_validate(data_dir), "working tree"
        else:
            new, label = _validated_at(checkout_data(repo, rev2, data_rel, Path(tmp) / "b"), rev2, data_rel), rev2
    return editorial_diff(old, new), rev, label


def _validated_at(folder: Path, rev: str, data_rel: str) -> Any:
    """Validate data checked out from rev; problems name REV:path in the repository, not the temporary folder."""
    from .errors import DataError, Problem
    from .load import shown_path
    from .validate import load_and_validate

    try:
        return load_and_validate(folder)
    except DataError as exc:
        prefix = shown_path(folder)
        raise DataError(
            [
                Problem(f"{rev}:{data_rel}{p.file[len(prefix) :]}" if p.file.startswith(prefix) else p.file, p.line, p.field, p.message)
                for p in exc.problems
            ]
        ) from None


@dataclass
class Correction:
    """A commit that changed data already published in an earlier commit."""

    commit: FileVersion
    changes: list[EditorialChange] = field(default_factory=list)


def corrections_log(data_dir: Path, limit: int = 200) -> tuple[list[Correction], str | None]:
    """Commits that changed already-published content, oldest first, each with its editorial diff.

    New versions, amendments, sources and events are policy or additions, not corrections; a change to
    something that existed in the commit before is a correction. Commits whose data did not validate are
    skipped: they were never publishable.
    """
    from .errors import DataError
    from .validate import load_and_validate

    repo = open_repo(data_dir)
    if repo is None:
        return [], "no git history here (not a git checkout); the corrections log is omitted"
    notice = "this is a shallow clone: corrections before its first commit are omitted" if is_shallow(repo) else None
    root = Path(repo.working_tree_dir or ".").resolve()
    data_rel = data_dir.resolve().relative_to(root).as_posix()
    sep = "\x1f"
    lines = repo.git.log(f"-{limit}", f"--format=%H{sep}%aI{sep}%an{sep}%s", "--", data_rel).splitlines()
    commits = []
    for line in reversed(lines):
        if line:
            sha, date, author, message = line.split(sep, 3)
            commits.append(FileVersion(sha, date, author, message, data_rel))
    # A commit's data never changes, so the log is a function of the commits and of aztimeline's own code: it is
    # kept in the user's cache under those, instead of validating the data at every commit again in every build.
    import hashlib

    from . import cache

    key = cache.key("corrections", hashlib.sha256("\n".join(c.sha for c in commits).encode()).hexdigest(), data_rel, str(limit))
    stored = _stored_corrections(cache.read("corrections", key))
    if stored is not None:
        return stored, notice
    out: list[Correction] = []
    tmp = Path(tempfile.mkdtemp(prefix="aztimeline-log-"))
    try:
        previous = None
        for i, c in enumerate(commits):
            try:
                current = load_and_validate(checkout_data(repo, c.sha, data_rel, tmp / str(i)))
            except (DataError, UsageError):
                continue
            if previous is not None:
                changes = [ch for ch in editorial_diff(previous, current) if _existed(previous, ch)]
                if changes:
                    out.append(Correction(c, changes))
            previous = current
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    cache.write(
        "corrections",
        key,
        [{"commit": c.commit.as_dict(), "changes": [dataclasses.asdict(ch) for ch in c.changes]} for c in out],
    )
    return out, notice


def _stored_corrections(body: Any) -> list[Correction] | None:
    """The corrections log as the cache stores it, or None when the entry does not have that shape."""
    if not isinstance(body, list):
        return None
    try:
        return [Correction(FileVersion(**c["commit"]), [EditorialChange(**ch) for ch in c["changes"]]) for c in body]
    except (KeyError, TypeError):
        return None


def _version_existed(v: Any, provision_key: str) -> bool:
    vid = provision_key.split("/", 1)[0]
    return any(vid in cd.versions for cd in v.dataset.countries.values())


def _existed(old: Any, ch: EditorialChange) -> bool:
    if ch.kind == "provision":
        return _version_existed(old, ch.id)
    return (ch.kind, ch.id) in _objects(old)
