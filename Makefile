# One-command set-up on a fresh machine: `make test`, `make demo`, `make lint`.
# Install steps are stamped so repeated runs only do the work that changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTEST_ARGS ?= -q

.PHONY: all install demo test test-unit test-integration lint bench bench-engine quality prometheus clean

all: test

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	touch $@

install: $(STAMP)

# promtool/prometheus/alertmanager for the deploy tests; apt only when missing and we are root.
prometheus:
	@if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing prometheus and alertmanager (apt-get)"; \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	     prometheus prometheus-alertmanager) \
	  || echo "warning: could not install prometheus; the deploy tests will fail"; \
	else echo "warning: promtool/prometheus not found and not root; the deploy tests will fail"; fi

test: $(STAMP) prometheus
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-unit: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m "not integration"

test-integration: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m integration

demo: $(STAMP)
	$(BIN)/tripwire demo

lint: $(STAMP)
	$(BIN)/ruff check streams schemas tests bench
	$(BIN)/mypy

bench-engine: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python bench/bench_engine.py

quality: $(STAMP)
	$(BIN)/python bench/quality_report.py

bench: $(STAMP)
	$(BIN)/python bench/bench_stream.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
