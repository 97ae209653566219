"""Fixtures shared by the web app's tests: app, database, users of each role, signing in.

Tests run on a fresh SQLite file each, or on PostgreSQL when DATABASE_URL is set (the schema
is dropped and created again for every test).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from scoring.format import Library, load_library
from tests.helpers import FIXED, PASSWORD, Account, counting_queries, login
from trainer import create_app
from trainer.auth.models import Role, User
from trainer.auth.services import create_user
from trainer.database import db, now_utc
from trainer.hiring.assignments import AssignmentInput, save_assignment
from trainer.hiring.models import Selection
from trainer.library.catalogue import get_current_version_or_404
from trainer.library.importer import import_library


def database_url(tmp_path) -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def app_config(tmp_path) -> dict[str, object]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
        "RATELIMIT_STORAGE_URI": "memory://",
        # A cheap hash keeps the suite fast; production keeps the default (scrypt).
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }


@pytest.fixture
def app(app_config, tmp_path, monkeypatch) -> Iterator[Flask]:
    """The app with an empty schema; no context stays pushed, so each request gets its own `g`."""
    monkeypatch.setenv("FRONTLINE_INSTANCE", str(tmp_path / "instance"))
    app = create_app(app_config)
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app) -> Callable[..., Account]:
    counter = iter(range(1, 10_000))

    def make(
        role: Role = Role.TRAINEE,
        email: str | None = None,
        *,
        mentor: Account | None = None,
        password: str = PASSWORD,
    ) -> Account:
        email = email or f"{role.value}{next(counter)}@example.com"
        with app.app_context():
            mentor_user = db.session.get(User, mentor.id) if mentor else None
            user = create_user(email, email.split("@")[0].title(), role, password, mentor_user)
            return Account(user.id, user.email, user.name, user.role, user.mentor_id)

    return make


@pytest.fixture
def users(make_user) -> dict[Role, Account]:
    """One user per role; the trainee belongs to the mentor."""
    mentor = make_user(Role.MENTOR, "mentor@example.com")
    return {
        Role.MENTOR: mentor,
        Role.TRAINEE: make_user(Role.TRAINEE, "trainee@example.com", mentor=mentor),
        Role.MANAGER: make_user(Role.MANAGER, "manager@example.com"),
        Role.ADMIN: make_user(Role.ADMIN, "admin@example.com"),
    }


@pytest.fixture(scope="session")
def shipped_library() -> Library:
    """The scenario library as shipped in scenarios/, parsed once per test run."""
    return load_library(Path(__file__).resolve().parent.parent / "scenarios")


@pytest.fixture
def library(app, shipped_library) -> Library:
    """The shipped library, imported into the test database."""
    with app.app_context():
        import_library(shipped_library)
    return shipped_library


@pytest.fixture
def query_budget(app) -> Callable[[int], AbstractContextManager[list[str]]]:
    """`with query_budget(n) as statements:` fails when the block runs more than n SQL
    statements; `statements` lists them, to compare two runs."""

    @contextmanager
    def at_most(limit: int) -> Iterator[list[str]]:
        with counting_queries(app) as statements:
            yield statements
        assert len(statements) <= limit, (
            f"{len(statements)} SQL statements, {limit} allowed:\n" + "\n".join(statements)
        )

    return at_most


@pytest.fixture
def login_as(client, users) -> Callable[[Role], Account]:
    def sign_in(role: Role) -> Account:
        user = users[role]
        response = login(client, user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return sign_in


@pytest.fixture
def make_assignment(app, users, library) -> Callable[..., int]:
    def make(owner=None, *, slugs=FIXED, selection: str = "fixed", mix=None, minutes: int = 30,
             expires_in: timedelta = timedelta(days=7), **settings) -> int:
        with app.app_context():
            manager = db.session.get(User, (owner or users[Role.MANAGER]).id)
            data = AssignmentInput(
                title="Support agent test", instructions="Answer each customer as at work.",
                selection=Selection(selection),
                version_ids=[get_current_version_or_404(slug).id for slug in slugs],
                time_limit_minutes=minutes, expires_at=now_utc() + expires_in,
                draw_mix=mix or {}, **settings,
            )
            return save_assignment(manager, data).id

    return make
