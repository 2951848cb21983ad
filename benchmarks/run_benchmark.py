"""Corpus-scale benchmark: the whole pipeline on generated documents, next to its floors.

For each size (``--docs 100 1000 5000``) a subprocess (so that it records its own
peak RSS) generates the corpus (benchmarks/out/corpus, git-ignored; document i is
the same in every size), then, on a process pool of one worker per core (each
worker loads spaCy once):

* floors: the bare pdfplumber ``extract_text`` loop over the PDFs, and spaCy
  tokenization alone (``spacy.blank(lang)`` through ``nlp.pipe``) over the texts;
* the pipeline: ``load_document`` -> ``extract_document`` -> ``result_tables`` in the
  workers, then one bulk load of every result table into a fresh DuckDB by the
  parent (pandas frames through ``insert_frame``, never row by row);
* recall and precision of the extracted facts against the generator's manifest.

Also: a 1-million-fact synthetic bulk load (``--bulk-facts``) and a cProfile of
``extract_document`` on ~200 documents (``--profile``). Results go to the scale
section of benchmarks/results.md (between ``<!-- scale -->`` and ``<!-- /scale -->``)
and, in full, to benchmarks/out/.

    .venv/bin/python -m benchmarks.run_benchmark --docs 100 1000 5000
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
RESULTS = ROOT / "benchmarks" / "results.md"
START_MARK, END_MARK = "<!-- scale -->", "<!-- /scale -->"
REL_TOL = 0.005  # a value matches within 0.5 %


# --------------------------------------------------------------------------
# scoring
# --------------------------------------------------------------------------


def _close(a: float, b: float) -> bool:
    """Whether two values agree within 0.5 % (or 1e-9 for zero).

    >>> _close(100.0, 100.4), _close(100.0, 101.0)
    (True, False)
    """
    return abs(a - b) <= max(REL_TOL * abs(b), 1e-9)


def _iso(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    text = str(value)
    return None if text in ("NaT", "None", "<NA>") else text[:10]


def _none(value):
    if value is None:
        return None
    try:
        if isinstance(value, float) and math.isnan(value):
            return None
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


FIELDS = ("area", "period", "segment", "unit", "qualifier")


def field_mismatches(expected: dict, got: dict) -> list[str]:
    """The fields on which an extracted fact differs from the expected one.

    >>> e = {"area": "FR", "segment": None, "period_start": "2024-01-01", "period_end": "2024-12-31", "unit": "percent", "qualifier": None}
    >>> field_mismatches(e, dict(e, area="FR-HDF"))
    ['area']
    """
    out = []
    if expected["area"] != got["area"]:
        out.append("area")
    if (expected["period_start"], expected["period_end"]) != (got["period_start"], got["period_end"]):
        out.append("period")
    if expected["segment"] != got["segment"]:
        out.append("segment")
    if expected["unit"] != got["unit"]:
        out.append("unit")
    if expected["qualifier"] != got["qualifier"]:
        out.append("qualifier")
    return out


# A fact is "fully right" when area, period and segment match (unit and qualifier are reported apart).
CORE_FIELDS = {"area", "period", "segment"}


def match_document(expected: list[dict], extracted: list[dict]) -> tuple[list[tuple[dict, dict | None, list[str]]], list[dict]]:
    """Pair expected facts with extracted ones on indicator + value (0.5 %), preferring
    candidates that also agree on the other fields. Returns [(expected, extracted or None,
    mismatching fields)] and the extracted facts left unpaired.

    >>> e = [{"indicator": "jobseekers", "value": 10.0, "area": "FR", "segment": None, "period_start": None, "period_end": None, "unit": "persons", "qualifier": None}]
    >>> pairs, extra = match_document(e, [dict(e[0], value=10.01), dict(e[0], value=99.0)])
    >>> pairs[0][2], [x["value"] for x in extra]
    ([], [99.0])
    """
    used: set[int] = set()
    pairs: dict[int, tuple[dict, dict | None, list[str]]] = {}
    by_indicator: dict[str, list[int]] = defaultdict(list)
    for j, x in enumerate(extracted):
        by_indicator[x["indicator"]].append(j)
    # pass 1: everything agrees; pass 2: fewest mismatches
    for strict in (True, False):
        for i, e in enumerate(expected):
            if i in pairs:
                continue
            best, best_bad = None, None
            for j in by_indicator.get(e["indicator"], []):
                if j in used or not _close(extracted[j]["value"], e["value"]):
                    continue
                bad = field_mismatches(e, extracted[j])
                if strict and bad:
                    continue
                if best is None or len(bad) < len(best_bad):
                    best, best_bad = j, bad
            if best is not None:
                used.add(best)
                pairs[i] = (e, extracted[best], best_bad)
    out = [pairs.get(i, (e, None, [])) for i, e in enumerate(expected)]
    return out, [x for j, x in enumerate(extracted) if j not in used]


def facts_from_frame(df) -> list[dict]:
    """The warehouse's fact rows as plain dicts for scoring."""
    rows = []
    for rec in df.to_dict("records"):
        rows.append({
            "indicator": rec["indicator"], "area": _none(rec["area"]), "segment": _none(rec["segment"]),
            "period_start": _iso(_none(rec["period_start"])), "period_end": _iso(_none(rec["period_end"])),
            "value": float(rec["value"]), "unit": _none(rec["unit"]), "qualifier": _none(rec["qualifier"]),
            "char_start": int(rec["char_start"]) if _none(rec["char_start"]) is not None else None,
            "snippet": _none(rec["snippet"]),
        })
    return rows


