"""The one atomic writer: every file aztimeline writes (exports, schemas, new versions) goes through it.

A file is written to a temporary file in its target's folder and renamed over the target in one step, so the
target is always the old file or the complete new one. A symbolic link, a folder, a FIFO, a device or a socket at
the target is refused with one line (a link is never followed, a FIFO never opened); an existing file is replaced
only when the caller was given --force. A replaced file keeps its mode; a new file gets the mode the umask gives
(0666 less the umask). No temporary file is left behind after an error, SIGINT or SIGTERM.
"""

from __future__ import annotations

import errno
import functools
import os
import signal
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

from .errors import OutputError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class Interrupted(BaseException):
    """A signal (SIGTERM, SIGHUP) arrived while a file was written; the temporary file is removed.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` in a writer swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def os_text(path: Path, exc: OSError) -> str:
    """An operating-system error on path as words a user can act on."""
    if exc.errno == errno.ENAMETOOLONG:
        shown = str(path) if len(str(path)) <= 80 else f"{str(path)[:40]}…{str(path)[-20:]}"
        return f"{shown}: the name is too long for the file system; choose a shorter name"
    if exc.errno == errno.ELOOP:
        return f"{path}: too many levels of symbolic links (a symbolic link loop); give a real path"
    if exc.errno == errno.EFBIG:
        return f"cannot write {path}: the file is larger than the file-size limit allows (ulimit -f)"
    return f"cannot write {path}: {exc.strerror or exc}"


def _folder_problem(folder: Path) -> str | None:
    """Why files cannot be created in folder (missing, a file, too long a name), or None when it is a folder."""
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        return f"folder {folder} does not exist; create it first"
    except NotADirectoryError:
        for parent in (folder, *folder.parents):
            if os.path.lexists(parent) and not os.path.isdir(parent):
                return f"{parent} is a file, not a folder; give a path in an existing folder"
        return f"{folder} is not a folder"
    except OSError as exc:
        return os_text(folder, exc)
    if not stat.S_ISDIR(st.st_mode):
        return f"{folder} is a file, not a folder; give a path in an existing folder"
    return None


def check_target(path: Path, *, force: bool, what: str) -> os.stat_result | None:
    """The target's current status (None when it does not exist yet), or an OutputError saying why it cannot be written."""
    try:
        st: os.stat_result | None = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # a parent that is a file is reported below
        st = None
    except OSError as exc:
        raise OutputError(os_text(path, exc)) from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise OutputError(f"{path} is a symbolic link; {what} only regular files, so give the real path")
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{path} is a folder; give a file name")
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"{path} is not a regular file (a device, pipe or socket); {what} only regular files")
        if not force:
            raise OutputError(f"{path} already exists; pass --force to replace it")
    problem = _folder_problem(path.parent)
    if problem:
        raise OutputError(problem)
    return st


@contextmanager
def signals_raise() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise Interrupted (SIGINT raises KeyboardInterrupt as always), so
    that `finally` clauses run and remove temporary files. Outside the main thread nothing is changed."""

    def raise_(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    old = {}
    for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
        if s is not None and signal.getsignal(s) is signal.SIG_DFL:  # a handler someone else installed stays
            try:
                old[s] = signal.signal(s, raise_)
            except ValueError:  # not the main thread: only `finally` cleans up there
                break
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def _temporary(folder: Path, name: str, mode: int) -> tuple[Path, int]:
    """A new file beside the target, created exclusively with mode (less the umask): (path, open descriptor). Its name
    holds the target's first 60 characters only: with all of a long name it went past the 255 bytes a file system
    allows a name, and the export failed for a name that is valid (found by an outside tester)."""
    for _ in range(100):
        tmp = folder / f".{name[:60]}.aztimeline-{os.urandom(6).hex()}.tmp"
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def write_bytes(files: dict[Path, bytes], *, force: bool, what: str) -> None:
    """Write the bytes of each path as one group (see write_files)."""
    write_files({path: functools.partial(Path.write_bytes, data=data) for path, data in files.items()}, force=force, what=what)


def _place_new(tmp: Path, path: Path) -> None:
    """Put tmp at path only if nothing is there, in one step: a file made there since the last check (another
    export started at the same moment) is never replaced without --force. A hard link fails when the name exists,
    where a rename would replace it; on a file system without hard links, the rename after the check is all there is."""
    try:
        os.link(tmp, path, follow_symlinks=False)
    except OSError as exc:  # FileExistsError (EEXIST) among them: it goes up to the caller
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        os.replace(tmp, path)


@signals_raise()
def write_files(files: dict[Path, Callable[[Path], object]], *, force: bool, what: str) -> None:
    """Write several new files as one: each is made as a temporary file first, and only when all are made are they
    renamed into place. A failure while renaming removes the files already renamed, when they were new."""
    made: list[tuple[Path, Path, os.stat_result | None]] = []
    placed: list[Path] = []
    try:
        for path, produce in files.items():
            before = check_target(path, force=force, what=what)
            folder = path.parent  # "." for a bare name: a Path's parent is never empty
            try:
                # A new file is created as 0666 less the umask (what the mode of a new file is: asking os.umask
                # would change it for the whole process); a replacement starts private and gets the old mode.
                tmp, fd = _temporary(folder, path.name, 0o600 if before is not None else 0o666)
                made.append((path, tmp, before))
                try:
                    mode = stat.S_IMODE(before.st_mode if before is not None else os.fstat(fd).st_mode)
                finally:
                    os.close(fd)
            except OSError as exc:
                raise OutputError(f"cannot write in folder {folder}: {exc.strerror or exc}; nothing was written") from None
            try:
                produce(tmp)
                fd = os.open(tmp, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
                try:
                    os.fchmod(fd, mode & 0o777)  # the old file's mode, or the umask's; never set-id bits
                    os.fsync(fd)
                finally:
                    os.close(fd)
            except OSError as exc:
                raise OutputError(f"{os_text(path, exc)}; nothing was written") from None
        for path, tmp, before in made:
            check_target(path, force=force, what=what)  # again: a link or a FIFO may have been put there meanwhile
            try:
                if force:
                    os.replace(tmp, path)  # replaces the entry itself: never writes through a link
                else:
                    _place_new(tmp, path)
            except FileExistsError:
                raise OutputError(f"{path} already exists; pass --force to replace it") from None
            except OSError as exc:
                raise OutputError(f"{os_text(path, exc)}; nothing was written") from None
            if before is None:
                placed.append(path)
    except BaseException:
        for path in placed:  # new files of a group that did not complete
            with suppress(OSError):
                os.unlink(path)
        raise
    finally:
        for _, tmp, _ in made:
            with suppress(OSError):
                os.unlink(tmp)
