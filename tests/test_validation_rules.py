"""Tests of the validation rules on facts written by hand (no extraction involved)."""
from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from validation import rules
from validation.rules import (
    Finding,
    age_partitions,
    conflicting_period,
    conflicting_value,
    cross_document_conflict,
    date_inconsistency,
    flagged_fact_ids,
    implausible_magnitude,
    parts_do_not_sum_to_total,
    run_all,
    segment_equals_or_exceeds_total,
    stated_change_mismatch,
)

D = dt.date
_ids = itertools.count()

YEAR = {
    2022: (D(2022, 1, 1), D(2022, 12, 31)),
    2023: (D(2023, 1, 1), D(2023, 12, 31)),
    2024: (D(2024, 1, 1), D(2024, 12, 31)),
    2026: (D(2026, 1, 1), D(2026, 12, 31)),
}
Q4_2024 = (D(2024, 10, 1), D(2024, 12, 31))
Q4_2025 = (D(2025, 10, 1), D(2025, 12, 31))


def fact(value, *, indicator="jobseekers", area="FR-HDF", segment=None, period=Q4_2025, unit="persons",
         precision=0.5, doc="doc_a", fid=None, **extra) -> dict:
    """A fact dict as the warehouse gives it back, with sensible defaults."""
    start, end = period if period else (None, None)
    f = {
        "fact_id": fid or f"f{next(_ids)}",
        "document_id": doc,
        "indicator": indicator,
        "area": area,
        "segment": segment,
        "period_start": start,
        "period_end": end,
        "value": float(value),
        "unit": unit,
        "qualifier": None,
        "page": None,
        "char_start": None,
        "char_end": None,
        "snippet": f"{indicator} {value}",
        "precision": precision,
        "stated_change_pct": None,
        "stated_change_decimals": None,
        "change_base_fact_id": None,
        "table_id": None,
        "row_label": None,
        "column_label": None,
        "source": "prose",
        "scale_note": None,
    }
    f.update(extra)
    return f


def change(base_value, new_value, stated, decimals=2, **kw):
    """A base figure and a later one with a stated evolution %."""
    both = kw.pop("precision", 0.5)
    base_precision, new_precision = kw.pop("base_precision", both), kw.pop("new_precision", both)
    base_kw = kw
    base = fact(base_value, period=Q4_2024, precision=base_precision, **base_kw)
    new = fact(new_value, precision=new_precision, stated_change_pct=stated,
               stated_change_decimals=decimals, change_base_fact_id=base["fact_id"], **base_kw)
    return [base, new]


def partnership(name, *, doc="doc_a", parties=(), signed=None, precision="day", starts=None, ends=None,
                char_start=None, pid=None):
    return {
        "partnership_id": pid or f"p{next(_ids)}",
        "document_id": doc,
        "name": name,
        "parties": list(parties),
        "signed_on": signed,
        "signed_precision": precision if signed else None,
        "starts_on": starts,
        "ends_on": ends,
        "snippet": name,
        "char_start": char_start,
        "char_end": None if char_start is None else char_start + len(name),
    }


def checks(findings):
    return sorted(f.check_name for f in findings)


