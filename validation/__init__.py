"""Validation: rules that find a source's own errors in the warehouse's facts (pure Python)."""
from validation.findings import Finding
from validation.run import (
    CHECK_DESCRIPTIONS,
    CHECK_NAMES,
    PIPELINE_CHECKS,
    SOURCE_ERROR_CHECKS,
    flagged_fact_ids,
    run_all,
)

__all__ = ["CHECK_DESCRIPTIONS", "CHECK_NAMES", "PIPELINE_CHECKS", "SOURCE_ERROR_CHECKS", "Finding",
           "flagged_fact_ids", "run_all"]
