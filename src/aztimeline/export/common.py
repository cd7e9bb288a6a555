"""What every export says, built once: the memo's texts in one language, so the formats cannot drift apart.

Each writer (docx, xlsx, csv, md, json) lays out the same `Memo`; none of them looks anything up itself. The
memo has two parts: the body a liaison forwards (the nota header, the changes with the quotes behind every claim,
the sources), and the annex on how it was made (commit, checksums, ids, method notes, currency reasoning).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from .. import clock, timeline
from ..addresses import check_site_url, official_url, page_address
from ..answer import ON_MARK, on_words, replace_marks
from ..dates import long_date, long_month
from ..errors import OutputError
from ..messages import by_lang, catalogue
from ..models import ChangeRecord, Citation
from ..paths import project_root
from ..precision import CONFIDENCE_WORDS, TEXT_WORDS, cite, context_json, letter_order, paragraph_label, placement_json
from ..precision import group_labels as vocabulary
from ..source import quote_display
from ..validate import Validated

MESSAGES = catalogue("aztimeline.export")
"""The exports' own text (messages.toml beside this module), for the tables below and the CSV header."""
KIND = by_lang(MESSAGES["kind"])
_NUMBER_WORDS = MESSAGES["number_words"]
LABELS: dict[str, dict[str, Any]] = by_lang(MESSAGES["labels"])
STATUS_WORDS = by_lang(MESSAGES["status_sentence"])
"""The words of status_sentence, the body's sentence on the status of the changes."""
SUMMARY_WORDS = by_lang(MESSAGES["summary"])
"""The words of the summary's sentences: the changes counted by kind, and what is kept."""

LANG_TAG = {"nl": "nl-NL", "en": "en-GB"}
"""The language of each edition's own text; quotes are always Dutch (nl-NL)."""
QUOTE_LANG = "nl-NL"


_CONTROL = dict.fromkeys(range(32))
"""The characters below a space, which clean drops."""


def clean(text: str) -> str:
    """One line of data text: whitespace collapsed, control characters dropped (Office files cannot hold them)."""
    return " ".join(str(text).split()).translate(_CONTROL)


def shorten(text: str, limit: int) -> str:
    """clean(text), and if longer than limit, cut at the last word boundary that leaves room for "…" (mid-word
    where that boundary would drop more than half: "Kenmerk: JenV/DGM/…" rather than "Kenmerk…"), without a
    dangling comma or dash. For Office fields with a length limit."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and len(at_word := cut.rsplit(" ", 1)[0]) >= limit // 2:
        cut = at_word
    return cut.rstrip(" ,;:\u2013-") + "\u2026"


META_MAX = 255
"""The most characters an Office file's core property (title, subject) holds: Office shows no more."""


def number_words(n: int, lang: str) -> str:
    return _NUMBER_WORDS[lang][n] if 0 <= n < len(_NUMBER_WORDS[lang]) else str(n)


# --- what the liaison sets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemoOptions:
    """The nota's own fields, set by the liaison (export --memo-to, --memo-from, --memo-date, --reference, or
    the settings file), and whether the annex on provenance and method is included."""

    to: str | None = None
    sender: str | None = None
    date: dt.date | None = None  # None: the date of the data's stamp (reproducible; the CLI passes today)
    reference: str | None = None
    annex: bool = True

    @classmethod
    def from_opts(cls, opts: dict[str, Any]) -> MemoOptions:
        """The options a writer was given (export's keyword arguments memo_to, memo_from, memo_date, reference, annex)."""
        return cls(
            to=_blank_none(opts.get("memo_to")),
            sender=_blank_none(opts.get("memo_from")),
            date=opts.get("memo_date"),
            reference=_blank_none(opts.get("reference")),
            annex=bool(opts.get("annex", True)),
        )


def _blank_none(value: Any) -> str | None:
    text = clean(value) if value is not None else ""
    return text or None


# --- the view model ------------------------------------------------------------------------------------


@dataclass
class QuoteView:
    """A verbatim quote as shown: with […] where words are left out, and where it stands in the letter."""

    text: str  # in quotation marks
    label: str  # "alinea 5 (blz. 2)"; "alinea 9 (blz. 2–3)" over a page break
    reference: str  # "Kamerbrief van 18 november 2020, kenmerk 3019810, alinea 5 (blz. 2)"
    paragraph: int | None  # 5 for p5; None for a block of furniture (f7)
    page: int  # the page it begins on (the workbook's number; the label gives a range)
    citation: Citation


@dataclass
class FactView:
    text: str
    record: str
    confidence: str
    url: str | None = None
    fate: str | None = None  # context: what is known of it after the letter ("Na de brief (onbekend): ...")
    fate_quotes: list[QuoteView] = field(default_factory=list)
    ref: str = ""  # context: where and what, "C7/5.5.1 Vc, vlucht- en vestigingsalternatieven in de oude tekst"
    plain: str = ""  # context: the text without its place, for under its ref (the annex)
    where: str = ""  # context: its place alone, "C7/5.5.1 Vc"

    def cited(self, labels: dict[str, Any]) -> str:
        """Its record and confidence, for the end of its line: "(vindplaats: Stcrt. 2021, 1592; zekerheid: hoog)"."""
        return f"({labels['record']}: {self.record}; {labels['confidence']}: {self.confidence})"

    def fate_shown(self, shown: set[tuple[str, str, str]], note: str) -> tuple[str, list[QuoteView]]:
        """Its fate, with the labels of its quotes shown in full elsewhere (shown) at the end, after note ("hierboven
        geciteerd"); and its other quotes, to show under it."""
        named = list(dict.fromkeys(q.label for q in self.fate_quotes if quote_key(q) in shown))  # each place once
        tail = f" ({'; '.join(named)}, {note})" if named else ""
        return f"{self.fate}{tail}", [q for q in self.fate_quotes if quote_key(q) not in shown]


@dataclass
class AnnexFact:
    """A fact about the Vc text as the annex gives it: once, with the changes it stands beside and the quotes those
    changes show in full (which the annex names rather than repeats)."""

    fact: FactView
    changes: list[str]
    shown: set[tuple[str, str, str]]

    def belongs_to(self, labels: dict[str, Any]) -> str:
        """The line naming the changes it belongs to, our titles in single quotation marks (double ones hold the
        source's words): "Hoort bij: ‘…’; ‘…’."."""
        return str(labels["context_with"]).format(titles="; ".join(f"\u2018{t}\u2019" for t in self.changes))


@dataclass
class Placement:
    """Where the Vc places a provision, atomically: number (None when not established), title, and confidence."""

    number: str | None
    title: str
    confidence: str  # a confidence word, or "niet vastgesteld"/"not established"
    ours: bool  # the title is our own heading, not the Vc's
    label: str  # all of it in one line, as the JSON contract's placement label
    fact: str | None = None  # the fact that places it there: the memo names it among the facts used
    sourced: str = ""  # the label, with that fact's record and confidence where a fact places it


