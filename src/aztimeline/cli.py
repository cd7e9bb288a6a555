"""The command line: parse arguments, call one stage, print the result or a located error."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import datetime as dt
import functools
import json
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from . import __version__, atomic, clock
from .atomic import Interrupted
from .dates import DATE_MAX, DATE_MIN
from .errors import AztimelineError, DataError, OutputError, Problem, UsageError
from .paths import check_not_in_data
from .textrules import did_you_mean, for_terminal, json_for_terminal

EXIT_OK, EXIT_DATA = 0, 2
EXIT_PIPE = 141
"""The status of a program ended by SIGPIPE (128 + 13), which Unix tools end with when their reader goes away."""
EXPORT_FORMATS = ("docx", "xlsx", "csv", "md", "json")
_QuoteText = Callable[[dict[str, Any]], str]


def default_data() -> Path:
    """policy_versions/ in the current folder or the nearest folder above it that has one (else the current folder's)."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "policy_versions").is_dir():
            return folder / "policy_versions"
    return here / "policy_versions"


def parse_date(text: str, *, in_range: bool = True) -> dt.date:
    """An ISO date YYYY-MM-DD, or a UsageError that says why not: the wrong form, a day that does not exist, or (with
    in_range) a day outside the dates the data can hold, of which no answer or memo can say anything."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):  # fromisoformat also takes weeks (2020-W47-3)
        raise UsageError(f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2020-11-18")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{text} is written as a date, but that day does not exist ({_missing_day(text)}); check the date") from None
    if in_range and not DATE_MIN <= day <= DATE_MAX:  # as the site's date fields
        raise UsageError(f"{day} is outside the dates the data can hold ({DATE_MIN} to {DATE_MAX}); check the year")
    return day


def _missing_day(text: str) -> str:
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if year < 1:
        return "there is no year 0"
    import calendar

    days = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} {year} has {days} days" if day else "there is no day 00"


class _Parser(argparse.ArgumentParser):
    """argparse with our error line, and with every option that takes one value refused when given twice
    (argparse itself would silently keep the last one)."""

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        if action.option_strings and kwargs.get("action") not in ("append", "count", "help", "version"):
            action.__class__ = type("Once", (_Once, type(action)), {})
        return action

    _given_args: tuple[str, ...] = ()  # the arguments of the last parse, for error()

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self._given_args = tuple(sys.argv[1:] if args is None else args)
        parsed, rest = super().parse_known_args(args, namespace)
        parsed.__dict__.pop(_GIVEN, None)
        return parsed, rest

    def error(self, message: str) -> NoReturn:
        """The problem, and first any option the command does not know, with the nearest it does: argparse would
        report a required option as missing when its name was only mistyped ("--formt"), and an unknown option of
        a command as an unrecognized argument of the program."""
        command = self._command()
        # only where the message is about what is missing or left over, not about one option's value; an option's
        # value taken for the command ("aztimeline --data x asof": x is no command) is about an option left over too
        misplaced = message.startswith("argument command: invalid choice")
        about = misplaced or message.startswith(("the following arguments are required", "unrecognized arguments"))
        # after a command not known, no option can be judged
        unknown = command._unknown_options(self._given_args) if about and not (misplaced and command is self) else []
        early = []
        if about and command is not self:  # an option of the command given before it ("aztimeline --data x asof")
            name = command.prog.split()[-1]
            known = command._option_string_actions
            given = (a.split("=", 1)[0] for a in self._given_args[: self._given_args.index(name)])
            early = [f"{a} is an option of '{name}': give it after the command" for a in given if a in known]
        lines = [f"aztimeline: error: {line} (see {command.prog} --help)" for line in unknown + early]
        if misplaced and not early:
            message = self._unknown_command()
        if not (unknown + early and message.startswith("unrecognized arguments") or early and misplaced):
            lines.append(f"aztimeline: error: {for_terminal(message)} (see {self.prog} --help)")
        self.exit(EXIT_DATA, "\n".join(lines) + "\n")

    def _commands(self) -> dict[str, _Parser]:
        """The commands' parsers by name (none for a command's own parser)."""
        return next((a.choices for a in self._actions if isinstance(a.choices, dict)), {})

    def _command(self) -> _Parser:
        """The parser of the command given (this one for a command's own parser, or when no command is given)."""
        commands = self._commands()
        name = next((a for a in self._given_args if a in commands), None)
        return commands[name] if name is not None else self

    def _unknown_command(self) -> str:
        """The first argument that is neither an option nor a command, with the nearest command and the list."""
        commands = self._commands()
        given = next((a for a in self._given_args if not a.startswith("-") and a not in commands), "")
        return f"unknown command {for_terminal(repr(given))} (commands: {', '.join(commands)}){did_you_mean(given, commands)}"

    def _unknown_options(self, given: tuple[str, ...]) -> list[str]:
        known = [o for o in self._option_string_actions if o.startswith("--")]
        out = []
        for arg in given:
            name = arg.split("=", 1)[0]
            if arg == "--" or not name.startswith("--") or any(o.startswith(name) for o in known):
                continue  # an option of this command (or its prefix, as argparse accepts), or not an option
            out.append(f"unknown option {for_terminal(name)}{did_you_mean(name, known)}")
        return out


_GIVEN = "_aztimeline_given"
"""Where, during parsing, the namespace keeps the options given so far (removed before the namespace is returned)."""


class _Once(argparse.Action):
    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: str | None = None) -> None:
        given = namespace.__dict__.setdefault(_GIVEN, set())
        if self.dest in given:
            parser.error(f"{max(self.option_strings, key=len)} given twice; give it once")
        given.add(self.dest)
        super().__call__(parser, namespace, values, option_string)


def _data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=None, metavar="PATH", help="data directory (default: policy_versions/ in the current folder or a folder above it)")


