"""The command line: parse arguments, call one stage, print the result or a located error."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from .errors import AztimelineError, DataError, OutputError, UsageError
from .serve import make_server

EXIT_OK, EXIT_DATA = 0, 2
EXPORT_FORMATS = ("docx", "xlsx", "csv", "md", "json")


def default_data() -> Path:
    """policy_versions/ of the repository we run from (or of the current folder)."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "policy_versions").is_dir():
            return folder / "policy_versions"
    return here / "policy_versions"


def parse_date(text: str) -> dt.date:
    """An ISO date YYYY-MM-DD, or a UsageError that says why not: the wrong form, or a day that does not exist."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):  # fromisoformat also takes weeks (2020-W47-3)
        raise UsageError(f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2020-11-18")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{text} is written as a date, but that day does not exist ({_missing_day(text)}); check the date") from None


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
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_DATA, f"{self.prog}: error: {message} (see --help)\n")


def _data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=None, metavar="PATH", help="data directory (default: the repository's policy_versions/)")


def _common(p: argparse.ArgumentParser, formats: tuple[str, ...] = ("text", "json")) -> None:
    _data(p)
    p.add_argument("--format", choices=formats, default=formats[0], help=f"output format (default: {formats[0]})")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="aztimeline", description="Versioned timeline of the Dutch country policy for Azerbaijan (Vc C7/5).")
    p.add_argument("--version", action="version", version=_version())
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
        description="The version in force on DATE and changes pending then. Example: aztimeline asof 2020-12-01",
    )
    c.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    c.add_argument("--country", default=None, help="country id (needed when the data holds several)")
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
    c.add_argument("--output", required=True, type=Path, metavar="FILE", help="file to write, or - for standard output (md, csv, json)")
    c.add_argument("--from", dest="version_from", metavar="VERSION", help="first version of the selection")
    c.add_argument("--to", dest="version_to", metavar="VERSION", help="last version of the selection")
    c.add_argument("--since", metavar="DATE", help="changes announced on or after DATE")
    c.add_argument("--until", metavar="DATE", help="changes announced on or before DATE")
    c.add_argument(
        "--group", metavar="GROUP", help="only changes concerning GROUP (a group id from country.yaml), with the rules for everyone"
    )
    c.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of headings and summaries; quotes stay Dutch (default: nl)")
    c.add_argument("--csv-sep", choices=(",", ";"), default=",", help="CSV field separator; ';' for Excel in a Dutch locale (default: ,)")
    c.add_argument("--site-url", metavar="URL", help="address of the published site, to link each change to its page (xlsx, json)")
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
        "Example: aztimeline new-version --from az-2020-11-18 --source brief.txt --date 2021-12-07",
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
    return p


def _version() -> str:
    from . import __version__

    return f"aztimeline {__version__}"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(_COMMANDS[args.command](args) or 0)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        n = len(exc.problems)
        print(f"aztimeline: {n} problem{'s' if n != 1 else ''} found; nothing was written", file=sys.stderr)
        return EXIT_DATA
    except (UsageError, OutputError) as exc:
        print(f"aztimeline: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except AztimelineError as exc:  # pragma: no cover - every subclass is handled above
        print(f"aztimeline: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # output piped into head and the like: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # the environment: an unreadable file, a full disk, a name too long, a symlink loop
        print(f"aztimeline: error: {os_problem(exc)}", file=sys.stderr)
        return EXIT_DATA


def os_problem(exc: OSError) -> str:
    """An operating-system error as one line: what failed, on which path, and the system's reason."""
    what = exc.strerror or str(exc)
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{what}; check the path and its permissions, and the free space"


def _validated(args: argparse.Namespace) -> Any:
    from .validate import load_and_validate

    return load_and_validate(args.data or default_data())


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def cmd_validate(args: argparse.Namespace) -> int:
    v = _validated(args)
    n_versions = sum(len(cd.versions) for cd in v.dataset.countries.values())
    n_changes = sum(len(r) for r in v.changes.values())
    n_quotes = _count_quotes(v)
    if args.format == "json":
        _emit(
            {
                "valid": True,
                "countries": len(v.dataset.countries),
                "versions": n_versions,
                "changes": n_changes,
                "quotes_verified": n_quotes,
            }
        )
    else:
        print(f"valid: {len(v.dataset.countries)} country, {n_versions} versions, {n_changes} changes, {n_quotes} quotes verified")
    return EXIT_OK


