"""The PDF rendering of seed monograph 002 yields the same facts as its text.

The PDF is rendered at test time by benchmarks/render_monograph_pdf.py (real
ruled tables with spanning cells, headings, paragraphs, lists, superscripts,
running header, page numbers) into tmp_path; nothing binary is committed.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pdfplumber
import pytest

from extractors.document import extract_document
from extractors.read.loading import PAGE_SEPARATOR, load_document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw_documents" / "002_d1d507b0e37619ff.txt"


def renderer():
    spec = importlib.util.spec_from_file_location("render_monograph_pdf", ROOT / "benchmarks" / "render_monograph_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    folder = tmp_path_factory.mktemp("monograph")
    pdf_path = renderer().render_seed(SEED, folder / "002.pdf")
    text_doc = load_document(SEED, SEED.parent)
    pdf_doc = load_document(pdf_path, folder)
    return pdf_path, text_doc, pdf_doc, extract_document(text_doc), extract_document(pdf_doc)


def fact_set(result) -> set[tuple]:
    return {fact.key() + (fact.qualifier,) for fact in result.facts}


def test_pdf_rendering_has_several_pages_and_real_tables(both):
    pdf_path, _, pdf_doc, _, _ = both
    assert pdf_doc.format == "pdf" and pdf_doc.page_count >= 8
    with pdfplumber.open(pdf_path) as pdf:
        ruled = sum(len(page.find_tables()) for page in pdf.pages)
    assert ruled >= 10


def test_same_facts_as_the_text_seed(both):
    _, _, _, text_result, pdf_result = both
    expected, got = fact_set(text_result), fact_set(pdf_result)
    missing = sorted(expected - got, key=repr)
    extra = sorted(got - expected, key=repr)
    report = "\n".join(["missing from the PDF:"] + [f"  {m}" for m in missing] + ["extra in the PDF:"] + [f"  {e}" for e in extra])
    assert not missing and not extra, report
    assert len(expected) > 50


def test_running_header_and_page_numbers_are_dropped(both):
    _, _, pdf_doc, _, _ = both
    module = renderer()
    assert module.RUNNING_HEADER not in pdf_doc.text
    pages = pdf_doc.text.split(PAGE_SEPARATOR)
    for page in pages[1:]:
        lines = [line for line in page.strip().split("\n") if line.strip()]
        assert not lines[-1].strip().isdigit(), lines[-1]


def test_pdf_facts_carry_page_and_box_inside_the_page(both):
    pdf_path, _, pdf_doc, _, pdf_result = both
    with pdfplumber.open(pdf_path) as pdf:
        sizes = [(float(p.width), float(p.height)) for p in pdf.pages]
    assert pdf_result.facts
    for fact in pdf_result.facts:
        m = fact.mention
        assert m.page is not None and 1 <= m.page <= pdf_doc.page_count
        assert pdf_doc.page_of(m.char_start) == m.page
        assert m.bbox is not None, (m.snippet, pdf_doc.text[m.char_start : m.char_end])
        width, height = sizes[m.page - 1]
        x0, top, x1, bottom = m.bbox
        assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height


def test_figure_boxes_contain_the_figures_characters(both):
    """Each digit of a figure is a character pdfplumber sees on that page, with that text,
    inside the fact's box; a figure on one line has exactly its own digits in its box."""
    pdf_path, _, pdf_doc, _, pdf_result = both
    by_page: dict[int, list] = {}
    for fact in pdf_result.facts:
        by_page.setdefault(fact.mention.page, []).append(fact)
    checked = one_line = 0
    with pdfplumber.open(pdf_path) as pdf:
        for number, facts in sorted(by_page.items()):
            page = pdf.pages[number - 1]
            chars = [c for c in page.chars if not c["text"].isspace()]
            for fact in facts:
                m = fact.mention
                x0, top, x1, bottom = m.bbox
                offsets = [i for i in range(m.char_start, m.char_end) if pdf_doc.text[i].isdigit()]
                size = 0.0
                for i in offsets:
                    bx0, btop, bx1, bbottom = pdf_doc.boxes[i]
                    [char] = [c for c in chars if abs(c["x0"] - bx0) < 0.01 and abs(c["top"] - btop) < 0.01]
                    assert char["text"] == pdf_doc.text[i]
                    size = max(size, char["size"])
                    assert x0 - 0.01 <= char["x0"] and char["x1"] <= x1 + 0.01
                    assert top - 0.01 <= char["top"] and char["bottom"] <= bottom + 0.01
                    checked += 1
                if offsets and bottom - top < 1.5 * size:
                    inside = [c for c in chars if x0 - 0.01 <= c["x0"] and c["x1"] <= x1 + 0.01
                              and top - 0.01 <= c["top"] and c["bottom"] <= bottom + 0.01]
                    inside.sort(key=lambda c: c["x0"])
                    digits = "".join(pdf_doc.text[i] for i in offsets)
                    assert "".join(c["text"] for c in inside if c["text"].isdigit()) == digits, (m.snippet, m.bbox)
                    one_line += 1
            page.close()
    assert checked > 200 and one_line > 50
