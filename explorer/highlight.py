"""A document's text with each figure marked: a fact, a flagged fact, or a number that did not
become a fact; the mark carries its label and reason for the tooltip and the details panel."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

KINDS = ("fact", "flagged", "skipped")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # one of KINDS
    element_id: str
    label: str
    reason: str = ""
    box_id: str | None = None  # its box on the page image, for a PDF
    finding_ids: tuple[str, ...] = ()


def without_overlaps(marks: list[Mark]) -> list[Mark]:
    """The marks in text order; of two that overlap, the earlier (then the longer) one stays.

    >>> [m.element_id for m in without_overlaps([Mark(5, 9, "fact", "b", ""), Mark(0, 6, "fact", "a", ""),
    ...                                          Mark(9, 10, "skipped", "c", "")])]
    ['a', 'c']
    """
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, m.start - m.end)):
        if mark.end > mark.start and (not kept or mark.start >= kept[-1].end):
            kept.append(mark)
    return kept


def mark_html(mark: Mark, written: str) -> str:
    title = mark.label + (f"\n{mark.reason}" if mark.reason else "")
    attributes = {
        "id": mark.element_id, "class": f"fig {mark.kind}", "tabindex": "0", "title": title,
        "data-label": mark.label, "data-reason": mark.reason, "data-kind": mark.kind,
        "data-box": mark.box_id or "", "data-findings": " ".join(mark.finding_ids),
    }
    rendered = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items() if value)
    return f"<mark {rendered}>{escape(written)}</mark>"


def highlighted(text: str, marks: list[Mark], start: int = 0, end: int | None = None) -> str:
    """HTML of text[start:end] with the marks (already without overlaps) that lie inside it.

    >>> highlighted("Le taux est de 9,2 %.", [Mark(15, 20, "flagged", "f1", "rate")])
    'Le taux est de <mark id="f1" class="fig flagged" tabindex="0" title="rate" data-label="rate" data-kind="flagged">9,2 %</mark>.'
    """
    end = len(text) if end is None else end
    parts, position = [], start
    for mark in marks:
        if mark.start < start or mark.end > end:
            continue
        parts.append(escape(text[position:mark.start]))
        parts.append(mark_html(mark, text[mark.start:mark.end]))
        position = mark.end
    parts.append(escape(text[position:end]))
    return "".join(parts)
