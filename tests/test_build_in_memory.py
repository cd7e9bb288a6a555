"""MkDocs given the pages from memory builds what it builds from a docs folder holding them."""

from __future__ import annotations

from pathlib import Path

import yaml

from aztimeline.provenance import build_stamp
from aztimeline.site.build import _run_mkdocs, edition_config
from aztimeline.site.generate import edition_files, is_download, reading_order, write_files
from aztimeline.validate import load_and_validate

from .conftest import DATA, ROOT


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_from_memory_build_the_site_a_docs_folder_builds(tmp_path: Path) -> None:
    v = load_and_validate(DATA)
    contents = edition_files(v, build_stamp(DATA), ROOT / "docs")
    base = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    order = reading_order(v)
    for lang in ("nl", "en"):
        files = {n: d for n, d in contents[lang].items() if not is_download(n)}
        # a deeper folder and names that sort around "index", so the order MkDocs lists a folder in is tested too
        files.update({"zz/a/index.md": b"# Deep\n", "zz/0.md": b"# Zero\n", "zz/index.md": b"# Index\n", "zz/b.md": b"# B\n"})
        on_disk, in_memory = tmp_path / lang / "disk", tmp_path / lang / "memory"
        write_files(files, on_disk / "docs")
        (in_memory / "docs").mkdir(parents=True)
        from_disk = edition_config(base, lang, on_disk / "docs", on_disk / "site", order)
        from_memory = edition_config(base, lang, in_memory / "docs", in_memory / "site", order, files=files)
        for config in (from_disk, from_memory):
            config["not_in_nav"] += "\n/zz/"
        _run_mkdocs(from_disk, on_disk)
        _run_mkdocs(from_memory, in_memory, files)
        built = _tree(in_memory / "site")
        assert built == _tree(on_disk / "site")
        assert "zz/a/index.html" in built and "search/search_index.json" in built
