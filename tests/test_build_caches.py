"""The build's caches (compiled templates, corrections log) give what computing afresh gives, and ignore damage."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jinja2
import pytest
from jinja2 import Environment, FileSystemLoader

from aztimeline.site.render import ENV


def _code(name: str) -> bytes:
    ENV.cache.clear()  # type: ignore[union-attr]
    ENV.bytecode_cache.forget()  # type: ignore[union-attr]  # what this process compiled: read the disk again
    return ENV.get_template(name).root_render_func.__code__.co_code


def test_compiled_templates_from_the_cache_are_the_compiled_templates(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = ENV.list_templates()
    with monkeypatch.context() as m:
        m.setenv("AZTIMELINE_NO_CACHE", "1")
        fresh = {n: _code(n) for n in names}
    assert not cache_home.exists()
    assert {n: _code(n) for n in names} == fresh  # compiled and written
    (folder,) = cache_home.glob("templates-*")
    entries = sorted(folder.iterdir())
    assert len(entries) == len(names)
    assert {n: _code(n) for n in names} == fresh  # read back
    for path in entries:
        path.write_bytes(b"damaged")
    assert {n: _code(n) for n in names} == fresh  # a damaged entry is compiled again
    assert all(path.read_bytes() != b"damaged" for path in entries)
    ENV.cache.clear()  # type: ignore[union-attr]


def _theme_code(env: Environment, names: list[str]) -> dict[str, bytes]:
    return {n: env.get_template(n).root_render_func.__code__.co_code for n in names}


def test_theme_templates_compiled_once_are_what_the_theme_compiles(cache_home: Path) -> None:
    """MkDocs' environments share compiled theme templates: the same code as compiling afresh, never another's."""
    from mkdocs.theme import Theme

    from aztimeline.site.build import THEME_TEMPLATES, _share_compiled_templates

    THEME_TEMPLATES.forget()
    plain = Theme(name="material", locale="nl")
    names = ["main.html", "404.html", "partials/language.html", "partials/header.html", "partials/footer.html"]
    fresh = _theme_code(plain.get_env(), names)
    shared = Theme(name="material", locale="nl")
    _share_compiled_templates(shared)
    first = shared.get_env()
    assert first.bytecode_cache is THEME_TEMPLATES
    assert _theme_code(first, names) == fresh  # compiled, kept in memory and on disk
    (folder,) = cache_home.glob("theme-*")
    assert len(list(folder.iterdir())) >= len(names)
    # A second environment (the other edition, another locale) is given that code instead of compiling it again.
    other = Theme(name="material", locale="en")
    _share_compiled_templates(other)
    compiled: list[str] = []
    second = other.get_env()
    real_compile = second.compile
    second.compile = lambda source, name=None, filename=None, *a, **k: (
        compiled.append(name) or real_compile(source, name, filename, *a, **k)
    )  # type: ignore[method-assign]
    assert _theme_code(second, names) == fresh
    assert compiled == []
    # A later build (a new process) reads the disk; a damaged entry is compiled again.
    THEME_TEMPLATES.forget()
    for path in folder.iterdir():
        path.write_bytes(b"damaged")
    assert _theme_code(shared.get_env(), names) == fresh
    # An environment that compiles differently gets code of its own, never the shared one.
    footer = "partials/footer.html"  # prints values: escaping changes its code
    escaping = Environment(loader=FileSystemLoader(plain.dirs), autoescape=True, bytecode_cache=THEME_TEMPLATES)
    own = Environment(loader=FileSystemLoader(plain.dirs), autoescape=True)
    assert _theme_code(escaping, [footer]) == _theme_code(own, [footer]) != {footer: fresh[footer]}
    THEME_TEMPLATES.forget()


def test_theme_files_are_listed_once_per_build_as_the_theme_lists_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both editions get the theme's own listing of its files; the second is not walked again."""
    import os

    from mkdocs.theme import Theme

    from aztimeline.site import build

    build._THEME_FILES.clear()
    plain = Theme(name="material", locale="nl").get_env().list_templates()
    walked: list[str] = []
    real_walk = os.walk
    monkeypatch.setattr(os, "walk", lambda top, *a, **k: (walked.append(top), real_walk(top, *a, **k))[1])
    listings = []
    for locale in ("nl", "en"):
        theme = Theme(name="material", locale=locale)
        build._share_compiled_templates(theme)
        listings.append(theme.get_env().list_templates())
    assert listings == [plain, plain] and len(plain) > 1000
    assert sorted(walked) == sorted(Theme(name="material", locale="nl").dirs)  # each folder once, for both
    build._THEME_FILES.clear()


def test_the_shipped_python_of_our_templates_is_what_jinja2_generates_now() -> None:
    from aztimeline.site.render import PRECOMPILED, precompiled_text

    assert PRECOMPILED.read_text(encoding="utf-8") == precompiled_text(), (
        "a page template changed: make its Python again with `.venv/bin/python -m aztimeline.site.render`"
    )


def test_a_first_build_compiles_the_shipped_python_of_a_template_only_for_its_own_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aztimeline.site.render import CompiledTemplates, _compile_options

    monkeypatch.setenv("AZTIMELINE_NO_CACHE", "1")  # nothing from a cache folder: only the shipped Python or Jinja2
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "a.j2").write_text("A{{ x }}", encoding="utf-8")

    def env(shipped: Path) -> Environment:
        return Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=CompiledTemplates("t", lambda: "", shipped=shipped))

    def ship(python_of: str, checksum_of: str, **changes: str) -> Path:
        plain = Environment()
        entry = {
            "checksum": hashlib.sha1(checksum_of.encode()).hexdigest(),
            "options": _compile_options(env(tmp_path / "none.json")),
            "python": plain.compile(python_of, "a.j2", raw=True),
        }
        body = {"jinja2": jinja2.__version__, "templates": {"a.j2": {**entry, **changes}}}
        path = tmp_path / f"shipped-{len(list(tmp_path.glob('shipped-*')))}.json"
        path.write_text(json.dumps(body), encoding="utf-8")
        return path

    # Shipped Python that says "S" for the template's own source is what renders: the parse and generation are skipped.
    assert env(ship("S{{ x }}", "A{{ x }}")).get_template("a.j2").render(x=1) == "S1"
    # For another source, other compile options or another Jinja2, Jinja2 compiles the template itself.
    assert env(ship("S{{ x }}", "B{{ x }}")).get_template("a.j2").render(x=1) == "A1"
    assert env(ship("S{{ x }}", "A{{ x }}", options="other")).get_template("a.j2").render(x=1) == "A1"
    other_jinja = ship("S{{ x }}", "A{{ x }}")
    other_jinja.write_text(other_jinja.read_text(encoding="utf-8").replace(jinja2.__version__, "0.0"), encoding="utf-8")
    assert env(other_jinja).get_template("a.j2").render(x=1) == "A1"
    # A damaged file is no shipped Python at all.
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{", encoding="utf-8")
    assert env(damaged).get_template("a.j2").render(x=1) == "A1"
