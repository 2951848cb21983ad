"""One page read as paragraphs and tables in reading order: characters → words → ruled tables →
borderless tables → XY cut of the rest → lines → paragraphs (a paragraph ends at a vertical gap; a
wrapped line joins the next with a space, otherwise the line break is kept).
"""
from __future__ import annotations

from extractors.read.pdf_layout.lines import Line, group_lines, make_line
from extractors.read.pdf_layout.reading_order import Fragment, fragments, xy_cut
from extractors.read.pdf_layout.ruled_tables import ruled_tables
from extractors.read.pdf_layout.text_tables import borderless_tables
from extractors.read.pdf_layout.units import Unit
from extractors.read.pdf_layout.words import Word, page_words


def page_chars(page) -> list[dict]:
    """The page's characters as small dicts (text, x0, x1, top, bottom, size, upright), read straight
    from pdfminer's layout, in pdfplumber's coordinates.

    pdfplumber's own `page.chars` builds a dict of some twenty resolved attributes per
    character, which costs more than pdfminer's parsing itself. Here only the lines,
    rectangles and curves go through pdfplumber (`process_object`), and they are left
    in the page's object cache, where `find_tables` reads its edges from.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    chars: list[dict] = []
    shapes: dict[str, list[dict]] = {}
    stack = [iter(page.layout._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                chars.append({
                    "text": obj.get_text(), "x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0,
                    "top": height - obj.y1 + mb_top, "bottom": height - obj.y0 + mb_top,
                    "size": obj.size, "upright": obj.upright,
                })
            elif isinstance(obj, LTCurve):  # LTLine and LTRect too
                shape = page.process_object(obj)
                shapes.setdefault(shape["object_type"], []).append(shape)
            elif isinstance(obj, LTContainer):  # a form XObject (LTFigure): its children
                stack.append(iter(obj._objs))
                break
        else:
            stack.pop()
    page._objects = shapes  # pdfplumber's cache of the page's objects (dropped by page.close())
    return chars


def median_size(words: list[Word]) -> float:
    if not words:
        return 10.0
    sizes = sorted(w.size for w in words)
    return float(sizes[len(sizes) // 2]) or 10.0


def page_units(page, chars: list[dict] | None = None, scanned: bool = False) -> list[Unit]:
    """Paragraphs and tables of one pdfplumber page, in reading order; from `chars` when given
    (`page_chars`, or the page read by OCR: `scanned`), else from the page's text layer."""
    words = page_words(page_chars(page) if chars is None else chars)
    if not words:
        return []
    size = median_size(words)
    tables, rest = ruled_tables(page, words, scanned=scanned)
    more, rest = borderless_tables(rest, size)
    tables += more
    items = [Fragment(unit=t) for t in tables]
    if rest:
        items += fragments(rest, max(6.0, 0.9 * size))
    if not items:
        return []
    # The text's left edge (not an outlier such as a page number) mirrors its right edge.
    starts = sorted(f.x0 for f in items)
    left = starts[len(starts) // 10]
    right = max(max(f.x1 for f in items), float(page.width) - left)
    left = starts[0]
    leaves: list = []
    xy_cut(items, left, right, size, leaves)
    units: list[Unit] = []
    for leaf, _lo, hi in leaves:
        text_words: list[Word] = []
        for f in sorted(leaf, key=lambda f: f.top):
            if f.unit is not None:
                units.append(f.unit)
            else:
                text_words.extend(f.words)
        if not text_words:
            continue
        for line_words in group_lines(text_words):
            line = make_line(line_words, hi)
            last = units[-1] if units else None
            if last is not None and last.kind == "para" and _same_paragraph(last.lines[-1], line):
                last.lines.append(line)
                last.bottom = max(last.bottom, line.bottom)
                last.x1 = max(last.x1, line.x1)
                last.x0 = min(last.x0, line.x0)
            else:
                units.append(Unit("para", line.top, line.bottom, line.x0, line.x1, lines=[line]))
    return [u.freeze() for u in units]


def _same_paragraph(a: Line, b: Line) -> bool:
    """b follows a in one paragraph: just below it, overlapping it horizontally, about the same size."""
    if b.top < a.top:
        return False
    gap = b.top - a.bottom
    if gap > 0.5 * max(a.size, b.size):
        return False
    if b.x0 > a.x1 or b.x1 < a.x0:
        return False
    return abs(a.size - b.size) <= 0.15 * max(a.size, b.size)
