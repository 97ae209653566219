from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user

from trainer.access import public, signed_in
from trainer.main import bp


@bp.route("/")
@public
def index():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return render_template("main/index.html")


@bp.route("/home")
@signed_in
def home():
    return render_template("main/home.html")


@bp.route("/healthz")
@public
def health():
    return {"status": "ok"}
