"""Figures in tables, read cell by cell with their row and column headers.

The data path, in Fonduer's shape:

1. **Table reading** (`read_table`): which rows are headers, which row only
   numbers the columns ("(col. 1)", "(1)", "A"), which header states a formula
   ("Total = col. 6 + col. 7"), which leading cells label the rows (the stub),
   and what each column's header path, the caption and the section say.
2. **Candidates** (`candidates`): one per figure of a data cell, with the
   contexts around it: its row label, its column header path, the caption,
   the table's corner cell and the section heading.
3. **Throttles** (`THROTTLES`): small named predicates that keep a figure out
   of the facts and say why ("column number", "ratio per unit", …). The
   figure is still recorded, with that reason.
4. **Labellers** (`INDICATOR_LABELLERS`, …): for each attribute an ordered
   list of small functions; the first that answers gives the value and the
   reason stored with the fact.

All phrases come from `extractors.lexicon`; nothing here names a document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable

from extractors.annotate.dimensions import bare_age, join_dimensions, level, names_fields_of_training, sex
from extractors.annotate.programmes import DocumentProgrammes
from extractors.annotate.areas import (abbreviated_areas, find_areas, is_header_only, is_region_word, parent_area,
                                       sibling_area)
from extractors.annotate.figures import Figure, comma_thousands_reading, find_figures, parse_number
from extractors.annotate.indicators import UNIT_OF, age_group, age_group_spans, budget_line, main_indicator, sector
from extractors.read.layout import Cell, Table, clean_markup
from extractors.lexicon import fold, fold_in_place, lexicon
from extractors.model import Fact, FigureRecord, Mention, Relation, stable_id
from extractors.annotate.periods import Period, find_periods
from extractors.segment import Segment

SURE = 0.9  # indicator, area and period each read from the table's own headers
WEAK = 0.6  # something came from further away (a section heading, the document's region)


# ---------------------------------------------------------------------------- header contexts
@dataclass
class LabelContext:
    """What a row label, a column header path, a caption or a heading says."""

    text: str
    indicator: str | None = None
    area: str | None = None
    period: Period | None = None
    line: str | None = None  # budget line segment
    group: str | None = None  # age or sector segment
    sex: str | None = None
    level: str | None = None  # a level of training or diploma ("CAP", "bac pro")
    scale: float | None = None
    scale_unit: str | None = None
    is_change: bool = False
    is_total: bool = False
    is_ratio: bool = False  # "… par apprenti": an amount per head, not an amount
    is_allocation: bool = False  # "répartition", "est réparti", "verdeling": shares of money


def scale_of_label(text: str) -> tuple[float | None, str | None]:
    """The scale and unit a header declares for the figures under it (lexicon `scales`).

    >>> scale_of_label("Montant (millions d'euros)")
    (1000000.0, 'EUR')
    >>> scale_of_label("(en euros)")
    (1.0, 'EUR')
    >>> scale_of_label("POURCENTAGE")
    (1.0, 'percent')
    """
    folded = fold(text)
    for entry in lexicon().declared_scales:
        if entry.pattern.search(folded):
            return entry.factor, entry.unit
    return None, None


@lru_cache(maxsize=4096)
def label_context(text: str, language: str) -> LabelContext:
    """Read a header, a row label or a caption.

    >>> c = label_context("Effectif d'apprentis au 31 décembre 2007", "fr"); (c.indicator, c.period.label())
    ('apprentices', '2007-12-31')
    >>> label_context("Total France entière", "fr").is_total
    True
    """
    text = clean_markup(text)
    ctx = LabelContext(text)
    text = lexicon().without_source_note(text)  # "… Source : ministère de l'éducation nationale" names no area
    ctx.indicator = main_indicator(text)
    areas = find_areas(text)
    if areas:
        ctx.area = areas[0].code
    periods = find_periods(text, language)
    if periods:
        ctx.period = periods[0]
    ctx.line = budget_line(text)
    ctx.group = age_group(text) or bare_age(text) or sector(text)
    ctx.sex = sex(text)
    ctx.level = level(text)
    ctx.scale, ctx.scale_unit = scale_of_label(text)
    folded = fold(text)
    lex = lexicon()
    ctx.is_change = lex.matches("change_headers", folded)
    ctx.is_total = lex.matches("total_labels", folded)
    ctx.is_ratio = lex.matches("per_unit_headers", folded)
    ctx.is_allocation = lex.matches("allocation_cues", folded)
    return ctx


# ---------------------------------------------------------------------------- formulas
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


# ---------------------------------------------------------------------------- table reading
_NUMBERING_CELL = re.compile(r"^\(?\s*(?:col(?:onne|umn|\.)?|kol(?:om)?\.?|sp(?:alte|\.)?)?\s*(\d{1,2}|[A-Z])\s*\)?$",
                             re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r"\(?\s*col(?:onne|umn|\.)?\s*(\d{1,2})\s*\)\s*$", re.IGNORECASE)
_FOOTNOTE_ROW = re.compile(r"^\(?\s*(?:\d{1,2}|\*+|[a-z])\s*\)")


def is_missing_marker(text: str) -> bool:
    """A cell that says "no figure here" (lexicon `missing_values`).

    >>> is_missing_marker("n.d."), is_missing_marker("Non communiqué"), is_missing_marker("12")
    (True, True, False)
    """
    return lexicon().is_missing(clean_markup(text))


@lru_cache(maxsize=16384)
def cell_figures(text: str, language: str) -> tuple[tuple[Figure, ...], tuple[Period, ...]]:
    """The figures of a cell that are not part of a period, and its periods.

    >>> figs, periods = cell_figures("5 998 916 en 2022", "fr"); [f.value for f in figs], [p.label() for p in periods]
    ([5998916.0], ['2022'])
    """
    periods = tuple(find_periods(text, language))
    ages = age_group_spans(text) or ([(0, len(text))] if bare_age(clean_markup(text)) else [])
    figures = tuple(
        f for f in find_figures(text, language)
        if not any(p.char_start <= f.start < p.char_end for p in periods)
        and not any(a <= f.start < b for a, b in ages)  # "unter 25 Jahren", "15-24": the bounds of an age class
        and not re.match(r"<[^>]*$", text[: f.start].rsplit(">", 1)[-1])
        and not f.in_words  # tables write their figures in digits: "in Tausend Euro" is a scale
    )
    return figures, periods


def is_value_cell(cell: Cell, language: str) -> bool:
    """A cell that holds a figure first (what follows it may date or qualify it), or a missing-value marker.

    >>> is_value_cell(Cell("14 759", 0, 6), "fr"), is_value_cell(Cell("Alsace", 0, 6), "fr")
    (True, False)
    >>> is_value_cell(Cell("Montant à répartir = 76 000 000 euros", 0, 30), "fr")
    False
    """
    text = cell.clean
    if not text:
        return False
    if is_missing_marker(text):
        return True
    figures, periods = cell_figures(cell.text, language)
    if not figures:
        return False
    lead = clean_markup(cell.text[: figures[0].start])
    if len(re.sub(r"[^\w]", "", fold(lead))) > 12:  # "près de", "≈", "plus de" may stand first
        return False
    # What follows the figure may date or source it ("5 998 916 en 2022", "3 516 Selon le C2RP");
    # a long label after a number ("16 Services à la collectivité (sécurité, …") makes it a row label.
    rest = cell.text[figures[0].end:]
    for p in periods:
        rest = rest.replace(p.surface, " ")
    return len(re.findall(r"[^\W\d_]", clean_markup(rest))) <= 30


def is_numbering_row(row: list[Cell]) -> bool:
    """A row that only numbers the columns: "(col. 1) (col. 2) …", "(1) (2) …", "A B C".

    >>> is_numbering_row([Cell("", 0, 0), Cell("(col. 1)", 0, 8), Cell("(col. 2)", 9, 17)])
    True
    >>> is_numbering_row([Cell("Alsace", 0, 6), Cell("1", 7, 8), Cell("2", 9, 10)])
    False
    """
    texts = [c.clean for c in row if c.clean]
    if len(texts) < 2 or not all(_NUMBERING_CELL.match(t) for t in texts):
        return False
    keys = [_NUMBERING_CELL.match(t).group(1) for t in texts]
    if all(k.isdigit() for k in keys):
        numbers = [int(k) for k in keys]
        return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    return all(k.isalpha() and k.isupper() for k in keys)


@dataclass
class Column:
    index: int
    header: str  # the header path, top to bottom, joined
    context: LabelContext
    number: int | None = None  # as printed in a numbering row
    formula: Formula | None = None


@dataclass
class TableReading:
    """A table as a reader understands it before looking at any figure."""

    table: Table
    table_id: str
    header_rows: list[int]
    numbering_row: int | None
    data_rows: list[int]
    stub_width: int
    columns: list[Column]
    caption: list[LabelContext]  # nearest first
    corner: LabelContext
    section: LabelContext | None
    language: str
    region: str | None
    header_figures: list[tuple[Cell, Column]] = field(default_factory=list)
    rows_are_areas: bool = False
    rows_are_local_units: bool = False  # the stub header names places without an ISO code ("Gemeenten")
    sibling_areas: dict[int, str] = field(default_factory=dict)  # rows named by an ambiguous name
    total_row: int | None = None
    rows_parent_area: str | None = None
    caption_area: tuple[str, str] | None = None  # (code, caption line)
    columns_name_indicators: bool = False  # the columns, more than the rows, say what is counted
    period_above: Period | None = None  # the reference period the prose above the table states
    title_period: Period | None = None  # the reference period the document's title states
    money_above: bool = False  # the article above the table speaks of euros
    programmes: DocumentProgrammes | None = None  # the document's acronyms and spelled-out names
    rows_are_domains: bool = False  # the stub header says the rows are fields of training
    row_years: dict[int, Period] = field(default_factory=dict)  # a caption's list of years, one per row
    caption_lists_periods: bool = False  # the caption names several periods: none of them dates every cell
    programme: tuple[str, str] | None = None  # (name, where) the fund the table's money belongs to
    column_programmes: dict[int, str | None] = field(default_factory=dict)
    heading_period: Period | None = None  # the span a heading above the section states ("Kapitel 2 … 2013–2014")

    def column_by_number(self, number: int) -> Column | None:
        numbered = [c for c in self.columns if c.number is not None]
        if numbered:
            return next((c for c in numbered if c.number == number), None)
        values = [c for c in self.columns if c.index >= self.stub_width]
        return values[number - 1] if 0 < number <= len(values) else None

    def caption_value(self, attr: str):
        return next(((getattr(c, attr), c) for c in self.caption if getattr(c, attr)), (None, None))


def _data_row(row: list[Cell], language: str) -> bool:
    cells = [c for c in row[1:] if c.clean]
    values = [c for c in cells if is_value_cell(c, language)]
    return bool(values) and len(values) * 2 >= len(cells)


def read_table(table: Table, language: str, region: str | None, caption: list[str],
               section: str | None) -> TableReading:
    rows = table.rows
    width = max(len(r) for r in rows)
    kinds: list[str] = []
    for row in rows:
        if is_numbering_row(row):
            kinds.append("numbering")
        elif _data_row(row, language):
            kinds.append("data")
        elif len([c for c in row if c.clean]) == 1 and _FOOTNOTE_ROW.match(next(c.clean for c in row if c.clean)):
            kinds.append("note")
        else:
            kinds.append("label")
    first_data = next((i for i, k in enumerate(kinds) if k == "data"), len(rows))
    for i in range(1, first_data):
        if kinds[i] == "label" and rows[i][0].clean and not any(c.clean for c in rows[i][1:]) \
                and any(kinds[k] == "label" for k in range(i)):
            first_data = i  # a label alone on its row opens a block of data rows ("Enseignement, …")
            break
    header_rows = [i for i in range(first_data) if kinds[i] == "label"]
    numbering_row = next((i for i, k in enumerate(kinds) if k == "numbering"), None)
    data_rows = [i for i in range(first_data, len(rows)) if kinds[i] in ("data", "label")]
    # The stub: leading columns that label rows (no value cell in any data row).
    stub_width = 0
    for j in range(width):
        cells = [rows[i][j] for i in data_rows if kinds[i] == "data" and j < len(rows[i]) and rows[i][j].clean]
        values = sum(is_value_cell(c, language) for c in cells)
        if cells and values * 3 > len(cells):  # a label column may hold a few numbers ("25-49 ans")
            break
        stub_width += 1
    if stub_width == width:
        stub_width = 1 if width > 1 else 0  # no value column at all: the first column labels
    paths = header_levels(rows, header_rows, width)
    headers = [" / ".join(p) for p in paths]
    columns = []
    for j in range(width):
        col = Column(j, headers[j], column_context(tuple(paths[j]), language))
        col.formula = parse_formula(headers[j])
        if numbering_row is not None and j < len(rows[numbering_row]):
            m = _NUMBERING_CELL.match(rows[numbering_row][j].clean or "")
            if m and m.group(1).isdigit():
                col.number = int(m.group(1))
        else:
            m = _TRAILING_NUMBER.search(headers[j])  # "… = col. 2/col. 1 (col. 3)": the number closes the header
            if m:
                col.number = int(m.group(1))
        columns.append(col)
    reading = TableReading(
        table, stable_id(table.start, table.end), header_rows, numbering_row, data_rows, stub_width, columns,
        [label_context(c, language) for c in reversed(caption)], label_context(headers[0] if headers else "", language),
        label_context(section, language) if section else None, language, region,
    )
    stubs = {i: label_context(" ".join(c.clean for c in rows[i][:stub_width]), language) for i in data_rows}
    known = [ctx.area for ctx in stubs.values() if ctx.area]
    reading.rows_are_local_units = lexicon().matches(
        "local_unit_headers", fold(" ".join(columns[j].header for j in range(stub_width))))
    abbreviated = abbreviated_areas([ctx.text for ctx in stubs.values()])
    for n, (i, ctx) in enumerate(stubs.items()):
        if ctx.area is None and not reading.rows_are_local_units and (sibling := sibling_area(ctx.text, known)):
            reading.sibling_areas[i] = sibling  # "Nord" among départements
        elif ctx.area is None and n in abbreviated:
            reading.sibling_areas[i] = abbreviated[n]  # "BW", "BY", "NRW"
    reading.rows_are_areas = reading.rows_are_local_units or \
        (len(known) + len(reading.sibling_areas)) * 2 > len(stubs) >= 2
    reading.rows_are_domains = names_fields_of_training(reading.corner.text)
    reading.total_row = next((i for i, ctx in stubs.items() if ctx.is_total), None)
    reading.caption_area = caption_area(reading.caption)
    # The area that holds the rows' areas: what a total row (or a header amount) covers.
    reading.rows_parent_area = parent_area([ctx.area or reading.sibling_areas.get(i) for i, ctx in stubs.items()
                                            if (ctx.area or i in reading.sibling_areas) and not ctx.is_total])
    value_columns = columns[stub_width:]
    row_share = sum(ctx.indicator is not None for ctx in stubs.values()) / max(1, len(stubs))
    column_share = sum(c.context.indicator is not None for c in value_columns) / max(1, len(value_columns))
    reading.columns_name_indicators = column_share > row_share
    for i in header_rows:
        for j, cell in enumerate(rows[i]):
            if j < width and cell.clean and cell_figures(cell.text, language)[0]:
                reading.header_figures.append((cell, columns[j]))
    return reading


def header_levels(rows: list[list[Cell]], header_rows: list[int], width: int) -> list[list[str]]:
    """One header path per column, top level first; a spanning header (an empty cell to its right, as
    colspans render) covers the columns under it, except in the last header row, where cells are the
    columns' own.

    >>> from extractors.read.layout import Cell as C
    >>> g = [[C("Région", 0, 0), C("2022", 0, 0), C("", 0, 0)], [C("", 0, 0), C("Nombre", 0, 0), C("Montant", 0, 0)]]
    >>> header_levels(g, [0, 1], 3)
    [['Région'], ['2022', 'Nombre'], ['2022', 'Montant']]
    """
    paths: list[list[str]] = [[] for _ in range(width)]
    for n, i in enumerate(header_rows):
        last = ""
        for j in range(width):
            text = rows[i][j].clean if j < len(rows[i]) else ""
            if text:
                last = text
            elif j > 0 and n < len(header_rows) - 1:
                text = last
            if text and text not in paths[j]:
                paths[j].append(text)
    return paths


@lru_cache(maxsize=4096)
def column_context(levels: tuple[str, ...], language: str) -> LabelContext:
    """A column's header path read as one label, except for what the figures under it measure and in what
    unit: the deepest level that says it does ("Dotation 2022 / Apprentis / Nombre" counts apprentices,
    "Effectifs / Montant (en euros)" is money).

    >>> column_context(("Dotations 2022", "Apprentis"), "fr").indicator
    'apprentices'
    """
    ctx = label_context(" / ".join(levels), language)
    deeper = [label_context(level, language) for level in reversed(levels)]
    indicator = next((c.indicator for c in deeper if c.indicator), ctx.indicator)
    scale = next((c for c in deeper if c.scale), ctx)
    if indicator == ctx.indicator and scale is ctx:
        return ctx
    return replace(ctx, indicator=indicator, scale=scale.scale, scale_unit=scale.scale_unit)


# ---------------------------------------------------------------------------- candidates
@dataclass
class Candidate:
    figure: Figure  # offsets in the document text
    cell_period: Period | None
    cell: Cell
    row_index: int
    column: Column
    row: LabelContext
    group: LabelContext | None  # a label row above, naming a block of rows
    reading: TableReading
    in_header: bool = False
    above: LabelContext | None = None  # the nearest data row above that named an indicator


def candidates(reading: TableReading) -> list[Candidate]:
    out: list[Candidate] = []
    rows = reading.table.rows
    group: LabelContext | None = None
    above: LabelContext | None = None
    spanning = ""
    for i in reading.data_rows:
        row = rows[i]
        stub = [c.clean for c in row[: reading.stub_width] if c.clean]
        if not any(is_value_cell(c, reading.language) for c in row[reading.stub_width:]):
            text = " ".join(c.clean for c in row if c.clean)
            if text:
                group = label_context(text, reading.language)
            continue
        if reading.stub_width > 1 and row[0].clean:
            spanning = row[0].clean
        elif reading.stub_width > 1 and not row[0].clean and spanning:
            stub = [spanning] + stub
        row_ctx = label_context(" ".join(stub), reading.language)
        if reading.rows_are_local_units and not row_ctx.is_total:
            row_ctx = replace(row_ctx, area=None)  # a municipality named after its province is not the province
        for j, cell in enumerate(row):
            if j < reading.stub_width or j >= len(reading.columns):
                continue
            for fig, period in _cell_figures(cell, reading.language):
                out.append(Candidate(fig, period, cell, i, reading.columns[j], row_ctx, group, reading, above=above))
        if row_ctx.indicator:
            above = row_ctx
    for cell, column in reading.header_figures:
        for fig, period in _cell_figures(cell, reading.language):
            out.append(Candidate(fig, period, cell, -1, column, label_context("", reading.language), None, reading,
                                 in_header=True))
    return out


def _cell_figures(cell: Cell, language: str) -> list[tuple[Figure, Period | None]]:
    """Figures of a cell (offsets in the document), each with the period written after it, else before it."""
    text = cell.text
    if is_missing_marker(text):
        return []
    figures, periods = cell_figures(text, language)
    out = []
    for i, f in enumerate(figures):
        nxt = figures[i + 1].start if i + 1 < len(figures) else len(text)
        prev = figures[i - 1].end if i > 0 else 0
        after = [p for p in periods if f.end <= p.char_start < nxt]
        before = [p for p in periods if prev <= p.char_start and p.char_end <= f.start]
        period = after[0] if after else (before[-1] if before else None)
        shifted = Figure(f.value, f.start + cell.start, f.end + cell.start, f.unit, f.qualifier, f.precision,
                         f.decimals, f.scale, f.surface, f.in_words)
        out.append((shifted, period))
    return out


# ---------------------------------------------------------------------------- throttles
Throttle = Callable[[Candidate], "str | None"]


def in_change_column(c: Candidate) -> str | None:
    return "stated change (compared, not a figure of its own)" if c.column.context.is_change else None


def in_ratio_column(c: Candidate) -> str | None:
    if c.column.context.is_ratio and not c.in_header:
        return f"amount per unit (column '{_short(c.column.header)}')"
    return None


def in_derived_column(c: Candidate) -> str | None:
    """A column computed as a product or ratio of others holds an index, not an amount of its caption's unit."""
    f = c.column.formula
    if f and not f.is_sum and not c.in_header:
        return f"derived column ({f.text})"
    return None


def header_figure_without_cue(c: Candidate) -> str | None:
    """A figure inside a header counts only when the header says what it is: an amount or a percentage."""
    if not c.in_header:
        return None
    if c.figure.unit in ("EUR", "percent"):
        return None
    return "number inside a header"


def header_figure_repeated_below(c: Candidate) -> str | None:
    """"Montant à répartir = 190 000 000 euros" over a column whose total row prints 190 000 000: one figure."""
    if not c.in_header:
        return None
    for i in c.reading.data_rows:
        for cell in c.reading.table.rows[i][c.reading.stub_width:]:
            figures, _ = cell_figures(cell.text, c.reading.language)
            if any(abs(f.value - c.figure.value) < 1e-9 for f in figures):
                return "repeats a figure of the table's rows"
    return None


THROTTLES: list[Throttle] = [in_change_column, in_ratio_column, in_derived_column, header_figure_without_cue,
                             header_figure_repeated_below]


# ---------------------------------------------------------------------------- labellers
Answer = "tuple[object, str] | None"


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def read_from(where: str, context: Callable[[Candidate], "LabelContext | None"], attr: str,
              text: Callable[[Candidate], str] | None = None):
    """A labeller that reads one attribute from one context of the candidate: "the row label names an
    indicator", "the column header names a period". Its name says which, for reasons and confidence."""
    def labeller(c: Candidate):
        ctx = context(c)
        value = getattr(ctx, attr) if ctx is not None else None
        if value:
            return value, f"{where} '{_short(text(c) if text else ctx.text)}'"
        return None

    labeller.__name__ = f"{attr}_from_{where.replace(' ', '_')}"
    return labeller


