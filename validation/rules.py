"""Validation rules: pure functions that find a source's own errors.

Each rule takes the warehouse's facts, partnerships and documents as plain
dicts (the field names of `extractors.model`, as loaded back from DuckDB) and
returns `Finding`s. Nothing here imports Dagster or touches the warehouse:
`run_all` is the single entry point the assets and checks call.

Severity: `error` when the source contradicts itself arithmetically or states
something impossible; `warning` when it is only suspicious.

Every rule groups facts with dicts (never compares every fact with every
other), so the cost stays linear in the number of facts apart from the small
groups that share a key.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median
from typing import Callable, Iterable

from extractors.model import stable_id

ERROR = "error"
WARNING = "warning"

ADDITIVE_UNITS = {"persons", "count", "EUR"}
HEADCOUNT_UNITS = {"persons", "count"}
APPROX_TOLERANCE = 0.05  # an approximate figure ("près de", "environ") agrees within 5 %
EPS = 1e-9


# ---------------------------------------------------------------- the record
@dataclass
class Finding:
    """One thing validation found, pointing at the facts and partnerships it concerns.

    >>> f = Finding("conflicting_value", "error", ["b", "a"], "…", "doc_1")
    >>> f.finding_id == Finding("conflicting_value", "error", ["a", "b"], "other", None).finding_id
    True
    """

    check_name: str
    severity: str  # 'error' | 'warning'
    fact_ids: list[str]
    message: str
    document_id: str | None = None
    partnership_ids: list[str] = field(default_factory=list)

    @property
    def finding_id(self) -> str:
        return stable_id(
            "finding",
            self.check_name,
            ",".join(sorted(self.fact_ids)),
            ",".join(sorted(self.partnership_ids)),
        )

    def as_row(self) -> dict:
        """The finding as a `validation_findings` row (contract columns and a few more)."""
        return {
            "finding_id": self.finding_id,
            "check_name": self.check_name,
            "severity": self.severity,
            "fact_ids": list(self.fact_ids),
            "message": self.message,
            "document_id": self.document_id,
            "partnership_ids": list(self.partnership_ids),
        }


# ---------------------------------------------------------------- helpers
def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _period(f: dict) -> tuple[dt.date | None, dt.date | None]:
    return _date(f.get("period_start")), _date(f.get("period_end"))


def _dated(f: dict) -> bool:
    s, e = _period(f)
    return s is not None and e is not None


def _value(f: dict) -> float | None:
    v = f.get("value")
    if v is None:
        return None
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _precision(f: dict) -> float:
    """Half the unit of the last written digit; inferred from the value when absent."""
    p = f.get("precision")
    if p is not None:
        try:
            p = float(p)
            if not math.isnan(p):
                return abs(p)
        except (TypeError, ValueError):
            pass
    v = _value(f) or 0.0
    text = f"{v:.6f}".rstrip("0")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** (-decimals)


def _qualifier(f: dict) -> str | None:
    q = f.get("qualifier")
    return q or None


def _interval(f: dict) -> tuple[float, float]:
    """The values a stated figure allows, from its rounding and its qualifier.

    >>> _interval({"value": 100.0, "precision": 0.5})
    (99.5, 100.5)
    >>> _interval({"value": 100.0, "precision": 0.5, "qualifier": "min"})
    (99.5, inf)
    """
    v = _value(f) or 0.0
    p = _precision(f)
    q = _qualifier(f)
    if q == "approx":
        spread = abs(v) * APPROX_TOLERANCE
        return v - spread - p, v + spread + p
    if q == "min":
        return v - p, math.inf
    if q == "max":
        return -math.inf, v + p
    return v - p, v + p


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    scale = max(1.0, *(abs(x) for x in a + b if math.isfinite(x)))
    eps = EPS * scale
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


def _agree(f: dict, g: dict) -> bool:
    """Whether two statements of the same figure can both be right."""
    return _overlap(_interval(f), _interval(g))


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def fmt_number(v: float | None) -> str:
    """A figure as a person reads it: spaces between thousands, at most 2 decimals.

    >>> fmt_number(538430.0), fmt_number(3394.9), fmt_number(7546407388.35)
    ('538 430', '3 394.9', '7 546 407 388.35')
    """
    if v is None:
        return "?"
    if math.isinf(v):
        return "∞" if v > 0 else "-∞"
    text = f"{v:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ")


def fmt_unit(f: dict) -> str:
    unit = f.get("unit")
    return {"percent": " %", "EUR": " EUR", "km2": " km2", "years": " years"}.get(unit or "", "")


def fmt_value(f: dict) -> str:
    q = {"approx": "about ", "min": "more than ", "max": "less than "}.get(_qualifier(f) or "", "")
    return f"{q}{fmt_number(_value(f))}{fmt_unit(f)}"


def fmt_period(start, end) -> str:
    """A period in the shortest usual form.

    >>> fmt_period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    '2025-Q4'
    >>> fmt_period(dt.date(2024, 9, 1), dt.date(2025, 8, 31))
    '2024/2025'
    """
    s, e = _date(start), _date(end)
    if s is None and e is None:
        return "undated"
    if s is None or e is None:
        return str(s or e)
    if s == e:
        return s.isoformat()
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
        return str(s.year) if s.year == e.year else f"{s.year}-{e.year}"
    if (s.month, s.day, e.month, e.day) == (9, 1, 8, 31) and e.year == s.year + 1:
        return f"{s.year}/{e.year}"
    if s.year == e.year and s.day == 1 and s.month in (1, 4, 7, 10) and e.month == s.month + 2:
        if (e + dt.timedelta(days=1)).day == 1:
            return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
    if s.year == e.year and s.month == e.month and s.day == 1 and (e + dt.timedelta(days=1)).day == 1:
        return f"{s.year}-{s.month:02d}"
    return f"{s.isoformat()}..{e.isoformat()}"


def fmt_fact_period(f: dict) -> str:
    return fmt_period(*_period(f))


def fmt_where(f: dict) -> str:
    """Where a figure stands: its page and a short snippet."""
    snippet = " ".join((f.get("snippet") or "").split())
    if len(snippet) > 60:
        snippet = snippet[:57].rstrip() + "…"
    parts = []
    if f.get("page") is not None:
        parts.append(f"page {f['page']}")
    if snippet:
        parts.append(f"'{snippet}'")
    return " ".join(parts) if parts else "an unknown place"


def fmt_subject(f: dict) -> str:
    return " ".join(str(x) for x in (f.get("indicator"), f.get("area"), f.get("segment")) if x)


def fmt_fact(f: dict) -> str:
    """A figure with its period and place: "538 430 (2025-Q4, 'DEMANDEURS …')"."""
    return f"{fmt_value(f)} ({fmt_fact_period(f)}, {fmt_where(f)})"


def _sorted_facts(facts: Iterable[dict]) -> list[dict]:
    return sorted(facts, key=lambda f: (str(f.get("document_id")), str(f.get("fact_id"))))


def _group(facts: Iterable[dict], key: Callable[[dict], tuple]) -> dict[tuple, list[dict]]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for f in facts:
        groups[key(f)].append(f)
    return groups


# ---------------------------------------------------------------- stated_change_mismatch
def _decimals_of(x: float) -> int:
    text = f"{abs(x):.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _ratio_interval(new: tuple[float, float], base: tuple[float, float]) -> tuple[float, float] | None:
    if base[0] <= 0 <= base[1]:
        return None
    corners = [n / b for n in new for b in base]
    return min(corners), max(corners)


def stated_change_mismatch(facts: list[dict], partnerships=None, documents=None) -> list[Finding]:
    """A stated evolution % that its own two figures contradict (error).

    The change computed from the two figures is an interval (each figure may be
    off by its rounding, `precision`); the stated change is an interval too
    (half a unit of its last decimal). Only when the two intervals do not meet
    is the change wrong. For percentages, a change stated in points also counts.

    Example: "512 990 → 538 430, évolution 5,08 %" fires (the figures give
    +4.96 %); "9 % → 9,2 %, 2,22 %" does not (9 may be 8.5–9.5).
    """
    by_id = {f.get("fact_id"): f for f in facts}
    out = []
    for f in _sorted_facts(facts):
        stated = f.get("stated_change_pct")
        base = by_id.get(f.get("change_base_fact_id"))
        if stated is None or base is None or _value(f) is None or _value(base) is None:
            continue
        if _qualifier(f) or _qualifier(base):
            continue  # an approximate or bounded figure cannot check a change to the decimal
        stated = float(stated)
        decimals = f.get("stated_change_decimals")
        decimals = _decimals_of(stated) if decimals is None else int(decimals)
        half = 0.5 * 10 ** (-decimals)
        stated_iv = (stated - half, stated + half)
        new_iv, base_iv = _interval(f), _interval(base)
        ratio = _ratio_interval(new_iv, base_iv)
        if ratio is None:
            continue
        relative_iv = ((ratio[0] - 1) * 100, (ratio[1] - 1) * 100)
        candidates = [relative_iv]
        if f.get("unit") == "percent":
            candidates.append((new_iv[0] - base_iv[1], new_iv[1] - base_iv[0]))  # points
        if any(_overlap(stated_iv, iv) for iv in candidates):
            continue
        computed = (_value(f) / _value(base) - 1) * 100
        out.append(
            Finding(
                "stated_change_mismatch",
                ERROR,
                [f["fact_id"], base["fact_id"]],
                f"Stated change {stated:+.{decimals}f} % for {fmt_subject(f)} "
                f"({fmt_fact_period(base)} → {fmt_fact_period(f)}) does not match "
                f"{fmt_value(base)} → {fmt_value(f)} ({computed:+.{max(decimals, 2)}f} %) "
                f"in {fmt_where(f)}; check the two figures and the stated change.",
                f.get("document_id"),
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
        if len(chains) >= 8:
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


def _tables(fact: dict) -> set:
    """Every table a figure is stated in (a figure repeated in two tables is one fact)."""
    tables = set(fact.get("table_ids") or [])
    if fact.get("table_id"):
        tables.add(fact["table_id"])
    return tables


def _compatible(total: dict, part: dict) -> bool:
    t, p = _tables(total), _tables(part)
    return not (t and p and not t & p)


def parts_do_not_sum_to_total(facts: list[dict], partnerships=None, documents=None) -> list[Finding]:
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
    """
    out = []
    groups = _group(
        (f for f in facts if f.get("unit") in ADDITIVE_UNITS and _value(f) is not None),
        lambda f: (f.get("document_id"), f.get("indicator"), f.get("area"), *_period(f), f.get("unit")),
    )
    for key in sorted(groups, key=str):
        group = groups[key]
        segments = {f.get("segment") for f in group if f.get("segment")}
        totals = [f for f in group if f.get("segment") is None or f.get("segment") == "line:total"
                  or f.get("segment") == "sector:total" or (f.get("segment") or "").startswith("line:")]
        for total in _sorted_facts(totals):
            if _qualifier(total):
                continue
            problems = []
            for kind, part_segments in _decompositions(total.get("segment"), segments):
                chosen = []
                for seg in part_segments:
                    cands = [f for f in group if f.get("segment") == seg and _compatible(total, f)]
                    same_table = [f for f in cands if _tables(total) & _tables(f)]
                    cands = same_table or cands
                    if not cands:
                        continue  # this line is only stated elsewhere (another table)
                    if len({round(_value(f), 6) for f in cands}) != 1:
                        chosen = None  # ambiguous: this decomposition cannot be checked
                        break
                    chosen.append(_sorted_facts(cands)[0])
                if not chosen or len(chosen) < 2 or any(_qualifier(p) for p in chosen):
                    continue
                total_v = _value(total)
                parts_sum = sum(_value(p) for p in chosen)
                tol = sum(_precision(p) for p in chosen) + _precision(total)
                tol += EPS * max(1.0, abs(total_v))
                diff = parts_sum - total_v
                if abs(diff) <= tol:
                    continue
                complete = kind != "budget lines" or any(
                    (p.get("segment") or "").endswith(":non_allocable") for p in chosen
                )
                if diff < 0 and not complete:
                    continue
                listing = " + ".join(f"{fmt_number(_value(p))} ({p.get('segment')})" for p in chosen)
                problems.append(f"{kind} {listing} = {fmt_number(parts_sum)}")
            if problems:
                out.append(
                    Finding(
                        "parts_do_not_sum_to_total",
                        ERROR,
                        [total["fact_id"]],
                        f"The {'; '.join(problems)} against a stated total of {fmt_value(total)} "
                        f"for {fmt_subject(total)} ({fmt_fact_period(total)}, {fmt_where(total)}), "
                        f"beyond the rounding of the figures; check the total and its parts.",
                        total.get("document_id"),
                    )
                )
    return out


