"""Browser fixtures: Playwright drives Debian's Chromium against pytest-django's live server.

Tests marked ``browser`` use these. Nothing is skipped when the browser or axe-core
is missing: ``make test`` installs both, and a run without them must fail loudly.
"""

import json
import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    """One headless Chromium for the whole run."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    snapshots = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    # The sync API keeps an event loop marked as running in this thread, so Django
    # takes the tests for async code: allow their plain synchronous database calls.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            # With that loop running, asgiref hands this thread fresh connection
            # objects. Give them the snapshot of the migrated test database that
            # serialized_rollback restores before each browser test.
            for alias, snapshot in snapshots.items():
                connections[alias]._test_serialized_contents = snapshot
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
            # PostgreSQL will not drop the test database while they stay open.
            connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_page(chromium, live_server):
    """Open a site path in a fresh browser profile: ``open_page("/news/", javascript=False)``.

    ``width`` sets the window's width in CSS pixels (390 is a phone);
    ``bypass_csp=False`` enforces the Content-Security-Policy as readers' browsers do.
    """
    contexts = []

    def open_path(path, *, javascript=True, width=1280, bypass_csp=True):
        context = chromium.new_context(
            java_script_enabled=javascript,
            base_url=live_server.url,
            viewport={"width": width, "height": 800},
            # axe-core goes in as an inline script, which the site's policy refuses;
            # tests of the policy itself open pages with it enforced.
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(path)
        if not response.ok:
            pytest.fail(f"GET {path} answered {response.status}")
        return page

    yield open_path
    for context in contexts:
        context.close()


def axe_violations(page):
    """Run axe-core on the page as it is now; returns its list of violations."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: `make test` installs it with npm ci.")
    # A context given ``with_axe`` already has it on every page it opens.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=AXE_SCRIPT)
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )


def with_axe(context):
    """Load axe-core into every page ``context`` opens, as the page starts: quicker than
    adding it afterwards when one test walks through many pages."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: `make test` installs it with npm ci.")
    context.add_init_script(path=AXE_SCRIPT)
    return context


def describe_violations(violations):
    """A readable report of axe violations: rule, impact, help and each failing element."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {json.dumps(node['target'])}: {node['html'][:200]}")
            for summary_line in node.get("failureSummary", "").splitlines():
                lines.append(f"      {summary_line}")
    return "\n".join(lines)
