"""Rank evaluation, requirement by requirement, on hand-made histories (no app, no database)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring import DEFAULT_PASS_RULE, PassRule
from tests.progress.facts import attempt, ladder, reply
from trainer.progress.evaluation import (
    History,
    State,
    evaluate_ladder,
)
from trainer.progress.ladder import PassBar


def checklist(the_ladder, attempts):
    """The second rank's lines (the first rank has no requirements)."""
    first, second = evaluate_ladder(the_ladder, attempts)
    assert first.met and first.requirements == ()
    return second


def only_line(the_ladder, attempts):
    result = checklist(the_ladder, attempts)
    assert len(result.requirements) == 1
    return result.requirements[0]


# --- scenarios_passed ------------------------------------------------------------------------

TWO_AT_3 = ladder("{kind: scenarios_passed, count: 2, min_difficulty: 3}")


@pytest.mark.parametrize(
    ("attempts", "current", "met"),
    [
        ([], 0, False),
        ([attempt("a", difficulty=3)], 1, False),
        ([attempt("a", difficulty=3), attempt("b", difficulty=4)], 2, True),
        # the same scenario passed twice counts once
        ([attempt("a", difficulty=3), attempt("a", difficulty=3, day=1)], 1, False),
        # easier scenarios do not count
        ([attempt("a", difficulty=3), attempt("b", difficulty=2)], 1, False),
        # a failed attempt does not count, a later pass of the same scenario does
        ([attempt("a", difficulty=3), attempt("b", difficulty=3, score=40),
          attempt("b", difficulty=3, day=2)], 2, True),
        # unfinished attempts never count, however good
        ([attempt("a", difficulty=3), attempt("b", difficulty=5, score=100, finished=False)],
         1, False),
        # one violation fails the default bar
        ([attempt("a", difficulty=3), attempt("b", difficulty=3, violations=1)], 1, False),
    ],
    ids=["none", "one", "two", "same-twice", "too-easy", "fail-then-pass", "unfinished",
         "violation"],
)
def test_scenarios_passed_counts_distinct_passes_at_difficulty(attempts, current, met):
    line = only_line(TWO_AT_3, attempts)
    assert (line.current, line.needed, line.met) == (current, 2, met)
    assert line.state is (State.MET if met else State.NOT_MET)
    assert line.text.startswith(
        f"{current} of 2 scenarios passed in an exam at difficulty 3 or above")


def test_scenarios_passed_text_names_the_bar_and_the_evidence_is_the_first_passes():
    the_ladder = ladder("{kind: scenarios_passed, count: 1}")
    first, again = attempt("a"), attempt("a", day=1)
    line = only_line(the_ladder, [again, first])
    assert line.text == (
        "1 of 1 scenario passed in an exam (overall 70+, each score 60+, no violation)")
    assert line.evidence == (first.attempt_id,) and line.fraction == 1.0


@pytest.mark.parametrize(
    ("scores", "met"),
    [
        ({"score": 75, "politeness": 65, "correctness": 65, "completeness": 65}, True),
        ({"score": 74, "politeness": 65, "correctness": 65, "completeness": 65}, False),
        ({"score": 75, "politeness": 64, "correctness": 65, "completeness": 65}, False),
        ({"score": 75, "politeness": 65, "correctness": 65, "completeness": 64}, False),
        ({"score": 90, "violations": 1}, True),
        ({"score": 90, "violations": 2}, False),
    ],
    ids=["ties-pass", "overall-one-below", "politeness-one-below", "completeness-one-below",
         "violations-at-limit", "violations-over"],
)
def test_own_pass_rule_with_ties_at_the_threshold(scores, met):
    the_ladder = ladder("{kind: scenarios_passed, count: 1, pass_rule: "
                        "{overall: 75, each_dimension: 65, max_violations: 1}}")
    assert only_line(the_ladder, [attempt("a", **scores)]).met is met


def test_a_requirement_without_pass_rule_uses_the_ladders_bar():
    strict = ladder("{kind: scenarios_passed, count: 1}",
                    pass_rule="pass_rule: {overall: 90, each_dimension: 90}")
    assert not only_line(strict, [attempt("a", score=89)]).met
    assert only_line(strict, [attempt("a", score=90)]).met
    assert "overall 90+, each score 90+" in only_line(strict, []).text


