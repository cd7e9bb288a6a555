"""Cross-file rules: quotes verbatim, references resolve, versions ordered, changes justified."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .datafiles import DataFiles
from .dates import long_date
from .diff import changes_between
from .errors import DataError, Problem
from .load import CountryData, Dataset, LoadedSource, Where, load_partial
from .models import CONFIDENCE_RANK, ChangeRecord, Citation, MetadataKey, Provision
from .precision import annotate, cite, letter_order
from .source import Paragraph, find_quote, normalise_ws, quote_spans
from .textrules import brief, name_key, nearest
from .timeline import CYCLE, MILESTONES, Timeline, chain, change_basis, currency, known_milestones, milestone_date, periods
from .yamlload import Path_


@dataclass
class Validated:
    """A dataset that passed every rule, with its change records per transition, in order."""

    dataset: Dataset
    changes: dict[str, list[ChangeRecord]]


def load_and_validate(root: Path, *, files: DataFiles | None = None, verdict_only: bool = False) -> Validated:
    """Load and check everything; raise DataError with every located problem at once.

    files are the data files from the folder pass (datafiles.scan, the default) or from memory (datafiles.from_memory,
    for an old commit's blobs): exactly these bytes are checked, and nothing else is read.
    verdict_only=True is for callers that only ask whether the data validates (the corrections log, over old
    commits): loading ends at the first problem it finds, and the checks that would locate more are skipped, so
    the DataError lists that problem only. Data that validates is checked in full either way.
    """
    ds, problems = load_partial(root, first_problem=verdict_only, files=files)
    loaded = len(problems)
    problems.extend(_one_country(ds))
    changes: dict[str, list[ChangeRecord]] = {}
    seen_ids: dict[str, str] = {}
    for cd in ds.countries.values():
        problems.extend(_unique_ids(cd, seen_ids))
        problems.extend(_check_sources(cd))
        problems.extend(_check_versions(cd))
        problems.extend(_check_events(cd))
        if not ds.failed:  # transitions need every version and amendment; a broken file is reported already
            found, records = _check_transitions(cd)
            problems.extend(found)
            changes.update(records)
        else:  # every problem in one run: each amendment's own references and quotes, which need no transition
            for aid, a in sorted(cd.amendments.items()):
                problems.extend(_check_amendment(cd, a, cd.amendment_where[aid], refs=False))
    for cd in ds.sources_only.values():  # a country.yaml that did not load: its sources' own quotes still checked
        problems.extend(_check_sources(cd))
    for country, where in ds.unloaded:  # a file whose model did not load: its quotes, where they have their form
        if (owner := ds.countries.get(country) or ds.sources_only.get(country)) is not None:
            problems.extend(_check_unloaded_quotes(owner, where))
    for w in (w for cd in ds.countries.values() for w in cd.version_where.values() if w.located.dates_only):
        # a version's date refused, read as unknown (load): the checks of its dates wait, and an effective_from that
        # "must be unknown" or "may not be unknown" would be a false consequence of it (an outside tester)
        dated = [p for p in problems[:loaded] if p.file == w.file and p.field.split(".")[-1] in ("effective_from", "date")]
        if dated:
            problems[loaded:] = [p for p in problems[loaded:] if (p.file, p.field) != (w.file, "effective_from")]
            problems.append(dataclasses.replace(min(dated), message=UNDATED))
    for cd in ds.countries.values():  # a date read as a stand-in (load.STAND_IN): which checks wait for it
        for w in (cd.where, *cd.amendment_where.values()):
            problems.extend(w.at(path, WAITS[path]) for path in w.waiting if path in WAITS)
    if problems:
        raise DataError(problems)
    return Validated(ds, changes)


UNDATED = "until the version's dates are mended, they are not checked further: that each has its source, their order, and against the amendment and the other versions"
"""Said at the first of a version's dates that the YAML reading refused (and read as unknown), once."""

WAITS: dict[Path_, str] = {
    ("currency", "checked_until"): "until the date is mended, it is not checked against the start of the latest version",
    ("announced",): "until the date is mended, it is not checked against the announced milestone of the version it leads to",
}
"""Said beside a date the YAML reading refused where the model cannot hold unknown (read as load.STAND_IN): the checks
that wait for it. A later development's date waits for none: only the site reads it."""

FURNITURE_QUOTED = {("milestones",), ("metadata_evidence",), ("discrepancies",)}
"""The fields whose quotes may stand in the letterhead or a running header: a version's dates, a source's metadata."""


def _check_unloaded_quotes(cd: CountryData, where: Where) -> Iterator[Problem]:
    """The quotes of a file whose model did not load (a bad date beside them, say): every mapping with a source, an
    anchor and a quote of their forms is checked as a citation, so they are not hidden until that slip is mended."""

    def walk(node: Any, path: Path_) -> Iterator[Problem]:
        if isinstance(node, dict):
            if {"source", "anchor", "quote"} <= node.keys():
                try:
                    c = Citation.model_validate({k: node[k] for k in ("source", "anchor", "quote")})
                except ValidationError:
                    return  # not of the form a quote has: reported by the file's model
                # as _check_versions and _check_sources: a date or a source's own metadata may quote page furniture
                yield from check_citation(cd, c, where, path, furniture_ok=path[:1] in FURNITURE_QUOTED)
                return
            for key, value in node.items():
                yield from walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, (*path, i))

    yield from walk(where.located.data, ())


