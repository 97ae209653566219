"""Rank evaluation: a pure function from a trainee's attempt history to their progress.

Plain dataclasses in, dataclasses out; no Flask and no database, so every rule is unit-tested on
hand-made histories. Which attempts count:
- only finished, certifying attempts: exams at a scenario the trainee had not practised before
  the exam ended, so no model answer of it had been shown (a rank cannot be reached by pasting
  what the app showed); each counts for the scenario version it was played on (its difficulty
  and persona then);
- "passed" is judged again with the requirement's own bar, from the attempt's scores;
- reply averages and reply times use the most recent graded replies of those attempts.

Texts name nobody ("the last 10 exam replies"): the trainee and their mentor read the same ones.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from scoring import DIMENSIONS, PassRule
from trainer.progress.ladder import (
    DimensionAverage,
    Ladder,
    MentorSignOff,
    PersonasHandled,
    Rank,
    ReplyTime,
    Requirement,
    ScenariosPassed,
)


@dataclass(frozen=True, slots=True)
class ReplyFact:
    received_at: datetime
    politeness: int
    correctness: int | None
    completeness: int | None
    overall: int
    violation_count: int
    reply_ms: int


@dataclass(frozen=True, slots=True)
class AttemptFact:
    """One attempt as evaluation sees it; `finished_at` None means it never counts."""

    attempt_id: int
    slug: str
    version: int
    difficulty: int
    persona: str
    mode: str  # practice | exam
    finished_at: datetime | None
    politeness: int | None = None
    correctness: int | None = None
    completeness: int | None = None
    overall: int | None = None
    violation_count: int | None = None
    passed: bool | None = None
    median_reply_ms: int | None = None
    replies: tuple[ReplyFact, ...] = ()
    certifying: bool = False  # an exam at a scenario whose model answers were never shown
    corrected: bool = False  # a mentor's review changed the result

    def passes(self, rule: PassRule) -> bool:
        """Judged again from the scores, with a rank's own rule (not the stored `passed`)."""
        return rule.passes(
            self.overall, [getattr(self, name) for name in DIMENSIONS], self.violation_count
        )


class State(StrEnum):
    MET = "met"
    NOT_MET = "not met"
    PENDING = "pending"  # waits for something outside the history (a mentor's sign-off)


@dataclass(frozen=True, slots=True)
class RequirementProgress:
    """One line of a rank's checklist: how far the trainee is, in numbers and in words."""

    kind: str
    text: str
    state: State
    current: float
    needed: float
    fraction: float  # 0..1, for a progress bar
    evidence: tuple[int, ...] = ()  # the attempts that count towards it
    requirement: int = 0  # its requirement's position in the rank (one may give several lines)

    @property
    def met(self) -> bool:
        return self.state is State.MET


@dataclass(frozen=True, slots=True)
class RankResult:
    rank_id: str
    name: str
    requirements: tuple[RequirementProgress, ...]

    @property
    def met(self) -> bool:
        """Every requirement met (a rank without requirements is always met)."""
        return all(item.met for item in self.requirements)

    @property
    def met_count(self) -> int:
        return sum(1 for item in self.requirements if item.met)

    def requirement_met(self, index: int) -> bool:
        """Whether every line of the rank's `index`-th requirement is met."""
        return all(item.met for item in self.requirements if item.requirement == index)

    @property
    def fraction(self) -> float:
        if not self.requirements:
            return 1.0
        return sum(item.fraction for item in self.requirements) / len(self.requirements)


@dataclass(frozen=True)
class History:
    """Finished attempts oldest first, their replies newest first, and the ranks a mentor has
    signed off; `rank_id` names the rank being evaluated."""

    attempts: tuple[AttemptFact, ...]
    recent_replies: tuple[ReplyFact, ...] = field(default=())
    signed_off: frozenset[str] = frozenset()
    rank_id: str = ""

    @classmethod
    def of(
        cls, attempts: Sequence[AttemptFact], signed_off: frozenset[str] = frozenset()
    ) -> History:
        finished = sorted(
            (a for a in attempts if a.finished_at is not None and a.certifying),
            key=lambda a: (a.finished_at, a.attempt_id),
        )
        replies = sorted(
            (reply for attempt in finished for reply in attempt.replies),
            key=lambda reply: reply.received_at,
            reverse=True,
        )
        return cls(tuple(finished), tuple(replies), signed_off)


def evaluate_ladder(
    ladder: Ladder, attempts: Sequence[AttemptFact], signed_off: frozenset[str] = frozenset()
) -> tuple[RankResult, ...]:
    """Every rank's checklist for this history, lowest rank first; `signed_off` holds the ids
    of the ranks a mentor has signed off for this trainee."""
    history = History.of(attempts, signed_off)
    return tuple(evaluate_rank(ladder, rank, history) for rank in ladder.ranks)


def deciding_attempts(
    ladder: Ladder, results: Sequence[RankResult], attempts: Sequence[AttemptFact]
) -> list[int]:
    """The ids of the attempts that decide `results`: each requirement's evidence (the first
    pass per scenario or persona group, in every rank) and the latest certifying attempts,
    which hold the latest replies any requirement reads.

    Evaluating these with any later attempts gives the same results as evaluating the whole
    history with them, since a first pass stays first and the latest replies only move on:
    a standing keeps them instead of its history. A new requirement kind must keep this true.
    """
    evidence = {
        attempt_id
        for result in results
        for item in result.requirements
        for attempt_id in item.evidence
    }
    window = ladder.reply_window()
    latest = History.of(attempts).attempts[-window:] if window else ()
    return sorted(evidence | {attempt.attempt_id for attempt in latest})


