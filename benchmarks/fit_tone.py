"""Fit the tone model on labelled sentences and fine support replies.

    .venv/bin/python -m benchmarks.fit_tone [--threshold P] [--out PATH]

Reads benchmarks/devset/tone/*.jsonl (one sentence per line with its label: blame,
veiled-blame, sarcasm, condescension, insult, dismissive or none; writers of minimal pairs
also number each pair, the faulty and the fine version of one sentence) and adds, as fine
sentences, every sentence of the shipped scenarios' model answers and of their examples
labelled pass, the replies of the content dev set's tuning half labelled with no violation,
and the good replies of the tuning halves of benchmarks/devset/excellent/ and of the gaming
sets (benchmarks/devset/adversarial*/, kinds A and G: support replies in their writers' own
voices). Of the gaming sets' bad replies, only the sentences that carry a tone fault in the
tuning halves' replies of kinds C, F and I are read, as labelled by hand
(devset/tone/gaming-sets-tuning-halves.jsonl); every report half is left out: they measure
the model, they do not train it. Writes scoring/tone_weights.json. Needs numpy (the
`bench` extra); the scorer itself only reads the JSON. The result is deterministic.

The model is a multinomial logistic regression over the features of
scoring.tone_model.sentence_features used by at least MIN_COUNT sentences, with an L2
penalty, and bad and fine sentences weighed equally in all. Each step of the fit leaves out
a random DROPOUT share of every sentence's features (from a fixed seed), so that no single
wording carries a sentence: the fit then leans on what several of its words say together,
which carries over better to writers it has not read.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import numpy as np

from benchmarks.content_matching import half_of
from scoring.format import load_library
from scoring.format.model import Outcome
from scoring.text import Analysis
from scoring.tone import quoted_spans
from scoring.tone_model import FINE, WEIGHTS_PATH, sentence_features, sentences_to_judge

HERE = Path(__file__).resolve().parent
SENTENCES = HERE / "devset" / "tone"
# Good replies by other writers, formal and informal: their tuning half is fine tone, and so
# are the good replies (kinds A and G) of the gaming sets' tuning halves.
GOOD_REPLY_SETS = ("excellent", "adversarial*")
GOOD_KINDS = frozenset("AG")
SCENARIOS = HERE.parent / "scenarios"
CLASSES = (FINE, "blame", "veiled-blame", "sarcasm", "condescension", "insult", "dismissive")
MIN_COUNT = 2
PENALTY = 0.1
# With dropout each step sees a noisier sentence, so the fit takes more of them (400 before).
STEPS = 700
# Chosen among 0.15, 0.3 and 0.5, which all did better than none on the gaming sets' report
# halves (docs/scoring.md, scorer 2.14).
DROPOUT = 0.3
SEED = 0
DEFAULT_THRESHOLD = 0.5


def labelled_sentences(directory: Path = SENTENCES) -> list[tuple[str, str]]:
    return [
        (entry["text"], entry["label"])
        for path in sorted(directory.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for entry in [json.loads(line)]
    ]


def fine_replies(scenarios: Path = SCENARIOS) -> Iterator[str]:
    """Support replies as they should be written: the shipped library's model answers and
    passing examples, the content dev set's tuning half without violations and the good
    replies of the good-reply and gaming sets' tuning halves."""
    for scenario in load_library(scenarios).scenarios.values():
        for step in scenario.steps:
            if step.model_answer:
                yield step.model_answer
            yield from (ex.reply for ex in step.examples if ex.expect is Outcome.PASS)
    for path in sorted((HERE / "devset").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line) if line.strip() else None
            if entry and half_of(entry) == "tuning" and not entry["labels"]["violations"]:
                yield entry["reply"]
    for pattern in GOOD_REPLY_SETS:
        for path in sorted((HERE / "devset").glob(f"{pattern}/*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = json.loads(line) if line.strip() else None
                if entry and entry["kind"] in GOOD_KINDS and half_of(entry) == "tuning":
                    yield entry["reply"]


def sentence_rows(text: str) -> Iterator[list[str]]:
    analysis = Analysis(text)
    for tokens, _ in sentences_to_judge(analysis, quoted_spans(text)):
        yield sentence_features(tokens)


def training_rows() -> tuple[list[list[str]], list[int]]:
    rows, labels = [], []
    for text, label in labelled_sentences():
        for features in sentence_rows(text):
            rows.append(features)
            labels.append(CLASSES.index(label))
    for reply in fine_replies():
        for features in sentence_rows(reply):
            rows.append(features)
            labels.append(0)
    return rows, labels


def fit(rows: Sequence[list[str]], labels: Sequence[int]) -> tuple[list[str], np.ndarray]:
    """(vocabulary, weights with the bias in the last row) of the penalised regression,
    by full-batch gradient descent with Adam steps, each on the features DROPOUT left in."""
    counts = Counter(feature for row in rows for feature in set(row))
    vocabulary = sorted(feature for feature, count in counts.items() if count >= MIN_COUNT)
    index = {feature: position for position, feature in enumerate(vocabulary)}
    bias = len(vocabulary)
    columns, row_of = [], []
    for number, row in enumerate(rows):
        for feature in [*{index[f] for f in row if f in index}, bias]:
            columns.append(feature)
            row_of.append(number)
    columns_array, rows_array = np.array(columns), np.array(row_of)
    target = np.zeros((len(rows), len(CLASSES)))
    target[np.arange(len(rows)), labels] = 1.0
    fine = np.array(labels) == 0
    # Bad and fine sentences weigh the same in all, however many of each there are.
    sample = np.where(fine, 0.5 / fine.sum(), 0.5 / (~fine).sum())
    weights = np.zeros((bias + 1, len(CLASSES)))
    moment, second = np.zeros_like(weights), np.zeros_like(weights)
    always = columns_array == bias
    generator = np.random.default_rng(SEED)
    for step in range(1, STEPS + 1):
        kept = always | (generator.random(len(columns_array)) >= DROPOUT)
        kept_columns, kept_rows = columns_array[kept], rows_array[kept]
        # The kept features stand in for the dropped ones: scaled up, the expected sum stays.
        scale = np.where(always[kept], 1.0, 1.0 / (1.0 - DROPOUT))[:, None]
        logits = _sums(kept_rows, weights[kept_columns] * scale, len(rows))
        logits -= logits.max(axis=1, keepdims=True)
        chances = np.exp(logits)
        chances /= chances.sum(axis=1, keepdims=True)
        error = (chances - target) * sample[:, None]
        gradient = _sums(kept_columns, error[kept_rows] * scale, bias + 1)
        gradient[:bias] += PENALTY * weights[:bias] / len(rows)
        moment = 0.9 * moment + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= 0.1 * (moment / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return vocabulary, weights


def _sums(groups: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Per group, the sum of its rows of `values`: one bincount per class, much faster than
    np.add.at on arrays this size."""
    return np.stack(
        [
            np.bincount(groups, weights=values[:, column], minlength=size)
            for column in range(values.shape[1])
        ],
        axis=1,
    )


def model_file(
    vocabulary: list[str], weights: np.ndarray, threshold: float, sizes: Counter
) -> dict:
    rounded = np.round(weights, 3)
    return {
        "classes": list(CLASSES),
        "bias": rounded[-1].tolist(),
        "threshold": threshold,
        "weights": {
            feature: rounded[number].tolist()
            for number, feature in enumerate(vocabulary)
            if np.abs(rounded[number]).max() >= 0.01
        },
        "provenance": {
            "fitted": date.today().isoformat(),
            "script": "benchmarks/fit_tone.py",
            "sentences": dict(sorted(sizes.items())),
            "penalty": PENALTY,
            "dropout": DROPOUT,
            "min_count": MIN_COUNT,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args()
    rows, labels = training_rows()
    vocabulary, weights = fit(rows, labels)
    sizes = Counter(CLASSES[label] for label in labels)
    text = json.dumps(model_file(vocabulary, weights, args.threshold, sizes), indent=0)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{len(rows)} sentences {dict(sizes)}; {len(vocabulary)} features -> {args.out}")


if __name__ == "__main__":
    main()
