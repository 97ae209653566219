"""Who may see what, decided in one place.

Every view carries exactly one access rule: `public`, `signed_in`, `roles(...)`,
`allowed_when(check)` or `authors`. The factory refuses to start when a view has none, so a new
route cannot forget to decide. A rule that pages share (who may see item statistics) is one
small `may_...` function here, used by the view's rule and by the pages that link to the view.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort
from flask_login import current_user

from trainer.answers import wants_json
from trainer.auth.models import Role, User
from trainer.extensions import login_manager

View = TypeVar("View", bound=Callable[..., Any])
ACCESS_ATTRIBUTE = "access_rule"


def _mark(view: View, rule: str) -> View:
    setattr(view, ACCESS_ATTRIBUTE, rule)
    return view


def public(view: View) -> View:
    """Open to everyone, signed in or not."""
    return _mark(view, "public")


def _guard(view: View, allows: Callable[[User], bool] | None, rule: str) -> View:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            if wants_json():
                abort(401)
            return login_manager.unauthorized()
        if allows is not None and not allows(current_user):
            abort(403)
        return view(*args, **kwargs)

    return _mark(wrapper, rule)  # type: ignore[arg-type]


def signed_in(view: View) -> View:
    """Any signed-in user; anonymous visitors are sent to the sign-in page."""
    return _guard(view, None, "signed_in")


def roles(*allowed: Role) -> Callable[[View], View]:
    """Only these roles; others get 403, anonymous visitors the sign-in page."""
    names = ",".join(sorted(allowed))
    permitted = frozenset(allowed)

    def decorate(view: View) -> View:
        return _guard(view, lambda user: user.role in permitted, f"roles:{names}")

    return decorate


def allowed_when(check: Callable[[User], bool]) -> Callable[[View], View]:
    """Only signed-in users for whom `check(user)` is true; others get 403, anonymous visitors
    the sign-in page."""

    def decorate(view: View) -> View:
        return _guard(view, check, f"check:{check.__name__}")

    return decorate


def may_see_item_statistics(user: User) -> bool:
    """A scenario's item statistics are for the people who judge scenarios: mentors and
    admins."""
    return user.role in (Role.MENTOR, Role.ADMIN)


def authors(view: View) -> View:
    """Only users an admin made authors (mentors and admins); others get 403."""
    return _guard(view, lambda user: user.is_author, "authors")


def ensure_every_view_has_a_rule(app: Flask) -> None:
    """Fail at start-up when a route was added without an access rule."""
    missing = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static" and not hasattr(view, ACCESS_ATTRIBUTE)
    ]
    if missing:
        raise RuntimeError(f"views without an access rule: {', '.join(sorted(missing))}")
