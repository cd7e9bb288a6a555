"""Site chrome shared by every page: the Atom feed, the 404 pages, sitemaps, the printed address (see addresses.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, overload
from urllib.parse import urlsplit

from markupsafe import Markup

from ..addresses import address_or_path, edition_url
from ..dates import MONTHS
from .context import h
from .labels import NOT_FOUND, OTHER, T
from .render import ENV

if TYPE_CHECKING:
    from .context import Site


def print_address(site_url: str | None, lang: str, md_name: str) -> str:
    """The line with the page's own address, and one saying the site is an aid, not an official source, shown only
    in print (azt-chrome.css). Where the build does not know the site's address, the page's path within the site
    stands there ("…/changes/x/"), which the browser's script replaces with the whole address. The script adds the
    day the page was printed on, in this edition's words, for a reader who files the page (the build cannot know
    that day); without the script a blank stands there to fill in."""
    label, (address, partial) = T[lang]["print_address"], address_or_path(site_url, lang, md_name)
    relative = ' data-relative=""' if partial else ""
    consulted, blank = T[lang]["print_consulted"], T[lang]["print_consulted"].format(date="\u2026" * 10)
    attrs = f' data-consulted="{h(consulted)}" data-consulted-blank="{h(blank)}" data-months="{h(",".join(MONTHS[lang]))}"'
    href = f'<span class="azt-print-href"{relative}>{h(address)}</span>'
    aid = f'<p class="azt-print-aid" data-search-exclude>{h(T[lang]["print_aid"])}</p>'
    return f'<p class="azt-print-url"{attrs} data-search-exclude>{h(label)}: {href}</p>{aid}'


@overload
def record_words(site: Site, record: str) -> str: ...
@overload
def record_words(site: Site, record: None) -> None: ...
def record_words(site: Site, record: str | None) -> str | None:
    """A fact's record as this edition names it: in the Dutch edition the fact's record_nl, where the data gives one.

    Records reach the pages both from facts and from the JSON contract (placement, context, currency), which
    carries the record as written; the facts themselves say how the Dutch edition names it.
    """
    if record is None or site.lang != "nl":
        return record
    names = site.cache.get("record_nl")
    if names is None:
        names = site.cache["record_nl"] = {f.record: f.record_nl for cd in site.countries for f in cd.country.facts if f.record_nl}
    return str(names.get(record, record))


# --- the Atom feed -----------------------------------------------------------------------------------------


def atom_feed(site: Site) -> bytes:
    """The change records as an Atom feed, written by feedgen.

    Dates come from the data (the day a change was announced), never the clock, so a commit builds the same
    bytes. Ids are stable URNs. Links need the site's address: without site.site_url the feed has none, and each entry
    carries its text as content instead (Atom asks for one or the other).
    """
    from feedgen.feed import FeedGenerator

    t = site.t
    base = edition_url(site.site_url, site.lang)
    records = site.records()
    latest = max((r.announced for r in records), default=dt.date(2000, 1, 1))
    fg = FeedGenerator()
    fg.id(f"urn:aztimeline:{site.lang}:changes")
    fg.title(f"{t['site']} \u2014 {t['changes']}")
    fg.language(site.lang)
    fg.author({"name": "aztimeline"})
    fg.generator("aztimeline")  # feedgen's default names its own version; ours keeps the feed about the data
    fg.updated(_utc(latest))
    if base:
        fg.link(href=base + "feed.xml", rel="self", type="application/atom+xml")
        fg.link(href=base + "changes/", rel="alternate", type="text/html")
    for r in records:
        e = fg.add_entry(order="append")
        e.id(f"urn:aztimeline:change:{r.id}")
        e.title(f"{site.pick(r, 'title')} ({t[r.kind]})")
        e.updated(_utc(r.announced))
        e.published(_utc(r.announced))
        e.category(term=r.kind, label=t[r.kind])
        summary = (r.after or r.before or {}).get(f"summary_{site.lang}", "")
        e.content(f"{t['ours']}: {summary}" if summary else t[r.kind], type="text")
        if base:
            e.link(href=f"{base}changes/{r.id}/", rel="alternate", type="text/html")
    return fg.atom_str(pretty=True)


def _utc(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


# --- the 404 pages -----------------------------------------------------------------------------------------


def not_found_page(lang: str, site_url: str | None = None) -> str:
    """A self-contained 404 page for one edition.

    A server shows it for any address that does not exist, at any depth, so its links are absolute paths: from
    the path of site_url when it is known, else from the root of the host (/ and /en/). It needs no theme,
    script or stylesheet of the site, so it looks the same with every engine and in every folder.
    """
    root = urlsplit(site_url).path if site_url else "/"
    return ENV.get_template("not_found.html.j2").render(
        lang=lang,
        nf=NOT_FOUND[lang],
        # addresses escaped by h, as on every other page (Jinja would write an apostrophe in a path as &#39;)
        here=Markup(h(root + ("en/" if lang == "en" else ""))),
        other=Markup(h(root + ("en/" if OTHER[lang] == "en" else ""))),
        other_lang=OTHER[lang],
        links=[("", NOT_FOUND[lang]["home"]), *((f"{key}/", T[lang][key]) for key in ("asof", "timeline", "versions", "changes", "sources"))],
        site_name=f"aztimeline \u2014 {T[lang]['site']}",
    )


def finish_edition(site_dir: Path, lang: str, site_url: str | None) -> None:
    """After the engine ran: our own 404 page instead of the theme's, and no sitemap without an address."""
    (site_dir / "404.html").write_text(not_found_page(lang, site_url), encoding="utf-8")
    if site_url is None:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
