"""The layout of one PDF page as text units: paragraphs and tables, in reading order.

Pure geometry over pdfplumber's characters; `extractors.read.loading.pdf_to_text`
opens the file, feeds pages here one at a time and joins the pages.

A page is read as:
1. words: the page's characters, sorted once by baseline then x, cut at spaces
   and gaps (one pass, no per-word pdfplumber calls); overprinted duplicates dropped;
2. ruled tables: pdfplumber's lines strategy, only on pages that draw lines or
   rectangles; each word goes to the cell holding its centre;
3. borderless tables: rows of words whose big gaps line up in columns
   (gutters), with figures in them; a cell's inner spaces ("5 998 916") never
   split it; a row holding only the tail of a wrapped number joins the row above;
4. everything else: a recursive XY cut over line fragments (the widest gap first,
   vertical gutters only across two or more lines), so two columns are read one
   after the other and never merged line by line;
5. lines -> paragraphs: a paragraph ends at a vertical gap; a line that could
   not have held the next line's first word was wrapped and joins it with a space,
   otherwise the line break is kept.

Each emitted character that belongs to a figure (digits, separators between
digits, "%" after a number) keeps its box (x0, top, x1, bottom) on the page, and
the first character of every other word holds the word's box (figures written
in words); other characters have none, which keeps the box map small.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from extractors.lexicon import alternation

Box = tuple[float, float, float, float]

_NUMBER_PUNCT = frozenset(".,'’")
_SUPERSCRIPT = dict(zip("0123456789()*", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾*"))
_BULLET = re.compile(r"^(?:[•◦▪■●‣∙·\-–—*]|\(?\d{1,2}[.)]|[a-z][.)])$")


# --------------------------------------------------------------------------
# compact boxes
# --------------------------------------------------------------------------


class BoxMap(Mapping):
    """Character offset -> (x0, top, x1, bottom), stored in arrays (offsets must be added in order).

    >>> m = BoxMap(); m.add(3, (1.0, 2.0, 3.5, 4.25)); m.add(7, (0.0, 0.0, 1.0, 1.0))
    >>> m[3], 7 in m, 4 in m, len(m), list(m)
    ((1.0, 2.0, 3.5, 4.25), True, False, 2, [3, 7])
    """

    __slots__ = ("_offsets", "_coords")

    def __init__(self) -> None:
        self._offsets = array("q")
        self._coords = array("i")  # thousandths of a point

    def add(self, offset: int, box: Box) -> None:
        self._offsets.append(offset)
        self._coords.extend((round(box[0] * 1000), round(box[1] * 1000), round(box[2] * 1000), round(box[3] * 1000)))

    def extend_packed(self, base: int, packed: array) -> None:
        """Add boxes packed as [offset, x0, top, x1, bottom, ...] (ints, thousandths), shifted by base."""
        offsets, coords = self._offsets, self._coords
        for i in range(0, len(packed), 5):
            offsets.append(base + packed[i])
            coords.extend(packed[i + 1 : i + 5])

    def _index(self, offset) -> int:
        i = bisect_left(self._offsets, offset)
        if i < len(self._offsets) and self._offsets[i] == offset:
            return i
        return -1

    def __getitem__(self, offset: int) -> Box:
        i = self._index(offset) if isinstance(offset, int) else -1
        if i < 0:
            raise KeyError(offset)
        c = self._coords[4 * i : 4 * i + 4]
        return (c[0] / 1000, c[1] / 1000, c[2] / 1000, c[3] / 1000)

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and self._index(offset) >= 0

    def __iter__(self) -> Iterator[int]:
        return iter(self._offsets)

    def __len__(self) -> int:
        return len(self._offsets)

    def __repr__(self) -> str:
        return f"BoxMap({len(self)} boxes)"


# --------------------------------------------------------------------------
# text with boxes
# --------------------------------------------------------------------------


class Run:
    """Text being built, with the boxes of its figure characters (offsets relative to the run).

    >>> r = Run(); r.add_text("a "); r.add_text("5", (1, 2, 3, 4)); r.text, list(r.boxes)
    ('a 5', [2, 1000, 2000, 3000, 4000])
    """

    __slots__ = ("parts", "boxes", "length")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.boxes = array("i")
        self.length = 0

    def add_text(self, text: str, box: Box | None = None) -> None:
        if box is not None:
            self.boxes.extend((self.length, round(box[0] * 1000), round(box[1] * 1000), round(box[2] * 1000),
                               round(box[3] * 1000)))
        self.parts.append(text)
        self.length += len(text)

    def add_run(self, other: "Run") -> None:
        base = self.length
        b = other.boxes
        for i in range(0, len(b), 5):
            self.boxes.append(b[i] + base)
            self.boxes.extend(b[i + 1 : i + 5])
        self.parts.extend(other.parts)
        self.length += other.length

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""


# --------------------------------------------------------------------------
# words
# --------------------------------------------------------------------------


class Word:
    __slots__ = ("x0", "top", "x1", "bottom", "size", "lid", "chars", "texts", "raised")

    def __init__(self, char: dict, text: str, lid: int) -> None:
        self.raised = False  # a superscript, set by group_lines
        self.x0 = char["x0"]
        self.x1 = char["x1"]
        self.top = char["top"]
        self.bottom = char["bottom"]
        self.size = char["size"]
        self.lid = lid
        self.chars = [char]
        self.texts = [text]

    def add(self, char: dict, text: str) -> None:
        if self.x1 < char["x1"]:
            self.x1 = char["x1"]
        if char["top"] < self.top:
            self.top = char["top"]
        if char["bottom"] > self.bottom:
            self.bottom = char["bottom"]
        if char["size"] > self.size:
            self.size = char["size"]
        self.chars.append(char)
        self.texts.append(text)

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def has_digit(self) -> bool:
        return any(t.isdigit() for t in self.texts)

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.x0:.1f}, {self.top:.1f})"


def page_words(chars: list[dict]) -> list[Word]:
    """Words of a page, ordered by baseline (top to bottom) then x.

    Characters are clustered by their bottom (1 pt), so a superscript is its own
    word on its own baseline; a space or a gap wider than 0.15 em ends a word.

    >>> c = lambda t, x, b=20: {"text": t, "x0": x, "x1": x + 5, "top": b - 10, "bottom": b, "size": 10, "upright": True}
    >>> [w.text for w in page_words([c("b", 5), c("a", 0), c(" ", 10), c("1", 15), c("x", 0, 40)])]
    ['ab', '1', 'x']
    """
    cs = [c for c in chars if c.get("upright", True) and c["text"]]
    cs.sort(key=itemgetter("bottom"))
    keyed = []
    lid = 0
    last = None
    for c in cs:
        b = c["bottom"]
        if last is not None and b - last > 1.0:
            lid += 1
        last = b
        keyed.append((lid, c["x0"], c))
    keyed.sort(key=lambda k: (k[0], k[1]))
    words: list[Word] = []
    cur: Word | None = None
    prev: dict | None = None
    for lid, x0, c in keyed:
        t = c["text"]
        if t.isspace():
            cur = None
            continue
        if cur is not None and cur.lid == lid:
            if prev is not None and t == prev["text"] and abs(x0 - prev["x0"]) < 1:
                continue  # the same glyph printed twice (fake bold)
            if x0 - prev["x1"] <= max(0.8, 0.15 * c["size"]):
                if "\u0300" <= t[0] <= "\u036f":
                    _compose_into(cur, c, t)
                else:
                    cur.add(c, t)
                prev = c
                continue
        cur = Word(c, t, lid)
        words.append(cur)
        prev = c
    return words


def _compose_into(word: Word, char: dict, mark: str) -> None:
    """Combine an accent with the previous character (NFC), the base keeping a box covering both."""
    base = word.texts[-1]
    composed = unicodedata.normalize("NFC", base + mark)
    if len(composed) == len(base):
        word.texts[-1] = composed
        if word.x1 < char["x1"]:
            word.x1 = char["x1"]
        if char["top"] < word.top:
            word.top = char["top"]
    else:
        word.add(char, mark)


def _char_box(c: dict) -> Box:
    return (c["x0"], c["top"], c["x1"], c["bottom"])


def append_words(run: Run, words: list[Word]) -> None:
    """Append words (one visual line, left to right) to run, a space where they are apart.

    Boxes are kept for digits, for "." "," "'" between digits and for "%" after a number.
    """
    prev_word: Word | None = None
    for w in words:
        if prev_word is not None and w.x0 - prev_word.x1 > 0.1 * min(w.size, prev_word.size):
            if prev_word.texts[-1][-1:].isdigit() and w.texts[0][:1].isdigit():
                # A thousands separator: its box is the gap between the digits.
                a, b = prev_word.chars[-1], w.chars[0]
                run.add_text(" ", (a["x1"], min(a["top"], b["top"]), b["x0"], max(a["bottom"], b["bottom"])))
            else:
                run.add_text(" ")
        texts = w.texts
        if w.raised and all(t in _SUPERSCRIPT for t in texts):
            # A raised footnote mark ("5 998 916¹") must not lengthen the figure before it.
            run.add_text("".join(_SUPERSCRIPT[t] for t in texts), (w.x0, w.top, w.x1, w.bottom))
            prev_word = w
            continue
        digits = [t.isdigit() for t in texts]
        if not any(digits) and not (texts == ["%"] and prev_word is not None and prev_word.texts[-1].isdigit()):
            # A word's first character carries the word's box: figures in words ("cinquante-cinq") get one.
            run.add_text(w.text, (w.x0, w.top, w.x1, w.bottom))
            prev_word = w
            continue
        n = len(texts)
        for i, t in enumerate(texts):
            keep = digits[i]
            if not keep:
                if t in _NUMBER_PUNCT:
                    keep = 0 < i < n - 1 and digits[i - 1] and digits[i + 1]
                elif t == "%":
                    keep = (i > 0 and digits[i - 1]) or (i == 0 and prev_word is not None and prev_word.texts[-1].isdigit())
            if i == 0 and not keep:
                run.add_text(t, (w.x0, w.top, w.x1, w.bottom))
            elif keep:
                box = _char_box(w.chars[i]) if len(w.chars) == n else (w.x0, w.top, w.x1, w.bottom)
                if len(t) == 1:
                    run.add_text(t, box)
                else:  # a ligature or multi-character glyph: every character gets the glyph's box
                    for ch in t:
                        run.add_text(ch, box)
            else:
                run.add_text(t)
        prev_word = w


# --------------------------------------------------------------------------
# lines
# --------------------------------------------------------------------------


@dataclass
class Line:
    run: Run
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    first_width: float  # width of the first word
    bullet: bool  # starts with a list mark ("•", "-", "1.")
    right: float = 0.0  # right edge of the column the line sits in

    @property
    def text(self) -> str:
        return self.run.text


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Visual lines: words on one baseline, with smaller raised/lowered words (superscripts) joined
    to the nearest full-size line; top to bottom, each left to right.

    >>> w = lambda t, x, b, s=10: Word({"x0": x, "x1": x + 5, "top": b - s, "bottom": b, "size": s}, t, b)
    >>> [[x.texts[0] for x in line] for line in group_lines([w("1", 0, 20), w("er", 6, 16, 7), w("janvier", 14, 20), w("x", 0, 35)])]
    [['1', 'er', 'janvier'], ['x']]
    """
    by_lid: dict[int, list[Word]] = {}
    for w in words:
        by_lid.setdefault(w.lid, []).append(w)
    groups = [[g, max(w.size for w in g), sum(w.bottom for w in g) / len(g)] for g in by_lid.values()]
    groups.sort(key=itemgetter(2))
    if len(groups) > 1:
        full = [g for g in groups if not _is_script(g, groups)]
        if full and len(full) < len(groups):
            for g in groups:
                if any(g is f for f in full):
                    continue
                nearest = min(full, key=lambda f: abs(f[2] - g[2]))
                nearest[0] = nearest[0] + g[0]
                if g[2] < nearest[2] - 0.2 * nearest[1]:
                    for w in g[0]:
                        w.raised = True
            groups = full
    out = []
    for g in groups:
        line = sorted(g[0], key=lambda w: w.x0)
        out.append(line)
    return out


