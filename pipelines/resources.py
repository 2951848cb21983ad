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
from dagster_duckdb import DuckDBResource
from pydantic import Field

from warehouse import paths
from warehouse.connection import connect, is_lock_error, lock_wait_seconds


class WarehouseResource(DuckDBResource):
    """Dagster's DuckDB resource, on the warehouse: `with duckdb.get_connection() as con`.

    Its connection is warehouse.connection.connect's: the lake when WAREHOUSE_LAKE names one, else
    the file, waited for while another process holds it (WAREHOUSE_LOCK_WAIT_SECONDS) rather than
    DuckDBResource's ten quick retries; past the wait the step fails saying so, having written nothing.
    """

    database: str = Field(
        default="",
        description="Path of the DuckDB file; empty means the warehouse: $WAREHOUSE_LAKE's lake when set, "
                    "else $WAREHOUSE_PATH, else warehouse/warehouse.duckdb.",
    )

    @classmethod
    def _is_dagster_maintained(cls) -> bool:
        return False  # (our subclass, not Dagster's own resource)

    def database_path(self) -> Path:
        return paths.project_path(self.database) if self.database else paths.warehouse_path()

    def published_path(self) -> Path:
        """The read-only copy for SQL users, next to the warehouse."""
        return paths.published_path(self.database_path())

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        # Steps take turns through the `duckdb` pool; this waits out anyone else (a person's
        # read-only session on the working file, `make run` looking at it) instead of failing.
        try:
            con = connect(paths.project_path(self.database) if self.database else None,
                          config=self.connection_config)
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                raise
            raise dg.Failure(
                f"The warehouse {self.database_path()} is held by another process: waited "
                f"{lock_wait_seconds():.0f} s (WAREHOUSE_LOCK_WAIT_SECONDS) and wrote nothing. ({exc})") from exc
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
