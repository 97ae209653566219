"""Who used the CPU during a window: the server, the load driver, or somebody else.

The driver and the server share one small machine, and other work on it (a test suite, a
build) slows both. Reading /proc before and after each window shows how much CPU went where,
so a figure measured on a busy machine is reported as such instead of silently looking bad.
Linux only; elsewhere the figures are simply not shown.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
BUSY_FIELDS = (0, 1, 2, 5, 6, 7)  # user nice system irq softirq steal in /proc/stat's cpu line


@dataclass(frozen=True)
class CpuSnapshot:
    wall: float
    machine_busy: float  # CPU seconds all cores spent busy since boot
    driver: float  # CPU seconds of this process (the trainees' threads)
    server: float  # CPU seconds of the server's processes (gunicorn, and PostgreSQL if used)


@dataclass(frozen=True)
class CpuUse:
    """Average cores in use over `seconds`."""

    seconds: float
    driver: float
    server: float
    others: float


def available() -> bool:
    return (PROC / "stat").exists()


def machine_busy_seconds() -> float:
    fields = (PROC / "stat").read_text().split("\n", 1)[0].split()[1:]
    return sum(int(fields[index]) for index in BUSY_FIELDS) / TICKS_PER_SECOND


def process_stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, CPU seconds) of a live process; None once it has gone."""
    try:
        raw = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    name = raw[raw.index("(") + 1 : raw.rindex(")")]
    rest = raw[raw.rindex(")") + 2 :].split()
    return name, int(rest[1]), (int(rest[11]) + int(rest[12])) / TICKS_PER_SECOND


def all_processes() -> dict[int, tuple[str, int, float]]:
    stats = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            stat = process_stat(int(entry.name))
            if stat is not None:
                stats[int(entry.name)] = stat
    return stats


def server_cpu_seconds(
    stats: dict[int, tuple[str, int, float]], roots: Iterable[int], extra: Iterable[int]
) -> float:
    """CPU of the `roots` and their descendants, plus the `extra` processes."""
    ours = set(roots)
    changed = True
    while changed:
        children = {pid for pid, (_, parent, _) in stats.items() if parent in ours}
        changed = not children <= ours
        ours |= children
    ours |= set(extra)
    return sum(stats[pid][2] for pid in ours if pid in stats)


def no_processes() -> list[int]:
    return []


class CpuMeter:
    """Snapshots of CPU use by gunicorn (`server_root`, its master) and the database server.

    `database_pids` names the database server's processes that serve the benchmark (PostgreSQL's
    backends connected to its database), so a test suite using the same PostgreSQL server
    counts as other work.
    """

    def __init__(self, server_root: int, database_pids: Callable[[], Iterable[int]] = no_processes,
                 more_roots: Iterable[int] = ()):
        self.server_roots = (server_root, *more_roots)  # more: other instances, a balancer
        self.database_pids = database_pids

    def snapshot(self) -> CpuSnapshot | None:
        if not available():
            return None
        extra = list(self.database_pids())
        stats = all_processes()
        driver = stats.get(os.getpid(), ("", 0, 0.0))[2]
        server = server_cpu_seconds(stats, self.server_roots, extra)
        return CpuSnapshot(time.perf_counter(), machine_busy_seconds(), driver, server)


def cpu_use(before: CpuSnapshot | None, after: CpuSnapshot | None) -> CpuUse | None:
    """Average cores used between two snapshots by the driver, the server and the rest."""
    if before is None or after is None or after.wall <= before.wall:
        return None
    seconds = after.wall - before.wall
    driver = (after.driver - before.driver) / seconds
    server = (after.server - before.server) / seconds
    busy = (after.machine_busy - before.machine_busy) / seconds
    others = max(0.0, busy - driver - server)
    return CpuUse(seconds=seconds, driver=driver, server=server, others=others)
