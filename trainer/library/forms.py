from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import Optional


class CatalogueFilterForm(FlaskForm):
    """Filters read from the query string; no CSRF since nothing changes."""

    class Meta:
        csrf = False

    domain = SelectField("Domain", validators=[Optional()])
    persona = SelectField("Customer", validators=[Optional()])
    difficulty = SelectField("Difficulty", validators=[Optional()])
    channel = SelectField("Channel", validators=[Optional()])


class StatisticsFilterForm(FlaskForm):
    """The version the item statistics are limited to, from the query string."""

    class Meta:
        csrf = False

    version = SelectField("Version", validators=[Optional()])
