"""`make eval`: build a warehouse from each gold corpus and print the scorer's lines.

For each corpus (the seeds and the development documents of ../shared), every
document is read and written as the Dagster assets do it (pipelines.reading.read_files,
with the same limits; warehouse.load.write_read_documents, a batch per transaction),
in this process, then validation and the views run
over the whole warehouse. No Dagster instance is involved, so an evaluation
never touches the pipeline's run history or working warehouse.

After the scorer's lines comes the figure coverage: of the numbers written in
the extracted texts, the share that has a `figures` row or was recognised as
part of a date, a reference or a page number.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from warehouse import paths
from warehouse.connection import connect
from warehouse.paths import source_base

SHARED = paths.PROJECT_ROOT.parent / "shared"
WRITE_BATCH = 25  # documents per transaction


@dataclass(frozen=True)
class Corpus:
    name: str
    documents: Path
    gold: Path

    @property
    def warehouse(self) -> Path:
        return paths.PROJECT_ROOT / "warehouse" / f"eval-{self.name}.duckdb"


CORPORA = [
    Corpus("seeds", SHARED / "seeds", SHARED / "gold" / "seeds"),
    Corpus("dev", SHARED / "dev" / "docs", SHARED / "gold" / "dev"),
]


def build(corpus: Corpus) -> tuple[int, int]:
    """A fresh warehouse of the corpus; returns (documents read, documents in error)."""
    from pipelines.folder import scan
    from pipelines.reading import in_batches, read_files
    from warehouse.load import load_reference_tables, write_read_documents
    from warehouse.schema import create_tables
    from warehouse.validate import validate_warehouse
    from warehouse.views import create_views

    target = corpus.warehouse
    target.unlink(missing_ok=True)
    files = [(key, f.source_path) for key, f in scan(corpus.documents).items()]
    read, failed = 0, 0
    with connect(target) as con:
        create_tables(con)
        # Read and written as `make run` does (the same limits, a batch per transaction), in this process.
        for batch in in_batches(read_files(files, source_base(corpus.documents), corpus.documents, workers=1),
                                WRITE_BATCH):
            counts = write_read_documents(con, batch)
            read += counts["loaded"]
            failed += counts["failed"] + counts["not written"]
        validate_warehouse(con)
        load_reference_tables(con)
        create_views(con)
        con.execute("CHECKPOINT")
    return read, failed


def coverage(warehouse: Path) -> tuple[int, int]:
    """(numbers accounted for, numbers written) over the corpus' extracted texts."""
    from extractors.coverage import numbers_accounted_for

    con = connect(warehouse, read_only=True)
    try:
        texts = con.execute("SELECT document_id, text FROM document_texts").fetchall()
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        spans: dict[str, list[tuple[int, int]]] = {}
        if "figures" in tables:
            for doc_id, s, e in con.execute("SELECT document_id, char_start, char_end FROM figures").fetchall():
                spans.setdefault(doc_id, []).append((s, e))
        for doc_id, s, e in con.execute("SELECT document_id, char_start, char_end FROM fact_mentions").fetchall():
            spans.setdefault(doc_id, []).append((s, e))
    finally:
        con.close()
    found = written = 0
    for doc_id, text in texts:
        f, w = numbers_accounted_for(text, spans.get(doc_id, []))
        found += f
        written += w
    return found, written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", default=[c.name for c in CORPORA], help="seeds, dev")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss (the scorer's -v)")
    args = parser.parse_args(argv)
    score = SHARED / "eval" / "score.py"
    for corpus in CORPORA:
        if corpus.name not in args.corpora:
            continue
        if not corpus.documents.is_dir():
            print(f"{corpus.name}: no documents at {corpus.documents}", file=sys.stderr)
            return 2
        started = time.perf_counter()
        read, failed = build(corpus)
        print(f"\n=== {corpus.name}: {read} documents read, {failed} in error, "
              f"{time.perf_counter() - started:.1f} s -> {corpus.warehouse.relative_to(paths.PROJECT_ROOT)}")
        subprocess.run([sys.executable, str(score), "--db", str(corpus.warehouse), "--gold", str(corpus.gold),
                        "--docs", str(corpus.documents), "--by-doc", *(["-v"] if args.verbose else [])],
                       check=False)
        found, written = coverage(corpus.warehouse)
        share = found / written if written else 1.0
        print(f"figure coverage: {share:.3f} ({found}/{written} numbers have a figures row "
              f"or are part of a date, a reference or a page number)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
