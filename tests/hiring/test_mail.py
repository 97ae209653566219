"""Invitations go out by e-mail when mail is configured (here Flask-Mailman's memory outbox)."""

from __future__ import annotations

import pytest

from tests.helpers import candidate_row, invite_to


@pytest.fixture
def app_config(app_config):
    return app_config | {"MAIL_BACKEND": "locmem"}


def test_invitations_are_emailed_when_mail_is_configured(app, make_assignment):
    invited = invite_to(app, make_assignment(), email="lin@example.com")
    outbox = app.extensions["mailman"].outbox
    assert [message.to for message in outbox] == [["lin@example.com"]]
    assert invited.url in outbox[0].body
    assert candidate_row(app, invited.id).emailed_at is not None
