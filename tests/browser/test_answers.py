"""The as-of answer and compare pages in a real browser: dates before, on and after the letter of 18 November
2020, with and without a group, with JavaScript on and off; compare in both directions. What the pages must
show is derived from the data (versions, change records, groups), not pasted from a run."""

from __future__ import annotations

import re

import pytest

from aztimeline.validate import load_and_validate

from ..conftest import DATA

pytestmark = pytest.mark.browser

VALIDATED = load_and_validate(DATA)
CD = VALIDATED.dataset.countries["azerbaijan"]
BEFORE, AFTER = "az-before-2020-11-18", "az-2020-11-18"
RECORDS = [r for recs in VALIDATED.changes.values() for r in recs]
REMOVED = [r for r in RECORDS if r.kind == "removed"]
ADDED = [r for r in RECORDS if r.kind == "added"]
CITE = re.compile(r"alinea \d+ \(blz\. \d+(\u2013\d+)?\)$")
CITE_EN = re.compile(r"paragraph \d+ \(pages? \d+(\u2013\d+)?\)$")


def titles(vid: str, lang: str = "nl", group: str | None = None) -> set[str]:
    """Titles of the rules of a version (that concern group, or everyone), in the edition's language."""
    return {
        getattr(p, f"title_{lang}")
        for p in CD.versions[vid].provisions.values()
        if group is None or group in p.groups or "everyone" in p.groups
    }


def shown_rules(page) -> set[str]:
    page.wait_for_function("() => { const h = document.getElementById('asof-heading'); return h && h.textContent; }")
    return {t.strip() for t in page.locator("#asof-answer article.azt-rule:visible h5").all_inner_texts()}


@pytest.mark.parametrize(
    "day, vid, long",
    [("2020-11-17", BEFORE, "17 november 2020"), ("2020-11-18", AFTER, "18 november 2020"), ("2020-12-01", AFTER, "1 december 2020")],
)
def test_asof_answer_shows_the_rules_that_applied_in_the_letters_words(page, site_url, day, vid, long):
    page.goto(f"{site_url}/asof/?date={day}")
    answer = page.locator("#asof-answer")
    assert page.locator("#asof-heading").inner_text() == f"Beleid op {long}"
    assert f"Beleid op {long}" in page.title()
    assert page.locator("#asof-version").get_attribute("data-version") == vid
    assert shown_rules(page) == titles(vid)
    # each rule: the letter's words with "alinea N (blz. M)" linked to the paragraph, our summary marked as ours,
    # its place in the Vc with the basis of that place, and who it concerns
    for rule in answer.locator("article.azt-rule").all():
        quotes = rule.locator("blockquote.azt-quote")
        assert quotes.count() >= 1
        for q in quotes.all():
            link = q.locator("footer a")
            assert CITE.search(link.inner_text()), link.inner_text()
            assert re.search(r"/sources/kamerbrief-2020-11-18/#p\d+$", link.get_attribute("href"))
        assert "Samenvatting van de redactie (geen citaat)" in rule.locator(".azt-ours").inner_text()
        assert "Voor wie:" in rule.inner_text()
    sections = answer.locator(".azt-rule-section-label").all_inner_texts()
    assert sections and all(s.startswith("Plaats in de Vc: C7/5") for s in sections)
    assert any("onze indeling" in s for s in sections) and any("C7/5.3.2 Vc" in s for s in sections) == (vid == AFTER)
    # the basis sentence and how current the answer is sit in the answer box
    box = answer.inner_text()
    assert "Waarop deze datum steunt:" in box and "Hoe actueel:" in box


def test_quotes_are_the_most_prominent_text_of_an_answer(page, site_url):
    page.goto(f"{site_url}/asof/?date=2020-12-01")
    rule = page.locator("#asof-answer article.azt-rule").first
    style = "e => { const s = getComputedStyle(e); return [parseFloat(s.fontSize), s.color, parseFloat(s.opacity)]; }"
    q_size, q_color, q_opacity = rule.locator("blockquote.azt-quote p").first.evaluate(style)
    s_size, _, _ = rule.locator(".azt-ours").first.evaluate(style)
    assert q_size > s_size
    r, g, b = (int(x) for x in re.findall(r"\d+", q_color)[:3])
    assert max(r, g, b) <= 40 and q_opacity == 1  # near black, never greyed out


