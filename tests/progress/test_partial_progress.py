"""Partial progress: the fraction behind each progress bar, and the words beside it, for a
trainee half-way there (no app, no database).

A trainee reads these bars to decide what to practise next, so a bar must grow with the work
done, never run ahead of it, and say exactly what is still missing.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.progress.facts import START, attempt, ladder, reply
from trainer.progress.evaluation import History, State, evaluate_ladder


def checklist(the_ladder, attempts, signed_off=frozenset()):
    """The second rank's result (the first rank has no requirements)."""
    return evaluate_ladder(the_ladder, attempts, signed_off)[1]


def only_line(the_ladder, attempts):
    (line,) = checklist(the_ladder, attempts).requirements
    return line


def with_replies(*replies):
    """One certifying exam whose replies are exactly these."""
    return replace(attempt("a", replies=0), replies=tuple(replies))


def at(minute: int):
    return START.replace(minute=minute)


# --- scenarios and customer types ------------------------------------------------------------

@pytest.mark.parametrize(
    ("passes", "fraction", "met"),
    [(0, 0.0, False), (1, 0.333, False), (2, 0.667, False), (3, 1.0, True), (5, 1.0, True)],
)
def test_the_scenarios_bar_grows_by_a_third_per_scenario(passes, fraction, met):
    line = only_line(ladder("{kind: scenarios_passed, count: 3}"),
                     [attempt(f"s{n}") for n in range(passes)])
    assert (line.current, line.needed, line.fraction, line.met) == (passes, 3, fraction, met)


def test_more_passes_than_needed_read_as_all_of_them():
    line = only_line(ladder("{kind: scenarios_passed, count: 2}"),
                     [attempt(f"s{n}") for n in range(4)])
    assert line.text.startswith("2 of 2 scenarios passed in an exam (")
    assert len(line.evidence) == 4


def test_the_scenarios_text_names_a_bar_that_allows_violations():
    the_ladder = ladder("{kind: scenarios_passed, count: 2, min_difficulty: 2, pass_rule: "
                        "{overall: 80, each_dimension: 50, max_violations: 2}}")
    assert only_line(the_ladder, []).text == (
        "0 of 2 scenarios passed in an exam at difficulty 2 or above "
        "(overall 80+, each score 50+, 2 violations at most)")


@pytest.mark.parametrize(
    ("personas", "fraction"),
    [(["rude"], 0.333), (["rude", "confused"], 0.667), (["rude", "insulting"], 0.333)],
)
def test_the_customer_types_bar_grows_per_group_handled(personas, fraction):
    the_ladder = ladder("{kind: personas_handled, groups: [[rude, insulting], confused, vip]}")
    attempts = [attempt(f"s{n}", persona=persona) for n, persona in enumerate(personas)]
    line = only_line(the_ladder, attempts)
    assert (line.fraction, line.needed, line.state) == (fraction, 3, State.NOT_MET)


def test_the_customer_types_evidence_is_the_first_pass_of_each_group():
    the_ladder = ladder("{kind: personas_handled, groups: [[rude, insulting], confused], "
                        "min_difficulty: 2}")
    first, again, other = (attempt("a", persona="rude", difficulty=2),
                           attempt("b", persona="insulting", difficulty=3, day=1),
                           attempt("c", persona="confused", difficulty=2, day=2))
    line = only_line(the_ladder, [other, again, first])
    assert line.evidence == (first.attempt_id, other.attempt_id)
    assert line.text == ("2 of 2 customer types handled: rude or insulting, confused "
                         "(difficulty 2 or above)")


def test_attempts_finished_at_the_same_moment_are_taken_in_the_order_they_were_made():
    same_time = [attempt("a"), attempt("a")]
    line = only_line(ladder("{kind: scenarios_passed, count: 1}"), list(reversed(same_time)))
    assert line.evidence == (same_time[0].attempt_id,)
    history = History.of(list(reversed(same_time)))
    assert [a.attempt_id for a in history.attempts] == [a.attempt_id for a in same_time]


# --- averages ----------------------------------------------------------------------------------

AVERAGE_80 = ladder("{kind: dimension_average, last_replies: 4, minimum: {politeness: 80}}")


@pytest.mark.parametrize(
    ("scores", "fraction", "shown"),
    [
        ([40, 40, 40, 40], 0.5, 40),  # half the average over the whole window
        ([40, 40], 0.25, 40),  # half the average over half the window
        ([100, 100], 0.5, 100),  # above the minimum, but only half the replies
        ([90, 90, 90], 0.75, 90),
        ([60, 60, 60, 61], 0.753, 60.2),  # 60.25 of 80, shown rounded down
    ],
)
def test_the_average_bar_is_the_share_of_the_minimum_times_the_share_of_replies(
        scores, fraction, shown):
    history = [with_replies(*(reply(at(n), politeness=score) for n, score in enumerate(scores)))]
    line = only_line(AVERAGE_80, history)
    assert (line.fraction, line.current, line.needed) == (fraction, shown, 80)
    assert line.state is State.NOT_MET
    assert line.text == (f"Politeness averages {shown:g} over the last {len(scores)} exam "
                         "replies (needs 80 over 4)")


def test_an_average_skips_replies_without_that_score():
    """A reply to a step without facts has no correctness: it neither helps nor hurts."""
    the_ladder = ladder("{kind: dimension_average, last_replies: 2, minimum: {correctness: 70}}")
    line = only_line(the_ladder, [with_replies(reply(at(1), correctness=90),
                                               replace(reply(at(2)), correctness=None))])
    assert (line.current, line.met, line.fraction) == (90, True, 1.0)
    empty = only_line(the_ladder, [with_replies(replace(reply(at(1)), correctness=None),
                                                replace(reply(at(2)), correctness=None))])
    assert (empty.current, empty.met, empty.fraction) == (0, False, 0.0)


def test_a_minimum_of_zero_needs_only_the_replies():
    the_ladder = ladder("{kind: dimension_average, last_replies: 4, minimum: {completeness: 0}}")
    half = only_line(the_ladder, [with_replies(reply(at(1), 0), reply(at(2), 0))])
    assert (half.fraction, half.met) == (0.5, False)
    full = only_line(the_ladder, [with_replies(*(reply(at(n), 0) for n in range(4)))])
    assert (full.fraction, full.met) == (1.0, True)


# --- reply time ---------------------------------------------------------------------------------

REPLY_TIME = ladder("{kind: reply_time, last_replies: 4, max_median_seconds: 30}")


@pytest.mark.parametrize(
    ("seconds", "fraction", "met", "shown"),
    [
        ([60, 60, 60, 60], 0.5, False, 60),  # twice as slow as allowed: half the bar
        ([60, 60], 0.25, False, 60),  # and only half the replies
        ([10, 10], 0.5, False, 10),  # fast enough, half the replies
        ([10, 20, 40, 50], 1.0, True, 30),  # median of an even count: 30, a tie is met
        ([10, 20, 40.5, 50], 0.992, False, 30.3),  # 30.25 s, shown rounded up
        ([], 0.0, False, 0),
    ],
)
def test_the_reply_time_bar_is_the_speed_times_the_share_of_replies(seconds, fraction, met,
                                                                    shown):
    history = [with_replies(*(reply(at(n), reply_ms=round(s * 1000))
                              for n, s in enumerate(seconds)))]
    line = only_line(REPLY_TIME, history)
    assert (line.fraction, line.met, line.current, line.needed) == (fraction, met, shown, 30)
    assert line.text == (f"Median reply time {shown:g} s over the last {len(seconds)} exam "
                         "replies (at most 30 s over 4)")


def test_the_reply_time_window_reads_the_newest_replies():
    slow_then_fast = [with_replies(*(reply(at(n), reply_ms=90_000) for n in range(4))),
                      replace(attempt("b", day=1, replies=4, reply_ms=15_000))]
    line = only_line(REPLY_TIME, slow_then_fast)
    assert (line.current, line.met) == (15, True)


# --- the mentor's sign-off and the rank as a whole ---------------------------------------------

SIGN_OFF = ladder("{kind: scenarios_passed, count: 2}", "{kind: mentor_sign_off}")


def test_a_signed_off_rank_shows_a_full_sign_off_line():
    result = checklist(SIGN_OFF, [attempt("a"), attempt("b")], frozenset({"next"}))
    passed, sign_off = result.requirements
    assert (sign_off.state, sign_off.current, sign_off.needed, sign_off.fraction) == (
        State.MET, 1, 1, 1.0)
    assert (result.rank_id, result.name, sign_off.kind) == ("next", "Next", "mentor_sign_off")
    assert sign_off.text == "Signed off by the mentor"
    assert (passed.requirement, sign_off.requirement) == (0, 1)
    assert result.met and result.met_count == 2 and result.fraction == 1.0


def test_a_sign_off_of_another_rank_does_not_count():
    result = checklist(SIGN_OFF, [attempt("a"), attempt("b")], frozenset({"start"}))
    sign_off = result.requirements[1]
    assert (sign_off.state, sign_off.current, sign_off.needed, sign_off.fraction) == (
        State.PENDING, 0, 1, 0.0)
    assert sign_off.kind == "mentor_sign_off"
    assert sign_off.text.startswith("Mentor sign-off (the mentor gives it once the rest is met")


def test_the_rank_bar_is_the_mean_of_its_lines():
    result = checklist(SIGN_OFF, [attempt("a")])
    assert [line.fraction for line in result.requirements] == [0.5, 0.0]
    assert result.fraction == 0.25 and result.met_count == 0 and not result.met
    first = evaluate_ladder(SIGN_OFF, [])[0]
    assert first.fraction == 1.0 and first.met_count == 0 and first.met


def test_one_scenario_to_pass_starts_empty():
    line = only_line(ladder("{kind: scenarios_passed, count: 1}"), [])
    assert (line.fraction, line.needed, line.kind) == (0.0, 1, "scenarios_passed")


def test_each_line_names_its_requirements_kind():
    the_ladder = ladder(
        "{kind: personas_handled, groups: [rude]}",
        "{kind: dimension_average, last_replies: 1, minimum: {politeness: 1}}",
        "{kind: reply_time, last_replies: 1, max_median_seconds: 1}",
    )
    kinds = [line.kind for line in checklist(the_ladder, []).requirements]
    assert kinds == ["personas_handled", "dimension_average", "reply_time"]
