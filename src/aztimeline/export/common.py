"""Labels and text helpers shared by the export writers."""

from __future__ import annotations

from typing import Any

from ..models import ChangeRecord, Citation
from ..validate import Validated

KIND = {
    "nl": {"added": "toegevoegd", "removed": "verwijderd", "modified": "gewijzigd"},
    "en": {"added": "added", "removed": "removed", "modified": "modified"},
}

LABELS = {
    "nl": {
        "title": "Wijzigingen in het landgebonden asielbeleid",
        "selection": "Selectie",
        "provenance": "Herkomst",
        "data": "Gegevens",
        "made": "Gemaakt",
        "sources": "Bronnen",
        "change": "Wijziging",
        "section": "Vc-sectie",
        "kind": "Soort",
        "applies": "Geldt vanaf",
        "announced": "Aangekondigd",
        "before": "Vóór",
        "after": "Na",
        "justification": "Onderbouwing (letterlijk citaat, Nederlands origineel)",
        "summary_note": "Titels en samenvattingen zijn van de redactie van aztimeline; alleen de citaten zijn de woorden van de bron.",
        "none": "(geen)",
        "draft": "CONCEPT: gemaakt uit niet-gepubliceerde gegevens",
        "unknown": "onbekend",
    },
    "en": {
        "title": "Changes to the country-specific asylum policy",
        "selection": "Selection",
        "provenance": "Provenance",
        "data": "Data",
        "made": "Made",
        "sources": "Sources",
        "change": "Change",
        "section": "Vc section",
        "kind": "Kind",
        "applies": "Applies from",
        "announced": "Announced",
        "before": "Before",
        "after": "After",
        "justification": "Justification (verbatim quote, Dutch original)",
        "summary_note": "Titles and summaries are aztimeline's own unofficial English summaries; only the quotes are the source's words, in the original Dutch.",
        "none": "(none)",
        "draft": "DRAFT: made from unpublished data",
        "unknown": "unknown",
    },
}


def title(r: ChangeRecord, lang: str) -> str:
    return r.title_nl if lang == "nl" else r.title_en


def summary(side: dict[str, Any] | None, lang: str) -> str:
    if side is None:
        return ""
    return str(side.get(f"summary_{lang}", ""))


def section_label(v: Validated, r: ChangeRecord, lang: str) -> str:
    for cd in v.dataset.countries.values():
        for s in cd.country.sections:
            if s.id == r.section:
                return f"{s.number} {s.title_nl if lang == 'nl' else s.title_en}"
    return r.section


def reference(v: Validated, c: Citation) -> str:
    """A citation's human reference: the source kind and kenmerk, date, and paragraph."""
    for cd in v.dataset.countries.values():
        src = cd.sources.get(c.source)
        if src:
            m = src.meta
            kenmerk = f", kenmerk {m.kenmerk}" if m.kenmerk != "unknown" else ""
            return f"{m.kind.capitalize()} {m.date}{kenmerk}, {c.anchor}"
    return f"{c.source}, {c.anchor}"


def quote_line(v: Validated, c: Citation) -> str:
    return f"\u201c{' '.join(c.quote.split())}\u201d ({reference(v, c)})"


def sources_used(v: Validated, records: list[ChangeRecord]) -> list[str]:
    ids = sorted({c.source for r in records for c in r.justifications})
    out = []
    for cd in v.dataset.countries.values():
        for sid in ids:
            src = cd.sources.get(sid)
            if src:
                m = src.meta
                out.append(f"{m.kind.capitalize()} \u201c{m.title}\u201d, {m.date}, kenmerk {m.kenmerk}, sha256 {m.sha256[:12]}…")
    return out


def applies(r: ChangeRecord, lang: str) -> str:
    return r.effective.isoformat() if r.effective else LABELS[lang]["unknown"]


def transition_note(v: Validated, aid: str, lang: str) -> str:
    """What the date of a transition means: the version after's own note on its dates."""
    for cd in v.dataset.countries.values():
        if aid in cd.amendments:
            to = cd.versions[cd.amendments[aid].version_to]
            note = to.note_nl if lang == "nl" else to.note_en
            return note or ""
    return ""


def data_text(provenance: dict[str, Any], lang: str) -> str:
    """The provenance's data version in the export's language."""
    return str(provenance.get("data_nl" if lang == "nl" else "data", provenance.get("data", "")))
