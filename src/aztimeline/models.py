"""Pydantic models for every kind of data file, and for what the pipeline derives from them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StrictBool, StringConstraints

from .addresses import PUBLICATION_ID

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9]|-[a-z0-9]){1,63}$"
"""Ids are lowercase slugs of 2-64 characters: no '/', '..', spaces or leading dot, so they are safe in paths and
URLs, and no '--', which the site's anchors use between two ids (cmp-A--B: versions 'az' and 'az--az' gave two
comparisons one anchor, found by an outside tester)."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
KNOWN_LATER_MAX = 50
"""Developments a country may list as known later: each begins a period of the as-of table, and each period lists
them all, so the site grows with their square (500 made a 385 MB site in 79 s: an outside tester). Past a few, they
belong in a version."""
Anchor = Annotated[str, StringConstraints(pattern=r"^(p|f)[1-9][0-9]{0,3}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
YearMonth = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
StrictDate = Annotated[dt.date, Strict()]
DateOrUnknown = StrictDate | Literal["unknown"]
Confidence = Literal["high", "medium-high", "medium", "low", "inferred", "unverified"]
"""How sure a fact is, in the words of shared/sources/FACTS.md. Where a record gives mixed confidence, a fact
carries the confidence of the part we rely on and says the rest in its confidence_note_*."""

CONFIDENCE_RANK = {"high": 5, "medium-high": 4, "medium": 3, "low": 2, "inferred": 1, "unverified": 0}
"""Order of the confidence words, most sure first; a codified placement needs at least "medium"."""


class Strict_(BaseModel):
    """Base for data models: unknown keys are errors, so a typo in a YAML key fails loudly."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict_):
    """A text in Dutch and English, written by us (never a quotation)."""

    nl: Text
    en: Text


class Citation(Strict_):
    """A verbatim quotation from a paragraph of a source, checked by machine against the source text."""

    source: Id
    anchor: Anchor
    quote: Text


class CitedQuote(Citation):
    """A citation as the pipeline hands it out: with the page(s) of the letter and whether it is partial.

    page is the page on which the quote's first words stand, or [first, last] for a quote that runs over a
    page break; partial is true when the quote is only part of a sentence (shown with "[\u2026]"); label_nl and
    label_en say where it stands for a reader ("alinea 6 (blz. 2)", "paragraph 6 (page 2)", "alinea 9 (blz. 2\u20133)"
    over a page break; page furniture by its role, "briefhoofd (blz. 1)"), never an internal anchor.
    """

    page: int | list[int]
    partial: bool
    label_nl: str | None = None
    label_en: str | None = None


# --- sources -----------------------------------------------------------------------------------------


class Discrepancy(Strict_):
    """Something in the source that contradicts itself, recorded so that it stays visible."""

    id: Id
    note_nl: Text
    note_en: Text
    evidence: list[Citation] = Field(min_length=1)


class FurnitureRule(Strict_):
    """Literal text in which * stands for any text (not a regular expression); a block of the raw text it matches in full is furniture of this role."""

    role: Literal["letterhead", "running_header", "signature"]
    pattern: Annotated[str, StringConstraints(min_length=1, max_length=500)]


RawFile = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$")]


class SourceText(BaseModel):
    """The fields of a source's metadata that its raw text is read with. When the rest of the file does not load, its
    quotes are still checked against the text (load._load_sources), so one slip there does not hide them."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    raw_file: RawFile
    sha256: Sha256
    furniture: list[FurnitureRule]


MetadataKey = Literal["date", "kenmerk", "sender", "signatory", "addressee", "subject"]


class Source(Strict_):
    """Metadata of one source document; its raw text lives beside it and is checked by sha256."""

    id: Id
    kind: Literal["kamerbrief", "ambtsbericht", "wbv", "aanhangsel", "other"]
    title: Text
    date: DateOrUnknown
    kenmerk: ShortText | Literal["unknown"]
    kamerstuk: ShortText | Literal["unknown"]
    sender: ShortText
    signatory: ShortText | Literal["unknown"]
    addressee: ShortText
    subject: ShortText
    language: Literal["nl"]
    raw_file: RawFile
    sha256: Sha256
    received_as: Text
    furniture: list[FurnitureRule] = Field(
        min_length=0, description="Blocks of the raw text that are page furniture rather than body text."
    )
    metadata_evidence: dict[MetadataKey, list[Citation]]
    discrepancies: list[Discrepancy] = []


# --- facts from public records (no text stored) ------------------------------------------------------


class Fact(Strict_):
    """A fact from a public record that is not stored here, with the record and how sure we are."""

    id: Id
    statement_nl: Text
    statement_en: Text
    record: ShortText
    record_nl: ShortText | None = Field(
        default=None,
        description="The record as the Dutch edition names it, where record uses English words; without it record is shown in both.",
    )
    confidence: Confidence
    confidence_note_nl: Text | None = None
    confidence_note_en: Text | None = None
    via: ShortText
    publication: Annotated[str, StringConstraints(pattern=PUBLICATION_ID)] | None = Field(
        default=None,
        description="The record's identifier on the official publications site, only where the record gives it "
        "(stcrt-2021-1592, kst-19637-2800, ah-tk-20202021-831); see addresses.official_url.",
    )
    cite_as: ShortText | None = Field(
        default=None,
        description='How a lawyer cites the publication the record names ("Stcrt. 2021, 1592"), only where the record '
        "gives its number; the same in both languages (a term of art).",
    )


# --- country -------------------------------------------------------------------------------------------


SectionNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)*$")]


class Section(Strict_):
    """A heading under which we group provisions (our classification by topic).

    A heading that is also a numbered section of the codified C7/5 carries that number and the fact that
    gives the numbering; a heading of our own has no number. Grouping a provision under a heading never
    says where the Vc places it: that is the provision's placement.
    """

    id: Id
    number: SectionNumber | None = None
    title_nl: ShortText
    title_en: ShortText
    numbering_fact: Id | None = None


class RelatedGroup(Strict_):
    """Another group whose rules a member of this group should also read, and why (our words)."""

    group: Id
    note_nl: Text
    note_en: Text


class Group(Strict_):
    """One entry of the controlled vocabulary of groups a provision concerns (who a rule is about)."""

    id: Id
    label_nl: ShortText
    label_en: ShortText
    related: list[RelatedGroup] = Field(default=[], description="Groups whose rules a member of this group should also read.")


class Fate(Strict_):
    """What is known of a fact about the codified text after the next version: our summary, with the letter's words."""

    state: Literal["kept", "removed", "partly", "unknown"] = Field(
        description="kept or removed (the letter says so), partly (some parts kept, some removed, the text says which), "
        "unknown (no source says whether it stayed in the Vc)."
    )
    text_nl: Text = Field(description="Our words, not a quotation.")
    text_en: Text = Field(description="Our words, not a quotation.")
    citations: list[Citation] = []


class CodifiedContext(Strict_):
    """What the codified Vc text said, from a fact: context beside a provision, never a quote or a change."""

    id: Id
    number: SectionNumber
    title_nl: ShortText | None = Field(default=None, description="A short title of ours, for lists (what the text says, in brief).")
    title_en: ShortText | None = None
    text_nl: Text = Field(description="Our paraphrase of the fact, not a quotation.")
    text_en: Text = Field(description="Our paraphrase of the fact, not a quotation.")
    fact: Id
    groups: list[Id] = Field(default=[], description="Who the described text concerns, from the group vocabulary.")
    describes: Id | None = Field(
        default=None, description="The version whose codified Vc text the fact describes (the text before or after a letter)."
    )
    fate: Fate | None = Field(default=None, description="What is known of the described text after the next version.")


class LaterDevelopment(Strict_):
    """A known development after the recorded versions, not (yet) recorded as a version."""

    id: Id
    date: StrictDate
    title_nl: ShortText
    title_en: ShortText
    name_nl: ShortText | None = Field(default=None, description="A short name, for a sentence that lists several (the memo's summary).")
    name_en: ShortText | None = None
    fact: Id


class Currency(Strict_):
    """How far the record has been checked for later changes, and what is known after it."""

    checked_until: StrictDate = Field(description="The last date for which someone looked for later changes.")
    searched: YearMonth | None = Field(default=None, description="The month the search was done, as the fact's record gives it.")
    basis_nl: Text
    basis_en: Text
    fact: Id
    known_later: list[LaterDevelopment] = Field(
        default=[],
        max_length=KNOWN_LATER_MAX,
        description="Developments that no version records, listed wherever they are dated; each begins a period of the as-of table.",
    )


class Country(Strict_):
    """One country policy: names, the Vc paragraph, the template sections and the scope note."""

    id: Id
    name_nl: ShortText
    name_en: ShortText
    vc_paragraph: ShortText
    vc_paragraph_fact: Id
    scope_note_nl: Text
    scope_note_en: Text
    sections: list[Section] = Field(min_length=1)
    groups: list[Group] = Field(min_length=1)
    codified_context: list[CodifiedContext] = []
    currency: Currency
    facts: list[Fact] = []


# --- versions ------------------------------------------------------------------------------------------


class Milestone(Strict_):
    """A dated step in a version's life; a known date must name its source or fact."""

    date: DateOrUnknown
    citations: list[Citation] = []
    fact: Id | None = None
    note_nl: Text | None = None
    note_en: Text | None = None


class Milestones(Strict_):
    """The dates of a version, after wetten.overheid.nl and legislation.gov.uk: never a single date."""

    announced: Milestone
    signed: Milestone
    published: Milestone
    in_force: Milestone


class ReportingPeriod(Strict_):
    start: YearMonth | Literal["unknown"]
    end: YearMonth | Literal["unknown"]


class EvidenceBase(Strict_):
    """The ambtsbericht a version rests on, with what the sources say of its dates."""

    report_nl: ShortText
    report_en: ShortText
    report_date: YearMonth | StrictDate | Literal["unknown"]
    presented: DateOrUnknown
    reporting_period: ReportingPeriod
    basis_stated: StrictBool = Field(description="True when a source says the version rests on this report.")
    note_nl: Text | None = None
    note_en: Text | None = None
    citations: list[Citation] = []


Status = Literal["risk_group", "vulnerable_minority_group", "not_designated"]


class Attributes(Strict_):
    """Structured attributes of a provision; absent means the sources say nothing about it."""

    group_nl: ShortText | None = None
    group_en: ShortText | None = None
    status: Status | None = None
    evidentiary_threshold: Literal["geringe_indicaties"] | None = None
    authority_protection: Literal["need_not_be_sought", "cannot_be_relied_on"] | None = None
    internal_protection_alternative: Literal["available", "not_available"] | None = None
    ipa_area_nl: ShortText | None = None
    ipa_area_en: ShortText | None = None
    decision_moratorium: StrictBool | None = None
    assessed_against_nl: ShortText | None = None
    assessed_against_en: ShortText | None = None


class Placement(Strict_):
    """Where the codified Vc text places a provision, and on what basis.

    basis codified: a fact about the codified text (fact) places it in section number. basis ours: the
    codified placement is not known; the provision is shown under its heading (section), marked as ours.
    """

    basis: Literal["codified", "ours"]
    number: SectionNumber | None = None
    fact: Id | None = None


class Provision(Strict_):
    """One element of the policy, keyed by a stable id, with our summaries and its cited basis."""

    section: Id = Field(description="The heading we group it under (ours); where the Vc places it is in placement.")
    placement: Placement
    groups: list[Id] = Field(min_length=1, description="Who the provision concerns, from the country's group vocabulary.")
    context: list[Id] = Field(default=[], description="Ids of codified_context entries in country.yaml that concern it.")
    title_nl: ShortText
    title_en: ShortText
    summary_nl: Text = Field(description="Our own words, not a quotation.")
    summary_en: Text = Field(description="Our own words, not a quotation.")
    attributes: Attributes = Attributes()
    citations: list[Citation] = Field(min_length=1)
    inference: Bilingual | None = Field(
        default=None,
        description="Where this element of the version is our inference rather than what a source says: the inference "
        "and its reason, in our words (shown as our inference).",
    )


class Version(Strict_):
    """One snapshot of a country policy, as the sources state it."""

    id: Id
    country: Id
    title_nl: ShortText
    title_en: ShortText
    effective_from: DateOrUnknown = Field(description="The date the as-of lookup keys on: here the date the changes were announced.")
    effective_from_basis: Literal["announced", "in_force", "unknown"]
    milestones: Milestones
    evidence_base: EvidenceBase
    note_nl: Text | None = None
    note_en: Text | None = None
    provisions: dict[Id, Provision] = Field(min_length=1)


# --- amendments ------------------------------------------------------------------------------------------


class ChangeNote(Strict_):
    """What a change record needs beside its fields: the earlier state, what is new, and what is not established.

    A version before a letter holds only what the letter says about the earlier policy. So "added" means added to
    what the data records, not that the earlier policy lacked it: previous says what is known of the earlier state.
    """

    previous: Literal["unknown", "absent_per_letter"] = Field(
        description="unknown: no source says what the earlier policy held on this; absent_per_letter: the letter "
        "presents the element as new."
    )
    previous_nl: Text
    previous_en: Text
    new_nl: Text | None = Field(default=None, description="What the letter establishes as new (our words).")
    new_en: Text | None = None
    new_citations: list[Citation] = Field(default=[], description="The letter's words for what is new.")
    not_established_nl: Text | None = Field(
        default=None, description="What the version after says but is not established as a change (our words)."
    )
    not_established_en: Text | None = None
    inference: Bilingual | None = Field(default=None, description="A part of the record that is our inference, with its reason.")


class Amendment(Strict_):
    """The move from one version to the next: the instrument, and the quotes justifying each change."""

    id: Id
    version_from: Id
    version_to: Id
    instrument: Id
    announced: StrictDate
    codified_by_fact: Id | None = None
    codified_by_name: ShortText | None = Field(default=None, description='The instrument that codified it, e.g. "WBV 2021/2".')
    justifications: dict[Id, list[Citation]] = {}
    kept: dict[Id, list[Citation]] = {}
    notes: dict[Id, ChangeNote] = Field(
        default={},
        description="Per changed provision, what the change record cannot say by itself: what is known of the earlier "
        "state, what is new, what is not established as a change, and which part is our inference.",
    )
    reasons: dict[Id, Bilingual] = Field(
        default={},
        description="Per changed provision, the instrument's reason for the change in our words (nl, en): a paraphrase "
        "for readers of either language, never a quotation; the quotes under justifications are the instrument's words.",
    )
    summary_nl: Text | None = Field(
        default=None,
        description="Our summary, in a few sentences, of what the instrument changes: the memo's summary gives it after "
        "the count of changes. Each change record carries the quotes behind it.",
    )
    summary_en: Text | None = None


# --- events ----------------------------------------------------------------------------------------------


class Event(Strict_):
    """A dated context event from a source: not policy, but needed to read it."""

    id: Id
    date: DateOrUnknown
    date_note_nl: Text | None = None
    date_note_en: Text | None = None
    title_nl: ShortText
    title_en: ShortText
    fact: Id | None = None
    citations: list[Citation] = Field(min_length=1)


class Events(Strict_):
    events: list[Event]


# --- derived ---------------------------------------------------------------------------------------------


class WordOp(BaseModel):
    op: Literal["equal", "insert", "delete"]
    text: str


class FieldChange(BaseModel):
    """One changed field of a provision: its dotted path, the values before and after, and word ops for text."""

    path: str
    before: Any
    after: Any
    words: list[WordOp] | None = None


class ChangeRecord(BaseModel):
    """A change to one provision between two versions; the public contract of `aztimeline changes`."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: Literal["added", "removed", "modified"]
    provision: str
    section: str
    section_number: str | None = Field(description="The Vc section number, only where the codified placement is known.")
    version_from: str
    version_to: str
    transition: str
    announced: dt.date
    effective: dt.date | None
    title_nl: str
    title_en: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    fields: list[FieldChange]
    justifications: list[CitedQuote | Citation] = Field(
        description="The quotes that justify the change, in the letter's order; validated records hold CitedQuote (page, partial)."
    )
    groups: list[str] = []
    placement: dict[str, Any] = Field(default={}, description="basis, number, label_nl, label_en, fact (see docs/en/api.md).")
    context: list[dict[str, Any]] = []
    basis: dict[str, Any] = Field(default={}, description="keyed_on, date, text_nl, text_en: which date the change is keyed on, and why.")
    currency: dict[str, Any] = Field(
        default={}, description="checked_until, beyond (null), basis_nl, basis_en, known_later: how current the version after the change is."
    )
    previous: dict[str, Any] = Field(
        default={},
        description="state (recorded, not_in_record, unknown, absent_per_letter), text_nl, text_en: what is known of the "
        "provision before the change (see docs/en/api.md).",
    )
    new: dict[str, Any] | None = Field(default=None, description="text_nl, text_en, quotes: what the letter establishes as new.")
    not_established: dict[str, Any] | None = Field(default=None, description="text_nl, text_en: what is not established as a change.")
    inference: dict[str, Any] | None = Field(default=None, description="text_nl, text_en: a part of the record that is our inference.")
    reason: dict[str, Any] | None = Field(default=None, description="text_nl, text_en: the instrument's reason for the change, in our words (not a quotation).")
