from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from trainer.practice.models import AttemptMode, SignalKind


class StartForm(FlaskForm):
    mode = RadioField(
        "Mode",
        choices=[
            SelectChoice(AttemptMode.PRACTICE.value, "Practice: feedback after every reply"),
            SelectChoice(AttemptMode.EXAM.value, "Exam: feedback only at the end"),
        ],
        default=AttemptMode.PRACTICE.value,
        validators=[InputRequired()],
    )
    submit = SubmitField("Start")


class ReplyForm(FlaskForm):
    """Emptiness and length are checked by the service, so the message is the same everywhere."""

    step_id = HiddenField()
    text = TextAreaField("Your reply")
    submit = SubmitField("Send")


class AbandonForm(FlaskForm):
    """Abandoning takes the confirming button's own value: a bare POST abandons nothing."""

    confirm = SubmitField("Yes, abandon this attempt")


class SignalForm(FlaskForm):
    """An integrity signal a browser reports during an exam or a hiring test."""

    kind = RadioField(choices=[kind.value for kind in SignalKind], validators=[InputRequired()])
    size = IntegerField(validators=[Optional(), NumberRange(0, 1_000_000)])