@dataclass
class Milestones:
    """The dates the data records for a change's version (None: not recorded, or not found)."""

    letter: dt.date | None
    announced: dt.date | None
    signed: dt.date | None
    published: dt.date | None
    in_force: dt.date | None


@dataclass
class ChangeView:
    """One change as every format shows it. The before side never claims more than the record knows: where the
    record has no summary of the earlier rule, it says what is known of the earlier state (previous)."""

    record: ChangeRecord
    title: str
    kind: str  # in words; with "(onze afleiding)" when that it is a change at all is our inference
    placement: Placement
    groups: list[str]
    status: str  # the rule's status on the memo's date, in a few words (timeline.status)
    status_long: str  # the same in sentences, with the dates
    dates: Milestones
    before: str  # our summary of the rule before ("" for an added rule)
    after: str  # our summary of the rule after ("" for a removed rule)
    previous_state: str  # recorded, not_in_record, unknown or absent_per_letter
    previous: str  # what is known of the earlier state, in words ("" when the before summary says it)
    before_shown: str  # what the before side shows: the summary, or what is known of the earlier state
    after_shown: str  # what the after side shows: the summary, or that the letter removes the rule
    new: str  # what the letter establishes as new, in our words ("" when the record says nothing of it)
    new_quotes: list[QuoteView]
    not_established: str  # what the after side says but is not established as a change ("" when nothing)
    inference: str  # the part of the record that is our inference, with its reason ("" when none)
    before_quotes: list[QuoteView]
    after_quotes: list[QuoteView]
    quotes: list[QuoteView]  # the justification, in the letter's order
    context: list[FactView]
    url: str | None
    letter: str
    reason: str = ""  # the letter's reason for the change, in our words ("" when the data gives none)

    @property
    def caveats(self) -> list[str]:
        """What the change does not establish, and what of it is our inference."""
        return [t for t in (self.not_established, self.inference) if t]

    def shown(self) -> set[tuple[str, str, str]]:
        """The quotes the change shows in full: on both sides, with what is new, and in the justification."""
        return {quote_key(q) for q in (*self.before_quotes, *self.after_quotes, *self.new_quotes, *self.quotes)}

    def after_quotes_shown(self) -> list[QuoteView]:
        """The after side's quotes, less those shown with what is new (each quote stands once, beside its claim)."""
        new = {quote_key(q) for q in self.new_quotes}
        return [q for q in self.after_quotes if quote_key(q) not in new]

    def extra_quotes(self) -> list[QuoteView]:
        """The justification quotes not already shown under the before or after side or with what is new."""
        shown = {quote_key(q) for q in (*self.before_quotes, *self.after_quotes, *self.new_quotes)}
        return [q for q in self.quotes if quote_key(q) not in shown]

    def meta(self, labels: dict[str, str]) -> list[str]:
        """What stands under a change's heading: kind, place in the Vc, groups and status, each after its label."""
        parts = [f"{labels['kind']}: {self.kind}", f"{labels['section']}: {self.placement.sourced}"]
        if self.groups:
            parts.append(f"{labels['groups']}: {', '.join(self.groups)}")
        parts.append(f"{labels['status']}: {self.status}")
        return parts


def quote_key(q: QuoteView) -> tuple[str, str, str]:
    """What makes two quotes the same quote: the source, the paragraph and the words."""
    return (q.citation.source, q.citation.anchor, q.citation.quote)


@dataclass
class KeptView:
    provision: str
    title: str
    section: str
    summary: str
    quotes: list[QuoteView]
    inference: str = ""  # the part of it that is our inference (that it held before the letter too), or ""
    fact: str | None = None  # the fact that places it in the Vc, as a change's placement
    sourced: str = ""  # section, with that fact's record and confidence where a fact places it
    context: list[FactView] = field(default_factory=list)  # facts about the Vc text beside it, as a change's

    def shown(self) -> set[tuple[str, str, str]]:
        """The quotes it shows in full."""
        return {quote_key(q) for q in self.quotes}


@dataclass
class LetterView:
    source: str
    kind: str
    title: str
    date: dt.date | None
    kenmerk: str
    kamerstuk: str  # the number, or the word for unknown
    sender: str
    signatory: str
    sha256: str
    text: str  # "Kamerbrief van 18 november 2020 “Landenbeleid Azerbeidzjan”, kenmerk 3019810"
    discrepancies: list[str]


@dataclass
class Publication:
    """An official publication the memo names, with its link on the official publications site."""

    what: str  # "WBV 2021/2, waarmee de brief in de Vc is opgenomen"
    record: str  # "Staatscourant 2021, 1592"
    url: str | None
    confidence_note: str | None = None  # where the fact is less sure of a part, as of the link's form

    def cited(self) -> str:
        """ "Staatscourant 2021, 1592", with the fact's note on how sure which part is where it has one."""
        return self.record + (f" ({_lower_first(self.confidence_note.rstrip('.'))})" if self.confidence_note else "")