def _is_script(group, groups) -> bool:
    """A baseline of smaller words sitting within a neighbouring line of bigger words."""
    size, base = group[1], group[2]
    for other in groups:
        if other is group or other[1] < size * 1.15:
            continue
        if abs(other[2] - base) < 0.75 * other[1]:
            return True
    return False


def make_line(words: list[Word], right: float) -> Line:
    run = Run()
    append_words(run, words)
    first = words[0]
    return Line(
        run=run, x0=first.x0, top=min(w.top for w in words), x1=max(w.x1 for w in words),
        bottom=max(w.bottom for w in words), size=max(w.size for w in words), first_width=first.x1 - first.x0,
        bullet=bool(_BULLET.match(first.text)), right=right,
    )


def wrap_separator(before: str, after: str) -> str:
    """What joins a wrapped line to the next: a space, or nothing after a hyphen that cuts a word.

    >>> wrap_separator("la for-", "mation"), wrap_separator("Hauts-de-", "France"), wrap_separator("un", "mot")
    ('', '', ' ')
    """
    if len(before) > 1 and before[-1] in "-\u00ad" and before[-2].isalpha() and after[:1].isalpha():
        return ""
    return " "


def joins_as_wrap(a: Line, b: Line) -> bool:
    """Whether line b continues line a (a was wrapped): b's first word would not have fit after a.

    >>> mk = lambda x1, w, bullet=False: Line(Run(), 0, 0, x1, 10, 10, w, bullet, right=100)
    >>> joins_as_wrap(mk(95, 20), mk(50, 20)), joins_as_wrap(mk(40, 20), mk(50, 20)), joins_as_wrap(mk(95, 20), mk(50, 5, True))
    (True, False, False)
    """
    if b.bullet:
        return False
    space = 0.28 * a.size
    return a.x1 + space + b.first_width > a.right + 0.5


