"""What production refuses: unknown modes, weak keys and the demo accounts; and readiness."""

from __future__ import annotations

import pytest

from tests.helpers import PRODUCTION_KEY, login, signed_in, text_of
from trainer import create_app
from trainer.auth.models import User
from trainer.config import ConfigurationError
from trainer.database import db
from trainer.demo import DEMO_EMAILS, DEMO_PASSWORD, REMOVE_COMMAND


@pytest.fixture
def production_env(tmp_path, monkeypatch):
    for name in ("SECRET_KEY", "FRONTLINE_ENV", "FLASK_ENV"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FRONTLINE_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("FRONTLINE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", PRODUCTION_KEY)
    return monkeypatch


@pytest.mark.parametrize("value", ["prod", "staging", "Production "])
def test_an_unknown_mode_is_refused(production_env, value):
    production_env.setenv("FRONTLINE_ENV", value)
    if value.strip().lower() == "production":
        assert create_app().config["FRONTLINE_ENV"] == "production"
        return
    with pytest.raises(ConfigurationError, match="use one of development, production"):
        create_app()


@pytest.mark.parametrize("key", ["dev", "change-me-please", "x" * 64, "ab" * 40])
def test_a_short_or_simple_secret_key_is_refused(production_env, key):
    production_env.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigurationError, match="too short or too simple"):
        create_app()


def test_demo_accounts_are_disabled_in_production_and_removed_by_a_command(app, runner):
    assert runner.invoke(args=["demo", "accounts"]).exit_code == 0
    demo = "trainee@frontline.example"
    browser = app.test_client()
    assert login(browser, demo, DEMO_PASSWORD).status_code == 302
    app.config["FRONTLINE_ENV"] = "production"
    assert browser.get("/home").status_code == 302  # the open session ends
    response = login(app.test_client(), demo, DEMO_PASSWORD)
    assert response.status_code == 200
    assert "Demo accounts are disabled in production" in text_of(response)
    assert REMOVE_COMMAND in text_of(response)
    removed = runner.invoke(args=["demo", "remove"])
    assert removed.exit_code == 0 and f"Removed {len(DEMO_EMAILS)} demo accounts." in removed.output
    with app.app_context():
        assert db.session.execute(
            db.select(User).where(User.email.in_(DEMO_EMAILS))
        ).scalars().all() == []


def test_other_accounts_sign_in_in_production(app, users):
    app.config["FRONTLINE_ENV"] = "production"
    signed_in(app, next(iter(users.values())))


def test_readiness_follows_the_database_and_liveness_does_not(app, client, tmp_path, monkeypatch):
    assert client.get("/readyz").get_json() == {"status": "ok", "database": "ok"}
    monkeypatch.setenv("FRONTLINE_INSTANCE", str(tmp_path))
    down = create_app({
        "TESTING": True, "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI":
            "postgresql+psycopg://postgres@127.0.0.1:9/none?connect_timeout=2",
    }).test_client()
    response = down.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"
    assert down.get("/healthz").status_code == 200
