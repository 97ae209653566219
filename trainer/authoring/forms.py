from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange
from wtforms.widgets import HiddenInput

from trainer.bounds import MAX_DB_INT

BLANK = ""


class NewDraftForm(FlaskForm):
    source = SelectField("Start from", default=BLANK)
    submit = SubmitField("Create draft")


class UploadForm(FlaskForm):
    file = FileField("Scenario file (.yaml)", validators=[FileRequired("Choose a file.")])
    submit = SubmitField("Import as a draft")


class DraftTextForm(FlaskForm):
    """The editor's plain form: the page works without JavaScript."""

    text = TextAreaField("Scenario YAML")
    revision = IntegerField(widget=HiddenInput(), validators=[
        InputRequired("Reload the draft: its revision is missing."), NumberRange(0, MAX_DB_INT)])
    submit = SubmitField("Save")


class ConfirmForm(FlaskForm):
    confirm = BooleanField("Yes, take it out of the catalogue", validators=[DataRequired(
        "Tick the box to confirm.")])
    submit = SubmitField("Retire")


class PlainForm(FlaskForm):
    """A button and its CSRF token."""

    submit = SubmitField()


class ReplyForm(FlaskForm):
    reply = TextAreaField("Your reply")
    submit = SubmitField("Send")


class SampleForm(FlaskForm):
    step = SelectField("Step")
    reply = TextAreaField("Sample reply")
    submit = SubmitField("Score it")