# ---------------------------------------------------------------- stated_change_mismatch
class TestStatedChange:
    def test_fires_when_figures_contradict_change(self):
        facts = change(512990, 538430, 5.08)
        out = stated_change_mismatch(facts)
        assert len(out) == 1
        assert out[0].severity == "error"
        assert set(out[0].fact_ids) == {f["fact_id"] for f in facts}
        assert "+5.08 %" in out[0].message and "512 990" in out[0].message and "538 430" in out[0].message
        assert "+4.96 %" in out[0].message and "2024-Q4" in out[0].message and "2025-Q4" in out[0].message

    def test_small_but_real_gap_fires(self):
        # 78 760 -> 92 930 is +17.99 %; 17.95 ± 0.005 cannot reach it even with the figures' rounding
        assert stated_change_mismatch(change(78760, 92930, 17.95))

    def test_rounded_rates_do_not_fire(self):
        # 9 % may be 8.5–9.5 %, so +2.22 % for 9 -> 9.2 is possible
        facts = change(9, 9.2, 2.22, unit="percent", indicator="unemployment_rate", new_precision=0.05)
        assert stated_change_mismatch(facts) == []

    def test_large_figures_rounded_change_does_not_fire(self):
        facts = change(924914002, 873683616, -5.54, unit="EUR", indicator="commitment_authority")
        assert stated_change_mismatch(facts) == []

    def test_edge_of_tolerance(self):
        # 1000 -> 1050.5 is +5.05 %; stated 5.0 (1 decimal: 4.95–5.05) meets it exactly at the edge
        assert stated_change_mismatch(change(1000, 1050.5, 5.0, decimals=1, precision=0.0)) == []
        # stated 4.9 (4.85–4.95) cannot reach 5.05 when the figures are given to 0.1 (5.04–5.06)
        assert stated_change_mismatch(change(1000, 1050.5, 4.9, decimals=1, precision=0.05))
        # but figures given to the unit (±0.5) allow 4.95 %: no finding
        assert stated_change_mismatch(change(1000, 1050.5, 4.9, decimals=1)) == []
        # with figures rounded to the hundred (precision 50), 4.9 becomes possible
        facts = change(1000, 1050.5, 4.9, decimals=1, new_precision=50, base_precision=50)
        assert stated_change_mismatch(facts) == []

    def test_points_change_for_a_rate_does_not_fire(self):
        facts = change(9.0, 9.2, 0.2, decimals=1, unit="percent", indicator="unemployment_rate",
                       new_precision=0.05, base_precision=0.05)
        assert stated_change_mismatch(facts) == []

    def test_approximate_or_missing_base_is_skipped(self):
        base, new = change(1000, 2000, 5.0)
        base["qualifier"] = "approx"
        assert stated_change_mismatch([base, new]) == []
        assert stated_change_mismatch([new]) == []
        base2, new2 = change(0, 10, 5.0)
        assert stated_change_mismatch([base2, new2]) == []  # zero base: no ratio


# ---------------------------------------------------------------- parts_do_not_sum_to_total
def budget_row(year, total, parts, table="t_budget", unit_precision=50000.0):
    out = [fact(total * 1e6, indicator="spending", segment="line:total", unit="EUR", period=YEAR[year],
                precision=unit_precision, table_id=table, source="table")]
    for seg, v, prec in parts:
        out.append(fact(v * 1e6, indicator="spending", segment=seg, unit="EUR", period=YEAR[year],
                        precision=prec, table_id=table, source="table"))
    return out


