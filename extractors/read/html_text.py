"""HTML to readable text with the standard library's html.parser.

Block elements become lines, each table row becomes one line whose cells are
joined by a TAB (the same shape as the text tables of the monographs), scripts
and styles are dropped and entities are unescaped:

>>> html_to_text("<h1>Budget</h1><table><tr><th>Année</th><th>2024</th></tr>"
...              "<tr><td>Montant</td><td>368,8</td></tr></table>")
'Budget\\n\\nAnnée\\t2024\\nMontant\\t368,8'
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is never text for a reader.
_SKIP = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object"}
# Elements that start and end a paragraph (a blank line around them); layout.py splits the paragraphs
# of text and Markdown documents where these end, too.
PARAGRAPH_ELEMENTS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl",
    "blockquote", "pre", "section", "article", "header", "footer", "nav",
    "aside", "main", "figure", "form", "fieldset", "address", "title", "hr",
}
# Elements that start and end a line.
LINE_ELEMENTS = {"div", "li", "dt", "dd", "br", "tr", "caption", "figcaption", "option", "summary", "details"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr"}
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


class _TextParser(HTMLParser):
    """Collects text; `parts` holds strings and the markers "\\n" / "\\n\\n"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str | int] = []  # text, or a number of newlines
        self.skip_depth = 0
        self.pre_depth = 0
        self.in_head = False
        # One entry per open <table>: the current row's cells (None outside a row).
        self.tables: list[list[list[str]] | None] = []
        self.cell: list[str] | None = None
        self._pending_span = 1
        # Per open <table>: column → rows still covered by a rowspan from above, and the
        # columns the current row must leave empty for them.
        self.row_spans: list[dict[int, int]] = []
        self.occupied: list[set[int]] = []

    # -- helpers --------------------------------------------------------
    def _emit(self, text: str) -> None:
        if self.cell is not None:
            self.cell.append(text)
        else:
            self.parts.append(text)

    def _break(self, marker: str) -> None:
        if self.cell is not None:
            self.cell.append(" ")
        else:
            self._newlines(len(marker))

    def _newlines(self, count: int) -> None:
        """Breaks do not add up: "</p><p>" is one blank line, not two."""
        if self.parts and isinstance(self.parts[-1], int):
            self.parts[-1] = max(self.parts[-1], count)
        else:
            self.parts.append(count)

    def _close_cell(self) -> None:
        if self.cell is not None and self.tables and self.tables[-1] is not None:
            self.tables[-1][-1] = _SPACES.sub(" ", "".join(self.cell)).strip()
        self.cell = None

    def _skip_occupied(self) -> None:
        """Leave empty the columns a cell of an upper row spans into ("rowspan")."""
        row = self.tables[-1]
        while self.occupied and len(row) in self.occupied[-1]:
            row.append("")

    def _close_row(self) -> None:
        self._close_cell()
        if self.tables and self.tables[-1] is not None:
            if self.occupied and self.occupied[-1]:
                while len(self.tables[-1]) <= max(self.occupied[-1]):
                    self.tables[-1].append("")
                    self._skip_occupied()
            cells = self.tables[-1]
            self.tables[-1] = None
            if any(cells):
                self._newlines(1)
                self.parts.append("\t".join(cells))
                self._newlines(1)

    # -- parser callbacks -----------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        if tag == "head":
            self.in_head = True
        if self.skip_depth:
            return
        if tag == "pre":
            self.pre_depth += 1
        if tag == "table":
            # A table inside a cell: its text joins the cell.
            if self.cell is not None:
                self.cell.append(" ")
                return
            self.tables.append(None)
            self.row_spans.append({})
            self.occupied.append(set())
            self._newlines(2)
        elif tag == "tr" and self.tables and self.cell is None:
            self._close_row()
            self.tables[-1] = []
            spans = self.row_spans[-1]
            self.occupied[-1] = {col for col, rows in spans.items() if rows > 0}
            self.row_spans[-1] = {col: rows - 1 for col, rows in spans.items() if rows > 1}
        elif tag in ("td", "th") and self.tables:
            if self.cell is not None and self.tables[-1] is not None:
                self._close_cell()
            if self.tables[-1] is None:  # a cell without <tr>
                self.tables[-1] = []
            span = _int_attr(attrs, "colspan")
            self._skip_occupied()
            rows = _int_attr(attrs, "rowspan")
            if rows > 1:
                for col in range(len(self.tables[-1]), len(self.tables[-1]) + span):
                    self.row_spans[-1][col] = rows - 1
            self.tables[-1].append("")
            self.cell = []
            self._pending_span = span
        elif tag in PARAGRAPH_ELEMENTS:
            self._break("\n\n")
        elif tag in LINE_ELEMENTS:
            self._break("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "head":
            self.in_head = False
        if self.skip_depth:
            return
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag in ("td", "th") and self.cell is not None:
            span = getattr(self, "_pending_span", 1)
            self._close_cell()
            if self.tables and self.tables[-1] is not None:
                # Keep columns aligned: a cell spanning 3 columns is followed by 2 empty ones.
                self.tables[-1].extend([""] * (span - 1))
            self._pending_span = 1
        elif tag == "tr" and self.tables:
            self._close_row()
        elif tag == "table" and self.tables and self.cell is None:
            self._close_row()
            self.tables.pop()
            self.row_spans.pop()
            self.occupied.pop()
            self._newlines(2)
        elif tag in PARAGRAPH_ELEMENTS:
            self._break("\n\n")
        elif tag in LINE_ELEMENTS:
            self._break("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr") and not self.skip_depth:
            self._break("\n" if tag == "br" else "\n\n")
        elif tag in ("td", "th") and not self.skip_depth:
            # "<th/>": an empty cell, which still holds its column.
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.in_head and not self._in_title():
            return
        if self.pre_depth and self.cell is None:
            self.parts.append(data.replace("\r\n", "\n"))
            return
        if not data.strip() and self.cell is None and (not self.parts or isinstance(self.parts[-1], int)):
            return  # indentation between blocks
        self._emit(_SPACES.sub(" ", data))

    def _in_title(self) -> bool:
        return self.lasttag == "title"


def _int_attr(attrs: list[tuple[str, str | None]], name: str) -> int:
    """colspan="3" -> 3; missing or invalid -> 1.

    >>> _int_attr([("colspan", "3")], "colspan")
    3
    """
    for key, value in attrs:
        if key == name and value and value.strip().isdigit():
            return max(1, min(int(value.strip()), 100))
    return 1


def html_to_text(html: str) -> str:
    """Readable text of an HTML document (see the module docstring).

    >>> html_to_text("<p>Bonjour&nbsp;<b>tout</b> le monde</p><p>Suite</p>")
    'Bonjour\\xa0tout le monde\\n\\nSuite'
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    if parser.tables:
        parser._close_row()
    return _tidy("".join("\n" * p if isinstance(p, int) else p for p in parser.parts))


def _tidy(text: str) -> str:
    """Strip spaces at line ends and keep at most one blank line in a row.

    >>> _tidy(" a \\n\\n\\n\\n b\\n")
    'a\\n\\nb'
    """
    lines = [line.strip(" ") for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line if line.strip() else "")
    return "\n".join(out).strip("\n")