# ---------------------------------------------------------------- segment_equals_or_exceeds_total
def segment_equals_or_exceeds_total(facts: list[dict], partnerships=None, documents=None) -> list[Finding]:
    """A sub-population (`age:`, `sector:`) as large as or larger than the whole (error).

    Grouping: one document, same indicator, area, period and head-count unit
    (persons, count); the whole is the fact with no segment. Approximate or
    bounded figures that could still fit are left alone.

    Example: jobseekers aged 50+ 5 752 600 beside all ages 5 752 600 fires;
    50+ 129 660 beside 538 430 does not.
    The finding points at the segment; the whole is named in the message.
    """
    out = []
    groups = _group(
        (f for f in facts if f.get("unit") in HEADCOUNT_UNITS and _value(f) is not None),
        lambda f: (f.get("document_id"), f.get("indicator"), f.get("area"), *_period(f), f.get("unit")),
    )
    for key in sorted(groups, key=str):
        group = groups[key]
        wholes = [f for f in group if f.get("segment") is None and _qualifier(f) not in ("min", "approx")]
        if not wholes:
            continue
        for seg in _sorted_facts(group):
            s = seg.get("segment") or ""
            if not (s.startswith("age:") or s.startswith("sector:")) or s == "sector:total":
                continue
            if _qualifier(seg) in ("max", "approx"):
                continue
            over = [w for w in _sorted_facts(wholes) if _value(seg) >= _value(w)]
            if not over:
                continue
            w = over[0]
            verb = "equals" if _value(seg) == _value(w) else "exceeds"
            out.append(
                Finding(
                    "segment_equals_or_exceeds_total",
                    ERROR,
                    [seg["fact_id"]],
                    f"{fmt_subject(seg)} {fmt_value(seg)} ({fmt_fact_period(seg)}, {fmt_where(seg)}) "
                    f"{verb} the whole population's {fmt_value(w)} ({fmt_where(w)}); "
                    f"a part cannot be as large as the whole, check the segment's figure.",
                    seg.get("document_id"),
                )
            )
    return out


