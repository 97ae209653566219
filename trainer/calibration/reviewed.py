"""Keeping the reviewed turns and their counts in step with the reviews.

Every reply of an attempt with a saved review is a reviewed turn; a reply without a correction
is one the mentor agreed with. After each saved review (the `attempt_graded` signal) the attempt's
rows are written again, and the counts take off what the old rows added and add the new ones,
in one transaction. `rebuild` writes everything again from the reviews.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import selectinload

from scoring import DIMENSIONS
from trainer.auth.models import User
from trainer.calibration.agreement import band
from trainer.calibration.models import (
    BandCount,
    ItemCount,
    ReviewedItem,
    ReviewedTurn,
    StepCount,
)
from trainer.database import add_to_counters, commit_or_log, db
from trainer.practice.models import Attempt, Reply
from trainer.review.grades import (
    KINDS,
    effective_outcomes,
    effective_scores,
    machine_outcomes,
    turn_reviews,
)
from trainer.review.models import AttemptReview, TurnReview

# The outcome that counts as positive for precision and recall, per kind of item.
POSITIVE: dict[str, Any] = {"points": True, "facts": "right", "never": True}
REBUILD_BATCH = 200
Row = dict[str, Any]
# Counter values per key of each counts table, in the order of COUNTED.
COUNTED = {
    BandCount: ("turns", "difference"),
    StepCount: ("turns", "corrected", "difference"),
    ItemCount: ("true_positive", "false_positive", "false_negative", "true_negative"),
}
KEYS = {
    BandCount: ("dimension", "month", "machine_band", "effective_band"),
    StepCount: ("scenario_id", "step_id"),
    ItemCount: ("scenario_id", "step_id", "kind", "item_id"),
}
# (machine positive, mentor positive) -> true_positive, false_positive, false_negative or
# true_negative, by position in COUNTED[ItemCount].
OUTCOME_COLUMN = {(True, True): 0, (True, False): 1, (False, True): 2, (False, False): 3}


def turn_rows(
    attempt: Attempt, review: AttemptReview, reviews: dict[int, TurnReview]
) -> tuple[list[Row], list[Row]]:
    """The turn and item rows of a reviewed attempt, from its replies and their corrections."""
    turns: list[Row] = []
    items: list[Row] = []
    scenario_id = attempt.scenario_version.scenario_id
    for reply in attempt.replies:
        correction = reviews.get(reply.id)
        scores = effective_scores(reply, correction)
        machine, effective = machine_outcomes(reply.card), effective_outcomes(reply, correction)
        changed = 0
        for kind in KINDS:
            for item in reply.card.get(kind, []):
                was, now = machine[kind][item["id"]], effective[kind][item["id"]]
                changed += was != now
                items.append({
                    "reply_id": reply.id, "kind": kind, "item_id": item["id"],
                    "label": item["label"][:200],
                    "machine": was == POSITIVE[kind], "effective": now == POSITIVE[kind],
                })
        difference = sum(
            abs(getattr(scores, name) - getattr(reply, name)) for name in DIMENSIONS
            if getattr(reply, name) is not None and getattr(scores, name) is not None
        )
        turns.append({
            "reply_id": reply.id,
            "attempt_id": attempt.id,
            "scenario_id": scenario_id,
            "step_id": reply.step_id,
            "position": reply.position,
            "reviewed_at": correction.updated_at if correction else review.updated_at,
            "items_changed": changed,
            "score_difference": difference,
            "corrected": difference > 0 or changed > 0,
            **{f"machine_{name}": getattr(reply, name) for name in DIMENSIONS},
            **{f"effective_{name}": getattr(scores, name) for name in DIMENSIONS},
        })
    return turns, items


class Counts:
    """Changes to the counts tables: {table: {key: [change per counted column]}}."""

    def __init__(self) -> None:
        self.changes: dict[type, dict[tuple, list[int]]] = {table: {} for table in COUNTED}
        self.labels: dict[tuple, str] = {}

    def add(self, turns: list[Row], items: list[Row], sign: int = 1) -> None:
        """Count these rows in (sign 1) or out (sign -1)."""
        steps = {turn["reply_id"]: (turn["scenario_id"], turn["step_id"]) for turn in turns}
        for turn in turns:
            month = turn["reviewed_at"].year * 100 + turn["reviewed_at"].month
            for name in DIMENSIONS:
                machine, effective = turn[f"machine_{name}"], turn[f"effective_{name}"]
                if machine is not None and effective is not None:
                    key = (name, month, band(machine), band(effective))
                    self._bump(BandCount, key, [sign, sign * abs(effective - machine)])
            self._bump(StepCount, steps[turn["reply_id"]],
                       [sign, sign * turn["corrected"], sign * turn["score_difference"]])
        for item in items:
            key = (*steps[item["reply_id"]], item["kind"], item["item_id"])
            outcome = [0, 0, 0, 0]
            outcome[OUTCOME_COLUMN[(bool(item["machine"]), bool(item["effective"]))]] = sign
            self._bump(ItemCount, key, outcome)
            self.labels[key] = item["label"]

    def _bump(self, table: type, key: tuple, change: list[int]) -> None:
        totals = self.changes[table].setdefault(key, [0] * len(change))
        for index, value in enumerate(change):
            totals[index] += value

    def apply(self) -> None:
        """Add the changes to the stored counts, keys in order (concurrent saves lock alike)."""
        for table, changes in self.changes.items():
            rows = [
                {**dict(zip(KEYS[table], key, strict=True)),
                 **dict(zip(COUNTED[table], change, strict=True)),
                 **({"label": self.labels[key]} if table is ItemCount else {})}
                for key, change in sorted(changes.items()) if any(change)
            ]
            add_to_counters(table, KEYS[table], COUNTED[table], rows,
                            replace=("label",) if table is ItemCount else ())


def _stored(attempt_id: int) -> tuple[list[Row], list[Row]]:
    turns = [
        {column.key: getattr(row, column.key) for column in ReviewedTurn.__table__.columns}
        for row in db.session.execute(
            select(ReviewedTurn).where(ReviewedTurn.attempt_id == attempt_id)
        ).scalars()
    ]
    items = [
        {"reply_id": row.reply_id, "kind": row.kind, "item_id": row.item_id,
         "label": row.label, "machine": row.machine, "effective": row.effective}
        for row in db.session.execute(
            select(ReviewedItem).join(ReviewedTurn).where(ReviewedTurn.attempt_id == attempt_id)
        ).scalars()
    ]
    return turns, items


def _write(turns: list[Row], items: list[Row]) -> None:
    if turns:
        db.session.execute(insert(ReviewedTurn), turns)
    if items:
        db.session.execute(insert(ReviewedItem), items)


def refresh_attempt(attempt: Attempt) -> None:
    """Rewrite the attempt's rows and counts from its review as stored now; the caller
    commits."""
    counts = Counts()
    counts.add(*_stored(attempt.id), sign=-1)
    replies = select(ReviewedTurn.reply_id).where(ReviewedTurn.attempt_id == attempt.id)
    db.session.execute(delete(ReviewedItem).where(ReviewedItem.reply_id.in_(replies)))
    db.session.execute(delete(ReviewedTurn).where(ReviewedTurn.attempt_id == attempt.id))
    review = db.session.execute(
        select(AttemptReview).where(AttemptReview.attempt_id == attempt.id)
    ).scalar_one_or_none()
    if review is not None:
        turns, items = turn_rows(attempt, review, turn_reviews(attempt))
        _write(turns, items)
        counts.add(turns, items)
    counts.apply()


def on_attempt_graded(sender, attempt: Attempt, by: User | None, **_details) -> None:  # noqa: ARG001
    """After a review is committed. The review stands even if this fails: the error is logged
    and `flask --app trainer scoring rebuild` brings the rows back in step. A machine grade
    (`by` None) has no review to count, and a hiring manager's grading of a candidate is not a
    mentor's review: both are left out."""
    if by is None or attempt.user_id is None:
        return
    commit_or_log(
        lambda: refresh_attempt(attempt),
        "calibration rows of attempt %s not refreshed; run `flask --app trainer scoring rebuild`",
        attempt.id,
    )


