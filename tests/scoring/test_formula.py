"""The score formula: dimension scores, the weighted mean and the caps."""

from __future__ import annotations

import pytest

from scoring import FactResult, FactStatus, Marker, NeverResult, PointResult, Weights, formula


def point(covered: bool, weight: float = 1.0) -> PointResult:
    return PointResult("p", "Asks for the domain", weight, covered)


def fact(status: FactStatus, weight: float = 1.0) -> FactResult:
    return FactResult("f", "Gives the time", weight, status)


def never(violated: bool, weight: float = 1.0) -> NeverResult:
    return NeverResult("n", "Blames the customer", weight, violated)


def marker(weight: float) -> Marker:
    return Marker("test", "x", 0, 1, weight)


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([], 100),
        ([point(True), point(False)], 50),
        ([point(True, 2), point(False)], 67),
        ([point(False, 2), point(True)], 33),
        ([point(False)], 0),
    ],
)
def test_completeness_is_the_weighted_share_of_points(points: list, expected: int) -> None:
    assert formula.completeness(points) == expected


@pytest.mark.parametrize(
    ("facts", "violations", "expected"),
    [
        ([], [], 100),
        ([fact(FactStatus.RIGHT)], [], 100),
        ([fact(FactStatus.MISSING)], [], 0),
        ([fact(FactStatus.RIGHT), fact(FactStatus.MISSING)], [], 50),
        ([fact(FactStatus.RIGHT, 3), fact(FactStatus.WRONG)], [], 50),
        ([fact(FactStatus.RIGHT), fact(FactStatus.WRONG)], [], 0),
        ([fact(FactStatus.WRONG)], [], 0),
        ([], [never(True)], 60),
        ([], [never(True), never(True)], 20),
        ([], [never(True, 3)], 0),
        ([fact(FactStatus.RIGHT)], [never(False)], 100),
    ],
)
def test_correctness_combines_facts_and_violations(
    facts: list, violations: list, expected: int
) -> None:
    assert formula.correctness(facts, violations) == expected


def test_overall_is_the_weighted_mean() -> None:
    # (80 * 1 + 100 * 1.5 + 50 * 1) / 3.5 = 80
    assert formula.overall(80, 100, 50) == 80
    assert formula.overall(80, 100, 50, weights=Weights(1, 0, 0)) == 80
    assert formula.overall(80, 100, 50, weights=Weights(0, 1, 1)) == 75


def test_without_a_step_overall_is_politeness() -> None:
    assert formula.overall(64, None, None) == 64


@pytest.mark.parametrize(
    ("kwargs", "cap"),
    [
        ({"violated": True}, 50),
        ({"wrong_fact": True}, 40),
        ({"violated": True, "wrong_fact": True}, 40),
    ],
)
def test_mistakes_cap_the_overall_score(kwargs: dict, cap: int) -> None:
    assert formula.overall(100, 100, 100, **kwargs) == cap


def test_impolite_reply_caps_the_overall_score() -> None:
    assert formula.overall(10, 100, 100) == 50
    assert formula.overall(30, 100, 100) > 50


def test_caps_are_configurable() -> None:
    weights = Weights(violation_cap=70)
    assert formula.overall(100, 100, 100, violated=True, weights=weights) == 70


@pytest.mark.parametrize(
    "kwargs",
    [
        {"politeness": -1},
        {"violation_cap": -5},
        {"politeness": 0, "correctness": 0, "completeness": 0},
    ],
)
def test_invalid_weights_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Weights(**kwargs)


def test_politeness_of_no_marker_is_the_neutral_score() -> None:
    assert formula.politeness([], 0.0) == 57


def test_politeness_grows_with_positive_markers_and_saturates_below_100() -> None:
    scores = [formula.politeness([marker(1.0)] * count, 0.0) for count in range(12)]
    assert scores == sorted(scores)
    assert scores[-1] < 100


def test_politeness_falls_with_each_negative_marker_until_zero() -> None:
    scores = [formula.politeness([marker(-3.0)] * count, 0.0) for count in range(6)]
    assert scores == sorted(scores, reverse=True)
    assert scores[-1] == 0


def test_politeness_adds_the_length_term() -> None:
    assert formula.politeness([], 0.0, -0.5) < 57 < formula.politeness([], 0.0, 0.5)


def test_polarity_is_a_weak_signal() -> None:
    assert formula.politeness([], 1.0) - formula.politeness([], -1.0) < 25


@pytest.mark.parametrize(("value", "expected"), [(-3, 0), (0.5, 1), (49.5, 50), (100.4, 100)])
def test_to_score_rounds_half_up_and_clamps(value: float, expected: int) -> None:
    assert formula.to_score(value) == expected
