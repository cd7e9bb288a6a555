"""What several page views share: quotes with their links, facts, attributes, rows of changes, milestones.

Each page view (site/pages/) gathers the data one page of one edition shows and hands it to that page's template in
site/templates/ (Jinja2, autoescaping on); nothing here builds markup. Views return plain data (strings, dates,
lists, dicts); the templates escape every value they print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote as url_quote

from markupsafe import Markup

from ..addresses import official_url
from ..load import CountryData, LoadedSource
from ..models import Attributes, ChangeRecord, Citation, Event, Version
from ..precision import CONFIDENCE_WORDS, citation_labels
from ..source import find_quote, normalise_ws, quote_display
from ..timeline import MILESTONES, milestone_date
from .chrome import record_words
from .context import Site, rel
from .labels import ATTRIBUTE_LABELS, CODE_WORDS, FIELD_WORDS, OTHER, VALUE_LABELS
from .render import ENV, fragment, markdown_page


def _every_page(site: Site) -> dict[str, Any]:
    """What every page template sees: labels, languages and the build stamp."""
    s = site.stamp
    stamp = f"{site.t['built']}: {s['data_nl' if site.lang == 'nl' else 'data']} \u00b7 {s['tool']}"
    return {"t": site.t, "lang": site.lang, "other": OTHER[site.lang], "stamp": stamp}


def render_page(site: Site, name: str, **context: Any) -> str:
    """Render page template name, with what every page needs (_every_page), into a Markdown page."""
    return markdown_page(ENV.get_template(name).render(**_every_page(site), **context))


def macro_once(site: Site, template: str, macro: str, view: Any) -> Markup:
    """A macro of template called with view, once per edition for each distinct view; as one raw HTML block.

    Version pages repeat most provisions of the version before them, each with the same view: the view's repr
    (plain data: text, numbers, dates, lists and dicts) is the key, so equal views share one rendering. The
    template's module is made once per edition, with what every page sees.
    """
    key = f"macro\x1f{template}\x1f{macro}\x1f{view!r}"
    hit = site.cache.get(key)
    if hit is None:
        module = site.cache.get(f"module\x1f{template}")
        if module is None:
            module = site.cache[f"module\x1f{template}"] = ENV.get_template(template).make_module(_every_page(site))
        hit = site.cache[key] = fragment(getattr(module, macro)(view))
    return hit


def quote(site: Site, page: str, c: Citation) -> dict[str, str]:
    """A verbatim quotation ("[…]" where words of its sentence are left out) and the link to its words in its paragraph."""
    memo = f"quote\x1f{c.source}\x1f{c.anchor}\x1f{c.quote}\x1f{getattr(c, 'page', None)}"
    hit = site.cache.get(memo)  # the same quote stands on many pages: work out its words and label once per edition
    if hit is None:
        src = site.sources[c.source]
        ref = site.source_ref(src)
        # where it stands in words, as the model labels every citation: "alinea 6 (blz. 2)", "briefhoofd (blz. 1)"
        label = getattr(c, f"label_{site.lang}", None) or citation_labels(c, {c.source: src}).get(f"label_{site.lang}", c.anchor)
        letter = site.cache.get(f"letter\x1f{c.source}") or site.cache.setdefault(f"letter\x1f{c.source}", LetterText(src, _our_words(site, src)))
        hit = site.cache[memo] = (quote_display(c, src), ref, label, text_directive(src, c.anchor, c.quote, letter))
    return {
        "text": hit[0],
        "href": rel(page, f"sources/{c.source}.md", c.anchor) + hit[3],
        "ref": hit[1],
        "label": hit[2],
        "key": f"{c.source}#{c.anchor}#{c.quote}",
    }


TEXT_DIRECTIVE_WORDS = 4
"""Words at each end of a longer quote that its link's text directive names (start,end), at the least."""

TEXT_DIRECTIVE_READ = 100_000_000
"""Most characters of a letter's page read to choose its quotes' directives (each try reads up to the first place its
words stand): a letter as large as validate allows, quoted as often, would otherwise hold the build for minutes. Past
it, a quote's link is its paragraph's alone."""


