"""Read policy_versions/ into models, with every problem located as file:line: field: message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .datafiles import DataFiles, FolderFiles
from .errors import DataError, Problem
from .models import Amendment, Country, Events, Source, Version
from .source import ParagraphView, paragraph_view, sha256_hex
from .yamlload import Located, dotted

M = TypeVar("M", bound=BaseModel)

MAX_SOURCE_BYTES = 2_000_000
"""Largest raw source text accepted (our letter is 8 kB)."""


@dataclass
class Where:
    """Where a model came from: the file as shown to the user, and the line map of its YAML."""

    file: str
    located: Located

    def line(self, *path: str | int) -> int:
        return self.located.line_of(tuple(path))


@dataclass
class LoadedSource:
    meta: Source
    raw: bytes
    text: str
    view: ParagraphView
    where: Where


@dataclass
class CountryData:
    """Everything recorded for one country policy."""

    country: Country
    where: Where
    sources: dict[str, LoadedSource] = field(default_factory=dict)
    versions: dict[str, Version] = field(default_factory=dict)
    amendments: dict[str, Amendment] = field(default_factory=dict)
    events: Events = field(default_factory=lambda: Events(events=[]))
    version_where: dict[str, Where] = field(default_factory=dict)
    amendment_where: dict[str, Where] = field(default_factory=dict)
    events_where: Where | None = None
    failed: set[str] = field(default_factory=set)


@dataclass
class Dataset:
    """All countries in a data directory."""

    root: Path
    countries: dict[str, CountryData] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    """Ids (taken from file names) of files that did not load: references to them are not reported again."""


def shown_path(path: Path) -> str:
    """A path as we print it: relative to the working directory when it lies below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _friendly(errors: Any, data: Any) -> dict[tuple[str | int, ...], list[str]]:
    """Map pydantic errors onto paths that exist in the data, merging the branches of a union."""
    out: dict[tuple[str | int, ...], list[str]] = {}
    for err in errors:
        path: list[str | int] = []
        node = data
        for part in err["loc"]:
            if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
                path.append(part)
            elif err["type"] in ("missing", "extra_forbidden") and isinstance(part, str) and part == err["loc"][-1]:
                path.append(part)
            # anything else is pydantic's name for a union branch: not a place in the file
        msg = _message(err)
        out.setdefault(tuple(path), [])
        if msg not in out[tuple(path)]:
            out[tuple(path)].append(msg)
    return out


def _message(err: dict[str, Any]) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "required field is missing; add it"
    if kind == "extra_forbidden":
        return "unknown field; remove it or correct its spelling"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"expected a date written YYYY-MM-DD without quotes, got {value!r}"
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, got {value!r}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "a-z0-9-" in pattern:
            return (
                f"{value!r} is not a valid id: use 2-64 lowercase letters, digits and '-', "
                "starting and ending with a letter or digit (no '/', '..', spaces or leading dot)"
            )
        if pattern.startswith("^(p|f)"):
            return f"{value!r} is not an anchor: use pN for a body paragraph (see `aztimeline paragraphs`)"
        if "0-9]{4}-(0[1-9]" in pattern:
            return f"expected a month written YYYY-MM, got {value!r}"
        return f"{value!r} does not have the required form ({pattern})"
    if kind in ("string_type", "dict_type", "list_type", "bool_type", "int_type", "model_type"):
        want = {
            "string_type": "text",
            "dict_type": "a mapping",
            "list_type": "a list",
            "bool_type": "true or false",
            "int_type": "a whole number",
            "model_type": "a mapping",
        }[kind]
        return f"expected {want}, got {type(value).__name__} {_short(value)}"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind == "string_too_long":
        return f"text is longer than {ctx.get('max_length')} characters; shorten it"
    return f"{err['msg']}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_model(model: type[M], located: Located, shown: str) -> tuple[M | None, list[Problem]]:
    """Validate located YAML data against a model; return the model or the located problems."""
    try:
        return model.model_validate(located.data), []
    except ValidationError as exc:
        problems = []
        for path, msgs in _friendly(exc.errors(), located.data).items():
            msg = _merge(msgs) if len(msgs) > 1 else msgs[0]
            problems.append(Problem(shown, located.line_of(path), dotted(path), msg))
        return None, problems


