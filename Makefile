# Build, serve and test the autograd playground. `make help` lists the targets.
# Every target is safe to re-run: stamps and content digests make a no-change run fast.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
VPY := $(VENV)/bin/python
STAMPS := .cache/stamps

VENV_STAMP := $(VENV)/.installed
NODE_STAMP := web/node_modules/.installed
ENGINE_DIGEST := $(STAMPS)/engine.sha256
WEB_DIGEST := $(STAMPS)/web.sha256
WHEEL_INDEX := web/public/wheels/index.json
DIST := web/dist/index.html

.PHONY: help venv node_modules vendor wheel build run chromium test test-unit test-cpu-paths test-e2e \
	test-web bench lint clean distclean FORCE

help:
	@echo "make run        build the page and serve it at http://127.0.0.1:$(PORT)/"
	@echo "make test       build, then run the engine tests (tests/), browser tests (e2e/) and lint"
	@echo "make build      venv + node_modules + vendor + wheel, then the page into web/dist/"
	@echo "make test-cpu-paths  the engine tests as on AVX-512, AVX2 and plain x86-64 CPUs"
	@echo "make test-web   the page's unit tests (vitest), tsc and prettier --check"
	@echo "make bench      benchmarks: engine vs torch, cold start, Backward latency, link length, training"
	@echo "make lint       ruff (check and format) and the type checker (mypy over py_engine/)"
	@echo "make venv | node_modules | vendor | wheel | chromium | clean | distclean"

# --- set-up -------------------------------------------------------------------------

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements-dev.txt pyproject.toml
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV) || { \
	  echo "venv: '$(PYTHON) -m venv' failed (on Debian: apt-get install python3-venv)" >&2; \
	  exit 1; }
	$(VPY) -m pip install -q -r requirements-dev.txt
	$(VPY) -m pip install -q --no-deps --no-build-isolation -e .
	@touch $@

# Keyed on the lock file: npm ci installs exactly it (and fails if package.json disagrees).
node_modules: $(NODE_STAMP)

$(NODE_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

# Always runs: the script itself is the up-to-date check (it re-verifies the numpy sha256).
vendor: $(NODE_STAMP) | $(VENV_STAMP)
	@$(VPY) scripts/vendor_pyodide.py --quiet

wheel: $(WHEEL_INDEX)

$(ENGINE_DIGEST): FORCE
	@$(PYTHON) scripts/digest.py $@ py_engine pyproject.toml

# vendor first: the wheel's bytecode is compiled by the vendored Pyodide. (A Pyodide with
# another Python minor version ignores it, by its cache tag: slower, never wrong.)
$(WHEEL_INDEX): $(ENGINE_DIGEST) scripts/build_wheel.py scripts/compile_wheel.mjs | $(VENV_STAMP) vendor
	$(VPY) scripts/build_wheel.py

# --- the page -----------------------------------------------------------------------

$(WEB_DIGEST): FORCE vendor $(WHEEL_INDEX)
	@$(PYTHON) scripts/digest.py $@ web lessons notebooks --exclude node_modules --exclude dist \
	  --exclude '*.tsbuildinfo'

# Skips (without failing) while web/package.json has no "build" script, so set-up can be
# tried before the page exists; the e2e tests then fail on the missing web/dist/.
$(DIST): $(WEB_DIGEST) $(NODE_STAMP)
	@if node -e "process.exit(require('./web/package.json').scripts?.build ? 0 : 1)"; then \
	  cd web && npm run build && cd .. && \
	  for f in web/dist/index.html web/dist/pyodide/pyodide.asm.wasm $(subst web/public,web/dist,$(WHEEL_INDEX)); do \
	    test -f $$f || { echo "build: $$f missing after npm run build (is vite's publicDir web/public?)" >&2; exit 1; }; \
	  done; \
	else \
	  echo "build: web/package.json has no \"build\" script yet: page build skipped"; \
	fi

build: $(DIST)
	@if [ -f $(DIST) ]; then echo "build: web/dist/ is ready"; fi

run: build
	$(PYTHON) scripts/serve.py web/dist --port $(PORT)

# --- tests and benchmarks -------------------------------------------------------------

chromium: | $(VENV_STAMP)
	@$(VPY) scripts/chromium.py install

# All suites run even if one fails; exit 5 (nothing collected) counts as a failure,
# since a suite that silently ran nothing must not pass. The engine suite runs again as on
# older CPUs (torch's and numpy's AVX2 and plain x86-64 paths): see scripts/cpu_paths.py.
# Lint (ruff and the type checker) runs last and counts like a suite.
test: build chromium
	@rc=0; \
	if [ -d tests ]; then $(VPY) -m pytest tests || rc=$$?; \
	else echo "test: there is no tests/ folder (engine tests missing)" >&2; rc=1; fi; \
	if [ $$rc = 5 ]; then echo "test: no tests collected in tests/" >&2; fi; \
	$(VPY) scripts/cpu_paths.py --profile avx2 --profile baseline || { e=$$?; [ $$rc != 0 ] || rc=$$e; }; \
	$(MAKE) --no-print-directory test-web || { e=$$?; [ $$rc != 0 ] || rc=$$e; }; \
	$(MAKE) --no-print-directory lint || { e=$$?; [ $$rc != 0 ] || rc=$$e; }; \
	$(VPY) -m pytest e2e || { e=$$?; [ $$rc != 0 ] || rc=$$e; }; \
	exit $$rc

test-unit: venv
	$(VPY) -m pytest tests

test-cpu-paths: venv
	$(VPY) scripts/cpu_paths.py

# The page's own checks, each run even if another fails: vitest over the pure modules,
# tsc over everything (tests included), prettier.
test-web: node_modules
	@rc=0; cd web; \
	npm run --silent test:unit || rc=$$?; \
	npm run --silent typecheck || { e=$$?; [ $$rc != 0 ] || rc=$$e; }; \
	npm run --silent format:check || { e=$$?; [ $$rc != 0 ] || rc=$$e; }; \
	exit $$rc

test-e2e: build chromium
	$(VPY) -m pytest e2e

bench: build chromium
	$(VPY) bench/engine_vs_torch.py
	$(VPY) bench/cold_start.py
	$(VPY) bench/page_latency.py
	$(VPY) bench/training_throughput.py

# ruff over the Python, mypy over py_engine/; all three run even if one fails.
lint: venv
	@rc=0; \
	$(VPY) -m ruff check . || rc=$$?; \
	$(VPY) -m ruff format --check . || { e=$$?; [ $$rc != 0 ] || rc=$$e; }; \
	$(VPY) -m mypy || { e=$$?; [ $$rc != 0 ] || rc=$$e; }; \
	exit $$rc

clean:
	rm -rf web/dist web/public/pyodide web/public/wheels build *.egg-info \
	  e2e/artifacts bench/out $(STAMPS)

# Also drops what set-up downloaded (venv, node_modules, the cached numpy carrier).
distclean: clean
	rm -rf $(VENV) web/node_modules .cache

FORCE:
