"""An indicator's series for the chart library: one panel per area, each with its own scale (a
national figure does not flatten the regional ones), one line per document and segment (a line never
joins figures of two documents), flagged figures drawn apart, every point leading to the place its
fact was read.

The charts are drawn in the browser by uPlot (explorer/static/uPlot.iife.min.js, MIT, shipped with
the site: no network), from the data embedded here; its time axis labels the dates at a density that
stays readable over any range.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from html import escape

from warehouse.formatting import format_period, format_unit, format_value

PALETTE = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#ff7f0e")
EPOCH = dt.date(1970, 1, 1)


def _midpoint_seconds(fact: dict) -> int:
    """The middle of the period a figure covers, in seconds since 1970 (uPlot's time scale)."""
    middle = (fact["period_start"].toordinal() + fact["period_end"].toordinal() + 1) / 2
    return round((middle - EPOCH.toordinal()) * 86400)


def panel_data(facts: list[dict], href: Callable[[dict], str], titles: dict[str, str]) -> dict:
    """uPlot's aligned data for one area: the x values, then one series per (document, segment) with
    its facts and links, and the flagged figures as a series of their own (points, no line)."""
    xs = sorted({_midpoint_seconds(f) for f in facts})
    column = {x: i for i, x in enumerate(xs)}
    groups: dict[tuple[str, str | None], list[dict]] = {}
    for fact in facts:
        groups.setdefault((fact["document_id"], fact["segment"]), []).append(fact)

    def series(label: str, points: list[dict], color: str, line: bool) -> dict:
        values, ids, links, notes = ([None] * len(xs) for _ in range(4))
        for p in points:
            i = column[_midpoint_seconds(p)]
            values[i], ids[i], links[i] = p["value"], p["fact_id"], href(p)
            notes[i] = f"{format_period(p['period_start'], p['period_end'])} · {format_value(p['value'], p['unit'])}"
        return {"label": label, "color": color, "line": line, "values": values, "facts": ids, "hrefs": links,
                "notes": notes}

    def layers(points: list[dict]) -> list[list[dict]]:
        """The points in as few lists as keep one point per x: a document stating two values for one
        period (a contradiction) gets a second line rather than losing one."""
        out: list[list[dict]] = []
        for point in sorted(points, key=lambda p: (_midpoint_seconds(p), p["fact_id"])):
            free = next((layer for layer in out if all(_midpoint_seconds(q) != _midpoint_seconds(point)
                                                       for q in layer)), None)
            if free is None:
                out.append(free := [])
            free.append(point)
        return out

    out = []
    for n, ((document, segment), points) in enumerate(sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] or ""))):
        label = f"{titles.get(document, document)} · {segment or 'whole'}"
        color = PALETTE[n % len(PALETTE)]
        out += [series(label, layer, color, line=True) for layer in layers(points)]
        # The flagged figures again, as red points over their line.
        out += [series(f"flagged · {label}", layer, "#d62728", line=False)
                for layer in layers([p for p in points if p["status"] == "flagged"])]
    # (the axis labels its ticks in the browser, with the unit's suffix written here as everywhere)
    return {"x": xs, "series": out, "suffix": format_unit(facts[0]["unit"])}


def indicator_chart(facts: list[dict], href: Callable[[dict], str], area_names: dict[str, str],
                    titles: dict[str, str] | None = None) -> str:
    """The HTML of every panel (its data for explorer.js), or '' when no fact of the indicator is dated."""
    dated = [f for f in facts if f["period_start"] and f["period_end"] and f["value"] is not None]
    if not dated:
        return ""
    by_area: dict[str, list[dict]] = {}
    for fact in dated:
        by_area.setdefault(fact["area"] or "", []).append(fact)
    panels = []
    for area in sorted(by_area, key=lambda a: (len(a), a)):  # countries first, then regions, then smaller
        name = area_names.get(area, "") if area else "no area"
        caption = f"{escape(name)} ({escape(area)})" if area and name else escape(area or name)
        data = json.dumps(panel_data(by_area[area], href, titles or {}), ensure_ascii=False).replace("</", "<\\/")
        panels.append(f'<figure class="panel" id="panel-{escape(area or "none")}"><figcaption>{caption}'
                      f' · {len(by_area[area])} points</figcaption><div class="chart"></div>'
                      f'<script type="application/json" class="chart-data">{data}</script></figure>')
    return ('<p class="legend">One line per document and segment; <span class="flag-key">●</span> flagged. '
            'A point is placed at the middle of the period it covers; click it to open its figure.</p>'
            + "".join(panels))
