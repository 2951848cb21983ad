"""Every number of a document accounted for: a `figures` record for each one.

Table figures get their record where they are read (label/tables/facts.py). Here:
the figures of running text (a fact, or the reason it is not one), and a sweep
over every digit run that no matcher took, saying what it is: part of a date,
a legal or page reference, or a number not read as a figure.
"""
from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from extractors.annotate.figures import find_figures
from extractors.read.layout import Block
from extractors.lexicon import ORDINAL_SUFFIX, fold, load_file
from extractors.model import Fact, FigureRecord
from extractors.annotate.periods import find_periods
from extractors.label.prose import not_a_level

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


@lru_cache(maxsize=1)
def _reference_cue() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in load_file("references.yaml")["reference_cues"]))


def prose_figures(text: str, blocks: list[Block], facts: list[Fact], language: str, page_of,
                  kept_out: dict[tuple[int, int], str] | None = None) -> list[FigureRecord]:
    """A record per figure of the running text; a figure that became a fact points at it. One that is no
    fact says what it is when what frames it says so (a page number, a reference: no quantity at all),
    else the reason the prose throttle that kept it out gave (`kept_out`, by span), else what
    `not_a_level` sees in it (a figure no sentence read: a note), else that no cue fitted it."""
    kept_out = kept_out or {}
    by_offset = {(f.mention.char_start, f.mention.char_end): f for f in facts if f.mention.source != "table"}
    out = []
    for block in blocks:
        periods = find_periods(text, language, block.start, block.end)
        for fig in find_figures(text, language, block.start, block.end):
            if any(p.char_start <= fig.start < p.char_end for p in periods):
                continue  # the sweep records it as part of a date
            fact = by_offset.get((fig.start, fig.end))
            record = FigureRecord(fig.value, fig.unit, fig.surface, fig.start, fig.end, page_of(fig.start), "prose",
                                  _sentence_around(text, fig.start, fig.end), precision=fig.precision, fact=fact)
            if fact is None:
                record.skip_reason = (reference_or_page_number(text, fig.start, fig.end)
                                      or kept_out.get((fig.start, fig.end)) or not_a_level(text, fig) or NO_CUE)
            out.append(record)
    return out


NO_CUE = "no indicator, unit or period cue that fits it in its sentence"


def reference_or_page_number(text: str, start: int, end: int) -> str | None:
    r"""A number of running text that is a page number or a reference (a cue right before it), else None.

    >>> reference_or_page_number("selon l'article 12", 16, 18), reference_or_page_number("fin\n- 3 -\n", 6, 7)
    ('legal or page reference', 'page number')
    >>> reference_or_page_number("Die Stadt zählt 12 Schulen.", 16, 18) is None
    True
    """
    if _is_page_number(text, start, end):
        return "page number"
    if _reference_cue().search(fold(text[max(0, start - 60): start])):
        return "legal or page reference"
    return None


def account_for_every_number(text: str, records: list[FigureRecord], language: str, page_of) -> list[FigureRecord]:
    """Records for the digit runs no figure record covers: dates, references, page numbers, the rest."""
    covered = Spans((r.char_start, r.char_end) for r in records)
    periods = Spans((p.char_start, p.char_end) for p in find_periods(text, language))
    out = []
    for m in _DIGITS.finditer(text):
        s, e = m.start(), m.end()
        if covered.contain(s, e):
            continue
        if periods.contain(s, e):
            reason = "part of a date"
        elif reference := reference_or_page_number(text, s, e):
            reason = reference
        elif re.match(rf"\s*(?:°|{ORDINAL_SUFFIX}(?![a-zà-ÿ])|\.\s*[A-Z(])", text[e: e + 4]) or text[s - 1: s] in "-/":
            reason = "ordinal, numbering or code"
        else:
            reason = "number not read as a figure"
        try:
            value = float(m.group().replace(",", "."))
        except ValueError:
            value = float(re.sub(r"\D", "", m.group()) or 0)
        out.append(FigureRecord(value, None, m.group(), s, e, page_of(s), "text", _sentence_around(text, s, e),
                                skip_reason=reason))
    return out


class Spans:
    """Spans of a text, asked whether one of them contains a stretch: in log time, since a long
    document has tens of thousands of digit runs and as many spans (a scan per run was quadratic).

    >>> spans = Spans([(10, 20), (0, 5), (12, 14)])
    >>> spans.contain(13, 14), spans.contain(3, 5), spans.contain(4, 6), spans.contain(21, 22)
    (True, True, False, False)
    """

    def __init__(self, spans):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(itertools.accumulate((b for _, b in ordered), max))  # furthest end so far

    def contain(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1  # the spans starting at or before `start`
        return i >= 0 and self.reach[i] >= end


def _is_page_number(text: str, s: int, e: int) -> bool:
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line = text[line_start: line_end if line_end >= 0 else len(text)]
    return bool(re.fullmatch(r"\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*(?:/\s*\d{1,4})?\s*", line))


def _sentence_around(text: str, s: int, e: int, width: int = 160) -> str:
    start = max(text.rfind("\n", 0, s) + 1, s - width)
    end = text.find("\n", e)
    end = min(end if end >= 0 else len(text), e + width)
    return re.sub(r"\s+", " ", text[start:end]).strip()
