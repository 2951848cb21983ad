"""Asset checks: each one asks the warehouse a question in SQL and reports what it found.

They never block a run: a failed check is something to look at in the UI,
the rows stay in the warehouse. The checks of the per-document tables look at
the whole tables, so they run together in one step (`table_checks`) in the
run that validates the warehouse, after the documents changed (by automation,
beside `validation_findings`; in `make run`'s last run), not in each
per-document run. The UI shows a check against its asset's latest
materialization, of any partition: a check run inside one partition's run
would show "Not evaluated" as soon as a parallel run wrote another partition,
although it had run over the table after that write. Run after every
partition's write, its result holds until the next one. The validation
rules' checks run with `validation_findings`. Both read the working
warehouse, so both are in the `duckdb` pool.
"""

import re

import dagster as dg

from pipelines.assets import FOLLOW_UPSTREAM, POOL, SHOWN_FINDINGS, first_of, markdown_table, readable_fact
from pipelines.resources import WarehouseResource
from warehouse.load import read_rows

SHOWN_ROWS = 20

def _number_word_pattern() -> re.Pattern:
    """A figure's span holds a digit or a number word of the lexicon ("douze", "twaalf", "une centaine")."""
    from extractors.lexicon import load_file

    lexicon = load_file("figures.yaml")
    words = {w for words in lexicon["number_words"].values() for w in words} | set(lexicon["round_nouns"])
    return re.compile(r"\d|\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")", re.IGNORECASE)


NUMBER_WORD = _number_word_pattern()


def _result(rows: list[dict], columns: list[str], what: str, severity=dg.AssetCheckSeverity.ERROR,
            **metadata) -> dict:
    """Passed when `rows` (the offending rows) is empty; else the first of them as a table."""
    shown = markdown_table(rows[:SHOWN_ROWS], columns, max_chars=120) if rows else f"No {what}."
    return dict(
        passed=not rows, severity=severity,
        metadata={"count": len(rows), what.replace(" ", "_"): dg.MetadataValue.md(shown), **metadata},
    )


def facts_have_provenance(con) -> dict:
    spans = read_rows(con, """
        SELECT fact_id, NULL AS mention_id, document_id, char_start, char_end, snippet FROM facts
        UNION ALL
        SELECT fact_id, mention_id, document_id, char_start, char_end, snippet FROM fact_mentions
        ORDER BY document_id, char_start""")
    by_document: dict[str, list[dict]] = {}
    for span in spans:
        by_document.setdefault(span["document_id"], []).append(span)
    bad = []
    # Each document's text is read once and sliced in Python, where slicing is constant time: SQL's
    # substring() walks a UTF-8 text from its start for every mention, quadratic in the text's size.
    for document_id, document_spans in by_document.items():
        row = con.execute("SELECT text FROM document_texts WHERE document_id = ?", [document_id]).fetchone()
        text = row[0] if row else None
        for span in document_spans:
            start, end = span["char_start"], span["char_end"]
            valid = text is not None and start is not None and end is not None and 0 <= start < end <= len(text)
            span["figure"] = text[start:end] if valid else None
            if not valid or not NUMBER_WORD.search(span["figure"]):
                bad.append(span)
    return _result(bad, ["fact_id", "mention_id", "char_start", "char_end", "figure", "snippet"],
                   "spans without a figure", checked=len(spans))


def rates_within_range(con) -> dict:
    bad = read_rows(con, """
        SELECT fact_id, indicator, area, period_start, period_end, value, unit, snippet FROM facts
        WHERE unit = 'percent' AND (value < 0 OR value > 100) ORDER BY fact_id""")
    return _result(list(map(readable_fact, bad)), ["fact_id", "indicator", "area", "period", "value", "snippet"],
                   "rates out of range")


def one_unit_per_indicator(con) -> dict:
    """An indicator is stated in one unit of amount; a share of it in percent is the same indicator
    (a region's share of an allocation is `funding` in percent), but an amount stated in two units,
    or a rate of the vocabulary stated as an amount, is a reading to fix."""
    bad = read_rows(con, """
        SELECT f.indicator, list(DISTINCT f.unit ORDER BY f.unit) AS units, count(*) AS facts
        FROM facts f LEFT JOIN (SELECT code, any_value(unit) AS unit FROM indicators GROUP BY code) i
             ON i.code = f.indicator
        GROUP BY f.indicator
        HAVING count(DISTINCT f.unit) FILTER (WHERE f.unit <> 'percent') > 1
            OR bool_or(f.unit <> 'percent' AND i.unit = 'percent')
        ORDER BY f.indicator""")
    return _result(bad, ["indicator", "units", "facts"], "indicators with several units")


def no_duplicate_facts(con) -> dict:
    bad = read_rows(con, """
        SELECT document_id, indicator, area, segment, period_start, period_end,
               round(value, 6) AS value, any_value(unit) AS unit, count(*) AS rows, count(DISTINCT fact_id) AS ids
        FROM facts GROUP BY ALL HAVING count(*) > 1
        UNION ALL
        SELECT any_value(document_id), any_value(indicator), any_value(area), any_value(segment),
               any_value(period_start), any_value(period_end), any_value(value), any_value(unit), count(*), 1
        FROM facts GROUP BY fact_id HAVING count(*) > 1""")
    return _result(list(map(readable_fact, bad)),
                   ["document_id", "indicator", "area", "segment", "period", "value", "rows"],
                   "duplicate facts")


