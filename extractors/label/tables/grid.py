"""Reading a grid: a table as a reader understands it before looking at any figure.

`read_table` sorts the rows by content (header rows, a row that only numbers the columns, data
rows, notes), finds the stub (the leading columns that label the rows), gives each column its
header path, formula and printed number, and reads what the rows are (areas, local units,
fields of training), the total row, the caption's area and the corner cell. The result, a
`TableReading`, is what candidates, throttles and labellers look at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.annotate.areas import abbreviated_areas, find_areas, is_header_only, parent_area, sibling_area
from extractors.annotate.dimensions import bare_age, names_fields_of_training
from extractors.annotate.figures import Figure, find_figures
from extractors.annotate.indicators import age_group_spans
from extractors.annotate.periods import Period, find_periods
from extractors.annotate.programmes import DocumentProgrammes
from extractors.label.tables.contexts import LabelContext, column_context, label_context
from extractors.label.tables.formulas import Formula, parse_formula
from extractors.lexicon import fold, lexicon
from extractors.model import stable_id
from extractors.read.layout import Cell, Table, clean_markup


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


def caption_area(caption: list[LabelContext]) -> tuple[str, str] | None:
    """The area the nearest caption line that names areas names, when it names only one ("Lille National …"
    speaks of two column groups' areas, and "National" is an area only as a header cell of its own)."""
    for ctx in caption:
        codes = {a.code for a in find_areas(ctx.text) if not is_header_only(a.name)}
        if codes:
            return (codes.pop(), ctx.text) if len(codes) == 1 else None
    return None