def _count_quotes(v: Any) -> int:
    n = 0
    for cd in v.dataset.countries.values():
        n += sum(len(p.citations) for ver in cd.versions.values() for p in ver.provisions.values())
        n += sum(
            len(ver.evidence_base.citations)
            + sum(len(getattr(ver.milestones, m).citations) for m in ("announced", "signed", "published", "in_force"))
            for ver in cd.versions.values()
        )
        n += sum(len(c) for a in cd.amendments.values() for c in (*a.justifications.values(), *a.kept.values()))
        n += sum(len(e.citations) for e in cd.events.events)
        n += sum(len(c) for s in cd.sources.values() for c in s.meta.metadata_evidence.values())
        n += sum(len(d.evidence) for s in cd.sources.values() for d in s.meta.discrepancies)
    return n


def cmd_changes(args: argparse.Namespace) -> int:
    v = _validated(args)
    records = [r for recs in v.changes.values() for r in recs]
    if args.format == "json":
        _emit([r.model_dump(mode="json") for r in records])
        return EXIT_OK
    groups = _group_labels(v)
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
            print(f"  field {f.path}: {_brief(f.before)} -> {_brief(f.after)}")
        for c in r.justifications:
            _print_quote(c, "  ", _sources(v))
        print()
    print(f"{len(records)} changes")
    if records and records[-1].currency:
        _print_currency(records[-1].currency, "")
    return EXIT_OK


def _group_labels(v: Any) -> dict[str, str]:
    return {g.id: g.label_en for cd in v.dataset.countries.values() for g in cd.country.groups}


def _groups_text(ids: list[str], labels: dict[str, str]) -> str:
    return "; ".join(f"{labels.get(g, g)} [{g}]" for g in ids)


def _print_placement(pl: dict[str, Any], indent: str) -> None:
    """Where the Vc places it: the label, and its basis (the fact, or that the heading is ours)."""
    if not pl:
        return
    if pl["basis"] == "codified" and pl["fact"]:
        f = pl["fact"]
        print(f"{indent}where: {pl['label_en']}")
        print(f"{indent}  placed by a fact about the codified text: {f['id']} ({f['record']}; confidence {f['confidence']})")
    else:
        print(f"{indent}where: {pl['label_en']}")


def _print_provision(
    p: dict[str, Any], indent: str, groups: Any, sources: dict[str, Any], shown: dict[str, str] | None = None
) -> None:
    """A provision's place in the Vc, its groups, its codified-text context and its quotes (shown: quote texts
    worked out before, by quote_key)."""
    from .asoftable import quote_key

    _print_placement(p["placement"], indent)
    print(f"{indent}groups: {_groups_text(p['groups'], groups)}")
    for c in p["context"]:
        _print_context(c, indent)
    for c in p["citations"]:
        _print_quote(c, indent, sources, shown[quote_key(c)] if shown is not None else None)


def _print_context(c: dict[str, Any], indent: str) -> None:
    what = f"a fact, not a quote; {c['record']}; confidence {c['confidence']}"
    print(f"{indent}context from the codified Vc text, section {c['number']} ({what}):")
    print(f"{indent}  {c['text_en']}")


def _print_quote(c: Any, indent: str, sources: dict[str, Any], shown: str | None = None) -> None:
    """One quote: where it stands in the letter, in the reader's language ("paragraph 5 (page 2)"), and the
    words, with "[\u2026]" where words of the sentence are left out (shown: those words, worked out before)."""
    from .source import citation_label, quote_display

    get = c.get if isinstance(c, dict) else lambda k, d=None: getattr(c, k, d)
    cit = argparse.Namespace(anchor=get("anchor"), quote=get("quote"), page=get("page"), partial=get("partial"))
    src = sources.get(str(get("source")))
    where = citation_label(cit, "en") if cit.page is not None else cit.anchor
    print(f"{indent}quote {where} [{get('source')}#{cit.anchor}]: \u201c{shown if shown is not None else quote_display(cit, src)}\u201d")


def _sources(v: Any) -> dict[str, Any]:
    return {sid: s for cd in v.dataset.countries.values() for sid, s in cd.sources.items()}


def _print_currency(cur: dict[str, Any], indent: str) -> None:
    print(f"{indent}currency: checked for later changes until {cur['checked_until']}. {cur['basis_en']}")
    if cur["known_later"]:
        print(f"{indent}known later developments, not recorded as versions:")
        for k in cur["known_later"]:
            print(f"{indent}  - {k['date']} {k['title_en']} ({k['record']}; confidence {k['confidence']})")


