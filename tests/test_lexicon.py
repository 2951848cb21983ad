"""The lexicon is data: it loads, its patterns compile, its codes are the contract's, and no
Python module outside it holds a phrase list."""
from __future__ import annotations

import ast
import re
import re._parser as sre_parse  # the regex parser `re` compiles with
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


def _word_alternatives(pattern: str) -> list[list[str]]:
    """The alternations of a regex whose branches are three or more plain words ("janvier|février|mars",
    "(?:de|du|des)"): each branch letters only (an optional letter allowed: "years?"), two letters or more.
    A string that is no regex is read as text for "a|b|c" runs (an f-string's pieces do not parse alone)."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError):
        return [run.split("|") for run in _TEXT_ALTERNATION.findall(pattern)]
    found = []

    def word(branch) -> str | None:
        letters = []
        for op, arg in branch:
            if op is sre_parse.LITERAL:
                letters.append(chr(arg))
            elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and all(o is sre_parse.LITERAL for o, _ in arg[2]):
                letters += [chr(a) for _, a in arg[2]]
            else:
                return None
        written = "".join(letters)
        return written if len(written) >= 2 and written.isalpha() else None

    def walk(items):
        for op, arg in items:
            if op is sre_parse.BRANCH:
                words = [w for w in map(word, arg[1]) if w]
                if len(words) >= 3:
                    found.append(words)
                for branch in arg[1]:
                    walk(branch)
            elif op is sre_parse.SUBPATTERN:
                walk(arg[-1])
            elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
                walk(arg[2])
            elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
                walk(arg[1])

    walk(parsed)
    return found


_TEXT_ALTERNATION = re.compile(r"(?<![\w\\])[^\W\d_]{2,}(?:\|[^\W\d_]{2,}){2,}(?![\w])")
# HTML element names are the markup's vocabulary, not a language's: a tag pattern ("<(?:p|div|…)") may list them.
_TAG_PATTERN = re.compile(r"</?\??\(\?:")


def test_word_alternations_are_found_however_written():
    assert _word_alternatives(r"\b(?:janvier|février|mars)\s+\d{4}") == [["janvier", "février", "mars"]]
    assert _word_alternatives(r"\s*(?:ans|jaar|years?)\b") == [["ans", "jaar", "years"]]
    assert _word_alternatives(r"(?:{x})\s+(?:de|van|von") == [["de", "van", "von"]]  # an f-string's piece
    assert _word_alternatives(r"(?:\d+|[a-z]|%)") == [] and _word_alternatives(r"x|y|z") == []
    assert _word_alternatives("| column | type | meaning |") == []  # a Markdown table row, no regex


def test_no_module_outside_the_lexicon_holds_a_word_alternation():
    offenders = []
    for package in ("extractors", "validation", "warehouse", "pipelines", "explorer"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "lexicon" in path.parts:
                continue
            for s in _string_constants(path):
                if "|" in s and not _TAG_PATTERN.search(s):
                    offenders += [f"{path.relative_to(ROOT)}: {'|'.join(w)}" for w in _word_alternatives(s)]
    assert not offenders, offenders


def test_segment_round_trip():
    for written in ("age:15-24", "line:education_training_apprenticeship:operating", "org:Bäckerei Nord:lehrjahr-1",
                    "program:FREJ:critere 1"):
        assert str(Segment.parse(written)) == written
    assert Segment.parse("line:total").nested("operating").parent == Segment("line", "total")
    for bad in ("age", ":x", "line:"):
        try:
            Segment.parse(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} parsed")


def test_the_lists_of_indicator_codes_name_indicators_the_lexicon_knows():
    lex = lexicon()
    lists = {name: lex.indicators_listed(name) for name in ("project_indicators", "counted_noun_only_indicators",
                                                            "whole_budget_indicators")}
    for name, codes in {"academic_indicators": lex.academic_indicators, **lists}.items():
        assert codes and codes <= set(UNIT_OF), (name, codes - set(UNIT_OF))