def every_document_read(con) -> dict:
    errors = read_rows(con, "SELECT source_path, stage, reason FROM document_errors ORDER BY source_path")
    return _result(errors, ["source_path", "stage", "reason"], "unreadable files",
                   severity=dg.AssetCheckSeverity.WARN)


def every_date_readable(con) -> dict:
    warnings = read_rows(con, """
        SELECT d.source_path, w.page, w.message FROM document_warnings w
        JOIN documents d USING (document_id) WHERE w.kind = 'unreadable_date'
        ORDER BY d.source_path, w.char_start""")
    return _result(warnings, ["source_path", "page", "message"], "unreadable dates",
                   severity=dg.AssetCheckSeverity.WARN)


# (asset, check function, description): the checks of the per-document tables, over the whole table.
TABLE_CHECKS = [
    ("facts", facts_have_provenance, "Every fact's and mention's offsets point at its figure in the "
     "document's extracted text (a non-empty span holding a digit or a number word)."),
    ("facts", rates_within_range, "Every percentage lies within 0–100."),
    ("facts", one_unit_per_indicator, "Each indicator is stated in a single unit of amount (a share of "
     "it in percent allowed); a rate is stated in percent only."),
    ("facts", no_duplicate_facts, "No two fact rows state the same figure "
     "(same document, indicator, area, segment, period and value) or share an id."),
    ("document_errors", every_document_read, "Every file of the documents folder was read. "
     "Fails (as a warning) listing each file that was not, with the reason."),
    ("documents", every_date_readable, "Every date written in the documents is a calendar date. "
     "Fails (as a warning) listing each impossible one ('31 février 2024'), left undated."),
]


@dg.multi_asset_check(
    # Follows the tables as validation does: once per change, when no partition run is in progress;
    # a removal changes the tables too.
    specs=[dg.AssetCheckSpec(check.__name__, asset=asset, description=description,
                             additional_deps=["removed_documents"], automation_condition=FOLLOW_UPSTREAM)
           for asset, check, description in TABLE_CHECKS],
    pool=POOL,
    description="The checks of facts and document_errors, over the whole tables, in one step.",
)
def table_checks(duckdb: WarehouseResource):
    with duckdb.get_connection() as con:
        results = [(asset, check.__name__, check(con)) for asset, check, _ in TABLE_CHECKS]
    for asset, name, result in results:
        yield dg.AssetCheckResult(asset_key=asset, check_name=name, **result)


def validation_rule_names() -> list[str]:
    """The names of the validation rules, one asset check each, and the impossible values' check."""
    from validation import CHECK_NAMES
    from validation.impossible import CHECK_NAME

    return [*CHECK_NAMES, CHECK_NAME]


def validation_check_description(name: str) -> str:
    from validation import CHECK_DESCRIPTIONS, PIPELINE_CHECKS
    from validation import impossible

    if name == impossible.CHECK_NAME:
        return f"Readings: {impossible.DESCRIPTION} Passes when there is none."
    if name in PIPELINE_CHECKS:
        return f"For whoever runs the pipeline: {CHECK_DESCRIPTIONS[name]} Passes when there is none."
    return f"Source errors: {CHECK_DESCRIPTIONS[name]} Passes when none is an error."


@dg.multi_asset_check(
    # With the findings they check: the automation sensor's runs select checks by their own
    # conditions, not as part of their asset, so without one they would never run there.
    specs=[dg.AssetCheckSpec(name, asset="validation_findings", description=validation_check_description(name),
                             automation_condition=FOLLOW_UPSTREAM)
           for name in validation_rule_names()],
    pool=POOL,
)
def validation_rule_checks(duckdb: WarehouseResource):
    """One result per rule: its findings count, failing (as a warning) when the source has errors."""
    with duckdb.get_connection() as con:
        findings = read_rows(con, """
            SELECT check_name, severity, message FROM validation_findings
            ORDER BY check_name, severity, finding_id""")
    from validation import PIPELINE_CHECKS
    from validation.impossible import CHECK_NAME as NEGATIVE_LEVELS

    for name in validation_rule_names():
        own = [f for f in findings if f["check_name"] == name]
        errors = sum(f["severity"] == "error" for f in own)
        yield dg.AssetCheckResult(
            asset_key="validation_findings", check_name=name,
            # a doubt about the extractor's reading is only a warning, but it is what its reader must act on
            passed=not own if name in PIPELINE_CHECKS | {NEGATIVE_LEVELS} else errors == 0, severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "findings": len(own), "errors": errors, "warnings": len(own) - errors,
                "table": dg.MetadataValue.md(first_of(own, ["severity", "message"], SHOWN_FINDINGS, max_chars=300)
                                             if own else "No findings."),
            },
        )


CHECKS = [
    table_checks,
    *([validation_rule_checks] if validation_rule_names() else []),
]
CHECK_KEYS = [key for checks in CHECKS for key in checks.check_keys]
"""Every check: the checks a run that validates the warehouse evaluates."""