def _party_key(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    for prefix in ("la ", "le ", "l'", "de ", "die ", "regio ", "region ", "provincie ", "région "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text.strip()


def match_partnerships(expected: list[dict], extracted: list[dict]) -> list[tuple[dict, dict | None, list[str]]]:
    """Pair each expected partnership with an extracted one signed the same day; list field problems."""
    out = []
    used = set()
    for e in expected:
        best, best_bad = None, None
        for j, x in enumerate(extracted):
            if j in used:
                continue
            bad = []
            if e["signed_on"] != x["signed_on"]:
                bad.append("signed_on")
            if (e["starts_on"], e["ends_on"]) != (x["starts_on"], x["ends_on"]):
                bad.append("period")
            got = [_party_key(p) for p in x["parties"]]
            if not all(any(_party_key(p) in g or g in _party_key(p) for g in got) for p in e["parties"]):
                bad.append("parties")
            if e["signed_precision"] != x["signed_precision"]:
                bad.append("precision")
            if "signed_on" in bad and "period" in bad:
                continue
            if best is None or len(bad) < len(best_bad):
                best, best_bad = j, bad
        if best is not None:
            used.add(best)
        out.append((e, extracted[best] if best is not None else None, best_bad or []))
    return out


def partnerships_from_frame(df) -> list[dict]:
    return [{"name": r["name"], "parties": list(r["parties"]) if _none_list(r["parties"]) else [],
             "signed_on": _iso(_none(r["signed_on"])), "signed_precision": _none(r["signed_precision"]),
             "starts_on": _iso(_none(r["starts_on"])), "ends_on": _iso(_none(r["ends_on"])), "snippet": r["snippet"]}
            for r in df.to_dict("records")]


def _none_list(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v)) and len(v) > 0


@dataclass
class Score:
    expected: int = 0
    core_matched: int = 0
    fully_right: int = 0
    extracted_in_vocab: int = 0
    extracted_total: int = 0
    field_errors: Counter = field(default_factory=Counter)
    partnerships_expected: int = 0
    partnerships_found: int = 0
    partnerships_right: int = 0
    partnership_errors: Counter = field(default_factory=Counter)
    by_template: dict = field(default_factory=lambda: defaultdict(lambda: {"expected": 0, "missed": 0, "wrong": Counter(), "examples": []}))
    false_positives: Counter = field(default_factory=Counter)
    fp_examples: dict = field(default_factory=lambda: defaultdict(list))

    @property
    def recall(self) -> float:
        return self.core_matched / self.expected if self.expected else 1.0

    @property
    def full_recall(self) -> float:
        return self.fully_right / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.core_matched / self.extracted_in_vocab if self.extracted_in_vocab else 1.0


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)].replace("\t", " | ").strip()


def _locate(text: str, fact: dict) -> int | None:
    i = text.find(fact["surface"])
    if i < 0:
        i = text.find(fact["surface"].replace("\u202f", " ").replace("\u00a0", " "))
    return i if i >= 0 else None