def _row(c: Candidate) -> LabelContext:
    return c.row


def _group(c: Candidate) -> "LabelContext | None":
    return c.group


def _column(c: Candidate) -> LabelContext:
    return c.column.context


def _column_header(c: Candidate) -> str:
    return c.column.header


indicator_from_group = read_from("row group", _group, "indicator")
indicator_from_column = read_from("column header", _column, "indicator", _column_header)
area_from_column = read_from("column header", _column, "area", _column_header)
area_from_row = read_from("row label", _row, "area")
area_from_group = read_from("row group", _group, "area")
period_from_row = read_from("row label", _row, "period")
period_from_column = read_from("column header", _column, "period", _column_header)
period_from_group = read_from("row group", _group, "period")


def _caption_naming(attr: str) -> Callable[[Candidate], "LabelContext | None"]:
    """The caption line nearest the table that names `attr`."""
    return lambda c: next((ctx for ctx in c.reading.caption if getattr(ctx, attr)), None)


def _section(c: Candidate) -> "LabelContext | None":
    return c.reading.section


indicator_from_caption = read_from("caption", _caption_naming("indicator"), "indicator")
indicator_from_section = read_from("section heading", _section, "indicator")
period_from_caption = read_from("caption", _caption_naming("period"), "period")
period_from_section = read_from("section heading", _section, "period")


