"""The lexicon: every phrase, unit, scale, marker and cue the extractors know, as data.

Each YAML file beside this module holds one idea (indicators, units and scales,
table headers, …). This module loads them once and owns the one text-folding
function every matcher uses, so that "D'EMPLOI", "d’emploi" and "d emploi"
read alike everywhere.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def strip_accents(text: str) -> str:
    """Lower case without accents.

    >>> strip_accents("Île-de-France")
    'ile-de-france'
    """
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def fold(text: str) -> str:
    """Text as the lexicon reads it: lower case, no accents, apostrophes as spaces.

    >>> fold("NB D'EMPLOI au 3ᵉ trimestre")
    'nb d emploi au 3e trimestre'
    """
    return re.sub(r"[’'`´]", " ", strip_accents(text))


def fold_in_place(text: str) -> str:
    """`fold`, one character for one, so that offsets in the folded text are offsets in the text.

    >>> fold_in_place("Année … 2010") == "annee . 2010"
    True
    """
    # Each character is folded once per process, then the text is translated at C speed: documents
    # are folded in many windows, and folding them character by character in Python dominated
    # the reading of long texts.
    new = {ord(ch): (fold(ch) or ch)[:1] for ch in set(text) if ord(ch) not in _FOLDED_CHARACTERS}
    _FOLDED_CHARACTERS.update(new)
    return text.translate(_FOLDED_CHARACTERS)


_FOLDED_CHARACTERS: dict[int, str] = {}


def strip_accents_in_place(text: str) -> str:
    """`strip_accents`, one character for one (offsets kept), translated through a memo as `fold_in_place`.

    >>> strip_accents_in_place("Œuvre à Liège") == "œuvre a liege"
    True
    """
    new = {ord(ch): strip_accents(ch)[:1] or ch for ch in set(text) if ord(ch) not in _STRIPPED_CHARACTERS}
    _STRIPPED_CHARACTERS.update(new)
    return text.translate(_STRIPPED_CHARACTERS)


_STRIPPED_CHARACTERS: dict[int, str] = {}


@dataclass(frozen=True)
class DeclaredScale:
    pattern: re.Pattern
    factor: float
    unit: str | None


@lru_cache(maxsize=None)
def load_file(name: str) -> dict:
    """One data file of the lexicon, parsed once per process (every module that reads it shares it:
    read it, never change it)."""
    with (HERE / name).open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def alternation(name: str, key: str) -> str:
    """The phrases of list `key` of data file `name` as one regex group, longest first so that a
    phrase is never cut short by one it begins with.

    >>> alternation("figures.yaml", "number_word_joiners")
    '(?:und|et|en)'
    """
    return "(?:" + "|".join(sorted(load_file(name)[key], key=len, reverse=True)) + ")"


# The suffixes that make a number an ordinal ("1er", "3e", "2nd", "4th"): one group for every matcher.
ORDINAL_SUFFIX = alternation("figures.yaml", "ordinal_suffixes")


class Lexicon:
    """The data files, parsed and compiled once."""

    @cached_property
    def _tables(self) -> dict:
        return load_file("tables.yaml")

    @cached_property
    def _units(self) -> dict:
        return load_file("units.yaml")

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern]:
        out = {}
        for name, phrases in self._tables.items():
            if name != "missing_values":
                out[name] = re.compile("|".join(f"(?:{p})" for p in phrases))
        return out

    def matches(self, name: str, folded: str) -> bool:
        """Whether a folded text holds one of the phrases of list `name` (tables.yaml).

        >>> lexicon().matches("total_labels", fold("Total France entière"))
        True
        """
        return bool(self._patterns[name].search(folded))

    def without_source_note(self, text: str) -> str:
        """A header without its source citation.

        >>> lexicon().without_source_note("Effectif au 31 décembre Source : ministère de l'éducation nationale")
        'Effectif au 31 décembre'
        """
        m = self._patterns["source_notes"].search(fold(text))
        return text[: m.start()].rstrip() if m else text

    @cached_property
    def reference_period_cue(self) -> re.Pattern:
        """What introduces the period a passage is about, right before it (units.yaml)."""
        return re.compile("(?:" + "|".join(self._units["reference_period_cues"]) + r")\s*$")

    @cached_property
    def _missing(self) -> frozenset[str]:
        return frozenset(fold(m) for m in self._tables["missing_values"])

    def is_missing(self, text: str) -> bool:
        """A missing-value marker ("-", "n.d.", "Non communiqué", "s", …), the whole cell.

        >>> lexicon().is_missing("Non communiqué"), lexicon().is_missing("Alsace")
        (True, False)
        """
        return fold(text.strip()).strip() in self._missing

    @cached_property
    def declared_scales(self) -> list[DeclaredScale]:
        return [DeclaredScale(re.compile(e["pattern"]), float(e["factor"]), e["unit"])
                for e in self._units["declared_scales"]]

    def max_value(self, indicator: str, unit: str | None) -> float | None:
        """The largest value a figure of this unit can take and still be a fact (units.yaml)."""
        limit = self._units["plausible_maximum"].get(unit) if unit else None
        return float(limit) if limit is not None else None  # YAML 1.1 reads "1.0e9" as text

    @cached_property
    def _indicators(self) -> dict:
        return load_file("indicators.yaml")

    @cached_property
    def academic_indicators(self) -> frozenset[str]:
        """Indicators counted over a school year: their "2023-2024" runs September to August (units.yaml)."""
        return frozenset(self._units["academic_indicators"])

    @cached_property
    def _indicator_lists(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self._indicators.items() if k.endswith("_indicators")}

    def indicators_listed(self, name: str) -> frozenset[str]:
        """One list of indicator codes of indicators.yaml: `project_indicators` (a project's or programme's
        figures, not a territory's), `counted_noun_only_indicators` (named only as the noun a figure
        counts), `whole_budget_indicators` (an amount naming no budget line is the total).

        >>> sorted(lexicon().indicators_listed("whole_budget_indicators"))
        ['budget', 'spending']
        """
        return self._indicator_lists[name]

    @cached_property
    def nature_lines(self) -> frozenset[str]:
        return frozenset(self._units["nature_lines"])


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
