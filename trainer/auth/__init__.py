"""Signing in and out, and each user's own account."""

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__)


def init_app(app: Flask) -> None:
    from trainer.auth import recovery_routes, routes  # noqa: F401 (attaches the views to bp)
    from trainer.mail import mail_configured

    app.register_blueprint(bp)
    app.jinja_env.globals["mail_configured"] = mail_configured
