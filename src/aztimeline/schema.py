"""JSON Schemas of the data files, for editors (completion, validation) and for the published API."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import atomic
from .datafiles import read_regular
from .models import Amendment, ChangeRecord, Country, Events, Source, Version

DATA_SCHEMAS: dict[str, type[BaseModel]] = {
    "country": Country,
    "source": Source,
    "version": Version,
    "amendment": Amendment,
    "events": Events,
}
API_SCHEMAS: dict[str, type[BaseModel]] = {"change-record": ChangeRecord}
EXPORT_SCHEMA = Path(__file__).parent / "export" / "export.schema.json"
"""The export's schema as written by hand; schema_texts bundles the change record's schema into it."""


def schema_texts() -> dict[str, str]:
    """File name -> JSON text of each schema, deterministic."""
    out: dict[str, str] = {}
    for name, model in {**DATA_SCHEMAS, **API_SCHEMAS}.items():
        schema: dict[str, Any] = model.model_json_schema(mode="validation")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    export = _bundled(json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8")), json.loads(out["change-record.schema.json"]))
    out["export.schema.json"] = json.dumps(export, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def _bundled(schema: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """The export schema with the change record's schema in its own $defs (as ChangeRecord, with the record's
    definitions beside it), so it validates with no other file: every "change-record.schema.json" reference
    becomes "#/$defs/ChangeRecord"."""
    defs = schema.setdefault("$defs", {})
    record = {k: v for k, v in record.items() if k not in ("$schema", "$id")}
    for name, sub in record.pop("$defs", {}).items():
        if name in defs:
            raise ValueError(f"the export schema and the change record's schema both define {name!r}")
        defs[name] = sub
    defs["ChangeRecord"] = record

    def point(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: ("#/$defs/ChangeRecord" if k == "$ref" and v == "change-record.schema.json" else point(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [point(x) for x in node]
        return node

    return dict(point(schema))


def write_schemas(folder: Path, *, check: bool = False, force: bool = False) -> list[str]:
    """Write the schemas that differ into folder and return their names; with check, write nothing.

    A schema file that exists with other content is replaced only with force; a symbolic link, a FIFO or anything
    else that is not a regular file in its place is refused (see atomic.py), and never read.
    """
    stale = [name for name, text in schema_texts().items() if _current(folder / name) != text.encode("utf-8")]
    if stale and not check:
        os.makedirs(folder, exist_ok=True)
        texts = schema_texts()
        atomic.write_bytes({folder / name: texts[name].encode("utf-8") for name in stale}, force=force, what="aztimeline schema writes")
    return stale


def _current(path: Path) -> bytes | None:
    """The bytes of a schema file when it is a regular file (not a link) of a schema's size; None otherwise."""
    try:
        st = os.lstat(path)
        return read_regular(path, 1_000_000, follow=False) if stat.S_ISREG(st.st_mode) and st.st_size <= 1_000_000 else None
    except OSError:
        return None
