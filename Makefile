# The few commands people type. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-requirements
TEST_STAMP := $(VENV)/.test-requirements

# Material 9.8 prints an end-of-life banner on every command; it is not a log warning.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build test system-packages clean bench-filters screenshots

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

serve: $(SITE_STAMP) ## Set up (first run) and serve the site on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(SITE_STAMP) ## Strict build into site/; a failed build keeps the last good site
	rm -rf site.partial
	$(BIN)/mkdocs build --strict --site-dir site.partial
	rm -rf site && mv site.partial site

test: $(TEST_STAMP) system-packages ## Set up (first run) and run every test
	$(BIN)/python -m pytest

system-packages: ## Install Chromium and CJK fonts from Debian when missing
	@scripts/ensure-system-packages

bench-filters: $(TEST_STAMP) ## Benchmark the filters against pyprobables and update README.md
	$(BIN)/python scripts/bench_filters.py --write

screenshots: build system-packages ## Save README screenshots of the built site into docs/assets/screenshots/
	$(BIN)/python -m scripts.screenshots

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site site.partial .cache .pytest_cache .hypothesis

# mkdocs-jupyter 0.27 needs Python >= 3.12. A candidate counts only if it runs:
# pyenv shims exist for versions that are installed but not selected.
$(BIN)/python:
	@for cand in python3.13 python3.12 python3 \
	    $$(ls -d "$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)"/versions/3.*/bin/python3 2>/dev/null | sort -rV); do \
	  if "$$cand" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    echo "Creating $(VENV) with $$cand ($$("$$cand" --version))"; \
	    "$$cand" -m venv $(VENV) && exit 0; \
	  fi; \
	done; \
	echo "error: no Python >= 3.12 found (tried python3.13, python3.12, python3 and pyenv's versions)." >&2; \
	echo "Install Python 3.12 or newer, then run make again." >&2; \
	exit 1

$(SITE_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(TEST_STAMP): requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@ $(SITE_STAMP)
