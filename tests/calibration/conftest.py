"""Fixtures of the calibration tests: a reviewed attempt, saved through the review service."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.calibration.helpers import FIRM_NOT_RUDE, review
from tests.helpers import finished_attempt
from trainer.auth.models import Role


@pytest.fixture
def reviewed_attempt(app, users, library) -> int:
    """A finished attempt whose first reply the mentor corrected (FIRM_NOT_RUDE)."""
    attempt_id = finished_attempt(app, users[Role.TRAINEE])
    review(app, attempt_id, users[Role.MENTOR], {1: FIRM_NOT_RUDE}, now=datetime(2026, 3, 2, 10))
    return attempt_id
