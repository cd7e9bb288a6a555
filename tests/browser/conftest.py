"""Playwright with Debian's Chromium against the built site, served on 127.0.0.1.

Locally a missing browser skips these tests; with AZTIMELINE_REQUIRE_TOOLS=1 (set by .ci/run) it fails them.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ..conftest import build_injected, shared_build

CHROMIUM = os.environ.get("AZTIMELINE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # no connections of Chromium's own on this closed network (they are refused, or hang where packets are dropped)
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def require(tool: str, found: bool) -> None:
    """Skip when a tool is missing, unless CI requires every tool: then fail."""
    if found:
        return
    if os.environ.get("AZTIMELINE_REQUIRE_TOOLS"):
        pytest.fail(f"{tool} not found, and AZTIMELINE_REQUIRE_TOOLS is set")
    pytest.skip(f"{tool} not found")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(root: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


ENGINES = ("material", "zensical")
"""The site engines (`aztimeline build --engine`). Every browser test runs on the Material build; a smoke subset,
marked `zensical`, also on the Zensical build: what the engines do differently (search, links, downloads, scripts,
accessibility of the theme), not every check of the same generated pages again."""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        mark = metafunc.definition.get_closest_marker("zensical")
        engines = ENGINES[:1] if mark is None else ENGINES[1:] if mark.kwargs.get("only") else ENGINES
        metafunc.parametrize("engine", engines, indirect=True, scope="session")


@pytest.fixture(scope="session")
def engine(request: pytest.FixtureRequest) -> str:
    """The site engine of this run of the test; Zensical counts as a required tool in CI."""
    if request.param == "zensical":
        from aztimeline.site.engines import zensical_executable

        require("zensical", zensical_executable() is not None)
    return str(request.param)


@pytest.fixture(scope="session")
def site_url(engine: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """The repository's data, built with the engine of this run (once per test run) and served on 127.0.0.1."""
    yield from _serve(Path(request.getfixturevalue("built_site" if engine == "material" else "zensical_site")))


@pytest.fixture(scope="session")
def injected_url(engine: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Data with markup and scripts in its text, built with the engine of this run and served on 127.0.0.1."""
    if engine == "material":
        yield from _serve(Path(request.getfixturevalue("injected_site")))
    else:
        yield from _serve(shared_build(tmp_path_factory, f"injected-{engine}", build_injected(engine)) / "site")


@pytest.fixture(scope="session")
def browser():
    require("chromium", Path(CHROMIUM).exists() or shutil.which("chromium") is not None)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watch:
    """What a page did that it should not: requests off this machine, console errors, dialogs."""

    def __init__(self) -> None:
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []


VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def _tab(browser):
    """One browser tab per worker, reused by its tests (see `page`)."""
    context = browser.new_context(viewport=VIEWPORT)
    yield [context.new_page()]
    context.close()


@pytest.fixture
def page(_tab):
    """A page as a visitor opens it: 1280 x 900 px on a screen, with nothing left by an earlier test.

    The tab is reused, because a new one costs a new renderer process: about 0.25 s and twice that in processor
    time, over some 400 tests. So every test starts and ends on about:blank, and what a page can leave behind is
    undone after it: its size, print emulation, local and session storage, and cookies."""
    if _tab[0].is_closed():
        _tab[0] = _tab[0].context.new_page()
    pg = _tab[0]
    pg.set_viewport_size(VIEWPORT)
    watch = Watch()

    def on_request(req):
        host = req.url.split("/")[2] if "://" in req.url else ""
        if req.url.startswith(("data:", "blob:")):
            return
        if not host.startswith("127.0.0.1"):
            watch.external.append(req.url)

    def on_dialog(d):
        watch.dialogs.append(d.message)
        d.dismiss()

    listeners = {
        "request": on_request,
        "console": lambda m: watch.errors.append(m.text) if m.type == "error" else None,
        "pageerror": lambda e: watch.errors.append(str(e)),
        "dialog": on_dialog,
    }
    for event, listener in listeners.items():
        pg.on(event, listener)
    pg.watch = watch
    yield pg
    if not pg.is_closed():
        for event, listener in listeners.items():  # as closing a context did, leaving the page is not watched
            pg.remove_listener(event, listener)
        if pg.url.startswith("http"):
            pg.wait_for_load_state()  # a navigation the test started may still be under way
            pg.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        pg.goto("about:blank")  # the next test's first visit loads its page afresh, even at the same address
        pg.emulate_media(media="null")
        pg.context.clear_cookies()
    assert watch.external == [], f"requests to other hosts: {watch.external}"
    assert watch.errors == [], f"console errors: {watch.errors}"
    assert watch.dialogs == [], f"dialogs opened: {watch.dialogs}"
