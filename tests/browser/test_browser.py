"""The site in a real browser: as-of widget, language switch, search, compare, injection, print, accessibility."""

from __future__ import annotations

import html

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.zensical
@pytest.mark.parametrize(
    "day, version",
    [
        ("2020-11-17", "az-before-2020-11-18"),
        ("2020-11-18", "az-2020-11-18"),
        ("2021-02-01", "az-2020-11-18"),
    ],
)
def test_asof_widget_answers_dates_before_on_and_after_the_letter(page, site_url, day, version):
    page.goto(f"{site_url}/asof/?date={day}")
    link = page.locator("#asof-version")
    assert link.get_attribute("data-version") == version
    assert page.locator("#asof-date").input_value() == day
    answer = page.locator("#asof-answer").inner_text()
    if day == "2020-11-17":
        assert (
            "De oude tekst van paragraaf C7/5 (vóór WBV 2021/2), sinds een niet vastgelegde datum tot de publicatie van de volgende "
            "tekst op 13 januari 2021"
        ) in answer
    if day == "2020-11-18":
        assert "Op 18 november 2020 was de wijziging aangekondigd maar nog niet opgenomen in de Vc" in answer
    if day == "2021-02-01":
        assert "Op 1 februari 2021 was WBV 2021/2, dat de wijziging in de Vc opneemt, gepubliceerd (13 januari 2021)" in answer
    link.click()
    page.wait_for_url(lambda url: url.endswith(f"/versions/{version}/"))


@pytest.mark.parametrize("bad", ["18-11-2020", "morgen", "<script>"])
def test_asof_widget_rejects_bad_dates_with_a_clear_message(page, site_url, bad):
    page.goto(f"{site_url}/asof/?date={bad}")
    alert = page.locator("#asof-answer [role=alert]")
    assert alert.inner_text() == "Ongeldige datum: gebruik de vorm JJJJ-MM-DD, bijvoorbeeld 2020-12-01."
    assert page.locator("#asof-version").count() == 0


@pytest.mark.parametrize("group", ["lhbti", "%3Cb%3Eall%3C%2Fb%3E"])
def test_asof_says_when_it_does_not_know_the_group_of_a_link(page, site_url, group):
    """A link with a group the site does not know (a typo, an old link) gets the answer for all groups and says so,
    in its own words: the address's text is not shown, and the link to the other edition leaves the group out."""
    page.goto(f"{site_url}/asof/?date=2021-01-13&group={group}")
    alert = page.locator("#asof-answer [role=alert]")
    assert alert.inner_text() == (
        "Die groep kent deze site niet: het antwoord hieronder geldt voor alle groepen. "
        "Kies zo nodig een groep in de lijst hierboven."
    )
    assert page.locator("#asof-heading").inner_text() == "Beleid op 13 januari 2021"
    assert page.locator("nav.azt-lang a[hreflang]").get_attribute("href").endswith("/asof/?date=2021-01-13")
    page.goto(f"{site_url}/asof/?date=2021-01-13&group=lgbti")  # a group it knows: its answer, no such line
    assert page.locator("#asof-answer [role=alert]").count() == 0
    assert "LHBTI" in page.locator("#asof-heading").inner_text()


def test_lawyers_question_in_two_clicks_from_home(page, site_url):
    page.goto(f"{site_url}/en/")
    page.fill("#home-date", "2020-12-01")
    page.click("form.azt-dateform button")  # the one click after typing the date
    page.wait_for_url("**/en/asof/?date=2020-12-01")
    assert page.locator("#asof-version").get_attribute("data-version") == "az-2020-11-18"
    assert "On 1 December 2020 the change was announced but not yet put into the Vc" in page.locator("#asof-answer").inner_text()


@pytest.mark.parametrize("edition", ["", "/en"])
def test_the_date_field_is_on_the_first_screen_of_a_phone(page, site_url, edition):
    """The home page's date field stood under the scope note, 800 px of method at 360 px wide: a lawyer on a phone
    saw no field to ask in (found by this session's look). It now stands under the title, named as the page it opens."""
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(f"{site_url}{edition}/")
    field = page.locator("#home-date")
    assert field.bounding_box()["y"] + field.bounding_box()["height"] <= 640
    assert page.locator("label[for=home-date]").inner_text() == ("Stand op datum" if not edition else "As of a date")


def test_asof_static_table_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(f"{site_url}/asof/?date=2020-12-01")
    table = pg.locator("#asof-table").inner_text()
    assert "18 november 2020" in table and "Beleid na de brief van 18 november 2020" in table
    assert pg.locator("#asof-answer").is_hidden()
    context.close()


