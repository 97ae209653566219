"""Fixtures of the hiring tests: assignments made through the services (invitations and the
candidate's browser are in tests/helpers.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from tests.helpers import FIXED
from trainer.auth.models import Role, User
from trainer.database import db, now_utc
from trainer.hiring.assignments import AssignmentInput, save_assignment
from trainer.hiring.models import Selection
from trainer.library.catalogue import get_current_version_or_404


@pytest.fixture
def make_assignment(app, users, library) -> Callable[..., int]:
    def make(owner=None, *, slugs=FIXED, selection: str = "fixed", mix=None, minutes: int = 30,
             expires_in: timedelta = timedelta(days=7), **settings) -> int:
        with app.app_context():
            manager = db.session.get(User, (owner or users[Role.MANAGER]).id)
            data = AssignmentInput(
                title="Support agent test", instructions="Answer each customer as at work.",
                selection=Selection(selection),
                version_ids=[get_current_version_or_404(slug).id for slug in slugs],
                time_limit_minutes=minutes, expires_at=now_utc() + expires_in,
                draw_mix=mix or {}, **settings,
            )
            return save_assignment(manager, data).id

    return make