# --------------------------------------------------------------------------
# units of a page
# --------------------------------------------------------------------------


@dataclass
class Unit:
    """A paragraph (lines, joined by a space when wrapped) or a table (rows of TAB-separated cells)."""

    kind: str  # 'para' or 'table'
    top: float
    bottom: float
    x0: float
    x1: float
    lines: list[Line] = field(default_factory=list)  # para
    rows: list[Run] = field(default_factory=list)  # table
    columns: int = 0
    # Set by freeze(): the unit's text and packed boxes; a paragraph keeps only its first
    # and last lines (geometry, for joins across pages), a table the offsets of its rows.
    text: str | None = None
    packed: array | None = None
    n_lines: int = 0
    row_starts: list[int] = field(default_factory=list)
    head: list[str] | None = None  # a continued table: the rows its first page began with

    def run(self) -> Run:
        out = Run()
        if self.kind == "table":
            self.row_starts = []
            for k, row in enumerate(self.rows):
                if k:
                    out.add_text("\n")
                self.row_starts.append(out.length)
                out.add_run(row)
            return out
        for k, line in enumerate(self.lines):
            if k:
                out.add_text(wrap_separator(self.lines[k - 1].run.text, line.run.text)
                             if joins_as_wrap(self.lines[k - 1], line) else "\n")
            out.add_run(line.run)
        return out

    def freeze(self) -> "Unit":
        r"""Keep the text and boxes, drop the words: what a page keeps until the document is joined.

        >>> r = Run(); r.add_text("a\tb"); u = Unit("table", 0, 1, 0, 1, rows=[r, r], columns=2).freeze()
        >>> u.text, u.row_starts, u.rows
        ('a\tb\na\tb', [0, 4], [])
        """
        run = self.run()
        self.text, self.packed = run.text, run.boxes
        self.n_lines = len(self.lines) if self.kind == "para" else len(self.rows)
        if self.kind == "para":
            self.lines = [self.lines[0], self.lines[-1]] if len(self.lines) > 1 else self.lines[:1]
            for line in self.lines:
                line.run = None
        self.rows = []
        return self

    def row_texts(self) -> list[str]:
        """A frozen table's rows, spaces normalised."""
        return ["\t".join(" ".join(c.split()) for c in row.split("\t")) for row in self.text.split("\n")]

    def drop_rows(self, k: int) -> None:
        """Drop a frozen table's first k rows."""
        if k >= len(self.row_starts):
            self.text, self.packed, self.row_starts, self.n_lines = "", array("i"), [], 0
            return
        cut = self.row_starts[k]
        packed = array("i")
        old = self.packed
        for i in range(0, len(old), 5):
            if old[i] >= cut:
                packed.append(old[i] - cut)
                packed.extend(old[i + 1 : i + 5])
        self.text, self.packed = self.text[cut:], packed
        self.row_starts = [s - cut for s in self.row_starts[k:]]
        self.n_lines -= k


