"""Change records between two versions: provisions compared by id, fields by path, prose word by word.

That the records are lossless (replayed on the version before, they give the version after) is checked in the tests,
through a deepdiff Delta (tests/test_diff.py): no command loads deepdiff."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator
from typing import Any

from .models import Amendment, ChangeRecord, Country, FieldChange, Version, WordOp
from .precision import context_json, placement_json

_TOKEN = re.compile(r"\s+|[^\s]+")
_CODED = {
    "section",
    "attributes.status",
    "attributes.evidentiary_threshold",
    "attributes.authority_protection",
    "attributes.internal_protection_alternative",
}
"""Fields holding coded values rather than prose: a word diff of them would say nothing."""


def provision_dicts(version: Version) -> dict[str, dict[str, Any]]:
    """A version's provisions as plain JSON-ready dicts keyed by id (absent attributes left out)."""
    return {
        pid: p.model_dump(mode="json", exclude_none=True, exclude=DIFF_EXCLUDE)
        for pid, p in version.provisions.items()
    }


DIFF_EXCLUDE = {"placement", "context", "inference"}
"""Facts about the codified text and our own inferences, not the policy: kept out of the comparison (a kept
provision may stand in another section of the old and the new Vc text without the letter changing it, and our note
that an element is inferred changes nothing in the policy). Records carry them apart."""

PREVIOUS_TEXT = {
    "recorded": (
        "De vorige versie legt dit onderdeel vast, zoals de brief het eerdere beleid beschrijft.",
        "The previous version records this element, as the letter describes the earlier policy.",
    ),
    "not_in_record": (
        "De vorige versie bevat alleen wat de brief over het eerdere beleid zegt, en die noemt dit onderdeel niet. Of het "
        "eerdere beleid het kende, is daarmee niet gezegd.",
        "The previous version holds only what the letter says about the earlier policy, and it does not mention this "
        "element. That does not say whether the earlier policy had it.",
    ),
}
"""What a record says of the earlier state when the amendment gives no note: recorded (modified, removed), or not in
what the data records (added): never "not in the previous policy", which no source says."""


def change_notes(kind: str, note: Any) -> dict[str, Any]:
    """previous, new, not_established and inference of a change record, from its kind and the amendment's note."""
    if note is None:
        state = "not_in_record" if kind == "added" else "recorded"
        nl, en = PREVIOUS_TEXT[state]
        return {"previous": {"state": state, "text_nl": nl, "text_en": en}, "new": None, "not_established": None, "inference": None}
    quotes = [c.model_dump(mode="json") for c in note.new_citations]
    new = {"text_nl": note.new_nl, "text_en": note.new_en, "quotes": quotes} if note.new_nl or quotes else None
    not_established = (
        {"text_nl": note.not_established_nl, "text_en": note.not_established_en} if note.not_established_nl else None
    )
    inference = {"text_nl": note.inference.nl, "text_en": note.inference.en} if note.inference else None
    return {
        "previous": {"state": note.previous, "text_nl": note.previous_nl, "text_en": note.previous_en},
        "new": new,
        "not_established": not_established,
        "inference": inference,
    }


def word_diff(before: str, after: str) -> list[WordOp]:
    """A word-level diff: runs of equal, deleted and inserted text that rebuild both sides."""
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    ops: list[WordOp] = []
    # Most edits touch a few words: match the common head and tail first, so the quadratic matcher
    # only sees the part that differs.
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1

    def emit(op: str, parts: list[str]) -> None:
        # No two runs of one op follow each other: difflib puts an equal run between any two changes, its first and
        # last runs are changes (head and tail took every equal token at the ends), and a replace is delete + insert.
        if parts:
            ops.append(WordOp(op=op, text="".join(parts)))

    emit("equal", a[:head])
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False).get_opcodes():
        if tag == "equal":
            emit("equal", mid_a[i1:i2])
        else:
            emit("delete", mid_a[i1:i2])
            emit("insert", mid_b[j1:j2])
    emit("equal", a[len(a) - tail :])
    return ops


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """The changed fields of one provision. Lists (citations) count as one value; dicts are descended."""
    # The paths that differ, found directly (a third of validation's time went to a DeepDiff tree for this); the
    # tests replay the records through a deepdiff Delta, so a missed path cannot pass them.
    out = []
    for path, b, a in sorted(_changed_paths(before, after, ()), key=lambda change: change[0]):
        dotted = ".".join(path)
        prose = isinstance(b, str) and isinstance(a, str) and dotted not in _CODED
        out.append(FieldChange(path=dotted, before=b, after=a, words=word_diff(b, a) if prose else None))
    return out


