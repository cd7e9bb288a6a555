"""The corrections page reads as text in each edition: structured values (objects, lists of facts, citations) in
words, never a Python repr; a corrected text as one text with its correction marked; the Dutch edition in Dutch."""

from __future__ import annotations

import re

import pytest

from aztimeline.corrections import Correction, EditorialChange
from aztimeline.provenance import FileVersion, build_stamp
from aztimeline.site.context import Site
from aztimeline.site.pages.corrections import render_corrections
from aztimeline.validate import load_and_validate

from .conftest import DATA
from .test_site_language import foreign_words

NOTE = {
    "previous": "unknown",
    "previous_nl": "Wat het beleid vóór de brief zei, staat niet in deze gegevens.",
    "previous_en": "What the policy said before the letter is not in this data.",
    "new_citations": [{"source": "kamerbrief-2020-11-18", "anchor": "p5", "quote": "Voor deze groep geldt dat zij met geringe indicaties hun vrees aannemelijk kunnen maken."}],
    "inference": {"nl": "Dat dit nieuw is, is onze afleiding.", "en": "That this is new is our inference."},
}
FACT = {"id": "fact-x", "statement_nl": "Een feit.", "statement_en": "A fact.", "record": "Stcrt. 2021, 1592", "confidence": "high"}
CHANGES = [
    EditorialChange("amendment", "az-2020-11-18", "notes.lgbti", "corrected", None, NOTE),
    EditorialChange("country", "azerbaijan", "facts", "corrected", [FACT], [FACT | {"publication": "stcrt-2021-1592"}, FACT | {"id": "fact-y"}]),
    EditorialChange("version", "az-2020-11-18", "evidence_base.note_nl", "corrected", "De brief noemt het ambtsbericht.", "De brief noemt het algemeen ambtsbericht."),
    EditorialChange("version", "az-2020-11-18", "evidence_base.note_en", "corrected", "The letter names the report.", "The letter names the general report."),
    EditorialChange("country", "azerbaijan", "codified_context", "corrected", [{"id": "ctx"}], [{"id": "ctx", "describes": "az-before-2020-11-18"}]),
    EditorialChange("version", "az-before-2020-11-18", "title_en", "corrected", "Policy before the letter", "Policy before the letter of 18 November 2020"),
    EditorialChange("provision", "az-before-2020-11-18/settlement-alternative-abroad", "section", "corrected", "internal-protection", "settlement-abroad"),
]


@pytest.fixture(scope="module")
def pages():
    v = load_and_validate(DATA)
    commit = FileVersion("0123456789abcdef", "2021-02-01T12:00:00+00:00", "Editor One", "Quote 'Uit het ambtsbericht volgt niet' in the note's words", "x")
    out = {}
    for lang in ("nl", "en"):
        site = Site(v, lang, build_stamp(DATA))
        site.corrections = [Correction(commit, list(CHANGES))]
        out[lang] = render_corrections(site)
    return out


def test_structured_values_read_as_text_never_as_a_python_repr(pages):
    for page in pages.values():
        assert "{&#39;" not in page and "&#39;: " not in page and "{'" not in page and "[{" not in page
        assert "previous" not in page and "new_citations" not in page  # fields named in words
    nl = pages["nl"]
    assert "<dt>Eerdere stand</dt><dd>Wat het beleid vóór de brief zei, staat niet in deze gegevens.</dd>" in nl
    assert "<dt>Onze afleiding</dt><dd>Dat dit nieuw is, is onze afleiding.</dd>" in nl
    # a citation: the quote in Dutch, where it stands in words, linked to its paragraph
    assert re.search(r'<q lang="nl">Voor deze groep geldt [^<]*</q> — <a href="\.\./sources/kamerbrief-2020-11-18/#p5">alinea 5 \(blz\. 2\)</a>', nl)
    en = pages["en"]
    assert "<dt>Earlier state</dt><dd>What the policy said" in en and "<dt>Our inference</dt><dd>That this is new is our inference.</dd>" in en


def test_a_list_shows_what_joined_it_and_what_changed_in_an_element_not_the_whole_list_twice(pages):
    nl = pages["nl"]
    assert nl.count("Een feit.") == 1  # fact-y joined; fact-x is not repeated whole
    assert '<code>fact-x</code> › <code>publication</code>:</span> <span class="azt-label">Toegevoegd:</span> <ins><a href="https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html">stcrt-2021-1592</a></ins>' in nl


def test_a_version_is_named_by_its_title_not_its_id(pages):
    assert '<code>ctx</code> › <code>describes</code>:</span> <span class="azt-label">Toegevoegd:</span> <ins><a href="../versions/az-before-2020-11-18/">Beleid vóór de brief van 18 november 2020</a></ins>' in pages["nl"]


def test_a_heading_is_named_by_its_title_not_its_id(pages):
    """A provision moved to another of our headings read "protection → vulnerable-minorities" (a second editor's read)."""
    assert "<del>Vlucht- en vestigingsalternatief</del>" in pages["nl"] and "<ins>Buitenlands vestigingsalternatief</ins>" in pages["nl"]
    assert "<del>Internal protection alternative</del>" in pages["en"] and "internal-protection</del>" not in pages["en"]


def test_a_corrected_text_is_one_text_with_the_correction_marked(pages):
    nl = pages["nl"]
    assert "De brief noemt het <ins>" in nl and "algemeen" in nl.split("De brief noemt het <ins>", 1)[1][:80]
    assert nl.count("De brief noemt het") == 1


def test_the_dutch_edition_is_dutch_and_marks_english_it_must_show(pages, tmp_path):
    nl = pages["nl"]
    assert "The letter names" not in nl and "That this is new" not in nl and "A fact." not in nl  # Dutch text beside it
    assert re.search(r'<span lang="en">Policy before the letter', nl)  # only the English text was corrected: shown, marked
    assert "Quote" not in nl  # commit messages are English: in the English edition
    en = pages["en"]
    assert "De brief noemt" not in en and "Een feit." not in en
    assert "<q>Uit het ambtsbericht volgt niet</q>" in en  # a passage the message quotes is a quotation
    for lang, page in pages.items():
        words = re.sub(r" \{: [^}\n]*\}$", "", page, flags=re.MULTILINE)  # a heading's attributes (attr_list) are markup
        (tmp_path / f"{lang}.html").write_text(f"<html><body>{words}</body></html>", encoding="utf-8")
        assert foreign_words(tmp_path / f"{lang}.html", lang) == []


def test_a_text_in_our_words_written_as_nl_and_en_is_shown_in_the_editions_language():
    """A reason corrected in both languages (reasons.<id>.nl and .en) showed its English words on the Dutch
    Corrections page, unmarked: only texts named *_nl and *_en were paired."""
    from aztimeline.site.pages.corrections import own_language_kept

    both = {"reasons.lgbti.nl", "reasons.lgbti.en"}
    assert own_language_kept("reasons.lgbti.en", both, "nl") and not own_language_kept("reasons.lgbti.nl", both, "nl")
    assert own_language_kept("reasons.lgbti.nl", both, "en") and not own_language_kept("reasons.lgbti.en", {"reasons.lgbti.en"}, "nl")
    assert own_language_kept("summary_en", {"summary_en", "summary_nl"}, "nl")
