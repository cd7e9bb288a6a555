"""What every export says, built once: the memo's texts in one language, so the formats cannot drift apart.

Each writer (docx, xlsx, csv, md, json) lays out the same `Memo`; none of them looks anything up itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from typing import Any

from ..models import ChangeRecord, Citation
from ..timeline import codification, long_date
from ..validate import Validated

KIND = {
    "nl": {"added": "toegevoegd", "removed": "verwijderd", "modified": "gewijzigd"},
    "en": {"added": "added", "removed": "removed", "modified": "modified"},
}

_NUMBER_WORDS = {
    "nl": ["geen", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"],
    "en": ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
}

LABELS: dict[str, dict[str, Any]] = {
    "nl": {
        "doc_title": "Wijzigingen in het landenbeleid {country} (Vc {para})",
        "subject": "Landgebonden asielbeleid {country}, paragraaf {para} Vreemdelingencirculaire 2000: {what}",
        "subject_label": "Onderwerp",
        "date_commit": "Stand gegevens",
        "date_epoch": "Datum",
        "date_today": "Gemaakt op",
        "kenmerk_label": "Kenmerk brief",
        "data_label": "Gegevensversie",
        "selection": "Selectie",
        "summary": "Samenvatting",
        "overview": "Overzicht van de wijzigingen",
        "kept": "Wat hetzelfde blijft",
        "kept_intro": "De brief houdt deze onderdelen uitdrukkelijk ongewijzigd:",
        "kept_none": "De brief noemt geen onderdelen die uitdrukkelijk ongewijzigd blijven.",
        "changes": "De wijzigingen één voor één",
        "provenance": "Herkomst",
        "change": "Wijziging",
        "kind": "Soort",
        "section": "Sectie (grondslag)",
        "announced": "Aangekondigd",
        "applies": "Geldt in aztimeline vanaf",
        "codification": "Codificatie",
        "groups": "Betreft",
        "before": "Vóór",
        "after": "Na",
        "quotes": "Citaten uit de brief (letterlijk, in de volgorde van de brief)",
        "quotes_short": "Citaten (alinea, blz.)",
        "context": "Uit de gecodificeerde Vc-tekst (geen citaat uit de brief, geen wijziging)",
        "link": "Pagina",
        "summary_note": "Titels en samenvattingen zijn van de redactie van aztimeline; alleen de citaten zijn de woorden van de bron.",
        "paragraph_note": (
            "Alinea N is de N-de alinea van de brieftekst, van boven af geteld zonder briefhoofd, kopregels en "
            "ondertekening; de brief nummert zijn alinea's zelf niet. Blz. M is de pagina van de brief waarop de "
            "aangehaalde woorden beginnen. [\u2026] staat waar een citaat woorden van de zin weglaat."
        ),
        "none": "(geen)",
        "draft": "CONCEPT",
        "draft_long": "CONCEPT: gemaakt uit gegevens die niet (volledig) in git zijn vastgelegd ({data}).",
        "unknown": "onbekend",
        "page_of": ("pagina ", " van "),
        "letter": "Brief",
        "facts": "Gebruikte feiten uit openbare bronnen",
        "scope": "Reikwijdte van de gegevens",
        "currency": "Actualiteit",
        "tool": "Gemaakt met",
        "ids": "Id's van de wijzigingen in aztimeline (voor scripts)",
        "record": "vindplaats",
        "date_basis": {
            "commit": "datum van de vastlegging van de gegevens in git, niet de dag waarop dit bestand is gemaakt; zo is het bestand reproduceerbaar",
            "source_date_epoch": "vastgezet met SOURCE_DATE_EPOCH voor een reproduceerbaar bestand; niet noodzakelijk de dag waarop het is gemaakt",
            "today": "de dag waarop dit bestand is gemaakt",
        },
        "everyone_included": " (met de regels die voor iedereen gelden)",
        "sheet_changes": "Wijzigingen",
        "sheet_sources": "Bronnen",
        "item": "Onderdeel",
        "summary_col": "Inhoud (onze samenvatting; bij verwijderd: de oude regel)",
        "basis_label": "Grondslag van de datum",
        "checked_until": "Gecontroleerd tot en met",
        "value": "Inhoud",
    },
    "en": {
        "doc_title": "Changes to the country policy for {country} (Vc {para})",
        "subject": "Country-specific asylum policy for {country}, paragraph {para} of the Aliens Circular 2000 (Vc): {what}",
        "subject_label": "Subject",
        "date_commit": "Data as of",
        "date_epoch": "Date",
        "date_today": "Made on",
        "kenmerk_label": "Letter reference",
        "data_label": "Data version",
        "selection": "Selection",
        "summary": "Summary",
        "overview": "Overview of the changes",
        "kept": "What stays the same",
        "kept_intro": "The letter explicitly keeps these elements unchanged:",
        "kept_none": "The letter names no elements that explicitly stay unchanged.",
        "changes": "The changes one by one",
        "provenance": "Provenance",
        "change": "Change",
        "kind": "Kind",
        "section": "Section (basis)",
        "announced": "Announced",
        "applies": "Applies in aztimeline from",
        "codification": "Codification",
        "groups": "Concerns",
        "before": "Before",
        "after": "After",
        "quotes": "Quotes from the letter (verbatim Dutch original, in the letter's order)",
        "quotes_short": "Quotes (paragraph, page)",
        "context": "From the codified Vc text (not a quote from the letter, not a change)",
        "link": "Page",
        "summary_note": "Titles and summaries are aztimeline's own unofficial English summaries; only the quotes are the source's words, in the original Dutch.",
        "paragraph_note": (
            "Paragraph N is the Nth paragraph of the letter's text, counted from the top without the letterhead, "
            "running headers and signature; the letter does not number its paragraphs. Page M is the page of the "
            "letter on which the quoted words begin. [\u2026] marks words of the sentence that a quote leaves out."
        ),
        "none": "(none)",
        "draft": "DRAFT",
        "draft_long": "DRAFT: made from data that is not (fully) committed to git ({data}).",
        "unknown": "unknown",
        "page_of": ("page ", " of "),
        "letter": "Letter",
        "facts": "Facts used from public records",
        "scope": "Scope of the data",
        "currency": "How current",
        "tool": "Made with",
        "ids": "Ids of the changes in aztimeline (for scripts)",
        "record": "record",
        "date_basis": {
            "commit": "the date the data was committed to git, not the day this file was made; it keeps the file reproducible",
            "source_date_epoch": "fixed by SOURCE_DATE_EPOCH for a reproducible file; not necessarily the day it was made",
            "today": "the day this file was made",
        },
        "everyone_included": " (with the rules that apply to everyone)",
        "sheet_changes": "Changes",
        "sheet_sources": "Sources",
        "item": "Item",
        "summary_col": "Content (our summary; for removed: the old rule)",
        "basis_label": "Basis of the date",
        "checked_until": "Checked up to and including",
        "value": "Content",
    },
}


_CONTROL = dict.fromkeys(range(32))
"""The characters below a space, which clean drops."""


def clean(text: str) -> str:
    """One line of data text: whitespace collapsed, control characters dropped (Office files cannot hold them)."""
    return " ".join(str(text).split()).translate(_CONTROL)


def shorten(text: str, limit: int) -> str:
    """clean(text), and if longer than limit, cut at the last word boundary that leaves room for "…" (mid-word
    only if one word fills it all), without a dangling comma or dash. For Office fields with a length limit."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:\u2013-") + "\u2026"