class TestPartsSum:
    def test_lines_above_total_fire(self):
        facts = budget_row(2022, 542.9, [
            ("line:continuing_vocational_training", 370.8, 5e4),
            ("line:health_social_training", 133.4, 5e4),
            ("line:apprenticeship", 38.7, 5e4),
            ("line:non_allocable", 2.6, 5e4),
        ])
        out = parts_do_not_sum_to_total(facts)
        assert len(out) == 1 and out[0].severity == "error"
        assert out[0].fact_ids == [facts[0]["fact_id"]]
        assert "545 500 000" in out[0].message and "542 900 000" in out[0].message and "2022" in out[0].message

    def test_correct_total_with_non_allocable_line_does_not_fire(self):
        # 306,8 + 149,4 + 46 + 1,6 = 503,8 vs 503,9: within the rounding (46 is ±0.5 M)
        facts = budget_row(2024, 503.9, [
            ("line:continuing_vocational_training", 306.8, 5e4),
            ("line:health_social_training", 149.4, 5e4),
            ("line:apprenticeship", 46, 5e5),
            ("line:non_allocable", 1.6, 5e4),
        ])
        assert parts_do_not_sum_to_total(facts) == []

    def test_non_allocable_line_is_a_part(self):
        # without counting the non-allocable line, 552,7 - 2,5 would fall short; with it, it sums
        facts = budget_row(2023, 552.8, [
            ("line:continuing_vocational_training", 365.1, 5e4),
            ("line:health_social_training", 141.9, 5e4),
            ("line:apprenticeship", 43.2, 5e4),
            ("line:non_allocable", 2.5, 5e4),
        ])
        assert parts_do_not_sum_to_total(facts) == []
        # and the same table short by the non-allocable amount fires
        short = budget_row(2023, 555.3, [
            ("line:continuing_vocational_training", 365.1, 5e4),
            ("line:health_social_training", 141.9, 5e4),
            ("line:apprenticeship", 43.2, 5e4),
            ("line:non_allocable", 2.5, 5e4),
        ])
        assert parts_do_not_sum_to_total(short)

    def test_incomplete_table_listing_below_total_does_not_fire(self):
        facts = budget_row(2022, 542.9, [("line:apprenticeship", 38.7, 5e4), ("line:health_social_training", 133.4, 5e4)])
        assert parts_do_not_sum_to_total(facts) == []

    def test_operating_and_investment_below_total_fire(self):
        facts = budget_row(2026, 1000, [("line:operating", 600, 0.5), ("line:investment", 300, 0.5)])
        assert len(parts_do_not_sum_to_total(facts)) == 1

    def test_edge_of_tolerance(self):
        # 4 parts and total at ±0.05 M: tolerance 0.25 M
        parts = [("line:a", 100.0, 5e4), ("line:b", 100.0, 5e4), ("line:c", 100.0, 5e4), ("line:d", 100.0, 5e4)]
        assert parts_do_not_sum_to_total(budget_row(2022, 400.25, parts)) == []
        assert parts_do_not_sum_to_total(budget_row(2022, 399.75, parts)) == []
        assert parts_do_not_sum_to_total(budget_row(2022, 399.7, parts))  # parts 0.3 M above: beyond 0.25

    def test_cents_sum_exactly(self):
        facts = budget_row(2026, 7546.40738835, [("line:operating", 4822.12003988, 0.005),
                                                  ("line:investment", 2724.28734847, 0.005)], unit_precision=0.005)
        assert parts_do_not_sum_to_total(facts) == []

    def test_nature_and_function_lines_are_two_cuts(self):
        facts = budget_row(2026, 1000, [("line:operating", 600, 0.5), ("line:investment", 400, 0.5),
                                        ("line:apprenticeship", 300, 0.5), ("line:continuing_vocational_training", 700, 0.5)])
        assert parts_do_not_sum_to_total(facts) == []

    def test_nested_lines(self):
        parent = fact(1085094630, indicator="budget", segment="line:education_training_apprenticeship", unit="EUR",
                      period=YEAR[2026])
        ok = [parent,
              fact(873683616, indicator="budget", segment="line:education_training_apprenticeship:operating",
                   unit="EUR", period=YEAR[2026]),
              fact(211411014, indicator="budget", segment="line:education_training_apprenticeship:investment",
                   unit="EUR", period=YEAR[2026])]
        assert parts_do_not_sum_to_total(ok) == []
        ok[1] = dict(ok[1], value=883683616.0)
        assert [f.fact_ids for f in parts_do_not_sum_to_total(ok)] == [[parent["fact_id"]]]

    def test_single_part_or_percent_or_other_table_does_not_fire(self):
        facts = budget_row(2022, 500, [("line:apprenticeship", 600, 0.5)])
        assert parts_do_not_sum_to_total(facts) == []
        pct = [fact(50, unit="percent", segment="line:total", indicator="spending"),
               fact(40, unit="percent", segment="line:a", indicator="spending"),
               fact(40, unit="percent", segment="line:b", indicator="spending")]
        assert parts_do_not_sum_to_total(pct) == []
        other = budget_row(2022, 500, [("line:a", 300, 0.5)]) + budget_row(2022, 999, [("line:b", 300, 0.5)], table="t2")[1:]
        assert parts_do_not_sum_to_total(other) == []

    def test_incomplete_prose_listing_below_total_does_not_fire(self):
        facts = [fact(100e6, indicator="budget", segment="line:total", unit="EUR", period=YEAR[2026]),
                 fact(30e6, indicator="budget", segment="line:apprenticeship", unit="EUR", period=YEAR[2026]),
                 fact(20e6, indicator="budget", segment="line:continuing_vocational_training", unit="EUR", period=YEAR[2026])]
        assert parts_do_not_sum_to_total(facts) == []
        facts[1] = dict(facts[1], value=90e6)  # parts above the total are always wrong
        assert parts_do_not_sum_to_total(facts)

    def test_age_groups_against_all_ages(self):
        good = [fact(538430), fact(92930, segment="age:<25"), fact(315840, segment="age:25-49"),
                fact(129660, segment="age:50+")]
        assert parts_do_not_sum_to_total(good) == []
        bad = good[:3] + [fact(139660, segment="age:50+")]
        out = parts_do_not_sum_to_total(bad)
        assert len(out) == 1 and out[0].fact_ids == [good[0]["fact_id"]] and "age groups" in out[0].message

    def test_age_groups_without_open_end_do_not_fire(self):
        facts = [fact(1000), fact(100, segment="age:15-24"), fact(200, segment="age:25-49"),
                 fact(300, segment="age:50-64")]
        assert parts_do_not_sum_to_total(facts) == []

    def test_age_partitions(self):
        assert age_partitions(["age:15-24", "age:25-49", "age:50+"]) == [["age:15-24", "age:25-49", "age:50+"]]
        assert age_partitions(["age:<25", "age:25-49", "age:50-64"]) == []
        assert age_partitions(["age:16-25"]) == []
        assert age_partitions(["age:<25", "age:15-24", "age:25+"]) == [["age:<25", "age:25+"]]

    def test_sectors_need_a_sector_total(self):
        sectors = [fact(951900, indicator="employment", segment="sector:market"),
                   fact(759000, indicator="employment", segment="sector:non_market_tertiary"),
                   fact(288400, indicator="employment", segment="sector:industry")]
        assert parts_do_not_sum_to_total(sectors + [fact(1500000, indicator="employment")]) == []
        assert parts_do_not_sum_to_total(sectors + [fact(1500000, indicator="employment", segment="sector:total")])


