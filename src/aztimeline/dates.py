"""Dates in words, in both languages (a module of its own, so the cached as-of answer needs nothing heavier)."""

from __future__ import annotations

import datetime as dt

DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)
"""Dates in the data lie in this range: wide for a policy timeline, and far from the ends of the calendar. The loader
refuses others, the site's date fields offer these, and `asof` answers for no other."""

MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}


def long_date(day: dt.date | None, lang: str) -> str:
    """18 november 2020 / 18 November 2020; the word for unknown when there is no date."""
    if day is None:
        return "onbekend" if lang == "nl" else "unknown"
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def long_month(value: str, lang: str) -> str:
    """A year and month (2020-07) written out: juli 2020 / July 2020."""
    return f"{MONTHS[lang][int(value[5:7]) - 1]} {value[:4]}"