def _merge(msgs: list[str]) -> str:
    """One message for the branches of a union: "expected A or B, got V"."""
    parsed = [re.fullmatch(r"expected (.*), got (.*)", m) for m in msgs]
    if all(parsed) and len({m[2] for m in parsed if m}) == 1:
        wants = sorted((m[1] for m in parsed if m), key=lambda w: w != "'unknown'")  # 'unknown' first
        return f"expected {' or '.join(wants)}, got {parsed[0][2] if parsed[0] else ''}"
    return " or ".join(msgs)


def _load_file(path: Path, files: DataFiles, model: type[M], problems: list[Problem]) -> tuple[M, Where] | None:
    shown = shown_path(path)
    if files.is_link(path) and files.kind(path).startswith("unreadable"):
        problems.append(Problem(shown, 0, "", f"cannot read the file: it is {files.kind(path)}; replace the link with the file itself"))
        return None
    if files.is_link(path) and not files.contained(path):
        problems.append(Problem(shown, 0, "", "symbolic link points outside the data directory; replace it with the file itself"))
        return None
    located, found = files.read_yaml(path, shown)
    problems.extend(found)
    if located is None:
        return None
    obj, found = parse_model(model, located, shown)
    problems.extend(found)
    if obj is None:
        return None
    located.data = None  # the model holds the data now; keeping the raw dicts too would double the memory
    return obj, Where(shown, located)


_REGEX_LIKE = re.compile(r"\.[+*]|\\|[\^$\[(|]")
_REGEX_HINT = " (patterns are literal text in which * stands for any text, not regular expressions)"


def _entries(folder: Path, files: DataFiles, problems: list[Problem]) -> list[Path] | None:
    """The visible entries of a data folder, or None (with a problem) when it cannot be used."""
    shown = shown_path(folder)
    if files.is_link(folder) and not files.contained(folder):
        problems.append(
            Problem(shown, 0, "", "folder is a symbolic link pointing outside the data directory; replace it with the folder itself")
        )
        return None
    try:
        return files.entries(folder)
    except NotADirectoryError:
        problems.append(Problem(shown, 0, "", "is a file, not a folder; data files belong in a folder of this name"))
    except OSError as exc:
        problems.append(Problem(shown, 0, "", f"cannot read the folder: {exc.strerror or exc}; check its permissions"))
    return None


def _yaml_files(
    folder: Path, files: DataFiles, problems: list[Problem], texts: list[Path] | None = None, failed: set[str] | None = None
) -> list[Path]:
    """The .yaml files of a data folder; anything else in it is reported (only hidden files are skipped).

    Raw texts (*.txt) are collected into texts where the folder holds sources.
    """
    if not files.exists(folder):
        return []
    entries = _entries(folder, files, problems)
    if entries is None and failed is not None:
        failed.add(f"{folder.name}/")  # a folder that cannot be read: references into it are not reported again
    out = []
    for p in entries or []:
        kind = files.kind(p)
        if p.suffix in (".yaml", ".yml"):
            if kind == "file" or kind == "missing" or files.is_link(p):  # _load_file reports links and unreadable files
                out.append(p)
            else:
                problems.append(Problem(shown_path(p), 0, "", f"is {kind}, not a data file; remove it"))
        elif texts is not None and p.suffix == ".txt" and kind == "file":
            texts.append(p)
        elif p.suffix.lower() in (".yaml", ".yml"):
            problems.append(Problem(shown_path(p), 0, "", f"data file names end in lowercase {p.suffix.lower()}; rename it"))
        elif kind == "a folder":
            problems.append(Problem(shown_path(p), 0, "", f"unexpected folder in {folder.name}/; move it out of the data directory"))
        else:
            problems.append(
                Problem(
                    shown_path(p),
                    0,
                    "",
                    f"unexpected file in {folder.name}/ (only .yaml data files are read); move it out of the data directory",
                )
            )
    return out


def load_dataset(root: Path) -> Dataset:
    """Load every country under root. Raises DataError with every problem found, in one run."""
    ds, problems = load_partial(root)
    if problems:
        raise DataError(problems)
    return ds


class _EndAtFirst(list[Problem]):
    """A list of problems that ends loading with a DataError when the first problem is added."""

    def append(self, problem: Problem) -> None:
        super().append(problem)
        raise DataError(list(self))


