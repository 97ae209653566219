"""The scenario library: imported scenario versions and the catalogue."""

from flask import Blueprint, Flask

bp = Blueprint("library", __name__, url_prefix="/scenarios")


def init_app(app: Flask) -> None:
    from trainer.library import routes  # noqa: F401 (attaches the views to bp)

    app.register_blueprint(bp)
