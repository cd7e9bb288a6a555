"""Site chrome in a real browser, every page type in both editions: phone widths, axe with all rules, print, 404
pages, focus ring, and a Dutch edition without English. Uses the session's one built site (any engine)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from aztimeline.dates import long_date

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "/",
    "timeline": "/timeline/",
    "versions": "/versions/",
    "version": "/versions/az-2020-11-18/",
    "version-before": "/versions/az-before-2020-11-18/",
    "changes": "/changes/",
    "change": "/changes/az-2020-11-18.ipa-mixed-relationships/",
    "sources": "/sources/",
    "source": "/sources/kamerbrief-2020-11-18/",
    "asof": "/asof/?date=2020-12-01",
    "asof-group": "/asof/?date=2021-01-05&group=mixed-couples",
    "compare": "/compare/?a=az-before-2020-11-18&b=az-2020-11-18",
    "compare-dates": "/compare/?da=2020-12-01&db=2021-02-15",
    "downloads": "/downloads/",
    "corrections": "/corrections/",
    "glossary": "/glossary/",
    "about": "/about/",
    "api": "/api/",
    "404": "/404.html",
}
EDITIONS = {"nl": "", "en": "/en"}


def _url(site_url: str, edition: str, path: str) -> str:
    return site_url + EDITIONS[edition] + path


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_scrolls_sideways_on_a_phone(page, site_url, edition, width):
    page.set_viewport_size({"width": width, "height": 800})
    wide = {}
    for name, path in PAGE_TYPES.items():
        page.goto(_url(site_url, edition, path))
        page.wait_for_load_state("load")
        scroll = page.evaluate("() => { window.scrollTo(10000, 0); return [window.scrollX, document.documentElement.scrollWidth]; }")
        if scroll[0] != 0 or scroll[1] > width:
            culprits = page.evaluate(
                """w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
                         .slice(0, 3).map(e => e.tagName + '.' + e.className)""",
                width,
            )
            wide[name] = (scroll, culprits)
    assert wide == {}


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_scrolls_sideways_on_a_phone_without_the_script(browser, site_url, edition):
    """Material's header keeps the page title beside the site title, moved 1.25rem to the right until its script
    shows it on scrolling; without the script it stayed there, and a 360 px window scrolled 13 px sideways."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    wide = {}
    for name, path in PAGE_TYPES.items():
        page.goto(_url(site_url, edition, path))
        scroll = page.evaluate("() => { window.scrollTo(10000, 0); return [window.scrollX, document.documentElement.scrollWidth]; }")
        if scroll != [0, 360]:
            wide[name] = scroll
    context.close()
    assert wide == {}


