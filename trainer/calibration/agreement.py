"""How far two graders of the same replies agree: weighted kappa on score bands, mean absolute
difference, precision and recall of item outcomes. Plain Python, no Flask, no database.

Cohen's kappa with quadratic weights, as in sklearn.metrics.cohen_kappa_score(weights=
"quadratic"): 1 - sum(w * observed) / sum(w * expected), w = (i - j)², expected from the two
graders' band totals. It is computed from a confusion matrix so that the pages can count band
pairs in SQL and never load the turns themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from statistics import fmean

# Lower edge of each band of a 0..100 score: 0-19, 20-39, 40-59, 60-79, 80-100.
BAND_EDGES = (0, 20, 40, 60, 80)
BAND_NAMES = ("0-19", "20-39", "40-59", "60-79", "80-100")
BANDS = len(BAND_EDGES)

Pair = tuple[int | None, int | None]


def band(score: int) -> int:
    """The band (0..4) of a 0..100 score; raises ValueError outside 0..100."""
    if not 0 <= score <= 100:
        raise ValueError(f"a score is 0..100, not {score}")
    return sum(1 for edge in BAND_EDGES[1:] if score >= edge)


def weighted_kappa(matrix: Sequence[Sequence[int]]) -> float | None:
    """Quadratic-weighted kappa of a BANDS x BANDS matrix (rows: first grader's band, columns:
    the second's). None when undefined: no pairs, or both graders used one and the same band
    only, so no disagreement could be expected."""
    total = sum(map(sum, matrix))
    if total == 0:
        return None
    rows = [sum(row) for row in matrix]
    columns = [sum(row[j] for row in matrix) for j in range(BANDS)]
    observed = expected = 0.0
    for i in range(BANDS):
        for j in range(BANDS):
            weight = (i - j) ** 2
            observed += weight * matrix[i][j]
            expected += weight * rows[i] * columns[j] / total
    if expected == 0:
        return None
    return 1 - observed / expected


@dataclass(frozen=True)
class ScoreAgreement:
    """Two graders on one dimension: how many pairs, kappa on bands, mean |difference|."""

    pairs: int
    kappa: float | None
    mean_difference: float | None


@dataclass
class AgreementTally:
    """Band pairs and absolute differences, added one pair or one counted group at a time."""

    matrix: list[list[int]] = field(default_factory=lambda: [[0] * BANDS for _ in range(BANDS)])
    pairs: int = 0
    difference_sum: float = 0

    def add(self, first: int, second: int) -> None:
        self.add_group(band(first), band(second), 1, abs(first - second))

    def add_group(self, first_band: int, second_band: int, count: int, difference: float) -> None:
        """`count` pairs in these bands whose absolute differences add up to `difference`."""
        self.matrix[first_band][second_band] += count
        self.pairs += count
        self.difference_sum += difference

    def result(self) -> ScoreAgreement:
        mean = self.difference_sum / self.pairs if self.pairs else None
        return ScoreAgreement(self.pairs, weighted_kappa(self.matrix), mean)


def score_agreement(pairs: Iterable[Pair]) -> ScoreAgreement:
    """Agreement over (first, second) score pairs; a pair with a None (no score) is skipped."""
    tally = AgreementTally()
    for first, second in pairs:
        if first is not None and second is not None:
            tally.add(first, second)
    return tally.result()


def kappa(pairs: Iterable[Pair]) -> float | None:
    return score_agreement(pairs).kappa


@dataclass(frozen=True)
class ItemAgreement:
    """A prediction (the scorer) against the truth (the mentor) of one yes/no outcome.

    Precision is None when nothing was predicted positive, recall when nothing truly was.
    """

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0

    @property
    def total(self) -> int:
        return self.true_positive + self.false_positive + self.false_negative + self.true_negative

    @property
    def disagreements(self) -> int:
        return self.false_positive + self.false_negative

    @property
    def precision(self) -> float | None:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        actual = self.true_positive + self.false_negative
        return self.true_positive / actual if actual else None

    def __add__(self, other: ItemAgreement) -> ItemAgreement:
        return ItemAgreement(
            self.true_positive + other.true_positive,
            self.false_positive + other.false_positive,
            self.false_negative + other.false_negative,
            self.true_negative + other.true_negative,
        )


@dataclass(frozen=True)
class PairwiseKappa:
    """The mean of the defined pairwise kappas, and how many pairs were defined of all."""

    mean: float | None
    defined: int
    pairs: int


def mean_pairwise_kappa(grades: Sequence[Sequence[int | None]]) -> PairwiseKappa:
    """Inter-rater agreement of several graders: the mean quadratic-weighted kappa over every
    pair of graders, each pair on the items both scored. `grades[g][i]` is grader g's score of
    item i (None: not scored). Pairs whose kappa is undefined are left out of the mean."""
    values = [
        kappa(zip(first, second, strict=True)) for first, second in combinations(grades, 2)
    ]
    defined = [value for value in values if value is not None]
    return PairwiseKappa(fmean(defined) if defined else None, len(defined), len(values))
