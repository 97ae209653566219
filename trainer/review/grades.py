"""The effective grade: the mentor's corrections where present, else the frozen machine grade.

`effective_scores` is the one place that combines the two, for pages and rank evaluation alike;
`effective_attempt` sums an attempt up from its replies' effective grades; `listed_grades`
reads the stored result of each reviewed attempt for pages that list many.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import bindparam

from scoring import DEFAULT_PASS_RULE, DIMENSIONS, formula
from trainer.database import db
from trainer.practice.models import Attempt, Reply
from trainer.practice.results import AttemptResult, Grade, summarise
from trainer.review.models import AttemptReview, ReviewedAttemptGrade, TurnReview

FACT_STATUSES = ("right", "wrong", "missing")
KINDS = ("points", "facts", "never")
_MACHINE_FIELD = {"points": "covered", "facts": "status", "never": "violated"}
LOOK_UP: Any = object()  # `effective_scores(reply)` without a review: fetch it


@dataclass(frozen=True)
class EffectiveScores:
    """A reply's grade as it counts: the mentor's corrections where present, else the machine's.

    `corrected` names what differs from the machine grade (dimensions, overall, violations).
    """

    politeness: int
    correctness: int | None
    completeness: int | None
    overall: int
    violation_count: int
    corrected: frozenset[str] = frozenset()


def machine_outcomes(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every point, fact and never item of a stored card with the machine's outcome."""
    return {
        kind: {item["id"]: item[_MACHINE_FIELD[kind]] for item in card.get(kind, [])}
        for kind in KINDS
    }


def effective_outcomes(reply: Reply, review: TurnReview | None) -> dict[str, dict[str, Any]]:
    outcomes = machine_outcomes(reply.card)
    if review is not None:
        for kind in KINDS:
            changed = review.outcomes.get(kind, {})
            outcomes[kind].update({k: v for k, v in changed.items() if k in outcomes[kind]})
    return outcomes


def turn_review_of(reply: Reply) -> TurnReview | None:
    return db.session.execute(
        db.select(TurnReview).where(TurnReview.reply_id == reply.id)
    ).scalar_one_or_none()


def effective_scores(reply: Reply, review: TurnReview | None = LOOK_UP) -> EffectiveScores:
    """The reply's effective grade; pass `review` (or None) when already loaded, to skip a query.

    Overall is the machine's unless something was corrected; then the score formula combines
    the effective dimensions with the effective violations and wrong facts.
    """
    if review is LOOK_UP:
        review = turn_review_of(reply)
    if review is None or not review.changes_anything:
        return EffectiveScores(
            reply.politeness,
            reply.correctness,
            reply.completeness,
            reply.overall,
            reply.violation_count,
        )
    scores = {
        name: getattr(reply, name) if getattr(review, name) is None else getattr(review, name)
        for name in DIMENSIONS
    }
    outcomes = effective_outcomes(reply, review)
    violations = sum(1 for violated in outcomes["never"].values() if violated)
    overall = formula.overall(
        scores["politeness"],
        scores["correctness"],
        scores["completeness"],
        violated=violations > 0,
        wrong_fact=any(status == "wrong" for status in outcomes["facts"].values()),
    )
    values = {**scores, "overall": overall, "violation_count": violations}
    corrected = frozenset(name for name, value in values.items() if value != getattr(reply, name))
    return EffectiveScores(**values, corrected=corrected)


# Built once: every finished attempt runs it (trainer/library/item_statistics/counting.py).
_TURN_REVIEWS = (
    db.select(TurnReview).join(Reply).where(Reply.attempt_id == bindparam("attempt_id"))
)


def turn_reviews(attempt: Attempt) -> dict[int, TurnReview]:
    """The attempt's turn reviews by reply id."""
    rows = db.session.execute(_TURN_REVIEWS, {"attempt_id": attempt.id}).scalars()
    return {row.reply_id: row for row in rows}


def attempt_review_of(attempt: Attempt) -> AttemptReview | None:
    return db.session.execute(
        db.select(AttemptReview).where(AttemptReview.attempt_id == attempt.id)
    ).scalar_one_or_none()


def effective_attempt(attempt: Attempt, reviews: dict[int, TurnReview]) -> AttemptResult:
    """The attempt as the pass rule sees it once the mentor's corrections count."""
    graded = []
    for reply in attempt.replies:
        scores = effective_scores(reply, reviews.get(reply.id))
        values = {name: getattr(scores, name) for name in (*DIMENSIONS, "overall")}
        graded.append(
            Grade(**values, violation_count=scores.violation_count, reply_ms=reply.reply_ms)
        )
    return summarise(graded, DEFAULT_PASS_RULE)


LISTED = (*DIMENSIONS, "overall", "violation_count", "passed")


@dataclass(frozen=True)
class ListedGrade:
    """An attempt's grade as it counts (the mentor's where a review changed it), with the
    machine's grade in `machine` when they differ."""

    politeness: int | None
    correctness: int | None
    completeness: int | None
    overall: int | None
    violation_count: int | None
    passed: bool | None
    machine: ListedGrade | None = None

    @property
    def corrected(self) -> bool:
        return self.machine is not None


def _listed(row: Attempt | ReviewedAttemptGrade) -> ListedGrade:
    return ListedGrade(*(getattr(row, name) for name in LISTED))


def listed_grades(attempts: Sequence[Attempt]) -> dict[int, ListedGrade]:
    """Each attempt's grade as it counts, by attempt id, in one query."""
    ids = [attempt.id for attempt in attempts if attempt.finished]
    reviewed = {
        row.attempt_id: _listed(row)
        for row in db.session.execute(
            db.select(ReviewedAttemptGrade).where(ReviewedAttemptGrade.attempt_id.in_(ids))
        ).scalars()
    } if ids else {}
    grades = {}
    for attempt in attempts:
        machine = _listed(attempt)
        effective = reviewed.get(attempt.id, machine)
        corrected = effective != machine
        grades[attempt.id] = replace(effective, machine=machine) if corrected else machine
    return grades
