"""An open-loop load: turns of the practice mix arriving at a fixed rate, whatever the answers.

A trainee who reads the customer's message and types a reply for 10 to 40 s (uniformly, 25 s on
average) takes one turn every 25 s or so, so N active trainees send N / 25 turns a second. The
turns of many independent trainees arrive as a Poisson stream at that rate; unlike the closed
loop of `make bench-practice`, a slow server does not slow the arrivals down, so the queueing
shows in the latencies as it would for real people.

Each turn is played by a signed-in browser of a pool (benchmarks.load.trainee.Trainee: a reply,
starting the next scenario when the conversation ended, then the home page). The server's work
for a turn does not depend on which account sends it, so a pool of browsers stands in for the
N trainees; a turn that finds every browser busy waits, and that wait is reported.
"""

from __future__ import annotations

import queue
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from benchmarks.load.figures import Figures, Window, figures_for, percentile
from benchmarks.load.machine import CpuMeter, CpuUse, cpu_use
from benchmarks.load.trainee import SUBMIT, Trainee

MEAN_THINK_SECONDS = (10 + 40) / 2


@dataclass(frozen=True)
class Step:
    """One rate held for a while, and what the submits met."""

    trainees: int
    turns: int
    submit: Figures
    wait_p95_ms: float  # turns that waited for a free browser: the wait's p95
    cpu: CpuUse | None


def turns_per_second(trainees: int) -> float:
    return trainees / MEAN_THINK_SECONDS


class OpenLoop:
    """A pool of signed-in trainees playing turns as they arrive, one thread per trainee."""

    def __init__(self, trainees: list[Trainee], meter: CpuMeter, seed: int = 1) -> None:
        self.idle: queue.SimpleQueue[Trainee] = queue.SimpleQueue()
        for trainee in trainees:
            self.idle.put(trainee)
        self.trainees = trainees
        self.pool = ThreadPoolExecutor(max_workers=len(trainees))
        self.meter = meter
        self.arrivals = random.Random(seed)

    def run_step(self, trainees: int, seconds: float) -> Step:
        """Turns arrive for `seconds` at the rate of `trainees` active trainees; returns once
        every turn that arrived has been answered."""
        name = f"{trainees} trainees"
        rate = turns_per_second(trainees)
        waits: list[float] = []
        before = self.meter.snapshot()
        started = time.perf_counter()
        due = started + self.arrivals.expovariate(rate)
        futures = []
        while due < started + seconds:
            time.sleep(max(0.0, due - time.perf_counter()))
            futures.append(self.pool.submit(self._turn, name, due, waits))
            due += self.arrivals.expovariate(rate)
        for future in futures:
            future.result()
        ended = time.perf_counter()
        window = Window(name, started, ended, cpu_use(before, self.meter.snapshot()))
        samples = [sample for trainee in self.trainees for sample in trainee.samples]
        return Step(trainees, len(futures), figures_for(window, SUBMIT, samples),
                    percentile(sorted(waits), 0.95) * 1000, window.cpu)

    def close(self) -> None:
        self.pool.shutdown()
        for trainee in self.trainees:
            trainee.browser.close()

    def _turn(self, window: str, due: float, waits: list[float]) -> None:
        trainee = self.idle.get()
        waits.append(time.perf_counter() - due)
        try:
            trainee.window = window
            trainee.play_turn(with_bare_page=True)
        finally:
            self.idle.put(trainee)

