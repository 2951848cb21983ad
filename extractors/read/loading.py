"""Reading documents from disk into `LoadedDocument`s (text, hash, pages, boxes).

Pure Python, no Dagster. The text built here is the text every warehouse offset
points into, so the functions below either keep the raw text as it is or apply
a small, documented set of repairs (decoding, mojibake, NFC, CRLF -> LF).

>>> from pathlib import Path; import tempfile
>>> root = Path(tempfile.mkdtemp()); _ = (root / "a.txt").write_bytes(b"Belgi\\xc3\\xab\\n")
>>> load_document(root / "a.txt", root).text
'België\\n'
"""
from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import ftfy

from extractors.read.front_matter import front_matter_end
from extractors.read.html_text import html_to_text
from extractors.model import DocumentError, LoadedDocument
from extractors.read.ocr import DocumentOcr
from extractors.read.pdf_layout import (
    BoxMap,
    Line,
    PageUnits,
    Unit,
    joins_as_wrap,
    page_chars,
    page_units,
    running_lines,
    wrap_separator,
)

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SUPPORTED_SUFFIXES = frozenset(TEXT_SUFFIXES) | {".pdf"}
PAGE_SEPARATOR = "\n\f\n"

Box = tuple[float, float, float, float]


# --------------------------------------------------------------------------
# discovery
# --------------------------------------------------------------------------


def discover_documents(root: Path) -> list[Path]:
    """Every non-hidden file under root, sorted by relative path.

    Files with an unsupported suffix are listed too, so the pipeline can
    record them ("unsupported file type .docx"); `load_document` refuses them.
    Hidden files and anything under a hidden folder (".git", ".DS_Store") are skipped.

    >>> # root/a.pdf, root/sub/b.TXT, root/.hidden.txt, root/c.docx
    >>> # discover_documents(root) -> [root/a.pdf, root/c.docx, root/sub/b.TXT]
    """
    root = Path(root)
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def is_supported(path: Path) -> bool:
    """Whether the suffix is one `load_document` reads (case-insensitive).

    >>> is_supported(Path("x.PDF")), is_supported(Path("x.docx"))
    (True, False)
    """
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES


# --------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------


