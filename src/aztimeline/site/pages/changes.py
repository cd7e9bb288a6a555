"""The changes: their index, and one page per change record with before and after and the justifying quotes."""

from __future__ import annotations

from typing import Any

from ...models import Attributes, ChangeRecord
from ..context import Site, rel
from ..labels import OTHER
from ..views import (
    attribute_rows,
    change_rows,
    context_view,
    group_words,
    milestone_rows,
    not_in_earlier,
    placement,
    quotes,
    render_page,
    shown_value,
    version_link,
)


def render_changes_index(site: Site) -> str:
    """The index of changes, by transition."""
    return render_page(site, "changes_index.md.j2", **index_view(site))


def index_view(site: Site) -> dict[str, Any]:
    page = "changes/index.md"
    transitions = []
    for cd in site.countries:
        for aid in site.timelines[cd.country.id].order:
            a = cd.amendments[aid]
            to = cd.versions[a.version_to]
            transitions.append(
                {
                    "id": aid,
                    "announced": a.announced,
                    "vfrom": version_link(site, page, cd.versions[a.version_from]),
                    "vto": version_link(site, page, to),
                    "rows": change_rows(site, page, site.v.changes.get(aid, [])),
                    "kept": [
                        {"url": rel(page, f"versions/{a.version_to}.md", f"prov-{pid}"), "title": site.provision_title(to.provisions[pid])}
                        for pid in a.kept
                    ],
                }
            )
    return dict(transitions=transitions)


def render_change(site: Site, r: ChangeRecord) -> str:
    """The page of change record r."""
    return render_page(site, "change.md.j2", **change_view(site, r))


def change_view(site: Site, r: ChangeRecord) -> dict[str, Any]:
    page = f"changes/{r.id}.md"
    cd = site.country_of_version(r.version_to)
    return dict(
        title=r.title_nl if site.lang == "nl" else r.title_en,
        other_title=r.title_en if site.lang == "nl" else r.title_nl,
        id=r.id,
        kind_=r.kind,
        placement=placement(site, cd, r.placement) if r.placement else None,
        group_words=group_words(site, cd, list(r.groups)),
        status=milestone_rows(site, page, cd, cd.versions[r.version_to]),
        basis=(r.basis or {}).get(f"text_{site.lang}"),
        context=context_view(site, list(r.context)),
        vfrom={
            "id": r.version_from,
            "title": site.version_title(cd.versions[r.version_from]),
            "url": rel(page, f"versions/{r.version_from}.md"),
        },
        vto={
            "id": r.version_to,
            "title": site.version_title(cd.versions[r.version_to]),
            "url": rel(page, f"versions/{r.version_to}.md", f"prov-{r.provision}" if r.after else ""),
        },
        announced=r.announced,
        compare=before_after(site, r),
        quotes_=quotes(site, page, r.justifications),
    )


def side(site: Site, s: dict[str, Any] | None) -> dict[str, Any] | None:
    """One side of a change (a provision as a JSON dict), in this edition's words."""
    if s is None:
        return None
    return {
        "title": s.get(f"title_{site.lang}", ""),
        "summary": str(s.get(f"summary_{site.lang}", "")),
        "attributes": attribute_rows(site, Attributes.model_validate(s.get("attributes", {}))),
    }


def before_after(site: Site, r: ChangeRecord) -> dict[str, Any]:
    """The view of the before/after pair of a change, with its word diffs when it is a modification."""
    fields = []
    if r.kind == "modified":
        for f in r.fields:
            if f.path.endswith(f"_{OTHER[site.lang]}"):
                continue  # the other language's fields are on the other edition's page
            fields.append(
                {
                    "path": f.path,
                    "runs": [(w.op, w.text) for w in f.words] if f.words is not None else None,
                    "before": shown_value(f.before),
                    "after": shown_value(f.after),
                }
            )
    return {
        "before": side(site, r.before),
        "after": side(site, r.after),
        "absent_before": not_in_earlier(site, list(r.context)),
        "absent_after": site.t["not_in_after"],
        "fields": fields,
    }