MAX_COUNTRIES = 1
"""The site's home, as-of and compare pages and the exports describe one country policy, so the data holds one."""


def _one_country(ds: Dataset) -> Iterator[Problem]:
    ids = sorted(ds.countries)
    for cid in ids[MAX_COUNTRIES:]:
        yield ds.countries[cid].where.at(
            ("id",),
            f"a second country ({cid}) is not supported: the site and exports cover one country ({ids[0]}); "
            "keep each country in a data folder of its own",
        )


# --- helpers -------------------------------------------------------------------------------------------

def _fact(w: Where, path: Path_, fact: str | None, facts: dict[str, str], hint: str = "") -> Iterator[Problem]:
    if fact and fact not in facts:
        yield w.at(path, f"unknown fact {fact!r}{hint}")


def check_citation(cd: CountryData, c: Citation, where: Where, path: Path_, *, furniture_ok: bool = False) -> Iterator[Problem]:
    """A citation's source and anchor exist, the anchor is body text, and the quote stands there verbatim."""
    src = cd.sources.get(c.source) or cd.text_only.get(c.source)
    if src is None and c.source in cd.failed:
        return  # the source itself is broken, and reported
    if src is None:
        known = ", ".join(sorted(cd.sources)) or "none"
        yield where.at((*path, "source"), f"unknown source {c.source!r}; known sources: {known}")
        return
    para = src.view.get(c.anchor)
    anchor, quote = (*path, "anchor"), (*path, "quote")
    if para is None:
        span = "it has no body paragraphs; check its furniture rules"
        furniture = [p.anchor for p in src.view.paragraphs if p.role != "body"]
        if c.anchor.startswith("f") and furniture:  # an anchor of the page furniture: its range, not the body's
            span = f"furniture blocks run {furniture[0]} to {furniture[-1]}"
        elif src.view.body:
            span = f"body paragraphs run p1 to {src.view.body[-1].anchor}"
        yield where.at(anchor, f"source {c.source} has no paragraph {c.anchor} ({span})")
        return
    if para.role != "body" and not furniture_ok:
        role = para.role.replace("_", " ")
        yield where.at(anchor, f"{c.anchor} of {c.source} is page furniture ({role}), not body text; quote a body paragraph pN")
        return
    if not c.quote.strip():
        yield where.at(quote, "quote holds only spaces or invisible characters; copy the quoted words from the source")
        return
    if not any(ch.isalnum() for ch in c.quote):  # "." or "[…]" stands in any letter: it quotes nothing
        yield where.at(quote, f"quote {c.quote.strip()!r} holds no word; copy the quoted words from the source")
        return
    if src.searched > MAX_QUOTE_SEARCH:
        return  # reported once, at the quote that went past the limit
    if normalise_ws(c.quote) not in para.found:  # not yet searched for there (find_quote keeps each search)
        src.searched += len(para.text)
        if src.searched > MAX_QUOTE_SEARCH:
            yield where.at(
                quote,
                f"checking the quotes from {c.source} would read more than {MAX_QUOTE_SEARCH:,} characters of its text "
                f"({c.anchor} has {len(para.text):,} characters); quote it "
                "fewer times, or split its long paragraphs with blank lines; its quotes after this one are not checked",
            )
            return
    if find_quote(para, c.quote) is None:
        if normalise_ws(c.quote) in para.text:  # there, but only as part of a word at one end
            what = f"quote begins or ends inside a word of {c.source}#{c.anchor}, which can change its meaning"
            yield where.at(quote, f"{what}; begin and end it with whole words")
            return
        hint = _locate_elsewhere(src, c.quote)
        if not hint and normalise_ws(unicodedata.normalize("NFC", c.quote)) in unicodedata.normalize("NFC", para.text):
            hint = " (it is there with its accents written another way: the source composes them differently, NFC against NFD)"
        what = f"quote is not verbatim in {c.source}#{c.anchor}{hint}"
        detail = "" if hint else _spans(src, para, c.quote) or _first_difference(src, para, c.quote)
        yield where.at(quote, f"{what}; copy it exactly from the source (only whitespace may differ){detail}")


def _check_quotes(
    cd: CountryData, cites: list[Citation], where: Where, path: Path_, *, furniture_ok: bool = False, in_order: bool = False
) -> Iterator[Problem]:
    """Each quote of a list checks out (check_citation, at path + its index); with in_order, the quotes also stand in
    the letter's order (check_letter_order)."""
    for j, c in enumerate(cites):
        yield from check_citation(cd, c, where, (*path, j), furniture_ok=furniture_ok)
    if in_order:
        yield from check_letter_order(cd, cites, where, path)


def _locate_elsewhere(src: LoadedSource, quote: str) -> str:
    """Where else in the source the quote stands, as a hint; none when the search would pass the budget (the hint
    is left out then, and the quotes are still checked)."""
    p = src.view.locate(quote) if _spend(src, src.view.text_length()) else None
    return f" (it stands in {p.anchor})" if p is not None else ""


def _spend(src: LoadedSource, cost: int) -> bool:
    """Whether a hint's search of cost characters stays within the source's budget (MAX_QUOTE_SEARCH); counted if so."""
    if src.hinted + cost > MAX_QUOTE_SEARCH:
        return False
    src.hinted += cost
    return True


