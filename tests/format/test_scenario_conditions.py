"""The `if:` grammar: what parses, what a parse error says, and when a condition holds."""

import pytest

from scoring.format import parse_condition
from scoring.format.conditions import ItemCondition, ScoreCondition


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("politeness < 40", ScoreCondition("politeness", "<", 40)),
        ("overall>=75", ScoreCondition("overall", ">=", 75)),
        ("  correctness   ==  100 ", ScoreCondition("correctness", "==", 100)),
        ("completeness != 0", ScoreCondition("completeness", "!=", 0)),
        ("politeness <= 32.5", ScoreCondition("politeness", "<=", 32.5)),
        ("blame", ItemCondition("blame")),
        ("not ask-domain", ItemCondition("ask-domain", negated=True)),
    ],
)
def test_conditions_parse(text, condition):
    assert parse_condition(text) == condition


GRAMMAR = "write '<score> <op> <number>' (e.g. 'politeness < 40'), '<item-id>' or 'not <item-id>'"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", f"the condition is empty: {GRAMMAR}"),
        ("politness < 40", "'politness' is not a score: did you mean 'politeness'?"),
        (
            "mood < 40",
            "'mood' is not a score: write one of politeness, correctness, completeness, overall",
        ),
        ("politeness = 40", "'=' is not a comparison: write one of < <= > >= == !="),
        ("politeness < forty", "'forty' is not a number from 0 to 100, the range of every score"),
        ("politeness < 140", "'140' is not a number from 0 to 100, the range of every score"),
        ("politeness < -5", "'-5' is not a number from 0 to 100, the range of every score"),
        ("politeness", "'politeness' is a score: compare it with a number, e.g. 'politeness < 40'"),
        (
            "not Blame",
            "'Blame' is not a point, fact or never id: ids are lowercase letters, digits and "
            "hyphens",
        ),
        ("Blame!", f"cannot read 'Blame!': {GRAMMAR}"),
        ("blame and rude", f"cannot read 'blame and rude': {GRAMMAR}"),
    ],
)
def test_condition_errors_say_what_to_write(text, message):
    with pytest.raises(ValueError) as caught:
        parse_condition(text)
    assert str(caught.value) == message


SCORES = {"politeness": 35, "correctness": 100, "completeness": None, "overall": 70}
MATCHED = {"apologise", "blame"}


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("politeness < 40", True),
        ("politeness < 35", False),
        ("politeness <= 35", True),
        ("politeness > 35", False),
        ("politeness >= 35", True),
        ("correctness == 100", True),
        ("correctness != 100", False),
        ("completeness < 50", False),
        ("completeness != 50", False),
        ("completeness >= 0", False),
        ("apologise", True),
        ("ask-domain", False),
        ("not ask-domain", True),
        ("not blame", False),
    ],
)
def test_condition_holds(text, holds):
    assert parse_condition(text).holds(SCORES, MATCHED) is holds


def test_a_score_that_was_not_given_compares_as_false():
    assert parse_condition("overall < 50").holds({}, set()) is False
