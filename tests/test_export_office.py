"""Word and Excel exports as the liaison gets them: read back with python-docx and openpyxl, and rendered by
LibreOffice (soffice) to PDF and text (pdftotext)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter

import pytest

from aztimeline.export.common import LABELS
from aztimeline.source import normalise_ws

from .conftest import edit
from .test_cli import LETTER_CHANGES
from .test_export import KEPT_QUOTES, _quotes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTA = ("--memo-to", "De directeur-generaal Migratie", "--memo-from", "J. Jansen, parlementair liaison", "--reference", "DGM-2026-0142")
SHA = re.compile(r"\b[0-9a-f]{40,64}\b")
ANNEX_TITLES = {str(LABELS[lang][key]) for lang in ("nl", "en") for key in ("annex", "annex_context")}
STATUS = {
    # the memo's date is the data's (SOURCE_DATE_EPOCH: 14 November 2023), after WBV 2021/2 was published
    "nl": (
        "Stand op 14 november 2023: de wijzigingen zijn opgenomen in de Vc bij WBV 2021/2, gepubliceerd op 13 januari 2021 "
        "(Stcrt. 2021, 1592); de datum van inwerkingtreding is niet gevonden.",
        "Naar latere wijzigingen is gezocht tot en met 31 december 2024 (gedaan in november 2026, zekerheid: laag). Dat die "
        "zoektocht geen latere wijziging van de Vc-tekst vond, bewijst niet dat die er niet is.",
        "Op 14 november 2023 had WBV 2021/2 de brief van 18 november 2020 (kenmerk 3019810) opgenomen in de Vc, als de nieuwe tekst van paragraaf C7/5;",
    ),
    "en": (
        "Status on 14 November 2023: the changes were put into the Vc by WBV 2021/2, published on 13 January 2021 (Stcrt. "
        "2021, 1592); the date of its entry into force was not found.",
        "Later changes were looked for up to and including 31 December 2024 (done in November 2026, confidence: low). That the "
        "search found no later change to the Vc's text is no proof that there is none.",
        "On 14 November 2023 WBV 2021/2 had put the letter of 18 November 2020 (reference 3019810) into the Vc, as the new text of paragraph C7/5;",
    ),
}


def _export(cli, data_copy, fmt, *extra, name=None):
    out = data_copy.parent / (name or f"changes.{fmt}")
    r = cli("export", "--format", fmt, "--output", str(out), *extra)
    assert r.code == 0, r.err
    return out


def _docx(path):
    from docx import Document

    return Document(str(path))


def _docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return normalise_ws(" ".join(parts))


def _body_and_annex(doc) -> tuple[str, str]:
    """The text before the annex's heading (tables included, in document order) and from it on."""
    body, annex, into = [], [], False
    for el in doc.element.body.iterchildren():
        texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in el.iter(f"{W}p")]
        if el.tag == f"{W}p" and texts and texts[0] in ANNEX_TITLES:
            into = True
        (annex if into else body).extend(texts)
    return normalise_ws(" ".join(body)), normalise_ws(" ".join(annex))


def _records(cli) -> list[dict]:
    import json

    return json.loads(cli("changes", "--format", "json").out)


# --- the Word memo -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_nota_header_with_the_values_given(data_copy, cli, lang):
    doc = _docx(_export(cli, data_copy, "docx", "--lang", lang, *NOTA, "--memo-date", "2026-11-30"))
    paras = [p.text for p in doc.paragraphs]
    fields = [p.text for p in doc.paragraphs if p.style.name == "Memo Field"]
    if lang == "nl":
        assert paras[0] == "Nota: Wijzigingen in het landenbeleid Azerbeidzjan (Vc C7/5)"
        assert fields[:4] == [
            "Aan\tDe directeur-generaal Migratie",
            "Van\tJ. Jansen, parlementair liaison",
            "Datum\t30 november 2026",
            "Kenmerk\tDGM-2026-0142",
        ]
        assert fields[4].startswith("Onderwerp\tLandgebonden asielbeleid Azerbeidzjan, paragraaf C7/5 Vreemdelingencirculaire 2000")
        assert fields[5] == "Gegevens laatst gewijzigd\twerkkopie, niet in git"
    else:
        assert fields[:4] == ["To\tDe directeur-generaal Migratie", "From\tJ. Jansen, parlementair liaison", "Date\t30 November 2026", "Reference\tDGM-2026-0142"]
        assert fields[5] == "Data last changed\tworking copy, not in git"
    assert doc.core_properties.author == "J. Jansen, parlementair liaison" == doc.core_properties.last_modified_by


def test_docx_nota_fields_to_fill_in_when_not_given_and_read_from_the_settings_file(data_copy, cli):
    """Aan, Van and Kenmerk not given were left out, and a nota went out with no addressee unseen (a liaison's read):
    each reads "[in te vullen]"."""
    doc = _docx(_export(cli, data_copy, "docx", name="plain.docx"))
    fields = [p.text for p in doc.paragraphs if p.style.name == "Memo Field"]
    assert [f.split("\t")[0] for f in fields] == ["Aan", "Van", "Datum", "Kenmerk", "Onderwerp", "Gegevens laatst gewijzigd", "Bijlage"]
    assert [fields[i] for i in (0, 1, 3)] == ["Aan\t[in te vullen]", "Van\t[in te vullen]", "Kenmerk\t[in te vullen]"]
    assert doc.core_properties.author == ""
    # the last field names what is attached, as a nota does; without the annex there is none
    assert [p.text for p in doc.paragraphs if p.style.name == "Memo Field"][-1] == "Bijlage\tcontext uit de Vc-tekst, herkomst en werkwijze (achteraan)"
    bare = _docx(_export(cli, data_copy, "docx", "--no-annex", name="bare.docx"))
    assert [p.text.split("\t")[0] for p in bare.paragraphs if p.style.name == "Memo Field"] == ["Aan", "Van", "Datum", "Kenmerk", "Onderwerp", "Gegevens laatst gewijzigd"]
    (data_copy.parent / "aztimeline.toml").write_text('[memo]\nto = "Aan iemand"\nfrom = "Van iemand"\nreference = "K-1"\n', encoding="utf-8")
    doc = _docx(_export(cli, data_copy, "docx", "--memo-to", "Aan de minister", name="settings.docx"))
    fields = [p.text for p in doc.paragraphs if p.style.name == "Memo Field"]
    assert fields[:2] == ["Aan\tAan de minister", "Van\tVan iemand"] and "Kenmerk\tK-1" in fields  # the option wins
    assert doc.core_properties.author == "Van iemand"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_body_has_no_commit_or_checksum_the_annex_has_them(data_copy, cli, lang):
    doc = _docx(_export(cli, data_copy, "docx", "--lang", lang))
    body, annex = _body_and_annex(doc)
    assert ("Samenvatting" if lang == "nl" else "Summary") in body
    assert not SHA.search(body) and "sha256" not in body
    assert not re.search(r"az-2020-11-18\.|az-before-|kamerbrief-2020-11-18|aztimeline (past|applies)|voor scripts|for scripts", body)
    assert re.search(r"\(sha256\)[^:]*: [0-9a-f]{64}", annex) and all(cid in annex for cid in LETTER_CHANGES)
    assert ("Wij lezen \"tot 2025\"" if lang == "nl" else 'We read "up to 2025"') in annex  # the currency reasoning
    # the body: one plain sentence on the status on the memo's date, one on currency; the annex: the reasoning
    status, currency, reasoning = STATUS[lang]
    assert status in body and currency in body and reasoning not in body and reasoning in annex
    assert ("Status en actualiteit" if lang == "nl" else "Status and currency") in annex
    # whose words the titles are is said once where the summary ends, not again in the annex (the scope note also says it)
    ours = normalise_ws(LABELS[lang]["summary_note"])
    assert body.count(ours) == 1 and ours not in annex
    no_annex = _docx(_export(cli, data_copy, "docx", "--lang", lang, "--no-annex", name="no-annex.docx"))
    assert _body_and_annex(no_annex)[1] == "" and not SHA.search(_docx_text(no_annex))


