"""The parts of a lawyer's answer that the as-of, compare and home pages share: the legal status on a date, how
current the answer is, the citation block, and each rule and fact about the Vc text with its status.

Everything here reads the as-of answer of the JSON contract (timeline.asof, docs/en/api.md: `status`, `currency`,
and answer.group_answer for a group) and turns it into this edition's words; the templates print it
(templates/_status.html.j2). Nothing here decides a status: the timeline does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...addresses import address_or_path
from ...answer import group_answer, on_words
from ...dates import DATE_MAX, DATE_MIN, MONTHS
from ...load import CountryData
from ...models import Citation
from ...timeline import Timeline, asof_segments, currency
from ..chrome import record_words
from ..context import Site, rel
from ..views import confidence_words, group_words, placement, quote


def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def status_blocks(site: Site, cd: CountryData) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The stretches of dates with one as-of answer each (timeline.asof_segments), and the blocks of stretches that
    share one legal status (they differ only in what is known before and after the date asked).

    A stretch is {key, from, to, block, answer}; a block is {key, from, to, answer} (the answer of its first
    stretch, whose status is the block's). Dates are datetime.date, `to` exclusive, None where open or unknown.
    """
    segments: list[dict[str, Any]] = []
    blocks: list[dict[str, Any]] = []
    for seg in asof_segments(site.timelines[cd.country.id]):
        a = seg["answer"]
        start, end = _date(seg["from"]), _date(seg["to"])
        since = seg["from"] or "start"
        if not blocks or blocks[-1]["answer"]["status"] != a["status"]:
            blocks.append({"key": f"blk-{since}", "from": start, "to": end, "answer": a})
        else:
            blocks[-1]["to"] = end
        segments.append({"key": f"seg-{since}", "from": start, "to": end, "block": blocks[-1]["key"], "answer": a})
    return segments, blocks


def script_dates(site: Site, segments: list[dict[str, Any]], versions: list[str | None]) -> dict[str, Any]:
    """What a page script needs to find the answer for a date asked: the stretches of dates (each with its block and
    its version's id), the months, the words by which a text of the answer names the day (answer.on_words) and
    those for the day asked."""
    return {
        "segments": [
            {"from": s["from"] and s["from"].isoformat(), "to": s["to"] and s["to"].isoformat(), "key": s["key"], "block": s["block"], "version": v}
            for s, v in zip(segments, versions, strict=True)
        ],
        "months": MONTHS[site.lang],
        "range": [DATE_MIN.isoformat(), DATE_MAX.isoformat()],  # the dates the data can hold, as the date fields offer
        "on": {"this": on_words(dt.date.min, site.lang, False), "day": "Op {date}" if site.lang == "nl" else "On {date}"},
    }


def probe_day(start: dt.date | None, end: dt.date | None) -> dt.date:
    """A day inside a stretch: its first day, or the day before its end when its start is open."""
    if start is not None:
        return start
    return (end or dt.date(2000, 1, 2)) - dt.timedelta(days=1)


def status_quote(site: Site, page: str, c: dict[str, Any]) -> dict[str, str]:
    """A quote of the JSON contract (a dict with its labels) as views.quote shows it, labelled as the contract says."""
    q = quote(site, page, Citation(source=c["source"], anchor=c["anchor"], quote=c["quote"]))
    label = c.get(f"label_{site.lang}")
    return q | {"label": label} if label else q


def status_view(site: Site, page: str, status: dict[str, Any]) -> dict[str, Any]:
    """The headline block: the status in sentences, then the Vc text, the letter, its codification and its entry
    into force, each as the data has it (with the official publication's link where a fact records one)."""
    lang = site.lang
    letter, codified, in_force, nxt = status.get("letter"), status.get("codified"), status.get("in_force"), status.get("next")
    vc = status.get("vc_text") or {}

    def letter_view(x: dict[str, Any]) -> dict[str, Any]:
        """A letter (this one, or the next): its label, its Kamerstuk and the link to its source page."""
        return {
            "label": x[f"label_{lang}"],
            "kamerstuk": x[f"kamerstuk_{lang}"],
            "url": rel(page, f"sources/{x['source']}.md"),
        }

    words = site.t[f"stage_{status['stage']}"]
    if status["stage"] == "published" and in_force is not None and in_force.get("found"):
        words = site.t["stage_in_force_later"].format(date=in_force[f"label_{lang}"])  # a known date still to come
    return {
        "stage_words": words,
        "headline": status[f"headline_{lang}"],
        "vc_text": vc.get(f"text_{lang}"),
        "letter": letter and letter_view(letter),
        "next": nxt and letter_view(nxt) | {"count": len(nxt.get("changes") or [])},
        "codified": codified
        and {
            "label": codified[f"label_{lang}"] if codified.get("known") else site.t["unknown"],
            "done": bool(codified.get("done")),
            "reference": codified.get("reference"),
            "published": codified.get("published"),
            "url": codified.get("url"),
        },
        "in_force": in_force and {"label": in_force[f"label_{lang}"], "note": in_force.get(f"note_{lang}")},
    }


