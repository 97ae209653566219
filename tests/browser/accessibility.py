"""axe-core in the browser: a page's accessibility checked by the engine that browsers' own
audits use, loaded from the installed axe-playwright-python package (no network)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_AXE = Axe()


def assert_accessible(page: Page) -> None:
    """Fail with axe-core's report when the page as it is now has any violation. The page must
    allow JavaScript: axe runs in it."""
    results = _AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
