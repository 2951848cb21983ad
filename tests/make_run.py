"""`python -m pipelines.run` (what `make run` runs) as a real subprocess, for the tests that kill it,
hold the warehouse against it or take privileges from it."""
from __future__ import annotations

import os
import subprocess
import sys

from warehouse.paths import PROJECT_ROOT


class MakeRun:
    """The command running in its own process; its output (Dagster's log included) read line by line."""

    def __init__(self, extra_env: dict[str, str] | None = None, preexec_fn=None):
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipelines.run"], cwd=PROJECT_ROOT, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=preexec_fn)
        self.lines: list[str] = []

    def read_until(self, text: str) -> bool:
        """Read the output up to a line holding `text`; False if the process ended first."""
        for line in self.process.stdout:
            self.lines.append(line)
            if text in line:
                return True
        return False

    def finish(self, timeout: float = 300) -> int:
        """Read the rest of the output and return the exit status."""
        try:
            rest, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            rest, _ = self.process.communicate()
        self.lines.append(rest)
        return self.process.returncode

    @property
    def output(self) -> str:
        return "".join(self.lines)
