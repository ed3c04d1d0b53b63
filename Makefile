# Dialogue Recommendations Tracker: set-up, serving and tests.
# `make serve` and `make test` do all the set-up a fresh clone needs.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEV := DEBUG=1

.PHONY: serve test lint bench bench-parse bench-reader bench-load snapshots setup clean

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
	$(DEV) $(PY) manage.py reader_quality
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

## Run the whole test suite (on DATABASE_URL if set, else SQLite).
test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

## Benchmarks (PostgreSQL on 127.0.0.1, wrk from Debian): parsing, loading the seeds, the portal at 100,000.
bench: bench-parse bench-load
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) -m bench.bench_portal

bench-parse: $(STAMP)
	$(PY) -m bench.bench_parse

## Rewrite tests/snapshots/ (the seed reports' --format json output) from the reader as it is now; review the diff.
snapshots: $(STAMP)
	UPDATE_SNAPSHOTS=1 $(PY) -m pytest -q tests/test_ingest_parse.py -k snapshot

## How well the reader extracts recommendations and actors, against the gold files of tests/reader_corpus.
bench-reader: $(STAMP)
	$(PY) -m bench.bench_reader

bench-load: $(STAMP)
	$(PY) -m bench.bench_load

clean:
	rm -rf $(VENV) var test-artifacts
