"""PDF pages without a usable text layer, read by OCR (Tesseract), with their words' boxes.

Which pages: `text_layer_problem` judges a page from its characters alone (none; glyph
codes such as "(cid:12)"; one character per line); a page with only a few characters is
also rendered small to see whether the text layer covers a small part of a page full of
ink (`sparse_text_on_ink`). Pages with a good text layer are read as before: a PDF mixing
both gets OCR only where needed.

How: the page is rendered with pdfium at OCR_DPI (300 dpi reads table digits; the scan's
own resolution is often lower) and given to Tesseract, whose hOCR output holds each
word's characters with their boxes and confidences and each line's baseline. They become
the same character records as pdfminer's (`pdf_layout.page.page_chars`), so the page's
paragraphs, its borderless tables (from the recognised words' positions) and every
figure's box on the page are read by the same code as a born-digital page. The language
is the document's (detected on its text pages, or on its first OCRed page, read with all
four languages); Tesseract's codes come from pycountry.

Provenance: `ocr_provenance` marks every fact read on an OCRed page (its reason says so,
its confidence stays under validation's sure reading, so a contradiction between OCR
readings is an `uncertain_reading`, never a source's error), and a figure whose digits
Tesseract read with low confidence stays a figure with that reason instead of a fact.

Cost: one Tesseract process per page, with one thread (the reading pool already runs a
process per core), at most OCR_MAX_PAGES pages per document and OCR_PAGE_TIMEOUT seconds
per page. Each page's hOCR is cached (gzip) under OCR_CACHE_DIR (default: `ocr-cache/`
next to the warehouse), keyed by the sha256 of the file's bytes, the page, the language,
the resolution and Tesseract's version: a re-run never OCRs a page twice. Each OCRed page
records its seconds, whether it came from the cache, its word count and mean confidence
(`LoadedDocument.ocr_pages`, then one `ocr_page` row per page in `document_warnings`).
"""
from __future__ import annotations

import gzip
import io
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from extractors.model import DocumentError, DocumentResult, DocumentWarning, OcrPage

OCR_DPI = 300
# Tesseract's models, tried together on a first page whose language nothing tells yet.
ALL_LANGUAGES = ("fra", "deu", "nld", "eng")
DEFAULT_MAX_PAGES = 200
DEFAULT_PAGE_TIMEOUT = 600.0
# Below this confidence (0-100, the character's or its word's) a digit is doubtful: its figure is no fact.
DOUBTFUL_DIGIT = 50.0
# Words without digits read below this confidence are noise (specks, rules, pictures).
NOISE_WORD = 30.0
# Letters of text enough to tell the document's language (a few sentences' stopwords).
MIN_LETTERS_FOR_LANGUAGE = 100
# The confidence of a fact read by OCR: under validation's sure reading (0.8).
OCR_FACT_CONFIDENCE = 0.6
# A text layer of fewer characters than this may be a scan's stray layer: look at the ink.
SPARSE_CHARS = 200
INK_DPI = 36
# Rules drawn in a scanned table, found in the page's image at RULE_DPI: straight runs of ink at
# least this long (points), at most RULE_THICKNESS thick (thicker is a filled area, not a rule).
RULE_DPI = 150
MIN_RULE_LENGTH = {"h": 20.0, "v": 12.0}
RULE_THICKNESS = 3.0
# Grey level (0-255) under which a pixel may belong to a rule: light enough for the pale grid lines
# of spreadsheet exports, dark enough to leave out the pale fills of header cells.
RULE_INK = 215
# Grey level under which a pixel is tinted: a filled rectangle of it (a header cell) gives four edges.
FILL_INK = 245

_GLYPH_CODE = re.compile(r"^\(cid:\d+\)$")
_RULE_ONLY = re.compile(r"^[|_¦‖]+$")  # a rule or a cell border read as a glyph
_XHTML = "{http://www.w3.org/1999/xhtml}"
_LINE_CLASSES = {"ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"}


# --------------------------------------------------------------------------
# which pages need OCR
# --------------------------------------------------------------------------


