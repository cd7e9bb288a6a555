"""Where a build may write: refuse any output that could hold data, and lock the output while building.

`aztimeline build --output DIR` replaces DIR as a whole. It therefore only replaces a folder that is absent,
empty, or a previous aztimeline build (recognised by the marker file every build writes), and never one that
is, contains or lies inside the data folder, the repository root, its `.git` or its `docs/`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import OutputError
from ..paths import identity, normalise, resolved

MARKER = ".aztimeline-build"
"""A file every build writes at the top of its output; only a folder carrying it is replaced by a later build."""
MARKER_TEXT = "This folder was built by aztimeline (aztimeline build). A later build replaces it as a whole.\n"
STAGE_MARKER = ".aztimeline-stage"
"""A file in every staging folder, so a stale one left by a killed build can be told from a folder of the user's."""


def protected(data: Path, root: Path) -> list[tuple[Path, str]]:
    """Paths a build must never replace, contain, or write inside, with how to name them."""
    d = resolved(data)
    items = [(d, "the data folder")]
    root = root.resolve()
    items += [
        (root, "the repository root"),
        (root / ".git", "the repository's .git folder"),
        (root / "docs", "the repository's docs/ folder"),
        (root / "policy_versions", "the repository's data folder"),
    ]
    for folder in (d, *d.parents):  # the git checkout holding the data, when it is another one
        if os.path.lexists(folder / ".git"):
            items += [(folder, "the git checkout holding the data"), (folder / ".git", "the data's .git folder")]
            break
    return items


def check_output(output: Path, data: Path, root: Path) -> Path:
    """The normalised output folder, or an OutputError saying why a build must not write there."""
    out = normalise(output)
    shown = str(output)
    places = protected(data, root)
    for path, name in places:
        if out == path:
            raise OutputError(f"refusing to build into {shown}: it is {name}; choose an output folder of its own, such as site/")
    for path, name in places:
        if out in path.parents:
            raise OutputError(f"refusing to build into {shown}: it contains {name}; choose an output folder of its own, such as site/")
    inside_allowed = ("the repository root", "the git checkout holding the data")
    for path, name in places:
        if path in out.parents and name not in inside_allowed:
            raise OutputError(f"refusing to build into {shown}: it lies inside {name}; choose an output folder of its own, such as site/")
    ids = _identities(places)
    # the same, by another path to them (a bind mount): compared by identity (an output that is a link is refused below)
    for folder in (out, *out.parents) if not os.path.islink(out) else out.parents:
        same = ids.get(identity(folder))  # None where the folder is not there (no place is keyed None)
        if same is not None and (folder == out or same not in inside_allowed):
            raise OutputError(f"refusing to build into {shown}: it is or lies inside {same}, by another path to it; choose an output folder of its own, such as site/")
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        return out
    except NotADirectoryError:
        parent = next((p for p in out.parents if os.path.lexists(p) and not os.path.isdir(p)), out.parent)
        raise OutputError(f"cannot build into {shown}: {parent} is a file, not a folder") from None
    except OSError as exc:
        raise OutputError(f"cannot use {shown} as the output folder: {exc.strerror}") from None
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(f"refusing to build into {shown}: it is a symbolic link; give the real folder, or remove the link")
    if not stat.S_ISDIR(st.st_mode):
        raise OutputError(f"refusing to build into {shown}: it exists and is not a folder; choose another output folder")
    if os.path.lexists(out / ".git"):  # a previous build kept under git for deployment: its history must stay
        raise OutputError(f"refusing to replace {shown}: it contains a .git folder; build elsewhere and copy the site in")
    if not is_previous_build(out):
        raise OutputError(
            f"refusing to replace {shown}: it exists and is not a previous aztimeline build (no {MARKER} file in it); "
            "choose a new or empty folder, or empty this one yourself"
        )
    if (reached := _reached_inside(out, ids)) is not None:
        raise OutputError(
            f"refusing to replace {shown}: {reached} is reachable inside it by another path (a bind mount?), and replacing "
            "the old site would delete it; unmount it, or choose an output folder of its own"
        )
    return out


def _identities(places: list[tuple[Path, str]]) -> dict[tuple[int, int] | None, str]:
    """The protected places by device and inode, with their names (those that are there)."""
    ids: dict[tuple[int, int] | None, str] = {}
    for path, name in places:
        if (found := identity(path)) is not None:
            ids.setdefault(found, name)
    return ids


