"""Forms' tokens last as long as the session, longer than the longest hiring test; a refused
token gets a clear message, and the reply forms show the unsent reply again with a fresh token."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from itsdangerous import TimestampSigner

from tests.helpers import CSRF_FIELD, csrf_token, login, start_practice, text_of
from trainer.auth.models import Role
from trainer.errors import PAGE_EXPIRED, PAGE_EXPIRED_REPLY_KEPT

SLUG = "hosting-shop-outage"
LONGEST_TEST = timedelta(minutes=480)


@contextmanager
def loaded_ago(age: timedelta) -> Iterator[None]:
    """Pages (and the cookies set with them) served inside the block are `age` old."""
    real = TimestampSigner.get_timestamp
    TimestampSigner.get_timestamp = lambda self: real(self) - int(age.total_seconds())
    try:
        yield
    finally:
        TimestampSigner.get_timestamp = real


def test_tokens_outlive_the_longest_hiring_test(app):
    limit = timedelta(seconds=app.config["WTF_CSRF_TIME_LIMIT"])
    assert limit == app.config["PERMANENT_SESSION_LIFETIME"]
    assert limit > LONGEST_TEST


@pytest.fixture
def attempt(app, client, login_as, library):
    return start_practice(app, login_as(Role.TRAINEE), SLUG)


def reply_to(client, attempt, token: str, text: str, **kw):
    return client.post(f"/practice/attempts/{attempt.id}/reply", data={
        "csrf_token": token, "step_id": attempt.current_step, "text": text}, **kw)


def test_a_reply_from_a_page_loaded_62_minutes_ago_is_recorded(app, client, users, library):
    with loaded_ago(timedelta(minutes=62)):  # signed in, started and left the tab open
        login(client, users[Role.TRAINEE].email)
        attempt = start_practice(app, users[Role.TRAINEE], SLUG)
        token = csrf_token(client, f"/practice/attempts/{attempt.id}")
    response = reply_to(client, attempt, token, "Sorry for the trouble! Which domain is it?")
    assert response.status_code == 302


@pytest.mark.parametrize("token", ["", "forged.token.value"])
def test_a_refused_token_shows_the_reply_again_with_a_fresh_token(client, attempt, token):
    response = reply_to(client, attempt, token, "My <long> answer")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert PAGE_EXPIRED_REPLY_KEPT in text_of(response)
    assert "My &lt;long&gt; answer</textarea>" in page
    again = reply_to(client, attempt, CSRF_FIELD.search(page).group(1), "My <long> answer")
    assert again.status_code == 302


def test_the_script_gets_the_message_and_the_chat_with_a_fresh_token(client, attempt):
    response = reply_to(client, attempt, "stale", "Kept", headers={"Accept": "application/json"})
    assert response.status_code == 400
    data = response.get_json()
    assert data["error"] == PAGE_EXPIRED_REPLY_KEPT
    assert 'name="csrf_token"' in data["html"]


def test_other_forms_get_a_clear_message(client, login_as):
    login_as(Role.TRAINEE)
    response = client.post("/account/password", data={"current": "x", "csrf_token": "old"})
    assert response.status_code == 400 and PAGE_EXPIRED in text_of(response)
    response = client.post("/account/password", data={"current": "x"},
                           headers={"Accept": "application/json"})
    assert response.status_code == 400 and response.get_json()["message"] == PAGE_EXPIRED
