"""The fitted part of the tone rules: how likely a sentence is to blame, mock or talk down.

The phrase rules in phrase_sets.yaml catch the wordings someone listed. People who are rude
in new words say it with the same kinds of words: who the sentence is about ("you", "your
team"), what it says they did or failed to do, hedges that make it veiled ("may have
missed"), praise and thanks where there is nothing to praise. benchmarks/fit_tone.py fits a
multinomial logistic regression on labelled sentences (benchmarks/devset/tone/) over word
stems, stem pairs and sentence openers, and writes its weights to tone_weights.json next to
this module; this module reads that file once per process and needs nothing beyond the
standard library. A sentence is flagged when the fitted chance that it is fine falls below
the bar of its likeliest fault (the file's threshold, or that fault's own in FAULT_THRESHOLDS),
and is reported under that fault's rule.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from .politeness import word_polarities
from .text import Analysis, Token

WEIGHTS_PATH = Path(__file__).with_name("tone_weights.json")
FINE = "none"
# Sentences shorter than this say too little to judge their tone.
MIN_WORDS = 3
# Sentences of fewer words than this are flagged only when the fit is this much surer.
SHORT_WORDS = 8
SHORT_FACTOR = 0.5
# A fault's own bar in place of the file's threshold, chosen on the tuning halves of the
# gaming sets: a blunt, brief instruction is the fine sentence the fit most often reads as
# dismissive or condescending, and a plain account of who did what ("Whoever emailed you last
# time wasn't us") the one it reads as blame, so those need a surer fit (blame since scorer
# 2.15, chosen on the seventeenth set's tuning half); veiled blame hides in sentences the fit
# still gives fair odds of being fine. Blame in so many words is the phrase rules' to catch.
# (Sarcasm at 0.09 caught a few more sarcastic replies but read sincere thanks for a kind
# customer's words as mockery.)
FAULT_THRESHOLDS = {
    "blame": 0.03,
    "dismissive": 0.03,
    "condescension": 0.03,
    "veiled-blame": 0.12,
}
# How many words after "you" say what the sentence holds against the customer.
YOU_REACH = 4
# TextBlob polarity from which a word praises or reproaches.
EVALUATIVE = 0.3
# Greetings and titles that, with names, make a clause that only addresses the customer.
VOCATIVE_WORDS = frozenset("dear hi hello hey mr mrs ms miss dr sir madam".split())
# Capitalised words that open sentences without naming anyone.
NOT_NAMES = frozenset(
    """sorry thanks thank ok okay sure yes yeah no nope well look great perfect right so and
    but also honestly seriously listen please again fine frankly wow oh ah hmm sadly
    unfortunately apologies cheers absolutely of""".split()
)
WORD_CLASSES = {
    **dict.fromkeys("you your yours yourself yourselves".split(), "YOU"),
    **dict.fromkeys("i me my myself we us our ourselves".split(), "WE"),
    **dict.fromkeys("may might perhaps possibly probably maybe likely".split(), "HEDGE"),
    **dict.fromkeys(
        """so really very truly totally absolutely extremely incredibly super clearly obviously
        surely certainly definitely literally simply just""".split(),
        "INTENSE",
    ),
    **dict.fromkeys("not no never nobody nothing none without".split(), "NOT"),
}


@dataclass(frozen=True)
class ToneModel:
    """The fitted weights: one row of `table` per feature (`rows` gives its number), a
    column per class. A flat array of doubles holds 150,000 features in a fifth of the
    memory tuples of floats would take."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    rows: dict[str, int]
    table: array
    threshold: float
    provenance: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ToneModel:
        """Raises KeyError or ValueError when the file is not what the fitting script writes."""
        classes = tuple(data["classes"])
        if FINE not in classes:
            raise ValueError(f"the tone model has no {FINE!r} class")
        bias = tuple(float(value) for value in data["bias"])
        weights: dict[str, list[float]] = data["weights"]
        if len(bias) != len(classes) or any(len(row) != len(classes) for row in weights.values()):
            raise ValueError("the tone model's rows do not have one weight per class")
        return cls(
            classes=classes,
            bias=bias,
            rows={name: number for number, name in enumerate(weights)},
            table=array("d", (float(value) for row in weights.values() for value in row)),
            threshold=float(data["threshold"]),
            provenance=dict(data["provenance"]),
        )

    def chances(self, features: Sequence[str]) -> dict[str, float]:
        """The fitted chance of each class for a sentence with these features."""
        width, table, rows = len(self.classes), self.table, self.rows
        found = [rows[feature] * width for feature in features if feature in rows]
        scores = [
            sum(column)
            for column in zip(
                self.bias, *(table[start : start + width] for start in found), strict=True
            )
        ]
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return {name: value / total for name, value in zip(self.classes, exps, strict=True)}

    def fault(self, features: Sequence[str], words: int = SHORT_WORDS) -> str | None:
        """The likeliest fault of a sentence of so many words, or None when the chance that it
        is fine reaches that fault's bar (FAULT_THRESHOLDS, else the file's). A short sentence
        gives the fit few features to go on ("It's not gone" is all negation), so it must be
        surer there."""
        chances = self.chances(features)
        fault = max((name for name in self.classes if name != FINE), key=chances.__getitem__)
        threshold = FAULT_THRESHOLDS.get(fault, self.threshold)
        if words < SHORT_WORDS:
            threshold *= SHORT_FACTOR
        return fault if chances[FINE] < threshold else None


