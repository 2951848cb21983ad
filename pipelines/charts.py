"""A small chart of a few indicator series, as markdown with an embedded PNG for the Dagster UI."""
from __future__ import annotations

import base64
import io

import duckdb

from warehouse.load import read_rows

CHART_INDICATORS = {
    "unemployment_rate": "Unemployment rate (%)",
    "jobseekers": "Jobseekers",
    "apprentices": "Apprentices",
}
MAX_AREAS = 5


def indicator_series(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, list[tuple]]]:
    """indicator -> area -> [(period_start, value)]: whole-population figures, one value per period."""
    rows = read_rows(con, """
        SELECT indicator, area, period_start, avg(value) AS value
        FROM facts
        WHERE indicator IN (SELECT unnest(?)) AND segment IS NULL
          AND area IS NOT NULL AND period_start IS NOT NULL
        GROUP BY ALL ORDER BY indicator, area, period_start""", [list(CHART_INDICATORS)])
    series: dict[str, dict[str, list[tuple]]] = {}
    for r in rows:
        series.setdefault(r["indicator"], {}).setdefault(r["area"], []).append((r["period_start"], r["value"]))
    # The areas with the longest series, so a chart over many documents stays readable.
    return {
        indicator: dict(sorted(by_area.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:MAX_AREAS])
        for indicator, by_area in series.items()
    }


def chart_markdown(con: duckdb.DuckDBPyConnection) -> str:
    """`![chart](data:image/png;base64,...)` of the series, with a line saying what is drawn."""
    series = indicator_series(con)
    if not series:
        return "No dated unemployment, jobseeker or apprentice figures yet."
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    indicators = [i for i in CHART_INDICATORS if i in series]
    fig, axes = plt.subplots(1, len(indicators), figsize=(3.6 * len(indicators), 2.8), dpi=80, squeeze=False)
    for ax, indicator in zip(axes[0], indicators):
        for area, points in series[indicator].items():
            ax.plot([p for p, _ in points], [v for _, v in points], marker="o", label=area)
        ax.set_title(CHART_INDICATORS[indicator], fontsize=10)
        if len({p for points in series[indicator].values() for p, _ in points}) > 1:
            locator = mdates.AutoDateLocator(maxticks=5)  # (it warns over a single date)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=7)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    caption = ", ".join(CHART_INDICATORS[i].lower() for i in indicators)
    return (f"By area and period start ({caption}; whole population, at most {MAX_AREAS} areas each).\n\n"
            f"![chart](data:image/png;base64,{encoded})")
