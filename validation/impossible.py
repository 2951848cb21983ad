"""Values no level can take: a negative count of persons, a negative rate or area.

Every indicator of the contract is a level (a number of persons, a rate, an
area, a duration), never a change; a negative one is a change or a gap read
as a level ("45 000 de moins" read as -45 000 jobseekers). It is never a valid
fact: the finding flags it. A warning, not an error: the source is most
likely right, the reading is not. Money is left out: a balance or a
correction may be negative.

Kept apart from the rules of validation.run, which the pipeline's assets and
`make eval` call together with this one.
"""
from __future__ import annotations

from validation.facts import missing
from validation.findings import WARNING, Finding

CHECK_NAME = "impossible_negative_level"
DESCRIPTION = ("A level that cannot be negative (persons, counts, rates, areas, durations) read as negative: "
               "a change or a gap taken for a level; the fact is flagged, never valid (warning).")
NON_NEGATIVE_UNITS = frozenset({"persons", "count", "percent", "km2", "years"})


def negative_levels(facts: list[dict]) -> list[Finding]:
    """A warning per fact whose unit is a level that cannot be negative and whose value is.

    >>> [f.fact_ids for f in negative_levels([
    ...     {"fact_id": "a", "unit": "persons", "value": -45000.0, "indicator": "jobseekers", "document_id": "d"},
    ...     {"fact_id": "b", "unit": "EUR", "value": -3.0, "indicator": "budget", "document_id": "d"},
    ...     {"fact_id": "c", "unit": "percent", "value": 4.5, "indicator": "unemployment_rate", "document_id": "d"}])]
    [['a']]
    """
    findings = []
    for fact in facts:
        value = fact.get("value")
        if fact.get("unit") in NON_NEGATIVE_UNITS and not missing(value) and float(value) < 0:
            findings.append(Finding(
                CHECK_NAME, WARNING, [fact["fact_id"]],
                f"{fact['indicator']} {value:g} {fact['unit']}: a level of {fact['unit']} cannot be negative; "
                "probably a change or a gap read as a level.",
                fact.get("document_id")))
    return findings