def text_layer_problem(chars: list[dict]) -> str | None:
    """Why a page's characters are no usable text layer, or None when they are.

    >>> c = lambda t, b: {"text": t, "x0": 0, "x1": 5, "top": b - 10, "bottom": b, "size": 10}
    >>> text_layer_problem([]), text_layer_problem([c("(cid:3)", 10), c("(cid:7)", 10), c("a", 10)])
    ('no text layer', 'a text layer of glyph codes')
    >>> text_layer_problem([c("x", 12 * k) for k in range(1, 30)])
    'a text layer of one character per line'
    >>> text_layer_problem([c(ch, 12) for ch in "Budget 2024"]) is None
    True
    """
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return "no text layer"
    codes = sum(1 for c in visible if _GLYPH_CODE.match(c["text"]) or _unreadable(c["text"]))
    if codes >= 0.3 * len(visible):
        return "a text layer of glyph codes"
    bottoms = sorted(round(c["bottom"]) for c in visible)
    lines = 1 + sum(1 for a, b in zip(bottoms, bottoms[1:]) if b - a > 1)
    if lines >= 10 and len(visible) < 2 * lines:
        return "a text layer of one character per line"
    return None


def _unreadable(text: str) -> bool:
    """A character no text means: a private-use code point, a control, the replacement mark."""
    return all(0xE000 <= ord(ch) <= 0xF8FF or ord(ch) < 32 or ch == "\ufffd" for ch in text)


