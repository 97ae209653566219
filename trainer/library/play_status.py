"""Where a trainee stands with each scenario, for the catalogue: one grouped query.

Abandoned attempts count for nothing, except that their practice replies make the scenario
practised, as for ranks (trainer.progress.queries): its exams no longer count.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import and_, bindparam, case, exists, func, select

from trainer.database import db
from trainer.library.models import ScenarioVersion
from trainer.practice.models import Attempt, AttemptMode, Reply
from trainer.review.models import ReviewedAttemptGrade


class PlayStatus(StrEnum):
    """In the order of a trainee's way through a scenario, which sorting by status follows."""

    NOT_PLAYED = "not-played"
    IN_PROGRESS = "in-progress"
    PRACTISED = "practised"
    EXAM_NOT_PASSED = "exam-not-passed"
    PASSED = "passed"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def rank(self) -> int:
        return list(PlayStatus).index(self)


_LABELS = {
    PlayStatus.NOT_PLAYED: "Not played",
    PlayStatus.IN_PROGRESS: "In progress",
    PlayStatus.PRACTISED: "Practised",
    PlayStatus.EXAM_NOT_PASSED: "Exam not passed yet",
    PlayStatus.PASSED: "Passed in an exam",
}


def _any(condition) -> object:
    """1 when the condition holds for any of the group's attempts, else 0."""
    return func.max(case((condition, 1), else_=0))


_EXAM_FINISHED = and_(Attempt.mode == AttemptMode.EXAM, Attempt.finished_at.is_not(None))
# Built once, like the other per-request statements.
_FACTS = (
    select(
        ScenarioVersion.scenario_id,
        _any(and_(Attempt.finished_at.is_(None), Attempt.abandoned_at.is_(None))),
        # The grade that counts: a mentor's correction where there is one.
        _any(and_(_EXAM_FINISHED,
                  func.coalesce(ReviewedAttemptGrade.passed, Attempt.passed).is_(True))),
        _any(_EXAM_FINISHED),
        _any(and_(Attempt.mode == AttemptMode.PRACTICE,
                  exists().where(Reply.attempt_id == Attempt.id))),
    )
    .join(ScenarioVersion, Attempt.scenario_version_id == ScenarioVersion.id)
    .outerjoin(ReviewedAttemptGrade, ReviewedAttemptGrade.attempt_id == Attempt.id)
    .where(Attempt.user_id == bindparam("user_id"))
    .group_by(ScenarioVersion.scenario_id)
)


def play_statuses(user_id: int) -> dict[int, PlayStatus]:
    """Each played scenario's status (by scenario id, any version); unplayed ones are absent.

    An ongoing attempt comes first (it waits to be resumed), then a passed exam.
    """
    statuses = {}
    for scenario_id, ongoing, passed, examined, practised in db.session.execute(
        _FACTS, {"user_id": user_id}
    ):
        if ongoing:
            statuses[scenario_id] = PlayStatus.IN_PROGRESS
        elif passed:
            statuses[scenario_id] = PlayStatus.PASSED
        elif examined:
            statuses[scenario_id] = PlayStatus.EXAM_NOT_PASSED
        elif practised:
            statuses[scenario_id] = PlayStatus.PRACTISED
    return statuses
