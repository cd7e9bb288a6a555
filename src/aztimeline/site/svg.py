"""The timeline drawn by our code as SVG: versions as bars, milestones and events as marks on a year axis."""

from __future__ import annotations

import datetime as dt

from ..load import CountryData
from ..timeline import Timeline
from .context import Site, h

W, LEFT, RIGHT = 960, 20, 20
ROW = 44


def _x(day: dt.date, lo: dt.date, hi: dt.date) -> float:
    span = (hi - lo).days or 1
    return round(LEFT + (W - LEFT - RIGHT) * (day - lo).days / span, 1)


def timeline_svg(site: Site, cd: CountryData, tl: Timeline) -> str:
    """An accessible SVG (role img, title, description); the lists beside it carry the same facts as text."""
    dates: list[dt.date] = [e.date for e in cd.events.events if isinstance(e.date, dt.date)]
    for v in cd.versions.values():
        for name in ("announced", "signed", "published", "in_force"):
            d = getattr(v.milestones, name).date
            if isinstance(d, dt.date):
                dates.append(d)
    dates += [p.start for p in tl.periods if p.start]
    if not dates:
        return ""
    lo = dt.date(min(dates).year, 1, 1)
    hi = dt.date(max(dates).year + 1, 12, 31)
    rows = len(tl.periods)
    height = 40 + ROW * rows + 60
    title = site.t["timeline"]
    desc = "; ".join(
        f"{site.version_title(cd.versions[p.version])}: {site.date(p.start, site.t['unknown_start'])} \u2013 {site.date(p.end, site.t['open']) if p.end else site.t['open']}"
        for p in tl.periods
    )
    out = [
        f'<figure class="azt-timeline"><svg viewBox="0 0 {W} {height}" width="100%" role="img" aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="tl-title">{h(title)}</title><desc id="tl-desc">{h(desc)}</desc>',
    ]
    for year in range(lo.year, hi.year + 1):
        x = _x(dt.date(year, 1, 1), lo, hi)
        out.append(
            f'<line x1="{x}" y1="20" x2="{x}" y2="{height - 30}" class="azt-grid"/><text x="{x + 3}" y="{height - 12}" class="azt-axis">{year}</text>'
        )
    for i, p in enumerate(tl.periods):
        y = 30 + ROW * i
        v = cd.versions[p.version]
        x0 = _x(p.start, lo, hi) if p.start else LEFT
        x1 = _x(p.end, lo, hi) if p.end else W - RIGHT
        cls = "azt-bar azt-bar-unknown" if p.start is None else "azt-bar"
        out.append(f'<rect x="{x0}" y="{y + 8}" width="{max(x1 - x0, 2)}" height="18" rx="3" class="{cls}"/>')
        # the label sits above its bar, starting where the bar starts unless that would run off the right edge
        label_x = min(x0, W - RIGHT - 420)
        out.append(f'<text x="{label_x}" y="{y + 2}" class="azt-bar-label">{h(site.version_title(v))}</text>')
        for name, mark in (("announced", "A"), ("signed", "S"), ("published", "P"), ("in_force", "F")):
            d = getattr(v.milestones, name).date
            if isinstance(d, dt.date):
                x = _x(d, lo, hi)
                out.append(
                    f'<g class="azt-mark"><circle cx="{x}" cy="{y + 17}" r="6"/><text x="{x}" y="{y + 40}" text-anchor="middle" class="azt-mark-label">{mark}</text></g>'
                )
    ey = 30 + ROW * rows + 10
    for e in cd.events.events:
        if isinstance(e.date, dt.date):
            x = _x(e.date, lo, hi)
            # No links inside: an image (role img) must not hold focusable parts; the event list below links them.
            out.append(f'<rect x="{x - 4}" y="{ey}" width="8" height="8" transform="rotate(45 {x} {ey + 4})" class="azt-event"/>')
    out.append("</svg>")
    legend = (
        "A = aangekondigd, S = getekend, P = gepubliceerd, F = in werking; \u25c6 = gebeurtenis; gestreept = begindatum onbekend"
        if site.lang == "nl"
        else "A = announced, S = signed, P = published, F = in force; \u25c6 = event; hatched = start date unknown"
    )
    out.append(f"<figcaption>{h(legend)}</figcaption></figure>")
    return "".join(out)