def _sections(doc) -> dict[str, str]:
    """The text under each Heading 2 (a change, or a kept element) up to the next heading, tables included."""
    out: dict[str, list[str]] = {}
    title = None
    for el in doc.element.body.iterchildren():
        texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in el.iter(f"{W}p")]
        style = el.find(f"{W}pPr/{W}pStyle")
        if el.tag == f"{W}p" and style is not None and style.get(f"{W}val") in ("Heading1", "Heading2"):
            title = texts[0] if style.get(f"{W}val") == "Heading2" else None
            continue
        if title is not None:
            out.setdefault(title, []).extend(texts)
    return {k: normalise_ws(" ".join(v)) for k, v in out.items()}


def test_docx_every_claim_carries_its_quote_with_paragraph_and_page(data_copy, cli):
    doc = _docx(_export(cli, data_copy, "docx"))
    text = _docx_text(doc)
    for cid, quotes in _quotes(cli).items():
        for q in quotes:
            assert q in text, (cid, q)
    for q in KEPT_QUOTES:
        assert q in text
    before_after = [t for t in doc.tables[1:]]
    records = _records(cli)
    sections = _sections(doc)
    assert len(before_after) == len(records)
    for table, r in zip(before_after, records, strict=True):
        new = {c["quote"] for c in (r["new"] or {}).get("quotes", [])}
        section = sections[r["title_nl"]]
        for cell, side in zip(table.rows[1].cells, (r["before"], r["after"]), strict=True):
            for c in (side or {}).get("citations", []):
                # each quote stands once in a change, beside its claim: under what is new when the record says so
                shown = section if c["quote"] in new else normalise_ws(cell.text)
                assert normalise_ws(c["quote"]) in shown and c["label_nl"] in shown, (r["id"], c["anchor"])
        for c in (r["new"] or {}).get("quotes", []):
            assert normalise_ws(c["quote"]) in section and c["label_nl"] in section, (r["id"], c["anchor"])
    assert "alinea 9 (blz. 2\u20133)" in text and "alinea 9 (blz. 3)" in text  # the quote over the break, and one after it


def test_docx_prints_each_fact_about_the_vc_text_once_in_the_annex_and_each_change_names_it(data_copy, cli):
    """A fact beside several changes (the old C7/5.5.1's list of groups stands beside three) stood in full under the
    first and was named under the others; it took a third of a change's space in a nota (found by a liaison's read:
    "a research dossier rather than a nota"). With the annex, every fact stands there once, numbered, with the changes
    it belongs to, and each change names its facts by number and place in one line."""
    doc = _docx(_export(cli, data_copy, "docx"))
    sections = _sections(doc)
    body, annex = _body_and_annex(doc)
    facts: dict[str, dict] = {}
    for r in _records(cli):
        section = sections[r["title_nl"]]
        for c in r["context"]:
            facts.setdefault(c["id"], c)
            assert normalise_ws(c["text_nl"]) not in section, (r["id"], c["id"])
            assert "Context uit de tekst van de Vc: zie de bijlage, punt " in section and f"({c['label']})" in section, (r["id"], c["id"])
    assert len(facts) >= 4
    for c in facts.values():
        assert normalise_ws(c["text_nl"]) not in body and annex.count(normalise_ws(c["text_nl"])) == 1, c["id"]
    assert str(LABELS["nl"]["context_annex"]) in annex
    assert "Hoort bij: \u2018Personen met de Armeense etniciteit: geen risicogroep; " in annex
    # numbered, so a change names them by number (the long titles of the facts were hard to find; a second liaison),
    # in the order the nota first names them: a reader meets point 1 first
    first_named = list(dict.fromkeys(int(n) for n in re.findall(r"\bpunt ([0-9]+) \(", body)))
    assert first_named == list(range(1, len(first_named) + 1)) and len(first_named) >= 5, first_named
    # each names its place, before its title or in it ("C7/5.4.4 Vc, de regel … staat niet in C7/5.4.4 Vc" said it twice)
    assert re.search(r"[0-9]\. De regel over bescherming staat niet in C7/5\.4\.4 Vc \(nieuwe tekst\) In ", annex)
    assert re.search(r"[0-9]\. C7/5\.5\.1 Vc, vlucht- en vestigingsalternatieven in de oude tekst Vóór ", annex)


def test_docx_kept_rules_name_their_facts_about_the_vc_text_and_the_annex_names_them(data_copy, cli):
    """The annex point on where the new text places the kept alternative for Azeri from Nagorno-Karabakh named only
    the change beside it, not the kept rule it is about, and the kept rule named no point (a liaison's read)."""
    doc = _docx(_export(cli, data_copy, "docx"))
    sections = _sections(doc)
    _, annex = _body_and_annex(doc)
    kept = "Vlucht- en vestigingsalternatief voor personen met de Azeri-etniciteit uit Nagorno-Karabach"
    assert re.search(r"Context uit de tekst van de Vc: zie de bijlage, punt [0-9]+ \(C7/5\.5\.1 Vc\) en punt [0-9]+ \(C7/5\.5 Vc\)", sections[kept])
    point = annex[annex.index("C7/5.5 Vc, plaats van de toetsing") :]
    belongs = point[point.index("Hoort bij: ") :]
    assert belongs[: belongs.index("\u2019.") + 2] == f"Hoort bij: \u2018{kept}\u2019; \u2018Toetsing alleen aan het hoofdgebied van Azerbeidzjan\u2019."
    # the kept rule's quote stands in its section, so the annex names it by its place rather than repeating it
    words = "Voor personen met de Azeri-etniciteit uit Nagorno-Karabach geldt dat"
    assert words in sections[kept] and words not in annex


def test_docx_without_the_annex_prints_each_fact_once_and_points_back_to_it(data_copy, cli):
    """Without the annex the facts stand under the changes: in full under the first, in the memo's order; the others
    name it and that change."""
    sections = _sections(_docx(_export(cli, data_copy, "docx", "--no-annex")))
    seen: dict[str, str] = {}
    repeated = 0
    for r in _records(cli):
        section = sections[r["title_nl"]]
        for c in r["context"]:
            full = normalise_ws(c["text_nl"])
            if c["id"] not in seen:
                assert full in section, (r["id"], c["id"])
                seen[c["id"]] = r["title_nl"]
                continue
            repeated += 1
            assert full not in section, (r["id"], c["id"])
            pointer = re.escape(c["label"]) + r"[^\u2018]*: zie hierboven, bij \u2018" + re.escape(seen[c["id"]]) + "\u2019\\."
            assert re.search(pointer, section), (r["id"], c["id"])
    assert repeated >= 3


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_says_what_is_known_of_the_earlier_state_never_none(data_copy, cli, lang):
    doc = _docx(_export(cli, data_copy, "docx", "--lang", lang))
    records = {r["id"]: r for r in _records(cli)}
    sections = _sections(doc)
    assert "(geen)" not in _docx_text(doc) and "(none)" not in _docx_text(doc)
    state_words = {
        "nl": {"unknown": "Onbekend.", "absent_per_letter": "Volgens de brief is dit nieuw."},
        "en": {"unknown": "Unknown.", "absent_per_letter": "According to the letter this is new."},
    }[lang]
    for table, r in zip(doc.tables[1:], records.values(), strict=True):
        before = normalise_ws(table.rows[1].cells[0].paragraphs[0].text)
        if r["before"] is None:  # added: what the record knows of the earlier state, in its own words
            assert before == f"{state_words[r['previous']['state']]} {normalise_ws(r['previous'][f'text_{lang}'])}", r["id"]
        else:
            assert before == normalise_ws(r["before"][f"summary_{lang}"])
    armenian = records["az-2020-11-18.armenian-ethnicity"]
    section = sections[armenian[f"title_{lang}"]]
    # issue 22 item 11: what is new, with the letter's words, and "no risk group" not established as a change
    assert normalise_ws(armenian["new"][f"text_{lang}"]) in section
    assert normalise_ws(armenian["new"]["quotes"][0]["quote"]) in section
    assert normalise_ws(armenian["not_established"][f"text_{lang}"]) in section
    # the main-territory rule's being new is our inference: marked where its kind is named, with the reason
    main = records["az-2020-11-18.assessment-main-territory"]
    mark = "nieuw (onze afleiding)" if lang == "nl" else "new (our inference)"
    assert mark in sections[main[f"title_{lang}"]] and normalise_ws(main["inference"][f"text_{lang}"]) in sections[main[f"title_{lang}"]]
    assert [row.cells[1].text for row in doc.tables[0].rows[1:]].count(mark) == 1


