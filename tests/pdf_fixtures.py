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
