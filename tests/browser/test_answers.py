"""The as-of answer and compare pages in a real browser: dates before, on and after the letter of 18 November
2020, with and without a group, with JavaScript on and off; compare in both directions. What the pages must
show is derived from the data (versions, change records, groups), not pasted from a run."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from aztimeline.answer import group_answer
from aztimeline.precision import group_vocabulary
from aztimeline.timeline import asof, load_timeline
from aztimeline.validate import load_and_validate

from ..conftest import DATA

pytestmark = pytest.mark.browser

VALIDATED = load_and_validate(DATA)
CD = VALIDATED.dataset.countries["azerbaijan"]
BEFORE, AFTER = "az-before-2020-11-18", "az-2020-11-18"
RECORDS = [r for recs in VALIDATED.changes.values() for r in recs]
REMOVED = [r for r in RECORDS if r.kind == "removed"]
CITE = re.compile(r"alinea \d+ \(blz\. \d+(\u2013\d+)?\)$")
CITE_EN = re.compile(r"paragraph \d+ \(pages? \d+(\u2013\d+)?\)$")
TL = load_timeline(CD, VALIDATED.changes)
VOCABULARY = group_vocabulary(CD.country)


def status_rules(day: str) -> list[dict]:
    """The rules of the status on a day (timeline.asof): each with the stage it had then."""
    return list(asof(TL, dt.date.fromisoformat(day))["status"]["rules"])


def titles(day: str, lang: str = "nl") -> list[str]:
    return [r[f"title_{lang}"] for r in status_rules(day)]


def shown_rules(page) -> list[str]:
    page.wait_for_function("() => { const h = document.getElementById('asof-heading'); return h && h.textContent; }")
    return [t.strip() for t in page.locator("#asof-answer article.azt-rule:visible h4").all_inner_texts()]


@pytest.mark.parametrize("day, long", [("2020-11-17", "17 november 2020"), ("2020-11-18", "18 november 2020"), ("2020-12-01", "1 december 2020")])
def test_asof_answer_shows_every_rule_with_its_status_in_the_letters_words(page, site_url, day, long):
    page.goto(f"{site_url}/asof/?date={day}")
    answer = page.locator("#asof-answer")
    assert page.locator("#asof-heading").inner_text() == f"Beleid op {long}"
    assert f"Beleid op {long}" in page.title()
    assert page.locator("#asof-version").get_attribute("data-version") == (BEFORE if day < "2020-11-18" else AFTER)
    assert shown_rules(page) == titles(day)
    # each rule: its status on the day asked, the letter's words with "alinea N (blz. M)" linked to the paragraph,
    # our summary marked as ours, its place in the Vc with the basis of that place, and who it concerns
    for rule, r in zip(answer.locator("article.azt-rule").all(), status_rules(day), strict=True):
        assert rule.locator(".azt-rule-status").inner_text() == f"Status: {r['text_nl']}"
        quotes = rule.locator("blockquote.azt-quote")
        assert quotes.count() >= 1
        for q in quotes.all():
            link = q.locator("footer a")
            assert CITE.search(link.inner_text()), link.inner_text()
            assert re.search(r"/sources/kamerbrief-2020-11-18/#p\d+:~:text=[^\s]+$", link.get_attribute("href"))
        assert "Samenvatting van de redactie (geen citaat)" in rule.locator(".azt-ours").inner_text()
        assert "Voor wie:" in rule.inner_text()
    places = answer.locator("article.azt-rule .azt-rule-meta").all_inner_texts()
    places = [p for p in places if p.startswith("Plaats in de Vc:")]
    assert len(places) == len(titles(day)) and all(p.startswith("Plaats in de Vc: C7/5") for p in places)
    assert any("onze indeling" in p for p in places) and any("C7/5.3.2 Vc" in p for p in places) == (day >= "2020-11-18")
    # the status leads; how current the answer is and how to cite it sit in the answer box
    box = answer.text_content()
    assert box.index("Status op deze datum") < box.index("Hoe actueel is dit antwoord?") < box.index("Citeren")


def test_quotes_are_the_most_prominent_text_of_an_answer(page, site_url):
    page.goto(f"{site_url}/asof/?date=2020-12-01")
    rule = page.locator("#asof-answer article.azt-rule").first
    style = "e => { const s = getComputedStyle(e); return [parseFloat(s.fontSize), s.color, parseFloat(s.opacity)]; }"
    q_size, q_color, q_opacity = rule.locator("blockquote.azt-quote p").first.evaluate(style)
    s_size, _, _ = rule.locator(".azt-ours").first.evaluate(style)
    assert q_size > s_size
    r, g, b = (int(x) for x in re.findall(r"\d+", q_color)[:3])
    assert max(r, g, b) <= 40 and q_opacity == 1  # near black, never greyed out


@pytest.mark.parametrize(
    "day, placed, letter_only",
    [
        ("2020-12-01", "nog in de Vc (oude tekst); schrapping aangekondigd", "nog in het beleid, zoals de brief het beschrijft; schrapping aangekondigd"),
        ("2021-02-15", "geschrapt uit het landenbeleid in de Vc", "geschrapt uit het landenbeleid in de Vc"),
    ],
)
def test_removed_rules_read_as_removed_only_once_the_vc_says_so(page, site_url, day, placed, letter_only):
    """Before WBV 2021/2 was published (13 January 2021) a rule the letter removes still stood in the policy, in the
    Vc's old text where a fact places it there, its removal only announced; after, it was removed from the country
    policy in the Vc."""
    page.goto(f"{site_url}/asof/?date={day}")
    shown_rules(page)
    cards = {c.locator("h4").inner_text().strip(): c for c in page.locator("#asof-answer article.azt-rule").all()}
    assert {r.placement["basis"] for r in REMOVED} == {"codified", "ours"}  # both kinds are checked
    for r in REMOVED:
        assert cards[r.title_nl].get_attribute("data-short") == (placed if r.placement["basis"] == "codified" else letter_only)


def test_before_the_letter_the_answer_says_what_came_later(page, site_url):
    page.goto(f"{site_url}/en/asof/?date=2020-11-17")
    assert shown_rules(page) == titles("2020-11-17", "en")
    status = asof(TL, dt.date(2020, 11, 17))["status"]
    assert page.locator("#asof-answer .azt-status-headline").inner_text() == status["headline_en"]
    assert status["headline_en"].startswith("On 17 November 2020 the letter of 18 November 2020 (reference 3019810) had not yet")
    detail = page.locator("#asof-answer .azt-status-detail").inner_text()
    assert f"Nothing yet: the letter of 18 November 2020 (reference 3019810) came later ({len(RECORDS)} changes)." in detail


@pytest.mark.parametrize("day", ["2020-11-17", "2020-12-01"])
@pytest.mark.parametrize("group", ["lgbti", "armenian-ethnicity", "critics"])
def test_a_group_gets_its_own_rules_and_facts_first(page, site_url, day, group):
    page.goto(f"{site_url}/asof/?date={day}&group={group}")
    label = next(g.label_nl for g in CD.country.groups if g.id == group)
    assert page.locator("#asof-heading").inner_text().endswith(f"voor: {label}")
    assert page.locator("#asof-group").input_value() == group
    g = group_answer(asof(TL, dt.date.fromisoformat(day)), group, VOCABULARY)
    own = [t.strip() for t in page.locator("#asof-answer .azt-group-answer article h4").all_inner_texts()]
    assert own == [r["title_nl"] for r in g["rules"]] + [c["title_nl"] for c in g["context"]]
    if not g["rules"]:  # no rule names the group: the answer says what that means, never "only the general rules",
        # also where a fact about a Vc text names it (LGBTI before the letter: a fact about the later text; found by a
        # lawyer's fresh read, who saw that fact first and no word that no rule is known)
        headline = page.locator("#asof-answer .azt-group-headline")
        assert headline.is_visible() and "geen regel" in headline.inner_text().lower() and "onbekend" in headline.inner_text()
    # the rest is folded: every other rule and fact of the status, once
    folded = page.locator("#asof-answer .azt-fold-body article")
    status = asof(TL, dt.date.fromisoformat(day))["status"]
    assert folded.count() + len(own) == len(status["rules"]) + len(status["context"])
    # the language switch keeps the question
    page.click("nav.azt-lang a[hreflang=en]")
    page.wait_for_url(lambda url: url.endswith(f"/en/asof/?date={day}&group={group}"))
    page.wait_for_function("() => document.documentElement.classList.contains('azt-asof-answered')")
    own_en = [t.strip() for t in page.locator("#asof-answer .azt-group-answer article h4").all_inner_texts()]
    assert own_en == [r["title_en"] for r in g["rules"]] + [c["title_en"] for c in g["context"]]
    assert page.locator("#asof-heading").inner_text().endswith(next(g.label_en for g in CD.country.groups if g.id == group))


def test_group_links_in_the_answer_keep_the_date(page, site_url):
    page.goto(f"{site_url}/asof/?date=2020-12-01")
    page.click("#asof-answer .azt-groupnav a[data-group=lgbti]")
    page.wait_for_url("**/asof/?date=2020-12-01&group=lgbti")
    g = group_answer(asof(TL, dt.date(2020, 12, 1)), "lgbti", VOCABULARY)
    # the link loads a new page: wait until its script has drawn the group's answer, not just until the URL changed
    # (CI once read the old page's empty list here)
    expect(page.locator("#asof-answer .azt-group-answer article.azt-rule h4")).to_have_text([r["title_nl"] for r in g["rules"]])


@pytest.mark.parametrize("day, row", [("2020-11-17", "seg-start"), ("2020-12-01", "seg-2020-11-18"), ("2025-06-01", "seg-2025-01-01")])
def test_periods_table_highlights_the_row_of_the_asked_date(page, site_url, day, row):
    page.goto(f"{site_url}/asof/?date={day}")
    asked = page.locator("#asof-table tr.azt-asked")
    assert asked.count() == 1
    assert asked.get_attribute("id") == f"row-{row}"
    assert asked.get_attribute("aria-current") == "date"
    assert "(gevraagde datum)" in asked.inner_text()  # in words, not only in colour


def test_periods_read_with_an_inclusive_end(page, site_url):
    page.goto(f"{site_url}/asof/")
    first = page.locator("#row-seg-start td").first.inner_text()
    assert first.startswith("t/m 17 november 2020")  # the data's period ends on 18 November, exclusive
    assert page.locator("#row-seg-2020-11-18 td").first.inner_text().startswith("van 18 november 2020 t/m 6 januari 2021")


def test_answer_after_the_checked_date_warns_that_later_changes_may_exist(page, site_url):
    until = CD.country.currency.checked_until
    page.goto(f"{site_url}/asof/?date=2025-06-01")
    box = page.locator("#asof-answer .azt-currency").inner_text()
    assert f"{until.day} december {until.year}" in box and "er kunnen latere wijzigingen zijn" in box
    page.goto(f"{site_url}/asof/?date=2020-12-01")
    assert "er kunnen latere wijzigingen zijn" not in page.locator("#asof-answer").inner_text()
    later = page.locator("#asof-answer .azt-currency li").all_inner_texts()
    assert len(later) == len(CD.country.currency.known_later)  # each once: known before or after the date asked


@pytest.mark.parametrize(
    "edition, bad, message",
    [
        ("", "2020-02-30", "De datum 30 februari 2020 bestaat niet."),
        ("", "2021-13-01", "De datum 2021-13-01 bestaat niet."),
        ("/en", "2020-02-30", "The date 30 February 2020 does not exist."),
        ("/en", "30-02-2020", "Invalid date: use the form YYYY-MM-DD, for example 2020-12-01."),
    ],
)
def test_impossible_date_says_it_does_not_exist(page, site_url, edition, bad, message):
    page.goto(f"{site_url}{edition}/asof/?date={bad}")
    assert page.locator("#asof-answer [role=alert]").inner_text() == message
    assert page.locator("#asof-answer article.azt-rule").count() == 0


@pytest.mark.parametrize(
    "query, message",
    [
        ("da=2021-02-30&db=2021-01-14", "De datum 30 februari 2021 bestaat niet."),
        ("da=2020-11-17", "Geef beide datums, datum A en datum B, in de vorm JJJJ-MM-DD."),
        ("db=morgen", "Geef beide datums, datum A en datum B, in de vorm JJJJ-MM-DD."),
        ("da=2020-11-17&db=17-11-2020", "Ongeldige datum: gebruik de vorm JJJJ-MM-DD, bijvoorbeeld 2020-12-01."),
        ("a=x&b=az-2020-11-18", "Onbekende versie: kies twee versies uit de lijst."),
    ],
)
def test_a_compare_that_cannot_be_answered_says_why_and_nothing_else(page, site_url, query, message):
    """Under the error stood the lists for a reader without the script, 50,000 px at 360 px wide, the first of them
    opening with "Op datum A en op datum B is de status dezelfde", read as the answer to the dates asked; one date
    missing was called an invalid date (found by a lawyer's read)."""
    page.goto(f"{site_url}/compare/?{query}")
    assert page.locator("#compare-answer [role=alert]").all_inner_texts() == [message]
    assert page.locator("#compare-dates").is_hidden() and page.locator("#compare-pairs").is_hidden()
    assert "datum A en op datum B" not in page.locator("article.md-content__inner").inner_text()
    assert page.locator("#compare-heading").is_hidden()  # empty: no blank heading above the error


def test_without_a_question_the_pages_show_the_form_and_the_periods_not_every_answer(page, site_url):
    """With the script and no date asked, the as-of page held every answer per period, 130,000 px at 360 px wide, and
    the compare page every comparison, 50,000 px; a period's link led to an answer hidden once a date was answered
    (found by a lawyer's read). Now the form asks, and a period's link asks for the period's first day."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site_url}/asof/")
    assert page.locator("#asof-segments").is_hidden() and page.locator("#asof-blocks").is_hidden()
    assert page.evaluate("document.documentElement.scrollHeight") < 10_000
    assert page.locator("#row-seg-start a").first.get_attribute("href") == "?date=2020-11-17"  # the day before the next
    page.goto(f"{site_url}/asof/?date=2020-12-01&group=lgbti")
    page.locator("#row-seg-2021-01-13 a").first.click()
    page.wait_for_url("**/asof/?date=2021-01-13&group=lgbti")
    assert "13 januari 2021" in page.locator("#asof-heading").inner_text()
    page.goto(f"{site_url}/compare/")
    assert page.locator("#compare-dates").is_hidden() and page.locator("#compare-pairs").is_hidden()
    assert page.evaluate("document.documentElement.scrollHeight") < 5_000


@pytest.mark.parametrize(
    "path, field, message",
    [
        ("/asof/?date=1899-12-31", None, "De datum 31 december 1899 ligt buiten de datums die deze gegevens kennen (1 januari 1900 t/m 31 december 2199)."),
        ("/compare/?da=2020-11-17&db=2021-02-30", ("#cmp-da", "2020-11-17"), "De datum 30 februari 2021 bestaat niet."),
        ("/compare/?db=2021-01-14", ("#cmp-db", "2021-01-14"), "Geef beide datums, datum A en datum B, in de vorm JJJJ-MM-DD."),
    ],
)
def test_a_date_outside_the_data_is_refused_and_a_valid_date_stays_in_its_field(page, site_url, path, field, message):
    """1899-12-31 from an address was answered with the rules before the letter, though the date field stops at 1900;
    and a compare with one bad or missing date emptied the valid one (found by a lawyer's read)."""
    page.goto(site_url + path)
    box = "#asof-answer" if field is None else "#compare-answer"
    assert page.locator(f"{box} [role=alert]").all_inner_texts() == [message]
    if field:
        assert page.locator(field[0]).input_value() == field[1]


@pytest.fixture
def nojs(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_every_answer_is_on_the_page(nojs, site_url):
    nojs.goto(f"{site_url}/asof/?date=2020-12-01")
    assert nojs.locator("#asof-answer").is_hidden()
    # every period has its own answer, reached from the table: the status first, how current, how to cite
    for link in nojs.locator("#asof-table a[href^='#seg-']").all():
        seg = nojs.locator(link.get_attribute("href"))
        assert seg.count() == 1 and seg.is_visible()
        for part in (".azt-status", ".azt-status-detail", ".azt-currency", ".azt-cite"):
            assert seg.locator(part).count() == 1
    after = nojs.locator("#seg-2020-11-18")
    assert after.locator(".azt-status-headline").inner_text() == asof(TL, dt.date(2020, 11, 18), name_day=False)["status"]["headline_nl"]
    after.locator(".azt-to-rules a").click()
    assert nojs.url.endswith("#blk-2020-11-18")
    block = nojs.locator("#blk-2020-11-18")
    assert [t.strip() for t in block.locator("article.azt-rule h4").all_inner_texts()] == titles("2020-12-01")
    # a block serves every stretch with the same status: the one of 13 January 2021 serves later stretches too
    assert nojs.locator("#seg-2021-09-07").get_attribute("data-block") == "blk-2021-01-13"
    # each period's citation names where its answer is: the page's path without the script, the whole address with it
    assert nojs.locator("#seg-2020-11-18 .azt-cite-url").inner_text() == "\u2026/asof/#seg-2020-11-18"


def test_a_period_citation_gives_the_address_of_its_answer(page, site_url):
    """Without a date asked, each period's citation block had the address "—" on a site built without its address."""
    page.goto(f"{site_url}/en/asof/")
    for seg in ("seg-start", "seg-2021-01-13"):
        assert page.locator(f"#{seg} .azt-cite-url").inner_text() == f"{site_url}/en/asof/#{seg}"


@pytest.mark.parametrize("path, noscript", [("/", None), ("/asof/", "Kies in de tabel hieronder de periode"), ("/compare/", "Hieronder staan alle vergelijkingen")])
def test_a_form_is_shown_only_where_it_can_answer(nojs, page, site_url, path, noscript):
    """Without the script, "Toon" reloaded the page with the date gone and no answer or message (a lawyer's read): a
    static site cannot answer a form. The forms show only with the script; without it a line says what to do."""
    nojs.goto(f"{site_url}{path}")
    assert nojs.locator(".md-content form").count() == 1 and not nojs.locator(".md-content form").is_visible()
    page.goto(f"{site_url}{path}")
    assert page.locator(".md-content form").is_visible() and not page.locator(".azt-noscript").is_visible()
    if noscript:
        line = nojs.locator(".azt-noscript")
        assert line.is_visible() and line.inner_text().startswith(noscript) and "werkt alleen met JavaScript" in line.inner_text()


def test_without_javascript_each_group_has_its_answer_with_links_to_the_cards(nojs, site_url):
    nojs.goto(f"{site_url}/asof/")
    nojs.click("#blk-2020-11-18 .azt-groupnav a[data-group=lgbti]")
    assert nojs.url.endswith("#blk-2020-11-18-g-lgbti")
    g = group_answer(asof(TL, dt.date(2020, 11, 18)), "lgbti", VOCABULARY)
    listed = nojs.locator("#blk-2020-11-18-g-lgbti .azt-group-list li a").all_inner_texts()
    assert listed == [r["title_nl"] for r in g["rules"]] + [c["title_nl"] for c in g["context"]]
    for a in nojs.locator("#blk-2020-11-18-g-lgbti .azt-group-list li a").all():
        assert nojs.locator(a.get_attribute("href")).count() == 1


# --- compare -------------------------------------------------------------------------------------------------


def _kinds(page) -> dict[str, str]:
    return {a.get_attribute("id"): a.get_attribute("data-kind") for a in page.locator("#compare-answer article.azt-cmp-rule").all()}


@pytest.mark.parametrize("a, b", [(BEFORE, AFTER), (AFTER, BEFORE)])
def test_compare_follows_the_direction_asked(page, site_url, a, b):
    page.goto(f"{site_url}/compare/?a={a}&b={b}")
    kinds = _kinds(page)
    forward = a == BEFORE
    assert len(kinds) == len(RECORDS)
    for r in RECORDS:
        kind = kinds[f"cmp-{a}--{b}-{r.provision}"]
        expected = r.kind if forward else {"added": "removed", "removed": "added"}.get(r.kind, r.kind)
        assert kind == expected, (r.id, kind)
        art = page.locator(f"#cmp-{a}--{b}-{r.provision}")
        word = {"added": "toegevoegd", "removed": "verwijderd", "modified": "gewijzigd"}[expected]
        assert art.locator("h4 .azt-kind").inner_text() == word
        # side by side: A on the left, B on the right; the absent side says what we know
        sides = art.locator(".azt-side")
        assert sides.count() == 2
        box_a, box_b = (s.bounding_box() for s in sides.all())
        assert box_a["x"] < box_b["x"] and abs(box_a["y"] - box_b["y"]) < 2
        absent = (sides.nth(0) if expected == "added" else sides.nth(1)).inner_text()
        if (expected == "added") == forward:  # missing from the earlier version
            assert "bevat alleen wat de brief over het eerdere beleid zegt" in absent
        # each compared rule links to its change page and its quotes
        href = art.locator(".azt-cmp-change a").first.get_attribute("href")
        assert href.endswith(f"/changes/{r.id}/")
        assert art.locator("details.azt-cmp-quotes blockquote.azt-quote").count() == len(r.justifications)
    assert page.locator("#compare-heading").inner_text() == f"{CD.versions[a].title_nl} → {CD.versions[b].title_nl}"


@pytest.mark.parametrize("da, db", [("2020-01-01", "2021-06-01"), ("2021-06-01", "2020-01-01")])
def test_compare_two_dates_in_either_order(page, site_url, da, db):
    page.goto(f"{site_url}/en/compare/?da={da}&db={db}")
    assert page.locator("#compare-heading").inner_text() == "1 January 2020 compared with 1 June 2021"  # the earlier first
    assert page.locator("#cmp-a").input_value() == BEFORE and page.locator("#cmp-b").input_value() == AFTER
    assert page.locator("#compare-answer section.azt-cmpd").count() == 1
    page.click("nav.azt-lang a[hreflang=nl]")  # the other edition gets the dates as this one reads them: earlier first
    page.wait_for_url(lambda url: url.endswith("/compare/?da=2020-01-01&db=2021-06-01"))


def test_two_dates_of_one_version_do_not_set_both_version_choices_to_it(page, site_url):
    """1 December 2020 and 1 February 2021 fall in the version after the letter, on either side of its publication in
    the Vc: both version choices showed that version, as though nothing differed (an English reader's read)."""
    page.goto(f"{site_url}/en/compare/?da=2020-12-01&db=2021-02-01")
    assert page.locator("#compare-heading").inner_text() == "1 December 2020 compared with 1 February 2021"
    assert page.locator("#cmp-a").input_value() != page.locator("#cmp-b").input_value()


def test_the_compare_form_asks_what_the_reader_changed_last(page, site_url):
    """Under a comparison of dates, choosing a version and pressing the button compared the dates again: the form
    sent both, and the dates won (a lawyer's read)."""
    page.goto(f"{site_url}/compare/?da=2020-12-15&db=2022-03-01")
    page.select_option("#cmp-a", BEFORE)
    page.click("#compare-form button[type=submit]")
    page.wait_for_url(f"**/compare/?a={BEFORE}&b={AFTER}")
    assert page.locator("#compare-heading").inner_text() == f"{CD.versions[BEFORE].title_nl} \u2192 {CD.versions[AFTER].title_nl}"
    page.fill("#cmp-da", "2020-12-01")
    page.fill("#cmp-db", "2021-02-01")
    page.click("#compare-form button[type=submit]")
    page.wait_for_url("**/compare/?da=2020-12-01&db=2021-02-01")
    assert page.locator("#compare-heading").inner_text() == "1 december 2020 vergeleken met 1 februari 2021"


def test_compare_without_javascript_shows_both_directions(nojs, site_url):
    nojs.goto(f"{site_url}/compare/")
    for a, b in ((BEFORE, AFTER), (AFTER, BEFORE)):
        assert nojs.locator(f"#cmp-{a}--{b} article.azt-cmp-rule").count() == len(RECORDS)


ANSWER_STATES = [
    "/asof/",  # without a date: the form and the table of periods (the answers per period are for readers without JS)
    "/compare/",
    "/asof/?date=2020-11-17&group=lgbti",
    "/asof/?date=2025-06-01",
    "/asof/?date=2020-02-30",
    "/compare/?a=az-2020-11-18&b=az-before-2020-11-18",
    "/compare/?da=2021-01-01&db=2021-06-01",
]
"""The mixed couples on 5 January 2021 and the dates of 1 December 2020 and 15 February 2021 compared are page types
of tests/browser/test_chrome.py, scanned there at 1280 and 360 px."""


@pytest.mark.parametrize("path", ANSWER_STATES + ["/en" + p for p in ANSWER_STATES])
def test_answer_states_pass_axe_with_all_rules(page, site_url, path):
    """States the chrome tests do not visit: all static answers, a group, the currency warning, an impossible date,
    compare backwards."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + path)
    page.wait_for_load_state("load")
    results = Axe().run(page)
    bad = [f"{v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_a_group_is_never_told_that_only_the_rules_for_everyone_apply(page, site_url):
    """After WBV 2021/2 no rule of the Vc names mixed couples any more (their alternative was removed), yet what the
    old C7/5.5.1 Vc said of them, and that its fate is unknown, still concerns them; before the letter nothing names
    critics of the authorities, and the answer says what that does and does not mean."""
    page.goto(f"{site_url}/asof/?date=2021-02-15&group=mixed-couples")
    text = page.locator("#asof-answer").inner_text()
    assert "alleen de regels voor iedereen" not in text
    cards = page.locator("#asof-answer .azt-group-answer article")
    assert cards.first.get_attribute("data-short") == "geschrapt uit het landenbeleid in de Vc"
    assert cards.first.locator(".azt-rule-status").inner_text().startswith("Status: Niet meer in het landenbeleid in de Vc")
    fact = page.locator("#asof-answer .azt-group-answer article.azt-fact")
    assert "C7/5.5.1 Vc" in fact.inner_text() and "onbekend" in fact.inner_text()
    page.goto(f"{site_url}/asof/?date=2020-11-17&group=critics")
    headline = page.locator("#asof-answer .azt-group-headline")
    assert headline.is_visible()
    assert "Geen regel en geen feit over de Vc-tekst in deze gegevens noemt deze groep" in headline.inner_text()
    assert "is daarmee niet gezegd: dat is onbekend" in headline.inner_text()
    later = page.locator("#asof-answer .azt-group-later").inner_text()  # what the letter did for them afterwards
    assert "brief van 18 november 2020" in later and "Risicogroep voor critici" in later


@pytest.mark.parametrize("query", ["date=2020-12-15&group=lgbti", "date=2021-01-14&group=critics", "date=2020-12-15"])
def test_the_answers_headings_go_down_one_level_at_a_time(page, site_url, query):
    """The group's heading was an h4 right under the answer's h2 (found by a lawyer's fresh read); each fold's button,
    which reads the same as the others, is described by its fold's heading."""
    page.goto(f"{site_url}/asof/?{query}")
    levels = page.evaluate(
        """() => [...document.querySelectorAll('#asof-answer h2, #asof-answer h3, #asof-answer h4, #asof-answer h5')]
                 .filter(h => h.offsetParent !== null).map(h => Number(h.tagName[1]))"""
    )
    assert levels[0] == 2 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    for button in page.locator("#asof-answer button.azt-fold-button").all():
        heading = page.locator(f"#{button.get_attribute('aria-describedby')}")
        assert heading.evaluate("h => h.tagName") == "H3" and heading.inner_text()


@pytest.mark.parametrize("path, fill, heading", [
    ("/asof/", {"#asof-date": "2021-02-01"}, "asof-heading"),
    ("/compare/", {"#cmp-da": "2020-11-01", "#cmp-db": "2021-02-01"}, "compare-heading"),
    ("/", {"#home-date": "2021-02-01"}, "asof-heading"),
])
def test_after_asking_focus_is_on_the_answers_heading_and_a_link_opened_starts_at_the_top(page, site_url, path, fill, heading):
    """After the reader's question the page loaded anew with focus at its top: a screen reader began again at the
    menu, 35 Tab stops before the answer (a lawyer's read); asked on the home page, 42 (a keyboard user's read)."""
    page.goto(site_url + path)
    for selector, value in fill.items():
        page.fill(selector, value)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.activeElement.id") == heading
    assert page.locator(f"#{heading}").inner_text().strip()
    page.goto(page.url)  # the same answer opened again, as from a link: the page starts at the top
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.activeElement.tagName") == "BODY"