NOT_IN = {
    # words that would be the other language's in a memo's own text (quotes, and names such as the letter's title, aside)
    "nl": re.compile(r"\b(the|and|not|found|unknown|commit|codified|codification)\b", re.I),
    "en": re.compile(r"\b(het|een|niet|wordt|gevonden|onbekend|vastgesteld|gecodificeerd|opgenomen|codificatie)\b", re.I),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_own_text_in_one_language_and_legal_wording(data_copy, cli, lang):
    doc = _docx(_export(cli, data_copy, "docx", "--lang", lang))
    own = []
    for el in doc.element.body.iter(f"{W}p"):
        style = el.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") in ("Quote", "CellQuote"):
            continue
        text = "".join(t.text or "" for t in el.iter(f"{W}t"))
        # a cell's quotes are runs after the statement's own paragraph; quotation marks enclose the letter's words
        own.append(re.sub(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"|https://\S+", "", text))
    found = sorted({m.group(0) for t in own for m in NOT_IN[lang].finditer(t)})
    assert found == [], found
    if lang == "nl":
        text = _docx_text(doc)
        assert "gecodificeerd" not in text.lower() and "codificatie" not in text.lower()
        assert "C7/5.3.2 Vc" in text and "opgenomen in de Vc" in text and "personen met de Armeense etniciteit" in text


def test_docx_sources_links_kamerstuk_unknown_and_the_header_discrepancy(data_copy, cli):
    doc = _docx(_export(cli, data_copy, "docx", "--site-url", "https://example.org/az/"))
    text = _docx_text(doc)
    assert "Kamerstuknummer: onbekend" in text
    assert 'Datum 4 september 2020' in text and "Tegenstrijdigheid in de brief" in text
    assert "Staatscourant 2021, 1592" in text and "Aanhangsel Handelingen TK 2020-2021, 831" in text
    # the address of the Aanhangsel follows a pattern FACTS.md rates medium for that form: said beside its link
    assert "Aanhangsel Handelingen TK 2020-2021, 831 (hoog voor het stuk; middel voor de vorm van het adres van de link)" in text
    links = {r.target_ref for r in doc.part.rels.values() if r.is_external}
    assert {
        "https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html",
        "https://zoek.officielebekendmakingen.nl/ah-tk-20202021-831.html",
        "https://zoek.officielebekendmakingen.nl/kst-19637-2800.html",
    } <= links
    assert {f"https://example.org/az/changes/{cid}/" for cid in LETTER_CHANGES} <= links
    # a hyperlink in the body refers to each of them
    rids = {h.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id") for h in doc.element.body.iter(f"{W}hyperlink")}
    assert {r for r, rel in doc.part.rels.items() if rel.is_external} == rids


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("extra", [(), ("--no-annex", "--group", "lgbti")])
def test_docx_double_quotation_marks_hold_only_the_letters_words(data_copy, cli, lang, extra):
    """A reader tells the source's words from ours by the quotation marks: the letter's words (a quote, the letter's
    title) stand in double ones, our titles and labels in single ones. Our titles in double marks read as quotes."""
    letter = normalise_ws((data_copy / "azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt").read_text())
    text = _docx_text(_docx(_export(cli, data_copy, "docx", "--lang", lang, *extra)))
    spans = re.findall(r"\u201c([^\u201d]*)\u201d", text)
    assert len(spans) > 5
    not_the_letters = {piece for span in spans for piece in re.split(r"\s*\[\u2026\]\s*", span) if piece and piece not in letter}
    assert not_the_letters == set()
    assert re.search(r"\u2018[^\u2019]+\u2019", text)  # our titles are still marked, in single quotation marks


@pytest.mark.parametrize("lang, tag", [("nl", "nl-NL"), ("en", "en-GB")])
def test_docx_language_of_the_memo_and_dutch_quotes(data_copy, cli, lang, tag):
    doc = _docx(_export(cli, data_copy, "docx", "--lang", lang))
    styles = doc.styles.element
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == tag
    assert doc.core_properties.language == tag
    quote_runs = [r for p in doc.paragraphs if p.style.name == "Quote" for r in p.runs]
    assert quote_runs
    marked = [r._r.find(f"{W}rPr/{W}lang") for r in quote_runs]
    if lang == "en":  # the quotes are Dutch: marked nl-NL on the run, so a spelling checker reads them as Dutch
        assert all(m is not None and m.get(f"{W}val") == "nl-NL" for m in marked)
    else:
        assert all(m is None for m in marked)


@pytest.mark.parametrize("lang, words", [("nl", ("pagina ", " van ")), ("en", ("page ", " of "))])
def test_docx_page_styles_footer_fields_and_tables(data_copy, cli, lang, words):
    doc = _docx(_export(cli, data_copy, "docx", "--lang", lang))
    s = doc.sections[0]
    assert (s.page_width.twips, s.page_height.twips) == (11906, 16838) and s.orientation == 0  # A4 portrait
    assert [round(m.cm, 2) for m in (s.left_margin, s.right_margin, s.top_margin, s.bottom_margin)] == [2.5, 2.5, 2.2, 2.2]
    assert {"Title", "Heading 1", "Heading 2", "Quote", "List Bullet", "Memo Field"} <= {p.style.name for p in doc.paragraphs}
    assert s.different_first_page_header_footer  # page 1 holds the nota header; pages 2+ repeat its date at the top
    # widow and orphan control for every paragraph (Word applies none where no style asks), and the line that opens
    # the list of what stays the same is never left alone at a page's foot (a liaison's read)
    assert doc.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}widowControl") is not None
    texts = [p.text for p in doc.paragraphs]
    intro = doc.paragraphs[texts.index("Wat hetzelfde blijft" if lang == "nl" else "What stays the same") + 1]
    assert intro.paragraph_format.keep_with_next
    for footer in (s.first_page_footer._element, s.footer._element):
        assert [normalise_ws(t.text) for t in footer.iter(f"{W}instrText")] == ["PAGE", "NUMPAGES"]
        assert [f.get(f"{W}fldCharType") for f in footer.iter(f"{W}fldChar")] == ["begin", "separate", "end"] * 2
        assert f"{words[0]}1{words[1]}1" in "".join(t.text for t in footer.iter(f"{W}t"))
    text_width = round((s.page_width - s.left_margin - s.right_margin) / 635)  # twips
    for table in doc.tables:
        assert table.style.name == "Table Grid"
        rows = table._tbl.findall(f"{W}tr")
        # no row splits over pages: the overview's are short, and so is each before/after row today (a longer one may
        # split: test_docx_a_long_before_after_row_may_split)
        assert [r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows] == [True] * len(rows)
        assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows] == [True] + [False] * (len(rows) - 1)
        assert table._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
        grid = [int(g.get(f"{W}w")) for g in table._tbl.tblGrid.findall(f"{W}gridCol")]
        assert abs(sum(grid) - text_width) <= len(grid), (grid, text_width)
    assert len(doc.tables[0].rows) == 1 + len(LETTER_CHANGES)


