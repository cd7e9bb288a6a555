"""The built site, read as HTML: quotes and their links, internal links, escaping, third-party requests."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from aztimeline.site.build import build_site
from aztimeline.source import normalise_ws
from aztimeline.validate import load_and_validate

from .conftest import DATA, ROOT, add_version_2025, edit
from .sitecheck import QUOTE_MARKS, html_files, parse, resolve, visible_text


def test_both_editions_have_every_page_type(built_site):
    v = load_and_validate(DATA)
    records = [r for recs in v.changes.values() for r in recs]
    for prefix in (built_site, built_site / "en"):
        for page in (
            "index.html",
            "timeline/index.html",
            "asof/index.html",
            "compare/index.html",
            "downloads/index.html",
            "versions/az-2020-11-18/index.html",
            "versions/az-before-2020-11-18/index.html",
            "sources/kamerbrief-2020-11-18/index.html",
            "glossary/index.html",
            "about/index.html",
            "feed.xml",
        ):
            assert (prefix / page).is_file(), prefix / page
        for r in records:
            assert (prefix / f"changes/{r.id}/index.html").is_file()
    for name in ("versions.json", "changes.json", "periods.json", "schemas/change-record.schema.json"):
        json.loads((built_site / "api" / name).read_text(encoding="utf-8"))
    # docs/benchmarks.md is for developers (make bench writes it): it is in the repository, not on the site
    assert (ROOT / "docs/benchmarks.md").is_file()
    assert not list(built_site.rglob("benchmarks*"))
    assert "benchmarks" not in (built_site / "search/search_index.json").read_text(encoding="utf-8")


def test_every_change_page_carries_each_of_its_quotes_once_and_their_targets_exist(built_site):
    v = load_and_validate(DATA)
    for recs in v.changes.values():
        for r in recs:
            # beside the claims they support (what is new, the rule after, the rule before), then the justification;
            # a quote stands once on the page, and the justification keeps its own
            justified = [normalise_ws(c.quote) for c in r.justifications]
            claims = [*(r.new or {}).get("quotes", []), *(r.after or {}).get("citations", []), *(r.before or {}).get("citations", [])]
            anchors = {normalise_ws(c.quote): c.anchor for c in r.justifications} | {normalise_ws(c["quote"]): c["anchor"] for c in claims}
            beside = {normalise_ws(c["quote"]) for c in claims} - set(justified)
            for edition in (built_site, built_site / "en"):
                page_path = edition / f"changes/{r.id}/index.html"
                page = parse(page_path)
                shown = [QUOTE_MARKS.sub("", q) for q, _ in page.quotes]
                assert shown[len(shown) - len(justified) :] == justified, r.id
                assert sorted(shown[: len(shown) - len(justified)]) == sorted(beside), r.id  # each once
                for (_, href), text in zip(page.quotes, shown, strict=True):
                    target, anchor = resolve(edition, page_path, href)
                    assert target is not None and target.is_file(), href
                    assert anchor == anchors[text] and anchor in parse(target).ids


def test_a_change_page_says_what_is_new_what_is_not_established_and_what_is_ours(built_site):
    """What is new is our summary of the letter, and each begins "Nieuw": its label said "Nieuw volgens de brief",
    which read "Nieuw volgens de brief: Nieuw is het uitgangspunt …" (an English reader's read)."""
    v = load_and_validate(DATA)
    records = [r for recs in v.changes.values() for r in recs]
    for attr, label in (("new", "Volgens de brief, in onze woorden: "), ("not_established", "Niet als wijziging vastgesteld: "), ("inference", "Onze afleiding: ")):
        having = [r for r in records if getattr(r, attr)]
        assert having, attr  # today's data has each (the risk group's novelty, LGBTI, the main territory only)
        for r in having:
            text = visible_text(parse(built_site / f"changes/{r.id}/index.html"))
            assert label + normalise_ws(getattr(r, attr)["text_nl"]) in text, (r.id, attr)


def test_a_change_whose_being_a_change_is_our_inference_says_so_beside_its_kind(built_site):
    """The memo wrote "toegevoegd (onze afleiding)"; the site's tables and change pages wrote "toegevoegd" alone
    (found by a lawyer's fresh read)."""
    records = [r for recs in load_and_validate(DATA).changes.values() for r in recs]
    assert any(r.inference for r in records) and not all(r.inference for r in records)
    for edition, mark in (("", "(onze afleiding)"), ("en", "(our inference)")):
        table = (built_site / edition / "changes/index.html").read_text(encoding="utf-8")
        for r in records:
            row = re.search(rf'<tr><td><a href="[^"]*{re.escape(r.id)}/">.*?</tr>', table).group(0)
            page = (built_site / edition / f"changes/{r.id}/index.html").read_text(encoding="utf-8")
            kind = re.search(r'<dd><span class="azt-kind .*?</dd>', page).group(0)
            assert (mark in row, mark in kind) == (bool(r.inference), bool(r.inference)), (edition, r.id)
            # an added rule is new as the letter presents it, or by our inference: "toegevoegd" would claim that
            # the earlier policy lacked it, which no source says (found by a lawyer's read)
            if r.kind == "added":
                word = ("nieuw" if edition == "" else "new") if r.inference else ("nieuw volgens de brief" if edition == "" else "new according to the letter")
                assert f'<span class="azt-kind azt-added">{word}</span>' in row and f'<span class="azt-kind azt-added">{word}</span>' in kind, (edition, r.id)


def test_a_change_not_in_the_earlier_version_promises_context_only_about_the_earlier_text(built_site):
    """"Wat de tekst van de Vc erover zei, staat hieronder als context" stood above context about the new text only
    (the main-territory rule; found by a second lawyer's read)."""
    added = [r for recs in load_and_validate(DATA).changes.values() for r in recs if r.kind == "added" and r.context]
    earlier = {r.id: any(e["describes"] == r.version_from for e in r.context) for r in added}
    assert True in earlier.values() and False in earlier.values()  # Armenian ethnicity (old C7/5.5.1); LGBTI (new 5.4.4)
    for r in added:
        text = visible_text(parse(built_site / f"changes/{r.id}/index.html"))
        assert ("staat hieronder als context" in text) is earlier[r.id], r.id
        assert ("de context hieronder gaat over een latere tekst" in text) is not earlier[r.id], r.id


def test_quoted_passages_are_highlighted_on_the_source_page(built_site):
    html = (built_site / "sources/kamerbrief-2020-11-18/index.html").read_text(encoding="utf-8")
    assert "<mark>Het ambtsbericht geeft mij aanleiding om vreemdelingen" in html
    assert "Datum 4 september 2020" in html and 'id="discrepancy-header-date-4-september-2020"' in html
    assert 'href="2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt"' in html
    raw = (built_site / "sources/kamerbrief-2020-11-18/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt").read_bytes()
    assert raw == (DATA / "azerbaijan/sources/2020-11-18-kamerbrief-landenbeleid-azerbeidzjan.txt").read_bytes()


def test_no_broken_internal_links(built_site):
    broken = []
    cache: dict[Path, set[str]] = {}
    for path in html_files(built_site):
        if path.name == "404.html":
            continue  # MkDocs writes the error page with root-relative links, for use at any depth
        for _tag, _attr, url in parse(path).links:
            target, anchor = resolve(built_site, path, url)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)}: {url}")
                continue
            if anchor and target.suffix == ".html":
                if target not in cache:  # each page read once, however many links point into it
                    cache[target] = parse(target).ids
                if anchor not in cache[target]:
                    broken.append(f"{path.relative_to(built_site)}: {url} (no #{anchor})")
    assert broken == []