# --------------------------------------------------------------------------
# ruled tables
# --------------------------------------------------------------------------


def ruled_tables(page, words: list[Word], scanned: bool = False) -> tuple[list[Unit], list[Word]]:
    """Tables drawn with lines (pdfplumber lines strategy) and the words outside them.

    Pages that draw no lines or rectangles are not searched (no table can be found there).
    On a scanned page (rules found in its image, see extractors.read.ocr), a grid's rules break
    where a vector grid's do not (pale rules lost, a gap between the labels and the figures):
    grids side by side with aligned rows are joined, and labels left of a grid become its stub.
    """
    objects = page.objects  # only lines, rectangles and curves: see page_chars
    if not (objects.get("rect") or objects.get("line") or objects.get("curve")):
        return [], words
    tables = [t for t in page.find_tables() if len(t.columns) >= 2]
    if not tables:
        return [], words
    if scanned:
        tables = join_side_by_side(tables)
        tables = [with_outside_stub(t, words, tables) for t in tables]
    units = []
    rest = []
    assigned: list[list[Word]] = [[] for _ in tables]
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        for k, t in enumerate(tables):
            x0, top, x1, bottom = t.bbox
            if x0 <= cx <= x1 and top <= cy <= bottom:
                assigned[k].append(w)
                break
        else:
            rest.append(w)
    for t, inside in zip(tables, assigned):
        unit = _ruled_unit(t, inside)
        if unit is not None:
            units.append(unit)
    return units, rest


