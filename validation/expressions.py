"""The formulas tables state, evaluated over intervals: `x0 + x1`, `x0 * x1 / x2`, `sum`.

A relation's `expression` names its operands x0, x1, … in order; `sum` adds
them all. Each operand is an interval (a figure and its rounding), so the
result is every value the formula can give from the figures as written. A
small recursive-descent parser reads the text (+ - * /, parentheses, numbers
and x_i), never `eval`: the text comes from documents.

>>> lo, hi = evaluate("x0 * x1 / x2", [(14917.5, 14918.5), (1541.515, 1541.525), (1217.535, 1217.545)])
>>> round(lo, 2), round(hi, 2)
(18886.82, 18888.36)
"""
from __future__ import annotations

import re

Interval = tuple[float, float]

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<var>x\d+)|(?P<op>[-+*/()]))")


class ExpressionError(ValueError):
    """An expression the parser does not understand, or an operand it does not have."""


def _tokens(text: str) -> list[str]:
    out, pos, text = [], 0, text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ExpressionError(f"unexpected {text[pos:pos + 10]!r} in {text!r}")
        out.append(m.group(m.lastgroup))
        pos = m.end()
    return out


def _add(a: Interval, b: Interval) -> Interval:
    return a[0] + b[0], a[1] + b[1]


def _sub(a: Interval, b: Interval) -> Interval:
    return a[0] - b[1], a[1] - b[0]


def _mul(a: Interval, b: Interval) -> Interval:
    corners = [x * y for x in a for y in b]
    return min(corners), max(corners)


def _div(a: Interval, b: Interval) -> Interval:
    if b[0] <= 0 <= b[1]:
        raise ZeroDivisionError("the divisor may be zero")
    return _mul(a, (1 / b[1], 1 / b[0]))


class _Parser:
    """expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ; factor := '-' factor | atom."""

    def __init__(self, text: str, operands: list[Interval]):
        self.text, self.tokens, self.pos, self.operands = text.strip(), _tokens(text), 0, operands

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise ExpressionError(f"{self.text!r} ends too early")
        self.pos += 1
        return token

    def expr(self) -> Interval:
        value = self.term()
        while self.peek() in ("+", "-"):
            value = (_add if self.take() == "+" else _sub)(value, self.term())
        return value

    def term(self) -> Interval:
        value = self.factor()
        while self.peek() in ("*", "/"):
            value = (_mul if self.take() == "*" else _div)(value, self.factor())
        return value

    def factor(self) -> Interval:
        token = self.take()
        if token == "-":
            lo, hi = self.factor()
            return -hi, -lo
        if token == "(":
            value = self.expr()
            if self.take() != ")":
                raise ExpressionError(f"unbalanced parentheses in {self.text!r}")
            return value
        if token.startswith("x"):
            i = int(token[1:])
            if i >= len(self.operands):
                raise ExpressionError(f"{token} in {self.text!r} but only {len(self.operands)} operands")
            return self.operands[i]
        if token[0].isdigit():
            return float(token), float(token)
        raise ExpressionError(f"unexpected {token!r} in {self.text!r}")

    def parse(self) -> Interval:
        value = self.expr()
        if self.peek() is not None:
            raise ExpressionError(f"unexpected {self.peek()!r} in {self.text!r}")
        return value


def evaluate(expression: str, operands: list[Interval]) -> Interval:
    """The interval of values `expression` gives over the operand intervals.

    Raises ExpressionError for text it cannot read and ZeroDivisionError when
    a divisor's interval holds zero (the formula then bounds nothing).

    >>> evaluate("sum", [(1, 2), (10, 10)])
    (11, 12)
    >>> evaluate("(x0 - x1) / 2", [(10, 10), (4, 4)])
    (3.0, 3.0)
    >>> evaluate("x0 + ", [(1, 1)])
    Traceback (most recent call last):
    validation.expressions.ExpressionError: 'x0 +' ends too early
    """
    if expression.strip().lower() == "sum":
        lo, hi = 0, 0
        for a, b in operands:
            lo, hi = lo + a, hi + b
        return lo, hi
    return _Parser(expression, operands).parse()
