"""The as-of answer for one day, and its reading for one group: the standard library only.

`timeline` makes one answer per stretch of dates (a template); `asoftable` keeps those templates in the command
line's cache. Both fill a template for a day here, and the command line reads it for a group here, so the cached
`aztimeline asof` answers without pydantic, PyYAML or the data. This module imports nothing of aztimeline but
dates.py (itself the standard library only), and neither of those two modules: it sits below both.

Within a stretch only the date itself varies: the `date` field, and the words "On 1 December 2020" where a text
names the day. A template holds those words as a marker (ON_MARK) at the start of a sentence, which `fill`
replaces.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .dates import long_date
from .textrules import name_key

ON_MARK = {"nl": "\x00op\x00", "en": "\x00on\x00"}
"""Stands in a template where a text names the day; YAML text cannot hold a NUL, so data never does."""

MARKED = ("basis", "status")
"""The parts of an answer whose texts may hold a marker (the rest, such as the provisions, is shared as it is)."""


def on_words(day: dt.date, lang: str, name_day: bool) -> str:
    """ "Op 1 december 2020" / "On 1 December 2020", or "Op deze datum" / "On this date"."""
    if lang == "nl":
        return f"Op {long_date(day, 'nl')}" if name_day else "Op deze datum"
    return f"On {long_date(day, 'en')}" if name_day else "On this date"


def replace_marks(obj: Any, words: dict[str, str]) -> Any:
    """A copy of JSON-like data with every marker replaced; parts without a marker are shared, not copied."""
    if isinstance(obj, str):
        if "\x00" not in obj:
            return obj
        for mark, text in words.items():
            obj = obj.replace(mark, text)
        return obj
    if isinstance(obj, dict):
        out = {k: replace_marks(v, words) for k, v in obj.items()}
        return obj if all(out[k] is obj[k] for k in obj) else out
    if isinstance(obj, list):
        items = [replace_marks(v, words) for v in obj]
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else items
    return obj


def fill(template: dict[str, Any], day: dt.date, *, name_day: bool = True, date: bool = True) -> dict[str, Any]:
    """The answer for day from its stretch's template (which has no `date`, and markers where texts name the day).

    The answer shares the template's nested lists and dicts that hold no marker (provisions, codification,
    currency): read them, do not change them.
    """
    out: dict[str, Any] = {"date": day.isoformat()} if date else {}
    out.update(template)
    words = {ON_MARK[lang]: on_words(day, lang, name_day) for lang in ("nl", "en")}
    for key in MARKED:
        if key in template:
            out[key] = replace_marks(template[key], words)
    return out


# --- groups: "aztimeline asof DATE --group GROUP" -----------------------------------------------------------


def resolve_group(text: str, vocabulary: list[dict[str, Any]]) -> str | None:
    """The id of the group that text names: its id or its label in either language, as validate tells names apart
    (textrules.name_key: any case, spacing, Unicode compatibility form, no invisible characters); else None."""
    wanted = name_key(text)
    for g in vocabulary:
        if wanted in (name_key(g["id"]), name_key(g["label_nl"]), name_key(g["label_en"])):
            return str(g["id"])
    return None


def group_choices(vocabulary: list[dict[str, Any]]) -> str:
    """The groups one may ask for, by id with the Dutch label, for a message."""
    return "; ".join(f"{g['id']} ({g['label_nl']})" for g in vocabulary if g["id"] != "everyone")


def group_answer(answer: dict[str, Any], group: str, vocabulary: list[dict[str, Any]]) -> dict[str, Any]:
    """The answer read for one group: every rule and every fact about the Vc text that concerns it, the rules for
    everyone, the related groups, what is not known, and later changes that concern it.

    Nothing here says that only the rules for everyone apply to a group: where the data holds nothing specific for
    it, the answer says that what applied to it is not known from this data.
    """
    by_id = {g["id"]: g for g in vocabulary}
    g = by_id[group]
    status = answer.get("status") or {}
    rules = status.get("rules") or []
    context = status.get("context") or []
    mine = [r for r in rules if group in r["groups"]]
    everyone = [r for r in rules if "everyone" in r["groups"]] if group != "everyone" else []
    facts = [c for c in context if group in c.get("groups", [])]
    gaps = [(c["id"], c["fate"]) for c in facts if c.get("fate") and c["fate"]["state"] == "unknown" and c.get("on_date") != "later"]
    gaps += [(r["provision"], r["not_established"]) for r in mine if r.get("not_established")]
    unknown = [{"about": about, "text_nl": gap["text_nl"], "text_en": gap["text_en"]} for about, gap in gaps]
    related = [
        {
            "id": other["id"],
            "label_nl": other["label_nl"],
            "label_en": other["label_en"],
            "note_nl": rel["note_nl"],
            "note_en": rel["note_en"],
            "rules": [r["provision"] for r in rules if other["id"] in r["groups"]],
            "context": [c["id"] for c in context if other["id"] in c.get("groups", [])],
        }
        for rel in g.get("related", [])
        if (other := by_id.get(rel["group"])) is not None
    ]
    later = [ch for ch in (status.get("next") or {}).get("changes", []) if group in ch.get("groups", [])]
    texts = {lang: _group_headline(g, mine, facts, related, unknown, lang) for lang in ("nl", "en")}
    return {
        "id": g["id"],
        "label_nl": g["label_nl"],
        "label_en": g["label_en"],
        "headline_nl": texts["nl"],
        "headline_en": texts["en"],
        "specific": bool(mine or facts),
        "rules": mine,
        "context": facts,
        "everyone": everyone,
        "related": related,
        "unknown": unknown,
        "later": later,
    }


def _group_headline(
    g: dict[str, Any], rules: list[dict[str, Any]], facts: list[dict[str, Any]], related: list[dict[str, Any]], unknown: list[Any], lang: str
) -> str:
    """One paragraph: the group, then each rule and fact with its status on the date, the related groups, and
    whether something is not known."""
    label = g[f"label_{lang}"]
    parts = [f"{r[f'title_{lang}']}: {r[f'short_{lang}']}." for r in rules]
    if not rules and facts:  # only facts about a Vc text, perhaps another one: no rule is known for the group
        parts.append(
            "Voor deze datum noemt geen regel in deze gegevens deze groep; of er iets bijzonders voor gold, is onbekend."
            if lang == "nl"
            else "For this date no rule in this data names this group; whether anything particular applied to it is unknown."
        )
    parts += [f"{c.get(f'title_{lang}') or c['label']}: {c[f'short_{lang}']}." for c in facts]
    if not parts:
        parts.append(
            "Geen regel en geen feit over de Vc-tekst in deze gegevens noemt deze groep. Of er voor deze groep iets "
            "bijzonders gold, is daarmee niet gezegd: dat is onbekend (deze gegevens bevatten alleen wat de brief zegt "
            "en enkele feiten over de Vc-tekst)."
            if lang == "nl"
            else "No rule and no fact about the Vc text in this data names this group. That does not say that nothing "
            "particular applied to it: that is unknown (this data holds only what the letter says and a few facts "
            "about the Vc text)."
        )
    if unknown:
        parts.append(
            "Niet alles is bekend: zie onder 'Onbekend'." if lang == "nl" else "Not everything is known: see under 'Unknown'."
        )
    if related:
        names = ", ".join(r[f"label_{lang}"] for r in related)
        parts.append(f"Zie ook: {names}." if lang == "nl" else f"See also: {names}.")
    return ("Groep: " if lang == "nl" else "Group: ") + f"{label}. " + " ".join(parts)
