"""The corrections log: editorial corrections of the data between git revisions, kept apart from policy changes."""

from __future__ import annotations

from typing import Any

from ..context import Site
from ..views import render_page, shown_value


def render_corrections(site: Site) -> str:
    """The corrections page of one edition."""
    return render_page(site, "corrections.md.j2", **view(site))


def view(site: Site) -> dict[str, Any]:
    corrections = []
    for c in site.corrections:
        fv = c.commit
        corrections.append(
            {
                "day": fv.date[:10],
                "sha": fv.sha[:10],
                "author": fv.author,
                "message": fv.message if site.lang == "en" else None,  # commit messages are written in English
                "changes": [
                    {
                        "text": ch.describe(site.lang),
                        # a value keeps its language (a field's _nl or _en, else Dutch: quotes and terms), marked
                        # for readers and screen readers where it is not the edition's
                        "lang": _language(ch.path) if _language(ch.path) != site.lang else None,
                        "corrected": ch.change == "corrected",
                        "before": shown_value(ch.before) if ch.change == "corrected" else None,
                        "after": shown_value(ch.after) if ch.change == "corrected" else None,
                    }
                    for ch in c.changes
                ],
            }
        )
    return dict(notice=site.history_notice, corrections=corrections)


def _language(path: str) -> str:
    """The language of a data field's text: English for our *_en fields, else Dutch."""
    return "en" if path.rsplit(".", 1)[-1].endswith("_en") else "nl"