def _spans(src: LoadedSource, para: Paragraph, quote: str) -> str:
    """The paragraphs a quote runs over, in words, and that it is split into one quote for each; none where it runs over
    two, one of them its own (_first_difference says which part to move then), or when the search would pass the
    budget (_spend). A quote over three was told to move all but the first part under the anchor of the
    second, which would not hold it either (an outside tester)."""
    if not _spend(src, src.view.text_length()):
        return ""
    spans = quote_spans(src.view, quote)
    anchors = [p.anchor for p, _, _ in spans]
    if len(spans) < 2 or len(spans) == 2 and para.anchor in anchors:
        return ""
    (first, a, _), (last, _, b) = spans[0], spans[-1]
    whole = [p.anchor for p, start, end in spans if start == 0 and end == len(p.text)]
    parts = []
    if a > 0:
        words = first.text[a:]  # at most 40 characters, as _first_difference shows where a quote matches up to
        words = words if len(words) <= 40 else "\u2026" + words[-39:].split(" ", 1)[-1]
        parts.append(f"the end of {first.anchor}, up to {brief(words)}")
    if whole:
        parts.append(f"all of {_listed(whole)}")
    if b < len(last.text):
        parts.append(f"the start of {last.anchor}, {brief(last.text[:b])}")
    takes = f"{', '.join(parts[:-1])}, and {parts[-1]}" if len(parts) > 1 else parts[0]
    return (
        f"; it spans paragraphs {_listed(anchors)}: it takes {takes}: a quote stands within one paragraph, so "
        f"split it into one quote per paragraph, each a citation of its own with its anchor: {_listed(anchors)}"
    )


def _listed(names: list[str]) -> str:
    """p4 / p4 and p5 / p4, p5 and p6."""
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _first_difference(src: LoadedSource, para: Paragraph, quote: str) -> str:
    """Where a quote first differs from its paragraph, in words: after the longest start of it that stands there, its
    word against the source's, or that the paragraph ends there (and whether the next begins with the rest); none for
    a quote of one word, or when the search would pass the budget (_spend)."""
    q, text = normalise_ws(quote), para.text
    if " " not in q or not _spend(src, len(text) * len(q).bit_length()):  # one search of the paragraph for each halving
        return ""
    before = src.view.get(f"p{int(para.anchor[1:]) - 1}") if para.role == "body" else None
    head = text.split(" ", 1)[0]
    i = q.find(" " + head) if before is not None and head else -1
    while before is not None and i > 0 and src.hinted < MAX_QUOTE_SEARCH:  # it begins at the end of the paragraph before
        src.hinted += len(q)  # (a second outside tester: it was told a word differed, in a quote of two paragraphs)
        if before.text.endswith(q[:i]) and text.startswith(q[i + 1 :]):
            return (
                f"; it begins at the end of {before.anchor}, with {brief(q[:i])}: a quote stands within one paragraph, so quote "
                f"that part as a citation of its own, with anchor: {before.anchor}"
            )
        i = q.find(" " + head, i + 1)
    good, bad = 0, len(q)  # q[:good] stands in the paragraph, q[:bad] does not
    while bad - good > 1:
        mid = (good + bad) // 2
        good, bad = (mid, bad) if q[:mid] in text else (good, mid)
    ends = q[good] == " " and text.endswith(q[:good])  # it runs on past the paragraph's end (an outside tester)
    word = good + 1 if ends else q.rfind(" ", 0, good) + 1  # the start of the word in which the quote leaves the paragraph
    if not word:  # not even its first word and a space stand there
        first = q[1:].split(" ", 1)[0]
        marks = QUOTE_MARKS + SINGLE_MARKS
        if q[0] in marks and first and first[0] not in marks and first in text:
            rest = q[1:]
            two = rest.find(" ", rest.find(" ") + 1)  # where its first two words stand, or else its first ("De" in "Den")
            at = text.find(rest[: two if two > 0 else None])
            at = at if at >= 0 else text.find(first)
            mark = text[at - 1] if at > 0 and text[at - 1] in marks else ""
            if q[0] in SINGLE_MARKS and mark in SINGLE_MARKS and mark:  # an apostrophe written another way: ’s-Gravenhage
                return f"; it begins with {q[0]}, where the source has {mark}: copy it as the source writes it"
            there = f"where the source has {mark}" if mark else "which the source has not there"
            return f"; it begins with the quotation mark {q[0]}, {there}: leave quotation marks out (the pages add them)"
        two = q.find(" ", q.find(" ") + 1)  # the end of its second word
        return f"; its start, {brief(q[: two if two > 0 else None])}, is nowhere in the paragraph"
    at = text.find(q[:good])
    ours_end, theirs_end = q.find(" ", good), text.find(" ", at + good)  # to the end of that word in each
    ours, theirs = q[word : ours_end if ours_end >= 0 else None], text[at + word : theirs_end if theirs_end >= 0 else None]
    matched = q[: word - 1] if word <= 41 else "\u2026" + q[word - 40 : word - 1].split(" ", 1)[-1]  # at most 40 characters
    if ends:
        rest, nxt = q[word:], src.view.get(f"p{int(para.anchor[1:]) + 1}") if para.role == "body" else None
        there = f", which begins {nxt.anchor}" if nxt and (nxt.text.startswith(rest) or rest.startswith(f"{nxt.text} ")) else ""
        how = f" and quote the rest as a citation of its own, with anchor: {nxt.anchor}" if there and nxt else ""
        return f"; it matches up to {brief(matched)}, where {para.anchor} ends, then goes on with {brief(rest)}{there}: a quote stands within one paragraph, so end it there{how}"
    return f"; it matches up to {brief(matched)}, then has {brief(ours)} where the source has {brief(theirs)}"


