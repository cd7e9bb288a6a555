"""The corrections log: editorial differences between git revisions of the same data, which are not policy changes.

A policy change is a difference between versions (diff.py); a correction is a difference between two commits of
data that was already there. Each commit's data is read from git into memory (provenance.data_files_at) and
validated from there, by the same rules as the working tree.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .datafiles import from_memory
from .diff import field_changes
from .errors import DataError, HistoryError, UsageError
from .provenance import DataRepo, FileVersion, data_files_at, describe_commit, iter_commits, no_history_reason, opened, resolve
from .validate import Validated, load_and_validate

_log = logging.getLogger(__name__)


@dataclass
class EditorialChange:
    """A difference between two revisions of the same data: a correction, not a policy change."""

    kind: str  # version, provision, amendment, source, event, country
    id: str
    path: str
    change: str  # added, removed, corrected, updated (a new search for later changes: not a correction)
    before: Any = None
    after: Any = None

    def describe(self) -> str:
        """What changed, in words: "summary_en of provision v/p corrected" (the site words it from its labels)."""
        what = f"{self.path} of {self.kind} {self.id}" if self.path else f"{self.kind} {self.id}"
        return f"{what} {self.change}"


def _objects(v: Validated) -> dict[tuple[str, str], dict[str, Any]]:
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


SEARCH = {"currency.checked_until", "currency.searched", "currency.basis_nl", "currency.basis_en", "currency.fact"}
"""The record of the search for later changes. Where checked_until moves later, a new search replaced it: an update of
how current the data is, which every answer says, and no correction (an editor's read: a routine update stood on the
Corrections page as "currency.checked_until: corrected")."""


def editorial_diff(old: Validated, new: Validated) -> list[EditorialChange]:
    """Field-level differences between two validated datasets, described as corrections, or as updated for a new
    search for later changes."""
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
            searched = kind == "country" and b[key]["currency"]["checked_until"] > a[key]["currency"]["checked_until"]
            for f in field_changes(a[key], b[key]):
                change = "updated" if searched and _of_the_search(f.path, f.before, f.after, a[key], b[key]) else "corrected"
                out.append(EditorialChange(kind, ident, f.path, change, f.before, f.after))
    return out


def _of_the_search(path: str, before: Any, after: Any, old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether a change of a country, in a commit that moves its search for later changes later, is that new search:
    its record, developments it found added to the list, facts added (its own, theirs) and the old search's fact
    dropped. A change to any fact or development published before stays a correction (an outside tester: pointing the
    search at another fact and rewriting that fact had hidden a correction)."""
    if path in SEARCH:
        return True
    if path not in ("facts", "currency.known_later") or not (isinstance(before, list) and isinstance(after, list)):
        return False
    dropped = old["currency"].get("fact") if path == "facts" and new["currency"].get("fact") != old["currency"].get("fact") else None
    return all(x in after for x in before if not (isinstance(x, dict) and x.get("id") == dropped))  # none changed


def _label(repo: DataRepo, rev: str) -> str:
    """How messages name the data folder of a revision: REV:policy_versions, as git names a path in a commit."""
    return f"{rev}:{repo.data_rel or '.'}"


def review_diff(data_dir: Path, rev: str, rev2: str | None = None) -> tuple[list[EditorialChange], str, str]:
    """The editorial diff of the data between rev and rev2 (or the working tree)."""
    with opened(data_dir) as repo:
        if repo is None:
            raise UsageError(f"{no_history_reason()}; review diffs need the data's git history")
        old = _at(repo, rev)
        if rev2 is None:
            new, label = load_and_validate(data_dir), "working tree"
        else:
            new, label = _at(repo, rev2), rev2
    return editorial_diff(old, new), rev, label


def _at(repo: DataRepo, rev: str) -> Validated:
    """A revision's data, read into memory and validated from there; DataError names its problems as
    REV:policy_versions/..., HistoryError when git cannot read it."""
    label = _label(repo, rev)
    files = data_files_at(repo, resolve(repo, rev), label)
    if files is None:
        raise UsageError(f"{repo.data_rel or '.'}/ does not exist at revision {rev}")
    try:
        return load_and_validate(Path(label), files=from_memory(Path(label), files))
    except DataError as exc:  # a past revision cannot be edited: its problems say why, and the note what to do
        exc.note = f"these are the problems of revision {rev}, which cannot be edited; compare revisions that validate, or correct the data in a new commit"
        raise


@dataclass
class Correction:
    """A commit that changed data already published in an earlier commit."""

    commit: FileVersion
    changes: list[EditorialChange] = field(default_factory=list)


