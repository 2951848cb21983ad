"""The units a page is read into: paragraphs (lines, joined by a space when wrapped) and tables (rows
of TAB-separated cells); `freeze` keeps their text and boxes and drops the words.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from extractors.read.pdf_layout.boxes import Run
from extractors.read.pdf_layout.lines import Line, joins_as_wrap, wrap_separator


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
