"""Layout of an extracted text: headings, paragraphs and tables, with offsets.

Tables are runs of lines whose cells are separated by tabs (the monographs'
text tables, and what the loader writes for HTML and PDF tables) or by pipes
(Markdown). Everything keeps offsets into the document text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.read.html_text import LINE_ELEMENTS, PARAGRAPH_ELEMENTS
from extractors.lexicon import alternation


@dataclass
class Cell:
    text: str
    start: int
    end: int

    @property
    def clean(self) -> str:
        """Cell text without markup: "<i>Fonctionnement</i>" → "Fonctionnement"."""
        return clean_markup(self.text)


@dataclass
class Table:
    rows: list[list[Cell]]
    start: int
    end: int
    caption: list[str] = field(default_factory=list)  # nearest line last


@dataclass
class Block:
    kind: str  # heading, paragraph, table, note
    text: str
    start: int
    end: int
    headings: list[str] = field(default_factory=list)  # enclosing headings, nearest last
    table: Table | None = None


def clean_markup(text: str) -> str:
    """Strip HTML tags, Markdown emphasis and list bullets.

    >>> clean_markup("<i>Fonctionnement</i>")
    'Fonctionnement'
    >>> clean_markup("- **AQUIMER**, pôle")
    'AQUIMER, pôle'
    """
    text = re.sub(r"<[^>]{1,200}>", " ", text)
    text = re.sub(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)", "", text)
    text = re.sub(r"^\s*(?:[-•*]|\d+\.)\s+", "", text)
    text = re.sub(r"^#{1,6}\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def is_table_line(line: str) -> bool:
    """A line that is a table row: two or more tab-separated cells, or a Markdown pipe row.

    >>> is_table_line("CFA\\t277 en 2024-2025\\t3 688"), is_table_line("Une phrase.")
    (True, False)
    """
    if _PIPE_ROW.match(line):
        return True
    return "\t" in line.strip("\n") and bool(line.replace("\t", "").strip())


def split_cells(text: str, start: int, end: int) -> list[Cell]:
    """Cells of one table line with their offsets.

    >>> [c.text for c in split_cells("a\\tb\\t", 0, 4)]
    ['a', 'b', '']
    >>> [c.text for c in split_cells("| x | 1 |", 0, 9)]
    ['x', '1']
    """
    line = text[start:end]
    cells = []
    if _PIPE_ROW.match(line):
        inner_start = start + line.index("|") + 1
        inner_end = start + line.rindex("|")
        pos = inner_start
        for part in text[inner_start:inner_end].split("|"):
            lead = len(part) - len(part.lstrip())
            cells.append(Cell(part.strip(), pos + lead, pos + lead + len(part.strip())))
            pos += len(part) + 1
        return cells
    pos = start
    for part in line.split("\t"):
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(part.strip(), pos + lead, pos + lead + len(part.strip())))
        pos += len(part) + 1
    return cells


def _blank(cell: Cell) -> Cell:
    """A header cell of dashes only ("| Provincies |--- |"): Markdown's placeholder for an empty header."""
    return Cell("", cell.start, cell.start) if re.fullmatch(r"-{2,}", cell.text) else cell


# A table rendered as nested lists (pandoc's Markdown for a table without a grid): each row an outer
# item whose first line opens an inner list ("*    *   Land"), each further cell an inner item under it
# ("    *   13,04061"), a cell going on over lines indented deeper ("        (Angaben in Euro)").
_NESTED_ROW = re.compile(r"^[-*+](\s+)[-*+]\s+(?=\S)")
_NESTED_CELL = re.compile(r"^(\s{2,})[-*+]\s+(?=\S)")
_STARTS_WITH_DIGITS = re.compile(r"^\W{0,3}\d")  # "13,04061", "€ 5,2", "― 44 334"


