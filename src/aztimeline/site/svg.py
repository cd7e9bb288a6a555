"""The timeline drawn by our code as SVG: versions as bars, milestones and events as marks on a year axis.

Marks that fall on nearly the same day (signed 7 January, published 13 January) would be drawn on top of each
other at any width a phone offers. So each mark is a small tick at its exact day, and its lettered or numbered
badge sits below it, spread out so that no two badges overlap, joined to the tick by a thin line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..load import CountryData
from ..models import Version
from ..timeline import Timeline, known_milestones, milestone_date
from .context import Site, h

W, LEFT, RIGHT = 720, 16, 16
ROW = 74
"""Height of one version's row: label, bar, badges."""
R = 9
"""Badge radius; badges stand at least 2R + GAP apart."""
GAP = 3
CHAR = 7.8
"""Rough width of one character of a bar label (14px, generous), to keep labels inside the chart."""

LETTERS = {
    "nl": {"announced": "A", "signed": "D", "published": "P", "in_force": "W"},
    "en": {"announced": "A", "signed": "D", "published": "P", "in_force": "F"},
}
"""The badge of each milestone: the first letter of its word in the edition's language (getekend, in werking)."""


def later_letter(n: int) -> str:
    """The badge of the n-th development known after the last version (from 1), lettered as the list below the
    chart (an HTML list of type a): a … z, then aa, ab, …"""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _x(day: dt.date, lo: dt.date, hi: dt.date) -> float:
    span = (hi - lo).days or 1
    return round(LEFT + (W - LEFT - RIGHT) * (day - lo).days / span, 1)


def spread(xs: list[float], *, lo: float = LEFT + R, hi: float = W - RIGHT - R, step: float = 2 * R + GAP) -> list[float]:
    """Badge positions for marks at xs (sorted): as close to each mark as possible, never closer than step."""
    out: list[float] = []
    for x in xs:
        out.append(round(max(x, lo, out[-1] + step if out else lo), 1))
    if out and out[-1] > hi:  # pushed off the right edge: shift the tail back left, keeping the spacing
        out[-1] = hi
        for i in range(len(out) - 2, -1, -1):
            out[i] = round(min(out[i], out[i + 1] - step), 1)
    return out


def events_in_order(cd: CountryData) -> list[Any]:
    """The events in the order (and so with the numbers) of the event list on the timeline page: by day, those
    without a known day last."""
    return sorted(cd.events.events, key=lambda e: (e.date if isinstance(e.date, dt.date) else dt.date.max, e.id))


def _announced_until(v: Version, p: Any) -> dt.date | None:
    """The day the decision putting version v into the Vc was published, where that falls inside its period p after
    its start: until then v's changes were announced only, as the answers for those dates say."""
    pub = milestone_date(v, "published")
    if pub is not None and p.start is not None and p.start < pub and (p.end is None or pub < p.end):
        return pub
    return None


def _never_published(v: Version, p: Any) -> bool:
    """Whether version v starts at an announcement whose putting into the Vc no source gives: its whole period is
    announced only, as the answers for its dates say (a version of 2025 was drawn as if it were in the Vc)."""
    return p.start is not None and v.effective_from_basis == "announced" and milestone_date(v, "published") is None


def _badges(marks: list[tuple[float, str, str, str]], top: float, y_tick: float, y_badge: float, tick_cls: str, line_cls: str) -> list[str]:
    """Ticks at the exact days (from top down to y_tick), badges (x, label, name, class) spread below them, and a
    line from each tick to its badge."""
    out = [f'<line x1="{x}" y1="{top}" x2="{x}" y2="{y_tick}" class="{tick_cls}"/>' for x, _, _, _ in marks]
    marks = sorted(marks, key=lambda m: m[0])
    pos = spread([m[0] for m in marks])
    for (x, label, name, cls), bx in zip(marks, pos, strict=True):
        out.append(
            f'<g class="{cls}"><title>{h(name)}</title>'
            f'<line x1="{x}" y1="{y_tick}" x2="{bx}" y2="{y_badge - R}" class="{line_cls}"/>'
            f'<circle cx="{bx}" cy="{y_badge}" r="{R}"/>'
            f'<text x="{bx}" y="{y_badge + 4}" text-anchor="middle">{h(label)}</text></g>'
        )
    return out


def _span(site: Site, start: dt.date | None, end: dt.date | None) -> str:
    """A period in words as the pages give it (the span macro of _common.html.j2): "van … t/m …", its last day
    included, not the next period's first day (a lawyer's read)."""
    if end is None:  # no end recorded, which is not "until now"
        return f"{site.t['period_from'].format(start=site.date(start))} ({site.t['open']})" if start else site.t["unknown"]
    last = site.date(end - dt.timedelta(days=1))
    return site.t["period_from_to"].format(start=site.date(start), end=last) if start else site.t["period_until"].format(end=last)


