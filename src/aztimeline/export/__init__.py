"""Exports of change summaries: selection, provenance, and one writer module per format."""

from __future__ import annotations

import datetime as dt
import importlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import atomic
from ..answer import group_choices
from ..errors import OutputError, UsageError
from ..models import ChangeRecord
from ..validate import Validated

FORMATS = ("md", "csv", "json", "docx", "xlsx")


@dataclass
class Selection:
    """What an export covers: the change records chosen, and how they were chosen (for the reader)."""

    records: list[ChangeRecord]
    description_nl: str
    description_en: str
    transitions: list[str]
    group: str | None = None


def select_changes(
    v: Validated,
    *,
    version_from: str | None = None,
    version_to: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    group: str | None = None,
) -> Selection:
    """Choose change records by a pair of versions, or by a date range on the announcement date; default all.

    A group narrows any of these to the changes concerning that group, with the rules that apply to everyone.
    """
    all_versions = {vid for cd in v.dataset.countries.values() for vid in cd.versions}
    problems = []  # every problem of the selection, one line each, in one run
    if (version_from is None) != (version_to is None):
        problems.append("give both --from VERSION and --to VERSION, or neither")
    if version_from is not None and (since or until):
        problems.append("choose by versions (--from/--to) or by dates (--since/--until), not both")
    for option, name in (("--from", version_from), ("--to", version_to)):
        if name is not None and name not in all_versions:
            problems.append(f"{option}: unknown version {name!r}; known versions: {', '.join(sorted(all_versions))}")
    if problems:
        raise UsageError(*problems)
    transitions = list(v.changes)
    if version_from is not None and version_to is not None:
        transitions = _path_between(v, version_from, version_to)
        recs = [r for aid in transitions for r in v.changes[aid]]
        desc_nl = f"wijzigingen van versie {version_from} tot versie {version_to}"
        desc_en = f"changes from version {version_from} to version {version_to}"
    else:
        if since and until and since > until:
            raise UsageError(f"--since {since} is after --until {until}; swap them")
        recs = [
            r
            for aid in transitions
            for r in v.changes[aid]
            if (since is None or r.announced >= since) and (until is None or r.announced <= until)
        ]
        transitions = sorted({r.transition for r in recs}, key=transitions.index)
        if since and until:
            desc_nl = f"wijzigingen aangekondigd van {since.isoformat()} tot en met {until.isoformat()}"
            desc_en = f"changes announced from {since.isoformat()} to {until.isoformat()} inclusive"
        elif since:
            desc_nl, desc_en = f"wijzigingen aangekondigd op of na {since.isoformat()}", f"changes announced on or after {since.isoformat()}"
        elif until:
            desc_nl, desc_en = f"wijzigingen aangekondigd op of voor {until.isoformat()}", f"changes announced on or before {until.isoformat()}"
        else:
            desc_nl, desc_en = "alle wijzigingen", "all changes"
    if group is not None:
        recs, desc_nl, desc_en, group = _by_group(v, recs, group, desc_nl, desc_en)
    if not recs:
        raise UsageError(f"no changes in the selection ({desc_en}); nothing was written")
    return Selection(recs, desc_nl, desc_en, transitions, group)


def _by_group(v: Validated, recs: list[ChangeRecord], group: str, desc_nl: str, desc_en: str) -> tuple[list[ChangeRecord], str, str, str]:
    """The records concerning a group given by its id or by its Dutch or English label, in any case (lgbti,
    LHBTI, "LGBTI persons"), with the rules for everyone; the descriptions; and the group's id."""
    vocab = {g.id: g for cd in v.dataset.countries.values() for g in cd.country.groups}
    wanted_name = " ".join(group.split()).casefold()
    g = next((g for g in vocab.values() if wanted_name in {g.id.casefold(), g.label_nl.casefold(), g.label_en.casefold()}), None)
    if g is None:
        known = group_choices([{"id": g.id, "label_nl": g.label_nl} for g in vocab.values()]) or "none recorded"
        raise UsageError(f"unknown group {group!r}; give a group id or its label in Dutch or English: {known}")
    chosen = [r for r in recs if {g.id, "everyone"} & set(r.groups)]
    if g.id == "everyone":
        return chosen, f"{desc_nl}, voor iedereen", f"{desc_en}, for everyone", g.id
    return (
        chosen,
        f"{desc_nl}, voor de groep \u2018{g.label_nl}\u2019 (met de regels voor iedereen)",
        f"{desc_en}, for the group \u2018{g.label_en}\u2019 (with the rules for everyone)",
        g.id,
    )


def _path_between(v: Validated, a: str, b: str) -> list[str]:
    for cd in v.dataset.countries.values():
        if a in cd.versions and b in cd.versions:
            order = [aid for aid in v.changes if aid in cd.amendments]
            froms = [cd.amendments[aid].version_from for aid in order]
            tos = [cd.amendments[aid].version_to for aid in order]
            if a in froms and b in tos and froms.index(a) <= tos.index(b):
                return order[froms.index(a) : tos.index(b) + 1]
            raise UsageError(f"version {a} does not come before version {b}; give the earlier version to --from")
    raise UsageError(f"versions {a} and {b} belong to different countries")


TEXT_FORMATS = ("md", "csv", "json")
"""Formats that may be written to standard output with `--output -`; docx and xlsx are binary."""
EXTENSIONS = {"md": (".md", ".markdown"), "csv": (".csv",), "json": (".json",), "docx": (".docx",), "xlsx": (".xlsx",)}


def check_extension(path: Path, fmt: str, *, force: bool) -> None:
    """Refuse a file name whose extension does not match the format (a docx named .md), unless forced."""
    if force or path.suffix.lower() in EXTENSIONS.get(fmt, ()):
        return
    got = f"ends in {path.suffix!r}" if path.suffix else "has no extension"
    raise OutputError(
        f"{path} {got}, but --format is {fmt}; name the file *{EXTENSIONS[fmt][0]}, or pass --force to write it anyway"
    )


def write_stdout(fmt: str, produce: Callable[[Path], None], stream: Any) -> None:
    """Write a text format (the command line refuses the others) to a binary stream (standard output) through a
    private temporary file."""
    with atomic.signals_raise(), tempfile.TemporaryDirectory(prefix="aztimeline-") as tmp:
        out = Path(tmp) / f"export.{fmt}"
        produce(out)
        stream.write(out.read_bytes())
        stream.flush()


def export(v: Validated, selection: Selection, fmt: str, lang: str, provenance: dict[str, Any], **opts: Any) -> Callable[[Path], None]:
    """A function that writes the export of this format to a path.

    opts: site_url; the nota's memo_to, memo_from, memo_date (default: the stamp's date, so a build's downloads
    are reproducible), reference, annex (default True); for csv, csv_sep (default: ';' in Dutch, ',' in English)
    and csv_ids (a header of stable English ids).
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    # Writers are imported on demand: python-docx is slow to import.
    writer = importlib.import_module(f"{__name__}.to_{fmt}").write
    return lambda path: writer(v, selection, lang, provenance, path, **opts)
