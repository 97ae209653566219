"""Setting a new password through a one-time link: an admin's, or one e-mailed on request."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.helpers import PASSWORD, csrf_token, login, post_form, text_of
from trainer.auth.models import LoginSession, PasswordLink, Role
from trainer.database import db
from trainer.link_tokens import token_hash

NEW = "a brand new password"
LINK = re.compile(r'value="(http://localhost/password/set/([A-Za-z0-9_-]{22}))"')


def admin_gives_link(client, user_id: int) -> tuple[str, str]:
    """The admin asks for a link on the user's page; returns its URL path and token."""
    response = post_form(client, f"/admin/users/{user_id}/password-link", {},
                         token_from=f"/admin/users/{user_id}")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    url, token = LINK.search(response.get_data(as_text=True)).groups()
    return url.removeprefix("http://localhost"), token


def set_password(client, path: str, new: str = NEW, confirm: str | None = None):
    return post_form(client, path, {"new": new, "confirm": confirm or new})


def links(app) -> list[PasswordLink]:
    with app.app_context():
        return db.session.execute(db.select(PasswordLink)).scalars().all()


def session_count(app, user_id: int) -> int:
    with app.app_context():
        return len(db.session.execute(
            db.select(LoginSession).where(LoginSession.user_id == user_id)).all())


def test_an_admin_link_sets_the_password_once_and_ends_every_session(app, client, users,
                                                                      login_as):
    trainee = users[Role.TRAINEE]
    trainee_browser = app.test_client()
    login(trainee_browser, trainee.email)
    login_as(Role.ADMIN)
    path, token = admin_gives_link(client, trainee.id)
    [stored] = links(app)
    assert stored.token_hash == token_hash(token) and token not in stored.token_hash

    visitor = app.test_client()
    page = visitor.get(path)
    assert page.status_code == 200 and trainee.email in text_of(page)
    other_browser = app.test_client()
    opened_before = {"csrf_token": csrf_token(other_browser, path),
                     "new": "yet another password", "confirm": "yet another password"}
    response = set_password(visitor, path)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert session_count(app, trainee.id) == 0
    assert trainee_browser.get("/home").status_code == 302
    assert login(app.test_client(), trainee.email, PASSWORD).status_code == 200
    assert login(app.test_client(), trainee.email, NEW).status_code == 302

    again = visitor.get(path)
    assert again.status_code == 404 and "does not work any more" in text_of(again)
    assert other_browser.post(path, data=opened_before).status_code == 404


def test_a_newer_link_replaces_the_older_one(app, client, users, login_as):
    login_as(Role.ADMIN)
    first, _ = admin_gives_link(client, users[Role.TRAINEE].id)
    second, _ = admin_gives_link(client, users[Role.TRAINEE].id)
    assert app.test_client().get(first).status_code == 404
    assert app.test_client().get(second).status_code == 200


@pytest.mark.parametrize(("new", "confirm", "message"), [
    ("short", "short", "at least 10 characters"),
    (NEW, "another long password", "The two new passwords differ."),
])
def test_a_refused_password_keeps_the_link(app, client, users, login_as, new, confirm, message):
    login_as(Role.ADMIN)
    path, _ = admin_gives_link(client, users[Role.TRAINEE].id)
    visitor = app.test_client()
    response = set_password(visitor, path, new, confirm)
    assert response.status_code == 200 and message in text_of(response)
    assert set_password(visitor, path).status_code == 302


def test_an_expired_link_or_a_deactivated_account_does_not_work(app, client, users, login_as):
    login_as(Role.ADMIN)
    path, _ = admin_gives_link(client, users[Role.TRAINEE].id)
    with app.app_context():
        link = db.session.execute(db.select(PasswordLink)).scalar_one()
        link.expires_at -= app.config["PASSWORD_LINK_ADMIN_LIFETIME"] + timedelta(seconds=1)
        db.session.commit()
    assert app.test_client().get(path).status_code == 404
    path, _ = admin_gives_link(client, users[Role.TRAINEE].id)
    trainee = users[Role.TRAINEE]
    post_form(client, f"/admin/users/{trainee.id}",
              {"email": trainee.email, "name": trainee.name, "role": "trainee",
               "mentor_id": trainee.mentor_id})
    assert app.test_client().get(path).status_code == 404


@pytest.mark.parametrize("token", ["short", "x" * 22, "a" * 200, "x" * 21 + "!"])
def test_made_up_tokens_are_not_found(client, users, token):
    assert client.get(f"/password/set/{token}").status_code == 404