@dataclass
class Memo:
    """Everything an export shows, in one language."""

    lang: str
    title: str
    subject: str
    options: MemoOptions
    date: dt.date  # the nota's date (Datum)
    data_as_of: str  # "4 december 2026", or the working copy
    stamp: dt.date  # the date in the file properties (the data's commit or SOURCE_DATE_EPOCH)
    date_basis: str  # where stamp comes from: commit, source_date_epoch or today
    kenmerk: str
    data_version: str
    draft: bool
    draft_text: str
    selection: str
    summary: list[str]
    occasion: int  # how many of the summary's first sentences say what the nota is about and why: its Aanleiding
    status: str  # the body's one plain sentence on the status on the memo's date
    currency: str  # the body's sentence on how current the data is (the search, its confidence, absence no proof)
    later_note: str  # the body's sentence that developments are known since, by their dates ("" when none)
    status_data: dict[str, Any]  # the model's status on that date, in the memo's language (JSON)
    status_reasoning: list[str]  # the annex: the status in full, and which text of C7/5 the Vc held
    currency_reasoning: str  # the annex: what the search for later changes was, with its record
    basis: str  # which date the as-of lookup keys on and why (JSON)
    currency_data: dict[str, Any]
    later: list[FactView]  # developments known on or before the memo's date, not recorded as versions
    later_after: list[FactView]  # known developments after the memo's date
    changes: list[ChangeView]
    kept: list[KeptView]
    letters: list[LetterView]
    publications: list[Publication]
    facts: list[FactView]
    scope: str
    transition_notes: list[str]
    provenance: dict[str, Any]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def L(self) -> dict[str, Any]:
        return LABELS[self.lang]

    @property
    def annex(self) -> bool:
        return self.options.annex

    def context_above(self) -> list[dict[int, str]]:
        """For each change, its facts about the Vc text already shown in full under an earlier change: fact index ->
        the title of that change. The memo prints such a fact once and then points back to it; the workbook's rows
        and the JSON keep every change whole."""
        first: dict[tuple[str, str | None], str] = {}
        out: list[dict[int, str]] = []
        for c in self.changes:
            above = {j: first[f.text, f.fate] for j, f in enumerate(c.context) if f.ref and (f.text, f.fate) in first}
            for f in c.context:
                first.setdefault((f.text, f.fate), c.title)
            out.append(above)
        return out

    def context_refs(self, c: ChangeView | KeptView) -> str:
        """A change's line that names its facts about the Vc text by their numbers in the annex, with their places:
        "zie de bijlage, punt 1 (C7/5.4.4 Vc) en punt 2 (C7/5.5.1 Vc)"."""
        number = {(a.fact.text, a.fact.fate): n for n, a in enumerate(self.context_annex, start=1)}
        points = [
            str(self.L["context_point"]).format(n=n, where=f.where or f.text[:40])
            for n, f in sorted({number[f.text, f.fate]: f for f in c.context}.items())
        ]
        return str(self.L["context_annex_ref"]).format(refs=_and_list(points, self.lang))

    def justified_above(self, c: ChangeView) -> str:
        """Where the change's justification quotes stand that a side above shows already ("" where none does): the
        mixed couples' change showed its justification under Vóór alone, with no Onderbouwing (a liaison's read)."""
        L, just = self.L, {quote_key(q) for q in c.quotes}
        sides = ((L["before"], c.before_quotes), (L["after"], c.after_quotes_shown()), (L["new_side"], c.new_quotes))
        where = [f"\u2018{label}\u2019" for label, quotes in sides if any(quote_key(q) in just for q in quotes)]
        if not where:
            return ""
        return str(L["justified_also" if c.extra_quotes() else "justified_above"]).format(where=_and_list(where, self.lang))

    def annex_title(self) -> str:
        return str(self.L["annex_context" if self.context_annex else "annex"])

    @functools.cached_property
    def context_annex(self) -> list[AnnexFact]:
        """The facts about the Vc text beside what the memo shows, each once, in the order the nota first names them
        (what stays the same, then the changes), with the titles of the rules they stand beside and the quotes those
        show: where the memo has its annex, the facts stand there and each rule names them; without it, under the
        changes (context_above). The kept rules are among them: a point on the alternative the letter keeps did not
        name that rule (a liaison's read)."""
        facts: dict[tuple[str, str | None], AnnexFact] = {}
        rules: list[KeptView | ChangeView] = [*self.kept, *self.changes]
        for c in rules:
            for f in c.context:
                entry = facts.setdefault((f.text, f.fate), AnnexFact(f, [], set()))
                entry.changes.append(c.title)
                entry.shown |= c.shown()
        return list(facts.values())

    def header_fields(self, *, attached: bool = False) -> list[tuple[str, str]]:
        """The nota header (label, value): Aan, Van, Datum, Kenmerk, Onderwerp, Gegevens laatst gewijzigd; the others are never
        empty. attached: the nota itself, whose annex is at its end ("Bijlage", last, as a nota says it), and whose
        own fields not given read "[in te vullen]": left out, a nota went out with no addressee unseen (a liaison's
        read). Elsewhere (the workbook's printed pages) they stand only where given."""
        L, o = self.L, self.options
        blank = L["to_fill"] if attached else ""
        fields = [
            (L["to"], o.to or blank),
            (L["from"], o.sender or blank),
            (L["date"], long_date(self.date, self.lang)),
            (L["reference"], o.reference or blank),
            (L["subject_label"], self.subject),
            (L["data_as_of"], self.data_as_of),
            (L["annex_field"], (L["annex_value_context"] if self.context_annex else L["annex_value"]) if attached and self.annex else ""),
        ]
        return [(label, value) for label, value in fields if value]

    def letter_lines(self) -> list[str]:
        """Each letter in the sources: what it is, its Kamerstuk number (or unknown), sender and signatory."""
        L = self.L
        out = []
        for lv in self.letters:
            text = f"{lv.text}; {L['kamerstuk']}: {lv.kamerstuk}. {L['sender']}: {lv.sender}"
            if lv.signatory != "unknown":
                text += f", {L['signatory']} {lv.signatory}"
            out.append(text + ".")
        return out

    def annex_lines(self) -> list[tuple[str, str]]:
        """The annex's labelled lines: selection, data version and commit, dates, checksums, ids."""
        L, p = self.L, self.provenance
        return [
            (L["selection"], self.selection),
            (L["data_label"], self.data_version),
            *([(L["commit"], str(p["commit"]))] if p.get("commit") else []),
            (L["stamp"], f"{long_date(self.stamp, self.lang)} ({L['date_basis'][self.date_basis]})"),
            (L["tool"], str(p.get("tool", "aztimeline"))),
            *[(L["checksum"], f"{lv.sha256} ({lv.text})") for lv in self.letters],
            (L["ids"], ", ".join(c.record.id for c in self.changes)),
        ]

    def annex_notes(self) -> list[tuple[str, list[str]]]:
        """The annex's notes under their headings. The method: paragraphs and pages, the scope of the data (that titles
        and summaries are ours is said where the memo's summary ends, and the scope note says it again: not a third time
        here). The reasoning behind the body's sentences on status and currency: the dates of each version, the status
        on the memo's date in full (which text of C7/5 the Vc held), and what the search for later changes was."""
        status = [n for n in self.transition_notes if n] + self.status_reasoning + [self.currency_reasoning]
        return [(self.L["method"], [self.L["paragraph_note"], self.scope]), (self.L["status_currency"], status)]

    def developments(self) -> list[tuple[str, list[FactView]]]:
        """The developments known and not recorded as versions under their headings, where there are any: those on or
        before the memo's date, then those after it."""
        return [(self.L[key], facts) for key, facts in (("later", self.later), ("later_after", self.later_after)) if facts]


# --- building it ------------------------------------------------------------------------------------------


def date_basis(provenance: dict[str, Any]) -> str:
    """Where the date of the data's stamp comes from: commit, source_date_epoch or today."""
    if clock.source_date_epoch() is not None:
        return "source_date_epoch"
    if provenance.get("commit_date") and str(provenance["commit_date"])[:10] == provenance.get("made"):
        return "commit"
    return "today"


def data_as_of(provenance: dict[str, Any], lang: str) -> str:
    """How current the data is, for the body: the commit's date in words, without the commit itself."""
    L = LABELS[lang]
    if not provenance.get("commit") or not provenance.get("commit_date"):
        return L["working_copy"]
    text = long_date(dt.date.fromisoformat(str(provenance["commit_date"])[:10]), lang)
    return f"{text}, {L['uncommitted']}" if provenance.get("dirty") else text


