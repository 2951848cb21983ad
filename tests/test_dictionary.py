"""The data dictionary: every table, view and column described, in the database (and its
published copy), in the Dagster column metadata, and in the README."""
from __future__ import annotations

import duckdb

from warehouse import dictionary
from warehouse.load import load_reference_tables, publish
from warehouse.ownership import PUBLISHED_FROM
from warehouse.paths import PROJECT_ROOT
from warehouse.reference_names import LANGUAGES
from warehouse.schema import TABLES, create_tables
from warehouse.views import create_views, view_names

# The contract's tables and columns (../shared/contract.md): what every user relies on.
CONTRACT = {
    "documents": ["document_id", "sha256", "source_path", "language", "title", "published_on"],
    "facts": ["fact_id", "document_id", "indicator", "area", "segment", "period_start", "period_end", "value",
              "unit", "qualifier", "page", "char_start", "char_end", "snippet", "status"],
    "partnerships": ["partnership_id", "document_id", "name", "parties", "signed_on", "signed_precision",
                     "starts_on", "ends_on", "snippet"],
    "validation_findings": ["finding_id", "check_name", "severity", "fact_ids", "message"],
}


def comments(con: duckdb.DuckDBPyConnection) -> tuple[dict, dict]:
    relations = dict(con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main' "
        "UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal"
    ).fetchall())
    columns = {(t, c): comment for t, c, comment in con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal"
    ).fetchall()}
    return relations, columns


def test_every_table_and_column_is_described_exactly():
    """A column added to schema.py needs its description; a description of a column gone fails too."""
    assert set(dictionary.TABLE_DESCRIPTIONS) == set(TABLES)
    assert set(dictionary.VIEW_DESCRIPTIONS) == set(view_names())
    for table, columns in TABLES.items():
        assert set(dictionary.COLUMN_DESCRIPTIONS[table]) == set(columns), table
    for view, columns in dictionary.VIEW_COLUMN_DESCRIPTIONS.items():
        assert set(columns) <= set(dictionary.column_descriptions(view)), view


def test_the_published_copy_carries_a_comment_on_every_table_view_and_column(tmp_path):
    working, published = tmp_path / "warehouse.duckdb", tmp_path / "warehouse.published.duckdb"
    with duckdb.connect(str(working)) as con:
        # An older warehouse: a table without comments and a column missing; create_tables mends both.
        con.execute("CREATE TABLE documents (document_id VARCHAR, sha256 VARCHAR)")
        create_views(con)
    publish(working, published)
    with duckdb.connect(str(published), read_only=True) as con:
        relations, columns = comments(con)
    for table, names in CONTRACT.items():
        assert relations[table], table
        for name in names:
            assert columns[(table, name)], (table, name)
    assert set(relations) == set(TABLES) | set(view_names()) | {PUBLISHED_FROM}
    assert all(relations.values()), [name for name, comment in relations.items() if not comment]
    assert all(columns.values()), [key for key, comment in columns.items() if not comment]
    # The views' columns: those taken from a table say what the table says; computed ones have their own.
    assert columns[("v_unemployment_rates", "area")] == dictionary.COLUMN_DESCRIPTIONS["facts"]["area"]
    assert columns[("v_partnership_timeline", "snippet")] == dictionary.COLUMN_DESCRIPTIONS["partnerships"]["snippet"]
    assert columns[("v_budget_lines", "amount_eur")] == "Amount in euros (facts.value)"


def test_comments_are_written_once(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        create_views(con)
        assert dictionary.apply_comments(con) == 0  # already there: nothing rewritten on each create_tables
        con.execute("COMMENT ON COLUMN facts.value IS 'stale'")
        assert dictionary.apply_comments(con) == 1


def test_area_names_and_indicator_labels_in_four_languages(warehouse):
    loaded = load_reference_tables(warehouse)
    assert loaded["areas"] > 0 and loaded["indicators"] > 0
    per_language = warehouse.execute("""
        SELECT code, list(language ORDER BY language) FILTER (language IS NOT NULL)
        FROM areas GROUP BY code""").fetchall()
    assert per_language and all(sorted(languages) == sorted(LANGUAGES) for _, languages in per_language), [
        code for code, languages in per_language if sorted(languages or []) != sorted(LANGUAGES)]
    # The gazetteer's other wordings stay, so a name in any language still finds its code.
    assert warehouse.execute("SELECT code FROM areas WHERE name = 'Rhénanie du Nord-Westphalie'").fetchall() == [
        ("DE-NW",)]
    assert warehouse.execute("SELECT name FROM areas WHERE code = 'BE-VLG' AND language = 'nl'").fetchall() == [
        ("Vlaanderen",)]
    missing = warehouse.execute("""
        SELECT code FROM indicators
        WHERE label IS NULL OR label_fr IS NULL OR label_nl IS NULL OR label_de IS NULL""").fetchall()
    assert warehouse.execute("SELECT count(*) FROM indicators").fetchall()[0][0] > 0 and missing == []


def test_area_names_come_from_iso_and_the_gazetteer_corrected_only_where_they_fall_short():
    from warehouse.reference_names import AREA_NAME_CORRECTIONS, area_names, iso_names

    assert area_names("NL") == ("Pays-Bas", "Nederland", "Niederlande", "Netherlands")  # ISO 3166-1 catalogues
    assert area_names("DE-SL") == ("Sarre", "Saarland", "Saarland", "Saarland")  # ISO 3166-2 catalogues
    assert area_names("BENELUX") == ("Benelux",) * 4  # not ISO's: the gazetteer's first name
    assert area_names("FR-A")[1:3] == ("Elzas", "Elsass")  # a former region: the nl catalogue, then labels.yaml
    assert area_names("BE-WAL") == ("Wallonie", "Wallonië", "Wallonien", "Wallonia")  # not "Wallonne, Région"
    # labels.yaml repeats no name the two sources give, and corrects only the four languages.
    repeated = [(code, language) for code, names in AREA_NAME_CORRECTIONS.items() for language, name in names.items()
                if name == dict(zip(LANGUAGES, iso_names(code)))[language]]
    assert not repeated, repeated
    assert {language for names in AREA_NAME_CORRECTIONS.values() for language in names} <= set(LANGUAGES)


def test_dagster_column_metadata_comes_from_the_dictionary():
    from pipelines.column_metadata import table_metadata

    schema = table_metadata("facts")["dagster/column_schema"]
    assert [c.name for c in schema.columns] == list(TABLES["facts"])
    assert {c.name: c.description for c in schema.columns} == dictionary.COLUMN_DESCRIPTIONS["facts"]
    view = table_metadata("v_budget_lines")["dagster/column_schema"]
    assert {c.name: c.type for c in view.columns}["year"] == "BIGINT"


def test_the_readme_section_is_the_generated_dictionary():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert dictionary.readme_section(readme) == dictionary.markdown(), (
        "README.md's data dictionary is out of date: run `python -m warehouse.dictionary --readme`")


def test_create_tables_describes_a_new_warehouse(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        create_tables(con)
        [(comment,)] = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'facts' AND column_name = 'char_start'"
        ).fetchall()
    assert "0-based" in comment