class LetterText:
    """A letter's page as a browser's text search meets it (our own words on it and the discrepancies' evidence, as if
    above the text, then every block, each on a line of its own, in lower case), where each block begins in it, and
    what may still be read."""

    def __init__(self, src: LoadedSource, ours: Iterable[str] = ()) -> None:
        evidence = [normalise_ws(t).lower() for t in ours] + [normalise_ws(e.quote).lower() for d in src.meta.discrepancies for e in d.evidence]
        blocks = [p.text.lower() for p in src.view.paragraphs]
        self.text = "\n".join(evidence + blocks)
        offset = sum(len(e) + 1 for e in evidence)
        self.begins: dict[str, int] = {}
        for p, block in zip(src.view.paragraphs, blocks, strict=True):
            self.begins[p.anchor], offset = offset, offset + len(block) + 1
        self.left = TEXT_DIRECTIVE_READ


def _our_words(site: Site, src: LoadedSource) -> list[str]:
    """Our own words on a letter's page, where a quote's words may stand too: its title, the discrepancies' notes, and
    the titles its "cited in" lists name (a quote of one word, "Azerbeidzjan", went to a change's title there: an
    outsider's input)."""
    titled = [*site.records(), *(x for cd in site.countries for v in cd.versions.values() for x in (v, *v.provisions.values()))]
    titled += [e for cd in site.countries for e in cd.events.events]
    return [src.meta.title, *(site.pick(d, "note") for d in src.meta.discrepancies), *(site.pick(x, "title") for x in titled)]


def text_directive(src: LoadedSource, anchor: str, quote: str, page: LetterText | None = None) -> str:
    """The end of a quote's link after its paragraph's anchor: a text fragment directive (":~:text=start,end"), with
    which the browser scrolls to the quoted words and marks them; the paragraph marks every quote it holds, and a reader
    without Dutch could not tell which one was meant (an English reader's read). A browser that does not know it stays
    at the paragraph (the page script), or at the top without the script.

    The browser goes to the first place on the letter's page (page, made once per letter) where the directive's words
    stand, so they are chosen to stand first where the quote does: the start grows word by word where it stands
    earlier ("Uit het algemeen ambtsbericht" begins alinea 2 as well as the quote in alinea 6, and the link went to
    alinea 2: a keyboard user's read); a quote that stands whole earlier (the letterhead's date, quoted in the
    discrepancy note above the text) gets the word before or after it. Where nothing tells the place apart, the link
    is the paragraph's alone. A term does not run over a page break, where the page shows the page's number; "-", ","
    and "&" in the words are escaped, as the directive asks."""
    page = page or LetterText(src)
    para = src.view.get(anchor)
    at = find_quote(para, quote) if para is not None else None
    if para is None or at is None:
        return ""
    text, (i, j) = para.text, at
    marks = [b - 1 for b in para.joined_offsets]  # the space where a page's number stands

    def lands(start: int, end: int) -> bool:
        """Whether text[start:end] stands first on the page there, and runs over no page break."""
        page.left -= len(page.text)
        where = page.begins[anchor] + len(text[:start].lower())
        return page.left >= 0 and page.text.find(text[start:end].lower()) == where and not any(start < m < end for m in marks)

    def term(start: int, end: int) -> str:
        return url_quote(text[start:end], safe="").replace("-", "%2D")

    ends = [i + m.start() for m in re.finditer(r"(?<=\S)(?= |$)", text[i:j])]  # where each word of the quote ends
    starts = [i] + [i + m.end() for m in re.finditer(r" ", text[i:j])]  # where each begins
    n, w = len(ends), TEXT_DIRECTIVE_WORDS
    tail = next((k for k in range(w, 0, -1) if not any(starts[-k] < m < j for m in marks)), 0)  # the end's words
    if n > 2 * w and tail:
        for k in range(w, n - tail + 1):
            if lands(i, ends[k - 1]):
                return f":~:text={term(i, ends[k - 1])},{term(starts[-tail], j)}"
    if lands(i, j):
        return f":~:text={term(i, j)}"
    if i > 1:  # the word before the quote
        before = i - 1 - len(text[: i - 1].rsplit(" ", 1)[-1])
        if lands(before, j):
            return f":~:text={term(before, i - 1)}-,{term(i, j)}"
    if j < len(text):  # the word after it
        after = text.find(" ", j + 1)
        after = len(text) if after < 0 else after
        if lands(i, after):
            return f":~:text={term(i, j)},-{term(j + 1, after)}"
    return ""