def _changed_paths(
    before: dict[str, Any], after: dict[str, Any], prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    """Keys added, removed or changed, with the values before and after (None where absent); dicts on both sides
    are descended, anything else is one value."""
    for key in before.keys() | after.keys():
        b, a = before.get(key), after.get(key)
        if isinstance(b, dict) and isinstance(a, dict):
            yield from _changed_paths(b, a, (*prefix, key))
        elif key not in before or key not in after or not _same(b, a):
            yield (*prefix, key), b, a


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (True is not 1 here, as for deepdiff)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def record_id(transition: str, provision: str) -> str:
    """The stable id of a change record: the transition and the provision, nothing that moves elsewhere."""
    return f"{transition}.{provision}"


def changes_between(
    before: Version, after: Version, amendment: Amendment, country: Country, dumps: dict[str, Any] | None = None
) -> list[ChangeRecord]:
    """Change records for a transition, in template-section order, each with its justifications.

    dumps, when given, caches each version's provisions as dicts by version id (a version is both the
    "after" of one transition and the "before" of the next).
    """
    if dumps is None:
        dumps = {}
    for version in (before, after):
        if version.id not in dumps:
            dumps[version.id] = provision_dicts(version)
    b, a = dumps[before.id], dumps[after.id]
    order = {s.id: i for i, s in enumerate(country.sections)}
    effective = after.effective_from if isinstance(after.effective_from, dt.date) else None
    records = []
    for pid in sorted(set(b) | set(a)):
        old, new = b.get(pid), a.get(pid)
        if old == new:
            continue
        fields: list[FieldChange] = []
        if old is None:
            kind = "added"
        elif new is None:
            kind = "removed"
        else:
            kind, fields = "modified", field_changes(old, new)
        src = after.provisions.get(pid) or before.provisions[pid]
        placement = placement_json(src, country, text="old" if kind == "removed" else "new")
        why = amendment.reasons.get(pid)
        context: list[dict[str, Any]] = []
        for side in (before.provisions.get(pid), after.provisions.get(pid)):
            for entry in context_json(side, country) if side else []:
                if entry not in context:
                    context.append(entry)
        records.append(
            ChangeRecord(
                id=record_id(amendment.id, pid),
                kind=kind,
                provision=pid,
                section=src.section,
                section_number=placement["number"],
                version_from=amendment.version_from,
                version_to=amendment.version_to,
                transition=amendment.id,
                announced=amendment.announced,
                effective=effective,
                title_nl=src.title_nl,
                title_en=src.title_en,
                before=old,
                after=new,
                fields=fields,
                justifications=list(amendment.justifications.get(pid, [])),
                groups=list(src.groups),
                placement=placement,
                context=context,
                **change_notes(kind, amendment.notes.get(pid)),
                reason={"text_nl": why.nl, "text_en": why.en} if why else None,
            )
        )
    records.sort(key=lambda r: (order.get(r.section, len(order)), r.provision))
    return records


def list_change(before: list[Any], after: list[Any]) -> tuple[list[Any], list[Any], int]:
    """What left a list and what joined it, in their order, and how many elements stayed as they were.

    Elements with an id are matched by it (a changed element is in both answers); others by their content."""

    def key(x: Any) -> str:
        if isinstance(x, dict) and isinstance(x.get("id"), str):
            return "id:" + x["id"]
        return json.dumps(x, sort_keys=True, ensure_ascii=False)

    old = {key(x): x for x in before}
    new = {key(x): x for x in after}
    left = [x for x in before if old[key(x)] != new.get(key(x))]
    joined = [x for x in after if new[key(x)] != old.get(key(x))]
    return left, joined, sum(1 for k, x in new.items() if old.get(k) == x)
