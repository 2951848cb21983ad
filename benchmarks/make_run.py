"""`make run` against the work it does, the instance's size over runs, and huge documents.

    .venv/bin/python -m benchmarks.make_run [--documents 1000] [--repeats 2] [--runs 10] [--runs-documents 100] [--no-write]

1. On N generated documents (benchmarks/corpus.py: texts, Markdown, HTML, PDFs), each in a fresh
   process: the load + extract loop (load_document, extract_document, result_tables) on one core,
   the same loop over two cores (pipelines.reading.read_files, a process per core), then
   `python -m pipelines.run` (what `make run` runs) with a new DAGSTER_HOME and warehouse.
2. The size of DAGSTER_HOME after each of ten full runs (`--full`) of the first M documents.
3. A 20 MB text and a 2,000-page PDF read as the pipeline reads a file (pipelines.reading.read_file,
   default limits), and a text at the character limit, each in a fresh process: time and peak RSS.

Writes the "make run" section of benchmarks/results.md (between <!-- make-run --> markers).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.pdf_benchmark import build_pdf, write_section
from pipelines.retention import DEFAULT_KEEP_RUNS

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out" / "make_run"
START, END = "<!-- make-run -->", "<!-- /make-run -->"


def child(*args: str, env: dict | None = None) -> dict:
    """Run this module's `--measure ...` in a fresh process; its JSON answer."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.make_run", "--measure", *args], cwd=ROOT,
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure_loop(folder: str, workers: str) -> dict:
    """The load + extract loop over every file of the folder; imports and spaCy's load timed apart."""
    started = time.perf_counter()
    from extractors.document import extract_document
    from extractors.read.loading import load_document
    from pipelines.reading import read_files
    from warehouse.rows import result_tables

    files = sorted(p for p in Path(folder).iterdir() if p.is_file())
    if int(workers) == 1:
        for seed in sorted((ROOT / "raw_documents").glob("*.txt"))[:2]:  # loads spaCy's models
            extract_document(load_document(seed, ROOT))
        imports = time.perf_counter() - started
        started = time.perf_counter()
        for path in files:
            try:
                result_tables(extract_document(load_document(path, Path(folder))))
            except Exception:  # a file the pipeline refuses costs what it costs here too
                pass
    else:
        imports = time.perf_counter() - started
        started = time.perf_counter()  # (each worker's imports and spaCy load are inside)
        list(read_files([(p.name, p.name) for p in files], Path(folder), Path(folder), workers=int(workers)))
    return {"seconds": time.perf_counter() - started, "imports": imports, "files": len(files)}


