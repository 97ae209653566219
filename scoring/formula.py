"""The score formula: the one place that turns matches and markers into 0..100 grades.

docs/scoring.md explains every number here; change them together with SCORER_VERSION.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields

from .card import FactResult, FactStatus, Marker, NeverResult, PointResult

# Politeness, in log-odds: a reply with no marker and neutral polarity scores sigmoid(0.3) = 57.
POLITENESS_BIAS = 0.3
# Positive markers saturate below this many log-odds, so an insult always costs points.
POSITIVE_CEILING = 5.0
# TextBlob polarity (-1..1) of the words no marker counted, as log-odds.
POLARITY_WEIGHT = 0.5


@dataclass(frozen=True)
class Weights:
    """How the overall score combines the dimensions and how mistakes cap it.

    Pass an instance to `score_reply` to change them; raises ValueError on negative numbers
    or when all three dimension weights are zero.
    """

    politeness: float = 1.0
    correctness: float = 1.5
    completeness: float = 1.0
    # Correctness points lost per violated `never` item, times the item's weight.
    violation_penalty: float = 40.0
    # Credit of a fact stated wrong, as a share of its weight (right = 1, missing = 0).
    wrong_fact_credit: float = -1.0
    # The overall score never exceeds these caps when the reply has the mistake.
    violation_cap: int = 50
    wrong_fact_cap: int = 40
    impolite_cap: int = 50
    # Politeness below this counts as an impolite reply for `impolite_cap`.
    impolite_below: int = 25
    # A reply with any dimension below `weak_below` fails however good the others are, so its
    # overall score stays under the pass bar: 88 beside a fail would read as a near miss.
    weak_below: int = 60
    weak_cap: int = 69
    # Share of its weight a point or fact earns when only listed, not stated in a sentence...
    fragment_credit: float = 0.5
    # ... and when the fragment sits in a reply with at least `stated_reply` of its words in
    # stated sentences: a note in passing ("- records restored, mail back by 12:10") of a
    # reply written to the customer, not an item of a list of terms.
    fragment_in_reply_credit: float = 0.75
    stated_reply: float = 0.6
    # A reply with less than `list_below` of its words in stated sentences is a list of
    # terms, not a reply: its overall score never exceeds `list_cap`.
    list_below: float = 0.5
    list_cap: int = 50

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name != "wrong_fact_credit" and value < 0:
                raise ValueError(f"Weights.{field.name} must not be negative, got {value}")
        if self.politeness + self.correctness + self.completeness <= 0:
            raise ValueError("at least one of the dimension weights must be positive")


DEFAULT_WEIGHTS = Weights()


def to_score(value: float) -> int:
    """Clamp to 0..100 and round half up (the same on every platform)."""
    return int(math.floor(min(100.0, max(0.0, value)) + 0.5))


def politeness(markers: Sequence[Marker], polarity: float, length: float = 0.0) -> int:
    """sigmoid(bias + saturated positive weights + negative weights + polarity + length) as
    0..100; `length` is the log-odds term of the reply's length (scoring/politeness_model.py)."""
    positive = sum(marker.weight for marker in markers if marker.weight > 0)
    negative = sum(marker.weight for marker in markers if marker.weight < 0)
    log_odds = (
        POLITENESS_BIAS
        + POSITIVE_CEILING * math.tanh(positive / POSITIVE_CEILING)
        + negative
        + POLARITY_WEIGHT * polarity
        + length
    )
    return to_score(100.0 / (1.0 + math.exp(-log_odds)))


def completeness(
    points: Sequence[PointResult],
    weights: Weights = DEFAULT_WEIGHTS,
    stated_share: float = 0.0,
) -> int:
    """Weighted share of the points covered (a point only listed earns the fragment credit of
    its weight, see `fragment_credit`); 100 when the step lists no points."""
    total = sum(point.weight for point in points)
    if not total:
        return 100
    fragment = _fragment_credit(weights, stated_share)
    earned = sum(
        point.weight * (1.0 if point.stated else fragment) for point in points if point.covered
    )
    return to_score(100.0 * earned / total)


def _fragment_credit(weights: Weights, stated_share: float) -> float:
    """What a listed item earns: more in a reply mostly written in sentences (`stated_share`,
    the share of its words in stated sentences) than in a list of terms."""
    if stated_share >= weights.stated_reply:
        return weights.fragment_in_reply_credit
    return weights.fragment_credit


def correctness(
    facts: Sequence[FactResult],
    never: Sequence[NeverResult],
    weights: Weights = DEFAULT_WEIGHTS,
    stated_share: float = 0.0,
) -> int:
    """Weighted fact credit (right 1, or the fragment credit when only listed; missing 0;
    wrong `wrong_fact_credit`; floored at 0; 100 without facts) minus `violation_penalty` per
    violation."""
    total = sum(fact.weight for fact in facts)
    if total:
        fragment = _fragment_credit(weights, stated_share)
        earned = sum(fact.weight * _fact_credit(fact, weights, fragment) for fact in facts)
        base = 100.0 * max(0.0, earned) / total
    else:
        base = 100.0
    penalty = weights.violation_penalty * sum(item.weight for item in never if item.violated)
    return to_score(base - penalty)


def _fact_credit(fact: FactResult, weights: Weights, fragment: float) -> float:
    if fact.status is FactStatus.RIGHT:
        return 1.0 if fact.stated else fragment
    return 0.0 if fact.status is FactStatus.MISSING else weights.wrong_fact_credit


def overall(
    politeness_score: int,
    correctness_score: int | None,
    completeness_score: int | None,
    *,
    violated: bool = False,
    wrong_fact: bool = False,
    stated_share: float = 1.0,
    weights: Weights = DEFAULT_WEIGHTS,
) -> int:
    """Weighted mean of the available scores, then the caps for violations, wrong facts,
    impolite replies, a dimension below the bar and lists of terms; without a step (no
    correctness or completeness) it is the politeness."""
    parts = [(politeness_score, weights.politeness)]
    if correctness_score is not None:
        parts.append((correctness_score, weights.correctness))
    if completeness_score is not None:
        parts.append((completeness_score, weights.completeness))
    if len(parts) == 1:
        return politeness_score
    total = sum(weight for _, weight in parts)
    score = to_score(sum(value * weight for value, weight in parts) / total)
    if violated:
        score = min(score, weights.violation_cap)
    if wrong_fact:
        score = min(score, weights.wrong_fact_cap)
    if politeness_score < weights.impolite_below:
        score = min(score, weights.impolite_cap)
    if any(value < weights.weak_below for value, _ in parts):
        score = min(score, weights.weak_cap)
    if stated_share < weights.list_below:
        score = min(score, weights.list_cap)
    return score
