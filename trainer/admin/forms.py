from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from trainer.auth.forms import new_password_field
from trainer.auth.models import Role
from trainer.bounds import db_int

ROLE_CHOICES = [SelectChoice(role.value, role.label) for role in Role]
NO_MENTOR = 0


class _AccountFields(FlaskForm):
    email = StringField("E-mail", validators=[DataRequired(), Length(max=254)])
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.TRAINEE.value)
    mentor_id = SelectField("Mentor (trainees only)", coerce=db_int, default=NO_MENTOR)


class UserCreateForm(_AccountFields):
    password = new_password_field(
        "Initial password",
        description="Share it with the person; they can change it under Account.",
    )
    submit = SubmitField("Create account")


class UserEditForm(_AccountFields):
    active = BooleanField("Active (can sign in)")
    can_author = BooleanField("Author (mentors and admins: writes and publishes scenarios)")
    submit = SubmitField("Save changes")


class PasswordLinkForm(FlaskForm):
    submit = SubmitField("Give a link to set a new password")


ANY = ""
NO_TEAM = "none"


class UserFilterForm(FlaskForm):
    """The users page's search, read from the query string; no CSRF since nothing changes."""

    class Meta:
        csrf = False

    q = StringField("Name or e-mail", validators=[Optional(), Length(max=254)])
    role = SelectField("Role", choices=[SelectChoice(ANY, "Any role"), *ROLE_CHOICES],
                       validators=[Optional()])
    team = SelectField("Team", validators=[Optional()])


class MoveTraineeForm(FlaskForm):
    mentor_id = SelectField("Mentor", coerce=db_int)
    submit = SubmitField("Move")


class HandOverTeamForm(FlaskForm):
    successor_id = SelectField("New mentor", coerce=db_int)
    submit = SubmitField("Hand over the team")