def number_words(n: int, lang: str) -> str:
    return _NUMBER_WORDS[lang][n] if 0 <= n < len(_NUMBER_WORDS[lang]) else str(n)


# --- the view model ------------------------------------------------------------------------------------


@dataclass
class QuoteView:
    """A verbatim quote as shown: with […] where words are left out, and where it stands in the letter."""

    text: str
    label: str  # "alinea 5 (blz. 2)"
    reference: str  # "Kamerbrief 18 november 2020, kenmerk 3019810, alinea 5 (blz. 2)"
    citation: Citation


@dataclass
class FactView:
    text: str
    record: str
    confidence: str


@dataclass
class ChangeView:
    record: ChangeRecord
    title: str
    kind: str
    section: str  # the placement label, with its basis
    groups: list[str]
    announced: dt.date
    applies: dt.date | None
    codification: str
    before: str
    after: str
    quotes: list[QuoteView]
    context: list[FactView]
    url: str | None
    letter: str

    def meta(self, labels: dict[str, str], lang: str) -> str:
        """The line under a change's heading: kind, place in the Vc, announcement date and groups."""
        parts = [
            f"{labels['kind']}: {self.kind}",
            f"{labels['section'].split(' (')[0]}: {self.section}",
            f"{labels['announced']}: {long_date(self.announced, lang)}",
        ]
        if self.groups:
            parts.append(f"{labels['groups']}: {', '.join(self.groups)}")
        return " \u00b7 ".join(parts)


