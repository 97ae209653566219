"""Politeness scorer against the Stack Exchange half of the Stanford Politeness Corpus.

    .venv/bin/python -m benchmarks.politeness_corpus [--csv PATH] [--strategies]

Rows with an even Id form the fitting half: the only rows benchmarks/fit_politeness.py reads
to fit the weights of scoring/politeness_weights.json. Rows with an odd Id are held out; their
figures are the ones to quote. Reports Spearman's rho of the politeness score against
`Normalized Score` and the accuracy of telling the top quartile from the bottom one, for the
held-out half, the fitting half and the whole file, for our score and for TextBlob's polarity
of the whole request alone. Each scorer's decision threshold is the median of its scores over
the fitting half's top and bottom quartiles (a balanced set); a score equal to the threshold
counts as half right, like a coin toss. `--strategies` lists, for the fitting half, how often
each strategy fires and the mean human score of the requests where it does.
"""

from __future__ import annotations

import argparse
import csv
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from textblob import TextBlob

from benchmarks.agreement import spearman
from scoring import Strategy, score_reply

# The corpus sits beside the repository in ../shared/data (see its README there).
DEFAULT_CSV = (
    Path(__file__).resolve().parents[2] / "shared/data/politeness/stack-exchange.annotated.csv"
)


def is_fitting_half(request_id: int) -> bool:
    """Even Ids form the fitting half; odd Ids are held out and never used for fitting."""
    return request_id % 2 == 0


@dataclass(frozen=True)
class Request:
    id: int
    human: float
    score: int
    polarity: float
    strategies: frozenset[str]


Scorer = Callable[[Request], float]
SCORERS: dict[str, Scorer] = {
    "Frontline politeness": lambda request: request.score,
    "TextBlob polarity alone": lambda request: request.polarity,
}


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
                    polarity=TextBlob(row["Request"]).sentiment.polarity,
                    strategies=frozenset(
                        str(marker.strategy)
                        for marker in card.markers
                        if marker.strategy != Strategy.WORDING
                    ),
                )
            )
    return requests


def quartiles(requests: Sequence[Request]) -> tuple[list[Request], list[Request]]:
    """The bottom and the top quarter by human score."""
    ordered = sorted(requests, key=lambda request: request.human)
    quarter = len(ordered) // 4
    return ordered[:quarter], ordered[-quarter:]


def threshold(requests: Sequence[Request], scorer: Scorer) -> float:
    """The median score over the balanced top and bottom quarters of `requests`."""
    bottom, top = quartiles(requests)
    return statistics.median(scorer(request) for request in bottom + top)


def accuracy(requests: Sequence[Request], scorer: Scorer, cut: float) -> float:
    bottom, top = quartiles(requests)
    right = sum(_credit(scorer(request), cut, polite=False) for request in bottom)
    right += sum(_credit(scorer(request), cut, polite=True) for request in top)
    return right / (len(bottom) + len(top))


def _credit(score: float, cut: float, *, polite: bool) -> float:
    if score == cut:
        return 0.5
    return 1.0 if (score > cut) == polite else 0.0


def report(requests: Sequence[Request]) -> None:
    fitting = [request for request in requests if is_fitting_half(request.id)]
    held_out = [request for request in requests if not is_fitting_half(request.id)]
    rows = [
        ("held-out half (odd Id), to quote", held_out),
        ("fitting half (even Id)", fitting),
        ("whole file (half of it fitted)", requests),
    ]
    for name, scorer in SCORERS.items():
        cut = threshold(fitting, scorer)
        print(f"{name} (threshold {cut:g}, from the fitting half)")
        for label, part in rows:
            rho = spearman([scorer(request) for request in part], [r.human for r in part])
            print(
                f"  {label:<34} n={len(part):>5}  Spearman rho={rho:.3f}  "
                f"quartile accuracy={accuracy(part, scorer, cut):.3f}"
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
    report(requests)
    if args.strategies:
        strategy_table([request for request in requests if is_fitting_half(request.id)])


if __name__ == "__main__":
    main()
