"""Swap a freshly built directory into place so that readers only ever see the old or the new one."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import OutputError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with renameat2(RENAME_EXCHANGE); False where the system lacks it."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def swap_in(new: Path, target: Path, replaceable: Callable[[Path], bool]) -> None:
    """Put directory new at target. An existing target is exchanged atomically, then removed.

    The old target is removed only when replaceable(old) still holds after the exchange (it was checked before
    the build, but the folder could have changed since); otherwise it is put back and an OutputError raised.
    """
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    if target.is_dir() and not target.is_symlink() and _exchange(new, target):
        if replaceable(new):  # new now holds the old site: what of it cannot be removed now, the stage's removal tries
            shutil.rmtree(new, ignore_errors=True)  # again; failing here would report a swap that happened as not
            return
        _exchange(new, target)
        raise OutputError(f"{target} changed during the build and is no longer a previous build; it was left as it was")
    # Fallback (no renameat2): a short window where target is missing, never a half-written target. The old
    # site moves into a folder with an unpredictable name that this build created, and only that is removed.
    reserve = Path(tempfile.mkdtemp(prefix=f".{target.name[:40]}-old-", dir=target.parent))
    old = reserve / "old"
    os.rename(target, old)
    if not replaceable(old):
        os.rename(old, target)
        os.rmdir(reserve)
        raise OutputError(f"{target} changed during the build and is no longer a previous build; it was left as it was")
    os.rename(new, target)
    shutil.rmtree(reserve, ignore_errors=True)
