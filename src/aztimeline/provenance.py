"""Where the data came from: build stamps, file histories, review diffs and the corrections log (git).

Git is optional: outside a checkout, or in a shallow clone, history is reported as absent with a notice and
never as an error. Git is run directly (no GitPython): a build asks it a handful of questions, and what only
changes with a new commit (file histories, the list of data commits) is kept in the user's cache under HEAD.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, clock
from .errors import UsageError


def build_time() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, when set (reproducible builds); UsageError when it is not a time."""
    return clock.build_time()


def _git_env() -> dict[str, str]:
    return {**os.environ, "LANGUAGE": "C", "LC_ALL": "C"}  # git's own messages in English, as GitPython ran it


def _git(cwd: Path, *args: str) -> str:
    """git's output for args, run in cwd; CalledProcessError or OSError when git fails or is missing."""
    done = subprocess.run(["git", *args], cwd=cwd, env=_git_env(), stdin=subprocess.DEVNULL, capture_output=True, check=True)
    return done.stdout.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class GitRepo:
    """A git checkout: its top folder, its (common) git folder, HEAD's commit, and whether it is shallow."""

    root: Path
    common_dir: Path
    head: str
    shallow: bool
    replaced: bool  # refs/replace/* exist: git log may show other commits than HEAD's own history

    def git(self, *args: str) -> str:
        return _git(self.root, *args)


def open_repo(path: Path) -> GitRepo | None:
    """The git checkout holding path, or None (no git, no repository, or no commit yet)."""
    try:
        out = _git(path, "rev-parse", "--show-toplevel", "--git-common-dir", "--is-shallow-repository", "HEAD", "--glob=refs/replace/*")
    except (OSError, subprocess.SubprocessError):  # any git trouble means: no history here
        return None
    lines = out.splitlines()
    if len(lines) < 4 or not lines[0] or lines[2] not in ("true", "false"):
        return None
    root = Path(lines[0]).resolve()
    return GitRepo(root, (Path(path) / lines[1]).resolve(), lines[3], lines[2] == "true", len(lines) > 4)


def is_shallow(repo: GitRepo) -> bool:
    return repo.shallow


def _graph_state(repo: GitRepo) -> str | None:
    """A digest of what `git log` from HEAD answers depends on besides the paths asked about; None: don't cache.

    A commit names its whole history, so HEAD's commit fixes which commits git log walks, except in a shallow
    clone (deepening it changes the history under the same HEAD), with replace refs or grafts. Git's
    configuration, its environment and the git program itself are part of the digest (rename limits,
    encodings). Also None when the cache is off, so no time is spent on a key that is never used.
    """
    from . import cache

    if cache.cache_dir() is None or repo.shallow or repo.replaced:
        return None
    if "GIT_GRAFT_FILE" in os.environ or "GIT_REPLACE_REF_BASE" in os.environ or (repo.common_dir / "info" / "grafts").exists():
        return None
    program = shutil.which("git")
    try:
        config = repo.git("config", "--list", "-z")
        st = os.stat(program) if program else None
    except (OSError, subprocess.SubprocessError):
        return None
    if st is None:
        return None
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith("GIT_") and not k.startswith("GIT_TRACE"))  # tracing: stderr
    state = [repo.head, config, [os.path.realpath(program or ""), st.st_size, st.st_mtime_ns, st.st_ino], env]
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()


def build_stamp(data_dir: Path) -> dict[str, Any]:
    """The data's commit (sha, date) and dirtiness; outside git, says so. Never raises for git trouble."""
    stamp: dict[str, Any] = {"tool": f"aztimeline {__version__}", "commit": None, "commit_date": None, "dirty": False, "git": "none"}
    repo = open_repo(data_dir)
    if repo is not None:
        try:
            rel = os.path.relpath(data_dir.resolve(), repo.root)
            when = _commit_time(repo.git("cat-file", "commit", repo.head))
            stamp["commit"] = repo.head
            stamp["commit_date"] = dt.datetime.fromtimestamp(when, tz=dt.UTC).isoformat()
            stamp["dirty"] = bool(repo.git("status", "--porcelain", "--untracked-files=all", "--", rel).strip())
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


