# negotiator: `make run` opens the app on the sample, `make test` runs every test.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: help run test lint bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(BIN)/.installed  ## create the virtualenv with the app and the test tools

run: $(BIN)/.installed  ## open the app on the embedded database, with the sample loaded
	$(BIN)/negotiator init --sample
	$(BIN)/negotiator

test: $(BIN)/.installed  ## run the whole test suite (SQLite and a throwaway PostgreSQL server)
	PATH="$(abspath $(BIN)):$$PATH" scripts/run-tests

lint: $(BIN)/.installed  ## import-layer contracts
	$(BIN)/lint-imports

bench: $(BIN)/.installed  ## print the performance figures
	$(BIN)/python benchmarks/run_all.py

clean:  ## remove the virtualenv
	rm -rf $(VENV)
