"""Politeness scorer against the Stack Exchange half of the Stanford Politeness Corpus.

    .venv/bin/python -m benchmarks.politeness_corpus [--csv PATH] [--strategies]

Rows with an even Id form the fitting half (the only rows looked at while tuning the strategy
weights), rows with an odd Id the held-out half. Reports Spearman's rho of the politeness score
against `Normalized Score` and the accuracy of telling the top quartile from the bottom one,
for the held-out half and for the whole file. The decision threshold is the median of our
scores over the fitting half's top and bottom quartiles (a balanced set); a score equal to the
threshold counts as half right, like a coin toss. `--strategies` lists, for the fitting half,
how often each strategy fires and the mean human score of the requests where it does.
"""

from __future__ import annotations

import argparse
import csv
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.agreement import spearman
from scoring import score_reply

DEFAULT_CSV = Path("/work/shared/data/politeness/stack-exchange.annotated.csv")


@dataclass(frozen=True)
class Request:
    id: int
    human: float
    score: int
    strategies: frozenset[str]


def load(path: Path) -> list[Request]:
    requests = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            card = score_reply(row["Request"])
            requests.append(
                Request(
                    id=int(row["Id"]),
                    human=float(row["Normalized Score"]),
                    score=card.politeness,
                    strategies=frozenset(str(marker.strategy) for marker in card.markers),
                )
            )
    return requests


def quartiles(requests: Sequence[Request]) -> tuple[list[Request], list[Request]]:
    """The bottom and the top quarter by human score."""
    ordered = sorted(requests, key=lambda request: request.human)
    quarter = len(ordered) // 4
    return ordered[:quarter], ordered[-quarter:]


def accuracy(requests: Sequence[Request], threshold: float) -> float:
    bottom, top = quartiles(requests)
    right = sum(_credit(request.score, threshold, polite=False) for request in bottom)
    right += sum(_credit(request.score, threshold, polite=True) for request in top)
    return right / (len(bottom) + len(top))


def _credit(score: int, threshold: float, *, polite: bool) -> float:
    if score == threshold:
        return 0.5
    return 1.0 if (score > threshold) == polite else 0.0


def report(name: str, requests: Sequence[Request], threshold: float) -> None:
    rho = spearman([request.score for request in requests], [request.human for request in requests])
    print(
        f"{name:<28} n={len(requests):>5}  Spearman rho={rho:.3f}  "
        f"quartile accuracy={accuracy(requests, threshold):.3f}"
    )


def strategy_table(requests: Sequence[Request]) -> None:
    names = sorted({name for request in requests for name in request.strategies})
    print(f"\n{'strategy (fitting half)':<24} {'rows':>5} {'mean with':>10} {'mean without':>13}")
    for name in names:
        used = [request.human for request in requests if name in request.strategies]
        unused = [request.human for request in requests if name not in request.strategies]
        print(
            f"{name:<24} {len(used):>5} {statistics.fmean(used):>10.3f} "
            f"{statistics.fmean(unused):>13.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--strategies", action="store_true", help="per-strategy table")
    args = parser.parse_args()
    requests = load(args.csv)
    fitting = [request for request in requests if request.id % 2 == 0]
    held_out = [request for request in requests if request.id % 2 == 1]
    bottom, top = quartiles(fitting)
    threshold = statistics.median(request.score for request in bottom + top)
    print(f"threshold (median score on the fitting half's quartiles): {threshold}")
    report("held-out half (odd Id)", held_out, threshold)
    report("fitting half (even Id)", fitting, threshold)
    report("whole file", requests, threshold)
    if args.strategies:
        strategy_table(fitting)


if __name__ == "__main__":
    main()
