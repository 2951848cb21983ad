"""The Dagster entry point: `dagster dev -m pipelines.definitions` or `make ui`."""

import dagster as dg

from pipelines.assets import ASSETS, PER_DOCUMENT_ASSETS
from pipelines.automation import automation_sensor, make_schedule, make_sensor
from pipelines.checks import CHECKS
from pipelines.executors import reading_executor
from pipelines.explorer_asset import fact_explorer
from pipelines.resources import RESOURCES

load_documents = dg.define_asset_job(
    "load_documents",
    # Without the table checks: they look at whole tables, so they run once after the writes, with
    # validation (pipelines/checks.py says why a check inside a partition's run would mislead).
    selection=dg.AssetSelection.assets(*PER_DOCUMENT_ASSETS).without_checks(),
    description="One partition (one file) of the documents folder: read, extract, replace its rows, "
                "publish. The sensor launches one run per new or changed file; the table checks follow "
                "with validation.",
    # Each step in its own process on this machine, or on Dask workers: the run config chooses
    # (pipelines/executors.py).
    executor_def=reading_executor,
)

refresh_warehouse = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Any part of the warehouse in one process: the schedule's refresh, removals, and "
                "validation and views after the documents changed.",
    # One process: a subprocess per step costs ~2.5 s of imports, and these steps take turns anyway.
    executor_def=dg.in_process_executor,
)

raw_documents_sensor = make_sensor(load_documents, refresh_warehouse)
daily_refresh = make_schedule(refresh_warehouse)

defs = dg.Definitions(
    assets=[*ASSETS, fact_explorer],
    asset_checks=CHECKS,
    jobs=[load_documents, refresh_warehouse],
    schedules=[daily_refresh],
    sensors=[raw_documents_sensor, automation_sensor],
    resources=RESOURCES,
    # For runs the automation sensor launches (validation and views): one process, as above.
    executor=dg.in_process_executor,
)