def _brief(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 70 else text[:67] + "..."


def _timeline(v: Any, country: str | None) -> Any:
    from .timeline import load_timeline

    countries = v.dataset.countries
    if country is None:
        if len(countries) != 1:
            raise UsageError(f"the data holds several countries; pass --country ({', '.join(sorted(countries))})")
        country = next(iter(countries))
    if country not in countries:
        raise UsageError(f"unknown country {country!r}; known: {', '.join(sorted(countries))}")
    return load_timeline(countries[country], v.changes)


def cmd_asof(args: argparse.Namespace) -> int:
    # A warm cache answers without loading pydantic, PyYAML or the data: its entry was written from validated data
    # whose every byte (and the tool's code) hashes to the key it is found under (see asoftable.py, cache.py).
    from .asoftable import lookup, store

    day = parse_date(args.date)
    data = args.data or default_data()
    answer, text, digest = lookup(data, day, args.country)
    if answer is None:
        from .timeline import asof

        v = _validated(args)
        answer = asof(_timeline(v, args.country), day)
        store(data, digest, v)
        sources = _sources(v)
        groups = _group_labels(v)
    else:
        sources, groups = {}, text["groups"]
    if args.format == "json":
        _emit(answer)
        return EXIT_OK
    print(f"As of {answer['date']}:")
    cur = answer["currency"]
    if cur["beyond"]:
        print(
            f"  WARNING: {answer['date']} is after {cur['checked_until']}, the last date for which later changes were looked for; "
            "later changes may exist that this answer does not know of."
        )
    print(f"  basis: {answer['basis']['text_en']}")
    ver = answer["version"]
    if ver is None:
        print(f"  no version: {answer['note_en']}")
    else:
        print(f"  version {ver['id']}: {ver['title_en']}")
        end = (
            f"{ver['effective_to']} (not included)"
            if ver["effective_to"]
            else f"open (no later version recorded; checked until {cur['checked_until']})"
        )
        print(f"  applies in aztimeline from {ver['effective_from'] or 'unknown'} (keyed on: {ver['effective_from_basis']}) to {end}")
        if answer["note_en"]:
            print(f"  note: {answer['note_en']}")
        print(f"  codification: {answer['codification']['text_en']}")
        print(f"  provisions: {len(ver['provisions'])}")
        for p in ver["provisions"]:
            print(f"    - {p['id']}: {p['title_en']}")
            _print_provision(p, "        ", groups, sources, text["quotes"] if text else None)
    print(f"  pending changes: {', '.join(answer['pending']) if answer['pending'] else 'none'}")
    _print_currency(cur, "  ")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    v = _validated(args)
    for cd in v.dataset.countries.values():
        if args.version in cd.versions:
            ver = cd.versions[args.version]
            if args.format == "json":
                _emit(_show_json(v, cd, ver))
                return EXIT_OK
            shown = _show_json(v, cd, ver)
            print(f"{ver.id}: {ver.title_en}")
            print(f"applies in aztimeline from {ver.effective_from} (keyed on: {ver.effective_from_basis})")
            print(f"basis: {shown['basis']['text_en']}")
            for name in ("announced", "signed", "published", "in_force"):
                m = getattr(ver.milestones, name)
                print(f"  {name}: {m.date}" + (f" [{m.fact}]" if m.fact else ""))
            groups = _group_labels(v)
            for s in cd.country.sections:
                items = [(pid, p) for pid, p in ver.provisions.items() if p.section == s.id]
                if items:
                    print(f"\n{s.title_en} (our heading)")
                    for pid, _p in items:
                        p = shown["provisions"][pid]
                        print(f"  {pid}: {p['title_en']}")
                        print(f"    {p['summary_en']}")
                        _print_provision(p, "    ", groups, _sources(v))
            print()
            _print_currency(shown["currency"], "")
            return EXIT_OK
    known = sorted(vid for cd in v.dataset.countries.values() for vid in cd.versions)
    raise UsageError(f"unknown version {args.version!r}; known versions: {', '.join(known)}")


def _show_json(v: Any, cd: Any, ver: Any) -> dict[str, Any]:
    """A version as stored, with each provision in the contract's shape, the basis of its dates and currency."""
    from .precision import provision_json
    from .timeline import basis_of_version, currency

    tl = _timeline(v, cd.country.id)
    out: dict[str, Any] = ver.model_dump(mode="json", exclude_none=True)
    out["provisions"] = {pid: provision_json(cd, pid, p) for pid, p in ver.provisions.items()}
    out["basis"] = basis_of_version(tl, ver.id)
    out["currency"] = currency(tl, None, version=ver.id)
    return out


def cmd_paragraphs(args: argparse.Namespace) -> int:
    # Only the source itself must load: editors use this while the rest of the data is still incomplete.
    from .load import load_partial

    dataset, _ = load_partial(args.data or default_data())
    for cd in dataset.countries.values():
        src = cd.sources.get(args.source)
        if src:
            if args.format == "json":
                _emit(
                    [{"anchor": p.anchor, "role": p.role, "lines": [p.line_start, p.line_end], "text": p.text} for p in src.view.paragraphs]
                )
                return EXIT_OK
            for p in src.view.paragraphs:
                print(f"{p.anchor:>4} [{p.role}] lines {p.line_start}-{p.line_end}: {p.text}")
            return EXIT_OK
    known = sorted(s for cd in dataset.countries.values() for s in cd.sources)
    raise UsageError(f"unknown source {args.source!r} (or it does not load; run aztimeline validate); known sources: {', '.join(known)}")


def cmd_export(args: argparse.Namespace) -> int:
    from .export import TEXT_FORMATS, check_extension, check_target, export, select_changes, write_atomic, write_stdout
    from .provenance import build_stamp

    if str(args.output) == "-":
        if args.format not in TEXT_FORMATS:
            raise UsageError(f"{args.format} is a binary format and is not written to standard output; give --output FILE.{args.format}")
    else:
        from .site.output import check_not_in_data

        check_target(args.output, force=args.force)  # before the work: the path is checked again when writing
        check_not_in_data(args.output, args.data or default_data(), "the export")
        check_extension(args.output, args.format, force=args.force)

    since = parse_date(args.since) if args.since else None
    until = parse_date(args.until) if args.until else None
    data = args.data or default_data()
    v = _validated(args)
    if args.csv_sep != "," and args.format != "csv":
        raise UsageError(f"--csv-sep applies to --format csv only, not to {args.format}")
    sel = select_changes(v, version_from=args.version_from, version_to=args.version_to, since=since, until=until, group=args.group)
    produce = export(v, sel, args.format, args.lang, build_stamp(data), csv_sep=args.csv_sep, site_url=args.site_url)
    if str(args.output) == "-":  # standard output: text formats only, and the report goes to stderr
        write_stdout(args.format, produce, sys.stdout.buffer)
        print(f"wrote standard output ({len(sel.records)} changes, {args.format})", file=sys.stderr)
        return EXIT_OK
    write_atomic(args.output, produce, force=args.force)
    print(f"wrote {args.output} ({len(sel.records)} changes, {args.format})")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from .site.build import build_site  # late: MkDocs, Jinja2 and the exporters load for this command only

    data = args.data or default_data()
    out = build_site(data, args.output, release=args.release, engine=args.engine, site_url=args.site_url)
    print(f"built {out}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    server = make_server(args.site, args.port)
    host, port = server.server_address[:2]
    host = host.decode() if isinstance(host, bytes) else host
    print(f"serving {args.site} on http://{host}:{port}/ (local preview only; Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from .provenance import history

    data = args.data or default_data()
    if args.path is not None and not args.path.exists():
        raise UsageError(f"{args.path} not found")
    files, notice = history(data, args.path)
    if notice:
        print(f"aztimeline: {notice}", file=sys.stderr)
    if args.format == "json":
        _emit({name: [fv.as_dict() for fv in versions] for name, versions in files.items()})
        return EXIT_OK
    for name, versions in files.items():
        print(name)
        for fv in versions:
            renamed = "" if fv.path.endswith(name) else f"  (as {fv.path})"
            print(f"  {fv.date[:10]}  {fv.sha[:10]}  {fv.author}: {fv.message}{renamed}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from .provenance import review_diff

    if len(args.rev) > 2:
        raise UsageError("give --rev once (against the working tree) or twice (two revisions)")
    data = args.data or default_data()
    changes, a, b = review_diff(data, args.rev[0], args.rev[1] if len(args.rev) == 2 else None)
    if args.format == "json":
        _emit({"from": a, "to": b, "editorial_changes": [c.__dict__ for c in changes]})
        return EXIT_OK
    print(f"Differences in the data from {a} to {b} (between git revisions; `aztimeline changes` lists policy changes):")
    for c in changes:
        print(f"  {c.describe()}")
        if c.change == "corrected":
            print(f"    - {_brief(c.before)}")
            print(f"    + {_brief(c.after)}")
    if not changes:
        print("  none")
    return EXIT_OK


def cmd_new_version(args: argparse.Namespace) -> int:
    from .scaffold import new_version

    day = parse_date(args.date)
    data = args.data or default_data()
    written = new_version(data, args.version_from, args.source, day)
    from .load import shown_path

    for p in written:
        print(f"wrote {shown_path(p)}")
    print("next: fill in the files, then run aztimeline validate; it lists what is still missing")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas
    from .site.output import check_not_in_data

    if not args.check:
        check_not_in_data(args.output, args.data if getattr(args, "data", None) else default_data(), "the schemas")
        if os.path.lexists(args.output) and not args.output.is_dir():
            raise UsageError(f"{args.output} exists and is not a folder; give a folder for the schemas")
    stale = write_schemas(args.output, check=args.check)
    if args.check:
        if stale:
            raise UsageError(f"out of date: {', '.join(stale)}; run aztimeline schema")
        print("schemas up to date")
    else:
        print(f"wrote schemas to {args.output}")
    return EXIT_OK


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
