"""Real PDF fixtures written with reportlab, for tests and benchmarks.

Every function takes a directory, writes one PDF into it and returns its path:

>>> from pathlib import Path; import tempfile
>>> path = write_prose_pdf(Path(tempfile.mkdtemp()), pages=2)
>>> path.read_bytes()[:5]
b'%PDF-'

The strings each fixture draws are module constants (or returned by small
helpers) so tests can compare the extracted text with what was drawn.
"""
from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

NBSP = "\u00a0"
NNBSP = "\u202f"

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_NAME = "FixtureSans"


def fixture_font() -> str:
    """Register (once) a TTF font with NBSP/U+202F/€ glyphs and return its name.

    DejaVuSans when the system has it, else Vera, which ships with reportlab.

    >>> fixture_font()
    'FixtureSans'
    """
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        if _DEJAVU.exists():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(_DEJAVU)))
        else:
            pdfmetrics.registerFont(TTFont(FONT_NAME, "Vera.ttf"))
    return FONT_NAME


# --- ruled table -----------------------------------------------------------

RULED_TABLE_TITLE = "Budget de la formation professionnelle"
RULED_TABLE_INTRO = "Le tableau ci-dessous donne les montants votés par la Région."
RULED_TABLE_OUTRO = "Source : Région, budget primitif 2024."
# Header row, then body rows; separators are NBSP and NARROW NBSP on purpose.
RULED_TABLE_ROWS = [
    ["Indicateur", "2023", "2024"],
    ["Population totale", f"5{NBSP}998{NBSP}916", f"5{NNBSP}992{NNBSP}194"],
    ["Budget (M€)", "400,4", "397,8"],
    ["Dépenses (k€)", f"1{NBSP}085,094", f"1{NNBSP}102,5"],
]


def write_ruled_table_pdf(directory: Path, name: str = "ruled_table.pdf") -> Path:
    """One page: a title, a sentence, a fully ruled 3x4 table, a source line.

    >>> # write_ruled_table_pdf(tmp_path) -> tmp_path / "ruled_table.pdf"
    """
    font = fixture_font()
    path = Path(directory) / name
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13)
    title = ParagraphStyle("title", fontName=font, fontSize=14, leading=18, spaceAfter=8)
    doc = SimpleDocTemplate(str(path), pagesize=A4, title="ruled table fixture")
    table = Table(RULED_TABLE_ROWS, colWidths=[180, 100, 100])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    doc.build(
        [
            Paragraph(RULED_TABLE_TITLE, title),
            Paragraph(RULED_TABLE_INTRO, body),
            Spacer(1, 12),
            table,
            Spacer(1, 12),
            Paragraph(RULED_TABLE_OUTRO, body),
        ]
    )
    return path


# --- multi-page prose ------------------------------------------------------


def prose_lines(page: int) -> list[str]:
    """The lines `write_prose_pdf` draws on a 1-based page.

    >>> prose_lines(2)[0]
    'Page 2 : la Région compte 2 234 apprentis.'
    """
    return [
        f"Page {page} : la Région compte {page} 234 apprentis.",
        f"Le budget de la page {page} atteint {page}00,5 millions d'euros.",
        "Ces chiffres sont provisoires.",
    ]


def write_prose_pdf(directory: Path, pages: int = 3, name: str = "prose.pdf") -> Path:
    """`pages` pages of three prose lines each (see `prose_lines`).

    >>> # write_prose_pdf(tmp_path, pages=3) -> tmp_path / "prose.pdf"
    """
    font = fixture_font()
    path = Path(directory) / name
    c = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    for page in range(1, pages + 1):
        c.setFont(font, 11)
        y = height - 72
        for line in prose_lines(page):
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def write_prose_pdf_bytes(pages: int = 3) -> bytes:
    """The bytes of a prose PDF, without touching the disk.

    >>> write_prose_pdf_bytes(1)[:5]
    b'%PDF-'
    """
    font = fixture_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for page in range(1, pages + 1):
        c.setFont(font, 11)
        c.drawString(72, 700, prose_lines(page)[0])
        c.showPage()
    c.save()
    return buf.getvalue()


