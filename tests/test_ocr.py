"""OCR of PDF pages without a usable text layer (extractors.read.ocr), on scans the fixtures make:
a page written with reportlab, rendered at 200 dpi into an image-only PDF, read back by Tesseract.

Each test compares what the scan gives with the figures drawn on the page (and with what the
born-digital page gives). Tesseract must be installed (.ci/run installs it; without CI set, the
tests are skipped where it is missing).
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.document import extract_document
from extractors.model import DocumentError
from extractors.read import ocr
from extractors.read.loading import load_document
from tests import pdf_fixtures as fx
from validation.thresholds import SURE_READING

if ocr.tesseract() is None or not {"fra", "deu"} <= ocr.tesseract()[2]:
    if os.environ.get("CI"):
        raise RuntimeError("Tesseract with its fra and deu data is needed (see .ci/run)")
    pytest.skip("Tesseract with fra and deu is not installed", allow_module_level=True)


@pytest.fixture(autouse=True)
def ocr_cache(tmp_path, monkeypatch):
    """Each test its own OCR cache, so that a test never reads another's pages."""
    cache = tmp_path / "ocr-cache"
    monkeypatch.setenv("OCR_CACHE_DIR", str(cache))
    return cache


# --- pages written for these tests -------------------------------------------

FR_TABLE = ("Effectifs d'apprentis par région en 2023",
            [["Région", "Apprentis", "Part (%)"], ["Bretagne", "18 250", "4,1"],
             ["Normandie", "21 730", "4,9"], ["Occitanie", "39 410", "8,8"]])
DE_TABLE = ("Auszubildende nach Ländern 2022",
            [["Land", "Auszubildende", "Anteil (%)"], ["Bayern", "231 480", "17,9"],
             ["Hessen", "94 620", "7,3"], ["Sachsen", "52 170", "4,0"]])
FR_PROSE = ["Emploi en Bretagne", "",
            "En 2023, la Bretagne comptait 18 250 apprentis.",
            "Le taux de chômage s'établissait à 6,1 % au quatrième trimestre 2023."]
DE_PROSE = ["Arbeitsmarkt in Sachsen", "",
            "Im Januar 2024 waren in Sachsen 148 300 Menschen arbeitslos gemeldet.",
            "Die Arbeitslosenquote lag bei 6,8 Prozent."]


def write_table_page(directory: Path, name: str, caption: str, rows: list[list[str]]) -> Path:
    """One page: a caption and a ruled table (label column, figures right-aligned)."""
    font = fx.fixture_font()
    path = directory / name
    c = canvas.Canvas(str(path), pagesize=A4)
    columns = (72, 300, 400)
    y = 760
    c.setFont(font, 13)
    c.drawString(72, y, caption)
    y -= 30
    c.setFont(font, 11)
    top = y + 14
    for row in rows:
        for j, text in enumerate(row):
            if j == 0:
                c.drawString(columns[0] + 4, y, text)
            else:
                c.drawRightString(columns[j] + 96, y, text)
        c.line(columns[0], y - 5, columns[-1] + 100, y - 5)
        y -= 20
    for x in list(columns) + [columns[-1] + 100]:
        c.line(x, top, x, y + 15)
    c.line(columns[0], top, columns[-1] + 100, top)
    c.showPage()
    c.save()
    return path


def write_prose_page(directory: Path, name: str, lines: list[str]) -> Path:
    font = fx.fixture_font()
    path = directory / name
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 12)
    y = 760
    for line in lines:
        c.drawString(72, y, line)
        y -= 18
    c.showPage()
    c.save()
    return path


def facts_of(path: Path) -> tuple:
    doc = load_document(path, path.parent)
    return doc, extract_document(doc)


def keys(result) -> set:
    return {(f.indicator, f.area, f.period_start, f.value, f.unit) for f in result.facts}


# --- scans give the facts of their born-digital pages, with boxes -------------

CASES = [
    ("fr_table", lambda d: write_table_page(d, "fr.pdf", *FR_TABLE), {18250.0, 21730.0, 39410.0}),
    ("de_table", lambda d: write_table_page(d, "de.pdf", *DE_TABLE), {231480.0, 94620.0, 52170.0}),
    ("fr_prose", lambda d: write_prose_page(d, "fr.pdf", FR_PROSE), {18250.0, 6.1}),
    ("de_prose", lambda d: write_prose_page(d, "de.pdf", DE_PROSE), {6.8}),
]