ZIP_FIRST, ZIP_LAST = dt.datetime(1980, 1, 1), dt.datetime(2107, 12, 31, 23, 59, 58)
"""The times a zip entry can hold (MS-DOS dates: 1980 to 2107, even seconds)."""


def document_time(provenance: dict[str, Any]) -> dt.datetime:
    """The time written into an Office file's properties and zip entries: the day of the data's stamp (its
    commit, or SOURCE_DATE_EPOCH), at midnight, clamped to what a zip entry holds, so a commit dated after 2107
    (or before 1980) still exports."""
    day = dt.date.fromisoformat(provenance["made"])
    return min(max(dt.datetime(day.year, day.month, day.day), ZIP_FIRST), ZIP_LAST)


def _country_of(v: Validated, r: ChangeRecord) -> Any:
    for cd in v.dataset.countries.values():
        if r.transition in cd.amendments:
            return cd
    raise KeyError(r.transition)  # pragma: no cover - validated data


def _letter(cd: Any, sid: str, lang: str) -> LetterView:
    m = cd.sources[sid].meta
    L = LABELS[lang]
    day = m.date if isinstance(m.date, dt.date) else None
    kind_text = L["letter_kinds"].get(m.kind, m.kind.capitalize())
    date_text = f" {L['letter_of']} {long_date(day, lang)}" if day else ""
    kenmerk = "" if m.kenmerk == "unknown" else f", {L['letter_reference']} {m.kenmerk}"
    text = f"{kind_text}{date_text} \u201c{m.title}\u201d{kenmerk}"
    kamerstuk = L["unknown"] if m.kamerstuk == "unknown" else str(m.kamerstuk)
    notes = [d.note_nl if lang == "nl" else d.note_en for d in m.discrepancies]
    return LetterView(sid, kind_text, m.title, day, m.kenmerk, kamerstuk, m.sender, m.signatory, m.sha256, text, notes)


def _short_letter(lv: LetterView, lang: str) -> str:
    day = f" {LABELS[lang]['letter_of']} {long_date(lv.date, lang)}" if lv.date else ""
    kenmerk = "" if lv.kenmerk == "unknown" else f", {LABELS[lang]['letter_ref']} {lv.kenmerk}"
    return f"{lv.kind}{day}{kenmerk}"


def _quotes(cd: Any, cits: Iterable[Any] | None, lang: str) -> list[QuoteView]:
    """Quotes in the letter's order, each with where it stands as the citation's reader label ("alinea 5 (blz.
    2)", precision.cite) and the letter's short reference. cits are citations or citation objects of the JSON
    contract (dicts with source, anchor and quote); None where the record gives none."""
    out = []
    plain = [c if isinstance(c, Citation) else Citation.model_validate({k: c[k] for k in ("source", "anchor", "quote")}) for c in cits or ()]
    for c in letter_order(plain, cd.sources):
        src = cd.sources.get(c.source)
        c = cite(c, cd.sources)
        raw_page = getattr(c, "page", None)
        page = int(raw_page[0] if isinstance(raw_page, list) else raw_page) if raw_page is not None else 0
        label = str(getattr(c, f"label_{lang}", None) or paragraph_label(c.anchor, page, lang))
        lv = _letter(cd, c.source, lang) if src is not None else None
        ref = f"{_short_letter(lv, lang)}, {label}" if lv else label
        number = int(c.anchor[1:]) if re.fullmatch(r"p[0-9]+", c.anchor) else None
        out.append(QuoteView(f"\u201c{quote_display(c, src)}\u201d", label, ref, number, page, c))
    return out