def mentor_reviewed_attempts():
    """Attempts with their saved review, as a query; a hiring manager's grading of a candidate
    is not a mentor's review and is left out."""
    return (
        select(Attempt, AttemptReview)
        .join(AttemptReview, AttemptReview.attempt_id == Attempt.id)
        .where(Attempt.user_id.is_not(None))
    )


def rebuild() -> int:
    """Write every reviewed turn and count again from the reviews, in one transaction;
    returns how many turns."""
    for table in (ReviewedItem, ReviewedTurn, *COUNTED):
        db.session.execute(delete(table))
    reviewed = (
        mentor_reviewed_attempts()
        .options(selectinload(Attempt.replies), selectinload(Attempt.scenario_version))
        .order_by(Attempt.id)
        .execution_options(yield_per=REBUILD_BATCH)
    )
    counts, written = Counts(), 0
    for batch in db.session.execute(reviewed).partitions():
        corrections = db.session.execute(
            select(TurnReview).join(Reply)
            .where(Reply.attempt_id.in_([attempt.id for attempt, _ in batch]))
        ).scalars()
        by_reply = {row.reply_id: row for row in corrections}
        for attempt, review in batch:
            turns, items = turn_rows(attempt, review, by_reply)
            _write(turns, items)
            counts.add(turns, items)
            written += len(turns)
    counts.apply()
    db.session.commit()
    return written
