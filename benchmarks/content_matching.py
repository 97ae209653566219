"""Content matching and politeness against the labelled development set.

    .venv/bin/python -m benchmarks.content_matching [--devset DIR] [--scenarios DIR]
        [--errors [tuning|report|all]]

Each line of benchmarks/devset/*.jsonl is a reply to one scenario step with human labels:
{"scenario", "step", "reply", "labels": {"points": {id: bool}, "facts": {id: status},
"violations": [ids], "politeness": 1..5}}. Reports precision, recall and F1 for covered
points, facts stated right (and the exact-status accuracy of facts) and violations, plus
Spearman's rho of the politeness score against the 1..5 label.

The lines are split into two fixed halves by a hash of scenario, step and reply (`half_of`):
the tuning half is the one looked at while improving the matcher and the phrase lists, the
report half is the figure to quote. `--errors` lists the tuning half's disagreements with the
evidence the scorer found; `--errors report` shows the report half's, for after the work.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.agreement import precision_recall_f1, spearman
from scoring import FactStatus, ScoreCard, score_reply
from scoring.format import load_library

HERE = Path(__file__).resolve().parent
HALVES = ("report", "tuning")


def half_of(example: dict) -> str:
    """The fixed half of a labelled reply: 'report' when the first byte of the SHA-256 of
    scenario, step and reply (joined by U+001F) is odd, else 'tuning'."""
    return half_of_key("\x1f".join((example["scenario"], example["step"], example["reply"])))


def half_of_key(key: str) -> str:
    """'report' when the first byte of the key's SHA-256 is odd, else 'tuning'."""
    return "report" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 else "tuning"


@dataclass
class Tally:
    """Agreement counts and politeness pairs of one set of replies."""

    counts: Counter[str] = field(default_factory=Counter)
    politeness: list[tuple[int, int]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.counts.update(other.counts)
        self.politeness.extend(other.politeness)

    def lines(self) -> list[str]:
        counts = self.counts
        result = []
        for kind in ("points", "facts", "violations"):
            tp, fp, fn = counts[f"{kind} tp"], counts[f"{kind} fp"], counts[f"{kind} fn"]
            precision, recall, f1 = precision_recall_f1(tp, fp, fn)
            result.append(
                f"  {kind:<11} precision={precision:.3f} recall={recall:.3f} F1={f1:.3f} "
                f"(tp={tp} fp={fp} fn={fn})"
            )
        accuracy = counts["facts exact"] / max(counts["facts all"], 1)
        result.append(f"  facts exact-status accuracy={accuracy:.3f}")
        if len(self.politeness) > 1:
            rho = spearman(
                [float(score) for score, _ in self.politeness],
                [float(label) for _, label in self.politeness],
            )
            result.append(f"  politeness Spearman rho vs label={rho:.3f}")
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=HERE / "devset")
    parser.add_argument("--scenarios", type=Path, default=HERE.parent / "scenarios")
    parser.add_argument(
        "--errors",
        nargs="?",
        const="tuning",
        choices=("tuning", "report", "all"),
        help="list the disagreements of one half (tuning unless named)",
    )
    args = parser.parse_args()
    scenarios = load_library(args.scenarios).scenarios
    tallies = {half: Tally() for half in HALVES}
    skipped = 0
    for path in sorted(args.devset.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            example = json.loads(line)
            scenario = scenarios.get(example["scenario"])
            if scenario is None or example["step"] not in {step.id for step in scenario.steps}:
                skipped += 1
                print(f"skipped {path.name}:{number}: unknown scenario or step")
                continue
            half = half_of(example)
            card = score_reply(example["reply"], scenario.step(example["step"]))
            labels = example["labels"]
            problems = compare(card, labels, tallies[half].counts)
            if problems and args.errors in (half, "all"):
                where = f"{path.name}:{number} [{example['scenario']}/{example['step']}]"
                print(f"{where} {example['reply']!r}")
                for problem in problems:
                    print(f"    {problem}")
            tallies[half].politeness.append((card.politeness, labels["politeness"]))
    whole = Tally()
    for tally in tallies.values():
        whole.add(tally)
    for name, tally in (
        ("report half (the figure to quote)", tallies["report"]),
        ("tuning half", tallies["tuning"]),
        ("whole dev set", whole),
    ):
        print(f"{name}: {len(tally.politeness)} replies")
        print("\n".join(tally.lines()))
    if skipped:
        print(f"skipped: {skipped}")


def compare(card: ScoreCard, labels: dict, counts: Counter[str]) -> list[str]:
    """Count agreements into `counts`; return a description of each disagreement."""
    problems = []
    for point in card.points:
        expected = labels["points"].get(point.id)
        if expected is not None:
            _tally(counts, "points", point.covered, expected)
            if point.covered != expected:
                problems.append(f"point {point.id}: labelled {expected}, {_found(point.evidence)}")
    for fact in card.facts:
        expected = labels["facts"].get(fact.id)
        if expected is not None:
            counts["facts all"] += 1
            counts["facts exact"] += fact.status == expected
            _tally(counts, "facts", fact.status is FactStatus.RIGHT, expected == "right")
            if fact.status != expected:
                problems.append(
                    f"fact {fact.id}: labelled {expected}, scored {fact.status} "
                    f"({_found(fact.evidence)})"
                )
    for item in card.never:
        expected = item.id in labels["violations"]
        _tally(counts, "violations", item.violated, expected)
        if item.violated != expected:
            problems.append(f"never {item.id}: labelled {expected}, {_found(item.evidence)}")
    return problems


def _tally(counts: Counter[str], kind: str, predicted: bool, expected: bool) -> None:
    if predicted and expected:
        counts[f"{kind} tp"] += 1
    elif predicted:
        counts[f"{kind} fp"] += 1
    elif expected:
        counts[f"{kind} fn"] += 1


def _found(evidence: object) -> str:
    return "no match" if evidence is None else f"matched {evidence}"


if __name__ == "__main__":
    main()
