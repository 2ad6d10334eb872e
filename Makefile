# Industrie d'avenir — everything a newcomer needs is `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
# Tests run in parallel, one worker per core (pytest-xdist; PYTEST_WORKERS=0: in one process).
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup
# What `make test` runs; CI narrows them per database (.ci/run): TESTS is a pytest -m expression
# for the suite without browser, BROWSER_TESTS=no leaves the browser suite out.
TESTS ?= not browser
BROWSER_TESTS ?= yes

.PHONY: run install migrate demo test test-fast lint check bench bench-peer tools clean help

help:
	@echo "make run   — installe, migre, charge la démo, sert le site sur http://127.0.0.1:$(PORT) avec le processus des imports"
	@echo "make test  — installe les outils de test et lance toute la suite (pytest)"
	@echo "make lint  — ruff ; make bench — mesures de performance (make bench-peer : comparaison avec bakerydemo) ; make clean — repart de zéro"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus est nécessaire")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

# The site and, beside it, the worker that runs the observatory's imports started from the admin
# (django-tasks' database queue). Ctrl+C stops both: the trap stops the worker when the server ends.
run: demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) set_site_address http://127.0.0.1:$(PORT)
	@echo ""
	@echo "  Site :  http://127.0.0.1:$(PORT)/"
	@echo "  Admin : http://127.0.0.1:$(PORT)/admin/  (compte local : admin / changeme)"
	@echo "  Imports de l'observatoire : en arrière-plan (manage.py db_worker --backend imports)"
	@echo ""
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) db_worker --backend imports --no-reload --verbosity 1 & worker=$$!; \
	WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(PYTEST) -m "$(TESTS)" $(PYTEST_ARGS)
ifeq ($(BROWSER_TESTS),yes)
	$(PYTEST) -m browser tests/browser $(PYTEST_ARGS)
endif

lint: install
	$(BIN)/ruff check .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Checking tools from npm (Nu HTML Checker, Lighthouse), pinned in package-lock.json; optional.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --ignore-scripts; \
	else echo "npm absent : validateur HTML et Lighthouse ignorés (apt-get install npm)"; fi

tools: node_modules/.package-lock.json

bench: install tools
	@command -v wrk >/dev/null 2>&1 || echo "wrk absent : débits non mesurés (apt-get install wrk)"
	$(BIN)/python -m bench

# Side by side with wagtail/bakerydemo (prepared by ../shared/peers/prepare-bakerydemo.sh): ratios per page pair.
bench-peer: install
	@command -v wrk >/dev/null 2>&1 || echo "wrk absent : débits non mesurés (apt-get install wrk)"
	BENCH_SQLITE=1 $(BIN)/python -m bench peer

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media private staticfiles test-media .pytest_cache
