"""PDF pages as images, for drawing the figures' boxes over them.

pdfplumber renders each page (through pypdfium2) at RESOLUTION dots per inch.
An image is named after the document id, which is derived from the file's
bytes, so an image once rendered stays right and a rebuild reuses it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

RESOLUTION = 100


@dataclass(frozen=True)
class PageImage:
    number: int  # 1-based
    file: Path
    width: float  # the page's size in PDF points, the unit of fact_mentions' boxes
    height: float


def source_file(source_path: str, sha256: str, folders: list[Path]) -> Path | None:
    """The document's file, if one of the folders still holds it with the same bytes."""
    for folder in folders:
        candidate = folder / source_path
        if candidate.is_file() and hashlib.sha256(candidate.read_bytes()).hexdigest() == sha256:
            return candidate
    return None


def render_pages(pdf_path: Path, out_dir: Path) -> list[PageImage]:
    """Every page of the PDF as out_dir/<n>.png (kept when already there), with the page sizes."""
    import pdfplumber

    out_dir.mkdir(parents=True, exist_ok=True)
    images = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            file = out_dir / f"{number}.png"
            if not file.exists():
                tmp = file.with_suffix(".tmp.png")
                page.to_image(resolution=RESOLUTION).save(tmp)
                tmp.replace(file)
            images.append(PageImage(number, file, float(page.width), float(page.height)))
            page.close()  # frees the page's parsed objects: a long PDF stays small in memory
    return images
