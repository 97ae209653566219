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
    # (80 * 1 + 100 * 1.5 + 60 * 1) / 3.5 = 82.9
    assert formula.overall(80, 100, 60) == 83
    assert formula.overall(80, 100, 60, weights=Weights(1, 0, 0)) == 80
    assert formula.overall(80, 100, 60, weights=Weights(0, 1, 1)) == 80


@pytest.mark.parametrize("scores", [(59, 100, 100), (100, 59, 100), (100, 100, 59)])
def test_a_dimension_below_the_bar_keeps_overall_under_the_pass_mark(scores: tuple) -> None:
    assert formula.overall(*scores) == 69
    assert formula.overall(*(max(score, 60) for score in scores)) > 80
    assert formula.overall(*scores, weights=Weights(weak_cap=100)) > 80


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


# --- worked numbers: each weight, ceiling and cap changes a grade a person reads -----------------

def stated(covered: bool, is_stated: bool, weight: float = 1.0) -> PointResult:
    return PointResult("p", "Asks for the domain", weight, covered, stated=is_stated)


def stated_fact(status: FactStatus, is_stated: bool, weight: float = 1.0) -> FactResult:
    return FactResult("f", "Gives the time", weight, status, stated=is_stated)


@pytest.mark.parametrize(
    ("markers", "polarity", "length", "expected"),
    [
        # log-odds 0.3 + 5 tanh(2 / 5) = 2.20 -> 90.0
        ([2.0], 0.0, 0.0, 90),
        # 0.3 + 5 tanh(0.5 / 5) = 0.80 -> 69.0
        ([0.5], 0.0, 0.0, 69),
        # the positive markers saturate together: 0.3 + 5 tanh(4 / 5) = 3.62 -> 97.4
        ([2.0, 2.0], 0.0, 0.0, 97),
        # a small negative marker (the fitted `criticism` weight) counts once: -0.34 -> 41.6
        ([-0.64], 0.0, 0.0, 42),
        # 0.3 - 3 = -2.7 -> 6.3
        ([-3.0], 0.0, 0.0, 6),
        # polarity weighs half a log-odds unit: 0.3 + 0.5 = 0.8 -> 69.0; 0.3 - 0.5 -> 45.0
        ([], 1.0, 0.0, 69),
        ([], -1.0, 0.0, 45),
        # the length term is added as it is: 0.3 + 1 = 1.3 -> 78.6
        ([], 0.0, 1.0, 79),
    ],
)
def test_politeness_worked_examples(markers: list, polarity: float, length: float,
                                    expected: int) -> None:
    score = formula.politeness([marker(weight) for weight in markers], polarity, length)
    assert score == expected


def test_an_insult_costs_points_however_polite_the_rest() -> None:
    """Positive markers saturate at 5 log-odds: a reply full of thanks with one insult (-3)
    lands at sigmoid(0.3 + 5 - 3) = 90.9, not at the top."""
    assert formula.politeness([marker(50.0)], 0.0) == 100
    assert formula.politeness([marker(50.0), marker(-3.0)], 0.0) == 91


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        # (40 * 1 + 100 * 1.5 + 100 * 1) / 3.5 = 82.9: politeness weighs as much as completeness
        ((40, 100, 100), 83),
        ((100, 40, 100), 74),  # (100 + 60 + 100) / 3.5 = 74.3
        ((100, 100, 40), 83),
        # only the scores the step has: (64 + 80 * 1.5) / 2.5 = 73.6; (64 + 70) / 2 = 67
        ((64, 80, None), 74),
        ((64, None, 70), 67),
        # half up: (51 + 50 * 1.5 + 50) / 3.5 = 50.29; (52 + 75 + 50) / 3.5 = 50.57
        ((51, 50, 50), 50),
        ((52, 50, 50), 51),
    ],
)
def test_overall_weighted_mean_worked_examples(scores: tuple, expected: int) -> None:
    # The mean itself: a dimension below 60 would otherwise cap it at 69.
    assert formula.overall(*scores, weights=Weights(weak_cap=100)) == expected


def test_without_a_step_overall_is_politeness_whatever_its_weight() -> None:
    assert formula.overall(64, None, None, weights=Weights(politeness=0)) == 64
    assert formula.overall(64, 100, None, weights=Weights(politeness=0)) == 100


def test_a_cap_never_raises_a_lower_score() -> None:
    assert formula.overall(30, 30, 30, violated=True, wrong_fact=True, stated_share=0.0) == 30


@pytest.mark.parametrize(
    ("politeness", "expected"),
    [(24, 50), (25, 79)],  # (25 + 150 + 100) / 3.5 = 78.6
    ids=["below-the-bar-is-capped", "at-the-bar-is-not"],
)
def test_the_impolite_cap_starts_below_25(politeness: int, expected: int) -> None:
    assert formula.overall(politeness, 100, 100, weights=Weights(weak_cap=100)) == expected


