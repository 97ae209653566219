"""Abandoning an attempt: only with the confirming button, the trainee's own ongoing attempt,
no grade and nothing counted afterwards, every reply kept."""

from __future__ import annotations

import pytest

from scoring.format.paths import most_replies
from tests.app.test_practice import RUDE, SLUG, current_step_of, send, start
from tests.helpers import (
    csrf_token,
    finished_attempt,
    post_form,
    signed_in,
    start_practice,
    text_of,
)
from trainer.auth.models import Role
from trainer.database import db
from trainer.practice.models import Attempt
from trainer.practice.services import ABANDONED_REPLY

CONFIRM = {"confirm": "Yes, abandon this attempt"}


@pytest.fixture
def trainee_client(client, login_as, library):
    login_as(Role.TRAINEE)
    return client


def abandon(client, attempt_id: int, data=CONFIRM, **kw):
    return post_form(client, f"/practice/attempts/{attempt_id}/abandon", data,
                     token_from=f"/practice/attempts/{attempt_id}", **kw)


def stored(app, attempt_id: int) -> Attempt:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        db.session.expunge(attempt)
        return attempt


def test_the_chat_offers_to_abandon_and_counts_replies_against_the_longest_path(
        app, trainee_client, library):
    attempt_id = start(trainee_client)
    page = trainee_client.get(f"/practice/attempts/{attempt_id}").get_data(as_text=True)
    limit = most_replies(library.scenarios[SLUG])
    assert limit > 2 and f"Reply 1 of up to {limit}" in page
    assert "Yes, abandon this attempt" in page and "What the highlights mean" in page
    send(trainee_client, attempt_id, "opening", RUDE)
    page = trainee_client.get(f"/practice/attempts/{attempt_id}").get_data(as_text=True)
    assert f"Reply 2 of up to {limit}" in page


def test_abandoning_ends_the_attempt_without_a_grade_and_keeps_the_replies(
        app, trainee_client, library):
    attempt_id = start(trainee_client)
    send(trainee_client, attempt_id, "opening", RUDE)
    response = abandon(trainee_client, attempt_id, follow_redirects=True)
    assert "Attempt abandoned: it has no grade and counts for nothing." in text_of(response)
    attempt = stored(app, attempt_id)
    assert attempt.abandoned and not attempt.finished and attempt.current_step is None
    assert attempt.overall is None and attempt.passed is None
    with app.app_context():
        assert len(db.session.get(Attempt, attempt_id).replies) == 1
    # The chat is closed: its page shows the transcript, and a late reply is refused.
    assert trainee_client.get(f"/practice/attempts/{attempt_id}").status_code == 302
    transcript = text_of(trainee_client.get(f"/practice/attempts/{attempt_id}/transcript"))
    assert "Abandoned on" in transcript and "1 reply before it was abandoned" in transcript
    late = post_form(trainee_client, f"/practice/attempts/{attempt_id}/reply",
                     {"step_id": "manager-demand", "text": "Sorry again."}, token_from="/home")
    assert late.status_code == 422 and ABANDONED_REPLY in late.get_data(as_text=True)
    history = text_of(trainee_client.get("/practice/history"))
    assert "abandoned" in history
    # Starting again opens a new attempt instead of resuming the abandoned one.
    assert start(trainee_client) != attempt_id


def test_a_post_without_the_confirming_button_abandons_nothing(app, trainee_client, library):
    attempt_id = start(trainee_client)
    response = abandon(trainee_client, attempt_id, data={}, follow_redirects=True)
    assert "Nothing was abandoned" in text_of(response)
    assert stored(app, attempt_id).ongoing


def test_a_finished_attempt_cannot_be_abandoned(app, users, trainee_client, library):
    finished = finished_attempt(app, users[Role.TRAINEE])
    token = csrf_token(trainee_client, f"/practice/attempts/{finished}/transcript")
    response = trainee_client.post(f"/practice/attempts/{finished}/abandon",
                                   data={"csrf_token": token, **CONFIRM}, follow_redirects=True)
    assert "had already ended" in text_of(response)
    attempt = stored(app, finished)
    assert attempt.finished and not attempt.abandoned


def test_only_the_trainee_abandons_their_own_attempt(app, users, make_user, library):
    attempt = start_practice(app, users[Role.TRAINEE], SLUG)
    other = signed_in(app, make_user(Role.TRAINEE, "other@example.com"))
    token = csrf_token(other, f"/scenarios/{SLUG}")
    response = other.post(f"/practice/attempts/{attempt.id}/abandon",
                          data={"csrf_token": token, **CONFIRM})
    assert response.status_code == 404
    mentor = signed_in(app, users[Role.MENTOR])
    token = csrf_token(mentor, "/home")
    assert mentor.post(f"/practice/attempts/{attempt.id}/abandon",
                       data={"csrf_token": token, **CONFIRM}).status_code == 403
    assert stored(app, attempt.id).ongoing


def test_an_abandoned_attempt_counts_for_nothing(app, users, trainee_client, library):
    attempt_id = start(trainee_client, mode="exam")
    page = trainee_client.get(f"/practice/attempts/{attempt_id}").get_data(as_text=True)
    send(trainee_client, attempt_id, current_step_of(page), RUDE)
    abandon(trainee_client, attempt_id)
    home = text_of(trainee_client.get("/home"))
    assert "Pick up where you left off" not in home
    progress = text_of(trainee_client.get("/progress"))
    assert "0 finished attempts" in progress or "No finished attempts yet" in progress
    mentor = signed_in(app, users[Role.MENTOR])
    assert f"/review/attempts/{attempt_id}" not in mentor.get("/review").get_data(as_text=True)
    assert "abandoned" in text_of(mentor.get(f"/practice/team/{users[Role.TRAINEE].id}/history"))
