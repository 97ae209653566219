"""Who may author, creating drafts, the loader's problems on their lines, autosave conflicts."""

from __future__ import annotations

import re

import pytest

from tests.authoring.examples import copied_draft, make_author
from tests.helpers import csrf_token, post_form, signed_in, text_of
from trainer.auth.models import Role, User
from trainer.authoring.models import ScenarioDraft
from trainer.database import db

BROKEN = "id: broken-one\nversion: 1\ntitle: Broken\nsteps:\n  - id: opening\n    customer: Hi\n"


def _json_post(client, path: str, body: dict, token_from: str):
    token = csrf_token(client, token_from)
    return client.post(path, json=body, headers={"X-CSRFToken": token,
                                                 "Accept": "application/json"})


def _draft(app, draft_id: int) -> ScenarioDraft:
    with app.app_context():
        draft = db.session.get(ScenarioDraft, draft_id)
        db.session.expunge(draft)
        return draft


def test_admin_grants_and_revokes_authoring_to_a_mentor(app, users, library):
    admin = signed_in(app, users[Role.ADMIN])
    mentor = users[Role.MENTOR]
    form = {
        "name": mentor.name, "email": mentor.email, "role": "mentor", "mentor_id": "0",
        "active": "y",
    }
    post_form(admin, f"/admin/users/{mentor.id}", {**form, "can_author": "y"})
    client = signed_in(app, mentor)
    assert "Authoring" in text_of(client.get("/home"))
    assert "Versions and editing" in text_of(client.get("/scenarios/hosting-shop-outage"))
    assert client.get("/authoring/").status_code == 200
    post_form(admin, f"/admin/users/{mentor.id}", form)
    assert "Authoring" not in text_of(client.get("/home"))
    assert client.get("/authoring/").status_code == 403


def test_a_trainee_cannot_be_made_an_author(app, users):
    admin = signed_in(app, users[Role.ADMIN])
    trainee = users[Role.TRAINEE]
    response = post_form(admin, f"/admin/users/{trainee.id}", {
        "name": trainee.name, "email": trainee.email, "role": "trainee", "mentor_id": "0",
        "active": "y",
        "can_author": "y"})
    assert "Only mentors and admins can be authors" in text_of(response)
    with app.app_context():
        assert not db.session.get(User, trainee.id).can_author


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.MANAGER, Role.ADMIN])
def test_nobody_but_authors_sees_drafts(app, users, library, role):
    draft_id = copied_draft(app, users[Role.MENTOR])
    client = signed_in(app, users[role])
    for path in ("/authoring/", f"/authoring/drafts/{draft_id}",
                 f"/authoring/drafts/{draft_id}/map", f"/authoring/drafts/{draft_id}/try"):
        assert client.get(path).status_code == 403, path
    assert "Authoring" not in text_of(client.get("/home"))


def test_a_blank_draft_loads_as_it_is(author):
    response = post_form(author, "/authoring/drafts/new", {"source": ""}, token_from="/authoring/")
    page = author.get(response.headers["Location"])
    assert "Loads: no errors" in text_of(page)


def test_a_copy_holds_the_scenario_file(app, author):
    response = post_form(author, "/authoring/drafts/new", {"source": "hosting-shop-outage"},
                         token_from="/authoring/")
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with open("scenarios/web-hosting/hosting-shop-outage.yaml", encoding="utf-8") as file:
        assert _draft(app, draft_id).text == file.read()


def test_check_reports_the_loaders_errors_on_their_lines(app, users, author):
    draft_id = copied_draft(app, users[Role.MENTOR])
    page = f"/authoring/drafts/{draft_id}"
    response = _json_post(author, f"{page}/check", {"text": BROKEN}, page)
    data = response.get_json()
    assert response.status_code == 200 and data["loads"] is False
    messages = {problem["message"]: problem["line"] for problem in data["problems"]}
    assert any("domain" in message for message in messages), messages
    assert all(line is not None for line in messages.values())
    unclosed = _json_post(author, f"{page}/check", {"text": "id: x\ntitle: [open\n"}, page)
    [problem] = unclosed.get_json()["problems"]
    assert problem["line"] == 2 and "never closed" in problem["message"]


def test_autosave_keeps_both_texts_on_a_conflict(app, users, author, make_user):
    second = make_user(Role.ADMIN, "second-admin@example.com")
    make_author(app, second)
    other = signed_in(app, second)
    draft_id = copied_draft(app, users[Role.MENTOR])
    page = f"/authoring/drafts/{draft_id}"
    first = _json_post(author, f"{page}/autosave", {"text": "mine: 1\n", "revision": 1}, page)
    assert first.status_code == 200 and first.get_json()["revision"] == 2
    stale = _json_post(other, f"{page}/autosave", {"text": "theirs: 1\n", "revision": 1}, page)
    assert stale.status_code == 409
    answer = stale.get_json()
    assert answer["text"] == "mine: 1\n" and answer["revision"] == 2
    assert "saved this draft meanwhile" in answer["error"]
    assert _draft(app, draft_id).text == "mine: 1\n"
    # Choosing to write over theirs sends the revision the conflict answered.
    again = _json_post(other, f"{page}/autosave", {"text": "theirs: 1\n", "revision": 2}, page)
    assert again.status_code == 200 and _draft(app, draft_id).text == "theirs: 1\n"


def test_the_plain_form_keeps_the_typed_text_on_a_conflict(app, users, author):
    draft_id = copied_draft(app, users[Role.MENTOR])
    page = f"/authoring/drafts/{draft_id}"
    _json_post(author, f"{page}/autosave", {"text": "newer: 1\n", "revision": 1}, page)
    response = post_form(author, page, {"text": "typed: here\n", "revision": "1"})
    assert response.status_code == 409
    assert "typed: here" in response.get_data(as_text=True)
    assert re.search(r'name="revision"[^>]*value="2"', response.get_data(as_text=True))
    assert _draft(app, draft_id).text == "newer: 1\n"


def test_a_broken_draft_is_saved_as_typed(app, users, author):
    draft_id = copied_draft(app, users[Role.MENTOR])
    page = f"/authoring/drafts/{draft_id}"
    response = post_form(author, page, {"text": BROKEN, "revision": "1"})
    assert response.status_code == 302
    assert _draft(app, draft_id).text == BROKEN
    shown = text_of(author.get(page))
    assert "error" in shown and "cannot be tried or published" in shown


def test_a_nul_or_a_missing_revision_is_refused_and_nothing_is_lost(app, users, author):
    draft_id = copied_draft(app, users[Role.MENTOR])
    before = _draft(app, draft_id).text
    page = f"/authoring/drafts/{draft_id}"
    nul = _json_post(author, f"{page}/autosave", {"text": "id: a\x00b\n", "revision": 1}, page)
    assert nul.status_code == 400 and "NUL" in nul.get_json()["message"]
    response = post_form(author, page, {"text": "typed: kept\n", "revision": "soon"})
    assert response.status_code == 422 and "typed: kept" in response.get_data(as_text=True)
    assert _draft(app, draft_id).text == before
