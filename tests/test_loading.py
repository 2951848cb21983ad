"""Tests of extractors.read.loading on real files written into tmp_path."""
from __future__ import annotations

import hashlib
import zipfile

import pdfplumber
import pytest

from extractors.read.loading import (
    PAGE_SEPARATOR,
    discover_documents,
    load_document,
    looks_like_html,
    repair_text,
    repair_utf8_pairs,
)
from extractors.model import DocumentError
from tests import pdf_fixtures as fx

FRENCH = "Les apprentis de la Région étaient 12 500 à Lille en 2024 ; « déjà » un record, voilà !\n"


def write(tmp_path, name, data):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def load(tmp_path, name, data):
    return load_document(write(tmp_path, name, data), tmp_path)


# --- discovery ---------------------------------------------------------------


def test_discover_lists_sorted_visible_files_including_unsupported(tmp_path):
    for name in ["b.TXT", "a.pdf", "sub/c.html", "notes.docx", ".hidden.txt", ".git/x.txt", "sub/.DS_Store"]:
        write(tmp_path, name, "x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover_documents(tmp_path)]
    assert found == ["a.pdf", "b.TXT", "notes.docx", "sub/c.html"]


# --- bad input -----------------------------------------------------------------


def _png():
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))


def _zip(tmp_path):
    buf = tmp_path / "z.zip"
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.read_bytes()


BAD_TEXT = [
    ("empty.txt", b"", "the file is empty"),
    ("blank.md", b"  \n\t\r\n  ", "the file is empty"),
    ("bom_only.txt", b"\xef\xbb\xbf\n", "the file is empty"),
    ("image.txt", _png(), "PNG image"),
    ("nul.txt", b"abc\x00\x01\x02\x03\xff\xfe\x00def" * 10, "binary data"),
    ("elf.md", b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "ELF executable"),
    # Random high bytes: not UTF-8, and as Windows-1252 mostly symbols.
    ("garbage.txt", bytes(range(0xA0, 0x100)) * 4, "not valid UTF-8 text and not plausible Windows-1252 text"),
    # EBCDIC French: not UTF-8, not plausible Windows-1252.
    ("ebcdic.txt", "Données régionales de l'emploi et de la formation".encode("cp500"), "not plausible Windows-1252"),
    ("slides.pptx", b"PK\x03\x04whatever", "unsupported file type .pptx"),
    ("README", b"hello", "unsupported file type (no extension)"),
    ("fake.pdf", b"<html><body>404 Not Found</body></html>", "named .pdf but is not a PDF"),
]


@pytest.mark.parametrize("name,data,reason", BAD_TEXT, ids=[b[0] for b in BAD_TEXT])
def test_bad_files_raise_document_error_with_reason(tmp_path, name, data, reason):
    with pytest.raises(DocumentError) as info:
        load(tmp_path, name, data)
    assert reason in str(info.value)


def test_zip_named_txt_is_reported_as_an_archive(tmp_path):
    with pytest.raises(DocumentError, match="ZIP archive"):
        load(tmp_path, "report.txt", _zip(tmp_path))


BAD_PDFS = [
    (fx.write_encrypted_pdf, "the PDF is encrypted (password protected)"),
    (fx.write_truncated_pdf, "the PDF is corrupt or truncated: "),
    (fx.write_zero_page_pdf, "the PDF has no pages"),
    (fx.write_image_only_pdf, "the PDF has no text layer (scanned images?) and OCR read no text on its pages"),
]


@pytest.mark.parametrize("writer,reason", BAD_PDFS, ids=[w.__name__ for w, _ in BAD_PDFS])
def test_bad_pdfs_raise_document_error_with_reason(tmp_path, writer, reason, monkeypatch):
    monkeypatch.setenv("OCR_CACHE_DIR", str(tmp_path / "ocr-cache"))  # a scan is tried by OCR
    path = writer(tmp_path)
    with pytest.raises(DocumentError) as info:
        load_document(path, tmp_path)
    assert str(info.value).startswith(reason)


def test_truncated_pdf_names_the_pdfminer_error(tmp_path):
    path = fx.write_truncated_pdf(tmp_path, keep=0.6)
    with pytest.raises(DocumentError) as info:
        load_document(path, tmp_path)
    # "...: <ExceptionName>[: message]" – the exception's class is named.
    detail = str(info.value).split("corrupt or truncated: ", 1)[1]
    assert detail and detail[0].isalpha() and detail.split(":")[0].strip() != ""


def test_pdf_cut_after_its_last_page_is_still_truncated(tmp_path):
    data = fx.write_prose_pdf_bytes(pages=2)
    cut = data[: data.rindex(b"%%EOF")]
    with pytest.raises(DocumentError, match="corrupt or truncated"):
        load(tmp_path, "cut.pdf", cut)


def test_unsupported_suffix_listed_then_refused(tmp_path):
    write(tmp_path, "table.xlsx", b"PK\x03\x04")
    [path] = discover_documents(tmp_path)
    with pytest.raises(DocumentError, match=r"unsupported file type \.xlsx"):
        load_document(path, tmp_path)


