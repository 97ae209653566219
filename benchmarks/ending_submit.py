"""The server time of the submit that ends an attempt, for a trainee with a short and a long
history: the promotion check must not grow with the history.

    .venv/bin/python -m benchmarks.ending_submit [--history 50,5000] [--endings 40]
        [--database sqlite|postgresql|both] [--postgresql-url URL] [--seed 7]

The PostgreSQL databases are named after --postgresql-url (else $FRONTLINE_BENCH_POSTGRESQL_URL,
else frontline_bench on the local server) with the history length after it (frontline_bench_50,
frontline_bench_5000), each dropped and recreated.

For each history length: a fresh database seeded with one trainee and that many finished
attempts, beside 20 trainees with 250 each (benchmarks.progress_pages's bulk load, a fifth of
them exams, and none practised at half of the scenarios so that exams there certify), every
standing evaluated once. Then the trainees of every length take turns, each ending `--endings`
conversations in each mode through the Flask test client: practice at the other half, exams at
the unpractised ones, with every step's scoring compiled beforehand as in a server that has run
a while. Each submit is timed in process (the request's whole handling, no network); the
submits that end a conversation are reported (median and p90 of the wall time, median of the
process's CPU time) per mode, with the ratio of the longest history to the shortest.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.engine import make_url

from benchmarks.load.database import recreate_postgresql_database
from benchmarks.load.replies import reply_for
from benchmarks.load.trainee import ATTEMPT_PATH, STEP_FIELD
from benchmarks.practice_load import add_postgresql_url
from benchmarks.progress_pages import build_app, seed, signed_in_client
from scoring.engine import compile_step
from scoring.format import Library, load_library
from trainer.database import db
from trainer.library.catalogue import current_versions, parsed_scenario
from trainer.progress.services import evaluate_everyone

ROOT = Path(__file__).resolve().parent.parent
SQLITE, POSTGRESQL = "sqlite", "postgresql"
GOAL_RATIO = 1.2
# The trainee is not alone: the planner's statistics are those of a database in use.
OTHER_TRAINEES, OTHER_HISTORY = 20, 250
MODES = ("practice", "exam")


@dataclass(frozen=True)
class Timing:
    history: int
    mode: str
    wall_ms: tuple[float, ...]
    cpu_ms: tuple[float, ...]


def percentile(values: tuple[float, ...], share: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def unpractised_half(library: Library) -> frozenset[str]:
    """Every other scenario in name order: the seeded history never practises them."""
    return frozenset(sorted(library.scenarios)[1::2])


@dataclass
class Player:
    """The seeded trainee of one history length, signed in, with a reply generator per mode
    seeded alike, so that every history length plays the same conversations."""

    history: int
    app: Flask
    client: FlaskClient
    scenarios: dict[str, list[str]]  # mode -> the scenarios played in it, in turn
    replies: dict[str, random.Random] = field(default_factory=dict)
    times: dict[str, list[tuple[float, float]]] = field(default_factory=dict)


def seeded_player(database: str, history: int, library: Library, seed_of_replies: int) -> Player:
    """A fresh database with the trainee's `history` finished attempts beside the others'."""
    app = build_app(database)
    exams_at = sorted(unpractised_half(library))
    with app.app_context():
        seed(1 + OTHER_TRAINEES, OTHER_HISTORY, 3, random.Random(history),
             unpractised=frozenset(exams_at), first_attempts=history)
        evaluate_everyone()
        warm_scoring_caches()
    practice_at = sorted(set(library.scenarios) - set(exams_at))
    return Player(history, app, signed_in_client(app, "trainee0@bench.example"),
                  {"practice": practice_at, "exam": exams_at},
                  {mode: random.Random(seed_of_replies) for mode in MODES},
                  {mode: [] for mode in MODES})


def measure(players: list[Player], endings: int, library: Library) -> list[Timing]:
    """Each player ends a conversation in each mode in turn, so that the machine's slower and
    faster moments fall on every history length alike; the first round fills the caches."""
    for number in range(endings + 1):
        for player in players:
            for mode in MODES:
                slugs = player.scenarios[mode]
                times = ending_times(player.client, library, slugs[number % len(slugs)], mode,
                                     player.replies[mode])
                if number:
                    player.times[mode].append(times)
    for player in players:
        with player.app.app_context():
            db.session.remove()
            db.engine.dispose()
    return [Timing(player.history, mode, *zip(*player.times[mode], strict=True))
            for player in players for mode in MODES]


def warm_scoring_caches() -> None:
    """Parse every scenario and compile every step, as a server that has run a while has
    them: otherwise the first visit of each step pays for compiling it."""
    for version in db.session.execute(current_versions()).scalars():
        for step in parsed_scenario(version).steps:
            compile_step(step)


def ending_times(client, library: Library, slug: str, mode: str,
                 rng: random.Random) -> tuple[float, float]:
    """Play one conversation to its end; the submit that ended it, in milliseconds of wall
    time and of this process's CPU (the app's and, on SQLite, the database's)."""
    started = client.post(f"/practice/start/{slug}", data={"mode": mode})
    attempt_id = ATTEMPT_PATH.search(started.headers["Location"]).group(1)
    step_id = STEP_FIELD.search(client.get(f"/practice/attempts/{attempt_id}").text).group(1)
    scenario = library.scenarios[slug]
    while True:
        text = reply_for(scenario.step(step_id), rng)
        wall, cpu = time.perf_counter(), time.process_time()
        answer = client.post(f"/practice/attempts/{attempt_id}/reply",
                             data={"step_id": step_id, "text": text},
                             headers={"Accept": "application/json"})
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        data = answer.get_json()
        assert answer.status_code == 200 and data["error"] is None, answer.text[:200]
        if data["finished"]:
            return wall * 1000, cpu * 1000
        step_id = data["step_id"]


