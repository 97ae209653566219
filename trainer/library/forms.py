from flask_wtf import FlaskForm
from wtforms import SearchField, SelectField
from wtforms.validators import Length, Optional

SEARCH_MAX_CHARS = 100


class CatalogueFilterForm(FlaskForm):
    """Filters, search and order read from the query string; no CSRF since nothing changes."""

    class Meta:
        csrf = False

    q = SearchField("Search", validators=[Optional(), Length(
        max=SEARCH_MAX_CHARS, message=f"Search for at most {SEARCH_MAX_CHARS} characters."
    )])
    domain = SelectField("Domain", validators=[Optional()])
    persona = SelectField("Customer", validators=[Optional()])
    difficulty = SelectField("Difficulty", validators=[Optional()])
    channel = SelectField("Channel", validators=[Optional()])
    sort = SelectField("Sort by", validators=[Optional()])


class StatisticsFilterForm(FlaskForm):
    """The version the item statistics are limited to, from the query string."""

    class Meta:
        csrf = False

    version = SelectField("Version", validators=[Optional()])
