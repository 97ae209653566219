from __future__ import annotations

import pytest

from tests.helpers import PASSWORD, csrf_token, login
from trainer import create_app
from trainer.auth.models import Role
from trainer.auth.services import create_user
from trainer.database import db


def test_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is nothing here" in response.get_data(as_text=True)


def test_403_page_keeps_the_navigation(client, login_as):
    login_as(Role.TRAINEE)
    response = client.get("/admin/users")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "does not have access" in page and "Sign out" in page


def test_oversized_form_field_gets_the_413_page(client):
    token = csrf_token(client, "/login")
    response = client.post(
        "/login",
        data={"csrf_token": token, "email": "x" * 300_000, "password": "y"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "larger than Frontline accepts" in response.get_data(as_text=True)


def test_oversized_body_gets_the_413_page(client):
    response = client.post(
        "/login", data=b"x" * (2 * 1024 * 1024),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert response.status_code == 413


def test_500_page_and_rollback(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("unexpected")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    assert "nothing half-done was saved" in response.get_data(as_text=True)


@pytest.fixture
def unreachable_app(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINE_INSTANCE", str(tmp_path))
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1:9/none?connect_timeout=2",
    })


def test_unreachable_database_gets_503_with_retry_after(unreachable_app):
    client = unreachable_app.test_client()
    token = csrf_token(client, "/login")
    response = client.post(
        "/login", data={"csrf_token": token, "email": "a@example.com", "password": "whatever"}
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "database cannot be reached" in response.get_data(as_text=True)


def test_signed_in_page_gets_503_when_the_database_goes_away(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINE_INSTANCE", str(tmp_path))
    database = tmp_path / "gone.sqlite3"
    app = create_app({"TESTING": True, "SECRET_KEY": "test",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        db.create_all()
        create_user("t@example.com", "T", Role.TRAINEE, PASSWORD)
    client = app.test_client()
    login(client, "t@example.com")
    assert client.get("/home").status_code == 200
    with app.app_context():
        db.engine.dispose()
    database.unlink()
    database.mkdir()  # now the path cannot be opened as a database at all
    response = client.get("/home")
    assert response.status_code == 503
    assert "database cannot be reached" in response.get_data(as_text=True)
