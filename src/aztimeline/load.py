"""Read policy_versions/ into models, with every problem located as file:line: field: message."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .datafiles import DataFiles, scan, shown_path
from .dates import DATE_MAX, DATE_MIN
from .errors import DataError, Problem
from .models import ID_PATTERN, Amendment, Country, Events, Source, SourceText, Version
from .source import ParagraphView, paragraph_view, sha256_hex
from .textrules import forbidden_in_raw
from .yamlload import Located, Path_, dotted, parse_yaml

M = TypeVar("M", bound=BaseModel)

MAX_FURNITURE = 100
"""Most furniture rules a source may have (our letter has 11): each block of the raw text is matched against each."""

__all__ = ["CountryData", "Dataset", "LoadedSource", "Where", "load_partial", "parse_model", "shown_path"]


@dataclass
class Where:
    """Where a model came from: the file as shown to the user, and the line map of its YAML."""

    file: str
    located: Located
    waiting: tuple[Path_, ...] = ()
    """The dates the YAML reading refused where the model cannot hold unknown: read as STAND_IN, which no check reads
    (validate says which checks wait for them)."""

    def at(self, path: Path_, message: str, *, line: Path_ | None = None) -> Problem:
        """A problem at a field path of this file, on the line of path (or of line, for a field that may be absent)."""
        return Problem(self.file, self.located.line_of(path if line is None else line), dotted(path), message)

    def problem(self, field: str, message: str) -> Problem:
        """A problem at a top-level field of this file."""
        return self.at((field,), message)


@dataclass
class LoadedSource:
    meta: Source
    raw: bytes
    text: str
    view: ParagraphView
    where: Where
    annotations: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict, repr=False, compare=False)
    """What precision.annotate worked out for a citation of this source, by (anchor, quote): versions repeat most
    citations of the version before, and a loaded source does not change."""
    searched: int = field(default=0, repr=False, compare=False)
    """Characters of this source's text read so far to check quotes (validate.MAX_QUOTE_SEARCH caps them)."""
    hinted: int = field(default=0, repr=False, compare=False)
    """Characters read so far to say where a quote not found stands instead (capped the same way, apart)."""


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
    failed: set[str] = field(default_factory=set)  # load_partial gives it the dataset's own set (Dataset.failed)
    text_only: dict[str, LoadedSource] = field(default_factory=dict)
    """Sources whose metadata did not load but whose raw text did, by the id the file gives: only quotes are checked
    against them."""
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """What later steps compute from this country and keep with it: timeline.load_timeline keeps its timeline here."""


@dataclass
class Dataset:
    """All countries in a data directory."""

    root: Path
    countries: dict[str, CountryData] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    """Ids (taken from file names) of files that did not load: references to them are not reported again."""
    unloaded: list[tuple[str, Where]] = field(default_factory=list)
    """(country, where) of each data file whose model did not load, its parsed YAML kept (and of every file of a
    country whose country.yaml did not load): its quotes are still checked (validate), so that one slip in a file
    does not hide the rest of the problems."""
    sources_only: dict[str, CountryData] = field(default_factory=dict)
    """Countries whose country.yaml did not load, with their sources alone: every file of theirs is in unloaded, so
    that its quotes are checked against them (found by an outside tester: `name_en: 5` hid a falsified quote)."""


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
        msgs = out.setdefault(tuple(path), [])
        if (msg := _message(err)) not in msgs:
            msgs.append(msg)
    return out


UNKNOWN_FIELD = "unknown field"
"""How the message for a key the model does not know begins."""