@pytest.mark.parametrize("writer,values", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_scanned_page_gives_the_facts_of_its_text_page_with_boxes(tmp_path, writer, values):
    original = writer(tmp_path)
    _, born_digital = facts_of(original)
    assert values <= {f.value for f in born_digital.facts}  # the page says what the test expects
    scan = fx.write_scanned_copy(original, tmp_path)
    doc, scanned = facts_of(scan)
    assert [p.page for p in doc.ocr_pages] == [1] and doc.ocr_pages[0].reason == "no text layer"
    assert keys(scanned) == keys(born_digital)
    width, height = A4
    for fact in scanned.facts:
        assert fact.mention.page == 1
        x0, top, x1, bottom = fact.mention.bbox
        assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
        digital = next(f for f in born_digital.facts if f.value == fact.value)
        # The box OCR gives is where the born-digital page draws the figure (within a few points).
        assert all(abs(a - b) < 6 for a, b in zip(fact.mention.bbox, digital.mention.bbox)), (fact, digital)
        assert "read by OCR on page 1" in fact.reason and fact.confidence < SURE_READING


def test_a_page_whose_text_layer_is_garbage_is_read_by_ocr(tmp_path):
    original = write_prose_page(tmp_path, "fr.pdf", FR_PROSE)
    scan = fx.write_scanned_copy(original, tmp_path, "garbage.pdf", garbage_layer=True)
    doc, result = facts_of(scan)
    assert doc.ocr_pages[0].reason == "a text layer of one character per line"
    assert "18 250 apprentis" in doc.text and "\nx\n" not in doc.text
    assert {18250.0, 6.1} <= {f.value for f in result.facts}


def test_a_pdf_with_a_text_page_and_a_scanned_page_reads_both(tmp_path):
    text_page = write_prose_page(tmp_path, "de.pdf", DE_PROSE)
    scanned_page = fx.write_scanned_copy(write_table_page(tmp_path, "fr.pdf", *FR_TABLE), tmp_path)
    mixed = fx.write_joined_pdf(tmp_path, [text_page, scanned_page])
    doc, result = facts_of(mixed)
    assert doc.page_count == 2 and [p.page for p in doc.ocr_pages] == [2]
    by_page = {f.value: f for f in result.facts}
    assert by_page[6.8].mention.page == 1 and "OCR" not in (by_page[6.8].reason or "")
    for value in (18250.0, 21730.0, 39410.0):
        assert by_page[value].mention.page == 2 and "read by OCR on page 2" in by_page[value].reason
    # The text page told the document's language: the scanned page was read with it alone.
    assert doc.ocr_pages[0].language == "deu"
    assert [w.kind for w in result.warnings].count("ocr_page") == 1


# --- bounded cost --------------------------------------------------------------


def test_a_rerun_reads_ocred_pages_from_the_cache(tmp_path, ocr_cache):
    scan = fx.write_scanned_copy(write_prose_page(tmp_path, "fr.pdf", FR_PROSE), tmp_path)
    first = load_document(scan, tmp_path)
    assert not first.ocr_pages[0].cached and first.ocr_pages[0].seconds > 0
    assert len(list(ocr_cache.rglob("*.hocr.gz"))) == 1
    again = load_document(scan, tmp_path)
    assert again.ocr_pages[0].cached and again.ocr_pages[0].seconds == first.ocr_pages[0].seconds
    assert again.text == first.text and dict(again.boxes) == dict(first.boxes)


def test_pages_to_ocr_past_the_limit_refuse_the_document(tmp_path, monkeypatch):
    scan = fx.write_scanned_copy(fx.write_prose_pdf(tmp_path, pages=2), tmp_path)
    monkeypatch.setenv("OCR_MAX_PAGES", "1")
    with pytest.raises(DocumentError, match="OCR_MAX_PAGES"):
        load_document(scan, tmp_path)


def test_a_scan_without_writing_is_refused_with_the_reason(tmp_path):
    with pytest.raises(DocumentError, match="OCR read no text"):
        load_document(fx.write_image_only_pdf(tmp_path), tmp_path)


def test_a_digit_read_with_low_confidence_makes_a_figure_not_a_fact(tmp_path):
    scan = fx.write_scanned_copy(write_prose_page(tmp_path, "fr.pdf", FR_PROSE), tmp_path)
    doc = load_document(scan, tmp_path)
    start = doc.text.index("18 250")
    # Tesseract's doubt about the "8" of 18 250, as `DocumentOcr.read` records it: by the digit's box.
    box = tuple(round(v * 1000) for v in doc.boxes[start + 1])
    doc.ocr_pages[0] = dataclasses.replace(doc.ocr_pages[0], doubtful=frozenset({box}))
    result = extract_document(doc)
    assert 18250.0 not in {f.value for f in result.facts} and 6.1 in {f.value for f in result.facts}
    figure = next(f for f in result.figures if f.char_start <= start < f.char_end)
    assert figure.fact is None and "low confidence" in figure.skip_reason
