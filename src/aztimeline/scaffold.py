"""Scaffold the next version for a new letter: a source with its raw text, a version and an amendment."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from . import atomic
from .datafiles import MAX_TEXT_BYTES, read_regular, shown_path
from .dates import long_date
from .errors import OutputError, UsageError
from .load import PAGE_NAMES
from .source import sha256_hex
from .textrules import blank, for_terminal, forbidden_char, forbidden_in_raw
from .validate import load_and_validate


class _Dumper(yaml.SafeDumper):
    """Writes repeated values out in full: our loader refuses YAML aliases. A long text is folded (>-), as the data's
    own files write it: a quoted value run over lines was harder to edit, and a slip elsewhere in the file was then
    reported as a quote left open there (an editor's read)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def represent_str(self, data: str) -> yaml.ScalarNode:
        style = ">" if len(data) > 80 and "\n" not in data and data == data.strip() else None
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _Dumper.represent_str)


def _dump(kind: str, data: dict[str, Any], comment: str) -> bytes:
    """A data file of a country's folder (three folders below the schemas), with the schema header and a comment."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=118)
    return f"# yaml-language-server: $schema=../../../schemas/{kind}.schema.json\n{comment}{text}".encode()


def _slug(text: str) -> str:
    """A source id made of a file name: lowercase letters, digits and '-', 2 to 60 characters (ids need at least
    two: a letter saved as l.txt would otherwise get the id 'l', which the data refuses), and not a page's name
    (index.txt gave the id 'index', which the data refuses too: an outside tester)."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
    return s if len(s) >= 2 and s not in PAGE_NAMES else f"source-{s}" if s else "source"


def _as_received(name: str) -> str:
    """A file name as the data records it: a byte that is not UTF-8, a control or a bidirectional character is
    written as its escape (\\xe9, \\x1b, \\u202e), so the record holds only text the data's rules allow."""
    return for_terminal(os.fsencode(name).decode("utf-8", "backslashreplace"))


