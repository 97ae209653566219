"""The corpus-fitted politeness weights: what the shipped file promises, how wording is found."""

from __future__ import annotations

import pytest

from scoring import Strategy, score_reply
from scoring.politeness import read_politeness, sentiment_words
from scoring.politeness_model import (
    LENGTH_CAP,
    PolitenessModel,
    candidate_wording,
    length_feature,
    load_model,
)
from scoring.strategies import RULES
from scoring.text import Analysis

MODEL = load_model()
FITTED = [strategy for strategy, rule in RULES.items() if rule.fitted]


def markers(reply: str, strategy: Strategy) -> list[tuple[str, float]]:
    found = read_politeness(Analysis(reply)).markers
    return [(marker.text, marker.weight) for marker in found if marker.strategy == strategy]


def test_the_file_says_where_its_weights_come_from() -> None:
    provenance = MODEL.provenance
    assert provenance["corpus"] == "stack-exchange.annotated.csv"
    assert provenance["rows"].startswith("even Id")
    assert provenance["script"] == "benchmarks/fit_politeness.py"
    assert set(MODEL.strategies) == {strategy.value for strategy in FITTED}


@pytest.mark.parametrize("strategy", FITTED, ids=str)
def test_a_fitted_strategy_keeps_the_direction_and_a_quarter_of_its_hand_weight(
    strategy: Strategy,
) -> None:
    hand, fitted = RULES[strategy].weight, MODEL.strategies[strategy.value]
    assert fitted * hand > 0
    assert abs(fitted) >= 0.25 * abs(hand) - 1e-4


def test_gratitude_and_apology_stay_clearly_polite() -> None:
    assert MODEL.strategies["gratitude"] >= 0.5
    assert MODEL.strategies["apology"] >= 0.5


def test_length_is_fitted_and_never_costs_for_more_words() -> None:
    assert MODEL.length > 0
    values = [length_feature(words) for words in range(LENGTH_CAP + 10)]
    assert values == sorted(values)
    assert values[LENGTH_CAP] == values[-1]


def test_a_negative_length_weight_is_read_as_none() -> None:
    data = {"strategies": {}, "wording": {}, "wording_decay": 0.5, "provenance": {}}
    assert PolitenessModel.from_dict({**data, "length": -0.2}).length == 0.0


def test_no_phrase_of_wording_weighs_more_than_the_cap() -> None:
    cap = MODEL.provenance["wording_cap"]
    assert MODEL.wording
    assert all(0 < abs(weight) <= cap for weight in MODEL.wording.values())


def test_markers_carry_the_fitted_weights() -> None:
    assert markers("Thanks for the logs.", Strategy.GRATITUDE) == [
        ("Thanks", MODEL.strategies["gratitude"])
    ]
    assert markers("Why is the shop down?", Strategy.WORDING) == [("Why", MODEL.wording["^why"])]


def test_support_rules_keep_their_hand_weights() -> None:
    assert markers("Calm down.", Strategy.DISMISSIVE) == [("Calm down", -2.0)]
    assert markers("I understand.", Strategy.EMPATHY) == [("I understand", 0.9)]


def test_courtesy_phrases_leave_no_wording_behind() -> None:
    assert markers("Thank you for your patience.", Strategy.WORDING) == []


@pytest.mark.parametrize(
    "reply",
    ["Could you really check it?", "Why did you not say so? That is really bad.", "Good, thanks!"],
)
def test_wording_never_overlaps_a_strategy(reply: str) -> None:
    found = read_politeness(Analysis(reply)).markers
    wording = [marker for marker in found if marker.strategy == Strategy.WORDING]
    others = [marker for marker in found if marker.strategy != Strategy.WORDING]
    assert wording
    assert not [
        (word.text, other.text)
        for word in wording
        for other in others
        if word.start < other.end and other.start < word.end
    ]


def test_wording_is_found_longest_first_and_never_inside_a_claimed_token() -> None:
    model = PolitenessModel({}, {"not clear": 0.2, "clear": -0.1, "^why": -0.3}, 0.5, {})
    tokens = Analysis("Why? It is not clear, clear enough.").tokens
    assert [phrase for phrase, _, _ in model.find_wording(tokens, set())] == [
        "^why",
        "not clear",
        "clear",
    ]
    assert [phrase for phrase, _, _ in model.find_wording(tokens, {0, 3})] == ["clear", "clear"]


def test_further_uses_of_a_phrase_count_less() -> None:
    weights = [weight for _, weight in markers("Good. Good. Good.", Strategy.WORDING)]
    assert len(weights) == 3
    assert weights[0] > weights[1] > weights[2] > 0


def test_candidates_are_pragmatic_words_not_topics() -> None:
    tokens = Analysis("Why is my email really not clear to the customer?").tokens
    found = set(candidate_wording(tokens, set(), sentiment_words()))
    assert {"^why", "really", "not clear", "really not"} <= found
    assert not {"email", "customer", "is", "the customer", "to the"} & found


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ("Does the error come back after a restart?", "Why does the error come back?"),
        ("The new server works fine.", "The new server works badly."),
    ],
)
def test_fitted_wording_orders_plain_replies(better: str, worse: str) -> None:
    assert score_reply(better).politeness > score_reply(worse).politeness
