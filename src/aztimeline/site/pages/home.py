"""The home page: what the policy says now, the way to an as-of answer, and the changes at a glance."""

from __future__ import annotations

from typing import Any

from ...precision import placement_json
from ..context import Site, rel
from ..views import change_rows, render_page, version_link


def render_home(site: Site) -> str:
    """The home page of one edition."""
    return render_page(site, "home.md.j2", **view(site))


def view(site: Site) -> dict[str, Any]:
    page = "index.md"
    cd = site.countries[0]
    tl = site.timelines[cd.country.id]
    last = tl.periods[-1]
    current = cd.versions[last.version]
    provisions = [
        {
            "url": rel(page, f"versions/{current.id}.md", f"prov-{pid}"),
            "title": site.provision_title(p),
            "section": placement_json(p, cd.country)[f"label_{site.lang}"],
        }
        for s in cd.country.sections
        for pid, p in current.provisions.items()
        if p.section == s.id
    ]
    glance = [
        {
            "heading": site.t["at_glance"].format(date=site.date(cd.amendments[aid].announced)),
            "rows": change_rows(site, page, site.v.changes.get(aid, [])),
        }
        for aid in tl.order
    ]
    return dict(
        title=f"{site.t['site']} (Vc {cd.country.vc_paragraph})",
        scope_note=site.pick(cd.country, "scope_note"),
        asof_url=rel(page, "asof.md"),
        current=version_link(site, page, current) | {"start": last.start, "end": last.end},
        provisions=provisions,
        glance=glance,
    )
