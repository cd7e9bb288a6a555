"""Site chrome read from the built files: the Atom feed (feedgen), site_url, sitemaps, 404 pages, the timeline chart."""

from __future__ import annotations

import datetime as dt
import gzip
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aztimeline.addresses import check_site_url
from aztimeline.errors import OutputError
from aztimeline.provenance import build_stamp
from aztimeline.site.build import build_site
from aztimeline.site.svg import R, spread
from aztimeline.validate import load_and_validate

from .conftest import DATA, ROOT

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/az"


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    """The site built with a site_url, as it would be published."""
    out = tmp_path_factory.mktemp("published") / "site"
    build_site(DATA, out, root=ROOT, site_url=SITE_URL)
    return out


def test_downloads_link_each_change_to_the_site_url_the_build_was_given(published_site, built_site):
    import json

    for edition, lang in (("", "nl"), ("en", "en")):
        name = f"aztimeline-az-2020-11-18-{lang}.json"
        published = json.loads((published_site / edition / "downloads" / name).read_text(encoding="utf-8"))
        urls = [c["url"] for c in published["overview"]]
        assert urls and all(u.startswith(SITE_URL + "/") for u in urls), urls  # the address given to build_site
        plain = json.loads((built_site / edition / "downloads" / name).read_text(encoding="utf-8"))
        assert [c["url"] for c in plain["overview"]] == [None] * len(urls)  # mkdocs.yml gives no site_url


def _records():
    v = load_and_validate(DATA)
    return [r for recs in v.changes.values() for r in recs]


@pytest.mark.parametrize("edition, lang", [("", "nl"), ("en", "en")])
def test_feed_with_site_url_links_every_change_to_its_absolute_address(published_site, edition, lang):
    feed = ET.parse(published_site / edition / "feed.xml").getroot()
    base = f"{SITE_URL}/{edition + '/' if edition else ''}"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert {(link.get("rel"), link.get("href")) for link in feed.findall(f"{ATOM}link")} == {
        ("self", base + "feed.xml"),
        ("alternate", base + "changes/"),
    }
    records = _records()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [f"urn:aztimeline:change:{r.id}" for r in records]
    for e, r in zip(entries, records, strict=True):
        (link,) = e.findall(f"{ATOM}link")
        assert link.get("href") == f"{base}changes/{r.id}/"
        page = published_site / edition / "changes" / r.id / "index.html"
        assert page.is_file(), link.get("href")
        # dates from the data, never the build clock
        assert e.findtext(f"{ATOM}updated") == f"{r.announced.isoformat()}T00:00:00+00:00"
    assert feed.findtext(f"{ATOM}updated") == f"{max(r.announced for r in records).isoformat()}T00:00:00+00:00"


def test_feed_without_site_url_has_no_links_but_every_entry_carries_its_text(built_site):
    for edition, ours in (("", "Samenvatting van de redactie"), ("en", "Unofficial summary by aztimeline")):
        text = (built_site / edition / "feed.xml").read_text(encoding="utf-8")
        feed = ET.fromstring(text)
        assert "<link" not in text  # a relative link in a feed cannot work in a reader: left out
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == len(_records())
        for e in entries:
            content = e.find(f"{ATOM}content")
            assert content is not None and content.get("type") == "text"
            assert content.text.startswith(ours)  # our summary, marked as ours