@pytest.mark.parametrize(("share", "expected"), [(0.0, 50), (0.49, 50), (0.5, 100), (1.0, 100)])
def test_a_reply_mostly_made_of_listed_terms_is_capped(share: float, expected: int) -> None:
    assert formula.overall(100, 100, 100, stated_share=share) == expected


@pytest.mark.parametrize(
    ("kwargs", "weights", "expected"),
    [
        ({"violated": True}, Weights(violation_cap=60), 60),
        ({"wrong_fact": True}, Weights(wrong_fact_cap=30), 30),
        ({}, Weights(impolite_below=50, impolite_cap=45), 45),
        ({"stated_share": 0.6}, Weights(list_below=0.7, list_cap=35), 35),
    ],
)
def test_each_cap_and_bar_is_read_from_the_weights(kwargs: dict, weights: Weights,
                                                   expected: int) -> None:
    assert formula.overall(40, 100, 100, weights=weights, **kwargs) == expected


@pytest.mark.parametrize(
    ("points", "weights", "expected"),
    [
        ([stated(True, False)], Weights(), 50),
        ([stated(True, True), stated(True, False)], Weights(), 75),
        ([stated(True, False, 3), stated(False, True)], Weights(), 38),  # 1.5 / 4 = 37.5
        ([stated(True, False)], Weights(fragment_credit=0.25), 25),
    ],
)
def test_a_point_only_listed_earns_the_fragment_credit(points: list, weights: Weights,
                                                       expected: int) -> None:
    assert formula.completeness(points, weights) == expected


@pytest.mark.parametrize(("share", "expected"), [(0.0, 50), (0.59, 50), (0.6, 75), (1.0, 75)])
def test_a_listed_item_earns_more_in_a_reply_written_in_sentences(share: float,
                                                                   expected: int) -> None:
    points = [stated(True, False)]
    facts = [stated_fact(FactStatus.RIGHT, False)]
    assert formula.completeness(points, Weights(), share) == expected
    assert formula.correctness(facts, [], Weights(), share) == expected
    # Always less than the same item stated in a sentence.
    assert formula.completeness([stated(True, True)], Weights(), share) == 100


@pytest.mark.parametrize(
    ("facts", "violations", "weights", "expected"),
    [
        ([stated_fact(FactStatus.RIGHT, False)], [], Weights(), 50),
        ([stated_fact(FactStatus.WRONG, False)], [], Weights(), 0),
        # right 1, wrong -0.5: 0.5 of 2
        ([fact(FactStatus.RIGHT), fact(FactStatus.WRONG)], [], Weights(wrong_fact_credit=-0.5),
         25),
        # a wrong fact may still earn when told so: (1 + 0.5) / 2
        ([fact(FactStatus.RIGHT), fact(FactStatus.WRONG)], [], Weights(wrong_fact_credit=0.5),
         75),
        # the fact credit is floored at 0 before the penalty, then the score at 0
        ([fact(FactStatus.WRONG, 3)], [never(True, 0.5)], Weights(), 0),
        ([fact(FactStatus.RIGHT)], [never(True, 0.5)], Weights(), 80),
        ([fact(FactStatus.RIGHT)], [never(True), never(False, 2)], Weights(), 60),
        ([fact(FactStatus.RIGHT)], [never(True)], Weights(violation_penalty=15), 85),
    ],
)
def test_correctness_worked_examples(facts: list, violations: list, weights: Weights,
                                     expected: int) -> None:
    assert formula.correctness(facts, violations, weights) == expected


def test_points_or_facts_of_zero_weight_count_as_none() -> None:
    assert formula.completeness([point(False, 0)]) == 100
    assert formula.correctness([fact(FactStatus.WRONG, 0)], []) == 100


def test_weights_that_leave_nothing_to_weigh_are_refused() -> None:
    with pytest.raises(ValueError, match="^at least one of the dimension weights must be pos"):
        Weights(politeness=0, correctness=0, completeness=0)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"wrong_fact_credit": -2.0},
        {"politeness": 0},
        {"politeness": 0, "correctness": 0},
        {"fragment_credit": 0, "violation_penalty": 0, "list_below": 0},
    ],
)
def test_valid_weights_are_accepted(kwargs: dict) -> None:
    weights = Weights(**kwargs)
    assert all(getattr(weights, name) == value for name, value in kwargs.items())


@pytest.mark.parametrize(
    "kwargs", [{"fragment_credit": -0.1}, {"impolite_below": -1}, {"completeness": -0.5}]
)
def test_a_negative_weight_other_than_the_wrong_fact_credit_is_refused(kwargs: dict) -> None:
    name = next(iter(kwargs))
    with pytest.raises(ValueError, match=f"^Weights.{name} must not be negative, got -"):
        Weights(**kwargs)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.49, 0), (99.49, 99), (99.5, 100), (57.4, 57), (100.6, 100), (250, 100)],
)
def test_to_score_rounds_to_the_nearest_point(value: float, expected: int) -> None:
    assert formula.to_score(value) == expected