def corrections_log(data_dir: Path) -> tuple[list[Correction], str | None]:
    """Commits, of the latest 200, that changed already-published content, oldest first, each with its editorial diff; and a notice.

    New versions, amendments, sources and events are policy or additions, not corrections, and a new search for later
    changes is an update; a change to something that existed in the commit before is a correction. A commit whose data does not validate is left out
    (it was never publishable under today's rules); one that cannot be read as data is left out with a warning naming it. Never raises for git trouble.
    """
    try:
        with opened(data_dir) as repo:
            if repo is None:
                return [], f"no git history here ({no_history_reason()}); the corrections log is omitted"
            notice = "this is a shallow clone: corrections before its first commit are omitted" if repo.shallow else None
            return _corrections(repo), notice
    except (HistoryError, UsageError) as exc:
        _log.warning("%s; the corrections log is omitted", exc)
        return [], "the git history could not be read; the corrections log is omitted"


def corrections_for_site(data_dir: Path) -> list[Correction]:
    """corrections_log() for a build: each commit's author and subject shown() as text."""
    log, _ = corrections_log(data_dir)
    return [Correction(c.commit.shown(), c.changes) for c in log]


MAX_LOG_BYTES = 8_000_000
"""Most bytes of old data the corrections log validates in all, from the newest commit back (today's data is 85 kB,
so about 90 commits of it). Each commit's data is validated in full, so without a cap a few commits of megabytes,
even reverted since, made every build take minutes; past the cap the older commits are left out, with a warning."""


def _corrections(repo: DataRepo) -> list[Correction]:
    commits = list(iter_commits(repo, repo.data_rel, limit=200))
    read: dict[int, dict[str, bytes] | None | DataError | HistoryError] = {}
    spent, first = 0, 0
    for i in reversed(range(len(commits))):  # newest first, so that the budget keeps the latest corrections
        try:
            found = read[i] = data_files_at(repo, commits[i], _label(repo, commits[i].hexsha[:10]))
        except (DataError, HistoryError) as exc:
            read[i] = exc
            continue
        size = sum(len(body) for body in found.values()) if found else 0
        if spent + size > MAX_LOG_BYTES:
            first = i + 1
            _log.warning(
                "the corrections log leaves out %s and the commits before it: the %d commits after it hold %d bytes of "
                "data, and the log validates at most %d",
                describe_commit(commits[i]),
                len(commits) - 1 - i,
                spent,
                MAX_LOG_BYTES,
            )
            break
        spent += size
    out: list[Correction] = []
    invalid: list[str] = []
    previous: tuple[dict[str, bytes], Validated] | None = None
    for i in range(first, len(commits)):
        commit, label, files = commits[i], _label(repo, commits[i].hexsha[:10]), read[i]
        if isinstance(files, DataError):  # what the commit holds is not data: names, links, sizes
            more = f" (and {len(files.problems) - 1} more)" if len(files.problems) > 1 else ""
            _log.warning("%s is left out of the corrections log: %s%s", describe_commit(commit), files.problems[0], more)
            continue
        if isinstance(files, HistoryError):
            _log.warning("%s is left out of the corrections log: %s", describe_commit(commit), files)
            continue
        if files is None or (previous is not None and files == previous[0]):  # no data, or the same data
            continue
        try:
            version = FileVersion.of(commit, repo.data_rel)
        except HistoryError as exc:
            _log.warning("%s is left out of the corrections log: %s", describe_commit(commit), exc)
            continue
        try:
            data = load_and_validate(Path(label), files=from_memory(Path(label), files), verdict_only=True)
        except DataError:  # an editor's work in progress, or data older than today's rules: never publishable
            invalid.append(describe_commit(commit).removeprefix("commit "))
            continue
        if previous is not None:
            old = previous[1]
            existed = set(_objects(old))
            changes = [ch for ch in editorial_diff(old, data) if ch.change != "updated" and _existed(existed, ch)]
            if changes:
                out.append(Correction(version, changes))
        previous = files, data
    if invalid:  # normal: the rules grow stricter over time, so old commits stop validating; no warning on every build
        _log.info(
            "%d commit%s left out of the corrections log, as %s data does not validate: %s; `aztimeline diff --rev COMMIT` says why",
            len(invalid),
            "s are" if len(invalid) > 1 else " is",
            "their" if len(invalid) > 1 else "its",
            ", ".join(invalid),
        )
    return out


def _existed(existed: set[tuple[str, str]], ch: EditorialChange) -> bool:
    """Whether what a change touches was in the data before (for a provision: its version), so it is a correction."""
    touched = ("version", ch.id.split("/", 1)[0]) if ch.kind == "provision" else (ch.kind, ch.id)
    return touched in existed
