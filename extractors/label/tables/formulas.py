"""Formulas a column header states ("Total = col. 6 + col. 7", "= col. 1 x col. 3 (total) / col. 3").

`parse_formula` reads the columns a header's formula names, by their printed numbers, with the
operators between them and whether a term is read in the total row. The table reader attaches it
to the column (`Column.formula`); `relations.formula_relations` applies it to each data row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.lexicon import fold, lexicon


_COLUMN_REF = re.compile(
    r"col(?:onne|umn|\.)?\s*(\d{1,2})(?:\s*\((?P<ref>[^)]{1,40})\))?", re.IGNORECASE)
_OPERATOR = re.compile(r"\s*([+\-x×*/÷:])\s*")


@dataclass(frozen=True)
class Formula:
    """A column defined from others: "= col. 1 x col. 3 (total France entière) / col. 3 (région)"."""

    text: str
    columns: tuple[int, ...]  # column numbers as printed
    operators: tuple[str, ...]  # between them: + - * /
    from_total: tuple[bool, ...]  # the term is read in the total row ("(total …)")

    @property
    def is_sum(self) -> bool:
        return all(op in "+-" for op in self.operators)

    def expression(self) -> str:
        """The formula over its operands x0, x1, …

        >>> parse_formula("Total = col. 6 + col. 7").expression()
        'x0 + x1'
        """
        out = "x0"
        for i, op in enumerate(self.operators, start=1):
            out += f" {op} x{i}"
        return out


def parse_formula(header: str) -> Formula | None:
    """The formula a header states after "=", or None.

    >>> f = parse_formula("CRITÈRE 1 = col. 1 x col. 3 (total France entière) /col. 3 (région)")
    >>> f.columns, f.operators, f.from_total
    ((1, 3, 3), ('*', '/'), (False, True, False))
    >>> parse_formula("Effectif = col.1").columns
    (1,)
    >>> parse_formula("Montant à répartir = 76 000 000 euros") is None
    True
    """
    eq = header.find("=")
    while eq >= 0:
        rest = header[eq + 1:]
        pos, cols, ops, totals = 0, [], [], []
        while True:
            m = _COLUMN_REF.match(rest, pos) if not cols else None
            if cols:
                op = _OPERATOR.match(rest, pos)
                if not op:
                    break
                m = _COLUMN_REF.match(rest, op.end())
                if not m:
                    break
                ops.append({"x": "*", "×": "*", "÷": "/", ":": "/"}.get(op.group(1), op.group(1)))
            else:
                stripped = len(rest) - len(rest.lstrip())
                m = _COLUMN_REF.match(rest, stripped)
                if not m:
                    break
            cols.append(int(m.group(1)))
            totals.append(bool(m.group("ref")) and lexicon().matches("total_labels", fold(m.group("ref"))))
            pos = m.end()
        if cols:
            return Formula(header[eq:eq + 1 + pos].strip(), tuple(cols), tuple(ops), tuple(totals))
        eq = header.find("=", eq + 1)
    return None
