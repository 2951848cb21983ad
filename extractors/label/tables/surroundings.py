"""What the text around a table says for all its cells: the reference period the prose above it,
the document's title, an opening line or an enclosing heading states; the years a caption lists
(one per row); the programme the whole table's money belongs to.

Read once per table into its `TableReading`, for the labellers of the weaker readings.
"""
from __future__ import annotations

from extractors.annotate.periods import Period, dating_periods, find_periods
from extractors.label.tables.contexts import label_context, shortened
from extractors.label.tables.grid import TableReading, is_value_cell
from extractors.lexicon import fold_in_place, lexicon


def lists_periods(text: str, language: str) -> bool:
    """A label naming several years ("… in 2010, 2015 and 2020"): candidates, none of them the period."""
    periods = sorted({p.label(): p for p in find_periods(text, language)}.values(), key=lambda p: p.char_start)
    if len(periods) < 2 or any(p.precision != "year" for p in periods):
        return False
    folded = fold_in_place(text)
    return all(lexicon().matches("period_list_separators", folded[a.char_end:b.char_start].strip())
               for a, b in zip(periods, periods[1:]))


def enclosing_heading_period(headings: list[str], language: str) -> Period | None:
    """The year or span the nearest heading that states one states (a date in a heading is its own)."""
    for heading in reversed(headings):
        spans = [p for p in find_periods(heading, language) if p.precision in ("year", "range", "school_year")]
        if spans:
            return spans[-1]
    return None


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
    found = [p for p in dating_periods(text, language) if cue.search(folded[max(0, p.char_start - 30): p.char_start])]
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


def periods_listed_in_caption(reading: TableReading) -> None:
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


def table_programme(reading: "TableReading", headings: list[str], text_above: str, title: str | None):
    """The programme the whole table is about, and where it is named: the caption (nearest line first),
    the headings above the table (nearest first), the prose above it, the document's title."""
    named = reading.programmes.named_in
    for ctx in reading.caption:
        if (name := named(ctx.text)):
            return name, f"caption '{shortened(ctx.text)}'"
    for heading in reversed(headings):
        if heading != title and (name := named(heading)):
            return name, f"heading '{shortened(heading)}'"
    if (name := reading.programmes.last_named_in(text_above)):
        return name, "the text above the table"
    if (name := named(title or "")):
        return name, "the document's title"
    if (name := reading.programmes.object_of_law(title or "")):
        return name, "what the law or regulation of the document's title is about"
    return None