def quotes(site: Site, page: str, cits: list[Citation]) -> list[dict[str, str]]:
    return [quote(site, page, c) for c in cits]


def fact(site: Site, cd: CountryData, fact_id: str | None) -> dict[str, str | None] | None:
    if not fact_id:
        return None

    f = next(f for f in cd.country.facts if f.id == fact_id)
    note = getattr(f, f"confidence_note_{site.lang}")  # what the one word cannot say: which part is how sure
    return {
        "statement": site.pick(f, "statement"),
        "record": record_words(site, f.record),
        "confidence": confidence_words(site, f.confidence),
        "confidence_note": (note[:1].lower() + note[1:]).rstrip(".") if note else None,
        # the official publication, linked only where the fact records its identifier (never worked out by us)
        "url": official_url(f.publication) if f.publication else None,
        "cite_as": f.cite_as,
    }


def event_view(site: Site, page: str, cd: CountryData, e: Event) -> dict[str, Any]:
    """A dated event of the events file (context, not policy) as the timeline lists it: its date, title, the note
    on how the date was read, its fact (record, linked where the fact gives the publication) and its quotes."""
    return {
        "id": e.id,
        "date": e.date,
        "title": site.pick(e, "title"),
        "note": site.pick(e, "date_note") if e.date_note_nl else None,
        "fact": fact(site, cd, e.fact),
        "quotes": quotes(site, page, e.citations),
    }


def attribute_rows(site: Site, a: Attributes) -> list[tuple[str, str]]:
    """The attributes of a provision as (label, value) in this edition's words."""
    labels, values = ATTRIBUTE_LABELS[site.lang], VALUE_LABELS[site.lang]
    data = a.model_dump(exclude_none=True)
    rows = []
    for key, label in labels.items():  # in the order of the labels
        value = data.get(f"{key}_{site.lang}", data.get(key))
        if value is None:
            continue
        shown = values.get(value, value) if isinstance(value, str | bool) else value
        rows.append((label, str(shown)))
    return rows


def change_rows(site: Site, page: str, records: list[ChangeRecord]) -> list[dict[str, Any]]:
    """Rows of a table of changes: title and link, section, kind and announcement date."""
    return [
        {
            "url": rel(page, f"changes/{r.id}.md"),
            "title": site.pick(r, "title"),
            "section": r.placement.get(f"label_{site.lang}") or site.section(site.country_of_version(r.version_to), r.section),
            "kind": r.kind,
            "inferred": bool(r.inference),  # that it is a change at all is our inference
            "announced": r.announced,
        }
        for r in records
    ]


def version_link(site: Site, page: str, v: Version, anchor: str = "") -> dict[str, str]:
    return {"id": v.id, "title": site.pick(v, "title"), "url": rel(page, f"versions/{v.id}.md", anchor)}


def history(site: Site, *files: str) -> dict[str, Any]:
    """The commits that touched the data files behind a page (date, author, message)."""
    items = [
        {
            "date": fv.date,
            "day": fv.date[:10],
            "sha": fv.sha[:10],
            "author": fv.author,
            "message": quoted_runs(fv.message),
            "file": fv.path.rsplit("/", 1)[-1],
        }
        for name in files
        for fv in site.history.get(name, [])
    ]
    items.sort(key=lambda i: i["date"])
    return {"commits": items, "none": site.history_notice or site.t["history_none"]}


_QUOTED = re.compile(r"(?<![\w'])'([^'\n]+)'(?![\w'])")
"""A passage in single quotation marks: an apostrophe inside a word (the fact's) neither opens nor closes one."""


def quoted_runs(text: str) -> list[tuple[bool, str]]:
    """A commit message cut into (quoted, text) runs: the passages it quotes in single quotation marks (often the
    letter's Dutch in an English message) are shown as quotations, without the marks, which <q> draws."""
    return marked_runs(text, ((m.start(), m.end(), m[1]) for m in _QUOTED.finditer(text)))