def load_document(path: Path, root: Path) -> LoadedDocument:
    """Read one file into a LoadedDocument, or raise DocumentError(reason).

    The format comes from the content (PDF magic, HTML structure), the suffix
    only decides between txt and md and rules out unsupported files.

    >>> # load_document(root / "news/article.html", root).source_path -> 'news/article.html'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            f"unsupported file type {suffix or '(no extension)'}; "
            f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"the file cannot be read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise DocumentError("the file is empty")

    common = dict(
        path=str(path),
        source_path=_relative_posix(path, root),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    if is_pdf_bytes(data):
        ocr = DocumentOcr(common["sha256"])
        text, page_starts, boxes = pdf_to_text(data, ocr)
        return LoadedDocument(
            format="pdf", text=text, page_starts=page_starts, page_count=len(page_starts), boxes=boxes,
            ocr_pages=ocr.pages, **common
        )
    kind = binary_kind(data)
    if kind:
        raise DocumentError(f"the file is binary data ({kind}), not a text, HTML or PDF document")
    text = decode_text(data)
    if suffix == ".pdf":
        raise DocumentError("the file is named .pdf but is not a PDF (it holds text); rename it or re-export the PDF")
    if suffix not in (".html", ".htm") and _TABLE_ELEMENT.search(text) \
            and not looks_like_html(_TABLE_ELEMENT.sub("", text)) and not _HTML_DOC.match(text):
        # Markdown or text with HTML tables inside (official texts exported from legal databases):
        # the tables become TAB rows in place, the prose keeps its lines and headings.
        text = render_embedded_tables(repair_text(text))
        return LoadedDocument(format=TEXT_SUFFIXES[suffix], text=text, **common)
    if suffix in (".html", ".htm") or looks_like_html(text, markdown=TEXT_SUFFIXES[suffix] == "md"):
        # Repair before parsing: the mojibake lives in the raw characters. A front matter above the
        # markup keeps its lines (the HTML reader would fold them into one), so it reads as one.
        text = repair_text(text)
        head = text[:front_matter_end(text)]
        text = head + normalize_text(html_to_text(text[len(head):]))
        if not text.strip():
            raise DocumentError("the HTML document has no visible text")
        return LoadedDocument(format="html", text=text, **common)
    return LoadedDocument(format=TEXT_SUFFIXES[suffix], text=repair_text(text), **common)


def _relative_posix(path: Path, root: Path) -> str:
    """'sub/a.txt' for root/sub/a.txt; the path as given when it is outside root.

    >>> _relative_posix(Path("/r/sub/a.txt"), Path("/r"))
    'sub/a.txt'
    """
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        try:
            return Path(path).relative_to(root).as_posix()
        except ValueError:
            return Path(path).as_posix()


# --------------------------------------------------------------------------
# sniffing and decoding
# --------------------------------------------------------------------------

_MAGICS = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive, e.g. .docx/.xlsx/.odt: export it as PDF or text"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls): export it as PDF or text"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4/QuickTime media file"),
    (b"\x00\x00\x00\x20ftyp", "an MP4/QuickTime media file"),
]
_BOMS = [
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def is_pdf_bytes(data: bytes) -> bool:
    """PDF magic in the first KiB (the spec tolerates junk before it).

    >>> is_pdf_bytes(b"%PDF-1.7\\n..."), is_pdf_bytes(b"hello")
    (True, False)
    """
    return b"%PDF-" in data[:1024]


def binary_kind(data: bytes) -> str | None:
    """What a binary file looks like, or None for what may be text.

    Text with a byte-order mark is text, even UTF-16 full of NUL bytes.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n...."), binary_kind(b"Bonjour"), binary_kind(b"a\\x00b")
    ('a PNG image', None, 'unknown binary data (NUL bytes)')
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, kind in _MAGICS:
        if data.startswith(magic) and (magic != b"MZ" or b"\x00" in data[:1024]):
            return kind
    if b"\x00" in data and _utf16_without_bom(data) is None:
        return "unknown binary data (NUL bytes)"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode BOM-less UTF-16 when the NUL bytes say so (mostly-ASCII text), else None.

    >>> _utf16_without_bom("Bonjour à tous".encode("utf-16-le"))
    'Bonjour à tous'
    """
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.6 * len(zeros) and other.count(0) == 0:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return text if is_plausible_text(text) else None
    return None


def decode_text(data: bytes) -> str:
    """Bytes of a text file to str: BOMs, UTF-8, else plausible Windows-1252.

    >>> decode_text("déjà".encode("cp1252")), decode_text("\\ufeffdéjà".encode("utf-8"))
    ('déjà', 'déjà')
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError(f"the file starts with a {codec} byte-order mark but is not valid {codec}: {exc.reason}") from exc
            return _non_empty(text.lstrip("\ufeff"))
    utf16 = _utf16_without_bom(data) if b"\x00" in data else None
    if utf16 is not None:
        return _non_empty(utf16)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_cp1252(data)
        if not is_plausible_text(text, legacy=True):
            raise DocumentError(
                "not valid UTF-8 text and not plausible Windows-1252 text "
                f"(first bad byte 0x{data[exc.start]:02x} at position {exc.start}); save the file as UTF-8"
            ) from exc
        return _non_empty(text)
    if not is_plausible_text(text):
        raise DocumentError("the file decodes as UTF-8 but is mostly control characters: it looks like binary data")
    return _non_empty(text)


def _decode_cp1252(data: bytes) -> str:
    """Windows-1252, with its five undefined bytes read as Latin-1 (C1 controls).

    >>> _decode_cp1252(b"\\x80 \\x81")
    '€ \\x81'
    """
    return "".join(
        bytes([b]).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in data
    ) if any(b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for b in data) else data.decode("cp1252")


def _non_empty(text: str) -> str:
    """The text, or DocumentError when it is only whitespace.

    >>> _non_empty(" a ")
    ' a '
    """
    if not text.strip():
        raise DocumentError("the file is empty")
    return text


_CONTROL_OK = set("\t\n\r\f")