def test_a_missing_dimension_fails_the_bar_as_the_practice_pass_rule_does():
    assert not only_line(TWO_AT_3, [
        replace(attempt("a", difficulty=3), correctness=None),
        attempt("b", difficulty=3),
    ]).met


def test_only_exams_at_unpractised_scenarios_count():
    """Practice shows model answers, so practice attempts and exams at practised scenarios
    never count: pasting what the app showed cannot reach a rank."""
    the_ladder = ladder("{kind: scenarios_passed, count: 3}")
    line = only_line(the_ladder, [
        attempt("a", mode="practice"), attempt("b", certifying=False), attempt("c"),
    ])
    assert (line.current, line.met) == (1, False)
    assert line.text.startswith("1 of 3 scenarios passed in an exam")
    averages = ladder("{kind: dimension_average, last_replies: 2, minimum: {politeness: 70}}")
    assert not only_line(averages, [attempt("a", mode="practice", score=90)]).met
    assert only_line(averages, [attempt("a", score=90)]).met


def test_an_attempt_counts_for_the_version_it_was_played_on():
    """Version 2 made the scenario harder: only the attempt on version 2 is at difficulty 3."""
    on_v1 = attempt("a", version=1, difficulty=2)
    on_v2 = attempt("a", version=2, difficulty=3, day=1)
    one_at_3 = ladder("{kind: scenarios_passed, count: 1, min_difficulty: 3}")
    assert not only_line(one_at_3, [on_v1]).met
    line = only_line(one_at_3, [on_v1, on_v2])
    assert line.met and line.evidence == (on_v2.attempt_id,)
    # and passing both versions is still one scenario
    assert only_line(ladder("{kind: scenarios_passed, count: 2}"), [on_v1, on_v2]).current == 1


# --- personas_handled ------------------------------------------------------------------------

PERSONAS = ladder("{kind: personas_handled, groups: [[rude, insulting], confused, distressed]}")


@pytest.mark.parametrize(
    ("personas", "current", "still_to_do"),
    [
        ([], 0, "rude or insulting, confused, distressed"),
        (["insulting"], 1, "confused, distressed"),
        (["rude", "insulting", "confused"], 2, "distressed"),
        (["vip", "informal"], 0, "rude or insulting, confused, distressed"),
    ],
)
def test_personas_handled_needs_one_pass_per_group(personas, current, still_to_do):
    attempts = [attempt(f"s{n}", persona=persona) for n, persona in enumerate(personas)]
    line = only_line(PERSONAS, attempts)
    assert (line.current, line.needed, line.met) == (current, 3, False)
    assert line.text == f"{current} of 3 customer types handled; still to do: {still_to_do}"


def test_personas_handled_met_and_only_passing_attempts_count():
    attempts = [attempt("a", persona="rude"), attempt("b", persona="confused"),
                attempt("c", persona="distressed", score=50)]
    assert not only_line(PERSONAS, attempts).met
    line = only_line(PERSONAS, [*attempts, attempt("d", persona="distressed")])
    assert line.met and line.text.endswith("handled: rude or insulting, confused, distressed")


def test_personas_handled_respects_min_difficulty_and_counts_exams_only():
    the_ladder = ladder("{kind: personas_handled, groups: [confused], min_difficulty: 2}")
    assert not only_line(the_ladder, [attempt("a", persona="confused")]).met
    assert not only_line(the_ladder, [attempt("a", persona="confused", difficulty=2,
                                              mode="practice")]).met
    assert only_line(the_ladder, [attempt("a", persona="confused", difficulty=2)]).met


# --- dimension_average -----------------------------------------------------------------------

AVERAGES = ladder("{kind: dimension_average, last_replies: 4, "
                  "minimum: {politeness: 70, completeness: 75}}")


def test_dimension_average_gives_one_line_per_named_dimension():
    result = checklist(AVERAGES, [attempt("a", score=80, replies=4)])
    assert [line.text for line in result.requirements] == [
        "Politeness averages 80 over the last 4 exam replies (needs 70 over 4)",
        "Completeness averages 80 over the last 4 exam replies (needs 75 over 4)",
    ]
    assert result.met and {line.requirement for line in result.requirements} == {0}


def test_dimension_average_needs_enough_replies():
    result = checklist(AVERAGES, [attempt("a", score=100, replies=3)])
    assert not result.met
    assert [line.fraction for line in result.requirements] == [0.75, 0.75]