def nested_list_table(text: str, spans: list[tuple[int, int]], i: int) -> tuple[Table, int] | None:
    """The table whose nested-list rows start at line i, and the line after its last row; None when
    line i opens no such row or the rows have one cell each (a plain list of lists).

    Rows of one cell after the last row of several are prose the list goes on with ("In den Beträgen …"):
    they stay outside the table.

    >>> t = "*    *   Land\\n\\n    *   Anteil\\n\\n*    *   Bayern\\n\\n    *   15,5\\n\\n*    *   Bremen\\n    *   0,9\\n"
    >>> table, j = nested_list_table(t, _lines(t), 0); [[c.text for c in r] for r in table.rows], j
    ([['Land', 'Anteil'], ['Bayern', '15,5'], ['Bremen', '0,9']], 10)
    """
    rows: list[list[Cell]] = []
    ends: list[int] = []  # the line after each row's last line
    inner = 0  # the column of the inner list's markers, where each further cell of a row starts
    j = i
    while j < len(spans):
        s, e = spans[j]
        line = text[s:e].rstrip()
        row_start, cell_start = _NESTED_ROW.match(line), _NESTED_CELL.match(line)
        if row_start:
            inner = 1 + len(row_start.group(1))
            rows.append([Cell(line[row_start.end():], s + row_start.end(), s + len(line))])
        elif rows and cell_start and len(cell_start.group(1)) <= inner:
            rows[-1].append(Cell(line[cell_start.end():], s + cell_start.end(), s + len(line)))
        elif rows and line.strip() and line[:1].isspace() and len(line) - len(line.lstrip()) > inner:
            last = rows[-1][-1]  # a cell going on over a line indented under it
            rows[-1][-1] = Cell(text[last.start:s + len(line)], last.start, s + len(line))
        elif not rows or line.strip():
            break
        if line.strip():
            ends = ends[: len(rows) - 1] + [j + 1]
        j += 1
    while rows and len(rows[-1]) < 2:
        rows.pop()
    with_figures = sum(any(_STARTS_WITH_DIGITS.match(c.clean) for c in row[1:]) for row in rows)
    if len(rows) < 2 or len(rows[0]) < 2 or with_figures < 2:
        return None  # a list of lists in prose: its sentences stay paragraphs
    rows = _spread_short_header_rows(rows)
    return Table(rows, rows[0][0].start, max(c.end for c in rows[-1])), ends[len(rows) - 1]