@dataclass
class KeptView:
    provision: str
    title: str
    section: str
    summary: str
    quotes: list[QuoteView]


@dataclass
class LetterView:
    source: str
    kind: str
    title: str
    date: dt.date | None
    kenmerk: str
    sender: str
    sha256: str
    text: str  # "Kamerbrief van 18 november 2020 “Landenbeleid Azerbeidzjan”, kenmerk 3019810"


@dataclass
class Memo:
    """Everything an export shows, in one language."""

    lang: str
    title: str
    subject: str
    day: dt.date
    date_label: str
    date_basis: str  # commit, source_date_epoch or today
    date_basis_text: str
    kenmerk: str
    data_version: str
    draft: bool
    draft_text: str
    selection: str
    summary: list[str]
    basis: str
    currency: str
    currency_data: dict[str, Any]
    later: list[str]
    changes: list[ChangeView]
    kept: list[KeptView]
    letters: list[LetterView]
    facts: list[FactView]
    scope: str
    transition_notes: list[str]
    provenance: dict[str, Any]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def L(self) -> dict[str, Any]:
        return LABELS[self.lang]

    def provenance_lines(self) -> list[tuple[str, str]]:
        """The small provenance block: (label, text) pairs, ids and checksums included."""
        L = self.L
        out = [
            (L["data_label"], self.data_version),
            (self.date_label, f"{long_date(self.day, self.lang)} ({self.date_basis_text})"),
            (L["tool"], str(self.provenance.get("tool", "aztimeline"))),
        ]
        if self.provenance.get("commit"):
            out.append(("Commit", str(self.provenance["commit"])))
        for lv in self.letters:
            out.append((L["letter"], f"{lv.text}; sha256 {lv.sha256}"))
        out.append((L["ids"], ", ".join(c.record.id for c in self.changes)))
        return out


# --- building it ------------------------------------------------------------------------------------------