@dataclass
class _Row:
    cells: list[Box | None]


@dataclass
class _JoinedTable:
    """Two ruled tables side by side read as one (what pdfplumber's table offers `_ruled_unit`)."""

    rows: list[_Row]
    bbox: Box


def join_side_by_side(tables: list, tolerance: float = 3.0) -> list:
    """Tables side by side whose rows line up are one table: a grid whose rules break between its
    label column and its figures (a scanned table's pale rules, a spreadsheet's empty column).

    The left one's rows and the right one's are matched by their tops; the joined table needs at
    least three matched rows, four in five of the shorter table's.
    """
    def tops(t) -> list[float]:
        return [min(c[1] for c in r.cells if c is not None) for r in t.rows]

    out = list(tables)
    joined = True
    while joined:
        joined = False
        for a in out:
            for b in out:
                if a is b or b.bbox[0] < a.bbox[2] - tolerance or b.bbox[1] >= a.bbox[3] or a.bbox[1] >= b.bbox[3]:
                    continue
                ta, tb = tops(a), tops(b)
                matched = sum(1 for y in tb if any(abs(y - x) <= tolerance for x in ta))
                if matched < 3 or matched < 0.8 * min(len(ta), len(tb)):
                    continue
                out = [t for t in out if t is not a and t is not b] + [_join(a, b, ta, tb, tolerance)]
                joined = True
                break
            if joined:
                break
    return sorted(out, key=lambda t: (t.bbox[1], t.bbox[0]))


def with_outside_stub(table, words: list[Word], tables: list) -> object:
    """The table with a first column for the row labels written left of its grid, on its rows' lines
    (a grid ruled only around its figures), when most of its rows have one; else the table as it is.
    """
    def inside_any(w: Word) -> bool:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return any(t.bbox[0] <= cx <= t.bbox[2] and t.bbox[1] <= cy <= t.bbox[3] for t in tables)

    x0, top, _, bottom = table.bbox
    left = [w for w in words if w.x1 <= x0 and top <= (w.top + w.bottom) / 2 <= bottom and not inside_any(w)]
    if not left:
        return table
    spans = []
    for row in table.rows:
        cells = [c for c in row.cells if c is not None]
        spans.append((min(c[1] for c in cells), max(c[3] for c in cells)))
    labelled = [any(a <= (w.top + w.bottom) / 2 <= b for w in left) for a, b in spans]
    if sum(labelled) < max(3, 0.6 * len(spans)):
        return table
    start = min(w.x0 for w in left)
    rows = [_Row([(start, a, x0, b)] + list(row.cells)) for (a, b), row in zip(spans, table.rows)]
    return _JoinedTable(rows, (start, top, table.bbox[2], bottom))


