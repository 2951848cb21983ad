"""One way of writing a figure, its unit and its period (warehouse/formatting.py), the same in every layer:
validation's messages, the Dagster previews and checks, the explorer's pages and charts."""
from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from warehouse.formatting import format_number, format_period, format_unit, format_value

ROOT = Path(__file__).resolve().parents[1]
D = dt.date


def test_figures_group_thousands_with_a_space_and_keep_their_unit_sign():
    assert format_value(2_400_000.0, "EUR") == "2 400 000 €"  # stored "EUR", shown as a reader writes it
    assert format_value(12.5, "percent") == "12.5 %"
    assert format_value(61200.0, "persons") == "61 200 persons"
    assert format_value(35.0, "count") == "35"
    assert format_value(3.0, "years") == "3 years"
    assert format_value(48500.0, "km2") == "48 500 km²"
    assert format_value(-4500.0, "persons", "approx") == "about -4 500 persons"


def test_a_stated_figure_keeps_its_decimals_a_computed_one_is_shown_to_the_cent():
    assert format_value(13.04061, "percent") == "13.04061 %"  # a share printed with five decimals
    assert format_value(400400000.00000006, "EUR") == "400 400 000 €"  # float noise of a scale, cut
    assert format_number(18887.591234) == "18 887.59"
    assert format_number(1e-9) == format_number(-1e-9) == "0"


def test_missing_values_and_dates_from_any_row_kind():
    assert format_value(float("nan"), "EUR") == format_value(None, "EUR") == ""
    assert format_number(None) == "?"
    assert format_period(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31")) == "2024"
    assert format_period(pd.NaT, pd.NaT) == "undated"
    assert format_period("2025-10-01", "2025-12-31") == "2025-Q4"


def test_periods_in_their_shortest_exact_wording():
    assert format_period(D(2024, 9, 1), D(2025, 8, 31)) == "2024/2025"  # a school year
    assert format_period(D(2021, 1, 1), D(2027, 12, 31)) == "2021-2027"  # whole years
    assert format_period(D(2025, 2, 1), D(2025, 2, 28)) == "2025-02"
    assert format_period(D(2025, 4, 1), D(2025, 6, 30)) == "2025-Q2"
    assert format_period(D(2025, 4, 1), D(2025, 5, 31)) == "2025-04-01 – 2025-05-31"  # two months: no quarter
    assert format_period(D(2025, 4, 2), D(2025, 6, 30)) == "2025-04-02 – 2025-06-30"
    assert format_period(D(2025, 4, 1), None) == "2025-04-01"


def test_a_finding_writes_its_figures_as_the_explorer_does():
    """A finding's message about a fact stated in EUR shows it in €, grouped as in the explorer."""
    from validation.facts import FactRow
    from validation.formatting import fmt_fact_period, fmt_value

    row = FactRow.from_dict({"fact_id": "a", "value": 7_546_407.5, "unit": "EUR", "qualifier": "max",
                             "period_start": "2023-09-01", "period_end": "2024-08-31"})
    assert fmt_value(row) == "less than 7 546 407.5 €"
    assert fmt_fact_period(row) == "2023/2024"


def test_no_layer_writes_figures_or_units_its_own_way():
    """Thousands grouped by a format spec (`{x:,}`) or a unit's sign mapped outside warehouse/formatting.py
    would be a second way of writing them."""
    offenders = []
    for package in ("validation", "pipelines", "explorer", "warehouse"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name == "formatting.py" and package == "warehouse":
                continue
            source = path.read_text(encoding="utf-8")
            if re.search(r"\{[^{}]*:,[^{}]*\}", source):
                offenders.append(f"{path.relative_to(ROOT)}: a thousands format spec")
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Constant) and node.value in (" €", " %", " EUR", " km²"):
                    offenders.append(f"{path.relative_to(ROOT)}: the unit suffix {node.value!r}")
    script = (ROOT / "explorer" / "static" / "explorer.js").read_text(encoding="utf-8")
    if re.search(r"""["'] [€%]["']""", script):
        offenders.append("explorer/static/explorer.js: a unit suffix of its own")
    assert not offenders, offenders
    assert format_unit("EUR") == " €"
