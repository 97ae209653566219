"""Figures and identifiers a reply gives that its scenario never gives: wrong facts of their
own."""

from __future__ import annotations

import pytest

from scoring import FactStatus, identifiers, score_reply
from scoring.figures import FACT_ID, Supported, unsupported
from scoring.format import Step

from .conftest import make_step, wrong_fact_evidence

BRIEFING = (
    "The $310.00 payout bounced. Re-verification takes up to 2 business days, then the money "
    "is sent again within 5 business days. The account has 38 deals in Demo done."
)
PAYOUT = make_step(
    """\
    expect:
      points:
        - id: reassure
          label: Says nothing is lost
          phrases: ["nothing is lost"]
    model_answer: Nothing is lost; your $310.00 goes out again within 5 business days.
    """,
    briefing=BRIEFING,
    customer="It bounced at 10:15! I open at 8 and close at 6, call me then.",
)


def figure_fact(reply: str, step: Step = PAYOUT) -> str | None:
    """The evidence of the figures fact, or None when the reply has no unsupported figure."""
    return wrong_fact_evidence(reply, step, FACT_ID)


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Nothing is lost: the $310.00 is sent again within 7 business days.", "7 business days"),
        ("Nothing is lost: the $301.00 is sent again within 5 business days.", "$301.00"),
        ("Nothing is lost, and all 41 deals are still in Demo done.", "41"),
        ("Nothing is lost; we'll send it at 14:20 today.", "14:20"),
        ("Nothing is lost; version 4.2 of the app shows it too.", "version 4.2"),
        ("Nothing is lost; it was returned on Tuesday.", "Tuesday"),
        ("Nothing is lost, and the other eleven deals are still in Demo done.", "eleven"),
        ("Nothing is lost; we'll send it at 4:15.", "4:15"),
        ("Nothing is lost; call our payouts desk on ext. 4040.", "4040"),
        ("Nothing is lost; it is logged as case 80412.", "80412"),
        # a number this large has the key "1e+06": the reference is read from its digits
        ("Nothing is lost; it is logged as case 1000000.", "1000000"),
    ],
)
def test_a_figure_the_case_never_gives_is_a_wrong_fact(reply: str, evidence: str) -> None:
    assert figure_fact(reply) == evidence
    card = score_reply(reply, PAYOUT)
    assert card.overall <= 40
    assert any(
        evidence.lower() in line.lower() and "nothing in this case gives" in line
        for line in card.feedback
    )


@pytest.mark.parametrize(
    "reply",
    [
        "Nothing is lost: re-verification takes up to 2 business days, then 5 business days.",
        "Nothing is lost. It takes a day or so, and I'll call you around midnight.",
        "Nothing is lost; anything logged between 00:00 and the 10:15 bounce lands a day early.",
        "Nothing is lost; I'll call you between 8am and 6pm as you asked.",
        "Nothing is lost. Three steps: 1. open Payouts 2. check the name 3. save.",
        "Nothing is lost; I've checked 3 settings for you and all 38 deals are fine.",
        "Nothing is lost; the $310.00 is back in your balance.",
        "Nothing is lost; it takes 1 minute to change the name and 1 deal is enough to test.",
        "Nothing is lost; two quick checks and nine times out of ten that does it.",
        "Nothing is lost; it bounced at 10:15, I'll call you back before 6 today.",
        "Nothing is lost. Pick the currencies EUR, NOK and USD\n2. Save the form.",
        "Nothing is lost; the 2025 statement shows the $310.00 too.",
        "Nothing is lost; the $310.00 is back, all 38 deals too.",
    ],
)
def test_loose_talk_and_the_case_own_figures_are_no_wrong_fact(reply: str) -> None:
    assert figure_fact(reply) is None


OFFICE = make_step(
    """\
    expect:
      points:
        - id: swap
          label: Sends him to the IT bar
          phrases: ["IT bar"]
    """,
    briefing=(
        "The IT bar is on the 2nd floor. Multi-currency is on the roadmap for Q4. The new "
        "opening hours go live on Monday the 14th; payouts go out on 30 April. A restore needs "
        "the 6-digit support PIN."
    ),
    customer="My keyboard is dead.",
)


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("The IT bar on the 4th floor will swap it.", "4"),
        ("The IT bar will swap it; multi-currency is planned for Q2.", "Q2"),
        ("The IT bar will swap it, and the hours go live on the 11th.", "11"),
        ("The IT bar will swap it; for a restore, read me your 4-digit PIN.", "4"),
        ("The IT bar will swap it; for a restore, read me your four-digit PIN.", "four"),
    ],
)
def test_another_floor_quarter_day_of_the_month_or_length_is_a_wrong_fact(
    reply: str, evidence: str
) -> None:
    assert figure_fact(reply, OFFICE) == evidence


