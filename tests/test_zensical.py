"""`aztimeline build --engine zensical`: the same site with Zensical, Material's successor (the browser suite runs on both)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aztimeline.errors import OutputError
from aztimeline.site.build import build_site
from aztimeline.site.engines import EngineError, run_zensical, warnings_of, zensical_executable

from .conftest import DATA, ROOT


def _need_zensical() -> None:
    if zensical_executable() is None:
        if os.environ.get("AZTIMELINE_REQUIRE_TOOLS"):
            pytest.fail("zensical not found, and AZTIMELINE_REQUIRE_TOOLS is set")
        pytest.skip("zensical is not installed (pip install -r requirements.lock)")


def test_both_editions_build_with_zensical(zensical_site):
    out = zensical_site
    page = (out / "changes/az-2020-11-18.lgbti/index.html").read_text(encoding="utf-8")
    assert "Wel zie ik aanleiding om bij de beoordeling van de asielaanvraag" in page
    assert '<html lang="nl"' in page
    assert '<html lang="en"' in (out / "en/changes/az-2020-11-18.lgbti/index.html").read_text(encoding="utf-8")
    assert (out / "sources/kamerbrief-2020-11-18/index.html").is_file()
    assert (out / "downloads/aztimeline-az-2020-11-18-nl.docx").is_file()  # copied in after the engine ran
    assert (out / "en/downloads/aztimeline-az-2020-11-18-en.xlsx").is_file()
    assert (out / "api/periods.json").is_file()
    # Links come out as MkDocs writes them: relative to the page's address, never one level too far up.
    en = (out / "en/changes/az-2020-11-18.lgbti/index.html").read_text(encoding="utf-8")
    assert 'href="../../sources/kamerbrief-2020-11-18/#p' in en
    assert 'href="../../../sources/' not in en
    assert 'href="aztimeline-az-2020-11-18-nl.md"' in (out / "downloads/index.html").read_text(encoding="utf-8")


def _project(tmp_path: Path, text: str) -> tuple[dict[str, object], Path]:
    where = tmp_path / "nl"
    (where / "docs").mkdir(parents=True)
    (where / "docs/index.md").write_text("# Start\n\nSee [the downloads](downloads.md).\n", encoding="utf-8")
    (where / "docs/downloads.md").write_text(text, encoding="utf-8")
    cfg = {
        "site_name": "t",
        "docs_dir": str(where / "docs"),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "material", "font": False},
    }
    return cfg, where


def test_a_broken_link_fails_the_zensical_build(tmp_path):
    _need_zensical()
    cfg, where = _project(tmp_path, "# Downloads\n\nSee [a page that is not there](missing.md).\n")
    (where / "docs/index.md").write_text("# Start\n\n[gone](gone.md)\n", encoding="utf-8")
    with pytest.raises(EngineError, match="index.md:3"):
        run_zensical(cfg, where)


def test_links_to_downloads_added_after_the_build_are_accepted(tmp_path):
    _need_zensical()
    cfg, where = _project(tmp_path, '# Downloads\n\n<a href="memo.md" download>memo.md</a>\n')
    run_zensical(cfg, where)
    assert (tmp_path / "site/downloads/index.html").is_file()


def test_warnings_are_read_with_their_place():
    out = "Build started\nWarning: page does not exist\n    ╭─[ downloads.md:15:14 ]\n    │\nError: bad thing\n1 issue found\n"
    assert warnings_of(out) == ["downloads.md:15:14: page does not exist", "bad thing"]


def test_an_unknown_engine_is_refused(tmp_path):
    with pytest.raises(OutputError, match="unknown engine 'hugo'"):
        build_site(DATA, tmp_path / "site", root=ROOT, engine="hugo")
