"""The downloads page: the exports a liaison forwards, the JSON API and the feed.

What is offered, and why: a liaison forwards either everything that changed or the latest change. So the whole set
of changes is offered in every format and both languages, and each of the latest transitions on its own in every
format; an older transition's changes are in the whole set (its workbook filters by the letter's date), and `aztimeline
export --from/--to` makes any other selection. With one transition its files are the whole set. A file over
ZIP_OVER bytes is offered as a zip archive of it (the text formats shrink to a tenth). At 100 versions the old
offer, every transition in every format, came to 40 MB of the site; this one to about 6 MB.
"""

from __future__ import annotations

from typing import Any

from ..context import Site, rel
from ..views import render_page

DOWNLOAD_FORMATS = ("docx", "xlsx", "csv", "md", "json")
RECENT_TRANSITIONS = 5
"""The latest transitions of a country offered on their own."""
ZIP_OVER = 1_000_000
"""A download larger than this is offered as a zip archive holding it (docx and xlsx are zip archives already)."""


def download_name(aid: str | None, lang: str, fmt: str) -> str:
    """The file of one transition's changes, or with aid None of every change (before it is zipped, see ZIP_OVER)."""
    return f"downloads/aztimeline-{aid}-{lang}.{fmt}" if aid else f"downloads/aztimeline-{lang}.{fmt}"


def offered(site: Site) -> list[str | None]:
    """What the downloads offer, each in every format: None for the whole set, or a transition id, in reading order."""
    per_country = [[aid for aid in site.timelines[cd.country.id].order if site.v.changes.get(aid)] for cd in site.countries]
    transitions: list[str | None] = [aid for with_changes in per_country for aid in with_changes]
    if len(transitions) <= 1:
        return transitions
    return [None, *(aid for with_changes in per_country for aid in reversed(with_changes[-RECENT_TRANSITIONS:]))]


def render_downloads(site: Site, available: dict[str, tuple[str, int, int]]) -> str:
    """The downloads page, linking the files of available (name as offered -> name as written, its size and the export's own size in bytes)."""
    page = "downloads.md"

    def file(offered_as: str, fmt: str) -> dict[str, Any]:
        name, size, unpacked = available[offered_as]
        zipped = name.endswith(".zip")
        note = site.t["download_zipped"].format(name=offered_as.rsplit("/", 1)[1], size=size_words(unpacked, site.lang))
        return {
            "url": rel(page, name, file=True),
            "name": name.rsplit("/", 1)[1],
            "text": site.t["download_" + fmt] + (" " + note if zipped else ""),
            "size": size_words(size, site.lang),
        }

    whole = None
    transitions: list[dict[str, Any]] = []
    for aid in offered(site):
        files = [file(n, fmt) for fmt in DOWNLOAD_FORMATS if (n := download_name(aid, site.lang, fmt)) in available]
        if aid is None:
            whole = files
            continue
        cd = next(cd for cd in site.countries if aid in cd.amendments)
        a = cd.amendments[aid]
        entry = {
            "id": aid,
            "title": site.pick(cd.versions[a.version_to], "title"),
            "announced": a.announced,
            "changes": len(site.v.changes.get(aid, [])),
            "url": rel(page, "changes/index.md", aid),
            "files": files,
        }
        transitions.append(entry)
    up = "../" if site.lang == "en" else ""  # the JSON API is served once, from the Dutch (root) edition
    api = [
        {"url": up + rel(page, f"api/{name}", file=True), "name": f"api/{name}"}
        for name in ("versions.json", "changes.json", "periods.json")
    ]
    return render_page(
        site,
        "downloads.md.j2",
        whole=whole,
        transitions=transitions,
        older=sum(1 for cd in site.countries for aid in site.timelines[cd.country.id].order if site.v.changes.get(aid)) - len(transitions),
        recent=RECENT_TRANSITIONS,
        api=api,
        feed_url=rel(page, "feed.xml", file=True),
    )


def size_words(n: int, lang: str) -> str:
    """A file size as readers write it: 16 kB, 1,2 MB (1.2 MB in English)."""
    if n < 1_000_000:
        return f"{max(1, round(n / 1000))} kB"
    text = f"{n / 1_000_000:.1f} MB"
    return text.replace(".", ",") if lang == "nl" else text
