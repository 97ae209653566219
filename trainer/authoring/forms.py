from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired

from trainer.bounds import db_int

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
    revision = HiddenField(validators=[InputRequired()], filters=[lambda value: value or "0"])
    submit = SubmitField("Save")

    def revision_number(self) -> int:
        return db_int(self.revision.data)


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
