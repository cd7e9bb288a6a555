"""The JSON export's document (`aztimeline export --format json`) as pydantic models.

`aztimeline schema` makes `export.schema.json` from them, with the change record's schema in its `$defs`, so a plain
Draft 2020-12 validator needs no other file; the JSON export checks every document against them before it writes.
Fields are only ever added; FORMAT_VERSION is raised only when a field changes meaning (see docs/en/api.md).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .models import ChangeRecord, CitedQuote, Sha256

FormatVersion = Literal[2]
FORMAT_VERSION: FormatVersion = 2  # mypy holds the constant to the type the schema publishes

Day = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
Count = Annotated[int, Field(ge=0)]
Lang = Literal["nl", "en"]
# A key that the document may leave out but never sets to null is declared with its type and a None default (the
# default is never validated or written); mypy is told so with `type: ignore[assignment]`.


class Closed(BaseModel):
    """An object with exactly the keys named."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Open(BaseModel):
    """An object with at least the keys named: it carries the as-of model's keys as they are."""

    model_config = ConfigDict(extra="allow", strict=True)


class Quote(CitedQuote):
    """A verbatim quote: `quote` as stored, `text` as shown (in quotation marks, […] where words of the sentence are
    left out), `label` its paragraph and the page where it begins."""

    model_config = ConfigDict(strict=True)

    text: str
    label: str
    reference: str


class Fact(Closed):
    text: str
    record: str
    confidence: str
    url: str = Field(None, description="The publication's page on the official publications site, where the fact identifies it.")  # type: ignore[assignment]
    fate: str = Field(None, description="Context: what is known of the described Vc text after the letter.")  # type: ignore[assignment]
    fate_quotes: list[Quote] = Field([], description="The letter's words for the fate.")


class Memo(Closed):
    """The nota's own fields as the liaison set them (export --memo-to, --memo-from, --memo-date, --reference, or the
    settings file)."""

    to: str | None = Field(description="Aan/To; null when not given.")
    sender: str | None = Field(alias="from", description="Van/From; null when not given. Also the Office files' author.")
    date: Day = Field(description="Datum/Date of the memo (default: the day it was exported).")
    reference: str | None = Field(description="Kenmerk/Reference: the liaison's own; null when not given.")
    data_as_of: str = Field(description="Gegevens laatst gewijzigd/Data last changed: the data's commit date in words, or that it is a working copy.")
    annex: bool = Field(description="Whether the Word, Excel and Markdown exports carry the annex on provenance and method.")


class Provenance(Open):
    tool: str
    commit: str | None = Field(description="The data's git commit, or null outside git.")
    commit_date: str | None
    dirty: bool = Field(description="True when the data has uncommitted changes.")
    git: Literal["ok", "shallow", "none"]
    made: Day = Field(description="Kept for compatibility: the same day as `date`; read `date_basis` for what it is.")
    data: str
    data_nl: str
    selection: str
    lang: Lang
    date: Day = Field(
        description="The date of the data's stamp, written into the Office files' properties (the commit's, or SOURCE_DATE_EPOCH's)."
    )
    date_basis: Literal["commit", "source_date_epoch", "today"] = Field(
        description='commit: the data\'s commit date ("data as of"), for a reproducible file; source_date_epoch: fixed by '
        'SOURCE_DATE_EPOCH; today: the day the file was made ("made on").'
    )
    date_label: str = Field(description="What `date` is, in words.")
    date_basis_text: str


class Letter(Closed):
    source: str
    kind: str
    title: str
    date: Day | Literal["unknown"]
    kenmerk: str
    sender: str
    sha256: Sha256
    text: str
    kamerstuk: str = Field(description="The letter's Kamerstuk number, or the word for unknown.")
    discrepancies: list[str] = Field(description="Notes on where the letter contradicts itself (its running header's date).")


class Publication(Closed):
    what: str
    record: str
    url: str | None
    confidence_note: str | None = Field(
        None, description="The fact's note on how sure which part is, where it has one (the form of the link's address)."
    )


class StatusOnDate(Closed):
    """The as-of model's status (timeline.status) on the memo's date, in the export's language; for a selection of an
    earlier transition, on the last day the as-of lookup gives its version (date says which day)."""

    date: Day
    stage: Literal["before", "announced", "signed", "published", "in_force", "unknown", "nothing"]
    sentence: str = Field(description='The memo\'s one sentence on the status ("Stand op …: …").')
    headline: str | None = Field(
        description="The model's headline: which text of C7/5 the Vc held, and the decision that put the letter into it."
    )
    vc_text: str | None = Field(description="Which text of C7/5 the Vc held on the date, and that the Vc's own text is not in this data.")
    codified: dict[str, Any] | None = Field(description="The decision that put the letter into the Vc, as in asof's status.codified.")
    in_force: dict[str, Any] | None = Field(
        description='Its entry into force, as in asof\'s status.in_force (label "niet gevonden" where no source gives it).'
    )


class Counts(Closed):
    added: Count
    removed: Count
    modified: Count
    kept: Count


class Summary(Closed):
    text: list[str] = Field(description="The summary in words, paragraph by paragraph.")
    counts: Counts


class Basis(Open):
    date: Day
    text: str = Field(description="Which date the answer keys on and why, and the codification state on `date`.")


