"""Samples of timed requests and the figures drawn from them: rate and latency percentiles."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from benchmarks.load.machine import CpuUse


@dataclass(frozen=True)
class Sample:
    """One request as the client saw it."""

    window: str
    kind: str
    seconds: float
    ok: bool
    finished_at: float  # time.perf_counter() when the answer (or the failure) was complete


@dataclass(frozen=True)
class Window:
    """One timed stretch of the run in which every trainee repeats the same behaviour."""

    name: str
    started_at: float
    ended_at: float  # when the last request of the window finished
    cpu: CpuUse | None = None

    @property
    def seconds(self) -> float:
        return self.ended_at - self.started_at


@dataclass(frozen=True)
class Figures:
    window: str
    kind: str
    requests: int
    errors: int
    per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float


def percentile(sorted_values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of the values <= it."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def figures_for(window: Window, kind: str, samples: Iterable[Sample]) -> Figures:
    """Rate and latency of one kind of request within one window (errors included)."""
    chosen = [s for s in samples if s.window == window.name and s.kind == kind]
    latencies = sorted(s.seconds * 1000 for s in chosen)
    return Figures(
        window=window.name,
        kind=kind,
        requests=len(chosen),
        errors=sum(1 for s in chosen if not s.ok),
        per_second=len(chosen) / window.seconds if window.seconds > 0 else math.nan,
        p50_ms=percentile(latencies, 0.50),
        p95_ms=percentile(latencies, 0.95),
        p99_ms=percentile(latencies, 0.99),
        max_ms=latencies[-1] if latencies else math.nan,
    )
