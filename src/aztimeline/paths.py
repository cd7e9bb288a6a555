"""Where things are: the repository root and its data folder (a module below every layer, so any may ask)."""

from __future__ import annotations

from pathlib import Path

from .errors import OutputError


def project_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml and docs/: the current folder or one of its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "docs").is_dir():
            return folder
    raise OutputError("mkdocs.yml and docs/ not found here or in a parent folder; run from the aztimeline repository")
