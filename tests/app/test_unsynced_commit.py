"""The home page records the visit without waiting for the disk; every other write still does.

On SQLite the flush level is read on the connection at the moment each write is sent; on
PostgreSQL the home page's transaction turns synchronous_commit off for itself only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.app.test_practice import model_answer, send, start
from tests.helpers import counting_queries, watching_statements
from trainer.auth.models import Role, User
from trainer.database import commit_unsynced, db

FULL, NORMAL = 2, 1


def on_sqlite(app) -> bool:
    with app.app_context():
        return db.engine.dialect.name == "sqlite"


@contextmanager
def flush_levels(app) -> Iterator[dict[str, int]]:
    """The SQLite flush level in force when each table's first write is sent: {table: level}."""
    levels: dict[str, int] = {}

    def record(conn, cursor, statement, parameters, context, executemany):
        words = statement.split()
        if words[0] in ("INSERT", "UPDATE"):
            table = words[2] if words[0] == "INSERT" else words[1]
            level = conn.connection.dbapi_connection.execute("PRAGMA synchronous").fetchone()[0]
            levels.setdefault(table, level)

    with watching_statements(app, record):
        yield levels


def pooled_level(app) -> int:
    with app.app_context():
        return db.session.connection().exec_driver_sql("PRAGMA synchronous").scalar_one()


@pytest.fixture
def trainee_client(client, login_as, library):
    login_as(Role.TRAINEE)
    return client


def test_the_home_page_records_the_visit_unsynced_and_replies_stay_flushed(
        app, users, trainee_client, library):
    if not on_sqlite(app):
        pytest.skip("SQLite's flush level")
    attempt_id = start(trainee_client)
    with flush_levels(app) as home:
        assert trainee_client.get("/home").status_code == 200
    # The first view also builds the rank standing: that write is flushed as usual.
    assert home == {"rank_standings": FULL, "users": NORMAL}
    assert pooled_level(app) == FULL  # set again when the connection went back to the pool
    with flush_levels(app) as reply:
        response = send(trainee_client, attempt_id, "opening", model_answer(library, "opening"))
    assert response.status_code == 302
    assert reply["replies"] == FULL and reply["attempts"] == FULL
    with app.app_context():
        assert db.session.get(User, users[Role.TRAINEE].id).home_seen_at is not None


def test_on_postgresql_only_the_home_pages_transaction_commits_asynchronously(
        app, trainee_client, library):
    if on_sqlite(app):
        pytest.skip("PostgreSQL's synchronous_commit")
    attempt_id = start(trainee_client)
    with counting_queries(app) as home:
        trainee_client.get("/home")
    with counting_queries(app) as reply:
        send(trainee_client, attempt_id, "opening", model_answer(library, "opening"))
    assert "SET LOCAL synchronous_commit TO OFF" in home
    assert not any("synchronous_commit" in statement for statement in reply)


def test_inside_a_transaction_the_commit_is_flushed_as_usual(app, users):
    if not on_sqlite(app):
        pytest.skip("SQLite's flush level")
    with app.app_context(), flush_levels(app) as levels:
        user = db.session.get(User, users[Role.TRAINEE].id)
        user.name = "Renamed First"
        db.session.flush()  # the transaction is open: SQLite refuses another level now
        user.name = "Renamed Trainee"
        commit_unsynced()
    assert levels == {"users": FULL}
    assert pooled_level(app) == FULL
    with app.app_context():
        assert db.session.get(User, users[Role.TRAINEE].id).name == "Renamed Trainee"


def test_the_home_page_keeps_its_number_of_statements(app, trainee_client, library):
    """The session user, the standing, sign-offs, certificates, tallies, catalogue, the
    attempt to resume, two news lists, the visit, the mentor's name (and on PostgreSQL the
    transaction's synchronous_commit)."""
    start(trainee_client)
    trainee_client.get("/home")
    with counting_queries(app) as statements:
        assert trainee_client.get("/home").status_code == 200
    assert len(statements) == (11 if on_sqlite(app) else 12), "\n".join(statements)
