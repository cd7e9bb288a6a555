"""JSON Schemas of the data files, for editors (completion, validation) and for the published API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .models import Amendment, ChangeRecord, Country, Events, Source, Version

DATA_SCHEMAS: dict[str, type[BaseModel]] = {
    "country": Country,
    "source": Source,
    "version": Version,
    "amendment": Amendment,
    "events": Events,
}
API_SCHEMAS: dict[str, type[BaseModel]] = {"change-record": ChangeRecord}


def schema_texts() -> dict[str, str]:
    """File name -> JSON text of each schema, deterministic."""
    out: dict[str, str] = {}
    for name, model in {**DATA_SCHEMAS, **API_SCHEMAS}.items():
        schema: dict[str, Any] = model.model_json_schema(mode="validation")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path, *, check: bool = False) -> list[str]:
    """Write the schemas into folder; with check, write nothing and return the names that differ."""
    stale = []
    for name, text in schema_texts().items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(name)
            if not check:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale
