"""Where a trainee stands: current rank, what to award next, revoked ranks, the trend."""

from __future__ import annotations

import pytest

from tests.progress.facts import attempt
from trainer.progress.evaluation import RankResult, RequirementProgress, State
from trainer.progress.ladder import load_ladder_text
from trainer.progress.standing import (
    current_level,
    ranks_to_award,
    recent_overall,
    standing_of,
    trend,
)

LADDER = load_ladder_text("\n".join(
    ["ranks:", "  - {id: r0, name: Zero}"]
    + [f"  - {{id: r{n}, name: Rank {n}, requirements: [{{kind: mentor_sign_off}}]}}"
       for n in (1, 2, 3)]
) + "\n")


def results(*met: bool) -> tuple[RankResult, ...]:
    """One result per rank: the first is always met, then the given outcomes."""
    line = {True: State.MET, False: State.NOT_MET}
    return (RankResult("r0", "Zero", ()),) + tuple(
        RankResult(f"r{n}", f"Rank {n}", (RequirementProgress("k", "t", line[ok], 1, 1, 1.0),))
        for n, ok in enumerate(met, start=1)
    )


@pytest.mark.parametrize(
    ("met", "held", "due"),
    [
        ((False, False, False), {}, []),
        ((True, False, False), {}, ["r1"]),
        ((True, True, False), {}, ["r1", "r2"]),  # several at once, in order
        ((False, True, True), {}, []),  # one rank at a time: r1 first
        ((True, True, True), {"r1": True}, ["r2", "r3"]),
        ((True, True, True), {"r1": False}, []),  # revoked r1 blocks the way up
        ((True, True, True), {"r1": True, "r2": False}, []),
        ((True, True, True), {"r1": True, "r2": True, "r3": True}, []),
        ((True, False, False), {"gone": True}, ["r1"]),  # a rank no longer on the ladder
    ],
)
def test_ranks_to_award(met, held, due):
    assert [rank.id for _, rank in ranks_to_award(LADDER, results(*met), held)] == due


def test_levels_come_with_the_ranks():
    assert [level for level, _ in ranks_to_award(LADDER, results(True, True, False), {})] == [1, 2]


@pytest.mark.parametrize(
    ("held", "current", "following", "blocked"),
    [
        ({}, "r0", "r1", False),
        ({"r1": True}, "r1", "r2", False),
        ({"r1": True, "r2": False}, "r1", "r2", True),
        ({"r1": False}, "r0", "r1", True),
        ({"r1": True, "r2": False, "r3": True}, "r3", None, False),
    ],
)
def test_standing_is_the_highest_valid_rank(held, current, following, blocked):
    standing = standing_of(LADDER, results(False, False, False), held)
    assert standing.current.id == current
    assert (standing.next.id if standing.next else None) == following
    assert standing.blocked is blocked
    assert current_level(LADDER, held) == int(current[1])


def test_a_promotion_is_due_when_the_next_rank_is_met_and_not_blocked():
    assert standing_of(LADDER, results(True, False, False), {}).promotion_due
    assert not standing_of(LADDER, results(False, True, False), {}).promotion_due
    assert not standing_of(LADDER, results(True, True, False), {"r1": False}).promotion_due
    assert not standing_of(LADDER, results(True, True, True), {"r3": True}).promotion_due


def test_summary_says_what_is_left():
    assert standing_of(LADDER, results(True, False, False), {}).summary == (
        "1 of 1 requirements for Rank 1")
    assert standing_of(LADDER, results(True, True, True), {"r3": True}).summary == (
        "Top of the ladder")
    assert standing_of(LADDER, results(True, True, True), {"r1": False}).summary == (
        "Rank 1: certificate revoked")


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([], None), ([70], None), ([60, 70], 10), ([80, 70, 60], -20), ([50, 50, 50, 50], 0),
     ([40, 50, 60, 70], 20)],
)
def test_trend_is_newer_half_minus_older_half(scores, expected):
    assert trend(scores) == expected


def test_recent_overall_keeps_the_last_ten_finished_attempts_in_order():
    attempts = [attempt(f"s{day}", day=day, score=50 + day) for day in range(12)]
    attempts.append(attempt("x", score=99, finished=False))
    assert recent_overall(list(reversed(attempts))) == [52 + n for n in range(10)]
