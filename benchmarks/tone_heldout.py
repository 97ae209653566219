"""How the tone rules do on sentences by writers the fitted model never saw.

    .venv/bin/python -m benchmarks.tone_heldout [--devset DIR]

Each line of benchmarks/devset/tone-heldout/*.jsonl is one sentence with its label, in the
format of the tone set the model is fitted on (benchmarks/devset/tone/), written as minimal
pairs by writers whose sentences benchmarks.fit_tone does not read: they measure how the
shared tone rules and the fitted model carry over to people with other voices. Prints, per
writer and for all of them, the share of faulty sentences that some tone rule flags and the
share of fine sentences flagged, then the faulty sentences found per label, and how many of
the flags came from the phrase rules and how many from the fitted model alone; for the
tuning half, the report half (both sentences of a pair fall in the same half, by a hash of
the writer's file and the pair's number) and both.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from benchmarks.content_matching import HALVES, half_of_key
from scoring.text import Analysis
from scoring.tone import CONTEXT_RULES, FITTED_PHRASE, find_tone
from scoring.tone_model import FINE

HERE = Path(__file__).resolve().parent
HELD_OUT = HERE / "devset" / "tone-heldout"


def flagged_by(text: str) -> str | None:
    """'phrase' when a phrase rule flags the sentence, 'model' when only the fitted model
    does, else None."""
    hits = find_tone(Analysis(text), CONTEXT_RULES)
    if not hits:
        return None
    return "model" if all(hit.evidence.phrase == FITTED_PHRASE for hit in hits) else "phrase"


def half_of(path: Path, entry: dict) -> str:
    """'report' when the first byte of the SHA-256 of the file's name and the pair's number
    (joined by U+001F) is odd, else 'tuning'."""
    return half_of_key(f"{path.name}\x1f{entry['pair']}")


def tally(path: Path, half: str | None) -> Counter[tuple[str, ...]]:
    counts: Counter[tuple[str, ...]] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        if half is not None and half_of(path, entry) != half:
            continue
        faulty = entry["label"] != FINE
        source = flagged_by(entry["text"])
        counts["faulty" if faulty else "fine", "flagged" if source else "passed"] += 1
        if faulty:
            counts["label", entry["label"], "flagged" if source else "passed"] += 1
        if source:
            counts["source", source] += 1
    return counts


def summary(name: str, counts: Counter[tuple[str, ...]]) -> str:
    found, missed = counts["faulty", "flagged"], counts["faulty", "passed"]
    false, fine = counts["fine", "flagged"], counts["fine", "passed"]
    return (
        f"  {name:<24} faulty found {found / max(1, found + missed):.3f} ({found}/{found + missed})"
        f"  fine flagged {false / max(1, false + fine):.3f} ({false}/{false + fine})"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=HELD_OUT)
    args = parser.parse_args(argv)
    for half in (*HALVES, None):
        print(f"Tone rules on held-out writers, {half or 'both'} {'half' if half else 'halves'}:")
        report(sorted(args.devset.glob("*.jsonl")), half)


def report(paths: list[Path], half: str | None) -> None:
    total: Counter[tuple[str, ...]] = Counter()
    for path in paths:
        counts = tally(path, half)
        total.update(counts)
        print(summary(path.stem, counts))
    print(summary("all writers", total))
    labels = sorted({key[1] for key in total if key[0] == "label"})
    print(
        "  found per label: "
        + ", ".join(
            f"{label} {total['label', label, 'flagged']}/"
            f"{total['label', label, 'flagged'] + total['label', label, 'passed']}"
            for label in labels
        )
    )
    print(
        f"  flags from phrase rules {total['source', 'phrase']}, "
        f"from the fitted model alone {total['source', 'model']}"
    )


if __name__ == "__main__":
    main()
