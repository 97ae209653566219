"""Pages speak to the person reading them: "you" only for the reader's own replies, the
trainee's name for a mentor or manager."""

from __future__ import annotations

import re

from tests.helpers import add_history, finished_attempt, signed_in, text_of
from trainer.auth.models import Role


def test_a_transcript_says_you_to_its_trainee_and_names_them_to_the_mentor(app, users, library):
    trainee = users[Role.TRAINEE]
    attempt_id = finished_attempt(app, trainee)
    path = f"/practice/attempts/{attempt_id}/transcript"
    own = text_of(signed_in(app, trainee).get(path))
    assert re.search(r"\bYou · replied in [\d.]+ s", own)
    for reader, page in [(Role.MENTOR, path), (Role.MENTOR, f"/review/attempts/{attempt_id}")]:
        text = text_of(signed_in(app, users[reader]).get(page))
        assert re.search(rf"\b{trainee.name} · replied in [\d.]+ s", text), page
        assert "You · replied" not in text


def test_a_trainees_progress_names_them_to_everyone_else(app, users, library):
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, [{"slug": "hosting-content-edit", "replies": 3}])
    own = text_of(signed_in(app, trainee).get("/progress"))
    assert "Mean scores of your finished attempts" in own
    for reader in (Role.MENTOR, Role.MANAGER, Role.ADMIN):
        text = text_of(signed_in(app, users[reader]).get(f"/trainees/{trainee.id}/progress"))
        assert f"Mean scores of {trainee.name}'s finished attempts" in text
        assert re.findall(r"\b(?:you|your)\b", text, re.I) == [], reader
