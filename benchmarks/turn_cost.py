"""The server's own cost of a turn of the practice mix, request by request, in process.

    .venv/bin/python -m benchmarks.turn_cost [--trainees 16] [--turns 1500] [--warm-up 200]
        [--database URL] [--profile FILE]

The trainees of `make bench-practice` (benchmarks/load/trainee.py: the same replies, the same
starts and play pages) play the practice mix, a reply then `GET /home`, taking turns through the
Flask test client: no network, no gunicorn, no other request running at the same time. Each
request is timed (the process's CPU time, which on SQLite includes the database's work, and the
wall time) and its SQL statements counted by an engine listener. Reports per kind of request
the median CPU and wall time and the statements, and the CPU of a turn (a submit with its share
of starts and play pages, and a home page). `--profile` writes a cProfile of the measured turns.

The database is a fresh SQLite file in a temporary folder, or `--database`, a PostgreSQL URL
whose database is dropped and recreated (its name must contain "bench", as for the load runs);
the CPU its backends used per turn is reported too.
"""

from __future__ import annotations

import argparse
import cProfile
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from benchmarks.load.client import Response
from benchmarks.load.database import (
    TRAINEE_PASSWORD,
    environment,
    postgresql_backend_pids,
    prepare,
    recreate_postgresql_database,
    trainee_email,
)
from benchmarks.load.machine import process_stat
from benchmarks.load.run import server_environment
from benchmarks.load.trainee import BARE_PAGE, PLAY_PAGE, START, SUBMIT, Trainee
from benchmarks.practice_load import SCENARIOS
from scoring.format import load_library
from trainer import create_app
from trainer.database import db

KINDS = (SUBMIT, START, PLAY_PAGE, BARE_PAGE)


class TestClientBrowser:
    """The load driver's Browser (benchmarks/load/client.py) over the Flask test client."""

    def __init__(self, client: FlaskClient, meter: Meter) -> None:
        self.client = client
        self.meter = meter

    def get(self, path: str, *, accept: str = "text/html") -> Response:
        return self.meter.timed(lambda: self.client.get(path, headers={"Accept": accept}))

    def post_form(
        self, path: str, fields: dict[str, str], *, accept: str = "text/html"
    ) -> Response:
        return self.meter.timed(
            lambda: self.client.post(path, data=fields, headers={"Accept": accept})
        )

    def close(self) -> None:
        """Nothing to close: the test client holds no connection."""


@dataclass
class Meter:
    """Times every request and counts the SQL statements it sends."""

    statements: int = 0
    log: list[tuple[float, float, int]] = field(default_factory=list)  # CPU ms, wall ms, SQL

    def count(self, *_: Any) -> None:
        self.statements += 1

    def timed(self, send) -> Response:
        before = self.statements
        wall, cpu = time.perf_counter(), time.process_time()
        answer = send()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        self.log.append((cpu * 1000, wall * 1000, self.statements - before))
        return Response(answer.status_code, answer.headers, answer.get_data(), wall)


@dataclass
class Tally:
    """What each kind of request cost over the measured turns."""

    samples: dict[str, list[tuple[float, float, int]]] = field(
        default_factory=lambda: defaultdict(list))

    def add(self, kind: str, sample: tuple[float, float, int]) -> None:
        self.samples[kind].append(sample)


@contextmanager
def counted_statements(app: Flask, meter: Meter) -> Iterator[None]:
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", meter.count)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", meter.count)


def play(trainees: list[Trainee], meter: Meter, turns: int, tally: Tally | None) -> None:
    """`turns` turns of the practice mix, the trainees taking turns; each request tallied."""
    for number in range(turns):
        trainee = trainees[number % len(trainees)]
        recorded, metered = len(trainee.samples), len(meter.log)
        trainee.play_turn(with_bare_page=True)
        if trainee.errors:
            raise RuntimeError(f"{trainee.email}: {trainee.errors}")
        if tally is None:
            continue
        # One sample per request sent, in the order the meter logged them.
        for sample, figures in zip(trainee.samples[recorded:], meter.log[metered:], strict=True):
            tally.add(sample.kind, figures)


def backend_seconds(url: str | None) -> float:
    """CPU seconds PostgreSQL's backends serving `url` have used (0 for SQLite: its work is
    this process's)."""
    if not url:
        return 0.0
    stats = (process_stat(pid) for pid in postgresql_backend_pids(url))
    return sum(stat[2] for stat in stats if stat is not None)


def report(tally: Tally, turns: int) -> None:
    print("| request | count | CPU median ms | CPU mean ms | wall median ms | SQL statements |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for kind in KINDS:
        samples = tally.samples.get(kind, [])
        if not samples:
            continue
        cpu, wall, statements = zip(*samples, strict=True)
        counts = sorted(set(statements))
        print(f"| {kind} | {len(samples)} | {statistics.median(cpu):.2f} | "
              f"{statistics.fmean(cpu):.2f} | {statistics.median(wall):.2f} | "
              f"{', '.join(map(str, counts))} |")
    total = {kind: sum(s[0] for s in tally.samples.get(kind, [])) for kind in KINDS}
    submits = len(tally.samples.get(SUBMIT, [])) or 1
    per_submit = (total[SUBMIT] + total[START] + total[PLAY_PAGE]) / submits
    per_home = total[BARE_PAGE] / max(1, len(tally.samples.get(BARE_PAGE, [])))
    print(f"\nCPU per submit with its share of starts and play pages: {per_submit:.2f} ms; "
          f"per home page: {per_home:.2f} ms; per turn: {per_submit + per_home:.2f} ms "
          f"({turns} turns)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.turn_cost",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=16)
    parser.add_argument("--turns", type=int, default=1500)
    parser.add_argument("--warm-up", type=int, default=200)
    parser.add_argument("--database", help="a PostgreSQL URL (dropped and recreated)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the measured turns")
    options = parser.parse_args(argv)
    library = load_library(SCENARIOS)
    with tempfile.TemporaryDirectory() as folder:
        url = options.database or f"sqlite:///{Path(folder) / 'frontline.sqlite3'}"
        if options.database:
            recreate_postgresql_database(url)
        env = server_environment(url, Path(folder))
        prepare(env, library, options.trainees)
        with environment(env):
            app = create_app()
        meter = Meter()
        trainees = []
        for number in range(options.trainees):
            browser = TestClientBrowser(app.test_client(), meter)
            trainees.append(Trainee(browser, trainee_email(number), TRAINEE_PASSWORD, library,
                                    number))
        for trainee in trainees:
            trainee.sign_in()
        with counted_statements(app, meter):
            play(trainees, meter, options.warm_up, None)
            tally = Tally()
            profiler = cProfile.Profile() if options.profile else None
            if profiler:
                profiler.enable()
            backend = backend_seconds(options.database)
            play(trainees, meter, options.turns, tally)
            backend = backend_seconds(options.database) - backend
            if profiler:
                profiler.disable()
                profiler.dump_stats(options.profile)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    print(f"\nA turn of the practice mix, in process ({url.split(':')[0]}, "
          f"{options.trainees} trainees):")
    report(tally, options.turns)
    if options.database:
        print(f"PostgreSQL's backends: {backend * 1000 / options.turns:.2f} ms of CPU per turn "
              "(clock ticks of 10 ms: use a few hundred turns)")



if __name__ == "__main__":
    main()