def test_docx_a_long_before_after_row_may_split(data_copy, cli, monkeypatch):
    """A short before/after row is kept on one page: where one split, LibreOffice left the last line of a quote's
    citation, "2)", alone on the next page (a liaison's read). A long row may split, or it would leave most of a page
    empty before it."""
    import dataclasses

    from aztimeline.export import to_docx

    made = to_docx.build_memo

    def longer(*a, **k):
        memo = made(*a, **k)
        first = dataclasses.replace(memo.changes[0], before_shown=" ".join(["woord"] * 1000))
        return dataclasses.replace(memo, changes=[first, *memo.changes[1:]])

    monkeypatch.setattr(to_docx, "build_memo", longer)
    doc = _docx(_export(cli, data_copy, "docx"))
    kept = [[r.find(f"{W}trPr/{W}cantSplit") is not None for r in t._tbl.findall(f"{W}tr")] for t in doc.tables[1:]]
    assert kept == [[True, False]] + [[True, True]] * (len(LETTER_CHANGES) - 1)


def test_docx_draft_marker_on_every_page(data_copy, cli):
    doc = _docx(_export(cli, data_copy, "docx"))
    s = doc.sections[0]
    first, later = ("".join(t.text for t in h._element.iter(f"{W}t")) for h in (s.first_page_header, s.header))
    assert first.startswith("CONCEPT") and later.startswith(first) and "Datum" in later
    assert "CONCEPT: gemaakt uit gegevens die niet (volledig) in git zijn vastgelegd" in _docx_text(doc)


def test_docx_long_title_and_subject_whole_in_the_body_shortened_in_the_properties(data_copy, cli, monkeypatch):
    import dataclasses

    from aztimeline.export import to_docx

    title = "Wijzigingen in het landenbeleid " + " ".join(f"land{i:03d}" for i in range(40)) + " (Vc C7/5)"
    made = to_docx.build_memo
    monkeypatch.setattr(to_docx, "build_memo", lambda *a, **k: dataclasses.replace(made(*a, **k), title=title))
    doc = _docx(_export(cli, data_copy, "docx"))
    assert doc.core_properties.title == title.split(" land027")[0] + "\u2026" and len(doc.core_properties.title) <= 255
    assert doc.paragraphs[0].text == "Nota: " + title


def test_the_template_is_a_small_word_document_with_the_memo_styles():
    from docx import Document

    from aztimeline.export import to_docx

    path = to_docx.files("aztimeline.export").joinpath(to_docx.TEMPLATE)
    data = path.read_bytes()
    assert 0 < len(data) < 20_000
    doc = Document(io.BytesIO(data))
    names = {s.name for s in doc.styles}
    assert {"Normal", "Title", "Heading 1", "Heading 2", "Quote", "List Bullet", "Table Grid", "Hyperlink", "Memo Field", "Quote Source"} <= names
    assert doc.styles["Normal"].font.name == "Arial" and doc.paragraphs == []


# --- the workbook --------------------------------------------------------------------------------------------


def _wb(path):
    from openpyxl import load_workbook

    return load_workbook(path)


@pytest.mark.parametrize(
    "lang, sheets, header",
    [
        ("nl", ["Wijzigingen", "Citaten", "Bronnen"], ["Wijziging", "Soort", "Nr.", "Plaats in de Vc (titel)", "Plaatsing (zekerheid)", "Betreft", "Status", "Datum brief", "Publicatie", "In werking"]),
        ("en", ["Changes", "Quotes", "Sources"], ["Change", "Kind", "No.", "Place in the Vc (title)", "Placement confidence", "Concerns", "Status", "Letter date", "Publication", "In force"]),
    ],
)
def test_xlsx_atomic_columns_and_real_dates(data_copy, cli, lang, sheets, header):
    wb = _wb(_export(cli, data_copy, "xlsx", "--lang", lang))
    assert wb.sheetnames == sheets
    ws = wb[sheets[0]]
    got = [c.value for c in ws[2]]
    assert got[:10] == header and got[-1] == "id"
    rows = {ws.cell(r, len(got)).value: [c for c in ws[r]] for r in range(3, ws.max_row + 1)}
    assert set(rows) == set(LETTER_CHANGES)
    for cells in rows.values():
        letter, published, in_force = cells[7], cells[8], cells[9]
        assert letter.is_date and letter.value == dt.datetime(2020, 11, 18)
        assert published.is_date and published.value == dt.datetime(2021, 1, 13)
        assert in_force.value == ("niet gevonden" if lang == "nl" else "not found") and in_force.data_type == "s"
        added = cells[1].value.startswith("nieuw" if lang == "nl" else "new")
        # a rule in the new text that no fact places there (no section number) says so in its status too
        assert cells[6].value == {
            ("nl", True, True): "in de Vc (nieuwe tekst)",
            ("nl", True, False): "in de Vc (nieuwe tekst; plaats niet vastgesteld)",
            ("nl", False, False): "geschrapt uit het landenbeleid in de Vc",
            ("en", True, True): "in the Vc (new text)",
            ("en", True, False): "in the Vc (new text; placement not established)",
            ("en", False, False): "removed from the country policy in the Vc",
        }[lang, added, added and cells[2].value is not None]
    critics = rows["az-2020-11-18.risk-group-critics"]
    # the number is the new text's (the changes sheet holds numbers of both texts: a removal's is the old text's)
    title = "Risicogroepen (in de nieuwe tekst)" if lang == "nl" else "Risk groups (in the new text)"
    assert [c.value for c in critics[2:5]] == ["5.3.2", title, "hoog" if lang == "nl" else "high"]
    armenian = rows["az-2020-11-18.armenian-ethnicity"]
    assert armenian[2].value is None and armenian[4].value == ("niet vastgesteld" if lang == "nl" else "not established")


