"""Build the explorer: every page of the published warehouse, written under one folder.

The output folder holds only what this module writes: pages of documents or
indicators that left the warehouse are deleted, page images are kept while
their document is there (they are named after its content-derived id).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from explorer import pages
from explorer.data import connect_read_only, document_text, read_corpus
from explorer.pdf_pages import PageImage, render_pages, source_file
from warehouse import paths

STATIC = Path(__file__).with_name("static")


@dataclass
class BuildReport:
    index: Path
    documents: int
    indicators: int
    findings: int
    page_images: int
    documents_without_images: list[str]


def explorer_dir(warehouse: Path) -> Path:
    """Where the site goes: `<name>.explorer/` next to the warehouse (warehouse/warehouse.explorer/ by default)."""
    return paths.explorer_dir(Path(warehouse))


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def _remove_others(folder: Path, keep: set[str]) -> None:
    """Delete what a former build wrote for documents or indicators no longer there."""
    if folder.exists():
        for entry in folder.iterdir():
            if entry.name not in keep:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def build_site(database: Path, out: Path, document_folders: list[Path]) -> BuildReport:
    """Write the site for the warehouse at `database` (opened read-only) into `out`.

    `document_folders` are where the source PDFs are looked for (by their
    source_path) to render their pages; a PDF found nowhere with the same bytes
    gets its text page without images.
    """
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(STATIC, out / "static", dirs_exist_ok=True)
    without_images: list[str] = []
    images_written = 0
    with connect_read_only(database) as con:
        corpus = read_corpus(con)
        for document in corpus.documents:
            document_id = document["document_id"]
            text, page_starts = document_text(con, document_id)
            images: list[PageImage] | None = None
            if document["format"] == "pdf":
                pdf = source_file(document["source_path"], document["sha256"], document_folders)
                if pdf is None:
                    without_images.append(document["source_path"])
                else:
                    images = render_pages(pdf, out / "pages" / document_id)
                    images_written += len(images)
            _write(out / "documents" / f"{document_id}.html",
                   pages.document_page(corpus, document, text, page_starts, images))
    indicators = sorted({f["indicator"] for f in corpus.facts})
    for code in indicators:
        _write(out / "indicators" / f"{code}.html", pages.indicator_page(corpus, code))
    _write(out / "findings.html", pages.findings_page(corpus))
    _write(out / "index.html", pages.home_page(corpus))
    ids = {d["document_id"] for d in corpus.documents}
    _remove_others(out / "documents", {f"{i}.html" for i in ids})
    _remove_others(out / "pages", ids)
    _remove_others(out / "indicators", {f"{c}.html" for c in indicators})
    return BuildReport(out / "index.html", len(corpus.documents), len(indicators), len(corpus.findings),
                       images_written, without_images)


def document_folders(documents_dir: Path) -> list[Path]:
    """Where documents.source_path is relative to, for this documents folder."""
    return [paths.source_base(documents_dir)]