QUOTE_MARKS = "\"\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\uff02"
"""Double quotation marks an editor pastes with a quote: straight, typographic (“ ” „), guillemets and the full-width
one. Not the single ones: ’ and ' begin words ("’s-Gravenhage"), and leaving one out would validate a wrong quote (an
outside tester)."""

SINGLE_MARKS = "'\u2018\u2019\u201a\u201b\uff07"
"""Single quotation marks (' ‘ ’ ‚ ‛ and the full-width one): a quote that begins with one the source has not there is
told to leave it out, as with a double one (a new editor's read: ‘ was told only that the start was nowhere); one the
source writes another way (an apostrophe, ’s against 's), to copy it as the source writes it. Only in that hint: a
quote is still matched with its single marks."""

MAX_QUOTE_SEARCH = 100_000_000
"""Most characters of one source's text read to check its quotes (each new quote reads its paragraph; a quote not
found there reads the whole text for a hint). Our 69 quotes read about 60,000. Without a cap, 3,000 quotes of a
2 MB paragraph took a minute to check; at the cap it is about half a second."""


def _unique_ids(cd: CountryData, seen: dict[str, str]) -> Iterator[Problem]:
    tables: list[tuple[str, list[tuple[str, Where, Path_]]]] = [
        ("source", [(s.meta.id, s.where, ("id",)) for s in cd.sources.values()]),
        ("version", [(v, cd.version_where[v], ("id",)) for v in cd.versions]),
        ("amendment", [(a, cd.amendment_where[a], ("id",)) for a in cd.amendments]),
        ("fact", [(f.id, cd.where, ("facts", i, "id")) for i, f in enumerate(cd.country.facts)]),
        ("section", [(s.id, cd.where, ("sections", i, "id")) for i, s in enumerate(cd.country.sections)]),
        ("group", [(g.id, cd.where, ("groups", i, "id")) for i, g in enumerate(cd.country.groups)]),
        ("codified_context", [(c.id, cd.where, ("codified_context", i, "id")) for i, c in enumerate(cd.country.codified_context)]),
        ("known_later", [(k.id, cd.where, ("currency", "known_later", i, "id")) for i, k in enumerate(cd.country.currency.known_later)]),
    ]
    if cd.events_where:
        tables.append(("event", [(e.id, cd.events_where, ("events", i, "id")) for i, e in enumerate(cd.events.events)]))
    for kind, rows in tables:
        local: dict[str, str] = {}
        for ident, where, path in rows:
            if ident in local:
                yield where.at(path, f"duplicate {kind} id {ident!r} (first in {local[ident]}); ids must be unique")
            local[ident] = where.file
            if kind in ("source", "version", "amendment", "event"):
                key = f"{kind}:{ident}"
                if key in seen and seen[key] != where.file:
                    yield where.at(path, f"{kind} id {ident!r} is also used in {seen[key]}; ids must be unique")
                seen.setdefault(key, where.file)


def _check_sources(cd: CountryData) -> Iterator[Problem]:
    for src in cd.sources.values():
        w = src.where
        for key in ("sender", *EVIDENCED_AS_WRITTEN):  # a value no quote holds would reach every memo unchecked
            if getattr(src.meta, key) != "unknown" and not src.meta.metadata_evidence.get(key):
                how = f"add metadata_evidence.{key} with the source's words that hold it, or record the {key} as unknown"
                if str(getattr(src.meta, key)).strip().lower() == "unknown":  # "Unknown" read as recorded (an outside tester)
                    how = f"unknown is written in lowercase, without spaces: {key}: unknown"
                yield w.at((key,), f"given without an evidence quote; {how}")
        for key, cites in src.meta.metadata_evidence.items():
            found = list(_check_quotes(cd, cites, w, ("metadata_evidence", key), furniture_ok=True))
            yield from found
            if not found:
                yield from _check_evidenced(src, key, cites)
        for i, d in enumerate(src.meta.discrepancies):
            yield from _check_quotes(cd, d.evidence, w, ("discrepancies", i, "evidence"), furniture_ok=True)


EVIDENCED_AS_WRITTEN: tuple[MetadataKey, ...] = ("date", "kenmerk", "signatory", "addressee", "subject")
"""The metadata whose value stands as written in one of its evidence quotes (a date in the source's language); the
sender is put together from several (the directorate and the office that signs)."""


def _check_evidenced(src: LoadedSource, key: str, cites: list[Citation]) -> Iterator[Problem]:
    """A value with evidence says what the evidence says: "kenmerk 1234567" beside the quote "Ons kenmerk 3019810"
    would reach every memo as the letter's reference."""
    value = getattr(src.meta, key)
    if key not in EVIDENCED_AS_WRITTEN or value == "unknown" or not cites:
        return
    written = long_date(value, src.meta.language) if isinstance(value, dt.date) and src.meta.language in ("nl", "en") else str(value)
    if not any(normalise_ws(written) in normalise_ws(c.quote) for c in cites):
        quoted = "; ".join(repr(c.quote) for c in cites)
        yield src.where.at(
            (key,),
            f"{written!r} is not in its evidence ({quoted}); make {key} say what the source says, or quote where it says this",
        )


