"""Input no view can take is refused at the edge with a clear 400, before any database query."""

from __future__ import annotations

import pytest

from tests.helpers import csrf_token, text_of
from trainer.auth.models import Role

REFUSED = "contains a NUL character"


def test_nul_in_a_sign_in_field_is_refused_before_sign_in(client, users):
    token = csrf_token(client, "/login")
    response = client.post(
        "/login", data={"csrf_token": token, "email": "a\x00@b.c", "password": "whatever"}
    )
    assert response.status_code == 400
    assert REFUSED in text_of(response)


@pytest.mark.parametrize("path", [
    "/verify/abc%00def",
    "/test/%00%ff",
    "/verify?code=abc%00def",
    "/login?next=/home%00",
    "/login?a%00=1",
])
def test_nul_in_the_address_is_refused(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert REFUSED in text_of(response)


def test_nul_in_a_signed_in_form_is_refused_as_json_for_the_script(client, login_as):
    login_as(Role.TRAINEE)
    response = client.post(
        "/practice/attempts/1/reply", data={"text": "hello\x00"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert REFUSED in response.get_json()["message"]
