"""Caches of validated results in the user's cache folder, keyed by the content of everything they depend on.

A cache entry is only ever used when its key, computed anew from the bytes of every data file (the source texts
included), the tool's version and its own code, equals the key it was written under; and when its body still
hashes to the checksum written with it. So a changed data file, a new version of aztimeline, or a damaged entry
means the cache is not used, and the answer is computed from validated data as if there were no cache.

Entries are written to a temporary file beside the entry and renamed into place, so a reader never sees half an
entry and two processes writing the same entry at once are safe (the last rename wins; both wrote the same bytes).
This module imports nothing heavy: the as-of command answers from it without loading pydantic or PyYAML.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 1
"""Layout of an entry; part of every key."""

KEEP = 16
"""Entries of one kind kept per cache folder (the oldest are removed when a new one is written)."""

_tool: str | None = None


def cache_dir() -> Path | None:
    """$XDG_CACHE_HOME/aztimeline or ~/.cache/aztimeline; None when AZTIMELINE_NO_CACHE is set."""
    if os.environ.get("AZTIMELINE_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not base or not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder: no cache
            return None
    return Path(base) / "aztimeline"


def tool_digest() -> str:
    """The tool's version, the Python version, and the bytes of aztimeline's own code, templates and assets."""
    global _tool
    if _tool is None:
        h = hashlib.sha256(f"aztimeline {__version__}\0python {sys.version}\0format {FORMAT}\0".encode())
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        _tool = h.hexdigest()
    return _tool


def data_digest(root: Path) -> str:
    """A hash of the name and bytes of every file under root (YAML, source texts and anything else there)."""
    h = hashlib.sha256()
    base = str(root)
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        rel = os.path.relpath(folder, base)
        for name in sorted(files):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                body = f.read()
            h.update(f"{rel}/{name}\0{len(body)}\0".encode())
            h.update(body)
    return h.hexdigest()


def key(kind: str, digest: str, *parts: str) -> str:
    """The key of an entry: its kind, the tool, the data's digest (data_digest), and any further parts."""
    h = hashlib.sha256(f"{kind}\0{tool_digest()}\0{digest}".encode())
    for part in parts:
        h.update(b"\0" + part.encode())
    return h.hexdigest()


def _path(kind: str, k: str) -> Path | None:
    folder = cache_dir()
    return folder / f"{kind}-{k[:40]}.json" if folder else None


def read(kind: str, k: str) -> Any | None:
    """The body stored under key k, or None: missing, unreadable, written under another key, or damaged."""
    path = _path(kind, k)
    if path is None:
        return None
    try:
        raw = path.read_bytes()
        head, _, body = raw.partition(b"\n")
        meta = json.loads(head)
        if not isinstance(meta, dict) or meta.get("key") != k or meta.get("format") != FORMAT:
            return None
        if meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        return json.loads(body)
    except (OSError, ValueError):
        return None


def write(kind: str, k: str, body: Any) -> None:
    """Store body under key k, atomically; a cache that cannot be written is no error (it is only a cache)."""
    path = _path(kind, k)
    if path is None:
        return
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head = json.dumps({"key": k, "format": FORMAT, "sha256": hashlib.sha256(data).hexdigest()}).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(head + b"\n" + data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        _prune(path.parent, kind)
    except OSError:
        return


def read_files(kind: str, k: str) -> dict[str, bytes] | None:
    """A set of files stored under key k (name -> bytes), or None when missing, of another key, or damaged."""
    folder = cache_dir()
    if folder is None:
        return None
    entry = folder / f"{kind}-{k[:40]}"
    manifest = read(kind, k)
    if not isinstance(manifest, dict):
        return None
    out = {}
    try:
        for name, digest in manifest.items():
            body = (entry / hashlib.sha256(name.encode()).hexdigest()).read_bytes()
            if hashlib.sha256(body).hexdigest() != digest:
                return None
            out[name] = body
    except OSError:
        return None
    return out


def write_files(kind: str, k: str, files: dict[str, bytes]) -> None:
    """Store a set of files under key k: the files first, in a folder renamed into place, then their manifest."""
    folder = cache_dir()
    if folder is None:
        return
    entry = folder / f"{kind}-{k[:40]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=folder))
    except OSError:
        return
    try:
        for name, body in files.items():
            (tmp / hashlib.sha256(name.encode()).hexdigest()).write_bytes(body)
        _remove(entry)  # an entry under the same key holds the same files, or a damaged copy of them
        os.replace(tmp, entry)
    except OSError:
        return
    finally:
        _remove(tmp)
    write(kind, k, {name: hashlib.sha256(body).hexdigest() for name, body in files.items()})


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _prune(folder: Path, kind: str) -> None:
    entries = sorted(folder.glob(f"{kind}-*.json"), key=_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
        _remove(old.with_suffix(""))
