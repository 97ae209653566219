"""Content matching and politeness against the labelled development set.

    .venv/bin/python -m benchmarks.content_matching [--devset DIR] [--scenarios DIR] [--errors]

Each line of benchmarks/devset/*.jsonl is a reply to one scenario step with human labels:
{"scenario", "step", "reply", "labels": {"points": {id: bool}, "facts": {id: status},
"violations": [ids], "politeness": 1..5}}. Reports precision, recall and F1 for covered
points, facts stated right (and the exact-status accuracy of facts) and violations, plus
Spearman's rho of the politeness score against the 1..5 label. `--errors` lists every
disagreement with the evidence the scorer found.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from benchmarks.agreement import precision_recall_f1, spearman
from scoring import FactStatus, ScoreCard, score_reply
from scoring.format import load_library

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=HERE / "devset")
    parser.add_argument("--scenarios", type=Path, default=HERE.parent / "scenarios")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    scenarios = load_library(args.scenarios).scenarios
    counts: Counter[str] = Counter()
    politeness: list[tuple[int, int]] = []
    for path in sorted(args.devset.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            example = json.loads(line)
            scenario = scenarios.get(example["scenario"])
            if scenario is None or example["step"] not in {step.id for step in scenario.steps}:
                counts["skipped"] += 1
                print(f"skipped {path.name}:{number}: unknown scenario or step")
                continue
            card = score_reply(example["reply"], scenario.step(example["step"]))
            labels = example["labels"]
            for problem in compare(card, labels, counts):
                if args.errors:
                    print(f"{path.name}:{number} {problem}")
            politeness.append((card.politeness, labels["politeness"]))
    print(f"replies scored: {len(politeness)}, skipped: {counts['skipped']}")
    for kind in ("points", "facts", "violations"):
        precision, recall, f1 = precision_recall_f1(
            counts[f"{kind} tp"], counts[f"{kind} fp"], counts[f"{kind} fn"]
        )
        print(
            f"{kind:<11} precision={precision:.3f} recall={recall:.3f} F1={f1:.3f} "
            f"(tp={counts[f'{kind} tp']} fp={counts[f'{kind} fp']} fn={counts[f'{kind} fn']})"
        )
    print(f"facts exact-status accuracy={counts['facts exact'] / max(counts['facts all'], 1):.3f}")
    rho = spearman(
        [float(score) for score, _ in politeness], [float(label) for _, label in politeness]
    )
    print(f"politeness Spearman rho vs label={rho:.3f}")


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
