"""A source is accused only on sure readings: each rule's finding with one fact read weakly.

Every scenario below makes its rule fire on facts read surely; the same facts
with one of them read weakly must give an `uncertain_reading` warning instead,
addressed to whoever runs the pipeline, and flag nothing.
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.test_validation_formulas import share_row
from tests.test_validation_rules import YEAR, change, fact, partnership
from validation import CHECK_DESCRIPTIONS, CHECK_NAMES, PIPELINE_CHECKS, SOURCE_ERROR_CHECKS, flagged_fact_ids, run_all
from validation.thresholds import SURE_READING

D = dt.date
DOCS = [{"document_id": "doc_a", "published_on": D(2026, 4, 1)}]


def stated_change():
    base, new = change(512990, 538430, 5.08)
    return [base, new], [], [], base


def parts_sum():
    whole = fact(1000, segment=None)
    parts = [fact(300, segment="age:<25"), fact(500, segment="age:25-49"), fact(300, segment="age:50+")]
    return [whole, *parts], [], [], parts[0]  # a part read weakly: the total is pointed at, the part involved


def segment_total():
    whole, seg = fact(5752600, area="FR"), fact(5752600, area="FR", segment="age:50+")
    return [whole, seg], [], [], whole


def formula():
    facts, rel = share_row(16887.58)
    return facts, [], [rel], facts[1]  # the total row's figure, involved but not pointed at


def magnitude():
    odd = fact(3394.9, area="FR")
    return [odd], [], [], odd


def period():
    a = fact(3516, indicator="training_providers", unit="count", period=YEAR[2024], table_id="t1", page=3)
    b = fact(3516, indicator="training_providers", unit="count", period=YEAR[2026], table_id="t2", page=6)
    return [a, b], [], [], b


def value():
    a = fact(5.2e9, indicator="budget", unit="EUR", period=YEAR[2026], qualifier="approx", precision=5e7)
    b = fact(7546407388.35, indicator="budget", unit="EUR", period=YEAR[2026], precision=0.005)
    return [a, b], [], [], a


def cross_document():
    a, b = fact(538430, doc="doc_a"), fact(612000, doc="doc_b")
    return [a, b], [], [], b


def funding_dates():
    p = partnership("Pacte 2024-2027", signed=D(2024, 2, 8), starts=D(2024, 1, 1), ends=D(2027, 12, 31),
                    char_start=1000)
    funding = fact(1.5e9, indicator="funding", unit="EUR", period=(D(2019, 1, 1), D(2022, 12, 31)), char_start=1200)
    return [funding], [p], [], funding


def ambiguous_format():
    cells = [("Auvergne", "166 570", 166570.0), ("Bourgogne", "95,618", 95.618), ("Picardie", "212 004", 212004.0),
             ("Total", "474 192", 474192.0)]
    facts = [fact(v, indicator="funding", unit="EUR", table_id="t1", row_label=row, column_label="Montant",
                  char_start=100 + 20 * i) for i, (row, _, v) in enumerate(cells)]
    figures = [{"figure_id": f"g{i}", "document_id": "doc_a", "context": "table", "table_id": "t1",
                "row_label": row, "column_label": "Montant", "surface": surface, "value": v,
                "char_start": 100 + 20 * i, "char_end": 100 + 20 * i + len(surface), "fact_id": f["fact_id"]}
               for i, ((row, surface, v), f) in enumerate(zip(cells, facts))]
    return facts, [], [], facts[1], figures


SCENARIOS = {
    "ambiguous_number_format": ambiguous_format,
    "stated_change_mismatch": stated_change,
    "parts_do_not_sum_to_total": parts_sum,
    "segment_equals_or_exceeds_total": segment_total,
    "stated_formula_mismatch": formula,
    "implausible_magnitude": magnitude,
    "conflicting_period": period,
    "conflicting_value": value,
    "cross_document_conflict": cross_document,
    "date_inconsistency": funding_dates,
}


def run(facts, partnerships, relations, figures=None):
    return run_all(facts, partnerships, DOCS, relations, figures)


def weaken(facts, weak, confidence=0.5):
    reason = "sentence without an area cue"
    return [dict(f, confidence=confidence, reason=reason) if f is weak else f for f in facts]


def test_every_rule_has_a_scenario():
    assert set(SCENARIOS) == SOURCE_ERROR_CHECKS


@pytest.mark.parametrize("check", sorted(SCENARIOS))
def test_a_weakly_read_fact_gives_uncertain_reading_and_flags_nothing(check):
    facts, partnerships, relations, weak, *figures = SCENARIOS[check]()  # table rules also read the cells
    sure = [f for f in run(facts, partnerships, relations, *figures) if f.check_name == check]
    assert sure and flagged_fact_ids(sure)  # read surely, the rule accuses the source

    out = run(weaken(facts, weak), partnerships, relations, *figures)
    assert [f for f in out if f.check_name == check] == []
    doubts = [f for f in out if f.check_name == "uncertain_reading" and f.about == check]
    assert len(doubts) == 1 and doubts[0].severity == "warning"
    assert weak["fact_id"] in doubts[0].fact_ids
    assert "Possible misreading" in doubts[0].message and "sentence without an area cue" in doubts[0].message
    assert doubts[0].message.endswith(".")
    assert not flagged_fact_ids(out) & {f["fact_id"] for f in facts}


def test_the_sure_threshold_and_old_rows_without_confidence():
    facts, _, _, weak = value()
    assert "conflicting_value" in {f.check_name for f in run(facts, [], [])}  # no confidence: as today
    at_edge = weaken(facts, weak, SURE_READING)
    assert "conflicting_value" in {f.check_name for f in run(at_edge, [], [])}
    below = weaken(facts, weak, SURE_READING - 0.01)
    assert {f.check_name for f in run(below, [], [])} == {"uncertain_reading"}


def test_two_weakly_labelled_places_name_both_readings():
    a = fact(9.2, indicator="unemployment_rate", unit="percent", precision=0.05, page=1, table_id="t1",
             row_label="Taux de chômage", column_label="Région", confidence=0.6, reason="column header not resolved")
    b = fact(7.7, indicator="unemployment_rate", unit="percent", precision=0.05, page=4,
             snippet="le taux atteint 7,7 %", confidence=0.55, reason="no area cue in the sentence")
    [doubt] = run_all([a, b], [], [])
    assert doubt.check_name == "uncertain_reading" and doubt.about == "conflicting_value"
    for words in ("9.2 %", "page 1, row 'Taux de chômage', column 'Région'", "column header not resolved",
                  "7.7 %", "page 4, 'le taux atteint 7,7 %'", "no area cue in the sentence"):
        assert words in doubt.message, words
    assert flagged_fact_ids([doubt]) == set()


def test_one_doubt_per_rule_about_the_same_facts():
    # the same weak figures would be both a segment above its whole and parts above the total
    whole = fact(1000, confidence=0.3)
    parts = [fact(600, segment="age:<50"), fact(1000, segment="age:50+")]
    out = run_all([whole, *parts], [], [])
    assert sorted(f.about for f in out) == ["parts_do_not_sum_to_total", "segment_equals_or_exceeds_total"]
    assert len({f.finding_id for f in out}) == 2


def test_decimal_head_counts_across_a_table_are_a_misread_indicator():
    table = dict(table_id="t1", source="table", indicator="apprentices", area="FR", period=None)
    ratio, average = fact(1541.52, row_label="Total", **table), fact(474955.76, row_label="Total", **table)
    whole = fact(424742, row_label="Total", **table)
    out = run_all([ratio, average, whole], [], [])
    # the two doubts of one table and cause are one warning that lists both figures
    assert [(f.check_name, f.about) for f in out] == [("uncertain_reading", "implausible_magnitude")]
    assert set(out[0].fact_ids) == {ratio["fact_id"], average["fact_id"]}
    assert "1 541.52" in out[0].message and "474 955.76" in out[0].message and "indicator" in out[0].message
    assert flagged_fact_ids(out) == set()
    # one decimal head count among whole ones stays the source's error
    [alone] = run_all([ratio, whole], [], [])
    assert alone.check_name == "implausible_magnitude" and alone.severity == "error"


def test_three_values_for_one_key_are_one_doubt_not_three_errors():
    # column numbers "(col. 1)" ... "(col. 3)" read as figures of one key
    cols = [fact(v, area="FR", table_id="t1", row_label="Effectif d'apprentis (col. %d)" % v) for v in (1, 2, 3)]
    [out] = run_all(cols, [], [])
    assert (out.check_name, out.about, out.severity) == ("uncertain_reading", "conflicting_value", "warning")
    assert sorted(out.fact_ids) == sorted(f["fact_id"] for f in cols) and "3 different values" in out.message
    assert flagged_fact_ids([out]) == set()
    # two values stay the source's contradiction
    assert [f.check_name for f in run_all([cols[0], cols[2]], [], [])] == ["conflicting_value"]


def test_two_values_in_one_sentence_are_a_comparison_not_a_contradiction():
    sentence = "In 2018 the jobless rate stood at 7.1 %, just under the EU figure of 7.6 %."
    a, b = (fact(v, indicator="unemployment_rate", unit="percent", precision=0.05, snippet=sentence)
            for v in (7.1, 7.6))
    [out] = run_all([a, b], [], [])
    assert out.check_name == "uncertain_reading" and "7.1 %" in out.message and "7.6 %" in out.message
    c = dict(b, snippet="Elsewhere the rate is 7.6 %.")
    assert [f.check_name for f in run_all([a, c], [], [])] == ["conflicting_value"]


def test_an_undated_part_above_an_undated_whole_is_a_doubt():
    whole, seg = fact(3, area="NL", period=None), fact(14, area="NL", segment="age:15-75", period=None)
    [out] = run_all([whole, seg], [], [])
    assert out.check_name == "uncertain_reading" and out.about == "segment_equals_or_exceeds_total"
    assert "no period" in out.message and flagged_fact_ids([out]) == set()


def test_check_names_split_for_the_ui():
    assert CHECK_NAMES[-1] == "uncertain_reading"
    assert PIPELINE_CHECKS == {"uncertain_reading"}
    assert SOURCE_ERROR_CHECKS | PIPELINE_CHECKS == set(CHECK_NAMES)
    assert not SOURCE_ERROR_CHECKS & PIPELINE_CHECKS
    assert set(CHECK_DESCRIPTIONS) == set(CHECK_NAMES)
    assert "(error)" in CHECK_DESCRIPTIONS["stated_formula_mismatch"]
    assert "Not about the sources" in CHECK_DESCRIPTIONS["uncertain_reading"]