def _join(a, b, ta: list[float], tb: list[float], tolerance: float) -> _JoinedTable:
    na = max(len(r.cells) for r in a.rows)
    nb = max(len(r.cells) for r in b.rows)
    rows: list[tuple[float, list]] = []
    used = set()
    for y, row in zip(ta, a.rows):
        k = next((k for k, x in enumerate(tb) if k not in used and abs(x - y) <= tolerance), None)
        right = list(b.rows[k].cells) + [None] * (nb - len(b.rows[k].cells)) if k is not None else [None] * nb
        if k is not None:
            used.add(k)
        rows.append((y, list(row.cells) + [None] * (na - len(row.cells)) + right))
    for k, (y, row) in enumerate(zip(tb, b.rows)):
        if k not in used:
            rows.append((y, [None] * na + list(row.cells) + [None] * (nb - len(row.cells))))
    rows.sort(key=lambda r: r[0])
    box = (min(a.bbox[0], b.bbox[0]), min(a.bbox[1], b.bbox[1]), max(a.bbox[2], b.bbox[2]), max(a.bbox[3], b.bbox[3]))
    return _JoinedTable([_Row(cells) for _, cells in rows], box)


def _ruled_unit(table, words: list[Word]) -> Unit | None:
    rows = table.rows
    ncols = max(len(r.cells) for r in rows)
    cells: list[tuple[Box, int, int]] = []
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.cells):
            if cell is not None:
                cells.append((cell, i, j))
    content: dict[tuple[int, int], list[Word]] = {}
    row_tops = [min(c[1] for c in r.cells if c is not None) for r in rows]
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        r = bisect_right(row_tops, cy) - 1
        found = None
        if r >= 0:
            for j, cell in enumerate(rows[r].cells):
                if cell is not None and cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]:
                    found = (r, j)
                    break
        if found is None:  # in a cell spanning rows from above
            for cell, i, j in cells:
                if cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]:
                    found = (i, j)
                    break
        if found is not None:
            content.setdefault(found, []).append(w)
    out_rows: list[Run] = []
    for i in range(len(rows)):
        run = Run()
        has_text = False
        for j in range(ncols):
            if j:
                run.add_text("\t")
            cell_words = content.get((i, j))
            if cell_words:
                for k, line in enumerate(group_lines(cell_words)):
                    if k:
                        run.add_text(" ")
                    append_words(run, line)
                has_text = True
        if has_text:
            out_rows.append(run)
    if not out_rows:
        return None
    x0, top, x1, bottom = table.bbox
    return Unit("table", top, bottom, x0, x1, rows=out_rows, columns=ncols)


# --------------------------------------------------------------------------
# borderless tables
# --------------------------------------------------------------------------


def _segments(line: list[Word], gap: float) -> list[list[Word]]:
    segs = [[line[0]]]
    for w in line[1:]:
        if w.x0 - segs[-1][-1].x1 >= gap:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def borderless_tables(words: list[Word], size: float) -> tuple[list[Unit], list[Word]]:
    """Tables without rules: runs of lines whose wide gaps line up, with figures in their cells.

    Columns are the x-intervals between gutters (gaps of at least ~1 em crossed by
    no data row); a cell's inner spaces are far narrower, so "5 998 916" stays whole.
    """
    if len(words) < 4:
        return [], words
    gap = max(6.0, 0.9 * size)
    lines = group_lines(words)
    info = []
    for line in lines:
        segs = _segments(line, gap)
        info.append((line, segs))
    units: list[Unit] = []
    used: set[int] = set()
    i = 0
    n = len(info)
    while i < n:
        if len(info[i][1]) < 2:
            i += 1
            continue
        # Extend the run while lines follow closely; single-segment lines may sit inside it.
        j = i
        last_multi = i
        while j + 1 < n:
            a, b = info[j][0], info[j + 1][0]
            a_bottom = max(w.bottom for w in a)
            b_top = min(w.top for w in b)
            if b_top - a_bottom > 1.6 * size:
                break
            j += 1
            if len(info[j][1]) >= 2:
                last_multi = j
        run = info[i : last_multi + 1]
        # Lines just after the last row may finish its cells ("5 998" / "916").
        tail = []
        k = last_multi + 1
        while k < n and len(tail) < 3:
            a_bottom = max(w.bottom for w in info[k - 1][0])
            if min(w.top for w in info[k][0]) - a_bottom > 0.5 * size:
                break
            tail.append(info[k])
            k += 1
        unit, taken = _borderless_unit(run, gap, size, tail)
        if unit is not None:
            last_multi += taken
            units.append(unit)
            for line, _ in info[i : last_multi + 1]:
                used.update(id(w) for w in line)
            i = last_multi + 1
        elif sum(1 for _, segs in run if any(w.has_digit() for seg in segs[1:] for w in seg)) < 2:
            i = last_multi + 1  # no two rows of figures: no part of this run is a table either
        else:
            i += 1
    if not units:
        return [], words
    return units, [w for w in words if id(w) not in used]