def build_memo(v: Validated, sel: Any, lang: str, provenance: dict[str, Any], *, site_url: str | None = None, **opts: Any) -> Memo:
    """The memo for a selection, in one language; opts are the nota's fields (see MemoOptions.from_opts)."""
    L = LABELS[lang]
    options = MemoOptions.from_opts(opts)
    site_url = site_url or configured_site_url()
    records: list[ChangeRecord] = sel.records
    countries = list({cd.country.id: cd for cd in (_country_of(v, r) for r in records)}.values())  # each once, in order
    cd0 = countries[0]
    country = ", ".join(cd.country.name_nl if lang == "nl" else cd.country.name_en for cd in countries)
    para = ", ".join(cd.country.vc_paragraph for cd in countries)
    stamp = dt.date.fromisoformat(provenance["made"])
    day = options.date or stamp
    chosen = [(cd, aid) for cd in countries for aid in sel.transitions if aid in cd.amendments]  # with their country's data
    letters: list[LetterView] = []
    for cd, aid in chosen:
        lv = _letter(cd, cd.amendments[aid].instrument, lang)
        if lv.source not in {x.source for x in letters}:
            letters.append(lv)
    # in English the names stand mid-sentence: "changes after the letter to parliament of …"
    joined = _and_list([lv.text if lang == "nl" else _lower_first(lv.text) for lv in letters], lang)
    title = L["doc_title"].format(country=country, para=para)
    if sel.group:
        title += L["doc_title_everyone"] if sel.group == "everyone" else L["doc_title_group"].format(group=_group_label(cd0, sel.group, lang))
    what = L["subject_after"].format(letters=joined) if letters else L["subject_changes"]
    subject = L["subject"].format(country=country, para=para, what=what)

    # the status on the memo's date, from the as-of model, once per transition
    statuses = {aid: status_on(timeline.load_timeline(cd, v.changes), aid, day) for cd, aid in chosen}

    changes: list[ChangeView] = []
    for r in records:
        cd = _country_of(v, r)
        a = cd.amendments[r.transition]
        to = cd.versions[a.version_to]
        side = r.after if r.after is not None else r.before
        short, long = rule_status(statuses[r.transition][1], r, to, statuses[r.transition][0], lang)
        before = str((r.before or {}).get(f"summary_{lang}", ""))
        after = str((r.after or {}).get(f"summary_{lang}", ""))
        state = str((r.previous or {}).get("state") or ("not_in_record" if r.kind == "added" else "recorded"))
        previous = previous_text(r.previous, state, lang) if not before else ""
        new = r.new or {}
        changes.append(
            ChangeView(
                record=r,
                title=r.title_nl if lang == "nl" else r.title_en,
                kind=_kind_words(r, lang),
                placement=_placement(cd, r, side, lang),
                groups=group_labels(cd, r, side, lang),
                status=short,
                status_long=long,
                dates=_milestones(cd, a, to),
                before=before,
                after=after,
                previous_state=state,
                previous=previous,
                before_shown=before or previous,
                after_shown=after or (str(L["removed_after"]) if r.kind == "removed" else ""),
                new=str(new.get(f"text_{lang}") or ""),
                new_quotes=_quotes(cd, new.get("quotes"), lang),
                not_established=str((r.not_established or {}).get(f"text_{lang}") or ""),
                inference=str((r.inference or {}).get(f"text_{lang}") or ""),
                before_quotes=_quotes(cd, (r.before or {}).get("citations"), lang),
                after_quotes=_quotes(cd, (r.after or {}).get("citations"), lang),
                quotes=_quotes(cd, r.justifications, lang),
                context=_context(cd, r.context, lang),
                url=page_address(check_site_url(site_url), lang, f"changes/{r.id}.md") if site_url else None,  # as the site addresses it
                letter=_letter(cd, a.instrument, lang).text,
                reason=str((r.reason or {}).get(f"text_{lang}") or ""),
            )
        )

    kept: list[KeptView] = []
    for cd, aid in chosen:
        a = cd.amendments[aid]
        to, before_v = cd.versions[a.version_to], cd.versions[a.version_from]
        for pid, cits in a.kept.items():
            p = to.provisions.get(pid)
            if p is None or (sel.group and not {sel.group, "everyone"} & set(p.groups)):
                continue
            # "kept" says it held before the letter too: where that is our inference, the earlier version says so
            inferred = p.inference or getattr(before_v.provisions.get(pid), "inference", None)
            pl = placement_json(p, cd.country, text="new")  # the text after the letter, as a change's
            entries = [e for side in (before_v.provisions.get(pid), p) if side for e in context_json(side, cd.country)]
            kept.append(
                KeptView(
                    pid,
                    p.title_nl if lang == "nl" else p.title_en,
                    str(pl[f"label_{lang}"]),
                    p.summary_nl if lang == "nl" else p.summary_en,
                    _quotes(cd, cits, lang),
                    (inferred.nl if lang == "nl" else inferred.en) if inferred else "",
                    (pl["fact"] or {}).get("id"),
                    _with_record(str(pl[f"label_{lang}"]), pl["fact"], lang),
                    _context(cd, [e for i, e in enumerate(entries) if e not in entries[:i]], lang),
                )
            )

    counts = {k: sum(1 for r in records if r.kind == k) for k in ("added", "removed", "modified")}
    inferred = {k: sum(1 for r in records if r.kind == k and r.inference) for k in counts}  # that it is a change is ours
    counts["kept"] = len(kept)
    summary = _summary_text(lang, counts, inferred, joined, country, para, kept, limited=bool(sel.group))
    occasion = 1  # which letter, what it changes by kind, and what the letter rests on: the nota's Aanleiding
    if len(chosen) == 1 and not sel.group:  # why the letter changes the policy, and what it changes, in our words
        cd1, aid1 = chosen[0]
        a1 = cd1.amendments[aid1]
        ours = a1.summary_nl if lang == "nl" else a1.summary_en
        evidence = _evidence_sentence(cd1.versions[a1.version_to].evidence_base, lang)
        summary[1:1] = [*evidence, *([ours] if ours else [])]
        occasion += len(evidence)
    if sel.group:  # first: the rest of the summary counts only what the memo describes
        total = sum(len(v.changes.get(aid, [])) for _, aid in chosen)
        own = sum(1 for r in records if sel.group in r.groups)
        summary.insert(0, _group_sentence(cd0, sel.group, len(records), own, total, lang))
        occasion += 1
        # the letter's own summary is of all its changes: the summary names this memo's (its summary had said
        # nothing of the group in its title: a liaison's read)
        titles = [f"\u2018{r.title_nl if lang == 'nl' else r.title_en}\u2019 ({_kind_words(r, lang, inside=True)})" for r in records]
        summary.insert(occasion, SUMMARY_WORDS[lang]["these"][len(titles) != 1].format(titles=_and_list(titles, lang)))
    tl0 = timeline.load_timeline(cd0, v.changes)
    cur = timeline.currency(tl0, day)
    data_version = str(provenance.get("data_nl" if lang == "nl" else "data", provenance.get("data", "")))  # with the commit: for the annex
    return Memo(
        lang=lang,
        title=title,
        subject=subject,
        options=options,
        date=day,
        data_as_of=data_as_of(provenance, lang),
        stamp=stamp,
        date_basis=date_basis(provenance),
        kenmerk=", ".join(lv.kenmerk for lv in letters if lv.kenmerk != "unknown") or L["unknown"],
        data_version=data_version,
        draft=bool(provenance.get("dirty")) or not provenance.get("commit"),  # a dirty working tree, or data outside git
        draft_text=L["draft_long"].format(data=data_version),
        selection=(sel.description_nl if lang == "nl" else sel.description_en),
        summary=summary,
        occasion=occasion,
        status=" ".join(dict.fromkeys(status_sentence(st, d, lang, several=len(statuses) > 1) for d, st in statuses.values())),
        currency=currency_sentence(tl0, day, lang),
        later_note=_later_sentence(cur.get("known_before") or [], lang),
        status_data=_status_data(next(iter(statuses.values())), lang),  # the first transition's
        status_reasoning=_status_reasoning(statuses, lang),
        currency_reasoning=currency_reasoning(cur, lang),
        basis=timeline.basis_sentence(tl0, day, lang),
        currency_data=cur,
        later=[_development(k, lang) for k in cur.get("known_before") or []],
        later_after=[_development(k, lang) for k in cur.get("known_after") or []],
        changes=changes,
        kept=kept,
        letters=letters,
        publications=_publications(cd0, sel, lang),
        facts=_facts_used(cd0, sel, lang, changes, kept),
        scope=cd0.country.scope_note_nl if lang == "nl" else cd0.country.scope_note_en,
        transition_notes=[transition_note(v, aid, lang) for aid in sel.transitions],
        provenance=provenance,
        counts=counts,
    )


def previous_text(previous: dict[str, Any] | None, state: str, lang: str) -> str:
    """What the record knows of the earlier state, for the before side of a change without a before summary: the
    state in a word, then the record's own explanation where it has one of its own (unknown, absent_per_letter).
    Never "(geen)": that the earlier policy lacked an element is what no source says."""
    word = LABELS[lang]["previous_state"].get(state, "")
    own = str((previous or {}).get(f"text_{lang}") or "") if state in ("unknown", "absent_per_letter") else ""
    return " ".join(t for t in (word, own) if t)


def _evidence_sentence(e: Any, lang: str) -> list[str]:
    """The country report the letter rests on, with the dates the data has of it; none where no source says it does."""
    if not e.basis_stated:
        return []
    words = SUMMARY_WORDS[lang]
    report = _lower_first(e.report_nl if lang == "nl" else e.report_en)
    dates = []
    if isinstance(e.presented, dt.date):
        dates.append(words["presented"].format(day=long_date(e.presented, lang)))
    period = e.reporting_period
    if "unknown" not in (period.start, period.end):
        dates.append(words["period"].format(start=long_month(period.start, lang), end=long_month(period.end, lang)))
    return [words["evidence"].format(report=report, dates=f" ({'; '.join(dates)})" if dates else "")]