def indicator_from_column_first(c: Candidate):
    """In a table whose columns say what is counted ("% en emploi"), a row label's cue is about the row's
    subject ("Finances, comptabilité" is a field of study, not money)."""
    if c.reading.columns_name_indicators:
        return indicator_from_column(c)
    return None


def indicator_from_row(c: Candidate):
    if c.row.indicator and not c.reading.columns_name_indicators:
        return c.row.indicator, f"row label '{_short(c.row.text)}'"
    return None


def indicator_of_sub_row(c: Candidate):
    """'Dont 16-25 ans', 'Moins de 25 ans': a row that only names a sub-population counts what the row
    above it counts."""
    if c.above and (c.row.group or c.row.line) and not c.row.indicator:
        return c.above.indicator, f"sub-population of the row above '{_short(c.above.text)}'"
    return None


def indicator_of_the_header_row(c: Candidate):
    """One indicator named across the column headers ("NB D'EMPLOI | AU NIVEAU NATIONAL") holds for them all."""
    named = {col.context.indicator for col in c.reading.columns if col.context.indicator}
    if len(named) == 1:
        return named.pop(), "the only indicator the column headers name"
    return None


def money_of_an_allocation(c: Candidate):
    """Amounts or shares in a table that allocates money (caption or header says "répartition"): funding."""
    unit = _declared(c)[1] or c.figure.unit
    if unit not in ("EUR", "percent"):
        return None
    headers = [col.context for col in c.reading.columns]
    for ctx in [c.column.context, c.reading.corner, *c.reading.caption, *headers] + (
            [c.reading.section] if c.reading.section else []):
        if ctx.is_allocation:
            return "funding", f"allocation of money ('{_short(ctx.text)}'), {unit}"
    return None


def money_shared_among_areas(c: Candidate):
    """Amounts set per Land, province or municipality, in a table that names no other measure: money
    shared among them. A key of percentages beside such amounts shares the same money."""
    if not c.reading.rows_are_areas:
        return None
    unit = c.figure.unit or _declared(c)[1]
    if unit == "EUR" or (unit == "percent" and table_states_money(c.reading)):
        return "funding", f"{unit} per area of the rows"
    return None


def table_states_money(reading: TableReading) -> bool:
    """Whether a column declares euros or a data cell writes them."""
    if any(col.context.scale_unit == "EUR" for col in reading.columns):
        return True
    return any(f.unit == "EUR" for i in reading.data_rows for cell in reading.table.rows[i]
               for f in cell_figures(cell.text, reading.language)[0])


INDICATOR_LABELLERS = [indicator_from_column_first, indicator_from_row, indicator_of_sub_row, indicator_from_group, indicator_from_column,
                       indicator_of_the_header_row, indicator_from_caption, money_of_an_allocation, money_shared_among_areas,
                       indicator_from_section]


