"""The former single module of the rules, kept so existing imports keep working.

The rules now live by family (`arithmetic`, `magnitude`, `consistency`,
`dates`); `validation.run` (also `validation` itself) holds `run_all`,
`CHECK_NAMES` and `flagged_fact_ids`.
"""
from extractors.model import stable_id  # noqa: F401  (finding ids are built from it)
from validation.arithmetic import (  # noqa: F401
    age_partitions,
    age_range,
    parts_do_not_sum_to_total,
    segment_equals_or_exceeds_total,
    stated_change_mismatch,
    stated_formula_mismatch,
)
from validation.consistency import conflicting_period, conflicting_value, cross_document_conflict  # noqa: F401
from validation.dates import date_inconsistency  # noqa: F401
from validation.findings import ERROR, WARNING, Finding  # noqa: F401
from validation.gating import UNCERTAIN_READING  # noqa: F401
from validation.magnitude import implausible_magnitude  # noqa: F401
from validation.run import (  # noqa: F401
    CHECK_DESCRIPTIONS,
    CHECK_NAMES,
    PIPELINE_CHECKS,
    RULES,
    SOURCE_ERROR_CHECKS,
    flagged_fact_ids,
    run_all,
)
