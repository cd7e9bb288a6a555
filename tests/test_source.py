from __future__ import annotations

from pathlib import Path

import pytest

from aztimeline.source import find_quote, normalise_ws, paragraph_view, sha256_hex
from aztimeline.validate import load_and_validate

from .conftest import DATA, ROOT

RAW = DATA / "azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt"
SHARED = ROOT.parent / "shared/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt"


@pytest.fixture(scope="module")
def view():
    v = load_and_validate(DATA)
    return v.dataset.countries["azerbaijan"].sources["kamerbrief-2020-11-18"]


def test_raw_text_is_byte_identical_to_the_letter_as_received():
    if not SHARED.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert RAW.read_bytes() == SHARED.read_bytes()


def test_recorded_sha256_is_the_raw_texts(view):
    assert view.meta.sha256 == sha256_hex(RAW.read_bytes())


def test_body_has_ten_paragraphs_and_furniture_is_apart(view):
    body = view.view.body
    assert [p.anchor for p in body] == [f"p{i}" for i in range(1, 11)]
    assert body[0].text.startswith("Het Ministerie van Buitenlandse Zaken heeft mij op 2 juli 2020")
    assert body[-1].text.startswith("Tot slot wordt het buitenlands vestigingsalternatief")
    roles = [p.role for p in view.view.paragraphs if p.role != "body"]
    assert roles.count("letterhead") == 7
    assert roles.count("running_header") == 6
    assert roles.count("signature") == 2
    for p in body:
        assert "Datum 4 september 2020" not in p.text
        assert "Directoraat-Generaal" not in p.text


def test_sentence_split_by_the_page_break_is_rejoined(view):
    p9 = view.view.get("p9")
    assert p9 is not None and p9.joined_at == (60,)
    assert "een gemengde duurzame relatie onderhouden. Het vlucht- en vestigingsalternatief voor deze groep" in p9.text
    assert not any(p.text.startswith("onderhouden") for p in view.view.paragraphs)


def test_running_header_date_discrepancy_is_recorded(view):
    (d,) = view.meta.discrepancies
    assert {c.anchor for c in d.evidence} >= {"f7", "f9", "f12"}
    assert view.view.get("f9").text == "Datum 4 september 2020"
    assert view.view.get("f7").text == "Datum 18 november 2020 Onderwerp Landenbeleid Azerbeidzjan"


def test_lowercase_block_without_preceding_body_is_its_own_paragraph():
    view = paragraph_view("kop\n\nTekst een.\n", [])
    assert [p.text for p in view.paragraphs] == ["kop", "Tekst een."]


def test_crlf_line_endings_give_the_same_view():
    text = RAW.read_text(encoding="utf-8")
    assert [p.text for p in paragraph_view(text.replace("\n", "\r\n"), []).paragraphs] == [
        p.text for p in paragraph_view(text, []).paragraphs
    ]


@pytest.mark.parametrize(
    "quote, found",
    [
        ("gemengde duurzame relatie\n   onderhouden.", True),
        ("gemengde  duurzame relatie onderhouden", True),
        ("gemengde duurzame relaties onderhouden", False),
        ("Gemengde duurzame relatie onderhouden", False),
        ("", False),
    ],
)
def test_quotes_match_with_whitespace_normalised_and_nothing_else(view, quote, found):
    assert (find_quote(view.view.get("p9"), quote) is not None) is found


def test_normalise_ws():
    assert normalise_ws("  a \n\t b  ") == "a b"


def test_markup_from_the_conversion_is_not_part_of_the_words(tmp_path: Path):
    view = paragraph_view("> **Kop**  \n*schuin* [tekst](http://x)\n", [])
    assert view.paragraphs[0].text == "Kop schuin tekst"
