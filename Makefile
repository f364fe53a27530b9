# make run   - set everything up and open the app on a fresh copy of the demo council
# make test  - set everything up, lint and type-check (Linux, Windows, macOS), run the tests
# make dev   - the app under Textual's dev tools (run `.venv/bin/textual console` in another
#              terminal to see its log and print() output)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.dev-installed

.PHONY: run dev test lint platforms example bench snapshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/parishclerk demo

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(DEV)

dev: $(DEV)
	$(BIN)/textual run --dev -c $(BIN)/parishclerk demo

test: lint platforms
	$(BIN)/python -m pytest

# ruff (lint and format), mypy and the import contracts: part of `make test`
lint: $(STAMP)
	$(BIN)/ruff check parishclerk tests bench
	$(BIN)/ruff format --check parishclerk tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Type-check the package as it runs on Windows and on macOS: a call a system lacks (fcntl,
# os.pread, os.startfile...) is an error there. Part of `make test`, so CI on Linux proves it.
platforms: $(STAMP)
	$(BIN)/mypy --platform win32 parishclerk
	$(BIN)/mypy --platform darwin parishclerk

# data/example-council.json: the demo council on a fixed day, without evidence files, as
# `export council` writes it (run after a change to the interchange format)
example: $(STAMP)
	$(BIN)/python -c "$$EXAMPLE"

define EXAMPLE
from dataclasses import replace
from datetime import date
import orjson
from parishclerk import demo
from parishclerk.domain.interchange import to_document
data = demo.build(date(2026, 11, 23))
data = replace(data, evidence=[], versions=[replace(v, document=None) for v in data.versions])
doc = orjson.dumps(to_document(data), option=orjson.OPT_INDENT_2) + b"\n"
open("data/example-council.json", "wb").write(doc)
endef
export EXAMPLE

snapshots: $(STAMP)
	$(BIN)/python -m pytest tests/tui --snapshot-update

# issue 11's table, each measure beside its baseline (needs tmux; soffice for the LibreOffice
# row); `make bench BENCH=--quick` for a shorter run. bench/bench_store.py and
# bench/bench_reports.py go into the store's and the reports' detail.
bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