def sentence_features(tokens: Sequence[Token]) -> list[str]:
    """What the fit reads: stems, pairs and triples of neighbouring stems and the opening
    stem; the same with words replaced by their class (the customer, a hedge, an intensifier,
    praise or reproach by TextBlob's lexicon), so that "you may have overlooked" teaches "you might
    have skipped" too; and the stems that follow "you" or "your", which say what the sentence
    holds against the customer. Numbers are one stem, so figures never decide tone."""
    keys = ["#" if token.key[:1].isdigit() else token.key for token in tokens]
    classes = [word_class(token.word) for token in tokens]
    general = [kind or key for kind, key in zip(classes, keys, strict=True)]
    features = [f"w:{key}" for key in keys]
    features.extend(f"b:{first} {second}" for first, second in pairwise(keys))
    features.extend(f"t:{' '.join(three)}" for three in zip(keys, keys[1:], keys[2:], strict=False))
    features.extend(f"c:{kind}" for kind in classes if kind)
    features.extend(
        f"g:{first} {second}"
        for (first, second), pair in zip(pairwise(general), pairwise(classes), strict=False)
        if any(pair)
    )
    features.extend(
        f"y:{keys[index]}"
        for position, kind in enumerate(classes)
        if kind == "YOU"
        for index in range(position + 1, min(position + 1 + YOU_REACH, len(keys)))
    )
    if keys:
        features.append(f"o:{general[0]}")
    return features


def word_class(word: str) -> str | None:
    """The class a word stands for in the general features, if any."""
    kind = WORD_CLASSES.get(word)
    if kind is not None:
        return kind
    polarity = word_polarities().get(word, 0.0)
    if polarity >= EVALUATIVE:
        return "PRAISE"
    if polarity <= -EVALUATIVE:
        return "REPROACH"
    return None


def sentences_to_judge(
    analysis: Analysis, quoted: Sequence[tuple[int, int]]
) -> Iterator[tuple[list[Token], tuple[int, int]]]:
    """Each sentence's own words (quoted words are the customer's and left out, and so is a
    clause that only greets or names the customer) with the sentence's span, for sentences
    long enough to judge."""
    for members in analysis.sentences.values():
        tokens = [
            analysis.tokens[index]
            for index in members
            if not any(first <= analysis.tokens[index].start < last for first, last in quoted)
        ]
        tokens = without_vocatives(tokens, analysis.text)
        if len(tokens) >= MIN_WORDS:
            first, last = analysis.tokens[members[0]], analysis.tokens[members[-1]]
            yield tokens, (first.start, last.end)


def without_vocatives(tokens: list[Token], text: str) -> list[Token]:
    """The words without clauses made only of a greeting, a title and names ("Dear Mr
    Aldana, ...", "..., Oliver"): who is addressed says nothing of the tone, and fine
    sentences open with names far more often than rude ones."""
    clauses: dict[int, list[Token]] = {}
    for token in tokens:
        clauses.setdefault(token.clause, []).append(token)
    if len(clauses) < 2:
        return tokens
    return [
        token
        for clause in clauses.values()
        if not all(_addresses(word, text) for word in clause)
        for token in clause
    ]


def _addresses(token: Token, text: str) -> bool:
    """Whether a word greets or names: a greeting or title, or a capitalised word that is not
    a sentence's usual opening word ("Sorry, Jamal" names Jamal, not Sorry)."""
    if token.word in VOCATIVE_WORDS:
        return True
    return text[token.start].isupper() and not (token.starts_sentence and token.word in NOT_NAMES)


@cache
def load_model(path: Path = WEIGHTS_PATH) -> ToneModel:
    """The fitted model, read once per process."""
    return ToneModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