def _commit_time(raw: str) -> int:
    """The committer's timestamp in a commit object (`git cat-file commit`), in seconds since the epoch."""
    for line in raw.split("\n"):
        if not line:
            break
        if line.startswith("committer "):
            return int(line.rsplit(" ", 2)[1])
    raise ValueError("a commit without a committer line")


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


def iter_file_versions(repo: GitRepo, path: str, rev: str | None = None) -> Iterator[FileVersion]:
    """The commits that touched a file, oldest first, following renames. path is relative to the repository.

    rev: the commit to start from (HEAD when not given).
    """
    sep = "\x1f"
    out = repo.git("log", "--follow", "--name-only", f"--format=@@{sep}%H{sep}%aI{sep}%an{sep}%s", *([rev] if rev else []), "--", path)
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
    """The history of every data file (or of one), keyed by its path relative to data_dir; and a notice, if any.

    The histories from one commit never change: they are kept in the user's cache under HEAD's commit (with
    git's configuration and program) and the files asked about, and asked of git again when any of those differ.
    """
    repo = open_repo(data_dir)
    if repo is None:
        return {}, "no git history here (not a git checkout); history is omitted"
    notice = "this is a shallow clone: history before its first commit is omitted" if is_shallow(repo) else None
    root = repo.root
    data = data_dir.resolve()
    files = [target.resolve()] if target else sorted(p for p in data.rglob("*") if p.is_file() and p.suffix in (".yaml", ".txt"))
    paths: list[tuple[str, str]] = []  # (key, path in the repository)
    for f in files:
        try:
            rel_repo = f.relative_to(root).as_posix()
        except ValueError:
            raise UsageError(f"{f} is not inside the repository at {root}") from None
        paths.append((f.relative_to(data).as_posix() if f.is_relative_to(data) else rel_repo, rel_repo))
    from . import cache

    state = _graph_state(repo)
    k = cache.key("history", state, json.dumps(paths)) if state else None
    if k is not None:
        stored = _stored_history(cache.read("history", k), [key for key, _ in paths])
        if stored is not None:
            return stored, notice
    out = {key: list(iter_file_versions(repo, rel_repo, repo.head)) for key, rel_repo in paths}
    if k is not None:
        cache.write("history", k, {key: [fv.as_dict() for fv in versions] for key, versions in out.items()})
    return out, notice


def _stored_history(body: Any, keys: list[str]) -> dict[str, list[FileVersion]] | None:
    """Histories as the cache stores them, or None when the entry does not have that shape or those files."""
    if not isinstance(body, dict) or list(body) != keys:
        return None
    try:
        return {key: [FileVersion(**fv) for fv in versions] for key, versions in body.items()}
    except TypeError:
        return None


# --- data at a revision, review diffs and corrections ---------------------------------------------------


class _Objects:
    """Git objects read through one `git cat-file --batch` (instead of a process or a checkout per file)."""

    def __init__(self, repo: GitRepo) -> None:
        pipe = subprocess.PIPE
        self._proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=repo.root, env=_git_env(), stdin=pipe, stdout=pipe, stderr=subprocess.DEVNULL)
        self._trees: dict[str, list[tuple[bytes, str, str]]] = {}

    def read(self, name: str) -> tuple[str, str, bytes] | None:
        """(sha, type, body) of the object name names, or None when there is none."""
        if "\n" in name:
            return None
        stdin, stdout = self._proc.stdin, self._proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(name.encode("utf-8", errors="surrogateescape") + b"\n")
        stdin.flush()
        parts = stdout.readline().split()
        if len(parts) != 3 or not parts[2].isdigit():  # "NAME missing" or "NAME ambiguous"
            if not parts:
                raise OSError("git cat-file stopped")
            return None
        size = int(parts[2])
        body = stdout.read(size)
        stdout.read(1)  # the newline after each object
        if len(body) != size:
            raise OSError("git cat-file stopped")
        return parts[0].decode(), parts[1].decode(), body

    def entries(self, tree: str) -> list[tuple[bytes, str, str]]:
        """A tree's entries: (mode, name, sha), in git's order; each tree is read once."""
        if tree not in self._trees:
            found = self.read(tree)
            if found is None or found[1] != "tree":
                raise OSError(f"git tree {tree} could not be read")
            body, width, out, i = found[2], len(tree) // 2, [], 0
            while i < len(body):
                space = body.index(b" ", i)
                nul = body.index(b"\0", space)
                out.append((body[i:space], os.fsdecode(body[space + 1 : nul]), body[nul + 1 : nul + 1 + width].hex()))
                i = nul + 1 + width
            self._trees[tree] = out
        return self._trees[tree]

    def files(self, tree: str, prefix: str = "") -> Iterator[tuple[str, str]]:
        """(path, blob sha) of every file under a tree; submodules are left out, symbolic links are files."""
        for mode, name, sha in self.entries(tree):
            if mode == b"40000":
                yield from self.files(sha, f"{prefix}{name}/")
            elif mode != b"160000":
                yield f"{prefix}{name}", sha

    def close(self) -> None:
        if self._proc.stdin:
            self._proc.stdin.close()
        if self._proc.stdout:
            self._proc.stdout.close()
        self._proc.wait()


