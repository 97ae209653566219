"""Signing in and out, and each user's own account."""

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__)


def init_app(app: Flask) -> None:
    from trainer.auth import routes  # noqa: F401 (attaches the views to bp)

    app.register_blueprint(bp)
