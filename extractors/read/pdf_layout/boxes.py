"""Text with the boxes of its figures, stored compactly.

Each emitted character that belongs to a figure (digits, separators between digits, "%" after a
number) keeps its box (x0, top, x1, bottom) on the page, and the first character of every other
word holds the word's box (figures written in words); other characters have none, which keeps the
box map small. A `Run` is text being built with its boxes; a `BoxMap` the document's, by offset.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping


Box = tuple[float, float, float, float]


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