def test_removed_rules_never_read_as_applying(page, site_url):
    page.goto(f"{site_url}/asof/?date=2020-12-01")
    applying = shown_rules(page)
    for r in REMOVED:
        assert r.title_nl not in applying
    items = page.locator("#asof-answer li.azt-change-removed")
    assert items.count() == len(REMOVED)
    for item in items.all():
        text = item.inner_text()
        assert text.startswith("verwijderd op 18 november 2020: ")
        assert "Daarvoor (samenvatting van de redactie):" in text
        kind = item.locator(".azt-kind")
        assert kind.inner_text() == "verwijderd"
        assert kind.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"  # kind in colour too
    added = page.locator("#asof-answer li.azt-change-added")
    assert added.count() == len(ADDED)
    assert all(t.startswith("toegevoegd op 18 november 2020: ") for t in added.all_inner_texts())


def test_before_the_letter_the_answer_says_what_changes_after(page, site_url):
    page.goto(f"{site_url}/en/asof/?date=2020-11-17")
    assert shown_rules(page) == titles(BEFORE, "en")
    heading = page.locator("#asof-answer h4.azt-changes-around").inner_text()
    assert heading == "Changed on 18 November 2020, after this version"
    removed = page.locator("#asof-answer li.azt-change-removed").all_inner_texts()
    assert len(removed) == len(REMOVED) and all(t.startswith("removed on 18 November 2020: ") for t in removed)
    assert "The start date of this version is unknown" in page.locator("#asof-answer").inner_text()


@pytest.mark.parametrize("day", ["2020-11-17", "2020-12-01"])
@pytest.mark.parametrize("group", ["lgbti", "armenian-ethnicity", "critics"])
def test_group_filter_keeps_the_rules_for_the_group_and_for_everyone(page, site_url, day, group):
    vid = BEFORE if day < "2020-11-18" else AFTER
    page.goto(f"{site_url}/asof/?date={day}&group={group}")
    label = next(g.label_nl for g in CD.country.groups if g.id == group)
    assert page.locator("#asof-heading").inner_text().endswith(f"voor: {label}")
    assert page.locator("#asof-group").input_value() == group
    assert shown_rules(page) == titles(vid, group=group)
    for r in page.locator("#asof-answer .azt-change-item:visible").all():
        groups = r.get_attribute("data-groups").split()
        assert group in groups or "everyone" in groups
    # the language switch keeps the question
    page.click("nav.azt-lang a[hreflang=en]")
    assert page.url.endswith(f"/en/asof/?date={day}&group={group}")
    assert shown_rules(page) == titles(vid, "en", group=group)
    assert page.locator("#asof-heading").inner_text().endswith(next(g.label_en for g in CD.country.groups if g.id == group))


def test_group_links_in_the_answer_keep_the_date(page, site_url):
    page.goto(f"{site_url}/asof/?date=2020-12-01")
    page.click("#asof-answer .azt-groupnav a[data-group=lgbti]")
    assert page.url.endswith("/asof/?date=2020-12-01&group=lgbti")
    assert shown_rules(page) == titles(AFTER, group="lgbti")


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
    later = page.locator("#asof-answer .azt-known-later li").all_inner_texts()
    assert len(later) == len(CD.country.currency.known_later)


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