def _fact_ids(cd: CountryData) -> dict[str, str]:
    return {f.id: f.confidence for f in cd.country.facts}


PLACING_CONFIDENCE = "medium"
"""The least confidence of a fact that may place a provision in a numbered Vc section."""


def _check_country(cd: CountryData) -> Iterator[Problem]:
    """Headings, groups, codified-text context and currency in country.yaml."""
    facts = _fact_ids(cd)
    c = cd.country
    w = cd.where
    for i, s in enumerate(c.sections):
        if s.number and not s.numbering_fact:
            yield w.at(
                ("sections", i, "number"),
                "a numbered heading needs the fact that gives the Vc's numbering: add numbering_fact, "
                "or remove the number for a heading of our own",
            )
        yield from _fact(w, ("sections", i, "numbering_fact"), s.numbering_fact, facts)
    yield from _fact(w, ("vc_paragraph_fact",), c.vc_paragraph_fact, facts, "; add it under facts")
    vocabulary = {g.id for g in c.groups}
    if "everyone" not in vocabulary:
        yield w.at(("groups",), "the group vocabulary must include everyone (rules that apply to all applicants)")
    named: dict[str, str] = {}
    for i, g in enumerate(c.groups):
        for j, rel in enumerate(g.related):
            if rel.group not in vocabulary or rel.group == g.id:
                path = ("groups", i, "related", j, "group")
                yield w.at(path, f"{rel.group!r} is not another group of the vocabulary; groups: {', '.join(sorted(vocabulary))}")
        # `asof --group` (and the site's group choice) find a group by its id or either label, in any case and spacing:
        # each of these names must name one group, or the first of two would silently answer for both
        for key, name in (("id", g.id), ("label_nl", g.label_nl), ("label_en", g.label_en)):
            other = named.setdefault(name_key(name), g.id)
            if other != g.id:
                what = f"{name!r} also names group {other} (ids and labels are matched in any case, without invisible characters)"
                yield w.at(("groups", i, key), f"{what}; give each group its own")
    for i, ctx in enumerate(c.codified_context):
        hint = "; context from the codified text needs the fact (record and confidence) it comes from"
        yield from _fact(w, ("codified_context", i, "fact"), ctx.fact, facts, hint)
        for j, gid in enumerate(ctx.groups):
            if gid not in vocabulary:
                yield w.at(("codified_context", i, "groups", j), f"unknown group {gid!r}; groups: {', '.join(sorted(vocabulary))}")
        if not cd.versions and not cd.sources:
            continue  # a folder with only a country.yaml (a refused second country): nothing here to refer to
        if ctx.describes is not None and ctx.describes not in cd.versions and not {ctx.describes, "versions/"} & cd.failed:
            versions = ", ".join(sorted(cd.versions))
            yield w.at(("codified_context", i, "describes"), f"unknown version {ctx.describes!r}; versions: {versions}")
        if ctx.fate is not None:
            fate: Path_ = ("codified_context", i, "fate", "citations")
            yield from _check_quotes(cd, ctx.fate.citations, w, fate, in_order=True)
    cur = c.currency
    yield from _fact(w, ("currency", "fact"), cur.fact, facts, "; say which record the check rests on")
    for i, k in enumerate(cur.known_later):
        hint = "; a later development needs the fact that gives its record and confidence"
        yield from _fact(w, ("currency", "known_later", i, "fact"), k.fact, facts, hint)
    yield from _known_later_recorded(cd)
    starts = [v.effective_from for v in cd.versions.values() if isinstance(v.effective_from, dt.date)]
    if starts and ("currency", "checked_until") not in w.waiting and cur.checked_until < max(starts):
        yield w.at(
            ("currency", "checked_until"),
            f"{cur.checked_until} is before the start of the latest version ({max(starts)}); the record is checked at "
            "least up to its own latest version: search for later changes again and record that search here, in "
            "checked_until, searched, basis_nl and basis_en, and the fact it rests on",
        )


def _known_later_recorded(cd: CountryData) -> Iterator[Problem]:
    """A development known later that a version now records, left in known_later: every answer then listed the letter
    twice, as a version and as known but not recorded (a new editor's read, after new-version). An entry names no source,
    only the fact of its record (which may be that of several entries), so it is tied by its date: the date of an
    amendment's instrument (the date it was announced where the instrument's is unknown)."""
    instruments: dict[dt.date, tuple[str, str]] = {}
    for _aid, a in sorted(cd.amendments.items()):
        src = cd.sources.get(a.instrument)
        day = src.meta.date if src is not None and isinstance(src.meta.date, dt.date) else a.announced
        instruments.setdefault(day, (a.instrument, a.version_to))
    for i, k in enumerate(cd.country.currency.known_later):
        if k.date in instruments:
            sid, vid = instruments[k.date]
            yield cd.where.at(
                ("currency", "known_later", i),
                f"{k.id} is dated {k.date}, the date of {sid}, the instrument of version {vid}: it is now recorded as version "
                f"{vid}; remove it from known_later",
            )


