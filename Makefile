# The entry points. On a fresh clone each installs what it needs first:
#   make demo   serve the demo site at http://127.0.0.1:8000
#   make test   everything CI runs (.ci/run calls it)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

BIN := .venv/bin
POSTGRES_URL := postgres://postgres@127.0.0.1:5432/test

.PHONY: demo test install browser postgres bench-tools lint check test-sqlite test-postgres

# The demo is served over plain HTTP on this machine; a real deployment keeps
# NEWSDESK_HTTPS on (the default) behind its TLS proxy.
demo: install
	$(BIN)/newsdesk demo
	NEWSDESK_HTTPS=0 $(BIN)/newsdesk serve

test: lint check test-sqlite test-postgres

install:
	scripts/bootstrap.sh python

browser:
	scripts/bootstrap.sh browser

postgres:
	scripts/bootstrap.sh postgres

bench-tools:
	scripts/bootstrap.sh bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	$(BIN)/newsdesk check
	$(BIN)/newsdesk makemigrations --check --dry-run

# pytest exits non-zero, and so fails the build, when a test fails and also when
# it collected no test at all (exit code 5).
test-sqlite: install browser bench-tools
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: install browser postgres bench-tools
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest
