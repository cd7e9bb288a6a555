"""Where things are: the repository root and its data folder (a module below every layer, so any may ask)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import OutputError


def project_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml and docs/: the current folder or one of its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "docs").is_dir():
            return folder
    raise OutputError("mkdocs.yml and docs/ not found here or in a parent folder; run from the aztimeline repository")


def normalise(output: Path) -> Path:
    """The absolute output path with its parent's symbolic links resolved, but not the output's own."""
    absolute = Path(os.path.abspath(output))
    if absolute == absolute.parent:  # the file system root
        return absolute
    try:
        return absolute.parent.resolve() / absolute.name
    except (OSError, RuntimeError) as exc:  # a symlink loop in the parent path
        raise OutputError(f"cannot use {output} as the output folder: {getattr(exc, 'strerror', None) or exc}") from None


def resolved(path: Path) -> Path:
    """path with its symbolic links resolved; only made absolute when they loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def identity(path: Path) -> tuple[int, int] | None:
    """A folder's device and inode, the same by any path to it (a bind mount, a link), or None where it is not there."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def check_not_in_data(path: Path, data: Path, what: str, *, into: bool = False) -> None:
    """Refuse to write path (a file; with into, a folder written into) inside the data folder or a .git folder, where
    it would corrupt them. Checked as written and where the system writes: a file's folder with links resolved before
    '..' is taken (lnk/../x.md is x.md in the folder lnk's target stands in), a folder through every link."""
    d = resolved(data)
    # the site's own pages, beside the data and in the project a build here publishes (found by an outside tester:
    # with --data elsewhere, a cache in ./docs went onto the next site)
    pages: list[Path] = []
    for start in (d.parent, Path.cwd()):
        with contextlib.suppress(OutputError):
            pages.append(resolved(project_root(start) / "docs"))
    real = Path(os.path.realpath(path)) if into else Path(os.path.realpath(path.parent)) / path.name
    data_id = identity(d)
    for shown in (path, real):
        target = normalise(shown)
        # by name, and by identity: through a bind mount of the data a memo went into it (found by an outside tester)
        if target == d or d in target.parents or data_id is not None and data_id in {identity(p) for p in (target, *target.parents)}:
            raise OutputError(
                f"refusing to write {what} {shown} inside the data folder {data}: it would become a stray data file; write it elsewhere"
            )
        if (docs := next((p for p in pages if target == p or p in target.parents), None)) is not None:
            raise OutputError(
                f"refusing to write {what} {shown} inside the site's pages {docs}: the next build would fail on a page "
                "the site does not list; write it elsewhere"
            )
        if ".git" in target.parts:
            raise OutputError(f"refusing to write {what} {shown} inside a .git folder; write it elsewhere")
