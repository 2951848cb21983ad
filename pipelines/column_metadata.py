"""The data dictionary (warehouse.dictionary) as Dagster metadata, for the assets to attach:

    dg.MaterializeResult(metadata={**table_metadata("facts"), ...})
    @dg.asset(metadata=table_metadata("facts"), ...)

The UI then lists each column with its type and description on the asset's page.
"""
import dagster as dg

from warehouse.dictionary import TABLE_DESCRIPTIONS, VIEW_DESCRIPTIONS, column_descriptions, reference_warehouse


def column_schema(table: str) -> dg.TableSchema:
    """Every column of a warehouse table or view, with its type and description."""
    with reference_warehouse() as con:
        types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?",
                                 [table]).fetchall())
        described = column_descriptions(table, con)
    if not types:
        raise KeyError(f"{table} is neither a table nor a view of the warehouse")
    return dg.TableSchema(columns=[dg.TableColumn(name, types[name], description=text or None)
                                   for name, text in described.items()])


def table_metadata(table: str) -> dict:
    """`dagster/column_schema` and `dagster/table_name` of a table or view, plus its description."""
    return {
        "dagster/column_schema": column_schema(table),
        "dagster/table_name": table,
        "table_description": TABLE_DESCRIPTIONS.get(table) or VIEW_DESCRIPTIONS[table],
    }