# ---------------------------------------------------------------- segment_equals_or_exceeds_total
class TestSegmentExceeds:
    def test_equal_segment_fires(self):
        whole = fact(5752600, area="FR")
        seg = fact(5752600, area="FR", segment="age:50+")
        out = segment_equals_or_exceeds_total([whole, seg])
        assert len(out) == 1 and out[0].fact_ids == [seg["fact_id"]] and "equals" in out[0].message

    def test_larger_sector_fires_smaller_does_not(self):
        whole = fact(1000, indicator="employment")
        assert segment_equals_or_exceeds_total([whole, fact(1001, indicator="employment", segment="sector:market")])
        assert segment_equals_or_exceeds_total([whole, fact(999, indicator="employment", segment="sector:market")]) == []

    def test_other_period_unit_or_rate_does_not_fire(self):
        whole = fact(1000)
        assert segment_equals_or_exceeds_total([whole, fact(2000, segment="age:<25", period=Q4_2024)]) == []
        rates = [fact(9.2, unit="percent", indicator="unemployment_rate"),
                 fact(23.7, unit="percent", indicator="unemployment_rate", segment="age:15-24")]
        assert segment_equals_or_exceeds_total(rates) == []

    def test_approximate_whole_is_left_alone(self):
        whole = fact(1000, qualifier="min")
        assert segment_equals_or_exceeds_total([whole, fact(1200, segment="age:<25")]) == []