@pytest.mark.zensical
def test_language_switch_keeps_the_page(page, site_url):
    page.goto(f"{site_url}/changes/az-2020-11-18.lgbti/")
    page.click("nav.azt-lang a[hreflang=en]")
    page.wait_for_url(lambda url: url == f"{site_url}/en/changes/az-2020-11-18.lgbti/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("nav.azt-lang a[hreflang=nl]")
    page.wait_for_url(lambda url: url == f"{site_url}/changes/az-2020-11-18.lgbti/")


def test_language_switch_keeps_the_paragraph_of_the_letter(page, site_url):
    """A quote's link leads to its paragraph (#p9); the switch to the other edition dropped it, and the reader landed
    at the letter's top (found by a lawyer's read). The paragraph's anchor is the same in both editions."""
    page.goto(f"{site_url}/sources/kamerbrief-2020-11-18/#p9")
    page.click("nav.azt-lang a[hreflang=en]")
    page.wait_for_url(lambda url: url == f"{site_url}/en/sources/kamerbrief-2020-11-18/#p9")
    assert page.locator("#p9").count() == 1 and page.evaluate("scrollY") > 0


@pytest.mark.parametrize("edition", ["", "/en"])
@pytest.mark.parametrize("term", ["risicogroep", "risk group", "vlucht- en vestigingsalternatief", "internal protection alternative"])
def test_search_finds_terms_in_both_languages(page, site_url, edition, term):
    page.goto(f"{site_url}{edition}/")
    search(page, term)
    assert results(page).count() > 0


@pytest.mark.zensical(only=True)
@pytest.mark.parametrize("edition, term", [("", "vlucht- en vestigingsalternatief"), ("/en", "internal protection alternative")])
def test_zensical_search_finds_terms_in_both_editions(page, site_url, edition, term):
    """Zensical's own search, on the two hardest terms of the Material test above: a Dutch one with a hyphen in the
    Dutch edition, an English phrase in the English one."""
    test_search_finds_terms_in_both_languages(page, site_url, edition, term)


ZENSICAL_SEARCH = "button.md-search__button"
"""Zensical's search: a button that opens a dialog (in a shadow root, which Playwright's selectors enter)."""


def search(page, term):
    """Type into the engine's search once its index is loaded (typing earlier is ignored), and wait for results."""
    if page.locator(ZENSICAL_SEARCH).count():
        page.click(ZENSICAL_SEARCH, timeout=5000)
        page.locator("dialog input[role=combobox]").press_sequentially(term, delay=20)
        results(page).first.wait_for(timeout=10000)
        return
    page.click("label.md-search__icon, .md-search__input", timeout=5000)
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent && !/initiali/i.test(m.textContent); }",
        timeout=15000,
    )
    page.locator("input.md-search__input").press_sequentially(term, delay=20)  # Material listens to key events
    results(page).first.wait_for(timeout=10000)


def results(page):
    """The search results shown (Material's list, or the list in Zensical's dialog)."""
    if page.locator(ZENSICAL_SEARCH).count():
        return page.locator("dialog ol[role=listbox] > li")
    return page.locator(".md-search-result__item")


def test_compare_by_versions_and_by_dates(page, site_url):
    page.goto(f"{site_url}/compare/?a=az-before-2020-11-18&b=az-2020-11-18")
    assert page.locator("#compare-answer article.azt-cmp-rule").count() == 8
    page.goto(f"{site_url}/compare/?da=2020-01-01&db=2021-06-01")
    summary = page.locator("#compare-answer .azt-cmpd-summary").inner_text()
    assert "De status veranderde" in summary and "De datum van inwerkingtreding daarvan is niet gevonden." in summary
    page.goto(f"{site_url}/compare/?da=2021-01-01&db=2021-06-01")  # one version of aztimeline, yet the Vc text changed
    answer = page.locator("#compare-answer").inner_text()
    assert "niets te vergelijken" not in answer and "De status veranderde" in answer
    # two dates given later first are read from the earlier, as the form says (it said "the order sets the direction")
    page.goto(f"{site_url}/compare/?da=2021-06-01&db=2021-01-01")
    assert page.locator("#compare-heading").inner_text().startswith("1 januari 2021")
    assert (page.locator("#cmp-da").input_value(), page.locator("#cmp-db").input_value()) == ("2021-01-01", "2021-06-01")
    # the form, and the other edition's link, in the order the page reads them
    assert page.locator("nav.azt-lang a[hreflang=en]").get_attribute("href").endswith("?da=2021-01-01&db=2021-06-01")
    assert "twee datums altijd van de vroegste naar de latere" in page.locator("#compare-form, main").first.inner_text()


@pytest.mark.zensical
def test_quote_link_opens_the_paragraph(page, site_url):
    page.goto(f"{site_url}/changes/az-2020-11-18.ipa-mixed-relationships/")
    page.click("blockquote.azt-quote footer a >> nth=0")
    # the paragraph, and the quote's words as a text directive, which the browser marks and scrolls to: the paragraph
    # marks every quote it holds (an English reader's read)
    # the end's words after the page number that stands in the sentence: a term over it would be found nowhere
    page.wait_for_url("**/sources/kamerbrief-2020-11-18/#p9:~:text=Verder%20blijkt%20uit%20het,onderhouden.")
    # the address changes before the new page is read (a run once found no marks yet): wait for its paragraph
    expect(page.locator("#p9 mark").first).to_be_visible()
    expect(page.locator("#p9.azt-target")).to_be_visible()  # framed, as :target frames a paragraph opened by its anchor
    # page 3 begins inside the quoted sentence: the quote is marked on both sides of the page number
    assert "gemengde duurzame relatie onderhouden" in " ".join(page.locator("#p9 mark").all_inner_texts())



