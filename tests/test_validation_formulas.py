"""stated_formula_mismatch: the formulas tables state, checked on facts and relations written by hand."""
from __future__ import annotations

import itertools

import duckdb
import pytest

from tests.test_validation_rules import fact
from validation import flagged_fact_ids, run_all
from validation.arithmetic import stated_formula_mismatch
from validation.expressions import ExpressionError, evaluate
from warehouse.load import read_rows

_ids = itertools.count()
YEAR_2010 = None  # the table's figures carry no period of their own here


def cell(value, column, *, row="Alsace", precision=0.5, indicator="funding", unit="EUR", area="FR-A", **kw):
    """A table cell read surely, with its row and column headers."""
    return fact(value, indicator=indicator, unit=unit, area=area, period=YEAR_2010, precision=precision,
                table_id="t1", row_label=row, column_label=column, source="table", page=2, **kw)


def relation(kind, operands, expression, *, target=None, expected=None, formula_text=None, row="Alsace"):
    """A `fact_relations` row as the extractor writes it."""
    return {
        "relation_id": f"r{next(_ids)}", "document_id": "doc_a", "kind": kind,
        "target_fact_id": target["fact_id"] if target else None, "expected_value": expected,
        "operand_fact_ids": [o["fact_id"] for o in operands], "expression": expression,
        "formula_text": formula_text, "table_id": "t1", "row_label": row,
    }


def share_row(printed):
    """col. 4 = col. 1 x col. 3 (France) / col. 3 (région), with col. 3 of the total row as x1."""
    apprentices = cell(12406, "col. 1", indicator="apprentices", unit="persons")
    france = cell(1388.45, "col. 3", row="Total France entière", precision=0.005, area="FR")
    region = cell(1096.25, "col. 3", precision=0.005)
    col4 = cell(printed, "col. 4", precision=0.005)
    facts = [apprentices, france, region, col4]
    rel = relation("formula", [apprentices, france, region], "x0 * x1 / x2", target=col4,
                   formula_text="= col. 1 x col. 3 (moyenne France entière) / col. 3 (région)")
    return facts, rel