def area_among_siblings(c: Candidate):
    code = c.reading.sibling_areas.get(c.row_index)
    if code:
        return code, f"row label '{_short(c.row.text)}' among rows of its kind"
    return None


def area_of_total_row(c: Candidate):
    """'Total' under rows of areas: the area that holds them all."""
    if (c.row.is_total or c.in_header) and c.reading.rows_parent_area:
        where = "header" if c.in_header else _short(c.row.text)
        return c.reading.rows_parent_area, f"total of the rows' areas ({where})"
    return None


def area_from_corner(c: Candidate):
    corner = c.reading.corner
    if corner.area:
        return corner.area, f"table corner '{_short(corner.text)}'"
    if is_region_word(corner.text) and c.reading.region:
        return c.reading.region, f"table corner '{_short(corner.text)}' → the document's region"
    return None


def area_from_caption(c: Candidate):
    if c.reading.caption_area:
        code, text = c.reading.caption_area
        return code, f"caption '{_short(text)}'"
    return None


def caption_area(caption: list[LabelContext]) -> tuple[str, str] | None:
    """The area the nearest caption line that names areas names, when it names only one ("Lille National …"
    speaks of two column groups' areas, and "National" is an area only as a header cell of its own)."""
    for ctx in caption:
        codes = {a.code for a in find_areas(ctx.text) if not is_header_only(a.name)}
        if codes:
            return (codes.pop(), ctx.text) if len(codes) == 1 else None
    return None


def area_of_region_word(c: Candidate):
    for ctx in (c.column.context, c.row):
        if is_region_word(ctx.text) and c.reading.region:
            return c.reading.region, f"'{_short(ctx.text)}' → the document's region"
    return None


def area_of_document(c: Candidate):
    if c.reading.rows_are_areas:
        return None  # an unknown name among rows of areas is no reason to take the document's region
    if c.reading.region:
        return c.reading.region, "the document's region"
    return None


AREA_LABELLERS = [area_from_column, area_from_row, area_among_siblings, area_of_total_row, area_from_group, area_from_corner,
                  area_from_caption, area_of_region_word, area_of_document]


def period_in_cell(c: Candidate):
    if c.cell_period:
        return c.cell_period, "written in the cell"
    return None


def period_of_the_row_in_caption(c: Candidate):
    """A caption listing one year per data row ("… in 2010, 2015 and 2020" over three rows) dates each row."""
    period = c.reading.row_years.get(c.row_index)
    if period:
        return period, f"the caption's list of years, row {list(c.reading.row_years).index(c.row_index) + 1}"
    return None


def lists_periods(text: str, language: str) -> bool:
    """A label naming several years ("… in 2010, 2015 and 2020"): candidates, none of them the period."""
    periods = sorted({p.label(): p for p in find_periods(text, language)}.values(), key=lambda p: p.char_start)
    if len(periods) < 2 or any(p.precision != "year" for p in periods):
        return False
    folded = fold_in_place(text)
    return all(lexicon().matches("period_list_separators", folded[a.char_end:b.char_start].strip())
               for a, b in zip(periods, periods[1:]))


def period_from_caption_unless_listed(c: Candidate):
    """The caption's period, when it names one only."""
    if c.reading.caption_lists_periods:
        return None
    return period_from_caption(c)


def period_from_section_unless_listed(c: Candidate):
    if c.reading.section is None or lists_periods(c.reading.section.text, c.reading.language):
        return None
    return period_from_section(c)


def period_from_text_above(c: Candidate):
    """"Pour 2024, cette part est fixée à … La répartition … est ainsi fixée :" dates the table below
    (unless it is the caption listing several years: candidates, not the period)."""
    if c.reading.period_above and not c.reading.caption_lists_periods:
        return c.reading.period_above, f"the text above the table ('{c.reading.period_above.surface}')"
    return None


def period_from_title(c: Candidate):
    """"Arrêté … portant répartition … au titre de l'année 2010": the year the document is about."""
    if c.reading.title_period:
        return c.reading.title_period, f"the document's title ('{c.reading.title_period.surface}')"
    return None


def period_of_enclosing_heading(c: Candidate):
    """"Kapitel 2 – Programm 2013–2014" over "§ 6 Höhe und Aufteilung": the span the chapter covers."""
    if c.reading.heading_period:
        return c.reading.heading_period, f"a heading above the section ('{c.reading.heading_period.surface}')"
    return None


def enclosing_heading_period(headings: list[str], language: str) -> Period | None:
    """The year or span the nearest heading that states one states (a date in a heading is its own)."""
    for heading in reversed(headings):
        spans = [p for p in find_periods(heading, language) if p.precision in ("year", "range", "school_year")]
        if spans:
            return spans[-1]
    return None


PERIOD_LABELLERS = [period_in_cell, period_from_row, period_from_column, period_from_group,
                    period_of_the_row_in_caption, period_from_caption_unless_listed, period_from_section_unless_listed,
                    period_from_text_above, period_of_enclosing_heading, period_from_title]


def reference_period(text: str, language: str, last: bool = False) -> Period | None:
    """The period a text states as its reference, introduced by a cue ("pour 2015", "au titre de l'année 2010",
    "im Jahr 2024"); the last one when `last` (nearest the table below), else the first.

    >>> reference_period("Arrêté du 22 décembre 2010 … au titre de l'année 2010", "fr").label()
    '2010'
    >>> reference_period("Le taux est de 9 %.", "fr") is None
    True
    """
    cue = lexicon().reference_period_cue
    folded = fold_in_place(text)
    found = [p for p in find_periods(text, language) if cue.search(folded[max(0, p.char_start - 30): p.char_start])]
    if not found:
        return None
    return found[-1] if last else found[0]


def opening_period(opening: str, language: str) -> Period | None:
    """The date a short sheet states once at its top for all its figures ("À la rentrée 2023, …",
    "Stand: 30. Juni 2023"): a school year or a day, not any year its first lines mention.

    >>> opening_period("Chiffres clés. À la rentrée 2022, dans la région …", "fr").label()
    '2022/2023'
    >>> opening_period("Le plan de 2019 a été prolongé.", "fr") is None
    True
    """
    found = [p for p in find_periods(opening, language) if p.precision in ("school_year", "day")]
    return found[0] if found else None


def _declared(c: Candidate) -> tuple[float | None, str | None]:
    """The scale and unit the row, column, block or caption declares (nearest first)."""
    for ctx in (c.row, c.column.context, c.group, c.reading.corner):
        if ctx and ctx.scale:
            return ctx.scale, ctx.scale_unit
    scale, ctx = c.reading.caption_value("scale")
    return (scale, ctx.scale_unit) if scale else (None, None)