def test_dimension_average_reads_only_the_most_recent_replies():
    bad, good = attempt("a", score=10, replies=4, day=0), attempt("b", score=90, replies=4, day=1)
    assert checklist(AVERAGES, [good, bad]).met
    worse_later = attempt("c", score=10, replies=2, day=2)
    lines = checklist(AVERAGES, [good, bad, worse_later]).requirements
    assert [line.current for line in lines] == [50, 50]


@pytest.mark.parametrize(
    ("scores", "met", "shown"),
    [
        ([70, 70, 70, 70], True, 70),  # a tie at the threshold is met
        ([70, 70, 70, 69], False, 69.7),
        ([71, 70, 70, 69], True, 70),
    ],
)
def test_dimension_average_ties_and_rounding(scores, met, shown):
    the_ladder = ladder("{kind: dimension_average, last_replies: 4, minimum: {correctness: 70}}")
    base = attempt("a", replies=0)
    replies = tuple(reply(base.finished_at.replace(minute=n), 90, correctness=score)
                    for n, score in enumerate(scores))
    line = only_line(the_ladder, [replace(base, replies=replies)])
    assert (line.met, line.current) == (met, shown)


def test_replies_of_unfinished_attempts_never_count():
    unfinished = attempt("b", score=100, replies=4, finished=False)
    assert not checklist(AVERAGES, [unfinished]).met


# --- reply_time ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("reply_ms", "replies", "met"),
    [(45_000, 5, True), (45_001, 5, False), (10_000, 4, False)],
    ids=["tie-is-met", "just-over", "too-few-replies"],
)
def test_reply_time_median_over_the_last_replies(reply_ms, replies, met):
    the_ladder = ladder("{kind: reply_time, last_replies: 5, max_median_seconds: 45}")
    line = only_line(the_ladder, [attempt("a", replies=replies, reply_ms=reply_ms)])
    assert line.met is met
    assert line.text.startswith(f"Median reply time {-(-reply_ms // 100) / 10:g} s")


# --- mentor_sign_off -------------------------------------------------------------------------

def test_mentor_sign_off_stays_pending_so_the_rank_is_not_met():
    the_ladder = ladder("{kind: scenarios_passed, count: 1}", "{kind: mentor_sign_off}")
    result = checklist(the_ladder, [attempt("a")])
    passed, sign_off = result.requirements
    assert passed.met and sign_off.state is State.PENDING
    assert not result.met and result.met_count == 1
    assert result.requirement_met(0) and not result.requirement_met(1)


# --- the pass rule is scoring's pass rule --------------------------------------------------------

def test_the_default_bar_is_the_default_pass_rule():
    assert PassBar().rule == DEFAULT_PASS_RULE


score = st.one_of(st.none(), st.integers(0, 100))


@given(score, score, score, score, st.integers(0, 3), st.integers(0, 100),
       st.integers(0, 100), st.integers(0, 2))
def test_a_ladder_bar_judges_an_attempt_by_the_pass_rule(politeness, correctness, completeness,
                                                         overall, violations, bar_overall,
                                                         bar_each, bar_violations):
    fact = replace(attempt(), politeness=politeness, correctness=correctness,
                   completeness=completeness, overall=overall, violation_count=violations)
    bar = PassBar(overall=bar_overall, each_dimension=bar_each, max_violations=bar_violations)
    rule = PassRule(bar_overall, bar_each, bar_violations)
    assert fact.passes(bar.rule) == rule.passes(
        overall, (politeness, correctness, completeness), violations)


def test_history_keeps_finished_attempts_in_order_and_replies_newest_first():
    late, early = attempt("a", day=3), attempt("b", day=1)
    history = History.of([late, attempt("c", finished=False), early])
    assert [a.slug for a in history.attempts] == ["b", "a"]
    times = [r.received_at for r in history.recent_replies]
    assert times == sorted(times, reverse=True) and len(times) == 4


def test_every_rank_of_the_shipped_ladder_is_evaluated(shipped_ladder):
    results = evaluate_ladder(shipped_ladder, [])
    assert [r.rank_id for r in results] == [rank.id for rank in shipped_ladder.ranks]
    assert results[0].met and not any(r.met for r in results[1:])
