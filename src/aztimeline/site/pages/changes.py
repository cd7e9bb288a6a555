"""The changes: their index, and one page per change record with before and after and the justifying quotes."""

from __future__ import annotations

from typing import Any

from ...diff import list_change
from ...models import Attributes, ChangeRecord
from ..context import Site, rel
from ..labels import ATTRIBUTE_LABELS, CORRECTION_WORDS, FIELD_WORDS, OTHER
from ..views import (
    attribute_rows,
    change_rows,
    context_view,
    group_words,
    milestone_rows,
    not_in_earlier,
    placement,
    quotes,
    readable,
    render_page,
    version_link,
)
from .status import status_quote, version_currency


def render_changes_index(site: Site) -> str:
    """The index of changes, by transition."""
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
                        {"url": rel(page, f"versions/{a.version_to}.md", f"prov-{pid}"), "title": site.pick(to.provisions[pid], "title")}
                        for pid in a.kept
                    ],
                }
            )
    return render_page(site, "changes_index.md.j2", transitions=transitions)


def render_change(site: Site, r: ChangeRecord) -> str:
    """The page of change record r: what the letter establishes as new, what is not established and what is our
    inference stand beside before and after; every quote stands once, beside the claim it supports."""
    page = f"changes/{r.id}.md"
    lang = site.lang
    cd = site.country_of_version(r.version_to)
    justification = quotes(site, page, r.justifications)
    shown = {q["key"] for q in justification}

    def unshown(cits: list[dict[str, Any]]) -> list[dict[str, str]]:
        """The quotes of cits not yet on the page (the justification's stand in their own section below)."""
        out = [q for q in (status_quote(site, page, c) for c in cits) if q["key"] not in shown]
        shown.update(q["key"] for q in out)
        return out

    new = r.new and {"text": r.new[f"text_{lang}"], "quotes": unshown(r.new.get("quotes") or [])}
    compare = before_after(site, r)
    for name, s in (("after", r.after), ("before", r.before)):
        if compare[name] is not None:
            compare[name]["quotes"] = unshown((s or {}).get("citations") or [])
    return render_page(
        site,
        "change.md.j2",
        title=site.pick(r, "title"),
        other_title=getattr(r, f"title_{OTHER[site.lang]}"),
        id=r.id,
        kind_=r.kind,
        inferred=bool(r.inference),
        placement=placement(site, r.placement) if r.placement else None,
        group_words=group_words(site, cd, list(r.groups)),
        status=milestone_rows(site, page, cd, cd.versions[r.version_to]),
        currency=version_currency(site, page, site.timelines[cd.country.id], r.version_to),
        basis=(r.basis or {}).get(f"text_{site.lang}"),
        context=context_view(site, list(r.context)),
        vfrom=version_link(site, page, cd.versions[r.version_from]),
        vto=version_link(site, page, cd.versions[r.version_to], f"prov-{r.provision}" if r.after else ""),
        announced=r.announced,
        compare=compare,
        new=new,
        not_established=(r.not_established or {}).get(f"text_{lang}"),
        inference=(r.inference or {}).get(f"text_{lang}"),
        reason=(r.reason or {}).get(f"text_{lang}"),
        quotes_=justification,
    )


def side(site: Site, s: dict[str, Any] | None, marks: dict[str, Any], changed: set[str]) -> dict[str, Any] | None:
    """One side of a change (a provision as a JSON dict), in this edition's words; marks (for a modification) carry
    the word runs of its title and summary on this side, changed the labels of its changed attributes."""
    if s is None:
        return None
    return {
        "title": site.pick(s, "title"),
        "title_runs": marks.get("title"),
        "summary": site.pick(s, "summary"),
        "summary_runs": marks.get("summary"),
        "attributes": [(label, value, label in changed) for label, value in attribute_rows(site, Attributes.model_validate(s.get("attributes", {})))],
    }


def before_after(site: Site, r: ChangeRecord) -> dict[str, Any]:
    """The view of the before/after pair of a change. A modification marks its changed words in the two sides (the
    words taken out in the text before, those put in in the text after) and its changed attributes; the other
    changed fields follow, each by what left and what joined it."""
    page = f"changes/{r.id}.md"
    lang = site.lang
    marks: dict[str, dict[str, Any]] = {"before": {}, "after": {}}
    changed: set[str] = set()  # the labels of the changed attributes, marked on both sides
    fields = []
    if r.kind == "modified":
        labels = ATTRIBUTE_LABELS[lang]
        for f in r.fields:
            head, _, rest = f.path.partition(".")
            name = f.path.rsplit(".", 1)[-1]
            if name.endswith(f"_{OTHER[lang]}"):
                continue  # the other language's fields are on the other edition's page
            if head in ("title_" + lang, "summary_" + lang) and f.words is not None:
                kind = head.rsplit("_", 1)[0]
                marks["before"][kind] = [(w.op, w.text) for w in f.words if w.op != "insert"]
                marks["after"][kind] = [(w.op, w.text) for w in f.words if w.op != "delete"]
                continue
            if head == "attributes" and rest:
                base = rest.removesuffix("_" + lang)
                if base in labels:
                    changed.add(labels[base])
                    continue
            fields.append(_field(site, page, f.path, f.before, f.after))
    return {
        "before": side(site, r.before, marks["before"], changed),
        "after": side(site, r.after, marks["after"], changed),
        "absent_before": not_in_earlier(site, list(r.context), r.version_from),
        "absent_after": site.t["not_in_after"],
        "fields": fields,
    }


def _field(site: Site, page: str, path: str, before: Any, after: Any) -> dict[str, Any]:
    """A changed field other than the sides show: named in words where we can, its change readable."""
    name = path.rsplit(".", 1)[-1]
    base = name.removesuffix("_" + site.lang)
    same = 0
    if isinstance(before, list) and isinstance(after, list):
        before, after, same = list_change(before, after)
    return {
        "label": FIELD_WORDS[site.lang].get(base) if "." not in path else None,
        "path": path,
        "before": readable(site, page, before, name) if before not in (None, []) else None,
        "after": readable(site, page, after, name) if after not in (None, []) else None,
        "same": CORRECTION_WORDS[site.lang]["same"].format(n=same) if same else None,
    }