def _check_placement(cd: CountryData, w: Where, pid: str, p: Provision) -> Iterator[Problem]:
    """A provision's placement has its basis, its groups come from the vocabulary, its context exists."""
    pl = p.placement
    facts = _fact_ids(cd)
    numbers = {s.number for s in cd.country.sections if s.number}
    path = ("provisions", pid, "placement")
    if pl.basis == "codified":
        if pl.fact is None:
            yield w.at(
                (*path, "fact"),
                "a codified placement needs the fact about the codified text that places it; add fact, or write basis: ours",
                line=path,
            )
        elif pl.fact not in facts:
            yield from _fact(w, (*path, "fact"), pl.fact, facts, "; facts are listed in country.yaml")
        elif CONFIDENCE_RANK[facts[pl.fact]] < CONFIDENCE_RANK[PLACING_CONFIDENCE]:
            yield w.at(
                (*path, "fact"),
                f"fact {pl.fact} is {facts[pl.fact]}, too weak to give a section number (at least {PLACING_CONFIDENCE}); "
                "write basis: ours and show the fact as codified_context",
            )
        if pl.number is None:
            yield w.at((*path, "number"), "a codified placement needs the section number the fact gives", line=path)
        elif pl.number not in numbers:
            yield w.at((*path, "number"), f"no heading in country.yaml has number {pl.number!r}; numbers: {', '.join(sorted(numbers))}")
    else:
        for key in ("number", "fact"):
            if getattr(pl, key) is not None:
                yield w.at(
                    (*path, key),
                    f"basis ours shows no Vc {'section number' if key == 'number' else 'fact'}; remove {key}, "
                    "or write basis: codified with the fact that places it",
                )
    vocabulary = {g.id for g in cd.country.groups}
    for j, g in enumerate(p.groups):
        if g not in vocabulary:
            yield w.at(("provisions", pid, "groups", j), f"unknown group {g!r}; groups: {', '.join(sorted(vocabulary))} (country.yaml)")
        elif g in p.groups[:j]:
            yield w.at(("provisions", pid, "groups", j), f"group {g!r} is listed twice")
    if "everyone" in p.groups and len(p.groups) > 1:
        yield w.at(
            ("provisions", pid, "groups"), "everyone already covers every group; list either everyone or the groups the rule concerns"
        )
    contexts = {c.id for c in cd.country.codified_context}
    for j, cid in enumerate(p.context):
        if cid not in contexts:
            where = ("provisions", pid, "context", j)
            yield w.at(where, f"unknown codified_context {cid!r}; context entries are listed in country.yaml")


def check_letter_order(cd: CountryData, cites: list[Citation], where: Where, path: Path_) -> Iterator[Problem]:
    """Quotes under one element stand in the order of the letter (paragraph, then place in the paragraph)."""
    for c in cites:
        src = cd.sources.get(c.source)
        para = src.view.get(c.anchor) if src else None
        if para is None or find_quote(para, c.quote) is None:
            return  # a quote that is not where it says is reported already; its place in the order is unknown
    for j, (c, want) in enumerate(zip(cites, letter_order(cites, cd.sources), strict=True)):
        if c is not want:
            yield where.at(
                (*path, j),
                f"quotes are listed in the letter's order: put the quote from {want.anchor} "
                f"({want.quote.split()[0]} \u2026) here, before this one from {c.anchor}",
            )
            return


def _check_milestone_order(w: Where, v: Any) -> Iterator[Problem]:
    """The known milestones follow each other: announced, signed, published, in force. The answers read the stage on a
    date from that order, so an entry into force before the publication (with retroactive effect) would read as a
    text both in force and not yet in the Vc: it is refused until the answers can say it."""
    for (first, day), (then, later) in itertools.pairwise(known_milestones(v)):
        if later < day:
            if then == "in_force":
                how = "a retroactive entry into force is not something aztimeline can answer for yet: write unknown and say it in note_en"
            else:
                how = f"a decision is {then.replace('_', ' ')} only after it is {first.replace('_', ' ')}: check both dates"
            yield w.at(("milestones", then, "date"), f"{then} {later} is before {first} {day}; {how}")


def _check_versions(cd: CountryData) -> Iterator[Problem]:
    facts = _fact_ids(cd)
    sections = {s.id for s in cd.country.sections}
    yield from _check_country(cd)
    folder = Path(cd.where.file).parent.name  # the country's folder: its id must be the same (load says where not)
    for vid, v in cd.versions.items():
        w = cd.version_where[vid]
        if v.country != folder:
            yield w.at(("country",), f"version belongs to {v.country!r} but lies in the folder of {folder!r}")
        for name in MILESTONES:
            m = getattr(v.milestones, name)
            path = ("milestones", name)
            yield from _fact(w, (*path, "fact"), m.fact, facts, "; facts are listed in country.yaml")
            if m.date != "unknown" and not m.citations and not m.fact:
                yield w.at((*path, "date"), "a known date needs its source: add citations or a fact, or write unknown")
            if m.date != "unknown" and m.fact in facts and CONFIDENCE_RANK[facts[m.fact]] < CONFIDENCE_RANK["medium"]:
                yield w.at(
                    (*path, "date"),
                    f"fact {m.fact} is {facts[m.fact]}, so this date cannot be given as known; write unknown and explain in note_en",
                )
            yield from _check_quotes(cd, m.citations, w, (*path, "citations"), furniture_ok=True)
        yield from _check_milestone_order(w, v)
        basis = v.effective_from_basis
        want = {"announced": v.milestones.announced.date, "in_force": v.milestones.in_force.date, "unknown": "unknown"}[basis]
        if v.effective_from != want:
            what = basis.replace("_", " ")
            yield w.at(("effective_from",), f"effective_from_basis is {basis}, so effective_from must be {want} (the {what} date)")
        yield from _check_quotes(cd, v.evidence_base.citations, w, ("evidence_base", "citations"))
        for pid, p in v.provisions.items():
            yield from _check_placement(cd, w, pid, p)
            if p.section not in sections:
                yield w.at(("provisions", pid, "section"), f"unknown section {p.section!r}; sections are listed in country.yaml")
            yield from _check_quotes(cd, p.citations, w, ("provisions", pid, "citations"))