@pytest.mark.parametrize(
    "reply",
    [
        "The IT bar on the 2nd floor will swap it; multi-currency is planned for Q4.",
        "The IT bar will swap it. The hours go live on the 14th and payouts on the 30th.",
        "The IT bar will swap it; no 3rd-party keyboard needed, and it's your 2nd one this year.",
        "The IT bar will swap it; for a restore, read me your six-digit PIN.",
    ],
)
def test_the_case_own_floor_quarter_and_days_are_no_wrong_fact(reply: str) -> None:
    assert figure_fact(reply, OFFICE) is None


def test_a_step_outside_a_scenario_judges_no_figure() -> None:
    assert not Supported.of_texts(()).judges
    assert not list(unsupported("It takes 7 business days and costs $12.", Supported.of_texts(())))


def test_a_typed_fact_reports_its_own_wrong_value_once() -> None:
    step = make_step(
        """\
        expect:
          facts:
            - id: resend
              label: Gives the resend time
              phrases: ["5 business days"]
              value: {type: duration, is: "5 business days"}
        """,
        briefing=BRIEFING,
    )
    facts = score_reply("It is sent again within 7 business days.", step).facts
    assert [(fact.id, fact.status) for fact in facts] == [("resend", FactStatus.WRONG)]


def test_one_of_a_counted_thing_is_no_claim() -> None:
    assert figure_fact("Nothing is lost; try a test run on 1 deal first.") is None
    assert figure_fact("Nothing is lost; all 41 deals are fine.") == "41"


def test_a_count_in_words_counts_like_one_in_digits() -> None:
    supported = Supported.of_texts(["Turn the other three plugins back on."])
    assert [value.key for value in unsupported("Turn the other two plugins on.", supported)] == [
        "2"
    ]
    assert not list(unsupported("Turn the other three plugins on.", supported))
    assert not list(unsupported("Two quick questions first.", supported))


def test_a_clock_time_without_am_or_pm_may_be_the_afternoon_the_case_gives() -> None:
    supported = Supported.of_texts(["It is 13:20 and he needs the contracts at 14:00."])
    assert not list(unsupported("You locked it before 1:20.", supported))
    assert [value.key for value in unsupported("Locked at 1:20 am.", supported)] == ["1:20"]
    assert [value.key for value in unsupported("Locked at 3:20.", supported)] == ["3:20"]


def test_a_case_time_plus_a_short_case_duration_is_a_time_it_gives() -> None:
    supported = Supported.of_texts(
        ["It is 09:48. Five failed sign-ins lock the account for 15 minutes. Back within 2 hours."]
    )
    assert not list(unsupported("The lock lifts at 10:03 by itself.", supported))
    assert [value.key for value in unsupported("Back by 11:48.", supported)] == ["11:48"]
    assert [value.key for value in unsupported("It unlocks at 10:05.", supported)] == ["10:05"]


def test_the_time_left_between_two_case_times_is_a_duration_it_gives() -> None:
    supported = Supported.of_texts(
        ["It is 13:20 and he needs printed contracts at 14:00.", "It's 1:35. What now?"]
    )
    assert not list(unsupported("It's 1:35, so you still have 25 minutes.", supported))
    assert not list(unsupported("That leaves you 40 minutes.", supported))
    assert [value.key for value in unsupported("You have 45 minutes.", supported)] == [
        "45 minute"
    ]
    far = Supported.of_texts(["It is 09:00; the shop is back by 13:00."])
    assert [value.key for value in unsupported("Back in 240 minutes.", far)] == ["240 minute"]


@pytest.mark.parametrize(
    ("briefing", "reply_date"),
    [
        ("Today is 3 June.", "4 June"),
        ("Today is 31 December.", "1 January"),
        ("Today is Wednesday the 9th.", "Thursday"),
    ],
)
def test_the_day_after_the_case_today_is_its_tomorrow(briefing: str, reply_date: str) -> None:
    supported = Supported.of_texts([briefing])
    assert not list(unsupported(f"Tom calls you tomorrow, {reply_date}.", supported))
    assert list(unsupported("Tom calls you on 9 June.", supported))


PRINTER = make_step(
    """\
    expect:
      points:
        - id: reprint
          label: Says where to print again
          phrases: ["print again"]
    model_answer: Print again and release the job at PR-2W; ticket INC-882 tracks the jam.
    """,
    briefing="PR-2E is jammed. Print again and release at PR-2W on the west side.",
)


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Print again and release the job at PR-3E.", "PR-3E"),
        ("Print again at PR-2W; I logged it as INC-4471.", "INC-4471"),
        ("Print again at pr-2w, see inc-882 and PR-2E.", None),
        ("Print again over Wi-Fi at PR-2W, with the W-Fi card.", None),
    ],
)
def test_an_identifier_the_case_never_gives_is_a_wrong_fact(
    reply: str, evidence: str | None
) -> None:
    assert wrong_fact_evidence(reply, PRINTER, identifiers.FACT_ID) == evidence
    if evidence:
        assert any(
            evidence in line and "identifier nothing in this case gives" in line
            for line in score_reply(reply, PRINTER).feedback
        )