def load_partial(source: Path | DataFiles, *, first_problem: bool = False) -> tuple[Dataset, list[Problem]]:
    """Load what can be loaded, and return it with the problems of what could not.

    source: the data folder, or the files to read (a commit's, from memory: datafiles.MemoryFiles).
    first_problem=True raises DataError at the first problem instead, for callers that only ask whether the
    data validates (see validate.load_and_validate's verdict_only).
    """
    files = FolderFiles(source) if isinstance(source, Path) else source
    root = files.root
    problems: list[Problem] = _EndAtFirst() if first_problem else []
    ds = Dataset(root)
    kind = files.kind(root)
    if kind == "missing":
        raise DataError([Problem(shown_path(root), 0, "", "data directory not found; pass --data PATH to a policy_versions/ folder")])
    if kind != "a folder":
        raise DataError(
            [
                Problem(
                    shown_path(root),
                    0,
                    "",
                    f"data directory is {'a file' if kind == 'file' else kind}, not a folder; pass --data PATH to a policy_versions/ folder",
                )
            ]
        )
    entries = _entries(root, files, problems)
    if entries is None:
        raise DataError(problems)
    country_files = []
    for entry in entries:
        if files.is_link(entry) and not files.contained(entry):
            problems.append(
                Problem(shown_path(entry), 0, "", "symbolic link points outside the data directory; replace it with the folder itself")
            )
        elif files.kind(entry) != "a folder":
            problems.append(
                Problem(shown_path(entry), 0, "", "unexpected file in the data directory; each country is a folder with a country.yaml")
            )
        elif files.exists(entry / "country.yaml"):
            country_files.append(entry / "country.yaml")
        elif files.exists(entry / "country.yml"):
            problems.append(Problem(shown_path(entry / "country.yml"), 0, "", "rename this file to country.yaml"))
        else:
            problems.append(
                Problem(shown_path(entry), 0, "", "folder has no country.yaml; each country folder needs one (or move the folder out)")
            )
    if not country_files and not problems:
        raise DataError([Problem(shown_path(root), 0, "", "no */country.yaml found; each country needs a folder with a country.yaml")])
    for country_file in country_files:
        folder = country_file.parent
        loaded = _load_file(country_file, files, Country, problems)
        if loaded is None:
            continue
        country, where = loaded
        if country.id != folder.name:
            problems.append(
                Problem(where.file, where.line("id"), "id", f"country id {country.id!r} must equal its folder name {folder.name!r}")
            )
        cd = CountryData(country, where)
        _load_sources(cd, folder, files, problems, ds.failed)
        seen: dict[str, Any] = {}
        for path in _yaml_files(folder / "versions", files, problems, failed=ds.failed):
            got = _load_file(path, files, Version, problems)
            if got:
                _share_provisions(got[0], seen)
                _register(cd.versions, cd.version_where, got, path, problems)
            else:
                ds.failed.add(path.stem)
        for path in _yaml_files(folder / "amendments", files, problems, failed=ds.failed):
            got_a = _load_file(path, files, Amendment, problems)
            if got_a:
                _register(cd.amendments, cd.amendment_where, got_a, path, problems)
            else:
                ds.failed.add(path.stem)
        events_file = folder / "events.yaml"
        if files.exists(events_file):
            got_events = _load_file(events_file, files, Events, problems)
            if got_events:
                cd.events, cd.events_where = got_events
        for extra in _entries(folder, files, problems) or []:
            if extra.name in ("country.yaml", "events.yaml"):
                continue
            if extra.name in ("sources", "versions", "amendments") and (files.kind(extra) == "a folder" or files.is_link(extra)):
                continue
            if extra.name == "events.yml":
                problems.append(Problem(shown_path(extra), 0, "", "rename this file to events.yaml"))
            elif files.kind(extra) == "a folder":
                problems.append(
                    Problem(shown_path(extra), 0, "", "unexpected folder; a country folder holds sources/, versions/ and amendments/ only")
                )
            else:
                problems.append(
                    Problem(shown_path(extra), 0, "", "unexpected file; data files belong in sources/, versions/ or amendments/")
                )
        if country.id in ds.countries:
            problems.append(Problem(where.file, where.line("id"), "id", f"duplicate country id {country.id!r}"))
        ds.countries[country.id] = cd
    return ds, problems


