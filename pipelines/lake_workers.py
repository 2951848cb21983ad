"""`python -m pipelines.lake_workers [--workers N]`: several writers into one lake at once.

What many machines do against one DuckLake (WAREHOUSE_LAKE, warehouse/lake.py), on this one:
the documents folder ($RAW_DOCUMENTS_DIR) is cut into N shares, and N processes each read and
extract their share and write it into the lake as they go, a few documents per transaction
(WAREHOUSE_LAKE_BATCH, 25 by default), each transaction run again when it conflicts with another
writer's. Analysts can query the lake meanwhile. Then, once, over the whole lake: removed
documents, validation, the views and the published snapshot (the pipeline's own assets).

On several machines each one runs `write_share` for its share (or Dagster runs the documents'
partitions on Dask workers: pipelines/executors.py); this command is the one-machine form, used
by tests/test_lake.py and benchmarks/lake.py.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

DEFAULT_BATCH = 25


def shares(keys: list[str], workers: int) -> list[list[str]]:
    """`keys` in order, cut into `workers` consecutive shares of (almost) equal length.

    >>> shares(["a", "b", "c", "d", "e"], 2)
    [['a', 'b', 'c'], ['d', 'e']]
    """
    size, extra = divmod(len(keys), workers)
    cuts = [0]
    for i in range(workers):
        cuts.append(cuts[-1] + size + (i < extra))
    return [keys[a:b] for a, b in zip(cuts, cuts[1:])]


def batch_size() -> int:
    return int(os.environ.get("WAREHOUSE_LAKE_BATCH") or DEFAULT_BATCH)


def write_share(keys: list[str], root: str, batch: int | None = None) -> dict[str, int]:
    """Read and extract these files (partition keys) of the folder `root` in this process and write
    them into the lake, `batch` documents per transaction; an unreadable file gets its error row.
    Returns counts."""
    from pipelines.folder import source_path_of
    from pipelines.reading import in_batches, read_files
    from warehouse import lake
    from warehouse.load import write_read_documents
    from warehouse.paths import source_base

    batch = batch or batch_size()
    counts = {"loaded": 0, "failed": 0, "removed": 0, "transactions": 0}
    folder = Path(root)
    outcomes = read_files([(k, source_path_of(k)) for k in keys], source_base(folder), folder, workers=1)
    with lake.connection(lake.lake_settings()) as con:
        for chunk in in_batches(outcomes, batch):
            written = write_read_documents(con, chunk)
            counts["transactions"] += bool(written["loaded"])
            for what in ("loaded", "failed", "removed"):
                counts[what] += written[what]
    return counts


def write_concurrently(root: Path, workers: int, batch: int | None = None) -> list[dict[str, int]]:
    """`write_share` of each share of the folder's files, in `workers` processes at once."""
    from pipelines.folder import scan

    keys = sorted(scan(root))
    context = multiprocessing.get_context("spawn")  # clean processes: no DuckDB or thread state copied
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(write_share, share, str(root), batch) for share in shares(keys, workers)]
        return [f.result() for f in futures]


def refresh_whole_lake() -> bool:
    """Removed documents, validation, the views and the published snapshot, once, over the lake:
    the pipeline's own assets, materialized in this process."""
    import dagster as dg

    from pipelines.assets import removed_documents, validation_findings, warehouse_views
    from pipelines.resources import RESOURCES

    no_publish = {"config": {"publish": False}}  # warehouse_views publishes, once
    result = dg.materialize([removed_documents, validation_findings, warehouse_views], resources=RESOURCES,
                            run_config={"ops": {"removed_documents": no_publish, "validation_findings": no_publish}})
    return result.success


def main(argv: list[str] | None = None) -> int:
    from warehouse import lake, paths

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=None, help="documents per transaction (WAREHOUSE_LAKE_BATCH)")
    args = parser.parse_args(argv)
    if lake.lake_settings() is None:
        print("No lake: set WAREHOUSE_LAKE (and WAREHOUSE_DATA), see docs/scale-out.md.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    counts = write_concurrently(paths.raw_documents_dir(), args.workers, args.batch)
    written = time.perf_counter()
    for i, c in enumerate(counts, 1):
        print(f"writer {i}: {c['loaded']} documents in {c['transactions']} transactions, {c['failed']} unreadable")
    ok = refresh_whole_lake()
    print(f"Written in {written - started:.1f} s; validation, views and snapshot in "
          f"{time.perf_counter() - written:.1f} s{'' if ok else ' (FAILED)'}.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
