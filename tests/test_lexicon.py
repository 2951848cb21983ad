"""The lexicon is data: it loads, its patterns compile, its codes are the contract's, and no
Python module outside it holds a phrase list."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from extractors.annotate.indicators import INDICATORS, UNIT_OF
from extractors.lexicon import HERE, fold, lexicon
from extractors.segment import Segment

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT.parent / "shared" / "contract.md"
# Codes the lexicon adds to the contract's vocabulary, each documented in indicators.yaml.
DOCUMENTED_EXTENSIONS = {"budget_revenue", "employment_rate", "long_term_unemployment_share"}
UNITS = {"percent", "persons", "count", "EUR", "km2", "years"}


def test_every_data_file_loads_and_every_pattern_compiles():
    files = sorted(HERE.glob("*.yaml"))
    assert len(files) >= 8
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and data, path.name
    for code, (unit, phrases) in INDICATORS.items():
        assert unit in UNITS, code
        for phrase in phrases:
            assert isinstance(phrase, str), (code, phrase)  # an unquoted "a: b" would be a mapping
            re.compile(phrase)
    assert lexicon().declared_scales and lexicon().is_missing("n.d.")


def test_every_indicator_code_is_the_contracts_or_documented():
    vocabulary = CONTRACT.read_text(encoding="utf-8").split("### Indicators", 1)[1].split("###", 1)[0]
    contract = set(re.findall(r"`([a-z_0-9]+)`", vocabulary))
    assert contract, "the contract lists its indicators"
    header = (HERE / "indicators.yaml").read_text(encoding="utf-8").split("indicators:", 1)[0]
    for code in UNIT_OF:
        assert code in contract or (code in DOCUMENTED_EXTENSIONS and code in header), code


def _string_constants(path: Path) -> list[str]:
    """String literals of a module that are not docstrings (docstrings may show examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_no_module_outside_the_lexicon_holds_a_phrase():
    phrase = re.compile(r"chomage|werkloos|arbeitslos|janvier|januari|apprentis|signé|unterzeichn", re.I)
    offenders = []
    for package in ("extractors", "validation", "warehouse", "pipelines"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "lexicon" in path.parts:
                continue
            offenders += [f"{path.relative_to(ROOT)}: {s[:60]!r}" for s in _string_constants(path)
                          if phrase.search(fold(s)) or phrase.search(s)]
    assert not offenders, offenders


def test_segment_round_trip():
    for written in ("age:15-24", "line:education_training_apprenticeship:operating", "org:emz-Hanauer:lehrjahr-1",
                    "program:FNDMA:critere 1"):
        assert str(Segment.parse(written)) == written
    assert Segment.parse("line:total").nested("operating").parent == Segment("line", "total")
    for bad in ("age", ":x", "line:"):
        try:
            Segment.parse(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} parsed")