def _message(err: dict[str, Any]) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "required field is missing; add it"
    if kind == "extra_forbidden":
        if "\t" in str(err["loc"][-1]):  # a tab in the name reads as spaces in an editor (an outside tester)
            return f"{UNKNOWN_FIELD}: its name holds a tab, shown as \\t; take the tab out or correct its spelling"
        return f"{UNKNOWN_FIELD}; remove it or correct its spelling"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        # YAML reads YYYY-MM-DD as a date: as text, it was quoted; "without quotes" misled where none were (an outside tester)
        how = " without quotes" if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value) else ""
        if isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\d[ T]", value):
            how = " alone, without a time"
        return f"expected a date written YYYY-MM-DD{how}, got {value!r}{_day_first(value)}"
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, got {_described(value)}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == ID_PATTERN:
            return (
                f"{value!r} is not a valid id: use 2-64 lowercase letters, digits and '-', "
                "starting and ending with a letter or digit (no '/', '..', '--', spaces or leading dot)"
            )
        if pattern.startswith("^(p|f)"):
            return f"{value!r} is not an anchor: use pN for a body paragraph (see `aztimeline paragraphs`)"
        if "0-9]{4}-(0[1-9]" in pattern:
            return f"expected a month written YYYY-MM, got {value!r}"
        if pattern.startswith("^(stcrt-"):
            return (
                f"{value!r} is not a publication id: write it in lowercase as stcrt-YEAR-NUMBER, stb-YEAR-NUMBER, "
                "kst-DOSSIER-NUMBER or ah-tk-SESSION-NUMBER, for example stcrt-2021-1592"
            )
        if pattern == "^[0-9a-f]{64}$":
            return f"{value!r} is not a sha256: write its 64 hexadecimal digits in lowercase (sha256sum prints them so)"
        return f"{value!r} does not have the required form ({pattern})"
    want = {
        "string_type": "text",
        "dict_type": "a mapping",
        "list_type": "a list",
        "bool_type": "true or false",
        "int_type": "a whole number",
        "model_type": "a mapping",
    }.get(kind)
    if want is not None:
        return f"expected {want}, got {_described(value)}"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind == "string_too_long":
        return f"text is longer than {ctx.get('max_length')} characters; shorten it"
    if kind == "too_long":  # the developments known later (models.KNOWN_LATER_MAX), the one list with a limit
        return f"lists more than {ctx.get('max_length')} developments; record the earlier of them as a version of the policy instead"
    return f"{err['msg']}"


_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
"""A date written day first, as Dutch writes it: 18-11-2020, 7/1/2021, 18.11.2020."""


def _day_first(value: Any) -> str:
    """"; did you mean 2020-11-18?" for text that is plainly a real day written day first (18-11-2020), else "" (a new
    editor's read: told only the form, they had to work out the order)."""
    m = _DAY_FIRST.fullmatch(value.strip()) if isinstance(value, str) else None
    if m is None:
        return ""
    try:
        day = dt.date(int(m[4]), int(m[3]), int(m[1]))
    except ValueError:  # 31-02-2020 is no day to suggest
        return ""
    return f"; did you mean {day.isoformat()}?" if DATE_MIN <= day <= DATE_MAX else ""


