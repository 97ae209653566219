"""The printed outcome of a run: a table of figures per window and the goals' verdicts."""

from __future__ import annotations

import math
import os
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from benchmarks.load.figures import Figures, figures_for
from benchmarks.load.run import BARE_ONLY, MIX, SUBMIT_ONLY, RunResult
from benchmarks.load.server import tail
from benchmarks.load.trainee import BARE_PAGE, PLAY_PAGE, START, SUBMIT

GOAL_SUBMIT_P95_MS = 50.0
GOAL_THROUGHPUT_SHARE = 0.40
BUSY_MACHINE_CORES = 0.1
KINDS_SHOWN = (SUBMIT, BARE_PAGE, START, PLAY_PAGE)
HEADER = (f"{'window':<15} {'request':<10} {'requests':>8} {'errors':>6} {'req/s':>7} "
          f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}")


@dataclass(frozen=True)
class Verdict:
    goal: str
    measured: str
    met: bool
    sound: bool = False  # a correctness check (errors, rows), not a speed goal

    def line(self) -> str:
        return f"  {'MET    ' if self.met else 'NOT MET'}  {self.goal}: {self.measured}"


def machine_line() -> str:
    return (f"machine: {os.cpu_count()} cores ({cpu_model()}), Python {platform.python_version()},"
            f" gunicorn {metadata.version('gunicorn')}")


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def table(result: RunResult) -> list[Figures]:
    """Figures for every window and every kind of request that window sent."""
    rows = []
    for window in result.windows:
        for kind in KINDS_SHOWN:
            figures = figures_for(window, kind, result.samples)
            if figures.requests:
                rows.append(figures)
    return rows


def format_row(figures: Figures) -> str:
    return (f"{figures.window:<15} {figures.kind:<10} {figures.requests:>8} {figures.errors:>6} "
            f"{figures.per_second:>7.1f} {figures.p50_ms:>7.1f} {figures.p95_ms:>7.1f} "
            f"{figures.p99_ms:>7.1f} {figures.max_ms:>7.1f}")


def find(rows: list[Figures], window: str, kind: str) -> Figures | None:
    return next((f for f in rows if f.window == window and f.kind == kind), None)


def verdicts(result: RunResult, rows: list[Figures]) -> list[Verdict]:
    mix_submit = find(rows, MIX, SUBMIT)
    submit_rate = find(rows, SUBMIT_ONLY, SUBMIT)
    bare_rate = find(rows, BARE_ONLY, BARE_PAGE)
    p95 = mix_submit.p95_ms if mix_submit else math.nan
    share = (submit_rate.per_second / bare_rate.per_second
             if submit_rate and bare_rate and bare_rate.per_second else math.nan)
    errors = sum(1 for sample in result.samples if not sample.ok)
    replies_match = result.accepted_replies == result.rows.replies
    return [
        Verdict(f"submit p95 in the {MIX} <= {GOAL_SUBMIT_P95_MS:.0f} ms", f"{p95:.1f} ms",
                p95 <= GOAL_SUBMIT_P95_MS),
        Verdict(f"submit throughput ({SUBMIT_ONLY}) >= {GOAL_THROUGHPUT_SHARE:.0%} of the bare "
                f"page's ({BARE_ONLY})", f"{share:.0%}", share >= GOAL_THROUGHPUT_SHARE),
        Verdict("no errors (whole run, warm-up included)", f"{errors} errors", errors == 0,
                sound=True),
        Verdict("no lost or doubled replies", f"{result.accepted_replies} accepted, "
                f"{result.rows.replies} rows", replies_match, sound=True),
    ]


def print_cpu_use(result: RunResult) -> None:
    """Where the CPU went per window, and a warning when other work competed for it."""
    measured = [window for window in result.windows if window.cpu is not None]
    for window in measured:
        cpu = window.cpu
        kind = BARE_PAGE if window.name == BARE_ONLY else SUBMIT
        count = figures_for(window, kind, result.samples).requests
        per_request = cpu.server * cpu.seconds * 1000 / count if count else math.nan
        print(f"cpu in {window.name}: server {cpu.server:.2f} cores, driver {cpu.driver:.2f}, "
              f"other processes {cpu.others:.2f}; server CPU per {kind} (window's other "
              f"requests included): {per_request:.1f} ms")
    if any(window.cpu.others > BUSY_MACHINE_CORES for window in measured):
        print(f"  WARNING: other processes used more than {BUSY_MACHINE_CORES} cores during a "
              "window; its figures are worse than this machine can do: run again when it is idle")


def print_result(result: RunResult) -> list[Verdict]:
    """Print one database's figures and verdicts; returns the verdicts."""
    plan = result.plan
    print(f"\n== {result.database_version}: {plan.trainees} trainees, {plan.server.describe()}; "
          f"warm-up {plan.warm_up_seconds:g} s (not counted), then windows of "
          f"{plan.window_seconds:g} s")
    rows = table(result)
    print(HEADER)
    for figures in rows:
        print(format_row(figures))
    print_cpu_use(result)
    print(f"replies: {result.accepted_replies} accepted by the driver, {result.rows.replies} rows "
          "in the database (whole run)")
    print(f"attempts: {result.attempts_started} started by the driver, {result.rows.attempts} "
          "rows in the database")
    for error in result.errors:
        print(f"  error: {error}")
    if result.errors and result.server_log.strip():
        print("server log (last lines):")
        print(tail(result.server_log))
    checks = verdicts(result, rows)
    for verdict in checks:
        print(verdict.line())
    return checks


def run_each(
    databases: list[str],
    run: Callable[[str], Any],
    report: Callable[[Any], list[Verdict]],
    failures: tuple[type[BaseException], ...],
) -> int:
    """Run and report the benchmark on each database: 0 when every sound goal is met, 1 when
    one is missed, 2 when a run could not take place (`failures` says which errors mean that)."""
    print(machine_line())
    sound = True
    for database in databases:
        try:
            result = run(database)
        except failures as error:
            print(f"{database}: the run could not take place: {error}", file=sys.stderr)
            return 2
        verdicts = report(result)
        sound = sound and all(verdict.met for verdict in verdicts if verdict.sound)
    return 0 if sound else 1