def _group_label(cd: Any, group: str, lang: str) -> str:
    g = next((g for g in cd.country.groups if g.id == group), None)
    return (g.label_nl if lang == "nl" else g.label_en) if g else group


def _group_sentence(cd: Any, group: str, n: int, own: int, total: int, lang: str) -> str:
    """What a memo for one group leaves out: how many of the selection's changes it describes (own of them naming
    the group), of how many; and the groups a member should read too, whose rules are in another memo."""
    L = LABELS[lang]
    counts = {"n": number_words(n, lang), "total": number_words(total, lang)}
    if group == "everyone":
        return str(L["everyone_sentence"]).format(**counts)
    g = next((g for g in cd.country.groups if g.id == group), None)
    # the groups a member should read too (a person of Armenian ethnicity married to an Azeri: mixed couples)
    related = [
        f"{r.note_nl if lang == 'nl' else r.note_en} {str(L['related_elsewhere']).format(group=_group_label(cd, r.group, lang))}"
        for r in (g.related if g else [])
    ]
    first = L["group_sentence"] if own else L["group_sentence_none"]
    return " ".join([str(first).format(group=_group_label(cd, group, lang), **counts), *related])


def _and_list(items: list[str], lang: str) -> str:
    """The items as "a, b and c", in the export's language."""
    return ", ".join(items[:-1]) + SUMMARY_WORDS[lang]["and"] + items[-1] if len(items) > 1 else "".join(items)


def _kind_words(r: ChangeRecord, lang: str, *, inside: bool = False) -> str:
    """A change's kind in words: "nieuw volgens de brief", or "nieuw (onze afleiding)", as no source says that the
    earlier policy lacked it; inside brackets already, "nieuw, onze afleiding"."""
    inferred = bool((r.inference or {}).get(f"text_{lang}"))
    kind = KIND[lang]["added_ours" if inferred and r.kind == "added" else r.kind]
    mark = LABELS[lang]["inference_mark"]
    return kind + ((f", {mark}" if inside else f" ({mark})") if inferred else "")


def _summary_text(
    lang: str, counts: dict[str, int], inferred: dict[str, int], by: str, country: str, para: str, kept: list[KeptView], *, limited: bool
) -> list[str]:
    """The summary: how many changes of each kind the letters (`by`, named as the sentence needs) make, and how many of
    them are a change by our inference, and what the letters explicitly keep. limited: after the sentence that the
    memo is limited to one group, which opens "Deze nota …" already (a liaison's read)."""
    W = SUMMARY_WORDS[lang]
    n = counts["added"] + counts["removed"] + counts["modified"]
    parts = [
        W[k][counts[k] != 1].format(n=number_words(counts[k], lang))  # W[k] is (one, more)
        + (f" ({W['inferred_alone'] if counts[k] == 1 else W['inferred'][inferred[k] != 1].format(n=number_words(inferred[k], lang))})" if inferred[k] else "")
        for k in ("added", "removed", "modified")
        if counts[k]
    ]
    first = W["first_limited" if limited else "first"].format(
        n=number_words(n, lang),
        changes=W["changes"][n != 1],
        country=country,
        para=para,
        by=by,
        parts=_and_list(parts, lang),
    )
    if not kept:
        return [first, LABELS[lang]["kept_none"]]
    # "unchanged" says it held before the letter too: where that is our inference, the item says so
    titles = [_lower_first(k.title) + (f" ({W['kept_inferred']})" if k.inference else "") for k in kept]
    return [first, W["kept"][len(kept) != 1].format(titles="; ".join(titles))]


# --- status and currency: the as-of model's (timeline.status, timeline.currency), on the memo's date ----------


def _milestones(cd: Any, a: Any, to: Any) -> Milestones:
    """The dates the data records for a change's version, for the workbook's date cells."""
    src = cd.sources.get(a.instrument)
    letter = src.meta.date if src is not None and isinstance(src.meta.date, dt.date) else None
    return Milestones(letter, *(timeline.milestone_date(to, name) for name in timeline.MILESTONES))


def status_on(tl: Any, aid: str, day: dt.date) -> tuple[dt.date, dict[str, Any]]:
    """The model's status (timeline.status) of a transition's changes on day, as the memo uses it, its texts naming
    the day: stage, headline_*, vc_text, letter, codified, in_force, next, and rules ({record id: the rule}).

    The status speaks of the latest letter announced on its date; a selection of an earlier transition (or a memo
    dated before its letter) gets the status on the nearest day its letter is the latest (from that letter's date up to
    the next one's), and the texts name that day. Kept with the timeline (as it keeps what status derives), so the memo
    in the other language, and the other formats of a build's downloads, do not work it out again."""
    a = tl.country.amendments[aid]
    a_next = tl.amendment_from.get(a.version_to)
    if day < a.announced:
        day = a.announced
    elif a_next is not None and day >= a_next.announced:
        day = a_next.announced - dt.timedelta(days=1)
    made: dict[tuple[str, dt.date], dict[str, Any]] = tl.memo("export_status", dict)
    if (aid, day) not in made:
        st = timeline.status(tl, day)
        words = {ON_MARK[lang]: on_words(day, lang, True) for lang in ("nl", "en")}
        # only the parts the memo shows get the day's words (the whole status is large: its rules carry provisions)
        made[aid, day] = replace_marks(
            {k: st.get(k) for k in ("stage", "headline_nl", "headline_en", "vc_text", "letter", "codified", "in_force", "next")}
            | {"rules": {x["record"]: {k: x[k] for k in ("short_nl", "short_en", "text_nl", "text_en")} for x in st["rules"] if x.get("record")}},
            words,
        )
    return day, made[aid, day]


def rule_status(st: dict[str, Any], r: ChangeRecord, version: Any, day: dt.date, lang: str) -> tuple[str, str]:
    """A change's status on the day of st, in a few words and in sentences: its rule's in the model's status; for a
    record the status does not list (a version whose date is unknown), the codification of its version."""
    rule = (st.get("rules") or {}).get(r.id)
    if rule is not None:
        return str(rule[f"short_{lang}"]), str(rule[f"text_{lang}"])
    text = str(timeline.codification(version, day)[f"text_{lang}"])
    return text, text


