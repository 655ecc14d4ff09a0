# Developer and CI entry points; `make help` lists them.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
UV_VERSION := 0.13.8
PYTEST_ARGS ?=
DEMO_ARGS ?=
ASSETS := src/parathed/web/static/vendor/dkfds/VERSION

.PHONY: help setup system-deps test test-fast e2e lint fmt demo serve bench docs-check

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

setup: $(VENV)/.synced $(ASSETS) ## Create .venv, install the locked dependencies (uv.lock, package-lock.json)

$(ASSETS): package.json package-lock.json scripts/build_assets.sh
	scripts/build_assets.sh

$(VENV)/.synced: uv.lock pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(BIN)/uv --version 2>/dev/null | grep -qxF 'uv $(UV_VERSION)' \
		|| $(PY) -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --frozen --python $(PY)
	touch $@

system-deps: ## Install missing Debian packages (PostgreSQL, Chromium, LibreOffice, fonts)
	scripts/system_deps.sh

test: ## Everything CI runs: setup, system-deps, lint, SQLite, e2e, PostgreSQL
	scripts/test.sh

test-fast: setup ## Tests without e2e, on SQLite only
	env -u DATABASE_URL $(BIN)/pytest -m "not e2e" -n auto $(PYTEST_ARGS)

e2e: setup system-deps ## Browser journeys in Debian's Chromium
	env -u DATABASE_URL $(BIN)/pytest -m e2e $(PYTEST_ARGS) || { rc=$$?; \
		[ $$rc -eq 5 ] || exit $$rc; echo "e2e: no e2e tests yet"; }

lint: setup ## ruff, ruff format --check, mypy, import contracts, migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy src tests scripts $(wildcard bench/*.py)
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=parathed.web.settings DATABASE_URL=sqlite://:memory: \
		$(PY) -m django makemigrations --check --dry-run

fmt: setup ## Format and autofix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

demo: setup ## Run the demo (extra arguments: DEMO_ARGS=...)
	$(BIN)/parathed demo $(DEMO_ARGS)

serve: setup ## Run the web app locally
	$(BIN)/parathed serve

bench: setup ## Run every bench/*.py and show its output
	@shopt -s nullglob; files=(bench/*.py); \
	[ $${#files[@]} -gt 0 ] || { echo "bench: no benchmarks in bench/ yet"; exit 0; }; \
	for f in "$${files[@]}"; do echo "==> $$f"; $(PY) "$$f"; done

docs-check: ## Check README.md, docs/ARCHITECTURE.md and the make targets README names
	python3 scripts/docs_check.py