def _check_events(cd: CountryData) -> Iterator[Problem]:
    if (w := cd.events_where) is None:
        return
    facts = _fact_ids(cd)
    for i, e in enumerate(cd.events.events):
        yield from _fact(w, ("events", i, "fact"), e.fact, facts)
        yield from _check_quotes(cd, e.citations, w, ("events", i, "citations"))


def _check_amendment(cd: CountryData, a: Any, w: Where, *, refs: bool = True) -> Iterator[Problem]:
    """An amendment's references resolve, and its quotes and notes are verbatim and in the letter's order. refs=False
    leaves out its references to versions and its instrument, for when a data file or folder did not load (reported
    already: what it held is not known)."""
    for name in ("version_from", "version_to") if refs else ():
        ref = getattr(a, name)
        if ref not in cd.versions:
            yield w.at((name,), f"unknown version {ref!r}; versions: {', '.join(sorted(cd.versions))}")
    if refs and a.instrument not in cd.sources:
        yield w.at(("instrument",), f"unknown source {a.instrument!r}")
    yield from _fact(w, ("codified_by_fact",), a.codified_by_fact, _fact_ids(cd))
    if a.codified_by_name and not a.codified_by_fact:
        yield w.at(
            ("codified_by_name",),
            "a codifying instrument needs its fact: add codified_by_fact with the record that says it codified the change",
        )
    for group in ("justifications", "kept"):
        for pid, cites in getattr(a, group).items():
            if not cites:
                yield w.at((group, pid), "needs at least one quote")
            yield from _check_quotes(cd, cites, w, (group, pid), in_order=True)
    if (a.summary_nl is None) != (a.summary_en is None):
        missing = "summary_en" if a.summary_en is None else "summary_nl"
        yield w.at((missing,), f"give the summary in both languages: add {missing}", line=("summary_nl" if missing == "summary_en" else "summary_en",))
    meant = _meant(cd, a) if refs else set()  # without refs, _check_changes does not run to tell the misspelt id
    for group, what in (("reasons", "a reason"), ("notes", "a note")):
        for pid in getattr(a, group):
            if pid not in a.justifications and pid not in meant:  # its justification's id is misspelt: told there
                yield w.at((group, pid), f"provision {pid} has no justification in this amendment; {what} belongs to a change")
    for pid, note in a.notes.items():
        for name in ("new", "not_established"):
            nl, en = getattr(note, f"{name}_nl"), getattr(note, f"{name}_en")
            if (nl is None) != (en is None):
                missing = f"{name}_en" if en is None else f"{name}_nl"
                yield w.at(("notes", pid, missing), f"give {name} in both languages: add {missing}", line=("notes", pid))
        if note.new_citations and note.new_nl is None:
            path = ("notes", pid, "new_citations")
            yield w.at(("notes", pid, "new_nl"), "quotes for what is new need new_nl and new_en", line=path)
        yield from _check_quotes(cd, note.new_citations, w, ("notes", pid, "new_citations"), in_order=True)


def _check_changes(cd: CountryData, a: Any, w: Where, recs: list[ChangeRecord]) -> Iterator[Problem]:
    """Each change is justified, each justification changes something, and what is kept stays."""
    before, after = cd.versions[a.version_from], cd.versions[a.version_to]
    announced = milestone_date(after, "announced")
    if announced is not None and ("announced",) not in w.waiting and announced != a.announced:
        yield w.at(("announced",), f"{a.announced} differs from the announced milestone of {after.id} ({announced}); make them agree")
    changed = {r.provision: r for r in recs}
    unknown = {group: _not_provisions(cd, a, group) for group in ("justifications", "kept")}
    meant = _meant(cd, a)
    if not recs:
        yield cd.version_where[after.id].at(
            ("provisions",),
            f"{after.id} has the same provisions as {before.id}: record what the instrument changes, then justify each change in {w.file}",
        )
    for pid, r in changed.items():
        # a kept one is told once, at its kept entry; one whose id is misspelt under justifications, at that slip
        if pid not in a.justifications and pid not in a.kept and pid not in meant:
            # modified, it may be our own text corrected in one version file only (a new editor's read)
            fix = (
                f" ({_differs(cd, r)}); if that corrects our own text, make the same correction in both version files; if the "
                "instrument changes the rule, add the quotes that justify it"
                if r.kind == "modified" and r.fields
                else "; add the quotes from the instrument that justify it"
            )
            yield w.at(
                ("justifications", pid),
                f"provision {pid} is {r.kind} between {before.id} and {after.id} but has no justification{fix}",
                line=("justifications",),
            )
    for pid in a.justifications:
        if pid in unknown["justifications"]:
            yield w.at(("justifications", pid), _no_such_provision(a, pid, unknown["justifications"][pid]))
        elif pid not in changed:
            yield w.at(
                ("justifications", pid),
                f"provision {pid} does not change between {before.id} and {after.id}; "
                "remove this justification, or move it to kept if the instrument keeps it",
            )
    for pid in a.kept:
        if pid in changed:
            yield w.at(("kept", pid), _kept_but_changed(cd, changed[pid]))
        elif pid in unknown["kept"]:  # (one in a single version is added or removed: told above)
            yield w.at(("kept", pid), _no_such_provision(a, pid, unknown["kept"][pid]))


