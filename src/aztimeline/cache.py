"""The cache of validated results in the user's cache folder, keyed by the content of everything they depend on.

A cache entry is only ever used when its key, computed anew from the bytes of every data file the loader reads
(datafiles.DataFiles.digest), the tool's version and its own code, equals the key it was written under; when its
body still hashes to the checksum written with it; and when it is a regular file of ours in our own folder. So a
changed data file, a new version of aztimeline, or a damaged or planted entry means the cache is not used, and the
answer is computed from validated data as if there were no cache.

The folder is $XDG_CACHE_HOME/aztimeline (or ~/.cache/aztimeline; no cache when HOME is empty or relative). It is
used only when it is a real folder (not a symbolic link) owned by the user and writable by no one else; the tool
creates it with mode 0700, never inside the data folder, the site's pages (docs/) or a .git folder, and uses none
that is or lies in aztimeline's own package folder. Everything in it is reached through the opened folder, never
through a path that could be swapped for a link: entries are opened with O_NOFOLLOW and read only when they are
regular files. Entries are plain JSON (nothing is unpickled or run); each is written to a temporary file and renamed
into place, so a reader never sees half an entry and two processes writing the same entry at once are safe.
Housekeeping removes only files named as this module names them.
This module imports nothing heavy: the as-of command answers from it without loading pydantic or PyYAML.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import stat
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from . import __version__
from .datafiles import read_fd
from .errors import OutputError
from .paths import check_not_in_data, identity

FORMAT = 2
"""Layout of an entry; part of every key."""

KEEP = 16
"""Entries of one kind kept per cache folder (the oldest are removed when a new one is written)."""

MAX_ENTRY_BYTES = 64_000_000
"""Largest entry read (the as-of table of 100 versions is about 2 MB)."""

STALE_SECONDS = 3600
"""A temporary file of a write older than this was left by a killed process, and is removed."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_USABLE = (
    bool(_NOFOLLOW and _DIRECTORY)
    and {os.open, os.unlink, os.rename} <= os.supports_dir_fd
    and os.scandir in os.supports_fd
)
"""Entries are reached through the opened folder; where the system cannot do that, there is no cache."""

PACKAGE = Path(__file__).resolve().parent
"""aztimeline's own code, templates and assets: what tool_digest hashes."""


def _location() -> Path | None:
    if os.environ.get("AZTIMELINE_NO_CACHE") or not _USABLE:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # an empty or relative XDG_CACHE_HOME is ignored, as the XDG specification says
        home = os.path.expanduser("~")
        if os.environ.get("HOME") == "" or not os.path.isabs(home):
            return None  # an empty or relative HOME would put the cache in / or wherever the command runs: no cache
        base = os.path.join(home, ".cache")
    folder = Path(base) / "aztimeline"
    return None if _in_package(folder) else folder


def _in_package(folder: Path) -> bool:
    """Whether folder is the package folder or lies in it (XDG_CACHE_HOME=src): every entry written there would
    change tool_digest, and so the key of the next run, which would miss and write another (found by an outside
    tester)."""
    real = Path(os.path.realpath(folder))
    if real == PACKAGE or PACKAGE in real.parents:
        return True
    package_id = identity(PACKAGE)  # and by identity: through a bind mount of the package
    return package_id is not None and package_id in {identity(p) for p in (real, *real.parents)}


def _open_folder(folder: Path, *, create: bool) -> int | None:
    """The cache folder, opened (a descriptor), when it is safe to use; None when it is not, or missing."""
    if create:
        try:
            os.makedirs(folder.parent, mode=0o700, exist_ok=True)
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)  # a symbolic link is refused here
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
            os.close(fd)  # someone else's folder, or one others may write into: entries there could be planted
            return None
        if st.st_mode & 0o077:
            os.fchmod(fd, 0o700)  # made by an older aztimeline with the umask's mode: entries are private
    except OSError:
        os.close(fd)
        return None
    return fd


@functools.cache
def tool_digest() -> str:
    """The tool's version, the Python version, and the bytes of aztimeline's own code, templates and assets."""
    h = hashlib.sha256(f"aztimeline {__version__}\0python {sys.version}\0format {FORMAT}\0".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def key(kind: str, digest: str) -> str:
    """The key of an entry: its kind, the tool, and the data's digest (DataFiles.digest)."""
    return hashlib.sha256(f"{kind}\0{tool_digest()}\0{digest}".encode()).hexdigest()


def _name(kind: str, k: str) -> str:
    return f"{kind}-{k[:40]}.json"


def read(kind: str, k: str) -> Any | None:
    """The body stored under key k, or None: missing, unreadable, written under another key, damaged, or not a
    regular file of the user's."""
    folder = _location()
    dfd = _open_folder(folder, create=False) if folder else None
    if dfd is None:
        return None
    try:
        fd = os.open(_name(kind, k), os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK | _CLOEXEC, dir_fd=dfd)
    except OSError:
        os.close(dfd)
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_size > MAX_ENTRY_BYTES:
            return None  # a FIFO would block, a device never end
        raw = read_fd(fd, MAX_ENTRY_BYTES)
        head, _, body = raw.partition(b"\n")
        meta = json.loads(head)
        if not isinstance(meta, dict) or meta.get("key") != k or meta.get("format") != FORMAT:
            return None
        if meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        return json.loads(body)
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)
        os.close(dfd)


def write(kind: str, k: str, body: Any, *, outside: Path) -> None:
    """Store body under key k, atomically; a cache that cannot be written is no error (it is only a cache).

    Nothing is written when the cache folder would lie in outside (the data folder), where it would become part of
    the data and fail its validation, or where no export may go either: in the site's own pages, which the next build
    would publish (found by an outside tester), or in a .git folder.
    """
    folder = _location()
    if folder is not None:
        try:
            check_not_in_data(folder, outside, "the cache", into=True)
        except OutputError:
            return
    dfd = _open_folder(folder, create=True) if folder else None
    if dfd is None:
        return
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head = json.dumps({"key": k, "format": FORMAT, "sha256": hashlib.sha256(data).hexdigest()}).encode()
    name = _name(kind, k)
    tmp = f".{name}.{os.urandom(8).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=dfd)
        with open(fd, "wb") as f:  # closes fd
            f.write(head + b"\n" + data)
        os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)  # replaces whatever entry is there, never through a link
        _prune(dfd, kind)
    except OSError:
        pass
    finally:
        with suppress(OSError):
            os.unlink(tmp, dir_fd=dfd)
        os.close(dfd)


def _prune(dfd: int, kind: str) -> None:
    """Remove the oldest entries of a kind beyond KEEP, and temporary files of killed writes: regular files named as
    this module names them, in the opened folder, never followed through a link."""
    # the names this module gives the entries of a kind, and the temporary files they are written through
    ours = re.compile(rf"(\.)?{re.escape(kind)}-[0-9a-f]{{40}}\.json(?(1)\.[0-9a-f]{{16}}\.tmp)")
    entries: list[tuple[float, str]] = []
    now = time.time()
    with os.scandir(dfd) as it:
        for e in it:
            m = ours.fullmatch(e.name)
            st = e.stat(follow_symlinks=False)
            if m is None or not stat.S_ISREG(st.st_mode):
                continue
            if not m.group(1):
                entries.append((st.st_mtime, e.name))
            elif now - st.st_mtime > STALE_SECONDS:
                with suppress(OSError):
                    os.unlink(e.name, dir_fd=dfd)
    for _, name in sorted(entries, reverse=True)[KEEP:]:
        with suppress(OSError):
            os.unlink(name, dir_fd=dfd)