def _described(value: Any) -> str:
    """A value as YAML wrote it, in words a data editor knows (not Python's type names): "the number 3019810"."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    if isinstance(value, dict):
        return f"a mapping {shown}"
    if isinstance(value, list):
        return f"a list {shown}"
    return shown


def parse_model(model: type[M], located: Located, shown: str) -> tuple[M | None, list[Problem]]:
    """Validate located YAML data against a model; return the model or the located problems."""
    try:
        return model.model_validate(located.data), []
    except ValidationError as exc:
        found = _friendly(exc.errors(), located.data)
        return None, [Problem(shown, located.line_of(path), dotted(path), _merge(msgs)) for path, msgs in found.items()]


def _merge(msgs: list[str]) -> str:
    """One message for one place: its only message, or for the branches of a union "expected A or B, got V"."""
    parsed = [re.fullmatch(r"expected (.*), got (.*?)(; did you mean [^ ]+\?)?", m) for m in msgs]  # a date's branch may hint
    if all(parsed) and len({m[2] for m in parsed if m}) == 1:
        wants = sorted((m[1] for m in parsed if m), key=lambda w: w != "'unknown'")  # 'unknown' first
        got = parsed[0][2] if parsed[0] else ""
        # YAML reads 3019810 as a number: text that looks like one is written in quotes
        hint = f'; write it in quotes: "{got.removeprefix("the number ")}"' if "text" in wants and got.startswith("the number ") else ""
        hint += next((m[3] for m in parsed if m and m[3]), "")
        return f"expected {' or '.join(wants)}, got {got}{hint}"
    return " or ".join(msgs)


def _load_file(
    data: DataFiles, rel: str, model: type[M], problems: list[Problem], unloaded: list[tuple[str, Where]], *, keep: bool = False
) -> tuple[M, Where] | None:
    """The model of one data file and where it came from, or None with its problems (a file whose only slips are dates
    that do not exist loads, those dates read as unknown, or where the model cannot hold unknown, as STAND_IN); a file
    that parsed but whose model did not load goes into unloaded, and with keep so does one whose model loaded, its YAML
    kept."""
    shown = data.show(rel)
    refused: list[Located] = []
    located, found = parse_yaml(data.files[rel], shown, refused=refused)
    obj = None
    waiting: tuple[Path_, ...] = ()
    if located is not None:
        obj, found = parse_model(model, located, shown)
        problems.extend(found)
    elif refused:  # a value refused (a date that does not exist): the model's problems elsewhere in the file, too
        obj, modelled = parse_model(model, refused[0], shown)
        unknown = {p.field for p in modelled if p.message.startswith(UNKNOWN_FIELD)}
        problems.extend(_dated(found, refused[0], unknown))
        refusals = [p.field for p in found]
        # a field the model does not know is told, though the value it holds was refused (a date, maybe, as _dated says)
        told = [p for p in modelled if p.field in unknown or not any(_within(p.field, f) for f in refusals)]
        problems.extend(told)
        located = refused[0] if refused[0].dates_only else None  # only dates refused, read as unknown: it may load
        if obj is None and located is not None and not told:  # stopped only where the model cannot hold unknown
            obj, waiting = _with_stand_ins(model, located, {p.field for p in modelled})
    else:
        problems.extend(found)
    if obj is None or located is None:
        if located or refused:  # parsed, but no data: what it quotes can still be checked
            unloaded.append((rel.split("/", 1)[0], Where(shown, located or refused[0])))
        return None
    if keep:
        unloaded.append((rel.split("/", 1)[0], Where(shown, located)))
    else:
        located.data = None  # the model holds the data now; keeping the raw dicts too would double the memory
    return obj, Where(shown, located, waiting)


STAND_IN = DATE_MIN
"""What a refused date is read as where the model cannot hold unknown (a currency's checked_until, a later development's
date, an amendment's announced): never told and never checked against, it lets the file load, so that its checks
against the other files run in the same run (an outside tester); the data does not validate until the date is mended."""


def _with_stand_ins(model: type[M], located: Located, fields: set[str]) -> tuple[M | None, tuple[Path_, ...]]:
    """The model of a file whose only slips are refused dates, with STAND_IN at each of them that the model would not
    take as unknown (in fields), and where they stand; None if it does not load so either."""
    waiting = tuple(path for path in located.undated if dotted(path) in fields)
    if len(waiting) != len(fields):
        return None, ()
    data = copy.deepcopy(located.data)
    for path in waiting:
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = STAND_IN
    try:
        return model.model_validate(data), waiting
    except ValidationError:
        return None, ()


def _dated(found: list[Problem], located: Located, unknown: set[str]) -> list[Problem]:
    """The walk's problems of a document it refused, where a field the model does not know (in unknown) holds a date
    that does not exist: the date told as a date, not as text to be quoted, for it may be a field of dates misspelt, such
    as efective_from: 2021-02-30 (an outside tester); the model tells the field unknown."""
    as_dates = {dotted(path): message for path, message in located.as_dates.items()}
    return [dataclasses.replace(p, message=as_dates[p.field]) if p.field in unknown and p.field in as_dates else p for p in found]


def _within(field: str, outer: str) -> bool:
    """Whether a dotted field path is outer or lies inside it (every path lies inside the file's, "")."""
    return not outer or field == outer or field.startswith((f"{outer}.", f"{outer}["))


_REGEX_LIKE = re.compile(r"\.[+*]|\\|[\^$\[(|]")
_REGEX_HINT = " (patterns are literal text in which * stands for any text, not regular expressions)"


def _in(data: DataFiles, country: str, kind: str, suffixes: tuple[str, ...] = (".yaml", ".yml")) -> list[str]:
    """The data files of one kind folder of a country, in name order."""
    prefix = f"{country}/{kind}/"
    return sorted(rel for rel in data.files if rel.startswith(prefix) and rel.endswith(suffixes))


def _stem(rel: str) -> str:
    return rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]


class _EndAtFirst(list[Problem]):
    """A list of problems that ends loading with a DataError when the first problem is added."""

    def append(self, problem: Problem) -> None:
        super().append(problem)
        raise DataError(list(self))

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)


