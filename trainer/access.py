"""Who may see what, decided in one place.

Every view carries exactly one access rule: `public`, `signed_in`, `roles(...)` or `authors`.
The factory refuses to start when a view has none, so a new route cannot forget to decide.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort
from flask_login import current_user

from trainer.answers import wants_json
from trainer.auth.models import Role
from trainer.extensions import login_manager

View = TypeVar("View", bound=Callable[..., Any])
ACCESS_ATTRIBUTE = "access_rule"


def _mark(view: View, rule: str) -> View:
    setattr(view, ACCESS_ATTRIBUTE, rule)
    return view


def public(view: View) -> View:
    """Open to everyone, signed in or not."""
    return _mark(view, "public")


def _guard(view: View, allowed: Callable[[Any], bool] | None, rule: str) -> View:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            if wants_json():
                abort(401)
            return login_manager.unauthorized()
        if allowed is not None and not allowed(current_user):
            abort(403)
        return view(*args, **kwargs)

    return _mark(wrapper, rule)  # type: ignore[arg-type]


def signed_in(view: View) -> View:
    """Any signed-in user; anonymous visitors are sent to the sign-in page."""
    return _guard(view, None, "signed_in")


def roles(*allowed: Role) -> Callable[[View], View]:
    """Only these roles; others get 403, anonymous visitors the sign-in page."""
    names = ",".join(sorted(allowed))

    def decorate(view: View) -> View:
        return _guard(view, lambda user: user.role in allowed, f"roles:{names}")

    return decorate


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