def test_xlsx_one_quote_per_row_with_side_paragraph_and_page(data_copy, cli):
    """Each quote of a change stands once, with every role it plays: a sentence given as after, new and justification
    stood three times, where the memo gives it once (a liaison's read)."""
    wb = _wb(_export(cli, data_copy, "xlsx"))
    ws = wb["Citaten"]
    assert [c.value for c in ws[2]] == ["Wijziging", "Rol", "Alinea", "Blz.", "Citaat", "id"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    expected = set()
    for r in _records(cli):
        sides = (
            ("Vóór", (r["before"] or {}).get("citations", [])),
            ("Na", (r["after"] or {}).get("citations", [])),
            ("Nieuw", (r["new"] or {}).get("quotes", [])),
            ("Onderbouwing", r["justifications"]),
        )
        for side, cits in sides:
            for c in cits:
                expected.add((r["id"], c["anchor"], normalise_ws(c["quote"])))
                # a number, or "2–3" for a quote over a page break, as its label gives it
                page = f"{c['page'][0]}\u2013{c['page'][1]}" if isinstance(c["page"], list) else c["page"]
                words = [row for row in rows if re.sub(r"^\u201c(\[\u2026\] )?|( \[\u2026\])?\u201d$", "", row[4]) == normalise_ws(c["quote"])]
                hits = [row for row in words if row[5] == r["id"] and row[2] == int(c["anchor"][1:])]
                assert len(hits) == 1 and side in hits[0][1].split("; ") and hits[0][3] == page, (r["id"], side, c["anchor"])
    assert len(rows) == len(expected) + len(KEPT_QUOTES)
    assert "Na; Nieuw; Onderbouwing" in [row[1] for row in rows]  # the sentence of paragraph 5 on the risk group
    assert all(row[4].count("\u201c") == 1 for row in rows)  # one quote in a cell
    assert "2\u20133" in [row[3] for row in rows]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_xlsx_print_setup_header_footer_and_sources(data_copy, cli, lang):
    from openpyxl.utils import get_column_letter

    from aztimeline.export.to_xlsx import CHANGE_COLUMNS, MARGIN_LR

    wb = _wb(_export(cli, data_copy, "xlsx", "--lang", lang, *NOTA, "--memo-date", "2026-11-30", "--site-url", "https://example.org/az/"))
    changes, quotes, sources = wb.worksheets
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert ps.orientation == "landscape" and int(ps.paperSize) == 9
        # fitted to one page wide (1 is the schema's default, which the file may leave out), as many pages high as needed
        assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ps.fitToWidth or 1) == 1 and int(ps.fitToHeight) == 0
        assert ws.print_title_rows == "$2:$2" and ws.print_options.gridLines
        assert ws.page_margins.left == MARGIN_LR
        assert ws.oddFooter.right.text == ("pagina &P van &N" if lang == "nl" else "page &P of &N")
        assert ("Aan: De directeur-generaal Migratie" if lang == "nl" else "To: De directeur-generaal Migratie") in ws.oddFooter.left.text
        assert ("Kenmerk: DGM-2026-0142" if lang == "nl" else "Reference: DGM-2026-0142") in ws.oddHeader.right.text
        assert ("30 november 2026" if lang == "nl" else "30 November 2026") in ws.oddHeader.right.text
        assert ws.oddHeader.center.text.startswith("CONCEPT" if lang == "nl" else "DRAFT")
        # a printed row is as tall as its wrapped text needs (programs do not measure a new file's rows)
        assert all(ws.row_dimensions[r].height for r in range(2, ws.max_row + 1))
    n, header = changes.max_row, [c.value for c in changes[2]]
    assert header[-2:] == ["Pagina" if lang == "nl" else "Page", "id"]
    assert changes.auto_filter.ref == f"A2:{get_column_letter(len(header))}{n}"
    assert changes.print_area == f"'{changes.title}'!$A$1:${get_column_letter(len(CHANGE_COLUMNS))}${n}"  # links and ids are for the screen
    assert changes.freeze_panes == "B3" and quotes.freeze_panes == "A3" and sources.freeze_panes == "A3"
    link = changes.cell(3, len(header) - 1)
    assert link.hyperlink.target == f"https://example.org/az/{'en/' if lang == 'en' else ''}changes/{changes.cell(3, len(header)).value}/"
    items = {row[0].value: row[1] for row in sources.iter_rows(min_row=3)}
    L = ("Aan", "Van", "Datum", "Kenmerk") if lang == "nl" else ("To", "From", "Date", "Reference")
    assert items[L[0]].value == "De directeur-generaal Migratie" and items[L[1]].value == "J. Jansen, parlementair liaison"
    assert items[L[2]].is_date and items[L[2]].value == dt.datetime(2026, 11, 30) and items[L[3]].value == "DGM-2026-0142"
    links = [(c.hyperlink.target, c.value) for c in sources["B"] if c.hyperlink]
    assert ("https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html",) * 2 in links  # the address shows as it is
    assert wb.properties.creator == "J. Jansen, parlementair liaison"
    # whose words titles and summaries are: once, where the summary ends, as in the memo (it stood under Werkwijze,
    # one row above the scope note that says it too)
    rows = [(a.value, b.value) for a, b in sources.iter_rows(min_row=3, max_col=2)]
    said = [i for i, (_, text) in enumerate(rows) if text == LABELS[lang]["summary_note"]]
    assert len(said) == 1 and rows[said[0]][0] == rows[said[0] - 1][0] == ("Samenvatting" if lang == "nl" else "Summary")


def test_xlsx_footer_gives_to_and_from_whole_on_two_lines(data_copy, cli):
    """At 80 characters for both together, a long addressee cut the sender off the printed footer (a liaison's read)."""
    to = "De griffier van de vaste commissie voor Justitie en Veiligheid; de directeur Migratiebeleid"
    wb = _wb(_export(cli, data_copy, "xlsx", "--memo-to", to, "--memo-from", "J. Jansen, parlementair liaison", "--reference", "K-1"))
    for ws in wb.worksheets:
        assert ws.oddFooter.left.text == f"Aan: {to}\nVan: J. Jansen, parlementair liaison"


def test_xlsx_header_keeps_the_date_whole_and_a_long_reference_cut_is_noted(data_copy, cli):
    """Reference and date shared 80 characters, cut from the end at a word: a reference of 55 characters cut the
    date off the printed header, one of 86 without a space left "Kenmerk…", and neither said a word (a liaison's
    read)."""
    out = data_copy.parent / "k.xlsx"
    for reference, shown in (
        ("DGM/DMB 2026-0142 nota landenbeleid Azerbeidzjan C7/5", "DGM/DMB 2026-0142 nota landenbeleid Azerbeidzjan C7/5"),
        ("JenV/DGM/DMB/PZ-" + "0" * 90, "JenV/DGM/DMB/PZ-" + "0" * 60 + "\u2026"),
    ):
        r = cli("export", "--format", "xlsx", "--output", str(out), "--force", "--reference", reference, "--memo-date", "2026-11-30")
        assert r.code == 0
        for ws in _wb(out).worksheets:
            assert ws.oddHeader.right.text == f"Kenmerk: {shown}\nDatum: 30 november 2026"
        cut = "note: the printed pages' header holds Kenmerk (reference) cut to 86 characters with its label; the Bronnen sheet holds it whole"
        assert (cut in r.err) == shown.endswith("\u2026")
        if shown.endswith("\u2026"):  # the English workbook's sheet by its own name (a liaison's read)
            en = cli("export", "--format", "xlsx", "--output", str(out.with_name("k-en.xlsx")), "--force", "--reference", reference, "--lang", "en")
            assert "the Sources sheet holds it whole" in en.err
        assert [row[1].value for row in _wb(out).worksheets[2].iter_rows() if row[0].value == "Kenmerk"] == [reference]


def test_nota_fields_given_to_a_csv_export_are_said_to_be_unused(data_copy, cli):
    r = cli("export", "--format", "csv", "--output", str(data_copy.parent / "x.csv"), "--reference", "K-1", "--memo-to", "DGM")
    assert r.code == 0
    assert "note: a csv file has no nota fields: --memo-to, --reference not used; the workbook (xlsx) and the nota hold them" in r.err
    for fmt in ("csv", "json"):
        r = cli("export", "--format", fmt, "--output", str(data_copy.parent / f"y.{fmt}"), "--no-annex")
        assert r.code == 0 and f"note: a {fmt} file has no annex: --no-annex not used" in r.err


