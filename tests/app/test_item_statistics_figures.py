"""The item statistics' figures on hand-built replies, with the figures worked out by hand."""

from __future__ import annotations

import math

import pytest

from trainer.library.item_statistics.figures import (
    GradedReply,
    ItemOutcome,
    StepTotals,
    discrimination,
    item_counts,
    item_shares,
    step_figures,
    step_totals,
)


def reply(step: str, overall: int, *, dimensions: tuple | None = None, violations: int = 0,
          machine: int | None = None, reviewed: bool = False) -> GradedReply:
    """A reply whose dimensions default to its overall; `machine` differing from `overall`
    makes it a mentor's correction."""
    scores = dimensions or (overall,) * 3
    machine = overall if machine is None else machine
    return GradedReply(step, *scores, overall, violations, machine,
                       corrected=machine != overall, reviewed=reviewed)


def totals(*attempts: list[GradedReply]) -> dict[str, StepTotals]:
    """The summed totals of these attempts, as the tallies hold them."""
    summed: dict[str, StepTotals] = {}
    for replies in attempts:
        for step_id, step in step_totals(replies).items():
            summed.setdefault(step_id, StepTotals()).add(step)
    return summed


def test_an_attempt_adds_its_replies_and_pairs_each_with_the_rest_of_the_attempt():
    added = step_totals([
        reply("opening", 80),
        reply("follow-up", 50, dimensions=(70, None, 40)),
        reply("closing", 90, violations=1),
    ])
    opening = added["opening"]
    assert (opening.replies, opening.passed, opening.overall_sum) == (1, 1, 80)
    assert (opening.pairs, opening.pairs_passed) == (1, 1)
    assert opening.rest_sum == 70.0  # (50 + 90) / 2
    assert opening.rest_squares == 4900.0 and opening.rest_when_passed == 70.0
    follow_up = added["follow-up"]
    assert follow_up.passed == 0  # completeness 40 is under 60
    assert (follow_up.correctness_sum, follow_up.correctness_replies) == (0, 0)
    assert (follow_up.completeness_sum, follow_up.completeness_replies) == (40, 1)
    assert follow_up.rest_sum == 85.0 and follow_up.rest_when_passed == 0.0
    assert added["closing"].passed == 0  # a violation fails it, whatever the scores


def test_a_lone_reply_has_nothing_to_pair_with():
    added = step_totals([reply("opening", 80)])["opening"]
    assert (added.replies, added.pairs, added.rest_sum) == (1, 0, 0.0)


def test_taking_an_attempt_off_leaves_the_totals_as_they_were():
    first = totals([reply("opening", 80), reply("later", 60)])["opening"]
    before = StepTotals(**first.as_dict())
    second = step_totals([reply("opening", 40), reply("later", 90)])["opening"]
    first.add(second)
    assert first.replies == 2 and first.rest_sum == 150.0
    first.add(second, sign=-1)
    assert first == before


def test_means_pass_rate_and_corrections_of_a_step():
    figures = step_figures(totals(
        [reply("opening", 90, reviewed=True, machine=80), reply("later", 70, reviewed=True)],
        [reply("opening", 60, reviewed=True, machine=80), reply("later", 70, reviewed=True)],
        [reply("opening", 75, dimensions=(75, 75, 55))],
        [reply("opening", 100, violations=1)],
    ), [], [("opening", "Hello?"), ("later", "And now?"), ("never-reached", "Hm.")])
    opening, later, unreached = figures
    assert opening.customer == "Hello?" and opening.reached == 4
    assert opening.means == {"overall": 81.25, "politeness": 81.25,
                             "correctness": 81.25, "completeness": 76.25}
    assert (opening.passed, opening.pass_rate) == (1, 0.25)  # 90 passes; 55 and a violation fail
    fixes = opening.corrections
    assert (fixes.reviewed, fixes.corrected, fixes.up, fixes.down) == (2, 2, 1, 1)
    assert fixes.mean_change == -5.0 and fixes.share == 1.0
    assert later.corrections.corrected == 0 and later.corrections.mean_change is None
    assert (unreached.reached, unreached.pass_rate, unreached.means["overall"]) == (0, None, None)
    assert unreached.discrimination.reason == "too few" and unreached.flags == ()


def pairs(passing: list[bool], rest: list[int]) -> dict[str, StepTotals]:
    """One attempt per pair: the step passed or not, and one other reply scoring `rest`."""
    return totals(*[[reply("step", 90 if passed else 30), reply("other", other)]
                    for passed, other in zip(passing, rest, strict=True)])


REST = [90, 80, 70, 60, 50, 40, 30, 20, 10, 0]


def test_discrimination_is_the_point_biserial_correlation():
    # The five who pass average 70 elsewhere, the five who fail 20; the rest's standard
    # deviation (population) is sqrt(825), so r = (70 - 20) / sqrt(825) * sqrt(0.5 * 0.5).
    found = discrimination(pairs([True] * 5 + [False] * 5, REST)["step"])
    assert found.pairs == 10 and found.reason == ""
    assert found.value == pytest.approx(25 / math.sqrt(825), rel=1e-12)
    reversed_ = discrimination(pairs([False] * 5 + [True] * 5, REST)["step"])
    assert reversed_.value == pytest.approx(-25 / math.sqrt(825), rel=1e-12)