def _reached_inside(out: Path, ids: dict[tuple[int, int] | None, str]) -> str | None:
    """The name of a protected place that a folder inside the old output is, by device and inode: a bind mount of
    the data there was deleted with the old site (found by an outside tester). Links are not followed, as the
    removal does not follow them."""
    for top, _, _ in os.walk(out):
        st = os.lstat(top)
        if (name := ids.get((st.st_dev, st.st_ino))) is not None:
            return name
    return None


def is_previous_build(folder: Path) -> bool:
    """True for an empty folder or one whose top level carries the build marker as a regular file."""
    try:
        with os.scandir(folder) as it:
            names = {e.name: e for e in it}
    except OSError:
        return False
    if not names:
        return True
    marker = names.get(MARKER)
    return marker is not None and marker.is_file(follow_symlinks=False)


def _short_name(out: Path) -> str:
    """The output's name as the names of its lock and stages hold it: whole up to 40 characters, else its start and a
    digest of all of it, so that two long names with the same start never share a lock."""
    if len(out.name) <= 40:
        return out.name
    return f"{out.name[:27]}-{hashlib.sha256(os.fsencode(out.name)).hexdigest()[:12]}"


def lock_file(out: Path) -> Path:
    """The file beside the output that builds into it lock, while they run (hidden; .gitignore covers site/'s)."""
    return out.parent / f".{_short_name(out)}-build.lock"


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock for building into out; a second build refuses instead of interleaving.

    filelock locks with fcntl where the system has it, and with the Windows API elsewhere. The lock file is removed
    while it is still held: filelock finds a file removed under a lock it was waiting for, and takes a new one.
    """
    path = lock_file(out)
    lock = FileLock(path, blocking=False)
    try:
        lock.acquire()
    except Timeout:
        if not os.path.lexists(path):  # filelock reports a lock file it could not create as one another build holds
            raise OutputError(f"cannot create the lock file {path}; choose an output folder in a place you can write") from None
        raise OutputError(f"another aztimeline build is writing into {out}; wait until it has finished, then build again") from None
    except OSError as exc:
        raise OutputError(f"cannot lock {path}: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        with contextlib.suppress(OSError):  # on Windows an open file stays; filelock removes it after the release
            os.unlink(path)
        lock.release()


MARK_MAX = 1024
"""Most bytes a stage's marker holds: a process id and the output's name in hex (a name has at most 255 bytes)."""


def _stage_mark(out: Path) -> str:
    """What a stage's marker holds after the build's process id: the name of the output it is built for."""
    return f"for {os.fsencode(out.name).hex()}\n"


def make_stage(out: Path) -> Path:
    """A fresh staging folder with an unpredictable name beside the output, marked as ours and as this output's."""
    stage = Path(tempfile.mkdtemp(prefix=f".{_short_name(out)}-stage-", dir=out.parent))
    (stage / STAGE_MARKER).write_text(f"{os.getpid()}\n{_stage_mark(out)}", encoding="utf-8")
    return stage


def remove_stage(stage: Path) -> None:
    """Remove a staging folder, its marker last: a stage that cannot be removed whole now (a limit on open files)
    keeps the marker, and a later build into the same output removes it as stale."""
    try:
        entries = list(os.scandir(stage))
    except OSError:
        return
    for e in entries:
        if e.name == STAGE_MARKER:
            continue
        with contextlib.suppress(OSError):
            if e.is_dir(follow_symlinks=False):
                shutil.rmtree(e.path)
            else:
                os.unlink(e.path)
    with contextlib.suppress(OSError):
        if os.listdir(stage) in ([], [STAGE_MARKER]):
            shutil.rmtree(stage)


def remove_stale_stages(out: Path) -> None:
    """Remove staging folders of this output left by killed builds: only real folders whose stage marker names this
    output. Another output's name may begin the same (site and site-stage-2): its live stage is never touched.

    Called while holding the build lock, so no other build of this output is using them.
    """
    prefix, mine = f".{_short_name(out)}-stage-", _stage_mark(out)
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return
    for e in entries:
        if not e.name.startswith(prefix) or not e.is_dir(follow_symlinks=False):
            continue
        try:  # a marker swapped for a FIFO or a link does not block, and is not ours
            fd = os.open(Path(e.path) / STAGE_MARKER, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            ours = stat.S_ISREG(st.st_mode) and st.st_size <= MARK_MAX and os.read(fd, MARK_MAX).decode("utf-8", "replace").endswith(mine)
        except OSError:
            ours = False
        finally:
            os.close(fd)
        if ours:
            remove_stage(Path(e.path))