@pytest.mark.parametrize("fmt", ["docx", "md"])
@pytest.mark.parametrize(
    "group, title, first",
    [
        ("lgbti", "– voor de groep ‘LHBTI’", "Deze nota beperkt zich tot de groep ‘LHBTI’: zij beschrijft drie van de acht wijzigingen, die voor deze groep en die voor iedereen."),
        ("everyone", "– wat iedereen betreft", "Deze nota beperkt zich tot de wijzigingen die iedereen betreffen: twee van de acht."),
    ],
)
def test_a_memo_for_one_group_says_so_at_its_top(data_copy, cli, fmt, group, title, first):
    """The LHBTI memo had the full memo's title and began "Deze nota beschrijft drie wijzigingen …": a clerk reading
    its top took three changes for all the letter made (a liaison's read). Its title, which the footer and the file's
    properties repeat, names the group, and the summary opens with what the memo leaves out."""
    assert len(LETTER_CHANGES) == 8
    path = _export(cli, data_copy, fmt, "--group", group)
    if fmt == "md":
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
        heading, summary = lines[0], lines[lines.index("## Aanleiding") + 1]
    else:
        doc = _docx(path)
        heading = doc.paragraphs[0].text
        paras = [p.text for p in doc.paragraphs]
        summary = paras[paras.index("Aanleiding") + 1]
        assert doc.core_properties.title.endswith(title)
        assert title in "".join(t.text for t in doc.sections[0].footer._element.iter(f"{W}t"))
    assert heading.endswith(title) and summary == first
    following = lines[lines.index("## Aanleiding") + 2] if fmt == "md" else paras[paras.index("Aanleiding") + 2]
    assert following.startswith("Het gaat om ")  # not "Deze nota beschrijft" after "Deze nota beperkt zich" (a liaison's read)
    # the summary names the memo's own changes: it had opened with what the letter keeps, and said nothing of the
    # group in the title (a second liaison's read)
    said = lines[lines.index("## Samenvatting") + 1] if fmt == "md" else paras[paras.index("Samenvatting") + 1]
    assert said.startswith("De wijzigingen: \u2018") and ("\u2018LHBTI: geen risicogroep" in said) == (group == "lgbti")
    assert "\u2018Toetsing alleen aan het hoofdgebied van Azerbeidzjan\u2019 (nieuw, onze afleiding)" in said
    if group == "lgbti":  # one item kept: the verb is singular
        text = path.read_text(encoding="utf-8") if fmt == "md" else " ".join(paras)
        assert "Uitdrukkelijk ongewijzigd blijft: geen besluitmoratorium" in text


@pytest.mark.parametrize("fmt", ["md", "docx", "xlsx"])
@pytest.mark.parametrize("extra", [(), ("--group", "lgbti")])
def test_what_a_summary_sends_the_reader_to_is_in_the_same_file(data_copy, cli, fmt, extra):
    """'(zie de context)' sent the reader of the workbook, and of the LHBTI memo, to facts that were not in the file
    (a liaison's read). Each change's facts about the Vc text stand in every export that holds the change."""
    path = _export(cli, data_copy, fmt, *extra)
    if fmt == "xlsx":
        text = " ".join(str(c.value) for ws in _wb(path).worksheets for row in ws.iter_rows() for c in row if c.value)
    else:
        text = path.read_text(encoding="utf-8").replace("\\", "") if fmt == "md" else _docx_text(_docx(path))
    text = normalise_ws(text)
    records = [r for r in _records(cli) if r["title_nl"] in text]
    assert len(records) == (3 if extra else 8)
    sent = 0
    for r in records:
        sent += "zie de context" in normalise_ws(json.dumps(r, ensure_ascii=False))
        for c in r["context"]:
            assert normalise_ws(c["text_nl"]) in text, (r["id"], c["id"])
    assert sent >= (1 if extra else 3)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_xlsx_columns_fit_their_words_and_the_page(data_copy, cli, lang):
    """The changes sheet printed on 5 pages for 8 changes, its summaries 13 characters a line (one cell ran to 40
    lines), and words of the short columns broke ("minderheidsgroe|p", "(Azeri/Armeense|)"; a liaison's read). Read
    back: each column of short values is as wide as its longest word, the summaries get 20 characters a line, and
    fitted to landscape A4 the changes sheet prints at 80% or more, the other sheets at full size."""
    from openpyxl.utils import get_column_letter
    from xlsxwriter.utility import xl_pixel_width

    from aztimeline.export.to_xlsx import MARGIN_LR

    changes, quotes, sources = _wb(_export(cli, data_copy, "xlsx", "--lang", lang)).worksheets
    printable = (11.69 - 2 * MARGIN_LR) * 96  # A4 landscape, in pixels at 96 an inch

    def px(ws, col: int) -> int:  # Excel's pixels for a column width in characters of Arial 10 (7 pixels a digit)
        return int((256 * ws.column_dimensions[get_column_letter(col)].width + 18) / 256 * 7)

    for col in (2, 3, 5, 6, 7, 8, 9, 10):  # kind, section number, placement, groups, status, the three dates
        words = [w for c in changes[get_column_letter(col)][1:] for w in ([c.value.strftime("%d Nov %Y")] if c.is_date else str(c.value or "").split())]
        longest = max(words, key=xl_pixel_width)
        assert px(changes, col) >= xl_pixel_width(longest) + 7, (changes.cell(2, col).value, longest)
    for col in (11, 12):  # before and after, our summaries: 125 pixels, 20 characters of text (they had 100)
        assert px(changes, col) >= 125, (changes.cell(2, col).value, px(changes, col))
    assert printable / sum(px(changes, col) for col in range(1, 15)) >= 0.80
    for ws, n in ((quotes, 5), (sources, 2)):
        assert sum(px(ws, col) for col in range(1, n + 1)) <= printable


def test_xlsx_data_text_is_text_never_a_formula_and_escapes_come_back_literally(data_copy, cli, monkeypatch):
    _odd_workbook(data_copy, cli, monkeypatch)


def _odd_workbook(data_copy, cli, monkeypatch):
    """A workbook whose data texts look like formulas, numbers, error values and escapes, checked read back."""
    import dataclasses

    from aztimeline.export import to_xlsx

    odd = ["=1+1", "_x000D_ and _x0041_", "#N/A", "007", "  a & b < c  ", '=HYPERLINK("https://example.org/x","klik")']
    made = to_xlsx.build_memo

    def tweak(*a, **k):
        memo = made(*a, **k)
        changes = [dataclasses.replace(c, kind=odd[i % len(odd)]) for i, c in enumerate(memo.changes)]
        return dataclasses.replace(memo, changes=changes, title="Titel & <b> &P _x000D_")

    monkeypatch.setattr(to_xlsx, "build_memo", tweak)
    path = _export(cli, data_copy, "xlsx")
    ws = _wb(path).worksheets[0]
    for r in range(3, ws.max_row + 1):
        cell = ws.cell(r, 2)
        assert cell.value == " ".join(odd[(r - 3) % len(odd)].split()) and cell.data_type == "s"
    assert ws.cell(1, 1).value == "Titel & <b> &P _x000D_ \u2013 CONCEPT: gemaakt uit gegevens die niet (volledig) in git zijn vastgelegd (werkkopie, niet in git)."
    assert ws.oddHeader.left.text.startswith("Titel && <b> &&P _\u200bx000D_")  # see to_xlsx._hf
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/"))
    assert "<f>" not in xml and "_x005F_x000D_" in xml
    return path


def test_xlsx_escape_sequences_print_literally_in_libreoffice(data_copy, cli, monkeypatch, tmp_path):
    path = _odd_workbook(data_copy, cli, monkeypatch)
    (pdf,) = _render([path], tmp_path)
    text = normalise_ws(" ".join(_pages(pdf)))
    assert "_x0041_" in text  # only the cells hold it (LibreOffice wraps "_x000D_ and _x0041_" in its column)
    assert "_x005F" not in text and normalise_ws(text.replace("\u200b", "")).count("Titel & <b> &P _x000D_") >= 2  # cell and page header


