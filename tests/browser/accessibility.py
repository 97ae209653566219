"""axe-core run in the page under test (the copy shipped with axe-playwright-python, no CDN)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_AXE = Axe()


def assert_accessible(page: Page) -> None:
    """Fail with axe's report when the page as it stands has any accessibility violation."""
    results = _AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
