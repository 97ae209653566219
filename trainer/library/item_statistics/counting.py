"""Counting finished trainee attempts into the item statistics' tallies.

When an attempt's grades that count are set or changed (the `attempt_graded` signal: it
finished, or a mentor saved a review), what it added before is taken off and its grade as it
stands now is added, in one transaction. `recount` counts every finished attempt again.
Hiring candidates' attempts are left out: a manager grades them, not a mentor, and candidates
are not the trainees a scenario is written for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import selectinload

from trainer.auth.models import User
from trainer.database import add_to_counters, commit_or_log, db
from trainer.library.item_statistics.figures import (
    COUNTERS,
    GradedReply,
    ItemOutcome,
    item_counts,
    step_totals,
)
from trainer.library.item_statistics.models import CountedAttempt, ItemTally, StepTally
from trainer.practice.models import Attempt, Reply
from trainer.review.grades import KINDS, effective_outcomes, effective_scores, turn_reviews
from trainer.review.models import AttemptReview, TurnReview

RECOUNT_BATCH = 200
STEP_KEYS = ("scenario_id", "version", "step_id")
ITEM_KEYS = (*STEP_KEYS, "kind", "item_id", "outcome")


def attempt_rows(
    attempt: Attempt, reviews: dict[int, TurnReview], reviewed: bool
) -> tuple[list[GradedReply], list[ItemOutcome]]:
    """The attempt's replies and their items with the grades that count."""
    replies, items = [], []
    for reply in attempt.replies:
        review = reviews.get(reply.id)
        scores = effective_scores(reply, review)
        replies.append(GradedReply(
            reply.step_id, scores.politeness, scores.correctness, scores.completeness,
            scores.overall, scores.violation_count, reply.overall,
            corrected=bool(scores.corrected), reviewed=reviewed,
        ))
        outcomes = effective_outcomes(reply, review)
        items.extend(
            ItemOutcome(reply.step_id, kind, item["id"], item["label"][:200],
                        outcomes[kind][item["id"]])
            for kind in KINDS for item in reply.card.get(kind, [])
        )
    return replies, items


def added_by(replies: list[GradedReply], items: list[ItemOutcome]) -> dict[str, Any]:
    """What these replies add to the tallies, as CountedAttempt.added stores it."""
    return {
        "steps": {step_id: totals.as_dict() for step_id, totals in step_totals(replies).items()},
        "items": [[*key, label, count] for key, (label, count) in item_counts(items).items()],
    }


class Changes:
    """Changes to the tallies, summed before they are written: {key: [change per counter]}."""

    def __init__(self) -> None:
        self.steps: dict[tuple, list[float]] = {}
        self.items: dict[tuple, list] = {}  # key -> [label, change]

    def add(self, scenario_id: int, version: int, added: dict[str, Any], sign: int = 1) -> None:
        for step_id, totals in added["steps"].items():
            change = self.steps.setdefault((scenario_id, version, step_id), [0] * len(COUNTERS))
            for index, name in enumerate(COUNTERS):
                change[index] += sign * totals[name]
        for *key, label, count in added["items"]:
            entry = self.items.setdefault((scenario_id, version, *key), [label, 0])
            entry[0], entry[1] = label, entry[1] + sign * count

    def apply(self) -> None:
        """Write the changes, keys in order (concurrent saves lock alike)."""
        add_to_counters(StepTally, STEP_KEYS, COUNTERS, [
            {**dict(zip(STEP_KEYS, key, strict=True)), **dict(zip(COUNTERS, change, strict=True))}
            for key, change in sorted(self.steps.items()) if any(change)
        ])
        add_to_counters(ItemTally, ITEM_KEYS, ("replies",), [
            {**dict(zip(ITEM_KEYS, key, strict=True)), "label": label, "replies": change}
            for key, (label, change) in sorted(self.items.items()) if change
        ], replace=("label",))


# Built once, as are the tallies' upserts (trainer/database.py): every finished attempt runs it.
_REVIEWED = select(AttemptReview.id).where(AttemptReview.attempt_id == bindparam("attempt_id"))


def count_attempt(attempt: Attempt) -> None:
    """Count the attempt's grade as it stands now instead of what it added before; the caller
    commits. Unfinished attempts and candidates' attempts are not counted."""
    if attempt.user_id is None or not attempt.finished:
        return
    # Locked first (on PostgreSQL): a second count of the attempt waits, then takes off what
    # this one added.
    stored = db.session.get(CountedAttempt, attempt.id, with_for_update=True)
    version = attempt.scenario_version
    reviewed = db.session.execute(_REVIEWED, {"attempt_id": attempt.id}).first() is not None
    now = added_by(*attempt_rows(attempt, turn_reviews(attempt), reviewed))
    changes = Changes()
    if stored is None:
        db.session.add(CountedAttempt(attempt_id=attempt.id, scenario_id=version.scenario_id,
                                      version=version.version, added=now))
    else:
        changes.add(stored.scenario_id, stored.version, stored.added, sign=-1)
        stored.added = now
    changes.add(version.scenario_id, version.version, now)
    changes.apply()


def on_attempt_graded(sender, attempt: Attempt, by: User | None, **_details) -> None:  # noqa: ARG001
    """After an attempt finished or its review was saved. The grade stands even if counting
    fails: the error is logged and `flask --app trainer scenarios recount` counts again."""
    commit_or_log(
        lambda: count_attempt(attempt),
        "item statistics of attempt %s not counted; run `flask --app trainer scenarios recount`",
        attempt.id,
    )


def _counted_attempts() -> Iterable[list[Attempt]]:
    query = (
        select(Attempt)
        .where(Attempt.user_id.is_not(None), Attempt.finished_at.is_not(None))
        .options(selectinload(Attempt.replies), selectinload(Attempt.scenario_version))
        .order_by(Attempt.id)
        .execution_options(yield_per=RECOUNT_BATCH)
    )
    return db.session.execute(query).scalars().partitions()


def recount() -> int:
    """Empty the tallies and count every finished trainee attempt again, in one transaction;
    returns how many attempts were counted."""
    for table in (CountedAttempt, ItemTally, StepTally):
        db.session.execute(delete(table))
    changes, counted = Changes(), 0
    for batch in _counted_attempts():
        ids = [attempt.id for attempt in batch]
        corrections = db.session.execute(
            select(TurnReview).join(Reply).where(Reply.attempt_id.in_(ids))
        ).scalars()
        by_reply = {row.reply_id: row for row in corrections}
        reviewed = set(db.session.execute(
            select(AttemptReview.attempt_id).where(AttemptReview.attempt_id.in_(ids))
        ).scalars())
        rows = []
        for attempt in batch:
            version = attempt.scenario_version
            added = added_by(*attempt_rows(attempt, by_reply, attempt.id in reviewed))
            changes.add(version.scenario_id, version.version, added)
            rows.append({"attempt_id": attempt.id, "scenario_id": version.scenario_id,
                         "version": version.version, "added": added})
        db.session.execute(CountedAttempt.__table__.insert(), rows)
        counted += len(rows)
    changes.apply()
    db.session.commit()
    return counted
