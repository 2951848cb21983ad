"""The DuckDB warehouse, without Dagster.

    paths     where the warehouse and the documents folder are (WAREHOUSE_PATH, RAW_DOCUMENTS_DIR)
    schema    the tables and their columns (create_tables)
    rows      one DocumentResult -> the DataFrames of its rows (result_tables)
    load      transactional writes: replace_document(s), record_error, remove_documents_gone,
              write_findings, load_reference_tables, publish
    views     the SQL views of views.sql (create_views)
    summary   `python -m warehouse.summary`
"""
