# make run   bring the warehouse up to date with raw_documents/ and print a summary
#            (only new and changed files are read; `make run FULL=1` reads them all)
# make test  run the tests (all of them, as CI does)
# make check run the fast tests only (not the `slow` integration ones): a couple of minutes
# make eval  score the extractors: warehouses from ../shared/seeds and ../shared/dev/docs, scorer lines
# make ui    open the Dagster UI on http://127.0.0.1:3000, with the daemon (sensor, schedule)
# make explore  serve the fact explorer (warehouse/explorer/) on http://127.0.0.1:8000
#            (EXPLORE_PORT=8001 for another port; it is rebuilt first if the warehouse changed)
#
# Each target creates .venv with python3.11 if it is missing, and reinstalls
# the project only when pyproject.toml has changed since the last install.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-pyproject
export DAGSTER_HOME := $(CURDIR)/.dagster_home
INSTANCE := $(DAGSTER_HOME)/dagster.yaml

EXPLORE_PORT ?= 8000

.PHONY: run test check eval ui explore install

run: install $(INSTANCE)
	$(BIN)/python -m pipelines.run $(if $(FULL),--full)
	$(BIN)/python -m warehouse.summary
	$(BIN)/python -m explorer build

test: install
	$(BIN)/python -m pytest -q

check: install
	$(BIN)/python -m pytest -q -m "not slow"

eval: install
	$(BIN)/python -m warehouse.evaluate

ui: install $(INSTANCE)
	$(BIN)/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000

explore: install
	$(BIN)/python -m explorer serve --port $(EXPLORE_PORT)

install: $(INSTALLED)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The stamp is a copy of the pyproject.toml that was installed: any change to it reinstalls.
# constraints.txt pins every package pulled in (pip freeze of a fresh install), so a new
# machine gets the versions the tests ran with.
$(INSTALLED): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -e '.[test]' -c constraints.txt
	cp pyproject.toml $@

$(INSTANCE): dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@