# ---------------------------------------------------------------- implausible_magnitude
def _outlier_ratio(value: float, others: list[float]) -> float | None:
    others = [abs(v) for v in others if v]
    if len(others) < 2 or not value:
        return None
    m = median(others)
    ratio = m / abs(value)
    if 300 <= ratio <= 3000 or 300 <= 1 / ratio <= 3000:
        return ratio
    return None


def _year_mid(f: dict) -> float | None:
    s, e = _period(f)
    if s is None or e is None:
        return None
    return (s.toordinal() + e.toordinal()) / 2


def implausible_magnitude(facts: list[dict], partnerships=None, documents=None) -> list[Finding]:
    """Figures that cannot be right as read (error), or were read under a doubtful scale (warning).

    (a) a head count (persons, count) with a decimal part;
    (b) a head count about 1,000 times (300–3,000) off the median of at least
        two siblings: same document, indicator and unit and either the same
        table column or the same area and period;
    (c) a rate (percent) outside 0–100;
    (d) employment above the population of the same area within a year;
    (e) a figure whose header announced a scale (thousands) that was not
        applied (`scale_note`) — warning alone, folded into an error otherwise.
    One finding per fact.

    Example: "3 394,9" jobseekers in a column of 5 752 600 and 839 200 fires
    (a and b); 538 430 among 512 990 does not.
    """
    reasons: dict[str, list[str]] = defaultdict(list)
    by_id = {}
    for f in facts:
        if _value(f) is not None:
            by_id[f.get("fact_id")] = f
    valued = _sorted_facts(by_id.values())

    for f in valued:
        v = _value(f)
        if f.get("unit") in HEADCOUNT_UNITS and abs(v - round(v)) > 1e-6:
            reasons[f["fact_id"]].append(f"a head count cannot have a decimal part ({fmt_number(v)})")
        if (f.get("unit") == "percent" and not (-EPS <= v <= 100 + EPS)
                and not re.search(r"change|growth|evolution", f.get("indicator") or "")):
            reasons[f["fact_id"]].append(f"a rate of {fmt_number(v)} % is outside 0–100 %")

    # (b) siblings: same table column, or same area and period
    sibling_keys = [
        lambda f: ("col", f.get("document_id"), f.get("indicator"), f.get("unit"), f.get("table_id"), f.get("column_label"))
        if f.get("table_id") and f.get("column_label") else None,
        lambda f: ("when", f.get("document_id"), f.get("indicator"), f.get("unit"), f.get("area"), *_period(f))
        if _dated(f) else None,
    ]
    flagged_b: set[str] = set()
    for key_fn in sibling_keys:
        groups: dict[tuple, list[dict]] = defaultdict(list)
        for f in valued:
            if f.get("unit") in HEADCOUNT_UNITS:
                k = key_fn(f)
                if k is not None:
                    groups[k].append(f)
        for k in sorted(groups, key=str):
            group = groups[k]
            if len(group) < 3:
                continue
            for f in group:
                if f["fact_id"] in flagged_b:
                    continue
                others = [_value(g) for g in group if g is not f]
                ratio = _outlier_ratio(_value(f), others)
                if ratio is not None:
                    flagged_b.add(f["fact_id"])
                    how = f"about {ratio:,.0f} times below" if ratio > 1 else f"about {1 / ratio:,.0f} times above"
                    reasons[f["fact_id"]].append(
                        f"it is {how} the median {fmt_number(median(abs(x) for x in others if x))} of its siblings"
                    )

    # (d) employment above population of the same area, within about a year
    populations = _group(
        (f for f in valued if f.get("indicator") == "population" and f.get("segment") is None
         and _qualifier(f) not in ("min", "approx") and _dated(f)),
        lambda f: (f.get("area"),),
    )
    for f in valued:
        if f.get("indicator") != "employment" or _qualifier(f) in ("max", "approx") or not _dated(f):
            continue
        mid = _year_mid(f)
        near = [p for p in populations.get((f.get("area"),), []) if abs(_year_mid(p) - mid) <= 400]
        above = [p for p in _sorted_facts(near) if _value(f) > _value(p) + _precision(p) + _precision(f)]
        if near and len(above) == len(near):
            p = above[0]
            reasons[f["fact_id"]].append(
                f"employment exceeds the population {fmt_value(p)} ({fmt_fact_period(p)}, {fmt_where(p)})"
            )

    out = []
    for f in valued:
        fid = f["fact_id"]
        note = f.get("scale_note")
        if fid not in reasons and not note:
            continue
        head = f"{fmt_subject(f)} {fmt_value(f)} ({fmt_fact_period(f)}, {fmt_where(f)})"
        if fid in reasons:
            extra = f"; the header also says {note!r}" if note else ""
            message = (f"{head} is implausible: {'; '.join(reasons[fid])}{extra}; "
                       f"check the figure's scale and digits in the source.")
            severity = ERROR
        else:
            message = (f"{head} was read under the header note {note!r} without applying that scale; "
                       f"check whether the figure is in units or in that scale.")
            severity = WARNING
        out.append(Finding("implausible_magnitude", severity, [fid], message, f.get("document_id")))
    return out