def load_partial(root: Path, *, first_problem: bool = False, files: DataFiles | None = None) -> tuple[Dataset, list[Problem]]:
    """Load what can be loaded, and return it with the problems of what could not.

    files are the data files as the folder pass found them (datafiles.scan), or as an old commit holds them
    (datafiles.from_memory); by default the pass runs over root. Nothing else is read.

    first_problem=True raises DataError at the first problem instead, for callers that only ask whether the
    data validates (see validate.load_and_validate's verdict_only).
    """
    data = files if files is not None else scan(root)
    problems: list[Problem] = _EndAtFirst() if first_problem else []
    problems.extend(data.problems)
    ds = Dataset(data.root, failed=set(data.failed))
    for country in data.countries:
        rel = f"{country}/country.yaml"
        if rel not in data.files:
            continue  # refused by the pass, and reported
        loaded = _load_file(data, rel, Country, problems, ds.unloaded)  # not loaded: its quotes still checked
        if loaded is None:
            _own_problems(data, country, problems, ds)  # every problem in one run: the other files' own, too
            continue
        obj, where = loaded
        if obj.id != country:
            problems.append(where.problem("id", f"country id {obj.id!r} must equal its folder name {country!r}"))
        cd = CountryData(obj, where, failed=ds.failed)
        _load_sources(cd, data, country, problems, ds.unloaded)
        seen: dict[str, Any] = {}
        tables = (("versions", Version, cd.versions, cd.version_where), ("amendments", Amendment, cd.amendments, cd.amendment_where))
        for kind, model, table, wheres in tables:
            for rel in _in(data, country, kind):
                got = _load_file(data, rel, model, problems, ds.unloaded)
                if got is None:
                    ds.failed.add(_stem(rel))
                    continue
                if isinstance(got[0], Version):
                    _share_provisions(got[0], seen)
                _register(table, wheres, got, rel, problems, page=kind == "versions")  # a version has a page of its own
        events = f"{country}/events.yaml"
        if events in data.files:
            got_events = _load_file(data, events, Events, problems, ds.unloaded)
            if got_events:
                cd.events, cd.events_where = got_events
        if obj.id in ds.countries:
            problems.append(where.problem("id", f"duplicate country id {obj.id!r}"))
        ds.countries[obj.id] = cd
    return ds, problems


def _own_problems(data: DataFiles, country: str, problems: list[Problem], ds: Dataset) -> None:
    """The problems each file of a country has on its own, when its country.yaml does not load, and the quotes of
    each against the sources that load (the other checks between files wait until it does)."""
    rel = f"{country}/country.yaml"
    only_id: dict[str, Any] = {"id": country}  # no other field of the Country is read where quotes are checked
    cd = CountryData(Country.model_construct(**only_id), Where(data.show(rel), Located(None)), failed=ds.failed)
    _load_sources(cd, data, country, problems, ds.unloaded)
    ds.sources_only[country] = cd
    for kind, model in (("versions", Version), ("amendments", Amendment)):
        for rel in _in(data, country, kind):
            _load_file(data, rel, model, problems, ds.unloaded, keep=True)
    if f"{country}/events.yaml" in data.files:
        _load_file(data, f"{country}/events.yaml", Events, problems, ds.unloaded, keep=True)


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


PAGE_NAMES = frozenset({"index"})
"""Ids that a page of their own cannot have: the site writes sources/ID.md and versions/ID.md beside the overview page
of the folder, index.md, which a source or version called index would replace (and with it every link there)."""


def _id_problems(obj_id: str, where: Where, rel: str, *, page: bool) -> Iterator[Problem]:
    """An id that is not its file's name; with page (a kind that has a page of its own), one in PAGE_NAMES."""
    if obj_id != _stem(rel):
        yield where.problem("id", f"id {obj_id!r} must equal the file name {_stem(rel)!r}; rename one of them")
    if page and obj_id in PAGE_NAMES:
        yield where.problem("id", f"id {obj_id!r} is the name of the site's overview page of its folder, which its own page would replace; choose another id")


def _register(table: dict[str, Any], wheres: dict[str, Where], got: tuple[Any, Where], rel: str, problems: list[Problem], *, page: bool) -> None:
    obj, where = got
    problems.extend(_id_problems(obj.id, where, rel, page=page))
    if obj.id in table:
        problems.append(where.problem("id", f"duplicate id {obj.id!r} (also in {wheres[obj.id].file}); ids must be unique"))
        return
    table[obj.id] = obj
    wheres[obj.id] = where


