from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from trainer.auth.services import MIN_PASSWORD_LENGTH, PASSWORD_TOO_SHORT


def new_password_field(label: str, **kwargs) -> PasswordField:
    """A field for choosing a password, held to the same rule everywhere."""
    too_short = Length(min=MIN_PASSWORD_LENGTH, max=200, message=PASSWORD_TOO_SHORT)
    return PasswordField(label, validators=[DataRequired(), too_short], **kwargs)


def repeat_password_field() -> PasswordField:
    return PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("new", message="The two new passwords differ.")],
    )


class LoginForm(FlaskForm):
    email = StringField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    remember = BooleanField("Keep me signed in on this device")
    submit = SubmitField("Sign in")


class PasswordChangeForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=200)])
    new = new_password_field("New password")
    confirm = repeat_password_field()
    submit = SubmitField("Change password")


class SetPasswordForm(FlaskForm):
    new = new_password_field("New password")
    confirm = repeat_password_field()
    submit = SubmitField("Set password")


class ForgotPasswordForm(FlaskForm):
    email = StringField("E-mail", validators=[DataRequired(), Length(max=254)])
    submit = SubmitField("E-mail me a link")