@pytest.mark.parametrize(
    ("passing", "rest", "reason"),
    [
        ([True] * 5 + [False] * 4, REST[:9], "too few"),
        ([True] * 10, REST, "everyone passed"),
        ([False] * 10, REST, "nobody passed"),
        ([True] * 5 + [False] * 5, [60] * 10, "the other replies all scored alike"),
    ],
)
def test_discrimination_is_not_computed_without_enough_spread(passing, rest, reason):
    found = discrimination(pairs(passing, rest)["step"])
    assert (found.value, found.pairs, found.reason) == (None, len(passing), reason)


def test_a_step_everyone_passes_is_flagged():
    figures = step_figures(pairs([True] * 10, REST), [], [("step", "")])
    assert figures[0].flags == (
        "Almost everyone passes (100 % of 10): the step tells trainees apart little; it may be "
        "too easy or its bar too low.",
    )


def test_a_step_nobody_passes_is_flagged_but_not_before_ten_replies():
    nine = step_figures(pairs([False] * 9, REST[:9]), [], [("step", "")])[0]
    assert nine.pass_rate == 0 and nine.flags == ()
    ten = step_figures(pairs([False] * 10, REST), [], [("step", "")])[0]
    assert ten.flags[0].startswith("Almost nobody passes (0 % of 10): check that the customer")


def test_a_step_with_negative_discrimination_is_flagged():
    step = step_figures(pairs([False] * 5 + [True] * 5, REST), [], [("step", "")])[0]
    assert step.flags == (
        "Trainees who do well in the rest of the conversation pass this step less often "
        "(discrimination -0.87): the step may reward the wrong thing or be unclear.",
    )


def test_a_step_mentors_keep_correcting_is_flagged_from_five_reviewed_replies():
    corrected = [[reply("step", 50, machine=70, reviewed=True)]] * 2
    agreed = [[reply("step", 70, reviewed=True)]] * 2
    four = step_figures(totals(*corrected, *agreed), [], [])[0]
    assert four.corrections.share == 0.5 and four.flags == ()
    five = step_figures(totals(*corrected, *agreed, [reply("step", 80, reviewed=True)]), [], [])
    assert five[0].flags == (
        "Mentors corrected the grade of 2 of 5 reviewed replies (40 %, mostly down): the scorer "
        "may misjudge this step; look at the phrases of the items the mentors changed.",
    )


def test_missed_wrong_and_committed_items_are_counted_and_others_are_not():
    outcomes = [
        ItemOutcome("opening", "points", "apologise", "Apologises", False),
        ItemOutcome("opening", "points", "apologise", "Apologises", False),
        ItemOutcome("opening", "points", "ask-domain", "Asks the domain", True),
        ItemOutcome("opening", "facts", "eta", "Gives the time", "missing"),
        ItemOutcome("opening", "facts", "eta", "Gives the time", "wrong"),
        ItemOutcome("opening", "facts", "price", "Gives the price", "right"),
        ItemOutcome("opening", "never", "blame", "Blames", True),
        ItemOutcome("opening", "never", "argue", "Argues", False),
    ]
    assert item_counts(outcomes) == {
        ("opening", "points", "apologise", "missed"): ("Apologises", 2),
        ("opening", "facts", "eta", "missed"): ("Gives the time", 1),
        ("opening", "facts", "eta", "stated wrong"): ("Gives the time", 1),
        ("opening", "never", "blame", "committed"): ("Blames", 1),
    }


def test_the_three_most_missed_items_come_first_with_their_share_of_the_replies():
    counts = [
        (("opening", "points", "a", "missed"), "A", 1),
        (("opening", "points", "b", "missed"), "B", 3),
        (("opening", "facts", "c", "stated wrong"), "C", 2),
        (("opening", "facts", "c", "missed"), "C", 2),
        (("opening", "never", "d", "committed"), "D", 4),
        (("opening", "never", "e", "committed"), "E", 0),  # all taken off again
        (("unreached", "points", "f", "missed"), "F", 1),
    ]
    missed, committed = item_shares(counts, {"opening": 4})["opening"]
    assert [(s.item_id, s.outcome, s.replies, s.share) for s in missed] == [
        ("b", "missed", 3, 0.75), ("c", "missed", 2, 0.5), ("c", "stated wrong", 2, 0.5),
    ]
    assert [(s.item_id, s.label, s.share) for s in committed] == [("d", "D", 1.0)]
    assert "unreached" not in item_shares(counts, {"opening": 4})


def test_steps_come_in_the_scenarios_order_then_steps_it_no_longer_has():
    figures = step_figures(totals([reply("gone", 70), reply("second", 70)]), [],
                           [("first", "One"), ("second", "Two")])
    assert [(step.step_id, step.customer, step.reached) for step in figures] == [
        ("first", "One", 0), ("second", "Two", 1), ("gone", "", 1)]