def status_sentence(st: dict[str, Any], day: dt.date, lang: str, *, several: bool = False) -> str:
    """The body's one plain sentence on the status of the changes on day, from the model's status: "Stand op 30
    november 2026: de wijzigingen zijn opgenomen in de Vc bij WBV 2021/2, gepubliceerd op 13 januari 2021 (Stcrt.
    2021, 1592); de datum van inwerkingtreding is niet gevonden." several names the letter (a memo of more than one)."""
    W = STATUS_WORDS[lang]
    letter = (st.get("letter") or {}).get(f"label_{lang}") or W["the_letter"]
    cod = st.get("codified") or {}
    when = {k: long_date(dt.date.fromisoformat(cod[k]), lang) if cod.get(k) else None for k in ("signed", "published")}
    force = st.get("in_force") or {}
    stage = st.get("stage")
    words = {
        "head": LABELS[lang]["status_on"].format(day=long_date(day, lang)),
        "changes": W["changes_of"].format(letter=letter) if several else W["changes"],
        "by": "" if several else f" in {letter}",  # the letter is named once
        "name": cod.get("name") or LABELS[lang]["decision"],
        "ref": f" ({cod['reference']})" if cod.get("reference") else "",
        **when,
    }
    if stage in ("published", "in_force") and when["published"]:
        if not force.get("found"):
            tail = W["in_force_not_found"]
        else:
            tail = W["in_force_since" if stage == "in_force" else "in_force_on"].format(date=force[f"label_{lang}"])
        return W["published"].format(tail=tail, **words)
    if stage == "signed" and when["signed"]:
        return W["signed"].format(**words)
    if stage in ("announced", "unknown"):
        return W[stage].format(**words)
    return str(st.get(f"headline_{lang}") or "")  # before the first letter, or nothing recorded: the model's words


def _status_reasoning(statuses: dict[str, tuple[dt.date, dict[str, Any]]], lang: str) -> list[str]:
    """The annex's status: the model's headline on the memo's date, and which text of C7/5 the Vc held then."""
    out = []
    for _, st in statuses.values():
        out.append(str(st.get(f"headline_{lang}") or ""))
        text = str((st.get("vc_text") or {}).get(f"text_{lang}") or "")
        out.append(f"{LABELS[lang]['vc_text']}: {_lower_first(text)}" if text else "")  # a label's value, not a sentence
    return [t for t in dict.fromkeys(out) if t]


def _status_data(status: tuple[dt.date, dict[str, Any]], lang: str) -> dict[str, Any]:
    """The status for the JSON export: the day it is about, the stage, the body's sentence and the model's texts."""
    day, st = status
    vc = st.get("vc_text") or {}
    return {
        "date": day.isoformat(),
        "stage": st.get("stage"),
        "sentence": status_sentence(st, day, lang),
        "headline": st.get(f"headline_{lang}"),
        "vc_text": vc.get(f"text_{lang}"),
        "codified": st.get("codified"),
        "in_force": st.get("in_force"),
    }


def currency_sentence(tl: Any, day: dt.date, lang: str) -> str:
    """The body's sentence on how current the data is: the model's currency text (up to when, when the search was
    done, how sure, and that absence is no proof) and, for a memo dated after the search's limit, that later changes
    may be missing."""
    text = str(timeline.currency(tl, None)[f"text_{lang}"])  # no date asked: the memo's own words follow
    if day > tl.country.country.currency.checked_until:
        text += " " + str(LABELS[lang]["beyond"])
    return text


def currency_reasoning(cur: dict[str, Any], lang: str) -> str:
    """The annex's currency reasoning: what the search was, with its record and confidence."""
    basis = str(cur.get(f"basis_{lang}") or "").strip()
    record = record_of(cur, lang)  # in Dutch record_nl, else the record itself
    if record:
        basis += " " + FactView("", str(record), confidence_word(cur.get("confidence"), lang)).cited(LABELS[lang])
    return basis


def _later_sentence(known: list[dict[str, Any]], lang: str) -> str:
    """For the summary: that developments are known after the letter but not recorded as a version, by their dates,
    and where the memo lists them (its sources); "" when there are none."""
    if not known:
        return ""
    # each by its date and, where the data gives one, its short name: a director-general who reads only page 1 should
    # see that a later letter on the same policy exists, not only its date (a liaison's read)
    days = [
        long_date(dt.date.fromisoformat(k["date"]), lang) + (f" ({k[f'name_{lang}']})" if k.get(f"name_{lang}") else "")
        for k in known
    ]
    words = SUMMARY_WORDS[lang]["later"][len(known) != 1]  # (one, more)
    text = words.format(n=number_words(len(known), lang), dates=_and_list(days, lang), sources=LABELS[lang]["sources"])
    return text[:1].upper() + text[1:]


def _development(k: dict[str, Any], lang: str) -> FactView:
    """A known development not recorded as a version (timeline.currency's known_before/known_after, whose date is
    always given): date and title, with its record, confidence and link."""
    when = long_date(dt.date.fromisoformat(k["date"]), lang)
    return FactView(f"{when}: {k.get(f'title_{lang}')}", record_of(k, lang), confidence_word(k.get("confidence"), lang), k.get("url"))


# --- sources and publications --------------------------------------------------------------------------


def _link(fact: Any) -> str | None:
    publication = getattr(fact, "publication", None)
    return official_url(publication) if publication else None


def _record(fact: Any, lang: str) -> str:
    return str((fact.record_nl or fact.record) if lang == "nl" else fact.record)


def _publications(cd: Any, sel: Any, lang: str) -> list[Publication]:
    """The official publications the memo names: the decision that put each letter into the Vc, and those the
    letter itself refers to (events citing it, with a fact that identifies the publication); each with its link."""
    facts = {f.id: f for f in cd.country.facts}
    out: dict[str, Publication] = {}  # by fact id: each publication once, where first named

    def add(what: str, fact: Any) -> None:
        if fact is not None and fact.id not in out:
            note = fact.confidence_note_nl if lang == "nl" else fact.confidence_note_en
            out[fact.id] = Publication(what, _record(fact, lang), _link(fact), note)

    for aid in sel.transitions:
        if aid not in cd.amendments:
            continue
        a = cd.amendments[aid]
        if a.codified_by_fact:
            name = a.codified_by_name or LABELS[lang]["decision"]
            add(LABELS[lang]["codified_by"].format(name=name), facts.get(a.codified_by_fact))
        for e in cd.events.events:
            if e.fact and any(c.source == a.instrument for c in e.citations):
                add(e.title_nl if lang == "nl" else e.title_en, facts.get(e.fact))
    return list(out.values())


