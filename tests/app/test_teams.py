"""Admins find users by name, e-mail, role and team, and reshape the mentors' teams."""

from __future__ import annotations

import re

import pytest

from tests.helpers import post_form, text_of
from trainer.auth.models import Role, User
from trainer.database import db

_EMAIL_CELL = re.compile(r"<td>([^<@]+@[^<]+)</td>")


def mentor_of(app, account) -> int | None:
    with app.app_context():
        return db.session.get(User, account.id).mentor_id


def listed(client, query: str) -> list[str]:
    """The e-mails in the users table for this query string."""
    page = client.get(f"/admin/users?{query}").get_data(as_text=True)
    return sorted(set(_EMAIL_CELL.findall(page)))


@pytest.fixture
def second_team(make_user, users):
    """A second mentor with one trainee, and a trainee without a mentor."""
    mentor = make_user(Role.MENTOR, "omar@example.com")
    return {
        "mentor": mentor,
        "trainee": make_user(Role.TRAINEE, "lena@example.com", mentor=mentor),
        "loner": make_user(Role.TRAINEE, "solo_1%@example.com"),
    }


@pytest.mark.parametrize(("query", "expected"), [
    ("q=LENA", ["lena@example.com"]),
    ("q=omar%40", ["omar@example.com"]),
    ("q=_1%25", ["solo_1%@example.com"]),
    ("q=%25", ["solo_1%@example.com"]),
    ("role=mentor", ["mentor@example.com", "omar@example.com"]),
    ("team=none", ["solo_1%@example.com"]),
    ("team=MENTOR", ["mentor@example.com", "trainee@example.com"]),
    ("team=MENTOR&role=trainee", ["trainee@example.com"]),
    ("q=example&role=manager", ["manager@example.com"]),
    ("q=nobody", []),
    ("role=overlord", ["admin@example.com", "lena@example.com", "manager@example.com",
                       "mentor@example.com", "omar@example.com", "solo_1%@example.com",
                       "trainee@example.com"]),
])
def test_users_are_searched_and_filtered(client, users, second_team, login_as, query, expected):
    login_as(Role.ADMIN)
    query = query.replace("MENTOR", str(users[Role.MENTOR].id))
    assert listed(client, query) == expected


def test_an_admin_moves_a_trainee_to_another_team_and_out_of_every_team(
        app, client, users, second_team, login_as):
    login_as(Role.ADMIN)
    trainee, omar = users[Role.TRAINEE], second_team["mentor"]
    field = f"trainee-{trainee.id}-mentor_id"
    response = post_form(client, f"/admin/teams/trainees/{trainee.id}", {field: omar.id},
                         token_from="/admin/teams", follow_redirects=True)
    assert f"{trainee.name} is now in {omar.name}'s team." in text_of(response)
    assert mentor_of(app, trainee) == omar.id
    post_form(client, f"/admin/teams/trainees/{trainee.id}", {field: 0},
              token_from="/admin/teams")
    assert mentor_of(app, trainee) is None


@pytest.mark.parametrize(("who", "target", "message"), [
    ("trainee", "manager", "Choose the mentor to move Trainee to"),
    ("manager", "mentor", "is not a trainee"),
])
def test_moves_that_break_the_team_rules_are_refused(app, client, users, login_as, who,
                                                     target, message):
    login_as(Role.ADMIN)
    moved, mentor = users[Role(who)], users[Role(target)]
    response = post_form(client, f"/admin/teams/trainees/{moved.id}",
                         {f"trainee-{moved.id}-mentor_id": mentor.id},
                         token_from="/admin/teams", follow_redirects=True)
    assert message in text_of(response)
    assert mentor_of(app, moved) == moved.mentor_id


def test_an_admin_hands_a_whole_team_to_another_mentor(app, client, users, second_team,
                                                       login_as):
    login_as(Role.ADMIN)
    maya, omar = users[Role.MENTOR], second_team["mentor"]
    response = post_form(client, f"/admin/teams/{omar.id}/hand-over",
                         {f"team-{omar.id}-successor_id": maya.id},
                         token_from="/admin/teams", follow_redirects=True)
    assert f"{maya.name} now mentors 1 more trainee, from {omar.name}'s team." in text_of(response)
    assert mentor_of(app, second_team["trainee"]) == maya.id
    assert mentor_of(app, users[Role.TRAINEE]) == maya.id


def test_a_team_cannot_be_handed_to_its_own_mentor_or_a_non_mentor(app, client, users,
                                                                   second_team, login_as):
    login_as(Role.ADMIN)
    omar = second_team["mentor"]
    for successor in (omar, users[Role.MANAGER]):
        response = post_form(client, f"/admin/teams/{omar.id}/hand-over",
                             {f"team-{omar.id}-successor_id": successor.id},
                             token_from="/admin/teams", follow_redirects=True)
        assert "Choose the mentor who takes over" in text_of(response)
    assert mentor_of(app, second_team["trainee"]) == omar.id


def test_the_teams_page_offers_every_move(client, users, second_team, login_as):
    login_as(Role.ADMIN)
    page = text_of(client.get("/admin/teams"))
    assert f"Move {users[Role.TRAINEE].name} to" in page
    assert f"Hand {second_team['mentor'].name}'s team to" in page
    assert "Trainees without a mentor" in page and "Solo_1%" in page


def test_the_teams_page_costs_the_same_queries_for_a_bigger_team(app, client, users, make_user,
                                                                login_as, query_budget):
    login_as(Role.ADMIN)
    client.get("/admin/teams")
    with query_budget(20) as small:
        client.get("/admin/teams")
    for _ in range(5):
        make_user(Role.TRAINEE, mentor=users[Role.MENTOR])
        make_user(Role.MENTOR)
    with query_budget(20) as big:
        assert client.get("/admin/teams").status_code == 200
    assert len(big) == len(small)
