"""The downloads page: the exports a liaison forwards, the JSON API and the feed.

What is offered, and why: a liaison forwards either everything that changed or the latest change. So the whole set
of changes is offered in every format and both languages, and each of the latest transitions on its own in every
format; an older transition on its own as the Word memo only (the whole set holds its changes in every format, and
`aztimeline export --from/--to` makes any other selection). With one transition its files are the whole set. At 100
versions the old offer, every transition in every format, came to 40 MB of the site.
"""

from __future__ import annotations

from typing import Any

from ..context import Site, rel
from ..views import render_page

DOWNLOAD_FORMATS = ("docx", "xlsx", "csv", "md", "json")
RECENT_TRANSITIONS = 5
"""The latest transitions of a country offered on their own in every format."""
OLDER_FORMATS = ("docx",)
"""The formats an older transition is offered in on its own."""
ZIPPED = frozenset({"json"})
"""Formats of the whole set offered as a zip archive of the one file: the JSON export of every change repeats each
provision before and after with its citations (12 MB per language at 100 versions; 1 MB zipped)."""


def download_name(aid: str, lang: str, fmt: str) -> str:
    """The file of one transition's changes."""
    return f"downloads/aztimeline-{aid}-{lang}.{fmt}"


def whole_set_name(lang: str, fmt: str) -> str:
    """The file of every change (a zip archive for the formats in ZIPPED)."""
    return f"downloads/aztimeline-{lang}.{fmt}" + (".zip" if fmt in ZIPPED else "")


def offered(site: Site) -> list[tuple[str | None, tuple[str, ...]]]:
    """What the downloads offer: (None for the whole set, or a transition id; its formats), in reading order."""
    per_country = [site.timelines[cd.country.id].order for cd in site.countries]
    transitions = [aid for order in per_country for aid in order if site.v.changes.get(aid)]
    if len(transitions) <= 1:
        return [(aid, DOWNLOAD_FORMATS) for aid in transitions]
    out: list[tuple[str | None, tuple[str, ...]]] = [(None, DOWNLOAD_FORMATS)]
    for order in per_country:
        with_changes = [aid for aid in order if site.v.changes.get(aid)]
        recent = set(with_changes[-RECENT_TRANSITIONS:])
        out += [(aid, DOWNLOAD_FORMATS if aid in recent else OLDER_FORMATS) for aid in reversed(with_changes)]
    return out


def render_downloads(site: Site, available: dict[str, int]) -> str:
    """The downloads page, linking the files of available (name -> size in bytes)."""
    return render_page(site, "downloads.md.j2", **view(site, available))


def view(site: Site, available: dict[str, int]) -> dict[str, Any]:
    page = "downloads.md"

    def file(name: str, fmt: str) -> dict[str, Any]:
        zipped = name.endswith(".zip")
        return {
            "url": rel(page, name, file=True),
            "name": name.rsplit("/", 1)[1],
            "text": site.t["download_" + fmt] + (" " + site.t["download_zipped"] if zipped else ""),
            "size": size_words(available[name], site.lang),
        }

    whole = None
    transitions: list[dict[str, Any]] = []
    older: list[dict[str, Any]] = []
    for aid, formats in offered(site):
        if aid is None:
            names = [(whole_set_name(site.lang, fmt), fmt) for fmt in formats]
            whole = [file(n, fmt) for n, fmt in names if n in available]
            continue
        cd = next(cd for cd in site.countries if aid in cd.amendments)
        a = cd.amendments[aid]
        files = [file(n, fmt) for fmt in formats if (n := download_name(aid, site.lang, fmt)) in available]
        entry = {
            "id": aid,
            "title": site.version_title(cd.versions[a.version_to]),
            "announced": a.announced,
            "changes": len(site.v.changes.get(aid, [])),
            "url": rel(page, "changes/index.md", aid),
            "files": files,
        }
        (transitions if formats == DOWNLOAD_FORMATS else older).append(entry)
    up = "../" if site.lang == "en" else ""  # the JSON API is served once, from the Dutch (root) edition
    api = [
        {"url": up + rel(page, f"api/{name}", file=True), "name": f"api/{name}"}
        for name in ("versions.json", "changes.json", "periods.json")
    ]
    return dict(
        whole=whole,
        transitions=transitions,
        older=older,
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
