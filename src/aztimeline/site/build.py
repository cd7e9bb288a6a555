"""Build the site: stage docs/ plus generated pages, run MkDocs, and swap the result into the output."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import yaml

from ..errors import AztimelineError, OutputError
from ..provenance import build_stamp
from ..validate import load_and_validate
from .generate import generate_pages
from .swap import swap_in


class BuildError(AztimelineError):
    """MkDocs could not build the staged pages."""


def project_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml and docs/: the current folder or one of its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "docs").is_dir():
            return folder
    raise OutputError("mkdocs.yml and docs/ not found here or in a parent folder; run from the aztimeline repository")


def build_site(data: Path, output: Path, *, root: Path | None = None) -> Path:
    """Validate data, build the site, and swap it into output only when every step succeeded."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    validated = load_and_validate(data)
    root = root or project_root()
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    stamp = build_stamp(data)
    stage = Path(tempfile.mkdtemp(prefix=f".{output.name}-stage-", dir=output.parent))
    try:
        docs = stage / "docs"
        shutil.copytree(root / "docs", docs)
        generate_pages(validated, docs, stamp)
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        config["docs_dir"] = str(docs)
        config["site_dir"] = str(stage / "site")
        _run_mkdocs(config, stage)
        swap_in(stage / "site", output)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return output


def _run_mkdocs(config: dict[str, object], stage: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    cfg_path = stage / "mkdocs.yml"
    cfg_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    warnings: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    handler = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    try:
        cfg = load_config(config_file=str(cfg_path), strict=True)
        build(cfg)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs failed: {exc}; " + "; ".join(warnings)) from None
    except SystemExit:
        raise BuildError("MkDocs aborted: " + "; ".join(warnings)) from None
    finally:
        log.removeHandler(handler)
    if warnings:
        raise BuildError("MkDocs reported problems (strict build): " + "; ".join(warnings))