def timeline_svg(site: Site, cd: CountryData, tl: Timeline, later: list[dict[str, Any]]) -> str:
    """An accessible SVG (role img, title, description); the lists beside it carry the same facts as text.

    `later` are the developments that no version records, in the order of the page's list of them: they stand on the
    event line on their days, lettered, so that the chart does not suggest that nothing happened between versions or
    after the last one."""
    # the developments lettered as in the page's list of them: (letter, day, title)
    lettered = [(later_letter(i), dt.date.fromisoformat(k["date"]), k[f"title_{site.lang}"]) for i, k in enumerate(later, 1)]
    dates: list[dt.date] = [e.date for e in cd.events.events if isinstance(e.date, dt.date)] + [d for _, d, _ in lettered]
    dates += [d for v in cd.versions.values() for _, d in known_milestones(v)]
    dates += [p.start for p in tl.periods if p.start]
    if not dates:
        return ""
    lo = dt.date(min(dates).year, 1, 1)
    hi = dt.date(max(dates).year + 1, 12, 31)
    # the chart numbers the events with a known day
    events = [e for e in events_in_order(cd) if isinstance(e.date, dt.date)]
    rows = len(tl.periods)
    ey = 12 + ROW * rows + 6  # the event line
    height = ey + 14 + 2 * R + 40
    cid = h(cd.country.id)
    title = site.t["timeline"]
    desc = "; ".join(
        f"{site.pick(cd.versions[p.version], 'title')}: {_span(site, p.start, p.end)}"
        + (f" ({site.t['chart_announced'].format(day=site.date(pub))})" if (pub := _announced_until(cd.versions[p.version], p)) else "")
        + (f" ({site.t['chart_unpublished']})" if _never_published(cd.versions[p.version], p) else "")
        for p in tl.periods
    )
    if events:
        desc += ". " + "; ".join(f"{i}: {site.date(e.date)}, {site.pick(e, 'title')}" for i, e in enumerate(events, 1))
    if later:
        desc += f". {site.t['timeline_later']}: " + "; ".join(f"{letter}: {site.date(d)}, {title}" for letter, d, title in lettered)
    out = [
        f'<figure class="azt-timeline"><div class="azt-timeline-scroll" role="region" aria-labelledby="tl-title-{cid}">'
        f'<svg viewBox="0 0 {W} {height}" width="100%" role="img" aria-labelledby="tl-title-{cid} tl-desc-{cid}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="tl-title-{cid}">{h(title)}</title><desc id="tl-desc-{cid}">{h(desc)}</desc>',
    ]
    for year in range(lo.year, hi.year + 1):
        x = _x(dt.date(year, 1, 1), lo, hi)
        out.append(
            f'<line x1="{x}" y1="6" x2="{x}" y2="{height - 28}" class="azt-grid"/><text x="{x + 3}" y="{height - 10}" class="azt-axis">{year}</text>'
        )
    for i, p in enumerate(tl.periods):
        y = 12 + ROW * i  # top of the row: label baseline at y + 12, bar from y + 20
        v = cd.versions[p.version]
        x0 = _x(p.start, lo, hi) if p.start else LEFT
        x1 = _x(p.end, lo, hi) if p.end else W - RIGHT
        cls = "azt-bar azt-bar-unknown" if p.start is None else "azt-bar"
        bar_y, bar_h = y + 20, 14
        pub = _announced_until(v, p)
        solid = x1 if _never_published(v, p) else x0 if pub is None else _x(pub, lo, hi)
        if solid > x0:  # announced, not yet put into the Vc: the bar is light up to the publication
            out.append(f'<rect x="{x0}" y="{bar_y}" width="{max(round(solid - x0, 1), 2)}" height="{bar_h}" rx="3" class="azt-bar azt-bar-announced"/>')
        if x1 > solid:
            out.append(f'<rect x="{solid}" y="{bar_y}" width="{max(round(x1 - solid, 1), 2)}" height="{bar_h}" rx="3" class="{cls}"/>')
        label = site.pick(v, "title")
        # a label that would run off the right edge ends at the edge instead
        label_x, anchor = (x0, "") if x0 + CHAR * len(label) <= W - RIGHT else (W - RIGHT, ' text-anchor="end"')
        out.append(f'<text x="{label_x}" y="{y + 12}"{anchor} class="azt-bar-label">{h(label)}</text>')
        marks = [
            (_x(d, lo, hi), LETTERS[site.lang][name], f"{site.t[name]}: {site.date(d)}", "azt-badge") for name, d in known_milestones(v)
        ]
        out += _badges(marks, bar_y - 2, bar_y + bar_h + 4, bar_y + bar_h + 4 + 14 + R, "azt-tick", "azt-lead-line")
    if events or later:
        out.append(f'<line x1="{LEFT}" y1="{ey}" x2="{W - RIGHT}" y2="{ey}" class="azt-event-axis"/>')
        # Thin ticks, not shapes, so that events a few days apart never cover each other.
        # No links inside: an image (role img) must not hold focusable parts; the event list below links them.
        marks = [(_x(e.date, lo, hi), str(i), f"{site.date(e.date)}: {site.pick(e, 'title')}", "azt-event-badge") for i, e in enumerate(events, 1)]
        marks += [(_x(d, lo, hi), letter, f"{site.date(d)}: {title}", "azt-later-badge") for letter, d, title in lettered]
        out += _badges(marks, ey - 6, ey + 5, ey + 14 + R, "azt-event-tick", "azt-event-line")
    out.append("</svg></div>")
    # said in words where the chart scrolls (a phone): the shadow at the edge alone was not seen (a lawyer's read)
    out.append(f'<p class="azt-timeline-hint">{h(site.t["timeline_scroll"])}</p>')
    out.append(f"<figcaption>{h(site.t['timeline_legend'])}</figcaption></figure>")
    return "".join(out)