def _borderless_unit(run, gap: float, size: float, tail=()) -> tuple[Unit | None, int]:
    """The table of a run of lines (None when they do not read as one), and how many of the
    `tail` lines after the run it took: those that only continue its last row's cells.
    """
    multi = [(line, segs) for line, segs in run if len(segs) >= 2]
    if len(multi) < 2:
        return None, 0
    data = [(line, segs) for line, segs in multi if sum(any(w.has_digit() for w in s) for s in segs[1:]) >= 1]
    basis = data if len(data) >= 2 else multi
    # Coverage of x by the basis rows' segments; a gutter is left uncovered by (nearly) all of them.
    intervals = sorted((s[0].x0, max(w.x1 for w in s)) for _, segs in basis for s in segs)
    left = min(a for a, _ in intervals)
    right = max(b for _, b in intervals)
    gutters = []
    reach = intervals[0][1]
    for a, b in intervals[1:]:
        if a - reach >= gap:
            gutters.append((reach, a))
        reach = max(reach, b)
    if not gutters:
        return None, 0
    bounds = [left] + [(g[0] + g[1]) / 2 for g in gutters] + [right]
    ncols = len(bounds) - 1

    def column(seg) -> int:
        # The column of the segment's left edge: a cell spanning columns sits in the first it covers.
        return min(max(bisect_right(bounds, seg[0].x0) - 1, 0), ncols - 1)

    rows: list[list[list[Word]]] = []
    row_geo: list[tuple[float, float]] = []
    gaps = sorted(min(w.top for w in b) - max(w.bottom for w in a) for (a, _), (b, _) in zip(run, run[1:]))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    for line, _ in run:
        cells: list[list[Word]] = [[] for _ in range(ncols)]
        for seg in _segments(line, gap):
            cells[column(seg)].extend(seg)
        top = min(w.top for w in line)
        bottom = max(w.bottom for w in line)
        if rows and _continues(rows[-1], cells, top - row_geo[-1][1] < usual - 0.25 * size):
            for k, c in enumerate(cells):
                rows[-1][k].extend(c)
            row_geo[-1] = (row_geo[-1][0], bottom)
            continue
        rows.append(cells)
        row_geo.append((top, bottom))
    taken = 0
    for line, segs in tail:
        cells = [[] for _ in range(ncols)]
        for seg in _segments(line, gap):
            cells[column(seg)].extend(seg)
        top = min(w.top for w in line)
        if not _continues(rows[-1], cells, top - row_geo[-1][1] < usual - 0.25 * size):
            break
        for k, c in enumerate(cells):
            rows[-1][k].extend(c)
        row_geo[-1] = (row_geo[-1][0], max(w.bottom for w in line))
        run = list(run) + [(line, segs)]
        taken += 1
    texts = [[" ".join(w.text for w in sorted(c, key=lambda w: (w.lid, w.x0))) for c in r] for r in rows]
    values = [t for r in texts for t in r[1:] if t]
    if not values:
        return None, 0
    with_digits = sum(1 for t in values if any(ch.isdigit() for ch in t))
    lengths = sorted(len(t) for r in texts for t in r if t)
    if with_digits < len(values) / 3 or lengths[len(lengths) // 2] > 40:
        return None, 0  # prose in columns, not a table
    out_rows = []
    for cells in rows:
        r = Run()
        for k, c in enumerate(cells):
            if k:
                r.add_text("\t")
            if c:
                for m, line in enumerate(group_lines(c)):
                    if m:
                        r.add_text(" ")
                    append_words(r, line)
        out_rows.append(r)
    all_words = [w for line, _ in run for w in line]
    return Unit(
        "table", min(w.top for w in all_words), max(w.bottom for w in all_words),
        min(w.x0 for w in all_words), max(w.x1 for w in all_words), rows=out_rows, columns=ncols,
    ), taken


_NUMBER_TAIL = re.compile(r"^\d{3}(?:[ ,.]\d+)*\b")
_NUMBER_HEAD = re.compile(r"\d$")


def _continues(prev: list[list[Word]], cells: list[list[Word]], tight: bool) -> bool:
    """A line that only continues cells of the row above (a wrapped cell), not a new row.

    Either it is set tighter than the table's rows are, or each of its cells is
    the tail of a number cut in the cell above ("5 998" / "916").
    """
    if cells[0]:
        return False
    filled = [k for k, c in enumerate(cells) if c]
    if not filled or any(not prev[k] for k in filled):
        return False
    if tight:
        return True
    for k in filled:
        head = " ".join(w.text for w in prev[k])
        tail = " ".join(w.text for w in cells[k])
        if not (_NUMBER_HEAD.search(head) and _NUMBER_TAIL.match(tail)):
            return False
    return True


# --------------------------------------------------------------------------
# reading order: XY cut over line fragments
# --------------------------------------------------------------------------


class Fragment:
    """Words of one baseline without a column-wide gap, or a table: what the XY cut moves around."""

    __slots__ = ("x0", "top", "x1", "bottom", "words", "unit")

    def __init__(self, words: list[Word] | None = None, unit: Unit | None = None) -> None:
        self.words = words
        self.unit = unit
        if unit is not None:
            self.x0, self.top, self.x1, self.bottom = unit.x0, unit.top, unit.x1, unit.bottom
        else:
            self.x0 = words[0].x0
            self.x1 = max(w.x1 for w in words)
            self.top = min(w.top for w in words)
            self.bottom = max(w.bottom for w in words)


def fragments(words: list[Word], gap: float) -> list[Fragment]:
    """Words (ordered by baseline then x) cut into fragments at gaps of at least `gap`."""
    out: list[Fragment] = []
    cur: list[Word] = []
    for w in words:
        if cur and (w.lid != cur[-1].lid or w.x0 - cur[-1].x1 >= gap):
            out.append(Fragment(cur))
            cur = []
        cur.append(w)
    if cur:
        out.append(Fragment(cur))
    return out


def xy_cut(items: list[Fragment], left: float, right: float, size: float, out: list) -> None:
    """Order items for reading: split at the widest gap, recursively.

    A vertical gap (a gutter) is used only when it is at least `size` wide and the
    region holds more than one line; then the left part is read before the right.
    Leaves are appended to `out` as (items, left, right).
    """
    if len(items) == 1:
        out.append((items, left, right))
        return
    by_top = sorted(items, key=lambda f: f.top)
    hcuts = []
    reach = by_top[0].bottom
    for k in range(1, len(by_top)):
        f = by_top[k]
        if f.top > reach + 0.01:
            hcuts.append((f.top - reach, k))
        if f.bottom > reach:
            reach = f.bottom
    height = reach - by_top[0].top
    best_v = None
    if height > 1.8 * size:
        by_x = sorted(items, key=lambda f: f.x0)
        reach_x = by_x[0].x1
        for k in range(1, len(by_x)):
            f = by_x[k]
            if f.x0 - reach_x >= size and (best_v is None or f.x0 - reach_x > best_v[0]):
                best_v = (f.x0 - reach_x, k, reach_x, f.x0)
            if f.x1 > reach_x:
                reach_x = f.x1
    best_h = max(hcuts)[0] if hcuts else 0.0
    if best_v is not None and best_v[0] >= best_h:
        _, k, a, b = best_v
        xy_cut(by_x[:k], left, a, size, out)
        xy_cut(by_x[k:], b, right, size, out)
        return
    if not hcuts:
        out.append((items, left, right))
        return
    start = 0
    for g, k in hcuts:
        if g >= best_h - 0.5:
            xy_cut(by_top[start:k], left, right, size, out)
            start = k
    xy_cut(by_top[start:], left, right, size, out)


# --------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# the document: running headers, footers, page joins
# --------------------------------------------------------------------------

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
