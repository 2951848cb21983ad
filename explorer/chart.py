"""An indicator's series as inline SVG: one panel per area, each with its own scale (a
national figure does not flatten the regional ones), one line per segment, every point
a link to the place its fact was read, flagged points drawn apart."""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from html import escape

from explorer.formatting import format_value, period_label

WIDTH, HEIGHT = 720, 210
LEFT, RIGHT, TOP, BOTTOM = 110, 16, 12, 28
PALETTE = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step that cuts `span` into about `ticks` parts.

    >>> nice_step(23.7), nice_step(1049965), nice_step(0)
    (10, 500000, 1.0)
    """
    if span <= 0:
        return 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _midpoint(fact: dict) -> float:
    return (fact["period_start"].toordinal() + fact["period_end"].toordinal()) / 2


def _panel(area: str, facts: list[dict], x_range: tuple[float, float], colors: dict,
           href: Callable[[dict], str]) -> str:
    x_lo, x_hi = x_range
    values = [f["value"] for f in facts]
    y_lo = min(0.0, min(values))
    step = nice_step(max(values) - y_lo)
    y_hi = step * math.ceil(max(values) / step) if max(values) > 0 else y_lo + step

    def x(day: float) -> float:
        return LEFT + (day - x_lo) / (x_hi - x_lo) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return TOP + (y_hi - value) / (y_hi - y_lo) * (HEIGHT - TOP - BOTTOM)

    unit = facts[0]["unit"]
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'role="img" aria-label="{escape(area)}">']
    tick = y_lo
    while tick <= y_hi + step / 1000:
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
                     f'<text class="tick" x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
                     f'{escape(format_value(tick, unit))}</text>')
        tick += step
    for year in range(dt.date.fromordinal(int(x_lo)).year + 1, dt.date.fromordinal(int(x_hi)).year + 1):
        day = dt.date(year, 1, 1).toordinal()
        parts.append(f'<line class="year" x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}"/>'
                     f'<text class="tick" x="{x(day) + 3:.1f}" y="{HEIGHT - 10}">{year}</text>')
    series: dict[str | None, list[dict]] = {}
    for fact in sorted(facts, key=_midpoint):
        series.setdefault(fact["segment"], []).append(fact)
    for segment, points in series.items():
        color = colors[segment]
        if len(points) > 1:
            path = " ".join(f"{x(_midpoint(p)):.1f},{y(p['value']):.1f}" for p in points)
            parts.append(f'<polyline class="series" points="{path}" stroke="{color}"/>')
        for p in points:
            px, py = x(_midpoint(p)), y(p["value"])
            flagged = p["status"] == "flagged"
            title = (f"{segment or 'whole'} · {period_label(p['period_start'], p['period_end'])} · "
                     f"{format_value(p['value'], p['unit'])}" + (" · flagged" if flagged else ""))
            # The period the figure covers, as a bar: a year and a quarter do not look alike.
            parts.append(f'<line class="span" x1="{x(p["period_start"].toordinal()):.1f}" '
                         f'x2="{x(p["period_end"].toordinal() + 1):.1f}" y1="{py:.1f}" y2="{py:.1f}" '
                         f'stroke="{color}"/>')
            shape = (f'<path class="point flagged" d="M{px:.1f},{py - 7:.1f} l7,7 l-7,7 l-7,-7 z"/>' if flagged
                     else f'<circle class="point" cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="{color}"/>')
            parts.append(f'<a href="{escape(href(p))}" data-fact="{escape(p["fact_id"])}">'
                         f'<title>{escape(title)}</title>{shape}</a>')
    parts.append("</svg>")
    return "".join(parts)


def indicator_chart(facts: list[dict], href: Callable[[dict], str], area_names: dict[str, str]) -> str:
    """The HTML of every panel, or '' when no fact of the indicator is dated."""
    dated = [f for f in facts if f["period_start"] and f["period_end"] and f["value"] is not None]
    if not dated:
        return ""
    x_lo = min(f["period_start"].toordinal() for f in dated)
    x_hi = max(f["period_end"].toordinal() + 1 for f in dated)
    x_range = (x_lo - 30, x_hi + 30)
    segments = sorted({f["segment"] for f in dated}, key=lambda s: (s is not None, s or ""))
    colors = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(segments)}
    by_area: dict[str, list[dict]] = {}
    for fact in dated:
        by_area.setdefault(fact["area"] or "", []).append(fact)
    legend = "".join(f'<span class="swatch" style="background:{colors[s]}"></span>{escape(s or "whole")} '
                     for s in segments)
    panels = []
    for area in sorted(by_area, key=lambda a: (len(a), a)):  # countries first, then regions, then smaller
        name = area_names.get(area, "") if area else "no area"
        caption = f"{escape(name)} ({escape(area)})" if area and name else escape(area or name)
        panels.append(f'<figure class="panel" id="panel-{escape(area or "none")}"><figcaption>{caption}'
                      f' · {len(by_area[area])} points</figcaption>'
                      f'{_panel(area, by_area[area], x_range, colors, href)}</figure>')
    return (f'<p class="legend">{legend}<span class="flag-key">◆ flagged</span> · a bar is the period '
            f'a figure covers</p>' + "".join(panels))
