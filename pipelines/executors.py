"""Where the steps of a document run execute, chosen by the run's config, not by code.

    execution:                       (the default: this machine, a process per step)
      config:
        multiprocess: {max_concurrent: 2, start_method: {forkserver: {...}}}

    execution:                       (over machines: the steps go to Dask workers)
      config:
        dask:
          cluster:
            existing: {address: "tcp://scheduler:8786"}

Dask rather than Celery: a Dask scheduler and its workers are two commands (`dask scheduler`,
`dask worker tcp://...`) and a test starts them in-process (`distributed.LocalCluster`); Celery
needs a broker server (Redis or RabbitMQ) beside Dagster's and the catalog's. A Dask worker
runs a step as Dagster's multiprocess executor does (`execute_plan` on a reconstructed job), so
the steps hand over their outputs through the IO manager's files in the instance's storage
folder: on several machines that folder (DAGSTER_HOME/storage) is a shared mount, and the
instance's run and event storage a PostgreSQL database every worker reaches
(docs/scale-out.md).
"""
from __future__ import annotations

import dagster as dg
from dagster._core.definitions.executor_definition import (
    MULTI_PROC_CONFIG,
    _core_multiprocess_executor_creation,
    multiple_process_executor_requirements,
)
from dagster._core.executor.init import InitExecutorContext
from dagster_dask import dask_executor

# This machine: the extraction steps of runs in parallel use both cores, while their write steps take
# turns for the `duckdb` pool. The processes fork from a server that has imported the project once per
# run, rather than each paying ~3 s of imports (and holding the pool's slot meanwhile: the executor
# claims it before starting the step's process).
ON_THIS_MACHINE = {"multiprocess": {
    "max_concurrent": 2,
    "start_method": {"forkserver": {"preload_modules": ["pipelines.definitions"]}},
}}


@dg.executor(
    name="reading_executor",
    config_schema=dg.Field(
        dg.Selector({"multiprocess": MULTI_PROC_CONFIG, "dask": dask_executor.config_field}),
        default_value=ON_THIS_MACHINE,
        description="multiprocess: this machine (the default); dask: the workers of a Dask scheduler.",
    ),
    requirements=multiple_process_executor_requirements(),
)
def reading_executor(init_context: InitExecutorContext):
    """Dagster's multiprocess executor, or dagster-dask's, as the run config says."""
    ((kind, config),) = init_context.executor_config.items()
    if kind == "multiprocess":
        return _core_multiprocess_executor_creation(config)
    return dask_executor.executor_creation_fn(init_context._replace(executor_def=dask_executor,
                                                                    executor_config=config))