def spending_of_a_voted_budget(indicator: str, c: Candidate) -> tuple[str, str | None]:
    """The expenditure lines of a voted budget (the caption or section names a budget) are budget figures."""
    if indicator != "spending" or c.row.indicator == "spending":
        return indicator, None
    for ctx in c.reading.caption:
        if lexicon().matches("voted_budget_cues", fold(ctx.text)):
            return "budget", f"expenditure of the voted budget '{_short(ctx.text)}'"
    return indicator, None


# Labellers that read from beyond the table's own headers: what they give is not a sure reading.
WEAK_READINGS = {"money_of_the_article_above"} | {f.__name__ for f in (indicator_from_section, money_of_an_allocation, area_of_document,
                                      period_of_the_row_in_caption,
                                      period_from_section, period_from_section_unless_listed, period_from_text_above,
                                      period_from_title, period_of_enclosing_heading, money_shared_among_areas)}


def first_answer(labellers, c: Candidate, accept=lambda value: True):
    for labeller in labellers:
        answer = labeller(c)
        if answer is not None and accept(answer[0]):
            return answer[0], answer[1], labeller.__name__
    return None, None, None


def fits_declared_unit(c: Candidate):
    """An indicator must measure in the unit its own headers declare. The caption's unit
    ("Montants en euros") speaks for the columns that name no indicator themselves."""
    near = c.figure.unit or next((ctx.scale_unit for ctx in (c.row, c.column.context) if ctx.scale), None)
    far = near or _declared(c)[1]

    def accept(indicator: str) -> bool:
        named_here = indicator in (c.row.indicator, c.column.context.indicator,
                                   c.above.indicator if c.above else None, c.group.indicator if c.group else None)
        declared = near if named_here else far
        expected = UNIT_OF.get(indicator)
        if declared is None or expected == declared:
            return True
        return indicator == "funding" and declared == "percent"
    return accept


# ---------------------------------------------------------------------------- facts
@dataclass
class TableOutput:
    facts: list[Fact] = field(default_factory=list)
    figures: list[FigureRecord] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def table_facts(table: Table, text: str, language: str, region: str | None, headings: list[str], page_of,
                caption: list[str] | None = None, text_above: str = "", title: str | None = None,
                programmes: DocumentProgrammes | None = None, section_text: str = "", opening: str = "") -> TableOutput:
    """Facts, figure records and stated relations of one table.

    `text_above` is the prose right before the table in its section ("Pour 2024, cette part est fixée à …"),
    `title` the document's title: where a table's own headers date nothing, they may.
    """
    out = TableOutput()
    if not table.rows or max(len(r) for r in table.rows) < 2:
        return out
    reading = read_table(table, language, region, caption if caption is not None else table.caption,
                         headings[-1] if headings else None)
    reading.period_above = reference_period(text_above, language, last=True)
    reading.title_period = reference_period(title or "", language) or opening_period(opening, language)
    reading.heading_period = enclosing_heading_period(headings[:-1], language)
    _periods_listed_in_caption(reading)
    reading.money_above = lexicon().matches("money_unit_words", fold(section_text or text_above))
    reading.programmes = programmes
    if programmes is not None:
        reading.programme = table_programme(reading, headings, section_text or text_above, title)
    by_cell: dict[tuple[int, int], Fact] = {}
    at_cell: dict[tuple[int, int], FigureRecord] = {}  # the first figure of each data cell
    for cand in candidates(reading):
        record = _record(cand, text, page_of)
        out.figures.append(record)
        if not cand.in_header:
            at_cell.setdefault((cand.row_index, cand.column.index), record)
        reason = next((r for r in (t(cand) for t in THROTTLES) if r), None)
        if reason:
            record.skip_reason = reason
            continue
        fact, why_not = _label(cand)
        if fact is None:
            record.skip_reason = why_not
            continue
        fact.mention = Mention(cand.figure.start, cand.figure.end, record.snippet, "table", record.page,
                               reading.table_id, record.row_label, record.column_label)
        record.fact = fact
        _note_two_readings(fact, cand)
        out.facts.append(fact)
        if not cand.in_header:
            by_cell.setdefault((cand.row_index, cand.column.index), fact)
    _tell_columns_apart(reading, by_cell)
    _attach_stated_changes(reading, by_cell, at_cell)
    out.relations = _relations(reading, at_cell)
    return out


def _periods_listed_in_caption(reading: TableReading) -> None:
    """A caption naming several periods ("… in 2010, 2015 and 2020") dates no cell by its first one;
    when it names one per data row that names none itself, the rows take them in order."""
    for ctx in reading.caption:
        periods = list({p.label(): p for p in find_periods(ctx.text, reading.language)}.values())
        if not periods:
            continue
        if not lists_periods(ctx.text, reading.language):
            return
        reading.caption_lists_periods = True
        rows = reading.table.rows
        value_rows = [i for i in reading.data_rows
                      if any(is_value_cell(cell, reading.language) for cell in rows[i][reading.stub_width:])]
        undated = [i for i in value_rows
                   if not label_context(" ".join(cell.clean for cell in rows[i][: reading.stub_width]),
                                        reading.language).period]
        if len(undated) == len(value_rows) == len(periods):
            reading.row_years = dict(zip(undated, periods))
        return


def _note_two_readings(fact: Fact, c: Candidate) -> None:
    """"1,234" in a column that writes "12 345": the value keeps the language's decimal comma, and the fact
    says it reads two ways, with the other reading, for validation to report rather than a reader to guess."""
    if c.in_header:
        return
    rows = c.reading.table.rows
    column = [rows[i][c.column.index].text for i in c.reading.data_rows if c.column.index < len(rows[i])]
    neighbours = [f.surface for text in column for f in cell_figures(text, c.reading.language)[0]]
    other = comma_thousands_reading(c.figure.surface, neighbours, c.reading.language)
    if other is None:
        return
    written = parse_number(c.figure.surface, c.reading.language)[0]
    fact.alternative_value = fact.value * other / written
    fact.reading_ambiguity = (f"'{c.figure.surface}' read with a decimal comma ({written:g}); the column groups "
                              f"thousands with spaces, where it would be {other:g}")


def _record(c: Candidate, text: str, page_of) -> FigureRecord:
    row = c.reading.table.rows[c.row_index] if c.row_index >= 0 else [c.cell]
    return FigureRecord(
        value=c.figure.value, unit=c.figure.unit, surface=c.figure.surface, char_start=c.figure.start,
        char_end=c.figure.end, page=page_of(c.figure.start), context="table", snippet=_row_snippet(text, row),
        row_label=(c.row.text or (c.group.text if c.group else ""))[:200] or None,
        column_label=c.column.header[:200] or None, table_id=c.reading.table_id, precision=c.figure.precision,
    )


