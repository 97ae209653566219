"""Dashboard and team-view latency and SQL queries per page, on a large seeded history.

    .venv/bin/python -m benchmarks.progress_pages [--trainees 200] [--attempts 500]
        [--replies 3] [--requests 200] [--database URL]

Seeds a fresh database (a temporary SQLite file unless --database names one: a scratch
PostgreSQL database with "bench" in its name, whose tables are dropped and created again) with
the shipped scenario library, one manager, a mentor per 20 trainees and, per trainee,
`--attempts` finished attempts of `--replies` replies each, written with bulk inserts and then
analysed (planner statistics). Every trainee is then evaluated once (ranks awarded, standings
stored), and the pages are timed through the Flask test client: each trainee's dashboard (a
first view: no chart drawing is reused), the manager's team view (everyone) and a mentor's.
Reports p50, p95 and max in milliseconds, and the SQL statements each page ran.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import event, insert, text
from sqlalchemy.engine import make_url
from werkzeug.security import generate_password_hash

from scoring.format import load_library
from trainer import create_app
from trainer.auth.models import Role, User
from trainer.database import db
from trainer.library.catalogue import current_versions
from trainer.library.importer import import_library
from trainer.practice.models import Attempt, AttemptMode, Reply
from trainer.progress.services import evaluate_everyone

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "benchmark password"
HASH_METHOD = "pbkdf2:sha256:1000"
TEAM_SIZE = 20
BATCH = 20_000
GOAL_MS = 100


def build_app(database: str):
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "benchmark",
        "SQLALCHEMY_DATABASE_URI": database,
        "PASSWORD_HASH_METHOD": HASH_METHOD,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
    })


def seed(trainees: int, attempts: int, replies: int, rng: random.Random,
         unpractised: frozenset[str] = frozenset(), first_attempts: int | None = None) -> None:
    """Accounts and history, bulk inserted: a manager, the mentors, then the trainees, the
    first with `first_attempts` if given; no practice attempt at the scenarios `unpractised`
    names, so exams there certify."""
    db.drop_all()
    db.create_all()
    import_library(load_library(ROOT / "scenarios"))
    versions = [(v.id, v.difficulty, v.slug in unpractised)
                for v in db.session.execute(current_versions()).scalars()]
    password_hash = generate_password_hash(PASSWORD, method=HASH_METHOD)
    mentors = max(1, trainees // TEAM_SIZE)
    people = [{"id": 1, "email": "manager@bench.example", "name": "Manager",
               "role": Role.MANAGER, "password_hash": password_hash, "active": True}]
    people += [{"id": 2 + n, "email": f"mentor{n}@bench.example", "name": f"Mentor {n}",
                "role": Role.MENTOR, "password_hash": password_hash, "active": True}
               for n in range(mentors)]
    first_trainee = 2 + mentors
    people += [{"id": first_trainee + n, "email": f"trainee{n}@bench.example",
                "name": f"Trainee {n:03d}", "role": Role.TRAINEE, "active": True,
                "password_hash": password_hash, "mentor_id": 2 + n % mentors}
               for n in range(trainees)]
    db.session.execute(insert(User), people)
    start = datetime(2026, 1, 1)
    attempt_rows: list[dict] = []
    reply_rows: list[dict] = []
    attempt_id = reply_id = 0
    for trainee in range(trainees):
        skill = rng.uniform(50, 85)
        played = first_attempts if trainee == 0 and first_attempts is not None else attempts
        for number in range(played):
            attempt_id += 1
            version_id, difficulty, exam_only = rng.choice(versions)
            level = skill + 15 * number / played - 3 * difficulty
            finished = start + timedelta(minutes=number * 500 + rng.randint(0, 300))
            scores = [[max(0, min(100, round(rng.gauss(level + 8, 9)))) for _ in range(3)]
                      for _ in range(replies)]
            overall = [round(sum(s) / 3) for s in scores]
            times = [rng.randint(15_000, 120_000) for _ in range(replies)]
            means = [round(statistics.fmean(s[k] for s in scores)) for k in range(3)]
            attempt_rows.append({
                "id": attempt_id, "user_id": first_trainee + trainee,
                "scenario_version_id": version_id,
                "mode": (AttemptMode.EXAM if exam_only or rng.random() < 0.2
                         else AttemptMode.PRACTICE),
                "current_step": None, "started_at": finished - timedelta(minutes=6),
                "finished_at": finished, "politeness": means[0], "correctness": means[1],
                "completeness": means[2], "overall": round(statistics.fmean(overall)),
                "violation_count": int(rng.random() < 0.1),
                "passed": statistics.fmean(overall) >= 70 and min(means) >= 60,
                "median_reply_ms": round(statistics.median(times)),
            })
            for position in range(replies):
                reply_id += 1
                received = finished - timedelta(seconds=60 * (replies - position - 1))
                reply_rows.append({
                    "id": reply_id, "attempt_id": attempt_id, "step_id": f"step-{position}",
                    "position": position + 1, "text": "Seeded reply.",
                    "politeness": scores[position][0], "correctness": scores[position][1],
                    "completeness": scores[position][2], "overall": overall[position],
                    "violation_count": 0, "card": {}, "scorer_version": "bench",
                    "served_at": received - timedelta(milliseconds=times[position]),
                    "received_at": received, "reply_ms": times[position],
                })
        if len(reply_rows) >= BATCH:
            _flush(attempt_rows, reply_rows)
    _flush(attempt_rows, reply_rows)
    if db.engine.dialect.name == "postgresql":  # the ids were given: move the sequences past them
        for table in ("users", "attempts", "replies"):
            db.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"  # noqa: S608
            ))
    db.session.commit()
    # Planner statistics, as a database in use has them (PostgreSQL's autovacuum would gather
    # them soon after such a bulk load); without them PostgreSQL scans all replies.
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def _flush(attempt_rows: list[dict], reply_rows: list[dict]) -> None:
    if attempt_rows:
        db.session.execute(insert(Attempt), attempt_rows)
    if reply_rows:
        db.session.execute(insert(Reply), reply_rows)
    attempt_rows.clear()
    reply_rows.clear()


def signed_in_client(app, email: str):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, f"could not sign in {email}"
    return client


def measure(app, label: str, calls: list[Callable[[], object]]) -> dict[str, object]:
    """Time each call (after one warm-up) and count the SQL statements of each."""
    counts: list[int] = []
    current: list[int] = [0]

    def count(*_args) -> None:
        current[0] += 1

    with app.app_context():
        engine = db.engine
    calls[0]()
    event.listen(engine, "before_cursor_execute", count)
    timings = []
    try:
        for call in calls:
            current[0] = 0
            began = time.perf_counter()
            response = call()
            timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (label, response.status_code)
            counts.append(current[0])
    finally:
        event.remove(engine, "before_cursor_execute", count)
    timings.sort()
    return {
        "page": label, "requests": len(timings),
        "p50": statistics.median(timings),
        "p95": timings[max(0, round(0.95 * len(timings)) - 1)],
        "max": timings[-1],
        "queries": sorted(set(counts)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=200)
    parser.add_argument("--attempts", type=int, default=500)
    parser.add_argument("--replies", type=int, default=3)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    if options.database and "bench" not in (make_url(options.database).database or ""):
        parser.error("the database is emptied first: give one with 'bench' in its name")
    with tempfile.TemporaryDirectory() as scratch:
        database = options.database or f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        app = build_app(database)
        rng = random.Random(options.seed)
        with app.app_context():
            began = time.perf_counter()
            seed(options.trainees, options.attempts, options.replies, rng)
            seeded = time.perf_counter() - began
            began = time.perf_counter()
            evaluated, awarded = evaluate_everyone()
            evaluation = time.perf_counter() - began
        total = options.trainees * options.attempts
        print(f"Seeded {options.trainees} trainees x {options.attempts} attempts "
              f"({total:,} attempts, {total * options.replies:,} replies) in {seeded:.1f} s; "
              f"evaluated {evaluated} trainees ({awarded} ranks awarded) in {evaluation:.1f} s.")
        print(f"Database: {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}")

        trainees = [signed_in_client(app, f"trainee{n}@bench.example")
                    for n in range(min(options.trainees, options.requests))]
        dashboard_calls = [
            partial(client.get, "/progress")
            for client in (trainees * options.requests)[: options.requests]
        ]
        manager = signed_in_client(app, "manager@bench.example")
        mentor = signed_in_client(app, "mentor0@bench.example")
        mentor_team = sum(1 for n in range(options.trainees) if n % max(
            1, options.trainees // TEAM_SIZE) == 0)
        rows = [
            measure(app, "trainee dashboard /progress", dashboard_calls),
            measure(app, f"team view, manager ({options.trainees} trainees)",
                    [lambda: manager.get("/trainees?sort=progress")] * options.requests),
            measure(app, f"team view, mentor ({mentor_team} trainees)",
                    [lambda: mentor.get("/trainees")] * options.requests),
        ]
        slow = print_table(rows)
        varying = [row["page"] for row in rows if len(row["queries"]) > 1]
        verdict = "met" if not slow else "missed by " + ", ".join(slow)
        constant = "yes" if not varying else "no: " + ", ".join(varying)
        print(f"\nGoal p95 <= {GOAL_MS} ms: {verdict}. Queries per page constant: {constant}.")
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def print_table(rows: list[dict]) -> list[str]:
    """Print the measured pages as a Markdown table; returns the pages slower than the goal."""
    print("\n| page | requests | p50 ms | p95 ms | max ms | SQL queries per page |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(f"| {row['page']} | {row['requests']} | {row['p50']:.1f} | {row['p95']:.1f} | "
              f"{row['max']:.1f} | {', '.join(map(str, row['queries']))} |")
    return [row["page"] for row in rows if row["p95"] > GOAL_MS]


if __name__ == "__main__":
    main()