# ---------------------------------------------------------------- implausible_magnitude
class TestImplausibleMagnitude:
    def test_decimal_head_count_and_thousand_times_off_is_one_finding(self):
        facts = [fact(5752600, area="FR"), fact(839200, area="FR", segment="age:<25"),
                 fact(3394.9, area="FR", segment="age:25-49"), fact(1752600, area="FR", segment="age:50+")]
        out = implausible_magnitude(facts)
        assert len(out) == 1 and out[0].severity == "error" and out[0].fact_ids == [facts[2]["fact_id"]]
        assert "decimal part" in out[0].message and "times below" in out[0].message

    def test_thousand_times_in_a_table_column(self):
        col = dict(table_id="t1", column_label="Année N", source="table")
        facts = [fact(120000, segment="age:<25", **col), fact(150000, segment="age:25-49", **col),
                 fact(130, segment="age:50+", **col), fact(110000, segment="age:16-25", **col)]
        out = implausible_magnitude(facts)
        assert [f.fact_ids for f in out] == [[facts[2]["fact_id"]]]

    def test_ordinary_spread_does_not_fire(self):
        facts = [fact(512990), fact(78760, segment="age:<25"), fact(306620, segment="age:25-49"),
                 fact(5752600, area="FR")]
        assert implausible_magnitude(facts) == []
        # euros vary by far more than 1000x legitimately
        eur = [fact(7.5e9, unit="EUR", indicator="budget", segment="line:total", period=YEAR[2026]),
               fact(5e6, unit="EUR", indicator="budget", segment="line:a", period=YEAR[2026]),
               fact(6e6, unit="EUR", indicator="budget", segment="line:b", period=YEAR[2026])]
        assert implausible_magnitude(eur) == []

    def test_rate_outside_0_100(self):
        assert implausible_magnitude([fact(112.0, unit="percent", indicator="placement_rate")])
        assert implausible_magnitude([fact(-1.0, unit="percent", indicator="unemployment_rate")])
        assert implausible_magnitude([fact(100.0, unit="percent", indicator="placement_rate"),
                                      fact(0.0, unit="percent", indicator="placement_rate")]) == []

    def test_employment_above_population(self):
        pop = fact(5965764, indicator="population", period=(D(2026, 1, 1), D(2026, 1, 1)))
        emp_q3 = (D(2025, 7, 1), D(2025, 9, 30))
        high = fact(951900000, indicator="employment", segment="sector:market", period=emp_q3)
        out = implausible_magnitude([pop, high])
        assert [f.fact_ids for f in out] == [[high["fact_id"]]] and "population" in out[0].message
        assert implausible_magnitude([pop, fact(951900, indicator="employment", period=emp_q3)]) == []
        far = fact(951900000, indicator="employment", period=(D(2019, 1, 1), D(2019, 12, 31)))
        assert implausible_magnitude([pop, far]) == []

    def test_scale_note_is_a_warning(self):
        f = fact(951900, indicator="employment", scale_note="en milliers")
        out = implausible_magnitude([f])
        assert len(out) == 1 and out[0].severity == "warning" and "en milliers" in out[0].message

    def test_whole_head_counts_do_not_fire(self):
        assert implausible_magnitude([fact(538430), fact(3.0, unit="count", indicator="cfa_count")]) == []


# ---------------------------------------------------------------- conflicting_period
class TestConflictingPeriod:
    def test_same_value_two_periods_fires(self):
        a = fact(3516, indicator="training_providers", unit="count", period=YEAR[2024], table_id="t1", page=3)
        b = fact(3516, indicator="training_providers", unit="count", period=YEAR[2026], table_id="t2", page=6)
        out = conflicting_period([a, b])
        assert len(out) == 1 and out[0].severity == "warning"
        assert set(out[0].fact_ids) == {a["fact_id"], b["fact_id"]}
        assert "2024" in out[0].message and "2026" in out[0].message and "page 3" in out[0].message

    def test_different_value_segment_or_same_row_does_not_fire(self):
        a = fact(3516, unit="count", period=YEAR[2024])
        assert conflicting_period([a, fact(3517, unit="count", period=YEAR[2026])]) == []
        assert conflicting_period([a, fact(3516, unit="count", period=YEAR[2026], segment="age:<25")]) == []
        assert conflicting_period([a, fact(3516, unit="count", period=YEAR[2026], doc="doc_b")]) == []
        row = dict(table_id="t", row_label="Non ventilables")
        assert conflicting_period([fact(2.5, unit="EUR", period=YEAR[2023], **row),
                                   fact(2.5, unit="EUR", period=YEAR[2024], **row)]) == []

    def test_undated_does_not_fire(self):
        assert conflicting_period([fact(3516, period=YEAR[2024]), fact(3516, period=None)]) == []


