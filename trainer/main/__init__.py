"""Each role's home page and the pages every signed-in user shares."""

from flask import Blueprint, Flask

bp = Blueprint("main", __name__)


def init_app(app: Flask) -> None:
    from trainer.main import routes  # noqa: F401 (attaches the views to bp)

    app.register_blueprint(bp)
