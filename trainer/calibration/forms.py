"""Forms of the calibration sessions: creating one, grading a transcript blind, closing one.

The grading form is a FlaskForm (CSRF) plus plain fields per reply named like the review
form's (`r<reply id>-<part>`), read by `read_grades`.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from scoring import DIMENSIONS
from trainer.bounds import db_int
from trainer.calibration.sessions import MIN_MENTORS, GradeInput
from trainer.practice.models import Reply
from trainer.review.forms import OPTIONS, field_name
from trainer.review.grades import KINDS


class SessionForm(FlaskForm):
    title = StringField(
        "Title", validators=[Length(max=120)],
        description="Optional; by default the scenario's title and the date.",
    )
    attempt_id = SelectField(
        "Transcript", coerce=db_int, validators=[InputRequired("Pick a transcript.")],
        description="The most recently finished attempts; the trainee's name is not shown to the "
                    "mentors.",
    )
    mentor_ids = SelectMultipleField(
        "Mentors", coerce=db_int, widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=f"At least {MIN_MENTORS}: each grades the transcript without seeing the "
                    "others' grades or the scorer's.",
    )
    submit = SubmitField("Start the session")

    def validate_mentor_ids(self, field) -> None:
        if len(set(field.data or ())) < MIN_MENTORS:
            raise ValidationError(
                f"Pick at least {MIN_MENTORS} mentors: agreement needs a pair to compare."
            )


class GradingForm(FlaskForm):
    submit = SubmitField("Submit my grades")


class CloseForm(FlaskForm):
    submit = SubmitField("Close the session and show the grades")


def _score(raw: str, label: str) -> tuple[int | None, str | None]:
    if not raw.strip():
        return None, f"{label} is required: a whole number from 0 to 100."
    try:
        score = int(raw)
    except ValueError:
        score = -1
    if not 0 <= score <= 100:
        return None, f"{label} is a whole number from 0 to 100, not “{raw.strip()[:20]}”."
    return score, None


def read_grades(
    replies: list[Reply], data: MultiDict
) -> tuple[dict[int, GradeInput], dict[int, list[str]]]:
    """The grades typed per reply, and the messages of the fields that are missing or wrong.

    Every dimension the machine scored is required; item outcomes are optional (blank).
    """
    grades: dict[int, GradeInput] = {}
    errors: dict[int, list[str]] = {}
    for number, reply in enumerate(replies, start=1):
        given = GradeInput()
        for name in DIMENSIONS:
            if getattr(reply, name) is None:
                continue
            raw = data.get(field_name(reply.id, name), "")
            given.scores[name], problem = _score(raw, f"{name.capitalize()} of reply {number}")
            if problem:
                errors.setdefault(reply.id, []).append(problem)
        for kind in KINDS:
            for item in reply.card.get(kind, []):
                raw = data.get(field_name(reply.id, f"{kind}-{item['id']}"), "")
                if raw in OPTIONS[kind]:
                    given.outcomes[kind][item["id"]] = OPTIONS[kind][raw]
                elif raw:
                    errors.setdefault(reply.id, []).append(
                        f"Choose an outcome for “{item['label']}”, or leave it blank."
                    )
        grades[reply.id] = given
    return grades, errors
