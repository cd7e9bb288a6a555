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

from ..addresses import check_site_url, edition_url
from ..errors import AztimelineError, OutputError
from ..paths import project_root
from ..provenance import build_stamp
from ..validate import load_and_validate
from .chrome import finish_edition
from .engines import DEFAULT_ENGINE, ENGINES, run_zensical
from .generate import edition_files, is_download, nav, page_titles, reading_order, titles, write_editions, write_files
from .labels import T
from .output import MARKER, MARKER_TEXT, build_lock, check_output, is_previous_build, make_stage, remove_stale_stages
from .render import CompiledTemplates
from .swap import swap_in


class BuildError(AztimelineError):
    """MkDocs could not build the staged pages."""


def edition_config(
    base: dict[str, Any],
    lang: str,
    docs: Path,
    site_dir: Path,
    order: list[str] | None = None,
    *,
    site_url: str | None = None,
    files: dict[str, bytes] | None = None,
) -> dict[str, Any]:
    """The MkDocs configuration of one edition: the repository's mkdocs.yml with its language and paths.

    site_url (else mkdocs.yml's) is the Dutch edition's address; the English edition lives in its en/ folder.
    files: the edition's docs files in memory (name -> bytes), when MkDocs gets them from there; else the
    pages are read from the docs folder.
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
    if files is None:
        pages, headings = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}, page_titles(docs)
    else:
        pages, headings = {n for n in files if n.endswith(".md")}, titles(files)
    cfg["nav"] = nav(pages, lang, headings, order)
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
            site_dir = stage / "site"
            targets = {"nl": site_dir, "en": site_dir / "en"}
            order = reading_order(validated)
            # Zensical, another program, reads the pages from the stage; MkDocs runs in this process and takes them
            # from memory, without writing them and reading them back.
            if engine == "zensical":
                docs = write_editions(validated, stamp, root / "docs", stage, site_url=site_url)
            else:
                contents = edition_files(validated, stamp, root / "docs", site_url=site_url)
            if "SOURCE_DATE_EPOCH" not in os.environ and stamp["commit_date"]:
                # MkDocs dates the sitemap by the build day; pin it to the data's commit so a commit builds the same bytes.
                os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.fromisoformat(stamp["commit_date"]).timestamp()))
                pinned = True
            if engine == "zensical":
                for lang, target in targets.items():
                    run_zensical(edition_config(base, lang, docs[lang], target, order, site_url=site_url), stage / lang)
                for lang, target in targets.items():
                    extra = stage / lang / "extra"
                    if extra.is_dir():  # moved, not copied: the stage lies beside the output (one disk) and is removed
                        shutil.copytree(extra, target, dirs_exist_ok=True, copy_function=shutil.move)
            else:
                _THEME_FILES.clear()  # the theme's files are listed anew for each build
                for lang, target in targets.items():
                    files = {n: d for n, d in contents[lang].items() if not is_download(n)}
                    docs_dir = stage / lang / "docs"  # MkDocs wants a docs folder; it stays empty
                    docs_dir.mkdir(parents=True)
                    _run_mkdocs(edition_config(base, lang, docs_dir, target, order, site_url=site_url, files=files), stage / lang, files)
                for lang, target in targets.items():
                    write_files({n: d for n, d in contents[lang].items() if is_download(n)}, target)
            for lang, target in targets.items():
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


def _run_mkdocs(config: dict[str, Any], where: Path, files: dict[str, bytes] | None = None) -> None:
    """Build one edition with MkDocs in this process; files (name -> bytes) are its docs, else its docs folder's."""
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
        if files is not None:
            plugin = _docs_in_memory()(files)
            cfg.plugins[plugin.NAME] = plugin
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


def _docs_in_memory() -> Any:
    """The MkDocs plugin class that gives a build its docs from memory (made on first use: MkDocs loads late)."""
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.files import File, Files, set_exclusions

    class DocsInMemory(BasePlugin):
        """The edition's docs as MkDocs would find them in a docs folder holding these files.

        MkDocs lists a docs folder depth-first, folders by name and, within a folder, `index` first, then by
        name; the theme's files are added after the docs, except those the docs have. The build's docs folder
        is empty, so the files it is given are the theme's.
        """

        NAME = "aztimeline-docs"

        def __init__(self, docs: dict[str, bytes]) -> None:
            self._docs = docs

        @event_priority(100)  # before any other plugin looks at the files
        def on_files(self, files: Any, config: Any) -> Any:
            ours = [File.generated(config, name, content=self._docs[name]) for name in sorted(self._docs, key=_walk_order)]
            seen: dict[str, str] = {}
            for f in ours:
                if f.dest_uri in seen:
                    raise BuildError(f"two docs files make the same page {f.dest_uri}: {seen[f.dest_uri]} and {f.src_uri}; remove one")
                seen[f.dest_uri] = f.src_uri
            set_exclusions(ours, config)
            return Files([*ours, *(f for f in files if f.src_uri not in self._docs)])

    return DocsInMemory


def _walk_order(name: str) -> tuple[Any, ...]:
    """Where os.walk of a docs folder (folders sorted by name, depth first) and MkDocs (index before the other
    files of a folder) put this file: each folder level sorts after the files of the folder above it."""
    *folders, base = name.split("/")
    return (*((1, f) for f in folders), (0, base.rsplit(".", 1)[0] not in ("index", "README"), base))
