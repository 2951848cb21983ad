"""Arithmetic rules: figures of one document that their own sums, changes and parts contradict.

Every tolerance here is the figures' written precision, carried through the
arithmetic as intervals: a finding means no choice of the rounded figures'
true values makes the statement hold.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from validation.facts import (
    ADDITIVE_UNITS,
    HEADCOUNT_UNITS,
    FactRow,
    as_rows,
    decimals_of,
    group,
    overlap,
    sorted_rows,
)
from validation.expressions import ExpressionError, evaluate
from validation.findings import ERROR, Finding
from validation.gating import doubt
from validation.grid import document_names, grids
from validation.table_checks import crossed_row_totals, table_sum_findings
from validation.formatting import fmt_fact_period, fmt_subject, fmt_value, fmt_where
from validation.thresholds import AGE_CHAINS_MAX, EPS
from warehouse.formatting import format_number


# ---------------------------------------------------------------- stated_change_mismatch
def _ratio_interval(new: tuple[float, float], base: tuple[float, float]) -> tuple[float, float] | None:
    if base[0] <= 0 <= base[1]:
        return None
    corners = [n / b for n in new for b in base]
    return min(corners), max(corners)


def stated_change_mismatch(facts, partnerships=None, documents=None, relations=None, figures=None) -> list[Finding]:
    """A stated evolution % that its own two figures contradict (error).

    The change computed from the two figures is an interval (each figure may be
    off by its rounding, `precision`); the stated change is an interval too
    (half a unit of its last decimal). Only when the two intervals do not meet
    is the change wrong. For percentages, a change stated in points also counts.

    Example: "512 990 → 538 430, évolution 5,08 %" fires (the figures give
    +4.96 %); "9 % → 9,2 %, 2,22 %" does not (9 may be 8.5–9.5).
    """
    rows = as_rows(facts)
    by_id = {f.fact_id: f for f in rows}
    out = []
    for f in sorted_rows(rows):
        stated = f.stated_change_pct
        base = by_id.get(f.change_base_fact_id)
        if stated is None or base is None or f.value is None or base.value is None:
            continue
        if f.qualifier or base.qualifier:
            continue  # an approximate or bounded figure cannot check a change to the decimal
        decimals = decimals_of(stated) if f.stated_change_decimals is None else f.stated_change_decimals
        half = 0.5 * 10 ** (-decimals)
        stated_iv = (stated - half, stated + half)
        new_iv, base_iv = f.interval, base.interval
        ratio = _ratio_interval(new_iv, base_iv)
        if ratio is None:
            continue
        relative_iv = ((ratio[0] - 1) * 100, (ratio[1] - 1) * 100)
        candidates = [relative_iv]
        if f.unit == "percent":
            candidates.append((new_iv[0] - base_iv[1], new_iv[1] - base_iv[0]))  # points
        if any(overlap(stated_iv, iv) for iv in candidates):
            continue
        computed = (f.value / base.value - 1) * 100
        out.append(
            Finding(
                "stated_change_mismatch",
                ERROR,
                [f.fact_id, base.fact_id],
                f"Stated change {stated:+.{decimals}f} % for {fmt_subject(f)} "
                f"({fmt_fact_period(base)} → {fmt_fact_period(f)}) does not match "
                f"{fmt_value(base)} → {fmt_value(f)} ({computed:+.{max(decimals, 2)}f} %) "
                f"in {fmt_where(f)}; check the two figures and the stated change.",
                f.document_id,
            )
        )
    return out


# ---------------------------------------------------------------- parts_do_not_sum_to_total
_AGE = re.compile(r"^age:(?:(?P<lt><)\s*(?P<ltn>\d+)|(?P<lo>\d+)\s*(?:-\s*(?P<hi>\d+)|(?P<plus>\+)))$")
NATURE_LINES = {"operating", "investment"}  # a second way to cut a budget, beside its functions


def age_range(segment: str | None) -> tuple[int, float] | None:
    """The ages an `age:` segment covers, both ends included (inf for an open end).

    >>> age_range("age:<25"), age_range("age:25-49"), age_range("age:50+")
    ((0, 24), (25, 49), (50, inf))
    """
    m = _AGE.match((segment or "").replace(" ", ""))
    if not m:
        return None
    if m["lt"]:
        return 0, int(m["ltn"]) - 1
    if m["plus"]:
        return int(m["lo"]), math.inf
    lo, hi = int(m["lo"]), int(m["hi"])
    return (lo, hi) if lo <= hi else None


def age_partitions(segments: Iterable[str]) -> list[list[str]]:
    """Chains of age groups that cover, without gap or overlap, from the lowest age to an open end.

    >>> age_partitions(["age:<25", "age:25-49", "age:50+"])
    [['age:<25', 'age:25-49', 'age:50+']]
    >>> age_partitions(["age:15-24", "age:25-49", "age:50-64"])
    []
    """
    ranges = {s: age_range(s) for s in set(segments)}
    ranges = {s: r for s, r in ranges.items() if r is not None}
    if len(ranges) < 2:
        return []
    by_start: dict[int, list[str]] = defaultdict(list)
    for s, (lo, _hi) in ranges.items():
        by_start[lo].append(s)
    lowest = min(by_start)
    chains: list[list[str]] = []

    def walk(chain: list[str]) -> None:
        if len(chains) >= AGE_CHAINS_MAX:
            return
        hi = ranges[chain[-1]][1]
        if math.isinf(hi):
            if len(chain) >= 2:
                chains.append(chain)
            return
        for nxt in sorted(by_start.get(int(hi) + 1, [])):
            walk(chain + [nxt])

    for start in sorted(by_start[lowest]):
        walk([start])
    return chains


def _line_parts(segment: str) -> list[str]:
    return segment.split(":")[1:] if segment.startswith("line:") else []


def _decompositions(total_segment: str | None, segments: set[str]) -> list[tuple[str, list[str]]]:
    """(kind, part segments) lists that should add up to the total segment."""
    out: list[tuple[str, list[str]]] = []
    if total_segment is None:
        for chain in age_partitions(s for s in segments if s.startswith("age:")):
            out.append(("age groups", chain))
        return out
    if total_segment == "sector:total":
        parts = sorted(s for s in segments if s.startswith("sector:") and s != "sector:total")
        return [("sectors", parts)] if len(parts) >= 2 else []
    path = _line_parts(total_segment)
    if not path:
        return []
    prefix = [] if path == ["total"] else path
    children = sorted(
        s
        for s in segments
        if s.startswith("line:")
        and len(_line_parts(s)) == len(prefix) + 1
        and _line_parts(s)[: len(prefix)] == prefix
        and _line_parts(s)[-1] != "total"
    )
    nature = [s for s in children if _line_parts(s)[-1] in NATURE_LINES]
    function = [s for s in children if _line_parts(s)[-1] not in NATURE_LINES]
    for kind, parts in (("budget lines", function), ("operating and investment", nature)):
        if len(parts) >= 2:
            out.append((kind, parts))
    return out


def _same_measure(facts, units: set[str]) -> list[list[FactRow]]:
    """Facts of one document measuring one thing (indicator, area, period, unit among `units`), by key."""
    groups = group(
        (f for f in as_rows(facts) if f.unit in units and f.value is not None),
        lambda f: (f.document_id, f.indicator, f.area, *f.period, f.unit),
    )
    return [groups[key] for key in sorted(groups, key=str)]


def _compatible(total: FactRow, part: FactRow) -> bool:
    t, p = total.tables, part.tables
    return not (t and p and not t & p)


def _is_total(f: FactRow) -> bool:
    s = f.segment
    return s is None or s == "line:total" or s == "sector:total" or s.startswith("line:")


def parts_do_not_sum_to_total(facts, partnerships=None, documents=None, relations=None, figures=None) -> list[Finding]:
    """Budget lines, age groups or sectors that do not add up to their stated total (error).

    Grouping: one document, same indicator, area, period and additive unit
    (persons, count, EUR — never percent). Totals: `line:total` for top-level
    `line:X` lines, `line:P` for nested `line:P:x`, `sector:total` for
    sectors, the whole (no segment) for age groups that cover every age from
    the lowest to an open end (`<25`, `25-49`, `50+`). Operating/investment
    lines are a second cut of the same budget, checked separately. Parts from
    another table than the total's are left out; a line stated twice with two
    values makes that total ambiguous and unchecked. Tolerance: the sum of
    every figure's rounding. Parts above the total always fire; parts below
    fire for age groups, sectors and operating/investment (complete by
    construction), but for budget lines only when they include a
    non-allocable line (a listing that claims to be complete) — otherwise a
    table may simply list a few lines of a larger total.

    Example: 2022 lines 370,8 + 133,4 + 38,7 + 2,6 = 545,5 M€ against a total
    542,9 M€ fires; 306,8 + 149,4 + 46 + 1,6 = 503,8 against 503,9 does not
    (46 may be 45,5–46,5).

    The finding points at the total; the parts are named in the message.

    Printed tables are also checked cell by cell (`validation.table_checks`):
    a total row against the rows it adds up, a "Total" column against the
    columns before it, with the cells' own rounding as the only tolerance; a
    column and a row off by the same amount name the cell at their crossing.
    """
    formula_targets = {r.get("target_fact_id") for r in relations or [] if r.get("kind") == "formula"}
    out = table_sum_findings(grids(figures), {f.fact_id: f for f in as_rows(facts)}, document_names(documents),
                             formula_targets)
    for members in _same_measure(facts, ADDITIVE_UNITS):
        segments = {f.segment for f in members if f.segment}
        for total in sorted_rows(f for f in members if _is_total(f)):
            if total.qualifier:
                continue
            problems, involved = [], []
            for kind, part_segments in _decompositions(total.segment, segments):
                chosen = []
                for seg in part_segments:
                    cands = [f for f in members if f.segment == seg and _compatible(total, f)]
                    same_table = [f for f in cands if total.tables & f.tables]
                    cands = same_table or cands
                    if not cands:
                        continue  # this line is only stated elsewhere (another table)
                    if len({round(f.value, 6) for f in cands}) != 1:
                        chosen = None  # ambiguous: this decomposition cannot be checked
                        break
                    chosen.append(sorted_rows(cands)[0])
                if not chosen or len(chosen) < 2 or any(p.qualifier for p in chosen):
                    continue
                parts_sum = sum(p.value for p in chosen)
                tol = sum(p.precision for p in chosen) + total.precision
                tol += EPS * max(1.0, abs(total.value))
                diff = parts_sum - total.value
                if abs(diff) <= tol:
                    continue
                complete = kind != "budget lines" or any(
                    (p.segment or "").endswith(":non_allocable") for p in chosen
                )
                if diff < 0 and not complete:
                    continue
                listing = " + ".join(f"{format_number(p.value)} ({p.segment})" for p in chosen)
                problems.append(f"{kind} {listing} = {format_number(parts_sum)}")
                involved += [p.fact_id for p in chosen]
            if problems:
                out.append(
                    Finding(
                        "parts_do_not_sum_to_total",
                        ERROR,
                        [total.fact_id],
                        f"The {'; '.join(problems)} against a stated total of {fmt_value(total)} "
                        f"for {fmt_subject(total)} ({fmt_fact_period(total)}, {fmt_where(total)}), "
                        f"beyond the rounding of the figures; check the total and its parts.",
                        total.document_id,
                        involved_fact_ids=involved,
                    )
                )
    return out


# ---------------------------------------------------------------- segment_equals_or_exceeds_total
def segment_equals_or_exceeds_total(facts, partnerships=None, documents=None, relations=None,
                                    figures=None) -> list[Finding]:
    """A sub-population (`age:`, `sector:`) as large as or larger than the whole (error).

    Grouping: one document, same indicator, area, period and head-count unit
    (persons, count); the whole is the fact with no segment. Approximate or
    bounded figures that could still fit are left alone. Undated figures give
    an `uncertain_reading` only: the part and the whole may be of two years.

    Example: jobseekers aged 50+ 5 752 600 beside all ages 5 752 600 fires;
    50+ 129 660 beside 538 430 does not.
    The finding points at the segment; the whole is named in the message.
    """
    out = []
    for members in _same_measure(facts, HEADCOUNT_UNITS):
        wholes = [f for f in members if f.segment is None and f.qualifier not in ("min", "approx")]
        if not wholes:
            continue
        for seg in sorted_rows(members):
            s = seg.segment or ""
            if not (s.startswith("age:") or s.startswith("sector:")) or s == "sector:total":
                continue
            if seg.qualifier in ("max", "approx"):
                continue
            over = [w for w in sorted_rows(wholes) if seg.value >= w.value]
            if not over:
                continue
            w = over[0]
            verb = "equals" if seg.value == w.value else "exceeds"
            finding = Finding(
                "segment_equals_or_exceeds_total",
                ERROR,
                [seg.fact_id],
                f"{fmt_subject(seg)} {fmt_value(seg)} ({fmt_fact_period(seg)}, {fmt_where(seg)}) "
                f"{verb} the whole population's {fmt_value(w)} ({fmt_where(w)}); "
                f"a part cannot be as large as the whole, check the segment's figure.",
                seg.document_id,
                involved_fact_ids=[w.fact_id],
            )
            if not seg.dated:
                # no period read for either: the part and the whole may be of different years
                finding = doubt(finding, "the extractor read no period for the part or the whole")
            out.append(finding)
    return out


# ---------------------------------------------------------------- stated_formula_mismatch
_OPERAND = re.compile(r"x(\d+)")


@dataclass
class _FormulaCheck:
    """One relation evaluated: what its operands give and what the table prints (or the constant)."""

    rel: dict
    operands: list[FactRow]
    target: FactRow | None
    stated: float
    stated_iv: tuple[float, float]
    computed: float
    computed_iv: tuple[float, float]

    @property
    def holds(self) -> bool:
        return overlap(self.computed_iv, self.stated_iv)

    @property
    def slack(self) -> float:
        return (self.computed_iv[1] - self.computed_iv[0]) / 2 + (self.stated_iv[1] - self.stated_iv[0]) / 2

    @property
    def is_row_formula(self) -> bool:
        return self.rel.get("kind") == "formula" and self.target is not None

    @property
    def family(self) -> tuple:
        """The rows one header formula applies to."""
        r = self.rel
        return r.get("document_id"), r.get("table_id"), r.get("expression"), r.get("formula_text")


def _printed_cell(rel: dict, value, precision) -> FactRow | None:
    """A cell the formula names that is no fact of its own (a ratio, a derived index): its printed value,
    read from the table's own grid, with the precision it is printed to."""
    if value is None or value != value:
        return None
    return FactRow.from_dict({"fact_id": None, "document_id": rel.get("document_id"), "value": float(value),
                              "precision": precision, "table_id": rel.get("table_id"),
                              "row_label": rel.get("row_label")})


