"""The views SQL users query (warehouse/views.sql)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.dictionary import apply_comments
from warehouse.schema import create_tables

VIEWS_SQL = Path(__file__).with_name("views.sql")


def view_names() -> list[str]:
    """The views views.sql defines, in file order."""
    return [
        line.split()[4]
        for line in VIEWS_SQL.read_text(encoding="utf-8").splitlines()
        if line.startswith("CREATE OR REPLACE VIEW")
    ]


def create_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create every view, after the tables they read; returns their names."""
    from warehouse.load import transaction

    create_tables(con)
    with transaction(con):  # one commit: a DuckLake warehouse makes a snapshot per commit
        con.execute(VIEWS_SQL.read_text(encoding="utf-8"))
        apply_comments(con)  # CREATE OR REPLACE VIEW drops a view's comments
    return view_names()