def version_currency(site: Site, page: str, tl: Timeline, vid: str) -> dict[str, Any]:
    """How current a page on version vid (or a change into it) is: the search for later changes, and the developments
    dated in the version's period that no version records, with the timeline's list of them. A printed change page
    read as the policy of today (a lawyer's read)."""
    cur = currency(tl, None, version=vid)
    return {"text": cur[f"text_{site.lang}"], "later": [development_view(site, k) for k in cur["known_later"]], "timeline": rel(page, "timeline.md", "later")}


def development_view(site: Site, k: dict[str, Any]) -> dict[str, Any]:
    """A known development that no version records: its date, title, record (linked where a fact gives the
    publication) and confidence."""
    return {
        "date": k["date"],
        "title": k[f"title_{site.lang}"],
        "record": record_words(site, k.get("record")) or site.t["unknown"],
        "url": k.get("url"),
        "confidence": confidence_words(site, k.get("confidence")),
    }


def currency_view(site: Site, cur: dict[str, Any]) -> dict[str, Any]:
    """How current an answer is: up to when, when the search was done, how sure, absence is no proof, and what is
    known before and after the date asked."""
    lang = site.lang
    return {
        "text": cur.get(f"text_{lang}"),
        "basis": cur.get(f"basis_{lang}"),
        "checked_until": cur.get("checked_until"),
        "searched": cur.get("searched"),
        "confidence": confidence_words(site, cur.get("confidence")),
        "beyond": bool(cur.get("beyond")),
        "before": [development_view(site, k) for k in cur.get("known_before") or []],
        "after": [development_view(site, k) for k in cur.get("known_after") or []],
    }


def fact_card(site: Site, c: dict[str, Any], anchor: str) -> dict[str, Any]:
    """A fact about the Vc text (never a quote, never a change by the letter), with how it relates to the date."""
    lang = site.lang
    fate = c.get("fate")
    return {
        "id": c["id"],
        "anchor": anchor,
        "title": c.get(f"title_{lang}") or c["label"],
        "label": c["label"],
        "text": c[f"text_{lang}"],
        "short": c[f"short_{lang}"],
        "fate": fate and {"text": fate[f"text_{lang}"]},
        "record": record_words(site, c.get("record")) or site.t["unknown"],
        "confidence": confidence_words(site, c.get("confidence")),
        "confidence_note": c.get(f"confidence_note_{lang}"),
        "groups": list(c.get("groups") or []),
    }


def rule_card(site: Site, page: str, cd: CountryData, r: dict[str, Any], anchor: str, facts: dict[str, Any]) -> dict[str, Any]:
    """A rule as it stood on the date: its status in words first, then the letter's words, our summary, what is
    our inference or not established, its place in the Vc (and whether that place comes from a later
    publication), and the facts about the Vc text beside it (facts: fact id -> its card's anchor and title on the page)."""
    lang = site.lang
    p = cd.versions[r["version"]].provisions[r["provision"]]
    pl = r.get("placement") or {}
    shown = placement(site, pl)
    new = r.get("new")
    later = r.get("later")
    return {
        "anchor": anchor,
        "title": r[f"title_{lang}"],
        "groups": list(r["groups"]),
        "group_words": group_words(site, cd, r["groups"]),
        "stage": r["stage"],
        "short": r[f"short_{lang}"],
        "text": r[f"text_{lang}"],
        "quotes": [quote(site, page, c) for c in p.citations],
        "summary": r[f"summary_{lang}"],
        "inference": (r.get("inference") or {}).get(f"text_{lang}"),
        "previous": (r.get("previous") or {}).get(f"text_{lang}"),
        "new": new and {"text": new[f"text_{lang}"]},
        "not_established": (r.get("not_established") or {}).get(f"text_{lang}"),
        "placement": shown["label"],  # with "; plaats volgens de latere codificatie (…)" where that applies
        "placement_basis": shown["basis"],
        "facts": [facts[i] for i in r.get("context") or [] if i in facts],
        "later": later and {"text": later[f"text_{lang}"]},
        "change_url": rel(page, f"changes/{r['record']}.md") if r.get("record") else None,
        "version_url": rel(page, f"versions/{site.origin(r['version'], r['provision'])}.md", f"prov-{r['provision']}"),
    }