def is_plausible_text(text: str, legacy: bool = False) -> bool:
    """Few control characters; for a legacy (8-bit) decoding also few symbols.

    A Windows-1252 reading of Latin-1 French has a few accented letters among
    ASCII ones; random or foreign bytes give mostly non-ASCII symbols.

    >>> is_plausible_text("Été à Lille"), is_plausible_text("\\x01\\x02\\x03a")
    (True, False)
    >>> is_plausible_text("ÆØ¤¥¦§¨©ª«", legacy=True)
    False
    """
    if not text:
        return False
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _CONTROL_OK)
    if controls > max(2, 0.01 * len(text)):
        return False
    if legacy:
        visible = [ch for ch in text if not ch.isspace()]
        non_ascii = [ch for ch in visible if ord(ch) > 127]
        if len(visible) >= 20 and len(non_ascii) > 0.3 * len(visible):
            return False
        letters = sum(1 for ch in non_ascii if ch.isalpha())
        if non_ascii and letters < 0.5 * len(non_ascii):
            return False
    return True


_HTML_DOC = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b)", re.I | re.S)
_HTML_SKELETON = re.compile(r"<(?:html|body|head)\b[^>]*>", re.I)
_LINE_TAG = re.compile(r"^\s*</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^>]*)?/?>")
_BLOCK_TAG = re.compile(r"</?(?:p|div|table|tr|td|th|h[1-6]|li|ul|ol|br|section|article)\b[^>]*>", re.I)


_TABLE_ELEMENT = re.compile(r"<table\b[^>]*>.*?</table\s*>", re.I | re.S)
_WRAPPER_TAG = re.compile(r"^\s*</?(?:div|center)\b[^>]*>\s*$", re.I | re.M)


def render_embedded_tables(text: str) -> str:
    """Each `<table>` of a text rendered as TAB rows in place; wrapper `<div>` lines dropped.

    >>> render_embedded_tables("Titre\\n\\n<table><tr><th>Région</th><th>%</th></tr>"
    ...                        "<tr><td>Alsace</td><td>3,3</td></tr></table>\\nFin")
    'Titre\\n\\nRégion\\t%\\nAlsace\\t3,3\\n\\nFin'
    """
    def table_rows(match: re.Match) -> str:
        rendered = normalize_text(html_to_text(match.group(0))).strip("\n")
        return f"\n{rendered}\n\n"

    text = _TABLE_ELEMENT.sub(table_rows, text)
    text = _WRAPPER_TAG.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text)


def looks_like_html(text: str, markdown: bool = False) -> bool:
    """Whether HTML structure dominates the text (not a few inline tags in text rows).

    >>> looks_like_html("<html><body><p>a</p></body></html>")
    True
    >>> looks_like_html("Budget\\n<i>Fonctionnement</i>\\t924 914 002\\nTotal\\t1\\nSource\\t2\\n")
    False
    """
    if _HTML_DOC.match(text):
        return True
    if markdown:  # Markdown may embed HTML; only a full document counts.
        return False
    if _HTML_SKELETON.search(text[:10000]):
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or len(_BLOCK_TAG.findall(text)) < 3:
        return False
    tagged = sum(1 for line in lines if _LINE_TAG.match(line))
    return tagged >= 0.5 * len(lines)


# --------------------------------------------------------------------------
# repairs
# --------------------------------------------------------------------------

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # "&amp;" in a .txt stays as written
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=False,  # "là¹ d" (a footnote) must not become Thai
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,  # CRLF is handled below, U+2028 etc. stay
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,  # NFC is applied separately
    explain=False,
)


