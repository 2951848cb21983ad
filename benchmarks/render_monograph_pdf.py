"""Render the seed monograph (a text file) as a PDF laid out like the publication.

    python benchmarks/render_monograph_pdf.py raw_documents/002_d1d507b0e37619ff.txt /tmp/002.pdf

The text's layout conventions become typography:
- a line alone between blank lines that reads as a title -> a bold heading;
- other lines -> paragraphs (each source line its own paragraph; lines of one
  blank-separated group are set tight, groups are spaced apart);
- "- item" / "1. item" -> bulleted / numbered list items;
- runs of TAB-separated lines -> real ruled tables (reportlab Table + GRID):
  a header cell followed by empty cells spans them ("RÉGION\\t\\t\\tNATIONAL"),
  a label alone on its row spans the row, a first-column label followed by rows
  with an empty first cell spans those rows ("SECTEURS GÉNÉRIQUES ... / Industrie");
- inline markup: **bold** and <i>italic</i> as fonts, "1 ^{er}" / "3 ^e" as
  superscripts, [text](url) as its text, <url> as the url, <p> in a cell as
  paragraphs of that cell;
- the sections listed in the SOMMAIRE start on a new page; every page after the
  cover carries a running header and its page number in the footer.

Only reportlab is needed (a test dependency). Never commit the PDF: tests render
it into a temporary folder.
"""
from __future__ import annotations

import argparse
import html
import re
import unicodedata
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FAMILY = "MonoSans"  # our name for the DejaVu Sans family
RUNNING_HEADER = "Centre Inffo · Monographie régionale Hauts-de-France · Avril 2026"
MARGIN = 60


