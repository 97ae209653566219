"""Numbers past what the database holds, files for text fields and control characters in
`next`: a 404 or a 400, never a 500 from inside a query or a header."""

from __future__ import annotations

import io

import pytest

from tests.helpers import PASSWORD, csrf_token, start_practice, text_of
from trainer.auth.models import Role
from trainer.bounds import MAX_DB_INT
from trainer.edge import FILE_REFUSED

TOO_BIG = [str(MAX_DB_INT + 1), str(2**63), str(2**64 + 5)]


@pytest.mark.parametrize("number", TOO_BIG)
def test_ids_past_the_database_range_are_not_found(client, login_as, number):
    login_as(Role.TRAINEE)
    assert client.get(f"/practice/attempts/{number}").status_code == 404
    assert client.get(f"/practice/attempts/{number}/transcript").status_code == 404


def test_the_largest_id_the_database_holds_is_an_ordinary_missing_page(client, login_as):
    login_as(Role.TRAINEE)
    assert client.get(f"/practice/attempts/{MAX_DB_INT}").status_code == 404


@pytest.mark.parametrize(("role", "path"), [
    (Role.TRAINEE, "/practice/history"), (Role.MENTOR, "/review"),
])
def test_page_numbers_past_the_range_are_not_found_and_unreadable_ones_are_the_first(
    client, login_as, role, path
):
    login_as(role)
    assert client.get(f"{path}?page={2**63}").status_code == 404
    assert client.get(f"{path}?page=abc").status_code == 200
    assert client.get(f"{path}?page=-3").status_code == 200


def test_an_out_of_range_id_in_a_query_string_or_form_is_an_invalid_choice(client, login_as):
    login_as(Role.ADMIN)
    assert client.get(f"/calibration/sessions/new?attempt={2**63}").status_code == 200
    token = csrf_token(client, "/calibration/sessions/new")
    response = client.post("/calibration/sessions/new", data={
        "csrf_token": token, "title": "Round", "attempt_id": str(2**63), "mentor_ids": str(2**40),
    })
    assert response.status_code == 422  # the form again, with what is wrong


def test_a_form_field_sent_as_a_file_is_refused(app, client, login_as, library):
    trainee = login_as(Role.TRAINEE)
    attempt = start_practice(app, trainee, "hosting-shop-outage")
    token = csrf_token(client, f"/practice/attempts/{attempt.id}")
    response = client.post(
        f"/practice/attempts/{attempt.id}/reply",
        data={"csrf_token": token, "step_id": attempt.current_step,
              "text": (io.BytesIO(b"hello"), "reply.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert FILE_REFUSED in text_of(response)


@pytest.mark.parametrize("next_url", ["/home%0d%0aSet-Cookie:x=1", "/home%0aX", "/home%09"])
def test_a_next_address_with_control_characters_goes_home(client, users, next_url):
    token = csrf_token(client, "/login")
    response = client.post(f"/login?next={next_url}", data={
        "csrf_token": token, "email": users[Role.TRAINEE].email, "password": PASSWORD,
    })
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"