def evaluate_rank(ladder: Ladder, rank: Rank, history: History) -> RankResult:
    history = replace(history, rank_id=rank.id)
    progress = tuple(
        replace(item, requirement=index)
        for index, requirement in enumerate(rank.requirements)
        for item in _EVALUATORS[requirement.kind](ladder, requirement, history)
    )
    return RankResult(rank.id, rank.name, progress)


def _passing(history: History, ladder: Ladder, requirement: ScenariosPassed | PersonasHandled):
    bar = ladder.bar(requirement)
    for attempt in history.attempts:
        if attempt.difficulty >= requirement.min_difficulty and attempt.passes(bar):
            yield attempt


def _scenarios_passed(ladder: Ladder, requirement: ScenariosPassed, history: History):
    first_pass: dict[str, int] = {}
    for attempt in _passing(history, ladder, requirement):
        first_pass.setdefault(attempt.slug, attempt.attempt_id)
    current, needed = len(first_pass), requirement.count
    noun = "scenario" if needed == 1 else "scenarios"
    text = f"{min(current, needed)} of {needed} {noun} passed in an exam"
    if requirement.min_difficulty > 1:
        text += f" at difficulty {requirement.min_difficulty} or above"
    bar = ladder.bar(requirement)
    allowed = f"{bar.max_violations} violations at most" if bar.max_violations else "no violation"
    text += f" (overall {bar.overall}+, each score {bar.each_dimension}+, {allowed})"
    return [_progress(requirement.kind, text, current >= needed, current, needed,
                      tuple(first_pass.values()))]


def _personas_handled(ladder: Ladder, requirement: PersonasHandled, history: History):
    handled: dict[int, int] = {}
    for attempt in _passing(history, ladder, requirement):
        for index, group in enumerate(requirement.groups):
            if attempt.persona in group:
                handled.setdefault(index, attempt.attempt_id)
    names = [" or ".join(group) for group in requirement.groups]
    current, needed = len(handled), len(requirement.groups)
    text = f"{current} of {needed} customer types handled"
    missing = [name for index, name in enumerate(names) if index not in handled]
    text += f"; still to do: {', '.join(missing)}" if missing else f": {', '.join(names)}"
    if requirement.min_difficulty > 1:
        text += f" (difficulty {requirement.min_difficulty} or above)"
    return [_progress(requirement.kind, text, current >= needed, current, needed,
                      tuple(handled.values()))]


def _dimension_average(ladder: Ladder, requirement: DimensionAverage, history: History):
    window = history.recent_replies[: requirement.last_replies]
    items = []
    for dimension, minimum in requirement.minimum.items():
        scores = [getattr(reply, dimension) for reply in window]
        scores = [score for score in scores if score is not None]
        average = statistics.fmean(scores) if scores else 0.0
        enough = len(window) >= requirement.last_replies
        shown = math.floor(average * 10) / 10  # never shows more than was reached
        text = (
            f"{dimension.capitalize()} averages {shown:g} over the last {len(window)} "
            f"exam replies (needs {minimum} over {requirement.last_replies})"
        )
        fraction = _share(average, minimum) * min(1.0, len(window) / requirement.last_replies)
        state = State.MET if enough and average >= minimum else State.NOT_MET
        items.append(RequirementProgress(
            requirement.kind, text, state, shown, minimum, round(fraction, 3),
        ))
    return items


def _reply_time(ladder: Ladder, requirement: ReplyTime, history: History):
    window = history.recent_replies[: requirement.last_replies]
    limit = requirement.max_median_seconds
    median = statistics.median(r.reply_ms for r in window) / 1000 if window else 0.0
    enough = len(window) >= requirement.last_replies
    shown = math.ceil(median * 10) / 10  # never shows faster than it was
    text = (
        f"Median reply time {shown:g} s over the last {len(window)} exam replies "
        f"(at most {limit:g} s over {requirement.last_replies})"
    )
    speed = 1.0 if median <= limit else limit / median
    fraction = speed * min(1.0, len(window) / requirement.last_replies)
    state = State.MET if enough and median <= limit else State.NOT_MET
    return [RequirementProgress(requirement.kind, text, state, shown, limit, round(fraction, 3))]


def _mentor_sign_off(ladder: Ladder, requirement: MentorSignOff, history: History):
    if history.rank_id in history.signed_off:
        text = "Signed off by the mentor"
        return [RequirementProgress(requirement.kind, text, State.MET, 1, 1, 1.0)]
    text = "Mentor sign-off (the mentor gives it once the rest is met; pending until then)"
    return [RequirementProgress(requirement.kind, text, State.PENDING, 0, 1, 0.0)]


def _progress(kind: str, text: str, met: bool, current: float, needed: float,
              evidence: tuple[int, ...]) -> RequirementProgress:
    state = State.MET if met else State.NOT_MET
    return RequirementProgress(kind, text, state, current, needed,
                               round(_share(current, needed), 3), evidence)


def _share(current: float, needed: float) -> float:
    return 1.0 if needed <= 0 else max(0.0, min(1.0, current / needed))


Evaluator = Callable[[Ladder, Requirement, History], list[RequirementProgress]]
_EVALUATORS: dict[str, Evaluator] = {
    "scenarios_passed": _scenarios_passed,
    "personas_handled": _personas_handled,
    "dimension_average": _dimension_average,
    "reply_time": _reply_time,
    "mentor_sign_off": _mentor_sign_off,
}
