# make run   bring the warehouse up to date with raw_documents/, build its explorer, print a summary
#            (only new and changed files are read; `make run FULL=1` reads them all). Exit status 1
#            when files could not be read or a blocking check failed; `make run STRICT=0` exits 0 then.
# make test  run the tests (all of them, as CI does)
# make check run the fast tests only (not the `slow` integration ones): a couple of minutes
# make eval  score the extractors: warehouses from ../shared/seeds and ../shared/dev/docs, scorer lines
# make ui    open the Dagster UI on http://127.0.0.1:3000 (UI_PORT=3001 for another port), with the
#            daemon (sensor, schedule)
# make explore  serve the fact explorer (warehouse/warehouse.explorer/) on http://127.0.0.1:8000
#            (EXPLORE_PORT=8001 for another port; it is rebuilt first if the warehouse changed)
# make export   write facts, findings, partnerships and figures as CSV and Parquet, with the data
#            dictionary beside them (EXPORT_DIR, default: <warehouse>.export/ next to the warehouse)
#
# Everything a warehouse owns is named after it: WAREHOUSE_PATH=/data/a.duckdb has /data/a.published.duckdb,
# /data/a.explorer/, /data/a.export/ and its own Dagster instance /data/a.dagster/ (the default warehouse's
# is .dagster_home/). DAGSTER_HOME from the environment is used as it is.
#
# Each target creates .venv with python3.11 if it is missing, and reinstalls
# the project only when pyproject.toml has changed since the last install.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-pyproject

EXPLORE_PORT ?= 8000
UI_PORT ?= 3000

.PHONY: run test check eval ui explore export install

run: install
	STRICT=$(STRICT) $(BIN)/python -m pipelines.run $(if $(FULL),--full)

test: install
	$(BIN)/python -m pytest -q

check: install
	$(BIN)/python -m pytest -q -m "not slow"

eval: install
	$(BIN)/python -m warehouse.evaluate

ui: install
	$(BIN)/python -m pipelines.ui --port $(UI_PORT)

explore: install
	$(BIN)/python -m explorer serve --port $(EXPLORE_PORT)

export: install
	$(BIN)/python -m warehouse.export $(if $(EXPORT_DIR),--out $(EXPORT_DIR))

install: $(INSTALLED)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The stamp is a copy of the pyproject.toml that was installed: any change to it reinstalls.
# constraints.txt pins every package pulled in (pip freeze of a fresh install), so a new
# machine gets the versions the tests ran with.
$(INSTALLED): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -e '.[test]' -c constraints.txt
	cp pyproject.toml $@
