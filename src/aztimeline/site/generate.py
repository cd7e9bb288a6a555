"""Generate the site's Markdown pages from validated data (placeholder until the site issue lands)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..validate import Validated
from .html import esc


def generate_pages(v: Validated, docs: Path, stamp: dict[str, Any]) -> None:
    """Write the generated pages into the staged docs folder."""
    lines = ["# Wijzigingen", ""]
    for aid, recs in v.changes.items():
        lines.append(f"## {esc(aid)}")
        for r in recs:
            lines.append(f"- {esc(r.title_nl)} ({r.kind})")
    (docs / "wijzigingen.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
