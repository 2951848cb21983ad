"""`python -m warehouse.export [--out DIR]` (`make export`): the warehouse's data as files, for
whoever works without SQL: facts, findings, partnerships and figures, each as CSV and as Parquet,
with the data dictionary beside them.

It reads the published copy (never the working file: a run in progress is neither waited for nor
stopped), and writes into `<warehouse name>.export/` next to the warehouse by default. Each file is
written under a temporary name and renamed, so a reader never opens half a file. The dictionary
comes twice: `dictionary.md` for people, `dictionary.csv` (table, column, type, meaning) for programs.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from warehouse import paths
from warehouse.connection import connect
from warehouse.dictionary import TABLE_DESCRIPTIONS, column_descriptions

EXPORTED = {"facts": "facts", "findings": "validation_findings", "partnerships": "partnerships",
            "figures": "figures"}
FORMATS = {"csv": "(FORMAT csv, HEADER true)", "parquet": "(FORMAT parquet)"}


def export(database: Path, out: Path) -> dict[str, int]:
    """Write every exported table in each format, and the dictionary; return rows per file name."""
    out.mkdir(parents=True, exist_ok=True)
    rows, dictionary = {}, []
    with connect(database, read_only=True) as con:
        for name, table in EXPORTED.items():
            types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?",
                                     [table]).fetchall())
            for extension, options in FORMATS.items():
                target = out / f"{name}.{extension}"
                partial = target.with_name(f".{target.name}.partial")
                con.execute(f"COPY (SELECT * FROM {table}) TO '{partial}' {options}")
                os.replace(partial, target)
            [(rows[name],)] = con.execute(f"SELECT count(*) FROM {table}").fetchall()
            dictionary += [(name, column, types.get(column, ""), text)
                           for column, text in column_descriptions(table).items()]
        con.execute("CREATE TEMP TABLE dictionary (file VARCHAR, \"column\" VARCHAR, type VARCHAR, meaning VARCHAR)")
        con.executemany("INSERT INTO dictionary VALUES (?, ?, ?, ?)", dictionary)
        con.execute(f"COPY dictionary TO '{out / 'dictionary.csv'}' (FORMAT csv, HEADER true)")
    (out / "dictionary.md").write_text(dictionary_markdown(dictionary), encoding="utf-8")
    return rows


def dictionary_markdown(entries: list[tuple[str, str, str, str]]) -> str:
    lines = ["# Data dictionary of the exported files", "",
             "Each file comes as `.csv` and `.parquet` with the same rows and columns "
             "(lists, such as `fact_ids`, are written `[a, b]` in CSV).", ""]
    for name, table in EXPORTED.items():
        lines += [f"## {name}.csv, {name}.parquet", "", TABLE_DESCRIPTIONS[table], "",
                  "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| {column} | {type_} | {text.replace('|', '&#124;')} |"
                  for file, column, type_, text in entries if file == name]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="the folder to write (default: <warehouse>.export/ beside it)")
    args = parser.parse_args(argv)
    warehouse = paths.warehouse_path()
    database = paths.published_path(warehouse)
    if not database.exists():
        print(f"No published copy at {database}: run `make run` first.", file=sys.stderr)
        return 1
    out = paths.project_path(args.out) if args.out else paths.export_dir(warehouse)
    rows = export(database, out)
    for name, n in rows.items():
        print(f"{name:>12}: {n} rows -> {out / name}.csv, .parquet")
    print(f"{'dictionary':>12}: {out / 'dictionary.md'}, {out / 'dictionary.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
