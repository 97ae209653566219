"""Shared fixtures for the scenario format tests: the directory and the good scenario."""

from pathlib import Path

import pytest

from scoring.format import Scenario, load_scenario_file

FORMAT_TESTS = Path(__file__).parent
GOOD_FILE = FORMAT_TESTS / "good" / "hosting-shop-down.yaml"


@pytest.fixture
def good_text() -> str:
    return GOOD_FILE.read_text(encoding="utf-8")


@pytest.fixture
def good_scenario() -> Scenario:
    return load_scenario_file(GOOD_FILE)


@pytest.fixture
def in_format_tests(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tests/format, so error messages name files by short, stable paths."""
    monkeypatch.chdir(FORMAT_TESTS)
    return FORMAT_TESTS
