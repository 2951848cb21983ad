"""The README's example queries, run on the seed documents as `make run` loads them: each output block
must be what the query prints now. `python -m tests.test_readme --write` rewrites the outputs after a
deliberate change (then read the diff: it is what a user will see)."""
from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

from warehouse.paths import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
# A query in a ```sql block, then its output in the plain block right after it.
EXAMPLE = re.compile(r"```sql\n(?P<query>.*?)\n```\n```\n(?P<output>.*?)\n```", re.S)


def examples(readme: str) -> list[re.Match]:
    return list(EXAMPLE.finditer(readme))


def printed(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """What `print(con.sql(query))` shows, as the README says the outputs were made."""
    return str(con.sql(query.rstrip(";"))).rstrip("\n")


def seed_warehouse(base: Path) -> Path:
    """`make run` over raw_documents/ (the seeds) into a warehouse and an instance under `base`;
    returns the published copy."""
    from pipelines import run

    shutil.copyfile(PROJECT_ROOT / "dagster.yaml", base / "dagster.yaml")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DAGSTER_HOME", str(base))
        env.setenv("WAREHOUSE_PATH", str(base / "warehouse.duckdb"))
        env.delenv("RAW_DOCUMENTS_DIR", raising=False)
        env.setenv("STRICT", "0")
        assert run.main([]) == 0
    return base / "warehouse.published.duckdb"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    with duckdb.connect(str(seed_warehouse(tmp_path_factory.mktemp("readme"))), read_only=True) as con:
        yield con


def test_the_readme_has_its_examples():
    assert len(examples(README.read_text(encoding="utf-8"))) >= 5


@pytest.mark.slow  # runs each example of the README through make run
@pytest.mark.parametrize("number", range(5))
def test_each_example_prints_what_the_readme_shows(seeds, number):
    example = examples(README.read_text(encoding="utf-8"))[number]
    assert printed(seeds, example["query"]) == example["output"], (
        f"README example {number + 1} drifted: `python -m tests.test_readme --write` rewrites it")


def write() -> None:
    readme = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as base, duckdb.connect(
            str(seed_warehouse(Path(base))), read_only=True) as con:
        readme = EXAMPLE.sub(lambda m: f"```sql\n{m['query']}\n```\n```\n{printed(con, m['query'])}\n```", readme)
    README.write_text(readme, encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    write()