def database_url(database: str, postgresql_url: str, folder: Path, history: int) -> str:
    """A database of its own per history length: `postgresql_url`'s name with the length
    after it, dropped and recreated, or a SQLite file in `folder`."""
    if database == POSTGRESQL:
        url = make_url(postgresql_url)
        url = url.set(database=f"{url.database}_{history}").render_as_string(hide_password=False)
        recreate_postgresql_database(url)
        return url
    return f"sqlite:///{folder / f'history-{history}.sqlite3'}"


def print_report(database: str, timings: list[Timing]) -> None:
    print(f"\nEnding submit, server time in process ({database}):")
    print("| finished attempts | mode | endings | wall median ms | wall p90 ms | CPU median ms |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for timing in timings:
        print(f"| {timing.history:,} | {timing.mode} | {len(timing.wall_ms)} | "
              f"{statistics.median(timing.wall_ms):.1f} | {percentile(timing.wall_ms, 0.9):.1f} | "
              f"{statistics.median(timing.cpu_ms):.1f} |")
    shortest = min(timing.history for timing in timings)
    longest = max(timing.history for timing in timings)
    for mode in MODES:
        short = next(t for t in timings if t.history == shortest and t.mode == mode)
        long = next(t for t in timings if t.history == longest and t.mode == mode)
        wall = statistics.median(long.wall_ms) / statistics.median(short.wall_ms)
        cpu = statistics.median(long.cpu_ms) / statistics.median(short.cpu_ms)
        verdict = "met" if wall <= GOAL_RATIO else "not met"
        print(f"{mode}: {longest:,} attempts against {shortest:,}: wall {wall:.2f}x "
              f"(goal <= {GOAL_RATIO}x: {verdict}), CPU {cpu:.2f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ending_submit",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--history", default="50,5000",
                        help="finished attempts to seed, comma-separated (default 50,5000)")
    parser.add_argument("--endings", type=int, default=40,
                        help="conversations ended per mode and history (default 40)")
    parser.add_argument("--database", choices=[SQLITE, POSTGRESQL, "both"], default=SQLITE)
    add_postgresql_url(parser)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    histories = [int(part) for part in options.history.split(",")]
    if options.endings < 1 or any(history < 1 for history in histories):
        parser.error("--history and --endings must be positive")
    library = load_library(ROOT / "scenarios")
    databases = [SQLITE, POSTGRESQL] if options.database == "both" else [options.database]
    with tempfile.TemporaryDirectory(prefix="frontline-ending-") as scratch:
        for database in databases:
            players = [
                seeded_player(database_url(database, options.postgresql_url, Path(scratch),
                                           history), history, library, options.seed)
                for history in histories
            ]
            print_report(database, measure(players, options.endings, library))


if __name__ == "__main__":
    main()