# ---------------------------------------------------------------- conflicting_value
class TestConflictingValue:
    def bp(self, value, **kw):
        return fact(value, indicator="budget", segment="line:total", unit="EUR", period=YEAR[2026], **kw)

    def test_approximate_far_from_exact_fires(self):
        approx = self.bp(5.2e9, qualifier="approx", precision=5e7)
        exact = self.bp(7546407388.35, precision=0.005, table_id="t")
        out = conflicting_value([approx, exact])
        assert len(out) == 1 and out[0].severity == "error"
        assert set(out[0].fact_ids) == {approx["fact_id"], exact["fact_id"]}
        assert "about 5 200 000 000 €" in out[0].message and "7 546 407 388.35 €" in out[0].message

    def test_approximate_within_five_percent_does_not_fire(self):
        approx = self.bp(5.2e9, qualifier="approx", precision=5e7)
        # 5.2 bn ± 5 % ± 0.05 bn = 4.89–5.51 bn
        assert conflicting_value([approx, self.bp(5.5e9)]) == []
        assert conflicting_value([approx, self.bp(4.9e9)]) == []
        assert conflicting_value([approx, self.bp(5.6e9)])

    def test_bounds(self):
        at_least = fact(850000, unit="EUR", indicator="funding", qualifier="min", precision=0.5)
        assert conflicting_value([at_least, fact(900000, unit="EUR", indicator="funding")]) == []
        assert conflicting_value([at_least, fact(800000, unit="EUR", indicator="funding")])
        at_most = fact(100, unit="count", qualifier="max")
        assert conflicting_value([at_most, fact(99, unit="count")]) == []
        assert conflicting_value([at_most, fact(100.5, unit="count", precision=0.05)]) == []  # 100 may be 100.5
        assert conflicting_value([at_most, fact(102, unit="count")])

    def test_rounding_of_exact_figures(self):
        assert conflicting_value([fact(46e6, unit="EUR", precision=5e5), fact(46.2e6, unit="EUR", precision=5e4)]) == []
        assert conflicting_value([fact(46e6, unit="EUR", precision=5e5), fact(46.6e6, unit="EUR", precision=5e4)])

    def test_other_segment_period_or_document_does_not_fire(self):
        a = fact(100)
        assert conflicting_value([a, fact(200, segment="age:<25")]) == []
        assert conflicting_value([a, fact(200, period=Q4_2024)]) == []
        assert conflicting_value([a, fact(200, doc="doc_b")]) == []
        assert conflicting_value([fact(100, period=None), fact(200, period=None)]) == []


