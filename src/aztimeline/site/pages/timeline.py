"""The timeline page: the chart (site/svg.py) and, as text, the versions with their milestones and the dated events."""

from __future__ import annotations

from markupsafe import Markup

from ...timeline import MILESTONES, currency, milestone_date
from ..context import Site
from ..svg import events_in_order, timeline_svg
from ..views import event_view, fact, render_page, version_link
from .status import development_view


def render_timeline(site: Site) -> str:
    """The timeline page of one edition."""
    page = "timeline.md"
    countries = []
    for cd in site.countries:
        tl = site.timelines[cd.country.id]
        # up to when later changes were looked for, and every development no version records, where it is dated
        cur = currency(tl, None) if tl.periods else None
        versions = []
        for p in tl.periods:
            v = cd.versions[p.version]
            ms = [
                {"name": name, "date": milestone_date(v, name), "fact": fact(site, cd, getattr(v.milestones, name).fact)}
                for name in MILESTONES
            ]
            versions.append(version_link(site, page, v) | {"start": p.start, "end": p.end, "milestones": ms})
        countries.append(
            {
                "svg": Markup(timeline_svg(site, cd, tl, cur["known_later"] if cur else [])),  # built with escaped text by svg.py
                "versions": versions,
                "events": [event_view(site, page, cd, e) for e in events_in_order(cd)],
                "later": cur
                and {"text": cur[f"text_{site.lang}"], "items": [development_view(site, k) for k in cur["known_later"]]},
            }
        )
    return render_page(site, "timeline.md.j2", countries=countries)