def _spread_short_header_rows(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Header rows above the first full row lost their spans in the rendering: put them back in place.
    The last header row labels the value columns (the stub's cell spans down into it); the rows above
    keep their first cell over the stub and spread the others over the value columns, each spanning
    its share (a span renders as empty cells to its right).

    >>> rows = [[Cell("Land", 0, 4), Cell("Betrag", 5, 11)], [Cell("2013", 12, 16), Cell("2014", 17, 21)],
    ...         [Cell("Bayern", 22, 28), Cell("1", 29, 30), Cell("2", 31, 32)]]
    >>> [[c.text for c in r] for r in _spread_short_header_rows(rows)]
    [['Land', 'Betrag', ''], ['', '2013', '2014'], ['Bayern', '1', '2']]
    """
    width = max(len(r) for r in rows)
    first_full = next(k for k, r in enumerate(rows) if len(r) == width)
    out = []
    for k, row in enumerate(rows):
        missing = width - len(row)
        if k >= first_full or missing <= 0:
            out.append(row)
            continue
        pad = Cell("", row[0].start, row[0].start)
        if k == first_full - 1:
            out.append([pad] * missing + row)
            continue
        share = (width - 1) // max(1, len(row) - 1)
        spread = [row[0]]
        for cell in row[1:]:
            spread += [cell] + [pad] * (share - 1)
        out.append(spread + [pad] * (width - len(spread)))
    return out


_SOURCE_LABEL = re.compile(r"^\s*" + alternation("tables.yaml", "source_labels") + r"\s*:", re.IGNORECASE)


def is_source_note(line: str) -> bool:
    """A line citing sources.

    >>> is_source_note("Sources : INSEE, DARES, 2026"), is_source_note("Bron: VDAB")
    (True, True)
    """
    return bool(_SOURCE_LABEL.match(line))


def looks_like_heading(line: str, next_blank: bool) -> bool:
    """A short line that titles what follows (not a sentence, not a list item).

    >>> looks_like_heading("BUDGETS CONSOLIDÉS", True), looks_like_heading("Le texte continue ici.", True)
    (True, False)
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 160 or re.match(r"^(?:[-•*]|\d+\.)\s", stripped):
        return False
    if stripped.startswith("#"):
        return True
    words = stripped.split()
    if stripped.endswith((".", ";", ",", ":")) and not stripped.isupper():
        return False
    letters = [c for c in stripped if c.isalpha()]
    upper = letters and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return bool(upper) or (len(words) <= 14 and next_blank)


def blocks(text: str) -> list[Block]:
    """Split a document into headings, paragraphs and tables, in reading order.

    >>> [b.kind for b in blocks("TITRE\\n\\nUne phrase. Une autre.\\n\\nA\\tB\\nx\\t1\\n")]
    ['heading', 'paragraph', 'table']
    """
    spans = _lines(text)
    out: list[Block] = []
    headings: list[str] = []
    recent_lines: list[str] = []  # short lines just above a table are its caption
    i = 0
    while i < len(spans):
        s, e = spans[i]
        line = text[s:e]
        if not line.strip():
            i += 1
            continue
        nested = nested_list_table(text, spans, i)
        if nested is not None:
            table, j = nested
            table.caption = recent_lines[-3:]
            out.append(Block("table", text[table.start:table.end], table.start, table.end, list(headings), table))
            recent_lines = []
            i = j
            continue
        if is_table_line(line):
            j = i
            rows = []
            header = j + 1 < len(spans) and bool(_PIPE_SEPARATOR.match(text[spans[j + 1][0]: spans[j + 1][1]]))
            while j < len(spans) and is_table_line(text[spans[j][0] : spans[j][1]]):
                ls, le = spans[j]
                if not _PIPE_SEPARATOR.match(text[ls:le]):
                    row = split_cells(text, ls, le)
                    rows.append([_blank(c) for c in row] if header and not rows else row)
                j += 1
            table = Table(rows, s, spans[j - 1][1], caption=recent_lines[-3:])
            out.append(Block("table", text[s : spans[j - 1][1]], s, spans[j - 1][1], list(headings), table))
            recent_lines = []
            i = j
            continue
        next_blank = i + 1 >= len(spans) or not text[spans[i + 1][0] : spans[i + 1][1]].strip()
        if is_source_note(line):
            # "Sources : INSEE, 2026" closes a table or section; it titles nothing.
            out.append(Block("note", line, s, e, list(headings)))
            recent_lines = []
            i += 1
            continue
        if looks_like_heading(line, next_blank):
            title = clean_markup(line)
            out.append(Block("heading", line, s, e, list(headings)))
            headings = (headings + [title])[-4:]
            recent_lines = (recent_lines + [title])[-3:]
            i += 1
            continue
        # A paragraph runs until a blank line, a table or a heading-like line.
        j = i + 1
        while j < len(spans):
            ls, le = spans[j]
            nxt = text[ls:le]
            if not nxt.strip() or is_table_line(nxt):
                break
            if re.match(r"^\s*(?:[-•*]|\d+\.)\s", nxt) or re.match(r"^\s*(?:[-•*]|\d+\.)\s", line):
                break  # list items are paragraphs of their own
            j += 1
        end = spans[j - 1][1]
        out.extend(Block("paragraph", text[a:b], a, b, list(headings)) for a, b in html_paragraphs(text, s, end))
        recent_lines = []  # a caption sits right above its table; prose in between ends it
        i = j
    return out


# Where an HTML block element ends a paragraph inside a text or Markdown document ("…</p> <p>…", "<br>"):
# the elements the HTML reader breaks paragraphs and lines at (tables are rendered by the loader).
_HTML_BLOCK_END = re.compile(
    r"</(?:" + "|".join(sorted((PARAGRAPH_ELEMENTS | LINE_ELEMENTS) - {"table", "tr", "caption"})) + r")\s*>|<(?:br|hr)\s*/?>",
    re.IGNORECASE)


def html_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs of text[start:end], split where HTML ends a block (a post written as HTML on
    one line holds many paragraphs): offsets into `text`, markup kept.

    >>> t = "<p>Un.</p> <p>Deux.</p><p>Trois</p>"
    >>> [t[a:b] for a, b in html_paragraphs(t, 0, len(t))]
    ['<p>Un.</p>', '<p>Deux.</p>', '<p>Trois</p>']
    >>> html_paragraphs("Pas de balise.", 0, 14)
    [(0, 14)]
    """
    out, a = [], start
    for m in _HTML_BLOCK_END.finditer(text, start, end):
        if text[a:m.end()].strip():
            out.append((a, m.end()))
        a = m.end()
        while a < end and text[a].isspace():
            a += 1
    if a < end and text[a:end].strip():
        out.append((a, end))
    return out or [(start, end)]


# "a. voor de provincie …", and "a.Noord-Holland: € 150.944;" as some official texts print them (no space
# after the letter, a capital right after it).
_LIST_MARKER = re.compile(r"^\s*(?:[-–—•*]|[a-z]\s?[.)]|\d{1,2}\s?°|\d{1,2}\s?[.)]|[ivx]{1,4}\s?[.)])"
                          r"(?:\s+|(?<=[a-z][.)])(?=(?-i:[A-ZÀ-Ý])))", re.I)
_ITEM_TAIL = re.compile(r"\s*(?:[;,.]|\bet\b|\ben\b|\bund\b|\band\b|\bof\b|\bou\b)*\s*$", re.I)


def list_item_value(text: str, block: Block, language: str):
    """Where the closing figure of a list item starts ("a. voor de provincie Drenthe …, € 7.215.300;"),
    or None when the item does not end with a figure."""
    from extractors.annotate.figures import find_figures

    figures = find_figures(text, language, block.start, block.end)
    if not figures:
        return None
    last = figures[-1]
    line_end = block.end
    scale_end = last.end + len(re.match(r"[^;,\n]*", text[last.end:line_end]).group(0))
    if not _ITEM_TAIL.fullmatch(text[scale_end:line_end]) or len(text[scale_end:line_end]) > 8:
        return None
    start = last.start
    currency = re.search(r"(?:€|eur|euro)\.?\s?$", text[max(block.start, start - 6):start], re.I)
    return start - len(currency.group(0)) if currency else start


# A definition list item (pandoc): the term on its line, the definition on the next after a colon.
_DEFINITION = re.compile(r"^(?P<term>[^\n]+)\n:[ \t]+(?P<definition>\S[^\n]*)$")


def _item_cells(block: Block, text: str, language: str) -> tuple[Cell, Cell, bool] | None:
    """Label and figure cells of a list item that ends with a figure ("– Alsace : 1,95 % ;"), or of a
    definition whose definition is a figure ("Bayern" / ":   15,56 Prozent"); with whether it is a
    definition (a definition list is a table by its form; list items need a colon introducing them)."""
    if block.kind != "paragraph":
        return None
    definition = _DEFINITION.match(block.text.rstrip())
    if definition:
        term_start, value_start = block.start + definition.start("term"), block.start + definition.start("definition")
        value_end = block.start + definition.end("definition")
        item = Block("paragraph", text[value_start:value_end], value_start, value_end)
        if list_item_value(text, item, language) != value_start:
            return None  # the definition is no figure ("BGBl I: 2019, 1104"), or words come before it
        term = definition.group("term").rstrip()
        return (Cell(term, term_start, term_start + len(term)), Cell(item.text, value_start, value_end), True)
    if not _LIST_MARKER.match(block.text) or "\n" in block.text.strip():
        return None
    value_at = list_item_value(text, block, language)
    if value_at is None:
        return None
    label_start = block.start + _LIST_MARKER.match(block.text).end()
    label = text[label_start:value_at].rstrip()
    value = text[value_at:block.end].rstrip()
    return Cell(label, label_start, label_start + len(label)), Cell(value, value_at, value_at + len(value)), False


def lists_as_tables(blocks_: list[Block], text: str, language: str) -> list[Block]:
    """Runs of list items that each end with a figure, after a paragraph that introduces them with a colon
    ("– Alsace : 1,95195 % ;" per line in finance laws), and runs of definitions that are figures
    ("Bayern" / ":   15,56"), read as two-column tables: label | figure.

    >>> t = "Le montant est réparti comme suit :\\n\\n– Alsace : 1,95 % ;\\n\\n– Aquitaine : 4,93 %.\\n"
    >>> [(b.kind, [[c.text for c in r] for r in b.table.rows] if b.table else None) for b in lists_as_tables(blocks(t), t, "fr")][1]
    ('table', [['Alsace :', '1,95 % ;'], ['Aquitaine :', '4,93 %.']])
    >>> t = "Stand\\n:   2024-01-01\\n\\nBayern\\n:   15,56 Prozent\\n\\nBremen\\n:   0,96 Prozent\\n"
    >>> [(b.kind, [[c.text for c in r] for r in b.table.rows] if b.table else None) for b in lists_as_tables(blocks(t), t, "de")]
    [('paragraph', None), ('table', [['Bayern', '15,56 Prozent'], ['Bremen', '0,96 Prozent']])]
    """
    out: list[Block] = []
    i = 0
    while i < len(blocks_):
        run: list[tuple[Block, tuple[Cell, Cell, bool]]] = []
        j = i
        while j < len(blocks_) and (cells := _item_cells(blocks_[j], text, language)) is not None \
                and (not run or cells[2] == run[0][1][2]):
            run.append((blocks_[j], cells))
            j += 1
        intro = out[-1] if out else None
        introduced = intro is not None and intro.kind == "paragraph" and clean_markup(intro.text).rstrip().endswith(":")
        if len(run) >= 2 and (introduced or run[0][1][2]):
            rows = [[label, value] for _, (label, value, _) in run]
            caption = [clean_markup(intro.text)[-400:]] if introduced else []
            table = Table(rows, run[0][0].start, run[-1][0].end, caption=caption)
            out.append(Block("table", text[table.start:table.end], table.start, table.end, list(run[0][0].headings),
                             table))
            i = j
            continue
        out.append(blocks_[i])
        i += 1
    return out