# ---------------------------------------------------------------- conflicting_period
def conflicting_period(facts: list[dict], partnerships=None, documents=None) -> list[Finding]:
    """The same figure dated two different ways in one document (warning).

    Grouping: one document, same indicator, area, segment, unit and value;
    only dated figures. Two mentions in one table row (a time series whose
    value did not change) are not a conflict.

    Example: 3 516 training providers "en 2024" on the summary page and
    "en 2026" in the detail table fires.
    """
    out = []
    groups = _group(
        (f for f in facts if _dated(f) and _value(f) is not None),
        lambda f: (f.get("document_id"), f.get("indicator"), f.get("area"), f.get("segment"),
                   f.get("unit"), round(_value(f), 6)),
    )
    for key in sorted(groups, key=str):
        group = _sorted_facts(groups[key])
        by_period: dict[tuple, dict] = {}
        for f in group:
            by_period.setdefault(_period(f), f)
        if len(by_period) < 2:
            continue
        chosen = [by_period[p] for p in sorted(by_period)]
        rows = {(f.get("table_id"), f.get("row_label")) for f in chosen}
        if len(rows) == 1 and chosen[0].get("table_id") and chosen[0].get("row_label"):
            continue
        stated = "; ".join(f"{fmt_fact_period(f)} at {fmt_where(f)}" for f in chosen)
        f0 = chosen[0]
        out.append(
            Finding(
                "conflicting_period",
                WARNING,
                [f["fact_id"] for f in chosen],
                f"{fmt_subject(f0)} {fmt_value(f0)} is dated {len(chosen)} ways in one document "
                f"({stated}); check which period the figure belongs to.",
                f0.get("document_id"),
            )
        )
    return out


