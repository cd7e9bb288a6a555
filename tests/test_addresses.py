"""Addresses of official publications and of the site, and text shown on a terminal."""

from __future__ import annotations

import pytest

from aztimeline.addresses import official_url
from aztimeline.textrules import for_terminal
from aztimeline.validate import load_and_validate

from .conftest import DATA


@pytest.mark.parametrize(
    ("identifier", "url"),
    [
        ("stcrt-2021-1592", "https://zoek.officielebekendmakingen.nl/stcrt-2021-1592.html"),
        ("kst-19637-2800", "https://zoek.officielebekendmakingen.nl/kst-19637-2800.html"),
        ("stb-2019-143", "https://zoek.officielebekendmakingen.nl/stb-2019-143.html"),
        ("ah-tk-20202021-831", "https://zoek.officielebekendmakingen.nl/ah-tk-20202021-831.html"),
    ],
)
def test_official_url_follows_the_pattern_facts_md_gives(identifier: str, url: str) -> None:
    assert official_url(identifier) == url


@pytest.mark.parametrize("identifier", ["", "stcrt-2021-01592", "kst-19637", "../stcrt-2021-1592", "stcrt-2021-1592.html", "bwbr0012289"])
def test_official_url_refuses_what_is_not_an_identifier(identifier: str) -> None:
    with pytest.raises(ValueError, match="not an identifier"):
        official_url(identifier)


def test_the_data_links_exactly_the_publications_facts_md_identifies() -> None:
    country = load_and_validate(DATA).dataset.countries["azerbaijan"].country
    linked = {f.id: f.publication for f in country.facts if f.publication}
    assert linked == {
        "fact-wbv-2021-2": "stcrt-2021-1592",
        "fact-wbv-2021-2-published": "stcrt-2021-1592",
        "fact-aanhangsel-831": "ah-tk-20202021-831",
        "fact-letter-2021-12-07": "kst-19637-2800",
        "fact-wbv-2022-1": "stcrt-2022-53",
    }


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain tekst", "plain tekst"),
        ("red \x1b[31mflag", "red \\x1b[31mflag"),
        ("osc \x1b]0;title\x07", "osc \\x1b]0;title\\x07"),
        ("line\u2028break", "line\\u2028break"),
        ("a\x1fb", "a\\x1fb"),
        ("over\rwrite", "over\\x0dwrite"),
        ("evil\u202etxt", "evil\\u202etxt"),
        ("two\nlines", "two\\x0alines"),
        ("tab\tstays", "tab\tstays"),
    ],
)
def test_for_terminal_shows_what_a_terminal_would_act_on(text: str, shown: str) -> None:
    assert for_terminal(text) == shown


def test_for_terminal_keeps_newlines_when_asked() -> None:
    assert for_terminal("a\x1b\nb", keep_newlines=True) == "a\\x1b\nb"
