"""Where the loader reads the data files from: the data folder on disk, or a commit's files held in memory.

The loader (load.py) asks one of these for every listing and every byte it reads, so the data of an old commit
is validated from memory by the same rules as the working tree, and nothing of a commit is written to disk.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from .errors import Problem
from .yamlload import Located, read_yaml


class DataFiles(Protocol):
    """The files of one data folder, as the loader sees them. Paths are root / relative path."""

    root: Path

    def kind(self, path: Path) -> str:
        """'file', 'missing', 'a folder', or what else path is, in words (a link is followed)."""

    def is_link(self, path: Path) -> bool: ...

    def contained(self, path: Path) -> bool:
        """Whether path, with its links followed, stays inside the data folder."""

    def exists(self, path: Path) -> bool:
        """Whether anything is at path (a broken link counts)."""

    def entries(self, folder: Path) -> list[Path]:
        """The visible entries of a folder, in order; OSError (NotADirectoryError for a file) when it cannot be listed."""

    def read_yaml(self, path: Path, shown: str) -> tuple[Located | None, list[Problem]]: ...

    def size(self, path: Path) -> int: ...

    def read(self, path: Path) -> bytes: ...


class FolderFiles:
    """The data folder on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def kind(self, path: Path) -> str:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return "missing"
        except OSError as exc:
            return f"unreadable ({exc.strerror or exc})"
        if stat.S_ISREG(st.st_mode):
            return "file"
        if stat.S_ISDIR(st.st_mode):
            return "a folder"
        return "a device, pipe or socket"

    def is_link(self, path: Path) -> bool:
        return path.is_symlink()

    def contained(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.root.resolve())
            return True
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
            return False

    def exists(self, path: Path) -> bool:
        return os.path.lexists(path)

    def entries(self, folder: Path) -> list[Path]:
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))

    def read_yaml(self, path: Path, shown: str) -> tuple[Located | None, list[Problem]]:
        return read_yaml(path, shown)

    def size(self, path: Path) -> int:
        return os.path.getsize(path)

    def read(self, path: Path) -> bytes:
        return path.read_bytes()


class MemoryFiles:
    """Files held in memory (a commit's blobs), by their path relative to the data folder: nothing on disk is read.

    root is a name for the folder in messages (REV:policy_versions), never a place on disk. The paths were checked
    before (provenance.data_files_at): plain names, no links, within the size limits.
    """

    def __init__(self, root: Path, files: Mapping[str, bytes]) -> None:
        self.root = root
        self.files = dict(files)
        self._folders = {"."} | {os.path.dirname(name) or "." for name in self.files}
        for folder in list(self._folders):
            while folder not in ("", "."):
                folder = os.path.dirname(folder) or "."
                self._folders.add(folder)

    def _name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def kind(self, path: Path) -> str:
        name = self._name(path)
        return "file" if name in self.files else "a folder" if name in self._folders else "missing"

    def is_link(self, path: Path) -> bool:
        return False

    def contained(self, path: Path) -> bool:
        return True

    def exists(self, path: Path) -> bool:
        return self.kind(path) != "missing"

    def entries(self, folder: Path) -> list[Path]:
        name = self._name(folder)
        if name in self.files:
            raise NotADirectoryError(f"{folder} is a file")
        prefix = "" if name == "." else name + "/"
        children = {n[len(prefix) :].split("/", 1)[0] for n in [*self.files, *self._folders] if n.startswith(prefix) and n != name}
        return sorted(folder / child for child in children if child and child != "." and not child.startswith("."))

    def read_yaml(self, path: Path, shown: str) -> tuple[Located | None, list[Problem]]:
        return read_yaml(path, shown, raw=self.read(path))

    def size(self, path: Path) -> int:
        return len(self.read(path))

    def read(self, path: Path) -> bytes:
        try:
            return self.files[self._name(path)]
        except KeyError:
            raise FileNotFoundError(f"{path} is not in the commit") from None