def _common(p: argparse.ArgumentParser) -> None:
    _data(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="aztimeline", description="Versioned timeline of the Dutch country policy for Azerbaijan (Vc C7/5).")
    p.add_argument("--version", action="version", version=f"aztimeline {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    c = sub.add_parser(
        "validate",
        help="check every data file and rule",
        description="Check the data; exit 2 with located messages when it is invalid. Example: aztimeline validate",
    )
    _common(c)
    c = sub.add_parser(
        "changes",
        help="list the change records",
        description="List the change records with their justifications. Example: aztimeline changes --format json",
    )
    _common(c)
    c = sub.add_parser(
        "asof",
        help="which version applied on a date",
        description="The legal status on DATE: which Vc text held, which rules were only announced, and how current the "
        "answer is. Example: aztimeline asof 2021-01-05 --group mixed-couples",
    )
    c.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    c.add_argument("--country", default=None, help="country id (needed when the data holds several)")
    c.add_argument(
        "--group",
        metavar="GROUP",
        help="answer for one group: its id (mixed-couples) or its label in Dutch or English, in any case (lhbti, LGBTI persons)",
    )
    _common(c)
    c = sub.add_parser(
        "show", help="show one version", description="Show a version's provisions by section. Example: aztimeline show az-2020-11-18"
    )
    c.add_argument("version", metavar="VERSION")
    _common(c)
    c = sub.add_parser(
        "paragraphs",
        help="show a source's paragraph view",
        description="Show a source's paragraphs with their anchors. Example: aztimeline paragraphs kamerbrief-2020-11-18",
    )
    c.add_argument("source", metavar="SOURCE")
    _common(c)
    c = sub.add_parser(
        "export",
        help="export a change summary to a file",
        description="Write a summary of the selected changes. Example: aztimeline export --format docx --output changes.docx",
    )
    _data(c)
    c.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="file format")
    # a str: a Path drops what the name says (see _output_name_problem)
    c.add_argument("--output", required=True, metavar="FILE", help="file to write, or - for standard output (md, csv, json)")
    c.add_argument("--from", dest="version_from", metavar="VERSION", help="first version of the selection")
    c.add_argument("--to", dest="version_to", metavar="VERSION", help="last version of the selection")
    c.add_argument("--since", metavar="DATE", help="changes announced on or after DATE")
    c.add_argument("--until", metavar="DATE", help="changes announced on or before DATE")
    c.add_argument(
        "--group",
        metavar="GROUP",
        help="only changes concerning GROUP (its id or its Dutch or English label, in any case: lgbti, LHBTI), with the rules for everyone",
    )
    c.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of headings and summaries; quotes stay Dutch (default: nl)")
    c.add_argument("--memo-to", metavar="TEXT", help="the memo's addressee (Aan/To)")
    c.add_argument("--memo-from", metavar="TEXT", help="the memo's sender (Van/From); also the author of the docx and xlsx file")
    c.add_argument("--memo-date", metavar="DATE", help="the memo's date (default: today, or the day of SOURCE_DATE_EPOCH)")
    c.add_argument("--reference", metavar="TEXT", help="your own reference for the memo (Kenmerk/Reference)")
    c.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help="a settings file with [memo] to, from and reference (default: aztimeline.toml in the current folder, if there)",
    )
    c.add_argument("--no-annex", action="store_true", help="leave out the annex on provenance and method (docx, xlsx, md)")
    c.add_argument(
        "--csv-sep", choices=(",", ";"), default=None, help="CSV field separator (default: ';' with --lang nl, for Excel in a Dutch locale; ',' with en)"
    )
    c.add_argument("--csv-ids", action="store_true", help="CSV header of stable English column ids (for scripts) instead of names in --lang")
    c.add_argument("--site-url", metavar="URL", help="address of the published site, to link each change to its page (docx, xlsx, md, json)")
    c.add_argument("--force", action="store_true", help="replace an existing file")
    c = sub.add_parser(
        "build",
        help="build the static site",
        description="Build the site into DIR, swapping it in only when the build succeeds. Example: aztimeline build --output site",
    )
    _data(c)
    c.add_argument("--output", type=Path, default=Path("site"), metavar="DIR", help="output directory (default: site)")
    c.add_argument("--release", action="store_true", help="refuse to build when policy_versions/ has uncommitted changes")
    c.add_argument(
        "--engine",
        choices=("material", "zensical"),
        default="material",
        help="site engine: MkDocs with Material, or its successor Zensical (default: material)",
    )
    c.add_argument(
        "--site-url",
        metavar="URL",
        help="address the site will be published at (https://host/path/), for absolute links in the feed and the sitemap; "
        "default: site_url in mkdocs.yml, else none (the sitemap and the feed's links are left out)",
    )
    c = sub.add_parser(
        "serve",
        help="preview the built site on 127.0.0.1",
        description="Serve the built site for a local preview, on 127.0.0.1 only. Example: aztimeline serve --port 8000",
    )
    c.add_argument("--site", type=Path, default=Path("site"), metavar="DIR", help="the built site (default: site)")
    c.add_argument("--port", type=int, default=8000, metavar="N", help="port on 127.0.0.1 (default: 8000)")
    c = sub.add_parser(
        "history",
        help="list the commits that touched the data files",
        description="The editorial history of the data files (date, author, message), following renames. "
        "Example: aztimeline history policy_versions/azerbaijan/versions/az-2020-11-18.yaml",
    )
    c.add_argument("path", nargs="?", type=Path, metavar="PATH", help="one data file (default: every data file)")
    _common(c)
    c = sub.add_parser(
        "diff",
        help="semantic diff of the data between git revisions",
        description="Editorial differences of the data between a revision and the working tree, or between two revisions. "
        "Example: aztimeline diff --rev HEAD~1",
    )
    c.add_argument("--rev", action="append", required=True, metavar="REV", help="a git revision; give it twice to compare two revisions")
    _common(c)
    c = sub.add_parser(
        "new-version",
        help="scaffold the next version for a new letter",
        description="Write a source (with the raw text), a version copied from VERSION and an empty amendment. "
        "Example: aztimeline new-version --from az-2020-11-18 --source kamerbrief-2021-12-07.txt --date 2021-12-07",
    )
    c.add_argument("--from", dest="version_from", required=True, metavar="VERSION", help="the version the letter changes (the latest)")
    c.add_argument("--source", required=True, type=Path, metavar="FILE", help="the letter as a UTF-8 text file, stored byte for byte")
    c.add_argument("--date", required=True, metavar="DATE", help="the letter's date, YYYY-MM-DD")
    _data(c)
    c = sub.add_parser(
        "schema",
        help="write the JSON Schemas of the data files",
        description="Write one JSON Schema per kind of data file. Example: aztimeline schema --output schemas",
    )
    c.add_argument("--output", type=Path, default=Path("schemas"), metavar="DIR", help="output directory (default: schemas)")
    c.add_argument("--check", action="store_true", help="only check that the files are up to date")
    c.add_argument("--force", action="store_true", help="replace schema files that differ")
    return p


