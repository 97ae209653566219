"""Forms of the hiring pages: the assignment, an invitation, the candidate's reply and signals."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from trainer.bounds import MAX_DB_INT, db_int
from trainer.hiring.assignments import AssignmentInput
from trainer.hiring.models import DIFFICULTIES, Selection
from trainer.practice.forms import SignalForm

EXPIRY_FORMAT = "%Y-%m-%dT%H:%M"


def _score_field(label: str, default: int) -> IntegerField:
    return IntegerField(
        label, default=default,
        validators=[InputRequired("Give a score from 0 to 100."),
                    NumberRange(0, 100, "Give a score from 0 to 100.")],
    )


class AssignmentForm(FlaskForm):
    title = StringField("Title", validators=[InputRequired("Give the assignment a title."),
                                             Length(max=200)])
    instructions = TextAreaField(
        "Instructions for the candidates",
        validators=[InputRequired("Write what the candidates should know."), Length(max=5000)],
    )
    selection = RadioField(
        "Scenarios",
        choices=[SelectChoice(Selection.FIXED.value, "A fixed list: every candidate plays all of "
                                                     "the scenarios ticked below"),
                 SelectChoice(Selection.POOL.value, "A pool: each candidate draws from the "
                                                    "scenarios ticked below, by difficulty")],
        default=Selection.FIXED.value,
        validators=[InputRequired()],
    )
    version_ids = SelectMultipleField(
        "Scenarios (the list or the pool)", coerce=db_int, widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    time_limit_minutes = IntegerField(
        "Time limit (minutes, for the whole test)", default=45,
        validators=[InputRequired("Give a time limit in minutes."),
                    NumberRange(5, 480, "The time limit is 5 to 480 minutes.")],
    )
    expires_at = DateTimeLocalField(
        "Links expire at (UTC)", format=EXPIRY_FORMAT,
        validators=[InputRequired("Give the date and time the links expire.")],
    )
    pass_overall = _score_field("To pass: overall at least", 70)
    pass_each_dimension = _score_field("and each dimension at least", 60)
    pass_max_violations = IntegerField(
        "and at most this many violations", default=0,
        validators=[InputRequired("Give a number of violations."),
                    NumberRange(0, 100, "Give a number from 0 to 100.")],
    )
    share_scores = BooleanField("Show candidates their scores on the thank-you page")
    blind = BooleanField("Blind results: hide names and e-mails until I reveal them",
                         default=True)
    submit = SubmitField("Save assignment")

    def mix_fields(self) -> list[IntegerField]:
        return [getattr(self, f"draw_{level}") for level in DIFFICULTIES]

    def to_input(self) -> AssignmentInput:
        return AssignmentInput(
            title=self.title.data.strip(),
            instructions=self.instructions.data.strip(),
            selection=Selection(self.selection.data),
            version_ids=list(self.version_ids.data or []),
            time_limit_minutes=self.time_limit_minutes.data,
            expires_at=self.expires_at.data,
            draw_mix={str(level): getattr(self, f"draw_{level}").data or 0
                      for level in DIFFICULTIES},
            pass_overall=self.pass_overall.data,
            pass_each_dimension=self.pass_each_dimension.data,
            pass_max_violations=self.pass_max_violations.data,
            share_scores=self.share_scores.data,
            blind=self.blind.data,
        )


for _level in DIFFICULTIES:  # one count per difficulty: how many each candidate draws
    setattr(AssignmentForm, f"draw_{_level}", IntegerField(
        f"Difficulty {_level}", default=0,
        validators=[Optional(), NumberRange(0, 20, "Draw 0 to 20 scenarios of a difficulty.")],
    ))


class InviteForm(FlaskForm):
    name = StringField("Candidate's name", validators=[InputRequired("Give the candidate's name."),
                                                       Length(max=120)])
    email = EmailField("E-mail", validators=[InputRequired("Give the candidate's e-mail."),
                                             Email("That is not an e-mail address."),
                                             Length(max=254)])
    submit = SubmitField("Invite")


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class DeleteCandidateForm(FlaskForm):
    confirm = BooleanField("I understand: the transcripts, name and e-mail are deleted for good")
    submit = SubmitField("Delete candidate data")


class CandidateReplyForm(FlaskForm):
    """Emptiness and length are checked by the practice service, as for trainees."""

    position = IntegerField(widget=HiddenInput())  # unreadable: None, refused as out of date
    step_id = HiddenField()
    text = TextAreaField("Your reply")
    submit = SubmitField("Send")


class CandidateSignalForm(SignalForm):
    position = IntegerField(  # the scenario being played
        validators=[Optional(), NumberRange(1, MAX_DB_INT)]
    )
