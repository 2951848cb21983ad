"""The layout of one PDF page as text units: paragraphs and tables, in reading order.

Pure geometry over pdfplumber's characters; `extractors.read.loading.pdf_to_text`
opens the file, feeds pages here one at a time and joins the pages.

A page is read as (`page.page_units`):
1. words (`words`): the page's characters, sorted once by baseline then x, cut at spaces
   and gaps (one pass, no per-word pdfplumber calls); overprinted duplicates dropped;
2. ruled tables (`ruled_tables`): pdfplumber's lines strategy, only on pages that draw lines or
   rectangles; each word goes to the cell holding its centre;
3. borderless tables (`text_tables`): rows of words whose big gaps line up in columns
   (gutters), with figures in them; a cell's inner spaces ("5 998 916") never
   split it; a row holding only the tail of a wrapped number joins the row above;
4. everything else (`reading_order`): a recursive XY cut over line fragments (the widest gap first,
   vertical gutters only across two or more lines), so two columns are read one
   after the other and never merged line by line;
5. lines -> paragraphs (`lines`, `units`): a paragraph ends at a vertical gap; a line that could
   not have held the next line's first word was wrapped and joins it with a space,
   otherwise the line break is kept.

Across pages, `running_lines` finds the headers and footers every page repeats. Each emitted
character that belongs to a figure keeps its box on the page (`boxes`).
"""
from extractors.read.pdf_layout.boxes import Box, BoxMap, Run
from extractors.read.pdf_layout.lines import Line, joins_as_wrap, wrap_separator
from extractors.read.pdf_layout.page import page_chars, page_units
from extractors.read.pdf_layout.running_lines import PageUnits, running_lines
from extractors.read.pdf_layout.units import Unit

__all__ = ["Box", "BoxMap", "Line", "PageUnits", "Run", "Unit", "joins_as_wrap", "page_chars", "page_units",
           "running_lines", "wrap_separator"]
