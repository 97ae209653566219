"""Properties that hold for any text: no crash, scores in range, determinism, monotonicity."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scoring import score_reply
from scoring.format import Step

THANKS = "Thank you for your patience."
INSULTS = ["You are an idiot.", "This is bullshit.", "You morons broke it."]
SUPPORT_WORDS = (
    "sorry thanks please could you your domain outage not no calm down why did idiot we "
    "I understand back by 15:00 UTC STOP !!! ? , . don't can't won't really just obviously"
).split()
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(SUPPORT_WORDS), max_size=40).map(" ".join),
)
quick = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "x" * 100_000,
        "Sorry! " * 15_000,
        "\U0001f621\U0001f4a9 \U0001f64f",
        "\u05e9\u05dc\u05d5\u05dd, \u0645\u0631\u062d\u0628\u0627 sorry",
        "\x00\x01\x1b[31m\r\n\t\x7f",
        "\ud800 lone surrogate",
        "Ｔｈａｎｋ ｙｏｕ",
    ],
)
def test_odd_text_is_scored(reply: str, step: Step) -> None:
    for card in (score_reply(reply), score_reply(reply, step)):
        assert all(0 <= score <= 100 for score in card.scores().values() if score is not None)
        assert 1 <= len(card.feedback) <= 4


@quick
@given(reply=texts)
@example(reply="")
def test_scores_are_within_range_and_deterministic(reply: str, step: Step) -> None:
    card = score_reply(reply, step)
    assert all(0 <= score <= 100 for score in card.scores().values() if score is not None)
    assert 1 <= len(card.feedback) <= 4
    assert score_reply(reply, step) == card
    for marker in card.markers:
        assert reply[marker.start : marker.end] == marker.text


@quick
@given(reply=texts)
@example(reply="why did")
@example(reply="not")
@example(reply="THANKS:THANKS")
def test_thanking_never_lowers_politeness(reply: str) -> None:
    """Thanks in a paragraph of its own: run on into the reply's last words it makes a new
    sentence, which may read as sarcasm ("THANKS:THANKS Thank you for your patience")."""
    before = score_reply(reply).politeness
    assert score_reply(f"{reply}\n\n{THANKS}").politeness >= before
    assert score_reply(f"{THANKS}\n\n{reply}").politeness >= before


@quick
@given(reply=texts, insult=st.sampled_from(INSULTS))
@example(reply="could", insult=INSULTS[0])
@example(reply="Thank you so much, I really appreciate it! " * 5, insult=INSULTS[0])
def test_an_insult_always_lowers_politeness(reply: str, insult: str) -> None:
    before = score_reply(reply).politeness
    for insulted in (f"{reply} {insult}", f"{insult} {reply}"):
        after = score_reply(insulted).politeness
        assert after < before or before == 0