def _relation_rows(rel: dict, rows: dict[str, FactRow]) -> tuple[list[FactRow | None], FactRow | None]:
    """The operand and target rows of a relation: the facts, else the printed cells."""
    ids = list(rel.get("operand_fact_ids") or [])
    values = list(rel.get("operand_values") or [None] * len(ids))
    precisions = list(rel.get("operand_precisions") or [None] * len(ids))
    operands = [rows.get(fid) if fid else _printed_cell(rel, v, p) for fid, v, p in zip(ids, values, precisions)]
    target_id = rel.get("target_fact_id")
    target = rows.get(target_id) if target_id else _printed_cell(rel, rel.get("target_value"),
                                                                   rel.get("target_precision"))
    return operands, target


def _evaluate_relation(rel: dict, rows: dict[str, FactRow]) -> _FormulaCheck | None:
    """The relation evaluated, or None when it cannot be checked to the digit."""
    operands, target = _relation_rows(rel, rows)
    expected = rel.get("expected_value")
    if not operands or any(op is None or op.value is None or op.qualifier for op in operands):
        return None  # a figure not kept, or approximate
    if target is None and expected is None or target is not None and (target.value is None or target.qualifier):
        return None
    if rel.get("kind") != "formula" and target is not None and target.fact_id in {op.fact_id for op in operands}:
        return None  # a total counted among its own parts: the relation was misread, it accuses nobody
    try:
        computed_iv = evaluate(rel.get("expression") or "", [op.interval for op in operands])
        computed = evaluate(rel.get("expression") or "", [(op.value, op.value) for op in operands])[0]
    except (ExpressionError, ZeroDivisionError):
        return None  # an expression we cannot read, or a divisor that may be zero, bounds nothing
    if target is not None:
        return _FormulaCheck(rel, operands, target, target.value, target.interval, computed, computed_iv)
    expected = float(expected)
    return _FormulaCheck(rel, operands, None, expected, (expected, expected), computed, computed_iv)


