"""Hiring tests under load: many candidates taking the same test at once on a gunicorn-served app.

    .venv/bin/python -m benchmarks.hiring_load [--database sqlite|postgresql|both]
        [--candidates 50] [--arrival 5] [--think-min 1.0] [--think-max 3.0] [--repeat-share 0.1]
        [--workers 4] [--postgresql-url URL]

For each database: a fresh database with a manager's assignment (each candidate draws one
scenario of difficulty 1, 2 and 3 from the shipped library) and one invitation per candidate,
gunicorn on a free loopback port, a short warm-up (four candidates, not counted), then every
candidate opens their link within the same few seconds and takes the whole test: a pause to
think before each reply, and now and then the same reply sent twice. Prints client-side latency
per request, the replies accepted next to the rows in the database, and the goals' verdicts.
Exits 1 on any error or lost/doubled reply, 2 when the run could not take place.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import flask_migrate
import psycopg

from benchmarks.load.candidate import PLAY_PAGE, REPEAT, START, SUBMIT, Candidate
from benchmarks.load.client import Browser
from benchmarks.load.database import (
    RowCounts,
    UnsafeDatabase,
    count_rows,
    database_version,
    environment,
)
from benchmarks.load.figures import Sample, Window, figures_for
from benchmarks.load.machine import CpuMeter, cpu_use
from benchmarks.load.report import (
    BUSY_MACHINE_CORES,
    HEADER,
    Verdict,
    format_row,
    run_each,
)
from benchmarks.load.run import POSTGRESQL, SQLITE, database_pids, fresh_database_url
from benchmarks.load.run import server_environment as practice_environment
from benchmarks.load.server import HOST, ServerFailed, ServerSettings, gunicorn, read_log, tail
from scoring.format import Library, load_library
from trainer import create_app
from trainer.auth.models import Role
from trainer.auth.services import create_user
from trainer.database import db, now_utc
from trainer.hiring.assignments import AssignmentInput, save_assignment
from trainer.hiring.invitations import invite
from trainer.hiring.models import Selection
from trainer.library.catalogue import current_versions
from trainer.library.importer import import_library

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
DEFAULT_POSTGRESQL_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/frontline_hiring_bench"
WARM_UP = "warm-up"
TEST = "candidates"
WARM_UP_CANDIDATES = 4
MIX = {"1": 1, "2": 1, "3": 1}
GOAL_SUBMIT_P95_MS = 50.0


@dataclass(frozen=True)
class Plan:
    candidates: int
    arrival: float  # the candidates open their links within this many seconds
    think: tuple[float, float]
    repeat_share: float
    server: ServerSettings
    postgresql_url: str


@dataclass(frozen=True)
class RunResult:
    database_version: str
    plan: Plan
    window: Window
    samples: list[Sample]
    accepted_replies: int
    failed_requests: int  # warm-up included
    finished: int
    rows: RowCounts
    errors: list[str]  # the first few problems each candidate met
    server_log: str


def prepare(env: dict[str, str], library: Library, candidates: int) -> list[str]:
    """Migrate, import the library, create the assignment and invite everybody; the tokens."""
    with environment(env):
        app = create_app()
    with app.test_request_context():
        flask_migrate.upgrade()
        import_library(library)
        manager = create_user("manager@load.example", "Load Manager", Role.MANAGER,
                              "hiring-load-password")
        pool = [version.id for version in db.session.execute(current_versions()).scalars()
                if version.difficulty <= 3]
        assignment = save_assignment(manager, AssignmentInput(
            "Load test", "Answer every customer.", Selection.POOL, pool, 60,
            now_utc() + timedelta(days=1), draw_mix=MIX))
        tokens = [invite(assignment, f"Candidate {n}", f"candidate{n:03d}@load.example")
                  .url.rsplit("/", 1)[1] for n in range(candidates)]
        db.engine.dispose()
    return tokens


def run_benchmark(database: str, plan: Plan, library: Library) -> RunResult:
    with tempfile.TemporaryDirectory(prefix="frontline-hiring-bench-") as folder:
        env = practice_environment(fresh_database_url(database, plan, Path(folder)),
                                   Path(folder)) | {"SECRET_KEY": "hiring-load-benchmark-key"}
        tokens = prepare(env, library, plan.candidates + WARM_UP_CANDIDATES)
        log_path = Path(folder) / "gunicorn.log"
        with gunicorn(env, plan.server, log_path) as server:
            def candidate(n: int, think: tuple[float, float]) -> Candidate:
                return Candidate(Browser(HOST, server.port), tokens[n], library, n, think,
                                 plan.repeat_share)

            warm = [candidate(n, (0.0, 0.05)) for n in range(WARM_UP_CANDIDATES)]
            drive(warm, WARM_UP, 0.0)
            meter = CpuMeter(server.pid, database_pids(database, plan))
            measured = [candidate(n, plan.think) for n in range(WARM_UP_CANDIDATES, len(tokens))]
            before = meter.snapshot()
            started = time.perf_counter()
            drive(measured, TEST, plan.arrival)
            window = Window(TEST, started, time.perf_counter(), cpu_use(before, meter.snapshot()))
        everybody = warm + measured
        return RunResult(
            database_version=database_version(env), plan=plan, window=window,
            samples=[sample for one in measured for sample in one.samples],
            accepted_replies=sum(one.accepted_replies for one in everybody),
            failed_requests=sum(not sample.ok for one in everybody for sample in one.samples),
            finished=sum(one.finished for one in measured), rows=count_rows(env),
            errors=[error for one in everybody for error in one.errors],
            server_log=read_log(log_path),
        )


def drive(candidates: list[Candidate], window: str, arrival: float) -> None:
    """Every candidate takes the test in their own thread, opening the link within `arrival`
    seconds of the others."""
    with ThreadPoolExecutor(max_workers=len(candidates)) as pool:
        for future in [pool.submit(one.take_test, window, arrival) for one in candidates]:
            future.result()
    for one in candidates:
        one.browser.close()


def print_result(result: RunResult) -> list[Verdict]:
    plan = result.plan
    print(f"\n== {result.database_version}: {plan.candidates} candidates opening their links "
          f"within {plan.arrival:g} s, {plan.server.describe()}; {plan.think[0]:g}-"
          f"{plan.think[1]:g} s to think before "
          f"each reply, {plan.repeat_share:.0%} of replies sent twice; "
          f"{result.window.seconds:.1f} s")
    print(HEADER)
    for kind in (SUBMIT, REPEAT, PLAY_PAGE, START):
        figures = figures_for(result.window, kind, result.samples)
        if figures.requests:
            print(format_row(figures))
    cpu = result.window.cpu
    if cpu is not None:
        print(f"cpu: server {cpu.server:.2f} cores, driver {cpu.driver:.2f}, other processes "
              f"{cpu.others:.2f}")
        if cpu.others > BUSY_MACHINE_CORES:
            print(f"  WARNING: other processes used more than {BUSY_MACHINE_CORES} cores; these "
                  "figures are worse than this machine can do: run again when it is idle")
    print(f"replies: {result.accepted_replies} accepted by the driver (repeats not counted), "
          f"{result.rows.replies} rows in the database; {result.finished} of "
          f"{plan.candidates} candidates reached the thank-you page")
    for error in result.errors:
        print(f"  error: {error}")
    if result.errors and result.server_log.strip():
        print("server log (last lines):")
        print(tail(result.server_log))
    submit = figures_for(result.window, SUBMIT, result.samples)
    checks = [
        Verdict(f"submit p95 <= {GOAL_SUBMIT_P95_MS:.0f} ms", f"{submit.p95_ms:.1f} ms",
                submit.p95_ms <= GOAL_SUBMIT_P95_MS),
        Verdict("no errors (warm-up included)", f"{result.failed_requests} errors",
                result.failed_requests == 0, sound=True),
        Verdict("no lost or doubled replies", f"{result.accepted_replies} accepted, "
                f"{result.rows.replies} rows", result.accepted_replies == result.rows.replies,
                sound=True),
        Verdict("every candidate finished", f"{result.finished} of {plan.candidates}",
                result.finished == plan.candidates, sound=True),
    ]
    for verdict in checks:
        print(verdict.line())
    return checks


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hiring_load",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=[SQLITE, POSTGRESQL, "both"], default="both")
    parser.add_argument("--candidates", type=int, default=50)
    parser.add_argument("--arrival", type=float, default=5.0,
                        help="seconds within which the candidates open their links (default 5; "
                             "0: all at the same moment)")
    parser.add_argument("--think-min", type=float, default=1.0,
                        help="fewest seconds a candidate thinks before a reply (default 1)")
    parser.add_argument("--think-max", type=float, default=3.0,
                        help="most seconds a candidate thinks before a reply (default 3)")
    parser.add_argument("--repeat-share", type=float, default=0.1,
                        help="share of replies sent a second time (default 0.1)")
    parser.add_argument("--workers", type=int, default=ServerSettings.workers)
    parser.add_argument("--postgresql-url", default=DEFAULT_POSTGRESQL_URL,
                        help="database to DROP and recreate; its name must contain 'bench' or "
                             "start with 'test_'")
    args = parser.parse_args(argv)
    if args.candidates < 1 or not 0 <= args.think_min <= args.think_max:
        parser.error("--candidates must be positive and 0 <= --think-min <= --think-max")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    plan = Plan(args.candidates, args.arrival, (args.think_min, args.think_max), args.repeat_share,
                ServerSettings(workers=args.workers), args.postgresql_url)
    library = load_library(SCENARIOS)
    databases = [SQLITE, POSTGRESQL] if args.database == "both" else [args.database]
    return run_each(
        databases, lambda database: run_benchmark(database, plan, library), print_result,
        (ServerFailed, UnsafeDatabase, psycopg.Error),
    )


if __name__ == "__main__":
    sys.exit(main())
