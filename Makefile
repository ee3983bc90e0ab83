# The entry points. On a fresh clone each installs what it needs first:
#   make demo        serve the demo site at http://127.0.0.1:8000
#   make test        everything CI runs (.ci/run calls it), its time printed at the end
#   make test-fast   the inner loop: SQLite only, no browser, crash, flood, fuzz or real servers
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

BIN := .venv/bin
POSTGRES_URL := postgres://postgres@127.0.0.1:5432/test
# The demo has no mail server: the review's notifications are printed in its log.
CONSOLE_MAIL := django.core.mail.backends.console.EmailBackend

.PHONY: demo test test-fast install browser postgres bench-tools lint check test-sqlite \
	test-postgres

# The demo is served over plain HTTP on this machine; a real deployment keeps
# NEWSDESK_HTTPS on (the default) behind its TLS proxy.
demo: install
	NEWSDESK_EMAIL_BACKEND=$(CONSOLE_MAIL) $(BIN)/newsdesk demo
	NEWSDESK_EMAIL_BACKEND=$(CONSOLE_MAIL) NEWSDESK_HTTPS=0 $(BIN)/newsdesk serve

# The two runs share nothing (own databases, Redis numbers, ports and folders) and
# each is mostly one process: side by side they use both cores. What they install
# comes first, once, so that two apt-get runs never meet.
test:
	@started=$$(date +%s); status=0; \
	{ $(MAKE) --no-print-directory lint check browser postgres bench-tools \
	  && $(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres; \
	} || status=$$?; \
	elapsed=$$(( $$(date +%s) - started )); \
	echo "make test: $$( [ $$status = 0 ] && echo passed || echo FAILED ) in $$(( elapsed / 60 )) min $$(( elapsed % 60 )) s"; \
	exit $$status

test-fast: install browser
	env -u DATABASE_URL $(BIN)/pytest -m "not browser and not heavy"

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
# it collected no test at all (exit code 5). Every test runs on SQLite; those
# whose outcome may depend on the engine (marked ``engine``, see
# newsdesk/conftest.py) run on PostgreSQL too.
test-sqlite: install browser bench-tools
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: install browser postgres bench-tools
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -m engine
