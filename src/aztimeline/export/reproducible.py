"""Make Office files byte-identical for the same data, and free of the template's leftovers."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_CORE_TIME = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:(created|modified)>)")
_THUMBNAIL_REL = re.compile(rb"<Relationship [^>]*Target=\"docProps/thumbnail\.jpeg\"/>")
_APP = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>aztimeline</Application><DocSecurity>0</DocSecurity></Properties>"
)


def stamp_time(provenance: dict[str, Any]) -> dt.datetime:
    """The time written into documents: the day the provenance names, at midnight UTC."""
    day = dt.date.fromisoformat(provenance["made"])
    return dt.datetime(max(day.year, 1980), day.month, day.day)


def normalise_zip(path: Path, when: dt.datetime, **_: Any) -> None:
    """Rewrite a zip so every entry has the same time and the core properties carry `when` (see `write_zip`)."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    tmp = path.with_suffix(path.suffix + ".norm")
    write_zip(tmp, entries, when)
    tmp.replace(path)


def write_zip(path: Path, entries: Iterable[tuple[str, bytes]], when: dt.datetime) -> None:
    """Write the entries (name, bytes), in order, as a zip where every entry has the same time and the core
    properties carry `when`.

    The template's extended properties (its application, template name, company) and its thumbnail of an
    empty page are replaced by aztimeline's own: a reader sees only what this export set.
    """
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/thumbnail.jpeg":
                continue
            if name == "docProps/core.xml":
                data = _CORE_TIME.sub(lambda m: m.group(1) + iso + m.group(3), data)
            elif name == "docProps/app.xml":
                data = _APP
            elif name == "_rels/.rels":
                data = _THUMBNAIL_REL.sub(b"", data)
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