def _load_sources(cd: CountryData, data: DataFiles, country: str, problems: list[Problem], unloaded: list[tuple[str, Where]]) -> None:
    raw_files: set[str] = set()
    broken = any(rel.startswith(f"{country}/sources/") and rel.endswith((".yaml", ".yml")) for rel in data.refused)
    for rel in _in(data, country, "sources"):
        parsed = len(unloaded)
        got = _load_file(data, rel, Source, problems, unloaded)
        if not got:
            cd.failed.add(_stem(rel))
            broken = True  # its raw_file may be unknown, so no raw text is called unreferenced
            if len(unloaded) > parsed:  # parsed, its model not loaded: its own quotes are checked, and those of it
                _load_text_only(cd, data, rel, unloaded[-1][1], problems)
            continue
        meta, where = got
        cd.failed.add(meta.id)  # until its raw text checks out, below
        problems.extend(_id_problems(meta.id, where, rel, page=True))
        if meta.id in cd.sources:
            problems.append(where.problem("id", f"duplicate source id {meta.id!r}"))
            continue
        raw_files.add(meta.raw_file)
        loaded = _load_raw(data, f"{country}/sources/{meta.raw_file}", meta, where, problems)
        if loaded is not None:
            cd.sources[meta.id] = loaded
            cd.failed.discard(meta.id)
    if not broken:
        for rel in _in(data, country, "sources", (".txt",)):
            if rel.rsplit("/", 1)[-1] not in raw_files:
                problems.append(Problem(data.show(rel), 0, "", "raw text that no source names in raw_file; add its source .yaml, or remove it"))


def _load_text_only(cd: CountryData, data: DataFiles, rel: str, where: Where, problems: list[Problem]) -> None:
    """The raw text of a source whose metadata did not load, where the fields it is read with did (SourceText),
    under the id the file gives (its quotes name that one, whatever the file is called)."""
    fields = where.located.data
    if not isinstance(fields, dict):
        return
    given = fields.get("id")
    sid = given if isinstance(given, str) else _stem(rel)
    cd.failed.add(sid)  # a quote of it is not "of an unknown source" where its text does not load
    try:
        text = SourceText.model_validate(fields)
    except ValidationError:
        return  # reported by the file's model
    meta = Source.model_construct(**dict(text))  # only the fields of SourceText are read
    loaded = _load_raw(data, f"{rel.rsplit('/', 1)[0]}/{text.raw_file}", meta, where, problems)
    if loaded is not None:
        cd.text_only[sid] = loaded


def _load_raw(data: DataFiles, rel: str, meta: Source, where: Where, problems: list[Problem]) -> LoadedSource | None:
    """A source's raw text, checked against its sha256 and the rules for text, with its paragraph view."""
    raw = data.files.get(rel)
    if raw is None:
        what = data.refused.get(rel, "not found; add the file exactly as received")
        problems.append(where.problem("raw_file", f"raw text {data.show(rel)} {what}"))
        return None
    digest = sha256_hex(raw)
    if digest != meta.sha256:
        message = (
            f"raw text {meta.raw_file} has sha256 {digest}, not the recorded one; "
            "restore the file as received (never edit a source) or, for a new source, record its hash"
        )
        if b"\r\n" in raw and sha256_hex(raw.replace(b"\r\n", b"\n")) == meta.sha256:  # nobody edited it: git did
            message = (
                f"raw text {meta.raw_file} has Windows line ends (CRLF), not those it was received with, so its sha256 "
                f"is not the recorded one; delete it and run git checkout -- {data.show(rel)} (.gitattributes keeps it as received)"
            )
        problems.append(where.problem("sha256", message))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(where.problem("raw_file", "raw text is not UTF-8; convert it once, then record the new sha256"))
        return None
    bad = forbidden_in_raw(text)
    if bad is not None:
        at_line, column, what = bad
        message = f"raw text contains, at column {column}, {what}; a source text may not hold it: remove it, then record the new sha256"
        problems.append(Problem(data.show(rel), at_line, "", message))
        return None
    if len(meta.furniture) > MAX_FURNITURE:
        message = f"{len(meta.furniture)} furniture rules, more than {MAX_FURNITURE}; one rule with * covers many blocks"
        problems.append(where.problem("furniture", message))
        return None
    view = paragraph_view(text, [(r.role, r.pattern) for r in meta.furniture])
    for i in view.unmatched_rules:
        hint = _REGEX_HINT if _REGEX_LIKE.search(meta.furniture[i].pattern) else ""
        problems.append(where.at(("furniture", i), f"pattern matches no block of the raw text; correct or remove it{hint}"))
    return LoadedSource(meta, raw, text, view, where)