def marked_runs(text: str, marks: Iterable[tuple[int, int, str]]) -> list[tuple[bool, str]]:
    """Text cut into (marked, text) runs: each mark (start, end, piece), in order and not overlapping, puts piece in
    the place of text[start:end]; empty runs are left out."""
    out, pos = [], 0
    for start, end, piece in marks:
        out += [(False, text[pos:start]), (True, piece)]
        pos = end
    out.append((False, text[pos:]))
    return [(m, t) for m, t in out if t]


def once(qs: list[dict[str, Any]], seen: dict[str, dict[str, str]], where: str, anchor: str) -> list[dict[str, Any]]:
    """Quotes shown once per page: a quote already shown becomes a reference to where it stands."""
    out = []
    for q in qs:
        first = seen.get(q["key"])
        if first is None:
            seen[q["key"]] = {"where": where, "anchor": anchor}
            out.append(q | {"repeat": None})
        elif first["anchor"] != anchor:
            out.append(q | {"repeat": first})
    return out


def milestone_rows(site: Site, page: str, cd: CountryData, v: Version) -> list[dict[str, Any]]:
    """Where a version stands: announced, signed, published, in force, each with its date and basis.

    A milestone's note is shown only where no fact gives the milestone: the fact's statement already says it.
    """
    rows = []
    for name in MILESTONES:
        m = getattr(v.milestones, name)
        basis: list[dict[str, Any]] = []
        if m.fact:
            basis.append({"fact": fact(site, cd, m.fact), "quote": None, "note": None})
        basis += [{"fact": None, "quote": quote(site, page, c), "note": None} for c in m.citations]
        if m.note_nl and not m.fact:
            basis.append({"fact": None, "quote": None, "note": site.pick(m, "note")})
        rows.append({"name": name, "date": milestone_date(v, name), "basis": basis})
    return rows


def confidence_words(site: Site, word: str | None) -> str:
    """How sure a fact is, in this edition's words (the word for unknown where none is given)."""
    return CONFIDENCE_WORDS[site.lang].get(word or "", site.t["unknown"])


def placement(site: Site, pl: dict[str, Any]) -> dict[str, Any]:
    """Where the Vc places a provision, in this edition's words, with its basis: a fact, or our own heading. The
    fact's confidence is said once: in the label where it is not high ("zekerheid: middel"), else in the basis."""
    f = pl.get("fact")
    basis = ""  # without a fact the label itself says the place is not established and the heading is ours
    if pl.get("basis") == "codified" and f:
        record = record_words(site, f["record"])
        basis = (
            site.t["placement_fact"].format(record=record, confidence=confidence_words(site, f["confidence"]))
            if f["confidence"] == "high"
            else site.t["placement_fact_record"].format(record=record)
        )
    return {"label": pl.get(f"label_{site.lang}", ""), "basis": basis}


def group_words(site: Site, cd: CountryData, ids: list[str]) -> list[str]:
    labels = {g.id: g for g in cd.country.groups}
    return [site.pick(labels[g], "label") if g in labels else g for g in ids]


