"""Setting a new password through a one-time link, and asking for one by e-mail."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user

from trainer.access import public
from trainer.auth import bp
from trainer.auth.forms import ForgotPasswordForm, SetPasswordForm
from trainer.auth.password_links import email_link, link_for_token, set_password_with
from trainer.auth.services import AccountError, normalise_email
from trainer.extensions import limiter
from trainer.mail import mail_configured, send_after

LINK_SENT = (
    "If an active account uses that address, a link to set a new password is on its way. "
    "It works once, for a limited time; check your spam folder if it does not arrive."
)
SIGN_IN_AGAIN = "Your new password is set and every other sign-in is ended. Sign in with it."


def _reset_account_key() -> str:
    return "reset-account:" + normalise_email(request.form.get("email", ""))


def _link_not_valid():
    return render_template("auth/link_invalid.html"), 404


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["RESET_LIMIT_PER_IP"], methods=["POST"])
@limiter.limit(
    lambda: current_app.config["RESET_LIMIT_PER_ACCOUNT"],
    methods=["POST"],
    key_func=_reset_account_key,
)
def forgot_password():
    """Without mail the page says whom to ask; with it, the answer is the same whether the
    address has an account or not (every request counts against the limits)."""
    if current_user.is_authenticated:
        return redirect(url_for("auth.password"))
    if not mail_configured():
        return render_template("auth/forgot_password.html", form=None)
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        message = email_link(form.email.data)
        flash(LINK_SENT, "info")
        response = redirect(url_for("auth.login"))
        if message is not None:
            send_after(response, message)
        return response
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/set/<token>", methods=["GET", "POST"])
@public
def set_password(token: str):
    """One page for both kinds of link: an admin's and an e-mailed one."""
    link = link_for_token(token)
    if link is None:
        return _link_not_valid()
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            done = set_password_with(link, form.new.data)
        except AccountError as error:
            form.new.errors.append(str(error))
        else:
            if not done:
                return _link_not_valid()
            logout_user()
            session.clear()
            flash(SIGN_IN_AGAIN, "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/set_password.html", form=form, user=link.user)