def _label(c: Candidate) -> tuple[Fact | None, str | None]:
    indicator, ind_reason, ind_rule = first_answer(INDICATOR_LABELLERS, c, fits_declared_unit(c))
    if indicator is None:
        return None, "no indicator cue in its row, column, caption or section"
    indicator, budget_reason = spending_of_a_voted_budget(indicator, c)
    if budget_reason:
        ind_reason = f"{ind_reason}, {budget_reason}"
    scale, unit, scale_reason = _scale_and_unit(c, indicator)
    expected = UNIT_OF.get(indicator)
    if unit is None and expected in ("persons", "count"):
        unit = expected
    if unit is None and indicator == "funding" and c.figure.unit is None and c.reading.money_above \
            and not c.in_header:
        # "De middelen worden als volgt verdeeld" over a column of bare amounts, in an article that speaks
        # of euros: the amounts are euros (a weak reading: the table itself declares nothing).
        unit, scale_reason = "EUR", "the article above the table speaks of euros"
        ind_rule = ind_rule if ind_rule in WEAK_READINGS else "money_of_the_article_above"
    if unit is None and indicator == "funding" and c.figure.unit is None:
        return None, "no unit for an amount"
    if unit != expected and not (indicator == "funding" and unit == "percent"):
        return None, f"unit {unit or 'none'} does not fit {indicator} ({expected})"
    value = c.figure.value / c.figure.scale * scale
    precision = c.figure.precision / c.figure.scale * scale
    plausible = lexicon().max_value(indicator, unit)
    if plausible is not None and abs(value) > plausible:
        return None, f"{value:,.0f} {unit} is beyond any plausible {indicator}"
    area, area_reason, area_rule = first_answer(AREA_LABELLERS, c)
    period, period_reason, period_rule = first_answer(PERIOD_LABELLERS, c)
    if period and period.precision == "range" and indicator in lexicon().academic_indicators \
            and period.end.year == period.start.year + 1:
        period = find_periods(period.surface, c.reading.language, academic=True)[0]
    segment = _segment(c, indicator, unit)
    reasons = [f"indicator: {ind_reason} → {indicator}"]
    reasons.append(f"area: {area_reason} → {area}" if area else "area: none found")
    reasons.append(f"period: {period_reason} → {period.label()}" if period else "period: none found")
    if scale_reason:
        reasons.append(f"unit: {scale_reason}")
    weak = ind_rule in WEAK_READINGS or area_rule in WEAK_READINGS or area is None or period_rule in WEAK_READINGS
    confidence = WEAK if weak else SURE
    return Fact(
        indicator=indicator, area=area, segment=segment,
        period_start=period.start if period else None, period_end=period.end if period else None,
        value=value, unit=unit, qualifier=c.figure.qualifier, mention=None, precision=precision,
        reason="; ".join(reasons), confidence=confidence,
        scale_note=scale_reason if scale_reason and "ignored" in scale_reason else None,
    ), None


def _scale_and_unit(c: Candidate, indicator: str) -> tuple[float, str | None, str | None]:
    """The figure's own scale and unit ("43,2 M€"), else what its headers declare, if it fits the indicator."""
    fig = c.figure
    if fig.scale != 1.0 or fig.unit:
        return fig.scale, fig.unit or ("EUR" if UNIT_OF.get(indicator) == "EUR" and fig.scale != 1.0 else None), None
    scale, unit = _declared(c)
    expected = UNIT_OF.get(indicator)
    if unit == "EUR" and expected != "EUR":
        return 1.0, None, None  # "en euros" scales money, not head counts
    if unit == "percent" and expected != "percent" and indicator != "funding":
        return 1.0, None, None
    if not scale:
        return 1.0, None, None
    plausible = lexicon().max_value(indicator, unit or expected)
    if unit is None and plausible is not None and fig.value * scale > plausible:
        # A "(En milliers)" over figures already written in units: the declared scale cannot hold.
        return 1.0, None, f"declared ×{scale:g} ignored: {fig.surface} ×{scale:g} is beyond any plausible {indicator}"
    return scale, unit, f"declared scale ×{scale:g} {unit or ''}".strip()


def is_money(indicator: str, unit: str | None) -> bool:
    """Amounts, and shares of an allocation: what a programme's name says the money is."""
    return unit == "EUR" or (indicator == "funding" and unit == "percent")


def _budget_line(c: Candidate, indicator: str, unit: str) -> str | None:
    if not is_money(indicator, unit):
        return None
    line = c.row.line or c.column.context.line
    parent = c.group.line if c.group else None
    if parent and line and parent != line and Segment.parse(line).value in lexicon().nature_lines:
        return str(Segment.parse(parent).nested(Segment.parse(line).value))
    line = line or parent or c.reading.caption_value("line")[0]
    if line is None and indicator in ("budget", "spending"):
        return "line:total"
    return line


def _programme(c: Candidate, indicator: str, unit: str) -> str | None:
    """The fund the money belongs to: named by its row, its column's header path, its row group, else the
    table's caption, headings, the text above it or the document's title (`table_programme`)."""
    if not is_money(indicator, unit) or c.reading.programmes is None:
        return None
    named = c.reading.programmes.named_in
    cols = c.reading.column_programmes
    if c.column.index not in cols:
        cols[c.column.index] = named(c.column.header)
    name = cols[c.column.index]
    if name is None and c.group is not None:
        name = named(c.group.text)
    if name is None and c.reading.programme:
        name = c.reading.programme[0]
    # A row that names a programme of its own ("voor de provincie X, voor het sub-programma Y") is that
    # programme, or a part of the table's; a row named by something else is a sub-line of it.
    row_name = named(c.row.text) if c.row.text and not c.row.is_total else None
    if name is None:
        name, row_name = row_name, None
    if name is None:
        return None
    row_name = row_name or _row_sub_line(c)
    return str(Segment("program", name, (row_name,) if row_name and row_name != name else ()))


def _row_sub_line(c: Candidate) -> str | None:
    """A row named by something that is neither an area nor a total (a labour-market region, a
    municipality without a code): a sub-line of the programme."""
    if c.reading.rows_are_areas or c.row.area or c.row.is_total or c.row.indicator or c.in_header:
        return None
    if c.reading.sibling_areas.get(c.row_index):
        return None
    text = re.sub(r"[\s:]+", " ", c.row.text).strip(" .,;-")
    return text[:80] or None


def table_programme(reading: "TableReading", headings: list[str], text_above: str, title: str | None):
    """The programme the whole table is about, and where it is named: the caption (nearest line first),
    the headings above the table (nearest first), the prose above it, the document's title."""
    named = reading.programmes.named_in
    for ctx in reading.caption:
        if (name := named(ctx.text)):
            return name, f"caption '{_short(ctx.text)}'"
    for heading in reversed(headings):
        if heading != title and (name := named(heading)):
            return name, f"heading '{_short(heading)}'"
    if (name := reading.programmes.last_named_in(text_above)):
        return name, "the text above the table"
    if (name := named(title or "")):
        return name, "the document's title"
    if (name := reading.programmes.object_of_law(title or "")):
        return name, "what the law or regulation of the document's title is about"
    return None