class TestFormulaRow:
    def test_product_and_share_off_by_2000_fires(self):
        facts, rel = share_row(13712.76)  # 12 406 x 1 388,45 / 1 096,25 = 15 712,76
        [out] = stated_formula_mismatch(facts, relations=[rel])
        apprentices, france, region, col4 = facts
        assert out.severity == "error" and out.check_name == "stated_formula_mismatch"
        # the cell and the figures of its own row are pointed at; the total row's figure is only involved
        assert set(out.fact_ids) == {col4["fact_id"], apprentices["fact_id"], region["fact_id"]}
        assert france["fact_id"] in out.evidence_ids
        for words in ("row 'Alsace'", "page 2", "column 'col. 4'", "13 712.76", "12 406 * 1 388.45 / 1 096.25",
                      "15 712.76", "moyenne France entière"):
            assert words in out.message, words
        assert out.message.count(".") and out.message.endswith(".")

    def test_right_to_the_cent_does_not_fire(self):
        facts, rel = share_row(15712.75)  # a cent off: well within what the figures' rounding allows
        assert stated_formula_mismatch(facts, relations=[rel]) == []

    def test_sum_off_by_a_cent_within_two_decimal_precision_does_not_fire(self):
        a, b = cell(3518204.17, "col. 6", precision=0.005), cell(1906377.52, "col. 7", precision=0.005)
        near = cell(5424581.70, "col. 8", precision=0.005)  # 0.01 off; three roundings allow 0.015
        far = cell(5424581.71, "col. 8", precision=0.005, row="Aquitaine")  # 0.02 off: beyond them
        rels = [relation("formula", [a, b], "x0 + x1", target=near, formula_text="Total = col. 6 + col. 7"),
                relation("formula", [a, b], "x0 + x1", target=far, formula_text="Total = col. 6 + col. 7")]
        [out] = stated_formula_mismatch([a, b, near, far], relations=rels)
        assert far["fact_id"] in out.fact_ids and near["fact_id"] not in out.fact_ids
        assert "5 424 581.69" in out.message and "Total = col. 6 + col. 7" in out.message

    def test_ratio(self):
        tax, apprentices = cell(13600078, "col. 2"), cell(12406, "col. 1", unit="persons")
        right, wrong = cell(1096.25, "col. 3", precision=0.005), cell(1097.25, "col. 3", precision=0.005)
        assert stated_formula_mismatch([tax, apprentices, right], relations=[
            relation("formula", [tax, apprentices], "x0 / x1", target=right)]) == []
        assert stated_formula_mismatch([tax, apprentices, wrong], relations=[
            relation("formula", [tax, apprentices], "x0/x1", target=wrong)])

    def test_what_cannot_be_checked_is_left_alone(self):
        facts, rel = share_row(13712.76)
        apprentices, france, region, col4 = facts
        unreadable = dict(rel, expression="x0 ** x1")
        missing_operand = dict(rel, operand_fact_ids=[apprentices["fact_id"], "gone", region["fact_id"]])
        too_few = dict(rel, expression="x0 * x3")
        approx = [dict(apprentices, qualifier="approx"), france, region, col4]
        zero = [apprentices, france, dict(region, value=0.0), col4]
        for facts_, rel_ in ((facts, unreadable), (facts, missing_operand), (facts, too_few),
                             (approx, rel), (zero, rel), (facts, dict(rel, target_fact_id=None))):
            assert stated_formula_mismatch(facts_, relations=[rel_]) == []


    def test_a_value_carried_over_from_another_row_does_not_fire(self):
        # a note assigns row A's result to row B: B prints A's ratio, which B's own figures do not give
        rels, facts = [], []
        for row, tax, apprentices, printed in (("A", 1630.74, 2, 815.37), ("B", 3000, 2, 815.37),
                                               ("C", 5000, 4, 1250.0)):
            cells = [cell(tax, "col. 2", row=row, precision=0.005), cell(apprentices, "col. 1", row=row),
                     cell(printed, "col. 3", row=row, precision=0.005)]
            facts += cells
            rels.append(relation("formula", cells[:2], "x0 / x1", target=cells[2], row=row,
                                 formula_text="= col.2/col.1"))
        assert stated_formula_mismatch(facts, relations=rels) == []
        # a value that no row where the formula holds prints is an error again
        facts[-1] = dict(facts[-1], value=815.36)
        [out] = stated_formula_mismatch(facts, relations=rels)
        assert facts[-1]["fact_id"] in out.fact_ids

    def test_a_column_total_that_follows_the_formula_is_the_same_error(self):
        facts, rel = share_row(13712.76)
        other = cell(17254.66, "col. 4", row="Aquitaine", precision=0.005)
        total = cell(15712.76 + 17254.66, "col. 4", row="Total France entière", precision=0.005, area="FR")
        column = relation("column_total", [facts[3], other], "sum", target=total, row="Total France entière")
        [out] = stated_formula_mismatch(facts + [other, total], relations=[rel, column])
        assert facts[3]["fact_id"] in out.fact_ids and total["fact_id"] in out.evidence_ids
        assert "the column's total 32 967.42 € adds up with the formula's value" in out.message
        # a total that the formula's value does not fix either is an error of its own
        wrong_total = dict(total, value=40000.0)
        out = stated_formula_mismatch(facts + [other, wrong_total], relations=[rel, column])
        assert len(out) == 2 and [total["fact_id"]] in [f.fact_ids for f in out]