def read_letter(source_file: Path) -> bytes:
    """The bytes of a letter given to new-version, held to the rules of a raw source text; UsageError when they fail.

    Never blocks or reads without end: a FIFO or a device is refused before it is opened, and no more than the
    limit for a raw text is read, whatever the file claims.
    """
    try:
        st = os.stat(source_file)
    except FileNotFoundError:
        raise UsageError(f"source file {source_file} not found") from None
    except OSError as exc:
        raise UsageError(f"cannot read the source file {source_file}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):  # a folder, a pipe (would block) or a device (/dev/zero never ends)
        raise UsageError(f"source file {source_file} is not a regular file; give the letter as a UTF-8 text file")
    if st.st_size > MAX_TEXT_BYTES:
        raise UsageError(f"source file {source_file} is {st.st_size} bytes, over the limit of {MAX_TEXT_BYTES} for a raw text")
    try:
        raw = read_regular(source_file, MAX_TEXT_BYTES)
    except OSError as exc:
        raise UsageError(f"cannot read the source file {source_file}: {exc.strerror or exc}") from None
    if len(raw) > MAX_TEXT_BYTES:
        raise UsageError(f"source file {source_file} is more than {MAX_TEXT_BYTES} bytes, the limit for a raw text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{source_file} is not UTF-8 text; convert it once, then run new-version again") from None
    bad = forbidden_in_raw(text)
    if bad is not None:
        line, column, what = bad
        raise UsageError(f"{source_file}:{line}: the letter contains, at column {column}, {what}; a source text may not hold it: remove it")
    return raw


def new_version(data_dir: Path, version_from: str, source_file: Path, day: dt.date) -> list[Path]:
    """Write the files for the next version and return them. Nothing is written when anything is wrong. day is one
    the data can hold: the command line's parse_date refuses any other before this is called."""
    raw = read_letter(source_file)
    v = load_and_validate(data_dir)
    cd = next((c for c in v.dataset.countries.values() if version_from in c.versions), None)
    if cd is None:
        known = sorted(x for c in v.dataset.countries.values() for x in c.versions)
        raise UsageError(f"unknown version {version_from!r}; known versions: {', '.join(known)}")
    if any(a.version_from == version_from for a in cd.amendments.values()):
        raise UsageError(f"{version_from} already has a next version; start from the latest version")
    prev = cd.versions[version_from]
    start = prev.effective_from
    if isinstance(start, dt.date) and day <= start:
        raise UsageError(f"{day} is not after the start of {version_from} ({start}); give the date of the new letter")
    folder = Path(shown_path(data_dir / cd.country.id))  # the same files, named in messages as the user sees them
    prefix = version_from.split("-")[0] if re.match(r"^[a-z]+-", version_from) else cd.country.id
    vid = f"{prefix}-{day.isoformat()}"
    sid = _slug(source_file.stem)
    raw_name = f"{sid}.txt"
    paths = {
        "source": folder / "sources" / f"{sid}.yaml",
        "raw": folder / "sources" / raw_name,
        "version": folder / "versions" / f"{vid}.yaml",
        "amendment": folder / "amendments" / f"{vid}.yaml",
    }
    for p in paths.values():
        if os.path.lexists(p):
            raise UsageError(f"{p} already exists; remove it or choose another date or file name")
    source = {
        "id": sid,
        "kind": "other",
        "title": source_file.stem if forbidden_char(source_file.stem) is None and not blank(source_file.stem) else sid,
        "date": day,
        **dict.fromkeys(("kenmerk", "kamerstuk", "sender", "signatory", "addressee", "subject"), "unknown"),
        "language": "nl",
        "raw_file": raw_name,
        "sha256": sha256_hex(raw),
        "received_as": f"{_as_received(source_file.name)}, stored byte for byte by aztimeline new-version",
        "furniture": [],
        "metadata_evidence": {},
        "discrepancies": [],
    }
    version = prev.model_dump(mode="python", exclude_none=True, exclude={"note_nl", "note_en"})  # dates stay dates, written unquoted
    for provision in version["provisions"].values():  # a fact about the previous Vc text does not place the new one
        provision["placement"] = {"basis": "ours"}
    version.update(
        {
            "id": vid,
            "title_nl": f"Beleid na de brief van {long_date(day, 'nl')}",  # the date written out, as every page writes it
            "title_en": f"Policy after the letter of {long_date(day, 'en')}",
            "effective_from": day,
            "effective_from_basis": "announced",
            "milestones": {
                "announced": {"date": day},
                "signed": {"date": "unknown"},
                "published": {"date": "unknown"},
                "in_force": {"date": "unknown"},
            },
        }
    )
    amendment = {
        "id": vid,
        "version_from": version_from,
        "version_to": vid,
        "instrument": sid,
        "announced": day,
        "justifications": {},
        "kept": {},
    }
    files = {
        paths["raw"]: raw,
        paths["source"]: _dump(
            "source",
            source,
            "# Fill in kind and title (the letter's subject line, such as Landenbeleid Azerbeidzjan; the file's name stands\n"
            "# there now), then kenmerk, sender, signatory, addressee and subject from the letterhead, with metadata_evidence\n"
            "# quotes; list page furniture (letterhead, running headers, signature) so that body paragraphs are p1..pn.\n"
            f"# See the paragraph view with: aztimeline paragraphs {sid}\n",
        ),
        paths["version"]: _dump(
            "version",
            version,
            f"# A copy of {version_from}, with no placement established: only a fact about this version's Vc text places one.\n"
            "# Edit what the letter changes; cite it for milestones.announced and for every new or changed provision.\n",
        ),
        paths["amendment"]: _dump(
            "amendment",
            amendment,
            "# For every provision that changes, add justifications.<provision id>: a list of {source, anchor, quote}.\n"
            "# Elements the letter explicitly keeps go under kept.\n",
        ),
    }
    try:
        atomic.write_bytes(files, force=False, what="aztimeline new-version writes")
    except OutputError as exc:
        raise UsageError(f"could not write the new files: {exc}") from None
    return list(files)