# --- decoding ------------------------------------------------------------------


def test_identity_fields(tmp_path):
    data = FRENCH.encode("utf-8")
    doc = load(tmp_path, "press/Article.TXT", data)
    assert doc.source_path == "press/Article.TXT"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.document_id == "doc_" + doc.sha256[:16]
    assert doc.format == "txt" and doc.page_starts is None and doc.page_count is None and doc.boxes is None
    assert doc.text == FRENCH


@pytest.mark.parametrize(
    "codec,prefix",
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"")],
    ids=["utf16le-bom", "utf16be-bom", "utf8-bom", "utf16le-no-bom"],
)
def test_unicode_encodings_decode(tmp_path, codec, prefix):
    doc = load(tmp_path, "a.txt", prefix + FRENCH.encode(codec))
    assert doc.text == FRENCH


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_legacy_french_decodes(tmp_path, codec):
    text = FRENCH + "Coût : 5 € par élève, œuvre à Noël.\n" if codec == "cp1252" else FRENCH
    doc = load(tmp_path, "a.md", text.encode(codec))
    assert doc.format == "md"
    assert doc.text == text


def test_crlf_becomes_lf_and_tabs_stay(tmp_path):
    doc = load(tmp_path, "a.txt", b"Ann\xc3\xa9e\t2023\t2024\r\nMontant\t1\t2\r\n")
    assert doc.text == "Année\t2023\t2024\nMontant\t1\t2\n"


def test_nfc_normalisation(tmp_path):
    doc = load(tmp_path, "a.txt", "Re\u0301gion\n")
    assert doc.text == "Région\n"


# --- mojibake ------------------------------------------------------------------


def test_pair_mojibake_in_made_up_words_is_repaired(tmp_path):
    doc = load(tmp_path, "a.txt", "Citroà«n et Noà«lle à Bruxelles, Ã©tÃ© 2024.\n")
    assert doc.text == "Citroën et Noëlle à Bruxelles, été 2024.\n"


@pytest.mark.parametrize(
    "text",
    [
        "Il a dit à « bonjour » déjà.",
        "C'est déjà\u00a0! Voilà\u00a0»",
        "voilà» et là¹ déjà.",
        "Une façon à·part : là ° degré",
        "Ça coûte 5 €, à 10 h.",
    ],
)
def test_normal_french_is_untouched(text):
    assert repair_utf8_pairs(text) == text
    assert repair_text(text) == text


def test_ftfy_fixes_whole_word_mojibake_but_not_html_entities(tmp_path):
    doc = load(tmp_path, "a.txt", "Ã‰lÃ¨ves &amp; apprentis &eacute;\n")
    assert doc.text == "Élèves &amp; apprentis &eacute;\n"


# --- HTML ----------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><title>Budget 2024</title><style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script></head>
<body>
<h1>Budget   r&eacute;gional</h1>
<p>La R&eacute;gion a vot&eacute;<br>un budget&nbsp;record.</p>
<table>
 <tr><th></th><th colspan="3">R&Eacute;GION</th><th>NATIONAL</th></tr>
 <tr><td>Apprentis</td><td>5 998 916</td><td>400,4</td><td><p>1 085,094</p></td><td>12</td></tr>