# ---------------------------------------------------------------- conflicting_value
def _distinct_by_value(group: list[dict]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for f in _sorted_facts(group):
        seen.setdefault((round(_value(f), 6), _qualifier(f)), f)
    return [seen[k] for k in sorted(seen, key=str)]


def _conflicting_pairs(group: list[dict], differ: Callable[[dict, dict], bool]) -> list[tuple[dict, dict]]:
    reps = _distinct_by_value(group)
    if len(reps) > 30:  # pathological group: compare each with its neighbours only
        reps.sort(key=lambda f: _value(f))
        return [(a, b) for a, b in zip(reps, reps[1:]) if differ(a, b) and not _agree(a, b)]
    return [(a, b) for i, a in enumerate(reps) for b in reps[i + 1:] if differ(a, b) and not _agree(a, b)]


def conflicting_value(facts: list[dict], partnerships=None, documents=None) -> list[Finding]:
    """The same figure (indicator, area, segment, period) with two values in one document (error).

    Grouping: one document, same indicator, area, segment, period and unit;
    only dated figures. Each value stands for an interval: its rounding, ±5 %
    for an approximate figure, and open on one side for "plus de"/"moins de";
    values whose intervals meet agree.

    Example: "près de 5,2 milliards" for the 2026 budget against a table total
    of 7 546 407 388,35 fires; "près de 5,2 milliards" against 5 150 000 000
    does not.
    """
    out = []
    groups = _group(
        (f for f in facts if _dated(f) and _value(f) is not None),
        lambda f: (f.get("document_id"), f.get("indicator"), f.get("area"), f.get("segment"),
                   *_period(f), f.get("unit")),
    )
    for key in sorted(groups, key=str):
        for a, b in _conflicting_pairs(groups[key], lambda a, b: True):
            out.append(
                Finding(
                    "conflicting_value",
                    ERROR,
                    [a["fact_id"], b["fact_id"]],
                    f"{fmt_subject(a)} for {fmt_fact_period(a)} is stated as {fmt_value(a)} at {fmt_where(a)} "
                    f"and as {fmt_value(b)} at {fmt_where(b)}; the two cannot both be right, check which one is.",
                    a.get("document_id"),
                )
            )
    return out


# ---------------------------------------------------------------- cross_document_conflict
_UNDATED_OK = {"duration_years", "area_km2"}  # figures that do not change with time
_GENERIC = {
    "region", "regional", "regionale", "conseil", "la", "le", "les", "l", "de", "du", "des", "d", "et",
    "en", "au", "aux", "pour", "the", "of", "and", "van", "het", "der", "die", "und",
}
_NAME_GENERIC = _GENERIC | {
    "convention", "contrat", "plan", "accord", "partenariat", "projet", "programme", "project",
    "cooperation", "pacte", "charte", "protocole", "hauts", "france", "interreg",
}


def _party_key(p: str) -> str:
    return " ".join(t for t in _norm(p).split() if t not in _GENERIC)


def _name_tokens(name: str | None) -> set[str]:
    return {t for t in _norm(name).split() if t not in _NAME_GENERIC and len(t) > 2 and not t.isdigit()}


def _names_match(a: str | None, b: str | None) -> bool:
    """Same agreement by name: equal once normalised, or one contained in the other as whole words."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = sorted((na, nb), key=len)
    return len(short) >= 6 and len(_name_tokens(short)) >= 1 and f" {short} " in f" {long_} "


def _date_at(d: dt.date, precision: str | None) -> tuple:
    if precision == "year":
        return (d.year,)
    if precision == "month":
        return (d.year, d.month)
    return (d.year, d.month, d.day)


def _coarser(p1: str | None, p2: str | None) -> str:
    order = {"year": 0, "month": 1, "day": 2}
    return min(p1 or "day", p2 or "day", key=lambda p: order.get(p, 2))


def _date_conflicts(p: dict, q: dict) -> list[str]:
    out = []
    s1, s2 = _date(p.get("signed_on")), _date(q.get("signed_on"))
    if s1 and s2:
        prec = _coarser(p.get("signed_precision"), q.get("signed_precision"))
        if _date_at(s1, prec) != _date_at(s2, prec):
            out.append(f"signed {s1.isoformat()} vs {s2.isoformat()}")
    for field_, label in (("starts_on", "starting"), ("ends_on", "ending")):
        d1, d2 = _date(p.get(field_)), _date(q.get(field_))
        if d1 and d2 and d1.year != d2.year:
            out.append(f"{label} {d1.year} vs {d2.year}")
    return out


def _span_years(start: dt.date, end: dt.date) -> float:
    return ((end - start).days + 1) / 365.25


def cross_document_conflict(facts: list[dict], partnerships: list[dict] | None = None,
                            documents=None) -> list[Finding]:
    """Two documents that disagree about the same figure, agreement or project (warning).

    1. Same indicator, area, segment, period and unit, values that do not
       agree (same intervals as `conflicting_value`), in two documents. Only
       dated figures, except durations and areas, which do not change.
    2. Partnerships in two documents that are the same agreement (same
       normalised name, one name inside the other, or two common parties and a
       common distinctive name word) with different signature dates (at the
       coarser precision of the two) or different start/end years.
    3. A `duration_years` fact for `project:NAME` against the span of a
       partnership named NAME in another document (computed from its dates).

    Example: "Emploi sans frontières, d'une durée de cinq ans" in one document
    and "1 januari 2016 tot en met 31 december 2019" (4 years) in another fires.
    """
    partnerships = partnerships or []
    out = []
    # 1. facts, grouped by key across documents
    groups = _group(
        (f for f in facts if _value(f) is not None and (_dated(f) or f.get("indicator") in _UNDATED_OK)),
        lambda f: (f.get("indicator"), f.get("area"), f.get("segment"), *_period(f), f.get("unit")),
    )
    for key in sorted(groups, key=str):
        group = groups[key]
        if len({f.get("document_id") for f in group}) < 2:
            continue
        if key[0] in _UNDATED_OK and key[2] is None and key[1] is None:
            continue  # a bare duration or area with no subject says nothing comparable
        for a, b in _conflicting_pairs(group, lambda a, b: a.get("document_id") != b.get("document_id")):
            out.append(
                Finding(
                    "cross_document_conflict",
                    WARNING,
                    [a["fact_id"], b["fact_id"]],
                    f"{fmt_subject(a)} for {fmt_fact_period(a)} is {fmt_value(a)} in document "
                    f"{a.get('document_id')} ({fmt_where(a)}) but {fmt_value(b)} in document "
                    f"{b.get('document_id')} ({fmt_where(b)}); check which source is right.",
                    None,
                )
            )

    # 2. partnerships: candidate pairs through name and party indexes
    parts = sorted(partnerships, key=lambda p: (str(p.get("document_id")), str(p.get("partnership_id"))))
    by_name: dict[str, list[int]] = defaultdict(list)
    by_party: dict[str, list[int]] = defaultdict(list)
    by_token: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(parts):
        by_name[_norm(p.get("name"))].append(i)
        for party in {_party_key(x) for x in p.get("parties") or []} - {""}:
            by_party[party].append(i)
        for t in _name_tokens(p.get("name")):
            by_token[t].append(i)
    candidates: set[tuple[int, int]] = set()
    for idx in list(by_party.values()) + list(by_token.values()) + list(by_name.values()):
        if len(idx) > 200:
            continue  # a party or word in every agreement identifies none
        for x in idx:
            for y in idx:
                if x < y and parts[x].get("document_id") != parts[y].get("document_id"):
                    candidates.add((x, y))
    for x, y in sorted(candidates):
        p, q = parts[x], parts[y]
        same = _names_match(p.get("name"), q.get("name"))
        if not same:
            common = {_party_key(a) for a in p.get("parties") or []} & {_party_key(b) for b in q.get("parties") or []}
            common.discard("")
            same = len(common) >= 2 and bool(_name_tokens(p.get("name")) & _name_tokens(q.get("name")))
        if not same:
            continue
        conflicts = _date_conflicts(p, q)
        if conflicts:
            out.append(
                Finding(
                    "cross_document_conflict",
                    WARNING,
                    [],
                    f"'{p.get('name')}' ({p.get('document_id')}: '{_short(p.get('snippet'))}') and "
                    f"'{q.get('name')}' ({q.get('document_id')}: '{_short(q.get('snippet'))}') "
                    f"look like the same agreement but disagree: {', '.join(conflicts)}; check the dates.",
                    None,
                    [p["partnership_id"], q["partnership_id"]],
                )
            )

    # 3. project durations against partnership spans in other documents
    spans = [p for p in parts if _date(p.get("starts_on")) and _date(p.get("ends_on"))]
    span_index: dict[str, list[dict]] = defaultdict(list)
    for p in spans:
        for t in _name_tokens(p.get("name")) or set(_norm(p.get("name")).split()):
            span_index[t].append(p)
    for f in _sorted_facts(facts):
        seg = f.get("segment") or ""
        if f.get("indicator") != "duration_years" or _value(f) is None:
            continue
        kind, _, name = seg.partition(":")
        if kind not in ("project", "program", "programme") or not name:
            continue
        name = name.replace("_", " ")
        tokens = _name_tokens(name) or set(_norm(name).split())
        seen: set[str] = set()
        for t in sorted(tokens):
            for p in span_index.get(t, []):
                pid = p.get("partnership_id")
                if pid in seen or p.get("document_id") == f.get("document_id"):
                    continue
                seen.add(pid)
                if not _names_match(name, p.get("name")):
                    continue
                s, e = _date(p.get("starts_on")), _date(p.get("ends_on"))
                if e < s:
                    continue
                years = _span_years(s, e)
                if _overlap(_interval(f), (years - 1 / 12, years + 1 / 12)):
                    continue
                out.append(
                    Finding(
                        "cross_document_conflict",
                        WARNING,
                        [f["fact_id"]],
                        f"The duration of {name} is {fmt_value(f)} in document {f.get('document_id')} "
                        f"({fmt_where(f)}) but '{p.get('name')}' runs {s.isoformat()} to {e.isoformat()} "
                        f"({years:.1f} years) in document {p.get('document_id')}; check the project's dates.",
                        None,
                        [pid],
                    )
                )
    return out


def _short(text: str | None, n: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# ---------------------------------------------------------------- date_inconsistency
SECTION_MAX_CHARS = 4000  # how far after its heading a partnership's section may run


def _year_span(s: dt.date, e: dt.date) -> tuple[int, int]:
    return s.year, e.year


def date_inconsistency(facts: list[dict], partnerships: list[dict] | None = None,
                       documents: list[dict] | None = None) -> list[Finding]:
    """Dates of an agreement that contradict each other or the document (warning).

    1. Signed after the document's publication date (compared at the
       signature's precision).
    2. The period it names starts three years or more after its signature.
    3. A `funding` figure in the partnership's section (from its offset to the
       next partnership's, at most 4,000 characters) or naming it (segment or
       snippet) whose multi-year period differs from the partnership's
       (start/end years).
    One finding per partnership for 1–2, one per (funding fact, partnership) for 3.

    Example: "PACTE … 2024-2027 (signé le 8 février 2019)" fires (2), and
    "1,5 Md€ … entre 2019 et 2022" in its section fires (3).
    """
    partnerships = partnerships or []
    published = {d.get("document_id"): _date(d.get("published_on")) for d in documents or []}
    out = []
    parts = sorted(partnerships, key=lambda p: (str(p.get("document_id")), p.get("char_start") or 0,
                                                str(p.get("partnership_id"))))
    for p in parts:
        reasons = []
        signed = _date(p.get("signed_on"))
        prec = p.get("signed_precision") or "day"
        pub = published.get(p.get("document_id"))
        if signed and pub and _date_at(signed, prec) > _date_at(pub, prec):
            reasons.append(f"it is signed on {signed.isoformat()} after the document's publication on {pub.isoformat()}")
        starts = _date(p.get("starts_on"))
        if signed and starts:
            gap = starts.year - signed.year if prec == "year" else (starts - signed).days / 365.25
            if gap >= 3 - 1e-9:
                reasons.append(f"its period starts {starts.year}, {gap:.0f} years after its signature on {signed.isoformat()}")
        if reasons:
            out.append(
                Finding(
                    "date_inconsistency",
                    WARNING,
                    [],
                    f"'{p.get('name')}' ('{_short(p.get('snippet'))}'): {'; and '.join(reasons)}; "
                    f"check the signature date and the period in its title.",
                    p.get("document_id"),
                    [p["partnership_id"]],
                )
            )

    # 3. funding periods against the partnership's period
    funding_by_doc = _group(
        (f for f in facts if f.get("indicator") == "funding" and _dated(f)),
        lambda f: (f.get("document_id"),),
    )
    parts_by_doc = _group(parts, lambda p: (p.get("document_id"),))
    for (doc,), doc_parts in sorted(parts_by_doc.items(), key=str):
        funding = _sorted_facts(funding_by_doc.get((doc,), []))
        if not funding:
            continue
        starts = [p.get("char_start") for p in doc_parts]
        for i, p in enumerate(doc_parts):
            ps, pe = _date(p.get("starts_on")), _date(p.get("ends_on"))
            if not ps or not pe:
                continue
            lo = p.get("char_start")
            hi = None
            if lo is not None:
                later = [s for s in starts[i + 1:] if s is not None and s > lo]
                hi = min([lo + SECTION_MAX_CHARS] + later)
            pname = _name_tokens(p.get("name"))
            for f in funding:
                fs, fe = _period(f)
                if fe.year - fs.year < 1:
                    continue  # a yearly figure within a plan is no statement of the plan's period
                inside = lo is not None and f.get("char_start") is not None and lo <= f["char_start"] < hi
                named = bool(pname) and (
                    _names_match(_norm((f.get("segment") or "").partition(":")[2].replace("_", " ")), p.get("name"))
                    or (lo is None and pname <= _name_tokens(f.get("snippet")))
                )
                if not (inside or named):
                    continue
                if _year_span(fs, fe) == _year_span(ps, pe):
                    continue
                out.append(
                    Finding(
                        "date_inconsistency",
                        WARNING,
                        [f["fact_id"]],
                        f"'{p.get('name')}' covers {ps.year}-{pe.year} but its funding {fmt_value(f)} is for "
                        f"{fmt_fact_period(f)} ({fmt_where(f)}); check the plan's period or the funding's.",
                        doc,
                        [p["partnership_id"]],
                    )
                )
    return out


# ---------------------------------------------------------------- running them all
RULES: list[Callable[..., list[Finding]]] = [
    stated_change_mismatch,
    parts_do_not_sum_to_total,
    segment_equals_or_exceeds_total,
    implausible_magnitude,
    conflicting_period,
    conflicting_value,
    cross_document_conflict,
    date_inconsistency,
]
CHECK_NAMES = [r.__name__ for r in RULES]


def _missing(v) -> bool:
    """None, NaN or NaT (rows that went through pandas)."""
    if v is None:
        return True
    if isinstance(v, (str, list, tuple, dict, set)):
        return False
    try:
        return bool(v != v)
    except (TypeError, ValueError):
        return False


def _clean_row(row: dict) -> dict:
    out = {k: (None if _missing(v) else v) for k, v in dict(row).items()}
    if out.get("parties") is not None and not isinstance(out["parties"], list):
        out["parties"] = list(out["parties"])
    return out


def run_all(facts: list[dict], partnerships: list[dict] | None = None,
            documents: list[dict] | None = None) -> list[Finding]:
    """Every rule over the facts, one finding per finding_id, in a stable order.

    >>> run_all([], [], [])
    []
    """
    facts = [_clean_row(f) for f in facts or [] if f.get("fact_id") is not None]
    partnerships = [_clean_row(p) for p in partnerships or [] if p.get("partnership_id") is not None]
    documents = [_clean_row(d) for d in documents or []]
    seen: dict[str, Finding] = {}
    for rule in RULES:
        for finding in rule(facts, partnerships, documents):
            finding.fact_ids = list(dict.fromkeys(finding.fact_ids))
            finding.partnership_ids = list(dict.fromkeys(finding.partnership_ids))
            seen.setdefault(finding.finding_id, finding)
    order = {name: i for i, name in enumerate(CHECK_NAMES)}
    return sorted(
        seen.values(),
        key=lambda f: (order.get(f.check_name, len(order)), f.document_id or "", f.message, f.finding_id),
    )


def flagged_fact_ids(findings: Iterable[Finding]) -> set[str]:
    """Every fact a finding concerns (they get `status = 'flagged'`; none is deleted).

    >>> sorted(flagged_fact_ids([Finding("x", "warning", ["b", "a"], "m")]))
    ['a', 'b']
    """
    return {fid for f in findings for fid in f.fact_ids}