def test_xlsx_text_longer_than_a_cell_holds_is_cut_visibly(data_copy, cli, monkeypatch):
    import dataclasses

    from aztimeline.export import to_xlsx

    long = "woord " * 8000
    made = to_xlsx.build_memo

    def tweak(*a, **k):
        memo = made(*a, **k)
        return dataclasses.replace(memo, changes=[dataclasses.replace(memo.changes[0], kind=long), *memo.changes[1:]])

    monkeypatch.setattr(to_xlsx, "build_memo", tweak)
    cell = _wb(_export(cli, data_copy, "xlsx")).worksheets[0].cell(3, 2).value
    assert len(cell) == to_xlsx.CELL_MAX and cell == " ".join(long.split())[: to_xlsx.CELL_MAX - 1] + "\u2026"


# --- status words follow the dates in the data ------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, body, rules",
    [
        (
            "    date: unknown\n    fact: fact-wbv-2021-2-in-force",
            "    date: 2021-01-14\n    fact: fact-wbv-2021-2",
            {"nl": "gepubliceerd op 13 januari 2021 (Stcrt. 2021, 1592); in werking sinds 14 januari 2021.", "en": "published on 13 January 2021 (Stcrt. 2021, 1592); in force since 14 January 2021."},
            {
                "nl": {"in de Vc (nieuwe tekst)", "in de Vc (nieuwe tekst; plaats niet vastgesteld)", "geschrapt uit het landenbeleid in de Vc"},
                "en": {"in the Vc (new text)", "in the Vc (new text; placement not established)", "removed from the country policy in the Vc"},
            },
        ),
        (
            "  published:\n    date: 2021-01-13",
            "  published:\n    date: unknown",
            {
                "nl": "de wijzigingen zijn aangekondigd in de brief van 18 november 2020 (kenmerk 3019810); WBV 2021/2, gedateerd 7 januari 2021, is nog niet gepubliceerd, dus nog niet opgenomen in de Vc.",
                "en": "the changes had been announced in the letter of 18 November 2020 (reference 3019810); WBV 2021/2, dated 7 January 2021, had not yet been published, so they were not yet in the Vc.",
            },
            {
                "nl": {
                    "aangekondigd; besluit van 7 januari 2021, nog niet gepubliceerd",
                    "genoemd in de brief, besluit van 7 januari 2021; of het al in de Vc stond, is niet bekend",
                    "nog in de Vc (oude tekst); schrapping aangekondigd, besluit van 7 januari 2021",
                    "nog in het beleid, zoals de brief het beschrijft; schrapping aangekondigd, besluit van 7 januari 2021",
                },
                "en": {
                    "announced; decision of 7 January 2021, not yet published",
                    "named in the letter, decision of 7 January 2021; whether the Vc already held it is not known",
                    "still in the Vc (old text); removal announced, decision of 7 January 2021",
                    "still in the policy, as the letter describes it; removal announced, decision of 7 January 2021",
                },
            },
        ),
    ],
)
def test_status_says_only_what_the_dates_in_the_data_support(data_copy, cli, old, new, body, rules):
    edit(data_copy / "azerbaijan/versions/az-2020-11-18.yaml", old, new)
    for lang in ("nl", "en"):
        book = _wb(_export(cli, data_copy, "xlsx", "--lang", lang, name=f"{lang}.xlsx"))
        ws = book.worksheets[0]
        assert {ws.cell(r, 7).value for r in range(3, ws.max_row + 1)} == rules[lang]
        status = next(row[1].value for row in book.worksheets[2].iter_rows(min_row=3) if row[0].value == "Status")
        assert status.endswith(body[lang]), status


def test_status_on_a_memo_date_before_the_publication(data_copy, cli):
    doc = _docx(_export(cli, data_copy, "docx", "--memo-date", "2020-12-01"))
    body, annex = _body_and_annex(doc)
    assert "Stand op 1 december 2020: de wijzigingen zijn aangekondigd in de brief van 18 november 2020 (kenmerk 3019810), maar nog niet opgenomen in de Vc." in body
    statuses = [row.cells[4].text for row in doc.tables[0].rows[1:]]
    # three added rules are announced; the main-territory rule, new only by our inference, is named in the letter
    assert statuses.count("aangekondigd, nog niet opgenomen in de Vc") == 3
    assert statuses.count("genoemd in de brief; of het al in de Vc stond, is niet bekend") == 1
    # the developments of 2021 are later than the memo's date: named as such
    assert "Bekend na de datum van deze nota, niet als versie vastgelegd" in body and "Later bekend" not in body
    assert "Dat gebeurde later: WBV 2021/2 is gedateerd 7 januari 2021 en gepubliceerd op 13 januari 2021 (Stcrt. 2021, 1592)." in annex


# --- reproducible files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_files_are_byte_identical_and_dated_by_the_data(data_copy, cli, fmt):
    a = _export(cli, data_copy, fmt).read_bytes()
    b = _export(cli, data_copy, fmt, "--force").read_bytes()
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        times = {i.date_time for i in z.infolist()}
        core = z.read("docProps/core.xml").decode()
    # docx: every entry at the data's date (SOURCE_DATE_EPOCH 2023-11-14); xlsx: XlsxWriter's fixed 1 January 1980
    assert times == ({(2023, 11, 14, 0, 0, 0)} if fmt == "docx" else {(1980, 1, 1, 0, 0, 0)})
    assert "2023-11-14T00:00:00Z" in core


@pytest.mark.parametrize("epoch, year", [("5680281600", 2107), ("86400", 1980)])  # 1 January 2150, 2 January 1970
def test_a_date_outside_what_a_zip_holds_is_clamped(data_copy, cli, monkeypatch, epoch, year):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    for fmt in ("docx", "xlsx"):
        with zipfile.ZipFile(_export(cli, data_copy, fmt)) as z:
            assert f"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{year}-" in z.read("docProps/core.xml").decode()


# --- through LibreOffice ----------------------------------------------------------------------------------------


def _render(paths, tmp_path):
    from .browser.conftest import require

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    require("LibreOffice (soffice)", soffice is not None)
    require("pdftotext (poppler-utils)", shutil.which("pdftotext") is not None)
    out = tmp_path / "pdf"
    env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
    r = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)], capture_output=True, text=True, timeout=300, env=env)
    pdfs = [out / (p.stem + ".pdf") for p in paths]
    assert r.returncode == 0 and all(p.exists() for p in pdfs), r.stdout + r.stderr
    return pdfs


def _arial_like() -> bool:
    """Whether the font the system shows for Arial has Arial's metrics."""
    fc = shutil.which("fc-match")
    family = subprocess.run([fc, "-f", "%{family}", "Arial"], capture_output=True, text=True).stdout if fc else ""
    return family.split(",")[0] in ("Arial", "Liberation Sans", "Arimo")


def _word_width(pdf, word: str) -> float:
    """The printed width, in points, of the first occurrence of word on page 1 of pdf."""
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    m = re.search(rf'<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">{re.escape(word)}</word>', bbox)
    assert m, f"{word!r} is not on page 1 of {pdf.name}"
    return float(m.group(2)) - float(m.group(1))


