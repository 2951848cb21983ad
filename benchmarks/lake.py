"""The embedded warehouse against the DuckLake on a PostgreSQL catalog, on generated documents.

    python -m benchmarks.lake --docs 1000

Each measure is one command in its own process, timed from start to end (reading, extraction,
writes, validation, views, published copy), on the same generated folder (benchmarks/corpus.py):

- embedded: `python -m pipelines.run` (what `make run` runs), DuckDB file;
- lake, make run: the same command with WAREHOUSE_LAKE on a PostgreSQL catalog (one writer, the
  reading pool over the cores, the run's documents in one transaction);
- lake, 1 and 2 writers: `python -m pipelines.lake_workers --workers N` (each writer one process
  reading its share and committing a batch of documents at a time, at once with the others).

The published copies are compared (fact ids) and the table is printed as Markdown for
benchmarks/results.md.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from benchmarks.corpus import generate
from warehouse.local_postgres import LocalPostgres
from warehouse.paths import PROJECT_ROOT


def timed(command: list[str], env: dict[str, str], log: Path) -> float:
    started = time.perf_counter()
    with open(log, "w") as out:
        subprocess.run(command, env=env, cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT, check=True)
    return time.perf_counter() - started


def fact_ids(published: Path) -> set[str]:
    with duckdb.connect(str(published), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT fact_id FROM facts").fetchall()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "benchmarks" / "out" / "lake")
    args = parser.parse_args(argv)
    manifest = generate(args.out / "corpus", args.docs)
    documents = manifest.parent / "docs"
    work = Path(tempfile.mkdtemp(prefix="lake-benchmark-"))
    python = sys.executable
    rows = []
    with LocalPostgres() as pg:
        measures = [
            ("embedded (make run)", [python, "-m", "pipelines.run"], False),
            ("lake, make run", [python, "-m", "pipelines.run"], True),
            ("lake, 1 writer", [python, "-m", "pipelines.lake_workers", "--workers", "1"], True),
            ("lake, 2 writers", [python, "-m", "pipelines.lake_workers", "--workers", "2"], True),
        ]
        for i, (name, command, on_lake) in enumerate(measures):
            folder = work / f"m{i}"
            env = {**os.environ, "RAW_DOCUMENTS_DIR": str(documents), "DAGSTER_HOME": str(folder / "home"),
                   "WAREHOUSE_PATH": str(folder / "warehouse.duckdb")}
            env.pop("WAREHOUSE_LAKE", None)
            if on_lake:
                env["WAREHOUSE_LAKE"] = "postgres:" + pg.create_database(f"bench{i}")
                env["WAREHOUSE_DATA"] = str(folder / "lake-data")
            (folder / "home").mkdir(parents=True)
            shutil.copyfile(PROJECT_ROOT / "dagster.yaml", folder / "home" / "dagster.yaml")
            seconds = timed(command, env, folder / "log.txt")
            rows.append((name, seconds, fact_ids(folder / "published.duckdb")))
            print(f"{name}: {seconds:.1f} s", flush=True)
    base_seconds, base_ids = rows[0][1], rows[0][2]
    print(f"\n{args.docs} documents, {len(base_ids)} facts in the embedded warehouse.\n")
    print("| warehouse | seconds | ÷ embedded | same fact ids |")
    print("|---|---:|---:|---|")
    for name, seconds, ids in rows:
        print(f"| {name} | {seconds:.1f} | {seconds / base_seconds:.2f}× | {'yes' if ids == base_ids else 'NO'} |")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