@pytest.mark.zensical
def test_a_quote_link_whose_first_words_begin_an_earlier_paragraph_lands_on_its_own(page, site_url):
    """Alinea 2 also begins "Uit het algemeen ambtsbericht": the link to the quote of alinea 6 went to alinea 2 and
    marked everything from there to the quote's end, alinea 6 far below the screen (a keyboard user's read)."""
    page.goto(f"{site_url}/changes/az-2020-11-18.lgbti/")
    link = page.locator("blockquote.azt-quote footer a[href*='#p6:~:text=Uit%20het%20algemeen']").first
    link.click()
    page.wait_for_url("**/sources/kamerbrief-2020-11-18/#p6:~:text=*")
    expect(page.locator("#p6 mark").first).to_be_visible()
    page.wait_for_timeout(300)  # the scroll to the marked words
    top, bottom, height = page.evaluate("() => { const r = document.getElementById('p6').getBoundingClientRect(); return [r.top, r.bottom, innerHeight] }")
    assert top < height and bottom > 0, (top, bottom, height)
    assert page.evaluate("() => { const r = document.getElementById('p2').getBoundingClientRect(); return r.bottom }") <= 0


@pytest.mark.zensical
def test_injected_text_runs_no_script(page, injected_url):
    for path in (
        "/",
        "/changes/az-2020-11-18.risk-group-critics/",
        "/en/changes/az-2020-11-18.risk-group-critics/",
        "/versions/az-2020-11-18/",
        "/timeline/",
        "/en/timeline/",
        "/asof/?date=2020-12-01",
        "/compare/?a=az-before-2020-11-18&b=az-2020-11-18",
        "/sources/kamerbrief-2020-11-18/",
    ):
        page.goto(injected_url + path)
        page.wait_for_timeout(100)
    page.goto(injected_url + "/")
    search(page, "Risicogroep")
    page.wait_for_timeout(300)
    # Shown as text. Zensical's search shows the character references that keep data text from being read as
    # Markdown ("&#60;script&#62;...") as they are, where Material decodes them (README: engine differences).
    assert "<script>alert('t')</script>" in html.unescape(" ".join(results(page).all_inner_texts()))
    # the page fixture fails the test if any dialog opened


@pytest.mark.zensical
def test_print_shows_quotes_and_their_source_without_site_chrome(page, site_url):
    page.goto(f"{site_url}/changes/az-2020-11-18.risk-group-critics/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).display") == "none"
    footer = page.locator("blockquote.azt-quote footer").first
    # the citation prints as words (letter, paragraph, page), not as a relative link path (test_chrome checks the PDF)
    assert footer.locator("a").evaluate("e => getComputedStyle(e, '::after').content") in ("none", "normal")
    paragraph = footer.locator("a").get_attribute("href").split(":~:")[0].rsplit("#p", 1)[1]
    assert f"alinea {paragraph} (blz. " in footer.inner_text()  # the paragraph the link opens, and its page
    assert page.locator("blockquote.azt-quote").first.is_visible()


AXE_PAGES = [
    "/",
    "/asof/?date=2020-12-01",
    "/sources/kamerbrief-2020-11-18/",
    "/en/versions/az-2020-11-18/",
    "/en/changes/az-2020-11-18.risk-group-critics/",
    "/en/timeline/",
    "/en/compare/?a=az-before-2020-11-18&b=az-2020-11-18",
]
"""Each kind of page once, in one edition or the other: Zensical's theme around pages whose content is the same as in
the Material build (test_chrome runs every axe rule on every page type of that build, in both editions)."""


@pytest.mark.zensical(only=True)
@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_serious_accessibility_violations(page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + path)
    wcag = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
    results = Axe().run(page, options={"runOnly": wcag, "resultTypes": ["violations"]})
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []


@pytest.mark.parametrize("width, shown", [(360, True), (1280, False)])
def test_the_timeline_says_in_words_where_it_scrolls(page, site_url, width, shown):
    """At 360 px the chart scrolls inside its box and showed only the version before the letter; a shadow at the edge
    was the only sign of more (found by a lawyer's read). Where it scrolls, a line under it says so."""
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(f"{site_url}/timeline/")
    box = page.locator(".azt-timeline-scroll")
    scrolls = box.evaluate("e => e.scrollWidth > e.clientWidth")
    hint = page.locator(".azt-timeline-hint")
    assert scrolls is shown and hint.is_visible() is shown
    assert hint.inner_text() == "Schuif de tijdlijn opzij: rechts staat meer →" or not shown
