"""Keeping a trainee's standing up to date as their attempts end, at a cost that does not grow
with their history.

Ranks count only certifying exams, so a practice attempt or an exam that does not certify
cannot change one: its end refreshes the recent scores only. A certifying exam is evaluated
with the attempts its standing keeps (evaluation.deciding_attempts), not the whole history.
Whatever this cannot settle cheaply takes the full evaluation (services.evaluate_and_award):
no standing yet or one kept before it held its deciding attempts, another ladder, a rank now
due (its certificate's evidence reads the whole history), another write to the standing
meanwhile. A mentor's correction can undo a first pass, so a review rebuilds the standing too.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import bindparam, select, update

from trainer.auth.models import Role
from trainer.database import db
from trainer.practice.models import Attempt, AttemptMode
from trainer.progress.evaluation import deciding_attempts, evaluate_ladder
from trainer.progress.models import RankStanding
from trainer.progress.queries import (
    awards_of,
    certifies,
    certifying_attempts,
    held_ranks,
    recent_overall_of,
    signed_off_ranks,
)
from trainer.progress.services import (
    activity_values,
    current_ladder,
    evaluate_and_award,
    forget_loaded_standing,
    rank_values,
)
from trainer.progress.standing import TREND_LENGTH, ranks_to_award, standing_of

# Built once, like the other statements of a submit.
_KEPT = select(
    RankStanding.revision, RankStanding.ladder_digest, RankStanding.deciding_attempts,
    RankStanding.last_activity_at,
).where(RankStanding.user_id == bindparam("user_id"))


def reevaluate_after_grading(sender, attempt: Attempt, by=None, **extra) -> None:
    """An attempt's grades that count were set (it ended: `by` None) or corrected (a review):
    bring its trainee's standing up to date and award what it now earns (nothing is taken
    away). Candidates have no ranks."""
    user = attempt.user
    if user is None or user.role is not Role.TRAINEE:
        return
    if by is None:
        keep_standing(attempt)
    else:
        evaluate_and_award(user)


def keep_standing(attempt: Attempt) -> None:
    """Bring the standing up to date after `attempt` ended with the machine's grade, reading
    only the trainee's latest attempts and the standing's deciding attempts; commits."""
    user_id = attempt.user_id
    ladder = current_ladder()
    kept = db.session.connection().execute(_KEPT, {"user_id": user_id}).one_or_none()
    if kept is None or kept.deciding_attempts is None or kept.ladder_digest != ladder.digest():
        evaluate_and_award(attempt.user)
        return
    last = kept.last_activity_at
    values = activity_values(
        recent_overall_of(user_id, TREND_LENGTH),
        attempt.finished_at if last is None else max(last, attempt.finished_at),
    )
    if attempt.mode is AttemptMode.EXAM and certifies(attempt):
        attempts = certifying_attempts(
            {*kept.deciding_attempts, attempt.id}, ladder.reply_window()
        )
        results = evaluate_ladder(ladder, attempts, signed_off_ranks(user_id))
        held = held_ranks(awards_of(user_id))
        if ranks_to_award(ladder, results, held):
            evaluate_and_award(attempt.user)
            return
        values |= rank_values(ladder, standing_of(ladder, results, held))
        values["deciding_attempts"] = deciding_attempts(ladder, results, attempts)
    written = db.session.connection().execute(
        _update(tuple(values)),
        {"standing_of": user_id, "seen": kept.revision,
         **{f"new_{name}": value for name, value in values.items()}},
    ).rowcount
    forget_loaded_standing(user_id)
    db.session.commit()
    if not written:  # another write came first: this update may be out of date
        evaluate_and_award(attempt.user)


@cache
def _update(columns: tuple[str, ...]):
    """The standing's update of these columns, if nobody wrote it since revision `seen`;
    built once per set of columns (two: the recent scores, or everything)."""
    table = RankStanding.__table__
    return (
        update(table)
        .where(table.c.user_id == bindparam("standing_of"), table.c.revision == bindparam("seen"))
        .values({**{name: bindparam(f"new_{name}", type_=table.c[name].type)
                    for name in columns},
                 "revision": table.c.revision + 1})
    )
