"""Labellers: for each attribute of a fact (indicator, area, period), an ordered list of small functions.

Each labeller looks at a candidate and answers `(value, reason)` or None; `rules.first_answer` takes
the first answer the attribute accepts (`fits_declared_unit` for indicators) and returns it with
the labeller's name. The reasons are joined into the fact's `reason`; a labeller named in
`WEAK_READINGS` reads from beyond the table's own headers and makes the fact's confidence weak.
"""
from __future__ import annotations

from typing import Callable

from extractors.annotate.areas import is_region_word
from extractors.annotate.indicators import UNIT_OF
from extractors.label.tables.candidates import Candidate
from extractors.label.tables.contexts import LabelContext, shortened
from extractors.label.tables.grid import TableReading, cell_figures
from extractors.label.tables.surroundings import lists_periods
from extractors.lexicon import fold, lexicon


Answer = "tuple[object, str] | None"


def read_from(where: str, context: Callable[[Candidate], "LabelContext | None"], attr: str,
              text: Callable[[Candidate], str] | None = None):
    """A labeller that reads one attribute from one context of the candidate: "the row label names an
    indicator", "the column header names a period". Its name says which, for reasons and confidence."""
    def labeller(c: Candidate):
        ctx = context(c)
        value = getattr(ctx, attr) if ctx is not None else None
        if value:
            return value, f"{where} '{shortened(text(c) if text else ctx.text)}'"
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
        return c.row.indicator, f"row label '{shortened(c.row.text)}'"
    return None


def indicator_of_sub_row(c: Candidate):
    """'Dont 16-25 ans', 'Moins de 25 ans': a row that only names a sub-population counts what the row
    above it counts."""
    if c.above and (c.row.group or c.row.line) and not c.row.indicator:
        return c.above.indicator, f"sub-population of the row above '{shortened(c.above.text)}'"
    return None


def indicator_of_the_header_row(c: Candidate):
    """One indicator named across the column headers ("NB D'EMPLOI | AU NIVEAU NATIONAL") holds for them all."""
    named = {col.context.indicator for col in c.reading.columns if col.context.indicator}
    if len(named) == 1:
        return named.pop(), "the only indicator the column headers name"
    return None


def money_of_an_allocation(c: Candidate):
    """Amounts or shares in a table that allocates money (caption or header says "répartition"): funding."""
    unit = declared_scale(c)[1] or c.figure.unit
    if unit not in ("EUR", "percent"):
        return None
    headers = [col.context for col in c.reading.columns]
    for ctx in [c.column.context, c.reading.corner, *c.reading.caption, *headers] + (
            [c.reading.section] if c.reading.section else []):
        if ctx.is_allocation:
            return "funding", f"allocation of money ('{shortened(ctx.text)}'), {unit}"
    return None


def money_shared_among_areas(c: Candidate):
    """Amounts set per Land, province or municipality, in a table that names no other measure: money
    shared among them. A key of percentages beside such amounts shares the same money."""
    if not c.reading.rows_are_areas:
        return None
    unit = c.figure.unit or declared_scale(c)[1]
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
    if (code := c.reading.sibling_areas.get(c.row_index)):
        return code, f"row label '{shortened(c.row.text)}' among rows of its kind"
    return None


def area_of_total_row(c: Candidate):
    """'Total' under rows of areas: the area that holds them all."""
    if (c.row.is_total or c.in_header) and c.reading.rows_parent_area:
        where = "header" if c.in_header else shortened(c.row.text)
        return c.reading.rows_parent_area, f"total of the rows' areas ({where})"
    return None


def area_from_corner(c: Candidate):
    corner = c.reading.corner
    if corner.area:
        return corner.area, f"table corner '{shortened(corner.text)}'"
    if is_region_word(corner.text) and c.reading.region:
        return c.reading.region, f"table corner '{shortened(corner.text)}' → the document's region"
    return None


def area_from_caption(c: Candidate):
    if c.reading.caption_area:
        code, text = c.reading.caption_area
        return code, f"caption '{shortened(text)}'"
    return None


def area_of_region_word(c: Candidate):
    for ctx in (c.column.context, c.row):
        if is_region_word(ctx.text) and c.reading.region:
            return c.reading.region, f"'{shortened(ctx.text)}' → the document's region"
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


PERIOD_LABELLERS = [period_in_cell, period_from_row, period_from_column, period_from_group,
                    period_of_the_row_in_caption, period_from_caption_unless_listed, period_from_section_unless_listed,
                    period_from_text_above, period_of_enclosing_heading, period_from_title]


def declared_scale(c: Candidate) -> tuple[float | None, str | None]:
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
            return "budget", f"expenditure of the voted budget '{shortened(ctx.text)}'"
    return indicator, None


# Labellers that read from beyond the table's own headers: what they give is not a sure reading.
WEAK_READINGS = {"money_of_the_article_above"} | {f.__name__ for f in (indicator_from_section, money_of_an_allocation, area_of_document,
                                      period_of_the_row_in_caption,
                                      period_from_section, period_from_section_unless_listed, period_from_text_above,
                                      period_from_title, period_of_enclosing_heading, money_shared_among_areas)}


def fits_declared_unit(c: Candidate):
    """An indicator must measure in the unit its own headers declare. The caption's unit
    ("Montants en euros") speaks for the columns that name no indicator themselves."""
    near = c.figure.unit or next((ctx.scale_unit for ctx in (c.row, c.column.context) if ctx.scale), None)
    far = near or declared_scale(c)[1]

    def accept(indicator: str) -> bool:
        named_here = indicator in (c.row.indicator, c.column.context.indicator,
                                   c.above.indicator if c.above else None, c.group.indicator if c.group else None)
        declared = near if named_here else far
        expected = UNIT_OF.get(indicator)
        if declared is None or expected == declared:
            return True
        return indicator == "funding" and declared == "percent"
    return accept