class KnownLater(Open):
    date: Day
    title_nl: str
    title_en: str
    record: str
    confidence: str


class CurrencyOfData(Open):
    """How far the data has been checked for later changes, as in `asof --format json`, with `text` in words."""

    checked_until: Day | None
    beyond: bool
    known_later: list[KnownLater]
    text: str = Field(
        description="The memo's sentence: up to when later changes were looked for, when and how sure, that absence is no "
        "proof, and (for a memo dated after that limit) that later changes may be missing."
    )
    reasoning: str = Field(None, description="What the search for later changes was, with its record and confidence (the memo's annex).")  # type: ignore[assignment]


class Kept(Closed):
    provision: str
    title: str
    section: str = Field(description="Where the element sits, with its basis (the placement label).")
    summary: str = Field(description="Our summary, not a quotation.")
    quotes: list[Quote] = Field(min_length=1)
    inference: str | None = Field(
        description="The part of it that is our inference (for example that it held before the letter too), or null."
    )


class OverviewPlacement(Closed):
    number: str | None = Field(description="The Vc section number, only where a fact places it.")
    title: str
    confidence: str = Field(description="The placement's confidence in words, or that it is not established.")
    our_heading: bool = Field(description="True when title is our own heading, not the Vc's.")


class Dates(Closed):
    """The dates the data records; null where not recorded or not found."""

    letter: Day | None
    announced: Day | None
    signed: Day | None
    published: Day | None
    in_force: Day | None


class Previous(Closed):
    """What the before side shows: our summary of the rule before, or what is known of the earlier state; never that
    the earlier policy lacked it."""

    state: Literal["recorded", "not_in_record", "unknown", "absent_per_letter"] = Field(
        description="As in the change record's previous.state."
    )
    text: str


class New(Closed):
    text: str = Field(description="What the letter establishes as new, in our words.")
    quotes: list[Quote]


class Overview(Closed):
    id: str = Field(description="The change record's id.")
    title: str
    kind: str = Field(
        description='added/removed/modified in the export\'s language, with "(onze afleiding)"/"(our inference)" when that it '
        "is a change is our inference."
    )
    section: str = Field(description="The placement label: the Vc section with its basis.")
    placement: OverviewPlacement
    groups: list[str] = Field(description="Labels of the groups the change concerns.")
    announced: Day
    status: str = Field(description="The rule's status on the memo's date, in a few words (asof's status.rules short text).")
    codification: str = Field(description="The rule's status on the memo's date in sentences, with the dates (asof's status.rules text).")
    dates: Dates
    letter: str
    before: str | None = Field(description="Our summary of the rule before; null for an added rule.")
    after: str | None = Field(description="Our summary of the rule after; null for a removed rule.")
    before_quotes: list[Quote] = Field(description="The quotes behind the before statement.")
    after_quotes: list[Quote] = Field(description="The quotes behind the after statement.")
    previous: Previous
    new: New | None
    not_established: str | None = Field(description="What the after side says but is not established as a change.")
    inference: str | None = Field(description="The part of the record that is our inference, with its reason.")
    reason: str | None = Field(description="The letter's reason for the change, in our words (not a quotation), or null.")
    quotes: list[Quote]
    context: list[Fact] = Field(description="What the codified Vc text said: context, never a quote or a change.")
    url: str | None = Field(description="The change's page on the site, when --site-url was given.")


class ExportDocument(Closed):
    """The file written by `aztimeline export --format json`: the change records of the public contract, with the memo
    around them (the nota's fields, letter, sources, basis, currency, what stays the same, provenance). Fields are only
    ever added. This file bundles the change record's schema (in $defs), so a plain Draft 2020-12 validator needs
    nothing else."""

    model_config = ConfigDict(title="aztimeline export")

    format: Literal["aztimeline-export"]
    format_version: FormatVersion = Field(
        description="Raised only when a field changes meaning; new fields do not raise it. 2: status, the overview's status "
        "and codification, currency.text and known_later_text say the legal status on the memo's date (see docs/en/api.md)."
    )
    lang: Lang = Field(description="Language of every text of ours in the file; quotes are always the Dutch original.")
    title: str = Field(min_length=1)
    subject: str = Field(min_length=1, description="Names the country and the Vc paragraph (C7/5).")
    draft: bool = Field(description="True for data with uncommitted changes or outside git: the file is a draft.")
    memo: Memo
    provenance: Provenance
    letters: list[Letter] = Field(min_length=1)
    publications: list[Publication] = Field(
        description="Official publications the memo names, with their link on the official publications site."
    )
    status: str = Field(
        description="The body's two plain sentences: the status of the changes on the memo's date (from the as-of model, "
        "timeline.status), then how current the data is (currency.text)."
    )
    status_on_date: StatusOnDate
    kenmerk: str = Field(min_length=1, description="The kenmerk (reference) of the letter(s), or the word for unknown.")
    summary: Summary
    basis: Basis
    currency: CurrencyOfData
    scope_note: str
    facts: list[Fact]
    kept: list[Kept] = Field(description="Elements the letter explicitly keeps unchanged, with their quotes.")
    overview: list[Overview] = Field(
        description="One entry per change, in the order of `changes`, as the memo shows it in the export's language."
    )
    changes: list[ChangeRecord] = Field(min_length=1)
