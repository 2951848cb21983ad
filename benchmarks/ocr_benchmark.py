"""OCR cost: seconds and peak memory per OCRed page, and a re-run's time (pages from the cache).

    /work/main/.venv/bin/python -m benchmarks.ocr_benchmark [--pages 5] [PDF ...]

Without PDF arguments, a scan is made of the benchmark's monograph-like pages
(benchmarks/pdf_benchmark.py: heading, ruled table, paragraphs), each page rendered at
200 dpi into an image-only PDF. Each load runs in a fresh process with its own empty OCR
cache (then again with the cache filled); peak memory is the largest resident set of the
process and, separately, of its Tesseract children (RUSAGE_CHILDREN).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from extractors.read.loading import load_document
path = Path(sys.argv[1])
started = time.perf_counter()
doc = load_document(path, path.parent)
seconds = time.perf_counter() - started
print(json.dumps({
    "seconds": seconds, "pages": doc.page_count, "ocr": [p.__dict__ | {"doubtful": len(p.doubtful)} for p in doc.ocr_pages],
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "tesseract_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def measure(pdf: Path, cache: Path) -> dict:
    env = {"OCR_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(pdf)], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=5, help="pages of the generated scan")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pdfs = args.pdfs
        if not pdfs:
            from benchmarks.pdf_benchmark import build_pdf
            from tests.pdf_fixtures import write_scanned_copy

            pdfs = [write_scanned_copy(build_pdf(args.pages, tmp / "monograph.pdf"), tmp,
                                       "monograph-scan.pdf")]
        print("| document | pages OCRed | first run (s) | s per OCRed page (Tesseract) | peak RSS loader (MB) "
              "| peak RSS Tesseract (MB) | re-run (s) | re-run pages from cache |")
        print("|---|---:|---:|---|---:|---:|---:|---:|")
        for pdf in pdfs:
            cache = tmp / f"cache-{pdf.stem}"
            first = measure(pdf, cache)
            again = measure(pdf, cache)
            per_page = ", ".join(f"{p['seconds']:.1f}" for p in first["ocr"])
            print(f"| {pdf.name} | {len(first['ocr'])} | {first['seconds']:.1f} | {per_page} | "
                  f"{first['rss_mb']:.0f} | {first['tesseract_rss_mb']:.0f} | {again['seconds']:.1f} | "
                  f"{sum(p['cached'] for p in again['ocr'])}/{len(again['ocr'])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