def context_view(site: Site, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Codified-text context: our paraphrase of a fact about the Vc text, with its record and confidence."""
    return [
        {
            "number": e["number"],
            "text": e[f"text_{site.lang}"],
            "record": record_words(site, e.get("record")) or site.t["unknown"],
            "confidence": confidence_words(site, e.get("confidence")),
        }
        for e in entries
    ]


def not_in_earlier(site: Site, context: list[Any], earlier: str) -> str:
    """What we know when the earlier version does not mention a rule: it holds only what the letter says. The
    context below is promised only where an entry describes the earlier version's text, not only a later one."""
    if any(e.get("describes") in (earlier, None) for e in context):
        said = site.t["context_below"]
    else:
        said = site.t["context_later_only"] if context else site.t["context_none"]
    return f"{site.t['not_in_before']} {said}"


def readable(site: Site, page: str, value: Any, key: str = "") -> dict[str, Any]:
    """A data value as a reader reads it, for the `value` macro of _common.html.j2; never a Python repr.

    One of: {"text", "lang"} (lang set where the text is in a language of its own: a field's _nl or _en); {"quote",
    "label", "href"} for a citation (the quote in the letter's Dutch, with "alinea N (blz. M)" linked to its
    paragraph); {"list"}; {"pairs": [{"label" or "key", "value"}]} for an object, whose fields in the other language
    are left out where the edition's own language has the same field. key is the data field the value stands in.
    """
    lang = site.lang
    base, own = _split_lang(key)
    if value is None or value == [] or value == {}:
        return {"text": site.t["value_empty"], "lang": None}
    if isinstance(value, bool):
        return {"text": VALUE_LABELS[lang][value], "lang": None}
    if isinstance(value, str):
        if key == "quote":
            return {"quote": value, "label": None, "href": None}
        if base in ("describes", "version", "version_from", "version_to"):
            ver = next((cd.versions[value] for cd in site.countries if value in cd.versions), None)
            if ver is not None:  # a version is named by its title, linked to its page
                return {"text": site.pick(ver, "title"), "lang": None, "href": rel(page, f"versions/{value}.md")}
        if base == "section":  # one of our headings, by its title, not its id (a second editor's read)
            heading = next((x for cd in site.countries for x in cd.country.sections if x.id == value), None)
            if heading is not None:
                return {"text": site.pick(heading, "title"), "lang": None}
        if key == "publication":
            try:
                return {"text": value, "lang": None, "href": official_url(value)}
            except ValueError:
                pass  # not an identifier of the form the facts record: shown, never linked
        if own is None and base not in _IDS:
            words = CODE_WORDS[lang].get(value) or VALUE_LABELS[lang].get(value)
            if words is None and base == "confidence":
                words = CONFIDENCE_WORDS[lang].get(value)
            if words is not None:
                return {"text": words, "lang": None}
        return {"text": value, "lang": own}
    if isinstance(value, dict):
        if {"source", "anchor", "quote"} <= value.keys() and isinstance(value["quote"], str):
            return _citation(site, page, value)
        pairs: list[dict[str, Any]] = []
        for k, x in value.items():
            b, kl = _split_lang(k)
            if kl == OTHER[lang] and ((f"{b}_{lang}" if b else lang) in value or (lang == "en" and b in value)):
                continue  # the other language's text of a field the edition shows in its own
            if kl is None and b and f"{b}_{lang}" in value:
                continue  # a field as written (a fact's record), where the edition has its own name for it
            label = FIELD_WORDS[lang].get(b)
            pairs.append({"label": label, "key": None if label or not b else k, "value": readable(site, page, x, k)})
        if len(pairs) == 1 and pairs[0]["label"] is None and pairs[0]["key"] is None:
            only: dict[str, Any] = pairs[0]["value"]
            return only  # {"nl": ..., "en": ...}: the text itself
        return {"pairs": pairs}
    if isinstance(value, list):
        if base == "groups" and all(isinstance(x, str) for x in value):
            labels = {g.id: site.pick(g, "label") for cd in site.countries for g in cd.country.groups}
            return {"list": [{"text": labels.get(x, x), "lang": None} for x in value]}
        return {"list": [readable(site, page, x, base if base == "quote" else "") for x in value]}
    return {"text": str(value), "lang": None}


_IDS = frozenset({"id", "source", "anchor", "fact", "country", "section", "groups", "group", "describes", "version_from", "version_to"})
"""Fields that hold ids of the data, never a coded value to put in words."""


def _split_lang(key: str) -> tuple[str, str | None]:
    """A data field's name without its language, and the language (summary_en -> summary, en; nl -> "", nl)."""
    if key in ("nl", "en"):
        return "", key
    for lang in ("nl", "en"):
        if key.endswith("_" + lang):
            return key[: -len(lang) - 1], lang
    return key, None


def _citation(site: Site, page: str, c: dict[str, Any]) -> dict[str, Any]:
    """A citation of the data as a reader reads it: the quote, where it stands in words, and a link there."""
    labels = citation_labels(c, site.sources)
    known = bool(labels)
    return {
        "quote": c["quote"],
        "label": labels.get(f"label_{site.lang}") if known else None,
        "href": rel(page, f"sources/{c['source']}.md", str(c["anchor"])) if known else None,
    }