def checkout_data(repo: GitRepo, rev: str, data_rel: str, into: Path, objects: _Objects | None = None) -> Path:
    """Write the data folder as it was at rev into a new folder; UsageError for an unknown revision."""
    reader = objects or _Objects(repo)
    try:
        commit = reader.read(rev) if rev and rev.strip() == rev else None
        if commit is not None and commit[1] == "tag":  # an annotated tag names its commit
            commit = reader.read(f"{commit[0]}^{{commit}}")
        if commit is None or commit[1] != "commit":
            raise UsageError(f"unknown revision {rev!r}; give a commit, tag or branch (see git log)")
        tree = _data_tree(reader, commit[0], data_rel)
        if tree is None:
            raise UsageError(f"{data_rel}/ does not exist at revision {rev}")
        return _write_tree(reader, tree, into)
    finally:
        if objects is None:
            reader.close()


def _data_tree(objects: _Objects, commit: str, data_rel: str) -> str | None:
    """The git tree of the data folder in a commit, or None when the commit has no such folder."""
    found = objects.read(f"{commit}^{{tree}}" if data_rel == "." else f"{commit}:{data_rel}")
    return found[0] if found is not None and found[1] == "tree" else None


def _write_tree(objects: _Objects, tree: str, into: Path) -> Path:
    """Write the files of a git tree into into/policy_versions; that folder."""
    target = into / "policy_versions"
    blobs: dict[str, bytes] = {}
    made: set[Path] = set()
    for path, sha in objects.files(tree):
        if sha not in blobs:
            blob = objects.read(sha)
            if blob is None:
                raise OSError(f"git object {sha} could not be read")
            blobs[sha] = blob[2]
        out = target / path
        if out.parent not in made:
            out.parent.mkdir(parents=True, exist_ok=True)
            made.add(out.parent)
        out.write_bytes(blobs[sha])
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
    data_rel = data_dir.resolve().relative_to(repo.root).as_posix()
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
    repo = open_repo(data_dir)
    if repo is None:
        return [], "no git history here (not a git checkout); the corrections log is omitted"
    notice = "this is a shallow clone: corrections before its first commit are omitted" if is_shallow(repo) else None
    data_rel = data_dir.resolve().relative_to(repo.root).as_posix()
    from . import cache

    # Which commits touched the data is fixed by HEAD's commit (see _graph_state): kept in the cache under it.
    state = _graph_state(repo)
    listed = cache.key("commits", state, data_rel, str(limit)) if state else None
    commits = _stored_commits(cache.read("commits", listed)) if listed else None
    if commits is None:
        sep = "\x1f"
        lines = repo.git("log", f"-{limit}", f"--format=%H{sep}%aI{sep}%an{sep}%s", repo.head, "--", data_rel).splitlines()
        commits = []
        for line in reversed(lines):
            if line:
                sha, date, author, message = line.split(sep, 3)
                commits.append(FileVersion(sha, date, author, message, data_rel))
        if listed:
            cache.write("commits", listed, [c.as_dict() for c in commits])
    # A commit's data never changes, so the log is a function of the commits and of aztimeline's own code: it is
    # kept in the user's cache under those, instead of validating the data at every commit again in every build.
    key = cache.key("corrections", hashlib.sha256("\n".join(c.sha for c in commits).encode()).hexdigest(), data_rel, str(limit))
    stored = _stored_corrections(cache.read("corrections", key))
    if stored is not None:
        return stored, notice
    # Whether a commit's data validates, and what changed between two valid commits, depend only on the data's
    # git trees (content-addressed) and aztimeline's code: kept per tree and per pair of trees, so a new commit
    # validates its own data and the previous valid data only, not every commit again.
    steps_key = cache.key("correction-steps", "", data_rel)
    valid, pairs = _stored_steps(cache.read("correction-steps", steps_key))
    try:
        out, used_valid, used_pairs = _corrections(repo, commits, data_rel, valid, pairs)
    except _StaleStep:  # a stored step disagrees with the data: computed again without any
        valid, pairs = {}, {}
        out, used_valid, used_pairs = _corrections(repo, commits, data_rel, valid, pairs)
    if len(valid) + len(pairs) > 8 * limit:  # keep the entry small: only what this log used
        valid, pairs = {}, {}
    cache.write(
        "correction-steps",
        steps_key,
        {
            "valid": {**valid, **used_valid},
            "pairs": {pair: [dataclasses.asdict(ch) for ch in changes] for pair, changes in {**pairs, **used_pairs}.items()},
        },
    )
    cache.write(
        "corrections",
        key,
        [{"commit": c.commit.as_dict(), "changes": [dataclasses.asdict(ch) for ch in c.changes]} for c in out],
    )
    return out, notice