def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, oblique, bold oblique) as one family.

    Falls back to reportlab's Vera family when DejaVu is missing.
    """
    from reportlab.lib.fonts import addMapping

    if FAMILY in pdfmetrics.getRegisteredFontNames():
        return FAMILY
    if (FONT_DIR / "DejaVuSans.ttf").exists():
        files = {"": "DejaVuSans.ttf", "-Bold": "DejaVuSans-Bold.ttf", "-Oblique": "DejaVuSans-Oblique.ttf",
                 "-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
        paths = {k: str(FONT_DIR / v) for k, v in files.items()}
    else:
        paths = {"": "Vera.ttf", "-Bold": "VeraBd.ttf", "-Oblique": "VeraIt.ttf", "-BoldOblique": "VeraBI.ttf"}
    for suffix, path in paths.items():
        pdfmetrics.registerFont(TTFont(FAMILY + suffix, path))
    for bold, italic, suffix in ((0, 0, ""), (1, 0, "-Bold"), (0, 1, "-Oblique"), (1, 1, "-BoldOblique")):
        addMapping(FAMILY, bold, italic, FAMILY + suffix)
    return FAMILY


def styles() -> dict[str, ParagraphStyle]:
    font = register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12, spaceBefore=0, spaceAfter=0)
    return {
        "body": body,
        "first": ParagraphStyle("first", parent=body, spaceBefore=7),  # first line of a group
        "title": ParagraphStyle("title", parent=body, fontName=font + "-Bold", fontSize=13, leading=16,
                                spaceBefore=12, spaceAfter=4),
        "heading": ParagraphStyle("heading", parent=body, fontName=font + "-Bold", fontSize=10.5, leading=13,
                                  spaceBefore=9, spaceAfter=2),
        "item": ParagraphStyle("item", parent=body, leftIndent=14, bulletIndent=3, bulletFontName=font),
        "item_first": ParagraphStyle("item_first", parent=body, leftIndent=14, bulletIndent=3, bulletFontName=font,
                                     spaceBefore=7),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=font + "-Bold", fontSize=7.5, leading=9),
        "running": ParagraphStyle("running", parent=body, fontSize=7.5, leading=9),
    }


# --------------------------------------------------------------------------
# the seed text -> elements
# --------------------------------------------------------------------------


def parse(text: str) -> list[tuple[str, object]]:
    """Blank-separated groups of the text as ('lines', [line, ...]) and ('table', [[cell, ...], ...]).

    >>> parse("TITRE\\n\\nA\\tB\\nx\\t1\\nune ligne\\n")
    [('lines', ['TITRE']), ('table', [['A', 'B'], ['x', '1']]), ('lines', ['une ligne'])]
    """
    out: list[tuple[str, object]] = []
    group: list[str] = []

    def flush():
        run: list[str] = []
        kind = None
        for line in group + [None]:
            is_row = line is not None and "\t" in line and line.replace("\t", "").strip() != ""
            this = None if line is None else ("table" if is_row else "lines")
            if this != kind and run:
                if kind == "table":
                    out.append(("table", [r.split("\t") for r in run]))
                else:
                    out.append(("lines", [r.strip() for r in run]))
                run = []
            kind = this
            if line is not None:
                run.append(line)
        group.clear()

    for line in text.split("\n"):
        if not line.strip():
            flush()
        else:
            group.append(line)
    flush()
    return out


def inline(text: str) -> str:
    """reportlab Paragraph markup for one line of the seed.

    >>> inline("**AQUIMER**, pôle & co <i>Fonctionnement</i> au 1 ^{er} et 3 ^e [x](https://a.b) <https://c.d>")
    '<b>AQUIMER</b>, pôle &amp; co <i>Fonctionnement</i> au 1 <super>er</super> et 3 <super>e</super> x https://c.d'
    """
    text = re.sub(r"\[([^\]]+)\]\((?:https?://[^)]+)\)", r"\1", text)
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    italics = re.findall(r"<i>(.*?)</i>", text)
    text = re.sub(r"<i>(.*?)</i>", "\x01", text)
    text = html.escape(text, quote=False)
    for part in italics:
        text = text.replace("\x01", f"<i>{html.escape(part, quote=False)}</i>", 1)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\^\{([^}]*)\}", r"<super>\1</super>", text)
    text = re.sub(r"\^([a-zè]+)", r"<super>\1</super>", text)
    return text


def fold(text: str) -> str:
    """Upper-case ASCII letters only, for matching SOMMAIRE entries with section titles.

    >>> fold("Dernières actualités.....")
    'DERNIERESACTUALITES'
    """
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.upper() if "A" <= c <= "Z")


def looks_like_title(line: str) -> bool:
    """A short line that titles what follows.

    >>> looks_like_title("BUDGETS CONSOLIDÉS"), looks_like_title("Le texte continue ici.")
    (True, False)
    """
    words = line.split()
    if not words or len(line) > 160 or re.match(r"^(?:[-•*]|\d+\.|\(\d+\)|\*)\s?", line):
        return False
    if re.match(r"^(?:sources?|bron)\s*:", line, re.I):
        return False  # a source note, set as body text
    if line.endswith((".", ";", ",", ":")) and not line.isupper():
        return False
    return len(words) <= 14


# --------------------------------------------------------------------------
# elements -> flowables
# --------------------------------------------------------------------------


def _paragraphs(lines: list[str], st: dict[str, ParagraphStyle], section_titles: set[str]) -> list:
    flows: list = []
    single = len(lines) == 1
    for k, line in enumerate(lines):
        first = k == 0
        bullet = re.match(r"^(?:[-•*]|(\d+)\.)\s+(.*)$", line)
        if bullet:
            mark = f"{bullet.group(1)}." if bullet.group(1) else "•"
            style = st["item_first"] if first else st["item"]
            flows.append(Paragraph(inline(bullet.group(2)), style, bulletText=mark))
        elif single and looks_like_title(line):
            big = line.isupper() and len(line) > 3
            style = st["title"] if big else st["heading"]
            if fold(line) in section_titles:
                flows.append(PageBreak())
            flows.append(Paragraph(inline(line), style))
        else:
            flows.append(Paragraph(inline(line), st["first"] if first else st["body"]))
    return flows


def _text_width(text: str, font: str, size: float) -> float:
    return stringWidth(re.sub(r"<[^>]+>|\*\*|\^\{?|\}", "", text), font, size)


def column_widths(rows: list[list[str]], available: float, font: str, size: float) -> list[float]:
    """Widths for the table's columns: natural widths when they fit, else shrunk toward each column's longest word."""
    width = max(len(r) for r in rows)
    natural = [24.0] * width
    minimum = [24.0] * width
    for row in rows:
        for j, cell in enumerate(row):
            if not cell.strip():
                continue
            natural[j] = max(natural[j], _text_width(cell, font, size) + 12)
            longest = max((_text_width(w, font, size) for w in cell.split()), default=0)
            minimum[j] = max(minimum[j], min(longest + 12, 110))
    if sum(natural) <= available:
        return natural
    spare = max(available - sum(minimum), 0)
    extra = [n - m for n, m in zip(natural, minimum)]
    total = sum(extra) or 1
    return [m + spare * e / total for m, e in zip(minimum, extra)]


def table_flowable(rows: list[list[str]], st: dict[str, ParagraphStyle], available: float) -> Table:
    """A ruled table with spanning cells; the header rows repeat on every page it runs over."""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    n_header = 1
    if len(rows) > 1 and not rows[1][0].strip() and any(c.strip() for c in rows[1][1:]) and not any(
        re.search(r"\d{3}", c) for c in rows[1][1:]
    ):
        n_header = 2  # "\tAnnée N-1\tAnnée N\t..." under "\tRÉGION\t\t\tNATIONAL"
    covered: set[tuple[int, int]] = set()
    # A header cell followed by empty cells spans them when the row below fills them.
    if len(rows) > 1:
        j = 0
        while j < width:
            if rows[0][j].strip():
                k = j
                while k + 1 < width and not rows[0][k + 1].strip() and rows[1][k + 1].strip():
                    k += 1
                if k > j:
                    commands.append(("SPAN", (j, 0), (k, 0)))
                    covered.update((c, 0) for c in range(j + 1, k + 1))
                j = k + 1
            else:
                j += 1
    for i, row in enumerate(rows):
        # A label alone on its row spans the row ("Action Economique\t\t\t").
        if i and width > 1 and row[0].strip() and not any(c.strip() for c in row[1:]):
            commands.append(("SPAN", (0, i), (-1, i)))
            covered.update((c, i) for c in range(1, width))
    # A first-column label spans the rows below it that leave the first column empty.
    i = 0
    while i < len(rows):
        if rows[i][0].strip() and (0, i) not in covered:
            k = i
            while k + 1 < len(rows) and not rows[k + 1][0].strip() and any(c.strip() for c in rows[k + 1][1:]):
                k += 1
            if k > i:
                commands.append(("SPAN", (0, i), (0, k)))
            i = k + 1
        else:
            i += 1
    cell_style, head_style = st["cell"], st["cell_head"]
    data = []
    for i, row in enumerate(rows):
        out = []
        for cell in row:
            style = head_style if i < n_header else cell_style
            parts = re.findall(r"<p>(.*?)</p>", cell) if "<p>" in cell else [cell]
            paras = [Paragraph(inline(p.strip()), style) for p in parts if p.strip()]
            out.append(paras if len(paras) > 1 else (paras[0] if paras else ""))
        data.append(out)
    widths = column_widths(rows, available, head_style.fontName, cell_style.fontSize)  # bold: the wider
    table = Table(data, colWidths=widths, repeatRows=n_header, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def flowables(text: str, available: float) -> list:
    st = styles()
    elements = parse(text)
    titles: set[str] = set()
    for kind, value in elements:
        if kind == "table":
            for row in value:
                if len(row) == 2 and re.fullmatch(r"\d+", row[1].strip()):
                    titles.add(fold(row[0]))  # SOMMAIRE: "BUDGETS\t11"
    flows: list = []
    pending: list = []  # caption lines kept with their table
    for n, (kind, value) in enumerate(elements):
        if kind == "lines":
            paras = _paragraphs(value, st, titles if n > 2 else set())
            nxt = elements[n + 1][0] if n + 1 < len(elements) else None
            if nxt == "table" and len(value) <= 2:
                pending.extend(paras)
            else:
                flows.extend(pending + paras)
                pending = []
        else:
            table = table_flowable(value, st, available)
            if pending:
                # A caption never ends a page without the start of its table.
                leading = [p for p in pending if isinstance(p, PageBreak)]
                rest = [p for p in pending if not isinstance(p, PageBreak)]
                flows.extend(leading)
                flows.append(KeepTogether(rest + [Spacer(1, 5), table]))
            else:
                flows.extend([Spacer(1, 7), table])
            flows.append(Spacer(1, 4))
            pending = []
    return flows + pending


def _decorate(canvas, doc):
    """Running header and page number, from the second page on."""
    if doc.page == 1:
        return
    canvas.saveState()
    font = register_fonts()
    canvas.setFont(font, 7.5)
    width, height = doc.pagesize
    canvas.drawString(MARGIN, height - 34, RUNNING_HEADER)
    canvas.drawCentredString(width / 2, 28, str(doc.page))
    canvas.restoreState()


def render(text: str, out_path: Path) -> Path:
    """Write `text` (a monograph in the seed's text conventions) as a PDF at out_path."""
    out_path = Path(out_path)
    doc = SimpleDocTemplate(
        str(out_path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title="Monographie régionale Hauts-de-France", author="Centre Inffo",
    )
    doc.build(flowables(text, doc.width - 12), onFirstPage=_decorate, onLaterPages=_decorate)
    return out_path


def render_seed(seed_path: Path, out_path: Path) -> Path:
    """Render a seed text file (UTF-8) as a PDF."""
    return render(Path(seed_path).read_text(encoding="utf-8"), out_path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seed", type=Path, nargs="?", default=Path("raw_documents/002_d1d507b0e37619ff.txt"))
    parser.add_argument("out", type=Path, nargs="?", default=Path("/tmp/monograph_002.pdf"))
    args = parser.parse_args(argv)
    path = render_seed(args.seed, args.out)
    print(path)


if __name__ == "__main__":
    main()
