from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user

from trainer.access import public, signed_in
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
    return {"status": "ok"}
