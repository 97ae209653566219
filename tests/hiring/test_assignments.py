"""The manager's side: creating and editing assignments, inviting, revoking, re-issuing."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest

from tests.helpers import CandidateBrowser, candidate_row, invite_to, post_form
from trainer.auth.models import Role
from trainer.database import db, now_utc
from trainer.hiring.models import Candidate, HiringAssignment
from trainer.library.catalogue import get_current_version_or_404
from trainer.library.models import ScenarioVersion

LINK = re.compile(r'value="(http://localhost/test/[A-Za-z0-9_-]{22})"')


def candidate_id(app) -> int:
    with app.app_context():
        return db.session.execute(db.select(Candidate.id)).scalar_one()


def version_id(app, slug: str) -> int:
    with app.app_context():
        return get_current_version_or_404(slug).id


def assignment_form(app, **changes) -> dict:
    expires = (now_utc() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "title": "Tier 1 hiring", "instructions": "Be yourself.", "selection": "fixed",
        "version_ids": [version_id(app, "hosting-ssl-expired")], "time_limit_minutes": "30",
        "expires_at": expires, "pass_overall": "70", "pass_each_dimension": "60",
        "pass_max_violations": "0", "blind": "y",
        **{f"draw_{level}": "0" for level in range(1, 6)},
    }
    return form | changes


@pytest.fixture
def manager(client, login_as, library):
    login_as(Role.MANAGER)
    return client


def test_a_manager_creates_an_assignment_and_invites_a_candidate(app, manager):
    response = post_form(manager, "/hiring/new", assignment_form(app), token_from="/hiring/new")
    assert response.status_code == 302
    assignment_id = int(response.headers["Location"].rsplit("/", 1)[1])
    invited = post_form(manager, f"/hiring/{assignment_id}/invite",
                        {"name": "Grace Hopper", "email": "Grace@Example.com"},
                        token_from=f"/hiring/{assignment_id}")
    # Post, redirect, get: reloading the page that shows the link does not invite again.
    assert invited.status_code == 302
    assert invited.headers["Location"] == f"/hiring/{assignment_id}"
    html = manager.get(invited.headers["Location"]).get_data(as_text=True)
    assert "shown only once" in html and "send this link to the candidate yourself" in html
    token = LINK.search(html).group(1).rsplit("/", 1)[1]
    with app.app_context():
        candidate = db.session.execute(db.select(Candidate)).scalar_one()
        assert candidate.email == "grace@example.com"
        assert candidate.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert candidate.plan == [version_id(app, "hosting-ssl-expired")]
    # Only right after the invitation: the assignment page never shows the link again (a reload
    # neither), and in blind mode it does not link the name to the candidate's results.
    listing = manager.get(f"/hiring/{assignment_id}").get_data(as_text=True)
    assert token not in listing and "Grace Hopper" in listing and "shown only once" not in listing
    assert f"/hiring/candidates/{candidate_id(app)}\"" not in listing
    assert CandidateBrowser(app, token).get().status_code == 200


@pytest.mark.parametrize(("changes", "message"), [
    ({"title": ""}, "Give the assignment a title."),
    ({"version_ids": []}, "Choose at least one scenario."),
    ({"time_limit_minutes": "2"}, "The time limit is 5 to 480 minutes."),
    ({"expires_at": "2001-01-01T10:00"}, "The expiry date must be in the future."),
    ({"selection": "pool", "draw_1": "3"}, "fewer than the 3 to draw"),
    ({"selection": "pool"}, "Draw at least one scenario."),
    ({"pass_overall": "101"}, "Give a score from 0 to 100."),
])
def test_bad_assignment_input_is_refused_with_a_message_and_kept(app, manager, changes, message):
    form = assignment_form(app, instructions="My careful instructions.", **changes)
    response = post_form(manager, "/hiring/new", form, token_from="/hiring/new")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert "My careful instructions." in html
    with app.app_context():
        assert db.session.execute(db.select(HiringAssignment)).first() is None


def test_a_second_invitation_of_the_same_address_is_refused(app, manager, make_assignment):
    assignment_id = make_assignment()
    invite_to(app, assignment_id, email="ada@example.com")
    response = post_form(manager, f"/hiring/{assignment_id}/invite",
                         {"name": "Ada again", "email": "ADA@example.com"},
                         token_from=f"/hiring/{assignment_id}")
    assert response.status_code == 422
    assert "already invited to this assignment" in response.get_data(as_text=True)
    assert "Ada again" in response.get_data(as_text=True)


def test_revoking_stops_the_link_and_reissuing_gives_a_new_one(app, manager, make_assignment):
    assignment_id = make_assignment()
    invited = invite_to(app, assignment_id)
    browser = CandidateBrowser(app, invited.token)
    browser.start()
    browser.send("Hello, thanks for waiting. I am checking your certificate now.")
    post_form(manager, f"/hiring/candidates/{invited.id}/revoke", {},
              token_from=f"/hiring/{assignment_id}")
    refused = browser.get("/play")
    assert refused.status_code == 410
    assert "This link was withdrawn" in refused.get_data(as_text=True)
    page = post_form(manager, f"/hiring/candidates/{invited.id}/reissue", {},
                     token_from=f"/hiring/{assignment_id}", follow_redirects=True)
    new_token = LINK.search(page.get_data(as_text=True)).group(1).rsplit("/", 1)[1]
    assert page.request.path == f"/hiring/{assignment_id}"  # a reload does not re-issue
    assert new_token != invited.token
    old = browser.get("/play")
    assert old.status_code == 404 and "This link does not work" in old.get_data(as_text=True)
    # The started test goes on with the new link: the reply sent before is still there.
    resumed = CandidateBrowser(app, new_token).get("/play").get_data(as_text=True)
    assert "I am checking your certificate now." in resumed
    assert candidate_row(app, invited.id).revoked_at is None


def test_a_manager_sees_only_their_own_assignments(app, client, users, make_user,
                                                  make_assignment):
    from tests.helpers import login

    other = make_user(Role.MANAGER, "other@example.com")
    theirs = make_assignment(owner=other)
    invited = invite_to(app, theirs)
    login(client, users[Role.MANAGER].email)
    for path in (f"/hiring/{theirs}", f"/hiring/{theirs}/results", f"/hiring/{theirs}/edit",
                 f"/hiring/candidates/{invited.id}", f"/hiring/{theirs}/export.csv"):
        assert client.get(path).status_code == 404, path
    assert "Support agent test" not in client.get("/hiring").get_data(as_text=True)
    admin = app.test_client()
    login(admin, users[Role.ADMIN].email)
    assert admin.get(f"/hiring/{theirs}").status_code == 200
    assert "Support agent test" in admin.get("/hiring").get_data(as_text=True)


def test_scenarios_and_time_limit_are_locked_once_a_candidate_started(app, manager,
                                                                      make_assignment):
    assignment_id = make_assignment()
    CandidateBrowser(app, invite_to(app, assignment_id).token).start()
    form = assignment_form(app, time_limit_minutes="90", title="Renamed")
    response = post_form(manager, f"/hiring/{assignment_id}/edit", form,
                         token_from=f"/hiring/{assignment_id}/edit")
    assert response.status_code == 422
    assert "A candidate has started" in response.get_data(as_text=True)
    with app.app_context():
        assignment = db.session.get(HiringAssignment, assignment_id)
        assert (assignment.title, assignment.time_limit_minutes) == ("Support agent test", 30)


def test_a_new_link_is_shown_once_on_its_own_assignment_page(app, manager, make_assignment):
    first, second = make_assignment(), make_assignment()
    post_form(manager, f"/hiring/{first}/invite", {"name": "Ada", "email": "ada@example.com"},
              token_from=f"/hiring/{first}")
    assert not LINK.search(manager.get(f"/hiring/{second}").get_data(as_text=True))
    assert LINK.search(manager.get(f"/hiring/{first}").get_data(as_text=True))
    assert not LINK.search(manager.get(f"/hiring/{first}").get_data(as_text=True))


def test_the_form_keeps_a_pinned_version_the_catalogue_has_replaced(app, manager,
                                                                    make_assignment):
    assignment_id = make_assignment(slugs=("hosting-ssl-expired",))
    with app.app_context():
        old = get_current_version_or_404("hosting-ssl-expired")
        new = ScenarioVersion(
            scenario_id=old.scenario_id, version=old.version + 1, content_hash="0" * 64,
            title=old.title, domain=old.domain, persona=old.persona, channel=old.channel,
            difficulty=old.difficulty, step_count=old.step_count, body=old.body,
            source_path=old.source_path)
        db.session.add(new)
        db.session.flush()
        old.scenario.current_version_id = new.id
        db.session.commit()
        old_id, new_id, old_version = old.id, new.id, old.version
    page = manager.get(f"/hiring/{assignment_id}/edit").get_data(as_text=True)
    ticked = {int(value) for attrs, value in re.findall(
        r'<input([^>]*name="version_ids"[^>]*value="(\d+)"[^>]*)>', page) if "checked" in attrs}
    assert ticked == {old_id} and f'value="{new_id}"' in page
    assert f"older version {old_version}" in page
