"""The shared form macro: a field's errors sit in one element that the field points to, however
many there are, so assistive technology reads them with the field."""

from __future__ import annotations

import re

from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import Length, Regexp

FIELD = '{% from "_forms.html" import field %}{{ field(form.name) }}{{ field(form.agree) }}'


class _Form(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name", validators=[Length(min=5), Regexp(r"^[a-z]+$")])
    agree = BooleanField("I agree")


def rendered(app, errors: bool) -> str:
    with app.test_request_context(method="POST", data={"name": "A1"}):
        form = _Form()
        if errors:
            form.validate()
            form.agree.errors.append("Tick it to go on.")
        return render_template_string(FIELD, form=form)


def test_every_error_of_a_field_is_in_the_one_element_it_points_to(app):
    html = rendered(app, errors=True)
    assert re.findall(r'id="(\w+-error)"', html) == ["name-error", "agree-error"]
    assert re.search(r'<input[^>]*aria-describedby="name-error"[^>]*aria-invalid="true"'
                     r'[^>]*id="name"', html)
    assert re.search(r'<input[^>]*aria-describedby="agree-error"[^>]*aria-invalid="true"', html)
    error_block = re.search(r'<div id="name-error">(.*?)</div>', html).group(1)
    assert error_block.count('class="error"') == 2


def test_a_field_without_errors_points_nowhere(app):
    html = rendered(app, errors=False)
    assert "aria-describedby" not in html and "-error" not in html
    assert 'aria-invalid="false"' in html