def _relation_label(rel: dict, first: FactRow, table_names: dict[str, str]) -> str:
    """Where a relation stands: the table (its caption, else its page) and the row or column it is about."""
    page = f" on page {first.page}" if first.page is not None else ""
    name = table_names.get(rel.get("table_id"))
    table = f"table '{name[:90]}'{page}" if name else f"the table{page}"
    if rel.get("kind") == "formula" and rel.get("row_label"):
        return f"row '{rel['row_label']}' of {table}"
    if first.column_label:
        return f"column '{first.column_label}' of {table}"
    return table


def _formula_message(check: _FormulaCheck, totals: list[_FormulaCheck], table_names: dict[str, str]) -> str:
    rel, target, operands = check.rel, check.target, check.operands
    where = _relation_label(rel, target or operands[0], table_names)
    rounding = f"more than the ±{format_number(check.slack)} the figures' rounding allows"
    if check.is_row_formula:
        values = _OPERAND.sub(lambda m: format_number(operands[int(m[1])].value), rel.get("expression") or "")
        column = f" in column '{target.column_label}'" if target.column_label else ""
        stated = f" '{rel['formula_text']}'" if rel.get("formula_text") else ""
        agreeing = "".join(
            f", while the column's total {fmt_value(t.target)} adds up with the formula's value, not the printed one"
            for t in totals
        )
        return (f"In {where}, the cell{column} prints {fmt_value(target)} but the header's formula{stated} "
                f"gives {values} = {format_number(check.computed)}, {rounding}{agreeing}; check this cell and the "
                f"figures it is computed from.")
    if target is not None:
        return (f"The {len(operands)} rows of {where} add up to {format_number(check.computed)} but its total "
                f"{f'row {target.row_label!r} ' if target.row_label else ''}prints {fmt_value(target)}, "
                f"{rounding}; check the total and the rows.")
    return (f"The {len(operands)} figures of {where} add up to {format_number(check.computed)}, not the "
            f"{format_number(check.stated)} they should, {rounding}; check the column's figures.")


