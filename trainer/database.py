"""The SQLAlchemy handle shared by every blueprint's models."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from typing import Any

from flask import Flask, current_app
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Enum, MetaData, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations identical on SQLite (batch mode) and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Objects stay loaded after a commit: a request that stored a reply goes on to render it, and
# reloading everything it just wrote cost a fifth of a submit. Each request has its own session.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})


_INSERT_OF_DIALECT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def upsert(model: type[Base], dialect: str | None = None):
    """An INSERT that can take `.on_conflict_do_update(...)`, for `dialect` (by default the
    session's database): one statement instead of a read, a flush and a retry when another
    request inserted first."""
    return _INSERT_OF_DIALECT[dialect or db.session.get_bind().dialect.name](model)


def add_to_counters(
    model: type[Base],
    keys: Sequence[str],
    counters: Sequence[str],
    rows: list[dict[str, Any]],
    replace: Sequence[str] = (),
) -> None:
    """Insert these rows, or add their `counters` to the stored row with the same `keys` (and
    take its `replace` columns from the new row): one statement, safe when two requests count
    at once. Give rows in key order, so that concurrent writers lock them alike."""
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    statement = _counter_upsert(model, tuple(keys), tuple(counters), tuple(replace), dialect)
    db.session.execute(statement, rows)


@cache
def _counter_upsert(
    model: type[Base], keys: tuple[str, ...], counters: tuple[str, ...],
    replace: tuple[str, ...], dialect: str,
):
    """add_to_counters' statement, built once per table and database kind: building it cost
    more than running it (about 0.5 ms for the step tallies' 18 counters, on every finished
    attempt)."""
    statement = upsert(model, dialect)
    columns = model.__table__.c
    return statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={**{name: columns[name] + statement.excluded[name] for name in counters},
              **{name: statement.excluded[name] for name in replace}},
    )


def commit_or_log(write: Callable[[], None], failure: str, *args: object) -> None:
    """Run `write` and commit; on a database error roll back and log `failure` (a logging
    format, with `args`). For rows derived from a change already committed: their failure must
    not undo the change, and a command can derive them again."""
    try:
        write()
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception(failure, *args)


def enum_column(kind: type[StrEnum]) -> Enum:
    """A StrEnum stored as its value in a short string column (no native enum to migrate)."""
    return Enum(kind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# Marks a pooled SQLite connection whose flush level commit_unsynced lowered: tune_sqlite's
# listener sets the configured level again when the connection goes back to the pool.
_UNSYNCED = "frontline_unsynced"


def commit_unsynced() -> None:
    """Commit without waiting for the disk: only for what may be lost in a power cut without
    harm (when a user last saw their home page), never for what someone typed or a grade.

    The database stays consistent either way. SQLite, with its write-ahead log, writes the
    commit to disk with the next synced commit, anyone's; PostgreSQL (synchronous_commit off
    for this transaction) within a fraction of a second. A power cut before that loses this
    commit and any like it, nothing committed with a flush. Why: the home page is viewed
    after every reply, and its flush was one in three of a practice turn's, each holding
    SQLite's single write lock while the disk confirms (benchmarks/README.md, "Capacity").
    """
    connection = db.session.connection()
    dialect = connection.dialect.name
    if dialect == "postgresql":
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
    elif dialect == "sqlite" and current_app.config["SQLITE_SYNCHRONOUS"] != "NORMAL":
        pooled = connection.connection
        # SQLite refuses a new level inside a transaction: then the commit is flushed as usual.
        if not pooled.dbapi_connection.in_transaction:
            pooled.dbapi_connection.execute("PRAGMA synchronous=NORMAL")
            pooled.info[_UNSYNCED] = True
    db.session.commit()


def tune_sqlite(app: Flask) -> None:
    """WAL for concurrent readers, enforced foreign keys, waiting on locks rather than failing,
    and the configured flush level (config.sqlite_synchronous) on every SQLite connection,
    set again when a connection that committed unsynced goes back to the pool."""
    level = f"PRAGMA synchronous={app.config['SQLITE_SYNCHRONOUS']}"
    pragmas = (
        "PRAGMA journal_mode=WAL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=5000",
        level,
    )

    def on_connect(dbapi_connection, connection_record) -> None:  # noqa: ARG001
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()

    def on_checkin(dbapi_connection, connection_record) -> None:
        if connection_record.info.pop(_UNSYNCED, False) and dbapi_connection is not None:
            dbapi_connection.execute(level)

    with app.app_context():
        engines = list(db.engines.values())
    for engine in engines:
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", on_connect)
            event.listen(engine, "checkin", on_checkin)
