"""The source page can be cited: paragraphs as "alinea N (blz. M)", each later page marked where it begins with the
running header that starts it, no internal ids in what a reader reads, quoted passages marked and linked back, the
header-date discrepancy in view; official publications linked only where a fact records the identifier."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from aztimeline.precision import paragraph_label
from aztimeline.provenance import build_stamp
from aztimeline.site.context import Site
from aztimeline.site.pages.sources import render_source, render_sources_index
from aztimeline.source import page_of
from aztimeline.validate import load_and_validate

from .conftest import DATA

SID = "kamerbrief-2020-11-18"


@pytest.fixture(scope="module")
def letter():
    v = load_and_validate(DATA)
    src = v.dataset.countries["azerbaijan"].sources[SID]
    stamp = build_stamp(DATA)
    pages = {lang: render_source(Site(v, lang, stamp), SID) for lang in ("nl", "en")}
    index = {lang: render_sources_index(Site(v, lang, stamp)) for lang in ("nl", "en")}
    return v, src, pages, index


class _Read(HTMLParser):
    """What a reader reads: text and link texts, without attributes (ids and hrefs are for links)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_each_paragraph_is_labelled_as_lawyers_cite_it(letter):
    _, src, pages, _ = letter
    for lang, page in pages.items():
        for p in src.view.body:
            label = paragraph_label(p.anchor, page_of(src, p.anchor), lang)
            assert f'<div class="azt-para" id="{p.anchor}"><p class="azt-para-label"><a href="#{p.anchor}">{label}</a></p>' in page
    assert '<a href="#p6">alinea 6 (blz. 2)</a>' in pages["nl"] and '<a href="#p6">paragraph 6 (page 2)</a>' in pages["en"]


def test_no_internal_id_in_what_a_reader_reads(letter):
    _, _, pages, _ = letter
    for page in pages.values():
        reader = _Read()
        reader.feed(page)
        text = " ".join(reader.text)
        assert not re.search(r"\b[pf]\d+\b|\bblok f|\bblock f", text), re.findall(r".{30}\b[pf]\d+\b.{10}", text)


def test_pages_are_marked_where_they_begin_with_their_running_headers(letter):
    _, src, pages, _ = letter
    nl = pages["nl"]
    assert [int(n) for n in re.findall(r'id="page-(\d)"', nl)] == [1, 2, 3]
    # page 2 begins between paragraphs 3 and 4, with its running header (the header date among it): the conversion put
    # paragraph 4, the page's first block, before the header, as it put page 3's first words before the second one
    between = nl[nl.index('id="p3"') : nl.index('id="p4"')]
    assert "Blz. 2, met de koptekst" in between
    assert all(f'id="{a}"' in between for a in ("f8", "f9", "f10")) and "Datum 4 september 2020" in between
    # page 3 begins inside paragraph 9, at the sentence rejoined over the break; its header follows the paragraph
    p9 = nl[nl.index('id="p9"') : nl.index('id="p10"')]
    assert re.search(r"duurzame relatie</mark> <span class=\"azt-pb\" id=\"page-3\" lang=\"nl\">.*\[blz\. 3\]</span></span> <mark>onderhouden\.</mark>", p9)
    assert "Koptekst van blz. 3" in p9 and all(f'id="{a}"' in p9 for a in ("f11", "f12", "f13"))
    # the line named is the received text's, where the sentence goes on ("line 60" read as a line of the page)
    (line,) = src.view.get("p9").joined_at
    assert f"Zin over een paginagrens samengevoegd (regel {line} van de ruwe tekst zoals ontvangen)." in p9
    assert src.text.splitlines()[line - 1].startswith("onderhouden.")
    assert f"(line {line} of the raw text as received)" in pages["en"] and "Raw text as received" in pages["en"]
    # the letterhead opens the letter, the signature closes it, each block keeping its anchor for links
    assert nl.index('id="f7"') < nl.index('id="p1"') and nl.index('id="f15"') > nl.index('id="p10"')
    assert len(re.findall(r'class="azt-para azt-furniture" id="f\d+"', nl)) == len([p for p in src.view.paragraphs if p.role != "body"])
    assert "[page 3]" in pages["en"] and "Page 2, with its running header" in pages["en"]


def test_the_header_date_discrepancy_stays_in_view(letter):
    _, _, pages, _ = letter
    nl = pages["nl"]
    note = nl[nl.index('id="discrepancy-header-date-4-september-2020"') :]
    note = note[: note.index("</div>")]
    assert '<a href="#f7">briefhoofd (blz. 1)</a>: “<span lang="nl">Datum 18 november 2020</span>”' in note
    assert '<a href="#f9">koptekst (blz. 2)</a>: “<span lang="nl">Datum 4 september 2020</span>”' in note
    assert '<a href="#f12">koptekst (blz. 3)</a>' in note
    for anchor in ("f7", "f9", "f12"):  # each block says so where it stands in the letter
        block = nl[nl.index(f'id="{anchor}"') :]
        assert block[: block.index("</div>")].endswith('<a class="azt-muted" href="#discrepancy-header-date-4-september-2020">(zie de opgemerkte tegenstrijdigheid)</a>')


def test_quoted_passages_are_marked_and_linked_back_to_what_they_justify(letter):
    v, _, pages, _ = letter
    nl = pages["nl"]
    for recs in v.changes.values():
        for r in recs:
            for c in r.justifications:
                start = nl.index(f'<div class="azt-para" id="{c.anchor}">')
                para = nl[start : nl.find('<div class="azt-', start + 1)]
                assert "<mark>" in para and f'href="../../changes/{r.id}/"' in para


def test_the_kamerstuk_is_said_to_be_unknown_and_official_publications_link_only_from_recorded_identifiers(letter):
    v, _, pages, index = letter
    assert "<dt>Kamerstuk</dt><dd>Kamerstuknummer onbekend</dd>" in pages["nl"]
    assert "<dt>Kamerstuk</dt><dd>Kamerstuk number unknown</dd>" in pages["en"]
    assert "kenmerk 3019810, Kamerstuknummer onbekend" in index["nl"]
    facts = v.dataset.countries["azerbaijan"].country.facts
    linked = set(re.findall(r'href="(https://zoek\.officielebekendmakingen\.nl/[^"]+)"', index["nl"]))
    assert linked == {f"https://zoek.officielebekendmakingen.nl/{f.publication}.html" for f in facts if f.publication}
    assert '<a href="https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html" rel="external">' in index["nl"]


def test_a_discrepancy_named_like_a_paragraph_does_not_take_its_anchor(data_copy, tmp_path):
    """A discrepancy with the id p3 stood as id="p3" before paragraph 3, and every quote's link to #p3 opened the note
    (found by an outside tester). A note's anchor is now discrepancy-ID; each id on the page stands once."""
    import re

    from aztimeline.site.build import build_site

    from .conftest import ROOT, edit

    edit(data_copy / "azerbaijan/sources/kamerbrief-2020-11-18.yaml", "header-date-4-september-2020", "p3")
    site = build_site(data_copy, tmp_path / "site", root=ROOT)
    html = (site / "sources/kamerbrief-2020-11-18/index.html").read_text(encoding="utf-8")
    ids = re.findall(r' id="([^"]+)"', html)
    assert ids.count("p3") == 1 and ids.count("discrepancy-p3") == 1
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
