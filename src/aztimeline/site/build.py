"""Build the site: stage both editions' pages, run the engine (MkDocs with Material, or Zensical) on each, and swap
the result into the output."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import errno
import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from .. import clock
from ..addresses import check_site_url, edition_url
from ..errors import OutputError
from ..paths import project_root
from ..provenance import build_stamp
from ..validate import load_and_validate
from .chrome import finish_edition
from .engines import DEFAULT_ENGINE, ENGINES, run_zensical
from .generate import edition_files, nav, reading_order, titles, write_editions
from .labels import T
from .mkdocs_engine import BuildError, run_mkdocs
from .output import MARKER, MARKER_TEXT, build_lock, check_output, is_previous_build, make_stage, remove_stage, remove_stale_stages
from .swap import swap_in

__all__ = ["BuildError", "build_site", "edition_config"]


def edition_config(
    base: dict[str, Any],
    lang: str,
    docs: Path,
    site_dir: Path,
    files: dict[str, bytes],
    order: list[str] | None = None,
    *,
    site_url: str | None = None,
) -> dict[str, Any]:
    """The MkDocs configuration of one edition: the repository's mkdocs.yml with its language and paths.

    site_url (checked) is the Dutch edition's address; the English edition lives in its en/ folder.
    files are the edition's docs files (name -> bytes), which the navigation lists.
    """
    cfg = copy.deepcopy(base)
    url = edition_url(site_url, lang)
    if url:
        cfg["site_url"] = url
    else:
        cfg.pop("site_url", None)
    cfg["docs_dir"] = str(docs)
    cfg["site_dir"] = str(site_dir)
    cfg["site_name"] = f"aztimeline \u2014 {T[lang]['site']}"
    cfg.setdefault("theme", {})["language"] = lang
    pages = {n for n in files if n.endswith(".md")}
    cfg["nav"] = nav(pages, lang, titles(files), order)
    cfg["plugins"] = [{"search": {"lang": [lang, "nl" if lang == "en" else "en"]}}]
    cfg["not_in_nav"] = "/versions/*.md\n/changes/*.md\n/sources/*.md"  # listed in the navigation only when few (see nav)
    return cfg


def build_site(
    data: Path,
    output: Path,
    *,
    root: Path | None = None,
    release: bool = False,
    engine: str = DEFAULT_ENGINE,
    site_url: str | None = None,
) -> Path:
    """Validate data, build both editions, and swap them into output only when every step succeeded.

    site_url (else mkdocs.yml's site_url) is where the site will be published: with it, the feed and the
    sitemap carry absolute links; without it, they are left out (the feed keeps its entries, without links).
    """
    if engine not in ENGINES:
        raise OutputError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    validated = load_and_validate(data)
    stamp = build_stamp(data)
    updated = _commit_time(stamp)
    _check_datable(updated)
    if release:
        if stamp["commit"] is None:
            raise OutputError("--release needs the data in a git checkout, so the site can name the commit of its data")
        if stamp["dirty"]:
            raise OutputError(f"--release refused: {data} has uncommitted changes; commit them (or build without --release for a draft)")
        if stamp["git"] == "shallow":  # the corrections log and the data's last commit need the history before it
            raise OutputError("--release needs the data's whole git history, and this is a shallow clone; run git fetch --unshallow")
    root = root or project_root()
    output = check_output(output, data, root)
    created = [p for p in (output.parent, *output.parent.parents) if not os.path.lexists(p)]  # deepest first
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        parent = next((p for p in output.parents if os.path.lexists(p) and not os.path.isdir(p)), output.parent)
        raise OutputError(f"cannot build into {output}: {parent} is a file, not a folder") from None
    except OSError as exc:
        raise OutputError(f"cannot create the folder {output.parent}: {exc.strerror}") from None
    try:
        base = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        site_url = check_site_url(site_url if site_url is not None else base.get("site_url"))
        with build_lock(output):
            output = check_output(output, data, root)  # again, now that no other build can change it
            remove_stale_stages(output)  # left by a build that was killed; only folders carrying our stage marker
            try:
                stage = make_stage(output)
            except OSError as exc:
                raise OutputError(f"cannot write beside {output}: {exc.strerror}") from None
            try:
                site_dir = stage / "site"
                targets = {"nl": site_dir, "en": site_dir / "en"}
                order = reading_order(validated)
                contents = edition_files(validated, stamp, root / "docs", site_url=site_url)
                docs = write_editions(contents, stage)
                run = run_zensical if engine == "zensical" else run_mkdocs
                for lang, target in targets.items():
                    run(edition_config(base, lang, docs[lang], target, contents[lang], order, site_url=site_url), stage / lang, updated)
                for lang, target in targets.items():
                    extra = stage / lang / "extra"
                    if extra.is_dir():  # moved, not copied: the stage lies beside the output (one disk) and is removed
                        shutil.copytree(extra, target, dirs_exist_ok=True, copy_function=shutil.move)
                    finish_edition(target, lang, site_url)
                (site_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
                swap_in(site_dir, output, is_previous_build)
            except OSError as exc:
                where = f" ({exc.filename})" if exc.filename else ""
                limit = " (raise this process's limit on open files: ulimit -n)" if exc.errno in (errno.EMFILE, errno.ENFILE) else ""
                raise OutputError(f"cannot write the site{where}: {exc.strerror or exc}{limit}; nothing was replaced") from None
            finally:
                remove_stage(stage)
        return output
    except BaseException:  # a failed build leaves no folder it made for its output
        for folder in created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


GZIP_LAST = dt.datetime(2106, 2, 7, 6, 28, 15, tzinfo=dt.UTC)
"""The last time a gzip header can hold (32-bit seconds): MkDocs gives the sitemap's .gz the site's date."""


def _check_datable(updated: dt.datetime | None) -> None:
    """The site's date (the data's last commit, or SOURCE_DATE_EPOCH) must fit the sitemap's gzip header: past it,
    MkDocs fails inside gzip with a traceback (found by an outside tester, with a commit dated 2128)."""
    when = updated or clock.build_time()
    if when is not None and when > GZIP_LAST:
        what, how = (
            ("the date of the data's last commit", "commit the data again with its real date")
            if updated
            else ("SOURCE_DATE_EPOCH", "set SOURCE_DATE_EPOCH to an earlier time")
        )
        raise OutputError(
            f"the site would be dated {when:%Y-%m-%d %H:%M:%S} UTC ({what}), after {GZIP_LAST:%Y-%m-%d %H:%M:%S} UTC, the last "
            f"time its sitemap's gzip file can hold; {how}; nothing was built"
        )


def _commit_time(stamp: dict[str, Any]) -> dt.datetime | None:
    """When the data was last committed (UTC), which dates the pages and the sitemap; None outside git."""
    when = stamp.get("commit_date")
    if not when or clock.source_date_epoch() is not None:  # a date the builder chose wins, as MkDocs and exports read it
        return None
    return dt.datetime.fromisoformat(when).astimezone(dt.UTC)
