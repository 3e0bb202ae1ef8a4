# Two commands on a fresh machine: `make demo` (the main job, offline, on SQLite) and
# `make test` (lint, types, the whole suite, then its database tests again on PostgreSQL). Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup demo test lint audit bench-extraction clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/spacewatch demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The tests that crawl into or read a database they make, run again on PostgreSQL (the storage,
# API and end-to-end tests already run on both databases in the first pass).
POSTGRES_PASS = tests/cli tests/service tests/reliability tests/web tests/test_backfill.py \
	tests/test_discovery_crawls.py tests/test_polite_crawls.py tests/test_recheck.py

test: lint
	$(BIN)/pytest
	SPACEWATCH_TEST_DATABASE=postgresql $(BIN)/pytest $(POSTGRES_PASS)

# Known vulnerabilities in the installed dependencies, from PyPI's data (.ci/audit.py says why
# not pip-audit); CI runs it after the tests.
audit: setup
	$(BIN)/python .ci/audit.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info spacewatch-demo.db*
