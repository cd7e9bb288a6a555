"""Where the data came from, read from git through GitPython: the repository, the build stamp, the history of each
data file, and the data files of a commit as blobs in memory.

Git is optional: without the git program, outside a checkout, or in a shallow clone, history is reported as
absent (or cut short) with a notice, never as an error. A repository git cannot read (a missing or damaged object)
is a HistoryError, one line. Commits are read as objects, never as log text, and nothing of a commit is written to
disk: a path from a commit is checked before it is used, and reading one commit stops at MAX_COMMIT_ENTRIES tree
entries and MAX_COMMIT_BYTES bytes of blobs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import hashlib
import logging
import os
import re
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gitdb.exc import ODBError
from gitdb.fun import loose_object_header

from . import __version__, clock
from .datafiles import KINDS, MAX_YAML_BYTES
from .errors import DataError, HistoryError, Problem, UsageError
from .textrules import brief, for_terminal

_GIT_PROBLEM = ""
"""Why GitPython could not be loaded (no git program, or a git that fails to run), in one short line."""
try:
    import git
except ImportError as exc:  # GitPython refuses to load where git cannot run: then there is no history to read
    git = None  # type: ignore[assignment]
    if shutil.which("git") is None:
        _GIT_PROBLEM = "no git program found"
    else:  # a git that fails even to say its version, such as one given a broken configuration file
        _said = [line.strip().removeprefix("stderr:").strip().strip("'") for line in str(exc).splitlines() if line.strip()]
        _GIT_PROBLEM = for_terminal(f"git cannot run: {_said[-1] if _said else 'no reason given'}"[:300])
        if "[Errno 24]" in str(exc) or "[Errno 23]" in str(exc):  # EMFILE, ENFILE: the process's limit, not git
            _GIT_PROBLEM = "git cannot run: too many files are open; raise this process's limit on open files (ulimit -n)"

_log = logging.getLogger(__name__)

MAX_COMMIT_ENTRIES = 10_000
"""Most tree entries read from one commit's data folder (today's data has 7 files, 1,000 versions about 2,000)."""
MAX_COMMIT_BYTES = 100_000_000
"""Most bytes of blobs read from one commit's data folder (today's data has 100 kB)."""
_MAX_TREE_BYTES = MAX_COMMIT_ENTRIES * 300
"""A git tree object of more entries than MAX_COMMIT_ENTRIES is larger than this (an entry is at most ~290 bytes)."""

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}\Z")
"""A plain file or folder name: no '/', no '..', not hidden, no spaces or control characters."""
_LAYOUT = "data files are country.yaml, events.yaml, versions/*.yaml, amendments/*.yaml, sources/*.yaml and sources/*.txt"
_DAMAGED = "the repository may be damaged; `git fsck` tells more"
_TROUBLE: tuple[type[BaseException], ...] = (ODBError, ValueError, TypeError, LookupError, OverflowError, OSError, AssertionError)
"""What GitPython raises on a missing, damaged or malformed object (besides its own GitError)."""
if git is not None:
    _TROUBLE += (git.GitError,)


_UNRESOLVED = re.compile(r"SHA b?'?([0-9a-f]{7,64})'? could not be resolved")


def _reason(exc: BaseException) -> str:
    """What went wrong in git, in one short line: git's own complaint where it gave one."""
    missing = _UNRESOLVED.search(str(exc))
    if missing:
        return f"git object {missing[1][:10]} is missing or cannot be read"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):  # Python's advice is not the reader's
        return "it holds a number of more digits than Python reads (a date padded with zeros, say)"
    stderr = str(getattr(exc, "stderr", "") or "").strip().removeprefix("stderr:").strip().strip("'")
    lines = [line.strip() for line in (stderr or str(exc)).splitlines() if line.strip()]
    return for_terminal((lines[-1] if lines else type(exc).__name__)[:300])  # git's words may quote names from a commit


def _blame(exc: BaseException) -> str:
    """What to look at after exc: the process's limit on open files where that was met, else the repository."""
    if isinstance(exc, OSError) and exc.errno in (errno.EMFILE, errno.ENFILE):
        return "raise this process's limit on open files (ulimit -n) and run the command again"
    return _DAMAGED