class TestColumnTotals:
    def test_percentages_summing_to_99_99_do_not_fire(self):
        parts = [cell(33.33, "Part (%)", row=f"R{i}", unit="percent", precision=0.005) for i in range(3)]
        assert stated_formula_mismatch(parts, relations=[relation("percent_total", parts, "sum", expected=100)]) == []

    def test_percentages_far_from_100_fire_on_every_figure(self):
        parts = [cell(v, "Part (%)", row=f"R{i}", unit="percent", precision=0.05) for i, v in enumerate((30, 30, 39.7))]
        [out] = stated_formula_mismatch(parts, relations=[relation("percent_total", parts, "sum", expected=100)])
        assert sorted(out.fact_ids) == sorted(p["fact_id"] for p in parts)
        assert "99.7" in out.message and "100" in out.message and "column 'Part (%)'" in out.message

    def test_one_euro_over_26_rounded_parts_does_not_fire(self):
        parts = [cell(25_000_000 + i, "col. 2", row=f"Région {i}") for i in range(26)]
        stated = sum(p["value"] for p in parts) - 1  # 26 parts and the total, each ±0.5: up to 13.5
        total = cell(stated, "col. 2", row="Total France entière", area="FR")
        rel = relation("column_total", parts, "sum", target=total, row="Total France entière")
        assert stated_formula_mismatch(parts + [total], relations=[rel]) == []
        off = dict(total, value=stated - 14)
        [out] = stated_formula_mismatch(parts + [off], relations=[rel])
        assert out.fact_ids == [total["fact_id"]] and set(out.evidence_ids) > {p["fact_id"] for p in parts}
        assert "26 rows" in out.message and "'Total France entière'" in out.message

    def test_a_total_among_its_own_parts_is_not_checked(self):
        parts = [cell(100, "col. 2", row=r) for r in ("A", "B")]
        total = cell(200, "col. 2", row="Total")
        rel = relation("column_total", parts + [total], "sum", target=total, row="Total")
        assert stated_formula_mismatch(parts + [total], relations=[rel]) == []

    def test_a_total_that_includes_a_non_allocable_line(self):
        # 250,0 + 60,0 + 1,5 M€ (non ventilables) = 311,5 M€: each ±0.05 M€
        lines = [cell(v * 1e6, "Dépenses", row=r, precision=5e4) for r, v in
                 (("Formation continue", 250.0), ("Apprentissage", 60.0), ("Dépenses non ventilables", 1.5))]
        total = cell(311.5e6, "Dépenses", row="Total", precision=5e4)
        assert stated_formula_mismatch(lines + [total], relations=[
            relation("column_total", lines, "sum", target=total, row="Total")]) == []
        short = dict(total, value=310.0e6)  # the total without the non-allocable line: 1,5 M€ short
        [out] = stated_formula_mismatch(lines + [short], relations=[
            relation("column_total", lines, "sum", target=short, row="Total")])
        assert "311 500 000" in out.message and "310 000 000" in out.message


def test_relations_as_the_warehouse_gives_them_back():
    """Rows read from a real DuckDB table (lists, NULLs) go through run_all and flag the row's cell."""
    facts, rel = share_row(13712.76)
    con = duckdb.connect()
    con.execute("""CREATE TABLE fact_relations (relation_id VARCHAR, document_id VARCHAR, kind VARCHAR,
                   target_fact_id VARCHAR, expected_value DOUBLE, operand_fact_ids VARCHAR[], expression VARCHAR,
                   formula_text VARCHAR, table_id VARCHAR, row_label VARCHAR)""")
    con.execute("INSERT INTO fact_relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [rel[k] for k in ("relation_id", "document_id", "kind", "target_fact_id", "expected_value",
                                  "operand_fact_ids", "expression", "formula_text", "table_id", "row_label")])
    relations = read_rows(con, "SELECT * FROM fact_relations")
    out = [f for f in run_all(facts, [], [], relations) if f.check_name == "stated_formula_mismatch"]
    assert len(out) == 1 and facts[3]["fact_id"] in flagged_fact_ids(out)
    assert run_all(facts, [], []) == [f for f in run_all(facts, [], []) if f.check_name != "stated_formula_mismatch"]


@pytest.mark.parametrize("text", ["__import__('os')", "x0.real", "x0 +", "(x0", "x0 x1", "1e9"])
def test_expressions_are_parsed_never_evaluated_as_python(text):
    with pytest.raises(ExpressionError):
        evaluate(text, [(1.0, 1.0), (2.0, 2.0)])


def test_expression_intervals():
    assert evaluate("x0 - x1", [(9, 11), (1, 2)]) == (7, 10)
    assert evaluate("-x0 + 2 * (x1 + x0)", [(1, 1), (3, 3)]) == (7, 7)
    with pytest.raises(ZeroDivisionError):
        evaluate("x0 / x1", [(1, 1), (-0.5, 0.5)])