SMALL_TARGETS = """() => {
  const targets = 'li a[href], nav a[href], dd a[href], td a[href], a.azt-jump, button, input:not([type=hidden]), select, summary';
  const out = [];
  for (const e of document.querySelectorAll('article, .azt-lang')) {
    for (const t of e.querySelectorAll(targets)) {
      const r = t.getBoundingClientRect(), s = getComputedStyle(t);
      if (!r.width || !r.height || s.visibility === 'hidden' || t.closest('[hidden], .md-sidebar, .md-header')) continue;
      if (r.height < 24 || r.width < 24) out.push(`${t.tagName} "${t.textContent.trim().slice(0, 25)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return [...new Set(out)].slice(0, 6);
}"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_tap_targets_are_at_least_24_px_on_a_phone(page, site_url, edition):
    """WCAG 2.2's target size (2.5.8): links in lists and tables, filters, forms and the language switch, at 360 px.
    Links inside a sentence are exempt (they are as tall as the text), so only those are left out; a jump of one
    character ("↓") is no link of a sentence (found by a lawyer's read: 8 by 17 px)."""
    page.set_viewport_size({"width": 360, "height": 800})
    small = {}
    for name, path in PAGE_TYPES.items():
        if name == "404":
            continue  # the 404 page is its own small document
        page.goto(_url(site_url, edition, path))
        page.wait_for_load_state("load")
        found = page.evaluate(SMALL_TARGETS)
        if found:
            small[name] = found
    assert small == {}


def test_timeline_chart_stays_readable_on_a_phone(page, site_url):
    """On a phone the chart keeps its size and scrolls in its own box (reachable by keyboard), not the page; the
    box's edge is shaded where more chart lies beyond it (two shadows and the two white covers that hide them)."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + "/timeline/")
    box = page.locator(".azt-timeline-scroll")
    label = page.locator(".azt-timeline .azt-bar-label").first
    assert label.evaluate("e => e.getBoundingClientRect().height") >= 12  # about 14 px text, not a 5 px shrink
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    assert box.get_attribute("tabindex") == "0"
    assert box.evaluate("e => e.scrollLeft") == 0  # it opens at its start, as time reads
    assert box.evaluate("e => getComputedStyle(e).backgroundImage").count("gradient(") == 4
    assert box.evaluate("e => getComputedStyle(e).backgroundAttachment") == "local, local, scroll, scroll"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("edition", EDITIONS)
def test_change_tables_become_cards_on_a_phone_and_stay_tables(page, site_url, edition):
    """Each change's kind (added/removed) is on screen at 360 px, not in a column scrolled out of view."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(_url(site_url, edition, "/changes/"))
    page.wait_for_load_state("load")
    table = page.locator("table[data-azt-stack]").first
    assert table.evaluate("e => getComputedStyle(e.querySelector('tbody tr')).display") == "block"
    kinds = page.locator("table[data-azt-stack] .azt-kind")
    assert kinds.count() >= 8
    assert max(k.evaluate("e => e.getBoundingClientRect().right") for k in kinds.all()) <= 360
    labels = table.locator("tbody td").first.evaluate("e => getComputedStyle(e, '::before').content")
    assert labels.strip('"') == table.locator("thead th").first.inner_text().strip()
    # a screen reader still meets a table with rows, column headers and cells
    roles = table.evaluate(
        "e => [e.getAttribute('role'), e.querySelector('tr').getAttribute('role'), e.querySelector('thead th').getAttribute('role'),"
        " e.querySelector('tbody td').getAttribute('role')]"
    )
    assert roles == ["table", "row", "columnheader", "cell"]
    page.set_viewport_size({"width": 1280, "height": 800})  # and a table with columns on a wide screen
    assert table.evaluate("e => getComputedStyle(e.querySelector('tbody tr')).display") == "table-row"


def _axe(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)  # every rule axe has, not only the WCAG-tagged ones
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("name", PAGE_TYPES)
@pytest.mark.parametrize("edition", EDITIONS)
def test_axe_all_rules_finds_nothing_serious(page, site_url, edition, name):
    page.goto(_url(site_url, edition, PAGE_TYPES[name]))
    page.wait_for_load_state("load")
    found = {"1280": _axe(page)}
    page.set_viewport_size({"width": 360, "height": 800})  # the phone layout: drawer menu, stacked columns
    page.reload()  # loaded at this width, so no sliding transition of the menu is caught halfway
    page.wait_for_load_state("load")
    found["360"] = _axe(page)
    assert found == {"1280": [], "360": []}


def test_no_two_landmarks_share_a_name_and_the_search_dialog_has_one(page, site_url):
    for edition in EDITIONS:
        page.goto(_url(site_url, edition, "/changes/"))
        page.wait_for_load_state("load")
        names = page.evaluate(
            """() => [...document.querySelectorAll('nav, [role=navigation]')]
                     .map(n => n.getAttribute('aria-label') || (n.getAttribute('aria-labelledby') || '').split(' ')
                     .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim())"""
        )
        assert "" not in names and len(names) == len(set(names)), names
        for d in page.locator("[role=dialog]").all():
            assert (d.get_attribute("aria-label") or "").strip(), edition


def test_wide_table_is_reachable_by_keyboard(page, site_url):
    """A table wider than the screen scrolls in its own box, which the keyboard reaches (the API page on a phone 320
    pixels wide, the width of WCAG's reflow criterion: at 360 its tables fit in some fonts)."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site_url + "/en/api/")
    page.wait_for_load_state("load")
    boxes = page.locator(".azt-scroll")
    assert boxes.count() >= 1
    first = boxes.first
    assert first.evaluate("e => e.scrollWidth > e.clientWidth")
    assert first.get_attribute("role") == "region" and first.get_attribute("aria-label")
    for _ in range(200):  # Tab through the page until the table's box has focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('azt-scroll')"):
            break
    else:
        pytest.fail("the scrolling table was never reached with Tab")
    page.keyboard.press("ArrowRight")  # the arrow keys scroll the focused box (smoothly, so wait for it)
    page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=3000)


@pytest.mark.parametrize("edition", EDITIONS)
def test_date_field_shows_a_focus_ring(page, site_url, edition):
    page.goto(_url(site_url, edition, "/asof/"))
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "asof-date":
            break
    else:
        pytest.fail("the date field was never reached with Tab")
    ring = page.locator("#asof-date").evaluate(
        "e => { const s = getComputedStyle(e); return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"
    )
    assert ring[0] not in ("none", "hidden") and ring[1] >= 2 and ring[2] not in ("transparent", "rgba(0, 0, 0, 0)"), ring


def _pdf_pages(page, tmp_path) -> list[str]:
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


@pytest.mark.parametrize("edition", EDITIONS)
def test_printed_change_page_shows_its_address_and_citations_not_link_paths(page, site_url, edition, tmp_path):
    from .conftest import require

    require("pdftotext", subprocess.run(["which", "pdftotext"], capture_output=True).returncode == 0)
    url = _url(site_url, edition, "/changes/az-2020-11-18.ipa-mixed-relationships/")
    page.goto(url)
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    assert page.locator(".azt-print-url").is_visible()
    assert page.locator(".azt-print-href").inner_text() == url
    # the day it was printed, as the reader's browser counts it, in the edition's words (the build cannot know it)
    today = dt.date.fromisoformat(page.evaluate("() => { const d = new Date(); return new Date(d - d.getTimezoneOffset() * 6e4).toISOString().slice(0, 10); }"))
    consulted = ("geraadpleegd op {}" if edition == "nl" else "consulted on {}").format(long_date(today, edition))
    assert page.locator(".azt-print-url").inner_text().endswith(f"{url} ({consulted})")
    aid = "Hulpmiddel, geen officiële bron" if edition == "nl" else "An aid, not an official source"
    assert page.locator(".azt-print-aid").inner_text().startswith(aid)
    for a in page.locator("blockquote.azt-quote footer a").all():
        assert a.evaluate("e => getComputedStyle(e, '::after').content") in ("none", "normal")
    headings = [h.strip() for h in page.locator("article h1, article h2, article h3").all_inner_texts()]
    assert {h.locator("xpath=.").evaluate("e => getComputedStyle(e).breakAfter") for h in page.locator("article h2").all()} == {"avoid"}
    pages = _pdf_pages(page, tmp_path)
    printed = "\n".join(pages)
    assert url in printed.replace("\n", "") and aid in printed
    paragraph = "alinea" if edition == "nl" else "paragraph"
    assert re.search(rf"{paragraph} \d+", printed), "no paragraph citation in print"
    assert "../" not in printed and "sources/kamerbrief" not in printed  # no relative link paths
    for i, text in enumerate(pages[:-1]):  # no page ends with a heading whose content is on the next page
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines:
            assert lines[-1].rstrip("\u00b6 ") not in headings, f"page {i + 1} ends with heading {lines[-1]!r}"


def test_printed_change_page_without_the_script_gives_its_path_and_a_blank_for_the_day(browser, site_url):
    """Without the script the printed line read "Adres van deze pagina:" and nothing more (a lawyer's read): a site
    built without its address gives the page's path within it, and a blank for the day it was consulted."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(_url(site_url, "nl", "/changes/az-2020-11-18.lgbti/"))
    page.emulate_media(media="print")
    line = page.locator(".azt-print-url")
    assert line.inner_text() == "Adres van deze pagina: \u2026/changes/az-2020-11-18.lgbti/"
    assert line.evaluate("e => getComputedStyle(e, '::after').content") == '" (geraadpleegd op \u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026)"'
    context.close()


@pytest.mark.parametrize("edition, lang, title", [("nl", "nl", "Pagina niet gevonden"), ("en", "en", "Page not found")])
def test_each_edition_has_its_own_404_page_with_working_links(page, site_url, edition, lang, title):
    page.goto(_url(site_url, edition, "/404.html"))
    assert page.locator("html").get_attribute("lang") == lang
    assert title in page.locator("h1").inner_text()
    hrefs = [a.get_attribute("href") for a in page.locator("a").all()]
    assert len(hrefs) >= 7
    for href in hrefs:
        other = href in ("/en/", "/") and page.locator(f'a[href="{href}"][hreflang]').count() == 1
        response = page.request.get(site_url + href)
        assert response.status == 200, href
        page_lang = re.search(r'<html lang="(\w+)"', response.text()).group(1)
        assert page_lang == ({"nl": "en", "en": "nl"}[lang] if other else lang), href


# English words that do not occur in Dutch running text; names and quotations are skipped before the check.
ENGLISH = re.compile(
    r"\b(the|and|with|none|found|not|this|that|which|from|only|page|available|letter|rectification|made|by|"
    r"for|itself|academic|archive|unknown|was published|version|changes?|added|removed|modified|search|"
    r"previous|next|skip|content)\b",
    re.IGNORECASE,
)
FILE_NAME = re.compile(r"[\w./-]+\.(?:json|xml|csv|md|docx|xlsx|yaml|txt)\b")
VISIBLE_DUTCH_TEXT = """() => {
  const skip = 'script, style, blockquote, q, code, pre, svg, [lang]:not([lang="nl"]), .md-search, [translate="no"], .azt-print-url';
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode, el = node.parentElement;
    if (!el || el.closest(skip)) continue;
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (r.width === 0 || s.visibility === 'hidden' || s.display === 'none') continue;
    out.push(node.textContent);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
    if (el.closest(skip)) continue;
    for (const a of ['aria-label', 'title', 'alt', 'placeholder']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
  }
  return out.join(' ').replace(/\\s+/g, ' ');
}"""


def test_dutch_edition_shows_no_english(page, site_url):
    found = {}
    for name, path in PAGE_TYPES.items():
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        text = FILE_NAME.sub(" ", page.evaluate(VISIBLE_DUTCH_TEXT))  # file names are names
        hits = sorted({text[max(0, m.start() - 30) : m.end() + 30] for m in ENGLISH.finditer(text)})
        if hits:
            found[name] = hits[:5]
    assert found == {}


ID = re.compile(r"\baz-(?:before-)?\d{4}-\d{2}-\d{2}[\w.-]*")


@pytest.mark.parametrize("edition", EDITIONS)
def test_internal_ids_are_not_shown_as_names(page, site_url, edition):
    """Titles name versions and changes; an id appears only as a small copyable reference (class azt-ref) or in code."""
    found = {}
    for name, path in PAGE_TYPES.items():
        if name in ("api", "about", "404"):
            continue  # hand-written documentation, where ids are written as code on purpose
        page.goto(_url(site_url, edition, path))
        page.wait_for_load_state("load")
        text = page.evaluate(
            """() => { const c = document.querySelector('article') || document.body; const t = c.cloneNode(true);
                       t.querySelectorAll('code, .azt-ref, .azt-print-url, script, style, a[download]').forEach(e => e.remove());
                       return t.textContent.replace(/\\s+/g, ' '); }"""
        )
        text = FILE_NAME.sub(" ", text)  # a data file's name (in the editorial history) is a file name, not a title
        hits = sorted({text[max(0, m.start() - 30) : m.end() + 5] for m in ID.finditer(text)})
        if hits:
            found[name] = hits[:4]
    assert found == {}


def test_printed_compare_page_shows_the_folded_quotes(page, site_url, tmp_path):
    from .conftest import require

    require("pdftotext", subprocess.run(["which", "pdftotext"], capture_output=True).returncode == 0)
    page.goto(f"{site_url}/compare/?a=az-before-2020-11-18&b=az-2020-11-18")
    page.wait_for_load_state("load")
    folded = page.locator("details.azt-cmp-quotes:not([open]) blockquote.azt-quote")
    assert folded.count() > 0  # on screen the quotes under a compared rule are folded away
    words = " ".join(folded.first.text_content().split()).strip("\u201c\u201d[]\u2026 ")[:40]
    assert len(words) == 40 and words not in " ".join(page.locator("body").inner_text().split())  # not shown on screen
    printed = " ".join(" ".join(_pdf_pages(page, tmp_path)).split())
    assert words in printed, "the folded quotes did not print"  # both engines open folded parts for print
    assert page.locator("details.azt-cmp-quotes[open]").count() == 0  # folded again after printing


def test_tabbing_through_the_phones_navigation_drawer_shows_each_link(page, site_url):
    """At 360 px the navigation is a drawer off the screen, yet Tab reaches its 29 links: focus moved through them
    unseen on its way to the date field (a lawyer's read). The drawer, and the section's pane, slide in while they
    hold focus."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(_url(site_url, "nl", "/asof/"))
    page.wait_for_load_state("load")
    seen = """() => { const e = document.activeElement; if (!e.closest('.md-sidebar--primary')) return true;
                 const r = e.getBoundingClientRect(), hit = document.elementFromPoint(r.left + 8, r.top + r.height / 2);
                 return !!hit && e.contains(hit); }"""
    unseen, reached = [], 0
    for _ in range(80):
        page.keyboard.press("Tab")
        where = page.evaluate("() => [document.activeElement.id, document.activeElement.textContent.trim(), !!document.activeElement.closest('.md-sidebar--primary')]")
        if where[0] == "asof-date":
            break
        if where[2]:
            reached += 1
            try:  # in view once the drawer, or a pane, has slid (0.25 s)
                page.wait_for_function(seen, timeout=1000, polling=50)
            except PlaywrightTimeout:
                unseen.append(where[1])
    assert where[0] == "asof-date" and reached >= 25 and unseen == []


@pytest.mark.zensical
def test_the_headers_menu_and_search_are_named_buttons_the_keyboard_presses(page, site_url, engine):
    """On a phone the header opens the menu (and, in Material, the search) with icons that were no buttons, had no
    name in Material, and were out of the keyboard's reach; Material's count of search results was told to no screen
    reader; and Tab out of its search field landed on the closed, empty box of results, unseen (a keyboard user's
    read: WCAG 4.1.2, 4.1.3, 2.4.7)."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + "/en/")
    page.wait_for_load_state("load")
    toggle = page.locator("header nav > label[for=__drawer]")
    assert toggle.get_attribute("role") == "button" and toggle.get_attribute("tabindex") == "0"
    name = "Menu" if engine == "material" else toggle.inner_text().strip()
    expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()
    page.keyboard.press("Tab")  # the skip link, then the menu
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"
    for key in ("Enter", " "):  # each opens it once (Material presses the button on Enter itself)
        page.keyboard.press(key)
        page.wait_for_function("document.getElementById('__drawer').checked")
        page.evaluate("document.getElementById('__drawer').checked = false")
        page.wait_for_timeout(100)  # a second press would open it again
        assert not page.evaluate("document.getElementById('__drawer').checked"), key
    if engine != "material":
        return  # Zensical's search is a button and a dialog of its own
    page.get_by_role("button", name="Search", exact=True).focus()
    page.keyboard.press("Enter")
    page.keyboard.type("mixed")
    expect(page.get_by_role("status").filter(has_text="matching")).to_have_count(1)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/en/")
    page.locator("input[aria-label=Search]").focus()
    page.keyboard.type("mixed")
    page.keyboard.press("Tab")
    box = page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect(); return [r.width, r.height] })()")
    assert box[0] > 0 and box[1] > 0, box


def test_a_headings_permanent_link_is_named_after_its_heading_in_the_pages_language(page, site_url):
    """The links read "¶" to a screen reader, each alike, titled "Permanent link" on the Dutch pages too (a keyboard
    user's read: WCAG 2.4.4, 3.1.2)."""
    for path, words in (("/", "Vaste link naar \u201c"), ("/en/", "Permanent link to \u201c")):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        links = page.locator("a.headerlink")
        assert links.count() >= 2
        for i in range(links.count()):
            link = links.nth(i)
            heading = link.evaluate("a => a.parentElement.textContent.replace(/\u00b6/g, '').replace(/\\s+/g, ' ').trim()")
            assert link.get_attribute("aria-label") == f"{words}{heading}\u201d" == link.get_attribute("title")