@contextmanager
def _reading(what: str) -> Iterator[None]:
    """Turn whatever GitPython raises while reading into a HistoryError naming what was being read."""
    try:
        yield
    except _TROUBLE as exc:
        raise HistoryError(f"cannot read {what}: {_reason(exc)}; {_blame(exc)}") from None


# --- the repository --------------------------------------------------------------------------------------


@dataclass
class DataRepo:
    """The git checkout holding a data folder: GitPython's Repo, its top folder, HEAD's commit and the data's path."""

    repo: Any  # git.Repo
    root: Path
    head: Any  # git.Commit
    data_rel: str  # the data folder, relative to root ("" when it is root)
    shallow: frozenset[str]  # the commits a shallow clone stops at: their parents are not there


def no_history_reason() -> str:
    """Why opened found no repository, in words for a notice: git cannot run, or there is no checkout or commit."""
    return _GIT_PROBLEM if git is None else "not a git checkout, or no commit yet"


@contextmanager
def opened(path: Path) -> Iterator[DataRepo | None]:
    """The git checkout holding path, or None (no git program, no checkout, or no commit yet); closed after use, with
    the git processes GitPython keeps for it. HistoryError when there is a repository that git cannot read."""
    repo = None
    if git is not None:
        try:
            repo = git.Repo(path, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            pass
        except _TROUBLE as exc:
            raise HistoryError(f"cannot open the git repository holding {path}: {_reason(exc)}; {_blame(exc)}") from None
    if repo is None:
        yield None
        return
    with repo:  # closed on leaving, whatever happens
        yield _data_repo(repo, path)


def _data_repo(repo: Any, path: Path) -> DataRepo | None:
    """The checkout GitPython opened, with HEAD's commit read; None for a bare repository or one with no commit yet."""
    try:
        sha: str | None = git.SymbolicReference.dereference_recursive(repo, "HEAD")
    except ValueError as exc:
        if "does not exist" not in str(exc):  # GitPython's words for a branch without a commit yet
            raise HistoryError(f"cannot read HEAD: {_reason(exc)}; {_blame(exc)}") from None
        sha = None
    if repo.working_tree_dir is None or sha is None:
        return None
    root = Path(repo.working_tree_dir).resolve()
    # The git commands GitPython runs (rev-list, diff) inherit our environment: a GIT_WORK_TREE set for another
    # checkout made them read paths relative to it, and the history came back empty without a word. They work
    # on the checkout GitPython opened, with our paths taken literally (no pathspec magic, no wildcards).
    repo.git.update_environment(GIT_WORK_TREE=str(root), GIT_LITERAL_PATHSPECS="1")
    with _reading(f"HEAD's commit {sha[:10]}"):
        head = repo.commit(sha)
        head.tree  # noqa: B018  (reads the commit: a damaged one fails here, not later)
        shallow_file = Path(repo.common_dir) / "shallow"  # the commits a shallow clone stops at, one per line
        shallow = frozenset(shallow_file.read_text(encoding="ascii").split()) if shallow_file.is_file() else frozenset()
    try:
        data_rel = Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        raise UsageError(f"{path} is not inside the repository at {root}") from None
    return DataRepo(repo, root, head, "" if data_rel == "." else data_rel, shallow)


def resolve(repo: DataRepo, rev: str) -> Any:
    """The commit a revision names (a sha, tag, branch, HEAD~2 ...); UsageError when it names none.

    GitPython resolves it itself, reading refs and objects, except a search by message (:/text, REV^{/text}): that
    goes to `git rev-parse --verify` as one argument beginning with ':/' or a full sha, never read as an option. A
    name with a '..' folder or a leading '/' is refused before that, as GitPython would look it up as a file under
    .git.
    """
    unknown = UsageError(f"unknown revision {brief(rev)}; give a commit, tag or branch (see git log)")
    if rev.startswith("/") or ".." in rev.split("/"):
        raise unknown
    try:
        commit = repo.repo.commit(rev)
        commit.tree  # noqa: B018  (reads the commit object itself)
    except _TROUBLE + (NotImplementedError,):  # HEAD@{99}: an IndexError; HEAD@{yesterday}: GitPython knows no dates
        raise unknown from None
    return commit


def _object_at(commit: Any, rel: str) -> Any | None:
    """The tree or blob at rel in a commit ("" is its root tree), or None when the commit has nothing there."""
    try:
        return commit.tree / rel if rel else commit.tree
    except KeyError:
        return None


def _parent_at(parent: Any, rel: str) -> Any | None:
    """_object_at for a parent, whose object is first read here: a HistoryError names the parent, not its child."""
    with _reading(describe_commit(parent)):
        return _object_at(parent, rel)


def _tree_at(commit: Any, rel: str) -> Any | None:
    """The tree at rel in a commit ("" is its root tree), or None when the commit has no folder there."""
    found = _object_at(commit, rel)
    return found if found is not None and found.type == "tree" else None


class _TooLarge(Exception):
    """A git tree with more entries than any data folder has."""


class _Malformed(Exception):
    """A git tree object that git can read but that is not a valid tree (a name with '/' or '..', an unknown mode)."""


def _entry_name(obj: Any) -> str:
    """The name a tree entry has in its tree. Not obj.name: for a submodule (a gitlink entry) GitPython means the
    name in .gitmodules there, and raises when there is none; the last part of its path is the entry's own name."""
    return str(obj.path).rsplit("/", 1)[-1]


def _entries(tree: Any) -> list[Any]:
    """The entries of a git tree (Blob, Tree and Submodule objects), as GitPython reads them; a tree object of more
    than MAX_COMMIT_ENTRIES entries is not read (_TooLarge)."""
    if tree.size > _MAX_TREE_BYTES:
        raise _TooLarge
    try:
        return list(tree)
    except (ValueError, TypeError) as exc:
        tree.data_stream.read()  # an object git cannot read fails here again, as damage
        raise _Malformed(_reason(exc)) from None


# --- the build stamp -------------------------------------------------------------------------------------


GIT_FIRST = dt.date(2005, 4, 7)
"""The day git first committed to itself: no commit can be older."""


def _check_commit_date(sha: str, when: dt.datetime) -> None:
    """A warning where the data's last commit is dated before git existed or after today: the exports, the site's
    downloads and its stamp take their date from it. A commit dated 1975 (or 1970, where git could not read its
    date) or 2100 went into every memo as its date without a word (an outside tester's read)."""
    day, today = when.date(), dt.datetime.now(dt.UTC).date()
    if GIT_FIRST <= day <= today + dt.timedelta(days=1):  # a day's grace for the time zones
        return
    _log.warning(
        "the data's last commit (%s) is dated %s, %s; the exports and the site take their date from it: check the "
        "clock of the machine that made it (git log -1 --format=%%cI %s)",
        sha[:10], day.isoformat(), "before git existed" if day < GIT_FIRST else "after today", sha[:10],
    )


def build_stamp(data_dir: Path) -> dict[str, Any]:
    """The data's commit (sha, date) and whether the data differs from it; outside git, says so.

    The data's commit is the last one from HEAD that changed the data folder (HEAD itself when it did): a commit of
    code or docs alone does not make the data newer. Never raises for git trouble: a repository that cannot be read
    is logged as a warning and the data treated as not in git (so the build is marked as a draft). "dirty" compares
    the data files' content with HEAD's blobs, which are that commit's.
    """
    stamp: dict[str, Any] = {"tool": f"aztimeline {__version__}", "commit": None, "commit_date": None, "dirty": False, "git": "none"}
    try:
        with opened(data_dir) as repo:
            if repo is not None:
                with _reading("the last commit that changed the data"):
                    last = next(repo.repo.iter_commits(repo.head, paths=repo.data_rel, max_count=1), repo.head)
                    when = dt.datetime.fromtimestamp(last.committed_date, tz=dt.UTC).isoformat()
                stamp["dirty"] = data_differs(repo, data_dir)
                stamp.update(commit=last.hexsha, commit_date=when, git="shallow" if repo.shallow else "ok")
                if last.hexsha in repo.shallow:  # where a shallow clone stops, every file looks just added
                    _log.warning(
                        "this is a shallow clone, and its first commit (%s) is the last that shows the data changing: the "
                        "data's last change may be older, so the data commit and date named may be too new; run git "
                        "fetch --unshallow",
                        last.hexsha[:10],
                    )
    except (HistoryError, UsageError) as exc:
        _log.warning("%s; the data is treated as not in git", exc)
    made = clock.build_time()
    if made is None and stamp["commit_date"]:  # the outputs are dated by the data's commit
        made = dt.datetime.fromisoformat(stamp["commit_date"])
        _check_commit_date(stamp["commit"], made)
    stamp["made"] = made.date().isoformat() if made else dt.date.today().isoformat()
    stamp["data"] = describe_data(stamp, "en")
    stamp["data_nl"] = describe_data(stamp, "nl")
    return stamp


def describe_data(stamp: dict[str, Any], lang: str) -> str:
    """The data version in words: its commit and date, and whether it had uncommitted changes."""
    if not stamp.get("commit"):
        return "werkkopie, niet in git" if lang == "nl" else "working copy, not in git"
    # "vastlegging" in Dutch: the Dutch edition and memo hold no English; the sha names the commit for git
    text = f"{'vastlegging' if lang == 'nl' else 'commit'} {stamp['commit'][:12]} ({stamp['commit_date'][:10]})"
    if stamp.get("dirty"):
        text += " + niet-vastgelegde wijzigingen" if lang == "nl" else " + uncommitted changes"
    return text


def data_differs(repo: DataRepo, data_dir: Path) -> bool:
    """Whether the data folder's files differ from HEAD's: another content, a file added, removed or not a plain file.

    Content, not git's index: a file marked --skip-worktree or --assume-unchanged is compared like any other, and
    an untracked file counts. Hidden files are left out on both sides, as the loader never reads them.
    """
    with _reading(f"the data folder of HEAD ({repo.head.hexsha[:10]})"):
        tree = _tree_at(repo.head, repo.data_rel)
        try:
            committed = dict(_walk(tree)) if tree is not None else {}
        except (_TooLarge, _Malformed):  # not what a working tree can hold
            return True
        for seen, (path, entry) in enumerate(_worktree(data_dir), 1):
            blob = committed.pop(path, None)
            if blob is None or seen > MAX_COMMIT_ENTRIES:
                return True
            if entry.is_symlink():
                target = os.fsencode(os.readlink(entry.path))
                if not stat.S_ISLNK(blob.mode) or blob.size != len(target) or blob.data_stream.read() != target:
                    return True
            elif not entry.is_file(follow_symlinks=False) or not stat.S_ISREG(blob.mode) or _blob_sha(entry) != blob.hexsha:
                return True
    return bool(committed)


def _walk(tree: Any) -> Iterator[tuple[str, Any]]:
    """(path below tree, blob) for every visible file under a git tree; _TooLarge past MAX_COMMIT_ENTRIES entries.
    Hidden entries are skipped unread and uncounted, as the loader never reads them: 10,001 files in a committed
    hidden folder made the data look uncommitted for good."""
    seen = 0
    stack = [("", tree)]
    while stack:
        prefix, current = stack.pop()
        for obj in _entries(current):
            if _entry_name(obj).startswith("."):
                continue
            seen += 1
            if seen > MAX_COMMIT_ENTRIES:
                raise _TooLarge
            if obj.type == "tree":
                stack.append((f"{prefix}{_entry_name(obj)}/", obj))
            else:
                yield f"{prefix}{_entry_name(obj)}", obj


def _worktree(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(path below folder, entry) of every visible file, link, pipe or device under folder; links are not followed."""
    stack = [("", str(folder))]
    while stack:
        prefix, current = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((f"{prefix}{entry.name}/", entry.path))
                else:
                    yield f"{prefix}{entry.name}", entry


def _blob_sha(entry: os.DirEntry[str]) -> str | None:
    """The git object id a file's content would have as a blob; None for a file too large to be data."""
    # Opened without following a link or waiting on a pipe, then checked: the file may have changed since it was listed.
    with open(os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK), "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_COMMIT_BYTES:
            return None
        digest = hashlib.sha1(loose_object_header(b"blob", st.st_size))  # git names a blob by the SHA-1 of header and content
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- history ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileVersion:
    """One commit of one file: when, who, why, and the path the file had then (relative to the repository)."""

    sha: str
    date: str
    author: str
    message: str
    path: str

    def shown(self) -> FileVersion:
        """This version with the characters a reader would not see as text (ESC, BEL, U+2028) written as escapes:
        git text is free text from whoever made the commit."""
        return dataclasses.replace(self, author=for_terminal(self.author), message=for_terminal(self.message), path=for_terminal(self.path))

    @classmethod
    def of(cls, commit: Any, path: str) -> FileVersion:
        """The commit's sha, author date, author name and subject, as the commit object holds them.

        A date no calendar can hold (a crafted commit) is left empty; a subject or name is cut at MAX_GIT_TEXT
        characters. HistoryError naming the commit when it cannot be read (a missing or damaged object).
        """
        with _reading(describe_commit(commit)):
            summary = commit.summary  # reads the commit object: what fails after this is its content
            subject = summary if isinstance(summary, str) else summary.decode("utf-8", "replace")
            author = str(commit.author.name or "")
        return cls(commit.hexsha, _author_date(commit), _cut(author), _cut(subject), path)


MAX_GIT_TEXT = 1_000
"""Longest subject or author name kept from a commit (anyone can write a commit with a line of megabytes)."""


def _cut(text: str) -> str:
    return text if len(text) <= MAX_GIT_TEXT else text[: MAX_GIT_TEXT - 1] + "\u2026"


def _author_date(commit: Any) -> str:
    """The author date in ISO 8601 with its offset, or "" when it is no date Python can hold (year 0 or 10000)."""
    try:
        return str(commit.authored_datetime.isoformat())
    except (OverflowError, ValueError, OSError):
        return ""


def describe_commit(commit: Any) -> str:
    """A commit as messages name it: its short sha, and its date when that can be read."""
    try:
        day = _author_date(commit)[:10]
    except _TROUBLE:  # the commit object itself cannot be read
        day = ""
    return f"commit {commit.hexsha[:10]} ({day})" if day else f"commit {commit.hexsha[:10]}"


def iter_commits(repo: DataRepo, rel: str, limit: int | None = None) -> Iterator[Any]:
    """The commits from HEAD that changed anything under rel (a folder or file in the repository), oldest first.

    limit: only the latest so many (None: all). HistoryError when git cannot list them.
    """
    with _reading(f"the commits that changed {rel or 'the repository'}"):
        commits = list(repo.repo.iter_commits(repo.head, paths=rel, max_count=limit))
    yield from reversed(commits)


def _changed(old: Any | None, new: Any | None, prefix: str, budget: list[int]) -> Iterator[tuple[str, bool, bool]]:
    """(path, in old, in new) of every file that differs between two git objects at prefix (trees, blobs or None).

    Only trees that differ are read. budget[0] counts the entries compared; _TooLarge past MAX_COMMIT_ENTRIES.
    """
    if old is not None and new is not None and old.binsha == new.binsha and old.mode == new.mode:
        return
    old_tree = old is not None and old.type == "tree"
    new_tree = new is not None and new.type == "tree"
    if not old_tree and not new_tree:
        yield prefix, old is not None, new is not None
        return
    if (old is not None and not old_tree) or (new is not None and not new_tree):  # a file became a folder or back
        yield prefix, old is not None and not old_tree, new is not None and not new_tree
    entries: dict[str, list[Any]] = {}
    for side, obj in enumerate((old if old_tree else None, new if new_tree else None)):
        if obj is None:
            continue
        for entry in _entries(obj):
            budget[0] += 1
            if budget[0] > MAX_COMMIT_ENTRIES:
                raise _TooLarge
            entries.setdefault(_entry_name(entry), [None, None])[side] = entry
    for name in sorted(entries):
        before, after = entries[name]
        yield from _changed(before, after, f"{prefix}/{name}" if prefix else name, budget)


def iter_changes(repo: DataRepo, rel: str) -> Iterator[tuple[Any, list[tuple[str, str | None]]]]:
    """Each commit from HEAD that changed files under rel, oldest first, with (path, renamed from) per changed file.

    A merge counts only with the files it holds in a version none of its parents has (a conflict resolved, or an
    edit made in the merge itself, as `git log` shows it); what it merged is in the commits merged. A commit that
    cannot be compared with its parents (more than MAX_COMMIT_ENTRIES entries changed in all, a tree GitPython
    refuses) is left out with a warning naming it, and the commit after it is compared with the commit before it.
    """
    instead: dict[str, Any] = {}  # a commit left out -> the commit its successor is compared with
    for commit in iter_commits(repo, rel):
        with _reading(describe_commit(commit)):
            parents = [] if commit.hexsha in repo.shallow else list(commit.parents)  # a shallow clone stops here
            parent, others = (parents[0], parents[1:]) if parents else (None, [])
            if parent is not None and parent.hexsha in instead:
                parent = instead[parent.hexsha]
            try:
                budget = [0]  # shared by the comparisons with every parent: an octopus merge is capped as one commit
                here = _object_at(commit, rel)
                changes = list(_changed(_parent_at(parent, rel) if parent is not None else None, here, rel, budget))
                for other in others:
                    if not changes:
                        break
                    differs = {path for path, _, _ in _changed(_parent_at(other, rel), here, rel, budget)}
                    changes = [change for change in changes if change[0] in differs]
            except (_TooLarge, _Malformed) as exc:
                what = f"changes more than {MAX_COMMIT_ENTRIES} entries" if isinstance(exc, _TooLarge) else f"holds a git tree that is not valid ({exc})"
                _log.warning("%s %s; it is left out of the history", describe_commit(commit), what)
                instead[commit.hexsha] = parent
                continue
            if others and not changes:
                continue  # a merge that only brings together what its parents hold
            renamed: dict[str, str] = {}
            added = [path for path, before, after in changes if after and not before and _raw_safe(path)]
            removed = [path for path, before, after in changes if before and not after and _raw_safe(path)]
            if not others and parent is not None and added and removed:
                # a file added and one removed: git's rename detection says whether one was moved to the other
                for d in parent.diff(commit, paths=[*removed, *added]):
                    if d.renamed_file and d.rename_from and d.rename_to:
                        renamed[d.rename_to] = d.rename_from
        moved = set(renamed.values())
        yield commit, [(path, renamed.get(path)) for path, _, after in changes if not (path in moved and not after)]


def _raw_safe(path: str) -> bool:
    """Whether GitPython reads path back from git's raw diff: UTF-8 text without a line break. It reads the output
    line by line in a thread of its own, where another name fails with a traceback and the diff comes back short; a
    file of such a name is followed by its path only (a rename to or from it shows as a removal and an addition)."""
    try:
        path.encode("utf-8")  # a name that is not UTF-8 comes from the tree with surrogates in it
    except UnicodeEncodeError:
        return False
    return "\n" not in path


def file_histories(repo: DataRepo, rel: str) -> dict[str, list[FileVersion]]:
    """The commits of every file that was ever under rel, oldest first, by the file's latest path; renames followed."""
    out: dict[str, list[FileVersion]] = {}
    for commit, changes in iter_changes(repo, rel):
        with _reading(describe_commit(commit)):
            for path, source in changes:
                earlier = out.pop(source, []) if source is not None else out.pop(path, [])
                out[path] = [*earlier, FileVersion.of(commit, path)]
    return out


def history(data_dir: Path, target: Path | None = None) -> tuple[dict[str, list[FileVersion]], str | None]:
    """The history of every data file (or of one), keyed by its path relative to data_dir; and a notice, if any.

    HistoryError when the repository cannot be read.
    """
    with opened(data_dir) as repo:
        if repo is None:
            return {}, f"no git history here ({no_history_reason()}); history is omitted"
        notice = "this is a shallow clone: history before its first commit is omitted" if repo.shallow else None
        data = data_dir.resolve()
        # the data files as the loader reads them: hidden files and folders are none
        visible = (p for p in data.rglob("*") if not any(part.startswith(".") for part in p.relative_to(data).parts))
        files = [target.resolve()] if target else sorted(p for p in visible if p.is_file() and p.suffix in (".yaml", ".txt"))
        keys: list[tuple[str, str]] = []  # (key, path in the repository)
        for f in files:
            if not f.is_relative_to(repo.root):
                raise UsageError(f"{f} is not inside the repository at {repo.root}")
            rel_repo = f.relative_to(repo.root).as_posix()
            keys.append((f.relative_to(data).as_posix() if f.is_relative_to(data) else rel_repo, rel_repo))
        inside = all(rel.startswith(f"{repo.data_rel}/") or not repo.data_rel for _, rel in keys)
        found = file_histories(repo, repo.data_rel if inside else "")
        return {key: found.get(rel, []) for key, rel in keys}, notice


def history_for_site(data_dir: Path) -> tuple[dict[str, list[FileVersion]], str | None]:
    """history() for a build, each version shown() as text; a repository that cannot be read gives a warning and a
    notice, and no history."""
    try:
        found, notice = history(data_dir)
        return {key: [fv.shown() for fv in versions] for key, versions in found.items()}, notice
    except (HistoryError, UsageError) as exc:
        _log.warning("%s; the site is built without the data's history", exc)
        return {}, "the git history could not be read; history is omitted"


# --- the data files of a commit --------------------------------------------------------------------------


def data_files_at(repo: DataRepo, commit: Any, label: str) -> dict[str, bytes] | None:
    """The data files of a commit, by path below the data folder, read as blobs into memory; None without a data folder.

    label names the commit's data folder in messages (REV:policy_versions). DataError with the commit's problems
    (names that are not data, sizes, too many entries); HistoryError when git cannot read an object.
    """
    with _reading(f"the data of {describe_commit(commit)}"):
        tree = _tree_at(commit, repo.data_rel)
        if tree is None:
            return None
        reader = _CommitReader(label)
        reader.read(tree, ())
        if reader.problems:
            raise DataError(reader.problems)
        return reader.files


class _CommitReader:
    """Reads a commit's data tree into memory, checking each entry and counting entries and bytes."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.files: dict[str, bytes] = {}
        self.problems: list[Problem] = []
        self.entries = 0
        self.bytes = 0

    def _where(self, parts: tuple[str, ...]) -> str:
        return "/".join((self.label, *parts))

    def _stop(self, message: str) -> None:
        raise DataError([*self.problems, Problem(self.label, 0, "", f"{message}; stopped reading this commit (it is not data)")])

    def read(self, tree: Any, parts: tuple[str, ...]) -> None:
        try:
            entries = _entries(tree)
        except _TooLarge:
            self._stop(f"the folder {self._where(parts)} holds more than {MAX_COMMIT_ENTRIES} entries")
        except _Malformed as exc:
            self.problems.append(Problem(self._where(parts), 0, "", f"the folder is not a valid git tree ({exc}); it is not data"))
            return
        names: set[str] = set()
        for obj in entries:
            self.entries += 1
            if self.entries > MAX_COMMIT_ENTRIES:
                self._stop(f"the data folder holds more than {MAX_COMMIT_ENTRIES} entries")
            name = _entry_name(obj)
            if name.startswith("."):  # hidden (.gitkeep, .DS_Store): not data, as in the working tree (datafiles.listing)
                continue
            if name in names:
                self.problems.append(Problem(self._where(parts), 0, "", f"the folder holds two entries named {name!r}"))
                continue
            names.add(name)
            wrong = _misplaced(parts, name, obj)
            if wrong:
                self.problems.append(Problem(self._where(parts), 0, "", f"{wrong} {name!r} is not part of the data: {_LAYOUT}"))
            elif obj.type == "tree":
                self.read(obj, (*parts, name))
            else:
                self._read_blob(obj, (*parts, name))

    def _read_blob(self, blob: Any, parts: tuple[str, ...]) -> None:
        size = blob.size
        if size > MAX_YAML_BYTES:  # the loader holds raw texts to their own, lower limit
            self.problems.append(Problem(self._where(parts), 0, "", f"file is {size} bytes, over the limit of {MAX_YAML_BYTES}"))
            return
        self.bytes += size
        if self.bytes > MAX_COMMIT_BYTES:
            self._stop(f"the data files hold more than {MAX_COMMIT_BYTES} bytes")
        data = blob.data_stream.read()
        if len(data) != size:
            raise HistoryError(f"git object {blob.hexsha} is shorter than git says; {_DAMAGED}")
        self.files["/".join(parts)] = data


def _misplaced(parts: tuple[str, ...], name: str, obj: Any) -> str | None:
    """What is wrong with an entry of a commit's data folder at parts (its folders), or None when it is data."""
    if obj.type == "submodule":
        return "the submodule"
    if obj.type == "blob" and not stat.S_ISREG(obj.mode):
        return "the symbolic link"
    what = "the folder" if obj.type == "tree" else "the file"
    if not _NAME.match(name):
        return what
    depth = len(parts)
    if depth == 0:
        ok = obj.type == "tree"
    elif depth == 1:
        ok = name in ("country.yaml", "events.yaml") if obj.type == "blob" else name in KINDS
    elif depth == 2:
        ok = obj.type == "blob" and (name.endswith(".yaml") or (parts[1] == "sources" and name.endswith(".txt")))
    else:
        ok = False
    return None if ok else what