def test_no_third_party_resources(built_site):
    offenders = []
    for path in html_files(built_site):
        for tag, attr, url in parse(path).links:
            external = url.startswith(("http://", "https://", "//"))
            if external and (attr == "src" or tag in ("link", "script")):
                offenders.append(f"{path.relative_to(built_site)}: <{tag} {attr}={url}>")
        text = path.read_text(encoding="utf-8")
        for host in ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com"):
            if host in text:
                offenders.append(f"{path.relative_to(built_site)}: names {host}")
    # The browser test proves that no request leaves the machine while pages are used.
    assert offenders == []


def test_language_switch_on_every_page_keeps_the_page(built_site):
    for path in html_files(built_site):
        rel_path = path.relative_to(built_site).as_posix()
        if rel_path.endswith("404.html"):
            continue
        html = path.read_text(encoding="utf-8")
        m = re.search(r'<nav class="azt-lang"[^>]*>.*?<a href="([^"]+)" hreflang="(nl|en)"', html)
        assert m, f"no language switch on {rel_path}"
        target, _ = resolve(built_site, path, m.group(1))
        assert target is not None and target.is_file(), f"{rel_path}: {m.group(1)}"
        other = rel_path[3:] if rel_path.startswith("en/") else "en/" + rel_path
        if (built_site / other).exists():
            assert target.resolve() == (built_site / other).resolve(), rel_path


def test_english_text_is_marked_unofficial_and_quotes_stay_dutch(built_site):
    page = (built_site / "en/changes/az-2020-11-18.risk-group-critics/index.html").read_text(encoding="utf-8")
    assert "Unofficial summary by aztimeline (not a quotation)" in page
    assert '<blockquote class="azt-quote" lang="nl"' in page
    assert '<html lang="en"' in page
    assert '<html lang="nl"' in (built_site / "changes/az-2020-11-18.risk-group-critics/index.html").read_text(encoding="utf-8")


def test_version_page_shows_period_codification_and_provenance(built_site):
    text = visible_text(parse(built_site / "versions/az-2020-11-18/index.html"))
    # the period is the one aztimeline gives the version, never "geldt" (on 1 December 2020 it was only announced)
    assert "In aztimeline vanaf 18 november 2020" in text
    assert "Geldt" not in text
    # signed on 7 January 2021, the text came into the Vc with its publication on 13 January 2021 (FACTS.md)
    assert "Tot 13 januari 2021 was deze versie aangekondigd maar nog niet opgenomen in de Vc." in text
    # our inference stands beside the provision it concerns (the letter does not describe an earlier moratorium)
    earlier = visible_text(parse(built_site / "versions/az-before-2020-11-18/index.html"))
    assert "Onze afleiding: Dat er vóór de brief geen besluitmoratorium gold, is onze afleiding" in earlier
    english = visible_text(parse(built_site / "en/versions/az-2020-11-18/index.html"))
    assert "Until 13 January 2021 this version had been announced but was not yet put into the Vc." in english
    assert "Ingevoerd bij: Risicogroep voor critici van de autoriteiten (nieuw volgens de brief, 18 november 2020)" in text
    assert "Uitdrukkelijk behouden bij: Kamerbrief van 18 november 2020" in text
    assert "niet geverifieerd" in text
    assert "Plaats in de Vc: C7/5.3.2 Vc (Risicogroepen)" in text
    assert "Plaats in de Vc: C7/5 Vc, plaats niet vastgesteld (onze indeling: Bescherming door autoriteiten)" in text
    assert "None" not in text  # a heading of our own has no number, and none is made up
    before = visible_text(parse(built_site / "en/versions/az-before-2020-11-18/index.html"))
    assert "In aztimeline from an unknown date to 17 November 2020 inclusive" in before  # the data keeps the half-open end, 18 November


def test_an_answer_after_the_search_limit_says_so_under_its_headline_once(built_site):
    checked = load_and_validate(DATA).dataset.countries["azerbaijan"].country.currency.checked_until
    for edition, warning in (("", "Deze datum ligt na "), ("en", "This date is after ")):
        html = (built_site / edition / "asof/index.html").read_text(encoding="utf-8")
        segments = re.findall(r'<section class="azt-seg" id="seg-([^"]+)"', html)
        boxes = re.findall(r'<div class="azt-status" .*?</div>', html, re.S)
        warned = [b for b in boxes if 'class="azt-warning"' in b]
        # one stretch starts the day after the search limit, and its status box alone carries the warning, once
        assert segments.count((checked + dt.timedelta(days=1)).isoformat()) == 1 and len(boxes) == len(segments)
        assert len(warned) == 1 and warned[0].count(warning) == 1
        assert html.count(warning) == 1  # the currency box below says it in its own words, not again in these
        # what is known after such a date is not "none": nothing was looked for (found by a lawyer's fresh read)
        unsearched = "niet onderzocht: na de grens" if edition == "" else "not looked into: nothing was looked for"
        boxes = re.findall(r'<div class="azt-currency( azt-beyond)?"(.*?)</div>', html, re.S)
        assert [unsearched in body for flag, body in boxes] == [bool(flag) for flag, body in boxes] and any(f for f, _ in boxes)
        # and before it, "none" is bounded by the search: none found up to its limit
        found = "geen gevonden tot en met 31 december 2024" if edition == "" else "none found up to and including 31 December 2024"
        after_none = [body for flag, body in boxes if not flag and "azt-developments-none" in body.split("azt-known-h")[-1]]
        assert checked == dt.date(2024, 12, 31) and after_none and all(found in body for body in after_none)


