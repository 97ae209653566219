"""Helpers of the calibration tests: reviews saved through the review service (so that the
`attempt_graded` signal keeps the reviewed turns in step, as in the app), and a session."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.helpers import finished_attempt
from trainer.auth.models import Role, User
from trainer.auth.services import create_user
from trainer.calibration.sessions import create_session
from trainer.database import db
from trainer.practice.models import Attempt
from trainer.review.grades import attempt_review_of, turn_reviews
from trainer.review.services import ReviewInput, TurnInput, save_review

# The rude first reply of tests.app.review_helpers is graded politeness 0, correctness 0,
# completeness 0, its points missed, its fact missing and the never item "argue" violated;
# the model answers after it score above 80 politeness (band 4), 100 on the rest, every item
# right.
FIRM_NOT_RUDE = {
    "scores": {"politeness": 30},
    "outcomes": {"points": {"apologise": True}, "never": {"argue": False}},
    "comment": "Firm, not arguing.",
}


def review(app, attempt_id: int, mentor, corrections: dict[int, dict[str, Any]] | None = None,
           now: datetime | None = None) -> None:
    """Save a review: `corrections` by reply position (1-based); other replies are agreed with."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        reviews = turn_reviews(attempt)
        turns = []
        for reply in attempt.replies:
            given = (corrections or {}).get(reply.position, {})
            stored = reviews.get(reply.id)
            turns.append(TurnInput(
                reply.id, stored.version if stored else 0,
                scores=given.get("scores", {}),
                outcomes={"points": {}, "facts": {}, "never": {}} | given.get("outcomes", {}),
                comment=given.get("comment", ""),
            ))
        overall = attempt_review_of(attempt)
        data = ReviewInput(overall.version if overall else 0, "Reviewed.", turns)
        save_review(attempt, db.session.get(User, mentor.id), data, now=now)




def example_session(app, users) -> int:
    """A session on a finished attempt of the trainee (the library must be imported), for the
    mentor and a second mentor; returns its id."""
    attempt_id = finished_attempt(app, users[Role.TRAINEE])
    with app.app_context():
        other = create_user("second.mentor@example.com", "Second Mentor", Role.MENTOR,
                            "correct horse battery", None)
        admin = db.session.get(User, users[Role.ADMIN].id)
        return create_session(admin, attempt_id, [users[Role.MENTOR].id, other.id]).id