@pytest.fixture
def nojs(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_every_answer_is_on_the_page(nojs, site_url):
    nojs.goto(f"{site_url}/asof/?date=2020-12-01")
    assert nojs.locator("#asof-answer").is_hidden()
    # every period has its own answer, reached from the table
    for link in nojs.locator("#asof-table a[href^='#seg-']").all():
        seg = nojs.locator(link.get_attribute("href"))
        assert seg.count() == 1 and seg.is_visible()
    after = nojs.locator("#seg-2020-11-18")
    assert "Waarop deze datum steunt:" in after.inner_text()
    after.locator(".azt-to-rules a").click()
    assert nojs.url.endswith("#rules-az-2020-11-18")
    rules = nojs.locator("#rules-az-2020-11-18")
    assert {t.strip() for t in rules.locator("article.azt-rule h5").all_inner_texts()} == titles(AFTER)
    for r in REMOVED:  # removed rules only under "changed", never under the rules that applied
        assert rules.locator("article.azt-rule h5", has_text=r.title_nl).count() == 0
        assert rules.locator("li.azt-change-removed", has_text=r.title_nl).count() == 1
    before = nojs.locator("#rules-az-before-2020-11-18 article.azt-rule h5").all_inner_texts()
    assert {t.strip() for t in before} == titles(BEFORE)


def test_without_javascript_the_group_filter_is_a_list_of_links(nojs, site_url):
    nojs.goto(f"{site_url}/asof/")
    nojs.click("#rules-az-2020-11-18 .azt-groupnav a[data-group=lgbti]")
    assert nojs.url.endswith("#rules-az-2020-11-18-g-lgbti")
    listed = nojs.locator("#rules-az-2020-11-18-g-lgbti li a").all_inner_texts()
    assert set(listed) == titles(AFTER, group="lgbti")
    for a in nojs.locator("#rules-az-2020-11-18-g-lgbti li a").all():
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


@pytest.mark.parametrize("da, db, a, b", [("2020-01-01", "2021-06-01", BEFORE, AFTER), ("2021-06-01", "2020-01-01", AFTER, BEFORE)])
def test_compare_two_dates_in_either_order(page, site_url, da, db, a, b):
    page.goto(f"{site_url}/en/compare/?da={da}&db={db}")
    assert page.locator("#cmp-a").input_value() == a and page.locator("#cmp-b").input_value() == b
    assert len(_kinds(page)) == len(RECORDS)
    assert page.locator(f"#cmp-{a}--{b}").is_visible()
    page.click("nav.azt-lang a[hreflang=nl]")
    assert page.url.endswith(f"/compare/?da={da}&db={db}")


def test_compare_dates_in_one_version_says_so(page, site_url):
    page.goto(f"{site_url}/compare/?da=2021-01-01&db=2021-06-01")
    assert f"Beide datums vallen in dezelfde versie: {CD.versions[AFTER].title_nl}." in page.locator("#compare-answer").inner_text()
    assert page.locator("#compare-answer article").count() == 0


def test_compare_without_javascript_shows_both_directions(nojs, site_url):
    nojs.goto(f"{site_url}/compare/")
    for a, b in ((BEFORE, AFTER), (AFTER, BEFORE)):
        assert nojs.locator(f"#cmp-{a}--{b} article.azt-cmp-rule").count() == len(RECORDS)


ANSWER_STATES = [
    "/asof/",  # without a date the page shows what readers without JavaScript get: every static answer
    "/compare/",
    "/asof/?date=2020-11-17&group=lgbti",
    "/asof/?date=2025-06-01",
    "/asof/?date=2020-02-30",
    "/compare/?a=az-2020-11-18&b=az-before-2020-11-18",
    "/compare/?da=2021-01-01&db=2021-06-01",
]


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


def test_a_group_no_rule_names_is_told_so(page, site_url):
    """After the letter no rule names mixed couples (their alternative was removed): the rules shown are those for
    everyone, and the answer says so instead of letting them read as the group's own rules."""
    assert not any("mixed-couples" in p.groups for p in CD.versions[AFTER].provisions.values())
    page.goto(f"{site_url}/asof/?date=2020-12-01&group=mixed-couples")
    assert shown_rules(page) == titles(AFTER, group="mixed-couples")
    assert page.locator("#asof-answer .azt-no-group-rules").inner_text() == (
        "Geen regel in deze versie noemt deze groep; alleen de regels voor iedereen gelden."
    )
    removed = page.locator("#asof-answer li.azt-change-removed:visible").all_inner_texts()
    assert any("gemengd" in t for t in removed)  # what they lost is shown as removed, with the date
    page.goto(f"{site_url}/asof/?date=2020-12-01&group=lgbti")
    assert page.locator("#asof-answer .azt-no-group-rules").count() == 0