def test_sitemap_only_with_a_site_url_and_then_absolute(built_site, published_site):
    for edition in ("", "en"):
        assert not (built_site / edition / "sitemap.xml").exists()
        assert not (built_site / edition / "sitemap.xml.gz").exists()
        root = ET.parse(published_site / edition / "sitemap.xml").getroot()
        locs = [u.text for u in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        base = f"{SITE_URL}/{edition + '/' if edition else ''}"
        assert f"{base}changes/az-2020-11-18.lgbti/" in locs
        assert all(loc.startswith(base) for loc in locs)
        if edition == "":
            assert not any(loc.startswith(f"{SITE_URL}/en/") for loc in locs)  # each edition its own sitemap
        # dated by the data's last commit, not the day of the build, so one commit builds the same bytes
        committed = dt.datetime.fromisoformat(build_stamp(DATA)["commit_date"]).astimezone(dt.UTC)
        lastmod = {u.text for u in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod")}
        assert lastmod == {committed.date().isoformat()}
        with gzip.open(published_site / edition / "sitemap.xml.gz") as gz:
            gz.read()
            assert gz.mtime == int(dt.datetime.combine(committed.date(), dt.time()).timestamp())  # MkDocs: midnight, local time


def test_printed_address_and_canonical_link_come_from_site_url(built_site, published_site):
    page = "en/changes/az-2020-11-18.lgbti/index.html"
    html = (published_site / page).read_text(encoding="utf-8")
    assert f'<span class="azt-print-href">{SITE_URL}/en/changes/az-2020-11-18.lgbti/</span>' in html
    assert f'<link rel="canonical" href="{SITE_URL}/en/changes/az-2020-11-18.lgbti/">' in html
    # without a site_url the build does not guess the host: it gives the page's path within the site, which the
    # browser replaces with the whole address (see the print tests)
    assert '<span class="azt-print-href" data-relative="">\u2026/en/changes/az-2020-11-18.lgbti/</span>' in (built_site / page).read_text(encoding="utf-8")
    # and each period's citation block on the as-of page names the page and its period, not a dash
    for site, address in ((published_site, f'>{SITE_URL}/en/asof/#'), (built_site, ' data-relative="">\u2026/en/asof/#')):
        cites = re.findall(r'<dd class="azt-cite-url"([^<]*)</dd>', (site / "en/asof/index.html").read_text(encoding="utf-8"))
        assert len(cites) > 1 and all(c.startswith(address.removeprefix("<dd class")) for c in cites)
        anchors = [c.split("#", 1)[1] for c in cites]  # each at its period's answer
        assert anchors[0] == "seg-start" and len(set(anchors)) == len(anchors)
        assert all(f'<section class="azt-seg" id="{a}"' in (site / "en/asof/index.html").read_text(encoding="utf-8") for a in anchors)


@pytest.mark.parametrize(
    "value, expected",
    [(None, None), ("", None), ("https://example.org", "https://example.org/"), ("http://h/x/", "http://h/x/")],
)
def test_site_url_is_normalised(value, expected):
    assert check_site_url(value) == expected


NOT_AN_ADDRESS = [
    "example.org",
    "/az/",
    "ftp://example.org/",
    "https://example.org/?x=1",
    "https:///nohost",
    # found from outside: no host, a user part, a port that is no port, a path that links to another host
    "https://@/",
    "https://:443/",
    "https://user@example.org/",
    "http://example.org:abc/",
    "http://example.org:99999/",
    "https://example.org//evil.example/",
    "https://example.org/" + "a" * 2100 + "/",  # Excel keeps no link this long
    "https://[::1/",  # an unclosed IPv6 host: urlsplit's ValueError was a traceback
]
"""site_url values refused with the form to use (https://host/path/), or its length."""
CANNOT_CARRY = ["https://example.org/a b/", "https://example.org/<x>/", "https://example.org/\u0007/"]
"""site_url values with characters an address cannot carry: refused, percent-encode them."""


@pytest.mark.parametrize(
    ("bad", "says"), [(b, r"https://host(:port)?/path/|longer than 1000") for b in NOT_AN_ADDRESS] + [(b, r"percent-encode") for b in CANNOT_CARRY]
)
def test_site_url_that_is_not_an_address_is_refused_with_what_to_do(bad, says, tmp_path):
    with pytest.raises(OutputError, match=says):
        check_site_url(bad)
    with pytest.raises(OutputError):
        build_site(DATA, tmp_path / "site", root=ROOT, site_url=bad)
    assert not (tmp_path / "site").exists()  # nothing written


@pytest.mark.parametrize(
    "edition, lang, heading, prefix",
    [("", "nl", "404 \u2014 Pagina niet gevonden", "/"), ("en", "en", "404 \u2014 Page not found", "/en/")],
)
def test_each_edition_has_its_own_404_page_in_its_language(built_site, published_site, edition, lang, heading, prefix):
    html = (built_site / edition / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    links = re.findall(r'<a href="([^"]+)"( hreflang="\w+")?', html)
    hrefs = [u for u, _ in links]
    own = [u for u, other in links if not other]
    assert len(own) == 7 and all(u.startswith(prefix) for u in own), links  # site name and six pages of this edition
    assert [u for u, other in links if other] == ["/en/" if lang == "nl" else "/"]  # and the other edition's home
    for u in hrefs:  # every link is a path from the host's root, and its page exists in the build
        assert u.startswith("/")
        target = built_site / u.lstrip("/") / "index.html"
        assert target.is_file(), u
    # published under a path: the links carry that path
    published = (published_site / edition / "404.html").read_text(encoding="utf-8")
    assert all(u.startswith("/az/") for u in re.findall(r'<a href="([^"]+)"', published))


def test_spread_keeps_badges_apart_and_inside_the_chart():
    xs = [100.0, 101.0, 101.5, 400.0, 702.0, 703.0]
    out = spread(xs)
    assert all(b - a >= 2 * R for a, b in zip(out, out[1:], strict=False))
    assert out[0] == 100.0 and out[3] == 400.0  # marks with room stay on their day
    assert out[-1] <= 720 - 16 - R


def test_an_event_backed_by_a_fact_shows_its_record_on_the_timeline(built_site):
    cd = load_and_validate(DATA).dataset.countries["azerbaijan"]
    facts = {f.id: f for f in cd.country.facts}
    backed = [e for e in cd.events.events if e.fact]
    assert backed  # the answers to the written questions of 9 October 2020
    for edition, record, confidence in (("", "vindplaats: ", "zekerheid: "), ("en", "record: ", "confidence: ")):
        html = (built_site / edition / "timeline/index.html").read_text(encoding="utf-8")
        for e in backed:
            item = re.search(rf'<li id="event-{e.id}"><p>(.*?)</p>', html).group(1)
            assert f"({record}{facts[e.fact].record}; {confidence}" in re.sub(r"<[^>]+>", "", item), item
            if facts[e.fact].publication:  # linked to the publication it records
                assert f'<a href="https://zoek.officielebekendmakingen.nl/{facts[e.fact].publication}.html" rel="external">' in item


def test_a_facts_note_on_how_sure_each_part_is_is_shown_beside_its_confidence(built_site):
    """A fact's one confidence word is that of the part relied on; its note says the rest ("high for the Vc 2013
    text; medium that it still read so on 17 November 2020"). The sources page and the timeline dropped the note,
    and so overstated the weaker part (found by a lawyer's fresh read)."""
    cd = load_and_validate(DATA).dataset.countries["azerbaijan"]
    noted = [f for f in cd.country.facts if f.confidence_note_nl]
    assert len(noted) >= 5
    for edition, lang in (("", "nl"), ("en", "en")):
        html = (built_site / edition / "sources/index.html").read_text(encoding="utf-8")
        for f in noted:
            note = getattr(f, f"confidence_note_{lang}").rstrip(".")
            assert f"</strong> – {note[:1].lower()}{note[1:]})" in html.replace("&#39;", "'"), (lang, f.id)
    timeline = (built_site / "timeline/index.html").read_text(encoding="utf-8")
    link = '<a href="https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html" rel="external">'
    assert f"(vindplaats: rectificatie van {link}Stcrt. 2021, 1592</a>; zekerheid: hoog)" in timeline  # the publication's record, said to be one


def test_timeline_chart_markers_never_overlap_and_events_are_labelled(built_site):
    for edition in ("", "en"):
        html = (built_site / edition / "timeline/index.html").read_text(encoding="utf-8")
        start = html.index('<figure class="azt-timeline"')
        svg = html[start : html.index("</svg>", start)]
        badges = re.findall(
            r'<g class="(azt-badge|azt-event-badge|azt-later-badge)">.*?<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/><text[^>]*>([^<]+)</text>', svg
        )
        for kinds in (("azt-badge",), ("azt-event-badge", "azt-later-badge")):  # events and later ones share a line
            circles = [(float(x), float(y), float(r)) for k, x, y, r, _ in badges if k in kinds]
            for i, a in enumerate(circles):
                for b in circles[i + 1 :]:
                    assert math.dist(a[:2], b[:2]) >= a[2] + b[2], (kinds, a, b)
        letters = [label for k, *_, label in badges if k == "azt-badge"]
        signed = "D"  # gedateerd / dated: the word a source gives ("dated 7 January 2021")
        assert letters.count(signed) == 1 and letters.count("P") == 1 and letters.count("A") == 1
        events = [label for k, *_, label in badges if k == "azt-event-badge"]
        listed = re.findall(r'<li id="event-', html)
        assert events == [str(i) for i in range(1, len(events) + 1)] and len(events) == len(listed) > 0
        # what is known after the last version stands on the same line, lettered as the list at the bottom
        later = [(float(x), label) for k, x, *_, label in badges if k == "azt-later-badge"]
        lettered = html[html.index('<ol type="a" class="azt-developments">') :]
        assert [label for _, label in later] == list("abc")[: len(later)] and len(later) == lettered[: lettered.index("</ol>")].count("<li>") == 3
        assert later == sorted(later) and later[0][0] > max(float(x) for k, x, *_ in badges if k == "azt-event-badge")


def test_developments_known_later_are_lettered_as_an_html_list_of_type_a_counts():
    from aztimeline.site.svg import later_letter

    assert [later_letter(n) for n in (1, 2, 26, 27, 28, 52, 53, 702, 703)] == ["a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"]


def test_the_timeline_chart_gives_the_latest_version_no_end_rather_than_now(built_site):
    """'18 november 2020 – heden' read as an answer current to today; the data records no end, and its search for
    later changes stops at a limit (found by a lawyer's fresh read). Each period is said as the pages say it, its last
    day included: "onbekende datum – 18 november 2020" ended on the next period's first day (a later lawyer's read)."""
    for edition, words in (
        ("", ("t/m 17 november 2020 (begindatum onbekend)", "vanaf 18 november 2020 (geen einde vastgelegd)")),
        ("en", ("up to and including 17 November 2020 (start date unknown)", "from 18 November 2020 (no end recorded)")),
    ):
        html = (built_site / edition / "timeline/index.html").read_text(encoding="utf-8")
        desc = html[html.index("<desc") : html.index("</desc>")]
        assert all(w in desc for w in words) and "\u2013 heden" not in html and "\u2013 now" not in html
        assert "18 november 2020; " not in desc and "18 November 2020; " not in desc


def test_the_timeline_chart_draws_the_announced_stretch_light_up_to_the_publication(built_site):
    """The bar of the policy after the letter began, solid, on the letter's day, while the answers for those days say
    the changes were only announced until WBV 2021/2 was published (found by a lawyer's fresh read)."""
    for edition, words in (("", "tot de publicatie op 13 januari 2021 nog niet opgenomen in de Vc"), ("en", "until its publication on 13 January 2021")):
        html = (built_site / edition / "timeline/index.html").read_text(encoding="utf-8")
        svg = html[html.index("<figure class=\"azt-timeline\"") : html.index("</figure>")]
        (light,) = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" rx="3" class="azt-bar azt-bar-announced"/>', svg)
        ticks = [float(x) for x in re.findall(r'<line x1="([\d.]+)" y1="[\d.]+" x2="[\d.]+" y2="[\d.]+" class="azt-tick"/>', svg)]
        start, end = float(light[0]), round(float(light[0]) + float(light[1]), 1)
        assert start in ticks and end in ticks and start < end  # from the A tick to the P tick
        assert re.search(rf'<rect x="{end}" [^>]*class="azt-bar"/>', svg)  # the solid bar goes on from there
        assert words in svg  # and the description says it


def test_the_timeline_lists_what_is_known_later_and_up_to_when_it_was_looked_for(built_site):
    """The timeline's events stopped in November 2020, while the answers listed later developments up to December
    2021 and the search's limit (found by a second lawyer's read)."""
    country = load_and_validate(DATA).dataset.countries["azerbaijan"].country
    later = country.currency.known_later
    assert len(later) >= 3
    for edition, lang, limit in (("", "nl", "tot en met 31 december 2024"), ("en", "en", "up to and including 31 December 2024")):
        html = (built_site / edition / "timeline/index.html").read_text(encoding="utf-8").replace("&#34;", '"')
        section = html[html.index('<ol class="azt-events">') :]
        assert limit in section and all(getattr(k, f"title_{lang}") in section for k in later)