def test_the_versions_index_says_its_dates_are_the_versions_not_the_vc_texts(built_site):
    """The index gave "Beleid vóór de brief … t/m 17 november 2020" without saying that the old text stayed in the Vc
    until WBV 2021/2 was published (FACTS.md: 13 January 2021); a lawyer read it as the Vc text's end (a second
    lawyer's read)."""
    for edition, words in ((built_site, "niet die van hun opname in de Vc"), (built_site / "en", "not those of their putting into the Vc")):
        text = visible_text(parse(edition / "versions/index.html"))
        assert words in text
    html = (built_site / "versions/index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="azt-versions-note">[^<]*<a href="\.\./asof/">Stand op datum</a>\.</p>', html)


def test_version_page_shows_each_quote_and_note_once(built_site):
    for edition in (built_site, built_site / "en"):
        page = parse(edition / "versions/az-2020-11-18/index.html")
        shown = [q for q, _ in page.quotes]
        assert len(shown) == len(set(shown)) > 5, [q for q in shown if shown.count(q) > 1]
        text = visible_text(page)
        # LGBTI and Armenian ethnicity cite the same sentence of p6: the second says where it stands
        assert text.count("Wel zie ik aanleiding om bij de beoordeling") == 1
        assert ("staat hierboven al bij" in text) or ("is shown above, under" in text)
        # the in-force milestone's note says what its fact says: shown once (the editorial history below it lists
        # commit subjects, which may name the date too)
        policy = text.rsplit("Redactionele geschiedenis" if edition == built_site else "Editorial history", 1)[0]
        assert policy.count("14 januari 2021") + policy.count("14 January 2021") == 1


def test_search_index_holds_both_languages(built_site):
    for edition in (built_site, built_site / "en"):
        index = (edition / "search/search_index.json").read_text(encoding="utf-8").lower()
        for term in ("risicogroep", "risk group", "vlucht- en vestigingsalternatief", "internal protection alternative"):
            assert term in index, f"{term!r} not in the search index of {edition}"


def test_search_index_holds_no_commit_or_checksum(built_site):
    """A data commit's id in the search index (a page's data line, its editorial history, a heading of the
    corrections log) made Material's search (lunr) fail on any query ending in '-', such as "vlucht-" on the way to
    "vlucht- en vestigingsalternatief": "Cannot read properties of undefined (reading '_index')", and no results.
    Which ids do it depends on the commit; no reader searches for one, so none is indexed."""
    import subprocess

    commits = subprocess.run(["git", "log", "--format=%H", "--", "policy_versions"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert commits
    sha256 = re.findall(r"sha256: ([0-9a-f]{64})", (ROOT / "policy_versions/azerbaijan/sources/kamerbrief-2020-11-18.yaml").read_text())
    assert sha256
    for edition in (built_site, built_site / "en"):
        docs = json.loads((edition / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
        words = " ".join(d["title"] + " " + d["text"] for d in docs)  # what is searched (a location is an address)
        assert len(docs) > 50 and [c for c in [*commits, *sha256] if c[:10] in words] == []


def test_atom_feed_lists_every_change(built_site):
    import xml.etree.ElementTree as ET

    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(built_site / "feed.xml").getroot()
    ids = [e.findtext("a:id", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert len(ids) == 8 and all(i.startswith("urn:aztimeline:change:az-2020-11-18.") for i in ids)
    for e in feed.findall("a:entry", ns):
        # built without a site_url: no link (a relative one cannot work in a reader), the text as content instead;
        # test_site_chrome checks the absolute links of a build with a site_url
        assert e.find("a:link", ns) is None and e.findtext("a:content", namespaces=ns)


def test_downloads_exist_for_each_format_and_language(built_site):
    for lang, edition in (("nl", built_site), ("en", built_site / "en")):
        for fmt in ("docx", "xlsx", "csv", "md", "json"):
            assert (edition / f"downloads/aztimeline-az-2020-11-18-{lang}.{fmt}").stat().st_size > 100


def test_a_markdown_download_is_the_export_itself(built_site, tmp_path):
    """A download is the file `aztimeline export` writes, without the site's page furniture (front matter, links)."""
    from aztimeline.export import export, select_changes
    from aztimeline.provenance import build_stamp

    v = load_and_validate(DATA)
    sel = select_changes(v, version_from="az-before-2020-11-18", version_to="az-2020-11-18")
    for lang, edition in (("nl", built_site), ("en", built_site / "en")):
        export(v, sel, "md", lang, build_stamp(DATA))(tmp_path / f"{lang}.md")
        published = (edition / f"downloads/aztimeline-az-2020-11-18-{lang}.md").read_bytes()
        assert published.startswith(b"# ") and published == (tmp_path / f"{lang}.md").read_bytes()


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("img", "svg", "iframe", "object", "embed") and any(n == "src" and v == "x" for n, v in attrs):
            self.found.append(f"<{tag} src=x>")
        self._script = tag == "script" and not any(n in ("src", "type") for n, _ in attrs)

    def handle_data(self, data):
        if self._script and "alert(" in data:
            self.found.append("<script>alert...</script>")

    def handle_endtag(self, tag):
        self._script = False


def test_injected_markup_is_shown_as_text_everywhere(injected_site):
    for path in sorted(injected_site.rglob("*.html")):
        parser = _Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        assert parser.found == [], f"markup from the data became elements in {path.relative_to(injected_site)}"
    feed = (injected_site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed and "&lt;script&gt;" in feed
    page = visible_text(parse(injected_site / "changes/az-2020-11-18.risk-group-critics/index.html"))
    assert "<script>alert('t')</script> Risicogroep {{ config.site_name }} {% raw %}" in page
    assert "</div></section><script>alert(3)</script> ``` ## Kop | a | b | <a href=javascript:alert(4)>klik</a>" in page
    en = visible_text(parse(injected_site / "en/changes/az-2020-11-18.risk-group-critics/index.html"))
    assert "<img src=x onerror=alert(1)> Risk group [x](javascript:alert(2)) ${7*7}" in en
    title = (injected_site / "changes/az-2020-11-18.risk-group-critics/index.html").read_text(encoding="utf-8")
    assert "<title>&#60;script&#62;" in title
    timeline = visible_text(parse(injected_site / "en/timeline/index.html"))
    assert "Commitment [[link]](javascript:alert(6)) ## Kop" in timeline  # one line of text, not a heading


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value]


@pytest.mark.parametrize("which", ["built_site", "injected_site"])
def test_no_two_elements_of_a_page_share_an_id(which, request):
    """The injected data holds a provision 'decision-moratorium-h' beside 'decision-moratorium', whose heading's id
    must not be the other's section's, and a heading of ours titled "Prov lgbti", whose anchor must not be the
    provision lgbti's (found by outside testers)."""
    site = request.getfixturevalue(which)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8"))
        twice = sorted({i for i in parser.ids if parser.ids.count(i) > 1})
        assert twice == [], f"{path.relative_to(site)}: ids used twice: {twice}"
    if which == "injected_site":
        assert 'id="prov-decision-moratorium-h"' in (site / "versions/az-2020-11-18/index.html").read_text(encoding="utf-8")


def test_failed_build_leaves_the_previous_site(tmp_path, built_site):
    out = tmp_path / "site"
    shutil.copytree(built_site, out)
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    data = tmp_path / "policy_versions"
    shutil.copytree(DATA, data)
    (data / "azerbaijan/events.yaml").write_text("events: [\n", encoding="utf-8")
    from aztimeline.errors import DataError

    with pytest.raises(DataError):
        build_site(data, out, root=ROOT)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-stage")] == []


def test_compare_marks_changed_words_in_text_as_well_as_colour():
    """A rule whose summary and attribute changed: A marks the words B lacks, B the words A lacks, both with words."""
    from aztimeline.site.context import Site
    from aztimeline.site.pages.compare import render_compare

    v = load_and_validate(DATA)
    cd = v.dataset.countries["azerbaijan"]
    after = cd.versions["az-2020-11-18"]
    p = after.provisions["decision-moratorium"]
    after.provisions["decision-moratorium"] = p.model_copy(
        update={
            "summary_nl": p.summary_nl.replace("geen besluitmoratorium", "een besluitmoratorium van zes maanden"),
            "attributes": p.attributes.model_copy(update={"decision_moratorium": True, "group_nl": "alle asielzoekers uit Azerbeidzjan"}),
        }
    )
    page = render_compare(Site(v, "nl", {"data": "", "data_nl": "", "tool": "", "dirty": False}))
    pair = page[page.index('id="cmp-az-before-2020-11-18--az-2020-11-18"') : page.index('id="cmp-az-2020-11-18--az-before-2020-11-18"')]
    art = pair[pair.index('id="cmp-az-before-2020-11-18--az-2020-11-18-decision-moratorium"') :]
    art = art[: art.index("</article>")]
    assert 'data-kind="modified"' in art and ">gewijzigd</span>" in art
    side_a, side_b = art.split('<div class="azt-side"')[1:3]
    assert '<del><span class="azt-sr">[geschrapt: </span>geen<span class="azt-sr">]</span></del>' in side_a
    assert "<ins>" not in side_a and "<del>" not in side_b
    assert '<ins><span class="azt-sr">[ingevoegd: </span>een<span class="azt-sr">]</span></ins>' in side_b
    assert "van zes maanden" in side_b and "van zes maanden" not in side_a
    assert '<dd><del><span class="azt-sr">[geschrapt: </span>nee<span class="azt-sr">]</span></del></dd>' in side_a
    assert '<dd><ins><span class="azt-sr">[ingevoegd: </span>ja<span class="azt-sr">]</span></ins></dd>' in side_b
    # an attribute only B has is inserted as a whole; its words are prose like the summary
    assert (
        '<dt>Groep</dt><dd><ins><span class="azt-sr">[ingevoegd: </span>alle asielzoekers uit Azerbeidzjan<span class="azt-sr">]</span></ins></dd>'
        in side_b
    )
    assert "<dt>Groep</dt>" not in side_a
    # the other direction marks the same words the other way round
    back = page[page.index('id="cmp-az-2020-11-18--az-before-2020-11-18-decision-moratorium"') :]
    back = back[: back.index("</article>")]
    assert '<del><span class="azt-sr">[geschrapt: </span>een<span class="azt-sr">]</span></del>' in back


def test_data_text_can_never_start_a_markdown_heading_or_leave_its_html_block():
    """Pages are Markdown headings with raw HTML between them; data text with line breaks, '#' or the heading
    marker stays inside its element, escaped, on one line."""
    from aztimeline.site.render import ENV, markdown_page

    tpl = ENV.from_string('{{ heading(2, title) }}\n<p class="x">{{ text }}</p>\n\n<ul><li>{{ text }}</li></ul>')
    evil = "a\n\n## Kop\n\ue000# Nog een kop\n<script>alert(1)</script>\n    code"
    page = markdown_page(tpl.render(title="T # <b>", text=evil))
    lines = page.splitlines()
    assert [line for line in lines if line.startswith("#")] == ["## T &#35; &#60;b&#62;"]
    assert lines[1] == "" and all(line.strip() for line in lines[2:])  # no blank line inside the HTML
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "\ue000" not in page


def test_private_use_and_control_characters_in_data_text_stay_inside_their_element():
    """The heading marker (U+E000) and Python-Markdown's placeholder delimiters (\\x02, \\x03) in data text are shown as
    U+FFFD: a heading's text stays one heading, and no placeholder of Python-Markdown can be named from the data."""
    import markdown

    from aztimeline.site.render import ENV, markdown_page

    tpl = ENV.from_string('<div>x</div>\n{{ heading(2, title) }}\n<p class="x">{{ text }}</p>\n<p>{{ run|words }}</p>')
    evil = "A\ue000## B \x02wzxhzdk:0\x03 C"
    page = markdown_page(tpl.render(title=evil, text=evil, run=evil))
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"])
    assert html.count("<h2") == 1 and html.count("<p") == 2, html
    shown = "A\ufffd&#35;&#35; B \ufffdwzxhzdk&#58;0\ufffd C"
    assert f">{shown}</h2>" in html
    assert html.count("A\ufffd## B \ufffdwzxhzdk:0\ufffd C") == 2  # the paragraph and the word run
    assert "\ue000" not in html and "\x02" not in page


def test_a_placements_confidence_is_said_once(built_site):
    """The change page said "C7/5.5.1 Vc in de oude tekst (…; zekerheid: middel) (volgens Vc-archief, Vc 2013
    C7/5.5.1; zekerheid: middel)": the label names a confidence that is not high, so its basis gives only the record
    (found by a third read); a high one is said in the basis."""
    removed = visible_text(parse(built_site / "changes/az-2020-11-18.ipa-armenian-in-nagorno-karabakh/index.html"))
    line = re.search(r"C7/5\.5\.1 Vc in de oude tekst \(.*?\) \(volgens [^)]*\)\)?", removed).group(0)
    assert line.count("zekerheid: middel") == 1 and "volgens Vc-archief, Vc 2013 C7/5.5.1" in line
    critics = visible_text(parse(built_site / "changes/az-2020-11-18.risk-group-critics/index.html"))
    assert "C7/5.3.2 Vc in de nieuwe tekst (Risicogroepen) (volgens Stcrt. 2021, 1592 (rectificatie); zekerheid: hoog)" in critics


def test_the_status_in_detail_says_not_found_before_the_unverified_date(built_site):
    """Under "De status in detail", "Inwerkingtreding:" was followed by the note alone: "De gebruikelijke
    WBV-bepaling zou 14 januari 2021 geven; …", which a lawyer skimming read as the date of entry into force (found by
    a lawyer's read). FACTS.md: the date "and any retroactive effect, were not found"; the usual clause "would make it
    14 January 2021 … unverified". The label comes first, as in the box above it and in the CLI."""
    for edition, label, found in (("", "Inwerkingtreding", "niet gevonden. De gebruikelijke"), ("en", "Entry into force", "not found. The usual")):
        html = (built_site / edition / "asof/index.html").read_text(encoding="utf-8")
        lines = re.findall(rf"<p><strong>{label}:</strong> ([^<]*)</p>", html)
        after = [x for x in lines if "14" in x]
        assert lines and after and all(x.startswith(found) for x in after), lines


def test_every_date_field_offers_the_dates_the_data_can_hold(built_site):
    """The date fields stopped at 2100-12-31 while the data holds dates to 2199-12-31; compare's had no range at all
    (found by an outside tester)."""
    from aztimeline.dates import DATE_MAX, DATE_MIN

    fields = [
        f
        for page in ("index.html", "asof/index.html", "compare/index.html", "en/index.html", "en/asof/index.html", "en/compare/index.html")
        for f in re.findall(r'<input type="date"[^>]*>', (built_site / page).read_text(encoding="utf-8"))
    ]
    assert len(fields) == 8
    assert all(f'min="{DATE_MIN.isoformat()}" max="{DATE_MAX.isoformat()}"' in f for f in fields), fields


def test_a_period_with_the_status_of_the_one_before_says_why_it_begins(built_site):
    """The table of periods split on 7 September, 7 and 9 December 2021 and 1 January 2025, each row with the same
    status as the row above and no reason (found by a lawyer's read). Such a row now names the later development dated on
    its first day (the data's known later developments), or that the search for later changes ended before it."""
    cd = load_and_validate(DATA).dataset.countries["azerbaijan"].country
    known = {k.date.isoformat(): k.title_nl for k in cd.currency.known_later}
    html = (built_site / "asof/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="row-seg-([^"]+)" [^>]*><td>(.*?)</td><td>(.*?)</td>', html, re.S)
    same = [(start, first) for (start, first, status), (_, _, before) in zip(rows[1:], rows, strict=False) if status == before]
    assert [start for start, _ in same] == [*known, (cd.currency.checked_until + dt.timedelta(days=1)).isoformat()]
    for start, first in same:
        why = re.findall(r'<span class="azt-muted">([^<]*)</span>', first)
        later = f"begint op de datum van een latere ontwikkeling: {known.get(start)}"
        expected = later if start in known else "na 31 december 2024, tot waar naar latere wijzigingen is gezocht"
        assert why == [expected.replace('"', "&#34;")], (start, why)


def test_before_the_publication_the_box_says_not_yet_put_into_the_vc(built_site):
    """Before 13 January 2021 the box said "Opgenomen in de Vc: Stcrt. 2021, 1592 (13 januari 2021, na deze datum)",
    which on a phone read as the status (found by a lawyer's read)."""
    for edition, words in (("", "Nog niet opgenomen in de Vc; dat gebeurde bij "), ("en", "Not yet put into the Vc; that happened by ")):
        html = (built_site / edition / "asof/index.html").read_text(encoding="utf-8")
        before = html.split('id="seg-2020-11-18"')[1].split('id="seg-2021-01-13"')[0]
        assert words in before and ("Opgenomen in de Vc:" if not edition else "Put into the Vc:") not in before


def test_the_compare_page_says_a_stretch_runs_past_the_search_only_of_the_dates_that_do(built_site):
    """Without the script, each comparison from "een datum vanaf 13 januari 2021" said "datum B ligt na 31 december
    2024", which is false of 1 March 2022 (found by a lawyer's read). A stretch that begins on or before the limit of
    the search now says it of a date B past the limit (the script says it plainly of a date asked past it); one that
    begins after it would say it plainly."""
    limit = load_and_validate(DATA).dataset.countries["azerbaijan"].country.currency.checked_until.isoformat()
    for edition, conditional in (("", "Ligt datum B na 31 december 2024, de laatste datum"), ("en/", "If date B is after 31 December 2024, the last date")):
        html = (built_site / edition / "compare/index.html").read_text(encoding="utf-8")
        warned = []
        for section in html.split('<section class="azt-cmpd" ')[1:]:
            start = re.match(r'id="[^"]+" data-a="[^"]+" data-b="blk-([^"]+)"', section)
            warning = re.search(r'<p class="azt-warning azt-cmpd-beyond(?:-if)?"(?! data-after="[^"]*" hidden)[^>]*>(.*?)</p>', section.split("</section>")[0])
            if start and warning:
                warned.append((start[1], re.sub(r"<[^>]+>", "", warning[1])))
        assert warned and all(start == "start" or start <= limit for start, _ in warned)  # every stretch spans the limit
        assert all(words.startswith(conditional) for _, words in warned), warned


def test_the_status_box_names_what_is_known_later_up_to_the_date(built_site):
    """On 1 March 2022 the status box said only how current it is, and the letter of 7 December 2021 on amv stood
    17,700 px below it on a phone (found by a lawyer's read). Each period's box names the later developments dated
    on or before its first day, by date, with a link to their list, and none before there are any; the group's
    first rule still starts within a phone's screen below the headline (test_lawyer)."""
    cd = load_and_validate(DATA).dataset.countries["azerbaijan"].country
    known = sorted(cd.currency.known_later, key=lambda k: k.date)
    for edition in ("", "en/"):
        html = (built_site / edition / "asof/index.html").read_text(encoding="utf-8")
        for start in ("2020-11-18", "2021-01-13", "2021-09-07", "2021-12-09", "2025-01-01"):
            seg = html[html.index(f'<section class="azt-seg" id="seg-{start}"') :]
            box = seg[: seg.index('<div class="azt-status-detail"')]
            listed = re.findall(r'<p class="azt-status-later">(.*?)</p>', box, re.S)
            expected = [k.date.isoformat() for k in known if k.date.isoformat() <= start]
            assert re.findall(r'<time datetime="([^"]+)">', listed[0]) == expected if expected else listed == [], (edition, start)
            if expected:  # the count links to the list of them, with their titles and records, in the currency box
                n = len(expected)
                assert f'href="#seg-{start}-cur">{n} {"latere ontwikkeling" if edition == "" else "later development"}' in listed[0]


def test_a_later_version_leaves_the_developments_no_version_records_where_they_are_dated(data_copy, tmp_path, cli):
    """With a version of 14 March 2025 the timeline said "Known later, not recorded as a version: none", and its chart
    lost them, while the answers for 2025 still listed the country report of 7 September 2021, the letter of 7
    December 2021 and WBV 2022/1 (an editor's read). A development that no version records stays listed where it is
    dated: on the timeline and its chart, with the version whose period holds it, and in `changes`."""
    add_version_2025(data_copy)
    days = ["2021-09-07", "2021-12-07", "2021-12-09"]
    assert sorted(k.date.isoformat() for k in load_and_validate(data_copy).dataset.countries["azerbaijan"].country.currency.known_later) == days
    build_site(data_copy, tmp_path / "site", root=ROOT)
    for edition in ("", "en/"):
        html = (tmp_path / "site" / edition / "timeline/index.html").read_text(encoding="utf-8")
        assert re.findall(r'<time datetime="([^"]+)">', html[html.index('<h2 id="later"') :]) == days, edition
    page = (tmp_path / "site/en/timeline/index.html").read_text(encoding="utf-8")
    chart = re.search(r"<desc [^>]*>(.*?)</desc>", page).group(1)
    assert "a: 7 September 2021" in chart and "c: 9 December 2021" in chart
    # a version no source says was put into the Vc is drawn, and described, as announced only (it was drawn as in
    # the Vc: an editor's read); the one before it is in the Vc from the publication of 13 January 2021 on
    assert "Policy after the letter of 14 March 2025: from 14 March 2025 (no end recorded) (announced; its putting into the Vc not found)" in chart
    bars = re.findall(r'<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="14" rx="3" class="([^"]+)"/>', page)
    assert [c for y, c in bars if y == bars[-1][0]] == ["azt-bar azt-bar-announced"]
    assert [c for y, c in bars if y == bars[-2][0]] == ["azt-bar azt-bar-announced", "azt-bar"]
    # each with the version whose period holds it, as before: the version of 2025 has none
    first, latest = ((tmp_path / "site/en/versions" / vid / "index.html").read_text(encoding="utf-8") for vid in ("az-2020-11-18", "az-2025-03-14"))
    assert re.findall(r'<time datetime="([^"]+)">', first[first.index('<p class="azt-known-h">') :])[:3] == days
    assert 'class="azt-known-h"' not in latest
    out = cli("changes").out
    assert [line.split()[1] for line in out[out.index("\nknown later developments, not recorded as versions:") + 1 :].splitlines()[1:]] == days


def test_an_unknown_report_date_beside_a_note_on_it_points_to_the_note(built_site):
    """"Datum ambtsbericht: onbekend" stood beside a note that Aanhangsel 831 calls it the report "van 2 juli 2020"
    (found by a lawyer's read): the date is not established, and the note says what is known."""
    for edition, words in (("", "niet vastgesteld; zie de toelichting hieronder"), ("en/", "not established; see the note below")):
        html = (built_site / edition / "versions/az-2020-11-18/index.html").read_text(encoding="utf-8")
        evidence = html[html.index('<div class="azt-evidence" id="evidence">') :]
        assert f"</dt><dd>{words}</dd>" in evidence and "2 juli 2020" in evidence[: evidence.index("</div>")]


class _Anchors(HTMLParser):
    """Each link's address and accessible name: its aria-label, else its text."""

    def __init__(self) -> None:
        super().__init__()
        self.named: list[tuple[str, str]] = []
        self._open: tuple[str, str | None, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self._open = (a["href"], a.get("aria-label"), [])

    def handle_data(self, data):
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, label, text = self._open
            self.named.append((href, label or normalise_ws("".join(text))))
            self._open = None


@pytest.mark.parametrize("edition, word", [("", "Wijzigingspagina"), ("en/", "Change page")])
def test_the_answers_links_to_change_pages_are_named_by_their_change(built_site, edition, word):
    """24 links of the answer were all named "Wijzigingspagina", each to another change: a screen reader's list of
    links read the one word 24 times (a lawyer's read)."""
    anchors = _Anchors()
    anchors.feed((built_site / edition / "asof/index.html").read_text(encoding="utf-8"))
    to_changes = [(href, name) for href, name in anchors.named if "/changes/az-" in href]
    assert len({href for href, _ in to_changes}) == 8
    names: dict[str, set[str]] = {}
    for href, name in to_changes:
        names.setdefault(name, set()).add(href.split("#")[0])
    assert {name: hrefs for name, hrefs in names.items() if len(hrefs) > 1} == {}
    assert sum(name.startswith(f"{word}: ") for _, name in to_changes) >= 8


MONTH_WORDS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}


@pytest.mark.parametrize("edition, lang", [("", "nl"), ("en/", "en")])
def test_change_and_version_pages_say_how_current_they_are(built_site, edition, lang):
    """A printed change page said the rule applied "in aztimeline vanaf 18 november 2020" and nothing of the search
    for later changes or of the letter of 7 December 2021: it read as the policy of today (a lawyer's read)."""
    v = load_and_validate(DATA)
    (cd,) = v.dataset.countries.values()
    cur = cd.country.currency
    limit = f"{cur.checked_until.day} {MONTH_WORDS[lang][cur.checked_until.month - 1]} {cur.checked_until.year}"
    starts = [d for d in (ver.effective_from for ver in cd.versions.values()) if isinstance(d, dt.date)]
    pages = [(f"versions/{vid}/index.html", ver.effective_from) for vid, ver in cd.versions.items()]
    pages += [(f"changes/{r.id}/index.html", cd.versions[r.version_to].effective_from) for recs in v.changes.values() for r in recs]
    shown = 0
    for path, start in pages:
        html = (built_site / edition / path).read_text(encoding="utf-8")
        note = html.split('<div class="azt-currency azt-currency-note"', 1)[1].split("</div>", 1)[0]
        assert limit in normalise_ws(re.sub(r"<[^>]+>", " ", note)), path
        # the later developments dated in this version's period, each by its date, and the timeline's list of them
        start = start if isinstance(start, dt.date) else None
        end = min((d for d in starts if start is None or d > start), default=None)
        later = [k for k in cur.known_later if (start is None or k.date >= start) and (end is None or k.date < end)]
        assert note.count("<li>") == len(later) and all(f'datetime="{k.date.isoformat()}"' in note for k in later), path
        assert ('timeline/#later"' in note) == bool(later), path
        shown += len(later)
    assert shown  # today's data has later developments to show


def test_compare_lists_a_rule_named_by_the_letter_apart_from_what_differs(built_site):
    """Before the letter against a date in January 2021: the rule on the main territory is named in the letter, and
    whether the old text held it is not known; it stood under "Wat verschilt" (a lawyer's read)."""
    html = (built_site / "compare" / "index.html").read_text(encoding="utf-8")
    section = html.split('id="cmpd-blk-start--blk-2021-01-07"')[1].split("</section>")[0]
    differ, unknown = section.split('<ul class="azt-cmpd-list azt-cmpd-unknown">')
    assert "Toetsing alleen aan het hoofdgebied" not in differ and "Toetsing alleen aan het hoofdgebied" in unknown.split("</ul>")[0]
    assert "verschilt de status van 7 regels" in differ and "Van 1 regel is niet bekend of de status verschilt." in differ
    assert "Niet bekend of dit verschilt (1)" in differ


@pytest.mark.parametrize("word", ["homoseksuele", "vluchtalternatief", "gay", "flight alternative"])
def test_the_search_finds_a_term_by_its_other_common_names(built_site, word):
    """A lawyer searched "homo" and "vluchtalternatief" and found nothing: the glossary gives each term's other names."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any(d["location"].startswith("glossary/") and word in d["text"] for d in docs)


def test_compare_says_how_its_search_limit_is_read(built_site):
    """The compare page gave "gezocht tot en met 31 december 2024" where the record says "tot 2025", without the
    reading the as-of page gives (a lawyer's read): each comparison holds it, folded under its currency line."""
    html = (built_site / "compare" / "index.html").read_text(encoding="utf-8")
    section = html.split('id="cmpd-blk-start--blk-2021-01-07"')[1].split("</section>")[0]
    folded = section.split('<details class="azt-cmpd-currency azt-muted"><summary>')[1].split("</details>")[0]
    assert "gezocht tot en met 31 december 2024" in folded and "Wij lezen &#34;tot 2025&#34; als tot het begin van 2025" in folded


def _stretch_days(html: str) -> dict[str, tuple[str, str]]:
    """The blocks of one legal status compared on the compare page, by key: from (inclusive) and to (exclusive), as
    ISO days ("" open at the start, "~" open at the end)."""
    keys = list(dict.fromkeys(re.findall(r'<section class="azt-cmpd" id="[^"]+" data-a="([^"]+)"', html)))
    starts = ["" if k == "blk-start" else k.removeprefix("blk-") for k in keys]
    return {k: (s, e) for k, s, e in zip(keys, starts, [*starts[1:], "~"], strict=True)}


def test_compare_lists_the_timelines_events_beside_the_later_developments(built_site):
    """Comparing 10 November 2020 with 11 January 2021, "Bekende ontwikkelingen" said "geen", while the timeline lists
    the answers to the written questions of 18 November 2020 (Aanhangsel Handelingen 831) as an event (a lawyer's
    read). Each comparison of two dates lists, for a reader without the script, every event and later development
    dated in its two stretches and between them, by day, each as the timeline gives it: its date, what it is, its
    record (linked) and its quotes with their links to the source."""
    v = load_and_validate(DATA)
    cd = v.dataset.countries["azerbaijan"]
    events = [e for e in cd.events.events if isinstance(e.date, dt.date)]
    known = [k.date.isoformat() for k in cd.country.currency.known_later]
    for edition, heading in (("", "Gebeurtenissen en latere ontwikkelingen in deze periodes"), ("en/", "Events and later developments in these periods")):
        html = (built_site / edition / "compare/index.html").read_text(encoding="utf-8")
        timeline = (built_site / edition / "timeline/index.html").read_text(encoding="utf-8")
        stretches = _stretch_days(html)
        assert len(stretches) == 4
        for section in html.split('<section class="azt-cmpd" ')[1:]:
            a, b = re.match(r'id="[^"]+" data-a="([^"]+)" data-b="([^"]+)"', section).groups()
            lo, hi = stretches[a][0], stretches[b][1]
            dev = section.split('<div class="azt-cmpd-dev">')[1].split("</div>")[0]
            assert f"<strong>{heading}" in dev
            expected = sorted(d for d in [*(e.date.isoformat() for e in events), *known] if lo <= d < hi)
            assert re.findall(r'<li class="azt-cmpd-(?:event|later)" data-date="([^"]+)">', dev) == expected, (edition, a, b)
            # of 18 November 2020 the answers, once; not the letter of that day, the step between the versions
            if lo <= "2020-11-18" < hi:
                assert dev.count('data-date="2020-11-18"') == 1
                assert re.findall(r'data-date="2020-11-18">.*?#event-([^"]+)"', dev) == ["answers-written-questions-2020-11-18"]
        # the stretch holding 10 November 2020 against the one holding 11 January 2021: the answers of 18 November
        section = html.split('id="cmpd-blk-start--blk-2020-11-18"')[1].split("</section>")[0]
        item = section.split('<li class="azt-cmpd-event" data-date="2020-11-18">')[1].split("</li>")[0]
        entry = timeline.split('<li id="event-answers-written-questions-2020-11-18">')[1].split("</li>")[0]
        record = re.search(r"; (?:vindplaats|record): (.*?)\)</span>", item).group(1)
        assert 'href="https://zoek.officielebekendmakingen.nl/ah-tk-20202021-831.html" rel="external">Aanhangsel Handelingen TK 2020-2021, 831</a>' in record
        assert record in entry  # the record, its confidence and its note, as on the timeline
        assert re.search(r"<blockquote .*</blockquote>", entry).group(0) in item  # the quote, linked to its source
        assert 'href="../timeline/#event-answers-written-questions-2020-11-18"' in item
        assert ("gebeurtenis: context, geen beleid" if edition == "" else "event: context, not policy") in item
        note = "De brief zegt &#34;van heden&#34;" if edition == "" else "The letter says &#34;van heden&#34; (of today)"
        assert f'<span class="azt-muted azt-event-note">{note}' in item  # how the date was read, as on the timeline
        # the script's words for the list name the two dates asked
        data = json.loads(re.search(r'<script[^>]*id="compare-data"[^>]*>(.*?)</script>', html, re.S).group(1))
        assert "{a}" in data["labels"]["cmpd_between"] and "{b}" in data["labels"]["cmpd_between"]



def test_a_change_page_gives_the_letters_reason_in_our_words_above_its_quotes(built_site):
    """A reader of the English edition saw what changed but not why: the justification is the letter's Dutch words
    (an English reader's read). Each change page gives the amendment's reason in the edition's language, marked as
    ours, above the quotes; it is the data's text, escaped."""
    v = load_and_validate(DATA)
    a = v.dataset.countries["azerbaijan"].amendments["az-2020-11-18"]
    assert set(a.reasons) == set(a.justifications)  # every change of the letter has its reason
    for edition, lang, label in (("", "nl", "Reden volgens de brief, in onze woorden (geen citaat):"), ("en/", "en", "The letter&#39;s reason, in our words (not a quotation):")):
        for pid, why in a.reasons.items():
            html = (built_site / edition / f"changes/az-2020-11-18.{pid}/index.html").read_text(encoding="utf-8")
            text = str(escape(getattr(why, lang)))
            reason = f'<p class="azt-reason"><span class="azt-label">{label}</span> {text}</p>'
            assert reason in html, (edition, pid)
            assert html.index(reason) < html.index('<div class="azt-quotes">')


def test_the_english_edition_names_the_letter_as_the_english_memo_does(built_site):
    """The English pages cited "Kamerbrief of 18 November 2020, kenmerk 3019810" beside the English memo's "Letter to
    parliament of 18 November 2020, ref. 3019810", and the letter's page gave its kind as the data's code,
    "kamerbrief" (an English reader's read). The Dutch edition keeps the Dutch words."""
    en = (built_site / "en/changes/az-2020-11-18.lgbti/index.html").read_text(encoding="utf-8")
    nl = (built_site / "changes/az-2020-11-18.lgbti/index.html").read_text(encoding="utf-8")
    assert "Letter to parliament of 18 November 2020, ref. 3019810, paragraph 6 (page 2)" in en and "Kamerbrief of" not in en
    assert "Kamerbrief van 18 november 2020, kenmerk 3019810, alinea 6 (blz. 2)" in nl
    source = (built_site / "en/sources/kamerbrief-2020-11-18/index.html").read_text(encoding="utf-8")
    assert "<dt>Kind</dt><dd>letter to parliament (kamerbrief)" in source


def test_the_home_page_leads_with_three_sentences_of_the_scope_note_and_folds_the_rest(built_site):
    """The whole scope note, about 200 words, stood above the status on a phone (an English reader's read). The home
    page leads with what the data is, what it is not and what is ours, and folds the rest: nothing of it is lost."""
    v = load_and_validate(DATA)
    country = v.dataset.countries["azerbaijan"].country
    for edition, note, ours in (("", country.scope_note_nl, "Titels en samenvattingen zijn van de redactie"), ("en/", country.scope_note_en, "Titles and summaries are ours")):
        html = (built_site / edition / "index.html").read_text(encoding="utf-8")
        lead = re.search(r'<p class="azt-lead">(.*?)</p>', html).group(1)
        rest = re.search(r'<details class="azt-lead-more"><summary>[^<]*</summary><p>(.*?)</p></details>', html).group(1)
        assert ours in lead and lead.count(". ") == 2 and lead.endswith(".")
        assert f"{lead} {rest}" == str(escape(" ".join(note.split())))
        assert html.index('<p class="azt-lead">') < html.index("azt-lead-more") < html.index('class="azt-status')


def test_a_quote_link_names_its_words_as_a_text_directive_with_its_syntax_escaped():
    """The directive's own marks ("-", ",", "&") in the quoted words are escaped, or the browser would read them as
    its syntax and mark nothing; a short quote is named whole, a long one by words at each end."""
    from aztimeline.site.views import text_directive

    src = load_and_validate(DATA).dataset.countries["azerbaijan"].sources["kamerbrief-2020-11-18"]
    quote = "De grens tussen Nagorno-Karabach en het hoofdgebied van Azerbeidzjan is niet open"
    assert text_directive(src, "p8", quote) == ":~:text=De%20grens%20tussen%20Nagorno%2DKarabach,Azerbeidzjan%20is%20niet%20open"
    short = "De grens tussen Nagorno-Karabach en het hoofdgebied"
    assert text_directive(src, "p8", short) == ":~:text=De%20grens%20tussen%20Nagorno%2DKarabach%20en%20het%20hoofdgebied"


def test_a_quote_link_names_words_that_stand_first_where_the_quote_does():
    """The browser goes to the first place on the letter's page where a directive's words stand: alinea 2 also begins
    "Uit het algemeen ambtsbericht", and the letterhead's "Datum 18 november 2020" is quoted in the discrepancy note
    above the text, so those two links went to the wrong place (a keyboard user's read). The start grows until it
    stands first in the quote's paragraph, or a word beside the quote tells it apart; two running headers that read
    the same are told apart by nothing, and their links are the paragraph's alone. A term does not run over the page
    break in alinea 9, where the page shows the page's number."""
    from aztimeline.site.views import text_directive

    src = load_and_validate(DATA).dataset.countries["azerbaijan"].sources["kamerbrief-2020-11-18"]
    assert src.view.get("p2").text.startswith("Uit het algemeen ambtsbericht")
    p6 = "Uit het algemeen ambtsbericht blijkt dat LHBTI en personen met de Armeense etniciteit"
    assert text_directive(src, "p6", p6).startswith(":~:text=Uit%20het%20algemeen%20ambtsbericht%20blijkt%20dat%20LHBTI,")
    assert text_directive(src, "f7", "Datum 18 november 2020") == ":~:text=Datum%2018%20november%202020,-Onderwerp"
    assert src.view.get("f9").text == src.view.get("f12").text == "Datum 4 september 2020"
    assert text_directive(src, "f9", "Datum 4 september 2020") == text_directive(src, "f12", "Datum 4 september 2020") == ""
    text = src.view.get("p9").text
    assert text_directive(src, "p9", text[: text.index("onderhouden.") + 12]) == ":~:text=Verder%20blijkt%20uit%20het,onderhouden."


class _Blocks(HTMLParser):
    """A page's text by block, as a browser's text search meets it, each block with the letter's paragraph it is in."""

    BLOCK = {"div", "p", "li", "dd", "dt", "h1", "h2", "h3", "h4", "summary", "td", "th", "ul", "dl", "details", "nav", "main"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str | None, str]] = []
        self.stack: list[str | None] = []  # for each open div, the letter's block it is, if it is one
        self.text: list[str] = []
        self.skip = 0

    def _close_block(self) -> None:
        text = " ".join("".join(self.text).split()).lower()
        if text:
            self.blocks.append((next((i for i in reversed(self.stack) if i), None), text))
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCK:
            self._close_block()
        if tag == "div":
            a = dict(attrs)
            self.stack.append(a.get("id") if "azt-para" in (a.get("class") or "") else None)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in self.BLOCK:
            self._close_block()
        if tag == "div" and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def _misdirected(site: Path) -> tuple[int, list[tuple[str, str, str, Any]]]:
    """The quote links of both editions whose directive's words, looked for on the built letter page as the browser
    does (the first block, in page order, where prefix and start, or start and suffix, stand; case and spaces aside),
    are found outside the paragraph the link names; with how many paragraphs the links name."""
    from urllib.parse import unquote

    links = set()
    for page in html_files(site):
        edition = "en" if page.relative_to(site).parts[0] == "en" else ""  # each edition links to its own letter page
        found = re.findall(r'href="[^"]*sources/([a-z0-9-]+)/#([a-z0-9]+):~:text=([^"]+)"', page.read_text(encoding="utf-8"))
        links |= {(edition, *link) for link in found}
    pages: dict[tuple[str, str], list[tuple[str | None, str]]] = {}
    wrong = []
    for edition, sid, anchor, directive in sorted(links):
        if (edition, sid) not in pages:
            reader = _Blocks()
            reader.feed((site / edition / "sources" / sid / "index.html").read_text(encoding="utf-8"))
            pages[edition, sid] = reader.blocks
        parts = [unquote(part).lower() for part in directive.split(",")]
        prefix = parts.pop(0)[:-1] + " " if parts[0].endswith("-") else ""
        suffix = " " + parts.pop()[1:] if parts[-1].startswith("-") else ""
        needle = prefix + parts[0] + (suffix if len(parts) == 1 else "")
        hit = next(((where, text) for where, text in pages[edition, sid] if needle in text), None)
        if hit is None or hit[0] != anchor or len(parts) > 1 and parts[1] not in hit[1][hit[1].index(needle) :]:
            wrong.append((edition, anchor, directive, hit))
    return len({(sid, anchor) for _, sid, anchor, _ in links}), wrong


def test_every_quote_link_lands_on_its_paragraph_as_a_browser_finds_its_words(built_site):
    """Every quote link of both editions lands on its paragraph (_misdirected): the page as built, with its notes,
    labels and page numbers too."""
    named, wrong = _misdirected(built_site)
    assert named >= 11  # today's data: alinea 1 to 10 and the letterhead
    assert wrong == []


def test_a_quote_of_words_that_stand_in_our_own_titles_on_the_letters_page_lands_on_its_paragraph(data_copy, tmp_path):
    """A quote of one word, "Azerbeidzjan", went to a change's title in the letter page's "cited in" list, where
    "van Azerbeidzjan" stands before alinea 8 (an outsider's input): our own words on the page are looked in too."""
    amendment = data_copy / "azerbaijan/amendments/az-2020-11-18.yaml"
    edit(amendment, "  assessment-main-territory:\n    - source", "  assessment-main-territory:\n    - source: kamerbrief-2020-11-18\n      anchor: p8\n      quote: Azerbeidzjan\n    - source")
    build_site(data_copy, tmp_path / "site", root=ROOT)
    named, wrong = _misdirected(tmp_path / "site")
    assert named >= 11 and wrong == []
