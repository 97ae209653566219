"""Mentor review: corrected grades and comments beside the frozen machine grade, with an audit.

Its models are read by progress, so importing the package loads no views: `init_app` does.
"""

from flask import Blueprint, Flask

bp = Blueprint("review", __name__, url_prefix="/review")


def init_app(app: Flask) -> None:
    from trainer.review import routes  # noqa: F401 (attaches the views to bp)

    app.register_blueprint(bp)
