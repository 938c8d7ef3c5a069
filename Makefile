# Souk: `make run` serves the site on http://127.0.0.1:8000, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# The first Python >= 3.12 found: python3 (pyenv honours .python-version), then versioned names.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.14 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_PRODUCTS ?= 100000

.PHONY: help run test lint format messages bench clean

help:
	@echo "make run    set up .venv, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   install test tools and run the whole suite with coverage"
	@echo "make lint   ruff check and format check"
	@echo "make bench  load-test the storefront (needs DATABASE_URL to a PostgreSQL)"

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "Souk needs Python 3.12 or newer and none was found (tried python3, python3.13, python3.12, python3.14, python)."; \
		echo "Install Python >= 3.12, or run: make PYTHON=/path/to/python3.12 ..."; \
		exit 1; fi
	"$(PYTHON)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

run: export DEBUG ?= true
run: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# Everything but the heavy matrices (the bad-input corpus, the demo seeding), which
# CI runs too (.ci/run: `make test MARKERS=`); `make test MARKERS=corpus` runs them alone.
MARKERS ?= not corpus and not slow
test: $(VENV)/.installed-dev
	$(PY) -m pytest $(if $(MARKERS),-m "$(MARKERS)") $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate the .po catalogues from the code and compile them (needs GNU gettext).
messages: $(VENV)/.installed-dev
	DEBUG=true $(PY) manage.py makemessages -l fr -l ar --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv

bench: $(VENV)/.installed-dev
	$(PY) bench/run.py --products $(BENCH_PRODUCTS)

clean:
	rm -rf $(VENV) staticfiles .coverage htmlcov .pytest_cache
