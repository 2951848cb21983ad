"""The benchmark corpus generator: deterministic, truthful about what it wrote, and readable by the extractors."""
from __future__ import annotations

import hashlib
import json

import pytest

from benchmarks.corpus import compose, fmt_number, generate, render, render_text
from benchmarks.run_benchmark import Score, facts_from_frame, partnerships_from_frame, score_document

SEED = 4242


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((folder / "docs").iterdir())}


def test_same_seed_same_bytes_and_manifest(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    generate(a, 12, SEED)
    generate(b, 12, SEED)
    assert _digests(a) == _digests(b)
    assert (a / "manifest.json").read_bytes() == (b / "manifest.json").read_bytes()
    assert (a / "expected_facts.csv").read_bytes() == (b / "expected_facts.csv").read_bytes()
    manifest = json.loads((a / "manifest.json").read_text())
    assert manifest["documents"][5] == compose(5, SEED).manifest_entry()
    # another seed gives other documents
    assert [compose(i, SEED).name for i in range(12)] == sorted(_digests(a))
    assert [render_text(compose(i, SEED)) for i in range(6)] != [render_text(compose(i, SEED + 1)) for i in range(6)]


def test_every_kind_format_and_language_occurs():
    docs = [compose(i, SEED) for i in range(120)]
    assert {d.kind for d in docs} == {"monograph_fr", "factsheet_nl", "factsheet_de", "press_fr", "press_nl", "press_de"}
    assert {d.format for d in docs} == {"pdf", "txt", "txt_md", "md", "html"}
    assert {d.language for d in docs} == {"fr", "nl", "de"}


@pytest.mark.parametrize("index", range(40))
def test_expected_facts_are_written_in_the_text(index):
    doc = compose(index, SEED)
    text = render_text(doc)
    assert doc.facts, doc.name
    for fact in doc.facts:
        assert fact.surface in text, (doc.name, fact)
        if fact.surface[0].isdigit():
            # the value as the language writes it: "5 998 916", "62.000", "9,2", "1 085,094" (millions)
            assert fact.surface.replace("\u00a0", " ").replace("\u202f", " ") in {
                fmt_number(fact.value / scale, doc.language, decimals)
                for scale in (1, 1e6, 1e9) for decimals in (0, 1, 3)
            }, fact
    for p in doc.partnerships:
        assert p.sentence in text


def test_budget_lines_sum_to_their_totals():
    for i in range(60):
        doc = compose(i, SEED)
        by_year: dict = {}
        for f in doc.facts:
            if f.template == "mono.table.budget_lines":
                by_year.setdefault(f.period_start, {})[f.segment] = f.value
        for lines in by_year.values():
            total = lines.pop("line:total")
            assert sum(lines.values()) == pytest.approx(total)


@pytest.mark.slow  # extracts a whole generated corpus
def test_extractors_recover_most_expected_facts(tmp_path):
    """A real check of the extraction on five generated text documents (PDFs are covered by the benchmark)."""
    from extractors.document import extract_document
    from extractors.read.loading import load_document
    from warehouse.rows import result_tables

    docs = [d for d in (compose(i, SEED) for i in range(40)) if d.format != "pdf"]
    picked = []
    for kind in ("monograph_fr", "press_fr", "press_nl", "press_de", "factsheet_nl", "factsheet_de"):
        picked += [d for d in docs if d.kind == kind][:1]
    picked = picked[:5]
    vocabulary = {f.indicator for d in docs for f in d.facts}
    score = Score()
    for doc in picked:
        path = tmp_path / doc.name
        path.write_bytes(render(doc))
        tables = result_tables(extract_document(load_document(path, tmp_path)))
        entry = doc.manifest_entry()
        score_document(score, entry, facts_from_frame(tables["facts"]), partnerships_from_frame(tables["partnerships"]),
                       tables["document_texts"]["text"].iloc[0], vocabulary)
    assert score.expected >= 60
    assert score.recall >= 0.8, score.by_template
    assert score.precision >= 0.8