def score_document(score: Score, entry: dict, facts: list[dict], partnerships: list[dict], text: str,
                   vocabulary: set[str], max_examples: int = 3) -> None:
    """Add one document's comparison to `score` (misses keep the row or sentence and what came out of it)."""
    expected = entry["facts"]
    pairs, extra = match_document(expected, facts)
    score.expected += len(expected)
    score.extracted_total += len(facts)
    score.extracted_in_vocab += sum(1 for f in facts if f["indicator"] in vocabulary)
    for e, got, bad in pairs:
        t = score.by_template[e["template"]]
        t["expected"] += 1
        if got is None:
            t["missed"] += 1
            if len(t["examples"]) < max_examples:
                pos = _locate(text, e)
                line = _line_at(text, pos) if pos is not None else "(surface not found in extracted text)"
                near = []
                if pos is not None:
                    ls, le = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
                    le = le if le >= 0 else len(text)
                    near = [f for f in facts if f["char_start"] is not None and ls <= f["char_start"] < le]
                t["examples"].append({"doc": entry["name"], "kind": "missed", "line": line[:400],
                                      "expected": _brief(e),
                                      "got_on_line": [_brief(f) for f in near][:6]})
            continue
        score.core_matched += 1
        for b in bad:
            score.field_errors[b] += 1
            t["wrong"][b] += 1
        if not (set(bad) & CORE_FIELDS):
            score.fully_right += 1
        elif len(t["examples"]) < max_examples:
            pos = _locate(text, e)
            t["examples"].append({"doc": entry["name"], "kind": "wrong " + ",".join(bad),
                                  "line": (_line_at(text, pos) if pos is not None else "")[:400],
                                  "expected": _brief(e), "got": _brief(got)})
    for x in extra:
        if x["indicator"] in vocabulary:
            score.false_positives[x["indicator"]] += 1
            if len(score.fp_examples[x["indicator"]]) < max_examples:
                score.fp_examples[x["indicator"]].append({"doc": entry["name"], "fact": _brief(x),
                                                          "snippet": (x["snippet"] or "")[:300]})
    for e, got, bad in match_partnerships(entry["partnerships"], partnerships):
        score.partnerships_expected += 1
        t = score.by_template[e["template"]]
        t["expected"] += 1
        if got is None:
            t["missed"] += 1
            if len(t["examples"]) < max_examples:
                t["examples"].append({"doc": entry["name"], "kind": "missed", "line": e["sentence"],
                                      "expected": {k: e[k] for k in ("parties", "signed_on", "starts_on", "ends_on")},
                                      "got_in_doc": [{k: p[k] for k in ("parties", "signed_on", "starts_on", "ends_on")} for p in partnerships][:3]})
            continue
        score.partnerships_found += 1
        for b in bad:
            score.partnership_errors[b] += 1
            t["wrong"][b] += 1
        if not bad:
            score.partnerships_right += 1
        elif len(t["examples"]) < max_examples:
            t["examples"].append({"doc": entry["name"], "kind": "wrong " + ",".join(bad), "line": e["sentence"],
                                  "expected": {k: e[k] for k in ("parties", "signed_on", "starts_on", "ends_on")},
                                  "got": {k: got[k] for k in ("parties", "signed_on", "starts_on", "ends_on")}})


def _brief(f: dict) -> str:
    period = f"{f['period_start']}..{f['period_end']}" if f.get("period_start") else "-"
    q = f" {f['qualifier']}" if f.get("qualifier") else ""
    return f"{f['indicator']} {f['value']:g} {f.get('unit')} area={f['area']} seg={f['segment']} period={period}{q}"


# --------------------------------------------------------------------------
# workers
# --------------------------------------------------------------------------

_WORKER: dict = {}
_BLANK: dict = {}


def _init_worker(with_spacy: bool) -> None:
    """Once per worker process: import the pipeline and load spaCy for fr, nl, de."""
    global _WORKER
    import warnings

    warnings.filterwarnings("ignore")
    import spacy

    for lang in ("fr", "nl", "de"):  # the text floor's tokenizers, built before any timing
        _BLANK[lang] = spacy.blank(lang)
    if with_spacy:
        from extractors.annotate.nlp import pipeline

        for lang in ("fr", "nl", "de"):
            pipeline(lang)
        import extractors.document  # noqa: F401
        import warehouse.rows  # noqa: F401
    _WORKER["ready"] = True


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm(_: int) -> tuple[int, float]:
    time.sleep(0.2)
    return os.getpid(), _rss_mb()


def pipeline_task(args: tuple[str, str]) -> dict:
    """load_document -> extract_document -> result_tables for one file (in a worker)."""
    from extractors.document import extract_document
    from extractors.read.loading import load_document
    from extractors.model import DocumentError
    from warehouse.rows import result_tables

    path, root = args
    t0 = time.perf_counter()
    try:
        doc = load_document(Path(path), Path(root))
    except DocumentError as exc:
        return {"path": path, "error": str(exc), "rss": _rss_mb()}
    t1 = time.perf_counter()
    result = extract_document(doc)
    t2 = time.perf_counter()
    tables = result_tables(result)
    t3 = time.perf_counter()
    return {"path": path, "tables": tables, "load_s": t1 - t0, "extract_s": t2 - t1, "rows_s": t3 - t2,
            "pages": doc.page_count, "chars": len(doc.text), "rss": _rss_mb(), "pid": os.getpid()}


def pdf_floor_task(path: str) -> dict:
    """The bare pdfplumber loop: open, extract_text on every page."""
    import pdfplumber

    t0 = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        pages = 0
        chars = 0
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            pages += 1
    return {"pages": pages, "chars": chars, "s": time.perf_counter() - t0, "rss": _rss_mb()}


