"""Build the site: stage both editions' pages, run MkDocs on each, and swap the result into the output."""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from ..errors import AztimelineError, OutputError
from ..provenance import build_stamp
from ..validate import load_and_validate
from .chrome import check_site_url, edition_url, finish_edition
from .engines import DEFAULT_ENGINE, ENGINES, run_zensical
from .generate import nav, page_titles, reading_order, write_editions
from .labels import T
from .output import MARKER, MARKER_TEXT, build_lock, check_output, is_previous_build, make_stage, remove_stale_stages
from .render import CompiledTemplates
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


def edition_config(
    base: dict[str, Any], lang: str, docs: Path, site_dir: Path, order: list[str] | None = None, *, site_url: str | None = None
) -> dict[str, Any]:
    """The MkDocs configuration of one edition: the repository's mkdocs.yml with its language and paths.

    site_url (else mkdocs.yml's) is the Dutch edition's address; the English edition lives in its en/ folder.
    """
    cfg = copy.deepcopy(base)
    url = edition_url(check_site_url(site_url if site_url is not None else base.get("site_url")), lang)
    if url:
        cfg["site_url"] = url
    else:
        cfg.pop("site_url", None)
    cfg["docs_dir"] = str(docs)
    cfg["site_dir"] = str(site_dir)
    cfg["site_name"] = f"aztimeline \u2014 {T[lang]['site']}"
    cfg.setdefault("theme", {})["language"] = lang
    cfg["nav"] = nav({p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}, lang, page_titles(docs), order)
    cfg["plugins"] = [{"search": {"lang": [lang, "nl" if lang == "en" else "en"]}}]
    cfg["not_in_nav"] = "/changes/*.md"  # with many changes, change pages are reached from the index, not the menu
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
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if engine not in ENGINES:
        raise OutputError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    validated = load_and_validate(data, digest=True)  # the digest keys the cache of downloads
    if release:
        stamp = build_stamp(data)
        if stamp["commit"] is None:
            raise OutputError("--release needs the data in a git checkout, so the site can name the commit it was built from")
        if stamp["dirty"]:
            raise OutputError(f"--release refused: {data} has uncommitted changes; commit them (or build without --release for a draft)")
    root = root or project_root()
    output = check_output(output, data, root)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        parent = next((p for p in (output.parent, *output.parents) if os.path.lexists(p) and not os.path.isdir(p)), output.parent)
        raise OutputError(f"cannot build into {output}: {parent} is a file, not a folder") from None
    except OSError as exc:
        raise OutputError(f"cannot create the folder {output.parent}: {exc.strerror}") from None
    stamp = build_stamp(data)
    base = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    site_url = check_site_url(site_url if site_url is not None else base.get("site_url"))
    with build_lock(output.parent):
        output = check_output(output, data, root)  # again, now that no other build can change it
        remove_stale_stages(output)  # left by a build that was killed; only folders carrying our stage marker
        try:
            stage = make_stage(output)
        except OSError as exc:
            raise OutputError(f"cannot write beside {output}: {exc.strerror}") from None
        pinned = False
        try:
            docs = write_editions(validated, stamp, root / "docs", stage, site_url=site_url)
            site_dir = stage / "site"
            order = reading_order(validated)
            if "SOURCE_DATE_EPOCH" not in os.environ and stamp["commit_date"]:
                # MkDocs dates the sitemap by the build day; pin it to the data's commit so a commit builds the same bytes.
                os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.fromisoformat(stamp["commit_date"]).timestamp()))
                pinned = True
            run = run_zensical if engine == "zensical" else _run_mkdocs
            _THEME_FILES.clear()  # the theme's files are listed anew for each build
            run(edition_config(base, "nl", docs["nl"], site_dir, order, site_url=site_url), stage / "nl")
            run(edition_config(base, "en", docs["en"], site_dir / "en", order, site_url=site_url), stage / "en")
            for lang, target in (("nl", site_dir), ("en", site_dir / "en")):
                extra = stage / lang / "extra"
                if extra.is_dir():
                    # moved, not copied: the stage is removed afterwards, and it lies beside the output (one disk)
                    shutil.copytree(extra, target, dirs_exist_ok=True, copy_function=shutil.move)
                finish_edition(target, lang, site_url)
            (site_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            swap_in(site_dir, output, is_previous_build)
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            raise OutputError(f"cannot write the site{where}: {exc.strerror or exc}; nothing was replaced") from None
        finally:
            if pinned:
                del os.environ["SOURCE_DATE_EPOCH"]
            shutil.rmtree(stage, ignore_errors=True)
    return output


def _run_mkdocs(config: dict[str, Any], where: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    cfg_path = where / "mkdocs.yml"
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
        cfg = load_config(config_file=str(cfg_path))
        _share_compiled_templates(cfg.theme)
        build(cfg)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs failed: {exc}; " + "; ".join(warnings)) from None
    except SystemExit:
        raise BuildError("MkDocs aborted: " + "; ".join(warnings)) from None
    finally:
        log.removeHandler(handler)
    if warnings:
        raise BuildError("MkDocs reported problems (strict build): " + "; ".join(warnings))


def _theme_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for dist in ("mkdocs", "mkdocs-material"):
        try:
            out.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            out.append(f"{dist} -")
    return "\0".join(out)


THEME_TEMPLATES = CompiledTemplates("theme", _theme_versions)
"""The theme's compiled templates: both editions (and Material's search plugin) use them, and later builds too."""


def _share_compiled_templates(theme: Any) -> None:
    """Give every Jinja2 environment this theme makes the shared cache of compiled theme templates.

    MkDocs makes a fresh environment for each edition, and Material's search plugin one more for each word it
    translates; each would parse and compile the same theme templates again. What is rendered does not change:
    Jinja2 only reuses code compiled from the same source with the same options (see CompiledTemplates).
    """
    make_env = theme.get_env

    def get_env() -> Any:
        env = make_env()
        env.bytecode_cache = THEME_TEMPLATES
        _share_theme_listing(env.loader)
        return env

    theme.get_env = get_env


_THEME_FILES: dict[tuple[Any, ...], list[str]] = {}
"""The files in the theme's folders, listed once per build (build_site empties it): both editions list them."""


def _share_theme_listing(loader: Any) -> None:
    """Let this theme loader list its folders once per build, instead of once per edition.

    MkDocs walks the theme's folders (Material's hold some 14,500 files, mostly icons) for every edition to find
    the files to copy; the folders do not change while a build runs, and the list is the same for each edition.
    """
    list_templates = loader.list_templates
    folders = (type(loader), tuple(getattr(loader, "searchpath", ())), getattr(loader, "followlinks", None))

    def listed() -> list[str]:
        if folders not in _THEME_FILES:
            _THEME_FILES[folders] = list_templates()
        return list(_THEME_FILES[folders])

    loader.list_templates = listed
