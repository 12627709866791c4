# Dossier: `make demo` runs it with demo data, `make test` runs every check CI runs.
# Needs only Python 3.11+, git and make; everything else goes into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DOSSIER_DATA_DIR ?= ./dossier-data
DEMO_PASSWORD := welcome-2026
# Only `make demo` uses the data directory; the test suite makes its own temporary one.
DEMO_ENV := DOSSIER_DATA_DIR='$(DOSSIER_DATA_DIR)'

.DEFAULT_GOAL := help
.PHONY: help demo test lint format messages clean install install-test assets

help:
	@echo "make demo      install, create ./dossier-data, load demo data, serve http://127.0.0.1:8000"
	@echo "make test      lint, types, architecture checks and the test suite (SQLite; then"
	@echo "               PostgreSQL too when DOSSIER_TEST_DATABASE_URL is set)"
	@echo "make lint      ruff, mypy, import-linter and the architecture check only"
	@echo "make format    ruff format and the import-sorting fixes"
	@echo "make messages  compile the translation catalogues"
	@echo "make clean     remove .venv, caches and build output (keeps ./dossier-data)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamps re-install only when pyproject.toml changes.
$(VENV)/.installed: $(BIN)/python pyproject.toml
	@echo "Installing Dossier into $(VENV) ..."
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	@echo "Installing Dossier and the test tools into $(VENV) ..."
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

assets: $(BIN)/python
	$(BIN)/python scripts/fetch_assets.py

demo: install assets
	$(DEMO_ENV) $(BIN)/dossier init --admin-username admin --admin-password $(DEMO_PASSWORD) \
		--admin-email admin@example.com --no-input
	$(DEMO_ENV) $(BIN)/dossier demo
	$(DEMO_ENV) $(BIN)/dossier serve --host 127.0.0.1 --port 8000

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python scripts/check_architecture.py

test: install-test assets lint
	env -u DOSSIER_TEST_DATABASE_URL $(BIN)/pytest
ifneq ($(strip $(DOSSIER_TEST_DATABASE_URL)),)
	@echo "--- the suite again on PostgreSQL ($(DOSSIER_TEST_DATABASE_URL))"
	DOSSIER_TEST_DATABASE_URL='$(DOSSIER_TEST_DATABASE_URL)' $(BIN)/pytest
endif

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --select I --fix .

messages: install-test
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .import_linter_cache .hypothesis \
		build dist src/*.egg-info src/dossier/web/static/vendor test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
