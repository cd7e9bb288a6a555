"""The downloads page: the exports of every transition in every format, the JSON API and the feed."""

from __future__ import annotations

from typing import Any

from ..context import Site, rel
from ..views import render_page


def render_downloads(site: Site, available: list[str]) -> str:
    """The downloads page, linking the files of available."""
    return render_page(site, "downloads.md.j2", **view(site, available))


def view(site: Site, available: list[str]) -> dict[str, Any]:
    page = "downloads.md"
    transitions = []
    for aid in site.v.changes:
        files = []
        for fmt in DOWNLOAD_FORMATS:
            name = download_name(aid, site.lang, fmt)
            if name in available:
                files.append({"url": rel(page, name, file=True), "name": name.rsplit("/", 1)[1], "text": site.t["download_" + fmt]})
        cd = next(cd for cd in site.countries if aid in cd.amendments)
        transitions.append({"id": aid, "title": site.version_title(cd.versions[cd.amendments[aid].version_to]), "files": files})
    up = "../" if site.lang == "en" else ""  # the JSON API is served once, from the Dutch (root) edition
    api = [
        {"url": up + rel(page, f"api/{name}", file=True), "name": f"api/{name}"}
        for name in ("versions.json", "changes.json", "periods.json")
    ]
    return dict(transitions=transitions, api=api, feed_url=rel(page, "feed.xml", file=True))


DOWNLOAD_FORMATS = ("docx", "xlsx", "csv", "md", "json")


def download_name(aid: str, lang: str, fmt: str) -> str:
    return f"downloads/aztimeline-{aid}-{lang}.{fmt}"
