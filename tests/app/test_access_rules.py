"""The access rules as decorators, applied in the test itself.

tests/app/test_access_matrix.py checks every shipped route; its views were decorated when the
app was imported. These tests decorate fresh views, so a change to the rules themselves (who is
let in, what an anonymous browser or a script is told, the rule's name) shows here too.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask_login import login_user
from werkzeug.exceptions import Forbidden, Unauthorized

from trainer.access import (
    ACCESS_ATTRIBUTE,
    allowed_when,
    ensure_every_view_has_a_rule,
    public,
    roles,
    signed_in,
)
from trainer.auth.models import Role, User
from trainer.database import db

JSON = {"Accept": "application/json"}


def page(*args, **kwargs) -> str:
    """A view that says what it was called with."""
    return f"page {args} {sorted(kwargs.items())}"


@pytest.fixture
def call_as(app, users):
    """Call a decorated view in a request by `who` (None: nobody signed in)."""

    def call(view, who: Role | None, headers=None, *args, **kwargs):
        with app.test_request_context("/somewhere", headers=headers or {}):
            if who is not None:
                login_user(db.session.get(User, users[who].id))
            return view(*args, **kwargs)

    return call


@pytest.mark.parametrize("who", list(Role))
def test_roles_let_in_only_the_named_roles(call_as, who):
    view = roles(Role.MANAGER, Role.ADMIN)(page)
    if who in (Role.MANAGER, Role.ADMIN):
        assert call_as(view, who, None, 7, slug="x") == "page (7,) [('slug', 'x')]"
    else:
        with pytest.raises(Forbidden):
            call_as(view, who)


def is_manager(user: User) -> bool:
    return user.role is Role.MANAGER


@pytest.mark.parametrize("who", list(Role))
def test_allowed_when_lets_in_whoever_the_check_accepts(call_as, who):
    view = allowed_when(is_manager)(page)
    if who is Role.MANAGER:
        assert call_as(view, who, None, 3) == "page (3,) []"
    else:
        with pytest.raises(Forbidden):
            call_as(view, who)


@pytest.mark.parametrize("who", list(Role))
def test_signed_in_lets_in_every_role(call_as, who):
    assert call_as(signed_in(page), who, None, 1) == "page (1,) []"


@pytest.mark.parametrize("rule", [signed_in, roles(Role.TRAINEE), allowed_when(is_manager)],
                         ids=["signed_in", "roles", "allowed_when"])
def test_an_anonymous_browser_is_sent_to_sign_in_and_a_script_gets_401(call_as, rule):
    view = rule(page)
    response = call_as(view, None)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    with pytest.raises(Unauthorized):
        call_as(view, None, JSON)


def test_public_views_are_left_as_they_are(call_as):
    def view() -> str:
        return "for everyone"

    assert public(view) is view and call_as(view, None) == "for everyone"


def test_each_rule_is_named_on_its_view():
    assert getattr(public(lambda: None), ACCESS_ATTRIBUTE) == "public"
    assert getattr(signed_in(page), ACCESS_ATTRIBUTE) == "signed_in"
    both = roles(Role.MENTOR, Role.ADMIN)(page)
    assert getattr(both, ACCESS_ATTRIBUTE) == "roles:admin,mentor"
    assert both.__name__ == "page"  # Flask names the endpoint after it
    assert getattr(allowed_when(is_manager)(page), ACCESS_ATTRIBUTE) == "check:is_manager"


def test_an_app_with_a_view_without_a_rule_refuses_to_start():
    app = Flask(__name__)
    app.add_url_rule("/open", "open", public(lambda: "open"))
    ensure_every_view_has_a_rule(app)  # `static` needs no rule
    app.add_url_rule("/b", "zeta", lambda: "b")
    app.add_url_rule("/a", "alpha", lambda: "a")
    with pytest.raises(RuntimeError, match=r"^views without an access rule: alpha, zeta$"):
        ensure_every_view_has_a_rule(app)
