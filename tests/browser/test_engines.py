"""Differences between the site engines that the build makes up for, kept as tests (README: "Two site engines")."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.zensical]


def test_a_quote_link_in_the_english_edition_opens_the_english_source(page, site_url):
    """Zensical rewrites the links in a page's HTML as if relative to the Markdown file; the build writes them so
    that they come out as MkDocs leaves them (engines.relink_for_zensical). Without that, this link led from the
    English edition into the Dutch one."""
    page.goto(f"{site_url}/en/changes/az-2020-11-18.ipa-mixed-relationships/")
    page.click("blockquote.azt-quote footer a >> nth=0")
    page.wait_for_url(lambda url: url.split(":~:")[0].endswith("/en/sources/kamerbrief-2020-11-18/#p9"))
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_markdown_download_is_the_file(page, site_url):
    """Zensical turns a link to x.md into a page address; the build points it back at the download."""
    page.goto(f"{site_url}/en/downloads/")
    link = page.locator("a[href$='-en.md']").first
    assert link.count() == 1
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename.endswith("-en.md")