</table>
<ul><li>un</li><li>deux</li></ul>
</body></html>
"""


def test_html_document_becomes_lines_and_tab_rows(tmp_path):
    doc = load(tmp_path, "page.html", HTML)
    assert doc.format == "html"
    lines = doc.text.split("\n")
    assert "Budget 2024" in lines  # the title
    assert "Budget régional" in lines
    assert "La Région a voté" in lines and "un budget\u00a0record." in lines
    assert "\tRÉGION\t\t\tNATIONAL" in lines
    assert "Apprentis\t5 998 916\t400,4\t1 085,094\t12" in lines
    assert "un" in lines and "deux" in lines
    assert "not text" not in doc.text and "color" not in doc.text


def test_html_in_a_txt_file_is_sniffed(tmp_path):
    doc = load(tmp_path, "page.txt", "<p>Premier</p>\n<p>Second</p>\n<table><tr><td>A</td><td>1</td></tr></table>\n")
    assert doc.format == "html"
    assert doc.text == "Premier\n\nSecond\n\nA\t1"


def test_txt_with_inline_tags_is_kept_as_is(tmp_path):
    raw = (
        "BUDGETS\n\n"
        "\tAnnée N-1\tAnnée N\tÉvolution\n"
        "<i>Fonctionnement</i>\t924 914 002\t873 683 616\t-5,54%\n"
        "<i>Investissement</i>\t191 563 189\t211 411 014\t10,36%\n"
        "SOURCES\t<p>Rapport A https://example.org/a.pdf</p> <p>Rapport B</p>\n"
        "Voir <https://example.org/stats.xlsx> pour le détail.\n"
        "Le budget total est en baisse.\n"
    )
    doc = load(tmp_path, "mono.txt", raw)
    assert doc.format == "txt"
    assert doc.text == raw
    assert not looks_like_html(raw)


def test_markdown_with_inline_html_stays_markdown(tmp_path):
    raw = "# Titre\n\n<p>para</p>\n<p>b</p>\n<br>\n"
    doc = load(tmp_path, "a.md", raw)
    assert doc.format == "md" and doc.text == raw


# --- PDF -----------------------------------------------------------------------


def test_ruled_table_pdf_gives_one_tab_line_per_row(tmp_path):
    path = fx.write_ruled_table_pdf(tmp_path)
    doc = load_document(path, tmp_path)
    assert doc.format == "pdf" and doc.page_count == 1 and doc.page_starts == [0]
    lines = doc.text.split("\n")
    spaced = [line.replace("\u00a0", " ").replace("\u202f", " ") for line in lines]
    for row in fx.RULED_TABLE_ROWS:
        expected = "\t".join(cell.replace("\u00a0", " ").replace("\u202f", " ") for cell in row)
        assert expected in spaced, (expected, spaced)
    # Text and table interleaved in reading order.
    title = doc.text.index(fx.RULED_TABLE_TITLE)
    intro = doc.text.index(fx.RULED_TABLE_INTRO)
    table = doc.text.index("Indicateur\t2023\t2024")
    outro = doc.text.index(fx.RULED_TABLE_OUTRO)
    assert title < intro < table < outro
    # The table's words are not repeated as prose.
    assert doc.text.count("Population totale") == 1
    offset = doc.text.index("400,4")
    assert doc.page_of(offset) == 1


def test_ruled_table_digit_boxes_lie_in_their_cell(tmp_path):
    path = fx.write_ruled_table_pdf(tmp_path)
    doc = load_document(path, tmp_path)
    start = doc.text.index("400,4")
    with pdfplumber.open(path) as pdf:
        [table] = pdf.pages[0].find_tables()
        cell = table.rows[2].cells[1]  # "Budget (M€)" row, 2023 column
        assert table.extract()[2][1] == "400,4"
    for offset in range(start, start + 5):
        x0, top, x1, bottom = doc.boxes[offset]
        assert cell[0] <= x0 < x1 <= cell[2] and cell[1] <= top < bottom <= cell[3]
    # A figure's box is the union of its characters' boxes: left to right.
    assert doc.boxes[start][0] < doc.boxes[start + 4][0]


def test_page_starts_for_three_page_pdf(tmp_path):
    path = fx.write_prose_pdf(tmp_path, pages=3)
    doc = load_document(path, tmp_path)
    assert doc.page_count == 3
    assert doc.page_starts[0] == 0
    for number, start in enumerate(doc.page_starts, start=1):
        page_text = doc.text[start:].split(PAGE_SEPARATOR)[0]
        assert page_text == "\n".join(fx.prose_lines(number))
        assert doc.page_of(start) == number
        assert doc.page_of(start + len(page_text) - 1) == number
        if number > 1:
            assert doc.text[start - len(PAGE_SEPARATOR) : start] == PAGE_SEPARATOR


def test_digit_boxes_match_pdfplumber_chars(tmp_path):
    path = fx.write_prose_pdf(tmp_path, pages=3)
    doc = load_document(path, tmp_path)
    figure = "2 234"
    start = doc.text.index(figure)
    assert doc.page_of(start) == 2
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[1]
        width, height = page.width, page.height
        line_chars = [c for c in page.chars if abs(c["top"] - doc.boxes[start][1]) < 0.01]
    text = "".join(c["text"] for c in line_chars)
    at = text.index(figure)
    for k, ch in enumerate(figure):
        box = doc.boxes[start + k]
        char = line_chars[at + k]
        assert char["text"] == ch == doc.text[start + k]
        assert 0 <= box[0] < box[2] <= width and 0 <= box[1] < box[3] <= height
        # The recorded box contains the character pdfplumber sees.
        assert box[0] <= char["x0"] + 0.01 and char["x1"] - 0.01 <= box[2]
        assert box[1] <= char["top"] + 0.01 and char["bottom"] - 0.01 <= box[3]
    # A word's first letter carries the word's box (figures in words), its other letters none.
    word = doc.text.index("apprentis", start)
    x0, top, x1, bottom = doc.boxes[word]
    assert x1 - x0 > 5 * (doc.boxes[start][2] - doc.boxes[start][0]) and abs(top - doc.boxes[start][1]) < 0.01
    assert word + 1 not in doc.boxes and word + 8 not in doc.boxes


def test_pdf_pages_are_closed_one_by_one(tmp_path, monkeypatch):
    path = fx.write_prose_pdf(tmp_path, pages=4)
    closed = []
    original = pdfplumber.page.Page.close

    def spy(self):
        closed.append(self.page_number)
        return original(self)

    monkeypatch.setattr(pdfplumber.page.Page, "close", spy)
    doc = load_document(path, tmp_path)
    assert doc.page_count == 4
    assert closed[:4] == [1, 2, 3, 4]


def test_pdf_format_is_sniffed_from_content(tmp_path):
    data = fx.write_prose_pdf_bytes(pages=1)
    doc = load(tmp_path, "export.txt", data)
    assert doc.format == "pdf" and doc.text.startswith(fx.prose_lines(1)[0])
