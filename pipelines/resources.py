"""The pipeline's resources, all in one place: the DuckDB warehouse and the documents folder.

Both read their location when a run uses them, not when the code is loaded,
so WAREHOUSE_PATH and RAW_DOCUMENTS_DIR set in a test or a shell take effect
without reloading the definitions. Relative paths are taken from the project
root (see warehouse.paths).
"""

import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import Field

from warehouse import lake, paths
from warehouse.load import connect_when_free, is_lock_error, lock_wait_seconds


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse, used like dagster_duckdb.DuckDBResource: `with duckdb.get_connection() as con`."""

    database: str = Field(
        default="",
        description="Path of the DuckDB file; empty means $WAREHOUSE_PATH, else warehouse/warehouse.duckdb.",
    )

    def database_path(self) -> Path:
        return paths.project_path(self.database) if self.database else paths.warehouse_path()

    def published_path(self) -> Path:
        """The read-only copy for SQL users, next to the warehouse."""
        return paths.published_path(self.database_path())

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if lake.lake_settings() is not None:  # WAREHOUSE_LAKE: the same SQL, on a DuckLake (warehouse/lake.py)
            with lake.connection(lake.lake_settings()) as con:
                yield con
            return
        path = self.database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        # Steps take turns through the `duckdb` pool; this waits out anyone else (a person's
        # read-only session on the working file, `make run` looking at it) instead of failing.
        try:
            con = connect_when_free(path)
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                raise
            raise dg.Failure(
                f"The warehouse {path} is held by another process: waited {lock_wait_seconds():.0f} s "
                f"(WAREHOUSE_LOCK_WAIT_SECONDS) and wrote nothing. ({exc})") from exc
        try:
            yield con
        finally:
            con.close()


class RawDocumentsResource(dg.ConfigurableResource):
    """The folder the documents are read from."""

    directory: str = Field(
        default="",
        description="Folder of source documents; empty means $RAW_DOCUMENTS_DIR, else raw_documents/.",
    )

    def root(self) -> Path:
        return paths.project_path(self.directory) if self.directory else paths.raw_documents_dir()


class HandOverIOManager(dg.ConfigurableIOManager):
    """Hands a step's output to the step that reads it through a file, deleted once read; or, when
    both steps run in one process (`make run`: in_memory), through memory.

    The documents read by `read_documents` are in the warehouse once `write_documents` has run;
    a pickled copy of them kept in the instance for every run would only make it grow (a
    re-execution of the write step alone then needs the read step again).
    """

    in_memory: bool = Field(default=False, description="Both steps run in this process: no file.")

    @staticmethod
    def _path(step_context, output: dg.OutputContext) -> Path:
        return Path(step_context.instance.storage_directory(), *output.get_identifier())

    def handle_output(self, context: dg.OutputContext, obj) -> None:
        path = self._path(context.step_context, context)
        if self.in_memory:
            _HANDED_OVER[path] = obj
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)

    def load_input(self, context: dg.InputContext):
        path = self._path(context.step_context, context.upstream_output)
        if path in _HANDED_OVER:
            return _HANDED_OVER.pop(path)
        with open(path, "rb") as f:
            obj = pickle.load(f)
        path.unlink()
        return obj


_HANDED_OVER: dict[Path, object] = {}


RESOURCES = {
    "duckdb": WarehouseResource(),
    "raw_documents": RawDocumentsResource(),
    "io_manager": HandOverIOManager(),
}
