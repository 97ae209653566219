"""Where a trainee stands and what to play next, for their home page, from the kept standing.

The standing's deciding attempts give the same checklist as the whole history
(evaluation.deciding_attempts) and the recommendations need only the history's tallies (one
grouped query), so the page reads a few attempts whatever the history's length. A standing
missing, kept before it held its deciding attempts or computed with another ladder is no
guide: the whole history is evaluated instead, and the standing rebuilt from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.auth.models import User
from trainer.database import db
from trainer.progress.evaluation import evaluate_ladder
from trainer.progress.insights import persona_rows, weakest_spot
from trainer.progress.models import RankAward, RankStanding
from trainer.progress.presenters import build_dashboard
from trainer.progress.queries import (
    awards_of,
    catalogue_entries,
    certifying_attempts,
    held_ranks,
    signed_off_ranks,
    tallies_of,
)
from trainer.progress.recommendations import (
    CatalogueEntry,
    Recommendation,
    pass_bars,
    recommend_from_tallies,
)
from trainer.progress.services import Evaluation, current_ladder, evaluate, save_standing
from trainer.progress.standing import Standing, standing_of


@dataclass(frozen=True)
class NextStep:
    standing: Standing
    awards: list[RankAward]  # valid and revoked, oldest first
    started: bool  # at least one attempt finished
    pick: Recommendation | None  # the first recommendation


def next_step(user: User) -> NextStep:
    """The trainee's next step, from their kept standing when it can tell (see the module)."""
    ladder = current_ladder()
    kept = db.session.get(RankStanding, user.id)
    if kept is None or kept.deciding_attempts is None or kept.ladder_digest != ladder.digest():
        evaluation = evaluate(user.id)
        save_standing(user.id, evaluation)
        return next_step_of(evaluation, catalogue_entries())
    attempts = certifying_attempts(kept.deciding_attempts, ladder.reply_window())
    results = evaluate_ladder(ladder, attempts, signed_off_ranks(user.id))
    awards = awards_of(user.id)
    standing = standing_of(ladder, results, held_ranks(awards))
    tallies = tallies_of(user.id, pass_bars(ladder))
    picks = recommend_from_tallies(ladder, standing.next, standing.next_result, tallies,
                                   catalogue_entries(), weakest_spot(persona_rows(tallies)))
    return NextStep(standing, awards, kept.last_activity_at is not None, next(iter(picks), None))


def next_step_of(evaluation: Evaluation, catalogue: Sequence[CatalogueEntry]) -> NextStep:
    """The next step as the progress page shows it, from an evaluation of the whole history."""
    dashboard = build_dashboard(evaluation, catalogue)
    return NextStep(evaluation.standing, evaluation.awards, dashboard.finished_count > 0,
                    next(iter(dashboard.recommendations), None))