def measure_file(path: str) -> dict:
    """One file read as the pipeline reads it, with the default limits."""
    import extractors.document  # noqa: F401  (imports apart from the file's time)
    import warehouse.rows  # noqa: F401
    from pipelines.reading import DocumentLimits, read_file

    started = time.perf_counter()
    outcome = read_file("x", Path(path).name, Path(path).parent, Path(path).parent, DocumentLimits.from_environment())
    return {"seconds": time.perf_counter() - started, "error": outcome.error,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def step_times(home: Path) -> dict:
    """Where a `make run` went, from its Dagster instance: the steps of its runs, in seconds, and
    the time before the first run started (imports, instance, partitions) measured from `started`."""
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(home)
    with dg.DagsterInstance.get() as instance:
        records = sorted(instance.get_run_records(), key=lambda r: r.start_time or 0)
        steps = {s.step_key.split(".")[-1]: s.end_time - s.start_time
                 for r in records for s in instance.get_run_step_stats(r.dagster_run.run_id)}
        return {"first_run_start": records[0].start_time, "last_run_end": records[-1].end_time, "steps": steps}


def make_run(folder: Path, home: Path, warehouse: Path, *flags: str) -> float:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "dagster.yaml", home / "dagster.yaml")
    env = dict(os.environ, DAGSTER_HOME=str(home), RAW_DOCUMENTS_DIR=str(folder), WAREHOUSE_PATH=str(warehouse))
    started = time.perf_counter()
    LAST_RUN["started"] = time.time()
    subprocess.run([sys.executable, "-m", "pipelines.run", *flags], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    LAST_RUN["ended"] = time.time()
    return time.perf_counter() - started


LAST_RUN: dict[str, float] = {}


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def corpus(n: int) -> Path:
    from benchmarks.corpus import generate

    generated = OUT / f"corpus-{n}"
    generate(generated, n, workers=2)
    return generated / "docs"


def big_text(path: Path, megabytes: float) -> Path:
    """A text of the given size made of one monograph's paragraphs, repeated."""
    seed = (ROOT / "raw_documents").glob("*.txt")
    block = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seed))
    path.write_text((block * (int(megabytes * 1e6) // len(block.encode()) + 1))[: int(megabytes * 1e6)],
                    encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--runs-documents", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--measure", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        kind, *rest = args.measure
        print(json.dumps(measure_loop(*rest) if kind == "loop" else measure_file(*rest)))
        return

    shutil.rmtree(OUT / "runs", ignore_errors=True)
    folder = corpus(args.documents)
    # Each measure `--repeats` times, interleaved, the best of each kept: on a machine shared with
    # other work, noise only ever adds time (a single round varied by ±20 %).
    rounds = []
    for _ in range(args.repeats):
        shutil.rmtree(OUT / "runs" / "home", ignore_errors=True)
        for name in ("warehouse.duckdb", "warehouse.published.duckdb"):
            (OUT / "runs" / name).unlink(missing_ok=True)
        one, two = child("loop", str(folder), "1"), child("loop", str(folder), "2")
        seconds = make_run(folder, OUT / "runs" / "home", OUT / "runs" / "warehouse.duckdb")
        spent = step_times(OUT / "runs" / "home")
        spent["before"] = spent["first_run_start"] - LAST_RUN["started"]
        spent["after"] = LAST_RUN["ended"] - spent["last_run_end"]
        rounds.append((one, two, seconds, spent))
        print(f"round: loop {one['seconds']:.1f} s, two cores {two['seconds']:.1f} s, make run {seconds:.1f} s", flush=True)
    one_core = min((r[0] for r in rounds), key=lambda m: m["seconds"])
    two_cores = min((r[1] for r in rounds), key=lambda m: m["seconds"])
    run_seconds, spent = min(((r[2], r[3]) for r in rounds), key=lambda r: r[0])
    before_runs, after_runs = spent["before"], spent["after"]
    every = "; ".join(f"{r[0]['seconds']:.1f} / {r[1]['seconds']:.1f} / {r[2]:.1f}" for r in rounds)
    print(f"{args.documents} documents: loop {one_core['seconds']:.1f} s (+{one_core['imports']:.1f} s), "
          f"two cores {two_cores['seconds']:.1f} s, make run {run_seconds:.1f} s", flush=True)

    small = corpus(args.runs_documents)
    home = OUT / "runs" / "home-ten"
    sizes = []
    for i in range(args.runs):
        make_run(small, home, OUT / "runs" / "warehouse-ten.duckdb", "--full")
        sizes.append(size_mb(home))
    print(f"DAGSTER_HOME after each run: {', '.join(f'{s:.1f}' for s in sizes)} MB", flush=True)

    big = OUT / "big"
    big.mkdir(parents=True, exist_ok=True)
    text_20mb = child("file", str(big_text(big / "twenty.txt", 20)))
    limit = int(os.environ.get("DOCUMENT_MAX_CHARS") or 2_000_000)
    text_at_limit = child("file", str(big_text(big / "at_limit.txt", limit / 1e6 * 0.99)))
    text_tenth = child("file", str(big_text(big / "tenth.txt", limit / 1e6 * 0.099)))
    pdf = big / "pages-2000.pdf"
    if not pdf.exists():
        build_pdf(2000, pdf)
    pdf_2000 = child("file", str(pdf))

    ratio = run_seconds / one_core["seconds"]
    lines = [
        "## make run",
        "",
        f"`benchmarks/make_run.py`, {dt.date.today()}, {os.cpu_count()} cores (shared: other work may run on "
        "the machine, so compare figures of one run with each other). Each figure is a fresh process.",
        "",
        f"**{args.documents} generated documents** (benchmarks/corpus.py: texts, Markdown, HTML, PDFs); the best of "
        f"{args.repeats} interleaved rounds (one-core loop / two-core loop / make run, seconds: {every}):",
        "",
        "| what | seconds |",
        "|---|---:|",
        f"| load + extract loop, one core (imports and spaCy's load apart: {one_core['imports']:.1f} s) "
        f"| {one_core['seconds']:.1f} |",
        f"| the same loop over two cores (a process per core, imports included) | {two_cores['seconds']:.1f} |",
        f"| `python -m pipelines.run` (what `make run` runs: new instance and warehouse, everything included) "
        f"| {run_seconds:.1f} |",
        f"| **make run ÷ one-core loop** (goal ≤ 1.4; below 1: on two cores, `make run` beats the one-core loop) "
        f"| **{ratio:.2f}** |",
        f"| make run ÷ two-core loop (the same reading, plus writing, validation and Dagster's records) "
        f"| {run_seconds / two_cores['seconds']:.2f} |",
        "",
        "Where `make run`'s time went (its Dagster runs' steps, seconds): "
        f"{before_runs:.1f} before the first run (imports, instance, partitions; the reading processes "
        "start meanwhile), "
        + ", ".join(f"`{name}` {seconds:.1f}" for name, seconds in spent["steps"].items())
        + f", {after_runs:.1f} after the last run (run retention, summary). `read_documents` is the "
        "two-core loop's work; the rest is what the loop does not do.",
        "",
        f"**DAGSTER_HOME after {args.runs} full runs** of {args.runs_documents} documents (`--full`, each run "
        f"re-reads every file): {sizes[-1]:.1f} MB (after the first: {sizes[0]:.1f} MB; "
        f"{(sizes[-1] - sizes[0]) / max(1, args.runs - 1):.1f} MB per run after that: Dagster's event log, "
        "about 2.5 KB per materialization, 4 per file, each kept in the run's file and in the index). "
        f"Runs beyond the {DEFAULT_KEEP_RUNS} most recent (PIPELINE_KEEP_RUNS) that hold no latest state are "
        "deleted after each `make run` (pipelines/retention.py), so the instance stops growing there.",
        "",
        "**Huge documents**, read as a run reads a file (`pipelines.reading.read_file`, default limits):",
        "",
        "| document | seconds | peak RSS (MB) | outcome |",
        "|---|---:|---:|---|",
    ]
    for name, m in [("20 MB text", text_20mb), (f"text at the limit ({limit * 0.99:,.0f} characters)", text_at_limit),
                    (f"text at a tenth of the limit ({limit * 0.099:,.0f} characters)", text_tenth),
                    ("2,000-page PDF", pdf_2000)]:
        lines.append(f"| {name} | {m['seconds']:.2f} | {m['peak_rss_mb']:.0f} | {m['error'] or 'read'} |")
    lines += [
        "",
        "The limits refuse the 20 MB text and the 2,000-page PDF before reading them (the text by its size, the PDF "
        "by its page tree, read by pdfium without opening a page), in constant time and memory. Below the limits, "
        "reading is linear in the text's length: compare the text at the limit with the one at a tenth of it (the "
        "tenth includes loading spaCy's French models once, about 4 s). Raise the limits with DOCUMENT_MAX_CHARS and "
        "DOCUMENT_MAX_PAGES.",
        "",
        "History of this measure (same corpus, same command): 178 s before the work on issue 14 (a transaction and "
        "a materialization written per document, 4,000 planned events at run start), then 140 s, then 90 s with the "
        "process pool and batched events (1.53 × the one-core loop, on a machine shared with other work). Then: the "
        "table checks run once after the writes rather than in every partition's run, the reading pool starts "
        "before Dagster is imported, cross-document conflicts are one finding per figure (87,870 findings became "
        "21,148 on this corpus), long texts are read in linear time again (reading had become quadratic in a text's "
        "length: a 100 KB text took about half a minute).",
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        write_section(section, start=START, end=END)


if __name__ == "__main__":
    main()
