# make run   - set everything up and open the app on a fresh copy of the demo council
# make test  - set everything up and run the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench snapshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/parishclerk demo

test: $(STAMP)
	$(BIN)/python -m pytest

# ruff (lint and format) and mypy; joins `make test` once every part is clean
lint: $(STAMP)
	$(BIN)/ruff check parishclerk tests bench
	$(BIN)/ruff format --check parishclerk tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

snapshots: $(STAMP)
	$(BIN)/python -m pytest tests/tui --snapshot-update

# issue 11's table, each measure beside its baseline (needs tmux; soffice for the LibreOffice
# row); `make bench BENCH=--quick` for a shorter run. bench/bench_store.py and
# bench/bench_reports.py go into the store's and the reports' detail.
bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
