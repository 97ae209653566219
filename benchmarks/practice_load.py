"""Practice under load: simulated trainees replying to customers on a gunicorn-served app.

    .venv/bin/python -m benchmarks.practice_load [--database sqlite|postgresql|both]
        [--duration SECONDS] [--trainees 16] [--warm-up SECONDS] [--workers 4]
        [--worker-class sync|gthread] [--threads N] [--postgresql-url URL]

The PostgreSQL database is --postgresql-url, else $FRONTLINE_BENCH_POSTGRESQL_URL, else
frontline_bench on the local server.

For each database: a fresh database, gunicorn on a free loopback port, then four windows with
every trainee in the same one: warm-up (not counted), bare page only, submit only, and the
practice mix (a reply, then the bare page, over and over). Prints client-side throughput and
latency percentiles per window and request, the replies the driver saw accepted next to the
rows in the database, and the goals' verdicts. Exits 1 on any error or lost/doubled reply,
2 when the run could not take place (no server, no database, a refused sign-in).
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import psycopg

from benchmarks.load.database import UnsafeDatabase
from benchmarks.load.report import print_result, run_each
from benchmarks.load.run import POSTGRESQL, SQLITE, Plan, run_benchmark
from benchmarks.load.server import ServerFailed, ServerSettings
from benchmarks.load.trainee import SignInFailed
from scoring.format import load_library

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
DEFAULT_POSTGRESQL_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/frontline_bench"
POSTGRESQL_URL_VARIABLE = "FRONTLINE_BENCH_POSTGRESQL_URL"


def add_postgresql_url(parser: argparse.ArgumentParser) -> None:
    """The --postgresql-url option of the benchmarks that run against PostgreSQL."""
    parser.add_argument("--postgresql-url",
                        default=os.environ.get(POSTGRESQL_URL_VARIABLE, DEFAULT_POSTGRESQL_URL),
                        help="database to DROP and recreate; its name must contain 'bench' or "
                             f"start with 'test_' (default: ${POSTGRESQL_URL_VARIABLE}, else "
                             f"{DEFAULT_POSTGRESQL_URL})")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.practice_load",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=[SQLITE, POSTGRESQL, "both"], default="both")
    parser.add_argument("--duration", type=float, default=20.0,
                        help="seconds of each measured window (default 20)")
    parser.add_argument("--warm-up", type=float, default=5.0,
                        help="seconds of practice before measuring (default 5)")
    parser.add_argument("--trainees", type=int, default=16)
    parser.add_argument("--workers", type=int, default=ServerSettings.workers,
                        help="gunicorn worker processes (default 4)")
    parser.add_argument("--worker-class", choices=["sync", "gthread"],
                        default=ServerSettings.worker_class)
    parser.add_argument("--threads", type=int, default=ServerSettings.threads,
                        help="threads per gthread worker")
    parser.add_argument("--keep-alive", type=int, default=ServerSettings.keep_alive_seconds,
                        help="gthread only: seconds an idle connection stays open")
    parser.add_argument("--reuse-port", action="store_true",
                        help="gthread only: one listening socket per worker")
    add_postgresql_url(parser)
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.warm_up < 0 or args.trainees < 1:
        parser.error("--duration and --trainees must be positive, --warm-up not negative")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    plan = Plan(
        trainees=args.trainees,
        warm_up_seconds=args.warm_up,
        window_seconds=args.duration,
        server=ServerSettings(worker_class=args.worker_class, workers=args.workers,
                              threads=args.threads, keep_alive_seconds=args.keep_alive,
                              reuse_port=args.reuse_port),
        postgresql_url=args.postgresql_url,
    )
    library = load_library(SCENARIOS)
    databases = [SQLITE, POSTGRESQL] if args.database == "both" else [args.database]
    return run_each(
        databases, lambda database: run_benchmark(database, plan, library), print_result,
        (SignInFailed, ServerFailed, UnsafeDatabase, psycopg.Error),
    )


if __name__ == "__main__":
    sys.exit(main())
