"""`python -m pipelines.ui [--port 3000]` (`make ui`): the Dagster UI and daemon on the warehouse's own
instance ($DAGSTER_HOME when set, else the one `make run` uses: warehouse.paths.dagster_home)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipelines.run import dagster_home


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=3000, help="the port on 127.0.0.1 (default 3000)")
    args = parser.parse_args(argv)
    home = dagster_home()  # sets DAGSTER_HOME for the UI and the daemon it starts
    print(f"Dagster instance: {home}", flush=True)
    dagster = Path(sys.executable).with_name("dagster")
    os.execv(dagster, [str(dagster), "dev", "-m", "pipelines.definitions", "-h", "127.0.0.1", "-p", str(args.port)])


if __name__ == "__main__":
    sys.exit(main())