def _share_provisions(version: Version, seen: dict[str, Any]) -> None:
    """Give a provision equal to one of an earlier loaded version that version's object, rather than a copy.

    Versions repeat most provisions of the version before them; sharing the (never changed) objects keeps one
    copy in memory instead of one per version (docs/benchmarks.md).
    """
    for pid, p in version.provisions.items():
        prev = seen.get(pid)
        if prev is not None and prev == p:
            version.provisions[pid] = prev
        else:
            seen[pid] = p


def _register(table: dict[str, Any], wheres: dict[str, Where], got: tuple[Any, Where], path: Path, problems: list[Problem]) -> None:
    obj, where = got
    if path.stem != obj.id:
        problems.append(
            Problem(where.file, where.line("id"), "id", f"id {obj.id!r} must equal the file name {path.stem!r}; rename one of them")
        )
    if obj.id in table:
        problems.append(
            Problem(where.file, where.line("id"), "id", f"duplicate id {obj.id!r} (also in {wheres[obj.id].file}); ids must be unique")
        )
        return
    table[obj.id] = obj
    wheres[obj.id] = where


def _load_sources(cd: CountryData, folder: Path, files: DataFiles, problems: list[Problem], failed: set[str]) -> None:
    raw_files: set[str] = set()
    texts: list[Path] = []
    broken: list[Path] = []
    for path in _yaml_files(folder / "sources", files, problems, texts, failed):
        got = _load_file(path, files, Source, problems)
        if not got:
            failed.add(path.stem)
            broken.append(path)  # its raw_file is unknown, so no raw text is called unreferenced
            continue
        failed.add(got[0].id)  # until its raw text checks out, below
        meta, where = got
        if path.stem != meta.id:
            problems.append(
                Problem(where.file, where.line("id"), "id", f"id {meta.id!r} must equal the file name {path.stem!r}; rename one of them")
            )
        if meta.id in cd.sources:
            problems.append(Problem(where.file, where.line("id"), "id", f"duplicate source id {meta.id!r}"))
            continue
        raw_path = path.parent / meta.raw_file
        line = where.line("raw_file")
        raw_files.add(meta.raw_file)
        kind = files.kind(raw_path)
        if kind != "file":
            what = (
                "not found; add the file exactly as received" if kind == "missing" else f"is {kind}, not a file; store the text file itself"
            )
            problems.append(Problem(where.file, line, "raw_file", f"raw text {shown_path(raw_path)} {what}"))
            continue
        if files.is_link(raw_path) and not files.contained(raw_path):
            problems.append(
                Problem(
                    where.file, line, "raw_file", "raw text is a symbolic link pointing outside the data directory; store the file itself"
                )
            )
            continue
        if files.size(raw_path) > MAX_SOURCE_BYTES:
            problems.append(Problem(where.file, line, "raw_file", f"raw text is larger than {MAX_SOURCE_BYTES} bytes"))
            continue
        try:
            raw = files.read(raw_path)
        except OSError as exc:
            problems.append(
                Problem(where.file, line, "raw_file", f"cannot read the raw text {shown_path(raw_path)}: {exc.strerror or exc}")
            )
            continue
        digest = sha256_hex(raw)
        if digest != meta.sha256:
            problems.append(
                Problem(
                    where.file,
                    where.line("sha256"),
                    "sha256",
                    f"raw text {meta.raw_file} has sha256 {digest}, not the recorded one; "
                    "restore the file as received (never edit a source) or, for a new source, record its hash",
                )
            )
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(where.file, line, "raw_file", "raw text is not UTF-8; convert it once, then record the new sha256"))
            continue
        view = paragraph_view(text, [(r.role, r.pattern) for r in meta.furniture])
        for i in view.unmatched_rules:
            problems.append(
                Problem(
                    where.file,
                    where.line("furniture", i),
                    f"furniture[{i}]",
                    "pattern matches no block of the raw text; correct or remove it"
                    + (_REGEX_HINT if _REGEX_LIKE.search(meta.furniture[i].pattern) else ""),
                )
            )
        cd.sources[meta.id] = LoadedSource(meta, raw, text, view, where)
        failed.discard(meta.id)
    for t in texts:
        if t.name not in raw_files and not any(f.parent == t.parent for f in broken):
            problems.append(Problem(shown_path(t), 0, "", "raw text that no source names in raw_file; add its source .yaml, or remove it"))