class _WarningLines(logging.Handler):
    """aztimeline's warnings (a commit left out of the corrections log, an unreadable repository) as lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"aztimeline: warning: {for_terminal(record.getMessage())}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = build_parser().parse_args(argv)
    stdout = sys.stdout
    if stdout is None:  # started with standard output closed (`aztimeline validate >&-`)
        _error("standard output is closed; run the command with its output going to a terminal, a file or a pipe")
        return EXIT_DATA
    handler, logger = _WarningLines(logging.WARNING), logging.getLogger("aztimeline")
    logger.addHandler(handler)
    sys.stdout = _TerminalText(stdout, hold=args.command != "serve")  # serve prints as it goes, for as long as it runs
    try:
        code = _run(args, stdout)
    finally:
        sys.stdout = stdout
        logger.removeHandler(handler)
    try:
        stdout.flush()  # now, so that a reader gone away is noticed here and not by the interpreter at exit
    except BrokenPipeError:
        return _broken_pipe(stdout)
    except OSError as exc:
        _error(f"cannot write standard output: {exc.strerror or exc}")
        return EXIT_DATA
    return code


def _run(args: argparse.Namespace, stdout: Any) -> int:
    """Run one command, turning every error it may meet into one line on standard error and an exit code."""
    try:
        if "data" in args and args.data is None:
            args.data = default_data()
            if not os.path.lexists(args.data):  # said as where it was looked for: "policy_versions: not found" was not
                raise UsageError(
                    f"no policy_versions/ folder in {Path.cwd()} or a folder above it; run from the aztimeline "
                    "repository, or give --data PATH"
                )
        try:
            _COMMANDS[args.command](args)  # a command that returns has succeeded: every failure is raised
        finally:  # its output (validate --format json gives its problems there, and fails)
            if isinstance(sys.stdout, _TerminalText):
                sys.stdout.release()
        return EXIT_OK
    except DataError as exc:
        for found in exc.problems:
            _error_line(str(found))
        n = len(exc.problems)
        _error_line(f"aztimeline: {n} problem{'s' if n != 1 else ''} found; nothing was written")
        if exc.note:
            _error_line(f"aztimeline: {exc.note}")
        return EXIT_DATA
    except AztimelineError as exc:  # UsageError (one line per bad option), OutputError, HistoryError: one line each
        for message in getattr(exc, "messages", None) or [str(exc)]:
            _error(message)
        return EXIT_DATA
    except KeyboardInterrupt:
        _error_line("aztimeline: interrupted; nothing was written")
        return 130
    except (MemoryError, ImportError) as exc:  # a limit on memory (ulimit -v, a container's) met in a computation or
        if isinstance(exc, ImportError) and "failed to map segment" not in str(exc):  # in loading a library's code
            raise
        _error("ran out of memory; nothing was written (free memory, or raise the limit on this process's memory)")
        return EXIT_DATA
    except Interrupted as exc:
        _error_line(f"aztimeline: stopped by signal {exc.signum}; nothing was written")
        return 128 + exc.signum
    except BrokenPipeError:
        return _broken_pipe(stdout)
    except UnicodeEncodeError as exc:
        bad = f"U+{ord(exc.object[exc.start]):04X}" if isinstance(exc.object, str) else "a character"
        if _codec(exc.encoding) == _codec(getattr(stdout, "encoding", None)):
            _error(f"standard output is {stdout.encoding}, which cannot hold {bad}; set PYTHONIOENCODING=utf-8 or use a UTF-8 locale")
        else:
            _error(f"cannot write {bad} as {exc.encoding}: {exc.reason}")
        return EXIT_DATA
    except UnicodeError as exc:  # a codec that is no text encoding for a terminal (PYTHONIOENCODING=idna)
        _error(f"standard output is {getattr(stdout, 'encoding', None)}, which cannot hold this text ({exc}); set PYTHONIOENCODING=utf-8 or use a UTF-8 locale")
        return EXIT_DATA
    except OSError as exc:  # the environment: an unreadable file, a full disk, a name too long, a symlink loop
        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"{where}{exc.strerror or exc}; check the path and its permissions, and the free space")
        return EXIT_DATA


class _TerminalText:
    """Standard output as the commands see it: whatever they print from the data or from git reaches the terminal
    with the characters a terminal would act on shown as escapes (textrules.for_terminal). Where held, the text is
    written at once when the command ends (release), or not at all: on an output that cannot hold one of its
    characters (PYTHONIOENCODING=ascii), `history > file` had left a cut-off list that looked whole (an outside
    tester's read)."""

    def __init__(self, stream: Any, *, hold: bool) -> None:
        self._stream = stream
        self._held: list[str] | None = [] if hold else None

    def write(self, text: str) -> int:
        text = for_terminal(text, keep_newlines=True)
        if self._held is not None:
            self._held.append(text)
            return len(text)
        return int(self._stream.write(text))

    def release(self) -> None:
        """Write the text held, in one piece: a character the output cannot hold fails it before a byte is written."""
        held, self._held = self._held, None
        if held:
            self._stream.write("".join(held))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _codec(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return name


def _broken_pipe(stdout: Any) -> int:
    """The reader of our output went away (`aztimeline changes | head -1`): stop silently, as Unix tools do.

    What is still buffered goes to /dev/null, so the interpreter has nothing to complain about at exit.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    return EXIT_PIPE


def _error(message: str) -> None:
    _error_line(f"aztimeline: error: {message}")


def _error_line(line: str) -> None:
    """One line on standard error, with whatever came from outside shown as escapes."""
    try:
        print(for_terminal(line), file=sys.stderr)
    except (UnicodeError, LookupError):  # standard error's own encoding cannot hold it either: plain ASCII bytes then
        buffer = getattr(sys.stderr, "buffer", None)
        if buffer is not None:
            buffer.write(for_terminal(line).encode("ascii", "backslashreplace") + b"\n")
            buffer.flush()


def _validated(args: argparse.Namespace) -> Any:
    from .validate import load_and_validate

    return load_and_validate(args.data)


def _emit(obj: Any) -> None:
    # JSON escapes for what a terminal would act on (U+2028, bidirectional controls): the same data, still JSON.
    sys.stdout.write(json_for_terminal(json.dumps(obj, ensure_ascii=False, indent=2)) + "\n")


def cmd_validate(args: argparse.Namespace) -> None:
    try:
        v = _validated(args)
    except DataError as exc:
        if args.format == "json":  # a program gets the problems as JSON too; a reader still gets the lines on stderr
            _emit({"valid": False, "problems": [{"file": p.file, "line": p.line or None, "field": p.field or None, "message": p.message} for p in exc.problems]})
        raise
    n = {
        "countries": len(v.dataset.countries),
        "versions": sum(len(cd.versions) for cd in v.dataset.countries.values()),
        "changes": sum(len(r) for r in v.changes.values()),
        "quotes_verified": _count_quotes(v),
    }
    if args.format == "json":
        _emit({"valid": True, **n})
    else:
        print(f"valid: {n['countries']} country, {n['versions']} versions, {n['changes']} changes, {n['quotes_verified']} quotes verified")


def _count_quotes(v: Any) -> int:
    n = 0
    for cd in v.dataset.countries.values():
        n += sum(len(p.citations) for ver in cd.versions.values() for p in ver.provisions.values())
        n += sum(len(ver.evidence_base.citations) for ver in cd.versions.values())
        n += sum(len(m.citations) for ver in cd.versions.values() for _, m in ver.milestones)
        n += sum(len(c) for a in cd.amendments.values() for c in (*a.justifications.values(), *a.kept.values()))
        n += sum(len(note.new_citations) for a in cd.amendments.values() for note in a.notes.values())
        n += sum(len(c.fate.citations) for c in cd.country.codified_context if c.fate is not None)
        n += sum(len(e.citations) for e in cd.events.events)
        n += sum(len(c) for s in cd.sources.values() for c in s.meta.metadata_evidence.values())
        n += sum(len(d.evidence) for s in cd.sources.values() for d in s.meta.discrepancies)
    return n


def cmd_changes(args: argparse.Namespace) -> None:
    v = _validated(args)
    records = [r for recs in v.changes.values() for r in recs]
    if args.format == "json":
        _emit([r.model_dump(mode="json") for r in records])
        return
    groups, sources = _group_labels(v), _sources(v)
    for r in records:
        print(f"{r.id}  [{r.kind}]  {r.placement.get('label_en', r.section)}")
        print(f"  {r.title_en}")
        print(f"  {r.version_from} -> {r.version_to}, announced {r.announced}, effective in aztimeline {r.effective or 'unknown'}")
        if r.basis:
            print(f"  basis: {r.basis['text_en']}")
        _print_placement(r.placement, "  ")
        print(f"  groups: {_groups_text(r.groups, groups)}")
        for c in r.context:
            _print_context(c, "  ")
        for f in r.fields:
            print(f"  field {f.path}: {_brief(f.before, f.after)} -> {_brief(f.after, f.before)}")
        if r.previous:
            print(f"  before the change ({r.previous['state']}): {r.previous['text_en']}")
        if r.new:
            print(f"  what is new: {r.new['text_en']}")
            for c in r.new["quotes"]:
                _print_quote(c, "    ", sources)
        if r.not_established:
            print(f"  not established as a change: {r.not_established['text_en']}")
        if r.inference:
            print(f"  our inference: {r.inference['text_en']}")
        for c in r.justifications:
            _print_quote(c, "  ", sources)
        print()
    print(f"{len(records)} changes")
    if records:  # how current the whole record is, with every development no version records
        from .timeline import currency

        _print_currency(currency(_timeline(v, None), None), "")


def _group_labels(v: Any) -> dict[str, str]:
    return {g.id: g.label_en for cd in v.dataset.countries.values() for g in cd.country.groups}


def _groups_text(ids: list[str], labels: dict[str, str]) -> str:
    return "; ".join(f"{labels.get(g, g)} [{g}]" for g in ids)


def _print_placement(pl: dict[str, Any], indent: str) -> None:
    """Where the Vc places it: the label, and its basis (the fact, or that the heading is ours)."""
    if not pl:
        return
    print(f"{indent}where: {pl['label_en']}")
    if pl["basis"] == "codified" and (f := pl["fact"]):
        print(f"{indent}  placed by a fact about the codified text: {f['id']} ({f['record']}; confidence {f['confidence']})")


def _print_context(c: dict[str, Any], indent: str) -> None:
    what = f"a fact, not a quote; {c['record']}; confidence {c['confidence']}"
    print(f"{indent}context from the Vc text, {c.get('label') or c['number']} ({what}):")
    print(f"{indent}  {c['text_en']}")
    if c.get("fate"):
        print(f"{indent}  after the letter ({c['fate']['state']}): {c['fate']['text_en']}")


def _print_quote(c: Any, indent: str, sources: dict[str, Any]) -> None:
    """One quote: where it stands in the letter, in the reader's language ("paragraph 5 (page 2)"), and the
    words, with "[\u2026]" where words of the sentence are left out."""
    from .precision import paragraph_label
    from .source import quote_display

    cit = argparse.Namespace(**c) if isinstance(c, dict) else c
    page = getattr(cit, "page", None)
    where = getattr(cit, "label_en", None) or (paragraph_label(cit.anchor, page, "en") if page is not None else "")
    print(f"{indent}quote, {where}: \u201c{quote_display(cit, sources.get(cit.source))}\u201d")


def _sources(v: Any) -> dict[str, Any]:
    return {sid: s for cd in v.dataset.countries.values() for sid, s in cd.sources.items()}


def _print_currency(cur: dict[str, Any], indent: str, *, day_asked: bool = False) -> None:
    """How current the answer is; with a date asked, the known developments on or before it and after it apart."""
    if not day_asked or cur.get("text_en") is None:
        print(f"{indent}currency: checked for later changes until {cur['checked_until']}. {cur['basis_en']}")
        if cur["known_later"]:
            print(f"{indent}known later developments, not recorded as versions:")
            for k in cur["known_later"]:
                print(f"{indent}  - {_known(k)}")
        return
    print(f"{indent}currency: {cur['text_en']}")
    print(f"{indent}  the search: {cur['basis_en']}")
    for key, words in (("known_before", "known on or before the date asked"), ("known_after", "known after the date asked")):
        items = cur.get(key) or []
        print(f"{indent}  {words}, not recorded as versions: {'none' if not items else ''}".rstrip())
        for k in items:
            print(f"{indent}    - {_known(k)}")


def _print_known_before(cur: dict[str, Any], indent: str) -> None:
    """Right under the status, as the site's status box does, the developments dated on or before the date asked that
    no version records, by date and short name: the letter of 7 December 2021 on amv came some 140 lines down, under
    currency (a lawyer's read). currency lists them in full."""
    items = cur.get("known_before") or []
    if not items:
        return
    t = _site_words()["en"]
    count = (t["developments_one"] if len(items) == 1 else t["developments_n"]).format(n=len(items))
    named = "; ".join(f"{k['date']} {k.get('name_en') or k['title_en']}" for k in items)
    print(f"{indent}{t['known_before']}: {count} ({named}); listed in full under currency below.")


def _known(k: dict[str, Any]) -> str:
    return f"{k['date']} {k['title_en']} ({k['record']}; confidence {k['confidence']})"


def _brief(value: Any, other: Any = None, width: int = 70) -> str:
    """A value in at most width characters. Beside the other side of a change, it starts a few words before where the
    two first differ: two summaries that differ after 90 characters were both cut to the same 67 (an editor's read)."""
    text = json.dumps(value, ensure_ascii=False)
    first = len(os.path.commonprefix([text, json.dumps(other, ensure_ascii=False)])) if other is not None else 0
    start = 0 if first <= 40 else max(text.rfind(" ", 0, first - 20) + 1, first - 35)
    text = ("..." if start else "") + text[start:]
    return text if len(text) <= width else text[: width - 3] + "..."


def _timeline(v: Any, country: str | None) -> Any:
    from .asoftable import pick_country
    from .timeline import load_timeline

    countries = v.dataset.countries
    return load_timeline(countries[pick_country(sorted(countries), country)], v.changes)


def cmd_asof(args: argparse.Namespace) -> None:
    # A warm cache answers without loading pydantic, PyYAML or the models: its entry was written from validated data
    # whose every byte, as the folder pass reads it (and the tool's code), hashes to the key it is found under.
    from .answer import group_answer, group_choices, resolve_group
    from .asoftable import lookup, store
    from .datafiles import scan

    day = parse_date(args.date)
    files = scan(args.data)  # the one pass over the data folder: what keys the cache is what is validated below
    digest = None if files.problems else files.digest()
    answer, text = lookup(digest, day, args.country)
    if answer is None:
        from .precision import group_vocabulary
        from .timeline import asof, asof_tables
        from .validate import load_and_validate

        v = load_and_validate(args.data, files=files)
        tl = _timeline(v, args.country)
        answer = asof(tl, day)
        store(digest, v, asof_tables(v), args.data)
        vocabulary = group_vocabulary(tl.country.country)
        sources, shown = _sources(v), None
    else:
        vocabulary, sources, shown = text["groups"], {}, text["quotes"]
    answer = {**answer, "after_today": _after_today(day)}  # today's: never in the cache, whose answers outlive their day
    group = None
    if args.group is not None:
        gid = resolve_group(args.group, vocabulary)
        if gid is None:
            raise UsageError(f"unknown group {args.group!r}; give a group id or its label in Dutch or English: {group_choices(vocabulary)}")
        group = group_answer(answer, gid, vocabulary)
    if args.format == "json":
        _emit({**answer, "group": group} if group is not None else answer)
        return
    _print_answer(answer, group, vocabulary, functools.partial(_quote_text, sources, shown))


def _after_today(day: dt.date) -> dict[str, str] | None:
    """For a date after today, the site's sentence that the answer gives what the data holds for that day now, and
    today's date; else None. 1 January 2030 was answered in the past tense ("had put ... into the Vc") with no word
    of it on the command line and in its JSON (an outside tester's read)."""
    today = _today()
    if day <= today:
        return None
    from .dates import long_date

    t = _site_words()
    texts = {f"text_{lang}": t[lang]["asof_future"].format(date=long_date(day, lang), today=long_date(today, lang)) for lang in ("nl", "en")}
    return {"today": today.isoformat(), **texts}


def _quote_text(sources: dict[str, Any], shown: dict[str, str] | None, c: dict[str, Any]) -> str:
    """How a quote is shown ("[\u2026]" where words are left out): worked out before (the cache), or from the sources."""
    from .asoftable import quote_key
    from .source import quote_display

    return shown[quote_key(c)] if shown is not None else quote_display(argparse.Namespace(**c), sources.get(c["source"]))


def _print_answer(answer: dict[str, Any], group: dict[str, Any] | None, vocabulary: list[dict[str, Any]], shown: _QuoteText) -> None:
    """The as-of answer as text: the status on the date first, then the rules (for one group when asked), the facts
    about the Vc text, the version the answer keys on, and how current it is."""
    st = answer["status"]
    cur = answer["currency"]
    labels = {g["id"]: g["label_en"] for g in vocabulary}
    print(f"As of {answer['date']}" + (f", for {group['label_en']} [{group['id']}]" if group else "") + ":")
    print(f"  status: {st['headline_en']}")
    _print_known_before(cur, "  ")
    if st["vc_text"]:
        print(f"  Vc text on this date: {st['vc_text']['text_en']}")
    if cur["beyond"]:
        print(
            f"  WARNING: {answer['date']} is after {cur['checked_until']}, the last date for which later changes were looked for; "
            "later changes may exist that this answer does not know of."
        )
    if answer["after_today"]:
        print(f"  WARNING: {answer['after_today']['text_en']}")
    if group is not None:
        print(f"\n  {group['headline_en']}")
        _print_rules("Rules that name this group", group["rules"], labels, shown, "  ")
        _print_facts("Facts about the Vc text that name this group", group["context"], "  ")
        if group["unknown"]:
            print("  Unknown:")
            for u in group["unknown"]:
                print(f"    - {u['text_en']}")
        for rel in group["related"]:
            print(f"  See also {rel['label_en']} [{rel['id']}]: {rel['note_en']}")
            # each with its status on the date: a rule removed from the policy is no rule "on this date" without it
            rules = [f"{r['title_en']} — {r['short_en']}" for r in st["rules"] if r["provision"] in rel["rules"]]
            if rules:
                print("    its rules, with their status on this date:")
                for line in rules:
                    print(f"      - {line}")
            print(f"    aztimeline asof {answer['date']} --group {rel['id']}")
        if group["later"]:
            print(f"  Changes announced after this date that name this group (by {st['next']['label_en']}):")
            for ch in group["later"]:
                print(f"    - {ch['kind']}: {ch['title_en']}")
        _print_rules("Rules for everyone", group["everyone"], labels, shown, "  ")
    else:
        # "Rules on this date" listed rules only announced then as if they applied (a lawyer's read): the site's words
        _print_rules(_site_words()["en"]["all_rules"].format(n=len(st["rules"])), st["rules"], labels, shown, "  ")
        _print_facts("Facts about the Vc text", st["context"], "  ")
        if st["next"]:
            print(f"  Changes announced after this date (by {st['next']['label_en']}):")
            for ch in st["next"]["changes"]:
                print(f"    - {ch['kind']}: {ch['title_en']}")
    ver = answer["version"]
    print()
    if ver is None:
        print(f"  no version: {answer['note_en']}")
    else:
        print(f"  version in aztimeline: {ver['id']}: {ver['title_en']}")
        print(f"  {_in_aztimeline(ver['effective_from'], ver['effective_to'], ver['effective_from_basis'], cur['checked_until'])}")
        if answer["note_en"]:
            print(f"  note: {answer['note_en']}")
        print(f"  basis: {answer['basis']['text_en']}")
    _print_currency(cur, "  ", day_asked=True)


@functools.cache
def _site_words() -> dict[str, dict[str, Any]]:
    """The site's interface words (its catalogue's table t) by language: the command line's answer says what the
    site says, in its words. Read late, by the answers that use them; the site's code is not loaded."""
    from .messages import by_lang, catalogue

    return by_lang(catalogue("aztimeline", "site/messages.toml")["t"])


def _in_aztimeline(start: str | None, end: str | None, keyed_on: str, checked_until: str) -> str:
    """A version's dates in aztimeline, as the site words them ("In aztimeline from ..."), and the date it keys on:
    "applies in aztimeline from 2020-11-18" read as if the new policy applied on 1 December 2020 (a lawyer's read).
    end is the data's half-open end; the reader gets the last day, as the site gives it ("to ... inclusive")."""
    t = _site_words()["en"]
    since = start or t["unknown_start"]
    if end is None:
        return f"{t['applies_open'].format(start=since)} (keyed on: {keyed_on}); {t['open']} (checked for later changes until {checked_until})"
    last = dt.date.fromisoformat(end) - dt.timedelta(days=1)
    return f"{t['applies'].format(start=since, end=last.isoformat())} (keyed on: {keyed_on})"


def _print_rules(title: str, rules: list[dict[str, Any]], labels: dict[str, str], shown: _QuoteText, indent: str) -> None:
    if not rules:
        return
    print(f"{indent}{title}:")
    for r in rules:
        print(f"{indent}  - {r['title_en']}")
        print(f"{indent}      status: {r['text_en']}")
        if a := r["announced"]:
            print(f"{indent}      announced: {a['label_en']}; {a['kamerstuk_en']}")
        if c := r["codified"]:
            link = f"; {c['url']}" if c["url"] else ""
            print(f"{indent}      put into the Vc by: {c['label_en']}{'' if c['done'] else ' (after this date)'}{link}")
        if f := r["in_force"]:
            note = f" ({f['note_en']})" if f["note_en"] and not f["found"] else ""
            print(f"{indent}      in force: {f['label_en']}{note}")
        print(f"{indent}      where: {r['placement']['label_en']}")
        print(f"{indent}      groups: {'; '.join(labels.get(g, g) for g in r['groups'])}")
        print(f"{indent}      summary (ours): {r['summary_en']}")
        if r["inference"]:
            print(f"{indent}      our inference: {r['inference']['text_en']}")
        if r["previous"] and r["previous"]["state"] != "recorded":
            print(f"{indent}      before the change: {r['previous']['text_en']}")
        if r["new"] and r["new"]["text_en"]:
            print(f"{indent}      what is new: {r['new']['text_en']}")
        if r["not_established"]:
            print(f"{indent}      not established as a change: {r['not_established']['text_en']}")
        for c in r["citations"]:
            print(f"{indent}      quote, {c['label_en']}: \u201c{shown(c)}\u201d")
        if r["later"]:
            print(f"{indent}      later: {r['later']['text_en']}")


def _print_facts(title: str, facts: list[dict[str, Any]], indent: str) -> None:
    if not facts:
        return
    print(f"{indent}{title} (facts from other records, in our words; not quotes):")
    for c in facts:
        conf = c["confidence"] + (f": {c['confidence_note_en']}" if c.get("confidence_note_en") else "")
        print(f"{indent}  - {c.get('title_en') or c['label']} ({c['label']}; {c['record']}; confidence {conf})")
        print(f"{indent}      {c['text_en']}")
        print(f"{indent}      on this date: {c['short_en']}")
        if c["fate"] and c["on_date"] != "later":
            print(f"{indent}      after the letter: {c['fate']['text_en']}")


def cmd_show(args: argparse.Namespace) -> None:
    from .precision import provision_json
    from .timeline import basis_of_version, currency

    v = _validated(args)
    cd = next((cd for cd in v.dataset.countries.values() if args.version in cd.versions), None)
    if cd is None:
        known = sorted(vid for cd in v.dataset.countries.values() for vid in cd.versions)
        raise UsageError(f"unknown version {args.version!r}; known versions: {', '.join(known)}")
    ver = cd.versions[args.version]
    tl = _timeline(v, cd.country.id)
    shown = {  # the version as stored, each provision in the contract's shape, with the basis of its dates and currency
        **ver.model_dump(mode="json", exclude_none=True),
        "provisions": {pid: provision_json(cd, pid, p) for pid, p in ver.provisions.items()},
        "basis": basis_of_version(tl, ver.id),
        "currency": currency(tl, None, version=ver.id),
    }
    if args.format == "json":
        _emit(shown)
        return
    print(f"{ver.id}: {ver.title_en}")
    period = next(p for p in tl.periods if p.version == ver.id)
    start, end = (d.isoformat() if d else None for d in (period.start, period.end))
    print(_in_aztimeline(start, end, ver.effective_from_basis, shown["currency"]["checked_until"]))
    print(f"basis: {shown['basis']['text_en']}")
    for name, m in ver.milestones:
        print(f"  {name}: {m.date}" + (f" [{m.fact}]" if m.fact else ""))
    groups, sources = _group_labels(v), _sources(v)
    for s in cd.country.sections:
        items = [pid for pid, p in ver.provisions.items() if p.section == s.id]
        if items:
            print(f"\n{s.title_en} (our heading)")
        for pid in items:  # each provision: its place in the Vc, its groups, our inference, its context and quotes
            p = shown["provisions"][pid]
            print(f"  {pid}: {p['title_en']}")
            print(f"    {p['summary_en']}")
            _print_placement(p["placement"], "    ")
            print(f"    groups: {_groups_text(p['groups'], groups)}")
            if p.get("inference"):
                print(f"    our inference: {p['inference']['text_en']}")
            for c in p["context"]:
                _print_context(c, "    ")
            for c in p["citations"]:
                _print_quote(c, "    ", sources)
    print()
    _print_currency(shown["currency"], "")


def cmd_paragraphs(args: argparse.Namespace) -> None:
    # Only the source itself must load: editors use this while the rest of the data is still incomplete.
    from .load import load_partial

    dataset, _ = load_partial(args.data)
    src = next((cd.sources[args.source] for cd in dataset.countries.values() if args.source in cd.sources), None)
    if src is None:
        known = sorted(s for cd in dataset.countries.values() for s in cd.sources)
        raise UsageError(f"unknown source {args.source!r} (or it does not load; run aztimeline validate); known sources: {', '.join(known)}")
    if args.format == "json":
        _emit([{"anchor": p.anchor, "role": p.role, "lines": [p.line_start, p.line_end], "text": p.text} for p in src.view.paragraphs])
        return
    for p in src.view.paragraphs:  # the raw text's words reach a terminal only through for_terminal
        print(f"{p.anchor:>4} [{p.role}] lines {p.line_start}-{p.line_end}: {for_terminal(p.text)}")


def _output_name_problem(given: str) -> str | None:
    """What is wrong with the name given to --output as typed, which its Path no longer shows: Path("x.md/") is x.md,
    so a name ending in / wrote a file where it named a folder, and Path("") is ".", which was said to be a folder
    (found by an outside tester)."""
    if not given.strip():  # "" is the folder ".", and " " a file no one can see in a listing (a liaison's read)
        return f"--output is {'blank' if given else 'empty'}; give a file name"
    end = next((end for end in ("/", "/.", "/..") if given.endswith(end)), None)
    if end is None or not given.strip("/"):  # the root is a folder that check_target names
        return None
    return f"{given} names a folder, as it ends in {end}; give a file name"


def cmd_export(args: argparse.Namespace) -> None:
    from .export import TEXT_FORMATS, check_extension, export, select_changes, write_stdout
    from .export.settings import memo_text_problem, read_settings
    from .provenance import build_stamp

    bad: dict[str, str] = {}  # every bad option of this run, as its line says it: reported together, with the file's
    output = Path(args.output)
    if args.output == "-":
        if args.format not in TEXT_FORMATS:
            bad["--output"] = f"{args.format} is a binary format and is not written to standard output; give --output FILE.{args.format}"
    elif problem := _output_name_problem(args.output):
        bad["--output"] = problem
    else:
        try:
            atomic.check_target(output, force=args.force, what="exports write")  # now, and again when writing
            check_not_in_data(output, args.data, "the export")
            check_extension(output, args.format, force=args.force)
        except (OutputError, UsageError) as exc:
            bad["--output"] = str(exc)
    for key, (_, option) in MEMO_FIELDS.items():
        value = getattr(args, key)
        if value is not None and (problem := memo_text_problem(value)):
            bad[option] = f"{option}: {problem}"
    dates: dict[str, dt.date | None] = {}
    for option in ("since", "until", "memo_date"):
        try:
            # a selection may run from any day (--since 0001-01-01); a memo is dated on a day the data can speak of
            given = getattr(args, option)  # "" is a date given wrong, not one left out (found by an outside tester)
            dates[option] = parse_date(given, in_range=option == "memo_date") if given is not None else None
        except UsageError as exc:
            bad[f"--{option.replace('_', '-')}"] = f"--{option.replace('_', '-')}: {exc}"
    for option, value in (("--csv-sep", args.csv_sep), ("--csv-ids", args.csv_ids)):
        if value and args.format != "csv":
            bad[option] = f"{option} applies to --format csv only, not to {args.format}"
    try:
        settings = read_settings(args.settings, Path.cwd())
    except DataError as exc:  # the file's problems, and the command line's beside them
        said = [Problem("command line", 0, option, line.removeprefix(f"{option}: ")) for option, line in bad.items()]
        raise DataError([*exc.problems, *said]) from None
    if bad and args.group is not None:  # a slip in the group's name is said with the others (a liaison's read)
        with contextlib.suppress(DataError):
            try:
                select_changes(_validated(args), group=args.group)
            except UsageError as exc:
                bad["--group"] = str(exc)
    if bad:
        raise UsageError(*bad.values())
    since, until, memo_date = dates["since"], dates["until"], dates["memo_date"] or _today()
    memo = {key: getattr(args, key) if getattr(args, key) is not None else settings.get(key) for key in MEMO_FIELDS}
    v = _validated(args)
    sel = select_changes(v, version_from=args.version_from, version_to=args.version_to, since=since, until=until, group=args.group)
    letters = [a.announced for cd in v.dataset.countries.values() for aid, a in cd.amendments.items() if aid in sel.transitions]
    if args.memo_date is not None and letters and memo_date < min(letters):  # its statuses would be the letter's day's (a liaison's read)
        raise UsageError(
            f"--memo-date: {memo_date} is before the letter of {min(letters)} that the memo describes; check the year"
        )
    stamp = build_stamp(args.data)
    produce = export(
        v,
        sel,
        args.format,
        args.lang,
        stamp,
        csv_sep=args.csv_sep,
        csv_ids=args.csv_ids,
        site_url=args.site_url,
        memo_date=memo_date,
        annex=not args.no_annex,
        **memo,
    )
    if args.output == "-":  # standard output: text formats only, and the report goes to stderr
        write_stdout(args.format, produce, sys.stdout.buffer)
        print(f"wrote standard output ({len(sel.records)} changes, {args.format})", file=sys.stderr)
    else:
        atomic.write_files({output: produce}, force=args.force, what="exports write")
        print(for_terminal(f"wrote {output} ({len(sel.records)} changes, {args.format})"))
        _open_elsewhere(output)
    _memo_notes(args.format, memo, memo_date, stamp, args.lang)
    unused = [option for key, (_, option) in MEMO_FIELDS.items() if getattr(args, key) is not None]
    if args.format == "csv" and unused:  # the liaison may have meant the workbook (a liaison's read)
        print(f"note: a csv file has no nota fields: {', '.join(unused)} not used; the workbook (xlsx) and the nota hold them", file=sys.stderr)
    if args.no_annex and args.format in ("csv", "json"):  # as --help says, and said nothing of (a liaison's read)
        print(f"note: a {args.format} file has no annex: --no-annex not used; it shortens the nota (docx, md) and the workbook", file=sys.stderr)


def _open_elsewhere(path: Path) -> None:
    """A note where the file replaced is open in an office program (its lock file beside it): saving it there would
    put the old memo back over the new one (a liaison's read)."""
    name = path.name
    for lock, program in ((f".~lock.{name}#", "LibreOffice"), (f"~${name}", "Word"), (f"~${name[2:]}", "Word")):
        if len(name) > 2 and os.path.isfile(path.parent / lock):  # False, not an error, for a name too long
            print(for_terminal(f"note: {name} is open in {program} ({lock} beside it): close it there without saving, or it saves the old memo over this one"), file=sys.stderr)
            return


MEMO_FIELDS = {"memo_to": ("Aan (to)", "--memo-to"), "memo_from": ("Van (from)", "--memo-from"), "reference": ("Kenmerk (reference)", "--reference")}
"""The nota's fields of the liaison's own: the words of the memo's header, and the option that sets each."""


def _memo_notes(fmt: str, memo: dict[str, str | None], memo_date: dt.date, stamp: dict[str, Any], lang: str) -> None:
    """Notes on standard error on a memo written but perhaps not ready to send (liaisons' reads): its own fields
    missing (the Word and Markdown nota, the workbook) or cut on the workbook's printed pages, or a date before the
    data was last edited or after today, whose statuses are that day's and where a slip in the year (2020 or 2062 for
    2026) would not show."""
    missing = [MEMO_FIELDS[key] for key in MEMO_FIELDS if not memo.get(key)]
    from .export.common import LABELS  # loaded by the export already

    if missing and fmt in ("docx", "md", "xlsx"):  # the nota, and the workbook whose header and footer name them
        names, options = ", ".join(name for name, _ in missing), ", ".join(option for _, option in missing)
        shown = f"; it reads {LABELS[lang]['to_fill']} there" if fmt != "xlsx" else ""
        print(f"note: the memo has no {names}{shown}; give {options}, or set {'them' if len(missing) > 1 else 'it'} under [memo] in aztimeline.toml", file=sys.stderr)
    if fmt == "xlsx":
        from .export.to_xlsx import cut_in_print  # loaded by the export already

        for key, where, limit in cut_in_print(memo, lang):
            sheet = LABELS[lang]["sheet_sources"]  # as the workbook names it, in its language
            print(f"note: the printed pages' {where} holds {MEMO_FIELDS[key][0]} cut to {limit} characters with its label; the {sheet} sheet holds it whole", file=sys.stderr)
    # the day the data was last edited where the memo is made, as its date is (an evening commit in New York is the
    # next day in UTC: found by a second outside tester)
    edited = dt.datetime.fromisoformat(stamp["commit_date"]).astimezone().date() if stamp.get("commit_date") else None
    if edited is not None and memo_date < edited:
        print(
            f"note: the memo is dated {memo_date}, before the data was last edited ({edited}); its statuses are those of "
            f"{memo_date}: if that is a slip, export again with --memo-date YYYY-MM-DD",
            file=sys.stderr,
        )
    elif memo_date > (today := dt.date.today()):
        print(
            f"note: the memo is dated {memo_date}, after today ({today}); its statuses are those the data gives for "
            f"{memo_date}: if that is a slip, export again with --memo-date YYYY-MM-DD",
            file=sys.stderr,
        )


def _today() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH fixes (a reproducible output): the day a memo is dated by default, and
    the day after which an as-of answer says its date is still to come."""
    fixed = clock.build_time()
    return fixed.date() if fixed is not None else dt.date.today()


def cmd_build(args: argparse.Namespace) -> None:
    from .site.build import build_site  # late: MkDocs, Jinja2 and the exporters load for this command only

    with atomic.signals_raise():  # SIGTERM and SIGHUP clean up the stage and the lock, as Ctrl+C does
        out = build_site(args.data, args.output, release=args.release, engine=args.engine, site_url=args.site_url)
    print(for_terminal(f"built {out}"))


def cmd_serve(args: argparse.Namespace) -> None:
    from .serve import HOST, make_server  # late: http.server loads ssl and email, which no other command needs

    server = make_server(args.site, args.port)
    print(f"serving {args.site} on http://{HOST}:{server.server_port}/ (local preview only; Ctrl+C stops)")
    with server, contextlib.suppress(KeyboardInterrupt):  # Ctrl+C stops; leaving closes the server
        server.serve_forever()


def cmd_history(args: argparse.Namespace) -> None:
    from .provenance import history

    if args.path is not None:  # the editorial history of one data file: not of code, nor of a folder
        if not args.path.exists() and not args.path.is_absolute() and (args.data / args.path).exists():
            args.path = args.data / args.path  # a name as history lists it, relative to the data folder
        if not args.path.exists():
            raise UsageError(f"{args.path} not found")
        data = Path(os.path.realpath(args.data))
        real = Path(os.path.realpath(args.path))
        if data not in real.parents or not real.is_file():
            raise UsageError(
                f"{args.path} is not a data file in {args.data}; give one of its files, or no PATH for every data file"
            )
    files, notice = history(args.data, args.path)
    if notice:
        print(f"aztimeline: {notice}", file=sys.stderr)
    if args.format == "json":
        from dataclasses import asdict

        _emit({name: [asdict(fv) for fv in versions] for name, versions in files.items()})
        return
    for name, versions in files.items():
        print(for_terminal(name))
        for fv in versions:
            renamed = "" if fv.path.endswith(name) else f"  (as {fv.path})"
            print(for_terminal(f"  {fv.date[:10]}  {fv.sha[:10]}  {fv.author}: {fv.message}{renamed}"))


def cmd_diff(args: argparse.Namespace) -> None:
    from .corrections import review_diff
    from .diff import list_change

    if len(args.rev) > 2:
        raise UsageError("give --rev once (against the working tree) or twice (two revisions)")
    changes, a, b = review_diff(args.data, args.rev[0], args.rev[1] if len(args.rev) == 2 else None)
    if args.format == "json":
        _emit({"from": a, "to": b, "editorial_changes": [c.__dict__ for c in changes]})
        return
    print(for_terminal(f"Differences in the data from {a} to {b} (between git revisions; `aztimeline changes` lists policy changes):"))
    for c in changes:
        print(for_terminal(f"  {c.describe()}"))
        if c.change in ("corrected", "updated") and isinstance(c.before, list) and isinstance(c.after, list):
            # a list by what left it and what joined it, as the Corrections page: an added quote read as a replaced
            # one when the two lists were shown whole from where they first differ (a new editor's read)
            left, joined, _ = list_change(c.before, c.after)
            for line in [*(f"    - {_brief(x, width=110)}" for x in left), *(f"    + {_brief(x, width=110)}" for x in joined)]:
                print(for_terminal(line))
        elif c.change in ("corrected", "updated"):
            print(for_terminal(f"    - {_brief(c.before, c.after)}"))
            print(for_terminal(f"    + {_brief(c.after, c.before)}"))
    if not changes:
        print("  none")


def cmd_new_version(args: argparse.Namespace) -> None:
    from .load import shown_path
    from .scaffold import new_version

    for p in new_version(args.data, args.version_from, args.source, parse_date(args.date)):
        print(for_terminal(f"wrote {shown_path(p)}"))
    print("next: fill in the files, then run aztimeline validate; it lists what is still missing")


def cmd_schema(args: argparse.Namespace) -> None:
    from .schema import write_schemas

    if not args.check:
        check_not_in_data(args.output, default_data(), "the schemas", into=True)  # written into, through every link
        if os.path.lexists(args.output) and not args.output.is_dir():
            raise UsageError(f"{args.output} exists and is not a folder; give a folder for the schemas")
    stale = write_schemas(args.output, check=args.check, force=args.force)
    if args.check:
        if stale:
            raise UsageError(f"out of date: {', '.join(stale)}; run aztimeline schema")
        print("schemas up to date")
    elif stale:
        print(for_terminal(f"wrote {len(stale)} schema{'s' if len(stale) != 1 else ''} to {args.output}: {', '.join(stale)}"))
    else:
        print(for_terminal(f"schemas in {args.output} are up to date; nothing was written"))


_COMMANDS = {
    "validate": cmd_validate,
    "changes": cmd_changes,
    "asof": cmd_asof,
    "show": cmd_show,
    "paragraphs": cmd_paragraphs,
    "export": cmd_export,
    "build": cmd_build,
    "schema": cmd_schema,
    "history": cmd_history,
    "serve": cmd_serve,
    "diff": cmd_diff,
    "new-version": cmd_new_version,
}


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
