"""The CPU time of the trainee's home page for a short and a long history: what it shows of
their progress must not grow with the history.

    .venv/bin/python -m benchmarks.home_page [--history 50,2000] [--requests 100]

For each history length: a fresh SQLite database seeded with one trainee and that many finished
attempts beside 20 trainees with 250 each (benchmarks.progress_pages's bulk load, exams certifying
at half of the scenarios), every standing evaluated once. Then `/home` is requested through the
Flask test client, the lengths taking turns, and each request timed in process: the process's CPU
time (the app's and the database's work) and the wall time. Reports the medians per length.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.ending_submit import OTHER_HISTORY, OTHER_TRAINEES, unpractised_half
from benchmarks.progress_pages import ROOT, build_app, seed, signed_in_client
from scoring.format import load_library
from trainer.database import db
from trainer.progress.services import evaluate_everyone


def seeded_client(folder: Path, history: int, unpractised: frozenset[str]):
    app = build_app(f"sqlite:///{folder / f'home-{history}.sqlite3'}")
    with app.app_context():
        seed(1 + OTHER_TRAINEES, OTHER_HISTORY, 3, random.Random(history),
             unpractised=unpractised, first_attempts=history)
        evaluate_everyone()
    return app, signed_in_client(app, "trainee0@bench.example")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.home_page",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--history", default="50,2000",
                        help="finished attempts to seed, comma-separated (default 50,2000)")
    parser.add_argument("--requests", type=int, default=100)
    options = parser.parse_args(argv)
    histories = [int(part) for part in options.history.split(",")]
    unpractised = unpractised_half(load_library(ROOT / "scenarios"))
    times: dict[int, list[tuple[float, float]]] = {history: [] for history in histories}
    with tempfile.TemporaryDirectory() as folder:
        clients = {history: seeded_client(Path(folder), history, unpractised)
                   for history in histories}
        for number in range(options.requests + 1):
            for history, (_, client) in clients.items():
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get("/home")
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                assert response.status_code == 200, response.status_code
                if number:  # the first round fills the caches
                    times[history].append((cpu * 1000, wall * 1000))
        for app, _ in clients.values():
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
    print("\nTrainee home page (/home), in process (sqlite):")
    print("| finished attempts | requests | CPU median ms | wall median ms |")
    print("| ---: | ---: | ---: | ---: |")
    for history, pairs in times.items():
        cpu, wall = zip(*pairs, strict=True)
        print(f"| {history:,} | {len(pairs)} | {statistics.median(cpu):.1f} | "
              f"{statistics.median(wall):.1f} |")


if __name__ == "__main__":
    main()
