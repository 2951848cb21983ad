"""The segment of a table fact: every dimension its row, column, row group and caption name, joined
(contract, "Segments"): the programme the money belongs to and its sub-line, the budget line, a
field of training, a level, a sex, age classes and sectors. Two columns that would give one row the
same fact are told apart by their own headers (`tell_columns_apart`).
"""
from __future__ import annotations

import re

from extractors.annotate.areas import find_areas
from extractors.annotate.dimensions import join_dimensions
from extractors.annotate.indicators import budget_line, main_indicator
from extractors.annotate.periods import find_periods
from extractors.label.tables.candidates import Candidate
from extractors.label.tables.grid import TableReading
from extractors.lexicon import fold, lexicon
from extractors.model import Fact
from extractors.segment import Segment


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
    if line is None and indicator in lexicon().indicators_listed("whole_budget_indicators"):
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


def segment_of(c: Candidate, indicator: str, unit: str) -> str | None:
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


def tell_columns_apart(reading: TableReading, by_cell: dict) -> None:
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
