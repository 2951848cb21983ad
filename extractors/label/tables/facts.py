"""One table's facts: read the grid → candidates → throttles → labellers → `Fact`, figure records and relations.

`table_facts` is the table reader's entry point. Every figure gets a `FigureRecord`, with the fact
it became or the reason it did not (a throttle's, or what a labeller could not find); every fact
keeps the reasons its labellers gave and a confidence (sure when the table's own headers gave
indicator, area and period).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractors.annotate.figures import comma_thousands_reading, parse_number
from extractors.annotate.indicators import UNIT_OF
from extractors.annotate.periods import find_periods
from extractors.annotate.programmes import DocumentProgrammes
from extractors.label.tables.candidates import Candidate, candidates
from extractors.label.tables.grid import cell_figures, read_table
from extractors.label.rules import SURE, WEAK, first_answer, first_reason
from extractors.label.tables.labellers import (AREA_LABELLERS, INDICATOR_LABELLERS, PERIOD_LABELLERS, WEAK_READINGS,
                                               declared_scale, fits_declared_unit, spending_of_a_voted_budget)
from extractors.label.tables.relations import attach_stated_changes, formula_relations
from extractors.label.tables.segments import segment_of, tell_columns_apart
from extractors.label.tables.surroundings import (enclosing_heading_period, opening_period, periods_listed_in_caption,
                                                  reference_period, table_programme)
from extractors.label.tables.throttles import THROTTLES
from extractors.lexicon import fold, lexicon
from extractors.model import Fact, FigureRecord, Mention, Relation
from extractors.read.layout import Cell, Table, clean_markup


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
    periods_listed_in_caption(reading)
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
        reason = first_reason(THROTTLES, cand)
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
    tell_columns_apart(reading, by_cell)
    attach_stated_changes(reading, by_cell, at_cell)
    out.relations = formula_relations(reading, at_cell)
    return out


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
    segment = segment_of(c, indicator, unit)
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
    scale, unit = declared_scale(c)
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


def _row_snippet(text: str, row: list[Cell]) -> str:
    start, end = row[0].start, row[-1].end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return clean_markup(text[line_start: line_end if line_end >= 0 else len(text)].replace("\t", " | "))[:500]
