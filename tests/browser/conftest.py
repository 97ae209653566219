"""Browser tests: the app served on a free local port, driven by one headless Chromium per run.

Chromium is the system's (/usr/bin/chromium, or the path in FRONTLINE_CHROMIUM). Without it the
browser tests are skipped, except when CI is set: there a missing browser fails the run.
Screenshots of failed tests land in test-artifacts/.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from tests.helpers import PASSWORD

CHROMIUM = os.environ.get("FRONTLINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
# Short waits: the app answers locally in milliseconds, so a failing test should fail fast.
TIMEOUT_MS = 5_000
# pytest-timeout's limit for a whole browser test (pyproject's `timeout` is for the others): the
# first one also starts Chromium, and a scenario played to its end waits on many pages.
BROWSER_TEST_TIMEOUT_S = 120

_CALL_REPORT = pytest.StashKey[pytest.TestReport]()


class LiveServer(NamedTuple):
    """The app under test and the address it is served on (no trailing slash)."""

    url: str
    app: Flask


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """Keep the test's own outcome so the `page` fixture knows whether to take a screenshot."""
    report = yield
    if report.when == "call":
        item.stash[_CALL_REPORT] = report
    return report


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give browser tests their longer time limit (unless a test sets its own)."""
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(BROWSER_TEST_TIMEOUT_S))


@pytest.fixture
def live_server(app) -> Iterator[LiveServer]:
    """The `app` fixture's app (fresh schema) served over HTTP in a background thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # A short poll interval lets shutdown() return at once instead of after up to half a second.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="live-server"
    )
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM}: apt-get install chromium, or set FRONTLINE_CHROMIUM"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the browser tests", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request) -> Iterator[Page]:
    """A page in a fresh browser context (no cookies) whose relative URLs go to `live_server`.

    Anything the Content-Security-Policy blocked fails the test: the page would look or work
    differently for users.
    """
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    try:
        yield page
        assert blocked == [], "blocked by the Content-Security-Policy"
    finally:
        report = request.node.stash.get(_CALL_REPORT, None)
        if report is not None and report.failed and not page.is_closed():
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "-", request.node.nodeid).strip("-")
            page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
        context.close()


def sign_in(page: Page, live_server: LiveServer, email: str, password: str = PASSWORD) -> None:
    """Fill the real sign-in form and submit it; returns once the answer has loaded.

    Whether it worked is for the test to check: a wrong password stays on the sign-in page.
    """
    page.goto(f"{live_server.url}/login")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
