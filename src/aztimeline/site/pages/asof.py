"""The as-of page: the legal status on a date, for everyone or for one group, with how current the answer is and a
block to cite it; a static table of periods and one answer per period make it work without JavaScript."""

from __future__ import annotations

from typing import Any

from ...load import CountryData
from ...precision import group_vocabulary
from ..context import Site, rel
from ..views import render_page
from .status import cite_view, currency_view, group_view, script_dates, status_blocks, status_cards, status_view

ASOF_FULL_UP_TO = 400
"""Up to this many provisions over all versions, the as-of page carries every rule and fact with its status and the
answer for each group. With more, it carries the status, currency and citation of each stretch of dates, and each
links to its version page for the rules: 100 versions of 100 rules would make a page of many megabytes that a phone
loads for one date."""


def segments_and_blocks(site: Site, page: str, cd: CountryData, *, embedded: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The stretches of dates with one answer each, and (when embedded) the blocks of rules and facts they show.

    A block holds the rules and facts of one status; stretches whose status is the same share it, so each rule
    stands on the page once per status, not once per stretch.
    """
    vocabulary = group_vocabulary(cd.country)
    gids = [g.id for g in cd.country.groups if g.id != "everyone"]
    stretches, status_blocks_ = status_blocks(site, cd)
    blocks = [
        {
            "key": b["key"],
            "from": b["from"],
            "to": b["to"],
            **status_cards(site, page, cd, b["answer"]["status"], b["key"]),
            "groups": [group_view(site, page, b["answer"], gid, vocabulary, b["key"]) for gid in gids],
        }
        for b in status_blocks_
    ] if embedded else []
    segments = []
    for i, seg in enumerate(stretches):
        a = seg["answer"]
        ver = a["version"]
        status = status_view(site, page, a["status"])
        cur = a.get("currency") or {}
        # why a stretch begins where the status does not change: a development becomes known, or the search ends
        day = seg["from"] and seg["from"].isoformat()
        starts = [site.t["seg_later"].format(what=k[f"title_{site.lang}"]) for k in cur.get("known_before") or [] if k["date"] == day]
        if cur.get("beyond") and i and not (stretches[i - 1]["answer"].get("currency") or {}).get("beyond"):
            starts.append(site.t["seg_beyond"].format(date=site.date(cur["checked_until"])))
        segments.append(
            {
                "key": seg["key"],
                "from": seg["from"],
                "to": seg["to"],
                "block": seg["block"] if embedded else None,
                "status": status,
                "currency": currency_view(site, cur),
                "cite": cite_view(site, page, cd, a["status"], status["stage_words"]),
                "version": ver and {"id": ver["id"], "title": ver[f"title_{site.lang}"], "url": rel(page, f"versions/{ver['id']}.md")},
                "basis": (a.get("basis") or {}).get(f"text_{site.lang}"),
                "starts": starts,
            }
        )
    return segments, blocks


SCRIPT_LABELS = (
    "bad_date",
    "date_range",
    "bad_date_heading",
    "date_not_exist",
    "unknown_group",
    "asof_title",
    "asof_title_group",
    "asof_future",
    "nothing",
    "all_groups",
    "everyone_rules",
    "other_rules",
    "all_rules",
    "all_facts",
    "show_full",
    "hide_full",
    "folded",
    "other_group",
    "cite_line",
    "cite_for",
    "scale_groups",
    "site",
)


def render_asof(site: Site) -> str:
    """The as-of page of one edition."""
    page = "asof.md"
    t = site.t
    cd = site.countries[0]
    embedded = sum(len(v.provisions) for v in cd.versions.values()) <= ASOF_FULL_UP_TO
    segments, blocks = segments_and_blocks(site, page, cd, embedded=embedded)
    groups = [{"id": g.id, "label": site.pick(g, "label")} for g in cd.country.groups if g.id != "everyone"]
    script_data = script_dates(site, segments, [(s["version"] or {}).get("id") for s in segments]) | {
        "groups": {g["id"]: g["label"] for g in groups},
        "vc": cd.country.vc_paragraph,
        "labels": {k: t[k] for k in SCRIPT_LABELS},
    }
    return render_page(site, "asof.md.j2", segments=segments, blocks=blocks, groups=groups, script_data=script_data)
