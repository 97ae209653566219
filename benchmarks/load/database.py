"""A fresh database for each run: migrated, the shipped library imported, trainees created.

The benchmark never touches a database it did not create: SQLite lives in a temporary folder,
and the PostgreSQL database is dropped and recreated, so its name must say it is a scratch one:
"bench" in it, or a "test_" prefix (the test suite's own scratch databases).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import flask_migrate
import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from scoring.format import Library
from trainer import create_app
from trainer.auth.models import Role
from trainer.auth.services import create_user
from trainer.database import db
from trainer.library.importer import import_library
from trainer.practice.models import Attempt, Reply

TRAINEE_PASSWORD = "practice-load-password"


class UnsafeDatabase(ValueError):
    """The PostgreSQL database named for the benchmark might hold someone else's data."""


@dataclass(frozen=True)
class RowCounts:
    attempts: int
    replies: int


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the `with` block only (the app reads its config there)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def recreate_postgresql_database(url: str) -> None:
    """Drop and create the database named in `url`; refuses a name that is not a scratch one."""
    target = make_url(url)
    name = target.database or ""
    if "bench" not in name and not name.startswith("test_"):
        raise UnsafeDatabase(f"refusing to drop database {name!r}: its name must contain 'bench' "
                             "or start with 'test_'")
    maintenance = target.set(drivername="postgresql", database="postgres")
    conninfo = maintenance.render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def postgresql_backend_pids(url: str) -> list[int]:
    """The PostgreSQL server processes connected to the database named in `url`."""
    target = make_url(url)
    conninfo = target.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (target.database,),
        ).fetchall()
    return [pid for (pid,) in rows]


def trainee_email(number: int) -> str:
    return f"trainee{number:02d}@load.example"


def prepare(env: dict[str, str], library: Library, trainees: int) -> None:
    """Migrate the empty database, import the library and create the trainees' accounts."""
    with environment(env):
        app = create_app()
    with app.app_context():
        flask_migrate.upgrade()
        import_library(library)
        for number in range(trainees):
            create_user(trainee_email(number), f"Load Trainee {number}", Role.TRAINEE,
                        TRAINEE_PASSWORD)
        db.engine.dispose()


def database_version(env: dict[str, str]) -> str:
    """E.g. "SQLite 3.40.1" or "PostgreSQL 15.20", for the report."""
    url = make_url(env["DATABASE_URL"])
    if url.get_backend_name() == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
    return f"PostgreSQL {version.split()[0]}"


def count_rows(env: dict[str, str]) -> RowCounts:
    """How many attempts and replies the database holds now."""
    with environment(env):
        app = create_app()
    with app.app_context():
        counts = RowCounts(
            attempts=db.session.scalar(db.select(db.func.count()).select_from(Attempt)),
            replies=db.session.scalar(db.select(db.func.count()).select_from(Reply)),
        )
        db.session.remove()
        db.engine.dispose()
    return counts
