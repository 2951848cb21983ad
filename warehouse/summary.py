"""Print what the warehouse holds: `python -m warehouse.summary` (`make run` prints it at its end)."""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from warehouse.connection import UnreadableWarehouse, connect
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


def print_summary(warehouse: Path) -> int | None:
    """Print what the warehouse holds, read from its published copy when there is one (a process
    holding the working file does not stop it); return how many files could not be read."""
    published = published_path(warehouse)
    source = published if published.exists() else warehouse
    if not source.exists():
        print(f"No warehouse at {warehouse}: run `make run` first.", file=sys.stderr)
        return None
    try:
        con = connect(source, read_only=True, wait_seconds=0)
    except duckdb.IOException as exc:  # the working file, held by a writer
        print(f"{source} is held by another process: no summary now ({exc}).", file=sys.stderr)
        return None
    except UnreadableWarehouse as exc:
        print(exc, file=sys.stderr)
        return None
    with con:
        lines = summary_lines(con)
        [(unread,)] = con.execute("SELECT count(*) FROM document_errors").fetchall()
    print("\n".join(lines))
    print(f"{'warehouse':>16}: {warehouse}")
    if published.exists():
        print(f"{'published copy':>16}: {published}")
    return unread


def main() -> int:
    return 0 if print_summary(warehouse_path()) is not None else 1


if __name__ == "__main__":
    sys.exit(main())
