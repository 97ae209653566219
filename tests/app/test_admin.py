from __future__ import annotations

import pytest

from tests.helpers import PASSWORD, login, post_form
from trainer.auth.models import Role, User
from trainer.database import db


def account(app, email: str) -> User:
    with app.app_context():
        user = db.session.execute(db.select(User).where(User.email == email)).scalar_one()
        db.session.expunge(user)
        return user


def new_account_form(**overrides) -> dict:
    form = {"email": "new.hire@example.com", "name": "New Hire", "role": "trainee",
            "mentor_id": 0, "password": "first password 1"}
    return {**form, **overrides}


def edit_form(user, **overrides) -> dict:
    """The edit form as the page fills it for `user`, with `overrides`; active="" unticks."""
    form = {"email": user.email, "name": user.name, "role": user.role.value,
            "mentor_id": user.mentor_id or 0, "active": "y"}
    return {name: value for name, value in {**form, **overrides}.items() if value != ""}


def test_admin_creates_a_trainee_in_a_mentors_team(app, client, users, login_as):
    login_as(Role.ADMIN)
    mentor = users[Role.MENTOR]
    response = post_form(client, "/admin/users/new", new_account_form(mentor_id=mentor.id))
    assert response.status_code == 302
    created = account(app, "new.hire@example.com")
    assert created.role is Role.TRAINEE and created.mentor_id == mentor.id
    assert login(app.test_client(), "new.hire@example.com", "first password 1").status_code == 302
    team_page = client.get("/admin/teams").get_data(as_text=True)
    assert "New Hire" in team_page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "trainee@example.com"}, "already exists"),
        ({"email": "not-an-email"}, "is not a valid e-mail address"),
        ({"password": "short"}, "at least 10 characters"),
        ({"role": "manager", "mentor_id": "MENTOR"}, "Only trainees belong to a mentor"),
        ({"role": "overlord"}, "Not a valid choice"),
        ({"name": ""}, "This field is required"),
    ],
)
def test_admin_create_errors_are_clear_and_keep_the_input(client, users, login_as, overrides,
                                                          message):
    login_as(Role.ADMIN)
    if overrides.get("mentor_id") == "MENTOR":
        overrides["mentor_id"] = users[Role.MENTOR].id
    response = post_form(client, "/admin/users/new", new_account_form(**overrides))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    if overrides.get("name", "x"):
        assert 'value="New Hire"' in page


def test_admin_changes_role_and_team(app, client, users, login_as):
    login_as(Role.ADMIN)
    trainee = users[Role.TRAINEE]
    response = post_form(client, f"/admin/users/{trainee.id}",
                         edit_form(trainee, name="Promoted", role="mentor", mentor_id=0))
    assert response.status_code == 302
    changed = account(app, trainee.email)
    assert changed.role is Role.MENTOR and changed.mentor_id is None and changed.name == "Promoted"


def test_demoting_a_mentor_releases_their_team(app, client, users, login_as):
    login_as(Role.ADMIN)
    mentor = users[Role.MENTOR]
    post_form(client, f"/admin/users/{mentor.id}", edit_form(mentor, role="manager"))
    assert account(app, users[Role.TRAINEE].email).mentor_id is None


def test_admin_cannot_remove_their_own_admin_access(app, client, users, login_as):
    admin = login_as(Role.ADMIN)
    response = post_form(client, f"/admin/users/{admin.id}", edit_form(admin, active=""))
    assert "cannot remove your own administrator access" in response.get_data(as_text=True)
    assert account(app, admin.email).active


def test_unknown_user_is_404(client, users, login_as):
    login_as(Role.ADMIN)
    assert client.get("/admin/users/99999").status_code == 404


def test_users_filter_by_role(client, users, login_as):
    login_as(Role.ADMIN)
    page = client.get("/admin/users?role=mentor").get_data(as_text=True)
    assert "mentor@example.com" in page and "trainee@example.com" not in page


def test_cli_creates_and_lists_users(app, runner, users):
    result = runner.invoke(
        args=["users", "create", "--email", "Lead@Example.com", "--role", "mentor",
              "--name", "Lead"],
        input="a long enough secret\na long enough secret\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created mentor lead@example.com" in result.output
    listing = runner.invoke(args=["users", "list"]).output
    assert "lead@example.com\tmentor\tactive\tLead" in listing
    assert "trainee@example.com\ttrainee\tactive\tTrainee mentor=mentor@example.com" in listing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "trainee@example.com", "--role", "admin"], "already exists"),
        (["--email", "x@example.com", "--role", "wizard"], "Invalid value for '--role'"),
        (["--email", "x@example.com", "--role", "trainee", "--mentor", "no@example.com"],
         "No account with the e-mail no@example.com"),
    ],
)
def test_cli_create_errors(runner, users, args, message):
    result = runner.invoke(args=["users", "create", *args, "--password", PASSWORD])
    assert result.exit_code != 0
    assert message in result.output


def test_first_admin_comes_from_the_cli(app, runner):
    result = runner.invoke(args=["users", "create", "--email", "boss@example.com", "--role",
                                 "admin", "--password", PASSWORD])
    assert result.exit_code == 0
    assert login(app.test_client(), "boss@example.com").status_code == 302
