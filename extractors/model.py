"""The records extraction produces, shared by every extractor and by the loaders.

Everything here is plain data: the warehouse loader turns these into DuckDB
rows, the validation rules read them back as dicts with the same field names.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field


class DocumentError(Exception):
    """A document that cannot be read, with a reason a person can act on.

    >>> str(DocumentError("the PDF is encrypted"))
    'the PDF is encrypted'
    """


def stable_id(*parts: object) -> str:
    """A short, stable hex id derived from the parts (same parts, same id).

    >>> stable_id("doc", 1) == stable_id("doc", 1)
    True
    """
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class OcrPage:
    """A PDF page read by OCR: why, with what, what it cost, how sure Tesseract was.

    `doubtful` holds the boxes (thousandths of a point, as the layout stores them) of the
    digits Tesseract read with low confidence, so a figure holding one is found by its boxes.
    """

    page: int  # 1-based
    reason: str  # "no text layer", "a text layer of glyph codes", ...
    language: str  # Tesseract's codes: "fra", or "fra+deu+nld+eng" before the language is known
    dpi: int
    seconds: float  # Tesseract's time on the page (the first run's, when it came from the cache)
    cached: bool
    words: int
    confidence: float  # mean word confidence, 0-100
    doubtful: frozenset[tuple[int, int, int, int]] = frozenset()


@dataclass
class LoadedDocument:
    """A document read from disk: its bytes' hash and its extracted text.

    `text` is the text every offset in the warehouse points into. For a PDF,
    `page_starts[i]` is the offset where page i+1 begins in `text`.
    `boxes` maps a character offset of `text` to its (x0, top, x1, bottom)
    on the page, for PDFs only (OCRed pages too: from Tesseract's boxes).
    """

    path: str
    source_path: str
    sha256: str
    format: str  # txt, md, html, pdf
    text: str
    page_starts: list[int] | None = None
    page_count: int | None = None
    boxes: Mapping[int, tuple[float, float, float, float]] | None = None
    ocr_pages: list[OcrPage] = field(default_factory=list)  # the PDF pages read by OCR

    @property
    def document_id(self) -> str:
        # The content decides the id: the same bytes under another name are the same document.
        return "doc_" + self.sha256[:16]

    def page_of(self, offset: int) -> int | None:
        """1-based page of a character offset, None for unpaged sources.

        >>> LoadedDocument("a", "a", "0", "pdf", "x" * 30, page_starts=[0, 10, 20]).page_of(15)
        2
        """
        if not self.page_starts:
            return None
        return max(1, bisect_right(self.page_starts, offset))


@dataclass
class Mention:
    """One place where a figure is stated."""

    char_start: int
    char_end: int
    snippet: str
    source: str  # 'table' or 'prose'
    page: int | None = None
    table_id: str | None = None
    row_label: str | None = None
    column_label: str | None = None
    bbox: tuple[float, float, float, float] | None = None


@dataclass
class Fact:
    """A figure with its meaning. Several mentions of the same figure merge into one Fact."""

    indicator: str
    area: str | None
    segment: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    value: float
    unit: str
    qualifier: str | None
    mention: Mention
    # Half the unit of the last digit as written, in base units: "400,4 M€" -> 50 000.
    precision: float = 0.5
    # "Évolution (En %)" stated beside the figure, and the figure it compares with.
    stated_change_pct: float | None = None
    stated_change_decimals: int | None = None
    compared_with: "Fact | None" = None
    scale_note: str | None = None
    # Digits that read two ways ("1,234" in a column of "12 345"): the value kept is the language's reading
    # (a decimal comma), `alternative_value` the other one (a thousands comma), `reading_ambiguity` says why.
    alternative_value: float | None = None
    reading_ambiguity: str | None = None
    # How it was read: each attribute and the cue that gave it, and how sure the reading is
    # (validation accuses a source only over facts read with confidence).
    reason: str | None = None
    confidence: float = 0.9
    # A period the text names but nothing dates ("au 3e trimestre", no year, no publication date):
    # two such figures of different periods stay two facts (contract: one row per distinct figure).
    undated_period: str | None = None

    def key(self) -> tuple:
        """What makes two statements the same figure (contract: one row per distinct figure)."""
        key = (
            self.indicator,
            self.area,
            self.segment,
            self.period_start,
            self.period_end,
            round(self.value, 6),
        )
        return key + (self.undated_period,) if self.undated_period else key


@dataclass
class FigureRecord:
    """One number read from a document, whether it became a fact or not (then `skip_reason` says why)."""

    value: float
    unit: str | None
    surface: str
    char_start: int
    char_end: int
    page: int | None
    context: str  # 'table' or 'prose'
    snippet: str
    row_label: str | None = None
    column_label: str | None = None
    table_id: str | None = None
    precision: float = 0.5
    fact: "Fact | None" = None
    skip_reason: str | None = None
    # What a reader calls the table it stands in (its caption, else its section's heading), for messages.
    table_name: str | None = None


@dataclass
class Relation:
    """A relation a source states between its figures ("Total = col. 6 + col. 7", on one row)."""

    kind: str  # 'formula'
    target: FigureRecord
    operands: list[FigureRecord]
    expression: str  # over x0, x1, …: "x0 + x1", "x0 * x1 / x2"
    formula_text: str
    table_id: str | None = None
    row_label: str | None = None


@dataclass
class Duration:
    """How long an agreement or project runs, as stated ("pour quatre ans", "voor 36 maanden")."""

    years: float
    months: int
    char_start: int
    char_end: int


@dataclass
class Partnership:
    name: str
    parties: list[str]
    signed_on: dt.date | None
    signed_precision: str | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    snippet: str
    char_start: int
    char_end: int
    page: int | None = None
    # agreement, convention, declaration_of_intent, programme or project (from the noun that names it)
    kind: str | None = None
    # how long it runs when the text says so ("pour quatre ans"): a `duration_years` fact too
    duration: Duration | None = None


@dataclass
class DocumentResult:
    """All that one document yields, ready for the warehouse."""

    document: LoadedDocument
    language: str
    title: str | None
    published_on: dt.date | None
    facts: list[Fact] = field(default_factory=list)
    partnerships: list[Partnership] = field(default_factory=list)
    figures: list[FigureRecord] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # What could not be read inside an otherwise readable document ("31 février 2024").
    warnings: list["DocumentWarning"] = field(default_factory=list)


@dataclass
class DocumentWarning:
    kind: str
    message: str
    char_start: int
    char_end: int
    page: int | None = None