def date_basis(provenance: dict[str, Any]) -> str:
    """Where the date written into the export comes from: commit, source_date_epoch or today."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw and raw.isdigit():
        return "source_date_epoch"
    if provenance.get("commit_date") and str(provenance["commit_date"])[:10] == provenance.get("made"):
        return "commit"
    return "today"


def is_draft(provenance: dict[str, Any]) -> bool:
    """A dirty working tree, or data outside git, makes every export a draft."""
    return bool(provenance.get("dirty")) or not provenance.get("commit")


def data_text(provenance: dict[str, Any], lang: str) -> str:
    """The provenance's data version in the export's language."""
    return str(provenance.get("data_nl" if lang == "nl" else "data", provenance.get("data", "")))


def _country_of(v: Validated, r: ChangeRecord) -> Any:
    for cd in v.dataset.countries.values():
        if r.transition in cd.amendments:
            return cd
    raise KeyError(r.transition)  # pragma: no cover - validated data


def _letter(cd: Any, sid: str, lang: str) -> LetterView:
    m = cd.sources[sid].meta
    day = m.date if isinstance(m.date, dt.date) else None
    kind = {"kamerbrief": ("Kamerbrief", "Letter to parliament")}.get(m.kind, (m.kind.capitalize(), m.kind.capitalize()))
    kind_text = kind[0] if lang == "nl" else kind[1]
    date_text = (" van " if lang == "nl" else " of ") + long_date(day, lang) if day else ""
    kenmerk = "" if m.kenmerk == "unknown" else (f", kenmerk {m.kenmerk}" if lang == "nl" else f", reference {m.kenmerk}")
    text = f"{kind_text}{date_text} \u201c{m.title}\u201d{kenmerk}"
    return LetterView(sid, kind_text, m.title, day, m.kenmerk, m.sender, m.sha256, text)


def _short_letter(lv: LetterView, lang: str) -> str:
    day = long_date(lv.date, lang) if lv.date else ""
    kenmerk = "" if lv.kenmerk == "unknown" else (f", kenmerk {lv.kenmerk}" if lang == "nl" else f", ref. {lv.kenmerk}")
    return f"{lv.kind} {day}{kenmerk}".replace("  ", " ")


def _quotes(cd: Any, cits: list[Citation], lang: str) -> list[QuoteView]:
    """Quotes in the letter's order, each with its paragraph and page ("alinea 5 (blz. 2)")."""
    from ..precision import cite, letter_order
    from ..source import citation_label, quote_display

    out = []
    for c in letter_order(list(cits), cd.sources):
        src = cd.sources.get(c.source)
        c = cite(c, cd.sources)
        label = citation_label(c, lang, src)
        lv = _letter(cd, c.source, lang) if src is not None else None
        ref = f"{_short_letter(lv, lang)}, {label}" if lv else label
        out.append(QuoteView(f"\u201c{quote_display(c, src)}\u201d", label, ref, c))
    return out


