"""The typed dimensions of a segment that labels name: sex, an age class written alone, a level of
training, and whether a stub header says its rows are fields of training (`lexicon/segments.yaml`).

Several dimensions of one figure are joined in one order (`join_dimensions`), so that the same
figure gets the same segment whichever header named which dimension first.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.lexicon import fold, fold_in_place, load_file

_DATA = load_file("segments.yaml")
_SEX = {value: re.compile(pattern) for value, pattern in _DATA["sex"].items()}
_BARE_AGES = [(re.compile(e["pattern"]), e["segment"]) for e in _DATA["bare_age_labels"]]
_LEVELS = [(re.compile(e["pattern"]), e["value"]) for e in _DATA["levels"]]
_DOMAIN_HEADERS = re.compile("|".join(f"(?:{p})" for p in _DATA["domain_headers"]))
_ORDER = {kind: n for n, kind in enumerate(_DATA["dimension_order"])}
_GROUPS = re.compile("|".join(f"(?:{p})" for p in _DATA["population_groups"]))


def sex(text: str) -> str | None:
    """The sex a label names, when it names one only.

    >>> sex("Frauen"), sex("Vrouwen 15-24 jaar"), sex("Female"), sex("Total"), sex("hommes et femmes")
    ('sex:female', 'sex:female', 'sex:female', None, None)
    """
    folded = fold(text)
    found = {value for value, rx in _SEX.items() if rx.search(folded)}
    return f"sex:{found.pop()}" if len(found) == 1 else None


def bare_age(text: str) -> str | None:
    """An age class that is a whole label by itself ("15-24", "60+"); years and codes are not ages.

    >>> bare_age("15-24"), bare_age("0–24"), bare_age("60+"), bare_age("2013-2014"), bare_age("30-20")
    ('age:15-24', 'age:0-24', 'age:60+', None, None)
    """
    folded = fold(text).strip()
    for rx, template in _BARE_AGES:
        m = rx.match(folded)
        if m:
            bounds = {k: int(v) for k, v in m.groupdict().items() if v}
            if bounds.get("lo", 0) < bounds.get("hi", 99) <= 99:
                return "age:" + template.format(**m.groupdict())
    return None


def level(text: str) -> str | None:
    """The level of training a label names, when it names one only.

    >>> level("dont en BAC PRO"), level("CAP / % en emploi"), level("CAP et Bac pro"), level("Capacité")
    ('level:bac pro', 'level:CAP', None, None)
    """
    folded = fold(text)
    found = {value for rx, value in _LEVELS if rx.search(folded)}
    if "bac pro" in found:
        found.discard("2nde pro")  # "bac pro" holds "pro"
    return f"level:{found.pop()}" if len(found) == 1 else None


def population_group(text: str) -> str | None:
    """A population group a text singles out, as it writes it.

    >>> population_group("parmi les travailleurs handicapés, le chômage recule lentement")
    'group:travailleurs handicapés'
    >>> population_group("Die Zahl der schwerbehinderten Menschen stieg"), population_group("Le chômage baisse")
    ('group:schwerbehinderten Menschen', None)
    """
    m = _GROUPS.search(fold_in_place(text))
    return f"group:{text[m.start():m.end()]}" if m else None


def names_fields_of_training(text: str) -> bool:
    """Whether a stub header says its rows are fields of training.

    >>> names_fields_of_training("Domaine de spécialité"), names_fields_of_training("Région")
    (True, False)
    """
    return bool(_DOMAIN_HEADERS.search(fold(text)))


def join_dimensions(dimensions: list[str | None]) -> str | None:
    """Dimensions of one figure as one segment, one per kind, in the lexicon's order; the whole
    ("line:total") gives way to any other dimension.

    >>> join_dimensions(["age:15-24", None, "sex:female"])
    'sex:female|age:15-24'
    >>> join_dimensions(["line:total", "program:FNDA"]), join_dimensions(["line:total"])
    ('program:FNDA', 'line:total')
    """
    by_kind: dict[str, str] = {}
    for dimension in dimensions:
        if dimension:
            by_kind.setdefault(dimension.split(":", 1)[0], dimension)
    if len(by_kind) > 1 and by_kind.get("line", "").startswith("line:total"):
        del by_kind["line"]
    if not by_kind:
        return None
    return "|".join(by_kind[k] for k in sorted(by_kind, key=lambda k: _ORDER.get(k, len(_ORDER))))


@lru_cache(maxsize=1)
def dimension_kinds() -> list[str]:
    return list(_DATA["dimension_order"])
