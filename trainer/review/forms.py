"""The review form: a FlaskForm for the attempt (CSRF, version, comment) plus one section of
plain fields per reply, named `r<reply id>-<part>`, read by `read_review`."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from scoring import DIMENSIONS
from trainer.practice.models import Attempt, Reply
from trainer.review.disputes import REASON_MAX, REASON_MIN
from trainer.review.grades import FACT_STATUSES, KINDS, effective_outcomes, effective_scores
from trainer.review.models import AttemptReview, TurnReview
from trainer.review.services import ReviewInput, TurnInput

# What each kind of item may be set to in the form, and the stored value of each option.
OPTIONS: dict[str, dict[str, Any]] = {
    "points": {"covered": True, "missed": False},
    "facts": {status: status for status in FACT_STATUSES},
    "never": {"violated": True, "clear": False},
}


class ReviewForm(FlaskForm):
    attempt_version = HiddenField()
    comment = TextAreaField("Overall comment for the trainee")
    submit = SubmitField("Save review")


class DisputeForm(FlaskForm):
    reason = TextAreaField(
        "What did the grade get wrong?",
        validators=[
            InputRequired("Explain what the grade got wrong."),
            Length(REASON_MIN, REASON_MAX, f"Use {REASON_MIN} to {REASON_MAX:,} characters."),
        ],
    )
    submit = SubmitField("Send the dispute to my mentor")


class SignOffForm(FlaskForm):
    rank_id = HiddenField()
    comment = TextAreaField(
        "Why is the trainee ready? (kept with the sign-off)",
        validators=[InputRequired("Say why the trainee is ready.")],
    )
    submit = SubmitField("Sign off")


def field_name(reply_id: int, part: str) -> str:
    return f"r{reply_id}-{part}"


def option_of(kind: str, value: Any) -> str:
    return next(name for name, stored in OPTIONS[kind].items() if stored == value)


def stored_values(attempt: Attempt, reviews: dict[int, TurnReview]) -> MultiDict:
    """The field values of a freshly loaded page: the effective grade and the stored comments."""
    values: dict[str, Any] = {}
    for reply in attempt.replies:
        review = reviews.get(reply.id)
        scores = effective_scores(reply, review)
        values[field_name(reply.id, "version")] = review.version if review else 0
        for name in DIMENSIONS:
            score = getattr(scores, name)
            values[field_name(reply.id, name)] = "" if score is None else score
        for kind, items in effective_outcomes(reply, review).items():
            for item, value in items.items():
                values[field_name(reply.id, f"{kind}-{item}")] = option_of(kind, value)
        values[field_name(reply.id, "comment")] = review.comment if review else ""
    return MultiDict({name: str(value) for name, value in values.items()})


def _score(raw: str) -> int | None:
    """A 0..100 score; blank keeps the machine's. Raises ValueError otherwise."""
    if not raw.strip():
        return None
    score = int(raw)
    if not 0 <= score <= 100:
        raise ValueError(raw)
    return score


def _turn(reply: Reply, data: MultiDict, errors: dict[int | None, list[str]]) -> TurnInput:
    def get(part: str) -> str:
        return data.get(field_name(reply.id, part), "")

    try:
        version = int(get("version") or 0)
    except ValueError:
        version = -1  # a tampered version can only conflict
    given = TurnInput(
        reply.id,
        version,
        comment=get("comment"),
        resolution=get("resolution"),
        resolution_comment=get("resolution-comment"),
    )
    for name in DIMENSIONS:
        try:
            given.scores[name] = _score(get(name))
        except ValueError:
            errors.setdefault(reply.id, []).append(
                f"{name.capitalize()} is a whole number from 0 to 100, or blank to keep the "
                "machine's score."
            )
    card = reply.card
    for kind in KINDS:
        for item in card.get(kind, []):
            raw = get(f"{kind}-{item['id']}")
            if raw in OPTIONS[kind]:
                given.outcomes[kind][item["id"]] = OPTIONS[kind][raw]
            elif raw:
                errors.setdefault(reply.id, []).append(f"Choose an outcome for {item['label']}.")
    return given


def read_review(attempt: Attempt, data: MultiDict) -> tuple[ReviewInput, dict]:
    """The submitted review and the fields that could not be read (by reply id)."""
    errors: dict[int | None, list[str]] = {}
    turns = [_turn(reply, data, errors) for reply in attempt.replies]
    try:
        attempt_version = int(data.get("attempt_version") or 0)
    except ValueError:
        attempt_version = -1
    return ReviewInput(attempt_version, data.get("comment", ""), turns), errors


def new_form(review: AttemptReview | None, formdata: MultiDict | None = None) -> ReviewForm:
    """The attempt part of the form: the submitted data, or else the stored review."""
    if formdata is not None:
        return ReviewForm(formdata=formdata)
    return ReviewForm(
        formdata=None,
        attempt_version=review.version if review else 0,
        comment=review.comment if review else "",
    )
