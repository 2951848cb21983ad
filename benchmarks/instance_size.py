"""The Dagster instance's size across full `make run`s: after 10 and after 20.

    .venv/bin/python -m benchmarks.instance_size [--runs 20] [--documents 10]

Each run is `python -m pipelines.run --full` (`make run FULL=1`) in its own process, as `make run`
starts it, over a folder of small generated documents (benchmarks/incremental.py's templates) in
benchmarks/out/instance_size/, with its own DAGSTER_HOME and warehouse there: every run re-reads
every file and validates (two Dagster runs per `make run`), so each supersedes the ones before. With
run retention (PIPELINE_KEEP_RUNS, default 20) the instance must stop growing once runs are deleted. Writes the
"Instance size" section of benchmarks/results.md (between <!-- instance-size --> and
<!-- /instance-size -->).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.incremental import generate

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out" / "instance_size"
RESULTS = ROOT / "benchmarks" / "results.md"
BEGIN, END = "<!-- instance-size -->", "<!-- /instance-size -->"


def size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under a folder."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    documents, home, warehouse = OUT / "raw", OUT / "dagster_home", OUT / "warehouse" / "w.duckdb"
    generate(documents, args.documents)
    env = {**os.environ, "RAW_DOCUMENTS_DIR": str(documents), "WAREHOUSE_PATH": str(warehouse),
           "DAGSTER_HOME": str(home), "STRICT": "0"}
    sizes = {}
    for run in range(1, args.runs + 1):
        done = subprocess.run([sys.executable, "-m", "pipelines.run", "--full"], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        sizes[run] = size(home)
        print(f"after run {run}: {sizes[run][0] / 1e6:.2f} MB, {sizes[run][1]} files", flush=True)
    ten, last = sizes[min(10, args.runs)], sizes[args.runs]
    ratio = last[0] / ten[0]
    rows = "\n".join(f"| {n} | {b / 1e6:.2f} | {f} |" for n, (b, f) in sizes.items())
    section = f"""{BEGIN}
## Instance size

`benchmarks/instance_size.py`, {dt.date.today()}: {args.runs} `make run FULL=1` over {args.documents}
generated documents (each is two Dagster runs: the load of every file, then validation and the views),
PIPELINE_KEEP_RUNS at its default (20). Size of DAGSTER_HOME after each:

| make run | MB | files |
|---:|---:|---:|
{rows}

**After {args.runs} runs ÷ after 10: {ratio:.2f}** (goal: within 10 %). Retention deletes the runs past the
20 most recent that hold no latest state, removes their event log files and vacuums the SQLite
databases (pipelines/retention.py); before, each deleted run left its emptied file and the index
kept its freed pages (about 1.7 MB and two files more per run).
{END}"""
    print(f"after {args.runs} ÷ after 10: {ratio:.3f}")
    if not args.no_write:
        text = RESULTS.read_text(encoding="utf-8")
        if BEGIN in text:
            text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: section, text, flags=re.S)
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