def repair_text(text: str) -> str:
    """Mojibake repair (ftfy + the pair rule), CRLF/CR -> LF, NFC. Tabs and lines kept.

    >>> repair_text("Ã©tÃ©\\r\\nBelgià« et déjà\\tà « x »")
    'été\\nBelgië et déjà\\tà « x »'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _unprotect(ftfy.fix_text(_protect(text), _FTFY_CONFIG))
    text = repair_utf8_pairs(text)
    return normalize_text(text)


# ftfy reads "là¹ un" (a footnote mark after "là") as the mojibake of a Thai letter
# whose third byte became a space. Hide "à" + superscript/degree from it.
_PROTECTED = {"à¹": "\uf8f1", "à²": "\uf8f2", "à³": "\uf8f3", "à°": "\uf8f4"}


def _protect(text: str) -> str:
    """Swap "à¹", "à²", "à³", "à°" for private-use characters (when the text has none).

    >>> _unprotect(_protect("là¹ un")) == "là¹ un"
    True
    """
    if any(mark in text for mark in _PROTECTED.values()):
        return text
    for pair, mark in _PROTECTED.items():
        text = text.replace(pair, mark)
    return text


def _unprotect(text: str) -> str:
    for pair, mark in _PROTECTED.items():
        text = text.replace(mark, pair)
    return text


def normalize_text(text: str) -> str:
    """NFC (composed accents: 'e' + U+0301 -> 'é').

    >>> normalize_text("e\\u0301") == "é"
    True
    """
    return unicodedata.normalize("NFC", text)


# After a word-final "à", these are normal French: "déjà\u00a0!", "voilà»", "là¹" (footnote).
_AMBIGUOUS_AFTER_A_GRAVE = set("\u00a0\u00bb\u00b9\u00b2\u00b3\u00ad\u00b7\u00b0")


def repair_utf8_pairs(text: str) -> str:
    """Fix the two-character mojibake of a UTF-8 letter that ftfy leaves alone.

    UTF-8 "ë" is C3 AB; read as Latin-1 and damaged, it shows as "Ã«" or "à«".
    An "à"/"Ã" directly followed by U+00A0–U+00BF inside a word is decoded as
    the bytes (0xC3, second char). Normal French ("à «", "déjà", "voilà »") is kept.

    >>> repair_utf8_pairs("Citroà«n, Belgià« et Ã©tÃ©, déjà à « là »")
    'Citroën, België et été, déjà à « là »'
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "àÃ" and i + 1 < n and "\u00a0" <= text[i + 1] <= "\u00bf":
            second = text[i + 1]
            before = text[i - 1].isalpha() if i > 0 else False
            after = text[i + 2].isalpha() if i + 2 < n else False
            if ch == "à":
                ok = before and (after or second not in _AMBIGUOUS_AFTER_A_GRAVE)
            else:
                ok = before or after
            if ok:
                out.append(bytes([0xC3, ord(second)]).decode("utf-8"))
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------


def pdf_to_text(data: bytes, ocr: DocumentOcr | None = None) -> tuple[str, list[int], Mapping[int, Box]]:
    """Text, page start offsets and figure-character boxes of a PDF's bytes.

    Each page is read into paragraphs and tables (see extractors.read.pdf_layout):
    tables, ruled or borderless, become one line per row with TAB-separated
    cells; paragraphs are separated by blank lines, a wrapped line joins the next
    with a space, columns are read one after the other. Running headers and
    footers (lines repeated at the same place on most pages, bare page numbers)
    are dropped. Pages are joined with PAGE_SEPARATOR, except where a table goes
    on over the next page (its repeated header rows dropped: the rows follow on
    the next line, one table) or a paragraph does (a space).

    `boxes` (a compact read-only mapping, see pdf_layout.BoxMap) maps the offset
    of each digit, of separators between digits and of a "%" after a number to
    its (x0, top, x1, bottom) on its page, and the first character of every
    other word to the word's box: enough for the bounding box of any figure,
    written in digits or in words. Pages are closed one by one (and pdfminer's
    cached streams dropped), so memory stays flat in page count.

    A page without a usable text layer (none, glyph codes, one character per
    line, a few characters on a page full of ink) is read by OCR (see
    extractors.read.ocr), then laid out like the others; `ocr.pages` says
    which pages were and what it cost.

    >>> # pdf_to_text(Path("monographie.pdf").read_bytes())
    >>> # -> ('Budget\\n\\nAnnée\\t2024\\n...\\n\\f\\nPage 2 ...', [0, 812], BoxMap(...))
    """
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise _pdf_error(exc.args[0] if exc.args else exc) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        raise _pdf_error(exc) from exc

    pages_units: list[PageUnits] = []
    try:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise _pdf_error(exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc) from exc
        if not pages:
            raise DocumentError("the PDF has no pages")
        ocr = ocr or DocumentOcr(hashlib.sha256(data).hexdigest())
        for number, page in enumerate(pages, start=1):
            try:
                chars = page_chars(page)
                problem = ocr.problem(chars, page)
                if problem:
                    # The language of the text read so far, until the document's is known.
                    text_so_far = "" if ocr.language else "\n".join(u.text for p in pages_units for u in p.units)
                    chars = ocr.read(number, page, problem, text_so_far)
                units = page_units(page, chars, scanned=bool(problem))
                height = float(page.height)
            except DocumentError:
                raise
            except Exception as exc:
                cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
                raise _pdf_error(cause, page=number) from exc
            finally:
                page.close()
            pages_units.append(PageUnits(units, height))
            _forget_parsed_objects(pdf)
    finally:
        pdf.close()
    text, page_starts, boxes = join_pages(pages_units)
    if not text.strip():
        raise DocumentError("the PDF has no text layer (scanned images?) and OCR read no text on its pages")
    if b"%%EOF" not in data[-65536:]:
        raise DocumentError("the PDF is corrupt or truncated: no %%EOF marker at the end of the file")
    return text, page_starts, boxes


