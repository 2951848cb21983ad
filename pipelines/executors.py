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
from dagster_dask.executor import DaskExecutor, get_dask_resource_requirements, query_on_dask_worker

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
    ((cluster_type, cluster_configuration),) = config["cluster"].items()
    return SealedArgumentsDaskExecutor(cluster_type, cluster_configuration)


class SealedStep:
    """A step's arguments for a Dask worker, in a box Dask does not look into.

    Dask (2025+) walks every tuple among a task's arguments looking for futures; a Dagster run is
    a NamedTuple holding `@record`s, which refuse iteration, so dagster-dask's submit fails on any
    run of a job whose steps are in a pool (ours: `duckdb`)."""

    def __init__(self, *arguments):
        self.arguments = arguments

    def run(self, dependencies):
        return query_on_dask_worker(dependencies, *self.arguments)


def _run_sealed_step(dependencies, sealed: SealedStep):
    return sealed.run(dependencies)


class SealedArgumentsDaskExecutor(DaskExecutor):
    """dagster-dask's executor with two changes: each step's arguments go sealed (SealedStep), and
    a task is named after its run too, so that runs of the same job at once do not share a Dask
    task (dagster-dask names it `job.step`: the second run's steps would be taken as done).
    Other cluster types than `existing` and `local` are dagster-dask's own."""

    def execute(self, plan_context, execution_plan):
        if self.cluster_type not in ("existing", "local"):
            yield from super().execute(plan_context, execution_plan)
            return
        from dagster._core.errors import raise_execution_interrupts
        from dagster._utils import iterate_with_context
        from dask.distributed import Client, LocalCluster, as_completed

        cluster = (self.cluster_configuration["address"] if self.cluster_type == "existing"
                   else LocalCluster(**self.build_dict(plan_context.job_name)))
        run = plan_context.dagster_run
        with Client(cluster) as client:
            futures = {}
            for level in execution_plan.get_steps_to_execute_by_level():
                for step in level:
                    dependencies = [futures[key] for step_input in step.step_inputs
                                    for key in step_input.dependency_keys]
                    sealed = SealedStep(plan_context.reconstructable_job, run, plan_context.run_config,
                                        [step.key], plan_context.instance.get_ref(), execution_plan.known_state)
                    futures[step.key] = client.submit(
                        _run_sealed_step, dependencies, sealed, key=f"{run.job_name}.{step.key}.{run.run_id}",
                        resources=get_dask_resource_requirements(step.tags))
            done = as_completed(list(futures.values()), with_results=True)
            for _future, events in iterate_with_context(raise_execution_interrupts, done):
                yield from events
