"""The one pass that decides which files are data: a data folder, or a mapping of paths to bytes, to DataFiles.

Everything that reads the data goes through this pass: `validate` and every command that loads the data, and the
key of the as-of cache (DataFiles.digest). The pass walks the fixed layout once (the data folder, its country
folders, their sources/, versions/ and amendments/), names everything that is not data in one line each, and reads
the bytes of what is: only regular files, within the size limits (never more than the limit is read, whatever the
file claims), no FIFOs, sockets or devices (checked before opening, and opened so that one swapped in cannot
block), no symbolic links that leave the data folder. Hidden names (starting with a dot) are skipped, never opened.
So what validates is exactly what is read and what keys the cache.

This module imports only the standard library and errors.py: `aztimeline asof` answers from its cache with it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, Problem

MAX_YAML_BYTES = 5_000_000
"""Largest data file accepted. Our largest real file is ~20 kB, a version of 1,000 provisions ~1.7 MB."""
TOO_LARGE = "no data file needs to be this large: check that it is the file meant"
"""What to do about a data file over MAX_YAML_BYTES (a file cannot be split: each holds one country, version or list)."""
MAX_TEXT_BYTES = 2_000_000
"""Largest raw source text accepted (our letter is 8 kB)."""

KINDS = ("sources", "versions", "amendments")
"""The folders of a country folder, each holding data files of one kind."""


def shown_path(path: Path) -> str:
    """A path as we print it: relative to the working directory when it lies below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass
class DataFiles:
    """The data files found by the pass, by path relative to the data folder (a/b/c.yaml), with their bytes."""

    root: Path
    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    """Paths that stand where data could be but are not read, with why, in words ("is a folder, not a file")."""
    failed: set[str] = field(default_factory=set)
    """Ids (file names without .yaml) of refused data files, and 'versions/' etc. for a folder that cannot be read:
    references to them are not reported again."""
    countries: list[str] = field(default_factory=list)
    """Names of the country folders that have a country.yaml (read or refused)."""

    def show(self, rel: str) -> str:
        """A path relative to the data folder as the user sees it in messages."""
        return shown_path(self.root / rel if rel else self.root)

    def digest(self) -> str:
        """A sha256 of the name and bytes of every data file: equal digests, equal data as the loader reads it."""
        h = hashlib.sha256()
        for rel in sorted(self.files):
            body = self.files[rel]
            h.update(f"{rel}\0{len(body)}\0".encode())
            h.update(body)
        return h.hexdigest()


def read_regular(path: str | Path, limit: int, *, follow: bool = True) -> bytes:
    """At most limit + 1 bytes of the regular file at path (a last link followed, if follow); OSError for anything else.

    Checked to be a regular file before: opened without blocking and without following a last link swapped in
    since, then checked again on the open file, so a FIFO or device put there meanwhile is never read.
    """
    before = os.stat(path) if follow else os.lstat(path)
    target = os.path.realpath(path) if follow and os.path.islink(path) else path
    fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != (before.st_dev, before.st_ino):
            raise OSError(errno.EAGAIN, "the file changed while it was read; run the command again", str(path))
        return read_fd(fd, limit)
    finally:
        os.close(fd)


