"""The home page: the status on the last date for which later changes were looked for (dated and caveated, never
"the policy now"), the way to an as-of answer, and the changes at a glance."""

from __future__ import annotations

import re

from ...timeline import asof
from ..context import Site, rel
from ..views import change_rows, render_page
from .status import currency_view, status_view


def render_home(site: Site) -> str:
    """The home page of one edition."""
    page = "index.md"
    cd = site.countries[0]
    tl = site.timelines[cd.country.id]
    day = cd.country.currency.checked_until
    answer = asof(tl, day)
    status = answer["status"]
    rules = [
        {
            "url": rel(page, f"versions/{site.origin(r['version'], r['provision'])}.md", f"prov-{r['provision']}"),
            "title": r[f"title_{site.lang}"],
            "short": r[f"short_{site.lang}"],
            "stage": r["stage"],
            "section": (r.get("placement") or {}).get(f"label_{site.lang}", ""),
        }
        for r in status["rules"]
    ]
    glance = [
        {
            "heading": site.t["at_glance"].format(date=site.date(cd.amendments[aid].announced)),
            "rows": change_rows(site, page, site.v.changes.get(aid, [])),
        }
        for aid in tl.order
    ]
    return render_page(
        site,
        "home.md.j2",
        title=f"{site.t['site']} (Vc {cd.country.vc_paragraph})",
        scope_note=lead_and_rest(site.pick(cd.country, "scope_note")),
        asof_url=rel(page, "asof.md"),
        day=day,
        status=status_view(site, page, status),
        currency=currency_view(site, answer["currency"]),
        rules=rules,
        glance=glance,
    )


LEAD_SENTENCES = 3
"""How many sentences of the scope note the home page shows before the status: what the data is, what it is not, and
what is ours. The rest (how we count paragraphs and number sections, what context is) is folded below them: the whole
note, about 200 words, stood above the status on a phone (an English reader's read)."""


def lead_and_rest(note: str) -> tuple[str, str]:
    """A text's first LEAD_SENTENCES sentences, and the rest ("" where there is no more): each sentence ends in . ! or ?
    before a space and a capital, an opening quotation mark or a bracket."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\u201c\"(])", note)
    return " ".join(sentences[:LEAD_SENTENCES]), " ".join(sentences[LEAD_SENTENCES:])
