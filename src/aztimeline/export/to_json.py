"""The public change-record contract, with a provenance header object."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..validate import Validated
from . import Selection


def render_json(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any]) -> str:
    doc = {
        "provenance": provenance | {"selection": sel.description_nl if lang == "nl" else sel.description_en, "lang": lang},
        "changes": [r.model_dump(mode="json") for r in sel.records],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write(v: Validated, sel: Selection, lang: str, provenance: dict[str, Any], path: Path) -> None:
    path.write_text(render_json(v, sel, lang, provenance), encoding="utf-8", newline="\n")