def status_cards(site: Site, page: str, cd: CountryData, status: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Every rule and fact of a status as cards, with anchors under prefix; facts named by title for the rules."""
    fact_cards = [fact_card(site, c, f"{prefix}-f-{c['id']}") for c in status.get("context") or []]
    facts = {c["id"]: {"anchor": c["anchor"], "title": c["title"]} for c in fact_cards}
    rules = [rule_card(site, page, cd, r, f"{prefix}-r-{r['provision']}", facts) for r in status.get("rules") or []]
    return {"rules": rules, "facts": fact_cards}


def group_view(site: Site, page: str, answer: dict[str, Any], gid: str, vocabulary: list[dict[str, Any]], prefix: str) -> dict[str, Any]:
    """The answer for one group (answer.group_answer) in this edition's words: its rules and facts (by the anchors
    of their cards), what is unknown, the groups to read too, and what was announced for it later."""
    lang = site.lang
    g = group_answer(answer, gid, vocabulary)

    def rule(r: dict[str, Any]) -> dict[str, str]:
        return {"anchor": f"{prefix}-r-{r['provision']}", "title": r[f"title_{lang}"], "short": r[f"short_{lang}"]}

    def fact(c: dict[str, Any]) -> dict[str, str]:
        return {"anchor": f"{prefix}-f-{c['id']}", "title": c.get(f"title_{lang}") or c["label"], "short": c[f"short_{lang}"]}

    def unknown(u: dict[str, Any]) -> dict[str, Any]:
        """What is not known, with the rule or fact it is about (a fact where an id names both) and that card's anchor."""
        card = about.get(u["about"], {})
        return {"text": u[f"text_{lang}"], "about": card.get("title"), "anchor": card.get("anchor")}

    about = {r["provision"]: rule(r) for r in g["rules"]} | {c["id"]: fact(c) for c in g["context"]}
    return {
        "id": gid,
        "anchor": f"{prefix}-g-{gid}",
        "label": g[f"label_{lang}"],
        "headline": g[f"headline_{lang}"],
        "specific": g["specific"],
        "rules": [rule(r) for r in g["rules"]],
        "facts": [fact(c) for c in g["context"]],
        "everyone": [rule(r) for r in g["everyone"]],
        "unknown": [unknown(u) for u in g["unknown"]],
        "related": [{"id": x["id"], "label": x[f"label_{lang}"], "note": x[f"note_{lang}"], "anchor": f"{prefix}-g-{x['id']}"} for x in g["related"]],
        "later": [
            {"title": ch[f"title_{lang}"], "kind": ch["kind"], "inferred": ch.get("inferred", False), "url": rel(page, f"changes/{ch['record']}.md")} for ch in g["later"] if ch.get("record")
        ],
        "later_by": ((answer.get("status") or {}).get("next") or {}).get(f"label_{lang}", ""),
    }


def cite_view(site: Site, page_md: str, cd: CountryData, status: dict[str, Any], stage_words: str) -> dict[str, Any]:
    """What the citation block needs before the browser fills in the date, the group, the address and the day of
    consultation: the answer's status, the sources to cite for it (the Vc text of the date: the old one, or as amended
    by the decision once that was published; then the letter), the page's address (or its path, where the build does
    not know the site's), the build date and the data version (the template names the stretch of dates the answer
    holds for)."""
    address, partial = address_or_path(site.site_url, site.lang, page_md)
    codified, before = status.get("codified") or {}, status["stage"] == "before"
    letter = status.get("next") if before else status.get("letter")  # before it: the letter, for the earlier policy
    sources = [site.source_ref(site.sources[letter["source"]]) + (site.t["cite_earlier"] if before else "")] if letter else []
    old_text = (status.get("vc_text") or {}).get(f"label_{site.lang}")
    if codified.get("done") and codified.get("name"):  # the Vc first: the rule the answer is about, then the letter
        ref = f" ({codified['reference']})" if codified.get("reference") else ""
        sources.insert(0, site.t["cite_codified"].format(vc=cd.country.vc_paragraph, name=codified["name"], ref=ref))
    elif old_text:  # the Vc still held the text before: a lawyer cites it, not only the letter (a lawyer's read)
        sources.insert(0, site.t["cite_old_vc"].format(text=old_text))
    return {
        "status": stage_words,
        "sources": "; ".join(sources),
        "address": address,
        "partial": partial,
        "built": site.stamp.get("made"),
        "data": site.stamp["data_nl" if site.lang == "nl" else "data"],
    }
