"""The agreement figures against examples computed by hand (worked out in the comments)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.calibration.agreement import (
    AgreementTally,
    ItemAgreement,
    band,
    kappa,
    mean_pairwise_kappa,
    score_agreement,
    weighted_kappa,
)


@pytest.mark.parametrize(
    ("score", "expected"),
    [(0, 0), (19, 0), (20, 1), (39, 1), (40, 2), (59, 2), (60, 3), (79, 3), (80, 4), (100, 4)],
)
def test_five_bands(score, expected):
    assert band(score) == expected


@pytest.mark.parametrize("score", [-1, 101])
def test_a_score_outside_0_100_has_no_band(score):
    with pytest.raises(ValueError, match="0..100"):
        band(score)


def test_four_turns_one_band_apart_twice():
    # Bands (4,4) (2,3) (1,1) (3,2): observed = 0 + 1 + 0 + 1 = 2. Each grader used bands 1..4
    # once, so expected = sum over i, j in 1..4 of (i - j)² / 4 = 40 / 4 = 10: kappa = 0.8.
    # Differences 5, 20, 5, 20: mean 12.5.
    result = score_agreement([(85, 90), (50, 70), (30, 25), (65, 45)])
    assert result.pairs == 4
    assert result.kappa == pytest.approx(0.8)
    assert result.mean_difference == pytest.approx(12.5)


def test_unequal_band_totals():
    # Scorer bands 0,0,1,2,4; mentor 0,1,1,2,3. Observed: (0,1) and (4,3) cost 1 each = 2.
    # Row totals r0=2 r1=1 r2=1 r4=1, column totals c0=1 c1=2 c2=1 c3=1, n = 5:
    # expected = (30 + 6 + 7 + 39) / 5 = 16.4, kappa = 1 - 2 / 16.4 = 36/41.
    scorer, mentor = [5, 10, 25, 45, 95], [0, 30, 35, 50, 75]
    result = score_agreement(zip(scorer, mentor, strict=True))
    assert result.kappa == pytest.approx(36 / 41)
    assert result.mean_difference == pytest.approx((5 + 20 + 10 + 5 + 20) / 5)


def test_perfect_and_reversed_agreement():
    assert kappa([(10, 15), (90, 85)]) == pytest.approx(1.0)
    # (0,4) and (4,0): observed 32, expected 16.
    assert kappa([(10, 90), (90, 10)]) == pytest.approx(-1.0)


def test_pairs_without_a_score_are_skipped():
    result = score_agreement([(85, 90), (None, 40), (50, None), (30, 25)])
    assert result.pairs == 2
    assert result.mean_difference == pytest.approx(5)


def test_kappa_is_undefined_without_pairs_or_without_spread():
    assert score_agreement([]).kappa is None and score_agreement([]).mean_difference is None
    # Both graders put everything in band 3: nothing to tell agreement from chance.
    assert kappa([(60, 70), (65, 79)]) is None
    assert weighted_kappa([[0] * 5 for _ in range(5)]) is None


def test_counted_groups_add_up_like_single_pairs():
    single, grouped = AgreementTally(), AgreementTally()
    for first, second in [(85, 90), (50, 70), (55, 70), (30, 25)]:
        single.add(first, second)
    grouped.add_group(4, 4, 1, 5)
    grouped.add_group(2, 3, 2, 20 + 15)
    grouped.add_group(1, 1, 1, 5)
    assert single.result() == grouped.result()


@given(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)), min_size=1, max_size=40))
def test_matrix_kappa_equals_the_pairwise_definition(pairs):
    # With quadratic weights, kappa = 1 - mean (a - b)² / mean over all a_i, b_j of (a_i - b_j)².
    first = [band(a) for a, _ in pairs]
    second = [band(b) for _, b in pairs]
    chance = sum((a - b) ** 2 for a in first for b in second) / len(pairs) ** 2
    result = kappa(pairs)
    if chance == 0:
        assert result is None
    else:
        observed = sum((a - b) ** 2 for a, b in zip(first, second, strict=True)) / len(pairs)
        assert result == pytest.approx(1 - observed / chance)


def test_precision_and_recall_of_the_scorer():
    # One hit, one false alarm, two misses, one correct rejection.
    result = ItemAgreement(true_positive=1, false_positive=1, false_negative=2, true_negative=1)
    assert result.precision == pytest.approx(1 / 2)
    assert result.recall == pytest.approx(1 / 3)
    assert (result.total, result.disagreements) == (5, 3)
    assert result + ItemAgreement(1, 0, 0, 0) == ItemAgreement(2, 1, 2, 1)


def test_precision_and_recall_are_undefined_without_positives():
    never_predicted = ItemAgreement(false_negative=1, true_negative=1)
    assert never_predicted.precision is None and never_predicted.recall == 0
    never_true = ItemAgreement(false_positive=1, true_negative=1)
    assert never_true.recall is None and never_true.precision == 0


def test_mean_pairwise_kappa_of_three_mentors():
    # A and B agree fully (kappa 1); C reverses both: bands (0,4) (2,2) (4,0) give observed
    # 32 and expected 48 / 3 = 16, kappa -1. Mean of 1, -1, -1 = -1/3.
    a, b, c = [10, 50, 90], [10, 50, 90], [90, 50, 10]
    result = mean_pairwise_kappa([a, b, c])
    assert result.mean == pytest.approx(-1 / 3)
    assert (result.defined, result.pairs) == (3, 3)


def test_mean_pairwise_kappa_leaves_undefined_pairs_out():
    # A and B used band 3 only: their pair is undefined. A (or B) against C: bands (3,3) and
    # (3,0), rows r3=2, columns c3=1 c0=1: observed 9, expected 9 * 2 * 1 / 2 = 9, kappa 0.
    result = mean_pairwise_kappa([[60, 60], [70, 70], [60, 0]])
    assert result.mean == pytest.approx(0)
    assert (result.defined, result.pairs) == (2, 3)
    assert mean_pairwise_kappa([[50], [None]]).mean is None
