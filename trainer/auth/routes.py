from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from trainer.access import public, signed_in
from trainer.auth import bp
from trainer.auth.forms import LoginForm, PasswordChangeForm
from trainer.auth.services import (
    AccountError,
    authenticate,
    change_password,
    end_session,
    normalise_email,
    start_session,
)
from trainer.demo import DEMO_DISABLED, demo_refused
from trainer.extensions import limiter

LOGIN_FAILED = "That e-mail and password do not match an active account."


def safe_next_url(target: str | None) -> str:
    """Only same-site paths are followed after sign-in; anything else goes home (a control
    character such as CR or LF cannot even go into the Location header)."""
    if not target or target.startswith(("//", "\\")) or "\\" in target or not target.isprintable():
        return url_for("main.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return url_for("main.home")
    return target


def _account_key() -> str:
    return "login-account:" + normalise_email(request.form.get("email", ""))


def _signed_in_account_key() -> str:
    return f"password-check:{current_user.id}"


def _failed(response) -> bool:
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_IP"], methods=["POST"], deduct_when=_failed
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    methods=["POST"],
    key_func=_account_key,
    deduct_when=_failed,
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        if demo_refused(normalise_email(form.email.data)):
            flash(DEMO_DISABLED, "error")
            return render_template("auth/login.html", form=form), 200
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            flash(LOGIN_FAILED, "error")
            return render_template("auth/login.html", form=form), 200
        next_url = safe_next_url(request.args.get("next"))
        session.clear()
        start_session(user, remember=form.remember.data)
        login_user(user, remember=form.remember.data)
        flash(f"Welcome, {user.name}.", "success")
        return redirect(next_url)
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    end_session(current_user.get_id())
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
@limiter.limit(
    lambda: current_app.config["PASSWORD_CHECK_LIMIT"],
    methods=["POST"],
    key_func=_signed_in_account_key,
    deduct_when=_failed,
)
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            change_password(user, form.current.data, form.new.data)
        except AccountError as error:
            form.current.errors.append(str(error))
        else:
            session.clear()
            start_session(user)
            login_user(user)
            flash("Your password is changed; other devices are signed out.", "success")
            return redirect(url_for("main.home"))
    return render_template("auth/password.html", form=form)
