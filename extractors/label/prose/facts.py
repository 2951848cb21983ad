"""One sentence's facts: annotate the sentence → candidates → throttles → labellers in order → `Fact`.

`sentence_facts` returns the facts and the reasons the throttles gave (for the figures' records), and
hands on what later figures and sentences read: the measure of the last fact
(for "..., et près de 320 dans la région"), the rate and the count the passage spoke of last, and
the period the sentence itself dated a figure with (for the paragraph's next sentences).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractors.annotate.indicators import UNIT_OF
from extractors.annotate.periods import Period, find_periods
from extractors.label.prose.candidates import Candidate, candidates
from extractors.label.prose.labellers import (AREA_LABELLERS, INDICATOR_LABELLERS, PERIOD_LABELLERS,
                                              SENTENCE_READINGS)
from extractors.label.prose.periods import undated_period
from extractors.label.prose.segments import SEGMENT_LABELLERS
from extractors.label.prose.sentence import PassageContext, annotate_sentence
from extractors.label.prose.throttles import THROTTLES
from extractors.label.rules import SURE, WEAK, first_answer, first_reason
from extractors.lexicon import lexicon
from extractors.model import Fact, Mention


@dataclass
class SentenceOutput:
    facts: list[Fact] = field(default_factory=list)
    # The figures a throttle kept out, (start, end) -> its reason: their `figures` record says it (leftovers.py).
    kept_out: dict[tuple[int, int], str] = field(default_factory=dict)


def sentence_facts(text: str, sentence: tuple[int, int], ctx: PassageContext, page_of) -> SentenceOutput:
    """Facts stated in one sentence (offsets absolute in `text`), and why a throttle kept a figure out."""
    out = SentenceOutput()
    annotated = annotate_sentence(text, sentence, ctx)
    if annotated is None:
        return out
    facts = out.facts
    dated: Period | None = None
    for c in candidates(annotated):
        reason = first_reason(THROTTLES, c)
        if reason:
            out.kept_out[(c.figure.start, c.figure.end)] = reason
            continue
        labelled = label(c, page_of)
        if labelled is None:
            continue
        fact, own_period = labelled
        facts.append(fact)
        annotated.previous = (fact.indicator, fact.unit)
        if fact.unit == "percent" and UNIT_OF.get(fact.indicator) == "percent":
            ctx.recent_rate["percent"] = fact.indicator
        if fact.unit in ("persons", "count"):
            ctx.recent_rate["persons"] = fact.indicator
        if own_period is not None:
            dated = own_period
    if dated is not None:  # for the next sentences of the paragraph, not for this one's compared figures
        ctx.recent_rate["period"] = dated
    return out


def fact_unit(unit: str | None, indicator: str) -> str:
    """The unit a fact is stored in: a count's people are a count; no unit is the indicator's own."""
    unit = unit if unit not in (None, "persons") or UNIT_OF[indicator] != "count" else "count"
    unit = unit or UNIT_OF[indicator]
    if unit == "persons" and UNIT_OF[indicator] == "count":
        unit = "count"
    return unit


def label(c: Candidate, page_of) -> tuple[Fact, Period | None] | None:
    """The fact of a candidate, and the period its own sentence gave it; None when no labeller names a measure."""
    indicator, ind_reason, _ = first_answer(INDICATOR_LABELLERS, c)
    if indicator is None:
        return None
    s, fig, ctx = c.sentence, c.figure, c.sentence.ctx
    unit = fact_unit(c.unit, indicator)
    period, period_reason, period_rule = first_answer(PERIOD_LABELLERS, c)
    undated = undated_period(s.text, fig, s.start, s.end) if period is None else None
    if period and period.precision == "range" and indicator in lexicon().academic_indicators \
            and period.end.year == period.start.year + 1:
        period = find_periods(period.surface, ctx.language, academic=True)[0]
    c.indicator, c.fact_unit = indicator, unit
    c.segment, segment_reason, _ = first_answer(SEGMENT_LABELLERS, c)
    area, area_reason, area_rule = first_answer(AREA_LABELLERS, c)
    reason = (f"indicator: {ind_reason} → {indicator}; area: {area_reason or 'none found'} → {area}; period: "
              + (f"{period_reason} → {period.label()}" if period else "none in its sentence")
              + (f"; segment: {segment_reason} → {c.segment}" if c.segment else ""))
    # Sure when the sentence itself names what, where and when; otherwise the reading leans on context.
    sure = s.phrase_naming(indicator) is not None and period_rule in SENTENCE_READINGS \
        and area_rule in SENTENCE_READINGS
    fact = Fact(
        indicator=indicator,
        area=area,
        reason=reason,
        confidence=SURE if sure else WEAK,
        segment=c.segment,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        value=c.value,
        unit=unit,
        qualifier=fig.qualifier,
        mention=Mention(fig.start, fig.end, s.snippet, "prose", page_of(fig.start)),
        precision=fig.precision,
        undated_period=undated,
    )
    return fact, (period if period_rule in SENTENCE_READINGS else None)
