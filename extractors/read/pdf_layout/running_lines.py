"""The document's pages together: lines that run on every page (headers, footers, page numbers), found
in the top and bottom bands of the pages, so that the joined text leaves them out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.lexicon import alternation
from extractors.read.pdf_layout.units import Unit


_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:" + alternation("tables.yaml", "page_labels") + r"\s*)?\d{1,4}(?:\s*"
    + alternation("tables.yaml", "page_count_links") + r"\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)


@dataclass
class PageUnits:
    units: list[Unit]
    height: float


def _band_candidates(page: PageUnits) -> list[tuple[int, str, float]]:
    """(index, masked text, rounded top) of one-line paragraphs at the very top or bottom of a page."""
    out = []
    band = 0.12 * page.height
    units = page.units
    for k in {0, 1, len(units) - 2, len(units) - 1}:
        if not 0 <= k < len(units):
            continue
        u = units[k]
        if u.kind != "para" or u.n_lines != 1:
            continue
        if u.bottom <= band or u.top >= page.height - band:
            masked = re.sub(r"\d+", "#", " ".join(u.text.split()))
            out.append((k, masked, round(u.top / 2)))
    return out


def running_lines(pages: list[PageUnits]) -> list[set[int]]:
    """Indexes of the units to drop on each page: lines repeated at the same place on most
    pages (digits masked, so "Page 3 / 12" repeats), and bare page numbers in the top or bottom band.
    """
    candidates = [_band_candidates(p) for p in pages]
    counts: dict[tuple[str, int], int] = {}
    for cands in candidates:
        for key in {(m, t) for _, m, t in cands}:
            counts[key] = counts.get(key, 0) + 1
    # Running headers are often missing on the first page (the cover): count over the others.
    need = max(2, (len(pages) - 1) // 2) if len(pages) > 2 else 2
    drop: list[set[int]] = []
    for page, cands in zip(pages, candidates):
        gone = set()
        for k, masked, top in cands:
            repeated = max(counts.get((masked, t), 0) for t in (top - 1, top, top + 1)) >= need
            text = page.units[k].text.strip()
            if repeated or _PAGE_NUMBER.match(text):
                gone.add(k)
        drop.append(gone)
    return drop