def sparse_text_on_ink(chars: list[dict], page) -> str | None:
    """For a page with few characters: whether they cover a small part of a page full of ink
    (a scan with a stray text layer, a stamp or a page number added digitally).

    The page is rendered at INK_DPI; ink is a dark pixel; the characters' boxes are widened by
    an em. Only pages with fewer than SPARSE_CHARS characters are rendered.
    """
    visible = [c for c in chars if c["text"].strip()]
    if len(visible) >= SPARSE_CHARS:
        return None
    import numpy as np

    scale = INK_DPI / 72
    image = np.asarray(_render(page, INK_DPI).convert("L"))
    ink = image < 128
    total = int(ink.sum())
    if total < 0.02 * ink.size:
        return None  # a nearly blank page: nothing to read
    covered = np.zeros_like(ink)
    x_off, y_off = float(page.bbox[0]), float(page.bbox[1])
    for c in visible:
        pad = c.get("size", 10)
        x0, x1 = int((c["x0"] - x_off - pad) * scale), int((c["x1"] - x_off + pad) * scale) + 1
        y0, y1 = int((c["top"] - y_off - pad) * scale), int((c["bottom"] - y_off + pad) * scale) + 1
        covered[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = True
    outside = int((ink & ~covered).sum())
    if outside >= 0.8 * total:
        return "a text layer covering a small part of a page full of ink"
    return None


def _render(page, dpi: float):
    """The page as a Pillow image at dpi, through pdfium (pdfplumber's own renderer)."""
    return page.to_image(resolution=dpi).original


# --------------------------------------------------------------------------
# Tesseract
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def tesseract() -> tuple[str, str, frozenset[str]] | None:
    """(executable, version, installed languages), or None when Tesseract is not installed."""
    exe = shutil.which(os.environ.get("TESSERACT") or "tesseract")
    if exe is None:
        return None
    try:
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    first = (version.stdout or version.stderr).split("\n", 1)[0].split()
    installed = frozenset(line.strip() for line in langs.stdout.splitlines()[1:] if line.strip())
    return exe, (first[-1] if first else "unknown"), installed


def tesseract_language(iso639_1: str | None) -> str | None:
    """Tesseract's code for a language ("fr" -> "fra"), from pycountry.

    >>> tesseract_language("de"), tesseract_language("nl")
    ('deu', 'nld')
    """
    import pycountry

    language = pycountry.languages.get(alpha_2=iso639_1) if iso639_1 else None
    return language.alpha_3 if language is not None else None


def run_tesseract(image, language: str, dpi: int, timeout: float) -> bytes:
    """hOCR (with character boxes) of a Pillow image; DocumentError when Tesseract fails."""
    found = tesseract()
    if found is None:
        raise DocumentError("Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-fra "
                            "tesseract-ocr-deu tesseract-ocr-nld tesseract-ocr-eng; see the README)")
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PPM")  # a PGM: no compression to spend time on
    command = [found[0], "stdin", "stdout", "-l", language, "--psm", "3", "--dpi", str(dpi),
               "-c", "hocr_char_boxes=1", "hocr"]
    # One thread: the reading pool already runs one process per core.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, input=buffer.getvalue(), capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as exc:
        raise DocumentError(f"OCR took more than {timeout:.0f} s (OCR_PAGE_TIMEOUT)") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DocumentError(f"Tesseract failed: {message[-1] if message else done.returncode}")
    return done.stdout


def _title(element) -> dict[str, list[str]]:
    """hOCR's title properties: "bbox 1 2 3 4; x_wconf 91" -> {"bbox": ["1", ...], "x_wconf": ["91"]}."""
    out = {}
    for part in (element.get("title") or "").split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def hocr_chars(hocr: bytes, dpi: float, offset: tuple[float, float] = (0.0, 0.0)) -> list[dict]:
    """Character records (pdfminer's shape: text, x0, x1, top, bottom, size, upright, plus conf)
    of Tesseract's hOCR, in points from the page's top left (+ offset).

    A character's box is Tesseract's, widened to touch the next character of its word (a word
    stays one word for the layout); its bottom and top come from its line's baseline and height,
    so cells of one table row, found in different blocks, share a baseline. Words without digits
    read below NOISE_WORD, and words of rules and specks only, are dropped.
    """
    root = ET.fromstring(hocr)
    scale = 72.0 / dpi
    chars: list[dict] = []
    for line in root.iter(f"{_XHTML}span"):
        if line.get("class") not in _LINE_CLASSES:
            continue
        props = _title(line)
        lx0, _, _, ly1 = (float(v) for v in props["bbox"])
        slope, intercept = (float(v) for v in props.get("baseline", ["0", "0"]))
        height = float(props.get("x_size", ["0"])[0]) or None
        for word in line.iter(f"{_XHTML}span"):
            if word.get("class") != "ocrx_word":
                continue
            wprops = _title(word)
            wx0, wy0, wx1, wy1 = (float(v) for v in wprops["bbox"])
            confidence = float(wprops.get("x_wconf", ["0"])[0])
            pieces = _word_pieces(word, (wx0, wx1), confidence)
            text = "".join(t for t, *_ in pieces)
            has_digit = any(ch.isdigit() for ch in text)
            if not text.strip() or _RULE_ONLY.match(text) or (confidence < NOISE_WORD and not has_digit):
                continue
            size = height or (wy1 - wy0)
            baseline = ly1 + intercept + slope * ((wx0 + wx1) / 2 - lx0)
            bottom = baseline + 0.2 * size
            top = bottom - size
            for k, (ch, x0, x1, conf) in enumerate(pieces):
                right = pieces[k + 1][1] if k + 1 < len(pieces) else wx1
                chars.append({
                    "text": ch, "x0": x0 * scale + offset[0], "x1": max(x1, right) * scale + offset[0],
                    "top": top * scale + offset[1], "bottom": bottom * scale + offset[1],
                    "size": size * scale, "upright": True, "conf": conf, "word_conf": confidence,
                })
    return chars


def _word_pieces(word, span: tuple[float, float], confidence: float) -> list[tuple[str, float, float, float]]:
    """(character, x0, x1, confidence) of a word: Tesseract's character boxes, else the word's box cut evenly."""
    pieces: list[tuple[str, float, float, float]] = []
    for info in word.iter(f"{_XHTML}span"):
        if info.get("class") == "ocrx_cinfo" and info.text:
            props = _title(info)
            x0, _, x1, _ = (float(v) for v in props["x_bboxes"])
            conf = float(props.get("x_conf", [confidence])[0])
            for ch in info.text:
                # The LSTM's character boxes are approximate and may overlap out of order: keep the
                # characters in Tesseract's reading order, each starting right of the one before.
                if pieces:
                    x0 = max(x0, pieces[-1][1] + 0.5)
                pieces.append((ch, x0, max(x1, x0 + 0.5), conf))
    if pieces:
        return pieces
    text = "".join(word.itertext()).strip()
    width = (span[1] - span[0]) / max(1, len(text))
    return [(ch, span[0] + k * width, span[0] + (k + 1) * width, confidence) for k, ch in enumerate(text)]


# --------------------------------------------------------------------------
# rules drawn in the image
# --------------------------------------------------------------------------


def image_rules(image, dpi: float, offset: tuple[float, float] = (0.0, 0.0)) -> list[dict]:
    """The straight rules of a page image, as pdfplumber line objects (points, from the page's top left).

    A scanned table's rules are pixels; given to the page as lines, they let pdfplumber's lines
    strategy find the table's cells as it does on a born-digital page (`pdf_layout.ruled_tables.ruled_tables`).

    >>> from PIL import Image, ImageDraw
    >>> im = Image.new("L", (300, 200), 255); d = ImageDraw.Draw(im)
    >>> d.line((10, 50, 290, 50), fill=0, width=2); d.line((100, 20, 100, 180), fill=0, width=2)
    >>> sorted((r["x0"], r["top"], r["x1"], r["bottom"]) for r in image_rules(im, 72))
    [(10.0, 51.0, 291.0, 51.0), (101.0, 20.0, 101.0, 181.0)]
    """
    import numpy as np

    grey = np.asarray(image.convert("L"))
    ink, tint = grey < RULE_INK, grey < FILL_INK
    scale = 72.0 / dpi
    thickness = max(1, int(round(RULE_THICKNESS / scale)))
    lines: list[tuple[float, float, float, float]] = []  # x0, top, x1, bottom in pixels
    for orientation, ink_grid, tint_grid in (("h", ink, tint), ("v", ink.T, tint.T)):
        length = max(2, int(MIN_RULE_LENGTH[orientation] / scale))
        # The rules drawn, and the sides of tinted areas (a header cell's fill is a rectangle
        # whose sides are edges, as a vector rect's are for pdfplumber).
        drawn: list[tuple[float, int, int]] = []  # (middle, along0, along1) of the rules drawn
        for grid in (ink_grid, _sides(tint_grid)):
            for across0, across1, along0, along1 in _long_runs(grid, length):
                middle = (across0 + across1) / 2
                if across1 - across0 > thickness or (grid is not ink_grid and any(
                        abs(m - middle) <= thickness and min(a1, along1) - max(a0, along0) > 0.5 * (along1 - along0)
                        for m, a0, a1 in drawn)):
                    continue  # a filled area's middle, or the sides of a rule already found
                if grid is ink_grid:
                    drawn.append((middle, along0, along1))
                lines.append((along0, middle, along1, middle) if orientation == "h"
                             else (middle, along0, middle, along1))
    rules = []
    for x0, top, x1, bottom in lines:
        x0, x1 = float(x0) * scale + offset[0], float(x1) * scale + offset[0]
        top, bottom = float(top) * scale + offset[1], float(bottom) * scale + offset[1]
        rules.append({"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                      "width": x1 - x0, "height": bottom - top, "linewidth": 1.0})
    return rules


def _sides(grid):
    """The first and the last row of each vertical stretch of True (a filled area's top and bottom)."""
    import numpy as np

    sides = np.zeros_like(grid)
    sides[0] = grid[0]
    sides[1:] = grid[1:] & ~grid[:-1]
    sides[:-1] |= grid[:-1] & ~grid[1:]
    sides[-1] |= grid[-1]
    return sides


def _long_runs(grid, length: int) -> list[tuple[int, int, int, int]]:
    """(first row, last row + 1, first column, last column + 1) of each group of runs of True at least
    `length` long along a row, runs of neighbouring rows that overlap joined."""
    import numpy as np

    sums = np.cumsum(grid, axis=1, dtype=np.int32)
    full = np.zeros(grid.shape, dtype=bool)
    full[:, length - 1:] = (sums[:, length - 1:] - np.pad(sums, ((0, 0), (1, 0)))[:, : grid.shape[1] - length + 1]) == length
    open_groups: list[list[int]] = []  # [row0, row1, col0, col1], still growing
    done: list[tuple[int, int, int, int]] = []
    for r in np.flatnonzero(full.any(axis=1)).tolist():
        ends = np.flatnonzero(full[r])  # a run of `length` ends at each of these columns
        breaks = np.flatnonzero(np.diff(ends) > 1)
        starts = (np.concatenate(([ends[0]], ends[breaks + 1])) - length + 1).tolist()
        stops = (np.concatenate((ends[breaks], [ends[-1]])) + 1).tolist()
        growing: list[list[int]] = []
        for c0, c1 in zip(starts, stops):
            # Every group this run touches (from the row above, or this row's) becomes one: a filled
            # area stays one thick group, never a stack of thin rules.
            touched = [g for g in open_groups + growing if g[1] >= r and g[2] < c1 and c0 < g[3]]
            group = [min([r] + [g[0] for g in touched]), r + 1, min([c0] + [g[2] for g in touched]),
                     max([c1] + [g[3] for g in touched])]
            open_groups = [g for g in open_groups if all(g is not t for t in touched)]
            growing = [g for g in growing if all(g is not t for t in touched)] + [group]
        done.extend(tuple(g) for g in open_groups)  # not continued on this row: complete
        open_groups = growing
    done.extend(tuple(g) for g in open_groups)
    return done


# --------------------------------------------------------------------------
# one document's OCR: languages, cache, limits
# --------------------------------------------------------------------------


def cache_dir() -> Path:
    """$OCR_CACHE_DIR, else `ocr-cache/` next to the warehouse."""
    value = os.environ.get("OCR_CACHE_DIR")
    if value:
        return Path(value).expanduser()
    from warehouse.paths import warehouse_path

    return warehouse_path().parent / "ocr-cache"


class DocumentOcr:
    """The OCR of one PDF's pages, asked for page by page by `loading.pdf_to_text`."""

    def __init__(self, sha256: str) -> None:
        self.sha256 = sha256
        self.dpi = int(os.environ.get("OCR_DPI") or OCR_DPI)
        self.max_pages = int(os.environ.get("OCR_MAX_PAGES") or DEFAULT_MAX_PAGES)
        self.timeout = float(os.environ.get("OCR_PAGE_TIMEOUT") or DEFAULT_PAGE_TIMEOUT)
        self.language: str | None = None  # Tesseract's code, once the document's language is known
        self.pages: list[OcrPage] = []

    def problem(self, chars: list[dict], page) -> str | None:
        """Why this page needs OCR, or None. Without Tesseract, a page with some text layer keeps it
        (a PDF that was readable before stays so); a page with none makes the document an error."""
        problem = text_layer_problem(chars)
        if problem == "no text layer":
            return problem
        if tesseract() is None:
            return None
        return problem or sparse_text_on_ink(chars, page)

    def read(self, number: int, page, reason: str, text_so_far: str) -> list[dict]:
        """The page's characters read by OCR (DocumentError past the limits or when Tesseract fails);
        the rules drawn in its image are added to the page's lines."""
        if len(self.pages) >= self.max_pages:
            raise DocumentError(f"more than {self.max_pages} pages need OCR (OCR_MAX_PAGES); not read")
        language = self._language(text_so_far)
        found = tesseract()
        version = found[1] if found else "none"
        path = cache_dir() / self.sha256[:2] / f"{self.sha256}-p{number}-{language}-{self.dpi}-{version}.hocr.gz"
        started = time.perf_counter()
        cached = path.is_file()
        if cached:
            hocr = gzip.decompress(path.read_bytes())
            seconds = _cached_seconds(hocr)
        else:
            try:
                hocr = run_tesseract(_render(page, self.dpi), language, self.dpi, self.timeout)
            except DocumentError as exc:
                raise DocumentError(f"page {number} ({reason}) could not be read by OCR: {exc}") from exc
            seconds = time.perf_counter() - started
            _write_atomically(path, gzip.compress(_with_seconds(hocr, seconds)))
        offset = (float(page.bbox[0]), float(page.bbox[1]))
        chars = hocr_chars(hocr, self.dpi, offset)
        # The rules drawn in the image join the page's vector lines: a scanned ruled table is then
        # found by pdfplumber's lines strategy like a born-digital one (pdf_layout/ruled_tables.py).
        page.objects.setdefault("line", []).extend(image_rules(_render(page, RULE_DPI), RULE_DPI, offset))
        words = ocr_words(chars)
        confidences = [conf for _, conf in words]
        self.pages.append(OcrPage(
            page=number, reason=reason, language=language, dpi=self.dpi, seconds=round(seconds, 3),
            cached=cached, words=len(words), confidence=round(sum(confidences) / len(words), 1) if words else 0.0,
            doubtful=frozenset(_box_key(c) for c in chars
                               if c["text"].isdigit() and min(c["conf"], c["word_conf"]) < DOUBTFUL_DIGIT),
        ))
        if self.language is None and "+" in language:
            self._detect(" ".join(text for text, _ in words))
        return chars

    def _language(self, text_so_far: str) -> str:
        if self.language is None:
            self._detect(text_so_far)
        installed = (tesseract() or ("", "", frozenset(ALL_LANGUAGES)))[2]
        if self.language in installed:
            return self.language
        return "+".join(code for code in ALL_LANGUAGES if code in installed) or "eng"

    def _detect(self, text: str) -> None:
        """The document's language from enough of its text (its text pages, or a first OCRed page)."""
        if sum(ch.isalpha() for ch in text) < MIN_LETTERS_FOR_LANGUAGE:
            return
        from extractors.annotate.metadata import detect_language

        self.language = tesseract_language(detect_language(text))


def _box_key(char: dict) -> tuple[int, int, int, int]:
    """A character's box as the layout stores it (thousandths of a point), to find it again by its box."""
    return (round(char["x0"] * 1000), round(char["top"] * 1000), round(char["x1"] * 1000), round(char["bottom"] * 1000))


def ocr_words(chars: list[dict]) -> list[tuple[str, float]]:
    """(text, confidence) of each word of `hocr_chars`' characters (a run of characters touching
    each other on one baseline, with Tesseract's word confidence).

    >>> c = lambda t, x0, x1: {"text": t, "x0": x0, "x1": x1, "bottom": 10, "conf": 90.0}
    >>> ocr_words([c("d", 0, 5), c("e", 5, 9), c("1", 20, 25)])
    [('de', 90.0), ('1', 90.0)]
    """
    out: list[tuple[list[str], float]] = []
    previous = None
    for c in chars:
        if previous is None or c["x0"] - previous["x1"] > 0.01 or c["bottom"] != previous["bottom"]:
            out.append(([], c.get("word_conf", c["conf"])))
        out[-1][0].append(c["text"])
        previous = c
    return [("".join(texts), conf) for texts, conf in out]


_SECONDS = re.compile(rb"<!-- ocr-seconds ([0-9.]+) -->\s*$")


def _with_seconds(hocr: bytes, seconds: float) -> bytes:
    """The hOCR with the time it took, so a cached page still says what reading it cost."""
    return hocr.rstrip() + f"\n<!-- ocr-seconds {seconds:.3f} -->\n".encode()


def _cached_seconds(hocr: bytes) -> float:
    m = _SECONDS.search(hocr[-200:])
    return float(m.group(1)) if m else 0.0


def _write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: two processes never see half a cache entry.
    A cache that cannot be written (a read-only disk) costs a re-OCR next time, not the document."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


# --------------------------------------------------------------------------
# provenance of what OCR read
# --------------------------------------------------------------------------


def ocr_provenance(result: DocumentResult) -> None:
    """Mark what was read on OCRed pages: facts get the OCR in their reason and a confidence under
    the sure reading; a figure with a digit read below DOUBTFUL_DIGIT stays a figure with that
    reason, not a fact; each OCRed page gets an `ocr_page` warning saying what its OCR cost."""
    doc = result.document
    pages = {p.page: p for p in doc.ocr_pages}
    if not pages:
        return
    dropped: set[int] = set()
    for figure in result.figures:
        page = pages.get(figure.page)
        if figure.fact is None or page is None or not _doubtful(doc, page, figure.char_start, figure.char_end):
            continue
        dropped.add(id(figure.fact))
        figure.fact = None
        figure.skip_reason = (f"OCR read a digit with low confidence (under {DOUBTFUL_DIGIT:.0f}/100) "
                              f"on page {page.page}: not taken as a fact")
    result.facts = [f for f in result.facts if id(f) not in dropped]
    for fact in result.facts:
        page = pages.get(fact.mention.page)
        if page is None:
            continue
        fact.reason = (f"{fact.reason}; " if fact.reason else "") + \
            f"read by OCR on page {page.page} (Tesseract {page.language}, mean word confidence {page.confidence:.0f})"
        fact.confidence = min(fact.confidence, OCR_FACT_CONFIDENCE)
    starts = doc.page_starts or [0]
    for page in doc.ocr_pages:
        start = starts[page.page - 1] if page.page <= len(starts) else len(doc.text)
        end = starts[page.page] if page.page < len(starts) else len(doc.text)
        took = "from the OCR cache (first read in" if page.cached else "in"
        result.warnings.append(DocumentWarning(
            "ocr_page",
            f"{doc.source_path}: page {page.page} has {page.reason}: read by OCR (Tesseract {page.language}, "
            f"{page.dpi} dpi) {took} {page.seconds:.1f} s{')' if page.cached else ''}, {page.words} words, "
            f"mean word confidence {page.confidence:.0f}; its facts are not sure readings",
            start, end, page.page,
        ))


def _doubtful(doc, page: OcrPage, start: int, end: int) -> bool:
    if not page.doubtful or not doc.boxes:
        return False
    for i in range(start, end):
        if doc.text[i].isdigit() and i in doc.boxes:
            box = doc.boxes[i]
            if tuple(round(v * 1000) for v in box) in page.doubtful:
                return True
    return False
