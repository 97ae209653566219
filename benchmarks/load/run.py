"""One benchmark run on one database: prepare it, serve it, drive the trainees, count rows.

Every trainee runs in its own thread with its own connection, one request at a time and no
pause between requests (a closed loop), so the server always has `trainees` requests to serve.
The windows run one after the other with every trainee in the same window, so each window's
figures describe exactly one kind of load.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from benchmarks.load.client import Browser
from benchmarks.load.database import (
    TRAINEE_PASSWORD,
    RowCounts,
    count_rows,
    database_version,
    postgresql_backend_pids,
    prepare,
    recreate_postgresql_database,
    trainee_email,
)
from benchmarks.load.figures import Sample, Window
from benchmarks.load.machine import CpuMeter, cpu_use, no_processes
from benchmarks.load.server import HOST, ServerSettings, gunicorn, read_log
from benchmarks.load.trainee import Trainee
from scoring.format import Library

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
WARM_UP = "warm-up"
BARE_ONLY = "bare page only"
SUBMIT_ONLY = "submit only"
MIX = "practice mix"
# A bound on the turns one trainee takes in one window, whatever the duration.
MAX_TURNS_PER_WINDOW = 50_000

Turn = Callable[[Trainee], object]
WINDOW_TURNS: dict[str, Turn] = {
    WARM_UP: lambda trainee: trainee.play_turn(with_bare_page=True),
    BARE_ONLY: lambda trainee: trainee.load_bare_page(),
    SUBMIT_ONLY: lambda trainee: trainee.play_turn(with_bare_page=False),
    MIX: lambda trainee: trainee.play_turn(with_bare_page=True),
}


@dataclass(frozen=True)
class Plan:
    trainees: int
    warm_up_seconds: float
    window_seconds: float
    server: ServerSettings
    postgresql_url: str


@dataclass(frozen=True)
class RunResult:
    database: str
    database_version: str
    plan: Plan
    windows: list[Window]  # the measured ones; the warm-up is left out
    samples: list[Sample]
    accepted_replies: int
    attempts_started: int
    rows: RowCounts
    errors: list[str]  # the first few problems each trainee met
    server_log: str  # gunicorn's output: warnings and the tracebacks of server errors


def run_benchmark(database: str, plan: Plan, library: Library) -> RunResult:
    """Run every window against a fresh database served by gunicorn, then count its rows."""
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as folder:
        env = server_environment(fresh_database_url(database, plan, Path(folder)), Path(folder))
        prepare(env, library, plan.trainees)
        log_path = Path(folder) / "gunicorn.log"
        with gunicorn(env, plan.server, log_path) as server:
            trainees = [
                Trainee(Browser(HOST, server.port), trainee_email(n), TRAINEE_PASSWORD, library, n)
                for n in range(plan.trainees)
            ]
            meter = CpuMeter(server.pid, database_pids(database, plan))
            windows = drive(trainees, plan, meter)
        rows = count_rows(env)
        version = database_version(env)
        server_log = read_log(log_path)
    return RunResult(
        database=database,
        database_version=version,
        plan=plan,
        windows=[window for window in windows if window.name != WARM_UP],
        samples=[sample for trainee in trainees for sample in trainee.samples],
        accepted_replies=sum(trainee.accepted_replies for trainee in trainees),
        attempts_started=sum(len(trainee.attempt_ids) for trainee in trainees),
        rows=rows,
        errors=[error for trainee in trainees for error in trainee.errors],
        server_log=server_log,
    )


def database_pids(database: str, plan: Plan) -> Callable[[], list[int]]:
    """How to find the database server's processes whose CPU counts as the server's."""
    if database == POSTGRESQL:
        return partial(postgresql_backend_pids, plan.postgresql_url)
    return no_processes  # SQLite runs inside gunicorn's workers


def fresh_database_url(database: str, plan: Plan, folder: Path) -> str:
    """An empty database for this run: a new SQLite file in `folder`, or PostgreSQL's recreated."""
    if database == POSTGRESQL:
        recreate_postgresql_database(plan.postgresql_url)
        return plan.postgresql_url
    return f"sqlite:///{folder / 'frontline.sqlite3'}"


def server_environment(url: str, folder: Path) -> dict[str, str]:
    """The app's configuration, as gunicorn's workers will read it from the environment."""
    return {
        "DATABASE_URL": url,
        "SECRET_KEY": "practice-load-benchmark-secret-key",
        "FRONTLINE_INSTANCE": str(folder / "instance"),
        "FRONTLINE_ENV": "production",
        "FRONTLINE_SECURE_COOKIES": "0",  # plain HTTP on loopback
    }


def drive(trainees: list[Trainee], plan: Plan, meter: CpuMeter) -> list[Window]:
    """Sign everybody in, then run the windows in order; returns each window's time span."""
    windows = []
    with ThreadPoolExecutor(max_workers=len(trainees)) as pool:
        for future in [pool.submit(trainee.sign_in) for trainee in trainees]:
            future.result()
        for name, turn in WINDOW_TURNS.items():
            seconds = plan.warm_up_seconds if name == WARM_UP else plan.window_seconds
            windows.append(run_window(pool, trainees, name, seconds, turn, meter))
    for trainee in trainees:
        trainee.browser.close()
    return windows


def run_window(
    pool: ThreadPoolExecutor,
    trainees: list[Trainee],
    name: str,
    seconds: float,
    turn: Turn,
    meter: CpuMeter,
) -> Window:
    """All trainees repeat `turn` until the deadline; the window ends with the last answer."""
    before = meter.snapshot()
    started = time.perf_counter()
    deadline = started + seconds
    futures = [
        pool.submit(trainee.run, name, deadline, lambda t=trainee: turn(t), MAX_TURNS_PER_WINDOW)
        for trainee in trainees
    ]
    for future in futures:
        future.result()
    ended = max(
        (sample.finished_at for trainee in trainees for sample in trainee.samples
         if sample.window == name),
        default=started,
    )
    return Window(name, started, ended, cpu_use(before, meter.snapshot()))