def _pages(pdf, *args) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_memo_and_workbook_render_in_libreoffice(data_copy, cli, tmp_path, lang):
    memo = _export(cli, data_copy, "docx", "--lang", lang, *NOTA, "--memo-date", "2026-11-30", name=f"memo-{lang}.docx")
    book = _export(cli, data_copy, "xlsx", "--lang", lang, *NOTA, "--memo-date", "2026-11-30", name=f"book-{lang}.xlsx")
    memo_pdf, book_pdf = _render([memo, book], tmp_path)
    pages = _pages(memo_pdf)
    first = normalise_ws(pages[0])
    for value in ("De directeur-generaal Migratie", "J. Jansen, parlementair liaison", "DGM-2026-0142"):
        assert value in first
    assert ("Datum 30 november 2026" if lang == "nl" else "Date 30 November 2026") in first
    n = len(pages)
    assert (f"pagina 1 van {n}" if lang == "nl" else f"page 1 of {n}") in first and 5 <= n <= 14
    # from page 2 the memo's date and reference head each page, as a nota's do: a page that strays is still placed
    top = ("Datum 30 november 2026 Kenmerk DGM-2026-0142" if lang == "nl" else "Date 30 November 2026 Reference DGM-2026-0142")
    marker = pages[0].strip().splitlines()[0]  # the draft marker heads every page (a copy of the data is a draft)
    assert marker.startswith(("CONCEPT", "DRAFT")) and not normalise_ws(pages[0]).startswith(f"{marker} {top}")
    assert all(normalise_ws(p).startswith(f"{marker} {top}") for p in pages[1:])
    # a context fact's last line, which change it belongs to, never heads a page alone (a liaison's read)
    belongs = "Hoort bij:" if lang == "nl" else "Relevant to:"
    tops = [normalise_ws(p).removeprefix(f"{marker} {top}").strip() for p in pages[1:]]
    assert any(belongs in p for p in pages) and not [t[:60] for t in tops if t.startswith(belongs)]
    annex_at = next(i for i, p in enumerate(pages) if str(LABELS[lang]["annex_context"]) in p)
    assert not any(SHA.search(p) for p in pages[:annex_at]) and any(SHA.search(p) for p in pages[annex_at:])
    # the annex's record of the data ends the memo in one piece: a page break never leaves its last lines alone
    last = normalise_ws(pages[-1])
    assert all(label in last for label in (("Selectie:", "(sha256)", "Id's van") if lang == "nl" else ("Selection:", "(sha256)", "Ids of")))
    # the workbook: every sheet fitted to the width, with its page numbers; today's data prints on 13 pages, the 8
    # changes on 3 of them (they took 5, at one or two a page; a liaison's read), a bound against a layout that explodes
    sheets = _pages(book_pdf)
    assert 3 <= len(sheets) <= 14 and (f"pagina 1 van {len(sheets)}" if lang == "nl" else f"page 1 of {len(sheets)}") in normalise_ws(sheets[0])
    kind = "Soort" if lang == "nl" else "Kind"  # the changes sheet's header, repeated on each of its pages
    assert sum(kind in normalise_ws(p).split()[:40] for p in sheets) <= 3
    # The scale as printed: the header word of column A on page 1, fitted to the width, against the same workbook
    # printed at 100% (the distance between two columns would not do: LibreOffice sizes a unit of column width by a
    # digit of the font it shows for Arial). Excel's scale, 80% or more, is worked out in
    # test_xlsx_columns_fit_their_words_and_the_page; LibreOffice makes a digit of Arial 10 its true 7.4 pixels, not
    # 7, so it prints ~6% smaller (about 75%): 7.5 pt text, never the 70% this workbook once printed at.
    import openpyxl

    from .browser.conftest import require

    require("a font with Arial's metrics (fonts-liberation)", _arial_like())
    # The same changes sheet at 100%, with only the header row and the columns of short values (kind, section,
    # placement, groups, status, dates) left: whether a word fits its column does not depend on the scale
    full = tmp_path / f"full-{lang}.xlsx"
    wb = openpyxl.load_workbook(book)
    for other in wb.worksheets[1:]:
        wb.remove(other)
    ws = wb.worksheets[0]
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_setup.scale = 100
    short: Counter[str] = Counter()
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if cell.column - 1 in (1, 2, 4, 5, 6, 7, 8, 9) and isinstance(cell.value, str):
                short.update(cell.value.split())
            else:
                cell.value = None
    headers = Counter(w for cell in ws[2][:14] for w in str(cell.value).split())
    wb.save(full)
    (full_pdf,) = _render([full], tmp_path)
    head = "Wijziging" if lang == "nl" else "Change"
    fitted, at_full = (_word_width(pdf, head) for pdf in (book_pdf, full_pdf))
    assert 0.72 <= fitted / at_full <= 1.0, fitted / at_full
    words = normalise_ws(sheets[0]).split()  # every printed column is on the first page: the last header is there
    assert ("Voorbehoud" if lang == "nl" else "Caveat") in words
    # Each header word, and each word in a column of short values, prints whole, never "toegevoeg|d" or
    # "(Azeri/Armeense|)": a word cut in two prints as two, so it is found fewer times than the cells hold it (a
    # liaison's read; words of up to 14 letters were whole since issue 19, longer ones were broken).
    printed = Counter(" ".join(_pages(full_pdf)).split())
    assert short["nieuw" if lang == "nl" else "new"] >= 4
    assert [w for w in sorted(headers + short) if printed[w] < (headers + short)[w]] == []


def test_a_group_memos_longer_footer_keeps_its_page_number_on_its_line(data_copy, cli, tmp_path):
    """The title of a memo for one group, a draft, ran past the footer's centre stop, and its second tab sent
    "pagina X van Y" onto a line of its own (a liaison's read)."""
    (pdf,) = _render([_export(cli, data_copy, "docx", "--group", "lgbti", *NOTA)], tmp_path)
    pages = _pages(pdf)
    for i, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert re.fullmatch(rf"Wijzigingen .* – voor de groep ‘LHBTI’ – CONCEPT +pagina {i} van {len(pages)}", lines[-1].strip()), lines[-2:]


def test_dutch_csv_opens_in_columns_with_the_semicolon(data_copy, cli, tmp_path):
    # LibreOffice as a stand-in for a Dutch Excel: fields split on ';' (59), text in '"' (34), UTF-8 (76)
    from openpyxl import load_workbook

    from aztimeline.export.to_csv import COLUMNS

    from .browser.conftest import require

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    require("LibreOffice (soffice)", soffice is not None)
    path = _export(cli, data_copy, "csv")
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(
        [soffice, "--headless", "--infilter=CSV:59,34,76", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(path)],
        capture_output=True, timeout=300, env=env, check=True,
    )
    ws = load_workbook(tmp_path / "out/changes.xlsx").worksheets[0]
    assert ws.max_column == len(COLUMNS) and ws.max_row == 1 + len(LETTER_CHANGES)
    assert ws.cell(1, 1).value == "Id wijziging" and {ws.cell(r, 1).value for r in range(2, ws.max_row + 1)} == set(LETTER_CHANGES)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_gives_each_change_the_letters_reason_in_our_words_before_its_quotes(data_copy, cli, lang):
    """The English memo gave the reasons only as the letter's Dutch words; the mixed couples' change said only that
    its justification is in the quotes above (an English reader's read). Each change gives the amendment's reason in
    the memo's language, labelled as ours, in its own section."""
    from aztimeline.validate import load_and_validate

    a = load_and_validate(data_copy).dataset.countries["azerbaijan"].amendments["az-2020-11-18"]
    doc = _docx(_export(cli, data_copy, "docx", "--lang", lang))
    sections = _sections(doc)
    label = "Reden volgens de brief, in onze woorden: " if lang == "nl" else "The letter's reason, in our words: "
    records = {r["provision"]: r for r in _records(cli)}
    for pid, why in a.reasons.items():
        section = sections[records[pid][f"title_{lang}"]]
        assert label + normalise_ws(getattr(why, lang)) in section, pid
