"""The Dagster entry point: `dagster dev -m pipelines.definitions` or `make ui`."""

import dagster as dg

from pipelines.assets import ASSETS
from pipelines.checks import CHECKS
from pipelines.resources import RESOURCES

refresh_warehouse = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Read every document, validate, and publish the warehouse.",
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_warehouse,
    cron_schedule="0 6 * * *",
    execution_timezone="Europe/Paris",
    description="Refresh the whole warehouse every morning at 06:00, Paris time.",
)

defs = dg.Definitions(
    assets=ASSETS,
    asset_checks=CHECKS,
    jobs=[refresh_warehouse],
    schedules=[daily_refresh],
    resources=RESOURCES,
    # One process: the steps share the DuckDB file, and a subprocess per step costs ~2.5 s of imports.
    executor=dg.in_process_executor,
)
