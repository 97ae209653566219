from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from trainer.progress.services import MAX_REASON_CHARS


class RevokeForm(FlaskForm):
    reason = TextAreaField(
        "Reason for revoking",
        validators=[
            DataRequired(message="Write the reason: it is kept with the certificate."),
            Length(max=MAX_REASON_CHARS),
        ],
        description="Kept with the certificate; the public verification page only says "
        "\"revoked\".",
    )
    submit = SubmitField("Revoke certificate")
