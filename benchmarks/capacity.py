"""How many trainees can one 2-core server take? An open-loop ramp until submits get slow.

    .venv/bin/python -m benchmarks.capacity [--database sqlite|postgresql|both]
        [--instances 1|2|both] [--start 250] [--step 250] [--max-trainees 4000]
        [--step-seconds 60] [--closed-loop-seconds 20] [--pool 96] [--postgresql-url URL]

For each database and number of gunicorn instances (4 sync workers each, behind nginx): a fresh
database, a pool of signed-in trainees, first the closed loop of `make bench-practice` (16
trainees replying without think time, the practice mix) to report its submit p95, then the
open loop of benchmarks.load.open_loop: turns arriving at N / 25 a second for N active
trainees (think times of 10 to 40 s), N going up by --step every --step-seconds until the
submit p95 of a step passes 300 ms. Reports every step and the capacity: the most active
trainees whose step kept the submit p95 within 300 ms. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import psycopg

from benchmarks.load.balancer import nginx
from benchmarks.load.client import Browser
from benchmarks.load.database import TRAINEE_PASSWORD, UnsafeDatabase, prepare, trainee_email
from benchmarks.load.figures import Figures, figures_for
from benchmarks.load.machine import CpuMeter
from benchmarks.load.open_loop import OpenLoop, Step, turns_per_second
from benchmarks.load.report import machine_line
from benchmarks.load.run import (
    MIX,
    POSTGRESQL,
    SQLITE,
    WARM_UP,
    WINDOW_TURNS,
    Plan,
    database_pids,
    fresh_database_url,
    run_window,
    server_environment,
)
from benchmarks.load.server import HOST, ServerFailed, ServerSettings, gunicorn
from benchmarks.load.trainee import SUBMIT, SignInFailed, Trainee
from benchmarks.practice_load import SCENARIOS, add_postgresql_url
from scoring.format import Library, load_library

GOAL_TRAINEES = 2000
SLOW_SUBMIT_P95_MS = 300.0
GOAL_CLOSED_LOOP_P95_MS = 100.0
CLOSED_LOOP_TRAINEES = 16
WARM_UP_SECONDS = 5.0
SIGN_INS_AT_ONCE = 4
# Sign-ins come from one address: the pool signs in at once, beyond the per-address limit.
SIGN_IN_LIMIT = {"FRONTLINE_LOGIN_LIMIT_PER_IP": "10000 per minute"}


@dataclass(frozen=True)
class Ramp:
    start: int
    step: int
    max_trainees: int
    step_seconds: float
    closed_loop_seconds: float
    pool: int
    postgresql_url: str


@dataclass(frozen=True)
class Capacity:
    database: str
    instances: int
    closed_loop: Figures
    steps: list[Step]

    @property
    def trainees(self) -> int:
        """The most active trainees of a step whose submit p95 stayed within the limit."""
        within = [step.trainees for step in self.steps if not _slow(step)]
        return max(within, default=0)

    @property
    def passed_at(self) -> int | None:
        """The first step whose submit p95 passed the limit (None: the ramp never got there)."""
        return next((step.trainees for step in self.steps if _slow(step)), None)


def _slow(step: Step) -> bool:
    return not step.submit.p95_ms <= SLOW_SUBMIT_P95_MS  # NaN (no submit) counts as slow


def measure(database: str, instances: int, ramp: Ramp, library: Library) -> Capacity:
    """The closed loop, then the ramp, against `instances` gunicorn servers behind nginx."""
    plan = Plan(CLOSED_LOOP_TRAINEES, WARM_UP_SECONDS, ramp.closed_loop_seconds,
                ServerSettings(), ramp.postgresql_url)
    with tempfile.TemporaryDirectory(prefix="frontline-capacity-") as scratch, ExitStack() as up:
        folder = Path(scratch)
        env = {**server_environment(fresh_database_url(database, plan, folder), folder),
               **SIGN_IN_LIMIT}
        prepare(env, library, ramp.pool)
        servers = [up.enter_context(gunicorn(env, plan.server, folder / f"gunicorn-{n}.log"))
                   for n in range(instances)]
        balancer = up.enter_context(nginx([server.port for server in servers], folder))
        meter = CpuMeter(servers[0].pid, database_pids(database, plan),
                         more_roots=[*(server.pid for server in servers[1:]), balancer.pid])
        trainees = [Trainee(Browser(HOST, balancer.port), trainee_email(n), TRAINEE_PASSWORD,
                            library, n) for n in range(ramp.pool)]
        # A few at a time: a sign-in hashes the password (scrypt), and a queue of them all
        # would outlast the client's timeout.
        with ThreadPoolExecutor(max_workers=SIGN_INS_AT_ONCE) as pool:
            for future in [pool.submit(trainee.sign_in) for trainee in trainees]:
                future.result()
        with ThreadPoolExecutor(max_workers=CLOSED_LOOP_TRAINEES) as pool:
            closed = trainees[:CLOSED_LOOP_TRAINEES]
            for name, seconds in ((WARM_UP, WARM_UP_SECONDS), (MIX, ramp.closed_loop_seconds)):
                window = run_window(pool, closed, name, seconds, WINDOW_TURNS[name], meter)
        samples = [sample for trainee in closed for sample in trainee.samples]
        closed_loop = figures_for(window, SUBMIT, samples)
        loop = OpenLoop(trainees, meter)
        steps = []
        try:
            for level in range(ramp.start, ramp.max_trainees + 1, ramp.step):
                steps.append(loop.run_step(level, ramp.step_seconds))
                print_step(steps[-1])
                if _slow(steps[-1]):
                    break
        finally:
            loop.close()
    return Capacity(database, instances, closed_loop, steps)


STEP_HEADER = (f"{'trainees':>8} {'turns/s':>7} {'submits':>7} {'errors':>6} {'p50 ms':>7} "
               f"{'p95 ms':>7} {'p99 ms':>7} {'wait p95':>8} {'server':>6} {'others':>6} "
               f"{'CPU/turn':>8}")


def print_step(step: Step) -> None:
    """One line per step; the cores are averages over the step, CPU/turn the server's
    milliseconds of CPU per turn (a reply with its share of starts, and a home page)."""
    submit, cpu = step.submit, step.cpu
    server = f"{cpu.server:>6.2f} {cpu.others:>6.2f} " if cpu else f"{'-':>6} {'-':>6} "
    per_turn = f"{cpu.server * cpu.seconds * 1000 / step.turns:>8.1f}" if cpu else f"{'-':>8}"
    print(f"{step.trainees:>8} {turns_per_second(step.trainees):>7.1f} {submit.requests:>7} "
          f"{submit.errors:>6} {submit.p50_ms:>7.1f} {submit.p95_ms:>7.1f} {submit.p99_ms:>7.1f} "
          f"{step.wait_p95_ms:>8.1f} {server}{per_turn}", flush=True)


def print_summary(results: list[Capacity]) -> None:
    print("\n| database | instances | closed loop, 16 trainees: submit p95 | active trainees "
          "within 300 ms | submit p95 passed 300 ms at |")
    print("| --- | --- | --- | --- | --- |")
    for result in results:
        closed = result.closed_loop.p95_ms
        passed = f"{result.passed_at:,}" if result.passed_at else "not reached"
        print(f"| {result.database} | {result.instances} | {closed:.1f} ms "
              f"({'met' if closed <= GOAL_CLOSED_LOOP_P95_MS else 'not met'}) | "
              f"{result.trainees:,} ({'met' if result.trainees >= GOAL_TRAINEES else 'not met'})"
              f" | {passed} |")
    print(f"Goals: closed-loop submit p95 <= {GOAL_CLOSED_LOOP_P95_MS:.0f} ms; at least "
          f"{GOAL_TRAINEES:,} active trainees with the submit p95 within "
          f"{SLOW_SUBMIT_P95_MS:.0f} ms.")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.capacity",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=[SQLITE, POSTGRESQL, "both"], default="both")
    parser.add_argument("--instances", choices=["1", "2", "both"], default="both")
    parser.add_argument("--start", type=int, default=250, help="active trainees of the first step")
    parser.add_argument("--step", type=int, default=250, help="trainees added at each step")
    parser.add_argument("--max-trainees", type=int, default=4000,
                        help="the ramp stops here even if submits stay fast")
    parser.add_argument("--step-seconds", type=float, default=60.0,
                        help="how long each step lasts (default 60)")
    parser.add_argument("--closed-loop-seconds", type=float, default=20.0,
                        help="the closed loop's measured window (default 20)")
    parser.add_argument("--pool", type=int, default=96,
                        help="signed-in browsers playing the turns (default 96)")
    add_postgresql_url(parser)
    args = parser.parse_args(argv)
    if min(args.start, args.step, args.step_seconds, args.closed_loop_seconds) <= 0 or \
            args.pool < CLOSED_LOOP_TRAINEES or args.max_trainees < args.start:
        parser.error(f"the numbers must be positive, --pool at least {CLOSED_LOOP_TRAINEES} "
                     "and --max-trainees at least --start")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ramp = Ramp(args.start, args.step, args.max_trainees, args.step_seconds,
                args.closed_loop_seconds, args.pool, args.postgresql_url)
    library = load_library(SCENARIOS)
    databases = [SQLITE, POSTGRESQL] if args.database == "both" else [args.database]
    counts = [1, 2] if args.instances == "both" else [int(args.instances)]
    print(machine_line())
    results = []
    for database in databases:
        for instances in counts:
            print(f"\n== {database}, {instances} gunicorn instance{'s' if instances > 1 else ''} "
                  f"({ServerSettings().describe()} each) behind nginx; steps of "
                  f"{ramp.step_seconds:g} s")
            print(STEP_HEADER)
            try:
                results.append(measure(database, instances, ramp, library))
            except (SignInFailed, ServerFailed, UnsafeDatabase, psycopg.Error) as error:
                print(f"{database}: the run could not take place: {error}", file=sys.stderr)
                return 2
            print(f"closed loop, {CLOSED_LOOP_TRAINEES} trainees: submit p95 "
                  f"{results[-1].closed_loop.p95_ms:.1f} ms")
    print_summary(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