def configured_site_url() -> str | None:
    """site_url from the repository's mkdocs.yml, as the site build uses it; None outside the repository or unset."""
    try:
        return _site_url_in((project_root() / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OutputError, OSError):
        return None


@functools.lru_cache(maxsize=8)
def _site_url_in(text: str) -> str | None:
    """site_url in the text of mkdocs.yml, parsed once per text (a build's downloads ask for it once per file)."""
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    value = config.get("site_url") if isinstance(config, dict) else None
    return str(value) if value else None


def _facts_used(cd: Any, sel: Any, lang: str, changes: list[ChangeView], kept: list[KeptView]) -> list[FactView]:
    """The facts the memo rests on besides the letter: the paragraph's, each transition's dates, and each fact that
    places a rule shown at a Vc number, unless the context beside a change already gives it with its record."""
    ids: list[str | None] = [cd.country.vc_paragraph_fact]
    for aid in sel.transitions:
        if aid in cd.amendments:
            a = cd.amendments[aid]
            m = cd.versions[a.version_to].milestones
            ids += [a.codified_by_fact, m.announced.fact, m.signed.fact, m.published.fact, m.in_force.fact]
    in_context = {str(c.get("id")) for v in changes for c in v.record.context}
    cited = {c.fact for c in cd.country.codified_context if c.id in in_context}
    ids += [f for f in [*(v.placement.fact for v in changes), *(k.fact for k in kept)] if f not in cited]
    by_id = {f.id: f for f in cd.country.facts}
    facts = [by_id[fid] for fid in dict.fromkeys(ids) if fid in by_id]  # each once; an id not given (None) names no fact
    return [
        FactView(f.statement_nl if lang == "nl" else f.statement_en, _record(f, lang), confidence_word(f.confidence, lang), _own_link(f))
        for f in facts
    ]


def _own_link(fact: Any) -> str | None:
    """A fact's link, where it is the address of what the record names: a record that only names the publication
    ("rectification of Stcrt. 2021, 1592") has no address of its own, and the first publication's link beside it read
    as the rectification's (a lawyer's read of the site); the memo's list of publications gives that link."""
    named = fact.cite_as and fact.cite_as in fact.record and fact.cite_as != fact.record
    return None if named else _link(fact)


def transition_note(v: Validated, aid: str, lang: str) -> str:
    """What the date of a transition means: the version after's own note on its dates."""
    for cd in v.dataset.countries.values():
        if aid in cd.amendments:
            to = cd.versions[cd.amendments[aid].version_to]
            note = to.note_nl if lang == "nl" else to.note_en
            return note or ""
    return ""


# --- the #10 contract: placement labels, groups, codified-text context --------------------------------------


def _placement(cd: Any, r: ChangeRecord, side: dict[str, Any] | None, lang: str) -> Placement:
    """The placement of a change's provision: the contract's label, and its parts for atomic columns."""
    L = LABELS[lang]
    pl = r.placement or (side or {}).get("placement") or {}
    label = str(pl.get(f"label_{lang}") or r.section)
    number = pl.get("number")
    if pl.get("basis") == "codified" and number:
        titled = next((s for s in cd.country.sections if s.number == number), None)
        title = (titled.title_nl if lang == "nl" else titled.title_en) if titled else ""
        # whose number it is, as the label says: the old text's for a removed rule (the new text may use it otherwise)
        words = TEXT_WORDS["old" if r.kind == "removed" else "new"][lang]
        title = f"{title} ({words})" if title else words
        fact = pl.get("fact") or {}
        confidence = CONFIDENCE_WORDS[lang].get(str(fact.get("confidence")), L["unknown"])
        return Placement(str(number), title, confidence, False, label, fact.get("id"), _with_record(label, fact, lang))
    heading = next((s for s in cd.country.sections if s.id == r.section), None)
    title = (heading.title_nl if lang == "nl" else heading.title_en) if heading else r.section
    return Placement(None, title, L["not_established"], True, label, None, label)


def _with_record(label: str, fact: dict[str, Any] | None, lang: str) -> str:
    """A place in the Vc with where the fact that gives it was found and how sure it is: "C7/5.1 Vc in de nieuwe
    tekst (Besluitmoratorium)" stood in the nota with no source (a liaison's read). Unchanged where no fact places it."""
    if not fact:
        return label
    L = LABELS[lang]
    said = [f"{L['record']}: {record_of(fact, lang)}"]
    if f"{L['confidence']}: " not in label:  # the contract's label gives a confidence below high itself
        said.append(f"{L['confidence']}: {CONFIDENCE_WORDS[lang].get(str(fact.get('confidence')), L['unknown'])}")
    if label.endswith(")"):  # into the label's own brackets: "(Risicogroepen; vindplaats: …)", not two in a row
        return f"{label[:-1]}; {'; '.join(said)})"
    return f"{label} ({'; '.join(said)})"


def group_labels(cd: Any, r: ChangeRecord, side: dict[str, Any] | None, lang: str) -> list[str]:
    words = vocabulary(cd.country)
    ids = r.groups or (side or {}).get("groups") or []
    return [words.get(g, {}).get(f"label_{lang}", g) for g in ids]


def record_of(item: dict[str, Any], lang: str) -> str:
    """The record an item of the JSON contract names, as the export's language names it (record_nl in Dutch)."""
    return str((item.get("record_nl") if lang == "nl" else None) or item.get("record") or "")


def _lower_first(text: str) -> str:
    """A note of ours that starts a sentence, to follow a label ("zekerheid: middelhoog voor 5.4.4; …"); an
    abbreviation or a name (a second capital) stays as it is; the article "A" of one letter is lowered too."""
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[:2] == "A " else text


def confidence_word(value: Any, lang: str) -> str:
    return CONFIDENCE_WORDS[lang].get(str(value), str(value))


def _context(cd: Any, entries: list[dict[str, Any]], lang: str) -> list[FactView]:
    """Facts about the codified Vc text beside a rule (its context entries): where (as cited, "C7/5.5.1 Vc"), what, the record and its
    confidence (its own note where it has one), and what is known of it after the letter, with the letter's words."""
    L = LABELS[lang]
    titles = {e.id: e.title_nl if lang == "nl" else e.title_en for e in cd.country.codified_context}
    out = []
    for c in entries:
        text = str(c.get(f"text_{lang}", ""))
        label = c.get("label")
        title = titles.get(str(c.get("id")))
        fate = c.get("fate") or None
        fate_text = f"{L['fate']} ({L['fate_state'].get(fate['state'], fate['state'])}): {fate.get(f'text_{lang}', '')}" if fate else None
        confidence = _lower_first(str(c.get(f"confidence_note_{lang}") or confidence_word(c.get("confidence"), lang)).rstrip("."))
        out.append(
            FactView(
                f"{label}: {text}" if label else text,
                record_of(c, lang),
                confidence,
                fate=fate_text,
                fate_quotes=_quotes(cd, fate.get("quotes"), lang) if fate else [],
                # "C7/5.5.1 Vc, vlucht- en vestigingsalternatieven …"; a title that names its section already, alone
                ref=(title if label in title else f"{label}, {_lower_first(title)}") if label and title else str(label or ""),
                plain=text,
                where=str(label or ""),
            )
        )
    return out
