from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from trainer.access import public, signed_in
from trainer.database import db
from trainer.main import bp
from trainer.main.whats_next import remember_visit, whats_next


@bp.route("/")
@public
def index():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return render_template("main/index.html")


@bp.route("/home")
@signed_in
def home():
    """What to do next and what changed since the previous visit, which this one replaces."""
    since = current_user.home_seen_at
    page = whats_next(current_user, since)
    remember_visit(current_user)
    return render_template("main/home.html", home=page, since=since)


@bp.route("/healthz")
@public
def health():
    """Liveness: the process answers (restart it when it does not)."""
    return {"status": "ok"}


@bp.route("/readyz")
@public
def ready():
    """Readiness: the database answers too (send no traffic here while it does not)."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}
