from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from trainer.auth.forms import new_password_field
from trainer.auth.models import Role
from trainer.bounds import db_int

ROLE_CHOICES = [SelectChoice(role.value, role.label) for role in Role]
NO_MENTOR = 0


class _AccountFields(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.TRAINEE.value)
    mentor_id = SelectField("Mentor (trainees only)", coerce=db_int, default=NO_MENTOR)


class UserCreateForm(_AccountFields):
    email = StringField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = new_password_field(
        "Initial password",
        description="Share it with the person; they can change it under Account.",
    )
    submit = SubmitField("Create account")


class UserEditForm(_AccountFields):
    active = BooleanField("Active (can sign in)")
    can_author = BooleanField("Author (mentors and admins: writes and publishes scenarios)")
    submit = SubmitField("Save changes")
