# The few commands people type. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-requirements
TEST_STAMP := $(VENV)/.test-requirements
# npm writes this file on every install into node_modules/.
NODE_STAMP := node_modules/.package-lock.json
# make audit's Lighthouse has its own lock file, apart from the site's npm packages
# (axe-core and the Nu Html Checker come from those).
AUDIT_TOOLS_STAMP := tools/audit/node_modules/.package-lock.json

# Material 9.8 prints an end-of-life banner on every command; it is not a log warning.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build new-post test system-packages clean bench-filters screenshots bench bench-5000 audit lock

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# make serve PORT=8001 when 8000 is taken.
PORT ?= 8000
serve: $(SITE_STAMP) $(NODE_STAMP) ## Set up (first run) and serve the site on http://127.0.0.1:8000 (PORT=… for another)
	@$(BIN)/python -m scripts.check_port 127.0.0.1 $(PORT)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(SITE_STAMP) $(NODE_STAMP) ## Strict build into site/; a failed or interrupted build keeps the last good site
	$(BIN)/python -m scripts.build_site --site-dir site

# Command-line variables reach the recipe's environment, so a title with quotes stays whole.
new-post: $(SITE_STAMP) ## Scaffold a post: make new-post TITLE="…" CATEGORY=TIL [SLUG=…] [TAGS=a,b]
	$(BIN)/python -m scripts.new_post --title "$$TITLE" --category "$$CATEGORY" --slug "$$SLUG" --tags "$$TAGS"

test: $(TEST_STAMP) $(NODE_STAMP) system-packages ## Set up (first run) and run every test
	$(BIN)/python -m pytest --numprocesses auto --dist loadgroup

system-packages: ## Install Chromium, CJK fonts and Java (the tests' HTML checker) from Debian when missing
	@scripts/ensure-system-packages browser java

bench-filters: $(TEST_STAMP) ## Benchmark the filters against pyprobables and update README.md
	$(BIN)/python scripts/bench_filters.py --write

bench: $(TEST_STAMP) $(NODE_STAMP) system-packages ## Benchmark builds (vs plain Material, Zensical), reload, page loads and make test; update README.md (~20 min)
	$(BIN)/python -m scripts.bench_site --write

bench-5000: $(TEST_STAMP) $(NODE_STAMP) system-packages ## Benchmark a 5,000-post site once (cold build vs Zensical, memory, reload); update README.md
	$(BIN)/python -m scripts.bench_site --posts 5000 --rounds 1 --parts builds,reload --contenders ours,zensical --reloads 3 --write

audit: $(TEST_STAMP) $(NODE_STAMP) $(AUDIT_TOOLS_STAMP) system-packages ## Audit every built page: Lighthouse (mobile), axe in both schemes, Nu Html Checker, page weight; update README.md (~27 min)
	@scripts/ensure-system-packages java
	$(BIN)/python -m scripts.audit_site --write

screenshots: build system-packages ## Save README screenshots of the built site into docs/assets/screenshots/
	$(BIN)/python -m scripts.screenshots

# Every transitive dependency, with its version and hashes, for Python 3.12 and newer on any platform.
LOCK_OPTIONS := --universal --python-version 3.12 --generate-hashes --quiet
lock: $(BIN)/python ## Pin every transitive dependency again from requirements*.txt (requirements*.lock)
	$(BIN)/uv pip compile requirements.txt $(LOCK_OPTIONS) -o requirements.lock
	$(BIN)/uv pip compile requirements-test.txt $(LOCK_OPTIONS) -o requirements-test.lock

clean: ## Remove the built site and caches (keeps .venv and node_modules)
	rm -rf site site.partial site.partial.* .cache .pytest_cache .hypothesis

# mkdocs-jupyter 0.27 needs Python >= 3.12. A candidate counts only if it runs:
# pyenv shims exist for versions that are installed but not selected.
$(BIN)/python:
	@for cand in python3.13 python3.12 python3 \
	    $$(ls -d "$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)"/versions/3.*/bin/python3 2>/dev/null | sort -rV); do \
	  if "$$cand" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    echo "Creating $(VENV) with $$cand ($$("$$cand" --version))"; \
	    "$$cand" -m venv $(VENV) || exit 1; \
	    $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION) \
	      || echo "uv did not install; pip will install the requirements instead."; \
	    exit 0; \
	  fi; \
	done; \
	echo "error: no Python >= 3.12 found (tried python3.13, python3.12, python3 and pyenv's versions)." >&2; \
	echo "Install Python 3.12 or newer, then run make again." >&2; \
	exit 1

# The set-up installs the lock files, whose every package is pinned with its hashes
# (make lock writes them from requirements*.txt). uv installs them in about a quarter
# of pip's time (13 s vs 47 s on 2 cores). uv does not read pip.conf, so pip takes
# over where uv cannot reach an index.
# Bytecode is compiled at install, as pip does: with PYTHONDONTWRITEBYTECODE set (as on
# these machines) every build would otherwise compile MkDocs, Material and nbconvert
# again, 2.4 s per process.
UV_VERSION := 0.13.9
install_requirements = UV_LINK_MODE=copy $(BIN)/uv pip install --quiet --compile-bytecode --require-hashes --python $(BIN)/python -r $(1) \
	|| $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(1)

# The site's own plugins (kb/), editable: an edit takes effect on the next `mkdocs` run.
install_project = UV_LINK_MODE=copy $(BIN)/uv pip install --quiet --no-deps --python $(BIN)/python -e . \
	|| $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .

# Graphviz's `dot` comes from Debian, not PyPI: the graphviz package only runs it.
$(SITE_STAMP): requirements.lock pyproject.toml | $(BIN)/python
	@scripts/ensure-system-packages graphviz
	$(call install_requirements,requirements.lock)
	$(install_project)
	touch $@

$(TEST_STAMP): requirements.lock requirements-test.lock pyproject.toml | $(BIN)/python
	@scripts/ensure-system-packages graphviz
	$(call install_requirements,requirements-test.lock)
	$(install_project)
	touch $@ $(SITE_STAMP)

# Pinned by package-lock.json; `npm ci` installs exactly that, into node_modules/.
# No install scripts: none of the packages needs one, and vnu-jar's would download a
# Java runtime from GitHub (Java comes from Debian: make system-packages).
$(NODE_STAMP): package.json package-lock.json
	@scripts/ensure-system-packages node
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(AUDIT_TOOLS_STAMP): tools/audit/package.json tools/audit/package-lock.json
	@scripts/ensure-system-packages node
	cd tools/audit && npm ci --no-audit --no-fund --loglevel=error
	touch $@
