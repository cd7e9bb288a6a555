"""Make Office files byte-identical for the same data, and free of the template's leftovers."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
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


def write_zip(
    path: Path, entries: Iterable[tuple[str, bytes]], when: dt.datetime, packed: Mapping[str, tuple[bytes, int, bytes]] | None = None
) -> None:
    """Write the entries (name, bytes), in order, as a zip where every entry has the same time and the core
    properties carry `when`.

    The template's extended properties (its application, template name, company) and its thumbnail of an
    empty page are replaced by aztimeline's own: a reader sees only what this export set.

    The file is the one `zipfile` writes for these entries (deflated at the default level, one piece each, no
    extra fields, mode 644; a test holds the two side by side), written here so that an entry compressed
    before can be copied: `packed` maps a name to (data, CRC-32, compressed data), see `pack`, and an entry
    with that name and exactly that data is not compressed again.
    """
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    y, mo, d, h, mi, sec = when.timetuple()[:6]
    dosdate, dostime = (y - 1980) << 9 | mo << 5 | d, h << 11 | mi << 5 | sec // 2
    info = zipfile.ZipInfo()  # zipfile's version numbers and system, as it writes them on this platform
    out = bytearray()
    central = bytearray()
    count = 0
    for name, data in entries:
        norm = _normalised(name, data, iso)
        if norm is None:
            continue
        hit = (packed or {}).get(name)
        crc, comp = hit[1:] if hit is not None and (hit[0] is norm or hit[0] == norm) else deflate(norm)
        fname, flags = (name.encode("utf-8"), 0x800) if not name.isascii() else (name.encode("ascii"), 0)  # as zipfile
        fixed = (flags, zipfile.ZIP_DEFLATED, dostime, dosdate, crc, len(comp), len(norm), len(fname))
        central += _CENTRAL.pack(b"PK\x01\x02", info.create_version, info.create_system, info.extract_version, 0, *fixed, 0, 0, 0, 0)
        central += _ATTR.pack(0o644 << 16, len(out)) + fname
        out += _LOCAL.pack(b"PK\x03\x04", info.extract_version, 0, *fixed, 0) + fname + comp
        count += 1
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))


_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H")  # zipfile's structCentralDir, up to the internal attributes
_ATTR = struct.Struct("<2L")  # ... and its external attributes and header offset
_END = struct.Struct("<4s4H2LH")  # zipfile's structEndArchive


def deflate(data: bytes) -> tuple[int, bytes]:
    """CRC-32 and the compressed data of one entry, as zipfile compresses it: raw deflate, default level, one piece."""
    c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(data), c.compress(data) + c.flush()


def pack(entries: Iterable[tuple[str, bytes]]) -> dict[str, tuple[bytes, int, bytes]]:
    """Entries compressed ahead for `write_zip` to copy: (data as written, CRC-32, compressed data) by name.

    The core properties are left out: they carry the time of each export.
    """
    out = {}
    for name, data in entries:
        norm = None if name == "docProps/core.xml" else _normalised(name, data, b"")
        if norm is not None:
            out[name] = (norm, *deflate(norm))
    return out


def _normalised(name: str, data: bytes, iso: bytes) -> bytes | None:
    """An entry's data as the file holds it, None to leave it out."""
    if name == "docProps/thumbnail.jpeg":
        return None
    if name == "docProps/core.xml":
        return _CORE_TIME.sub(lambda m: m.group(1) + iso + m.group(3), data)
    if name == "docProps/app.xml":
        return _APP
    if name == "_rels/.rels":
        return _THUMBNAIL_REL.sub(b"", data)
    return data