# ---------------------------------------------------------------- cross_document_conflict
class TestCrossDocument:
    def test_same_key_different_values_in_two_documents(self):
        a, b = fact(100, doc="doc_a"), fact(150, doc="doc_b")
        out = cross_document_conflict([a, b], [])
        assert len(out) == 1 and out[0].severity == "warning" and set(out[0].fact_ids) == {a["fact_id"], b["fact_id"]}
        assert cross_document_conflict([a, fact(100.2, doc="doc_b", precision=0.5)], []) == []
        assert cross_document_conflict([a, fact(104, doc="doc_b", qualifier="approx")], []) == []
        assert cross_document_conflict([a, fact(150, doc="doc_a")], []) == []  # same document: conflicting_value

    def test_one_finding_per_figure_however_many_documents_disagree(self):
        facts = [fact(100, doc="doc_a"), fact(150, doc="doc_b"), fact(200, doc="doc_c"), fact(100, doc="doc_d")]
        [finding] = cross_document_conflict(facts, [])
        assert "3 documents" in finding.message
        assert all(v in finding.message for v in ("100", "150", "200"))
        assert set(finding.fact_ids) == {facts[0]["fact_id"], facts[1]["fact_id"], facts[2]["fact_id"]}

    def test_duration_against_partnership_span(self):
        dur = fact(5, indicator="duration_years", unit="years", area=None, segment="project:emploi_sans_frontieres",
                   period=None, doc="doc_a")
        p = partnership("Emploi sans frontières (Interreg V France-Wallonie-Vlaanderen)", doc="doc_b",
                        starts=D(2016, 1, 1), ends=D(2019, 12, 31))
        out = cross_document_conflict([dur], [p])
        assert len(out) == 1 and out[0].fact_ids == [dur["fact_id"]] and out[0].partnership_ids == [p["partnership_id"]]
        assert "4.0 years" in out[0].message and "2016-01-01" in out[0].message
        assert cross_document_conflict([dict(dur, value=4.0)], [p]) == []
        assert cross_document_conflict([dur], [dict(p, document_id="doc_a")]) == []
        other = partnership("Weldcome", doc="doc_b", starts=D(2016, 1, 1), ends=D(2019, 12, 31))
        assert cross_document_conflict([dur], [other]) == []

    def test_partnerships_with_contradictory_dates(self):
        p = partnership("Convention Région Hauts-de-France – APEC", doc="doc_a", parties=["Région Hauts-de-France", "Apec"],
                        signed=D(2026, 1, 20))
        q = partnership("Convention Région Hauts-de-France – APEC", doc="doc_b", parties=["Hauts-de-France", "APEC"],
                        signed=D(2025, 1, 20))
        out = cross_document_conflict([], [p, q])
        assert len(out) == 1 and set(out[0].partnership_ids) == {p["partnership_id"], q["partnership_id"]}
        # the same year at year precision agrees
        q_year = dict(q, signed_on=D(2026, 1, 1), signed_precision="year")
        assert cross_document_conflict([], [p, q_year]) == []
        # two common parties but an unrelated agreement
        r = partnership("Pacte régional d'investissement dans les compétences", doc="doc_b",
                        parties=["Région Hauts-de-France", "Apec"], signed=D(2019, 2, 8))
        assert cross_document_conflict([], [p, r]) == []

    @settings(max_examples=25, deadline=None)
    @given(st.integers(min_value=2, max_value=60))
    def test_grouping_scales(self, n):
        facts = [fact(i, indicator=f"ind{i}", doc=f"d{i % 3}") for i in range(n)]
        assert cross_document_conflict(facts, []) == []