def _segment(c: Candidate, indicator: str, unit: str) -> str | None:
    """Every dimension the figure's row, column, row group and caption name, joined (contract, "Segments")."""
    contexts = [ctx for ctx in (c.row, c.column.context, c.group) if ctx is not None]
    domain = None
    if c.reading.rows_are_domains and c.row.text and not c.row.is_total:
        domain = "domain:" + re.sub(r"\s+", " ", c.row.text).strip(" .,;:")[:80]
    programme, line = _programme(c, indicator, unit), _budget_line(c, indicator, unit)
    if programme and line and budget_line(Segment.parse(programme).value) == line:
        line = None  # "Taxe d'apprentissage" names a programme, not the apprenticeship budget line
    dims = [programme, line, domain]
    dims += [next((ctx.level for ctx in contexts if ctx.level), None),
             next((ctx.sex for ctx in contexts if ctx.sex), None)]
    if not is_money(indicator, unit):
        groups = [ctx.group for ctx in contexts if ctx.group]
        if domain:  # a field of training's words ("construction") are no economic sector
            groups = [g for g in groups if not g.startswith("sector:")]
        dims += groups
    return join_dimensions(dims)


def with_sub_line(segment: str | None, leaf: str) -> str:
    """A segment with a column's own header as the sub-line of its programme or budget line, or as a
    label when it has neither.

    >>> with_sub_line("program:FNDA|sex:female", "critère 2"), with_sub_line(None, "part fixe")
    ('program:FNDA:critère 2|sex:female', 'label:part fixe')
    """
    dims = segment.split("|") if segment else []
    for n, dim in enumerate(dims):
        if dim.split(":", 1)[0] in ("program", "project", "line"):
            dims[n] = str(Segment.parse(dim).nested(leaf))
            return "|".join(dims)
    return join_dimensions(dims + [str(Segment("label", leaf))])


def _tell_columns_apart(reading: TableReading, by_cell: dict) -> None:
    """Two columns that give one row the same indicator, area, period and segment measure two things the
    headers name ("Somme répartie au titre du critère 1" | "… du critère 2"): each gets its column's own
    header as a segment, so that the facts keep apart (and no rule takes them for one figure read twice)."""
    groups: dict[tuple, list[tuple[int, Fact]]] = {}
    for (row, col), fact in by_cell.items():
        key = (row, fact.indicator, fact.area, fact.segment, fact.period_start, fact.period_end, fact.unit)
        groups.setdefault(key, []).append((col, fact))
    for cells in groups.values():
        if len(cells) < 2 or len({round(f.value, 9) for _, f in cells}) < 2:
            continue  # one column repeating another ("= col. 1") is the same figure
        for col, fact in cells:
            leaf = column_leaf(reading.columns[col].header)
            if leaf and not _restates(leaf, fact, reading.language):
                fact.segment = with_sub_line(fact.segment, leaf)


def _restates(leaf: str, fact: Fact, language: str) -> bool:
    """A column's own header that only says again what the fact's indicator or segment says ("% en emploi",
    "Bac pro" under a level already read) tells no two columns apart."""
    undated = leaf
    for period in reversed(find_periods(leaf, language)):
        undated = undated[:period.char_start] + undated[period.char_end:]
    if main_indicator(leaf) == fact.indicator and not re.search(r"\d", undated):
        return True  # "effectif d'apprentis au 31 décembre 2009" says what the fact counts, and when
    if fact.area and {a.code for a in find_areas(leaf)} == {fact.area}:
        return True  # "Lille" over the académie's columns: the fact's area already says it
    return fold(leaf) in {fold(dim.split(":", 1)[-1]) for dim in (fact.segment or "").split("|")}


def column_leaf(header: str) -> str:
    """A column's own header, without its formula, notes and numbers in brackets, in lower case.

    >>> column_leaf("RÉPARTITION … / Somme répartie au titre du critère 1 (60 %) Montant à répartir = 114 000 000")
    'somme répartie au titre du critère 1'
    """
    leaf = header.rsplit(" / ", 1)[-1]
    leaf = re.split(r"\s=|\(|\bmontant\b", leaf, maxsplit=1, flags=re.IGNORECASE)[0]
    return re.sub(r"[\s:]+", " ", leaf).strip(" .,-").lower()[:80]


def _attach_stated_changes(reading: TableReading, by_cell: dict, at_cell: dict) -> None:
    """An "Évolution (En %)" cell compares the two value columns to its left in the same row."""
    for (row, j), rec in at_cell.items():
        if not reading.columns[j].context.is_change:
            continue
        left = sorted((k for (i, k) in by_cell if i == row and k < j), reverse=True)
        if len(left) < 2 or left[0] != j - 1:
            continue
        current, base = by_cell[(row, left[0])], by_cell[(row, left[1])]
        if current.indicator != base.indicator:
            continue
        current.stated_change_pct = rec.value
        current.stated_change_decimals = _decimals(rec.surface)
        current.compared_with = base


def _decimals(surface: str) -> int:
    m = re.search(r"[.,](\d+)\s*%?$", surface.strip())
    return len(m.group(1)) if m else 0


def _relations(reading: TableReading, cell_figure: dict) -> list[Relation]:
    """Formulas stated in headers, applied to each data row: the cells it names, in that row or the total row."""
    total_row = reading.total_row
    out: list[Relation] = []
    for col in reading.columns:
        f = col.formula
        if f is None or (len(f.columns) == 1 and not f.operators):
            continue
        operand_cols = [reading.column_by_number(n) for n in f.columns]
        if any(oc is None for oc in operand_cols):
            continue
        for i in reading.data_rows:
            if i == total_row and any(f.from_total):
                continue  # "col. 3 (total)" compares each region with the total: it says nothing of the total row
            target = cell_figure.get((i, col.index))
            operands = []
            for oc, from_total in zip(operand_cols, f.from_total):
                operands.append(cell_figure.get((total_row if from_total else i, oc.index)))
            if target is None or any(o is None for o in operands):
                continue
            out.append(Relation(kind="formula", target=target, operands=operands, expression=f.expression(),
                                formula_text=f.text, table_id=reading.table_id,
                                row_label=target.row_label))
    return out


def _row_snippet(text: str, row: list[Cell]) -> str:
    start, end = row[0].start, row[-1].end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return clean_markup(text[line_start: line_end if line_end >= 0 else len(text)].replace("\t", " | "))[:500]