class _StaleStep(Exception):
    """A stored step (a tree valid, or the changes between two trees) that the data does not confirm."""


def _corrections(
    repo: GitRepo, commits: list[FileVersion], data_rel: str, valid: dict[str, bool], pairs: dict[str, list[EditorialChange]]
) -> tuple[list[Correction], dict[str, bool], dict[str, list[EditorialChange]]]:
    """The corrections among commits (oldest first), using and returning the steps known per tree and pair of trees.

    A commit whose data does not validate is skipped; each valid commit is compared with the valid one before it,
    and a change to something that existed there is a correction.
    """
    from .errors import DataError
    from .validate import load_and_validate

    out: list[Correction] = []
    used_valid: dict[str, bool] = {}
    used_pairs: dict[str, list[EditorialChange]] = {}
    loaded: dict[str, Any] = {}  # tree -> validated data (or None), only the trees still needed
    tmp = Path(tempfile.mkdtemp(prefix="aztimeline-log-"))
    objects = _Objects(repo)

    def validated(tree: str) -> Any:
        if tree not in loaded:
            try:
                loaded[tree] = load_and_validate(_write_tree(objects, tree, tmp / tree), verdict_only=True)
            except (DataError, UsageError):
                loaded[tree] = None
        return loaded[tree]

    try:
        previous: str | None = None
        for c in commits:
            tree = _data_tree(objects, c.sha, data_rel)
            if tree is None:  # no data folder in this commit
                continue
            ok = valid.get(tree)
            if ok is None:
                ok = validated(tree) is not None
            used_valid[tree] = ok
            if not ok:
                continue
            if previous is not None:
                pair = f"{previous} {tree}"
                changes = pairs.get(pair)
                if changes is None:
                    old, new = validated(previous), validated(tree)
                    if old is None or new is None:
                        raise _StaleStep(pair)
                    changes = [ch for ch in editorial_diff(old, new) if _existed(old, ch)]
                used_pairs[pair] = changes
                if changes:
                    out.append(Correction(c, changes))
            previous = tree
            for t in [t for t in loaded if t != tree]:
                del loaded[t]
    finally:
        objects.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return out, used_valid, used_pairs


def _stored_steps(body: Any) -> tuple[dict[str, bool], dict[str, list[EditorialChange]]]:
    """The steps as the cache stores them: ({tree: valid}, {"tree tree": changes}); empty when not of that shape."""
    try:
        valid, pairs = body["valid"], body["pairs"]
        if not isinstance(valid, dict) or not all(isinstance(k, str) and isinstance(v, bool) for k, v in valid.items()):
            return {}, {}
        return dict(valid), {str(pair): [EditorialChange(**ch) for ch in changes] for pair, changes in pairs.items()}
    except (KeyError, TypeError, AttributeError):
        return {}, {}


def _stored_commits(body: Any) -> list[FileVersion] | None:
    """The list of data commits as the cache stores it, or None when the entry does not have that shape."""
    if not isinstance(body, list):
        return None
    try:
        return [FileVersion(**c) for c in body]
    except TypeError:
        return None


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