# ---------------------------------------------------------------- date_inconsistency
class TestDateInconsistency:
    docs = [{"document_id": "doc_a", "published_on": D(2026, 4, 1), "title": "t", "source_path": "x"}]

    def test_signed_after_publication(self):
        p = partnership("Convention X", signed=D(2026, 5, 2))
        out = date_inconsistency([], [p], self.docs)
        assert len(out) == 1 and out[0].severity == "warning" and "after the document's publication" in out[0].message
        assert date_inconsistency([], [partnership("Convention X", signed=D(2026, 3, 2))], self.docs) == []
        # year precision: 2026 is not after April 2026
        assert date_inconsistency([], [partnership("X", signed=D(2026, 1, 1), precision="year")], self.docs) == []

    def test_period_starts_years_after_signature(self):
        p = partnership("Pacte 2024-2027", signed=D(2019, 2, 8), starts=D(2024, 1, 1), ends=D(2027, 12, 31))
        out = date_inconsistency([], [p], self.docs)
        assert len(out) == 1 and "5 years after" in out[0].message
        ok = partnership("CPER 2021-2027", signed=D(2023, 1, 9), starts=D(2021, 1, 1), ends=D(2027, 12, 31))
        assert date_inconsistency([], [ok], self.docs) == []

    def test_funding_period_in_section_differs(self):
        p = partnership("Pacte 2024-2027", signed=D(2024, 2, 8), starts=D(2024, 1, 1), ends=D(2027, 12, 31), char_start=1000)
        nxt = partnership("Programme 2025", char_start=2000)
        inside = fact(1.5e9, indicator="funding", unit="EUR", period=(D(2019, 1, 1), D(2022, 12, 31)), char_start=1200)
        after = fact(1.5e9, indicator="funding", unit="EUR", period=(D(2019, 1, 1), D(2022, 12, 31)), char_start=2500)
        yearly = fact(2e6, indicator="funding", unit="EUR", period=YEAR[2022], char_start=1300)
        same = fact(3e6, indicator="funding", unit="EUR", period=(D(2024, 1, 1), D(2027, 12, 31)), char_start=1400)
        out = date_inconsistency([inside, after, yearly, same], [p, nxt], self.docs)
        assert [f.fact_ids for f in out] == [[inside["fact_id"]]]
        assert "2019-2022" in out[0].message and "2024-2027" in out[0].message

    def test_funding_naming_the_partnership(self):
        p = partnership("Pacte régional compétences", starts=D(2024, 1, 1), ends=D(2027, 12, 31))
        f = fact(1.5e9, indicator="funding", unit="EUR", period=(D(2019, 1, 1), D(2022, 12, 31)),
                 segment="program:pacte_regional_competences")
        assert len(date_inconsistency([f], [p], self.docs)) == 1


# ---------------------------------------------------------------- run_all
class TestRunAll:
    def seed_like(self):
        facts = change(512990, 538430, 5.08) + change(9, 9.2, 2.22, unit="percent", indicator="unemployment_rate",
                                                        new_precision=0.05)
        facts += [fact(5752600, area="FR", fid="fr_all"), fact(5752600, area="FR", segment="age:50+", fid="fr_50"),
                  fact(3394.9, area="FR", segment="age:25-49", fid="fr_2549"),
                  fact(839200, area="FR", segment="age:<25", fid="fr_25")]
        return facts

    def test_findings_are_deterministic_and_unique(self):
        facts = self.seed_like()
        first = run_all(facts, [], [])
        again = run_all(list(reversed(facts)), [], [])
        assert [f.finding_id for f in first] == [f.finding_id for f in again]
        assert len({f.finding_id for f in first}) == len(first)
        assert {"stated_change_mismatch", "segment_equals_or_exceeds_total", "implausible_magnitude",
                "parts_do_not_sum_to_total"} <= set(checks(first))
        for f in first:
            assert f.severity in ("error", "warning") and f.message.endswith(".")
            assert f.finding_id == rules.stable_id("finding", f.check_name, ",".join(sorted(f.fact_ids)),
                                                   ",".join(sorted(f.partnership_ids)))

    def test_clean_rate_is_not_flagged(self):
        facts = self.seed_like()
        rate = [f for f in facts if f["indicator"] == "unemployment_rate"]
        flagged = flagged_fact_ids(f for f in run_all(facts, [], []) if f.severity == "error")
        assert not flagged & {f["fact_id"] for f in rate}
        assert {"fr_50", "fr_2549"} <= flagged

    def test_empty_and_string_dates(self):
        assert run_all([], [], []) == []
        a = fact(3516, unit="count", period=None, period_start="2024-01-01", period_end="2024-12-31")
        b = fact(3516, unit="count", period=None, period_start="2026-01-01", period_end="2026-12-31")
        assert checks(run_all([a, b], [], [])) == ["conflicting_period"]

    def test_flagged_fact_ids(self):
        fs = [Finding("a", "error", ["x", "y"], "m."), Finding("b", "warning", ["y", "z"], "m.")]
        assert flagged_fact_ids(fs) == {"x", "y", "z"}

    def test_every_rule_has_a_docstring_with_an_example(self):
        for rule in rules.RULES:
            assert rule.__doc__ and "Example" in rule.__doc__, rule.__name__