def text_floor_task(batch: list[tuple[str, str]]) -> dict:
    """Read, decode and tokenize a batch of text files with spacy.blank(lang) through nlp.pipe."""
    import spacy

    t0 = time.perf_counter()
    by_lang: dict[str, list[str]] = defaultdict(list)
    for path, lang in batch:
        by_lang[lang].append(Path(path).read_bytes().decode("utf-8"))
    tokens = 0
    for lang, texts in by_lang.items():
        nlp = _BLANK.get(lang) or _BLANK.setdefault(lang, spacy.blank(lang))
        for doc in nlp.pipe(texts, batch_size=64):
            tokens += len(doc)
    return {"docs": len(batch), "tokens": tokens, "s": time.perf_counter() - t0, "rss": _rss_mb()}


# --------------------------------------------------------------------------
# one size
# --------------------------------------------------------------------------


def _pool(workers: int, with_spacy: bool):
    from multiprocessing import get_context

    return get_context("spawn").Pool(workers, initializer=_init_worker, initargs=(with_spacy,))


def bulk_load(frames: dict[str, list], db_path: Path) -> dict:
    """Concatenate each table's per-document frames and insert each table once into a fresh DuckDB."""
    import duckdb
    import pandas as pd

    from warehouse.load import insert_frame, transaction
    from warehouse.schema import create_tables

    for suffix in ("", ".wal"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = duckdb.connect(str(db_path))
    create_tables(con)
    rows = {}
    with transaction(con):
        for table, parts in frames.items():
            parts = [p for p in parts if not p.empty]
            if not parts:
                continue
            df = pd.concat(parts, ignore_index=True)
            insert_frame(con, table, df)
            rows[table] = len(df)
    con.execute("CHECKPOINT")
    con.close()
    return {"seconds": time.perf_counter() - t0, "rows": rows}


def run_size(n_docs: int, seed: int, workers: int, corpus_dir: Path) -> dict:
    """Generate (or reuse) the corpus, measure floors and the pipeline, score, and return the figures."""
    from benchmarks.corpus import generate

    t0 = time.perf_counter()
    manifest_path = generate(corpus_dir, n_docs, seed, workers=workers)
    gen_s = time.perf_counter() - t0
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    entries = manifest["documents"][:n_docs]
    docs_dir = corpus_dir / "docs"
    pdfs = [e for e in entries if e["format"] == "pdf"]
    texts = [e for e in entries if e["format"] != "pdf"]

    t0 = time.perf_counter()
    pool = _pool(workers, with_spacy=True)
    ready = pool.map(_warm, range(workers * 2), chunksize=1)
    startup_s = time.perf_counter() - t0
    rss_worker = max(r for _, r in ready)
    try:
        # floors, same pool, same files
        t0 = time.perf_counter()
        floor_pdf = pool.map(pdf_floor_task, [str(docs_dir / e["name"]) for e in pdfs], chunksize=4)
        floor_pdf_s = time.perf_counter() - t0
        batches = [[(str(docs_dir / e["name"]), e["language"]) for e in texts[i : i + 32]] for i in range(0, len(texts), 32)]
        t0 = time.perf_counter()
        floor_text = pool.map(text_floor_task, batches, chunksize=1)
        floor_text_s = time.perf_counter() - t0

        # the pipeline: PDFs, then texts, each timed
        results: dict[str, dict] = {}
        timings = {}
        for label, subset in (("pdf", pdfs), ("text", texts)):
            t0 = time.perf_counter()
            for r in pool.imap_unordered(pipeline_task, [(str(docs_dir / e["name"]), str(docs_dir)) for e in subset], chunksize=2):
                results[Path(r["path"]).name] = r
            timings[label] = time.perf_counter() - t0
    finally:
        pool.close()
        pool.join()
    rss_worker = max([rss_worker] + [r["rss"] for r in results.values()] + [f["rss"] for f in floor_pdf + floor_text])

    # the parent writes the warehouse in one bulk load
    frames: dict[str, list] = defaultdict(list)
    for r in results.values():
        for table, df in (r.get("tables") or {}).items():
            frames[table].append(df)
    db_path = OUT / f"bench-{n_docs}.duckdb"
    load = bulk_load(frames, db_path)

    # scoring
    vocabulary = {f["indicator"] for e in manifest["documents"] for f in e["facts"]}
    score = Score()
    errors = []
    for e in entries:
        r = results.get(e["name"])
        if r is None or "error" in r:
            errors.append({"doc": e["name"], "error": (r or {}).get("error", "no result")})
            score_document(score, e, [], [], "", vocabulary)
            continue
        t = r["tables"]
        text = t["document_texts"]["text"].iloc[0]
        score_document(score, e, facts_from_frame(t["facts"]), partnerships_from_frame(t["partnerships"]), text, vocabulary)

    pages_pdf = sum(r.get("pages") or 0 for n, r in results.items() if n.endswith(".pdf"))
    chars_text = sum(r.get("chars") or 0 for n, r in results.items() if not n.endswith(".pdf"))
    stage = defaultdict(float)
    for n, r in results.items():
        kind = "pdf" if n.endswith(".pdf") else "text"
        for s in ("load_s", "extract_s", "rows_s"):
            stage[f"{kind}_{s}"] += r.get(s, 0.0)
    pipeline_s = timings["pdf"] + timings["text"]
    return {
        "docs": n_docs, "pdf_docs": len(pdfs), "text_docs": len(texts), "pdf_pages": pages_pdf,
        "text_chars": chars_text, "workers": workers, "cores": os.cpu_count(),
        "generate_s": gen_s, "startup_s": startup_s,
        "floor_pdf_s": floor_pdf_s, "floor_text_s": floor_text_s,
        "floor_pdf_pages": sum(f["pages"] for f in floor_pdf),
        "pipeline_pdf_s": timings["pdf"], "pipeline_text_s": timings["text"],
        "pipeline_s": pipeline_s, "load_s": load["seconds"], "load_rows": load["rows"],
        "end_to_end_s": pipeline_s + load["seconds"],
        "stage_cpu_s": dict(stage),
        "rss_parent_mb": _rss_mb(), "rss_worker_mb": rss_worker,
        "errors": errors,
        "score": _score_dict(score),
    }


def _score_dict(s: Score) -> dict:
    templates = {}
    for name, t in sorted(s.by_template.items()):
        templates[name] = {"expected": t["expected"], "missed": t["missed"], "wrong": dict(t["wrong"]),
                           "examples": t["examples"]}
    return {
        "expected": s.expected, "core_matched": s.core_matched, "fully_right": s.fully_right,
        "extracted_in_vocab": s.extracted_in_vocab, "extracted_total": s.extracted_total,
        "recall": s.recall, "full_recall": s.full_recall, "precision": s.precision,
        "field_errors": dict(s.field_errors),
        "partnerships": {"expected": s.partnerships_expected, "found": s.partnerships_found,
                         "right": s.partnerships_right, "errors": dict(s.partnership_errors)},
        "templates": templates,
        "false_positives": dict(s.false_positives), "fp_examples": dict(s.fp_examples),
    }


# --------------------------------------------------------------------------
# 1 million facts, profile
# --------------------------------------------------------------------------


def bulk_facts(n: int) -> dict:
    """Build n synthetic fact rows (vectorised) and time one insert_frame into a fresh DuckDB."""
    import duckdb
    import numpy as np
    import pandas as pd

    from warehouse.load import insert_frame
    from warehouse.rows import frame
    from warehouse.schema import columns, create_tables

    t0 = time.perf_counter()
    rng = np.random.default_rng(0)
    idx = np.arange(n)
    indicators = np.array(["unemployment_rate", "jobseekers", "population", "apprentices", "spending", "budget"])
    areas = np.array(["FR", "FR-HDF", "FR-GES", "FR-OCC", "BE-WAL", "BE-VLG", "DE-NW"])
    years = rng.integers(2015, 2027, n)
    starts = pd.to_datetime(pd.Series(years.astype(str)) + "-01-01").dt.date
    ends = pd.to_datetime(pd.Series(years.astype(str)) + "-12-31").dt.date
    df = pd.DataFrame({
        "fact_id": pd.Series(idx).map("f_{:016x}".format),
        "document_id": pd.Series(idx // 100).map("doc_{:016x}".format),
        "indicator": indicators[idx % len(indicators)],
        "area": areas[rng.integers(0, len(areas), n)],
        "segment": None,
        "period_start": starts, "period_end": ends,
        "value": rng.random(n) * 1e6,
        "unit": "persons", "qualifier": None, "page": pd.array(rng.integers(1, 30, n), dtype="Int64"),
        "char_start": pd.array(idx % 50_000, dtype="Int64"), "char_end": pd.array(idx % 50_000 + 7, dtype="Int64"),
        "snippet": "Demandeurs d'emploi | 538 430 (4e trimestre 2025)", "status": "valid",
        "precision": 0.5, "source": "table", "mention_count": pd.array(np.ones(n, dtype=int), dtype="Int64"),
    }, columns=columns("facts"))
    df = frame("facts", []) if n == 0 else df.astype({c: t for c, t in frame("facts", []).dtypes.items() if str(t) in ("Int64", "Float64")})
    build_s = time.perf_counter() - t0
    db = OUT / "bulk-facts.duckdb"
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    create_tables(con)
    t0 = time.perf_counter()
    insert_frame(con, "facts", df)
    con.execute("CHECKPOINT")
    load_s = time.perf_counter() - t0
    count = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    con.close()
    return {"facts": count, "build_s": build_s, "load_s": load_s}


def profile(n_docs: int, seed: int, corpus_dir: Path) -> dict:
    """cProfile of extract_document on the first n_docs documents (loaded beforehand), plus stage times."""
    import cProfile
    import io
    import pstats

    from benchmarks.corpus import generate
    from extractors.document import extract_document
    from extractors.read.loading import load_document
    from extractors.annotate.nlp import pipeline
    from warehouse.rows import result_tables

    manifest = json.loads(generate(corpus_dir, n_docs, seed).read_text(encoding="utf-8"))
    docs_dir = corpus_dir / "docs"
    for lang in ("fr", "nl", "de"):
        pipeline(lang)
    stage = Counter()
    loaded = []
    for e in manifest["documents"][:n_docs]:
        t0 = time.perf_counter()
        loaded.append(load_document(docs_dir / e["name"], docs_dir))
        stage["load_pdf" if e["format"] == "pdf" else "load_text"] += time.perf_counter() - t0
    prof = cProfile.Profile()
    results = []
    t0 = time.perf_counter()
    prof.enable()
    for doc in loaded:
        results.append(extract_document(doc))
    prof.disable()
    stage["extract"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for r in results:
        result_tables(r)
    stage["result_tables"] = time.perf_counter() - t0
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(30)
    cumulative = out.getvalue()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
    (OUT / "profile.txt").write_text(cumulative + "\n\n" + out.getvalue(), encoding="utf-8")
    # Cumulative time of the extraction stages we name in the report.
    named = {
        "tables.table_facts": ("tables/facts.py", "table_facts"),
        "prose.sentence_facts": ("prose/facts.py", "sentence_facts"),
        "nlp.sentences (spaCy)": ("nlp.py", "sentences"),
        "nlp.organisations (spaCy NER)": ("nlp.py", "organisations"),
        "partnerships_in_passage": ("partnerships.py", "partnerships_in_passage"),
        "layout.blocks": ("layout.py", "blocks"),
        "metadata (language, title, date, region)": None,
        "periods.find_periods": ("periods.py", "find_periods"),
        "figures.find_figures": ("figures.py", "find_figures"),
        "areas.find_areas": ("areas.py", "find_areas"),
        "indicators.find_cues": ("indicators.py", "find_cues"),
    }
    raw = pstats.Stats(prof).stats
    stages = {}
    for label, key in named.items():
        if key is None:
            total = sum(v[3] for (f, _, fn), v in raw.items() if f.endswith("metadata.py") and fn in ("detect_language", "detect_title", "detect_published_on", "main_region"))
        else:
            total = sum(v[3] for (f, _, fn), v in raw.items() if f.endswith(key[0]) and fn == key[1])
        stages[label] = total
    own = sorted(((v[2], f"{Path(f).name}:{fn}") for (f, _, fn), v in raw.items()), reverse=True)[:5]
    return {"docs": n_docs, "stage_s": dict(stage), "extract_stages_cum_s": stages,
            "top_own_time": [(name, t) for t, name in own], "extract_total_s": stage["extract"],
            "pdf_pages": sum(d.page_count or 0 for d in loaded if d.format == "pdf"),
            "pdf_docs": sum(1 for d in loaded if d.format == "pdf"),
            "top_cumulative": "\n".join(cumulative.splitlines()[:60])}


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------


def _fmt(x: float, d: int = 1) -> str:
    return f"{x:,.{d}f}".replace(",", " ")


def size_rows(runs: list[dict]) -> list[str]:
    lines = [
        "| docs | commit | PDFs (pages) | texts | pipeline PDFs | floor pdfplumber | ratio | pipeline pages/s (per core) | pipeline texts | floor spaCy tokens | ratio | docs/s end to end | warehouse load (rows) | peak RSS parent / worker | recall | precision |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        s = r["score"]
        pages_s = r["pdf_pages"] / r["pipeline_pdf_s"] if r["pipeline_pdf_s"] else 0
        rows = sum(r["load_rows"].values())
        lines.append(
            f"| {r['docs']} | {r.get('commit', '?')} | {r['pdf_docs']} ({r['pdf_pages']}) | {r['text_docs']} "
            f"| {_fmt(r['pipeline_pdf_s'])} s | {_fmt(r['floor_pdf_s'])} s | {r['pipeline_pdf_s'] / r['floor_pdf_s']:.1f}× "
            f"| {_fmt(pages_s)} ({_fmt(pages_s / r['workers'])}) "
            f"| {_fmt(r['pipeline_text_s'])} s | {_fmt(r['floor_text_s'], 2)} s | {r['pipeline_text_s'] / r['floor_text_s']:.0f}× "
            f"| {_fmt(r['docs'] / r['end_to_end_s'])} | {_fmt(r['load_s'], 2)} s ({rows:,}) "
            f"| {r['rss_parent_mb']:.0f} / {r['rss_worker_mb']:.0f} MB | {s['recall']:.3f} ({s['full_recall']:.3f}) | {s['precision']:.3f} |"
        )
    return lines


def render_section(runs: list[dict], bulk: dict | None, prof: dict | None) -> str:
    cores = os.cpu_count()
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    out = [START_MARK, "## Corpus scale", "",
           f"Generated corpus (`benchmarks/corpus.py`, seed {runs[0]['seed'] if runs else '-'}: French monographs, "
           "Dutch/German fact sheets, French/Dutch/German press articles; .txt, .md, .html and .pdf). "
           f"Machine: {cores} cores, process pool of {runs[0]['workers'] if runs else cores} workers, each loading spaCy once; "
           f"the parent bulk-loads every result table into a fresh DuckDB. Measured {now}. "
           "Reproduce with `.venv/bin/python -m benchmarks.run_benchmark --docs 100 1000 5000`.", ""]
    if runs:
        out += size_rows(runs)
        out += ["",
                "Floors are measured in the same run on the same pool: the bare pdfplumber `extract_text` loop over the PDFs, "
                "and reading + `spacy.blank(lang)` tokenization through `nlp.pipe` over the text files. Ratio = pipeline time / floor time. "
                "Recall: expected facts matched on indicator + value (±0.5 %); in brackets, those whose area, period and segment "
                "also match. Precision: matched / extracted facts whose indicator the generator uses. Startup (spawning the pool and "
                "loading spaCy in every worker) is not in the timings: "
                + ", ".join(f"{r['docs']} docs: {r['startup_s']:.1f} s" for r in runs) + "."]
        out += ["", "Partnerships (matched on signature date or period): "
                + "; ".join(f"{r['docs']} docs: {r['score']['partnerships']['found']}/{r['score']['partnerships']['expected']} found, "
                            f"{r['score']['partnerships']['right']} fully right" for r in runs) + "."]
    if bulk:
        out += ["", f"**1 million facts**: {bulk['facts']:,} synthetic fact rows bulk-loaded with `warehouse.load.insert_frame` "
                f"(one pandas frame, `INSERT … BY NAME SELECT`) into a fresh DuckDB in **{bulk['load_s']:.1f} s** "
                f"(goal < 30 s; building the frame took {bulk['build_s']:.1f} s)."]
    if prof:
        st = prof["stage_s"]
        ex = prof["extract_stages_cum_s"]
        total = sum(st.values())
        out += ["", f"**Where the time goes** (one process, first {prof['docs']} documents, {prof['pdf_docs']} PDFs with "
                f"{prof['pdf_pages']} pages): "
                + ", ".join(f"{k} {v:.1f} s ({v / total:.0%})" for k, v in sorted(st.items(), key=lambda kv: -kv[1])) + ". "
                "Inside `extract_document` (cProfile, cumulative, stages overlap): "
                + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(ex.items(), key=lambda kv: -kv[1])) + ". "
                + ("Most own time: " + ", ".join(f"`{n}` {t:.2f} s" for n, t in prof.get("top_own_time", []))
                   + f" (of {prof.get('extract_total_s', 0):.1f} s in extract_document). " if prof.get("top_own_time") else "")
                + "Full profile: benchmarks/out/profile.txt."]
    out.append(END_MARK)
    return "\n".join(out)


def write_section(section: str, path: Path = RESULTS) -> None:
    """Replace our section between the markers (or append it), leaving the rest of the file as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START_MARK in text and END_MARK in text:
        head, rest = text.split(START_MARK, 1)
        _, tail = rest.split(END_MARK, 1)
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def miss_report(run: dict) -> str:
    """Misses and wrong fields grouped by template, with examples; false positives by indicator."""
    s = run["score"]
    lines = [f"# Misses on {run['docs']} generated documents",
             f"recall {s['recall']:.3f} (all fields {s['full_recall']:.3f}), precision {s['precision']:.3f}; "
             f"field errors {s['field_errors']}; partnerships {s['partnerships']}", ""]
    for name, t in sorted(s["templates"].items(), key=lambda kv: -(kv[1]["missed"] + sum(kv[1]["wrong"].values()))):
        if not t["missed"] and not t["wrong"]:
            continue
        lines.append(f"## {name}: {t['missed']}/{t['expected']} missed, wrong fields {t['wrong']}")
        for ex in t["examples"]:
            lines.append(f"- [{ex['kind']}] {ex['doc']}: `{ex['line']}`")
            lines.append(f"    expected: {ex['expected']}")
            if "got" in ex:
                lines.append(f"    got:      {ex['got']}")
            if "got_on_line" in ex:
                lines.append(f"    extracted on that line: {ex['got_on_line']}")
            if "got_in_doc" in ex:
                lines.append(f"    partnerships extracted: {ex['got_in_doc']}")
        lines.append("")
    lines.append("## False positives (indicator in the generated vocabulary, no expected fact)")
    for ind, n in sorted(s["false_positives"].items(), key=lambda kv: -kv[1]):
        lines.append(f"- {ind}: {n}")
        for ex in s["fp_examples"].get(ind, []):
            lines.append(f"    {ex['doc']}: {ex['fact']} <- `{ex['snippet'][:200]}`")
    return "\n".join(lines) + "\n"


def _commit() -> str:
    """The commit measured, with '+dirty' when extractors/ or warehouse/ have uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "extractors", "warehouse"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Corpus-scale benchmark (see module docstring).")
    parser.add_argument("--docs", type=int, nargs="*", default=[100, 1000, 5000])
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--bulk-facts", type=int, default=1_000_000, help="0 to skip")
    parser.add_argument("--profile", type=int, default=200, help="documents to profile, 0 to skip")
    parser.add_argument("--corpus", type=Path, default=OUT / "corpus")
    parser.add_argument("--no-results", action="store_true", help="do not touch benchmarks/results.md")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed per size")
    parser.add_argument("--single", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    from benchmarks.corpus import DEFAULT_SEED

    seed = args.seed if args.seed is not None else DEFAULT_SEED
    OUT.mkdir(parents=True, exist_ok=True)

    if args.single:
        run = run_size(args.single, seed, args.workers, args.corpus)
        run["seed"] = seed
        run["commit"] = _commit()
        args.json.write_text(json.dumps(run, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        return

    runs = []
    # Generate the largest corpus once; each size reads its first N documents.
    if args.docs:
        from benchmarks.corpus import generate

        t0 = time.perf_counter()
        generate(args.corpus, max(args.docs), seed, workers=args.workers)
        print(f"corpus of {max(args.docs)} documents ready in {time.perf_counter() - t0:.1f} s", flush=True)
    for n in args.docs:
        out_json = OUT / f"run-{n}.json"
        cmd = [sys.executable, "-m", "benchmarks.run_benchmark", "--single", str(n), "--json", str(out_json),
               "--seed", str(seed), "--workers", str(args.workers), "--corpus", str(args.corpus)]
        t0 = time.perf_counter()
        try:
            subprocess.run(cmd, check=True, cwd=ROOT, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"{n} documents: over the {args.timeout:.0f} s cap, stopped", flush=True)
            continue
        run = json.loads(out_json.read_text(encoding="utf-8"))
        runs.append(run)
        (OUT / f"misses-{n}.md").write_text(miss_report(run), encoding="utf-8")
        s = run["score"]
        print(f"{n} docs in {time.perf_counter() - t0:.0f} s: pipeline PDFs {run['pipeline_pdf_s']:.1f} s "
              f"(floor {run['floor_pdf_s']:.1f} s, {run['pdf_pages']} pages), texts {run['pipeline_text_s']:.1f} s "
              f"(floor {run['floor_text_s']:.2f} s), load {run['load_s']:.2f} s, recall {s['recall']:.3f} "
              f"(all fields {s['full_recall']:.3f}), precision {s['precision']:.3f}; misses: benchmarks/out/misses-{n}.md",
              flush=True)
    bulk = prof = None
    if args.bulk_facts:
        bulk = bulk_facts(args.bulk_facts)
        print(f"{bulk['facts']:,} facts loaded in {bulk['load_s']:.1f} s", flush=True)
    if args.profile:
        prof = profile(args.profile, seed, args.corpus)
        print(f"profile: {prof['stage_s']} -> benchmarks/out/profile.txt", flush=True)
    # Keep what earlier invocations measured (other sizes, the bulk load, the profile) unless measured again.
    previous = json.loads((OUT / "scale.json").read_text(encoding="utf-8")) if (OUT / "scale.json").exists() else {}
    measured = {r["docs"] for r in runs}
    runs = sorted([r for r in previous.get("runs", []) if r["docs"] not in measured] + runs, key=lambda r: r["docs"])
    bulk = bulk or previous.get("bulk")
    prof = prof or previous.get("profile")
    json.dump({"runs": runs, "bulk": bulk, "profile": prof}, (OUT / "scale.json").open("w"), indent=1, default=str)
    if not args.no_results and (runs or bulk or prof):
        write_section(render_section(runs, bulk, prof))
        print(f"wrote the scale section of {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
