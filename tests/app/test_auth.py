from __future__ import annotations

import pytest

from tests.helpers import PASSWORD, csrf_token, login, post_form
from trainer.auth.models import Role, User
from trainer.auth.routes import LOGIN_FAILED
from trainer.database import db


def test_login_and_logout(client, users):
    response = login(client, "Trainee@Example.com ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"
    assert "Trainee" in client.get("/home").get_data(as_text=True)

    response = post_form(client, "/logout", {}, token_from="/home")
    assert response.status_code == 302
    assert client.get("/home").status_code == 302


@pytest.mark.parametrize(
    ("email", "password"),
    [("trainee@example.com", "wrong password!"), ("nobody@example.com", PASSWORD)],
)
def test_wrong_credentials_give_one_message_for_both(client, users, email, password):
    response = login(client, email, password)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert LOGIN_FAILED in page
    assert client.get("/home").status_code == 302


def test_deactivated_user_cannot_sign_in(client, users, app):
    with app.app_context():
        db.session.get(User, users[Role.TRAINEE].id).active = False
        db.session.commit()
    response = login(client, "trainee@example.com")
    assert LOGIN_FAILED in response.get_data(as_text=True)


def test_deactivation_ends_an_open_session(client, users, app):
    login(client, "trainee@example.com")
    assert client.get("/home").status_code == 200
    admin_client = app.test_client()
    login(admin_client, "admin@example.com")
    trainee = users[Role.TRAINEE]
    response = post_form(
        admin_client,
        f"/admin/users/{trainee.id}",
        {"email": trainee.email, "name": trainee.name, "role": "trainee",
         "mentor_id": trainee.mentor_id},
    )
    assert response.status_code == 302
    assert client.get("/home").status_code == 302


def test_rate_limit_answers_429_after_repeated_failures(client, users):
    for _ in range(5):
        assert login(client, "trainee@example.com", "not the password").status_code == 200
    response = login(client, "trainee@example.com", PASSWORD)
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 300
    assert "Too many attempts" in response.get_data(as_text=True)


def test_rate_limit_per_ip_covers_many_accounts(app, client, users):
    app.config["LOGIN_LIMIT_PER_IP"] = "3 per minute"
    for number in range(3):
        login(client, f"nobody{number}@example.com", "not the password")
    assert login(client, "someone@example.com", "not the password").status_code == 429


def test_successful_logins_do_not_count_towards_the_limit(client, users):
    for _ in range(7):
        assert login(client, "trainee@example.com").status_code == 302
        post_form(client, "/logout", {}, token_from="/home")


def test_post_without_csrf_token_is_refused(client, users):
    response = client.post("/login", data={"email": "trainee@example.com", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/home").status_code == 302


def test_logout_without_csrf_token_is_refused(client, login_as):
    login_as(Role.TRAINEE)
    assert client.post("/logout").status_code == 400
    assert client.get("/home").status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "evil.example",
    ],
)
def test_off_site_next_targets_are_refused(client, users, target):
    token = csrf_token(client, "/login")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"csrf_token": token, "email": "trainee@example.com", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"


def test_same_site_next_target_is_followed(client, users):
    response = client.get("/admin/users")
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]
    token = csrf_token(client, "/login")
    response = client.post(
        "/login",
        query_string={"next": "/account/password"},
        data={"csrf_token": token, "email": "trainee@example.com", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/account/password"


def test_session_cookie_is_replaced_on_login(client, users):
    client.get("/login")
    before = client.get_cookie("session")
    login(client, "trainee@example.com")
    after = client.get_cookie("session")
    assert before is not None and after is not None
    assert before.value != after.value


def test_password_change_ends_other_sessions_and_keeps_this_one(app, client, users):
    other_device = app.test_client()
    login(other_device, "trainee@example.com")
    login(client, "trainee@example.com")
    new = "a brand new passphrase"
    response = post_form(
        client,
        "/account/password",
        {"current": PASSWORD, "new": new, "confirm": new},
    )
    assert response.status_code == 302
    assert client.get("/home").status_code == 200
    assert other_device.get("/home").status_code == 302
    assert login(app.test_client(), "trainee@example.com", new).status_code == 302
    assert LOGIN_FAILED in login(app.test_client(), "trainee@example.com").get_data(as_text=True)


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        ("wrong current pass", "a brand new passphrase", "a brand new passphrase", "not correct"),
        (PASSWORD, "short", "short", "at least 10"),
        (PASSWORD, "a brand new passphrase", "another passphrase", "differ"),
    ],
)
def test_password_change_errors(client, login_as, current, new, confirm, message):
    login_as(Role.TRAINEE)
    response = post_form(
        client, "/account/password", {"current": current, "new": new, "confirm": confirm}
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_logout_ends_the_session_on_the_server(app, client, users):
    login(client, "trainee@example.com")
    stolen = client.get_cookie("session").value
    post_form(client, "/logout", {}, token_from="/home")
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/home").status_code == 302


def test_remember_me_cookie_is_hardened_when_secure_cookies_are_on(app, client, users):
    app.config.update(REMEMBER_COOKIE_SECURE=True, SESSION_COOKIE_SECURE=True)
    token = csrf_token(client, "/login")
    response = client.post(
        "/login",
        data={"csrf_token": token, "email": "trainee@example.com", "password": PASSWORD,
              "remember": "y"},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/login"},
    )
    assert response.status_code == 302
    cookies = response.headers.getlist("Set-Cookie")
    remember = next(c for c in cookies if c.startswith("remember_token="))
    assert "Secure" in remember and "HttpOnly" in remember and "SameSite=Lax" in remember


def redis_available() -> bool:
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.mark.skipif(not redis_available(), reason="no Redis on 127.0.0.1:6379")
def test_rate_limit_is_shared_through_redis_between_workers(app_config, tmp_path, users):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    from trainer import create_app

    config = {**app_config, "RATELIMIT_STORAGE_URI": REDIS_URL}
    first_worker, second_worker = create_app(config), create_app(config)
    for _ in range(5):
        login(first_worker.test_client(), "trainee@example.com", "not the password")
    assert login(second_worker.test_client(), "trainee@example.com").status_code == 429
    store = redis.Redis.from_url(REDIS_URL)
    assert any(b"login-account:trainee@example.com" in key for key in store.keys("*"))
    store.flushdb()
    for worker in (first_worker, second_worker):
        with worker.app_context():
            db.engine.dispose()
