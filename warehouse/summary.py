"""Print what the warehouse holds: `python -m warehouse.summary` (run by `make run`)."""
from __future__ import annotations

import sys

import duckdb

from warehouse.lake import lake_settings
from warehouse.paths import published_path, warehouse_path

COUNTS = {
    "documents": "SELECT count(*) FROM documents",
    "facts": "SELECT count(*) FROM facts",
    "fact mentions": "SELECT count(*) FROM fact_mentions",
    "numbers read": "SELECT count(*) FROM figures",
    "became facts": "SELECT count(*) FROM figures WHERE fact_id IS NOT NULL",
    "flagged facts": "SELECT count(*) FROM facts WHERE status = 'flagged'",
    "partnerships": "SELECT count(*) FROM partnerships",
    "findings": "SELECT count(*) FROM validation_findings",
    "document errors": "SELECT count(*) FROM document_errors",
}


def summary_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    """One line per count, then one line per file that failed with its reason."""
    lines = [f"{label:>16}: {con.execute(sql).fetchall()[0][0]}" for label, sql in COUNTS.items()]
    for source_path, stage, reason in con.execute(
        "SELECT source_path, stage, reason FROM document_errors ORDER BY source_path"
    ).fetchall():
        lines.append(f"{'':>16}  {source_path} ({stage}): {reason}")
    # Why the other numbers did not become facts, most common first: where to look to teach the lexicon.
    for reason, n in con.execute("""SELECT skip_reason, count(*) FROM figures WHERE fact_id IS NULL
                                    GROUP BY ALL ORDER BY 2 DESC, 1 LIMIT 5""").fetchall():
        lines.append(f"{'':>16}  not a fact ({n}): {reason}")
    return lines


def main() -> int:
    path = warehouse_path()
    if lake_settings() is not None:  # the lake's readers read its published snapshot (warehouse/lake.py)
        path = published_path(path)
    if not path.exists():
        print(f"No warehouse at {path}: run `make run` first.", file=sys.stderr)
        return 1
    with duckdb.connect(str(path), read_only=True) as con:
        lines = summary_lines(con)
    print("\n".join(lines))
    print(f"{'warehouse':>16}: {path}")
    published = published_path(path)
    if published.exists():
        print(f"{'published copy':>16}: {published}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
