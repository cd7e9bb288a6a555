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
from .exportdoc import ExportDocument
from .models import Amendment, ChangeRecord, Country, Events, Source, Version

DATA_SCHEMAS: dict[str, type[BaseModel]] = {
    "country": Country,
    "source": Source,
    "version": Version,
    "amendment": Amendment,
    "events": Events,
}
API_SCHEMAS: dict[str, type[BaseModel]] = {"change-record": ChangeRecord, "export": ExportDocument}


def schema_texts() -> dict[str, str]:
    """File name -> JSON text of each schema, deterministic."""
    out: dict[str, str] = {}
    for name, model in {**DATA_SCHEMAS, **API_SCHEMAS}.items():
        schema: dict[str, Any] = model.model_json_schema(mode="validation")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path, *, check: bool = False, force: bool = False) -> list[str]:
    """Write the schemas that differ into folder and return their names; with check, write nothing.

    A schema file that exists with other content is replaced only with force; a symbolic link, a FIFO or anything
    else that is not a regular file in its place is refused (see atomic.py), and never read.
    """
    wanted = {name: text.encode("utf-8") for name, text in schema_texts().items()}
    stale = [name for name, data in wanted.items() if _current(folder / name) != data]
    if stale and not check:
        os.makedirs(folder, exist_ok=True)
        atomic.write_bytes({folder / name: wanted[name] for name in stale}, force=force, what="aztimeline schema writes")
    return stale


def _current(path: Path) -> bytes | None:
    """The bytes of a schema file when it is a regular file (not a link) of a schema's size; None otherwise."""
    try:
        st = os.lstat(path)
        return read_regular(path, 1_000_000, follow=False) if stat.S_ISREG(st.st_mode) and st.st_size <= 1_000_000 else None
    except OSError:
        return None
