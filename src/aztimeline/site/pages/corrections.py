"""The corrections log: editorial corrections of the data between git revisions, kept apart from policy changes."""

from __future__ import annotations

from typing import Any

from ...diff import field_changes, list_change, word_diff
from ..context import Site
from ..labels import CORRECTION_WORDS, OTHER
from ..views import quoted_runs, readable, render_page

PAGE = "corrections.md"


def render_corrections(site: Site) -> str:
    """The corrections page of one edition."""
    corrections = []
    for c in site.corrections:
        fv = c.commit
        corrections.append(
            {
                "day": fv.date[:10],
                "sha": fv.sha[:10],
                "author": fv.author,
                "message": quoted_runs(fv.message) if site.lang == "en" else None,  # commit messages are written in English
                "changes": [_change(site, ch) for ch in c.changes if not own_language_kept(_where(ch), {_where(x) for x in c.changes}, site.lang)],
            }
        )
    return render_page(site, "corrections.md.j2", notice=site.history_notice, corrections=corrections)


def _change(site: Site, ch: Any) -> dict[str, Any]:
    """One correction (a field corrected, or an object added or removed as a whole) in the edition's words."""
    w = CORRECTION_WORDS[site.lang]
    field = ch.path.rsplit(".", 1)[-1] if ch.path else ""
    if ch.change == "corrected":
        parts = _parts(site, field, [], ch.before, ch.after)
    elif ch.change == "removed":
        parts = [{"where": [], "label": w["before"], "tag": "del", "value": readable(site, PAGE, ch.before, field)}]
    else:
        parts = [{"where": [], "label": w["after"], "tag": "ins", "value": readable(site, PAGE, ch.after, field)}]
    return {"kind": w.get(ch.kind, ch.kind), "id": ch.id, "path": ch.path, "change": w[ch.change], "parts": parts}


def _parts(site: Site, field: str, where: list[str], before: Any, after: Any) -> list[dict[str, Any]]:
    """What a correction changed in a field, as (where, label, tag, value) parts.

    A list is shown by what left it and what joined it, not as the whole list twice; an element of it with an id
    that stayed is descended into, field by field: a correction that adds one field to one of eighteen facts
    shows that field of that fact.
    """
    w = CORRECTION_WORDS[site.lang]

    def part(label: str, tag: str, value: Any) -> dict[str, Any]:
        return {"where": where, "label": label, "tag": tag, "value": readable(site, PAGE, value, field)}

    if isinstance(before, str) and isinstance(after, str) and " " in before + after:
        # prose corrected: one text, the words taken out and put in marked
        own = field.rsplit("_", 1)[-1] if field.endswith(("_nl", "_en")) else (field if field in ("nl", "en") else None)
        runs = [(op.op, op.text) for op in word_diff(before, after)]
        return [{"where": where, "label": w["corrected_text"], "tag": None, "value": {"runs": runs, "lang": own}}]
    if before is None or after is None:  # a field filled in, or emptied
        return [part(w["joined"], "ins", after) if before is None else part(w["left"], "del", before)]
    if not (isinstance(before, list) and isinstance(after, list)):
        return [part(w["before"], "del", before), part(w["after"], "ins", after)]
    left, joined, _ = list_change(before, after)
    old = {x["id"]: x for x in left if _has_id(x)}
    new = {x["id"]: x for x in joined if _has_id(x)}
    out: list[dict[str, Any]] = []
    taken = [x for x in left if not (_has_id(x) and x["id"] in new)]
    added = [x for x in joined if not (_has_id(x) and x["id"] in old)]
    if taken:
        out.append(part(w["left"], "del", taken))
    if added:
        out.append(part(w["joined"], "ins", added))
    for ident, x in new.items():
        if ident in old:
            changes = field_changes(old[ident], x)
            paths = {f.path for f in changes}
            for f in changes:
                if not own_language_kept(f.path, paths, site.lang):
                    out += _parts(site, f.path.rsplit(".", 1)[-1], [*where, ident, *f.path.split(".")], f.before, f.after)
    if not out:
        out.append({"where": where, "label": None, "tag": None, "value": {"text": w["reordered"], "lang": None}})
    return out


def own_language_kept(path: str, paths: set[str], lang: str) -> bool:
    """Whether a changed field is the other language's text of a field whose text in lang changed too: an edition
    shows its own language's correction then (a correction of the other language's text alone is shown, marked)."""
    other = OTHER[lang]  # summary_en beside summary_nl; reasons.lgbti.en beside reasons.lgbti.nl (a text in our words)
    return any(path.endswith(sep + other) and path.removesuffix(other) + lang in paths for sep in ("_", "."))


def _where(ch: Any) -> str:
    return f"{ch.kind}\x1f{ch.id}\x1f{ch.path}"


def _has_id(x: Any) -> bool:
    return isinstance(x, dict) and isinstance(x.get("id"), str)
