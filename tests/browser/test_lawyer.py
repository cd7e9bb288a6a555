"""The lawyer's answer on the site (#21): the five client situations of the issue, at 1280 px and 360 px, in both
editions, as a lawyer reads them: the status on the date asked comes first, then the group's own rules and facts,
how current the answer is (split at the date asked), and a block to cite it; nothing claims more than is known, and
a printed answer for one group fits on two A4 pages.

What each page must say is derived from the data and the as-of model (timeline.asof, answer.group_answer), never
pasted from a run; the legal milestones are checked by hand against shared/sources/FACTS.md: the old C7/5 stood in
the Vc until WBV 2021/2 was published in Stcrt. 2021, 1592 on 13 January 2021 (signed 7 January 2021); its entry
into force was not found.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from aztimeline.answer import group_answer
from aztimeline.dates import long_date
from aztimeline.precision import group_vocabulary
from aztimeline.site.labels import T
from aztimeline.timeline import asof, load_timeline
from aztimeline.validate import load_and_validate

from ..conftest import DATA

pytestmark = pytest.mark.browser

VALIDATED = load_and_validate(DATA)
CD = VALIDATED.dataset.countries["azerbaijan"]
TL = load_timeline(CD, VALIDATED.changes)
VOCABULARY = group_vocabulary(CD.country)
PUBLISHED = dt.date(2021, 1, 13)  # WBV 2021/2 in Stcrt. 2021, 1592 (FACTS.md)
STCRT = "https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html"

SITUATIONS = [
    ("lgbti", "2020-12-01"),
    ("lgbti", "2021-02-15"),
    ("armenian-ethnicity", "2020-11-10"),
    ("armenian-ethnicity", "2021-01-20"),
    ("critics", "2021-03-01"),
    ("azeri-from-nagorno-karabakh", "2022-01-01"),
    ("mixed-couples", "2021-01-05"),
]
EDITIONS = {"nl": "", "en": "/en"}

OVERCLAIM = {
    "nl": re.compile(r"\b(golden|geldt|gelden|geldend|in werking getreden|van kracht)\b", re.IGNORECASE),
    "en": re.compile(r"\b(applied|applies|apply|in force|came into force|entered into force)\b", re.IGNORECASE),
}
"""Words that say a rule applied or was in force. No answer may use them in its own words: every rule of these
answers was either only announced on the date asked, or put into the Vc by a decision whose entry into force was
not found. Not our words here: the letter's quotations, the data's summaries ("Er geldt geen besluitmoratorium") and
the sentence on which date aztimeline keys its versions ("In aztimeline this version starts on the date of the letter"). "gold" is
allowed for the policy before the letter, which stood in the Vc ("dat er vóór de brief geen besluitmoratorium gold,
is onze afleiding")."""

OWN_WORDS = """() => { const box = document.getElementById('asof-answer').cloneNode(true);
  box.querySelectorAll('blockquote, .azt-ours, .azt-basis').forEach(e => e.remove());
  return box.textContent.replace(/\\s+/g, ' '); }"""


def model(day: str, group: str) -> tuple[dict, dict]:
    answer = asof(TL, dt.date.fromisoformat(day))
    return answer, group_answer(answer, group, VOCABULARY)


def words(day: str, lang: str) -> str:
    return long_date(dt.date.fromisoformat(day), lang)


def open_answer(page, site_url, lang, group, day):
    page.goto(f"{site_url}{EDITIONS[lang]}/asof/?date={day}&group={group}")
    page.wait_for_function("() => document.documentElement.classList.contains('azt-asof-answered')")


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("group, day", SITUATIONS)
def test_the_answer_for_a_group_on_a_date(page, site_url, subtests, lang, group, day):
    """Each situation's answer is loaded once at 1280 px and once at 360 px, and read for each of the checks below;
    a check that fails is reported on its own and the others still run."""
    open_answer(page, site_url, lang, group, day)
    with subtests.test("leads with the status, then the group's rules (1280 px)"):
        check_status_then_rules(page, lang, group, day, 1280)
    with subtests.test("the currency banner splits what is known at the date asked"):
        check_currency(page, lang, day)
    with subtests.test("the citation block names the date, group, status, address and consultation date"):
        check_citation(page, site_url, lang, group, day)
    with subtests.test("never says more than is known"):
        check_no_overclaim(page, lang)
    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()  # laid out at a phone's width from the start
    page.wait_for_function("() => document.documentElement.classList.contains('azt-asof-answered')")
    with subtests.test("leads with the status, then the group's rules (360 px)"):
        check_status_then_rules(page, lang, group, day, 360)


def check_status_then_rules(page, lang, group, day, width):
    answer, g = model(day, group)
    status = answer["status"]
    box = page.locator("#asof-answer")
    # the headline is the model's status in sentences, naming the day asked
    headline = box.locator(".azt-status .azt-status-headline")
    assert headline.inner_text() == status[f"headline_{lang}"]
    assert headline.inner_text().startswith(("Op " if lang == "nl" else "On ") + words(day, lang))
    before_publication = dt.date.fromisoformat(day) < PUBLISHED
    text = headline.inner_text()
    if lang == "nl":
        assert ("oude tekst" in text) == before_publication and ("nieuwe tekst" in text) == (not before_publication)
        if not before_publication:
            assert "De datum van inwerkingtreding is niet gevonden." in text
    else:
        assert ("old text" in text) == before_publication and ("new text" in text) == (not before_publication)
        if not before_publication:
            assert "The date of its entry into force was not found." in text
    # the Staatscourant publication that put the letter into the Vc is linked, and said to come after the date
    if status["stage"] != "before":
        link = box.locator(f".azt-status a[href='{STCRT}']")
        assert link.inner_text() == "Stcrt. 2021, 1592"
        after = "na deze datum" if lang == "nl" else "after this date"
        assert (after in box.locator(".azt-status-facts").inner_text()) == before_publication
    # the group's own rules and facts follow, in the model's order, before everything else
    cards = box.locator(".azt-group-answer article")
    titles = [t.strip() for t in cards.locator("h4").all_inner_texts()]
    expected = [r[f"title_{lang}"] for r in g["rules"]] + [c[f"title_{lang}"] for c in g["context"]]
    assert titles == expected and titles
    for card, r in zip(cards.all(), g["rules"], strict=False):  # each with its status on the date asked
        assert card.locator(".azt-rule-status").inner_text().split(": ", 1)[1] == r[f"text_{lang}"]
    first = cards.first.locator("h4")
    if width < 400:  # on a phone the group's first rule starts within one screen below the headline
        top = headline.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
        assert first.evaluate("e => e.getBoundingClientRect().top + window.scrollY") - top < 740
    # everything else is folded below, listed by title with its status in a few words
    folded = box.locator(".azt-fold-body article")
    assert folded.count() == len(status["rules"]) + len(status["context"]) - len(expected)
    assert all(not b.is_visible() for b in box.locator(".azt-fold-body").all())
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def check_currency(page, lang, day):
    cur = page.locator("#asof-answer .azt-currency")
    text = cur.inner_text()
    until = CD.country.currency.checked_until
    assert long_date(until, lang) in text
    assert ("november 2026" if lang == "nl" else "November 2026") in text  # when the search was done
    assert ("zekerheid: laag" if lang == "nl" else "confidence: low") in text
    assert ("bewijst niet dat die er niet is" if lang == "nl" else "no proof that there is none") in text
    lists = cur.locator("ul.azt-developments, p.azt-developments-none").all()
    assert len(lists) == 2
    known = sorted(CD.country.currency.known_later, key=lambda k: k.date)
    shown = [[li.inner_text().split(":", 1)[0] for li in x.locator("li").all()] for x in lists]
    asked = dt.date.fromisoformat(day)
    assert shown[0] == [long_date(k.date, lang) for k in known if k.date <= asked]
    assert shown[1] == [long_date(k.date, lang) for k in known if k.date > asked]
    # a development whose record names an official publication links to it
    for a in cur.locator("a[href^='https://']").all():
        assert a.get_attribute("href").startswith("https://zoek.officielebekendmakingen.nl/")
    # the headline box says it in a few words, and points to the banner
    short = page.locator("#asof-answer .azt-status-facts").inner_text()
    assert ("afwezigheid is geen bewijs" if lang == "nl" else "absence is no proof") in short


def check_citation(page, site_url, lang, group, day):
    cite = page.locator("#asof-answer .azt-cite")
    label = next(g[f"label_{lang}"] for g in VOCABULARY if g["id"] == group)
    assert cite.locator(".azt-cite-date").inner_text() == words(day, lang)
    assert cite.locator(".azt-cite-group").inner_text() == label
    url = cite.locator(".azt-cite-url").inner_text()
    assert url == f"{site_url}{EDITIONS[lang]}/asof/?date={day}&group={group}"
    today = long_date(dt.date.today(), lang)
    assert cite.locator(".azt-cite-consulted").inner_text() == today
    data = page.locator(".azt-stamp").inner_text().split(": ", 1)[1].split(" \u00b7 ")[0]  # the data version at the foot
    line = cite.locator(".azt-cite-line").inner_text()
    assert line.startswith("aztimeline, ") and words(day, lang) in line and label in line and url in line
    assert today in line and data in line
    stage = T[lang][f"stage_{model(day, group)[0]['status']['stage']}"]
    assert cite.locator("dd").nth(2).inner_text() == stage and stage in line
    # the sources to cite, as the Cite page asks: the letter, and the decision once it was published (a lawyer's read)
    # first the Vc text of that date: the old one (whose publication this data does not give), or as amended
    sources = cite.locator("dd").nth(3).inner_text()
    published = dt.date.fromisoformat(day) >= PUBLISHED
    amended = "Vc C7/5 zoals gewijzigd bij " if lang == "nl" else "Vc C7/5 as amended by "
    old = "Vc: de oude tekst van paragraaf C7/5 (vóór WBV 2021/2), " if lang == "nl" else "Vc: the old text of paragraph C7/5 (before WBV 2021/2), "
    assert sources.startswith(f"{amended}WBV 2021/2 (Stcrt. 2021, 1592); " if published else old)
    assert ("; Kamerbrief van 18 november 2020" if lang == "nl" else "; Letter to parliament of 18 November 2020") in sources
    assert ("kenmerk 3019810" if lang == "nl" else "ref. 3019810") in sources
    assert f"{'Bronnen' if lang == 'nl' else 'Sources'}: {sources}. " in line
    if model(day, group)[0]["status"]["stage"] == "before":  # no source says since when the old text was in the Vc
        assert ("sinds wanneer die in de Vc stond, is niet vastgelegd" if lang == "nl" else "since when the Vc held it is not recorded") in stage


def check_no_overclaim(page, lang):
    own = page.evaluate(OWN_WORDS)
    hits = sorted({own[max(0, m.start() - 40) : m.end() + 20] for m in OVERCLAIM[lang].finditer(own)})
    assert hits == []
    if lang == "nl":
        assert "alleen de regels voor iedereen" not in own
        assert "Kamerstuknummer onbekend" in own  # the letter's Kamerstuk number was not found
    # no internal ids: paragraph anchors, furniture blocks, provision or record ids
    assert not re.search(r"\bblok f\d|\bp\d+\b|\baz-(before-)?\d{4}-\d{2}-\d{2}", own)
    for q in page.locator("#asof-answer blockquote.azt-quote footer a").all():
        assert re.search(r"(alinea|paragraph) \d+ \((blz\.|pages?) \d+(\u2013\d+)?\)$", q.inner_text())  # "blz. 2–3" over a page break


def test_mixed_couples_are_told_what_is_unknown_and_whom_to_read_too(page, site_url):
    """The blocker of issue 21: before the letter's changes were in the Vc, the codified 5.5.1 held that protection
    was not plausible for a mixed couple; the letter removes only their internal protection alternative, and whether
    the rest stayed is unknown. The answer says so, and sends the reader to the partner's group."""
    open_answer(page, site_url, "nl", "mixed-couples", "2021-01-05")
    sec = page.locator("#asof-answer .azt-group-answer")
    fact = sec.locator("article.azt-fact")
    assert fact.count() == 1
    assert "C7/5.5.1 Vc" in fact.inner_text() and "na de brief: onbekend" in fact.inner_text()
    assert "is onbekend" in fact.inner_text() and "C7/5.5 Vc niet gelezen" in fact.inner_text()
    # the list of what is unknown links each item to its card and still says what is unknown: "…: see its card
    # above" alone read as the rule itself being unknown (two lawyers' reads)
    pointer = sec.locator(".azt-unknown li a")
    assert pointer.get_attribute("href") == "#" + fact.get_attribute("id")
    assert pointer.inner_text() == "Bescherming niet aannemelijk voor bepaalde groepen, onder wie gemengde paren (oude tekst)"
    assert "C7/5.5 Vc niet gelezen" in sec.locator(".azt-unknown li").inner_text()
    related = sec.locator(".azt-related a[data-group=armenian-ethnicity]")
    assert related.get_attribute("href") == "?date=2021-01-05&group=armenian-ethnicity"
    related.click()
    page.wait_for_url("**/asof/?date=2021-01-05&group=armenian-ethnicity")
    assert "Personen met de Armeense etniciteit" in page.locator("#asof-heading").inner_text()


@pytest.mark.parametrize("lang", EDITIONS)
def test_a_date_after_today_is_said_to_be_one(page, site_url, lang):
    """1 January 2030 was answered as if past, "had WBV 2021/2 … opgenomen", with nothing on its being to come (a
    lawyer's read). The status says so, in the reader's calendar; a past date gets no such line."""
    future = dt.date.today().replace(year=dt.date.today().year + 4, month=1, day=1)
    page.goto(f"{site_url}{EDITIONS[lang]}/asof/?date={future.isoformat()}")
    line = page.locator("#asof-answer .azt-status .azt-future")
    expected = (
        "{} ligt na vandaag ({}): dit antwoord zegt wat de gegevens nu voor die dag geven; wat tot dan wordt besloten, staat er niet in."
        if lang == "nl"
        else "{} is after today ({}): this answer gives what the data holds for that day now; what is decided until then is not in it."
    )
    assert line.inner_text() == expected.format(long_date(future, lang), long_date(dt.date.today(), lang))
    page.goto(f"{site_url}{EDITIONS[lang]}/asof/?date=2021-01-05")
    assert page.locator("#asof-answer .azt-status").count() == 1 and page.locator(".azt-future").count() == 0


def test_a_placement_from_a_later_publication_says_so(page, site_url):
    """On 1 December 2020 the critics' rule was only announced: its place C7/5.3.2 Vc comes from Stcrt. 2021, 1592,
    which did not exist yet, and the answer says so."""
    open_answer(page, site_url, "nl", "critics", "2020-12-01")
    meta = page.locator("#asof-answer .azt-group-answer article.azt-rule .azt-rule-meta").first.inner_text()
    assert "C7/5.3.2 Vc" in meta and meta.count("plaats volgens de latere codificatie (Stcrt. 2021, 1592)") == 1  # said once


def test_the_folded_cards_open_and_close_with_a_button(page, site_url):
    page.set_viewport_size({"width": 360, "height": 740})
    open_answer(page, site_url, "nl", "lgbti", "2020-12-01")
    button = page.locator("#asof-answer .azt-fold-button").first
    body = page.locator("#" + button.get_attribute("aria-controls"))
    assert button.get_attribute("aria-expanded") == "false" and body.is_hidden()
    assert button.evaluate("e => e.getBoundingClientRect().height") >= 24
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and body.is_visible()
    assert body.locator("article.azt-rule blockquote.azt-quote").count() > 0
    button.click()
    assert body.is_hidden()


def _pdf_pages(page, tmp_path) -> tuple[int, str]:
    pdf = tmp_path / "answer.pdf"
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return pages, " ".join(text.split())


@pytest.mark.parametrize("group, day", SITUATIONS)
def test_a_printed_answer_for_one_group_fits_on_two_a4_pages(page, site_url, group, day, tmp_path):
    from .conftest import require

    require("pdfinfo", subprocess.run(["which", "pdfinfo", "pdftotext"], capture_output=True).returncode == 0)
    open_answer(page, site_url, "nl", group, day)
    page.emulate_media(media="print")
    pages, text = _pdf_pages(page, tmp_path)
    assert pages <= 2
    _, g = model(day, group)
    for r in g["rules"]:  # the group's rules print (their titles' first words: a line may break a word at a hyphen)
        assert " ".join(r["title_nl"].split()[:3]) in text
    assert "geraadpleegd op " + long_date(dt.date.today(), "nl") in text  # the consultation date
    assert "Kamerbrief van 18 november 2020, kenmerk 3019810, alinea" in text
    assert "(ingekort afgedrukt:" in text  # what is folded says what of it prints (a lawyer read "niet afgedrukt" above its list)
    assert "Regels en feiten voor andere groepen (" not in text  # not their heading alone, at the end of the printout
    # but a reader sent to a related group's rules is told they are not on paper (a lawyer's read)
    if g["related"]:
        assert "Lees ook: " in text and "Die regels zijn niet afgedrukt; druk dat antwoord apart af." in text
    assert "Alle perioden" not in text  # the answer alone
    # under its address and the day it was consulted, that the site is an aid, for a printout filed without the site
    # beside it (lawyers' reads)
    address = f"Adres van deze pagina: {page.url} (geraadpleegd op {long_date(dt.date.today(), 'nl')})"
    assert text.startswith(address + " Hulpmiddel, geen officiële bron: de Vreemdelingencirculaire en de Staatscourant op officielebekendmakingen.nl zijn leidend.")


@pytest.mark.parametrize("lang", EDITIONS)
def test_compare_two_dates_within_one_version_shows_the_change_of_status(page, site_url, lang):
    """1 December 2020 (announced) and 15 February 2021 (in the Vc) fall in one version of aztimeline, yet the
    legal status changed in between: the page says so, with both dates in its heading, differences first."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site_url}{EDITIONS[lang]}/compare/?da=2021-02-15&db=2020-12-01")
    box = page.locator("#compare-answer")
    a, b = words("2020-12-01", lang), words("2021-02-15", lang)
    assert page.locator("#compare-heading").inner_text() == (f"{a} vergeleken met {b}" if lang == "nl" else f"{a} compared with {b}")
    text = box.inner_text()
    assert "niets te vergelijken" not in text and "nothing to compare" not in text
    summary = box.locator(".azt-cmpd-summary").inner_text()
    assert a in summary and b in summary and ("De status veranderde" if lang == "nl" else "The status changed") in summary
    own = box.locator(".azt-cmpd-own").inner_text()
    assert own.startswith("De tekst van de Vc zelf staat niet in deze gegevens" if lang == "nl" else "The Vc's own text is not in this data")
    items = box.locator(".azt-cmpd-list > li")
    assert items.count() >= 2
    assert a in items.first.inner_text() and b in items.first.inner_text()
    # what stayed the same is folded; the page stays a few screens long on a phone
    assert all(not d.get_attribute("open") for d in box.locator("details").all())
    assert page.evaluate("document.documentElement.scrollHeight") < 6 * 740
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_compare_lists_a_kept_rule_as_the_same_with_the_words_of_both_dates(page, site_url):
    """A rule kept by the letter, in the old text on 1 December 2020 and the new one on 15 February 2021, has the
    same status; the list said only the later date's words, which were false for the earlier (a third read)."""
    page.goto(f"{site_url}/compare/?da=2020-12-01&db=2021-02-15")
    same = page.locator("#compare-answer details.azt-cmpd-same")
    same.locator("summary").click()
    items = {li.locator("strong").inner_text(): li.inner_text() for li in same.locator("li").all() if li.locator("strong").count()}
    text = items["Geen besluitmoratorium"]
    assert "1 december 2020: ongewijzigd door de brief; vóór de brief al zo volgens onze afleiding" in text and "15 februari 2021: in de Vc (nieuwe tekst)" in text
    assert not any(li.inner_text().startswith("Geen besluitmoratorium: in de Vc (nieuwe tekst)") for li in same.locator("li").all())


def test_compare_two_dates_with_the_same_status_says_so_and_lists_what_came_between(page, site_url):
    page.goto(f"{site_url}/compare/?da=2021-06-01&db=2022-01-01")
    box = page.locator("#compare-answer")
    # the same in the data, but not "the same status": its force is not known (FACTS.md: entry into force not found)
    assert "in deze gegevens staat elke regel er op beide datums hetzelfde voor" in box.locator(".azt-cmpd-summary").inner_text()
    assert box.locator(".azt-cmpd-list").count() == 0
    between = [li.inner_text().split(":", 1)[0] for li in box.locator(".azt-cmpd-dev li").all()]
    expected = [long_date(k.date, "nl") for k in sorted(CD.country.currency.known_later, key=lambda k: k.date)
                if dt.date(2021, 6, 1) < k.date <= dt.date(2022, 1, 1)]
    assert between == expected and expected


@pytest.mark.parametrize("lang", EDITIONS)
def test_compare_says_how_current_and_warns_for_a_second_date_after_the_search(page, site_url, lang):
    """The as-of answer warns for a date after the last date later changes were looked for; the compare did not."""
    until = long_date(CD.country.currency.checked_until, lang)
    after = CD.country.currency.checked_until + dt.timedelta(days=152)
    page.goto(f"{site_url}{EDITIONS[lang]}/compare/?da=2021-06-01&db={after.isoformat()}")
    box = page.locator("#compare-answer")
    warning = box.locator(".azt-cmpd-beyond")
    assert warning.is_visible() and warning.inner_text().startswith(f"{long_date(after, lang)} ") and until in warning.inner_text()
    assert not box.locator(".azt-cmpd-beyond-if").is_visible()  # the page's "if date B is after", for a reader without the script
    assert until in box.locator(".azt-cmpd-currency").inner_text()
    # the new text on both dates: put into the Vc, its entry into force not found (FACTS.md), never that the Vc "held" it
    summary = box.locator(".azt-cmpd-summary").inner_text()
    # and that the same status does not make the same force (FACTS.md: the usual clause would give 14 January 2021)
    if lang == "nl":
        assert "opgenomen in de Vc" in summary and "al in werking was, is niet bekend: de datum van inwerkingtreding is niet gevonden." in summary
        assert "dezelfde status" not in summary and "status dezelfde" not in summary  # the status includes its force
        assert summary.endswith("De gebruikelijke WBV-bepaling zou 14 januari 2021 geven; dat is niet geverifieerd.")
        assert "in de Vc stond" not in summary
    else:
        assert "had been put into the Vc" in summary and "in force on 1 June 2021 and on " in summary
        assert "same status" not in summary and "status is the same" not in summary
        assert summary.endswith("The usual WBV clause would give 14 January 2021; that is unverified.")
        assert "the Vc held" not in summary
    page.goto(f"{site_url}{EDITIONS[lang]}/compare/?da=2021-06-01&db={CD.country.currency.checked_until.isoformat()}")
    box = page.locator("#compare-answer")
    assert box.locator(".azt-cmpd-beyond").count() == 1 and not box.locator(".azt-cmpd-beyond").is_visible()  # the same stretch
    assert until in box.locator(".azt-cmpd-currency").inner_text()


@pytest.mark.parametrize("lang", EDITIONS)
def test_home_page_dates_and_caveats_its_summary(page, site_url, lang):
    page.goto(f"{site_url}{EDITIONS[lang]}/")
    until = long_date(CD.country.currency.checked_until, lang)
    heading = page.locator("h2").first.inner_text()
    assert until in heading  # dated: the last date for which later changes were looked for, not "now"
    note = page.locator(".azt-home-note").inner_text()
    assert ("geen beschrijving van het beleid van vandaag" if lang == "nl" else "not a description of the policy of today") in note
    banner = page.locator(".azt-currency").inner_text()
    assert ("september 2023" if lang == "nl" else "September 2023") in banner  # the events in Nagorno-Karabakh
    assert ("zekerheid: laag" if lang == "nl" else "confidence: low") in banner
    # the banner stands before the list of rules, so no rule reads as simply current
    assert page.locator(".azt-currency").evaluate("e => e.compareDocumentPosition(document.querySelector('.azt-provisions')) & 4") == 4


def _events_and_later(after: dt.date, upto: dt.date) -> list[tuple[dt.date, str, str]]:
    """The events and later developments dated after one day and on or before another, by day: (day, Dutch title,
    English title)."""
    events = [(e.date, e.title_nl, e.title_en) for e in CD.events.events if isinstance(e.date, dt.date)]
    later = [(k.date, k.title_nl, k.title_en) for k in CD.country.currency.known_later]
    return sorted((x for x in events + later if after < x[0] <= upto), key=lambda x: x[0])


def _listed(items) -> list[str]:
    """Each listed event or development as its day and title (what stands before its kind, in brackets)."""
    kinds = r" \((?:gebeurtenis|later bekend|event|known later)[:,]"
    return [re.split(kinds, li.inner_text(), maxsplit=1)[0] for li in items.all()]


@pytest.mark.parametrize("lang, width", [("nl", 360), ("en", 1280)])  # each edition, each width: the suite's time
def test_compare_two_dates_typed_into_the_form_lists_the_events_between_them(page, site_url, lang, width):
    """10 November 2020 against 11 January 2021 said "geen" under "Bekende ontwikkelingen", while the timeline lists
    the answers to the written questions of 18 November 2020 (Aanhangsel Handelingen 831) as an event (a lawyer's
    read). The list names the events as well as the later developments, after the first date and up to the second,
    each with its day, what it is, its record linked and its quote linked to the source; the heading says so."""
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(f"{site_url}{EDITIONS[lang]}/compare/")
    page.fill("#cmp-da", "2020-11-10")
    page.fill("#cmp-db", "2021-01-11")
    page.locator("#compare-form button[type=submit]").click()
    page.wait_for_function("() => document.documentElement.classList.contains('azt-compare-answered')")
    dev = page.locator("#compare-answer .azt-cmpd-dev")
    head = dev.locator(".azt-cmpd-dev-h").inner_text()
    a, b = words("2020-11-10", lang), words("2021-01-11", lang)
    assert head == (f"Gebeurtenissen en latere ontwikkelingen na {a} tot en met {b}, volgens onze bronnen:" if lang == "nl"
                    else f"Events and later developments after {a} up to and including {b}, from our sources:")
    expected = _events_and_later(dt.date(2020, 11, 10), dt.date(2021, 1, 11))
    items = dev.locator("ul.azt-cmpd-dated > li")
    assert _listed(items) == [f"{words(d.isoformat(), lang)}: {nl if lang == 'nl' else en}" for d, nl, en in expected]
    assert len(expected) == 1  # the ceasefire of 10 November 2020 is dated on the first date: known on it, not after it
    item = items.first
    assert ("gebeurtenis: context, geen beleid" if lang == "nl" else "event: context, not policy") in item.inner_text()
    assert item.locator("a[rel=external]").get_attribute("href") == "https://zoek.officielebekendmakingen.nl/ah-tk-20202021-831.html"
    item.locator("summary").click()
    source = item.locator("blockquote footer a")
    href = source.get_attribute("href")
    assert source.is_visible() and href.split(":~:")[0].endswith("/sources/kamerbrief-2020-11-18/#p2") and ":~:text=" in href
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("lang", EDITIONS)
def test_without_the_script_each_comparison_of_dates_lists_the_events_of_its_periods(browser, site_url, lang):
    """Without the script the comparison of the period holding 10 November 2020 with the one holding 11 January 2021
    lists every event and later development dated in them, for the reader to hold against the dates: the answers
    of 18 November 2020 among them."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        nojs = context.new_page()
        nojs.goto(f"{site_url}{EDITIONS[lang]}/compare/#cmpd-blk-start--blk-2021-01-07")
        dev = nojs.locator("#cmpd-blk-start--blk-2021-01-07 .azt-cmpd-dev")
        assert dev.is_visible()
        assert dev.locator(".azt-cmpd-dev-h").inner_text().startswith("Gebeurtenissen en latere ontwikkelingen in deze periodes" if lang == "nl" else "Events and later developments in these periods")
        expected = _events_and_later(dt.date.min, dt.date(2021, 1, 12))  # the stretch of 11 January 2021 ends on the 12th
        shown = _listed(dev.locator("ul.azt-cmpd-dated > li"))
        assert shown == [f"{words(d.isoformat(), lang)}: {nl if lang == 'nl' else en}" for d, nl, en in expected]
        assert any(d == dt.date(2020, 11, 18) for d, _, _ in expected)
    finally:
        context.close()


def test_compare_two_dates_with_nothing_dated_between_says_where_the_versions_steps_stand(page, site_url):
    """1 December 2020 against 1 February 2021 said "geen" under the events and later developments, while its answer
    named WBV 2021/2, published between the two dates (a final read): the list holds neither the letter nor that
    decision, and says that they stand above."""
    page.goto(f"{site_url}/compare/?da=2020-12-01&db=2021-02-01")
    page.wait_for_function("() => document.documentElement.classList.contains('azt-compare-answered')")
    none = page.locator("#compare-answer .azt-cmpd-dev .azt-developments-none")
    assert none.inner_text() == "Geen; de stappen van de versies zelf (de brief, het besluit dat haar in de Vc opnam) staan hierboven."
    assert "(WBV 2021/2) opgenomen in de Vc" in page.locator("#compare-answer").inner_text()