def build_memo(v: Validated, sel: Any, lang: str, provenance: dict[str, Any], *, site_url: str | None = None) -> Memo:
    """The memo for a selection, in one language."""
    L = LABELS[lang]
    site_url = site_url or configured_site_url()
    records: list[ChangeRecord] = sel.records
    cds = {id(_country_of(v, r)): _country_of(v, r) for r in records}
    countries = list(cds.values())
    cd0 = countries[0]
    country = ", ".join(cd.country.name_nl if lang == "nl" else cd.country.name_en for cd in countries)
    para = ", ".join(cd.country.vc_paragraph for cd in countries)
    day = dt.date.fromisoformat(provenance["made"])
    basis_kind = date_basis(provenance)
    letters: list[LetterView] = []
    for cd in countries:
        for aid in sel.transitions:
            if aid in cd.amendments:
                lv = _letter(cd, cd.amendments[aid].instrument, lang)
                if lv.source not in {x.source for x in letters}:
                    letters.append(lv)
    joined = (" en " if lang == "nl" else " and ").join(lv.text if lang == "nl" else lv.text[0].lower() + lv.text[1:] for lv in letters)
    if letters:
        what_text = ("wijzigingen na de " if lang == "nl" else "changes after the ") + joined
    else:
        what_text = "wijzigingen" if lang == "nl" else "changes"
    title = L["doc_title"].format(country=country, para=para)
    subject = L["subject"].format(country=country, para=para, what=what_text)

    changes: list[ChangeView] = []
    for r in records:
        cd = _country_of(v, r)
        a = cd.amendments[r.transition]
        to = cd.versions[a.version_to]
        side = r.after if r.after is not None else r.before
        changes.append(
            ChangeView(
                record=r,
                title=r.title_nl if lang == "nl" else r.title_en,
                kind=KIND[lang][r.kind],
                section=placement_label(cd, r, side, lang),
                groups=group_labels(cd, r, side, lang),
                announced=r.announced,
                applies=r.effective,
                codification=_codification_text(to, lang, getattr(a, "codified_by_name", None)),
                before=str((r.before or {}).get(f"summary_{lang}", "")),
                after=str((r.after or {}).get(f"summary_{lang}", "")),
                quotes=_quotes(cd, list(r.justifications), lang),
                context=_context(r, lang),
                url=_change_url(site_url, r.id, lang),
                letter=_letter(cd, a.instrument, lang).text,
            )
        )

    kept: list[KeptView] = []
    for cd in countries:
        for aid in sel.transitions:
            if aid not in cd.amendments:
                continue
            a = cd.amendments[aid]
            to = cd.versions[a.version_to]
            for pid, cits in a.kept.items():
                p = to.provisions.get(pid)
                if p is None or (sel.group and not {sel.group, "everyone"} & set(p.groups)):
                    continue
                kept.append(
                    KeptView(
                        pid,
                        p.title_nl if lang == "nl" else p.title_en,
                        kept_placement_label(cd, p, lang),
                        p.summary_nl if lang == "nl" else p.summary_en,
                        _quotes(cd, list(cits), lang),
                    )
                )

    counts = {k: sum(1 for r in records if r.kind == k) for k in ("added", "removed", "modified")}
    counts["kept"] = len(kept)
    summary = _summary_text(lang, counts, letters, country, para, kept)
    tl = _timeline(v, cd0)
    basis = basis_sentence(tl, day, lang)
    cur = currency(tl, day)
    facts = _facts_used(cd0, sel, lang)
    draft = is_draft(provenance)
    data_version = data_text(provenance, lang)
    return Memo(
        lang=lang,
        title=title,
        subject=subject,
        day=day,
        date_label=L[{"commit": "date_commit", "source_date_epoch": "date_epoch", "today": "date_today"}[basis_kind]],
        date_basis=basis_kind,
        date_basis_text=L["date_basis"][basis_kind],
        kenmerk=", ".join(lv.kenmerk for lv in letters if lv.kenmerk != "unknown") or L["unknown"],
        data_version=data_version,
        draft=draft,
        draft_text=L["draft_long"].format(data=data_version),
        selection=(sel.description_nl if lang == "nl" else sel.description_en),
        summary=summary,
        basis=basis,
        currency=currency_text(cur, lang),
        currency_data=cur,
        later=later_items(cur, lang),
        changes=changes,
        kept=kept,
        letters=letters,
        facts=facts,
        scope=cd0.country.scope_note_nl if lang == "nl" else cd0.country.scope_note_en,
        transition_notes=[transition_note(v, aid, lang) for aid in sel.transitions],
        provenance=provenance,
        counts=counts,
    )


def _summary_text(lang: str, counts: dict[str, int], letters: list[LetterView], country: str, para: str, kept: list[KeptView]) -> list[str]:
    n = counts["added"] + counts["removed"] + counts["modified"]
    by = " en ".join(lv.text for lv in letters) if lang == "nl" else " and ".join(lv.text for lv in letters)
    parts_nl, parts_en = [], []
    for k, nl_one, nl_many, en_one, en_many in (
        ("added", "er komt één regel bij", "er komen {n} regels bij", "one rule is added", "{n} rules are added"),
        ("removed", "er vervalt één regel", "er vervallen {n} regels", "one rule is removed", "{n} rules are removed"),
        ("modified", "er verandert één regel", "er veranderen {n} regels", "one rule is changed", "{n} rules are changed"),
    ):
        c = counts[k]
        if c:
            parts_nl.append((nl_one if c == 1 else nl_many).format(n=number_words(c, "nl")))
            parts_en.append((en_one if c == 1 else en_many).format(n=number_words(c, "en")))

    def join(parts: list[str], word: str) -> str:
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {word} " + parts[-1]

    if lang == "nl":
        first = (
            f"Deze nota beschrijft {number_words(n, 'nl')} wijziging{'en' if n != 1 else ''} in het landgebonden "
            f"asielbeleid voor {country} (paragraaf {para} Vc) volgens de {by}: {join(parts_nl, 'en')}."
        )
        if kept:
            second = "Uitdrukkelijk ongewijzigd blijven: " + "; ".join(k.title[0].lower() + k.title[1:] for k in kept) + "."
        else:
            second = LABELS[lang]["kept_none"]
    else:
        first = (
            f"This memo describes {number_words(n, 'en')} change{'s' if n != 1 else ''} to the country-specific asylum "
            f"policy for {country} (paragraph {para} of the Vc) according to the {by[0].lower() + by[1:]}: {join(parts_en, 'and')}."
        )
        if kept:
            second = "Explicitly unchanged: " + "; ".join(k.title[0].lower() + k.title[1:] for k in kept) + "."
        else:
            second = LABELS[lang]["kept_none"]
    return [first, second]


