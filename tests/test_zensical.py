"""The generated pages also build with Zensical, Material's successor (runs only where zensical is installed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from aztimeline.provenance import build_stamp
from aztimeline.site.build import edition_config
from aztimeline.site.generate import reading_order, write_editions
from aztimeline.validate import load_and_validate

from .conftest import DATA, ROOT


def _zensical() -> str | None:
    local = Path(sys.executable).with_name("zensical")
    return str(local) if local.exists() else shutil.which("zensical") or os.environ.get("AZTIMELINE_ZENSICAL")


@pytest.mark.skipif(_zensical() is None, reason="zensical is not installed (pip install zensical to run this test)")
def test_dutch_edition_builds_with_zensical(tmp_path):
    v = load_and_validate(DATA)
    docs = write_editions(v, build_stamp(DATA), ROOT / "docs", tmp_path)
    cfg = edition_config(yaml.safe_load((ROOT / "mkdocs.yml").read_text()), "nl", docs["nl"], tmp_path / "zsite", reading_order(v))
    cfg["docs_dir"], cfg["site_dir"] = "nl/docs", "zsite"  # Zensical wants paths relative to its config file
    cfg["strict"] = False  # downloads are copied in after the build, so their links are unknown to it
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = subprocess.run([_zensical(), "build", "-f", "mkdocs.yml"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    page = (tmp_path / "zsite/changes/az-2020-11-18.lgbti/index.html").read_text(encoding="utf-8")
    assert "Wel zie ik aanleiding om bij de beoordeling van de asielaanvraag" in page
    assert (tmp_path / "zsite/sources/kamerbrief-2020-11-18/index.html").is_file()