def join_pages(pages: list[PageUnits]) -> tuple[str, list[int], BoxMap]:
    """The document text from the pages' units (running headers and footers dropped).

    Units are separated by a blank line; pages by PAGE_SEPARATOR, except a table
    continued on the next page (same number of columns; the repeated header rows
    are dropped) which goes on on the next line, and a paragraph cut by the page
    break, which goes on after a space.
    """
    drops = running_lines(pages)
    parts: list[str] = []
    boxes = BoxMap()
    page_starts: list[int] = []
    offset = 0
    last: Unit | None = None  # the last unit emitted, for joins across a page break
    for page, drop in zip(pages, drops):
        units = [u for k, u in enumerate(page.units) if k not in drop]
        separator = PAGE_SEPARATOR if page_starts else ""
        if units and last is not None:
            first = units[0]
            if last.kind == "table" and first.kind == "table" and first.columns == last.columns:
                _drop_repeated_header(last, first)
                separator = "\n" if first.text else PAGE_SEPARATOR
                if not first.text:
                    units = units[1:]
            elif last.kind == "para" and first.kind == "para" and _continues_paragraph(last.lines[-1], first.lines[0]):
                separator = wrap_separator(last.text, first.text)
        parts.append(separator)
        offset += len(separator)
        page_starts.append(offset)
        for k, unit in enumerate(units):
            if k:
                parts.append("\n\n")
                offset += 2
            parts.append(unit.text)
            boxes.extend_packed(offset, unit.packed)
            offset += len(unit.text)
        if units:
            last = units[-1]
    return "".join(parts), page_starts, boxes


def _drop_repeated_header(previous: Unit, table: Unit) -> None:
    """Drop the leading rows of `table` that repeat the first rows of `previous` (a header repeated on a new page).

    >>> from extractors.read.pdf_layout import Run
    >>> def t(*rows):
    ...     runs = []
    ...     for r in rows:
    ...         run = Run(); run.add_text(r); runs.append(run)
    ...     return Unit("table", 0, 0, 0, 0, rows=runs, columns=2).freeze()
    >>> a, b = t("Année\\t2024", "x\\t1"), t("Année\\t2024", "y\\t2")
    >>> _drop_repeated_header(a, b); b.text
    'y\\t2'
    """
    old, new = previous.head or previous.row_texts(), table.row_texts()
    k = 0
    while k < len(new) and k < len(old) - 1 and new[k] == old[k]:
        k += 1
    if k:
        table.drop_rows(k)
    table.head = old  # a third page repeats the same header


def _continues_paragraph(a: Line, b: Line) -> bool:
    """A paragraph cut by a page break: same type size, and the last line was wrapped."""
    return abs(a.size - b.size) <= 0.1 * a.size and joins_as_wrap(a, b)


def _forget_parsed_objects(pdf) -> None:
    """Drop the streams (page contents, images, font programs) from pdfminer's cache of parsed
    objects, so memory stays flat in page count; small objects (resource and font dictionaries,
    shared by the pages) stay, so they are not parsed again for every page.
    """
    from pdfminer.pdftypes import PDFStream

    cache = getattr(getattr(pdf, "doc", None), "_cached_objs", None)
    if isinstance(cache, dict):
        for objid in [k for k, v in cache.items() if isinstance(v[0] if isinstance(v, tuple) else v, PDFStream)]:
            del cache[objid]
        if len(cache) > 20000:  # a document of many small objects: start again
            cache.clear()


def _pdf_error(cause: object, page: int | None = None) -> DocumentError:
    """A DocumentError naming the pdfminer exception.

    >>> str(_pdf_error(ValueError("bad xref"), page=3))
    'the PDF is corrupt or truncated: page 3: ValueError: bad xref'
    """
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return DocumentError("the PDF is encrypted (password protected)")
    message = str(cause).strip()
    where = f"page {page}: " if page else ""
    return DocumentError(f"the PDF is corrupt or truncated: {where}{name}" + (f": {message}" if message else ""))