_CODIFIED_SHORT = {
    "unknown": ("niet bekend", "not known"),
    "announced": ("aangekondigd, nog niet in de Vc", "announced, not yet in the Vc"),
    "signed": ("besluit getekend {signed}, nog niet gepubliceerd", "decision signed {signed}, not yet published"),
    "published": (
        "in de Vc: gepubliceerd {published}; in werking: datum niet gevonden",
        "in the Vc: published {published}; in force: date not found",
    ),
    "in_force": ("in de Vc, in werking sinds {in_force}", "in the Vc, in force since {in_force}"),
}


def _codification_text(version: Any, lang: str, name: str | None) -> str:
    """The version's codification as far as the data knows it (every recorded milestone), in a few words."""
    c = codification(version, dt.date.max)
    state = c["state"]
    words = {k: _date_words(d, lang) for k, d in c["milestones"].items()}
    text = _CODIFIED_SHORT[state][0 if lang == "nl" else 1].format(**words)
    if state == "published" and isinstance(version.milestones.in_force.date, dt.date):
        text = text.split(";")[0]
    if name and state in ("signed", "published", "in_force"):
        text = text.replace("Vc", f"Vc ({name})", 1)
    return text


def configured_site_url() -> str | None:
    """site_url from the repository's mkdocs.yml, as the site build uses it; None outside the repository or unset."""
    from ..errors import OutputError
    from ..paths import project_root

    try:
        return _site_url_in((project_root() / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OutputError, OSError):
        return None


@functools.lru_cache(maxsize=8)
def _site_url_in(text: str) -> str | None:
    """site_url in the text of mkdocs.yml, parsed once per text (a build's downloads ask for it once per file)."""
    import yaml

    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    value = config.get("site_url") if isinstance(config, dict) else None
    return str(value) if value else None


def _change_url(site_url: str | None, rid: str, lang: str) -> str | None:
    """The change's page on the published site, addressed as the site build addresses it."""
    if not site_url:
        return None
    from ..addresses import check_site_url, page_address

    return page_address(check_site_url(site_url), lang, f"changes/{rid}.md")


def _timeline(v: Validated, cd: Any) -> Any:
    from ..timeline import load_timeline

    return load_timeline(cd, v.changes)


def _facts_used(cd: Any, sel: Any, lang: str) -> list[FactView]:
    ids: list[str] = [cd.country.vc_paragraph_fact]
    for aid in sel.transitions:
        if aid in cd.amendments:
            a = cd.amendments[aid]
            if a.codified_by_fact:
                ids.append(a.codified_by_fact)
            to = cd.versions[a.version_to]
            for name in ("announced", "signed", "published", "in_force"):
                f = getattr(to.milestones, name).fact
                if f:
                    ids.append(f)
    out = []
    by_id = {f.id: f for f in cd.country.facts}
    for fid in dict.fromkeys(ids):
        f = by_id.get(fid)
        if f:
            record = (f.record_nl or f.record) if lang == "nl" else f.record
            out.append(FactView(f.statement_nl if lang == "nl" else f.statement_en, record, confidence_word(f.confidence, lang)))
    return out


def transition_note(v: Validated, aid: str, lang: str) -> str:
    """What the date of a transition means: the version after's own note on its dates."""
    for cd in v.dataset.countries.values():
        if aid in cd.amendments:
            to = cd.versions[cd.amendments[aid].version_to]
            note = to.note_nl if lang == "nl" else to.note_en
            return note or ""
    return ""


def later_items(cur: dict[str, Any], lang: str) -> list[str]:
    """The known later developments, one line each, with their record and confidence."""
    return [
        f"{_date_words(k.get('date'), lang)}: {k.get(f'title_{lang}')} ({LABELS[lang]['record']}: {record_of(k, lang)}; "
        f"{confidence_word(k.get('confidence'), lang)})"
        for k in cur.get("known_later") or []
    ]


def currency_text(cur: dict[str, Any], lang: str) -> str:
    """The currency block in words: how far the data was checked, on what basis, and what is known since."""
    checked = cur.get("checked_until")
    day = dt.date.fromisoformat(checked) if checked else None
    later = cur.get("known_later") or []
    basis = str(cur.get(f"basis_{lang}") or "").strip()
    if lang == "nl":
        text = (
            f"De gegevens zijn op latere wijzigingen gecontroleerd tot en met {long_date(day, 'nl')}."
            if day
            else "Niet vastgelegd tot wanneer de gegevens op latere wijzigingen zijn gecontroleerd."
        )
        if basis:
            text += f" {basis}"
        if cur.get("beyond"):
            text += " Na die datum kunnen er wijzigingen zijn die hier niet staan."
        if later:
            text += " Bekend van daarna, niet als versie vastgelegd:"
    else:
        text = (
            f"The data has been checked for later changes up to and including {long_date(day, 'en')}."
            if day
            else "It is not recorded how far the data has been checked for later changes."
        )
        if basis:
            text += f" {basis}"
        if cur.get("beyond"):
            text += " Changes after that date may exist that are not shown here."
        if later:
            text += " Known since, not recorded as a version:"
    return text


def _date_words(value: Any, lang: str) -> str:
    try:
        return long_date(dt.date.fromisoformat(str(value)), lang)
    except ValueError:
        return LABELS[lang]["unknown"]


# --- the #10 contract: placement labels, groups, codified-text context, basis sentence, currency -----------


def placement_label(cd: Any, r: ChangeRecord | None, side: dict[str, Any] | None, lang: str) -> str:
    """Where the provision sits in the Vc, with its basis: the placement label of the JSON contract."""
    pl = (r.placement if r is not None else None) or (side or {}).get("placement") or {}
    return str(pl.get(f"label_{lang}") or (r.section if r is not None else ""))


def kept_placement_label(cd: Any, p: Any, lang: str) -> str:
    from ..precision import placement_json

    return str(placement_json(p, cd.country)[f"label_{lang}"])


def group_labels(cd: Any, r: ChangeRecord | None, side: dict[str, Any] | None, lang: str) -> list[str]:
    from ..precision import group_labels as vocabulary

    words = vocabulary(cd.country)
    ids = (r.groups if r is not None else None) or (side or {}).get("groups") or []
    return [words.get(g, {}).get(f"label_{lang}", g) for g in ids]


def record_of(item: dict[str, Any], lang: str) -> str:
    """The record an item of the JSON contract names, as the export's language names it (record_nl in Dutch)."""
    return str((item.get("record_nl") if lang == "nl" else None) or item.get("record") or "")


def confidence_word(value: Any, lang: str) -> str:
    from ..precision import CONFIDENCE_WORDS

    return CONFIDENCE_WORDS[lang].get(str(value), str(value))


def _context(r: ChangeRecord, lang: str) -> list[FactView]:
    out = []
    for c in r.context:
        number = c.get("number")
        text = str(c.get(f"text_{lang}", ""))
        vc = "Vc" if number else ""
        out.append(FactView(f"{vc} {number}: {text}" if number else text, record_of(c, lang), confidence_word(c.get("confidence"), lang)))
    return out


def basis_sentence(tl: Any, day: dt.date, lang: str) -> str:
    from ..timeline import basis_sentence as sentence

    return str(sentence(tl, day, lang))


def currency(tl: Any, day: dt.date) -> dict[str, Any]:
    from ..timeline import currency as how_current

    return dict(how_current(tl, day))