def test_an_admin_changes_an_email_address(app, client, users, login_as):
    login_as(Role.ADMIN)
    trainee = users[Role.TRAINEE]
    response = post_form(client, f"/admin/users/{trainee.id}",
                         {"email": " Tom.New@Example.COM ", "name": trainee.name,
                          "role": "trainee", "mentor_id": trainee.mentor_id, "active": "y"})
    assert response.status_code == 302
    assert login(app.test_client(), "tom.new@example.com").status_code == 302
    assert login(app.test_client(), trainee.email).status_code == 200


@pytest.mark.parametrize(("email", "message"), [
    ("mentor@example.com", "An account with the e-mail mentor@example.com already exists."),
    ("not an address", "is not a valid e-mail address"),
])
def test_a_taken_or_invalid_email_is_refused_and_the_form_kept(app, client, users, login_as,
                                                               email, message):
    login_as(Role.ADMIN)
    trainee = users[Role.TRAINEE]
    response = post_form(client, f"/admin/users/{trainee.id}",
                         {"email": email, "name": "Renamed Too", "role": "trainee",
                          "mentor_id": trainee.mentor_id, "active": "y"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in text_of(response)
    assert 'value="Renamed Too"' in page
    assert login(app.test_client(), trainee.email).status_code == 302


def test_without_mail_the_forgot_page_says_to_ask_an_admin(client, users):
    assert "Forgot your password?" not in text_of(client.get("/login"))
    page = text_of(client.get("/password/forgot"))
    assert "Ask an administrator" in page
    response = post_form(client, "/password/forgot", {"email": "trainee@example.com"},
                         token_from="/login")
    assert "Ask an administrator" in text_of(response)


class TestByEmail:
    """With mail configured (Flask-Mailman's memory outbox)."""

    @pytest.fixture
    def app_config(self, app_config):
        return app_config | {"MAIL_BACKEND": "locmem"}

    @staticmethod
    def ask(client, email: str):
        return post_form(client, "/password/forgot", {"email": email}, follow_redirects=True)

    def test_the_link_is_emailed_and_works_once(self, app, client, users):
        assert "Forgot your password?" in text_of(client.get("/login"))
        answer = self.ask(client, "Trainee@Example.com")
        assert "a link to set a new password is on its way" in text_of(answer)
        [message] = app.extensions["mailman"].outbox
        assert message.to == ["trainee@example.com"]
        path = re.search(r"http://localhost(/password/set/\S+)", message.body).group(1)
        assert "60 minutes" in message.body
        assert set_password(app.test_client(), path).status_code == 302
        assert login(app.test_client(), "trainee@example.com", NEW).status_code == 302
        assert app.test_client().get(path).status_code == 404

    def test_the_answer_is_the_same_for_an_unknown_or_inactive_address(self, app, client,
                                                                     users, make_user):
        known = text_of(self.ask(client, "trainee@example.com"))
        unknown = text_of(self.ask(app.test_client(), "nobody@example.com"))
        with app.app_context():
            from trainer.auth.models import User

            mentor = db.session.get(User, users[Role.MENTOR].id)
            mentor.active = False
            db.session.commit()
        inactive = text_of(self.ask(app.test_client(), "mentor@example.com"))
        assert known == unknown == inactive
        assert [m.to for m in app.extensions["mailman"].outbox] == [["trainee@example.com"]]

    def test_the_message_goes_out_after_the_answer_is_delivered(self, app, client, users):
        response = post_form(client, "/password/forgot", {"email": "trainee@example.com"})
        assert response.status_code == 302
        assert getattr(app.extensions["mailman"], "outbox", []) == []
        response.close()  # what the server does once the answer is sent
        assert len(app.extensions["mailman"].outbox) == 1

    def test_an_emailed_link_lasts_an_hour(self, app, client, users):
        self.ask(client, "trainee@example.com")
        [link] = links(app)
        assert link.expires_at - link.created_at == timedelta(hours=1)

    def test_requests_are_limited_per_account(self, app, users):
        for n in range(3):
            assert self.ask(app.test_client(), "trainee@example.com").status_code == 200, n
        assert self.ask(app.test_client(), "trainee@example.com").status_code == 429
        assert len(app.extensions["mailman"].outbox) == 3
        assert self.ask(app.test_client(), "mentor@example.com").status_code == 200
