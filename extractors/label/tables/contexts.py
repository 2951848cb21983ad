"""What a header, a row label, a caption or a heading says, read once and cached.

Every stage of the table reader looks at labels through a `LabelContext`: the indicator, area,
period, segment dimensions, declared scale and the kind of label (total, change, ratio,
allocation) that its words name. `column_context` reads a column's header path, taking what the
figures measure from the deepest level that says it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.annotate.areas import find_areas
from extractors.annotate.dimensions import bare_age, level, sex
from extractors.annotate.indicators import age_group, budget_line, main_indicator, sector
from extractors.annotate.periods import Period, dating_periods
from extractors.lexicon import fold, lexicon
from extractors.read.layout import clean_markup


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
    periods = dating_periods(text, language)
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


def shortened(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
