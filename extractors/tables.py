"""Figures in tables: each value cell labelled by its row, its column and the table's caption.

Matcher: the figures of a value cell. Throttler: a figure is paired only with
the period written in its own cell (or its row, column, caption) and with the
labels of its own row and column. Labeller: indicator, area, segment, period,
unit from those labels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.areas import find_areas, is_region_word
from extractors.figures import Figure, find_figures
from extractors.indicators import UNIT_OF, age_group, budget_line, fold, main_indicator, sector
from extractors.layout import Cell, Table, clean_markup
from extractors.model import Fact, Mention, stable_id
from extractors.periods import Period, find_periods

_CHANGE_HEADER = re.compile(r"\b(?:evolution|variation|evol\.|evolutie|verandering|veranderung|entwicklung|change)\b")
_NO_FIGURE = re.compile(r"^\s*(?:-|–|—|n\.?\s?c\.?|non communiqu[ée]e?s?|nd|n\.d\.|/|s\.o\.|\?)\s*$", re.IGNORECASE)
# Indicators read from the number of things counted, where an academic year is a school year.
ACADEMIC = {"apprentices", "cfa_count", "apprenticeship_contracts", "trainees", "training_entries_jobseekers"}
# Above this many persons a figure describes no country or region we read: a declared
# "thousands" scale must be wrong for it (the figures are already in units).
MAX_PLAUSIBLE_PERSONS = 1.5e8


@dataclass
class LabelContext:
    """What a row, a column or a caption says about the figures under it."""

    text: str
    indicator: str | None = None
    area: str | None = None
    period: Period | None = None
    segment_line: str | None = None
    segment_group: str | None = None  # age or sector
    scale: float | None = None
    scale_unit: str | None = None
    is_change: bool = False


def scale_of_label(text: str) -> tuple[float | None, str | None]:
    """The scale a header declares for the figures under it.

    >>> scale_of_label("Montant (millions d'euros)")
    (1000000.0, 'EUR')
    >>> scale_of_label("SECTEURS au 3e trimestre 2025 (En milliers)")
    (1000.0, None)
    >>> scale_of_label("(en euros)")
    (1.0, 'EUR')
    """
    folded = fold(text)
    if re.search(r"milliards? d euros|md ?€|mds ?€|mrd", folded):
        return 1e9, "EUR"
    if re.search(r"millions? d euros|m ?€|meur|mio\.? ?€|miljoen euro", folded):
        return 1e6, "EUR"
    if re.search(r"milliers d euros|k ?€|keur", folded):
        return 1e3, "EUR"
    if re.search(r"\ben milliers\b|\(en milliers\)|\bmilliers\b|x ?1 ?000\b|in duizenden|in tausend", folded):
        return 1e3, None
    if re.search(r"\ben euros?\b|\(euros?\)|\(€\)|en €|in euro", folded):
        return 1.0, "EUR"
    if re.search(r"\(en %\)|en %|\(%\)|% de", folded):
        return 1.0, "percent"
    return None, None


def label_context(text: str, region: str | None, language: str) -> LabelContext:
    """Read a header, row label or caption.

    >>> c = label_context("Dont 16-25 ans", "FR-HDF", "fr"); (c.indicator, c.segment_group)
    (None, 'age:16-25')
    >>> c = label_context("RÉGION", "FR-HDF", "fr"); c.area
    'FR-HDF'
    """
    text = clean_markup(text)
    ctx = LabelContext(text)
    ctx.indicator = main_indicator(text)
    areas = find_areas(text)
    if areas:
        ctx.area = areas[0].code
    elif is_region_word(text) and region:
        ctx.area = region
    periods = find_periods(text, language)
    if periods:
        ctx.period = periods[0]
    ctx.segment_line = budget_line(text)
    ctx.segment_group = age_group(text) or sector(text)
    ctx.scale, ctx.scale_unit = scale_of_label(text)
    ctx.is_change = bool(_CHANGE_HEADER.search(fold(text)))
    return ctx


@lru_cache(maxsize=8192)
def cell_figures(text: str, language: str) -> tuple[tuple[Figure, ...], tuple[Period, ...]]:
    """The figures of a cell that are not part of a period, and its periods (cached: table
    reading asks about the same cell several times, and monographs repeat cells).

    >>> figs, periods = cell_figures("5 998 916 en 2022", "fr"); [f.value for f in figs], [p.label() for p in periods]
    ([5998916.0], ['2022'])
    """
    periods = tuple(find_periods(text, language))
    figures = tuple(
        f for f in find_figures(text, language)
        if not any(p.char_start <= f.start < p.char_end for p in periods)
        and not re.match(r"<[^>]*$", text[: f.start].rsplit(">", 1)[-1])  # digits inside an HTML tag
    )
    return figures, periods


def _has_figure(cell: Cell, language: str) -> bool:
    text = cell.clean
    if not text or _NO_FIGURE.match(text):
        return False
    return bool(cell_figures(cell.text, language)[0])


def _header_rows(table: Table, language: str) -> int:
    """Leading rows with no figure outside their first cell (years and periods are labels)."""
    n = 0
    for row in table.rows:
        if any(_has_figure(c, language) for c in row[1:]):
            break
        if n and row[0].clean and not any(c.clean for c in row[1:]):
            break  # a label alone on its row opens a block of data rows ("Enseignement, ...")
        n += 1
    return min(n, len(table.rows))


def _column_labels(table: Table, n_header: int) -> list[str]:
    """One label per column, joining the header rows; a spanning header fills the empty cells to its right."""
    width = max(len(r) for r in table.rows)
    labels = [""] * width
    for r, row in enumerate(table.rows[:n_header]):
        last = ""
        is_last_header_row = r == n_header - 1
        for j in range(width):
            text = row[j].clean if j < len(row) else ""
            if text:
                last = text
            elif j > 0 and not is_last_header_row:
                text = last  # "RÉGION\t\t\tNATIONAL": RÉGION spans the next columns
            if text:
                labels[j] = f"{labels[j]} {text}".strip()
    return labels


def _cell_figures(cell: Cell, language: str) -> list[tuple[Figure, Period | None]]:
    """Figures of a cell, each with the period written after it (else before it).

    >>> [(f.value, p.label()) for f, p in _cell_figures(Cell("5 992 194 en 2023 (1) 5 965 764 (au 1 ^{er} janvier 2026)", 0, 60), "fr")]
    [(5992194.0, '2023'), (5965764.0, '2026-01-01')]
    """
    text = cell.text
    if _NO_FIGURE.match(clean_markup(text)):
        return []
    figures, periods = cell_figures(text, language)
    out = []
    for i, f in enumerate(figures):
        nxt = figures[i + 1].start if i + 1 < len(figures) else len(text)
        prev = figures[i - 1].end if i > 0 else 0
        after = [p for p in periods if f.end <= p.char_start < nxt]
        before = [p for p in periods if prev <= p.char_start and p.char_end <= f.start]
        period = after[0] if after else (before[-1] if before else None)
        out.append((f, period))
    return out


def _shift(f: Figure, offset: int) -> Figure:
    return Figure(f.value, f.start + offset, f.end + offset, f.unit, f.qualifier, f.precision, f.decimals, f.scale,
                  f.surface, f.in_words)


def _unit_fits(indicator: str, unit: str | None) -> bool:
    expected = UNIT_OF.get(indicator)
    if unit is None:
        return expected in ("persons", "count")
    return unit == expected


def table_facts(table: Table, text: str, language: str, region: str | None, headings: list[str], page_of) -> list[Fact]:
    """Facts of one table.

    `region` is the area "RÉGION" stands for; `headings` the enclosing section titles.
    """
    if not table.rows:
        return []
    n_header = _header_rows(table, language)
    if n_header >= len(table.rows):
        return []
    table_id = stable_id(table.start, table.end)
    col_labels = _column_labels(table, n_header)
    columns = [label_context(lbl, region, language) for lbl in col_labels]
    header_ctx = label_context(" ".join(col_labels), region, language)
    # Only the corner cell speaks for every column ("SECTEURS D'ACTIVITÉS POUR LA RÉGION").
    header_ctx.area = label_context(col_labels[0], region, language).area
    caption = [label_context(c, region, language) for c in reversed(table.caption)]  # nearest first
    caption_indicator = next((c.indicator for c in caption if c.indicator), None)
    caption_line = next((c.segment_line for c in caption if c.segment_line), None)
    caption_period = next((c.period for c in caption if c.period), None)
    caption_scale = next(((c.scale, c.scale_unit) for c in caption if c.scale), (None, None))
    caption_area = next((c.area for c in caption if c.area), None)
    section_indicator = main_indicator(headings[-1]) if headings else None

    facts: list[Fact] = []
    group: LabelContext | None = None  # a row naming a block of rows, with no figures
    last_indicator: str | None = None
    spanning: list[str] = []  # first cells that span the rows below them
    for row in table.rows[n_header:]:
        value_cols = [j for j, c in enumerate(row) if _has_figure(c, language) or _NO_FIGURE.match(c.clean or "x")]
        if len(value_cols) > 1 and value_cols[0] == 0 and row[0].clean:
            value_cols = value_cols[1:]  # the first cell labels the row ("Moins de 25 ans") when others hold values
        label_cells = [c for j, c in enumerate(row) if j not in value_cols and c.clean and not columns[j].is_change]
        if row and not row[0].clean and spanning:
            label_text = " ".join([spanning[-1]] + [c.clean for c in label_cells])
        else:
            label_text = " ".join(c.clean for c in label_cells)
            if row and row[0].clean and len(label_cells) > 1:
                spanning = [row[0].clean]
        if not any(_has_figure(c, language) for c in row):
            if label_text:
                group = label_context(label_text, region, language)
                if group.indicator:
                    last_indicator = group.indicator
            continue
        rctx = label_context(label_text, region, language)
        if rctx.indicator:
            last_indicator = rctx.indicator
        # Row cues apply before column cues: the row names what is counted, the column where and when.
        row_figures: dict[int, list[tuple[Figure, Period | None]]] = {}
        for j, cell in enumerate(row):
            if j in value_cols and j < len(columns):
                row_figures[j] = [(_shift(f, cell.start), p) for f, p in _cell_figures(cell, language)]
        facts_by_col: dict[int, Fact] = {}
        for j, figs in row_figures.items():
            col = columns[j]
            if col.is_change:
                continue
            for fig, cell_period in figs:
                fact = _label(
                    fig, cell_period, rctx, col, header_ctx, group, last_indicator, caption_indicator,
                    section_indicator, caption_line, caption_period, caption_scale, caption_area, region,
                )
                if fact is None:
                    continue
                row_label = rctx.text or (group.text if group else "")
                fact.mention = Mention(
                    fig.start, fig.end, _row_snippet(text, row), "table", page_of(fig.start), table_id,
                    row_label[:200] or None, col.text[:200] or None,
                )
                facts.append(fact)
                facts_by_col.setdefault(j, fact)
        _attach_stated_changes(row_figures, columns, facts_by_col)
    return facts


def _label(fig, cell_period, rctx, col, header_ctx, group, last_indicator, caption_indicator, section_indicator,
           caption_line, caption_period, caption_scale, caption_area, region) -> Fact | None:
    # The row names what is counted; a row that only names a sub-population ("Dont 16-25 ans")
    # counts what the row above counted; then the block, the column, the header, the caption.
    inherited = last_indicator if (rctx.segment_group or rctx.segment_line) else None
    indicator = (
        rctx.indicator or inherited or (group.indicator if group else None) or col.indicator
        or header_ctx.indicator or caption_indicator or section_indicator
    )
    if indicator == "spending" and caption_indicator == "budget" and not rctx.indicator:
        indicator = "budget"  # "Dépenses" of a voted budget are budget lines
    if indicator is None:
        return None
    # Scale and unit: the figure's own ("43,2 M€"), else what the row, column or caption declares.
    scale, unit = fig.scale, fig.unit
    scale_note = None
    if fig.scale == 1.0:
        declared = next(((c.scale, c.scale_unit) for c in (rctx, col, group, header_ctx) if c and c.scale), caption_scale)
        if declared[1] == "EUR" and UNIT_OF.get(indicator) != "EUR":
            declared = (None, None)  # "en millions d'euros" scales money, not head counts
        if declared[1] == "percent" and UNIT_OF.get(indicator) != "percent":
            declared = (None, None)
        if declared[0]:
            scale = declared[0]
            unit = unit or declared[1]
    if unit is None and scale != 1.0 and UNIT_OF.get(indicator) == "EUR":
        unit = "EUR"
    value = fig.value / fig.scale * scale if fig.scale else fig.value
    precision = fig.precision / fig.scale * scale if fig.scale else fig.precision
    if unit in (None, "persons") and UNIT_OF.get(indicator) in ("persons", "count") and value > MAX_PLAUSIBLE_PERSONS and scale > 1:
        scale_note = f"the header declares ×{scale:g} but {fig.surface} ×{scale:g} = {value:,.0f} is implausible; read as units"
        value, precision, scale = fig.value / fig.scale, fig.precision / fig.scale, 1.0
    if not _unit_fits(indicator, unit):
        return None
    unit = unit or UNIT_OF[indicator]
    area = col.area or rctx.area or (group.area if group else None) or header_ctx.area or caption_area or region
    period = cell_period or rctx.period or col.period or (group.period if group else None) or caption_period
    if period and period.precision == "range" and indicator in ACADEMIC and period.end.year == period.start.year + 1:
        period = find_periods(period.surface, "fr", academic=True)[0]
    segment = _segment(indicator, unit, rctx, col, group, caption_line)
    return Fact(
        indicator=indicator, area=area, segment=segment,
        period_start=period.start if period else None, period_end=period.end if period else None,
        value=value, unit=unit, qualifier=fig.qualifier, mention=None, precision=precision, scale_note=scale_note,
    )


def _segment(indicator: str, unit: str, rctx, col, group, caption_line) -> str | None:
    if unit == "EUR":
        line = rctx.segment_line or col.segment_line
        parent = group.segment_line if group else None
        if parent and line and parent != line and line in ("line:operating", "line:investment"):
            return f"{parent}:{line.split(':', 1)[1]}"
        line = line or parent or caption_line
        if line is None and indicator in ("budget", "spending"):
            return "line:total"
        return line
    return rctx.segment_group or col.segment_group or (group.segment_group if group else None)


def _attach_stated_changes(row_figures, columns, facts_by_col) -> None:
    """An "Évolution (En %)" cell compares the two value columns to its left."""
    for j, figs in row_figures.items():
        if not columns[j].is_change or not figs:
            continue
        left = sorted((k for k in facts_by_col if k < j), reverse=True)
        if len(left) < 2 or left[0] != j - 1:
            continue
        current, base = facts_by_col[left[0]], facts_by_col[left[1]]
        if current.indicator != base.indicator:
            continue
        change = figs[0][0]
        current.stated_change_pct = change.value
        current.stated_change_decimals = change.decimals
        current.compared_with = base


def _row_snippet(text: str, row: list[Cell]) -> str:
    start, end = row[0].start, row[-1].end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return clean_markup(text[line_start : line_end if line_end >= 0 else len(text)].replace("\t", " | "))[:500]