# --- bad PDFs --------------------------------------------------------------


def write_encrypted_pdf(directory: Path, name: str = "encrypted.pdf") -> Path:
    """A PDF that needs the user password "secret" to open.

    >>> # write_encrypted_pdf(tmp_path) -> tmp_path / "encrypted.pdf"
    """
    font = fixture_font()
    path = Path(directory) / name
    c = canvas.Canvas(str(path), pagesize=A4, encrypt="secret")
    c.setFont(font, 11)
    c.drawString(72, 700, "Document confidentiel : 12 345 stagiaires.")
    c.showPage()
    c.save()
    return path


def write_truncated_pdf(directory: Path, name: str = "truncated.pdf", keep: float = 0.5) -> Path:
    """A valid multi-page PDF cut after `keep` of its bytes (as a failed download).

    >>> # write_truncated_pdf(tmp_path) -> tmp_path / "truncated.pdf"
    """
    data = write_prose_pdf_bytes(pages=4)
    path = Path(directory) / name
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def zero_page_pdf_bytes() -> bytes:
    """A well-formed PDF whose page tree is empty (/Count 0), with a correct xref.

    >>> zero_page_pdf_bytes().endswith(b"%%EOF\\n")
    True
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def write_zero_page_pdf(directory: Path, name: str = "zero_pages.pdf") -> Path:
    """See `zero_page_pdf_bytes`.

    >>> # write_zero_page_pdf(tmp_path) -> tmp_path / "zero_pages.pdf"
    """
    path = Path(directory) / name
    path.write_bytes(zero_page_pdf_bytes())
    return path


def write_image_only_pdf(directory: Path, name: str = "scanned.pdf", pages: int = 2) -> Path:
    """Pages holding only a raster image and vector shapes: no text layer (a scan).

    >>> # write_image_only_pdf(tmp_path) -> tmp_path / "scanned.pdf"
    """
    from PIL import Image, ImageDraw  # Pillow is a pdfplumber dependency

    path = Path(directory) / name
    image = Image.new("RGB", (300, 120), "white")
    draw = ImageDraw.Draw(image)
    # Looks like writing to a person, but is pixels.
    draw.rectangle((10, 10, 290, 110), outline="black", width=3)
    for x in range(20, 280, 12):
        draw.line((x, 40, x + 8, 80), fill="black", width=2)
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        c.drawInlineImage(image, 72, 500, width=300, height=120)
        c.setStrokeColor(colors.black)
        c.rect(72, 300, 400, 100)
        c.line(72, 250, 472, 250)
        c.showPage()
    c.save()
    return path


# --- layouts ---------------------------------------------------------------


def _styles(size: float = 10) -> dict[str, ParagraphStyle]:
    font = fixture_font()
    return {
        "body": ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.3),
        "title": ParagraphStyle("title", fontName=font, fontSize=size + 4, leading=(size + 4) * 1.3, spaceAfter=8),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size - 1, leading=(size - 1) * 1.2),
    }


# Borderless table: columns only from alignment. Separators: plain space, NBSP, narrow NBSP.
BORDERLESS_CAPTION = "Population et emploi en 2024"
BORDERLESS_HEADER_SPAN = ["", "RÉGION", "", "NATIONAL"]
BORDERLESS_HEADER = ["Indicateur", "2023", "2024", "2024"]
BORDERLESS_ROWS = [
    ["Population totale", "5 998 916", f"5{NBSP}992{NBSP}194", f"68{NNBSP}401{NNBSP}997"],
    ["Population active", "2 706 668", "2 723 729", "31 353 400"],
    ["Demandeurs d'emploi", "512 990", "538 430", "5 752 600"],
    ["Taux de chômage", "9,0 %", "9,2 %", "7,7 %"],
]
# The 2024 regional apprentices figure is printed over two lines: "5 998" then "916".
BORDERLESS_WRAPPED = ["Apprentis", "74 929", ("77", "091"), "1 049 965"]
BORDERLESS_OUTRO = "Source : Insee, 2026. Les chiffres de 2024 sont provisoires."
BORDERLESS_COLUMNS = [72, 250, 340, 430]  # left edge of each column; numbers are right-aligned
BORDERLESS_WIDTH = 80


def write_borderless_table_pdf(directory: Path, name: str = "borderless.pdf") -> Path:
    """One page: a caption, a table without any rule (a spanning header over the two
    regional columns, a header row, figures right-aligned, one figure wrapped over two lines
    in its cell), then a source line.

    >>> # write_borderless_table_pdf(tmp_path) -> tmp_path / "borderless.pdf"
    """
    font = fixture_font()
    path = Path(directory) / name
    c = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    y = height - 90
    c.setFont(font, 13)
    c.drawString(72, y, BORDERLESS_CAPTION)
    y -= 28
    c.setFont(font, 10)

    def cell(j: int, text: str, y: float) -> None:
        if j == 0:
            c.drawString(BORDERLESS_COLUMNS[0], y, text)
        else:
            c.drawRightString(BORDERLESS_COLUMNS[j] + BORDERLESS_WIDTH, y, text)

    # "RÉGION" is centred over columns 1 and 2.
    middle = (BORDERLESS_COLUMNS[1] + BORDERLESS_COLUMNS[2] + BORDERLESS_WIDTH) / 2
    c.drawCentredString(middle + 10, y, BORDERLESS_HEADER_SPAN[1])
    cell(3, BORDERLESS_HEADER_SPAN[3], y)
    y -= 16
    for j, text in enumerate(BORDERLESS_HEADER):
        cell(j, text, y)
    y -= 18
    for row in BORDERLESS_ROWS:
        for j, text in enumerate(row):
            cell(j, text, y)
        y -= 18
    for j, text in enumerate(BORDERLESS_WRAPPED):
        if isinstance(text, tuple):
            cell(j, text[0], y)
            cell(j, text[1], y - 11)
        else:
            cell(j, text, y)
    y -= 40
    c.drawString(72, y, BORDERLESS_OUTRO)
    c.showPage()
    c.save()
    return path


# Ruled table with spanning header cells and a figure wrapped inside its cell.
SPANNING_ROWS = [
    ["POPULATION ET EMPLOI", "RÉGION", "", "NATIONAL"],
    ["", "Année N-1", "Année N", "Année N"],
    ["Population totale", "5 998 916 en 2022", "5 998<br/>916 en 2023", "69 294 105 en 2023"],
    ["Demandeurs d'emploi", "512 990", "538 430", "5 752 600"],
]
SPANNING_EXPECTED = [
    "POPULATION ET EMPLOI\tRÉGION\t\tNATIONAL",
    "\tAnnée N-1\tAnnée N\tAnnée N",
    "Population totale\t5 998 916 en 2022\t5 998 916 en 2023\t69 294 105 en 2023",
    "Demandeurs d'emploi\t512 990\t538 430\t5 752 600",
]


def write_spanning_table_pdf(directory: Path, name: str = "spanning.pdf") -> Path:
    """One page: a heading and a ruled table whose "RÉGION" header spans two columns,
    whose corner cell spans two header rows, and where "5 998 916" is broken over two lines
    inside its cell.

    >>> # write_spanning_table_pdf(tmp_path) -> tmp_path / "spanning.pdf"
    """
    st = _styles()
    path = Path(directory) / name
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    data = [[Paragraph(text, st["cell"]) if text else "" for text in row] for row in SPANNING_ROWS]
    table = Table(data, colWidths=[130, 100, 100, 110])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (1, 0), (2, 0)),
        ("SPAN", (0, 0), (0, 1)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    doc.build([Paragraph("Hauts-de-France : données socio-économiques", st["title"]), table])
    return path


# A table over two pages, its header row repeated on the second.
LONG_TABLE_HEADER = ["Commune", "Apprentis 2023", "Apprentis 2024"]


def long_table_rows(count: int = 70) -> list[list[str]]:
    """Body rows of `write_long_table_pdf`.

    >>> long_table_rows(2)
    [['Commune 1', '1 101', '2 201'], ['Commune 2', '1 102', '2 202']]
    """
    return [[f"Commune {k}", f"1 {100 + k:03d}", f"2 {200 + k:03d}"] for k in range(1, count + 1)]


def write_long_table_pdf(directory: Path, name: str = "long_table.pdf", count: int = 70) -> Path:
    """A title, a sentence, then a ruled table of `count` rows that runs over two pages
    (reportlab repeats the header row on the second page), then a closing sentence.

    >>> # write_long_table_pdf(tmp_path) -> tmp_path / "long_table.pdf"
    """
    st = _styles()
    path = Path(directory) / name
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    table = Table([LONG_TABLE_HEADER] + long_table_rows(count), colWidths=[160, 110, 110], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fixture_font()),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
    ]))
    doc.build([
        Paragraph("Apprentis par commune", st["title"]),
        Paragraph("Le tableau suivant donne les effectifs d'apprentis de chaque commune.", st["body"]),
        Spacer(1, 10),
        table,
        Spacer(1, 10),
        Paragraph("Fin du tableau des communes.", st["body"]),
    ])
    return path


# Two-column prose under a full-width title.
TWO_COLUMN_TITLE = "Lettre d'information régionale"
LEFT_COLUMN = [
    "La Région a voté un budget de 400,4 millions d'euros pour la formation professionnelle, "
    "un effort en hausse par rapport à l'année précédente malgré un contexte budgétaire tendu.",
    "Les centres de formation d'apprentis accueillent désormais 77 091 apprentis, "
    "soit une progression continue depuis la réforme de l'apprentissage.",
]
RIGHT_COLUMN = [
    "Le taux de chômage atteint 9,2 % au troisième trimestre, un niveau supérieur à la moyenne "
    "nationale, qui reste pourtant orientée à la baisse sur un an.",
    "Les demandeurs d'emploi sont 538 430 en fin d'année, dont une part croissante de jeunes "
    "de moins de vingt-cinq ans inscrits depuis moins de six mois.",
]


def write_two_column_pdf(directory: Path, name: str = "two_columns.pdf") -> Path:
    """One page: a full-width title, then two columns of justified paragraphs set on the same baselines.

    >>> # write_two_column_pdf(tmp_path) -> tmp_path / "two_columns.pdf"
    """
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate

    st = _styles()
    body = ParagraphStyle("justified", parent=st["body"], alignment=TA_JUSTIFY, spaceAfter=8)
    path = Path(directory) / name
    width, height = A4
    doc = BaseDocTemplate(str(path), pagesize=A4)
    gutter = 24
    column = (width - 144 - gutter) / 2
    frames = [
        Frame(72, height - 120, width - 144, 50, id="title"),
        Frame(72, 72, column, height - 200, id="left"),
        Frame(72 + column + gutter, 72, column, height - 200, id="right"),
    ]
    doc.addPageTemplates([PageTemplate(id="columns", frames=frames)])
    story = [Paragraph(TWO_COLUMN_TITLE, st["title"]), FrameBreak()]
    story += [Paragraph(text, body) for text in LEFT_COLUMN] + [FrameBreak()]
    story += [Paragraph(text, body) for text in RIGHT_COLUMN]
    doc.build(story)
    return path


# Running header and page-number footer.
RUNNING_HEADER = "Observatoire régional de l'emploi · Rapport 2025"


def running_body(page: int) -> list[str]:
    """The paragraphs `write_running_header_pdf` sets on a 1-based page.

    >>> running_body(2)[0]
    'Chapitre 2 : la Région compte 12 502 apprentis inscrits.'
    """
    return [
        f"Chapitre {page} : la Région compte 12 50{page} apprentis inscrits.",
        f"Le budget consacré à ce chapitre atteint {page}0,5 millions d'euros selon le rapport.",
    ]


def write_running_header_pdf(directory: Path, pages: int = 3, footer: str = "{n}", name: str = "running.pdf") -> Path:
    """`pages` pages with a running header at the top, a footer `footer.format(n=page, total=pages)`
    at the bottom ("3", "Page 3 / 4") and two paragraphs of body text.

    >>> # write_running_header_pdf(tmp_path, footer="Page {n} / {total}")
    """
    font = fixture_font()
    st = _styles()
    path = Path(directory) / name
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for page in range(1, pages + 1):
        c.setFont(font, 8)
        c.drawString(72, height - 40, RUNNING_HEADER)
        c.drawCentredString(width / 2, 30, footer.format(n=page, total=pages))
        y = height - 110
        for text in running_body(page):
            para = Paragraph(text, st["body"])
            _, h = para.wrap(width - 144, height)
            para.drawOn(c, 72, y - h)
            y -= h + 12
        c.showPage()
    c.save()
    return path


# Non-breaking thousands separators in prose.
NBSP_SENTENCE = f"La Région compte 5{NBSP}998{NBSP}916 habitants et 77{NNBSP}091 apprentis en 2024."


# A footnote mark set as a superscript right after a figure.
FOOTNOTE_SENTENCE = "Elle comptait 5 992 194¹ habitants en 2023."


def write_nbsp_prose_pdf(directory: Path, name: str = "nbsp.pdf") -> Path:
    """One page: a title, a sentence whose figures use NBSP and narrow NBSP separators, and
    one whose figure is followed by a superscript footnote mark.

    >>> # write_nbsp_prose_pdf(tmp_path) -> tmp_path / "nbsp.pdf"
    """
    st = _styles()
    path = Path(directory) / name
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build([
        Paragraph("Hauts-de-France", st["title"]),
        Paragraph(NBSP_SENTENCE, st["body"]),
        Paragraph(FOOTNOTE_SENTENCE.replace("¹", "<super>1</super>"), st["body"]),
    ])
    return path


# --- scans -----------------------------------------------------------------


def write_scanned_copy(source: Path, directory: Path, name: str = "scan.pdf", dpi: int = 200,
                       pages: list[int] | None = None, garbage_layer: bool = False) -> Path:
    """An image-only copy of a PDF: each page (or the 0-based `pages`) rendered at `dpi` and saved
    as a picture, no text layer (a scan). With `garbage_layer`, each page also gets an invisible
    text layer of one character per line, as a bad OCR layer or a broken export has.

    >>> # write_scanned_copy(write_prose_pdf(tmp_path), tmp_path) -> tmp_path / "scan.pdf"
    """
    import pypdfium2
    from reportlab.lib.utils import ImageReader

    pdf = pypdfium2.PdfDocument(str(source))
    path = Path(directory) / name
    c = canvas.Canvas(str(path), pagesize=A4)
    for k in pages if pages is not None else range(len(pdf)):
        page = pdf[k]
        width, height = page.get_size()
        c.setPageSize((width, height))
        c.drawImage(ImageReader(page.render(scale=dpi / 72).to_pil()), 0, 0, width=width, height=height)
        if garbage_layer:
            text = c.beginText()
            text.setTextRenderMode(3)  # invisible, as an OCR layer is
            text.setFont("Helvetica", 8)
            for line in range(40):
                text.setTextOrigin(20 + 7 * (line % 5), height - 40 - 18 * line)
                text.textOut("x")
            c.drawText(text)
        c.showPage()
    c.save()
    pdf.close()
    return path


def write_joined_pdf(directory: Path, parts: list[Path], name: str = "joined.pdf") -> Path:
    """The pages of `parts`, one after the other, in one PDF (a text page and a scanned page).

    >>> # write_joined_pdf(tmp_path, [text_pdf, scanned_pdf]) -> tmp_path / "joined.pdf"
    """
    import pypdfium2

    out = pypdfium2.PdfDocument.new()
    for part in parts:
        src = pypdfium2.PdfDocument(str(part))
        out.import_pages(src)
        src.close()
    path = Path(directory) / name
    out.save(str(path))
    out.close()
    return path
