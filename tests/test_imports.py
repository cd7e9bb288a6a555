"""The import graph of aztimeline (read by grimp, imports inside functions included): no loops, and every module
imports only from its own layer or the layers below it."""

from __future__ import annotations

import os
import subprocess
import sys

import grimp
import pytest

from .conftest import ROOT

LAYERS = (
    # from the top down; modules of one layer may import each other (no loop), never a layer above
    ("__main__",),
    ("cli",),
    ("site", "serve"),
    ("export",),
    ("corrections", "scaffold"),
    ("validate",),
    ("timeline", "diff", "asoftable"),
    ("precision",),
    ("load",),
    ("source", "yamlload", "schema", "provenance"),
    ("models", "exportdoc"),
    ("errors", "paths", "addresses", "textrules", "dates", "cache", "answer", "atomic", "clock", "datafiles", "messages"),
)
"""The whole package: `python -m aztimeline` and the command line on top, the site and the exports on the validated data, git access beside the
parsers (the corrections log, which validates old commits, above validation), and small shared modules at the bottom
(errors, paths, addresses, text rules, dates, the cache's file handling, the as-of answer's filling, the atomic
writer, the clock, the pass over the data folder, the message catalogues' reader)."""

SITE_LAYERS = (
    ("build",),
    ("engines", "mkdocs_engine"),
    ("generate",),
    ("pages",),
    ("views",),
    ("chrome", "svg"),
    ("context",),
    ("render",),
    ("output", "swap"),
    ("html", "labels"),
)
"""Within the site: the build runs an engine on what generate made from the page views; views and pages see the
data through context; render (Jinja2) and escaping (html) are below everything that prints."""


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("aztimeline")


def _layered(graph: grimp.ImportGraph, container: str, layers: tuple[tuple[str, ...], ...]) -> list[str]:
    """Modules directly in container that no layer names (a new module must be given its place)."""
    named = {f"{container}.{m}" for layer in layers for m in layer}
    children = {m for m in graph.modules if m.startswith(container + ".") and m.count(".") == container.count(".") + 1}
    return sorted(children - named)


@pytest.mark.parametrize("container, layers", [("aztimeline", LAYERS), ("aztimeline.site", SITE_LAYERS)])
def test_nothing_imports_a_layer_above_its_own(graph: grimp.ImportGraph, container: str, layers: tuple[tuple[str, ...], ...]) -> None:
    assert _layered(graph, container, layers) == []
    found = graph.find_illegal_dependencies_for_layers(
        layers=[grimp.Layer(*layer, independent=False) for layer in layers], containers={container}
    )
    upward = sorted(" -> ".join(["|".join(sorted(r.heads)), *r.middle, "|".join(sorted(r.tails))]) for d in found for r in d.routes)
    assert upward == []


def test_no_import_loops(graph: grimp.ImportGraph) -> None:
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    assert _loops(edges) == []


def _loops(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected sets of more than one module (Tarjan), each sorted: the import loops."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(loops)


def test_the_loop_finder_finds_a_loop() -> None:
    assert _loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _loops({"a": {"b"}, "b": set()}) == []


def test_the_layer_check_finds_an_upward_import(graph: grimp.ImportGraph) -> None:
    """models imports addresses: with addresses put above models, that import is what the check reports."""
    found = graph.find_illegal_dependencies_for_layers(layers=[grimp.Layer("addresses"), grimp.Layer("models")], containers={"aztimeline"})
    assert [(d.importer, d.imported) for d in found] == [("aztimeline.models", "aztimeline.addresses")]


def test_validate_asof_and_export_load_neither_deepdiff_nor_the_site(tmp_path) -> None:
    """deepdiff replays our diff in the tests only (tests/test_diff.py); MkDocs, Jinja2, the build's lock and the
    site's modules load for `build` only."""
    code = (
        "import sys, io, contextlib\n"
        "from aztimeline.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(sys.argv[1:] + ['--data', {str(ROOT / 'policy_versions')!r}]) == 0\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for args in (["validate"], ["asof", "2020-12-01"], ["export", "--format", "md", "--output", str(tmp_path / "m.md")]):
        out = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout.split()
        assert [m for m in out if m.split(".")[0] in ("deepdiff", "mkdocs", "material", "jinja2", "filelock")] == [], args
        assert [m for m in out if m.startswith("aztimeline.site")] == [], args  # an export's path checks are in paths
