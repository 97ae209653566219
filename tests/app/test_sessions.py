"""Sign-in sessions end on the server after their lifetime, and ended ones are deleted."""

from __future__ import annotations

from datetime import timedelta

from tests.helpers import PASSWORD, login, post_form
from trainer.auth.models import LoginSession, Role
from trainer.database import db, now_utc


def sessions(app) -> list[LoginSession]:
    with app.app_context():
        return db.session.execute(db.select(LoginSession).order_by(LoginSession.id)).scalars().all()


def age_sessions(app, by: timedelta) -> None:
    with app.app_context():
        for row in db.session.execute(db.select(LoginSession)).scalars():
            row.created_at -= by
            row.expires_at -= by
        db.session.commit()


def test_a_session_lives_as_long_as_its_cookie(app, client, users):
    email = users[Role.TRAINEE].email
    login(client, email)
    post_form(app.test_client(), "/login", {"email": email, "password": PASSWORD, "remember": "y"})
    plain, remembered = sessions(app)
    assert plain.expires_at - plain.created_at == app.config["PERMANENT_SESSION_LIFETIME"]
    assert remembered.expires_at - remembered.created_at == app.config["REMEMBER_COOKIE_DURATION"]


def test_an_expired_session_signs_the_browser_out(app, client, users):
    login(client, users[Role.TRAINEE].email)
    assert client.get("/home").status_code == 200
    age_sessions(app, timedelta(hours=12, seconds=1))
    assert client.get("/home").status_code == 302


def test_a_remember_me_session_from_a_year_ago_no_longer_works(app, users):
    client = app.test_client()
    post_form(client, "/login", {"email": users[Role.TRAINEE].email, "password": PASSWORD,
                                 "remember": "y"})
    age_sessions(app, timedelta(days=365))
    with client.session_transaction() as session:
        session.clear()  # the browser was closed: only the remember-me cookie is left
    assert client.get("/home").status_code == 302


def test_signing_in_deletes_the_user_s_ended_sessions(app, users):
    email = users[Role.TRAINEE].email
    login(app.test_client(), email)
    login(app.test_client(), users[Role.MENTOR].email)
    age_sessions(app, timedelta(days=30))
    login(app.test_client(), email)
    users_of_rows = [row.user_id for row in sessions(app)]
    assert users_of_rows == [users[Role.MENTOR].id, users[Role.TRAINEE].id]


def test_purge_deletes_every_ended_session_and_keeps_the_others(app, runner, users):
    login(app.test_client(), users[Role.TRAINEE].email)
    login(app.test_client(), users[Role.MENTOR].email)
    age_sessions(app, timedelta(hours=13))
    login(app.test_client(), users[Role.ADMIN].email)
    result = runner.invoke(args=["users", "purge-sessions"])
    assert result.exit_code == 0 and "Deleted 2 expired sign-in sessions." in result.output
    remaining = sessions(app)
    assert [row.user_id for row in remaining] == [users[Role.ADMIN].id]
    assert remaining[0].expires_at > now_utc()


def test_wrong_current_passwords_are_rate_limited_per_account(client, login_as):
    login_as(Role.TRAINEE)
    attempt = {"current": "not my password", "new": "a brand new password",
               "confirm": "a brand new password"}
    for _ in range(5):
        assert post_form(client, "/account/password", attempt).status_code == 200
    response = post_form(client, "/account/password", {**attempt, "current": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