def _not_provisions(cd: CountryData, a: Any, group: str) -> dict[str, str]:
    """The ids listed under an amendment's justifications or kept that neither of its versions has (misspelt, most
    often), each with the nearest id of those versions that the group does not list yet, or "" where none is near."""
    if a.version_from not in cd.versions or a.version_to not in cd.versions:
        return {}
    known = cd.versions[a.version_from].provisions.keys() | cd.versions[a.version_to].provisions.keys()
    listed = getattr(a, group)
    free = sorted(known - listed.keys())
    return {pid: nearest(pid, free) or "" for pid in listed if pid not in known}


def _meant(cd: CountryData, a: Any) -> set[str]:
    """The provisions that the ids misspelt under an amendment's justifications were meant for: the slip is told at the
    misspelt id, not again at the provision, its reason or its note as one without a justification."""
    return {near for near in _not_provisions(cd, a, "justifications").values() if near}


def _no_such_provision(a: Any, pid: str, near: str) -> str:
    """An id under justifications or kept that neither version has (a new editor's read: a misspelt one was told that
    the provision does not change, and the provision meant, that it had no justification)."""
    fix = f"; did you mean {near}?" if near else "; give the id the provision has in the version files"
    return f"neither {a.version_from} nor {a.version_to} has a provision {pid}{fix}"


def _kept_but_changed(cd: CountryData, r: ChangeRecord) -> str:
    """What to do about a provision listed as kept that the versions record as changed. Modified, it is most often our
    own text corrected in one version file only (an editor's read: two lines, both at the amendment, told them to add
    quotes): the fields that differ, with their lines in both files, and either fix."""
    if r.kind != "modified" or not r.fields:
        return f"provision {r.provision} is listed as kept but is {r.kind}; move its quotes to justifications"
    return (
        f"provision {r.provision} is listed as kept, but {_differs(cd, r)}; if that corrects our own text, make the same "
        "correction in both version files; if the instrument changes the rule, move its quotes from kept to justifications"
    )


def _differs(cd: CountryData, r: ChangeRecord) -> str:
    """The fields of a modified provision that differ, with their lines in both version files."""
    paths = [f.path for f in r.fields]
    at = ("provisions", r.provision, *paths[0].split("."))
    files = " and ".join(f"{cd.version_where[v].file}:{cd.version_where[v].located.line_of(at)}" for v in (r.version_from, r.version_to))
    return f"its {_listed(paths)} {'differs' if len(paths) == 1 else 'differ'} between {files}"


def _check_transitions(cd: CountryData) -> tuple[list[Problem], dict[str, list[ChangeRecord]]]:
    order, problems = chain(cd)
    records: dict[str, list[ChangeRecord]] = {}
    if any(p.message.startswith(CYCLE) for p in problems):
        return problems, records  # the changes of a circle of versions mean nothing until it is broken
    dumps: dict[str, Any] = {}
    # Walk the transitions in timeline order, so each version's provisions are turned into dicts once and
    # dropped as soon as the next transition no longer needs them (memory stays flat as versions grow).
    for aid in [*order, *sorted(set(cd.amendments) - set(order))]:
        a = cd.amendments[aid]
        w = cd.amendment_where[aid]
        problems.extend(_check_amendment(cd, a, w))
        if a.version_from not in cd.versions or a.version_to not in cd.versions or a.version_from == a.version_to:
            continue  # nothing to compare (chain reports an amendment from a version to itself)
        before, after = cd.versions[a.version_from], cd.versions[a.version_to]
        recs = changes_between(before, after, a, cd.country, dumps)
        problems.extend(_check_changes(cd, a, w, recs))
        records[aid] = recs  # in timeline order, then the amendments outside the timeline by id
        dumps.pop(before.id, None)  # in timeline order, a version is "before" exactly once
    if not problems and not any(w.waiting for w in (cd.where, *cd.amendment_where.values())):  # no stand-in read
        tl = Timeline(cd, order, periods(cd, order))
        records = {aid: [_precise(cd, tl, r) for r in recs] for aid, recs in records.items()}
    return problems, records


def _precise(cd: CountryData, tl: Timeline, r: ChangeRecord) -> ChangeRecord:
    """A checked record with the legal-precision fields: quotes in the letter's order with page and partial,
    every nested citation with its page, and the basis of its date."""
    fields = [f.model_copy(update={"before": annotate(f.before, cd.sources), "after": annotate(f.after, cd.sources)}) for f in r.fields]
    return r.model_copy(
        update={
            "justifications": [cite(c, cd.sources) for c in letter_order(list(r.justifications), cd.sources)],
            "before": annotate(r.before, cd.sources),
            "after": annotate(r.after, cd.sources),
            "fields": fields,
            "context": annotate(r.context, cd.sources),
            "new": annotate(r.new, cd.sources),
            "basis": change_basis(tl, r.version_to),
            "currency": currency(tl, None, version=r.version_to),
        }
    )
