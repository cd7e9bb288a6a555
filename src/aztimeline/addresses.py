"""Addresses: of the published site and its pages, and of official publications (a module below every layer).

site_url is optional. With it, the feed, the sitemap, printed pages and exports carry absolute links; without it,
what needs one is left out rather than given a link that cannot work.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .errors import OutputError
from .textrules import brief

OFFICIAL_BASE = "https://zoek.officielebekendmakingen.nl/"
"""The official publications site of the Dutch government (FACTS.md, "Where official publications are found")."""

PUBLICATION_ID = r"^(stcrt-(19|20|21)[0-9]{2}-[1-9][0-9]{0,6}|stb-(19|20|21)[0-9]{2}-[1-9][0-9]{0,6}|kst-[1-9][0-9]{0,5}(-[A-Za-z0-9]{1,6})?-[1-9][0-9]{0,5}|ah-tk-(19|20|21)[0-9]{2}(19|20|21)[0-9]{2}-[1-9][0-9]{0,5})$"
"""An identifier of an official publication in the form FACTS.md records: stcrt-YEAR-NUMBER (Staatscourant),
kst-DOSSIER-NUMBER (Kamerstuk), stb-YEAR-NUMBER (Staatsblad), ah-tk-SESSION-NUMBER (Aanhangsel Handelingen)."""

_PUBLICATION = re.compile(PUBLICATION_ID)


def official_url(identifier: str) -> str:
    """The page of an official publication: https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html.

    Only identifiers a fact records are linked (never one we work out ourselves); an identifier in another form
    is refused, so no link is made up.
    """
    if not _PUBLICATION.fullmatch(identifier):
        raise ValueError(f"{identifier!r} is not an identifier of an official publication")
    return f"{OFFICIAL_BASE}{identifier}.html"


MAX_SITE_URL = 1_000
"""Longest site address accepted: a page's address (the site's plus at most ~200 characters) must stay within the
2,079 characters that Excel keeps of a link (XlsxWriter leaves a longer link out, with only a warning)."""


def check_site_url(value: str | None) -> str | None:
    """The site's address with one trailing slash, or None; an address that is not http(s)://host/... is refused."""
    if value is None or not str(value).strip():
        return None
    url = str(value).strip()
    shown = brief(url)
    if len(url) > MAX_SITE_URL:
        raise OutputError(f"site_url {shown} is longer than {MAX_SITE_URL} characters; a page's address must fit a link in Excel")
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed [ of an IPv6 host
        raise OutputError(f"site_url {shown} is not a site address; give it as https://host/path/ (no ?query or #fragment)") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or "@" in parts.netloc:
        raise OutputError(f"site_url {shown} is not a site address; give it as https://host/path/ (no ?query or #fragment)")
    try:
        parts.port  # noqa: B018  (a port that is not a number from 0 to 65535 raises)
    except ValueError:
        raise OutputError(f"site_url {shown} has a port that is not a number from 0 to 65535; give it as https://host:port/path/") from None
    if parts.path.startswith("//"):  # a link to "//x/" leads to the host x, not to a folder of this site
        raise OutputError(f"site_url {shown} has a path that starts with //; give it as https://host/path/")
    if any(ch.isspace() or not ch.isprintable() or ch in '"<>\\^`{|}' for ch in url):
        raise OutputError(f"site_url {shown} holds a character an address cannot carry as it is; percent-encode it (a space is %20)")
    return url if url.endswith("/") else url + "/"


def edition_url(site_url: str | None, lang: str) -> str | None:
    """The address of one edition: the site's address for Dutch, its en/ folder for English."""
    if site_url is None:
        return None
    return site_url + ("en/" if lang == "en" else "")


def page_url(md_path: str) -> str:
    """The directory URL MkDocs gives a page: versions/x.md -> versions/x/, index.md -> ''."""
    stem = md_path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def page_address(site_url: str | None, lang: str, md_name: str) -> str | None:
    """The absolute address of a generated page (changes/x.md -> https://host/path/en/changes/x/)."""
    base = edition_url(site_url, lang)
    return None if base is None else base + page_url(md_name)


def address_or_path(site_url: str | None, lang: str, md_name: str) -> tuple[str, bool]:
    """The page's absolute address, or, where the build does not know the site's, its path within the site
    ("…/en/asof/"), with True: the browser's script then puts the whole address in its place."""
    address = page_address(site_url, lang, md_name)
    if address is None:
        return "\u2026/" + ("en/" if lang == "en" else "") + page_url(md_name), True
    return address, False
