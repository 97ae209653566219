from __future__ import annotations

import pytest
from flask import request
from sqlalchemy import text

from tests.helpers import PRODUCTION_KEY
from trainer import create_app
from trainer.config import ConfigurationError, database_url
from trainer.database import db


@pytest.fixture
def clean_env(tmp_path, monkeypatch):
    for name in ("SECRET_KEY", "DATABASE_URL", "FRONTLINE_ENV", "FLASK_ENV",
                 "FRONTLINE_SECURE_COOKIES", "FRONTLINE_SQLITE_SYNCHRONOUS",
                 "FRONTLINE_PROXY_HOPS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FRONTLINE_INSTANCE", str(tmp_path / "instance"))
    return monkeypatch


def test_production_refuses_to_start_without_a_secret_key(clean_env):
    clean_env.setenv("FRONTLINE_ENV", "production")
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        create_app()


def test_production_with_a_secret_key_uses_secure_cookies(clean_env):
    clean_env.setenv("FRONTLINE_ENV", "production")
    clean_env.setenv("SECRET_KEY", PRODUCTION_KEY)
    app = create_app()
    assert app.config["SECRET_KEY"] == PRODUCTION_KEY
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


def test_local_secret_key_is_generated_once(clean_env, tmp_path):
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url_from_environment(clean_env, given, expected):
    clean_env.setenv("DATABASE_URL", given)
    assert database_url("/instance") == expected


def test_default_database_is_sqlite_with_wal_foreign_keys_and_busy_timeout(clean_env, tmp_path):
    app = create_app()
    assert app.config["SQLITE_SYNCHRONOUS"] == "FULL"
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/frontline.sqlite3")
    with app.app_context():
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        db.engine.dispose()


def test_sqlite_flush_level_comes_from_the_environment(clean_env, tmp_path):
    clean_env.setenv("FRONTLINE_SQLITE_SYNCHRONOUS", "normal")
    app = create_app()
    with app.app_context():
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        db.engine.dispose()


def test_unknown_sqlite_flush_level_is_refused_with_the_choices(clean_env):
    clean_env.setenv("FRONTLINE_SQLITE_SYNCHRONOUS", "off")
    with pytest.raises(ConfigurationError, match="NORMAL, FULL, EXTRA"):
        create_app()


def test_behind_one_proxy_the_client_and_scheme_come_from_its_headers(clean_env, tmp_path):
    clean_env.setenv("FRONTLINE_PROXY_HOPS", "1")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"})
    forwarded = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9", "X-Forwarded-Proto": "https"}
    with app.test_client() as client:
        assert client.get("/healthz", headers=forwarded).status_code == 200
        # One hop is trusted: the address the proxy saw, not one the client wrote before it.
        assert (request.remote_addr, request.scheme) == ("203.0.113.9", "https")
    direct = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                         "PROXY_HOPS": 0})
    with direct.test_client() as client:
        client.get("/healthz", headers=forwarded)
        assert (request.remote_addr, request.scheme) == ("127.0.0.1", "http")


@pytest.mark.parametrize("hops", ["-1", "one", "9"])
def test_a_bad_proxy_count_is_refused(clean_env, hops):
    clean_env.setenv("FRONTLINE_PROXY_HOPS", hops)
    with pytest.raises(ConfigurationError, match="FRONTLINE_PROXY_HOPS"):
        create_app()