def _explains(row: _FormulaCheck, total: _FormulaCheck) -> bool:
    """Whether a column total holds once a failing row's cell takes the value its formula gives."""
    ids = [op.fact_id for op in total.operands]
    if not row.is_row_formula or row.target.fact_id not in ids or total.rel.get("expression", "").strip() != "sum":
        return False
    i = ids.index(row.target.fact_id)
    fixed = [row.computed_iv if j == i else op.interval for j, op in enumerate(total.operands)]
    return overlap(evaluate("sum", fixed), total.stated_iv)


def _pointed(check: _FormulaCheck) -> list[FactRow]:
    if check.target is None:
        return check.operands  # a column that should add to a constant: every figure of it is in doubt
    if check.is_row_formula:
        # the cell and the figures of its own row; a figure of another row (a total) is only involved
        row = check.rel.get("row_label")
        return [check.target] + [op for op in check.operands if not (op.row_label and row and op.row_label != row)]
    return [check.target]  # like parts_do_not_sum_to_total: the total, its rows named in the message


def stated_formula_mismatch(facts, partnerships=None, documents=None, relations=None, figures=None) -> list[Finding]:
    """A table's stated formula that its own figures contradict (error).

    `relations` are the extractor's `fact_relations` rows: a formula from a
    column header applied to one row (`Total = col. 6 + col. 7`, `= col.2 /
    col.1`), the rows of a column that should add to its total row, a
    percentage column that should add to 100. The formula is evaluated over
    the operands' intervals (each figure ± its rounding) and compared with the
    target cell's interval, or with the stated constant: only when no choice
    of the figures' true values makes the formula hold does it fire.

    One error, one finding: a column total that holds once a failing row's
    cell takes its formula's value is that row's error, told in its message.
    A failing row that prints exactly what another row of the same formula
    prints, where the formula holds, is left alone: a note may assign one
    row's result to others ("the result of region A is assigned to B and C").

    Example: col. 4 "= col. 1 x col. 3 (France) / col. 3 (région)" with
    14 918 x 1 541,52 / 1 217,54 = 18 887,59 printed as 16 887,58 fires;
    percentages of a column adding to 99,99 do not (their rounding allows 100).
    """
    rows = {f.fact_id: f for f in as_rows(facts)}
    table_names = {g.table_id: g.name for g in grids(figures) if g.name}
    ordered = sorted(relations or [], key=lambda r: (str(r.get("document_id")), str(r.get("relation_id"))))
    checks = [c for c in (_evaluate_relation(r, rows) for r in ordered) if c is not None]
    printed_where_holding = {(c.family, c.stated, c.target.precision) for c in checks if c.is_row_formula and c.holds}
    # a row whose total a column's sum also finds off by the same amount is one wrong cell, told by
    # parts_do_not_sum_to_total at their crossing
    crossed = crossed_row_totals(grids(figures), rows)
    failing_rows = [c for c in checks if c.is_row_formula and not c.holds
                    and (c.family, c.stated, c.target.precision) not in printed_where_holding
                    and c.target.fact_id not in crossed]
    failing_totals = [c for c in checks if not c.is_row_formula and not c.holds]
    explained = {id(t): [r for r in failing_rows if _explains(r, t)] for t in failing_totals}
    out = []
    for check in failing_rows + [t for t in failing_totals if not explained[id(t)]]:
        totals = [t for t in failing_totals if any(r is check for r in explained[id(t)])]
        involved = [op.fact_id for op in check.operands] + [t.target.fact_id for t in totals]
        out.append(Finding(
            "stated_formula_mismatch",
            ERROR,
            [f.fact_id for f in _pointed(check)],
            _formula_message(check, totals, table_names),
            check.rel.get("document_id") or (check.target or check.operands[0]).document_id,
            involved_fact_ids=involved,
        ))
    return out