def read_fd(fd: int, limit: int) -> bytes:
    """The bytes of an open file, up to one byte past limit (so that the caller sees it is too large)."""
    chunks, got = [], 0
    while got <= limit:
        chunk = os.read(fd, min(1 << 20, limit + 1 - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


# --- where the bytes come from: a folder, or memory --------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    kind: str  # "file", "folder", "other" (a device, pipe or socket), "out" (a link leaving the data), "error"
    size: int = 0
    link: bool = False  # for an "error": whether the name is a symbolic link (the message then says to replace it)
    error: str = ""


class _Folder:
    """What the pass needs of a tree of files: its entries (names), what each is (entry), a file's bytes up to a
    limit (read) and whether a name is there (lexists). _Memory answers the same for files in memory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.real = os.path.realpath(root)

    def _path(self, rel: str) -> str:
        return os.path.join(self.root, rel) if rel else str(self.root)

    def lexists(self, rel: str) -> bool:
        return os.path.lexists(self._path(rel))

    def names(self, rel: str) -> list[str]:
        with os.scandir(self._path(rel)) as it:
            return sorted(e.name for e in it)

    def entry(self, rel: str) -> _Entry:
        path = self._path(rel)
        try:
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                real = os.path.realpath(path)
                if os.path.commonpath([real, self.real]) != self.real:
                    return _Entry("out")
                st = os.stat(path)
        except OSError as exc:
            return _Entry("error", link=os.path.islink(path), error=exc.strerror or str(exc))
        if stat.S_ISREG(st.st_mode):
            return _Entry("file", st.st_size)
        if stat.S_ISDIR(st.st_mode):
            return _Entry("folder")
        return _Entry("other")

    def read(self, rel: str, limit: int) -> bytes:
        return read_regular(self._path(rel), limit)


class _Memory:
    """Files given as bytes by relative path (an old commit's blobs): the folders are those the paths imply."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = files
        self.folders: dict[str, set[str]] = {"": set()}
        for rel in files:
            parts = rel.split("/")
            for i in range(len(parts)):
                self.folders.setdefault("/".join(parts[:i]), set()).add(parts[i])

    def lexists(self, rel: str) -> bool:
        return rel in self.files or rel in self.folders

    def names(self, rel: str) -> list[str]:
        if rel not in self.folders:
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", rel)
        return sorted(self.folders[rel])

    def entry(self, rel: str) -> _Entry:
        if rel in self.files:
            return _Entry("file", len(self.files[rel]))
        return _Entry("folder")

    def read(self, rel: str, limit: int) -> bytes:
        return self.files[rel][: limit + 1]


# --- the pass ------------------------------------------------------------------------------------------------------


def scan(root: Path) -> DataFiles:
    """The data files of the data folder root. Raises DataError when root is no folder at all."""
    try:
        st = os.stat(root)
    except FileNotFoundError:
        raise DataError([Problem(shown_path(root), 0, "", "data directory not found; pass --data PATH to a policy_versions/ folder")]) from None
    except OSError as exc:
        raise DataError([Problem(shown_path(root), 0, "", f"cannot read the data directory: {exc.strerror or exc}")]) from None
    if not stat.S_ISDIR(st.st_mode):
        what = "a file" if stat.S_ISREG(st.st_mode) else "a device, pipe or socket"
        raise DataError(
            [Problem(shown_path(root), 0, "", f"data directory is {what}, not a folder; pass --data PATH to a policy_versions/ folder")]
        )
    return _Pass(_Folder(root), DataFiles(root)).run()


def from_memory(root: Path, files: Mapping[str, bytes]) -> DataFiles:
    """The data files among files (relative path -> bytes, such as an old commit's blobs), by the same rules.

    root is only used to show paths; nothing is read from the disk. The paths must already be checked to be plain
    relative paths (no '..', no absolute path, no empty part).
    """
    return _Pass(_Memory(files), DataFiles(root)).run()


class _Pass:
    def __init__(self, tree: _Folder | _Memory, out: DataFiles) -> None:
        self.tree, self.out = tree, out

    def problem(self, rel: str, message: str) -> None:
        self.out.problems.append(Problem(self.out.show(rel), 0, "", message))

    def listing(self, rel: str) -> list[tuple[str, _Entry]] | None:
        """The visible entries of a folder with what each is, or None (with a problem) when it cannot be read."""
        try:
            names = self.tree.names(rel)
        except NotADirectoryError:
            self.problem(rel, "is a file, not a folder; data files belong in a folder of this name")
            return None
        except OSError as exc:
            self.problem(rel, f"cannot read the folder: {exc.strerror or exc}; check its permissions")
            return None
        return [(name, self.tree.entry(f"{rel}/{name}" if rel else name)) for name in names if not name.startswith(".")]

    def run(self) -> DataFiles:
        entries = self.listing("")
        if entries is None:
            raise DataError(self.out.problems)
        strays: list[tuple[str, str]] = []
        countries_out = []  # links out of the data to folders with a country.yaml: the user's countries, not followed
        for name, e in entries:
            if e.kind == "out":
                strays.append((name, "symbolic link points outside the data directory; replace it with the folder itself"))
                if self.tree.lexists(f"{name}/country.yaml"):
                    countries_out.append(name)
            elif e.kind == "error":
                strays.append((name, f"cannot read it: {e.error}; each country is a folder with a country.yaml"))
            elif e.kind != "folder":
                strays.append((name, "unexpected file in the data directory; each country is a folder with a country.yaml"))
            elif self.tree.lexists(f"{name}/country.yaml"):
                self.out.countries.append(name)
            elif self.tree.lexists(f"{name}/country.yml"):
                strays.append((f"{name}/country.yml", "rename this file to country.yaml"))
            else:
                strays.append((name, "folder has no country.yaml; each country folder needs one (or move the folder out)"))
        if not self.out.countries and not countries_out:
            # Not a data folder at all (such as /proc or /dev): one line, rather than one for each thing in it.
            what = "no */country.yaml found; each country needs a folder with a country.yaml"
            self.problem("", f"{what} (pass --data PATH to a policy_versions/ folder)")
            raise DataError(self.out.problems)
        for rel, message in strays:
            self.problem(rel, message)
        for country in self.out.countries:
            self.country(country)
        return self.out

    def country(self, country: str) -> None:
        for name, e in self.listing(country) or []:
            rel = f"{country}/{name}"
            if name in ("country.yaml", "events.yaml"):
                self.data_file(rel, e, MAX_YAML_BYTES)
            elif name in KINDS and e.kind == "folder":
                self.kind_folder(rel, name)
            elif name in KINDS:
                if e.kind == "out":
                    self.problem(rel, "folder is a symbolic link pointing outside the data directory; replace it with the folder itself")
                elif e.kind == "error":
                    self.problem(rel, f"cannot read the folder: {e.error}; check its permissions, or replace the link with the folder")
                else:
                    self.problem(rel, "is a file, not a folder; data files belong in a folder of this name")
                self.out.failed.add(f"{name}/")
            elif name == "events.yml":
                self.problem(rel, "rename this file to events.yaml")
            elif e.kind == "folder":
                self.problem(rel, "unexpected folder; a country folder holds sources/, versions/ and amendments/ only")
            else:
                self.problem(rel, "unexpected file; data files belong in sources/, versions/ or amendments/")

    def kind_folder(self, rel: str, kind: str) -> None:
        entries = self.listing(rel)
        if entries is None:
            self.out.failed.add(f"{kind}/")
            return
        for name, e in entries:
            path = f"{rel}/{name}"
            suffix = os.path.splitext(name)[1]
            if suffix in (".yaml", ".yml"):
                if not self.data_file(path, e, MAX_YAML_BYTES):
                    self.out.failed.add(name[: -len(suffix)])
            elif kind == "sources" and suffix == ".txt" and e.kind != "folder":
                self.data_file(path, e, MAX_TEXT_BYTES)
            elif suffix.lower() in (".yaml", ".yml"):
                self.problem(path, f"data file names end in lowercase {suffix.lower()}; rename it")
            elif e.kind == "folder":
                self.problem(path, f"unexpected folder in {kind}/; move it out of the data directory")
                self.out.refused[path] = "is a folder, not a file; store the text file itself"
            else:
                self.problem(path, f"unexpected file in {kind}/ (only .yaml data files are read); move it out of the data directory")

    def data_file(self, rel: str, e: _Entry, limit: int) -> bool:
        """Read one data file into out.files; or name what is wrong with it, and return False."""
        if e.kind == "out":
            why = "is a symbolic link pointing outside the data directory; store the file itself"
            return self.refuse(rel, "symbolic link points outside the data directory; replace it with the file itself", why)
        if e.kind == "error":
            how = f"it is unreadable ({e.error}); replace the link with the file itself" if e.link else e.error
            return self.refuse(rel, f"cannot read the file: {how}", f"cannot be read ({e.error})")
        if e.kind != "file":
            what = "is a folder" if e.kind == "folder" else "is a device, pipe or socket"
            fix = "remove it or rename it" if e.kind == "folder" else "remove it"
            return self.refuse(rel, f"{what}, not a data file; {fix}", f"{what}, not a file; store the text file itself")
        size = e.size
        if size <= limit:
            try:
                body = self.tree.read(rel, limit)
            except OSError as exc:
                return self.refuse(rel, f"cannot read the file: {exc.strerror or exc}", f"cannot be read ({exc.strerror or exc})")
            if len(body) <= limit:
                self.out.files[rel] = body
                return True
            size = max(size, len(body))  # it grew, or claims another size than it has (as files under /proc do)
        if limit == MAX_TEXT_BYTES:
            message = f"raw text is {size} bytes, over the limit of {limit}; a source text is a letter, not an archive"
        else:
            message = f"file is {size} bytes, over the limit of {limit}; {TOO_LARGE}"
        return self.refuse(rel, message, f"is larger than {limit} bytes")

    def refuse(self, rel: str, message: str, why: str) -> bool:
        self.problem(rel, message)
        self.out.refused[rel] = why
        return False
