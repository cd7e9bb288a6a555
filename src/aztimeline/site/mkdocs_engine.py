"""MkDocs with Material, run in this process on a staged docs folder, and steered only through plugin events.

The one plugin, `EditionPlugin`, does what Material's own plugins do: it looks at pages and template contexts as
MkDocs hands them over. It dates every page by the data's last commit (`on_pre_page`) and gives the sitemap's
template that date as its build date (`on_template_context`), so one commit builds the same bytes on any day,
without SOURCE_DATE_EPOCH in the environment of the process.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..errors import AztimelineError


class BuildError(AztimelineError):
    """MkDocs could not build the staged pages."""


class EditionPlugin(BasePlugin):
    """Dates the pages and the sitemap by the data's commit."""

    def __init__(self, updated: dt.datetime) -> None:
        super().__init__()
        self._updated = updated

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        page.update_date = self._updated.strftime("%Y-%m-%d")  # the sitemap's <lastmod>, and its .gz's time
        return page

    def on_template_context(self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        context["build_date_utc"] = self._updated
        return context


def run_mkdocs(config: dict[str, Any], where: Path, updated: dt.datetime | None) -> None:
    """Build one edition with MkDocs; config is its mkdocs.yml as a dict, where a folder of the stage for that file.

    Every warning fails the build (strict), with the warnings in the message.
    """
    cfg_path = where / "mkdocs.yml"
    cfg_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    warnings: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:  # one line: MkDocs lists files on lines of their own
                warnings.append(" ".join(record.getMessage().split()))

    handler = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    try:
        cfg = load_config(config_file=str(cfg_path))
        if updated is not None:  # else MkDocs' own build date
            cfg.plugins["aztimeline"] = EditionPlugin(updated)  # PluginCollection registers its events
        build(cfg)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs failed: {exc}; " + "; ".join(warnings)) from None
    except SystemExit:
        raise BuildError("MkDocs aborted: " + "; ".join(warnings)) from None
    finally:
        log.removeHandler(handler)
    if warnings:
        raise BuildError("MkDocs reported problems (strict build): " + "; ".join(warnings))
