"""Whether the grade holds against replies written to game it: the adversarial dev set.

    .venv/bin/python -m benchmarks.adversarial [--devset DIR] [--scenarios DIR]
        [--errors [tuning|report|all]]

Each line of benchmarks/devset/adversarial/*.jsonl is a reply to one scenario step, written
by hand, of one of nine kinds: A excellent in own words and G right content with typos should
pass; B keyword stuffing, C a model answer plus one rude sentence, D polite but empty, E a
wrong fact that keeps the keywords, F sarcasm in polite words, H a polished reply to another
scenario and I veiled blame should fail. Prints, per kind and per half (the same fixed halves
as benchmarks.content_matching), the mean scores and pass rate, then the three figures:
good replies passed, bad replies failed, and bad replies at least 10 points below each
excellent reply to the same step. `--errors` lists the tuning half's misgraded replies.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from benchmarks.content_matching import HALVES, half_of
from scoring import ScoreCard, score_reply
from scoring.format import load_library

HERE = Path(__file__).resolve().parent
KINDS = {
    "A": "excellent, own words",
    "B": "keyword stuffing",
    "C": "model answer + rude sentence",
    "D": "polite but empty",
    "E": "wrong fact, keywords kept",
    "F": "sarcasm in polite words",
    "G": "typos, informal grammar",
    "H": "polished, other scenario",
    "I": "veiled blame",
}
GOOD = frozenset("AG")
MARGIN = 10


@dataclass(frozen=True)
class Graded:
    example: dict
    card: ScoreCard

    @property
    def good(self) -> bool:
        return self.example["kind"] in GOOD

    @property
    def right(self) -> bool:
        return self.card.passes() == self.good


def read_devset(directory: Path) -> list[dict]:
    return [
        json.loads(line)
        for path in sorted(directory.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def grade(examples: list[dict], scenarios_dir: Path) -> list[Graded]:
    library = load_library(scenarios_dir)
    return [
        Graded(
            example,
            score_reply(
                example["reply"], library.scenarios[example["scenario"]].step(example["step"])
            ),
        )
        for example in examples
    ]


def report(graded: list[Graded]) -> list[str]:
    lines = [
        f"  {'kind':<34} {'n':>3} {'overall':>7} {'polite':>6} {'correct':>7} {'complete':>8} "
        f"{'passes':>7}"
    ]
    by_kind: dict[str, list[Graded]] = defaultdict(list)
    for item in graded:
        by_kind[item.example["kind"]].append(item)
    for kind, name in KINDS.items():
        items = by_kind.get(kind, [])
        if not items:
            continue
        cards = [item.card for item in items]
        lines.append(
            f"  {kind} {name:<32} {len(items):>3} {_mean(c.overall for c in cards):>7.1f} "
            f"{_mean(c.politeness for c in cards):>6.1f} "
            f"{_mean(c.correctness for c in cards):>7.1f} "
            f"{_mean(c.completeness for c in cards):>8.1f} "
            f"{sum(c.passes() for c in cards):>3}/{len(items):<3}"
        )
    good = [item for item in graded if item.good]
    bad = [item for item in graded if not item.good]
    lines.append(f"  good replies (A, G) passed:     {_share(good, lambda item: item.right)}")
    lines.append(f"  bad replies failed:             {_share(bad, lambda item: item.right)}")
    lines.append(f"  bad >= {MARGIN} below excellent:       {_margin(graded)}")
    return lines


def _margin(graded: list[Graded]) -> str:
    excellent: dict[tuple[str, str], list[int]] = defaultdict(list)
    for item in graded:
        if item.example["kind"] == "A":
            excellent[item.example["scenario"], item.example["step"]].append(item.card.overall)
    pairs = [
        item.card.overall <= best - MARGIN
        for item in graded
        if not item.good
        for best in excellent[item.example["scenario"], item.example["step"]]
    ]
    return f"{sum(pairs) / len(pairs):.3f} ({sum(pairs)}/{len(pairs)} pairs)" if pairs else "-"


def _share(items: list[Graded], test) -> str:
    if not items:
        return "-"
    hits = sum(bool(test(item)) for item in items)
    return f"{hits / len(items):.3f} ({hits}/{len(items)})"


def _mean(values) -> float:
    present = [value for value in values if value is not None]
    return statistics.fmean(present) if present else float("nan")


def errors(graded: list[Graded]) -> list[str]:
    lines = []
    for item in graded:
        if item.right:
            continue
        card, example = item.card, item.example
        lines.append(
            f"- [{example['kind']}] {example['scenario']}/{example['step']}: overall "
            f"{card.overall} (P{card.politeness} C{card.correctness} K{card.completeness}) "
            f"stated {card.stated_share:.2f}"
        )
        lines.append(f"    {example['reply'][:400]!r}")
        fired = [f"{n.id}: {n.evidence.text}" for n in card.never if n.violated and n.evidence]
        lines.append(f"    violations {fired}")
        lines.append(
            f"    missing {[p.id for p in card.points if not p.covered]} "
            f"facts { ({f.id: f.status.value for f in card.facts}) }"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=HERE / "devset" / "adversarial")
    parser.add_argument("--scenarios", type=Path, default=HERE.parent / "scenarios")
    parser.add_argument("--errors", nargs="?", const="tuning", choices=[*HALVES, "all"])
    args = parser.parse_args(argv)
    graded = grade(read_devset(args.devset), args.scenarios)
    print(
        f"Adversarial dev set ({len(graded)} replies), pass = overall >= 70, "
        "each dimension >= 60, no violation"
    )
    for half in HALVES:
        print(f"{half} half{' (the figure to quote)' if half == 'report' else ''}:")
        print("\n".join(report([item for item in graded if half_of(item.example) == half])))
    print("whole set:")
    print("\n".join(report(graded)))
    if args.errors:
        chosen = [
            item for item in graded if args.errors == "all" or half_of(item.example) == args.errors
        ]
        print(f"\nMisgraded replies ({args.errors} half):")
        print("\n".join(errors(chosen)))


if __name__ == "__main__":
    main()
