"""A throwaway PostgreSQL server on this machine: the lake's catalog in tests and benchmarks.

Debian's `postgresql` package gives the server binaries (`.ci/run` installs it); nothing is
started at boot. `LocalPostgres` runs initdb into a folder of its own, starts the server on a
free port of 127.0.0.1 only (no Unix socket, trust authentication: nobody else can reach it),
creates one database and stops and removes everything on exit. PostgreSQL refuses to run as
root, so as root the server runs as the `postgres` user the package created.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

POSTGRES_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"  # the account Debian's package creates


def postgres_bin() -> Path | None:
    """The folder of initdb and pg_ctl ($POSTGRES_BIN, else the newest Debian version), or None."""
    if os.environ.get("POSTGRES_BIN"):
        return Path(os.environ["POSTGRES_BIN"])
    found = sorted(glob.glob(POSTGRES_BIN_GLOB), key=lambda p: int(Path(p).parent.name))
    return Path(found[-1]) if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalPostgres:
    """`with LocalPostgres() as pg: pg.dsn` -- a running server with an empty database `lake`."""

    def __init__(self, database: str = "lake"):
        self.bin = postgres_bin()
        if self.bin is None:
            raise FileNotFoundError(f"no PostgreSQL server binaries ({POSTGRES_BIN_GLOB}): "
                                    "apt-get install postgresql")
        self.database = database
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="lake-postgres-"))
        self.data = self.folder / "data"
        self.as_root = os.geteuid() == 0

    @property
    def dsn(self) -> str:
        """A libpq connection string, as DuckDB's postgres extension and DuckLake take it."""
        return self.dsn_of(self.database)

    def dsn_of(self, database: str) -> str:
        return f"dbname={database} host=127.0.0.1 port={self.port} user={SERVER_USER}"

    def create_database(self, database: str) -> str:
        """A new empty database on this server (a lake of its own); returns its connection string."""
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", SERVER_USER, database)
        return self.dsn_of(database)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True, cwd=self.folder)

    def start(self) -> "LocalPostgres":
        if self.as_root:
            shutil.chown(self.folder, SERVER_USER)
        self._run("initdb", "-D", str(self.data), "-U", SERVER_USER, "--auth=trust", "--encoding=UTF8",
                  "--no-sync")
        # No fsync: a test server's data is thrown away (and the machine's disk is shared).
        self._run("pg_ctl", "-D", str(self.data), "-w", "-l", str(self.folder / "server.log"), "-o",
                  f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                  "-c fsync=off -c max_connections=100", "start")
        self._wait_accepting()
        self.create_database(self.database)
        return self

    def _wait_accepting(self, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                self._run("pg_isready", "-h", "127.0.0.1", "-p", str(self.port))
                return
            except subprocess.CalledProcessError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        try:
            if self.data.exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "LocalPostgres":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()
