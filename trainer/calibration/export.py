"""Every reviewed turn as a JSON line that `python -m scoring` reads, plus the mentor's labels.

    {"scenario": "<slug>", "step": "<step id>", "reply": "<text>", "labels": {...}}

`labels` holds the grade that counts (the mentor's corrections over the machine grade) in the
shape of the scorer's output line (scores, points, facts, violations), so a new scorer's output
can be compared key by key, and where it comes from: comment, reviewer, review time, the
scorer version of the machine grade and the scenario version the reply was given on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from scoring import DIMENSIONS
from trainer.calibration.reviewed import REBUILD_BATCH, mentor_reviewed_attempts
from trainer.database import db
from trainer.library.models import ScenarioVersion
from trainer.practice.models import Attempt, Reply
from trainer.review.grades import effective_outcomes, effective_scores, machine_outcomes
from trainer.review.models import AttemptReview, TurnReview


def _grade(scores: Any, outcomes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Scores and item outcomes in the shape of the scorer's output line."""
    return {
        **{name: getattr(scores, name) for name in (*DIMENSIONS, "overall")},
        "points": outcomes["points"],
        "facts": outcomes["facts"],
        "violations": [item for item, violated in outcomes["never"].items() if violated],
    }


def labels(reply: Reply, attempt: Attempt, review: AttemptReview, turn: TurnReview | None):
    """The mentor's labels of one reply; `corrected` says whether they differ from the machine,
    whose own grade `machine` keeps in the same shape."""
    scores = effective_scores(reply, turn)
    outcomes = effective_outcomes(reply, turn)
    machine = machine_outcomes(reply.card)
    reviewer = (turn.reviewer if turn else None) or review.reviewer
    corrected = bool(scores.corrected) or outcomes != machine
    return {
        **_grade(scores, outcomes),
        "corrected": corrected,
        "grade": "mentor" if corrected else "machine",
        "machine": _grade(reply, machine),
        "comment": turn.comment if turn else "",
        "reviewer": reviewer.email if reviewer else None,
        "reviewed_at": (turn or review).updated_at.isoformat(timespec="seconds"),
        "scorer_version": reply.scorer_version,
        "scenario_version": attempt.scenario_version.version,
        "attempt_id": attempt.id,
        "reply_id": reply.id,
    }


def export_records(corrected_only: bool = False) -> Iterator[dict[str, Any]]:
    """The reviewed turns, attempt by attempt, read in batches; optionally only the corrected."""
    reviewed = (
        mentor_reviewed_attempts()
        .options(
            selectinload(Attempt.replies),
            selectinload(Attempt.scenario_version).selectinload(ScenarioVersion.scenario),
            selectinload(AttemptReview.reviewer),
        )
        .order_by(Attempt.id)
        .execution_options(yield_per=REBUILD_BATCH)
    )
    for batch in db.session.execute(reviewed).partitions():
        turns = {
            row.reply_id: row
            for row in db.session.execute(
                select(TurnReview)
                .join(Reply)
                .where(Reply.attempt_id.in_([attempt.id for attempt, _ in batch]))
                .options(selectinload(TurnReview.reviewer))
            ).scalars()
        }
        for attempt, review in batch:
            for reply in attempt.replies:
                given = labels(reply, attempt, review, turns.get(reply.id))
                if corrected_only and not given["corrected"]:
                    continue
                yield {
                    "scenario": attempt.scenario_version.slug,
                    "step": reply.step_id,
                    "reply": reply.text,
                    "labels": given,
                }


def export_lines(corrected_only: bool = False) -> Iterator[str]:
    for record in export_records(corrected_only):
        yield json.dumps(record, ensure_ascii=False) + "\n"
