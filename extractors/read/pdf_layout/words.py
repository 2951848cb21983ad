"""Words: the page's characters, sorted once by baseline then x, cut at spaces and gaps (one pass, no
per-word pdfplumber calls); overprinted duplicates dropped, combining marks composed, raised
characters (superscripts) marked. `append_words` writes words into a `Run` with their boxes.
"""
from __future__ import annotations

import unicodedata
from operator import itemgetter

from extractors.read.pdf_layout.boxes import Box, Run


_NUMBER_PUNCT = frozenset(".,'’")


_SUPERSCRIPT = dict(zip("0123456789()*", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾*"))


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
