"""Every route of app.url_map, for every role and anonymous, against the declared table."""

from __future__ import annotations

import pytest

from tests.app.access_table import ANON, EVERYONE, EXPECTED
from tests.authoring.examples import authoring_arguments
from tests.calibration.helpers import example_session
from tests.helpers import csrf_token, login, start_practice
from tests.hiring.examples import hiring_arguments
from trainer.auth.models import Role
from trainer.database import db
from trainer.practice.models import Attempt
from trainer.practice.services import submit_reply
from trainer.progress.services import award_rank, current_ladder


def answer_first_step(app, attempt_id: int) -> int:
    """The id of a reply to the attempt's first step; the attempt stays unfinished."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        reply = submit_reply(attempt, attempt.current_step, "Thank you for reaching out.").reply
        assert not attempt.finished
        return reply.id


def example_arguments(users, attempts, award, reply_id) -> dict[str, object]:
    """Values for URL parameters: objects that exist, so a refusal is about access, not absence."""
    return {
        "user_id": users[Role.TRAINEE].id,
        "slug": "hosting-shop-outage",
        "attempt_id": attempts[0],
        "reply_id": reply_id,
        "award_id": award.id,
        "code": award.verification_code,
    }


def award_first_rank(app, account):
    """The trainee's certificate for the ladder's second rank, detached."""
    with app.app_context():
        ladder = current_ladder()
        award = award_rank(account.id, 1, ladder.ranks[1], {"requirements": []})
        db.session.refresh(award)
        db.session.expunge(award)
        return award


def outcome(response) -> str:
    if response.status_code == 200:
        return "ok"
    if response.status_code in (301, 302, 303):
        location = response.headers["Location"]
        return "login" if location.startswith("/login?next=") else "redirect"
    named = {403: "forbidden", 404: "missing", 422: "rejected"}
    return named.get(response.status_code, str(response.status_code))


def test_every_route_is_declared(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - {"static"}
    assert endpoints == set(EXPECTED)


@pytest.mark.parametrize("who", EVERYONE)
def test_role_route_matrix(app, users, library, who):
    attempts = [start_practice(app, users[Role.TRAINEE], "hosting-shop-outage").id]
    award = award_first_rank(app, users[Role.TRAINEE])
    reply_id = answer_first_step(app, attempts[0])
    client = app.test_client()
    if who != ANON:
        login(client, users[who].email)
    arguments = example_arguments(users, attempts, award, reply_id)
    arguments["session_id"] = example_session(app, users)
    arguments |= hiring_arguments(app, users)
    arguments |= authoring_arguments(app, users)
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.build({name: arguments[name] for name in rule.arguments})[1]
        if "GET" in rule.methods:
            response = client.get(path)
        else:
            token = csrf_token(client, "/login" if who == ANON else "/home")
            response = client.post(path, data={"csrf_token": token})
        assert outcome(response) == EXPECTED[rule.endpoint][who], (rule.endpoint, who)
        if who != ANON and rule.endpoint == "auth.logout":
            login(client, users[who].email)


def test_json_clients_get_401_instead_of_a_redirect(client):
    response = client.get("/home", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.get_json()["error"] == "Sign-in needed"
