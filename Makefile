# Dialogue Recommendations Tracker: set-up, serving and tests.
# `make serve` and `make test` do all the set-up a fresh clone needs.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEV := DEBUG=1

.PHONY: serve test test-postgres lint bench bench-parse setup clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (found " + sys.version.split()[0] + ").")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(STAMP)

## Serve the portal on http://127.0.0.1:8000 with the seed documents loaded (SQLite under var/).
serve: $(STAMP)
	mkdir -p var
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_documents fixtures/documents/
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

## Run the whole test suite (on DATABASE_URL if set, else SQLite).
test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

bench-parse: $(STAMP)
	$(PY) -m bench.bench_parse

clean:
	rm -rf $(VENV) var test-artifacts
