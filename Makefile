# Jaarplanner Mediawijsheid. `make run` serves the app, `make test` runs every test.
# Both work on a fresh machine with only Python 3.11: they create .venv and install what they need.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
FLASK  := $(BIN)/flask --app planner

.PHONY: wheel-check run test install install-test translations compile-translations lint bench clean \
        browser-deps load

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[server]"
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Compiled message catalogues (.mo) are build products, made from the committed .po files.
compile-translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d locales -D messages

# For developers: extract new strings and merge them into the .po files.
translations: $(VENV)/.installed
	# PYTHONPATH: babel.cfg names the extractor of the data files, planner.i18n_data.
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
	  --project "Jaarplanner Mediawijsheid" -o locales/messages.pot .
	$(BIN)/pybabel update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching \
	  --ignore-obsolete

run: install compile-translations
	$(FLASK) db upgrade
	$(FLASK) catalogue sync
	$(FLASK) run --host $(HOST) --port $(PORT)

# The browser tests drive Debian's chromium; the export tests convert files with LibreOffice;
# CairoSVG rasterises slide pictures with libcairo.
# Install them when they are missing and we may.
SYSTEM_PACKAGES := chromium fonts-dejavu-core libreoffice-impress libreoffice-calc poppler-utils libcairo2
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1 \
	    || ! command -v pdftoppm >/dev/null 2>&1 \
	    || ! ldconfig -p 2>/dev/null | grep -q 'libcairo\.so\.2'; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing $(SYSTEM_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; \
	  else \
	    echo "Missing system packages: install $(SYSTEM_PACKAGES) (Debian) for the browser and export tests"; \
	  fi; \
	fi

# Style, the one-way doors between packages (see "Layout" in the README) and static types.
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: install-test compile-translations browser-deps
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(FLASK) catalogue check --strict
	$(BIN)/pytest -n auto --dist worksteal

# The package is whole: a wheel installed in a clean virtual environment serves the catalogue.
wheel-check: install
	scripts/wheel_smoke.sh

bench: install-test compile-translations
	$(BIN)/python bench/catalogue_bench.py
	$(BIN)/python bench/plan_bench.py
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/hostile_upload_bench.py

$(VENV)/.installed-bench: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	touch $@

# 20 simulated staff members for 45 s under gunicorn (locust); LOAD_ARGS="--duration 30" etc.
LOAD_ARGS ?=
load: $(VENV)/.installed-bench compile-translations
	$(BIN)/python bench/load_bench.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache locales/*/LC_MESSAGES/*.mo
